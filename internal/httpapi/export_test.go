package httpapi

// RequestBodies are request body values of a few routes, for the decode
// fuzz.
func RequestBodies() []any {
	return []any{&signupInput{}, &verificationInput{}, &caseInput{}, &hoursInput{}}
}
