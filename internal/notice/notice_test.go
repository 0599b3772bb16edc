package notice_test

import (
	"strings"
	"testing"
	"time"

	"standing/internal/notice"
)

// TestE2FactsNameAccountsByTheirIDs: a notice's facts (E2: "the facts and
// evidence ... the linked signals") name the linked account by its id, as
// API.md writes ids (acc_..), while signal kinds read as words.
func TestE2FactsNameAccountsByTheirIDs(t *testing.T) {
	f := notice.Facts("Shared signals.", []notice.Evidence{{Type: "link", Ref: "acc_01abc", Signals: []string{"payment_instrument", "device_id"}}})
	if !strings.Contains(f, "account acc_01abc") || !strings.Contains(f, "payment instrument and device id") {
		t.Fatalf("E2 facts: %q", f)
	}
	if got := notice.List([]string{"acc_1", "acc_2", "ntc_3"}); got != "acc_1, acc_2 and ntc_3" {
		t.Fatalf("List changed its items: %q", got)
	}
}

// TestE2SaysHowToAppeal: a warning, restriction, suspension or ban says how
// to appeal it (E2) within its window (E3); a reinstatement, the answer to
// an appeal or a closure has nothing to appeal.
func TestE2SaysHowToAppeal(t *testing.T) {
	until := time.Date(2027, 6, 2, 23, 0, 0, 0, time.UTC)
	for _, action := range []string{notice.Warning, notice.Restriction, notice.Suspension, notice.Ban} {
		n := notice.Notice{ID: "ntc_1", Action: action, Remedy: "Remove it.", AppealUntil: until}
		n.SayHowToAppeal()
		if !strings.HasPrefix(n.Remedy, "Remove it. ") || !strings.Contains(n.Remedy, "appeal") ||
			!strings.Contains(n.Remedy, "2 June 2027") || !strings.Contains(n.Remedy, "ntc_1") {
			t.Errorf("E2 %s: %q", action, n.Remedy)
		}
	}
	for _, action := range []string{notice.Reinstatement, notice.AppealDenied, notice.Closure} {
		n := notice.Notice{ID: "ntc_1", Action: action, Remedy: "None needed.", AppealUntil: until}
		if n.SayHowToAppeal(); n.Remedy != "None needed." {
			t.Errorf("E2 %s: %q", action, n.Remedy)
		}
	}
}

// TestL8ReactivationSummary: a reactivation (L8) is the member's own
// account brought back, not a decision reversed; its summary says so, and a
// reinstatement under a violation rule still says what was reversed.
func TestL8ReactivationSummary(t *testing.T) {
	if got := notice.Summary(notice.Reinstatement, "L8"); got != "Your account is reactivated under rule L8 (reactivation)." {
		t.Errorf("L8: %q", got)
	}
	if got := notice.Summary(notice.Reinstatement, "V1"); !strings.Contains(got, "rule V1 was reversed") {
		t.Errorf("V1: %q", got)
	}
}
