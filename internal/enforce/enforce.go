// Package enforce decides what follows a violation (POLICY.md section 5):
// the tier of a rule, the strike ladder, the notice (statement of reasons)
// with its plain-language text, and the support case. Pure functions of
// the facts and the settings; the service applies what they return.
package enforce

import (
	"fmt"
	"time"

	"standing/internal/policy"
)

// Actions a notice can report (API.md notice object).
const (
	Warning       = "warning"
	Restriction   = "restriction"
	Suspension    = "suspension"
	Ban           = "ban"
	Reinstatement = "reinstatement"
	AppealDenied  = "appeal_denied"
	Closure       = "closure"
	ReviewCase    = "case" // not a notice action: the decision is left to staff
)

// Effect is what a violation leads to.
type Effect struct {
	Action    string     // warning, restriction, suspension, ban, case
	Rule      string     // the rule applied
	Strike    bool       // a strike is recorded (serious tier)
	RespondBy *time.Time // suspension deadline (E1)
	Reason    string     // why, in plain language
}

// Violation is a rule broken by an account, with what detected it.
type Violation struct {
	Rule      string
	High      bool // detection confidence is high (V3)
	Automated bool
}

// Decide returns the effect of a violation for an account that already has
// activeStrikes strikes in the strike window (POLICY.md section 5 tiers).
func Decide(v Violation, activeStrikes int, now time.Time, s policy.Settings) Effect {
	r, _ := policy.Lookup(v.Rule)
	switch {
	case v.Rule == "V3" && !v.High:
		return Effect{Action: ReviewCase, Rule: v.Rule, Reason: "possible bulk unsolicited messages, for staff review"}
	case r.Tier == policy.Severe:
		return Effect{Action: Ban, Rule: v.Rule, Reason: r.Title}
	case r.Tier == policy.Serious:
		return Ladder(v.Rule, activeStrikes, now, s)
	case r.Tier == policy.Reviewed:
		return Effect{Action: ReviewCase, Rule: v.Rule, Reason: r.Title + ", for staff review"}
	}
	return Effect{Action: Restriction, Rule: v.Rule, Reason: r.Title}
}

// Ladder is the serious tier: the strike being recorded is number
// activeStrikes+1 in the window; the 1st warns, the 2nd suspends with a
// deadline, the 3rd bans.
func Ladder(rule string, activeStrikes int, now time.Time, s policy.Settings) Effect {
	r, _ := policy.Lookup(rule)
	switch n := activeStrikes + 1; {
	case n == 1:
		return Effect{Action: Warning, Rule: rule, Strike: true, Reason: "first strike: " + r.Title}
	case n == 2:
		by := now.Add(s.RespondBy.D())
		return Effect{Action: Suspension, Rule: rule, Strike: true, RespondBy: &by, Reason: "second strike within 12 months: " + r.Title}
	default:
		return Effect{Action: Ban, Rule: rule, Strike: true, Reason: fmt.Sprintf("strike %d within 12 months: %s", n, r.Title)}
	}
}

// Evidence is one fact behind a notice: a span of text, a link, a signal kind.
type Evidence struct {
	Type     string   `json:"type"` // text_span, link, object
	Ref      string   `json:"ref,omitempty"`
	Field    string   `json:"field,omitempty"`
	Category string   `json:"category,omitempty"`
	Start    int      `json:"start,omitempty"`
	End      int      `json:"end,omitempty"`
	Text     string   `json:"text,omitempty"`
	Signals  []string `json:"signals,omitempty"`
	Score    float64  `json:"score,omitempty"`
}

// Notice is a statement of reasons (E2), as API.md's notice object plus
// what the service needs to undo it on appeal.
type Notice struct {
	ID                 string     `json:"id"`
	AccountID          string     `json:"account_id"`
	Action             string     `json:"action"`
	Rule               string     `json:"rule"`
	Summary            string     `json:"summary"`
	Facts              string     `json:"facts"`
	Evidence           []Evidence `json:"evidence"`
	AutomatedDetection bool       `json:"automated_detection"`
	AutomatedDecision  bool       `json:"automated_decision"`
	Remedy             string     `json:"remedy"`
	RespondBy          *time.Time `json:"respond_by"`
	AppealUntil        time.Time  `json:"appeal_until"`
	CreatedAt          time.Time  `json:"created_at"`
	Capability         string     `json:"capability,omitempty"`   // the restriction, when action is restriction
	EndsAt             *time.Time `json:"ends_at,omitempty"`      // end of a temporary restriction
	ContentDate        *time.Time `json:"content_date,omitempty"` // when the offending content was written
	ContentType        string     `json:"content_type,omitempty"` // text, profile, message ...
	PriorStatus        string     `json:"prior_status,omitempty"`
	StrikeID           string     `json:"strike_id,omitempty"`
	Monetary           bool       `json:"monetary,omitempty"` // a fraud hold
}

// Remedy tells the member how to put things right under a rule.
func Remedy(rule, action string) string {
	switch rule {
	case "I1", "I2":
		return "Complete identity verification (name, address, phone and a government ID document); the restriction or hold is lifted at once."
	case "I3":
		return "Accounts are for adults. You may appeal once you are 18."
	case "V5", "V10":
		return "Keep payment and work on the platform for 24 months after first meeting a client here; remove any request to pay outside it."
	case "V6":
		return "Remove contact details from profiles, proposals, job posts and first messages; share them only inside a contract."
	case "V7":
		return "Ask for honest reviews only; do not ask for or reward a positive one."
	case "V9":
		return "Remove the infringing material."
	case "V1":
		return "Tell support which account you keep; the others will be closed."
	}
	if action == Warning {
		return "No action is needed now; further violations within 12 months lead to suspension."
	}
	return "Contact support if you believe this is a mistake."
}

// Summary says in one sentence what was decided.
func Summary(action, rule string) string {
	r, _ := policy.Lookup(rule)
	title := r.Title
	if title == "" {
		title = rule
	}
	switch action {
	case Warning:
		return fmt.Sprintf("Warning under rule %s (%s).", rule, title)
	case Restriction:
		return fmt.Sprintf("Part of your account is restricted under rule %s (%s).", rule, title)
	case Suspension:
		return fmt.Sprintf("Your account is suspended under rule %s (%s).", rule, title)
	case Ban:
		return fmt.Sprintf("Your account is permanently suspended under rule %s (%s).", rule, title)
	case Reinstatement:
		return fmt.Sprintf("Your account is reinstated; the decision under rule %s was reversed.", rule)
	case AppealDenied:
		return fmt.Sprintf("Your appeal against the decision under rule %s was denied.", rule)
	case Closure:
		return "Your account is closed."
	}
	return action
}
