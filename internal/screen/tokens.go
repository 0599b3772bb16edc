package screen

import (
	"slices"
	"unsafe"
)

// tok is one token of the folded text: a word (a run of a-z, 0-9 and _),
// one punctuation byte, or a run of letters of other scripts.
type tok struct {
	flags uint64 // lexicon classes of a word
	s, e  int32  // folded byte range
	fEnd  int32  // last token of the form starting here
	kind  uint8  // kWord, kPunct, kOther
	gap   bool   // whitespace before it (cleared inside spaced-out runs)
	digit int8   // value of a number word or single digit, else -1
	form  uint8  // fAt or fDot when an obfuscated @ or . starts here
	h     uint32 // lexHash of a word
}

const (
	kWord uint8 = iota
	kPunct
	kOther
)

const (
	fNone uint8 = iota
	fAtLiteral
	fAtWord // the word "at"
	fAtObf  // [at] (at) {at} <at> -at-
	fDotLiteral
	fDotWord // the word "dot"
	fDotObf  // [dot] (dot) [.] (.) -dot-
)

// word is the folded text of token i.
func (sc *scan) word(i int) string {
	t := sc.toks[i]
	return sc.foldedText(t.s, t.e)
}

// foldedText is folded bytes [s, e) as a string without a copy: words and
// labels are read, compared and joined many times a text, and copying the
// folded text for them was most of what screening allocated. The string
// shares the scan's buffer, so it is valid only while the scan screens
// this text: add copies the normalized value a finding keeps.
func (sc *scan) foldedText(s, e int32) string {
	return textOf(sc.f.b[s:e])
}

// textOf is b as a string without a copy, valid while b is unchanged.
func textOf(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// bytesOf is the folded text of token i, without copying.
func (sc *scan) bytesOf(i int) []byte {
	t := sc.toks[i]
	return sc.f.b[t.s:t.e]
}

// is reports whether token i is the word w (no allocation).
func (sc *scan) is(i int, w string) bool {
	return i >= 0 && i < len(sc.toks) && string(sc.bytesOf(i)) == w
}

func (sc *scan) isPunct(i int, c byte) bool {
	return i >= 0 && i < len(sc.toks) && sc.toks[i].kind == kPunct && sc.f.b[sc.toks[i].s] == c
}

// wordByte marks a-z, 0-9 and _: the bytes of a word.
var wordByte = func() (t [256]bool) {
	for c := range t {
		b := byte(c)
		t[c] = b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_'
	}
	return t
}()

// tokenize splits the folded text into tokens, looks every word up in the
// lexicon once, glues spaced-out runs ("j o h n @ g m a i l") and marks the
// obfuscated forms of @ and "." that the contact detectors read.
func (sc *scan) tokenize() {
	b := sc.f.b
	// The state lives in locals while the loop runs and is stored once at
	// the end: appending to sc.toks directly wrote the slice back to the
	// scan for every token.
	toks := sc.toks[:0]
	var seen uint64
	digitish, slash, longMixed := 0, false, false
	gap := false
	// Hints for respell, token indexes in order: single letters, letters
	// joined by "_", and a word that may be the first part of a brand cut
	// in two, one space before the next word.
	hints := sc.hints[:0]
	prevEnd, prevHash := -2, uint32(0)
	// Forms of @ and "." are marked as their tokens are made; bracketed
	// ones once all tokens are known, from the opening brackets noted here.
	openers, ats := sc.openers[:0], sc.ats[:0]
	nums, pairs := sc.nums[:0], sc.pairs[:0]
	// lastSingle is the end of the last token when it is a one-character
	// word or punctuation: one such right after it, one space away, makes
	// a pair.
	lastSingle := -2
	names, services := sc.names[:0], sc.services[:0]
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == ' ':
			gap = true
			i++
			continue
		case wordByte[c]:
			j := i + 1
			nd := 0
			if c <= '9' && c >= '0' {
				nd = 1
			}
			h := (uint32(seedWord) ^ uint32(skeleton[c])) * 16777619 // lexHash, as the word is read
			for j < len(b) && wordByte[b[j]] {
				if b[j] <= '9' && b[j] >= '0' {
					nd++
				}
				h = (h ^ uint32(skeleton[b[j]])) * 16777619
				j++
			}
			t := tok{s: int32(i), e: int32(j), kind: kWord, gap: gap, digit: -1, h: h}
			w := b[i:j]
			if e, ok := lookup(w, h); ok {
				t.flags, t.digit = e.flags, e.digit
				if t.flags&lxNumWord != 0 {
					digitish++
				}
				if t.flags&lxRepeat != 0 {
					digitish += 2 // "triple nine" is three digits
				}
			}
			if nd > 0 {
				digitish += nd
				longMixed = longMixed || j-i >= 26 && nd < j-i
				t.flags |= lxHasDigit
				if nd == len(w) {
					t.flags |= lxDigits
					if len(w) == 1 {
						t.digit = int8(w[0] - '0')
					}
				}
			}
			switch {
			case t.flags&lxAt != 0:
				t.form, t.fEnd = fAtWord, int32(len(toks))
				ats = append(ats, int32(len(toks)))
			case t.flags&lxDot != 0:
				t.form, t.fEnd = fDotWord, int32(len(toks))
			}
			seen |= t.flags
			if t.flags&(lxDigits|lxNumWord|lxHasDigit|lxRepeat) != 0 {
				nums = append(nums, int32(len(toks)))
			}
			if t.flags&(lxMailProvider|lxBareProvider|lxMessenger) != 0 {
				services = append(services, int32(len(toks)))
			}
			paired := j-i == 1 && gap && lastSingle == i-1
			if paired {
				pairs = append(pairs, int32(len(toks)))
			}
			if j-i == 1 {
				lastSingle = j
			} else {
				lastSingle = -2
			}
			names = noteName(names, toks, !gap || paired || t.form != fNone)
			if c == 'h' && (string(w) == "http" || string(w) == "https") {
				names = append(names, int32(len(toks)))
			}
			toks = append(toks, t)
			if nd == 0 {
				if prevEnd == i-1 && b[prevEnd] == ' ' && mayStartBrand(prevHash) {
					hints = append(hints, int32(len(toks)-2))
				}
				prevEnd, prevHash = j, h
			} else {
				prevEnd = -2
			}
			if j-i == 1 && nd == 0 || j-i >= 2*minSeparatedBrand-1 && b[i+1] == '_' {
				hints = append(hints, int32(len(toks)-1))
			}
			i = j
		case c == otherLetter:
			j := i + 1
			for j < len(b) && b[j] == otherLetter {
				j++
			}
			toks = append(toks, tok{s: int32(i), e: int32(j), kind: kOther, gap: gap, digit: -1})
			lastSingle = -2
			i = j
		default:
			slash = slash || c == '/' || c == '*'
			t := tok{s: int32(i), e: int32(i + 1), kind: kPunct, gap: gap, digit: -1}
			switch {
			case c == '@':
				t.form, t.fEnd = fAtLiteral, int32(len(toks))
				ats = append(ats, int32(len(toks)))
			case c == '.':
				t.form, t.fEnd = fDotLiteral, int32(len(toks))
			case opener[c]:
				openers = append(openers, int32(len(toks)))
			}
			paired := gap && lastSingle == i-1
			if paired {
				pairs = append(pairs, int32(len(toks)))
			}
			lastSingle = i + 1
			names = noteName(names, toks, !gap || paired || t.form != fNone || opener[c])
			toks = append(toks, t)
			i++
		}
		gap = false
	}
	sc.toks = toks
	sc.seen, sc.digitish, sc.slash, sc.longMixed = seen, digitish, slash, longMixed
	sc.hints, sc.openers, sc.ats, sc.nums, sc.pairs = hints, openers, ats, nums, pairs
	sc.names, sc.services = names, services
	sc.markForms()
	sc.glueSpaced()
}

