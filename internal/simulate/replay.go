package simulate

import (
	"container/heap"
	"fmt"
	"slices"
	"strings"
	"time"

	"standing/internal/account"
	"standing/internal/enforce"
	"standing/internal/policy"
)

// Decision is one recorded decision as the replay reads it.
type Decision struct {
	ID        string
	Kind      string
	AccountID string
	Facts     Facts
	Outcome   []Change // what was done at the time
}

// RuleCount is how many times a rule led to an action, before (as
// recorded) and after (under the proposal).
type RuleCount struct {
	Rule   string `json:"rule"`
	Action string `json:"action"`
	Before int    `json:"before"`
	After  int    `json:"after"`
}

// Example is one account the proposal would have treated differently.
type Example struct {
	AccountID string    `json:"account_id"`
	Rule      string    `json:"rule"`
	Before    string    `json:"before"`
	After     string    `json:"after"`
	At        time.Time `json:"at"`
}

// Counts is what a replay found.
type Counts struct {
	Replayed       int         `json:"replayed"`
	Changed        int         `json:"changed"`
	NotReplayable  int         `json:"not_replayable"`
	StaffDecisions int         `json:"staff_decisions"`
	ByRule         []RuleCount `json:"by_rule"`
	Examples       []Example   `json:"examples"`
}

// MaxExamples bounds the examples a replay keeps (the earliest ones).
const MaxExamples = 50

// Replay re-decides recorded decisions, fed in time order, under proposed
// settings. Per account it keeps only how the proposal's history differs
// from the recorded one (strikes it did not make or made in addition, a
// status it left or set differently, a review case it did or did not
// open), so a recorded snapshot plus that difference is the account the
// proposal would have had. A status change the replay cannot explain (a
// person's decision, a job it does not replay) ends the difference: that
// decision stands as it was. It writes nothing.
type Replay struct {
	set      policy.Settings
	accounts map[string]*diff
	pending  deadlines
	counts   map[[2]string]*RuleCount
	out      Counts
	last     time.Time
}

// diff is how the proposal's version of an account differs from the recorded one.
type diff struct {
	last                Snapshot // the latest recorded snapshot
	dropped, extra      []Strike // strikes recorded but not proposed, proposed but not recorded
	diverged            bool     // the status below differs
	origStatus, simStat account.Status
	origBy, simBy       *time.Time
	simRule             string
	extraCase, noCase   bool // a review case opened only by the proposal, or only in the record (to the window's end: the replay does not follow people resolving cases)
	gone                bool // the proposal refused its sign-up: it never existed
}

// New starts a replay under proposed settings (already validated).
func New(s policy.Settings) *Replay {
	return &Replay{set: s, accounts: map[string]*diff{}, counts: map[[2]string]*RuleCount{},
		out: Counts{ByRule: []RuleCount{}, Examples: []Example{}}}
}

// Step replays one recorded decision; decisions must come in time order.
func (r *Replay) Step(d Decision) error {
	switch {
	case d.Kind == Staff:
		r.out.StaffDecisions++
		return nil
	case !Replayable(d.Kind):
		r.out.NotReplayable++
		return nil
	}
	if d.Facts.At.Before(r.last) {
		return fmt.Errorf("decision %s at %s comes after one at %s: replay needs time order", d.ID, d.Facts.At, r.last)
	}
	r.last = d.Facts.At
	r.fire(d.Facts.At)
	snaps := []Snapshot{d.Facts.Account}
	if d.Facts.Links != nil {
		snaps = append(snaps, d.Facts.Links.Others...)
	}
	pre := map[string]*account.Account{}
	recorded := map[string]Snapshot{}
	for _, s := range snaps {
		if _, ok := pre[s.ID]; !ok {
			pre[s.ID], recorded[s.ID] = r.account(s), s
		}
	}
	facts := d.Facts
	if sp := facts.Spam; sp != nil {
		if st := r.accounts[d.AccountID]; st != nil && (st.extraCase || st.noCase) {
			c := *sp
			c.OpenCase = sp.OpenCase && !st.noCase || st.extraCase
			facts.Spam = &c
		}
	}
	var sim []Change
	if st := r.accounts[d.AccountID]; st == nil || !st.gone { // an account the proposal never let in decides nothing
		var err error
		sim, err = decide(d.Kind, facts, func(s Snapshot) *account.Account {
			if a, ok := pre[s.ID]; ok {
				return a
			}
			return r.account(s)
		}, r.set)
		if err != nil {
			return fmt.Errorf("replay %s: %w", d.ID, err)
		}
	}
	r.out.Replayed++
	r.settle(d.Facts.At, recorded, pre, d.Outcome, sim)
	return nil
}

// Finish fires the deadlines the proposal set that fall due by the end of
// the window and returns the counts.
func (r *Replay) Finish(to time.Time) Counts {
	r.fire(to)
	r.out.ByRule = r.out.ByRule[:0]
	for _, c := range r.counts {
		r.out.ByRule = append(r.out.ByRule, *c)
	}
	slices.SortFunc(r.out.ByRule, func(a, b RuleCount) int {
		if a.Rule != b.Rule {
			return strings.Compare(a.Rule, b.Rule)
		}
		return slices.Index(gravity, a.Action) - slices.Index(gravity, b.Action)
	})
	return r.out
}

