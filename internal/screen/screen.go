// Package screen finds contact details, requests for payment outside the
// platform and requests for positive reviews in members' text (POLICY.md
// C1-C4), through the usual obfuscations: spelled-out "at" and "dot",
// spaced-out letters, digits as words, full-width and look-alike letters,
// zero-width characters. It is pure: text in, findings out, with byte spans
// into the original text.
package screen

import (
	"slices"
	"sync"
)

// Categories of C1 that text screening reports.
const (
	Email          = "contact.email"
	Phone          = "contact.phone"
	URL            = "contact.url"
	Handle         = "contact.handle"
	OffPlatform    = "payment.off_platform"
	PositiveReview = "review.positive_request"
)

// Surfaces where members write.
var Surfaces = []string{"profile", "proposal", "job_post", "invitation", "message", "review"}

// ValidSurface reports whether s is a known surface.
func ValidSurface(s string) bool { return slices.Contains(Surfaces, s) }

// IsContact reports whether a category is contact information (C2).
func IsContact(category string) bool {
	return category == Email || category == Phone || category == URL || category == Handle
}

// Finding is one thing found (C4). Start and End are byte offsets into the
// original UTF-8 text, End exclusive.
type Finding struct {
	Category   string  `json:"category"`
	Field      string  `json:"field,omitempty"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Text       string  `json:"text"`
	Normalized string  `json:"normalized"`
	Confidence float64 `json:"confidence"`
}

// Screener screens text. Its zero value is not usable: call New. It keeps
// scratch buffers in a pool, so it is safe and cheap to share.
type Screener struct {
	pool sync.Pool
}

// New returns a Screener.
func New() *Screener {
	return &Screener{pool: sync.Pool{New: func() any { return &scan{} }}}
}

// scan is the working state of one screening.
type scan struct {
	text string
	f    folded
	toks []tok
	out  []Finding
	used []bool // token already part of a contact finding

	seen      uint64 // union of the lexicon classes of every word
	digitish  int    // digits and number words in the text
	slash     bool   // a "/" or "*" is in the text (5/5, 5*)
	longMixed bool   // a word of 26 or more letters and digits (a wallet address?)
	digits    []byte // scratch for phone numbers
	groups    []int
	seps      []byte
	sents     []sentence
}

// Screen returns the findings in text, ordered by start offset. The surface
// is accepted for future per-surface tuning; every detector runs on all.
func (s *Screener) Screen(text, surface string) []Finding {
	sc := s.pool.Get().(*scan)
	defer s.pool.Put(sc)
	sc.text = text
	sc.out = sc.out[:0]
	sc.f.fold(text)
	sc.tokenize()
	if len(sc.toks) == 0 {
		return []Finding{}
	}
	sc.used = slices.Grow(sc.used[:0], len(sc.toks))[:len(sc.toks)]
	clear(sc.used)
	// Each detector runs only when the text holds what it starts from.
	sc.emails()
	sc.urls()
	if sc.seen&lxMessenger != 0 {
		sc.handles()
	}
	if sc.digitish >= 7 {
		sc.phones()
	}
	intents := sc.seen&(lxOutside|lxOff|lxAvoid|lxDirect|lxPayMethod) != 0
	review := sc.seen&lxReviewCue != 0 || sc.slash
	if intents || review {
		sc.splitSentences()
	}
	if intents {
		sc.payments()
	}
	if review {
		sc.reviews()
	}
	if sc.longMixed {
		sc.cryptoAddresses()
	}
	out := make([]Finding, len(sc.out))
	copy(out, sc.out)
	slices.SortStableFunc(out, func(a, b Finding) int { return a.Start - b.Start })
	return out
}

// add records a finding over folded tokens [from, to].
func (sc *scan) add(cat string, from, to int, normalized string, conf float64) {
	start := sc.f.origStart(sc.toks[from].s)
	end := sc.f.origEnd(sc.toks[to].e - 1)
	for _, o := range sc.out {
		if o.Category == cat && o.Start < end && start < o.End {
			return
		}
	}
	sc.out = append(sc.out, Finding{Category: cat, Start: start, End: end, Text: sc.text[start:end],
		Normalized: normalized, Confidence: conf})
}

func (sc *scan) markUsed(from, to int) {
	for i := from; i <= to; i++ {
		sc.used[i] = true
	}
}
