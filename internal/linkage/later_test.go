package linkage_test

import (
	"strings"
	"testing"
	"time"

	"standing/internal/account"
	"standing/internal/decision"
	"standing/internal/effect"
	"standing/internal/linkage"
	"standing/internal/policy"
)

var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// TestM5Later is the table of M5 for strong signals added after sign-up.
func TestM5Later(t *testing.T) {
	older, newer := now.AddDate(-2, 0, 0), now.AddDate(0, -1, 0)
	link := func(id, status string) []decision.Link {
		return []decision.Link{{AccountID: id, Status: status, Strength: "strong", Signals: []string{"phone"}, Score: 0.93}}
	}
	run := func(a, o *account.Account) (decision.Decision, []effect.Effect) {
		return linkage.Later(linkage.LaterFacts{Account: a, Links: link(o.ID, string(o.Status)), Others: map[string]*account.Account{o.ID: o},
			Now: now, Settings: policy.Defaults()})
	}
	t.Run("V1 between two active accounts: both suspended, each notice names the other, one case", func(t *testing.T) {
		a := &account.Account{ID: "acc_a", Status: account.Active, CreatedAt: newer}
		o := &account.Account{ID: "acc_o", Status: account.Active, CreatedAt: older}
		d, effs := run(a, o)
		if d.Rule == nil || *d.Rule != "V1" {
			t.Fatalf("%+v", d)
		}
		suspended, cases := map[string]bool{}, 0
		for _, e := range effs {
			switch e := e.(type) {
			case effect.SetStatus:
				suspended[e.Account] = e.To == account.Suspended
			case effect.IssueNotice:
				if ev := e.Notice.Evidence; len(ev) != 1 || ev[0].Ref == e.Account {
					t.Fatalf("V1: the notice of %s names it as the other account: %+v", e.Account, ev)
				}
			case effect.OpenCase:
				cases++
			}
		}
		if !suspended["acc_a"] || !suspended["acc_o"] || cases != 1 {
			t.Fatalf("V1: %v", effs)
		}
	})
	t.Run("V2 the newer account linked to a banned one is banned", func(t *testing.T) {
		a := &account.Account{ID: "acc_a", Status: account.Active, CreatedAt: newer}
		o := &account.Account{ID: "acc_o", Status: account.Banned, CreatedAt: older}
		d, effs := run(a, o)
		if *d.Rule != "V2" || !bans(effs, "acc_a") {
			t.Fatalf("V2: %+v %v", d, effs)
		}
	})
	t.Run("V2 a banned account's new signal ties it to a newer active account: the newer one is banned", func(t *testing.T) {
		a := &account.Account{ID: "acc_a", Status: account.Banned, CreatedAt: older}
		o := &account.Account{ID: "acc_o", Status: account.Active, CreatedAt: newer}
		_, effs := run(a, o)
		if !bans(effs, "acc_o") || bans(effs, "acc_a") {
			t.Fatalf("V2: %v", effs)
		}
	})
	t.Run("the sanctioned account is the newer one: a person decides", func(t *testing.T) {
		a := &account.Account{ID: "acc_a", Status: account.Active, CreatedAt: older}
		o := &account.Account{ID: "acc_o", Status: account.Suspended, CreatedAt: newer}
		d, effs := run(a, o)
		if d.Outcome != "review" || len(effs) != 1 {
			t.Fatalf("%+v %v", d, effs)
		}
	})
	t.Run("a link found before is not found again: no sanction, the link still shown", func(t *testing.T) {
		a := &account.Account{ID: "acc_a", Status: account.Active, CreatedAt: newer} // kept by staff after a V1 case
		o := &account.Account{ID: "acc_o", Status: account.Banned, CreatedAt: older}
		d, effs := linkage.Later(linkage.LaterFacts{Account: a, Links: link(o.ID, string(o.Status)), Others: map[string]*account.Account{o.ID: o},
			Known: []string{o.ID}, Now: now, Settings: policy.Defaults()})
		if d.Outcome != "allow" || len(effs) != 0 || len(d.Links) != 1 || len(d.Reasons) != 1 {
			t.Fatalf("M5: a known link acted on again: %+v %v", d, effs)
		}
	})
	t.Run("a link to a closed account is recorded, not sanctioned", func(t *testing.T) {
		a := &account.Account{ID: "acc_a", Status: account.Active, CreatedAt: newer}
		o := &account.Account{ID: "acc_o", Status: account.Closed, CreatedAt: older}
		d, effs := run(a, o)
		if d.Outcome != "allow" || len(effs) != 0 {
			t.Fatalf("%+v %v", d, effs)
		}
	})
}

func bans(effs []effect.Effect, id string) bool {
	for _, e := range effs {
		if s, ok := e.(effect.SetStatus); ok && s.Account == id && s.To == account.Banned {
			return true
		}
	}
	return false
}

// TestExternalIDTaken: M4 refuses a sign-up whose external_id names an
// account, saying which, as closed_account_exists when that account is
// closed; an external_id nobody holds refuses nothing.
func TestExternalIDTaken(t *testing.T) {
	for _, c := range []struct {
		name, holder string
		status       account.Status
		code         string
	}{
		{"nobody holds it", "", "", ""},
		{"an active account holds it", "acc_1", account.Active, "account_exists"},
		{"a banned account holds it", "acc_1", account.Banned, "account_exists"},
		{"a closed account holds it", "acc_1", account.Closed, "closed_account_exists"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := linkage.ExternalIDTaken("u-77", c.holder, c.status)
			if c.code == "" {
				if p != nil {
					t.Fatalf("refused: %v", p)
				}
				return
			}
			if p == nil {
				t.Fatalf("not refused, want %s", c.code)
			}
			d, _ := p.Decision.(decision.Decision)
			if p.Code != c.code || p.Rule != "M4" || !strings.Contains(p.Detail, "acc_1") || !strings.Contains(p.Detail, "u-77") ||
				d.Outcome != decision.Block {
				t.Fatalf("got %+v, want %s (M4) naming acc_1 with a block decision", p, c.code)
			}
		})
	}
}