// account is the proposal's version of a recorded snapshot.
func (r *Replay) account(s Snapshot) *account.Account {
	a := s.account()
	st := r.accounts[s.ID]
	if st == nil {
		return a
	}
	st.last = s
	for _, k := range st.dropped {
		if i := slices.IndexFunc(a.Strikes, func(x account.Strike) bool { return x.Rule == k.Rule && x.At.Equal(k.At) }); i >= 0 {
			a.Strikes = slices.Delete(a.Strikes, i, i+1)
		}
	}
	for _, k := range st.extra {
		a.Strikes = append(a.Strikes, account.Strike{Rule: k.Rule, At: k.At})
	}
	if st.diverged {
		if s.Status == st.origStatus && sameTime(s.RespondBy, st.origBy) {
			a.Status, a.RespondBy, a.StatusRule = st.simStat, st.simBy, st.simRule
		} else {
			st.diverged = false // changed since by what the replay does not decide: that stands
		}
	}
	return a
}

// settle compares what was recorded with what the proposal does, counts
// it, and carries the difference forward account by account.
func (r *Replay) settle(at time.Time, recorded map[string]Snapshot, pre map[string]*account.Account, orig, sim []Change) {
	var ids []string
	for _, c := range append(slices.Clone(orig), sim...) {
		if !slices.Contains(ids, c.Account) {
			ids = append(ids, c.Account)
		}
	}
	changed := false
	for _, id := range ids {
		o, s := Of(orig, id), Of(sim, id)
		r.count(o, true)
		r.count(s, false)
		if o.Action != s.Action || o.Rule != s.Rule && o.Action != None || o.Strike != s.Strike || o.To != s.To {
			changed = true
			if len(r.out.Examples) < MaxExamples {
				rule := o.Rule
				if rule == "" {
					rule = s.Rule
				}
				r.out.Examples = append(r.out.Examples, Example{AccountID: id, Rule: rule, Before: o.Action, After: s.Action, At: at})
			}
		}
		r.carry(id, at, recorded[id], pre[id], o, s)
	}
	if changed {
		r.out.Changed++
	}
}

func (r *Replay) count(c Change, before bool) {
	if c.Action == None {
		return
	}
	k := [2]string{c.Rule, c.Action}
	rc := r.counts[k]
	if rc == nil {
		rc = &RuleCount{Rule: c.Rule, Action: c.Action}
		r.counts[k] = rc
	}
	if before {
		rc.Before++
	} else {
		rc.After++
	}
}

// carry records how account id differs after a decision: o was recorded,
// s is the proposal's; rec is the recorded account before it and pre the
// proposal's.
func (r *Replay) carry(id string, at time.Time, rec Snapshot, pre *account.Account, o, s Change) {
	st := r.accounts[id]
	same := o.Strike == s.Strike && o.To == s.To && sameTime(o.RespondBy, s.RespondBy) && (o.Action == Case) == (s.Action == Case) &&
		(o.Action == Refused) == (s.Action == Refused)
	if st == nil && same && (pre == nil || pre.Status == rec.Status) {
		return // nothing differs, and nothing did before
	}
	if st == nil {
		st = &diff{last: rec}
		r.accounts[id] = st
	}
	if rec.ID != "" {
		st.last = rec
	}
	if o.Strike && (!s.Strike || s.Rule != o.Rule) {
		st.dropped = append(st.dropped, Strike{Rule: o.Rule, At: at})
	}
	if s.Strike && (!o.Strike || s.Rule != o.Rule) {
		st.extra = append(st.extra, Strike{Rule: s.Rule, At: at})
	}
	if s.Action == Case && o.Action != Case {
		st.extraCase = true
	}
	if o.Action == Case && s.Action != Case {
		st.noCase = true
	}
	if s.Action == Refused && o.Action != Refused {
		st.gone = true
	}
	origAfter, origBy := rec.Status, rec.RespondBy
	if o.To != "" {
		origAfter, origBy = o.To, o.RespondBy
	}
	simAfter, simBy, simRule := rec.Status, rec.RespondBy, rec.StatusRule
	if pre != nil {
		simAfter, simBy, simRule = pre.Status, pre.RespondBy, pre.StatusRule
	}
	if s.To != "" {
		simAfter, simBy, simRule = s.To, s.RespondBy, s.Rule
	}
	st.diverged = origAfter != simAfter || !sameTime(origBy, simBy)
	st.origStatus, st.origBy, st.simStat, st.simBy, st.simRule = origAfter, origBy, simAfter, simBy, simRule
	if st.diverged && s.To == account.Suspended && s.RespondBy != nil {
		heap.Push(&r.pending, deadline{account: id, due: *s.RespondBy})
	}
}

// fire runs E1 for the suspensions only the proposal made (or made with
// another deadline) that fall due by until: the record has no deadline
// decision for them, so the replay takes it, assuming no remedy came.
func (r *Replay) fire(until time.Time) {
	for r.pending.Len() > 0 && !r.pending[0].due.After(until) {
		p := heap.Pop(&r.pending).(deadline)
		st := r.accounts[p.account]
		if st == nil || !st.diverged || st.simStat != account.Suspended || st.simBy == nil || !st.simBy.Equal(p.due) {
			continue // superseded
		}
		rec := st.last
		rec.Status, rec.RespondBy = st.origStatus, st.origBy
		a := r.account(rec)
		sim := Changes(enforce.Deadline(a, p.due))
		r.settle(p.due, map[string]Snapshot{p.account: rec}, map[string]*account.Account{p.account: a}, nil, sim)
	}
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

// deadline is an E1 deadline the proposal set.
type deadline struct {
	account string
	due     time.Time
}

// deadlines is a min-heap by due time.
type deadlines []deadline

func (h deadlines) Len() int           { return len(h) }
func (h deadlines) Less(i, j int) bool { return h[i].due.Before(h[j].due) }
func (h deadlines) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *deadlines) Push(x any)        { *h = append(*h, x.(deadline)) }
func (h *deadlines) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