// noteName adds to names the last of toks when it is a word and the token
// about to follow it may continue a name (joins): one that touches it, a
// form of @ or ".", an opening bracket, or one glueSpaced may glue to it.
func noteName(names []int32, toks []tok, joins bool) []int32 {
	n := int32(len(toks)) - 1
	if !joins || n < 0 || toks[n].kind != kWord || len(names) > 0 && names[len(names)-1] == n {
		return names
	}
	return append(names, n)
}

// glueSpaced clears the gaps inside runs of one-character tokens separated
// by single spaces, the way people space out an address to slip it past
// filters: runs of five or more, or of two or more next to a bracketed or
// literal @ or dot ("j o h n (at) g m a i l (dot) c o m").
//
// A run is tokens [i, j) of consecutive pairs the tokenizer noted; the
// other tokens are not looked at.
func (sc *scan) glueSpaced() {
	ts, pairs := sc.toks, sc.pairs
	for p := 0; p < len(pairs); {
		i, j := int(pairs[p])-1, int(pairs[p])+1
		for p++; p < len(pairs) && int(pairs[p]) == j; p++ {
			j++
		}
		// The brackets of a form are one-character tokens too, so the run may
		// start at a form's closing bracket or end at its opening one.
		short := j-i >= 2 && j-i < 5
		if j-i >= 5 || short && (sc.hardForm(j) || sc.hardForm(j-1) || sc.hardFormEndsAt(i) || i > 0 && sc.hardFormEndsAt(i-1)) {
			for k := i + 1; k < j; k++ {
				ts[k].gap = false
			}
		}
	}
}

// hardForm reports whether a bracketed or literal @ or dot starts at i.
func (sc *scan) hardForm(i int) bool {
	if i < 0 || i >= len(sc.toks) {
		return false
	}
	f := sc.toks[i].form
	return f == fAtObf || f == fDotObf || f == fAtLiteral || f == fDotLiteral
}

