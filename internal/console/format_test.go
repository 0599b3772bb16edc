package console

import (
	"testing"
	"time"

	"standing/internal/screen"
)

// TestMoneyIsShownAsDollars: cents become dollars with thousands marked.
func TestMoneyIsShownAsDollars(t *testing.T) {
	for cents, want := range map[int64]string{0: "$0.00", 5: "$0.05", 45000: "$450.00", 123456789: "$1,234,567.89", -2550: "-$25.50"} {
		if got := money(cents); got != want {
			t.Errorf("money(%d) = %s, want %s", cents, got, want)
		}
	}
}

// TestTimeLeftSaysOverdue: the queue's time left turns into overdue.
func TestTimeLeftSaysOverdue(t *testing.T) {
	now := time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC)
	if got := left(now.Add(50*time.Hour), now); got != "2d" {
		t.Errorf("left: %s", got)
	}
	if got := left(now.Add(-3*time.Hour), now); got != "3h overdue" {
		t.Errorf("overdue: %s", got)
	}
}

// TestHighlightMarksFindingsByByteOffset: findings cut the text at their
// byte offsets; overlapping or out-of-range findings are not marked.
func TestHighlightMarksFindingsByByteOffset(t *testing.T) {
	text := "mail ana@x.io or ana@x.io"
	parts := highlight(text, []screen.Finding{{Category: "contact.email", Start: 5, End: 13}, {Category: "contact.email", Start: 7, End: 9},
		{Category: "contact.email", Start: 17, End: 99}})
	if len(parts) != 3 || parts[1].Text != "ana@x.io" || parts[1].Category == "" || parts[2].Text != " or ana@x.io" {
		t.Fatalf("%+v", parts)
	}
}

// TestThrottleBacksOffAndForgetsOnSuccess: after the free failures each
// failure doubles the wait; a success forgets the address.
func TestThrottleBacksOffAndForgetsOnSuccess(t *testing.T) {
	now := time.Unix(0, 0)
	th := newThrottle(func() time.Time { return now })
	var waits []time.Duration
	for i := 0; i < 6; i++ {
		waits = append(waits, th.fail("1.2.3.4"))
	}
	if waits[2] != 0 || waits[3] != time.Second || waits[4] != 2*time.Second || waits[5] != 4*time.Second {
		t.Fatalf("waits %v", waits)
	}
	if th.wait("5.6.7.8") != 0 {
		t.Fatal("another address waits")
	}
	th.succeed("1.2.3.4")
	if th.wait("1.2.3.4") != 0 {
		t.Fatal("a success did not forget the address")
	}
}
