// Package decision is the answer of every check that can act on an account
// (API.md "decision"): a sign-up, a signal, a verification, a message. It
// holds the outcome, the rule, the reasons in plain words and the linked
// accounts with why they are thought to be one person (M3, M9). Data only.
package decision

// Outcomes of a decision.
const (
	Allow  = "allow"
	Review = "review"
	Block  = "block"
)

// Decision is the answer of a check that can act on an account.
type Decision struct {
	Outcome string   `json:"outcome"` // allow, review, block
	Rule    *string  `json:"rule"`
	Reasons []string `json:"reasons"`
	Links   []Link   `json:"links"`
}

// Allowed is the decision of a check that found nothing.
func Allowed() Decision { return Decision{Outcome: Allow, Reasons: []string{}, Links: []Link{}} }

// Link is another account and why it is thought to be the same person.
type Link struct {
	AccountID string   `json:"account_id"`
	Status    string   `json:"status"`
	Score     float64  `json:"score"`
	Signals   []string `json:"signals"`
	Strength  string   `json:"strength"` // strong, medium, or near (M9)
	WasBanned bool     `json:"-"`        // an erased account that was banned (M4: still ban evasion)

	// Comparisons and MatchWeight explain a near match (M9), field by field.
	Comparisons []Comparison `json:"comparisons,omitempty"`
	MatchWeight *float64     `json:"match_weight,omitempty"`
}

// Banned reports whether the linked account is suspended or banned, or was
// banned before it was erased: the cases M4 and M5 treat as ban evasion.
func (l Link) Banned() bool { return l.Status == "suspended" || l.Status == "banned" || l.WasBanned }

// Strong reports whether the link is made by a strong signal.
func (l Link) Strong() bool { return l.Strength == "strong" }

// Comparison is one field compared between two accounts, as a link shows it.
type Comparison struct {
	Field  string  `json:"field"`
	Level  string  `json:"level"`
	Weight float64 `json:"weight"`
}
