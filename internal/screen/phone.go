package screen

import "strings"

// digitsOf appends the digits token i stands for to dst: a digit run, a
// number word, or a run of digits with the letter o for zero ("4o5").
func (sc *scan) digitsOf(dst []byte, i int) ([]byte, bool) {
	t := sc.toks[i]
	switch {
	case t.kind != kWord:
		return dst, false
	case t.flags&lxDigits != 0:
		return append(dst, sc.bytesOf(i)...), true
	case t.flags&lxNumWord != 0:
		return append(dst, byte('0'+t.digit)), true
	case t.flags&lxHasDigit == 0:
		return dst, false
	}
	w := sc.bytesOf(i)
	out, ok := gluedNumber(dst, w)
	if ok {
		return out, true
	}
	dst = out // what dst held, in the buffer gluedNumber may have grown
	n, o, ones := 0, 0, 0
	for k, c := range w {
		switch {
		case c >= '0' && c <= '9':
			n++
		case c == 'o':
			o++
		case (c == 'l' || c == 'i') && k+1 < len(w) && w[k+1] >= '0' && w[k+1] <= '9':
			ones++ // an l or a capital I for a one, before a digit ("4l5", "I55"; not "10l" of a volume)
		default:
			return dst, false
		}
	}
	// "4o5" alone; "1O", "O6" only next to a run of digits ("O6 25 85 43 O1").
	// An l for a one only among two digits or more: "i7 12700" is a processor.
	if o+ones == 0 || n == 0 || ones > 0 && (n < 2 || len(w) < 3) || (n < 2 || len(w) < 3) && !sc.digitsBeside(i) {
		return dst, false
	}
	for _, c := range w {
		switch c {
		case 'o':
			c = '0'
		case 'l', 'i':
			c = '1'
		}
		dst = append(dst, c)
	}
	return dst, true
}

func (sc *scan) isDigitish(i int) bool {
	f := sc.toks[i].flags
	return f&(lxDigits|lxNumWord) != 0 || f&lxHasDigit != 0 && sc.oDigits(i)
}

func (sc *scan) oDigits(i int) bool {
	var ok bool
	sc.oScratch, ok = sc.digitsOf(sc.oScratch[:0], i) // a scratch of its own: callers may hold sc.digits
	return ok
}

// phones finds runs of 7 to 15 digits written with digits, number words
// (several languages), "o" for zero, "double"/"triple", and the usual
// separators, then drops what is a date, a year range, an ISBN, an IP
// address, a decimal, an amount or an identifier named by its context.
//
// A run starts only at a token the tokenizer noted in nums, so the tokens
// between them are not looked at; done is the last token a run has read.
func (sc *scan) phones() {
	n := len(sc.toks)
	done := -1
	for _, k := range sc.nums {
		i := int(k)
		if i <= done {
			continue
		}
		done = i
		// A run starts at a digit, a number word, or "double"/"triple"
		// before one ("triple three eight ...").
		repeatStart := sc.toks[i].flags&lxRepeat != 0 && i+1 < n && sc.isDigitish(i+1)
		if sc.used[i] || !sc.isDigitish(i) && !repeatStart {
			continue
		}
		// "due 2025-03-01": a word that is a number only in another language
		// starts a number only when more number words follow.
		if !repeatStart && sc.toks[i].flags&lxWeakNum != 0 && (i+1 >= n || sc.toks[i+1].flags&lxNumWord == 0) {
			continue
		}
		digits := sc.digits[:0]
		groups := sc.groups[:0] // lengths of digit-run groups
		seps := sc.seps[:0]
		words, last, repeat := 0, i, 1
		sepsAtLast := 0 // separators seen up to the last digit: a sentence's full stop is not one
		j := i
		for ; j < n && !sc.used[j]; j++ {
			t := sc.toks[j]
			if sc.isDigitish(j) {
				before := len(digits)
				for r := 0; r < repeat; r++ {
					digits, _ = sc.digitsOf(digits, j)
				}
				repeat = 1
				if t.flags&lxDigits != 0 {
					groups = append(groups, len(digits)-before)
				} else {
					words++
				}
				last = j
				sepsAtLast = len(seps)
				continue
			}
			if t.flags&lxZero != 0 && len(digits) > 0 && j+1 < n && sc.isDigitish(j+1) {
				digits = append(digits, '0')
				words++
				continue
			}
			if t.flags&lxRepeat != 0 && j+1 < n && sc.isDigitish(j+1) {
				repeat = 2
				if sc.is(j, "triple") {
					repeat = 3
				}
				continue
			}
			if t.kind == kPunct && sc.f.b[t.s] == ',' && j > i && sc.toks[j-1].flags&lxNumWord != 0 &&
				j+1 < n && sc.toks[j+1].flags&lxNumWord != 0 {
				continue // "zero seven nine one one, one two three": spoken groups
			}
			if t.kind == kPunct && strings.IndexByte("-./()", sc.f.b[t.s]) >= 0 && j > i {
				seps = append(seps, sc.f.b[t.s])
				continue
			}
			break
		}
		sc.digits, sc.groups, sc.seps = digits, groups, seps
		seps = seps[:sepsAtLast]
		if (len(digits) < 7 || len(digits) > 15) && !(len(digits) >= 3 && len(digits) < 7 && words == 0) {
			// Too few or too many digits for a phone, and not the start of
			// one finished a sentence later: the common case, no string made.
			done = max(i, last)
			continue
		}
		d := textOf(digits) // valid while digits is: add copies what it keeps
		start := i
		sign := i > 0 && sc.isPunct(i-1, '+')
		plus := sign || i > 0 && sc.is(i-1, "plus") // "+44 ...", "plus four four ..."
		if plus {
			start = i - 1
		} else if i > 0 && sc.isPunct(i-1, '(') {
			start = i - 1
		}
		if sign && words == 0 && len(d) >= 3 && len(d) < 7 {
			// "+34 636. The last digits are 835 440": a number begun with
			// "+" and finished a sentence later.
			if end, rest, ok := sc.phoneRest(last, len(d)); ok {
				sc.add(Phone, start, end, "+"+d+rest, 0.75)
				sc.markUsed(start, end)
				done = end
				continue
			}
		}
		if sc.phoneLike(start, last, d, groups, seps, words) {
			norm := d
			switch {
			case plus:
				norm = "+" + d
			case strings.HasPrefix(d, "00") && len(d) > 9:
				norm = "+" + d[2:]
			case len(d) == 10 && d[0] >= '2' && d[3] >= '2' && len(groups) > 1:
				norm = "+1" + d // a NANP-shaped number written with separators
			case len(d) == 11 && d[0] == '1':
				norm = "+" + d
			}
			conf := 0.8
			if plus || sc.phoneCue(start) {
				conf = 0.95
			}
			sc.add(Phone, start, last, norm, conf)
			sc.markUsed(start, last)
		}
		done = max(i, last)
	}
}

