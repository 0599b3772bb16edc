package screen

import "slices"

// Brand names written so that no word of the text is the brand: letters
// spaced or separated ("P a y P a l", "V*e*n*m*o", "W_e_s_t_e_r_n_U_n_i_o_n"),
// the name cut in two ("Zel le", "Tele gram", "Insta gram"), or a capital I
// for an l ("SkriII", "ZeIIe", "SIack"). respell finds them after the text
// is tokenized and writes the brand into the folded text in their place,
// mapped back to the whole original spelling, so that every detector and
// the learned layer read the brand and a finding spans exactly what the
// member wrote. Messenger, payment and mail-provider brands are respelled:
// a brand is a lexicon word of those classes, and a provider only outside
// an address the email detectors already read letter by letter ("a n a @
// g m a i l . c o m").

// brandClasses are the lexicon classes of the words respell writes;
// splitBrandClasses those it joins from a name cut in two: a provider's
// first parts are common words ("hot", "out", "pro") a member writes all
// the time, and each would cost a closer look.
const (
	brandClasses      = lxMessenger | lxPayMethod | lxBareProvider
	splitBrandClasses = lxMessenger | lxPayMethod
)

// The shortest brands respelled: from letters spaced by spaces four ("U P
// I" is as likely an acronym spelled out), from letters separated by "."
// "-" "*" or "_" three ("P.i.x"), from a name cut in two five ("Zel le").
const (
	minSpacedBrand    = 4
	minSeparatedBrand = 3
	minSplitBrand     = 5
)

// brandFirstParts has a bit for the lexHash of every first part of a
// brand cut in two with at least two letters on each side ("zel" of
// "zelle", "insta" of "instagram"), indexed by the hash's top 16 bits: the
// tokenizer tests a word against it to know whether the next word may
// complete a brand. A bit set by another word only costs a closer look.
var brandFirstParts = func() (bits [1 << 10]uint64) {
	for _, s := range lexWords {
		if s.e.flags&splitBrandClasses == 0 || len(s.word) < minSplitBrand {
			continue
		}
		for k := 2; k <= len(s.word)-2; k++ {
			h := lexHash([]byte(s.word[:k])) >> 16
			bits[h>>6] |= 1 << (h & 63)
		}
	}
	return bits
}()

// mayStartBrand reports whether a word of lexHash h may be the first part
// of a brand cut in two.
func mayStartBrand(h uint32) bool { return brandFirstParts[h>>22]&(1<<(h>>16&63)) != 0 }

// splitRead are first words whose two-word brands the detectors already
// read as two words ("cash app", "western union", "whats app").
var splitRead = map[string]bool{"cash": true, "western": true, "whats": true}

// isBrand reports whether w is a brand of one of the lexicon classes.
func isBrand(w []byte, classes uint64) bool {
	e, ok := lookup(w, lexHash(w))
	return ok && e.flags&classes != 0
}

// respelling replaces folded bytes [a, b) with word.
type respelling struct {
	a, b int32
	word []byte
}

// respell rewrites the brands disguised at the places the tokenizer and
// the folding noted (hints, capitalIs) and reports whether it changed the
// folded text (the caller tokenizes it again). A text without such a
// place costs nothing; the others a look at each place.
func (sc *scan) respell() bool {
	if len(sc.hints) == 0 && len(sc.f.capitalIs) == 0 && len(sc.f.gluedMarks) == 0 {
		return false
	}
	reps := sc.reps[:0]
	toks, b := sc.toks, sc.f.b
	next := int32(0) // the first token not yet part of a respelling
	for _, i := range sc.hints {
		if i < next {
			continue
		}
		t := toks[i]
		w := b[t.s:t.e]
		switch {
		case len(w) == 1:
			if last, word := sc.letterRun(int(i)); word != nil && !sc.providerInAddress(int(i), last, word) {
				reps = append(reps, respelling{a: t.s, b: toks[last].e, word: word})
				next = int32(last) + 1
			}
		case w[1] == '_':
			if word := underscored(w, sc.spell[:0]); word != nil && !sc.providerInAddress(int(i), int(i), word) {
				reps = append(reps, respelling{a: t.s, b: t.e, word: word})
				next = i + 1
			}
		case !splitRead[string(w)]:
			n := toks[i+1]
			joined := append(append(sc.spell[:0], w...), b[n.s:n.e]...)
			sc.spell = joined
			// "We Chat" is a brand cut in two, "we chat every day" is not: after a
			// common word the second part must be capitalized.
			if n.e-n.s >= 2 && len(joined) >= minSplitBrand && isBrand(joined, splitBrandClasses) &&
				(t.flags&lxStop == 0 || sc.capitalized(int(i)+1)) {
				reps = append(reps, respelling{a: t.s, b: n.e, word: slices.Clone(joined)})
				next = i + 2
			}
		}
	}
	last := -1
	for _, off := range sc.f.capitalIs {
		k, _ := slices.BinarySearchFunc(toks, off, func(t tok, off int32) int { return int(t.e - 1 - off) })
		if k >= len(toks) || k == last || toks[k].s > off {
			continue
		}
		last = k
		if t := toks[k]; t.kind == kWord && t.flags == 0 && t.e-t.s >= 4 {
			if word := sc.capitalIForL(t); word != nil {
				reps = append(reps, respelling{a: t.s, b: t.e, word: word})
			}
		}
	}
	reps = sc.f.gluedApart(reps)
	sc.reps = reps
	if len(reps) == 0 {
		return false
	}
	slices.SortFunc(reps, func(x, y respelling) int { return int(x.a - y.a) })
	return sc.f.rewrite(reps)
}

