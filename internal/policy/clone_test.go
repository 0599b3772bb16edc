package policy_test

import (
	"reflect"
	"testing"

	"standing/internal/policy"
)

// TestParseLeavesItsBaseAlone: a what-if run parses its settings over the
// settings in force (API.md simulations: "nothing is changed"), so Parse
// must not decode into the base's maps and slices, accepted or refused.
func TestParseLeavesItsBaseAlone(t *testing.T) {
	base := policy.Defaults()
	base.WebhookAllowHosts = []string{"127.0.0.1"}
	base.SignalPreviousSecrets = []string{"old-secret-0123456789abcdef"}
	address := base.NearMatch.Fields["address"]
	fields := len(base.NearMatch.Fields)
	for _, in := range []string{
		`{"near_match": {"fields": {"address": {"m": [0.5, 0.25, 0.25], "u": [0.5, 0.25, 0.25]}}}}`,
		`{"near_match": {"fields": {"not_a_field": {}}}}`,
		`{"webhook_allow_hosts": ["169.254.169.254"], "signal_previous_secrets": ["x"]}`,
	} {
		policy.Parse(base, []byte(in))
	}
	if base.NearMatch.Fields["address"] != address || len(base.NearMatch.Fields) != fields {
		t.Fatalf("Parse changed its base's M9 fields: %v", base.NearMatch.Fields)
	}
	if base.WebhookAllowHosts[0] != "127.0.0.1" || base.SignalPreviousSecrets[0] != "old-secret-0123456789abcdef" {
		t.Fatalf("Parse changed its base's slices: %v %v", base.WebhookAllowHosts, base.SignalPreviousSecrets)
	}
}

// TestCloneSharesNothing: every map and slice of the settings, however
// deep, is copied by Clone (a field added later is caught here).
func TestCloneSharesNothing(t *testing.T) {
	s := policy.Defaults()
	s.WebhookAllowHosts = []string{"a"}
	s.SignalPreviousSecrets = []string{"b"}
	c := s.Clone()
	var walk func(path string, a, b reflect.Value)
	walk = func(path string, a, b reflect.Value) {
		switch a.Kind() {
		case reflect.Map, reflect.Slice:
			if a.Len() == 0 {
				t.Errorf("%s is empty in the test settings: fill it so that its copy is checked", path)
			} else if a.UnsafePointer() == b.UnsafePointer() {
				t.Errorf("Clone shares %s", path)
			}
		case reflect.Pointer:
			if !a.IsNil() && a.Pointer() == b.Pointer() {
				t.Errorf("Clone shares %s", path)
			}
		case reflect.Struct:
			for i := range a.NumField() {
				if a.Type().Field(i).IsExported() {
					walk(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
				}
			}
		}
	}
	walk("Settings", reflect.ValueOf(s), reflect.ValueOf(c))
}
