// Package simulate replays recorded automated decisions under proposed
// policy settings (issue 16, DESIGN.md point 1): what a trust-and-safety
// lead would have done differently with a shorter strike life or a
// stricter spam threshold, before it goes live. It owns the facts each
// automated decision records (the inputs its decider read, never raw text
// or raw signals) and a pure replay that runs them again through the same
// deciders, carrying forward the state the proposal would have produced.
package simulate

import (
	"slices"
	"time"

	"standing/internal/account"
	"standing/internal/decision"
	"standing/internal/effect"
	"standing/internal/linkage"
	"standing/internal/messaging"
	"standing/internal/screen"
)

// Kinds of recorded decision: each names the decider it replays.
const (
	Message      = "message"      // messaging.Decide and the strike ladder (C2, C3, V5, V6, V7)
	Spam         = "spam"         // messaging.SpamCheck on a first contact (V3)
	Refusal      = "refusal"      // enforce.Refusals on refused content (C3, V6)
	Signup       = "signup"       // linkage.Signup (M4, V2)
	Later        = "later_link"   // linkage.Later on signals added after sign-up (M5, V1, V2)
	Verification = "verification" // enforce.Verify (I3, I5)
	Deadline     = "deadline"     // enforce.Deadline (E1)
	Staff        = "staff"        // taken by a person: kept as it was, counted apart
	Legacy       = "legacy"       // taken before facts were recorded: not replayable
)

// Replayable reports whether decisions of kind can be decided again.
func Replayable(kind string) bool {
	switch kind {
	case Message, Spam, Refusal, Signup, Later, Verification, Deadline:
		return true
	}
	return false
}

// Strike is a strike as a decider reads it: its rule and when it was made.
type Strike struct {
	Rule string    `json:"rule"`
	At   time.Time `json:"at"`
}

// Snapshot is what the deciders read of an account: its status, what set
// it, its strikes that were not removed (all of them, so that a longer
// proposed strike life sees older ones), the E1 deadline and its age.
type Snapshot struct {
	ID         string         `json:"id"`
	Status     account.Status `json:"status"`
	StatusRule string         `json:"status_rule,omitempty"`
	CreatedAt  time.Time      `json:"created_at"`
	RespondBy  *time.Time     `json:"respond_by,omitempty"`
	Strikes    []Strike       `json:"strikes,omitempty"`
}

// Snap records an account as a decider is about to read it.
func Snap(a *account.Account) Snapshot {
	s := Snapshot{ID: a.ID, Status: a.Status, StatusRule: a.StatusRule, CreatedAt: a.CreatedAt, RespondBy: a.RespondBy}
	for _, k := range a.Strikes {
		if !k.Removed {
			s.Strikes = append(s.Strikes, Strike{Rule: k.Rule, At: k.At})
		}
	}
	return s
}

// account rebuilds the account a decider reads from a snapshot.
func (s Snapshot) account() *account.Account {
	a := &account.Account{ID: s.ID, Status: s.Status, StatusRule: s.StatusRule, CreatedAt: s.CreatedAt, RespondBy: s.RespondBy,
		Restrictions: []account.Restriction{}}
	for _, k := range s.Strikes {
		a.Strikes = append(a.Strikes, account.Strike{Rule: k.Rule, At: k.At})
	}
	return a
}

// Finding is what a decider reads of a screening finding: never the text.
type Finding struct {
	Category   string  `json:"category"`
	Confidence float64 `json:"confidence"`
}

// Findings keeps the category and confidence of screening findings.
func Findings(fs []screen.Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i] = Finding{Category: f.Category, Confidence: f.Confidence}
	}
	return out
}

func (f Finding) screen() screen.Finding {
	return screen.Finding{Category: f.Category, Confidence: f.Confidence}
}

// MessageFacts are what the message decider read (C2, C3, V5, V6, V7).
type MessageFacts struct {
	Surface     string    `json:"surface"` // message, invitation or review
	Ref         string    `json:"ref"`     // the message id
	HasContract bool      `json:"has_contract"`
	FirstMet    time.Time `json:"first_met"`
	Findings    []Finding `json:"findings"`
}

// SpamFacts are what V3 read of a first contact: the sender's first
// contacts within the spam window in force (so a proposal with a longer
// window sees only those), its first contacts of the last day, and whether
// a violation review was already open.
type SpamFacts struct {
	Ref      string                   `json:"ref"`
	Contacts []messaging.FirstContact `json:"contacts"`
	Daily    int                      `json:"daily"`
	OpenCase bool                     `json:"open_case"`
}

// RefusalFacts are the ages of the account's refused attempts within the
// recorded horizon, this one included (C3).
type RefusalFacts struct {
	Surface string          `json:"surface"`
	Ages    []time.Duration `json:"ages"`
}

