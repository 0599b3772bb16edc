package identity_test

import (
	"testing"
	"time"

	"standing/internal/identity"
)

func TestCanonicalEmailM2(t *testing.T) {
	for in, want := range map[string]string{
		"J.O.H.N+work@Gmail.com": "john@gmail.com",
		"john@googlemail.com":    "john@gmail.com",
		"ana.ruiz+x@outlook.com": "ana.ruiz@outlook.com",
		"ana.ruiz+x@example.com": "ana.ruiz+x@example.com",
		"  Someone@Example.COM ": "someone@example.com",
		"p.q+tag@protonmail.com": "p.q@proton.me",
	} {
		got, err := identity.CanonicalEmail(in)
		if err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "no-at", "@x.com", "a@", "a@b", "a b@c.com", "+@gmail.com"} {
		if _, err := identity.CanonicalEmail(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestCanonicalPhoneAndIP(t *testing.T) {
	for _, c := range [][3]string{{"(415) 555-0134", "US", "+14155550134"}, {"+44 20 7946 0018", "US", "+442079460018"}, {"612 345 678", "ES", "+34612345678"}} {
		got, err := identity.CanonicalPhone(c[0], c[1])
		if err != nil || got != c[2] {
			t.Errorf("%v: %q %v", c, got, err)
		}
	}
	s, err := identity.IPSignals("::ffff:203.0.113.77")
	if err != nil || s[0].Value != "203.0.113.77" || s[1].Value != "203.0.113.0/24" {
		t.Errorf("v4: %v %v", s, err)
	}
	s, err = identity.IPSignals("2001:db8:1:2:3:4:5:6")
	if err != nil || s[1].Value != "2001:db8:1:2::/64" {
		t.Errorf("v6: %v %v", s, err)
	}
}

func TestIDDocumentI5(t *testing.T) {
	a, _ := identity.CanonicalIDDocument("passport", "es", "AB 123-456.7")
	b, _ := identity.CanonicalIDDocument("passport", "ES", "ab1234567")
	if a != b || a == "" {
		t.Errorf("%q != %q", a, b)
	}
	if _, err := identity.CanonicalIDDocument("library_card", "ES", "123456"); err == nil {
		t.Error("unknown type accepted")
	}
}

func TestNamesMatchI4(t *testing.T) {
	for _, c := range []struct {
		legal, profile string
		want           bool
	}{
		{"Ana María Ruiz García", "Ana Ruiz", true},
		{"RUIZ GARCIA, Ana Maria", "Ana Ruiz", true},
		{"José Álvarez", "Jose Alvarez", true},
		{"John Ronald Smith", "John R. Smith", true},
		{"John Smith", "Peter Jones", false},
		{"John Smith", "John Jones", false},
		{"Li Wei", "Wei Li", true},
		{"", "Ana", false},
	} {
		if got := identity.NamesMatch(c.legal, c.profile); got != c.want {
			t.Errorf("%q vs %q: %v", c.legal, c.profile, got)
		}
	}
}

func TestAgeI3(t *testing.T) {
	on := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	for dob, want := range map[string]int{"2008-06-15": 18, "2008-06-16": 17, "1990-01-01": 36} {
		if got, _ := identity.Age(dob, on); got != want {
			t.Errorf("%s: %d", dob, got)
		}
	}
}

func TestHasherKeysAndRotation(t *testing.T) {
	old := identity.NewHasher("old-secret-0123456789", nil)
	rotated := identity.NewHasher("new-secret-0123456789", []string{"old-secret-0123456789"})
	s := identity.Signal{Kind: identity.Email, Value: "a@b.co"}
	if old.Hash(s) == rotated.Hash(s) {
		t.Error("new secret writes the old hash")
	}
	if l := rotated.Lookups(s); len(l) != 2 || l[1] != old.Hash(s) {
		t.Error("rotation loses old hashes")
	}
}

func FuzzCanonicalizers(f *testing.F) {
	for _, s := range []string{"a.b+c@gmail.com", "+1 (415) 555-0134", "10.0.0.1", "::1", "ÁB 12-3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if e, err := identity.CanonicalEmail(s); err == nil {
			if again, err := identity.CanonicalEmail(e); err != nil || again != e {
				t.Fatalf("email not idempotent: %q -> %q -> %q", s, e, again)
			}
		}
		_, _ = identity.CanonicalPhone(s, "US")
		_, _ = identity.IPSignals(s)
		_, _ = identity.CanonicalIDDocument("passport", "US", s)
		_ = identity.NamesMatch(s, s)
		_ = identity.CanonicalAddress(s, s, s, "US")
	})
}
