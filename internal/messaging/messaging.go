// Package messaging decides what happens to a message or an invitation
// (POLICY.md C2, C3, V3, V5, V6, V7): delivered, delivered with contact
// details masked, or held for a person; the strike that follows; whether
// first contacts add up to spam; and what a person's review of a held
// message does. Pure: the service screens the text, counts first contacts
// and applies the effects.
package messaging

import (
	"slices"
	"strings"
	"time"

	"standing/internal/account"
	"standing/internal/effect"
	"standing/internal/enforce"
	"standing/internal/notice"
	"standing/internal/policy"
	"standing/internal/problem"
	"standing/internal/screen"
)

// Statuses of a message.
const (
	Delivered = "delivered"
	Redacted  = "redacted"
	Held      = "held"
)

// Facts are what a message decision reads besides the text's findings.
type Facts struct {
	Invitation  bool      // invitations are screened like first messages (C2)
	Review      bool      // a review's text: only V7 applies (C2 does not list reviews)
	HasContract bool      // the pair has an active or past contract
	FirstMet    time.Time // when the pair first met on the platform (V5's 24 months)
	Now         time.Time
	Settings    policy.Settings
}

// Outcome is the decision on one message.
type Outcome struct {
	Status   string           // delivered, redacted or held
	Rule     string           // V5, V6 or V7 when a strike follows, else ""
	Evidence []screen.Finding // the findings behind the rule
	Body     string           // the body the recipient reads ("" when held)
	Reasons  []string
}

// Decide applies C2/C3 to a message's findings: payment outside the
// platform within 24 months of the pair meeting is held (V5); contact
// details where C2 forbids them are masked (V6); a request for a positive
// review is delivered with a strike (V7). One message earns at most one
// strike, the gravest. A review's text (f.Review) is published as written:
// asking there for a positive review, or offering something for one, is a
// V7 strike (API.md POST /v1/reviews, "V7/V8 apply").
func Decide(body string, findings []screen.Finding, f Facts) Outcome {
	var contact, pay, review []screen.Finding
	for _, x := range findings {
		switch {
		case f.Review && x.Category != screen.PositiveReview:
		case screen.IsContact(x.Category):
			contact = append(contact, x)
		case x.Category == screen.OffPlatform:
			pay = append(pay, x)
		case x.Category == screen.PositiveReview:
			review = append(review, x)
		}
	}
	contactAllowed := !f.Invitation && f.HasContract
	o := Outcome{Status: Delivered, Body: body, Reasons: []string{}}
	if len(contact) > 0 && !contactAllowed {
		o.Body = Mask(body, contact)
	}
	switch {
	case len(pay) > 0 && f.Now.Sub(f.FirstMet) < f.Settings.NonCircumvention.D():
		o.Status, o.Rule, o.Evidence, o.Body = Held, "V5", pay, ""
		o.Reasons = append(o.Reasons, "asks for payment outside the platform; the message is held for review")
	case len(contact) > 0 && !contactAllowed:
		o.Status, o.Rule, o.Evidence = Redacted, "V6", contact
		why := "contact details are not allowed before a contract; they were removed"
		if f.Invitation {
			why = "contact details are not allowed in an invitation; they were removed"
		}
		o.Reasons = append(o.Reasons, why)
	case len(review) > 0:
		o.Rule, o.Evidence = "V7", review
		o.Reasons = append(o.Reasons, "asks for a positive review")
	}
	return o
}

// Delivery is the body a held message delivers when released: contact
// details masked where C2 forbids them.
func Delivery(body string, findings []screen.Finding, invitation, hasContract bool) (string, string) {
	var contact []screen.Finding
	for _, x := range findings {
		if screen.IsContact(x.Category) {
			contact = append(contact, x)
		}
	}
	if len(contact) > 0 && (invitation || !hasContract) {
		return Mask(body, contact), Redacted
	}
	return body, Delivered
}

// Mask replaces each span with a marker, keeping the rest of the text.
func Mask(text string, spans []screen.Finding) string {
	spans = slices.Clone(spans)
	slices.SortFunc(spans, func(a, b screen.Finding) int { return a.Start - b.Start })
	var b strings.Builder
	last := 0
	for _, f := range spans {
		if f.Start < last {
			if f.End > last {
				last = f.End
			}
			continue
		}
		b.WriteString(text[last:f.Start])
		b.WriteString("[contact details removed]")
		last = f.End
	}
	b.WriteString(text[last:])
	return b.String()
}

// SpamLevel is what V3 makes of a sender's recent first contacts.
type SpamLevel int

// Spam levels: none, medium (a review case), high (a ban).
const (
	NoSpam SpamLevel = iota
	MediumSpam
	HighSpam
)

// Spam decides V3 from the number of distinct recipients of near-identical
// first contacts in the spam window and of first contacts in the last day.
func Spam(similarRecipients, dailyFirstContacts int, s policy.Settings) SpamLevel {
	switch {
	case similarRecipients >= s.SpamHighRecipients:
		return HighSpam
	case similarRecipients >= s.SpamMediumRecipients || dailyFirstContacts >= s.SpamDailyRecipients:
		return MediumSpam
	}
	return NoSpam
}

// Held is a held message as a review reads it.
type HeldMessage struct {
	ID          string
	From        *account.Account
	Body        string
	Findings    []screen.Finding
	Invitation  bool
	HasContract bool
	NoticeID    string // the V5 notice of its strike
	StrikeID    string
}

// Review decides a person's review of a held message (section 9): release
// delivers it (masked where C2 says), removes its strike with a notice, and
// undoes a status that strike set; uphold keeps it held and changes nothing.
func Review(m HeldMessage, outcome, reason string, statusNotice *notice.Notice) ([]effect.Effect, error) {
	switch outcome {
	case "uphold":
		return nil, nil
	case "release":
	default:
		return nil, problem.Invalid("unknown outcome", problem.Field("outcome", "invalid", "release or uphold"))
	}
	body, _ := Delivery(m.Body, m.Findings, m.Invitation, m.HasContract)
	a := m.From
	effs := []effect.Effect{effect.ReleaseMessage{Message: m.ID, Body: body}}
	if m.StrikeID != "" {
		effs = append(effs, effect.RemoveStrike{Account: a.ID, StrikeID: m.StrikeID, Reason: "held message released on review"})
	}
	facts := "A person reviewed your held message " + m.ID + " and released it; its strike is removed."
	if a.StatusNotice != "" && a.StatusNotice == m.NoticeID ||
		statusNotice != nil && statusNotice.Follows == m.NoticeID && m.NoticeID != "" {
		effs = append(effs, effect.SetStatus{Account: a.ID, To: account.Active, Rule: "V5", Reason: "held message released on review"})
		facts += " The " + decisionWords[a.Status] + " that strike caused is lifted."
	}
	if r := notice.Sentence(reason); r != "" {
		facts += " " + r
	}
	return append(effs, effect.IssueNotice{Account: a.ID, Notice: notice.Notice{Action: notice.Reinstatement, Rule: "V5",
		Facts: facts, Remedy: "None needed."}}), nil
}

// decisionWords name the decision behind a status in a notice (E2): "the
// suspension that strike caused", not "the suspended".
var decisionWords = map[account.Status]string{account.Suspended: "suspension", account.Banned: "ban"}

// Violation is the finding a message's rule makes against its sender.
func Violation(o Outcome, surface, ref string) enforce.Finding {
	return enforce.Finding{Violation: enforce.Violation{Rule: o.Rule, Automated: true},
		Facts:    "Your " + surface + " " + ref + " was screened automatically.",
		Evidence: notice.Spans(ref, o.Evidence)}
}
