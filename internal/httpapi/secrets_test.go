package httpapi_test

import (
	"strings"
	"testing"

	"standing/internal/apitest"
	"standing/internal/policy"
)

// TestSettingsNeverShowSecrets: the policy view and a what-if run answer
// with the settings in force, and neither carries the signal secret or the
// metrics token.
func TestSettingsNeverShowSecrets(t *testing.T) {
	const token = "metrics-token-0123456789abcdef"
	e := apitest.Start(t, apitest.OpenSQLite(t), func(s *policy.Settings) { s.MetricsToken = token })
	secret := e.Svc.Settings().SignalSecret
	for _, r := range []apitest.Resp{
		e.I("GET", "/v1/policies", nil).Want(t, 200),
		e.S("POST", "/v1/policies/simulations", map[string]any{"settings": map[string]any{}}).Want(t, 201),
	} {
		for _, s := range []string{token, secret} {
			if strings.Contains(string(r.Raw), s) {
				t.Fatalf("a secret is shown: %s", r.Raw)
			}
		}
	}
}
