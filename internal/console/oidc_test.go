package console_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"standing/internal/apitest"
	"standing/internal/console"
)

// fakeIdP is a small OpenID Connect provider: discovery, JWKS, an
// authorization endpoint that consents at once, and a token endpoint that
// checks the PKCE verifier against the challenge before it signs an ID
// token. email, verified and nonce decide what the next token says.
type fakeIdP struct {
	srv      *httptest.Server
	key      *rsa.PrivateKey
	now      func() time.Time
	mu       sync.Mutex
	email    string
	verified bool
	badNonce bool
	nonce    string // of the last authorization request
	method   string // its code_challenge_method
	chal     string // its code_challenge
}

func newFakeIdP(t *testing.T, now func() time.Time) *fakeIdP {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &fakeIdP{key: key, now: now, verified: true}
	mux := http.NewServeMux()
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": p.srv.URL, "authorization_endpoint": p.srv.URL + "/authorize",
			"token_endpoint": p.srv.URL + "/token", "jwks_uri": p.srv.URL + "/jwks", "response_types_supported": []string{"code"},
			"subject_types_supported": []string{"public"}, "id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	mux.HandleFunc("GET /authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		p.mu.Lock()
		p.nonce, p.method, p.chal = q.Get("nonce"), q.Get("code_challenge_method"), q.Get("code_challenge")
		p.mu.Unlock()
		http.Redirect(w, r, q.Get("redirect_uri")+"?code=code-1&state="+url.QueryEscape(q.Get("state")), http.StatusFound)
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		defer p.mu.Unlock()
		sum := sha256.Sum256([]byte(r.PostFormValue("code_verifier")))
		if r.PostFormValue("code") != "code-1" || p.method != "S256" || base64.RawURLEncoding.EncodeToString(sum[:]) != p.chal {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":"invalid_grant"}`))
			return
		}
		nonce := p.nonce
		if p.badNonce {
			nonce = "another"
		}
		now := p.now()
		claims, _ := json.Marshal(map[string]any{"iss": p.srv.URL, "sub": "u1", "aud": "standing-console", "iat": now.Unix(),
			"exp": now.Add(5 * time.Minute).Unix(), "nonce": nonce, "email": p.email, "email_verified": p.verified})
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: p.key, KeyID: "k1"}}, nil)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		jws, err := signer.Sign(claims)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		tok, _ := jws.CompactSerialize()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "at", "token_type": "Bearer", "expires_in": 300, "id_token": tok})
	})
	return p
}

// ssoSignIn walks a browser through the provider: the console sends it to
// the provider, the provider back to the callback; the callback's answer.
func ssoSignIn(t *testing.T, b *browser) reply {
	t.Helper()
	start := b.get("/console/login/oidc")
	if start.Code != http.StatusFound || !strings.Contains(start.Location, "/authorize?") {
		t.Fatalf("start: %d %s", start.Code, start.Location)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noFollow.Get(start.Location)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	back := res.Header.Get("Location")
	return b.get(strings.TrimPrefix(back, b.srv.URL))
}

// TestOIDCSignIn (issue 14, "or through OpenID Connect when configured"):
// with a provider configured, a member whose verified email the provider
// names signs in with PKCE (S256), state and nonce checked, into a session
// that acts as the member; an unverified email, a nonce that is not the
// console's, a state that is not the browser's, and an email of no active
// member are refused.
func TestOIDCSignIn(t *testing.T) {
	e := apitest.Start(t, apitest.OpenSQLite(t), nil)
	c := console.New(e.Svc, slog.New(slog.NewTextHandler(failOnError{t}, &slog.HandlerOptions{Level: slog.LevelError})))
	srv := httptest.NewServer(c)
	t.Cleanup(srv.Close)
	idp := newFakeIdP(t, e.Svc.Now)
	if err := c.EnableOIDC(context.Background(), console.OIDCConfig{Issuer: idp.srv.URL, ClientID: "standing-console", ClientSecret: "s3cret",
		RedirectURL: srv.URL + "/console/login/oidc/callback"}); err != nil {
		t.Fatal(err)
	}
	lead := e.A("POST", "/v1/staff", map[string]any{"email": "lead@example.com", "name": "Single Sign", "role": "lead"}).Want(t, 201).Str("id")
	if page := newBrowser(t, srv).get("/console/login").Body; !strings.Contains(page, `href="/console/login/oidc"`) {
		t.Fatalf("no single sign-on on the sign-in page: %s", page)
	}

	idp.email = "LEAD@example.com"
	b := newBrowser(t, srv)
	if r := ssoSignIn(t, b); r.Code != http.StatusSeeOther || r.Location != "/console/" {
		t.Fatalf("sign-on of a verified member: %d %s", r.Code, r.Body)
	}
	if page := b.get("/console/"); page.Code != http.StatusOK || !strings.Contains(page.Body, "Single Sign (lead)") {
		t.Fatalf("the session does not act as the member: %d", page.Code)
	}
	id := e.Signup(true, nil)
	b.get("/console/accounts/" + id)
	if r := b.post("/console/accounts/"+id+"/sanction", url.Values{"rule": {"V7"}, "action": {"warning"}, "reason": {"asked for five stars"}}); r.Code >= 400 {
		t.Fatalf("sanction: %d %s", r.Code, r.Body)
	}
	if !auditedAs(t, e, id, "staff", lead) {
		t.Fatal("the single sign-on session is not audited as the member")
	}

	// Refusals count toward the sign-in throttle, so the later ones may be
	// 429 rather than 401: either way no session is opened.
	refused := func(name string, b *browser, r reply) {
		t.Helper()
		if r.Code != http.StatusUnauthorized && r.Code != http.StatusTooManyRequests || b.cookie() != "" {
			t.Errorf("%s: %d, cookie %q", name, r.Code, b.cookie())
		}
	}
	for _, c := range []struct {
		name string
		set  func()
	}{
		{"unverified email", func() { idp.verified = false }},
		{"another nonce", func() { idp.badNonce = true }},
		{"no such member", func() { idp.email = "stranger@example.com" }},
		{"a disabled member", func() { e.A("DELETE", "/v1/staff/"+lead, nil).Want(t, 200) }},
	} {
		idp.email, idp.verified, idp.badNonce = "lead@example.com", true, false
		c.set()
		b := newBrowser(t, srv)
		refused(c.name, b, ssoSignIn(t, b))
	}
	// A callback with a state the browser never got.
	forged := newBrowser(t, srv)
	forged.get("/console/login/oidc")
	refused("a forged state", forged, forged.get("/console/login/oidc/callback?code=code-1&state=forged"))
}
