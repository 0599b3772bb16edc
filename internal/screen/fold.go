package screen

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// folded is text reduced to lower-case ASCII for the detectors, with a
// map back to the original bytes, so spans map back exactly (C4). The map is
// a list of segments: a run of ASCII maps byte for byte, and the bytes that
// one other rune folds to all map to that whole rune.
type folded struct {
	b    []byte
	segs []segment
	// capitalIs are the folded offsets of the capital I's written right
	// after a letter ("SkriII"), which respell reads as possible l's.
	capitalIs []int32
	// gluedMarks are the folded offsets of an "at" or a "dot" written
	// into a word for "@" or "." ("janeATgmailDOTcom", "jane_at_gmail_dot_com"),
	// which respell writes apart.
	gluedMarks []int32
	// russianUntil is the end of the last Cyrillic word fold classified,
	// and russian whether that word is transliterated (russianWord).
	russianUntil int
	russian      bool
}

// segment maps folded bytes [f, f+n) to the original text from o: byte for
// byte, or (rune > 0) all of them to the one rune [o, o+rune).
type segment struct {
	f, o, n int32
	rune    int32
}

// seg finds the segment holding folded offset i.
func (f *folded) seg(i int32) segment {
	lo, hi := 0, len(f.segs)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.segs[mid].f <= i {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return f.segs[lo]
}

// origStart and origEnd map a folded offset back to the original text.
func (f *folded) origStart(i int32) int {
	sg := f.seg(i)
	if sg.rune > 0 {
		return int(sg.o)
	}
	return int(sg.o + i - sg.f)
}

func (f *folded) origEnd(i int32) int {
	sg := f.seg(i)
	if sg.rune > 0 {
		return int(sg.o + sg.rune)
	}
	return int(sg.o+i-sg.f) + 1
}

// lower maps ASCII to its folded byte: lower case, controls to spaces.
var lower = func() (t [128]byte) {
	for c := range t {
		b := byte(c)
		switch {
		case b >= 'A' && b <= 'Z':
			b += 'a' - 'A'
		case b < 0x20 || b == 0x7f:
			b = ' '
		}
		t[c] = b
	}
	return t
}()

// Eight bytes at a time (SWAR): ones has 1 in every byte, highs 0x80.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// load64 reads s[i:i+8] as a little-endian word (the compiler makes it one load).
func load64(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// plainASCII reports whether the eight bytes of x are ASCII and none is
// "&", which may start a character reference.
func plainASCII(x uint64) bool {
	amp := x ^ ('&' * ones)
	return x&highs == 0 && (amp-ones)&^amp&highs == 0
}

// lowerASCII folds ASCII bytes in place as lower does, eight at a time
// when the eight hold no control byte.
func lowerASCII(b []byte) {
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		// Per byte (all below 0x80): x+0x60 reaches 0x80 from 0x20 up, so
		// a clear high bit is a control; x+1 has it set only for 0x7f; x
		// between 'A' and 'Z' sets the high bit of x+0x3f but not of x+0x25.
		if ^(x+(0x80-0x20)*ones)&highs != 0 || (x+ones)&highs != 0 {
			for k, c := range b[:8] {
				b[k] = lower[c]
			}
		} else {
			upper := (x + (0x80-'A')*ones) &^ (x + (0x80-'Z'-1)*ones) & highs
			binary.LittleEndian.PutUint64(b, x|upper>>2)
		}
		b = b[8:]
	}
	for k, c := range b {
		b[k] = lower[c]
	}
}

// appendCapitalIs appends to dst the folded offsets of the capital I's
// right after an ASCII letter in text[i:j], which folds to f.b[k:].
func appendCapitalIs(dst []int32, text string, i, j, k int) []int32 {
	for x := i; x < j; {
		n := strings.IndexByte(text[x:j], 'I')
		if n < 0 {
			break
		}
		x += n
		if x > 0 {
			if p := text[x-1] | 0x20; p >= 'a' && p <= 'z' {
				dst = append(dst, int32(k+x-i))
			}
		}
		x++
	}
	return dst
}

// appendGluedMarks appends to dst the folded offsets of the "at" and "dot"
// glued into words of text[i:j] (which folds to f.b[k:]) in capitals
// between lower-case letters or digits ("janeATgmailDOTcom"), or between
// underscores ("jane_at_gmail_dot_com"). A text without a capital "AT" or
// an "_at_" costs a search or two and nothing more.
func appendGluedMarks(dst []int32, text string, i, j, k int) []int32 {
	run := text[i:j]
	if !strings.Contains(run, "AT") && !containsFold(run, "_at_") {
		return dst
	}
	alnum := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
	for x := 0; x < len(run); x++ {
		for _, m := range []string{"AT", "DOT"} {
			if strings.HasPrefix(run[x:], m) && x > 0 && alnum(run[x-1]) && x+len(m) < len(run) && alnum(run[x+len(m)]) {
				dst = append(dst, int32(k+x))
			}
		}
		for _, m := range []string{"_at_", "_dot_"} {
			if len(run)-x > len(m) && strings.EqualFold(run[x:x+len(m)], m) && x > 0 && alnum(run[x-1]|0x20) && alnum(run[x+len(m)]|0x20) {
				dst = append(dst, int32(k+x))
			}
		}
	}
	return dst
}

// containsFold reports whether s holds sub, an ASCII lower-case string, in
// any case.
func containsFold(s, sub string) bool {
	for x := strings.IndexByte(s, sub[0]); x >= 0 && x+len(sub) <= len(s); {
		if strings.EqualFold(s[x:x+len(sub)], sub) {
			return true
		}
		n := strings.IndexByte(s[x+1:], sub[0])
		if n < 0 {
			break
		}
		x += n + 1
	}
	return false
}

// otherLetter stands for a letter of a script the detectors do not read.
const otherLetter = 0x01

// foldTable maps the non-ASCII runes the detectors care about to ASCII:
// full-width and other compatibility forms, look-alike Cyrillic and Greek
// letters, letters with diacritics, enclosed and superscript digits, digits
// of other scripts, Unicode spaces. "" means the rune is invisible and is
// dropped. It is built once and never changes.
var foldTable = buildFoldTable()

// foldLow holds foldTable for the runes below foldLowEnd (Latin, Greek,
// Cyrillic: the letters of most non-ASCII text) as indexes plus one into
// foldStrings, and foldBMP has a bit for each rune of the Basic
// Multilingual Plane foldTable holds: a rune of other text (Chinese, say)
// is known not to fold without a map lookup.
const foldLowEnd = 0x800

var foldStrings, foldLow, foldBMP = func() (strs []string, low [foldLowEnd]uint16, bmp [0x10000 / 64]uint64) {
	for r, s := range foldTable {
		if r < 0x10000 {
			bmp[r/64] |= 1 << (r % 64)
		}
		if r < foldLowEnd {
			strs = append(strs, s)
			low[r] = uint16(len(strs))
		}
	}
	return strs, low, bmp
}()

// foldOf returns foldTable's entry for r.
func foldOf(r rune) (string, bool) {
	switch {
	case r < foldLowEnd:
		if k := foldLow[r]; k != 0 {
			return foldStrings[k-1], true
		}
		return "", false
	case r < 0x10000 && foldBMP[r/64]&(1<<(r%64)) == 0:
		return "", false
	}
	s, ok := foldTable[r]
	return s, ok
}

// confusables are letters that look like Latin ones but NFKC keeps apart.
var confusables = map[rune]string{
	'а': "a", 'в': "b", 'е': "e", 'ё': "e", 'к': "k", 'м': "m", 'н': "h", 'о': "o", 'р': "p", 'с': "c",
	'т': "t", 'у': "y", 'х': "x", 'ѕ': "s", 'і': "i", 'ї': "i", 'ј': "j", 'һ': "h", 'ԁ': "d", 'ԛ': "q",
	'ԝ': "w", 'ɡ': "g", 'ɑ': "a", 'ο': "o", 'α': "a", 'β': "b", 'ε': "e", 'ι': "i", 'κ': "k", 'ν': "v",
	'ρ': "p", 'τ': "t", 'υ': "u", 'χ': "x", 'γ': "y", 'ω': "w", 'η': "n", 'μ': "u", 'ѵ': "v", 'ɩ': "i",
	'ℓ': "l", 'ı': "i", 'ȷ': "j", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ł': "l", 'ħ': "h",
	'þ': "th", 'ð': "d",
	'\u3002': ".", '\uff61': ".", '\u2024': ".", '\u00b7': ".", '\u2219': ".", '\u30fb': ".",
	'\u2010': "-", '\u2011': "-", '\u2012': "-", '\u2013': "-", '\u2014': "-", '\u2212': "-",
	'\u2018': "'", '\u2019': "'", '\u201c': "\"", '\u201d': "\"",
}

func buildFoldTable() map[rune]string {
	t := map[rune]string{}
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			if s, ok := foldRune(r); ok {
				t[r] = s
			}
		}
	}
	add(0x80, 0x24F)      // Latin-1 and Latin Extended
	add(0x2B0, 0x2FF)     // modifier letters
	add(0x370, 0x52F)     // Greek, Cyrillic
	add(0x1D00, 0x1DBF)   // phonetic extensions
	add(0x1E00, 0x1EFF)   // Latin Extended Additional
	add(0x2000, 0x2BFF)   // punctuation, super/subscripts, letterlike, enclosed, dingbats
	add(0x3000, 0x303F)   // CJK punctuation
	add(0xFE00, 0xFE6F)   // variation selectors, small forms
	add(0xFF00, 0xFFEF)   // full-width forms
	add(0x1D400, 0x1D7FF) // mathematical alphanumerics
	add(0x1F100, 0x1F1FF) // enclosed alphanumeric supplement
	for _, rt := range unicode.Nd.R16 {
		for r := rune(rt.Lo); r <= rune(rt.Hi); r += rune(rt.Stride) {
			t[r] = string(rune('0' + (r-rune(rt.Lo))%10))
		}
	}
	for _, rt := range unicode.Nd.R32 {
		for r := rune(rt.Lo); r <= rune(rt.Hi); r += rune(rt.Stride) {
			t[r] = string(rune('0' + (r-rune(rt.Lo))%10))
		}
	}
	for _, r := range invisible {
		t[r] = ""
	}
	for _, r := range stars {
		t[r] = "*"
	}
	return t
}

