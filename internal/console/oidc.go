package console

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"standing/internal/staff"
)

// OIDCConfig are the settings of OpenID Connect sign-in: the provider's
// issuer URL (discovered at /.well-known/openid-configuration), the client
// registered there and the console's callback, which must end in
// /console/login/oidc/callback.
type OIDCConfig struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	RedirectURL  string
}

// oidcSignIn is a configured OpenID Connect provider.
type oidcSignIn struct {
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
}

// oidcCookie carries a sign-in's state, nonce and PKCE verifier from the
// redirect to the provider to the callback. SameSite=Lax, because the
// callback is a top-level navigation from the provider's site.
const oidcCookie = "standing_oidc"

// oidcFlowTimeout is how long a member has at the provider.
const oidcFlowTimeout = 10 * time.Minute

// EnableOIDC turns on OpenID Connect sign-in (issue 14): it discovers the
// provider and adds "Sign in with single sign-on" to the sign-in page. A
// member is found by the email the provider says is verified; the flow
// uses PKCE (S256), state and nonce.
func (c *Console) EnableOIDC(ctx context.Context, cfg OIDCConfig) error {
	if cfg.Issuer == "" || cfg.ClientID == "" || cfg.RedirectURL == "" {
		return errors.New("OpenID Connect needs an issuer, a client id and a redirect URL")
	}
	if !strings.HasSuffix(cfg.RedirectURL, "/console/login/oidc/callback") {
		return fmt.Errorf("the OpenID Connect redirect URL %q must end in /console/login/oidc/callback", cfg.RedirectURL)
	}
	p, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		return fmt.Errorf("OpenID Connect provider %s: %w", cfg.Issuer, err)
	}
	c.oidc = &oidcSignIn{
		oauth: oauth2.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURL,
			Endpoint: p.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "email"}},
		verifier: p.Verifier(&oidc.Config{ClientID: cfg.ClientID, Now: c.svc.Now}),
	}
	c.mux.HandleFunc("GET /console/login/oidc", c.oidcStart)
	c.mux.HandleFunc("GET /console/login/oidc/callback", c.oidcCallback)
	return nil
}

// oidcStart sends the browser to the provider with a fresh state, nonce
// and PKCE challenge, keeping the three in a short-lived cookie.
func (c *Console) oidcStart(w http.ResponseWriter, r *http.Request) {
	state, nonce, verifier := randomToken(), randomToken(), oauth2.GenerateVerifier()
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: state + "." + nonce + "." + verifier, Path: "/console/login/oidc",
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode, MaxAge: int(oidcFlowTimeout.Seconds())})
	http.Redirect(w, r, c.oidc.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), http.StatusFound)
}

// oidcCallback checks the state, exchanges the code with the PKCE
// verifier, verifies the ID token (signature, issuer, audience, expiry) and
// its nonce, and opens a session for the active member whose email the
// provider verified. Every refusal is logged and counted by the throttle.
func (c *Console) oidcCallback(w http.ResponseWriter, r *http.Request) {
	addr := clientAddr(r)
	if wait := c.throttle.wait(addr); wait > 0 {
		w.Header().Set("Retry-After", fmt.Sprint(int(wait.Seconds())+1))
		c.render(w, r, "login.html", http.StatusTooManyRequests, page{"Title": "Sign in",
			"Error": fmt.Sprintf("Too many failed sign-ins from your address: try again in %d seconds.", int(wait.Seconds())+1)})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Path: "/console/login/oidc", MaxAge: -1})
	email, err := c.oidcEmail(r)
	var m staff.Member
	if err == nil {
		m, err = c.svc.StaffForSSO(r.Context(), email)
	}
	if err != nil {
		wait := c.throttle.fail(addr)
		c.log.Warn("console sign-in failed", "method", "oidc", "addr", addr, "wait", wait, "why", err.Error())
		c.render(w, r, "login.html", http.StatusUnauthorized, page{"Title": "Sign in",
			"Error": "Single sign-on did not name an active staff member with a verified email."})
		return
	}
	c.signInMember(w, r, m, "oidc", addr)
}

// oidcEmail runs the checks of the callback and returns the verified
// email of the ID token.
func (c *Console) oidcEmail(r *http.Request) (string, error) {
	ck, err := r.Cookie(oidcCookie)
	if err != nil {
		return "", errors.New("no sign-in under way (cookie missing or expired)")
	}
	parts := strings.Split(ck.Value, ".")
	if len(parts) != 3 {
		return "", errors.New("malformed sign-in cookie")
	}
	state, nonce, verifier := parts[0], parts[1], parts[2]
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		return "", fmt.Errorf("provider refused: %.100s", e)
	}
	if got := q.Get("state"); got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(state)) != 1 {
		return "", errors.New("state does not match")
	}
	ctx, cancel := context.WithTimeout(r.Context(), 15*time.Second)
	defer cancel()
	tok, err := c.oidc.oauth.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		return "", fmt.Errorf("code exchange: %w", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return "", errors.New("no id_token in the token response")
	}
	id, err := c.oidc.verifier.Verify(ctx, raw)
	if err != nil {
		return "", fmt.Errorf("id token: %w", err)
	}
	if subtle.ConstantTimeCompare([]byte(id.Nonce), []byte(nonce)) != 1 {
		return "", errors.New("nonce does not match")
	}
	var claims struct {
		Email         string `json:"email"`
		EmailVerified bool   `json:"email_verified"`
	}
	if err := id.Claims(&claims); err != nil {
		return "", fmt.Errorf("id token claims: %w", err)
	}
	if claims.Email == "" || !claims.EmailVerified {
		return "", errors.New("the provider did not verify an email")
	}
	return claims.Email, nil
}
