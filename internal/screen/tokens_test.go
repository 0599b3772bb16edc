package screen

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"standing/internal/screen/msggen"
)

// TestNotedStarts checks that the lists the tokenizer notes hold every
// token a detector can start from (they may hold more): urls reads names,
// phones nums, handles, namedProviders and splitAddresses services.
func TestNotedStarts(t *testing.T) {
	texts := []string{
		"see http ://x.io and https://a.b/c, jane (dot) doe [at] gmail (.) com, a b c d e f . c o m",
		"call 4o5 555 O1O1 or triple nine 12, my gmail is x9, telegram: @jo, whats app, mi Orange es a1",
	}
	g := msggen.New(5)
	for range 300 {
		m, _ := g.Message(g.Length())
		texts = append(texts, m)
	}
	atoms := strings.Fields("a b . @ ( ) [ ] - _ * / : 1 22 o at dot gmail com io me paypal whats app http https www double five")
	r := rand.New(rand.NewPCG(7, 8))
	for range 3000 {
		var b strings.Builder
		for range 1 + r.IntN(30) {
			b.WriteString(atoms[r.IntN(len(atoms))])
			if r.IntN(2) == 0 {
				b.WriteByte(' ')
			}
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		sc := &scan{}
		sc.read(text)
		for i, tk := range sc.toks {
			if tk.kind == kWord && tk.form == fNone && (sc.dotAfterLabel(i) || sc.is(i, "http") || sc.is(i, "https")) &&
				!slices.Contains(sc.names, int32(i)) {
				t.Fatalf("%q: token %d (%q) may start a name but is not in names %v", text, i, sc.word(i), sc.names)
			}
			if (sc.isDigitish(i) || tk.flags&lxRepeat != 0) && !slices.Contains(sc.nums, int32(i)) {
				t.Fatalf("%q: token %d (%q) may start a number but is not in nums %v", text, i, sc.word(i), sc.nums)
			}
			if tk.flags&(lxMailProvider|lxBareProvider|lxMessenger) != 0 && !slices.Contains(sc.services, int32(i)) {
				t.Fatalf("%q: token %d (%q) names a service but is not in services %v", text, i, sc.word(i), sc.services)
			}
		}
	}
}
