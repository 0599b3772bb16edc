package policy

// Tier is how a rule is enforced (POLICY.md section 5).
type Tier string

// The tiers of POLICY.md section 5; rules outside section 5 are "procedural".
const (
	Severe         Tier = "severe"
	Serious        Tier = "serious"
	Reviewed       Tier = "reviewed"
	Administrative Tier = "administrative"
	Procedural     Tier = "procedural"
)

// Rule is one rule of POLICY.md, by its stable id.
type Rule struct {
	ID      string `json:"id"`
	Section string `json:"section"`
	Title   string `json:"title"`
	Tier    Tier   `json:"tier"`
}

// Rules lists every rule id of POLICY.md in document order.
var Rules = []Rule{
	{"I1", "identity", "verification before proposals and withdrawals", Administrative},
	{"I2", "identity", "verification deadline", Administrative},
	{"I3", "identity", "minimum age", Severe},
	{"I4", "identity", "legal name must match profile name", Reviewed},
	{"I5", "identity", "one ID document, one account", Procedural},
	{"M1", "one_account", "one live account per person", Procedural},
	{"M2", "one_account", "signals", Procedural},
	{"M3", "one_account", "signal strength", Procedural},
	{"M4", "one_account", "sign-up decision", Procedural},
	{"M5", "one_account", "links found after sign-up", Procedural},
	{"M6", "one_account", "exceptions", Procedural},
	{"M7", "one_account", "self-disclosure", Procedural},
	{"M8", "one_account", "no merges", Procedural},
	{"V1", "violations", "multiple accounts", Reviewed},
	{"V2", "violations", "ban evasion", Severe},
	{"V3", "violations", "spam", Severe},
	{"V4", "violations", "fraud", Reviewed},
	{"V5", "violations", "payment outside the platform", Serious},
	{"V6", "violations", "contact information where not allowed", Serious},
	{"V7", "violations", "asking for a positive review", Serious},
	{"V8", "violations", "review manipulation", Severe},
	{"V9", "violations", "intellectual-property infringement", Serious},
	{"V10", "violations", "circumvention", Serious},
	{"E1", "enforcement", "deadline", Procedural},
	{"E2", "enforcement", "notice", Procedural},
	{"E3", "enforcement", "appeal", Procedural},
	{"E4", "enforcement", "money after a ban", Procedural},
	{"C1", "screening", "categories", Procedural},
	{"C2", "screening", "where contact information is not allowed", Procedural},
	{"C3", "screening", "what happens", Procedural},
	{"C4", "screening", "evidence", Procedural},
	{"L1", "closing", "channel", Procedural},
	{"L2", "closing", "freelancer closure", Procedural},
	{"L3", "closing", "client organization closure", Procedural},
	{"L4", "closing", "admins and managers leave", Procedural},
	{"L5", "closing", "agency closure", Procedural},
	{"L6", "closing", "reason", Procedural},
	{"L7", "closing", "support required", Procedural},
	{"L8", "closing", "reactivation", Procedural},
	{"L9", "closing", "dormancy", Procedural},
	{"L10", "closing", "erasure", Procedural},
	{"L11", "closing", "every blocker at once", Procedural},
	{"P1", "alternatives", "availability", Procedural},
	{"P2", "alternatives", "visibility", Procedural},
	{"P3", "alternatives", "plans and Connects", Procedural},
	{"P4", "alternatives", "account type", Procedural},
	{"R1", "reputation", "Job Success", Procedural},
	{"R2", "reputation", "Top Rated", Procedural},
	{"R3", "reputation", "badge loss", Procedural},
}

// Lookup returns the rule with that id.
func Lookup(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
