package console

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"standing/internal/account"
	"standing/internal/messaging"
	"standing/internal/problem"
	"standing/internal/service"
)

// caseAccount is one account of a case with what the case page shows of it.
type caseAccount struct {
	account.View
	Subject bool
}

// caseView shows a case with its evidence and the decision form.
func (c *Console) caseView(w http.ResponseWriter, r *http.Request, s session) {
	ctx := r.Context()
	cs, err := c.svc.GetCase(ctx, r.PathValue("id"))
	if err != nil {
		c.fail(w, r, err)
		return
	}
	var accts []caseAccount
	for i, id := range append([]string{cs.AccountID}, cs.RelatedAccountIDs...) {
		a, err := c.svc.Account(ctx, id)
		if err != nil {
			c.fail(w, r, err)
			return
		}
		accts = append(accts, caseAccount{View: a, Subject: i == 0})
	}
	cl, err := c.cluster(ctx, accts)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	data := page{"Title": fmt.Sprintf("%s case %s", cs.Kind, cs.ID), "Case": cs, "Accounts": accts, "Cluster": cl,
		"Q": queueOf(r.URL.Query()), "Now": c.svc.Now(), "Done": r.URL.Query().Get("done"), "Mine": cs.Assignee != nil && *cs.Assignee == s.actor.ID}
	if cs.NoticeID != nil {
		n, err := c.svc.Notice(ctx, *cs.NoticeID)
		if err != nil {
			c.fail(w, r, err)
			return
		}
		data["Notice"] = n
	}
	if err := c.evidence(r, cs.AccountID, data); err != nil {
		c.fail(w, r, err)
		return
	}
	ids, _ := data["ActorIDs"].([]string)
	for _, ev := range append(cs.History, cs.Notes...) {
		ids = append(ids, ev.Actor.ID)
	}
	if cs.Assignee != nil {
		ids = append(ids, *cs.Assignee)
	}
	data["ActorIDs"] = ids
	c.render(w, r, "case.html", http.StatusOK, data)
}

// event is an audit event as the timeline shows it.
type event = service.Event

// evidence adds what the subject's record says: screened text (held
// messages, the profile) with findings marked, strikes with their expiry,
// and the audit timeline (one page, cursor in "tl").
func (c *Console) evidence(r *http.Request, id string, data page) error {
	ctx := r.Context()
	held, err := c.svc.Messages(ctx, service.MessageFilter{Status: messaging.Held, AccountID: id}, service.ListOpts{Limit: 10})
	if err != nil {
		return fmt.Errorf("held messages of %s: %w", id, err)
	}
	var texts []screened
	for _, m := range held.Data {
		if m.From == id {
			texts = append(texts, screened{Label: "Held message " + m.ID, Parts: highlight(m.Body, m.Findings)})
		}
	}
	a, err := c.svc.Account(ctx, id)
	if err != nil {
		return fmt.Errorf("account %s: %w", id, err)
	}
	if p := a.Profile; p != nil {
		for _, f := range []struct{ label, text string }{{"Profile title", p.Title}, {"Profile overview", p.Overview}} {
			if fs := c.svc.Screener().Screen(f.text, "profile"); len(fs) > 0 {
				texts = append(texts, screened{Label: f.label, Parts: highlight(f.text, fs)})
			}
		}
	}
	strikes, err := c.svc.Strikes(ctx, id)
	if err != nil {
		return fmt.Errorf("strikes of %s: %w", id, err)
	}
	tl, err := c.svc.Timeline(ctx, id, service.ListOpts{Limit: pageSize, Cursor: r.URL.Query().Get("tl")})
	if err != nil {
		return fmt.Errorf("timeline of %s: %w", id, err)
	}
	events := make([]event, 0, len(tl.Data))
	var actors []string
	for _, raw := range tl.Data {
		var e event
		if err := json.Unmarshal(raw, &e); err != nil {
			return fmt.Errorf("timeline event of %s: %w", id, err)
		}
		events = append(events, e)
		actors = append(actors, e.Actor.ID)
	}
	data["ActorIDs"] = actors
	data["Texts"], data["Strikes"], data["Timeline"] = texts, strikes, events
	if tl.NextCursor != nil { // the same page, the rest of its query kept
		q := r.URL.Query()
		q.Set("tl", *tl.NextCursor)
		data["TimelineNext"] = r.URL.Path + "?" + q.Encode()
	}
	return nil
}

// screened is a text with its findings marked.
type screened struct {
	Label string
	Parts []part
}

// resolutionInput reads a decision form.
func resolutionInput(f url.Values) service.ResolutionInput {
	in := service.ResolutionInput{Outcome: trimmed(f.Get("outcome")), Reason: trimmed(f.Get("reason")), Note: trimmed(f.Get("note")),
		KeepAccountID: trimmed(f.Get("keep_account_id")), Rule: trimmed(f.Get("rule"))}
	if linked := f["linked_account_ids"]; len(linked) > 0 {
		in.LinkedAccountIDs = linked
	}
	return in
}

// resolve is the decision step. Without confirm it shows what the
// resolution will do and the notices members will read, with the same
// decision to confirm; with confirm it carries the decision out and opens
// the next case of the queue.
func (c *Console) resolve(w http.ResponseWriter, r *http.Request, s session) {
	id, in := r.PathValue("id"), resolutionInput(r.PostForm)
	if in.Outcome == "" {
		c.fail(w, r, problem.Invalid("choose an outcome", problem.Field("outcome", "required", "one of the outcomes the case offers")))
		return
	}
	q := queueOf(r.PostForm)
	if r.PostForm.Get("confirm") != "yes" {
		p, err := c.svc.PreviewResolution(r.Context(), id, in)
		if err != nil {
			c.fail(w, r, err)
			return
		}
		c.render(w, r, "confirm.html", http.StatusOK, page{"Title": "Confirm: " + string(p.Case.Kind) + " case " + id,
			"Preview": p, "Input": in, "Q": q, "Names": c.names(r, p.Case)})
		return
	}
	worked, err := c.svc.Resolve(r.Context(), s.actor, id, in)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	c.next(w, r, s, q, worked)
}

// names maps the case's account ids to their names, for the confirmation.
func (c *Console) names(r *http.Request, cs service.Case) map[string]string {
	out := map[string]string{}
	for _, id := range append([]string{cs.AccountID}, cs.RelatedAccountIDs...) {
		if a, err := c.svc.Account(r.Context(), id); err == nil {
			out[id] = a.Name
		}
	}
	return out
}

// note assigns a case to a named assignee and/or adds an internal note.
func (c *Console) note(w http.ResponseWriter, r *http.Request, s session) {
	in := service.CaseUpdate{Note: opt(r.PostForm.Get("note")), Assignee: opt(r.PostForm.Get("assignee"))}
	if _, err := c.svc.UpdateCase(r.Context(), s.actor, r.PathValue("id"), nil, in); err != nil {
		c.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/cases/"+url.PathEscape(r.PathValue("id"))+"?"+queueOf(r.PostForm).Query(), http.StatusSeeOther)
}

// noticeView shows a notice as the member reads it and as a DSA statement.
func (c *Console) noticeView(w http.ResponseWriter, r *http.Request, _ session) {
	n, err := c.svc.Notice(r.Context(), r.PathValue("id"))
	if err != nil {
		c.fail(w, r, err)
		return
	}
	st, err := c.svc.DSA(r.Context(), n.ID)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	c.render(w, r, "notice.html", http.StatusOK, page{"Title": "Notice " + n.ID, "Notice": n, "DSA": st})
}