// providerInAddress reports whether word, respelled from tokens first to
// last, is a mail provider (and no messenger or payment brand) written
// inside an address: after an "@" or before a "." that leads to its domain.
func (sc *scan) providerInAddress(first, last int, word []byte) bool {
	e, _ := lookup(word, lexHash(word))
	if e.flags&(lxMessenger|lxPayMethod) != 0 {
		return false
	}
	return first > 0 && sc.isPunct(first-1, '@') || last+1 < len(sc.toks) && sc.isPunct(last+1, '.')
}

// gluedApart writes apart the "at" and "dot" glued into an address
// ("janeATgmailDOTcom" reads "jane at gmail dot com"), so the email
// detectors read it: an "at" counts only when a "dot" mark or a literal
// "." follows within its domain, and the dots only after such an "at".
func (f *folded) gluedApart(reps []respelling) []respelling {
	marks, b := f.gluedMarks, f.b
	width := func(off int32) int32 {
		switch {
		case b[off] == '_' && b[off+1] == 'a':
			return 4
		case b[off] == '_':
			return 5
		case b[off] == 'a':
			return 2
		}
		return 3
	}
	isAt := func(off int32) bool { return b[off] == 'a' || b[off+1] == 'a' }
	for n := 0; n < len(marks); n++ {
		at := marks[n]
		if !isAt(at) {
			continue
		}
		// The domain: letters, digits and "-" up to a dot mark or a ".".
		x := at + width(at)
		dots := n + 1
		for ; x < int32(len(b)); x++ {
			c := b[x]
			if dots < len(marks) && marks[dots] == x && !isAt(x) || c == '.' && x+1 < int32(len(b)) && b[x+1] >= 'a' && b[x+1] <= 'z' {
				break
			}
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				x = -1
				break
			}
		}
		if x < 0 || x >= int32(len(b)) || x == at+width(at) {
			continue
		}
		reps = append(reps, respelling{a: at, b: at + width(at), word: []byte(" at ")})
		for ; dots < len(marks) && !isAt(marks[dots]); dots++ {
			reps = append(reps, respelling{a: marks[dots], b: marks[dots] + width(marks[dots]), word: []byte(" dot ")})
		}
		n = dots - 1
	}
	return reps
}

// capitalized reports whether token i was written starting with a capital
// ASCII letter.
func (sc *scan) capitalized(i int) bool {
	c := sc.text[sc.f.origStart(sc.toks[i].s)]
	return c >= 'A' && c <= 'Z'
}

