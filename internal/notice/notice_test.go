package notice_test

import (
	"strings"
	"testing"

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
