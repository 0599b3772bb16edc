package staff

import (
	"testing"

	"standing/internal/cases"
)

// TestRolesOfPolicySection9 is the role table of issue 14 over POLICY.md
// section 9 and API.md's staff members: an agent works cases, a lead also
// sanctions, bans and grants appeals, an admin may do everything.
func TestRolesOfPolicySection9(t *testing.T) {
	want := map[Action][3]bool{ // agent, lead, admin
		WorkCase:       {true, true, true},
		Resolve:        {true, true, true},
		ReviewMessage:  {true, true, true},
		CareForAccount: {true, true, true},
		Sanction:       {false, true, true},
		GrantAppeal:    {false, true, true},
		PlaceFraudHold: {false, true, true},
		Erase:          {false, true, true},
		ManageStaff:    {false, false, true},
	}
	for a, w := range want {
		for i, r := range []Role{Agent, Lead, Admin} {
			if got := Allows(r, a); got != w[i] {
				t.Errorf("Allows(%s, %s) = %v, want %v", r, a, got, w[i])
			}
		}
		if Allows("owner", a) {
			t.Errorf("an unknown role may %s", a)
		}
	}
}

// TestResolutionActionsOfAPIResolution: every outcome of API.md's
// resolution row is classed; those that act against a member (ban, uphold,
// multiple_accounts, a report's action) are sanctions, a granted appeal is
// its own action, every other outcome is an agent's.
func TestResolutionActionsOfAPIResolution(t *testing.T) {
	lead := map[[2]string]Action{
		{"appeal", "grant"}:                     GrantAppeal,
		{"violation_review", "ban"}:             Sanction,
		{"violation_review", "uphold"}:          Sanction,
		{"linkage_review", "multiple_accounts"}: Sanction,
		{"report", "action"}:                    Sanction,
	}
	seen := 0
	for _, k := range cases.Kinds {
		for _, o := range cases.Outcomes(k) {
			want, ok := lead[[2]string{string(k), string(o)}]
			if !ok {
				want = Resolve
			} else {
				seen++
			}
			if got := ResolutionAction(k, o); got != want {
				t.Errorf("%s %s: %s, want %s", k, o, got, want)
			}
			if got := Allows(Agent, ResolutionAction(k, o)); got != !ok {
				t.Errorf("agent may resolve %s with %s: %v", k, o, got)
			}
		}
	}
	if seen != len(lead) {
		t.Errorf("only %d of the %d lead outcomes are outcomes of a kind", seen, len(lead))
	}
}

// TestPasswordHash: argon2id with a salt of each hash's own, the costs
// written into the hash, a match only for the same password, and a rehash
// asked for when the costs are raised.
func TestPasswordHash(t *testing.T) {
	cheap := Params{Memory: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	a, err := HashPassword("correct horse battery", cheap)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := HashPassword("correct horse battery", cheap)
	if a == b {
		t.Fatal("two hashes of one password are equal: no salt of their own")
	}
	if ok, err := VerifyPassword(a, "correct horse battery"); !ok || err != nil {
		t.Fatalf("the password does not match its hash: %v %v", ok, err)
	}
	if ok, _ := VerifyPassword(a, "correct horse batterY"); ok {
		t.Fatal("another password matches")
	}
	if NeedsRehash(a, cheap) || !NeedsRehash(a, Default) {
		t.Fatal("NeedsRehash does not read the costs written in the hash")
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5"} {
		if ok, err := VerifyPassword(bad, "x"); ok || err == nil {
			t.Errorf("hash %q: %v %v", bad, ok, err)
		}
	}
	for pw, ok := range map[string]bool{"short": false, "twelve chars": true, "ñññññññññññ": false, "ññññññññññññ": true, "bad\xffutf8 text": false} {
		if got := CheckPassword(pw) == ""; got != ok {
			t.Errorf("CheckPassword(%q) accepted %v, want %v", pw, got, ok)
		}
	}
}
