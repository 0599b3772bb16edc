package identity

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Encoding kinds of M9. Each is stored in the signal index only as an HMAC
// under the signal secret, like every other signal: the raw name, birth
// date, address, text and device never reach the database. Several
// encodings of one fact make the comparison levels of linkage (an exact
// and a close form) and its blocking keys (forms specific enough to seek).
const (
	EncName        = "nm_name"        // transliterated name tokens, sorted
	EncNamePhon    = "nm_name_phon"   // a phonetic code per token, sorted
	EncNameInit    = "nm_name_init"   // one token's initial + the other tokens' phonetic codes
	EncNameYOB     = "nm_name_yob"    // phonetic codes + birth year (blocking)
	EncTokenDOB    = "nm_token_dob"   // one token's phonetic code + birth date (blocking)
	EncDOB         = "nm_dob"         // the birth date
	EncDOBClose    = "nm_dob_close"   // day and month in either order + year; month and day alone
	EncAddr        = "nm_addr"        // postal code, house number, street, unit, country
	EncAddrHouse   = "nm_addr_house"  // postal code + house number (blocking)
	EncAddrStreet  = "nm_addr_street" // street phonetic + house number + city phonetic
	EncText        = "nm_text"        // the whole folded profile text
	EncTextBand    = "nm_text_band"   // one LSH band of the keyed MinHash signature (blocking)
	EncDevice      = "nm_dev"         // every device trait, browser version included
	EncDeviceBuild = "nm_dev_build"   // every trait but the browser and OS versions (blocking)
	EncDeviceHW    = "nm_dev_hw"      // screen + fonts + time zone
	EncDeviceTrait = "nm_dev_trait"   // each trait alone
)

// IsEncoding reports whether a signal kind is an M9 encoding rather than an
// M2 signal: encodings make near matches, never exact links.
func IsEncoding(kind string) bool { return strings.HasPrefix(kind, "nm_") }

// MinHash parameters: TextBands bands of TextRows rows. Two texts with
// shingle Jaccard similarity s share a band with probability s^TextRows.
const (
	TextBands = 16
	TextRows  = 3
)

// PostalAddress is an address as a verification gives it.
type PostalAddress struct {
	Line1, City, PostalCode, Country string
}

// DeviceTraits are what a browser tells about its machine at sign-up.
type DeviceTraits struct {
	UserAgent string
	Screen    string
	Timezone  string
	Languages []string
	FontsHash string
}

// Facts are the raw values M9 compares, as they arrive at intake. Any may
// be empty; only the present ones are encoded.
type Facts struct {
	Name    string // the legal name, or the sign-up name that I4 requires to match it
	DOB     string // YYYY-MM-DD
	Address *PostalAddress
	Text    string // profile and portfolio text
	Device  *DeviceTraits
}

// Encoding is one keyed encoding: its kind and its HMAC under every secret,
// the current one first (the first is stored; all are looked up).
type Encoding struct {
	Kind   string
	Hashes []string
}

// Encode computes the keyed encodings of the facts. Only HMACs leave this
// function; the canonical forms they are computed from are dropped.
func (h *Hasher) Encode(f Facts) []Encoding {
	var out []Encoding
	for _, s := range plainEncodings(f) {
		out = append(out, Encoding{Kind: s.Kind, Hashes: h.Lookups(s)})
	}
	if sh := shingles(f.Text); len(sh) > 0 {
		bands := make([][]string, len(h.keys))
		for i, k := range h.keys {
			bands[i] = textBands(k, sh)
		}
		for b := range TextBands {
			e := Encoding{Kind: EncTextBand}
			for i := range h.keys {
				e.Hashes = append(e.Hashes, bands[i][b])
			}
			out = append(out, e)
		}
	}
	return out
}