// stars are the symbols members draw ratings with; they fold to "*" so
// "★★★★★" reads like "*****".
var stars = []rune{'★', '☆', '⭐', '✩', '✪', '✫', '✬', '✭', '✮', '✯', '✰', '⋆', '✱', '✲', '✳', '🌟', '🌠', '💫'}

// invisible runes are dropped: zero-width characters, joiners, direction
// marks, the soft hyphen, variation selectors and the combining keycap.
var invisible = []rune{0xAD, 0x34F, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C,
	0x202D, 0x202E, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF, 0x20E3, 0xFE0E, 0xFE0F}

// foldRune decides the ASCII form of one rune, if it has one.
func foldRune(r rune) (string, bool) {
	if s, ok := confusables[r]; ok {
		return s, true
	}
	if unicode.IsSpace(r) {
		return " ", true
	}
	if unicode.Is(unicode.Mn, r) {
		return "", true
	}
	var out []byte
	for _, c := range norm.NFD.String(norm.NFKC.String(string(r))) {
		switch {
		case c < 0x80:
			out = append(out, byte(unicode.ToLower(c)))
		case unicode.Is(unicode.Mn, c):
		default:
			if s, ok := confusables[unicode.ToLower(c)]; ok {
				out = append(out, s...)
				continue
			}
			return "", false
		}
	}
	if len(out) == 0 {
		return "", false
	}
	return string(out), true
}

