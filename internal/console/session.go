package console

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"standing/internal/service"
	"standing/internal/staff"
	"standing/internal/store"
)

// Session lifetimes: a console session ends after IdleTimeout without a
// request, and in any case AbsoluteTimeout after sign-in.
const (
	IdleTimeout     = 30 * time.Minute
	AbsoluteTimeout = 12 * time.Hour
)

// maxLoginBody caps what an unauthenticated sign-in may send.
const maxLoginBody = 4 << 10

// session is the signed-in staff member of a request.
type session struct {
	hash  string
	actor service.Actor
	csrf  string
}

func randomToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func hashToken(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// openSession stores a new session and returns the token for the cookie:
// opened with a key (keyID, and the key's member if it has one) or by a
// member's own sign-in (staffID alone); kind is the actor kind it acts as.
// Sessions ended or expired a day ago are purged on the way.
func (c *Console) openSession(ctx context.Context, keyID, staffID, kind string) (string, error) {
	tok, now := randomToken(), c.svc.Now()
	s := store.Session{TokenHash: hashToken(tok), KeyID: keyID, StaffID: staffID, Role: kind, CSRF: randomToken(),
		CreatedAt: now, SeenAt: now, ExpiresAt: now.Add(AbsoluteTimeout)}
	err := c.svc.DB().Update(ctx, func(tx *store.Tx) error {
		if err := tx.PurgeSessions(ctx, now.Add(-24*time.Hour)); err != nil {
			return err
		}
		return tx.CreateSession(ctx, s)
	})
	if err != nil {
		return "", fmt.Errorf("open session: %w", err)
	}
	return tok, nil
}

// liveSession finds the request's session if it is still alive, and
// restarts its idle expiry. A member's session acts with the role the
// member has now (store.Tx.LiveSession).
func (c *Console) liveSession(r *http.Request) (session, error) {
	ck, err := r.Cookie(cookie)
	if err != nil || ck.Value == "" {
		return session{}, store.ErrNotFound
	}
	ctx, hash, now := r.Context(), hashToken(ck.Value), c.svc.Now()
	var s store.Session
	err = c.svc.DB().Read(ctx, func(tx *store.Tx) error {
		var err error
		s, err = tx.LiveSession(ctx, hash, now, IdleTimeout)
		return err
	})
	if err != nil {
		return session{}, fmt.Errorf("console session: %w", err)
	}
	if now.Sub(s.SeenAt) >= time.Minute { // at most one write a minute per session
		if err := c.svc.DB().Update(ctx, func(tx *store.Tx) error { return tx.TouchSession(ctx, hash, now) }); err != nil {
			return session{}, fmt.Errorf("console session: %w", err)
		}
	}
	id := s.KeyID
	if s.StaffID != "" {
		id = s.StaffID
	}
	return session{hash: hash, actor: service.Actor{Kind: s.Role, ID: id, Role: staff.Role(s.StaffRole)}, csrf: s.CSRF}, nil
}

// endSession ends the session of the token's hash.
func (c *Console) endSession(ctx context.Context, hash string) error {
	return c.svc.DB().Update(ctx, func(tx *store.Tx) error { return tx.EndSession(ctx, hash, c.svc.Now()) })
}

func setCookie(w http.ResponseWriter, r *http.Request, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: cookie, Value: value, Path: "/console/", HttpOnly: true, Secure: r.TLS != nil,
		SameSite: http.SameSiteStrictMode, MaxAge: maxAge})
}

// sameOrigin reports whether a form post comes from a console page: a
// browser that sends Sec-Fetch-Site must say same-origin, and an Origin
// header, when present, must be this host. A post with neither header is
// left to the CSRF token.
func sameOrigin(r *http.Request) bool {
	if s := r.Header.Get("Sec-Fetch-Site"); s != "" && s != "same-origin" {
		return false
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return false
		}
	}
	return true
}

// validCSRF compares a form's token with the session's in constant time.
func validCSRF(form, want string) bool {
	return form != "" && subtle.ConstantTimeCompare([]byte(form), []byte(want)) == 1
}

// throttle slows down sign-in guessing per client address: after
// freeFailures failures each further one doubles the wait before the next
// attempt is heard, up to maxWait. A success forgets the address.
type throttle struct {
	mu    sync.Mutex
	fails map[string]*failures
	now   func() time.Time
}

type failures struct {
	n     int
	until time.Time
	last  time.Time
}

const (
	freeFailures = 3
	maxWait      = 15 * time.Minute
)

func newThrottle(now func() time.Time) *throttle {
	return &throttle{fails: map[string]*failures{}, now: now}
}

// wait returns how long the address must still wait before trying again.
func (t *throttle) wait(addr string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := t.fails[addr]
	if f == nil {
		return 0
	}
	return max(f.until.Sub(t.now()), 0)
}

// fail records a failed sign-in and returns the wait it imposes.
func (t *throttle) fail(addr string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if len(t.fails) > 10000 { // forget addresses quiet for the longest wait
		for a, f := range t.fails {
			if now.Sub(f.last) > maxWait {
				delete(t.fails, a)
			}
		}
	}
	f := t.fails[addr]
	if f == nil || now.Sub(f.last) > maxWait {
		f = &failures{}
		t.fails[addr] = f
	}
	f.n++
	f.last = now
	var d time.Duration
	if f.n > freeFailures {
		d = min(time.Second<<min(f.n-freeFailures-1, 20), maxWait)
	}
	f.until = now.Add(d)
	return d
}

// succeed forgets an address's failures.
func (t *throttle) succeed(addr string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.fails, addr)
}

// clientAddr is the address a sign-in is throttled by: the peer's IP (a
// proxy in front should be trusted explicitly, not through headers here).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
