// Package policy owns the rules of POLICY.md: their ids and tiers, and every
// number an operator may change, with its default in exactly one place.
package policy

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
)

// Version names the policy text these settings implement; every audit event
// records it so a decision can be traced to the rules in force at the time.
const Version = "2026-11-01"

// Duration is a time.Duration that reads and writes as text: Go durations
// ("36h") or whole days ("7d"), since most policy periods are stated in days.
type Duration time.Duration

// D returns the value as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// Words says the duration as a member reads it in a notice: "5 years" for
// whole years from three on, "12 months" or "24 months" for one or two
// years and other whole 30-day months, else days, else hours.
func (d Duration) Words() string {
	td := time.Duration(d)
	day := 24 * time.Hour
	if td < day || td%day != 0 {
		return plural(int64(td/time.Hour), "hour")
	}
	days := int64(td / day)
	switch {
	case days%365 == 0 && days >= 3*365:
		return plural(days/365, "year")
	case days%365 == 0:
		return plural(days/365*12, "month")
	case days%30 == 0:
		return plural(days/30, "month")
	}
	return plural(days, "day")
}

func plural(n int64, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.FormatInt(n, 10) + " " + unit + "s"
}

// MarshalJSON writes whole days as "Nd" and anything else as a Go duration.
func (d Duration) MarshalJSON() ([]byte, error) {
	td := time.Duration(d)
	if td%(24*time.Hour) == 0 && td != 0 {
		return json.Marshal(fmt.Sprintf("%dd", td/(24*time.Hour)))
	}
	return json.Marshal(td.String())
}

// UnmarshalJSON accepts "7d" or any time.ParseDuration form.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errors.New(`want a duration such as "7d" or "36h"`)
	}
	v, err := ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// maxDays is the most whole days a time.Duration can hold (about 292 years).
const maxDays = int64(math.MaxInt64 / int64(24*time.Hour))

// ParseDuration reads "7d" as seven days and anything else as
// time.ParseDuration. It refuses what a time.Duration cannot represent
// (rather than letting "213504d" wrap around to minutes) and negative
// durations: no period of the policy runs backwards.
func ParseDuration(s string) (time.Duration, error) {
	var v time.Duration
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.ParseInt(n, 10, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return 0, fmt.Errorf("duration %q: want whole days such as \"7d\"", s)
		}
		if err != nil || days > maxDays || days < -maxDays {
			return 0, fmt.Errorf("duration %q: more than the %d days a duration can hold", s, maxDays)
		}
		v = time.Duration(days) * 24 * time.Hour
	} else {
		var err error
		if v, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("duration %q: %w", s, err)
		}
	}
	if v < 0 {
		return 0, fmt.Errorf("duration %q: must not be negative", s)
	}
	return v, nil
}