// fold fills f from text, reusing its buffers. Runs of ASCII are copied
// whole; other runes go through the fold table.
//
// HTML character references ("&#64;", "&commat;", "&#x2E;") are decoded
// first, as the browser that shows the text would: the bytes they fold to
// map back to the whole reference, so spans stay exact in the original.
func (f *folded) fold(text string) {
	f.b, f.segs, f.capitalIs, f.gluedMarks = f.b[:0], f.segs[:0], f.capitalIs[:0], f.gluedMarks[:0]
	f.russianUntil = 0
	for i := 0; i < len(text); {
		if text[i] == '&' {
			if r, n := entity(text[i:]); n > 0 {
				k := len(f.b)
				if r < utf8.RuneSelf {
					f.b = append(f.b, lower[r])
				} else if s, ok := foldOf(r); ok {
					f.b = append(f.b, s...)
				} else {
					f.b = append(f.b, ' ')
				}
				if len(f.b) > k {
					f.segs = append(f.segs, segment{f: int32(k), o: int32(i), n: int32(len(f.b) - k), rune: int32(n)})
				}
				i += n
				continue
			}
		}
		if text[i] < utf8.RuneSelf {
			j := i + 1
			for j+8 <= len(text) && plainASCII(load64(text, j)) {
				j += 8
			}
			for j < len(text) && text[j] < utf8.RuneSelf && text[j] != '&' {
				j++
			}
			k := len(f.b)
			f.b = append(f.b, text[i:j]...)
			lowerASCII(f.b[k:])
			f.capitalIs = appendCapitalIs(f.capitalIs, text, i, j, k)
			f.gluedMarks = appendGluedMarks(f.gluedMarks, text, i, j, k)
			f.segs = append(f.segs, segment{f: int32(k), o: int32(i), n: int32(j - i)})
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		k := len(f.b)
		s, ok := foldOf(r)
		if r >= 0x400 && r <= 0x4FF {
			if i >= f.russianUntil {
				f.russianUntil, f.russian = russianWord(text, i)
				if brand := russianBrand(text, i, f.russianUntil, f.russian); brand != "" {
					f.b = append(f.b, brand...)
					f.segs = append(f.segs, segment{f: int32(k), o: int32(i), n: int32(len(brand)), rune: int32(f.russianUntil - i)})
					i = f.russianUntil
					continue
				}
			}
			if f.russian {
				s, ok = translit[unicode.ToLower(r)]
			}
		}
		switch {
		case ok:
			f.b = append(f.b, s...)
		case r == utf8.RuneError && n == 1:
			f.b = append(f.b, ' ')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			f.b = append(f.b, otherLetter)
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r):
			// invisible marks and format characters not in the table
		default:
			f.b = append(f.b, ' ')
		}
		if len(f.b) > k {
			f.segs = append(f.segs, segment{f: int32(k), o: int32(i), n: int32(len(f.b) - k), rune: int32(n)})
		}
		i += n
	}
}

