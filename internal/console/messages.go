package console

import (
	"net/http"
	"net/url"

	"standing/internal/problem"
	"standing/internal/service"
)

// heldItem is a held message with its text marked where screening found
// something, and its sender's name.
type heldItem struct {
	service.HeldMessage
	Parts    []part
	FromName string
}

// heldMessages is the queue of messages held for a person (V5), oldest
// first, a page at a time.
func (c *Console) heldMessages(w http.ResponseWriter, r *http.Request, _ session) {
	p, err := c.svc.Messages(r.Context(), service.MessageFilter{Waiting: true}, service.ListOpts{Limit: pageSize, Cursor: r.URL.Query().Get("cursor")})
	if err != nil {
		c.fail(w, r, err)
		return
	}
	items := make([]heldItem, 0, len(p.Data))
	for _, m := range p.Data {
		it := heldItem{HeldMessage: m, Parts: highlight(m.Body, m.Findings)}
		if a, err := c.svc.Account(r.Context(), m.From); err == nil {
			it.FromName = a.Name
		}
		items = append(items, it)
	}
	c.render(w, r, "messages.html", http.StatusOK, page{"Title": "Held messages", "Items": items, "Next": p.NextCursor,
		"Done": r.URL.Query().Get("done")})
}

// reviewMessage releases or upholds a held message (service.ReviewMessage);
// upholding needs a reason.
func (c *Console) reviewMessage(w http.ResponseWriter, r *http.Request, s session) {
	in := service.MessageReviewInput{Outcome: trimmed(r.PostForm.Get("outcome")), Reason: trimmed(r.PostForm.Get("reason"))}
	if in.Outcome == "" {
		c.fail(w, r, problem.Invalid("choose release or uphold", problem.Field("outcome", "required", "release or uphold")))
		return
	}
	if in.Outcome == "uphold" && in.Reason == "" {
		c.fail(w, r, problem.Invalid("upholding a held message needs a reason", problem.Field("reason", "required", "why the message stays held")))
		return
	}
	if _, err := c.svc.ReviewMessage(r.Context(), s.actor, r.PathValue("id"), in); err != nil {
		c.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/messages?done="+url.QueryEscape(r.PathValue("id")), http.StatusSeeOther)
}