// hardFormEndsAt reports whether such a form ends at token i.
func (sc *scan) hardFormEndsAt(i int) bool {
	f, _ := sc.formEndingAt(i)
	return f == fAtObf || f == fDotObf || f == fAtLiteral || f == fDotLiteral
}

// markForms finds @ and "." written in brackets ("(at)", "[.]", "-dot-"),
// from the opening brackets the tokenizer noted; the word or symbol inside
// is then part of the bracketed form, not a form of its own. It leaves in
// ats the token indexes of every form of @, in order.
func (sc *scan) markForms() {
	ts := sc.toks
	next := int32(0)
	bracketAt := false
	for _, i := range sc.openers {
		if i < next {
			continue
		}
		f := sc.bracketForm(int(i))
		if f == fNone {
			continue
		}
		ts[i].form, ts[i].fEnd = f, i+2
		ts[i+1].form, ts[i+1].fEnd = fNone, 0
		ts[i+2].form, ts[i+2].fEnd = fNone, 0
		bracketAt = bracketAt || f == fAtObf
		next = i + 3
	}
	if len(sc.openers) == 0 {
		return
	}
	// Drop the @'s that became part of a bracket, add the bracketed ones.
	ats := sc.ats[:0]
	for _, k := range sc.ats {
		if isAtForm(ts[k].form) {
			ats = append(ats, k)
		}
	}
	if bracketAt {
		for _, i := range sc.openers {
			if ts[i].form == fAtObf {
				ats = append(ats, i)
			}
		}
		slices.Sort(ats)
	}
	sc.ats = ats
}

// opener marks the bytes that open a bracketed form.
var opener = [256]bool{'[': true, '(': true, '{': true, '<': true, '-': true}

// bracketForm recognizes [at] (dot) {at} <dot> [.] (.) -at- -dot- starting at i.
func (sc *scan) bracketForm(i int) uint8 {
	ts := sc.toks
	if ts[i].kind != kPunct || i+2 >= len(ts) {
		return fNone
	}
	o := sc.f.b[ts[i].s]
	var closer byte
	switch o {
	case '[':
		closer = ']'
	case '(':
		closer = ')'
	case '{':
		closer = '}'
	case '<':
		closer = '>'
	case '-':
		closer = '-'
	default:
		return fNone
	}
	ok := true
	if !ok || !sc.isPunct(i+2, closer) {
		return fNone
	}
	mid := ts[i+1]
	switch {
	case mid.flags&lxAt != 0 || o != '-' && mid.kind == kPunct && sc.f.b[mid.s] == '@': // (at), (@)
		return fAtObf
	case mid.flags&lxDot != 0 || o != '-' && mid.kind == kPunct && sc.f.b[mid.s] == '.':
		return fDotObf
	}
	return fNone
}

// formAt returns the form starting at token i and the token after it.
func (sc *scan) formAt(i int) (uint8, int) {
	if i < 0 || i >= len(sc.toks) || sc.toks[i].form == fNone {
		return fNone, i
	}
	return sc.toks[i].form, int(sc.toks[i].fEnd) + 1
}

// formEndingAt returns the form whose last token is j, and its first token.
func (sc *scan) formEndingAt(j int) (uint8, int) {
	for k := j; k >= 0 && k >= j-2; k-- {
		if sc.toks[k].form != fNone && int(sc.toks[k].fEnd) == j {
			return sc.toks[k].form, k
		}
	}
	return fNone, j
}

func isAtForm(f uint8) bool { return f == fAtLiteral || f == fAtWord || f == fAtObf }

// sentenceEnd reports whether token i ends a sentence: . ! ? ; or a line
// break, but not a dot inside a name or number.
func (sc *scan) sentenceEnd(i int) bool {
	t := sc.toks[i]
	if t.kind != kPunct {
		return false
	}
	switch sc.f.b[t.s] {
	case '!', '?', ';':
		return true
	case '.':
		return i+1 >= len(sc.toks) || sc.toks[i+1].gap
	}
	return false
}

// sentence is a range of tokens [from, to) and the union of their classes.
type sentence struct {
	from, to int
	flags    uint64
	slash    bool
}

// splitSentences computes the sentences once for the intent detectors.
func (sc *scan) splitSentences() {
	sc.sents = sc.sents[:0]
	cur := sentence{}
	for i := range sc.toks {
		t := &sc.toks[i]
		if t.kind != kPunct {
			cur.flags |= t.flags
			continue
		}
		if sc.sentenceEnd(i) {
			if i > cur.from {
				cur.to = i
				sc.sents = append(sc.sents, cur)
			}
			cur = sentence{from: i + 1}
			continue
		}
		c := sc.f.b[t.s]
		cur.slash = cur.slash || c == '/' || c == '*'
	}
	if cur.from < len(sc.toks) {
		cur.to = len(sc.toks)
		sc.sents = append(sc.sents, cur)
	}
	sc.payDenied = slices.Grow(sc.payDenied[:0], len(sc.sents))[:len(sc.sents)]
	clear(sc.payDenied)
}
