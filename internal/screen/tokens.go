package screen

// tok is one token of the folded text: a word (a run of a-z, 0-9 and _),
// one punctuation byte, or a run of letters of other scripts.
type tok struct {
	s, e  int32  // folded byte range
	kind  uint8  // kWord, kPunct, kOther
	gap   bool   // whitespace before it (cleared inside spaced-out runs)
	flags uint32 // lexicon classes of a word
	digit int8   // value of a number word or single digit, else -1
	form  uint8  // fAt or fDot when an obfuscated @ or . starts here
	fEnd  int32  // last token of that form
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

func (sc *scan) word(i int) string {
	t := sc.toks[i]
	return string(sc.f.b[t.s:t.e])
}

func (sc *scan) isPunct(i int, c byte) bool {
	return i >= 0 && i < len(sc.toks) && sc.toks[i].kind == kPunct && sc.f.b[sc.toks[i].s] == c
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
}

// tokenize splits the folded text into tokens, looks every word up in the
// lexicon once, glues spaced-out runs ("j o h n @ g m a i l") and marks the
// obfuscated forms of @ and "." that the contact detectors read.
func (sc *scan) tokenize() {
	b := sc.f.b
	sc.toks = sc.toks[:0]
	gap := false
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == ' ':
			gap = true
			i++
			continue
		case isWordByte(c):
			j := i + 1
			for j < len(b) && isWordByte(b[j]) {
				j++
			}
			t := tok{s: int32(i), e: int32(j), kind: kWord, gap: gap, digit: -1}
			w := b[i:j]
			if e, ok := lexicon[string(w)]; ok {
				t.flags, t.digit = e.flags, e.digit
			}
			if allDigits(w) {
				t.flags |= lxDigits
				if len(w) == 1 {
					t.digit = int8(w[0] - '0')
				}
			}
			sc.toks = append(sc.toks, t)
			i = j
		case c == otherLetter:
			j := i + 1
			for j < len(b) && b[j] == otherLetter {
				j++
			}
			sc.toks = append(sc.toks, tok{s: int32(i), e: int32(j), kind: kOther, gap: gap, digit: -1})
			i = j
		default:
			sc.toks = append(sc.toks, tok{s: int32(i), e: int32(i + 1), kind: kPunct, gap: gap, digit: -1})
			i++
		}
		gap = false
	}
	sc.glueSpaced()
	sc.markForms()
}

func allDigits(w []byte) bool {
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(w) > 0
}

// glueSpaced clears the gaps inside runs of at least five one-character
// tokens separated by single spaces, the way people space out an address
// to slip it past filters.
func (sc *scan) glueSpaced() {
	n := len(sc.toks)
	for i := 0; i < n; {
		j := i
		for j < n && sc.toks[j].e-sc.toks[j].s == 1 && sc.toks[j].kind != kOther &&
			(j == i || sc.toks[j].gap && sc.toks[j].s-sc.toks[j-1].e == 1) {
			j++
		}
		if j-i >= 5 {
			for k := i + 1; k < j; k++ {
				sc.toks[k].gap = false
			}
		}
		if j == i {
			j++
		}
		i = j
	}
}

var opens = map[byte]byte{'[': ']', '(': ')', '{': '}', '<': '>'}

// markForms finds @ and "." written as words or in brackets.
func (sc *scan) markForms() {
	ts := sc.toks
	for i := 0; i < len(ts); i++ {
		if f := sc.bracketForm(i); f != fNone {
			ts[i].form, ts[i].fEnd = f, int32(i+2)
			i += 2
			continue
		}
		t := &ts[i]
		switch {
		case t.kind == kPunct && sc.f.b[t.s] == '@':
			t.form, t.fEnd = fAtLiteral, int32(i)
		case t.kind == kPunct && sc.f.b[t.s] == '.':
			t.form, t.fEnd = fDotLiteral, int32(i)
		case t.flags&lxAt != 0:
			t.form, t.fEnd = fAtWord, int32(i)
		case t.flags&lxDot != 0:
			t.form, t.fEnd = fDotWord, int32(i)
		}
	}
}

// bracketForm recognizes [at] (dot) {at} <dot> [.] (.) -at- -dot- starting at i.
func (sc *scan) bracketForm(i int) uint8 {
	ts := sc.toks
	if ts[i].kind != kPunct || i+2 >= len(ts) {
		return fNone
	}
	o := sc.f.b[ts[i].s]
	closer, ok := opens[o]
	if o == '-' {
		closer, ok = '-', true
	}
	if !ok || !sc.isPunct(i+2, closer) {
		return fNone
	}
	mid := ts[i+1]
	switch {
	case mid.flags&lxAt != 0:
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

func isDotForm(f uint8) bool { return f == fDotLiteral || f == fDotWord || f == fDotObf }
func isAtForm(f uint8) bool  { return f == fAtLiteral || f == fAtWord || f == fAtObf }

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

// sentences calls fn with the token range [from, to) of each sentence.
func (sc *scan) sentences(fn func(from, to int)) {
	from := 0
	for i := range sc.toks {
		if sc.sentenceEnd(i) {
			if i > from {
				fn(from, i)
			}
			from = i + 1
		}
	}
	if from < len(sc.toks) {
		fn(from, len(sc.toks))
	}
}
