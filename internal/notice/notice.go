// Package notice owns the statement of reasons of POLICY.md E2: its actions,
// its evidence and its plain-language summary and remedy. Pure data and text;
// enforce decides when a notice is issued and the service stores it.
package notice

import (
	"fmt"
	"strings"
	"time"

	"standing/internal/policy"
	"standing/internal/screen"
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
)

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
	Follows            string     `json:"follows,omitempty"`  // the notice this one follows from (an E1 ban follows its suspension)
	Monetary           bool       `json:"monetary,omitempty"` // a fraud hold
	// Reported: the decision answers a member's report (a notice under the
	// DSA), not the platform's own detection or staff's own initiative.
	Reported bool `json:"reported,omitempty"`
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

// Appealable reports whether a notice of this action decides against the
// member, so that it can be appealed (E3) and must say how (E2): a
// warning, a restriction, a suspension or a ban.
func Appealable(action string) bool {
	switch action {
	case Warning, Restriction, Suspension, Ban:
		return true
	}
	return false
}

// SayHowToAppeal ends the remedy of an appealable notice with how to appeal
// it (E2 "how to appeal", E3): until when, how, and that a person decides.
// It runs once the notice has its id and appeal window.
func (n *Notice) SayHowToAppeal() {
	if !Appealable(n.Action) || n.AppealUntil.IsZero() {
		return
	}
	which := "this notice"
	if n.ID != "" {
		which = "notice " + n.ID
	}
	how := "You may appeal this decision until " + n.AppealUntil.UTC().Format("2 January 2006") +
		": open an appeal naming " + which + "; a person, not a program, decides it."
	n.Remedy = strings.TrimSpace(n.Remedy + " " + how)
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
		if rule == "L8" { // a closed account brought back reverses no decision against the member
			return "Your account is reactivated under rule L8 (reactivation)."
		}
		return fmt.Sprintf("Your account is reinstated; the decision under rule %s was reversed.", rule)
	case AppealDenied:
		return fmt.Sprintf("Your appeal against the decision under rule %s was denied.", rule)
	case Closure:
		return "Your account is closed."
	}
	return action
}

// categoryWords name the screening categories (C1) in a member's words.
var categoryWords = map[string]string{
	"contact.email":           "an email address",
	"contact.phone":           "a phone number",
	"contact.url":             "a web address",
	"contact.handle":          "a messenger handle",
	"payment.off_platform":    "a request to pay outside the platform",
	"review.positive_request": "a request for a positive review",
	"spam.bulk":               "bulk unsolicited messages",
}

// Facts joins what happened with the evidence behind it into sentences a
// member can read: "Found an email address in the overview (bytes 10-31)."
func Facts(what string, ev []Evidence) string {
	if len(ev) == 0 {
		return what
	}
	var parts []string
	for i, e := range ev {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("%d more", len(ev)-5))
			break
		}
		switch e.Type {
		case "text_span":
			w := categoryWords[e.Category]
			if w == "" {
				w = strings.ReplaceAll(e.Category, "_", " ")
			}
			where := ""
			if e.Field != "" {
				where = " in the " + strings.ReplaceAll(e.Field, "_", " ")
			}
			parts = append(parts, fmt.Sprintf("%s%s (bytes %d-%d)", w, where, e.Start, e.End))
		case "link":
			parts = append(parts, fmt.Sprintf("%s shared with account %s", List(Words(e.Signals)), e.Ref))
		default:
			parts = append(parts, e.Ref)
		}
	}
	return strings.TrimSpace(what + " Found " + List(parts) + ".")
}

// Words writes snake_case names (signal kinds such as payment_instrument)
// as words; ids (acc_.., ntc_..) are never passed through it, so that a
// notice names other accounts and notices by their real ids.
func Words(names []string) []string {
	out := make([]string, len(names))
	for i, s := range names {
		out[i] = strings.ReplaceAll(s, "_", " ")
	}
	return out
}

// List joins items as an English list: "a", "a and b", "a, b and c". The
// items are used as they are (see Words).
func List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Spans turns screening findings (C4) into the text-span evidence of a
// notice: the category, the field and the bytes the member wrote.
func Spans(ref string, findings []screen.Finding) []Evidence {
	var ev []Evidence
	for _, f := range findings {
		ev = append(ev, Evidence{Type: "text_span", Ref: ref, Field: f.Field, Category: f.Category, Start: f.Start, End: f.End})
	}
	return ev
}

// Sentence ends a staff-written reason, which a member reads in a notice,
// with a full stop.
func Sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?") {
		return s
	}
	return s + "."
}