// plainEncodings lists the canonical forms to hash, kind by kind. Kinds
// with several values (tokens, bands, traits) repeat.
func plainEncodings(f Facts) []Signal {
	var out []Signal
	add := func(kind, v string) {
		if v != "" && !slices.Contains(out, Signal{kind, v}) {
			out = append(out, Signal{kind, v})
		}
	}
	tokens := Transliterate(f.Name)
	dob := ""
	if len(f.DOB) == 10 && f.DOB[4] == '-' && f.DOB[7] == '-' {
		dob = f.DOB
	}
	if len(tokens) > 0 {
		sorted := slices.Sorted(slices.Values(tokens))
		add(EncName, strings.Join(sorted, " "))
		codes := make([]string, len(tokens))
		for i, t := range tokens {
			codes[i] = Phonetic(t)
		}
		add(EncNamePhon, strings.Join(slices.Sorted(slices.Values(codes)), " "))
		if len(tokens) > 1 {
			// Initials + surname, and its mirror: a typo that breaks one
			// token's phonetic code leaves the other's whole.
			first, last := tokens[0], tokens[len(tokens)-1]
			add(EncNameInit, first[:1]+" "+Phonetic(last))
			add(EncNameInit, Phonetic(first)+" "+last[:1])
		}
		if dob != "" {
			add(EncNameYOB, strings.Join(slices.Sorted(slices.Values(codes)), " ")+"|"+dob[:4])
			for _, c := range codes {
				add(EncTokenDOB, c+"|"+dob)
			}
		}
	}
	if dob != "" {
		add(EncDOB, dob)
		y, m, d := dob[:4], dob[5:7], dob[8:10]
		add(EncDOBClose, y+"|"+min(m, d)+"|"+max(m, d))
		add(EncDOBClose, "md|"+m+"-"+d)
	}
	if a := f.Address; a != nil {
		na := NormalizeAddress(*a)
		if na.House != "" && na.Postal != "" {
			add(EncAddrHouse, na.Country+"|"+na.Postal+"|"+na.House)
		}
		if na.House != "" && na.Street != "" {
			add(EncAddrStreet, na.Country+"|"+na.Street+"|"+na.House+"|"+na.City)
		}
		if na.Postal != "" || na.Street != "" {
			add(EncAddr, strings.Join([]string{na.Country, na.Postal, na.House, na.Street, na.Unit}, "|"))
		}
	}
	if sh := shingles(f.Text); len(sh) > 0 {
		add(EncText, strings.Join(textWords(f.Text), " "))
	}
	if d := f.Device; d != nil {
		ua := strings.Join(strings.Fields(strings.ToLower(d.UserAgent)), " ")
		build := uaBuild(ua)
		screen := strings.ToLower(strings.TrimSpace(d.Screen))
		tz := strings.ToLower(strings.TrimSpace(d.Timezone))
		langs := make([]string, 0, len(d.Languages))
		for _, l := range d.Languages {
			langs = append(langs, strings.ToLower(strings.TrimSpace(l)))
		}
		lang := strings.Join(langs, ",")
		fonts := strings.ToLower(strings.TrimSpace(d.FontsHash))
		add(EncDevice, strings.Join([]string{ua, screen, tz, lang, fonts}, "|"))
		add(EncDeviceBuild, strings.Join([]string{build, screen, tz, lang, fonts}, "|"))
		for _, t := range [][2]string{{"ua", ua}, {"build", build}, {"screen", screen}, {"tz", tz}, {"lang", lang}, {"fonts", fonts}} {
			if t[1] != "" {
				add(EncDeviceTrait, t[0]+"="+t[1])
			}
		}
	}
	return out
}

// uaBuild drops every version number from a user agent, so a browser that
// updated itself still reads as the same build of the same machine.
func uaBuild(ua string) string {
	var b strings.Builder
	inVer := false
	for _, r := range ua {
		isVer := unicode.IsDigit(r) || (inVer && (r == '.' || r == '_'))
		if isVer {
			if !inVer {
				b.WriteByte('#')
			}
			inVer = true
			continue
		}
		inVer = false
		b.WriteRune(r)
	}
	return b.String()
}

// cyrillic transliterates Russian and Ukrainian letters to Latin the way
// passports most often do; other spellings fold together in Phonetic.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'ё': "e", 'є': "ye", 'ж': "zh", 'з': "z",
	'и': "i", 'і': "i", 'ї': "yi", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "",
	'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
}

// greek transliterates Greek letters (ELOT 743, simplified).
var greek = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i", 'κ': "k", 'λ': "l",
	'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f",
	'χ': "ch", 'ψ': "ps", 'ω': "o",
}

// umlauts are spelled out the German way before diacritics are dropped.
var umlauts = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss")

// Transliterate folds a name to Latin lower-case tokens: diacritics
// dropped, German umlauts and ß spelled out, Cyrillic and Greek
// transliterated.
func Transliterate(name string) []string {
	var b strings.Builder
	for _, t := range NameTokens(umlauts.Replace(name)) {
		for _, r := range t {
			if s, ok := cyrillic[r]; ok {
				b.WriteString(s)
			} else if s, ok := greek[r]; ok {
				b.WriteString(s)
			} else if r < 128 {
				b.WriteRune(r)
			}
		}
		b.WriteByte(' ')
	}
	return strings.Fields(b.String())
}

// phoneticRewrites fold spellings that sound alike before coding: the
// transliteration variants of one name (Aleksandr, Alexander; Yuri, Jurij;
// Tchaikovsky, Chaikovskiy) and common digraphs.
var phoneticRewrites = strings.NewReplacer("tch", "ch", "sch", "sh", "ph", "f", "ck", "k", "x", "ks", "q", "k",
	"w", "v", "y", "i", "j", "i", "kh", "h", "ae", "e", "oe", "e", "ue", "u", "dzh", "j", "zh", "j")

// phoneticClass groups consonants that are confused in speech and typing,
// as Soundex does; vowels (and h) carry no code.
func phoneticClass(r byte) byte {
	switch r {
	case 'b', 'f', 'p', 'v':
		return '1'
	case 'c', 'g', 'k', 's', 'z':
		return '2'
	case 'd', 't':
		return '3'
	case 'l':
		return '4'
	case 'm', 'n':
		return '5'
	case 'r':
		return '6'
	}
	return 0
}

