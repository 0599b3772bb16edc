package httpapi

// NewCaseInput is a request body of POST /v1/cases, for the decode fuzz.
func NewCaseInput() any { return &caseInput{} }
