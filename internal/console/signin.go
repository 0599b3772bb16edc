package console

import (
	"errors"
	"net/http"
	"strings"

	"standing/internal/service"
	"standing/internal/staff"
)

// passwordLogin signs a staff member in with their email and password
// (issue 14, "Named staff and real sessions"). The session acts as the
// member: kind staff or admin by their role, id stf_.., their role deciding
// what they may do. A wrong password, an unknown email, a member with no
// password and a disabled member are refused alike, logged, and counted by
// the throttle; the form already passed the origin check and the body cap.
func (c *Console) passwordLogin(w http.ResponseWriter, r *http.Request, addr string) {
	email := strings.TrimSpace(r.PostFormValue("email"))
	m, err := c.svc.SignInStaff(r.Context(), email, r.PostFormValue("password"))
	if errors.Is(err, service.ErrSignIn) {
		wait := c.throttle.fail(addr)
		c.log.Warn("console sign-in failed", "method", "password", "addr", addr, "wait", wait)
		c.render(w, r, "login.html", http.StatusUnauthorized, page{"Title": "Sign in", "Email": email,
			"Error": "That email and password do not match an active staff member."})
		return
	}
	if err != nil {
		c.fail(w, r, err)
		return
	}
	c.signInMember(w, r, m, "password", addr)
}

// signInMember opens a session for a staff member who proved who they are
// (a password, single sign-on), clears the address's failed tries and
// leads to the queue.
func (c *Console) signInMember(w http.ResponseWriter, r *http.Request, m staff.Member, method, addr string) {
	tok, err := c.openSession(r.Context(), "", m.ID, service.MemberActor(m).Kind)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	c.throttle.succeed(addr)
	c.log.Info("console sign-in", "method", method, "staff", m.ID, "role", m.Role, "addr", addr)
	setCookie(w, r, tok, int(AbsoluteTimeout.Seconds()))
	http.Redirect(w, r, "/console/", http.StatusSeeOther)
}