// letterRun reads single letters from token i, separated by one space or
// one of . - * touching both, and returns the last token and the brand
// they spell, or nil when they spell none (or start within a longer run).
func (sc *scan) letterRun(i int) (int, []byte) {
	toks, b := sc.toks, sc.f.b
	single := func(k int) bool {
		return k >= 0 && k < len(toks) && toks[k].kind == kWord && toks[k].e-toks[k].s == 1 && b[toks[k].s] >= 'a' && b[toks[k].s] <= 'z'
	}
	var sep byte
	switch {
	case single(i+1) && toks[i+1].s-toks[i].e == 1 && b[toks[i].e] == ' ':
		sep = ' '
	case i+2 < len(toks) && toks[i+1].kind == kPunct && toks[i+1].s == toks[i].e && single(i+2) && toks[i+2].s == toks[i+1].e:
		sep = b[toks[i+1].s]
		if sep != '.' && sep != '-' && sep != '*' {
			return i, nil
		}
	default:
		return i, nil
	}
	step := 1
	if sep != ' ' {
		step = 2
	}
	word := append(sc.spell[:0], b[toks[i].s])
	for k := i + step; single(k); k += step {
		if sep == ' ' && !(toks[k].s-toks[k-1].e == 1 && b[toks[k-1].e] == ' ') ||
			sep != ' ' && !(toks[k-1].kind == kPunct && b[toks[k-1].s] == sep && toks[k-1].s == toks[k-2].e && toks[k].s == toks[k-1].e) {
			break
		}
		word = append(word, b[toks[k].s])
	}
	sc.spell = word
	min := minSeparatedBrand
	if sep == ' ' {
		min = minSpacedBrand
	}
	// The longest run of letters from the first that spells a brand: a
	// one-letter word may follow the brand ("V e n m o y empiezo", Spanish
	// "and").
	for n := len(word); n >= min; n-- {
		if isBrand(word[:n], brandClasses) {
			return i + (n-1)*step, slices.Clone(word[:n])
		}
	}
	return i, nil
}

// underscored returns the brand a word of single letters joined by "_"
// spells ("w_e_s_t_e_r_n"), appending to dst, or nil.
func underscored(w, dst []byte) []byte {
	if len(w)%2 == 0 {
		return nil
	}
	for k, c := range w {
		if k%2 == 1 && c != '_' || k%2 == 0 && (c < 'a' || c > 'z') {
			return nil
		}
		if k%2 == 0 {
			dst = append(dst, c)
		}
	}
	if !isBrand(dst, brandClasses) {
		return nil
	}
	return slices.Clone(dst)
}

// capitalIForL returns the brand word t spells when each capital I written
// after its first letter is read as an l ("SkriII", "paypaI"), or nil.
// A word written all in capitals keeps its I's.
func (sc *scan) capitalIForL(t tok) []byte {
	s, e := sc.f.origStart(t.s), sc.f.origEnd(t.e-1)
	if e-s != int(t.e-t.s) {
		return nil // not written in plain ASCII
	}
	orig := sc.text[s:e]
	word := append(sc.spell[:0], sc.f.b[t.s:t.e]...)
	sc.spell = word
	changed, lower := false, false
	for k := 0; k < len(orig); k++ {
		c := orig[k]
		lower = lower || c >= 'a' && c <= 'z'
		if k > 0 && c == 'I' {
			word[k] = 'l'
			changed = true
		}
	}
	if !changed || !lower || !isBrand(word, brandClasses) {
		return nil
	}
	return slices.Clone(word)
}

// rewrite replaces folded ranges by words, in order and without overlap,
// keeping the map to the original text exact: a word written in place of
// a range maps, all of it, to the original bytes of the whole range. A
// range whose ends would cut the folding of one original character is
// left alone. It reports whether anything was replaced.
func (f *folded) rewrite(reps []respelling) bool {
	cuttable := func(x int32) bool {
		if int(x) >= len(f.b) {
			return true
		}
		sg := f.seg(x)
		return sg.rune == 0 || sg.f == x
	}
	nb := make([]byte, 0, len(f.b))
	var ns []segment
	// emit copies old folded bytes [x, y) and their segments.
	emit := func(x, y int32) {
		for _, sg := range f.segs {
			lo, hi := max(x, sg.f), min(y, sg.f+sg.n)
			if lo >= hi {
				continue
			}
			out := segment{f: int32(len(nb)), o: sg.o, n: hi - lo, rune: sg.rune}
			if sg.rune == 0 {
				out.o = sg.o + lo - sg.f
			}
			ns = append(ns, out)
			nb = append(nb, f.b[lo:hi]...)
		}
	}
	done := false
	at := int32(0)
	for _, r := range reps {
		if r.a < at || !cuttable(r.a) || !cuttable(r.b) {
			continue
		}
		emit(at, r.a)
		o, oe := f.origStart(r.a), f.origEnd(r.b-1)
		ns = append(ns, segment{f: int32(len(nb)), o: int32(o), n: int32(len(r.word)), rune: int32(oe - o)})
		nb = append(nb, r.word...)
		at, done = r.b, true
	}
	if !done {
		return false
	}
	emit(at, int32(len(f.b)))
	f.b, f.segs = nb, ns
	return true
}
