// Package identity turns raw identity facts into canonical signals (M2) and
// keyed hashes of them, checks ages (I3) and compares legal and profile
// names (I4). It is pure: no storage, no clock.
package identity

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/unicode/norm"
)

// Signal kinds of API.md.
const (
	Email             = "email"
	Phone             = "phone"
	PaymentInstrument = "payment_instrument"
	DeviceID          = "device_id"
	IP                = "ip"
	IPPrefix          = "ip_prefix"
	IDDocument        = "id_document"
	NameDOB           = "name_dob"
	Address           = "address"
)

// Strength is how much a signal says about the person (M3).
type Strength int

// The strengths of M3.
const (
	Weak Strength = iota
	Medium
	Strong
)

// Signal is one canonical signal value of a kind.
type Signal struct {
	Kind  string
	Value string
}

// ignoredParts lists email providers that ignore parts of the local part:
// dots (gmail delivers j.o.h.n and john to one box) and "+tag" suffixes.
// Canonical emails drop what the provider ignores (M2).
var ignoredParts = map[string]struct {
	dots    bool
	plus    bool
	aliasOf string
}{
	"gmail.com":      {dots: true, plus: true},
	"googlemail.com": {dots: true, plus: true, aliasOf: "gmail.com"},
	"outlook.com":    {plus: true},
	"hotmail.com":    {plus: true},
	"live.com":       {plus: true},
	"icloud.com":     {plus: true},
	"me.com":         {plus: true, aliasOf: "icloud.com"},
	"proton.me":      {plus: true},
	"protonmail.com": {plus: true, aliasOf: "proton.me"},
	"fastmail.com":   {plus: true},
	"yahoo.com":      {},
}

// ErrInvalid is wrapped by every canonicalizer's refusal.
var ErrInvalid = errors.New("invalid")

// CanonicalEmail lower-cases an address and drops what its provider ignores.
func CanonicalEmail(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.ContainsAny(s, " \t\r\n<>()[],;:\"") || len(s) > 254 {
		return "", fmt.Errorf("%w email %q", ErrInvalid, s)
	}
	local, domain := s[:at], strings.TrimSuffix(s[at+1:], ".")
	labels := strings.Split(domain, ".")
	if len(labels) < 2 || slices.Contains(labels, "") {
		return "", fmt.Errorf("%w email %q", ErrInvalid, s)
	}
	if rule, ok := ignoredParts[domain]; ok {
		if rule.plus {
			if i := strings.IndexByte(local, '+'); i >= 0 {
				local = local[:i]
			}
		}
		if rule.dots {
			local = strings.ReplaceAll(local, ".", "")
		}
		if rule.aliasOf != "" {
			domain = rule.aliasOf
		}
		if local == "" {
			return "", fmt.Errorf("%w email %q", ErrInvalid, s)
		}
	}
	return local + "@" + domain, nil
}

// CanonicalPhone parses a number in E.164, with region (ISO alpha-2) as the
// default for numbers written without a country code.
func CanonicalPhone(s, region string) (string, error) {
	if len(s) > 64 {
		return "", fmt.Errorf("%w phone: too long", ErrInvalid)
	}
	n, err := phonenumbers.Parse(s, strings.ToUpper(region))
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return "", fmt.Errorf("%w phone %q", ErrInvalid, s)
	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
}

// IPSignals returns the address and its /24 (IPv4) or /64 (IPv6) prefix.
func IPSignals(s string) ([]Signal, error) {
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("%w ip %q", ErrInvalid, s)
	}
	a = a.Unmap().WithZone("")
	bits := 64
	if a.Is4() {
		bits = 24
	}
	p, _ := a.Prefix(bits)
	return []Signal{{IP, a.String()}, {IPPrefix, p.String()}}, nil
}

