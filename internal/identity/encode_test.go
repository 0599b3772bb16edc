package identity_test

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"testing"

	"standing/internal/identity"
)

var ana = identity.Facts{
	Name: "Ana María Ruiz", DOB: "1990-04-12",
	Address: &identity.PostalAddress{Line1: "12 Baker Street, Flat 3", City: "London", PostalCode: "NW1 6XE", Country: "GB"},
	Text:    "Senior Go engineer with ten years of backend work on payments, search and fraud detection for marketplaces.",
	Device: &identity.DeviceTraits{UserAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.109 Safari/537.36",
		Screen: "1920x1080", Timezone: "Europe/London", Languages: []string{"en-GB", "es"}, FontsHash: "f0a1b2"},
}

// TestEncodingsKeyedM9: no stored encoding of a person equals an unkeyed
// hash (MD5, SHA-1, SHA-256, whole or cut to the stored length) of any of
// their raw values or of the canonical forms an attacker could guess.
func TestEncodingsKeyedM9(t *testing.T) {
	h := identity.NewHasher("a-secret-of-at-least-16", nil)
	encs := h.Encode(ana)
	if len(encs) < 20 {
		t.Fatalf("only %d encodings", len(encs))
	}
	raw := []string{ana.Name, ana.DOB, ana.Address.Line1, ana.Address.City, ana.Address.PostalCode, ana.Text,
		ana.Device.UserAgent, ana.Device.Screen, ana.Device.Timezone, ana.Device.FontsHash, "en-GB", "es",
		strings.Join(identity.Transliterate(ana.Name), " "), "ana maria ruiz", "ana maria ruiz|1990-04-12", "NW16XE", "NW16XE|12",
		identity.CanonicalNameDOB(ana.Name, ana.DOB), "1990"}
	for _, tok := range identity.Transliterate(ana.Name) {
		raw = append(raw, tok, identity.Phonetic(tok))
	}
	unkeyed := map[string]string{}
	for _, r := range raw {
		for _, sum := range [][]byte{func() []byte { s := md5.Sum([]byte(r)); return s[:] }(),
			func() []byte { s := sha1.Sum([]byte(r)); return s[:] }(), func() []byte { s := sha256.Sum256([]byte(r)); return s[:] }()} {
			x := hex.EncodeToString(sum)
			unkeyed[x], unkeyed[x[:32]] = r, r
		}
	}
	for _, e := range encs {
		for _, v := range e.Hashes {
			if r, ok := unkeyed[v]; ok {
				t.Errorf("%s equals an unkeyed hash of %q", e.Kind, r)
			}
			for _, r := range raw {
				if len(r) > 3 && strings.Contains(v, strings.ToLower(r)) {
					t.Errorf("%s holds raw value %q", e.Kind, r)
				}
			}
		}
	}
	// Another secret gives other encodings throughout.
	other := identity.NewHasher("another-secret-of-16+", nil).Encode(ana)
	for i := range encs {
		if encs[i].Hashes[0] == other[i].Hashes[0] {
			t.Errorf("%s does not depend on the secret", encs[i].Kind)
		}
	}
}

// shared lists the encoding kinds two facts have in common.
func shared(a, b identity.Facts) []string {
	h := identity.NewHasher("a-secret-of-at-least-16", nil)
	in := map[string]bool{}
	for _, e := range h.Encode(a) {
		in[e.Kind+e.Hashes[0]] = true
	}
	var out []string
	for _, e := range h.Encode(b) {
		if in[e.Kind+e.Hashes[0]] && !slices.Contains(out, e.Kind) {
			out = append(out, e.Kind)
		}
	}
	slices.Sort(out)
	return out
}

func TestNearEncodingsM9(t *testing.T) {
	for _, c := range []struct {
		name string
		a, b identity.Facts
		want []string // kinds that must be shared
		not  []string // kinds that must not
	}{
		{"transliteration", identity.Facts{Name: "Aleksandr Petrov", DOB: "1985-03-07"}, identity.Facts{Name: "Alexander Petroff", DOB: "1985-03-07"},
			[]string{identity.EncNamePhon, identity.EncNameYOB, identity.EncDOB}, []string{identity.EncName}},
		{"cyrillic", identity.Facts{Name: "Юрий Гагарин"}, identity.Facts{Name: "Yuri Gagarin"}, []string{identity.EncNamePhon}, nil},
		{"typo in first name", identity.Facts{Name: "Grace Okafor", DOB: "1970-01-02"}, identity.Facts{Name: "Grave Okafor", DOB: "1970-01-02"},
			[]string{identity.EncNameInit, identity.EncTokenDOB}, []string{identity.EncNamePhon}},
		{"day and month swapped", identity.Facts{DOB: "1985-03-07"}, identity.Facts{DOB: "1985-07-03"}, []string{identity.EncDOBClose}, []string{identity.EncDOB}},
		{"address rewritten", identity.Facts{Address: &identity.PostalAddress{Line1: "12 Baker Street", City: "London", PostalCode: "NW1 6XE", Country: "GB"}},
			identity.Facts{Address: &identity.PostalAddress{Line1: "Baker St. 12", City: "london", PostalCode: "nw16xe", Country: "gb"}},
			[]string{identity.EncAddr, identity.EncAddrHouse, identity.EncAddrStreet}, nil},
		{"neighbour", identity.Facts{Address: &identity.PostalAddress{Line1: "12 Baker Street", City: "London", PostalCode: "NW1 6XE", Country: "GB"}},
			identity.Facts{Address: &identity.PostalAddress{Line1: "14 Baker Street", City: "London", PostalCode: "NW1 6XE", Country: "GB"}},
			nil, []string{identity.EncAddr, identity.EncAddrHouse, identity.EncAddrStreet}},
		{"newer browser", identity.Facts{Device: ana.Device}, identity.Facts{Device: &identity.DeviceTraits{
			UserAgent: strings.Replace(ana.Device.UserAgent, "120.0.6099.109", "121.0.6167.85", 1), Screen: "1920x1080",
			Timezone: "Europe/London", Languages: []string{"en-GB", "es"}, FontsHash: "F0A1B2"}},
			[]string{identity.EncDeviceBuild}, []string{identity.EncDevice}},
	} {
		got := shared(c.a, c.b)
		for _, k := range c.want {
			if !slices.Contains(got, k) {
				t.Errorf("%s: %s not shared (shared %v)", c.name, k, got)
			}
		}
		for _, k := range c.not {
			if slices.Contains(got, k) {
				t.Errorf("%s: %s shared", c.name, k)
			}
		}
	}
}