// Settings holds every tunable number of POLICY.md. Defaults() is the only
// place defaults live; a config file overrides any subset of them.
type Settings struct {
	VerificationDeadline Duration `json:"verification_deadline"` // I2
	MinimumAge           int      `json:"minimum_age"`           // I3

	StrikeLife          Duration `json:"strike_life"`            // serious tier
	RespondBy           Duration `json:"respond_by"`             // 2nd strike suspension deadline
	AppealWindow        Duration `json:"appeal_window"`          // E3
	PayoutHold          Duration `json:"payout_hold"`            // E4
	SecurityPeriod      Duration `json:"security_period"`        // pending -> available
	NonCircumvention    Duration `json:"non_circumvention"`      // V5/V10 24 months
	RefusedAttempts     int      `json:"refused_attempts"`       // C3: refusals in the window that make a V6 strike
	RefusedWindow       Duration `json:"refused_window"`         // C3
	CaseDueBusinessDays int      `json:"case_due_business_days"` // section 9

	SpamWindow           Duration `json:"spam_window"`            // V3 sliding window
	SpamMediumRecipients int      `json:"spam_medium_recipients"` // distinct first contacts with near-duplicate bodies
	SpamHighRecipients   int      `json:"spam_high_recipients"`
	SpamDailyRecipients  int      `json:"spam_daily_recipients"` // first contacts a day that alone mean medium
	SpamSimilarity       float64  `json:"spam_similarity"`       // Jaccard estimate counted as near-duplicate

	ReactivationWindow Duration `json:"reactivation_window"` // L8
	DormantAfter       Duration `json:"dormant_after"`       // L9
	DormantGrace       Duration `json:"dormant_grace"`       // L9
	ErasureAfter       Duration `json:"erasure_after"`       // L10

	VisibilityPlatformDelay Duration `json:"visibility_platform_delay"` // P2
	VisibilitySearchDelay   Duration `json:"visibility_search_delay"`   // P2
	BasicMonthlyConnects    int      `json:"basic_monthly_connects"`    // P3
	PlusMonthlyConnects     int      `json:"plus_monthly_connects"`     // P3
	PlusPriceCents          int64    `json:"plus_price_cents"`          // P3
	ConnectsCap             int      `json:"connects_cap"`              // P3
	ConnectsPriceMin        int      `json:"connects_price_min"`        // P3
	ConnectsPriceMax        int      `json:"connects_price_max"`        // P3
	SpecializedProfilesMax  int      `json:"specialized_profiles_max"`  // section 1

	JobSuccessFloor       int      `json:"job_success_floor"`        // M6
	ExceptionLookback     Duration `json:"exception_lookback"`       // M6: no violation in this window
	TopRatedJobSuccess    int      `json:"top_rated_job_success"`    // R2
	TopRatedEarningsCents int64    `json:"top_rated_earnings_cents"` // R2
	TopRatedClean         Duration `json:"top_rated_clean"`          // R2: no strike in this window
	BadgeLoss             Duration `json:"badge_loss"`               // R3

	LinkStrongScore    float64   `json:"link_strong_score"`    // M3/M4: score from which a link counts as strong
	LinkCommonAccounts int       `json:"link_common_accounts"` // a value shared by more accounts than this loses weight
	NearMatch          NearMatch `json:"near_match"`           // M9: Fellegi-Sunter probabilities and the review weight

	SignalSecret          string   `json:"signal_secret,omitempty"`           // HMAC key for the signal index
	SignalSecretFile      string   `json:"signal_secret_file,omitempty"`      // or a file holding it
	SignalPreviousSecrets []string `json:"signal_previous_secrets,omitempty"` // still matched during rotation

	BodyLimitBytes int64    `json:"body_limit_bytes"`
	IdempotencyTTL Duration `json:"idempotency_ttl"`

	// WebhookAllowHosts names hosts (as written in a webhook URL, such as
	// "127.0.0.1" or "hooks.internal") that may be reached over plain http
	// and at private addresses: tests and internal receivers. Any other
	// endpoint must be https to a public address.
	WebhookAllowHosts []string `json:"webhook_allow_hosts,omitempty"`

	// MetricsToken, when set, lets GET /metrics on the API's address answer
	// a request bearing it; unset, /metrics is only served on the separate
	// address of serve --metrics-addr.
	MetricsToken string `json:"metrics_token,omitempty"`
}

// Defaults returns the settings POLICY.md states.
func Defaults() Settings {
	day := func(n int) Duration { return Duration(time.Duration(n) * 24 * time.Hour) }
	return Settings{
		VerificationDeadline: day(7),
		MinimumAge:           18,

		StrikeLife:          day(365),
		RespondBy:           day(14),
		AppealWindow:        day(183),
		PayoutHold:          day(5),
		SecurityPeriod:      day(5),
		NonCircumvention:    day(730),
		RefusedAttempts:     3,
		RefusedWindow:       day(1),
		CaseDueBusinessDays: 2,

		SpamWindow:           Duration(time.Hour),
		SpamMediumRecipients: 10,
		SpamHighRecipients:   25,
		SpamDailyRecipients:  60,
		SpamSimilarity:       0.7,

		ReactivationWindow: day(5 * 365),
		DormantAfter:       day(730),
		DormantGrace:       day(30),
		ErasureAfter:       day(5 * 365),

		VisibilityPlatformDelay: day(1),
		VisibilitySearchDelay:   day(7),
		BasicMonthlyConnects:    10,
		PlusMonthlyConnects:     100,
		PlusPriceCents:          1499,
		ConnectsCap:             200,
		ConnectsPriceMin:        2,
		ConnectsPriceMax:        16,
		SpecializedProfilesMax:  2,

		JobSuccessFloor:       70,
		ExceptionLookback:     day(365),
		TopRatedJobSuccess:    90,
		TopRatedEarningsCents: 100000,
		TopRatedClean:         day(90),
		BadgeLoss:             day(183),

		LinkStrongScore:    0.8,
		LinkCommonAccounts: 20,
		NearMatch:          DefaultNearMatch(),

		BodyLimitBytes: 1 << 20,
		IdempotencyTTL: Duration(24 * time.Hour),
	}
}

// Load reads a JSON config file over the defaults and validates the result.
// An empty path gives the defaults.
func Load(path string) (Settings, error) {
	s := Defaults()
	if path == "" {
		return s, s.Validate()
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return s, fmt.Errorf("read config: %w", err)
	}
	s, errs := Parse(s, b)
	if len(errs) > 0 {
		return s, fmt.Errorf("config %s: %w", path, joinSettings(errs))
	}
	return s, nil
}

