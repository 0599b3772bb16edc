package messaging

import (
	"time"

	"standing/internal/account"
	"standing/internal/effect"
	"standing/internal/enforce"
	"standing/internal/notice"
	"standing/internal/policy"
	"standing/internal/screen"
)

// SpamBulk is C1's category for a message taken for spam from behaviour
// (V3) rather than from its words.
const SpamBulk = "spam.bulk"

// SpamFinding is the finding (C4) a first contact taken for spam carries:
// its whole body is the span, since the sender's behaviour, not a phrase,
// made it spam; the confidence is that of the level.
func SpamFinding(body string, level SpamLevel) (screen.Finding, bool) {
	var conf float64
	switch level {
	case HighSpam:
		conf = 0.95
	case MediumSpam:
		conf = 0.6
	default:
		return screen.Finding{}, false
	}
	return screen.Finding{Category: SpamBulk, Start: 0, End: len(body), Text: body, Normalized: "bulk_first_contacts", Confidence: conf}, true
}

// FirstContact is one recent first contact of a sender, as V3 reads it:
// the recipient, how long before the decision it was sent, and how alike
// its body is to the message being decided (spam.Similarity).
type FirstContact struct {
	To         string        `json:"to"`
	Age        time.Duration `json:"age"`
	Similarity float64       `json:"similarity"`
}

// Similar counts the distinct recipients of first contacts within the spam
// window that are near-identical to the message being decided.
func Similar(contacts []FirstContact, s policy.Settings) int {
	seen := make(map[string]bool, len(contacts))
	for _, c := range contacts {
		if c.Age <= s.SpamWindow.D() && c.Similarity >= s.SpamSimilarity && !seen[c.To] {
			seen[c.To] = true
		}
	}
	return len(seen)
}

// SpamCheck decides V3 for a first contact (ref) of account from, given
// the sender's first contacts within the spam window and its number of
// first contacts in the last day: high confidence bans, medium opens a
// review case unless one is already open, and an account that cannot act
// any more is left alone.
func SpamCheck(from *account.Account, ref string, contacts []FirstContact, daily int, openCase bool, now time.Time, s policy.Settings) (SpamLevel, []effect.Effect) {
	level := Spam(Similar(contacts, s), daily, s)
	if level == NoSpam || from.Status != account.Active && from.Status != account.Suspended || level == MediumSpam && openCase {
		return level, nil
	}
	f := enforce.Finding{Violation: enforce.Violation{Rule: "V3", High: level == HighSpam, Automated: true},
		Facts:    "Many first messages to different members in a short time.",
		Evidence: []notice.Evidence{{Type: "object", Ref: ref}}}
	if level == HighSpam {
		f.Facts = "Near-identical first messages were sent to many different members within an hour."
	}
	return level, enforce.Violate(from, f, now, s)
}
