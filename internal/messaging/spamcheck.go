package messaging

import (
	"time"

	"standing/internal/account"
	"standing/internal/effect"
	"standing/internal/enforce"
	"standing/internal/notice"
	"standing/internal/policy"
)

// FirstContact is one recent first contact of a sender, as V3 reads it:
// the recipient, how long before the decision it was sent, and how alike
// its body is to the message being decided (spam.Similarity).
type FirstContact struct {
	To         string        `json:"to"`
	Age        time.Duration `json:"age"`
	Similarity float64       `json:"similarity"`
}

// SpamHorizon is how far back the first contacts V3 reads go: the spam
// window, and at least the day of the daily count.
func SpamHorizon(s policy.Settings) time.Duration {
	return max(s.SpamWindow.D(), 24*time.Hour)
}

// SpamCounts counts the distinct recipients of near-identical first
// contacts within the spam window, and the first contacts of the last day.
func SpamCounts(contacts []FirstContact, s policy.Settings) (similar, daily int) {
	seen := make(map[string]bool, len(contacts))
	for _, c := range contacts {
		if c.Age <= 24*time.Hour {
			daily++
		}
		if c.Age <= s.SpamWindow.D() && c.Similarity >= s.SpamSimilarity && !seen[c.To] {
			seen[c.To] = true
			similar++
		}
	}
	return similar, daily
}

// SpamCheck decides V3 for a first contact (ref) of account from: high
// confidence bans, medium opens a review case unless one is already open,
// and an account that cannot act any more is left alone.
func SpamCheck(from *account.Account, ref string, contacts []FirstContact, openCase bool, now time.Time, s policy.Settings) (SpamLevel, []effect.Effect) {
	similar, daily := SpamCounts(contacts, s)
	level := Spam(similar, daily, s)
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