// CanonicalIDDocument joins type, issuing country and the number without
// separators, upper-cased (I5).
func CanonicalIDDocument(docType, country, number string) (string, error) {
	var b strings.Builder
	for _, r := range strings.ToUpper(norm.NFKC.String(number)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	switch docType {
	case "passport", "national_id", "driving_licence":
	default:
		return "", fmt.Errorf("%w id document type %q", ErrInvalid, docType)
	}
	if b.Len() < 4 || len(country) != 2 {
		return "", fmt.Errorf("%w id document", ErrInvalid)
	}
	return docType + ":" + strings.ToUpper(country) + ":" + b.String(), nil
}

// CanonicalOpaque trims an opaque identifier (device id, payment fingerprint).
func CanonicalOpaque(kind, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 512 {
		return "", fmt.Errorf("%w %s", ErrInvalid, kind)
	}
	return s, nil
}

// NameTokens folds a name to lower-case letters without diacritics, split into words.
func NameTokens(name string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(norm.NFKC.String(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

// CanonicalNameDOB is the sorted name tokens and the birth date.
func CanonicalNameDOB(name, dob string) string {
	t := NameTokens(name)
	slices.Sort(t)
	return strings.Join(t, " ") + "|" + dob
}

// CanonicalAddress folds a postal address to comparable text.
func CanonicalAddress(line1, city, postal, country string) string {
	return strings.Join(NameTokens(line1), " ") + "|" + strings.Join(NameTokens(city), " ") + "|" +
		strings.ToUpper(strings.ReplaceAll(postal, " ", "")) + "|" + strings.ToUpper(country)
}

// NamesMatch reports whether a verified legal name and a profile name are
// the same person's (I4): every word of the profile name appears in the
// legal name (or is an initial of one), whatever the order, case or
// diacritics, so middle names and second surnames may be left out.
func NamesMatch(legal, profile string) bool {
	l, p := NameTokens(legal), NameTokens(profile)
	if len(l) == 0 || len(p) == 0 {
		return false
	}
	used := make([]bool, len(l))
	full := 0
	for _, w := range p {
		found := false
		for i, x := range l {
			if !used[i] && x == w {
				used[i], found = true, true
				full++
				break
			}
		}
		if !found && len([]rune(w)) == 1 {
			for i, x := range l {
				if !used[i] && strings.HasPrefix(x, w) {
					used[i], found = true, true
					break
				}
			}
		}
		if !found {
			return false
		}
	}
	// At least one whole word, and two when both names have two or more.
	return full >= 1 && (full >= 2 || len(p) < 2 || len(l) < 2)
}

// Age returns completed years between a birth date (YYYY-MM-DD) and on; a
// date after on is no birth date (ErrInvalid), not an age under 18 (I3).
func Age(dob string, on time.Time) (int, error) {
	b, err := BirthDate(dob, on)
	if err != nil {
		return 0, err
	}
	y := on.Year() - b.Year()
	if on.Month() < b.Month() || on.Month() == b.Month() && on.Day() < b.Day() {
		y--
	}
	return y, nil
}

// BirthDate reads a date of birth (YYYY-MM-DD) that is not after on.
func BirthDate(dob string, on time.Time) (time.Time, error) {
	b, err := time.Parse(time.DateOnly, dob)
	if err != nil {
		return b, fmt.Errorf("%w date_of_birth %q: want YYYY-MM-DD", ErrInvalid, dob)
	}
	if y, m, d := on.UTC().Date(); b.After(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
		return b, fmt.Errorf("%w date_of_birth %q: after today", ErrInvalid, dob)
	}
	return b, nil
}

// Hasher keys signal hashes with a secret so the index holds no raw values
// (L10): an erased account's hashes still match a returning person.
// Previous secrets are matched but never written, which lets an operator
// rotate the secret without losing the index.
type Hasher struct {
	keys [][]byte
	// macs hold, per key, HMACs already keyed: keying one hashes two
	// blocks, two thirds of the cost of hashing a short signal, and a
	// sign-up hashes some thirty values.
	macs []*sync.Pool
}

// NewHasher uses current for new hashes and previous for lookups too.
func NewHasher(current string, previous []string) *Hasher {
	h := &Hasher{}
	for _, k := range append([]string{current}, previous...) {
		key := []byte(k)
		h.keys = append(h.keys, key)
		h.macs = append(h.macs, &sync.Pool{New: func() any { return hmac.New(sha256.New, key) }})
	}
	return h
}

// mac is the HMAC of kind and value under key number i.
func (h *Hasher) mac(i int, kind, value string) string {
	m := h.macs[i].Get().(hash.Hash)
	defer h.macs[i].Put(m)
	return macWith(m, kind, value)
}

// macWith is the stored form of an HMAC by m, a keyed HMAC it resets, of
// kind and value: hex of its first 16 bytes.
func macWith(m hash.Hash, kind, value string) string {
	m.Reset()
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(value))
	var sum [sha256.Size]byte
	return hex.EncodeToString(m.Sum(sum[:0])[:16])
}

// Hash is the stored hash of a signal under the current secret.
func (h *Hasher) Hash(s Signal) string { return h.mac(0, s.Kind, s.Value) }

// Lookups are the hashes of a signal under every secret, current first.
func (h *Hasher) Lookups(s Signal) []string {
	out := make([]string, len(h.keys))
	for i := range h.keys {
		out[i] = h.mac(i, s.Kind, s.Value)
	}
	return out
}
