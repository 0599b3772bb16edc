package console

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"standing/internal/account"
	"standing/internal/problem"
	"standing/internal/screen"
	"standing/internal/service"
)

// accountView shows an account with its money, links, notices, cases,
// strikes, timeline, closure preflight and the staff actions on it.
func (c *Console) accountView(w http.ResponseWriter, r *http.Request, _ session) {
	ctx, id, v := r.Context(), r.PathValue("id"), r.URL.Query()
	a, err := c.svc.Account(ctx, id)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	notices, err := c.svc.Notices(ctx, id, service.ListOpts{Limit: pageSize, Cursor: v.Get("nc")})
	if err != nil {
		c.fail(w, r, err)
		return
	}
	links, err := c.svc.Links(ctx, id)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	cs, err := c.svc.Cases(ctx, "", "", id, service.ListOpts{Limit: pageSize, Cursor: v.Get("cc")})
	if err != nil {
		c.fail(w, r, err)
		return
	}
	bal, err := c.svc.GetBalance(ctx, id)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	pre, err := c.svc.ClosurePreflight(ctx, id)
	if err != nil {
		if _, ok := problem.As(err); !ok {
			c.fail(w, r, err)
			return
		}
	}
	data := page{"Title": a.Name + " · " + a.ID, "Account": a, "Notices": notices.Data, "NoticesNext": notices.NextCursor,
		"Links": links.Data, "Cases": cs.Data, "CasesNext": cs.NextCursor, "Balance": bal, "Preflight": pre,
		"Capabilities": account.Capabilities, "Actions": []string{"warning", "restriction", "suspension", "ban"}}
	if err := c.evidence(r, id, data); err != nil {
		c.fail(w, r, err)
		return
	}
	c.render(w, r, "account.html", http.StatusOK, data)
}

// accountAction runs a staff action on the account of the path and returns
// to its page.
func (c *Console) accountAction(w http.ResponseWriter, r *http.Request, act func(ctx context.Context, id string) error) {
	id := r.PathValue("id")
	if err := act(r.Context(), id); err != nil {
		c.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/accounts/"+url.PathEscape(id), http.StatusSeeOther)
}

// sanction issues a staff sanction with its notice.
func (c *Console) sanction(w http.ResponseWriter, r *http.Request, s session) {
	f := r.PostForm
	in := service.SanctionInput{Rule: trimmed(f.Get("rule")), Action: trimmed(f.Get("action")), Reason: trimmed(f.Get("reason")),
		Capability: trimmed(f.Get("capability"))}
	if in.Rule == "" || in.Action == "" || in.Reason == "" {
		c.fail(w, r, problem.Invalid("a sanction needs a rule, an action and a reason"))
		return
	}
	c.accountAction(w, r, func(ctx context.Context, id string) error {
		_, err := c.svc.Sanction(ctx, s.actor, id, in)
		return err
	})
}

// fraudHold places (with a reason) or lifts a fraud hold on payouts (E4).
func (c *Console) fraudHold(w http.ResponseWriter, r *http.Request, s session) {
	on, reason := r.PostForm.Get("hold") == "place", strings.TrimSpace(r.PostForm.Get("reason"))
	if on && reason == "" {
		c.fail(w, r, problem.Invalid("a fraud hold needs a reason", problem.Field("reason", "required", "why payouts are held")))
		return
	}
	if !on {
		reason = "lifted by staff"
	}
	c.accountAction(w, r, func(ctx context.Context, id string) error {
		_, err := c.svc.FraudHold(ctx, s.actor, id, on, reason)
		return err
	})
}

// remedy accepts a member's remedy of a suspension (E1).
func (c *Console) remedy(w http.ResponseWriter, r *http.Request, s session) {
	c.accountAction(w, r, func(ctx context.Context, id string) error {
		_, err := c.svc.Remedy(ctx, s.actor, id, strings.TrimSpace(r.PostForm.Get("note")))
		return err
	})
}

// reactivate brings a closed account back through support (L8).
func (c *Console) reactivate(w http.ResponseWriter, r *http.Request, s session) {
	ch := "support"
	c.accountAction(w, r, func(ctx context.Context, id string) error {
		_, err := c.svc.Reactivate(ctx, s.actor, id, service.ReactivationInput{Channel: ch})
		return err
	})
}

// requestVerification starts the verification deadline (I2).
func (c *Console) requestVerification(w http.ResponseWriter, r *http.Request, s session) {
	c.accountAction(w, r, func(ctx context.Context, id string) error {
		_, err := c.svc.RequestVerification(ctx, s.actor, id)
		return err
	})
}

// findAccount opens an account or a case by id, finds accounts by the phone
// number they reported, or lists accounts by email or name a page at a time.
func (c *Console) findAccount(w http.ResponseWriter, r *http.Request, _ session) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if strings.HasPrefix(q, "acc_") && !strings.ContainsAny(q, " \t") {
		http.Redirect(w, r, "/console/accounts/"+url.PathEscape(q), http.StatusSeeOther)
		return
	}
	if strings.HasPrefix(q, "case_") && !strings.ContainsAny(q, " \t") {
		http.Redirect(w, r, "/console/cases/"+url.PathEscape(q), http.StatusSeeOther)
		return
	}
	country := strings.ToUpper(strings.TrimSpace(r.URL.Query().Get("country")))
	if phoneLike(q) {
		as, err := c.svc.AccountsByPhone(r.Context(), q, country)
		if err != nil {
			c.fail(w, r, err)
			return
		}
		c.render(w, r, "accounts.html", http.StatusOK, page{"Title": "Accounts", "Accounts": as, "Q": q, "Country": country, "Phone": true})
		return
	}
	p, err := c.svc.Accounts(r.Context(), "", q, service.ListOpts{Limit: pageSize, Cursor: r.URL.Query().Get("cursor")})
	if err != nil {
		c.fail(w, r, err)
		return
	}
	c.render(w, r, "accounts.html", http.StatusOK, page{"Title": "Accounts", "Accounts": p.Data, "Q": q, "Country": country, "Next": p.NextCursor})
}

