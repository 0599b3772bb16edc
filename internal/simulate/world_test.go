package simulate

import (
	"container/heap"
	"fmt"
	"time"

	"standing/internal/account"
	"standing/internal/messaging"
	"standing/internal/policy"
	"standing/internal/screen"
)

// world records a history the way the service does: it builds each
// decision's facts from its accounts as they stand, decides it under the
// recording settings, keeps the decision and carries its changes out. It
// fires E1 deadlines when due, as the job loop would, and lets a person
// act (a remedy), recorded as a staff decision. Tests and the benchmark
// replay what it emits.
type world struct {
	set     policy.Settings
	now     time.Time
	accs    map[string]*account.Account
	pending deadlines
	emit    func(Decision)
	n       int
}

var epoch = time.Date(2026, 1, 1, 9, 0, 0, 123456789, time.UTC)

func newWorld(set policy.Settings, emit func(Decision)) *world {
	return &world{set: set, now: epoch, accs: map[string]*account.Account{}, emit: emit}
}

// collect is a world that keeps what it emits.
func collect(set policy.Settings) (*world, *[]Decision) {
	var out []Decision
	return newWorld(set, func(d Decision) { out = append(out, d) }), &out
}

func (w *world) acc(id string) *account.Account {
	a := w.accs[id]
	if a == nil {
		a = &account.Account{ID: id, Status: account.Active, CreatedAt: w.now}
		w.accs[id] = a
	}
	return a
}

// advance moves time on, firing the deadlines that fall due on the way.
func (w *world) advance(d time.Duration) {
	end := w.now.Add(d)
	for w.pending.Len() > 0 && !w.pending[0].due.After(end) {
		p := heap.Pop(&w.pending).(deadline)
		w.now = p.due
		w.decide(Deadline, Facts{Account: Snap(w.acc(p.account))})
	}
	w.now = end
}

// decide records one decision of kind on its facts and carries it out.
func (w *world) decide(kind string, f Facts) []Change {
	w.n++
	f.At = w.now
	ch, err := decide(kind, f, func(s Snapshot) *account.Account { return s.account() }, w.set)
	if err != nil {
		panic(err)
	}
	w.emit(Decision{ID: fmt.Sprintf("dec_%d", w.n), Kind: kind, AccountID: f.Account.ID, Facts: f, Outcome: ch})
	for _, c := range ch {
		a := w.acc(c.Account)
		if c.Strike {
			a.Strikes = append(a.Strikes, account.Strike{Rule: c.Rule, At: w.now})
		}
		if c.To != "" && a.Transition(c.To, c.Rule, w.now) == nil {
			a.RespondBy = c.RespondBy
			if c.RespondBy != nil {
				heap.Push(&w.pending, deadline{account: a.ID, due: *c.RespondBy})
			}
		}
	}
	return ch
}

// remedy is a person accepting a suspended member's remedy (E1).
func (w *world) remedy(id string) {
	a := w.acc(id)
	if a.Transition(account.Active, a.StatusRule, w.now) == nil {
		w.n++
		w.emit(Decision{ID: fmt.Sprintf("dec_%d", w.n), Kind: Staff, AccountID: id, Facts: Facts{At: w.now},
			Outcome: []Change{{Account: id, Action: None, To: account.Active}}})
	}
}

// message sends a message from id whose screening found categories.
func (w *world) message(id string, categories ...string) []Change {
	var fs []Finding
	for _, c := range categories {
		fs = append(fs, Finding{Category: c, Confidence: 0.9})
	}
	return w.decide(Message, Facts{Account: Snap(w.acc(id)), Message: &MessageFacts{Surface: "message", Ref: fmt.Sprintf("msg_%d", w.n),
		FirstMet: w.now.Add(-time.Hour), Findings: fs}})
}

// spam is a first contact from id after n others of the given similarity
// within the last minutes.
func (w *world) spam(id string, n int, similarity float64, openCase bool) []Change {
	cs := make([]messaging.FirstContact, n)
	for i := range cs {
		cs[i] = messaging.FirstContact{To: fmt.Sprintf("acc_to%d", i), Age: time.Duration(i) * time.Second, Similarity: similarity}
	}
	return w.decide(Spam, Facts{Account: Snap(w.acc(id)), Spam: &SpamFacts{Ref: fmt.Sprintf("msg_%d", w.n), Contacts: cs, Daily: n, OpenCase: openCase}})
}

// signup signs up id with one signal of kind shared with other, a value
// held by shared accounts.
func (w *world) signup(id, other, kind string, shared int) []Change {
	o := w.acc(other)
	a := &account.Account{ID: id, Status: account.Active, CreatedAt: w.now}
	ch := w.decide(Signup, Facts{Account: Snap(a), Links: &LinkFacts{Matches: []Match{{AccountID: other, Status: string(o.Status), Kind: kind, Shared: shared}},
		Others: []Snapshot{Snap(o)}}})
	if Of(ch, id).Action != Refused {
		w.accs[id] = a
		for _, c := range ch { // the sign-up's own change, made on the new account
			if c.Account == id && c.To != "" {
				_ = a.Transition(c.To, c.Rule, w.now)
			}
		}
	}
	return ch
}

const (
	contact = screen.OffPlatform // V5
	email   = "contact.email"    // V6
)
