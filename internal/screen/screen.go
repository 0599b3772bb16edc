// Package screen finds contact details, requests for payment outside the
// platform and requests for positive reviews in members' text (POLICY.md
// C1-C4), through the usual obfuscations: spelled-out "at" and "dot",
// spaced-out letters, digits as words, full-width and look-alike letters,
// zero-width characters. It is pure: text in, findings out, with byte spans
// into the original text.
package screen

import (
	"slices"
	"strings"
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

// MaxFindings caps the findings of one text. A text with more is abusive
// or machine-made; past the cap the detectors still run to the end (in
// linear time) but record nothing more, and the Result says it was cut.
const MaxFindings = 1000

// TruncatedNote is the note a Result carries when findings were capped.
const TruncatedNote = "findings capped at 1000 per text; the text holds more"

// Result is the outcome of screening one text: the findings, and whether
// they were capped at MaxFindings (the caller should surface Note).
type Result struct {
	Findings  []Finding `json:"findings"`
	Truncated bool      `json:"truncated,omitempty"`
	Note      string    `json:"note,omitempty"`
}

// Screener screens text. Its zero value is not usable: call New. It keeps
// scratch buffers in a pool, so it is safe and cheap to share.
type Screener struct {
	pool  sync.Pool
	model *Model
}

// New returns a Screener with the embedded learned layer.
func New() *Screener { return NewWithModel(defaultModel) }

// defaultModel is decoded once from the embedded file.
var defaultModel = EmbeddedModel()

// NewWithModel returns a Screener that uses m as its learned layer, or
// the rules alone when m is nil (for evaluation and tests).
func NewWithModel(m *Model) *Screener {
	return &Screener{model: m, pool: sync.Pool{New: func() any { return &scan{} }}}
}

// scan is the working state of one screening.
type scan struct {
	text string
	f    folded
	// labels is dotted's result, reused: each caller is done with it
	// before the next call.
	labels []string
	toks   []tok
	out    []Finding
	used   []bool // token already part of a contact finding

	seen      uint64  // union of the lexicon classes of every word
	digitish  int     // digits and number words in the text
	slash     bool    // a "/" or "*" is in the text (5/5, 5*)
	longMixed bool    // a word of 26 or more letters and digits (a wallet address?)
	covered   []uint8 // per original byte: bit 1<<category index of a finding over it, once out has one
	truncated bool    // a finding was dropped at MaxFindings
	digits    []byte  // scratch for phone numbers
	oScratch  []byte  // scratch for oDigits
	groups    []int
	seps      []byte
	sents     []sentence
	openers   []int32 // tokens that open a bracket, for markForms
	ats       []int32 // tokens that start a form of @, for emails
	nums      []int32 // tokens that may start a phone number: digits, number words, "double", "triple"
	// services are the words that name a mail provider or a messenger,
	// where handles, namedProviders and splitAddresses start.
	services []int32
	// names are the words that may start a web address: "http" and
	// "https", and the words followed by a token that touches them, by a
	// form of @ or "." or an opening bracket, or by one glueSpaced may glue.
	names []int32
	// pairs are the one-character tokens written one space after another
	// one (the second of each pair), where glueSpaced looks for runs.
	pairs []int32
	// respell's hints from the tokenizer, and its scratch.
	hints     []int32
	reps      []respelling
	spell     []byte
	payDenied []bool // per sentence: payments read an off-platform cue there and found it denied
	z         featurizer
}

// Screen returns the findings in text, ordered by start offset, at most
// MaxFindings of them (ScreenResult says when there were more). The surface
// is accepted for future per-surface tuning; every detector runs on all.
func (s *Screener) Screen(text, surface string) []Finding {
	return s.ScreenResult(text, surface).Findings
}

// ScreenResult screens text like Screen and also reports whether the
// findings were capped. Its time is linear in the length of text.
func (s *Screener) ScreenResult(text, surface string) Result {
	sc := s.pool.Get().(*scan)
	defer s.pool.Put(sc)
	sc.text = text
	sc.out = sc.out[:0]
	sc.truncated = false
	sc.read(text)
	if len(sc.toks) == 0 {
		return Result{Findings: []Finding{}}
	}
	sc.used = slices.Grow(sc.used[:0], len(sc.toks))[:len(sc.toks)]
	clear(sc.used)
	// Each detector runs only when the text holds what it starts from.
	sc.emails()
	if sc.seen&lxBareProvider != 0 || sc.seen&lxMailProvider != 0 && sc.seen&lxPossessive != 0 {
		sc.namedProviders()
	}
	if sc.seen&lxMailProvider != 0 {
		sc.splitAddresses(false)
	}
	if sc.seen&lxEmailCue != 0 {
		sc.splitAddresses(true)
	}
	sc.urls()
	if sc.seen&lxMessenger != 0 {
		sc.handles()
	}
	if sc.digitish >= 7 {
		sc.phones()
	}
	intents := sc.seen&(lxOutside|lxOff|lxAvoid|lxDirect|lxPayMethod) != 0 || sc.seen&lxNeg != 0 && sc.seen&lxPlatform != 0
	review := sc.seen&lxReviewCue != 0 || sc.slash
	split := intents || review
	if split {
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
	if s.model != nil {
		sc.learned(s.model, surface, split)
	}
	out := make([]Finding, len(sc.out))
	copy(out, sc.out)
	slices.SortStableFunc(out, func(a, b Finding) int { return a.Start - b.Start })
	r := Result{Findings: out, Truncated: sc.truncated}
	if r.Truncated {
		r.Note = TruncatedNote
	}
	return r
}

// read folds and tokenizes text, respelling disguised brand names.
func (sc *scan) read(text string) {
	sc.text = text
	sc.f.fold(text)
	sc.tokenize()
	if sc.respell() {
		sc.tokenize()
	}
}

// categoryBit is the bit of a category in scan.covered.
func categoryBit(cat string) uint8 {
	switch cat {
	case Email:
		return 1
	case Phone:
		return 2
	case URL:
		return 4
	case Handle:
		return 8
	case OffPlatform:
		return 16
	case PositiveReview:
		return 32
	}
	return 64
}

// add records a finding over folded tokens [from, to].
func (sc *scan) add(cat string, from, to int, normalized string, conf float64) {
	start := sc.f.origStart(sc.toks[from].s)
	end := sc.f.origEnd(sc.toks[to].e - 1)
	// A finding overlapping one of its category already recorded adds
	// nothing. The check reads a mark per original byte of the span, so it
	// costs the span's length, not the number of findings so far: comparing
	// with every earlier finding made a text of many findings quadratic.
	bit := categoryBit(cat)
	if len(sc.out) == 0 {
		// The first finding: nothing is covered yet. Most texts have none,
		// so the marks are cleared here rather than for every text.
		sc.covered = slices.Grow(sc.covered[:0], len(sc.text))[:len(sc.text)]
		clear(sc.covered)
	}
	for _, c := range sc.covered[start:end] {
		if c&bit != 0 {
			return
		}
	}
	if len(sc.out) >= MaxFindings {
		sc.truncated = true
		return
	}
	for k := start; k < end; k++ {
		sc.covered[k] |= bit
	}
	// The normalized value may be a view of the scan's buffers (foldedText):
	// the finding keeps a copy.
	sc.out = append(sc.out, Finding{Category: cat, Start: start, End: end, Text: sc.text[start:end],
		Normalized: strings.Clone(normalized), Confidence: conf})
}

func (sc *scan) markUsed(from, to int) {
	for i := from; i <= to; i++ {
		sc.used[i] = true
	}
}
