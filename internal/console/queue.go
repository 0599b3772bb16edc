package console

import (
	"net/http"
	"net/url"
	"slices"

	"standing/internal/cases"
	"standing/internal/problem"
	"standing/internal/service"
)

// queueRef is where a staff member works from: a view of the queue and a
// kind. It travels with the case pages so that resolving a case opens the
// next one of the same queue.
type queueRef struct {
	View string
	Kind string
}

func queueOf(v url.Values) queueRef {
	q := queueRef{View: v.Get("view"), Kind: v.Get("kind")}
	if !slices.Contains(service.QueueViews, service.QueueView(q.View)) {
		q.View = string(service.ViewActive)
	}
	if !cases.Kind(q.Kind).Valid() {
		q.Kind = ""
	}
	return q
}

// Query is the queue as URL parameters.
func (q queueRef) Query() string {
	v := url.Values{"view": {q.View}}
	if q.Kind != "" {
		v.Set("kind", q.Kind)
	}
	return v.Encode()
}

// queue shows a view of unfinished cases, due first, with the count of
// every view; finished cases are listed by status.
func (c *Console) queue(w http.ResponseWriter, r *http.Request, s session) {
	v := r.URL.Query()
	q := queueOf(v)
	data := page{"Title": "Case queue", "Q": q, "Kinds": service.CaseKinds(), "Now": c.svc.Now(),
		"Views": service.QueueViews, "Done": v.Get("done"),
		"Status": "", "KindT": cases.Kind(q.Kind)}
	if st := v.Get("status"); st == string(cases.Resolved) || st == string(cases.Withdrawn) {
		p, err := c.svc.Cases(r.Context(), q.Kind, st, "", service.ListOpts{Limit: pageSize, Cursor: v.Get("cursor")})
		if err != nil {
			c.fail(w, r, err)
			return
		}
		data["Finished"], data["Status"], data["Next"] = p.Data, st, p.NextCursor
		c.render(w, r, "queue.html", http.StatusOK, data)
		return
	}
	qu, err := c.svc.CaseQueue(r.Context(), q.Kind, service.QueueView(q.View), s.actor.ID, service.ListOpts{Limit: pageSize, Cursor: v.Get("cursor")})
	if err != nil {
		c.fail(w, r, err)
		return
	}
	data["Rows"], data["Counts"], data["Next"] = qu.Data, qu.Counts, qu.NextCursor
	var assignees []string
	for _, row := range qu.Data {
		if row.Assignee != nil {
			assignees = append(assignees, *row.Assignee)
		}
	}
	data["ActorIDs"] = assignees
	c.render(w, r, "queue.html", http.StatusOK, data)
}

// next opens the first case of the queue after the one just worked, or the
// queue itself when none is left, saying which case was done.
func (c *Console) next(w http.ResponseWriter, r *http.Request, s session, q queueRef, worked service.Case) {
	done := worked.ID
	qu, err := c.svc.CaseQueue(r.Context(), q.Kind, service.QueueView(q.View), s.actor.ID,
		service.ListOpts{Limit: 1, Cursor: service.QueueCursor(worked)})
	if err == nil && len(qu.Data) == 0 { // wrap around to the start of the queue
		qu, err = c.svc.CaseQueue(r.Context(), q.Kind, service.QueueView(q.View), s.actor.ID, service.ListOpts{Limit: 1})
	}
	to := "/console/?" + q.Query() + "&done=" + url.QueryEscape(done)
	if err == nil && len(qu.Data) > 0 {
		to = "/console/cases/" + url.PathEscape(qu.Data[0].ID) + "?" + q.Query() + "&done=" + url.QueryEscape(done)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// assignToMe assigns one case to the signed-in staff member.
func (c *Console) assignToMe(w http.ResponseWriter, r *http.Request, s session) {
	me := s.actor.ID
	if _, err := c.svc.UpdateCase(r.Context(), s.actor, r.PathValue("id"), nil, service.CaseUpdate{Assignee: &me}); err != nil {
		c.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/cases/"+url.PathEscape(r.PathValue("id"))+"?"+queueOf(r.PostForm).Query(), http.StatusSeeOther)
}

// bulkAssign assigns every chosen case to the signed-in staff member.
func (c *Console) bulkAssign(w http.ResponseWriter, r *http.Request, s session) {
	ids := r.PostForm["case"]
	if len(ids) == 0 {
		c.fail(w, r, problem.Invalid("choose at least one case"))
		return
	}
	me := s.actor.ID
	for _, id := range ids {
		if _, err := c.svc.UpdateCase(r.Context(), s.actor, id, nil, service.CaseUpdate{Assignee: &me}); err != nil {
			c.fail(w, r, err)
			return
		}
	}
	http.Redirect(w, r, "/console/?"+queueOf(r.PostForm).Query(), http.StatusSeeOther)
}

// bulkResolve resolves chosen cases of one kind with one outcome. Without
// confirm it shows, case by case, what the resolution would do; with it,
// it carries each out and reports what happened to each.
func (c *Console) bulkResolve(w http.ResponseWriter, r *http.Request, s session) {
	f := r.PostForm
	ids, in := f["case"], resolutionInput(f)
	if len(ids) == 0 || in.Outcome == "" {
		c.fail(w, r, problem.Invalid("choose cases and an outcome"))
		return
	}
	type item struct {
		Preview service.ResolutionPreview
		Err     error
		Done    bool
	}
	var kind cases.Kind
	items := make([]item, 0, len(ids))
	for _, id := range ids {
		p, err := c.svc.PreviewResolution(r.Context(), id, in)
		if err != nil {
			c.fail(w, r, err)
			return
		}
		if kind == "" {
			kind = p.Case.Kind
		}
		if p.Case.Kind != kind {
			c.fail(w, r, problem.Invalid("bulk resolution takes cases of one kind: filter the queue by kind first"))
			return
		}
		items = append(items, item{Preview: p})
	}
	confirmed := f.Get("confirm") == "yes"
	if confirmed {
		for i := range items {
			if items[i].Preview.Refusal != nil {
				continue
			}
			_, err := c.svc.Resolve(r.Context(), s.actor, ids[i], in)
			items[i].Err, items[i].Done = err, err == nil
		}
	}
	c.render(w, r, "bulk.html", http.StatusOK, page{"Title": "Resolve cases together", "Items": items, "Kind": kind,
		"Input": in, "IDs": ids, "Confirmed": confirmed, "Q": queueOf(f)})
}