// Normalize returns the folded form of text the detectors read, for
// debugging and for tests of the normalization itself.
func Normalize(text string) string {
	var f folded
	f.fold(text)
	return string(f.b)
}

// namedEntities are the named character references members use to write
// the characters of an address or a price without typing them.
var namedEntities = map[string]rune{"amp": '&', "lt": '<', "gt": '>', "quot": '"', "apos": '\'', "commat": '@',
	"period": '.', "nbsp": ' ', "colon": ':', "sol": '/', "plus": '+', "lowbar": '_', "num": '#', "dollar": '$',
	"hyphen": '-', "dash": '-', "comma": ',', "lpar": '(', "rpar": ')', "lsqb": '[', "rsqb": ']', "excl": '!',
	"quest": '?', "ast": '*', "midast": '*', "star": '☆', "starf": '★', "middot": '·', "centerdot": '·'}

// entity decodes the HTML character reference at the start of s ("&#64;",
// "&#x40;", "&commat;"; the ";" is required) and returns the rune and the
// reference's length in bytes, or n == 0 when s does not start with one.
func entity(s string) (r rune, n int) {
	if len(s) < 3 || s[0] != '&' {
		return 0, 0
	}
	end := -1
	for k := 1; k < len(s) && k <= 12; k++ {
		if s[k] == ';' {
			end = k
			break
		}
	}
	if end < 2 {
		return 0, 0
	}
	body := s[1:end]
	if body[0] != '#' {
		r, ok := namedEntities[body]
		if !ok {
			return 0, 0
		}
		return r, end + 1
	}
	digits, base := body[1:], rune(10)
	if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || len(digits) > 7 {
		return 0, 0
	}
	for _, c := range []byte(digits) {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return 0, 0
		}
		r = r*base + d
	}
	if r == 0 || r > unicode.MaxRune || r >= 0xD800 && r <= 0xDFFF {
		return 0, 0
	}
	return r, end + 1
}

// translit writes Russian (and the few Ukrainian and Belarusian letters
// that differ) in Latin letters the way members type it on a keyboard
// without Cyrillic ("napishi", "bystryj", "obshchatsya", "cifry"): the
// words the detectors and the learned layer know in the seven languages.
var translit = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i",
	'й': "j", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "h", 'ц': "c", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
	'э': "e", 'ю': "yu", 'я': "ya", 'і': "i", 'ї': "i", 'є': "e", 'ґ': "g", 'ў': "u",
}

// russianBrands are messenger and payment brands as Russian speakers spell
// them, transliterated, by the brand the detectors know: "скайп" is
// "skajp", not "skype". Spellings that are also common Russian words stay
// out ("киви" is a fruit, "вестерн" a film).
var russianBrands = map[string]string{
	"telegram": "telegram", "telegramm": "telegram", "teleg": "telegram", "telegramchik": "telegram",
	"vatsap": "whatsapp", "votsap": "whatsapp", "vacap": "whatsapp", "vocap": "whatsapp", "uatsap": "whatsapp",
	"skajp": "skype", "vajber": "viber", "diskord": "discord", "instagram": "instagram", "insta": "instagram",
	"vichat": "wechat", "fejsbuk": "facebook", "mesendzher": "messenger", "messendzher": "messenger",
	"pejpal": "paypal", "pajpal": "paypal", "vebmani": "webmoney", "yumani": "yoomoney",
	"bitkoin": "bitcoin", "kripta": "crypto", "kriptovalyuta": "crypto", "payoner": "payoneer",
}

