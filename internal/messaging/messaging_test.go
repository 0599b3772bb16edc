package messaging_test

import (
	"strings"
	"testing"
	"time"

	"standing/internal/account"
	"standing/internal/effect"
	"standing/internal/messaging"
	"standing/internal/notice"
	"standing/internal/policy"
	"standing/internal/screen"
)

var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// TestC3Decide is the table of C2/C3 for messages: payment asks held (V5)
// within 24 months of meeting, contact details masked before a contract
// (V6), positive-review asks delivered with a strike (V7).
func TestC3Decide(t *testing.T) {
	body := "mail me at ana@example.com or pay me by paypal"
	email := screen.Finding{Category: screen.Email, Start: 11, End: 26}
	pay := screen.Finding{Category: screen.OffPlatform, Start: 30, End: 47}
	review := screen.Finding{Category: screen.PositiveReview, Start: 0, End: 4}
	s := policy.Defaults()
	for _, tc := range []struct {
		name     string
		findings []screen.Finding
		f        messaging.Facts
		status   string
		rule     string
	}{
		{"V5 payment ask within 24 months is held", []screen.Finding{email, pay}, messaging.Facts{FirstMet: now.AddDate(0, -3, 0)}, messaging.Held, "V5"},
		{"V5 no longer applies after 24 months; contact still masked (V6)", []screen.Finding{email, pay}, messaging.Facts{FirstMet: now.AddDate(-3, 0, 0)}, messaging.Redacted, "V6"},
		{"C2 contact inside a contract is delivered", []screen.Finding{email}, messaging.Facts{HasContract: true, FirstMet: now}, messaging.Delivered, ""},
		{"C2 contact in an invitation is masked even with a contract", []screen.Finding{email}, messaging.Facts{Invitation: true, HasContract: true, FirstMet: now}, messaging.Redacted, "V6"},
		{"V7 positive review ask is delivered with a strike", []screen.Finding{review}, messaging.Facts{FirstMet: now}, messaging.Delivered, "V7"},
		{"clean text", nil, messaging.Facts{FirstMet: now}, messaging.Delivered, ""},
		{"V7 a review asking for a positive review in return is published with a strike", []screen.Finding{email, pay, review}, messaging.Facts{Review: true, FirstMet: now}, messaging.Delivered, "V7"},
		{"C2 does not list reviews: contact or payment words in a review are left alone", []screen.Finding{email, pay}, messaging.Facts{Review: true, FirstMet: now}, messaging.Delivered, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.f.Now, tc.f.Settings = now, s
			o := messaging.Decide(body, tc.findings, tc.f)
			if o.Status != tc.status || o.Rule != tc.rule {
				t.Fatalf("got %s %s", o.Status, o.Rule)
			}
			if tc.f.Invitation && o.Rule == "V6" && !strings.Contains(strings.Join(o.Reasons, " "), "invitation") {
				t.Fatalf("C2: an invitation's reason says a contract would allow it: %v", o.Reasons)
			}
			if o.Status == messaging.Held && o.Body != "" || o.Status == messaging.Redacted && strings.Contains(o.Body, "ana@example.com") {
				t.Fatalf("body reached the recipient: %q", o.Body)
			}
		})
	}
}

// TestV3Spam: near-identical first contacts to many recipients are high
// confidence, many first contacts a day medium.
func TestV3Spam(t *testing.T) {
	s := policy.Defaults()
	if messaging.Spam(s.SpamHighRecipients, 0, s) != messaging.HighSpam || messaging.Spam(s.SpamMediumRecipients, 0, s) != messaging.MediumSpam ||
		messaging.Spam(0, s.SpamDailyRecipients, s) != messaging.MediumSpam || messaging.Spam(1, 1, s) != messaging.NoSpam {
		t.Fatal("V3 levels")
	}
}

// TestV5HeldMessageReview: release delivers the message masked where C2
// says and removes its strike with a notice; uphold changes nothing.
func TestV5HeldMessageReview(t *testing.T) {
	from := &account.Account{ID: "acc_f", Status: account.Active}
	m := messaging.HeldMessage{ID: "msg_1", From: from, Body: "call +34 612 345 678, pay by wise",
		Findings: []screen.Finding{{Category: screen.Phone, Start: 5, End: 20}, {Category: screen.OffPlatform, Start: 22, End: 33}},
		NoticeID: "ntc_v5", StrikeID: "stk_v5"}
	effs, err := messaging.Review(m, "uphold", "", nil)
	if err != nil || len(effs) != 0 {
		t.Fatalf("uphold acted: %v %v", effs, err)
	}
	effs, err = messaging.Review(m, "release", "Asked about a Wise integration job.", nil)
	if err != nil {
		t.Fatal(err)
	}
	var released, removed, noticed bool
	for _, e := range effs {
		switch e := e.(type) {
		case effect.ReleaseMessage:
			released = !strings.Contains(e.Body, "612") && strings.Contains(e.Body, "[contact details removed]")
		case effect.RemoveStrike:
			removed = e.StrikeID == "stk_v5"
		case effect.IssueNotice:
			noticed = e.Notice.Action == notice.Reinstatement && e.Notice.Rule == "V5"
		case effect.SetStatus:
			t.Fatalf("release changed a status the strike did not set: %v", e)
		}
	}
	if !released || !removed || !noticed {
		t.Fatalf("release: %v", effs)
	}
	if _, err := messaging.Review(m, "approve", "", nil); err == nil {
		t.Fatal("unknown outcome accepted")
	}
	from.Status, from.StatusNotice = account.Suspended, "ntc_v5"
	effs, _ = messaging.Review(m, "release", "", nil)
	if !hasStatus(effs, account.Active) {
		t.Fatalf("the suspension the held message's strike caused stays: %v", effs)
	}
}

func hasStatus(effs []effect.Effect, st account.Status) bool {
	for _, e := range effs {
		if s, ok := e.(effect.SetStatus); ok && s.To == st {
			return true
		}
	}
	return false
}
