package staff

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Password lengths a member may choose, in characters. The upper bound
// keeps an unauthenticated sign-in from making the server hash megabytes.
const (
	MinPassword = 12
	MaxPassword = 256
)

// Params are the argon2id costs a password is hashed with. They are written
// into every hash (PHC string format), so raising Default later leaves old
// hashes readable, and NeedsRehash tells which ones to hash again at the
// member's next sign-in.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// Default follows OWASP's password storage advice for argon2id (19 MiB, two
// passes, one lane): about 25 ms a hash on one core, so a sign-in stays fast
// on a small server while an offline guess costs the same.
var Default = Params{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// CheckPassword says why a new password is not acceptable, or "" when it is:
// valid UTF-8 of MinPassword to MaxPassword characters.
func CheckPassword(pw string) string {
	if !utf8.ValidString(pw) || strings.ContainsRune(pw, 0) {
		return "a password of valid UTF-8 text without NUL characters"
	}
	if n := utf8.RuneCountInString(pw); n < MinPassword || n > MaxPassword {
		return fmt.Sprintf("a password of %d to %d characters", MinPassword, MaxPassword)
	}
	return ""
}

// HashPassword hashes pw with argon2id under p and a fresh random salt of
// its own, and returns the PHC string
// $argon2id$v=19$m=MEM,t=TIME,p=THREADS$SALT$HASH (unpadded base64).
func HashPassword(pw string, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// errHash is a stored hash that is not one HashPassword writes.
var errHash = errors.New("not an argon2id password hash")

// parseHash reads the parameters, salt and key of a PHC string.
func parseHash(encoded string) (Params, []byte, []byte, error) {
	var p Params
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errHash
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, fmt.Errorf("%w: version %q", errHash, parts[2])
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, fmt.Errorf("%w: parameters %q", errHash, parts[3])
	}
	// Costs far beyond Default are refused rather than run: a hash written
	// into the database by hand must not make every sign-in take minutes.
	if p.Memory < 1 || p.Memory > 1<<21 || p.Time < 1 || p.Time > 100 || p.Threads < 1 {
		return p, nil, nil, fmt.Errorf("%w: parameters out of range %q", errHash, parts[3])
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return p, nil, nil, fmt.Errorf("%w: salt", errHash)
	}
	key, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(key) < 16 {
		return p, nil, nil, fmt.Errorf("%w: key", errHash)
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// VerifyPassword reports whether pw is the password of the encoded hash,
// comparing the derived keys in constant time. An unreadable hash is an
// error, never a match.
func VerifyPassword(encoded, pw string) (bool, error) {
	p, salt, key, err := parseHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether a hash was made with costs other than want,
// so that a sign-in that proved the password may store it hashed anew.
func NeedsRehash(encoded string, want Params) bool {
	p, _, _, err := parseHash(encoded)
	return err != nil || p.Memory != want.Memory || p.Time != want.Time || p.Threads != want.Threads ||
		p.KeyLen != want.KeyLen || p.SaltLen != want.SaltLen
}

// dummyHash is verified against when no member has the email given, so
// that an unknown email takes as long to refuse as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("no member has this password", Default)
	return h
})

// WasteTime spends the time a password check takes, for a sign-in whose
// email matches no member (see dummyHash).
func WasteTime(pw string) { _, _ = VerifyPassword(dummyHash(), pw) }