// phoneLike reports whether a search is a phone number: digits with the
// usual separators and at least six digits.
func phoneLike(q string) bool {
	digits := 0
	for _, r := range q {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+ -().", r):
		default:
			return false
		}
	}
	return digits >= 6
}

// screen is the screening tester.
func (c *Console) screen(w http.ResponseWriter, r *http.Request, _ session) {
	text, surface := r.URL.Query().Get("text"), r.URL.Query().Get("surface")
	if !screen.ValidSurface(surface) {
		surface = "message"
	}
	var findings []screen.Finding
	var parts []part
	if text != "" {
		findings = c.svc.Screener().Screen(text, surface)
		parts = highlight(text, findings)
	}
	c.render(w, r, "screen.html", http.StatusOK, page{"Title": "Screening", "Text": text, "Surface": surface, "Surfaces": screen.Surfaces,
		"Findings": findings, "Parts": parts})
}

// part is a piece of screened text, marked when a finding covers it.
type part struct {
	Text     string
	Category string
}

// highlight cuts text at its findings' byte offsets; findings that overlap
// an earlier one or fall outside the text are left unmarked.
func highlight(text string, fs []screen.Finding) []part {
	fs = slices.Clone(fs)
	slices.SortFunc(fs, func(a, b screen.Finding) int { return a.Start - b.Start })
	var out []part
	at := 0
	for _, f := range fs {
		if f.Start < at || f.End > len(text) || f.End <= f.Start {
			continue
		}
		out = append(out, part{Text: text[at:f.Start]}, part{Text: text[f.Start:f.End], Category: f.Category})
		at = f.End
	}
	return append(out, part{Text: text[at:]})
}

// markClass is the highlight colour of a finding's category.
func markClass(category string) string {
	switch {
	case strings.HasPrefix(category, "payment"):
		return "payment"
	case strings.HasPrefix(category, "review"):
		return "review"
	}
	return "contact"
}