func (sc *scan) phoneCue(start int) bool {
	for k := start - 1; k >= 0 && k >= start-5; k-- {
		if sc.toks[k].flags&lxPhoneCue != 0 {
			return true
		}
		if sc.sentenceEnd(k) {
			break
		}
	}
	return false
}

func (sc *scan) phoneLike(start, last int, d string, groups []int, seps []byte, words int) bool {
	if len(d) < 7 || len(d) > 15 {
		return false
	}
	// Glued to letters or symbols: an identifier (SN-4471-0093, 1080p), an
	// amount ($1500000) or a percentage.
	if start > 0 && sc.touching(start-1, start) {
		p := sc.toks[start-1]
		if p.kind == kWord || p.kind == kPunct && strings.IndexByte("$#%-/.:", sc.f.b[p.s]) >= 0 {
			return false
		}
	}
	if start > 0 && sc.toks[start].gap && sc.toks[start-1].kind == kPunct && strings.IndexByte("$", sc.f.b[sc.toks[start-1].s]) >= 0 {
		return false
	}
	if last+1 < len(sc.toks) && sc.touching(last, last+1) {
		nx := sc.toks[last+1]
		if nx.kind == kWord || nx.kind == kPunct && strings.IndexByte("%$", sc.f.b[nx.s]) >= 0 {
			return false
		}
	}
	for k := start - 1; k >= 0 && k >= start-3; k-- {
		if sc.toks[k].flags&lxNotPhone != 0 && sc.toks[k].flags&lxPhoneCue == 0 {
			return false
		}
	}
	if sc.counting(start, last) {
		return false // "1 2 3 4 5 6 7", "sizes 8 10 12 14 16": a list, not a number
	}
	// "milestone 3 (108850 rublej)": a bracket opened and never closed.
	open := strings.Count(string(seps), "(")
	if sc.isPunct(start, '(') {
		open++
	}
	if open != strings.Count(string(seps), ")") {
		return false
	}
	if words == 0 {
		sep := string(seps)
		switch {
		case len(groups) == 2 && sep == "-" && !sc.phoneCue(start): // a range: 5000-7000
			return false
		case len(groups) == 2 && sep == "." && !(len(d) >= 10 && (d[0] == '0' || sc.phoneCue(start))):
			return false // a decimal number; "0151.14110629" is a number with a trunk prefix
		case len(groups) == 4 && len(d) <= 12 && sep == "..." && octets(groups, d): // an IPv4 address
			return false
		case strings.Count(sep, ".") >= 3 && !(len(d) >= 9 && sc.phoneCue(start)): // a version or a dotted identifier
			return false
		case len(d) == 13 && (strings.HasPrefix(d, "978") || strings.HasPrefix(d, "979")) && len(groups) >= 4:
			return false // ISBN-13
		case isDate(groups, d):
			return false
		case len(groups) == 1 && len(d) < 10 && !sc.phoneCue(start) && !sc.isPunct(start, '+'):
			return false // a bare 7-9 digit number with nothing saying it is a phone
		}
	}
	return true
}

