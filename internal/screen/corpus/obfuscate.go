package corpus

import (
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// The ways members hide a value. Each takes a value as normally written
// and returns it as the family writes it.

func spacedLetters(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r == ' ' {
			continue
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func joinedWith(s, sep string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func fullwidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7f {
			r += 0xFEE0
		}
		b.WriteRune(r)
	}
	return b.String()
}

var cyrillic = map[rune]rune{'a': 'а', 'e': 'е', 'o': 'о', 'c': 'с', 'p': 'р', 'x': 'х', 'y': 'у', 'i': 'і', 'T': 'Т', 'M': 'М', 'H': 'Н', 'K': 'К', 'B': 'В', 'P': 'Р', 'C': 'С', 'A': 'А', 'E': 'Е', 'O': 'О'}

// lookalike swaps some Latin letters for Cyrillic ones that look the same.
func lookalike(r *rand.Rand, s string) string {
	var b strings.Builder
	n := 0
	for _, c := range s {
		if l, ok := cyrillic[c]; ok && (n == 0 || r.IntN(2) == 0) {
			c = l
			n++
		}
		b.WriteRune(c)
	}
	return b.String()
}

// capitalI writes a capital I for every lower-case l: "PayPaI", "gmaiI".
func capitalI(s string) string { return strings.ReplaceAll(s, "l", "I") }

var leetMap = map[rune]string{'a': "4", 'e': "3", 'i': "1", 'o': "0", 's': "5", 't': "7", 'A': "4", 'E': "3", 'I': "1", 'O': "0", 'S': "5"}

// leet swaps one or two letters for digits.
func leet(r *rand.Rand, s string) string {
	rs := []rune(s)
	var idx []int
	for i, c := range rs {
		if _, ok := leetMap[c]; ok {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return s
	}
	n := 1 + r.IntN(2)
	for k := 0; k < n; k++ {
		i := idx[r.IntN(len(idx))]
		if d, ok := leetMap[rs[i]]; ok {
			rs[i] = []rune(d)[0]
		}
	}
	return string(rs)
}

// zeroWidth hides zero-width characters inside s.
func zeroWidth(r *rand.Rand, s string) string {
	zw := []string{"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
	var b strings.Builder
	n := utf8.RuneCountInString(s)
	k := 0
	for _, c := range s {
		b.WriteRune(c)
		k++
		if k < n && r.IntN(3) == 0 {
			b.WriteString(pick(r, zw))
		}
	}
	return b.String()
}

// htmlEntities writes @ and . as HTML character references.
func htmlEntities(r *rand.Rand, s string) string {
	at := []string{"&#64;", "&commat;", "&#x40;"}
	dot := []string{"&#46;", "&period;", "&#x2E;"}
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '@':
			b.WriteString(pick(r, at))
		case '.':
			b.WriteString(pick(r, dot))
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// spokenAddress writes @ and . as words of the language.
func spokenAddress(r *rand.Rand, s, lang string) string {
	w := atDot[lang]
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '@':
			b.WriteString(" " + pick(r, w[0]) + " ")
		case '.':
			b.WriteString(" " + pick(r, w[1]) + " ")
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func bracketed(r *rand.Rand, s string) string {
	at := []string{"[at]", "(at)", "{at}", " [at] ", "(@)", " (at) "}
	dot := []string{"[dot]", "(dot)", "[.]", " (dot) ", "{dot}"}
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '@':
			b.WriteString(pick(r, at))
		case '.':
			b.WriteString(pick(r, dot))
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func spacedSymbols(s string) string {
	s = strings.ReplaceAll(s, "@", " @ ")
	return strings.ReplaceAll(s, ".", " . ")
}

// digitWords writes each digit of a number as a word of the language.
func digitWords(r *rand.Rand, s, lang string, share int) string {
	ws := numberWords[lang]
	var out []string
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			if r.IntN(100) < share {
				out = append(out, ws[c-'0'])
			} else {
				out = append(out, string(c))
			}
		case c == '+':
			out = append(out, "+")
		}
	}
	// Glue runs of digits back together so mixed numbers look typed.
	var b strings.Builder
	for i, w := range out {
		if i > 0 && !(isDigit(w) && isDigit(out[i-1])) && out[i-1] != "+" {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

func isDigit(s string) bool { return len(s) == 1 && s[0] >= '0' && s[0] <= '9' }

func oForZero(r *rand.Rand, s string) string {
	if !strings.Contains(s, "0") {
		s = s[:len(s)-1] + "0"
	}
	o := pick(r, []string{"o", "O"})
	return strings.ReplaceAll(s, "0", o)
}

func circled(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '0':
			b.WriteRune('⓪')
		case c >= '1' && c <= '9':
			b.WriteRune('①' + c - '1')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// repeats writes runs of equal digits as "double five", "triple two".
func repeats(s string, lang string) string {
	ws := numberWords[lang]
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	var out []string
	for i := 0; i < len(d); {
		j := i
		for j < len(d) && d[j] == d[i] {
			j++
		}
		w := ws[d[i]-'0']
		switch n := j - i; {
		case n == 2:
			out = append(out, "double "+w)
		case n >= 3:
			out = append(out, "triple "+w)
			j = i + 3
		default:
			out = append(out, w)
		}
		i = j
	}
	return strings.Join(out, " ")
}

// repeatyNumber makes a number with runs, so "double" and "triple" appear.
func repeatyNumber(r *rand.Rand) string {
	var b []byte
	for len(b) < 10 {
		c := byte('1' + r.IntN(9))
		n := 1 + r.IntN(3)
		for k := 0; k < n && len(b) < 10; k++ {
			b = append(b, c)
		}
	}
	return string(b)
}