// Match is one signal kind the subject shares with another account, with
// how many accounts share the value: what scoring reads (M3), never the value.
type Match struct {
	AccountID string `json:"account_id"`
	Status    string `json:"status"`
	Kind      string `json:"kind"`
	Shared    int    `json:"shared"`
	WasBanned bool   `json:"was_banned,omitempty"`
}

// Matches keeps what scoring reads of the index's matches.
func Matches(ms []linkage.Match) []Match {
	out := make([]Match, len(ms))
	for i, m := range ms {
		out[i] = Match{AccountID: m.AccountID, Status: m.Status, Kind: m.Kind, Shared: m.Shared, WasBanned: m.WasBanned}
	}
	return out
}

// LinkFacts are what sign-up (M4) and later links (M5) read: the matches
// to score under the proposal, the M6 exceptions, the accounts strongly
// linked before (M5), the linked accounts as they stood (M5) and the rule
// of a refusal already made (I5).
type LinkFacts struct {
	Matches  []Match         `json:"matches"`
	Near     []decision.Link `json:"near,omitempty"` // M9 near links, with their comparisons and match weight
	Excepted []string        `json:"excepted,omitempty"`
	Known    []string        `json:"known,omitempty"`
	Others   []Snapshot      `json:"others,omitempty"`
	Reject   string          `json:"reject,omitempty"`
}

// VerifyFacts are the identity vendor's result as the policy reads it.
type VerifyFacts struct {
	Age          int  `json:"age"`
	DocumentUsed bool `json:"document_used"`
	NameMatches  bool `json:"name_matches"`
}

// Facts are the inputs of one decision: the subject account and the
// part that belongs to its kind.
type Facts struct {
	At      time.Time     `json:"at"` // to the nanosecond: strikes and deadlines are keyed by it
	Account Snapshot      `json:"account"`
	Message *MessageFacts `json:"message,omitempty"`
	Spam    *SpamFacts    `json:"spam,omitempty"`
	Refusal *RefusalFacts `json:"refusal,omitempty"`
	Links   *LinkFacts    `json:"links,omitempty"`
	Verify  *VerifyFacts  `json:"verify,omitempty"`
}

// Actions an outcome takes on one account, gravest last.
const (
	None       = "none"
	Rejected   = "rejected"   // a verification refused (I5)
	Case       = "case"       // left to staff
	Refused    = "refused"    // a sign-up refused (M4): no account made
	Warning    = "warning"    // a notice with a strike or a warning
	Suspension = "suspension" // suspended, with its E1 deadline
	Ban        = "ban"
)

var gravity = []string{None, Rejected, Case, Refused, Warning, Suspension, Ban}

// Change is what a decision did to one account: its gravest action, under
// which rule, whether a strike was recorded, and the status it set.
type Change struct {
	Account   string         `json:"account"`
	Action    string         `json:"action"`
	Rule      string         `json:"rule,omitempty"`
	Strike    bool           `json:"strike,omitempty"`
	To        account.Status `json:"to,omitempty"`
	RespondBy *time.Time     `json:"respond_by,omitempty"`
}

// Changes sums up a decider's effects account by account, in the order
// the accounts first appear: what the replay compares and counts.
func Changes(effs []effect.Effect) []Change {
	var out []Change
	at := func(id string) *Change {
		for i := range out {
			if out[i].Account == id {
				return &out[i]
			}
		}
		out = append(out, Change{Account: id, Action: None})
		return &out[len(out)-1]
	}
	raise := func(c *Change, action, rule string) {
		if slices.Index(gravity, action) > slices.Index(gravity, c.Action) {
			c.Action, c.Rule = action, rule
		}
	}
	for _, e := range effs {
		switch e := e.(type) {
		case effect.AddStrike:
			c := at(e.Account)
			c.Strike = true
			raise(c, Warning, e.Rule)
		case effect.SetStatus:
			c := at(e.Account)
			c.To, c.RespondBy = e.To, e.RespondBy
			switch e.To {
			case account.Suspended:
				raise(c, Suspension, e.Rule)
			case account.Banned:
				raise(c, Ban, e.Rule)
			}
		case effect.IssueNotice:
			if e.Notice.Action == Warning {
				raise(at(e.Account), Warning, e.Notice.Rule)
			}
		case effect.OpenCase:
			raise(at(e.Account), Case, e.Rule)
		case effect.SetVerification:
			if e.Status == "rejected" {
				raise(at(e.Account), Rejected, "I5")
			}
		}
	}
	return out
}

// Of returns the change to account id, or none.
func Of(cs []Change, id string) Change {
	for _, c := range cs {
		if c.Account == id {
			return c
		}
	}
	return Change{Account: id, Action: None}
}