// isDate reports digit groups shaped like a date (2024-05-12, 12/05/2024)
// or a year range (2019-2023).
func isDate(groups []int, d string) bool {
	year := func(s string) bool { return s >= "1900" && s <= "2099" }
	switch {
	case len(groups) == 3 && groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2:
		return year(d[:4])
	case len(groups) == 3 && groups[0] <= 2 && groups[1] <= 2 && groups[2] == 4:
		return year(d[len(d)-4:])
	case len(groups) == 2 && groups[0] == 4 && groups[1] == 4:
		return year(d[:4]) && year(d[4:])
	}
	return false
}

// touching reports whether tokens i and j were written with nothing between
// them (spaced-out runs clear gaps, but their letters still had spaces).
func (sc *scan) touching(i, j int) bool { return sc.toks[j].s == sc.toks[i].e }

// numberWords are the English number words a glued token may mix with
// digits ("6five0").
var numberWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// gluedNumber reads a token of digits and English number words written
// together ("6five0", "four1five"), which must hold at least one of each.
func gluedNumber(dst, w []byte) ([]byte, bool) {
	start := len(dst)
	words, digits := 0, 0
	for i := 0; i < len(w); {
		if c := w[i]; c >= '0' && c <= '9' {
			dst = append(dst, c)
			digits++
			i++
			continue
		}
		matched := false
		for d, nw := range numberWords {
			if len(w)-i >= len(nw) && string(w[i:i+len(nw)]) == nw {
				dst = append(dst, byte('0'+d))
				words++
				i += len(nw)
				matched = true
				break
			}
		}
		if !matched {
			return dst[:start], false
		}
	}
	if words == 0 || digits == 0 {
		return dst[:start], false
	}
	return dst, true
}

// counting reports whether the numbers in tokens [from, to] step up evenly
// (1 2 3 4, 8 10 12 14, one two three four): someone counting.
// The numbers are read as they come, without a list: each must step from
// the one before by what the second stepped from the first.
func (sc *scan) counting(from, to int) bool {
	n, prev, step, even := 0, 0, 0, true
	for k := from; k <= to; k++ {
		t := sc.toks[k]
		v := 0
		switch {
		case t.flags&lxNumWord != 0:
			v = int(t.digit)
		case t.flags&lxDigits != 0 && t.e-t.s <= 4:
			for _, c := range sc.bytesOf(k) {
				v = v*10 + int(c-'0')
			}
		case t.kind == kWord:
			return false
		default:
			continue
		}
		switch {
		case n == 1:
			step = v - prev
		case n > 1:
			even = even && v-prev == step
		}
		prev = v
		n++
	}
	return n >= 4 && step > 0 && even
}

// octets reports whether digit groups read as the four numbers of an IPv4
// address, each at most 255.
func octets(groups []int, d string) bool {
	at := 0
	for _, g := range groups {
		if g > 3 {
			return false
		}
		v := 0
		for _, c := range d[at : at+g] {
			v = v*10 + int(c-'0')
		}
		if v > 255 {
			return false
		}
		at += g
	}
	return true
}

// phoneRest looks, within a dozen tokens after last, for the digit groups
// that complete a number of have digits begun with "+" to 9-15 digits, and
// returns the last token and the digits.
func (sc *scan) phoneRest(last, have int) (int, string, bool) {
	n := len(sc.toks)
	for j := last + 1; j < n && j <= last+12; j++ {
		if sc.used[j] || sc.isPunct(j, '+') {
			return 0, "", false
		}
		if sc.toks[j].flags&lxDigits == 0 {
			continue
		}
		var rest []byte
		end := j
		for k := j; k < n && k <= j+8; k++ {
			if sc.toks[k].flags&lxDigits != 0 {
				rest = append(rest, sc.bytesOf(k)...)
				end = k
				continue
			}
			if sc.isPunct(k, '-') || sc.isPunct(k, '.') && k+1 < n && !sc.toks[k+1].gap {
				continue
			}
			break
		}
		if t := have + len(rest); t >= 9 && t <= 15 && !(end+1 < n && sc.touching(end, end+1) && sc.toks[end+1].kind == kWord) {
			return end, string(rest), true
		}
		return 0, "", false
	}
	return 0, "", false
}

// digitsBeside reports whether a token of digits stands right before or
// after token i, or one separator away ("(729) 8OO-332O").
func (sc *scan) digitsBeside(i int) bool {
	digitsAt := func(k int) bool { return k >= 0 && k < len(sc.toks) && sc.toks[k].flags&lxDigits != 0 }
	sepAt := func(k int) bool {
		return k >= 0 && k < len(sc.toks) && sc.toks[k].kind == kPunct && strings.IndexByte("-.()", sc.f.b[sc.toks[k].s]) >= 0
	}
	return digitsAt(i-1) || digitsAt(i+1) || sepAt(i-1) && digitsAt(i-2) || sepAt(i+1) && digitsAt(i+2)
}
