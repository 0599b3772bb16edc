package identity

import "slices"

// KindInfo is everything the policy says about one kind of signal: its
// strength (M3), the evidence a shared value gives that two accounts are one
// person, whether the integration may report it after sign-up (M5), and how
// a raw value becomes canonical (M2). Adding a kind is one row of kinds.
type KindInfo struct {
	Name     string
	Strength Strength
	Weight   float64 // before common values are discounted (linkage.Weight)
	Reported bool    // accepted by POST /v1/accounts/{id}/signals and at sign-up
	Expect   string  // what a valid value looks like, for error messages
	canon    func(value, country string) ([]Signal, error)
}

// one wraps a canonicalizer of one value into one signal of kind.
func one(kind string, f func(value, country string) (string, error)) func(string, string) ([]Signal, error) {
	return func(v, country string) ([]Signal, error) {
		c, err := f(v, country)
		if err != nil {
			return nil, err
		}
		return []Signal{{Kind: kind, Value: c}}, nil
	}
}

func opaque(kind string) func(string, string) ([]Signal, error) {
	return one(kind, func(v, _ string) (string, error) { return CanonicalOpaque(kind, v) })
}

// kinds is the table of signal kinds, strongest evidence first.
var kinds = []KindInfo{
	{Name: IDDocument, Strength: Strong, Weight: 0.99},
	{Name: Email, Strength: Strong, Weight: 0.97, Reported: true, Expect: "an email address",
		canon: one(Email, func(v, _ string) (string, error) { return CanonicalEmail(v) })},
	{Name: PaymentInstrument, Strength: Strong, Weight: 0.95, Reported: true, Expect: "1 to 512 characters", canon: opaque(PaymentInstrument)},
	{Name: Phone, Strength: Strong, Weight: 0.93, Reported: true, Expect: "a valid phone number for the account's country",
		canon: one(Phone, CanonicalPhone)},
	{Name: NameDOB, Strength: Strong, Weight: 0.90},
	{Name: DeviceID, Strength: Medium, Weight: 0.60, Reported: true, Expect: "1 to 512 characters", canon: opaque(DeviceID)},
	{Name: Address, Strength: Medium, Weight: 0.50},
	{Name: IP, Strength: Weak, Weight: 0.15, Reported: true, Expect: "an IP address",
		canon: func(v, _ string) ([]Signal, error) { return IPSignals(v) }},
	{Name: IPPrefix, Strength: Weak, Weight: 0.05},
}

// Kind returns the table row of a kind.
func Kind(name string) (KindInfo, bool) {
	i := slices.IndexFunc(kinds, func(k KindInfo) bool { return k.Name == name })
	if i < 0 {
		return KindInfo{}, false
	}
	return kinds[i], true
}

// ReportedKinds are the kinds the integration may report, in table order.
func ReportedKinds() []string {
	var out []string
	for _, k := range kinds {
		if k.Reported {
			out = append(out, k.Name)
		}
	}
	return out
}

// Canonical turns a raw value of a reported kind into its canonical signals
// (an IP address also gives its prefix). country reads local phone numbers.
func (k KindInfo) Canonical(value, country string) ([]Signal, error) { return k.canon(value, country) }

// WeightOf is the table weight of a kind (0 for an unknown kind).
func WeightOf(kind string) float64 {
	k, _ := Kind(kind)
	return k.Weight
}

// StrengthOf returns M3's strength of a signal kind.
func StrengthOf(kind string) Strength {
	k, _ := Kind(kind)
	return k.Strength
}
