package httpapi

import "standing/internal/service"

// The request bodies of sign-up, profile, signals and verification,
// converted into the service's plain commands.

// signupSignals are the signals observed at sign-up.
type signupSignals struct {
	IP                *string       `json:"ip"`
	DeviceID          *string       `json:"device_id"`
	Phone             *string       `json:"phone"`
	PaymentInstrument *string       `json:"payment_instrument"`
	DeviceTraits      *deviceTraits `json:"device_traits"`
}

// deviceTraits are signals.device_traits of a sign-up (M9).
type deviceTraits struct {
	UserAgent *string   `json:"user_agent"`
	Screen    *string   `json:"screen"`
	Timezone  *string   `json:"timezone"`
	Languages *[]string `json:"languages"`
	FontsHash *string   `json:"fonts_hash"`
}

// signupInput is the body of POST /v1/accounts.
type signupInput struct {
	ExternalID  *string        `json:"external_id"`
	Email       *string        `json:"email" req:"true"`
	Name        *string        `json:"name" req:"true"`
	Country     *string        `json:"country" req:"true"`
	DateOfBirth *string        `json:"date_of_birth"`
	Freelancer  *bool          `json:"freelancer" req:"true"`
	Client      *bool          `json:"client" req:"true"`
	Signals     *signupSignals `json:"signals"`
}

func (b *signupInput) command() service.SignupInput {
	in := service.SignupInput{ExternalID: b.ExternalID, Email: *b.Email, Name: *b.Name, Country: *b.Country,
		DateOfBirth: b.DateOfBirth, Freelancer: *b.Freelancer, Client: *b.Client}
	if sg := b.Signals; sg != nil {
		in.Signals = &service.SignupSignals{IP: sg.IP, DeviceID: sg.DeviceID, Phone: sg.Phone, PaymentInstrument: sg.PaymentInstrument}
		if d := sg.DeviceTraits; d != nil {
			in.Signals.DeviceTraits = &service.DeviceTraits{UserAgent: d.UserAgent, Screen: d.Screen, Timezone: d.Timezone,
				Languages: d.Languages, FontsHash: d.FontsHash}
		}
	}
	return in
}

// profileInput is the body of PUT /v1/accounts/{id}/profile.
type profileInput struct {
	Title           *string   `json:"title" req:"true"`
	Overview        *string   `json:"overview" req:"true"`
	HourlyRateCents *int64    `json:"hourly_rate_cents"`
	Skills          *[]string `json:"skills"`
}

func (b *profileInput) command() service.ProfileInput {
	return service.ProfileInput{Title: *b.Title, Overview: *b.Overview, HourlyRateCents: b.HourlyRateCents, Skills: listOf(b.Skills)}
}

// signalInput is the body of POST /v1/accounts/{id}/signals.
type signalInput struct {
	Kind  *string `json:"kind" req:"true"`
	Value *string `json:"value" req:"true"`
}

func (b *signalInput) command() service.SignalInput {
	return service.SignalInput{Kind: *b.Kind, Value: *b.Value}
}

// address is a postal address of a verification.
type address struct {
	Line1      *string `json:"line1" req:"true"`
	City       *string `json:"city" req:"true"`
	PostalCode *string `json:"postal_code" req:"true"`
	Country    *string `json:"country" req:"true"`
}

// iDDocument is the identity document of a verification (its component
// keeps the name IDDocument).
type iDDocument struct {
	Type    *string `json:"type" req:"true"`
	Country *string `json:"country" req:"true"`
	Number  *string `json:"number" req:"true"`
}

// verificationInput is the identity vendor's result, POST
// /v1/accounts/{id}/verification.
type verificationInput struct {
	LegalName   *string     `json:"legal_name" req:"true"`
	DateOfBirth *string     `json:"date_of_birth" req:"true"`
	Phone       *string     `json:"phone" req:"true"`
	Address     *address    `json:"address" req:"true"`
	IDDocument  *iDDocument `json:"id_document" req:"true"`
}

func (b *verificationInput) command() service.VerificationInput {
	a, d := b.Address, b.IDDocument
	return service.VerificationInput{LegalName: *b.LegalName, DateOfBirth: *b.DateOfBirth, Phone: *b.Phone,
		Address:    service.Address{Line1: *a.Line1, City: *a.City, PostalCode: *a.PostalCode, Country: *a.Country},
		IDDocument: service.IDDocument{Type: *d.Type, Country: *d.Country, Number: *d.Number}}
}