// TestTextBandsM9: a lightly edited text shares most LSH bands, an
// unrelated one almost none.
func TestTextBandsM9(t *testing.T) {
	long := ana.Text + " I have led teams of five, written the service that scores every card payment in under ten milliseconds, " +
		"and I like clear contracts, weekly demos and code that the next person can read without me."
	edited := strings.Replace(strings.Replace(long, "ten", "eleven", 1), "search", "ranking", 1)
	other := "Illustrator and brand designer: logos, packaging and editorial layouts for small food businesses."
	count := func(a, b string) int {
		n := 0
		h := identity.NewHasher("a-secret-of-at-least-16", nil)
		x, y := h.Encode(identity.Facts{Text: a}), h.Encode(identity.Facts{Text: b})
		for i := range x {
			if x[i].Kind == identity.EncTextBand && x[i].Hashes[0] == y[i].Hashes[0] {
				n++
			}
		}
		return n
	}
	if n := count(ana.Text, ana.Text); n != identity.TextBands {
		t.Errorf("same text shares %d bands", n)
	}
	if n := count(long, edited); n < 4 {
		t.Errorf("edited text shares %d bands", n)
	}
	if n := count(ana.Text, other); n > 1 {
		t.Errorf("unrelated text shares %d bands", n)
	}
}

// BenchmarkEncodeSignup is the M9 encoding of a sign-up: name, birth date
// and device traits.
func BenchmarkEncodeSignup(b *testing.B) {
	h := identity.NewHasher("a-secret-of-at-least-16", nil)
	f := identity.Facts{Name: ana.Name, DOB: ana.DOB, Device: ana.Device}
	for b.Loop() {
		h.Encode(f)
	}
}

// BenchmarkEncodeProfile is the keyed MinHash of a profile text.
func BenchmarkEncodeProfile(b *testing.B) {
	h := identity.NewHasher("a-secret-of-at-least-16", nil)
	f := identity.Facts{Text: strings.Repeat(ana.Text+" ", 5)}
	for b.Loop() {
		h.Encode(f)
	}
}

// FuzzEncodeM9: the encoders read raw member input on every sign-up (M9);
// whatever the name, date, address, text or device, they return without
// panicking, the same encodings twice, and every stored hash non-empty.
func FuzzEncodeM9(f *testing.F) {
	f.Add(ana.Name, ana.DOB, ana.Address.Line1, ana.Address.PostalCode, ana.Text, ana.Device.UserAgent, ana.Device.Screen)
	f.Add("Ðžðœð — Šš Ææ 李", "1990-02-31", "№ 5, ул. Ленина", "1234 AB", "a", "Mozilla/5.0 (Macintosh) Firefox/", "x")
	f.Add("  ", "0000-00-00", "12-12a/3", "", "é\xff\xfe ÿ", "Chrome/999999999999999999999.0", "1920x")
	h := identity.NewHasher("a-secret-of-at-least-16", nil)
	f.Fuzz(func(t *testing.T, name, dob, line1, postal, text, ua, screen string) {
		in := identity.Facts{Name: name, DOB: dob, Text: text,
			Address: &identity.PostalAddress{Line1: line1, City: line1, PostalCode: postal, Country: "GB"},
			Device:  &identity.DeviceTraits{UserAgent: ua, Screen: screen, Timezone: name, Languages: []string{postal, text}, FontsHash: screen}}
		encs := h.Encode(in)
		if again := h.Encode(in); !slices.EqualFunc(encs, again, func(a, b identity.Encoding) bool {
			return a.Kind == b.Kind && slices.Equal(a.Hashes, b.Hashes)
		}) {
			t.Fatalf("not deterministic: %v vs %v", encs, again)
		}
		for _, e := range encs {
			if !identity.IsEncoding(e.Kind) || len(e.Hashes) == 0 || e.Hashes[0] == "" {
				t.Fatalf("encoding %+v", e)
			}
		}
	})
}
