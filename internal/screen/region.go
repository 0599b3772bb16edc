package screen

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// InRegion normalizes phone findings written without a country code to
// E.164 for region (the writer's country, ISO alpha-2) where the number is
// valid there (C4: "E.164 where a country can be inferred"). Other findings
// are returned as they are.
func InRegion(fs []Finding, region string) []Finding {
	if region == "" {
		return fs
	}
	for i, f := range fs {
		if f.Category != Phone || strings.HasPrefix(f.Normalized, "+") {
			continue
		}
		n, err := phonenumbers.Parse(f.Normalized, strings.ToUpper(region))
		if err == nil && phonenumbers.IsValidNumber(n) {
			fs[i].Normalized = phonenumbers.Format(n, phonenumbers.E164)
		}
	}
	return fs
}