// Validate reports every setting that is out of range, all at once.
func (s Settings) Validate() error {
	var errs []error
	pos := func(name string, d Duration) {
		if d <= 0 {
			errs = append(errs, fmt.Errorf("%s must be positive", name))
		}
	}
	atLeast := func(name string, v, min int) {
		if v < min {
			errs = append(errs, fmt.Errorf("%s must be at least %d, got %d", name, min, v))
		}
	}
	pos("verification_deadline", s.VerificationDeadline)
	pos("strike_life", s.StrikeLife)
	pos("respond_by", s.RespondBy)
	pos("appeal_window", s.AppealWindow)
	pos("payout_hold", s.PayoutHold)
	pos("security_period", s.SecurityPeriod)
	pos("non_circumvention", s.NonCircumvention)
	pos("refused_window", s.RefusedWindow)
	pos("spam_window", s.SpamWindow)
	pos("reactivation_window", s.ReactivationWindow)
	pos("dormant_after", s.DormantAfter)
	pos("dormant_grace", s.DormantGrace)
	pos("erasure_after", s.ErasureAfter)
	pos("visibility_platform_delay", s.VisibilityPlatformDelay)
	pos("visibility_search_delay", s.VisibilitySearchDelay)
	pos("exception_lookback", s.ExceptionLookback)
	pos("top_rated_clean", s.TopRatedClean)
	pos("badge_loss", s.BadgeLoss)
	pos("idempotency_ttl", s.IdempotencyTTL)
	atLeast("minimum_age", s.MinimumAge, 1)
	atLeast("refused_attempts", s.RefusedAttempts, 1)
	atLeast("case_due_business_days", s.CaseDueBusinessDays, 1)
	atLeast("spam_medium_recipients", s.SpamMediumRecipients, 2)
	atLeast("spam_high_recipients", s.SpamHighRecipients, s.SpamMediumRecipients)
	atLeast("spam_daily_recipients", s.SpamDailyRecipients, 1)
	atLeast("basic_monthly_connects", s.BasicMonthlyConnects, 0)
	atLeast("plus_monthly_connects", s.PlusMonthlyConnects, 0)
	atLeast("connects_cap", s.ConnectsCap, 1)
	atLeast("connects_price_min", s.ConnectsPriceMin, 1)
	atLeast("connects_price_max", s.ConnectsPriceMax, s.ConnectsPriceMin)
	atLeast("specialized_profiles_max", s.SpecializedProfilesMax, 0)
	atLeast("link_common_accounts", s.LinkCommonAccounts, 2)
	if s.JobSuccessFloor < 0 || s.JobSuccessFloor > 100 {
		errs = append(errs, fmt.Errorf("job_success_floor must be 0..100, got %d", s.JobSuccessFloor))
	}
	if s.TopRatedJobSuccess < 0 || s.TopRatedJobSuccess > 100 {
		errs = append(errs, fmt.Errorf("top_rated_job_success must be 0..100, got %d", s.TopRatedJobSuccess))
	}
	if s.SpamSimilarity <= 0 || s.SpamSimilarity > 1 {
		errs = append(errs, fmt.Errorf("spam_similarity must be in (0,1], got %v", s.SpamSimilarity))
	}
	if s.LinkStrongScore <= 0 || s.LinkStrongScore > 1 {
		errs = append(errs, fmt.Errorf("link_strong_score must be in (0,1], got %v", s.LinkStrongScore))
	}
	errs = append(errs, s.NearMatch.validate()...)
	if s.PlusPriceCents < 0 {
		errs = append(errs, fmt.Errorf("plus_price_cents must not be negative, got %d", s.PlusPriceCents))
	}
	if s.TopRatedEarningsCents < 0 {
		errs = append(errs, fmt.Errorf("top_rated_earnings_cents must not be negative, got %d", s.TopRatedEarningsCents))
	}
	if s.BodyLimitBytes < 1024 {
		errs = append(errs, fmt.Errorf("body_limit_bytes must be at least 1024, got %d", s.BodyLimitBytes))
	}
	if s.MetricsToken != "" && len(s.MetricsToken) < 16 {
		errs = append(errs, errors.New("metrics_token must be at least 16 characters"))
	}
	if s.SignalSecret != "" && len(s.SignalSecret) < 16 {
		errs = append(errs, errors.New("signal_secret must be at least 16 characters"))
	}
	return errors.Join(errs...)
}

// MonthlyConnects is the P3 grant of a plan.
func (s Settings) MonthlyConnects(plan string) int {
	if plan == "plus" {
		return s.PlusMonthlyConnects
	}
	return s.BasicMonthlyConnects
}

// Public is the settings with their secrets left out: what GET /v1/policies
// shows, what a simulation answers with and what decisions record.
func (s Settings) Public() Settings {
	s.SignalSecret, s.SignalSecretFile, s.SignalPreviousSecrets, s.MetricsToken = "", "", nil, ""
	return s
}