// russianEndings are the case endings a brand takes in a Russian sentence
// ("в телеграме", "по скайпу", "через пейпал", "криптой"), longest first.
var russianEndings = []string{"ami", "oj", "om", "ov", "ah", "am", "e", "u", "a", "y", "i", ""}

// russianBrand returns the brand a Russian word text[i:end] names in any
// case ("телеграме" is "telegram"), or "" when it names none; it reads
// only words fold transliterates (russian).
func russianBrand(text string, i, end int, russian bool) string {
	if !russian || end-i > 64 {
		return ""
	}
	var buf [128]byte
	t := buf[:0]
	for _, r := range text[i:end] {
		t = append(t, translit[unicode.ToLower(r)]...)
	}
	for _, e := range russianEndings {
		if len(t) > len(e)+3 && string(t[len(t)-len(e):]) == e {
			if b, ok := russianBrands[string(t[:len(t)-len(e)])]; ok {
				return b
			}
		}
	}
	return ""
}

// Kinds of word russianWord tells apart.
const (
	latinWord     = iota // a Latin letter, or a Cyrillic one only an evader uses for a Latin one (ѕ, ј, һ ...)
	cyrillicWord         // Cyrillic, with a letter no Latin one looks like (л, и, ж ...)
	lookAlikeWord        // Cyrillic letters that all look like Latin ones ("сом", "карту")
	noWord               // no word where one was looked for
)

// russianWord decides how the Cyrillic rune at text[i] folds, for its whole
// word: a word written in Cyrillic is Russian text and is transliterated
// ("телеграм" reads "telegram"), while Cyrillic letters mixed into a Latin
// word are look-alikes (the "а" of "gmаil"). A word whose Cyrillic letters
// all look Latin is Russian only beside a plainly Cyrillic word and not
// joined to a Latin one by an address's dot, at sign or slash ("на мою
// карту" reads "na moyu kartu", "gmail.сом пишите" reads "gmail.com
// pishite"). It returns the word's end and whether to transliterate it.
func russianWord(text string, i int) (end int, russian bool) {
	start, end := wordBounds(text, i)
	switch wordKind(text[start:end]) {
	case cyrillicWord:
		return end, true
	case latinWord:
		return end, false
	}
	if joinedToLatin(text, start, -1) || joinedToLatin(text, end, 1) {
		return end, false
	}
	return end, neighbourKind(text, start, -1, 4) == cyrillicWord || neighbourKind(text, end, 1, 4) == cyrillicWord
}

// joinedToLatin reports whether the word edge at text[at] is joined, by
// one of the marks that hold an address together, to a Latin word.
func joinedToLatin(text string, at, dir int) bool {
	k := at + min(dir, 0)
	if k < 0 || k >= len(text) || !strings.ContainsRune(".@_/:-", rune(text[k])) {
		return false
	}
	return neighbourKind(text, at+dir, dir, 1) == latinWord
}

// isWordRune reports whether r continues a word: a letter or a combining mark.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		c := r | 0x20
		return c >= 'a' && c <= 'z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// wordBounds returns the word of letters holding text[i].
func wordBounds(text string, i int) (start, end int) {
	start, end = i, i
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:start])
		if !isWordRune(r) {
			break
		}
		start -= n
	}
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(r) {
			break
		}
		end += n
	}
	return start, end
}

// wordKind classifies a word for russianWord.
func wordKind(w string) int {
	kind := lookAlikeWord
	for _, r := range w {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if _, ok := translit[r]; !ok {
			return latinWord
		}
		if _, ok := confusables[r]; !ok {
			kind = cyrillicWord
		}
	}
	return kind
}

// neighbourKind classifies the word next to text[at] in direction dir (-1
// before, +1 after), across fewer than skip spaces or punctuation marks,
// or says there is none (noWord).
func neighbourKind(text string, at, dir, skip int) int {
	for skipped := 0; skipped < skip; skipped++ {
		var r rune
		var n int
		if dir < 0 {
			if at <= 0 {
				return noWord
			}
			r, n = utf8.DecodeLastRuneInString(text[:at])
		} else {
			if at >= len(text) {
				return noWord
			}
			r, n = utf8.DecodeRuneInString(text[at:])
		}
		if isWordRune(r) {
			start, end := wordBounds(text, at+min(dir, 0)*n)
			return wordKind(text[start:end])
		}
		at += dir * n
	}
	return noWord
}