// Phonetic is a Soundex-like code of one transliterated token: consonant
// classes in order, repeats collapsed, vowels dropped, a leading vowel
// written 0. Unlike Soundex the first letter is coded too, so Yuri and
// Jurij, Chen and Tchen, Khan and Han agree.
func Phonetic(token string) string {
	s := phoneticRewrites.Replace(strings.ToLower(token))
	if s == "" {
		return ""
	}
	var b []byte
	if strings.IndexByte("aeiou", s[0]) >= 0 {
		b = append(b, '0')
	}
	var last byte
	for i := 0; i < len(s); i++ {
		c := phoneticClass(s[i])
		if c != 0 && c != last {
			b = append(b, c)
		}
		if c != 0 {
			last = c
		}
	}
	if len(b) > 8 {
		b = b[:8]
	}
	if len(b) == 0 {
		return "0"
	}
	return string(b)
}

// streetWords are street types, their abbreviations and number marks:
// words that say nothing once the street is named, and that people write
// in many ways ("St.", "Street", "Str", "No.").
var streetWords = map[string]bool{
	"st": true, "str": true, "street": true, "strasse": true, "rd": true, "road": true, "ave": true, "av": true,
	"avenue": true, "blvd": true, "boulevard": true, "dr": true, "drive": true, "ln": true, "lane": true,
	"ct": true, "court": true, "pl": true, "place": true, "sq": true, "square": true, "calle": true, "c": true,
	"rue": true, "via": true, "n": true, "no": true, "nr": true, "number": true,
}

var unitWords = map[string]bool{"apt": true, "apartment": true, "flat": true, "unit": true, "suite": true, "ste": true, "piso": true, "floor": true, "fl": true}

// NormalAddress is an address reduced to the parts that survive rewriting.
type NormalAddress struct {
	Country, Postal, House, Unit, Street, City string
}

// NormalizeAddress folds the ways one address is written ("12 Baker St.",
// "Baker Street 12", "12, baker street, flat 3") to one form: postal code
// without spaces, the house number, the unit, and the street and city as
// phonetic codes without the street type.
func NormalizeAddress(a PostalAddress) NormalAddress {
	n := NormalAddress{Country: strings.ToUpper(strings.TrimSpace(a.Country))}
	for _, r := range strings.ToUpper(a.PostalCode) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n.Postal += string(r)
		}
	}
	tokens := Transliterate(a.Line1)
	var street []string
	unitNext := false
	for _, t := range tokens {
		switch {
		case unitWords[t]:
			unitNext = true
		case unicode.IsDigit(rune(t[0])):
			if unitNext || n.House != "" {
				n.Unit = t
			} else {
				n.House = t
			}
			unitNext = false
		case !streetWords[t]:
			street = append(street, Phonetic(t))
		}
	}
	n.Street = strings.Join(street, " ")
	var city []string
	for _, t := range Transliterate(a.City) {
		city = append(city, Phonetic(t))
	}
	n.City = strings.Join(city, " ")
	return n
}

// textWords folds text to lower-case words without diacritics.
func textWords(text string) []string { return NameTokens(text) }

// shingles are the distinct three-word runs of a text.
func shingles(text string) []string {
	w := textWords(text)
	if len(w) < 3 {
		if len(w) == 0 {
			return nil
		}
		return []string{strings.Join(w, " ")}
	}
	seen := map[string]bool{}
	var out []string
	for i := 0; i+3 <= len(w); i++ {
		s := w[i] + " " + w[i+1] + " " + w[i+2]
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// textBands computes the keyed MinHash signature of the shingles and
// returns the HMAC of each band. Every shingle is first hashed with the
// key, so without the secret no one can compute a signature for a guessed
// text; the TextBands×TextRows permutations are affine maps of that hash
// with coefficients drawn from the key too.
func textBands(key []byte, sh []string) []string {
	const k = TextBands * TextRows
	var a, c [k]uint64
	seed := hmac.New(sha256.New, key)
	seed.Write([]byte("minhash-permutations"))
	st := binary.LittleEndian.Uint64(seed.Sum(nil))
	for i := range k {
		a[i], st = splitmix(st)
		a[i] |= 1
		c[i], st = splitmix(st)
	}
	var sig [k]uint64
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	m := hmac.New(sha256.New, key)
	var sum [sha256.Size]byte
	for _, s := range sh {
		m.Reset()
		m.Write([]byte("shingle\x00"))
		m.Write([]byte(s))
		x := binary.LittleEndian.Uint64(m.Sum(sum[:0]))
		for i := range k {
			if v := a[i]*x + c[i]; v < sig[i] {
				sig[i] = v
			}
		}
	}
	out := make([]string, TextBands)
	for b := range TextBands {
		var v strings.Builder
		fmt.Fprintf(&v, "%d", b)
		for r := range TextRows {
			fmt.Fprintf(&v, ":%x", sig[b*TextRows+r])
		}
		out[b] = macWith(m, EncTextBand, v.String())
	}
	return out
}

// splitmix is SplitMix64: the next value and state.
func splitmix(s uint64) (uint64, uint64) {
	s += 0x9e3779b97f4a7c15
	z := s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31), s
}
