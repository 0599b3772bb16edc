package screen_test

import (
	"strings"
	"testing"

	"standing/internal/screen"
)

// repeatedNumbers is about 1 MB of short phone numbers, the text that made
// screening quadratic in its findings (issue 15).
func repeatedNumbers() string {
	const unit = "+1 555 123 4567 "
	return strings.Repeat(unit, (1<<20)/len(unit))
}

// TestFindingsCapped checks that a text with more findings than
// MaxFindings returns exactly MaxFindings of them, ordered and without
// overlaps, and says it was cut; and that a short text is not marked.
func TestFindingsCapped(t *testing.T) {
	s := screen.New()
	for _, text := range []string{repeatedNumbers(), strings.Repeat("mail a.b@c.co now ", 60000), strings.Repeat("www.x.com ", 100000)} {
		r := s.ScreenResult(text, "message")
		if len(r.Findings) != screen.MaxFindings || !r.Truncated || r.Note == "" {
			t.Fatalf("%q...: %d findings, truncated %v, note %q", text[:20], len(r.Findings), r.Truncated, r.Note)
		}
		for i, f := range r.Findings {
			if f.Text != text[f.Start:f.End] {
				t.Fatalf("finding %d: span %d-%d is %q, text %q", i, f.Start, f.End, text[f.Start:f.End], f.Text)
			}
			if i > 0 && r.Findings[i-1].Start > f.Start {
				t.Fatalf("findings out of order at %d", i)
			}
		}
		if got := s.Screen(text, "message"); len(got) != screen.MaxFindings {
			t.Fatalf("Screen returned %d findings", len(got))
		}
	}
	r := s.ScreenResult("call me at +1 555 123 4567", "message")
	if len(r.Findings) != 1 || r.Truncated || r.Note != "" {
		t.Fatalf("short text: %+v", r)
	}
}

// TestOverlapsStillMerged checks that the linear overlap check keeps one
// finding per category over the same bytes, as the quadratic one did.
func TestOverlapsStillMerged(t *testing.T) {
	fs := screen.New().Screen("pay me at paypal.me/jane, paypal.me/jane", "message")
	n := map[string]int{}
	for _, f := range fs {
		n[f.Category]++
	}
	if n[screen.URL] != 2 || n[screen.OffPlatform] < 2 {
		t.Fatalf("%+v", fs)
	}
}

// BenchmarkRepeatedNumbers1MB screens 1 MB of repeated short numbers: it
// took 11 s of CPU when each finding was compared with all earlier ones;
// linear, it takes tens of milliseconds.
func BenchmarkRepeatedNumbers1MB(b *testing.B) {
	text := repeatedNumbers()
	s := screen.New()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = s.ScreenResult(text, "message")
	}
}
