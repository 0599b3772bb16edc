package screen

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestEntity decodes the references members use and leaves the rest.
func TestEntity(t *testing.T) {
	for _, c := range []struct {
		in string
		r  rune
		n  int
	}{
		{"&#64;x", '@', 5}, {"&#x40;", '@', 6}, {"&#X2E;", '.', 6}, {"&commat;", '@', 8}, {"&period;com", '.', 8},
		{"&amp;", '&', 5}, {"&#0;", 0, 0}, {"&#xD800;", 0, 0}, {"&#1114112;", 0, 0}, {"&nope;", 0, 0},
		{"&#64", 0, 0}, {"& amp;", 0, 0}, {"&;", 0, 0}, {"&#;", 0, 0}, {"&#x;", 0, 0}, {"&", 0, 0},
	} {
		r, n := entity(c.in)
		if r != c.r || n != c.n {
			t.Errorf("entity(%q) = %q, %d; want %q, %d", c.in, r, n, c.r, c.n)
		}
	}
	if got := Normalize("a&#64;b&period;co &amp; &bogus; &#128512;"); !strings.HasPrefix(got, "a@b.co & &bogus; ") {
		t.Errorf("Normalize: %q", got)
	}
}

// FuzzEntity checks the decoder and the spans it leads to on any input:
// a reference is never longer than its text, decodes to a valid rune, and
// every finding of the screener maps to exact bytes of the input.
func FuzzEntity(f *testing.F) {
	for _, s := range []string{"&#64;", "jane&#46;doe&#64;gmail&period;com", "&#x1F31F;&#x1F31F;", "&amp;&lt;&gt;", "&#99999999;", "&#x;", "pay&#32;me&#32;via&#32;PayPal"} {
		f.Add(s)
	}
	s := New()
	f.Fuzz(func(t *testing.T, text string) {
		if r, n := entity(text); n > 0 && (n > len(text) || !utf8.ValidRune(r) || r == 0) {
			t.Fatalf("entity(%q) = %q, %d", text, r, n)
		}
		for _, fd := range s.Screen(text, "message") {
			if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End || text[fd.Start:fd.End] != fd.Text {
				t.Fatalf("finding %+v does not map to the input %q", fd, text)
			}
		}
	})
}
