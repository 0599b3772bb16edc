package linkage_test

import (
	"testing"

	"standing/internal/decision"
	"standing/internal/linkage"
)

var set = linkage.Settings{StrongScore: 0.8, CommonAccounts: 20}

func TestScoreM3(t *testing.T) {
	links := linkage.Score([]linkage.Match{
		{AccountID: "a", Status: "active", Kind: "ip", Shared: 2},
		{AccountID: "a", Status: "active", Kind: "ip_prefix", Shared: 2},
		{AccountID: "b", Status: "active", Kind: "device_id", Shared: 2},
		{AccountID: "b", Status: "active", Kind: "ip", Shared: 2},
		{AccountID: "c", Status: "banned", Kind: "payment_instrument", Shared: 2},
		{AccountID: "d", Status: "active", Kind: "payment_instrument", Shared: 5000}, // a test card
	}, set)
	byID := map[string]decision.Link{}
	for _, l := range links {
		byID[l.AccountID] = l
	}
	if _, ok := byID["a"]; ok {
		t.Error("M3: weak signals alone made a link")
	}
	if byID["b"].Strength != "medium" || byID["b"].Score <= 0.6 {
		t.Errorf("medium link %+v", byID["b"])
	}
	if !byID["c"].Strong() || byID["c"].Score < 0.9 {
		t.Errorf("strong link %+v", byID["c"])
	}
	if byID["d"].Strong() {
		t.Errorf("a value shared by thousands stayed strong: %+v", byID["d"])
	}
	if links[0].AccountID != "c" {
		t.Errorf("not ordered by score: %+v", links)
	}
}

func TestDecideM4(t *testing.T) {
	strong := func(id, st string) decision.Link {
		return decision.Link{AccountID: id, Status: st, Score: 0.95, Signals: []string{"phone"}, Strength: "strong"}
	}
	medium := decision.Link{AccountID: "m", Status: "active", Score: 0.6, Signals: []string{"device_id"}, Strength: "medium"}
	for _, c := range []struct {
		name  string
		links []decision.Link
		exc   []string
		want  linkage.Verdict
		out   string
	}{
		{"none", nil, nil, linkage.Allow, "allow"},
		{"medium only", []decision.Link{medium}, nil, linkage.Review, "review"},
		{"banned wins", []decision.Link{strong("x", "active"), strong("y", "banned")}, nil, linkage.Evasion, "block"},
		{"suspended", []decision.Link{strong("y", "suspended")}, nil, linkage.Evasion, "block"},
		{"erased banned person", []decision.Link{{AccountID: "y", Status: "erased", Strength: "strong", WasBanned: true}}, nil, linkage.Evasion, "block"},
		{"active", []decision.Link{strong("x", "active"), medium}, nil, linkage.Exists, "block"},
		{"closed", []decision.Link{strong("x", "closed")}, nil, linkage.ClosedExists, "block"},
		{"erased in good standing", []decision.Link{strong("x", "erased")}, nil, linkage.Allow, "allow"},
		{"M6 exception", []decision.Link{strong("x", "active")}, []string{"x"}, linkage.Allow, "allow"},
	} {
		v, d := linkage.Decide(c.links, c.exc)
		if v != c.want || d.Outcome != c.out {
			t.Errorf("%s: %v %+v", c.name, v, d)
		}
	}
}
