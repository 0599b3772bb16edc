// Package clock is the one source of time: the system clock in production and
// a clock that tests and the --test-clock server move forward by hand.
package clock

import (
	"sync"
	"time"
)

// Clock tells the current time. Everything that decides reads time from it.
type Clock interface {
	Now() time.Time
}

// System is the wall clock, in UTC, to the microsecond: the precision both
// databases keep, so a time reads back equal to the one decided with.
type System struct{}

// Now returns the current UTC time, to the microsecond.
func (System) Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// Test is a clock that runs with the wall clock plus an offset that only
// grows, so a server can be moved days ahead without stopping it.
type Test struct {
	mu     sync.Mutex
	offset time.Duration
	base   Clock
}

// NewTest returns a test clock starting at the base clock's time.
func NewTest(base Clock) *Test { return &Test{base: base} }

// Now returns base time plus the accumulated offset, to the microsecond.
func (t *Test) Now() time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.base.Now().Add(t.offset).UTC().Truncate(time.Microsecond)
}

// Advance moves the clock forward by d (negative values are ignored).
func (t *Test) Advance(d time.Duration) time.Time {
	t.mu.Lock()
	if d > 0 {
		t.offset += d
	}
	t.mu.Unlock()
	return t.Now()
}
