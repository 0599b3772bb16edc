package service

import (
	"context"
	"slices"

	"standing/internal/account"
	"standing/internal/cases"
	"standing/internal/decision"
	"standing/internal/effect"
	"standing/internal/enforce"
	"standing/internal/ids"
	"standing/internal/market"
	"standing/internal/messaging"
	"standing/internal/notice"
	"standing/internal/problem"
	"standing/internal/screen"
	"standing/internal/simulate"
	"standing/internal/spam"
	"standing/internal/staff"
	"standing/internal/store"
)

// MessageInput is the command to send a message or an invitation; JobID
// is nil when the message names no job (an invitation must name one).
type MessageInput struct {
	JobID         *string
	FromAccountID string
	ToAccountID   string
	Body          string
}

// MessageView is the message object of the answer.
type MessageView struct {
	ID            string  `json:"id"`
	Status        string  `json:"status"`
	BodyDelivered *string `json:"body_delivered"`
	From          string  `json:"from_account_id"`
	To            string  `json:"to_account_id"`
	JobID         *string `json:"job_id,omitempty"`
	CreatedAt     string  `json:"created_at"`
}

// MessageResult is the answer of a message or invitation.
type MessageResult struct {
	Message  MessageView       `json:"message"`
	Findings []screen.Finding  `json:"findings"`
	Decision decision.Decision `json:"decision"`
}

// Send delivers, redacts or holds a message or invitation (messaging.Decide:
// C2, C3, V5, V6, V7), records the strike that follows and checks first
// contacts for spam (V3). The sender is the acting member.
func (s *Service) Send(ctx context.Context, actor Actor, invitation bool, in MessageInput) (MessageResult, error) {
	var out MessageResult
	surface, capability := "message", account.SendMessage
	if invitation {
		surface, capability = "invitation", account.SendInvitation
		if in.JobID == nil {
			return out, problem.Invalid("an invitation names its job", problem.Field("job_id", "required", "the job the invitation is for"))
		}
	}
	if len(in.Body) > 50000 {
		return out, problem.Invalid("body too long", problem.Field("body", "invalid", "at most 50000 bytes"))
	}
	if err := actingAs(actor, "from_account_id", in.FromAccountID); err != nil {
		return out, err
	}
	findings := s.screener.Screen(in.Body, surface)
	err := s.update(ctx, actor, func(t *txn) error {
		if err := t.lockAccounts(in.FromAccountID, in.ToAccountID); err != nil {
			return err
		}
		from, err := t.loadAccount(in.FromAccountID)
		if err != nil {
			return err
		}
		to, err := t.loadAccount(in.ToAccountID)
		if err != nil {
			return err
		}
		if from.ID == to.ID {
			return problem.Invalid("a member cannot write to itself", problem.Field("to_account_id", "invalid", "another account"))
		}
		if err := t.capable(from, capability); err != nil {
			return err
		}
		findings = screen.InRegion(findings, from.Country)
		if !to.Status.Live() || to.Status == account.Banned {
			return problem.Newf("conflict", "account %s is %s and cannot receive messages", to.ID, to.Status)
		}
		if in.JobID != nil {
			j, err := get[market.Job](t, store.Jobs, "job", *in.JobID)
			if err != nil {
				return err
			}
			if invitation {
				if _, err := t.memberOf(j.OrganizationID, from.ID); err != nil {
					return err
				}
			}
		}
		p, err := t.pair(from.ID, to.ID)
		if err != nil {
			return err
		}
		first := p.Version == 0
		o := messaging.Decide(in.Body, findings, messaging.Facts{Invitation: invitation, HasContract: p.HasContract, FirstMet: p.FirstMet,
			Now: t.now, Settings: t.s.set})
		m := &market.Message{ID: ids.New(map[bool]string{true: "inv", false: "msg"}[invitation]), Kind: surface, JobID: in.JobID,
			From: from.ID, To: to.ID, Body: in.Body, Status: o.Status, FirstContact: first, CreatedAt: t.now,
			Findings: findings, Rule: o.Rule, HasContract: p.HasContract}
		d := decision.Decision{Outcome: "allow", Reasons: o.Reasons, Links: []decision.Link{}}
		if o.Status != messaging.Delivered {
			d.Outcome = "block"
		}
		if o.Status != messaging.Held {
			m.BodyDelivered = &o.Body
		}
		if first {
			m.Sketch = spam.Sketch(in.Body)
		}
		var effs []effect.Effect
		if o.Rule != "" {
			effs = enforce.Violate(from, messaging.Violation(o, surface, m.ID), t.now, t.s.set)
		}
		if len(findings) > 0 {
			if err := t.recordDecision(simulate.Message, messageFacts(from, m, p.FirstMet, findings), simulate.Changes(effs)); err != nil {
				return err
			}
		}
		if o.Rule != "" {
			d.Rule = ptr(o.Rule)
			res, err := t.execute(effs)
			if err != nil {
				return err
			}
			if n := res.last(); n != nil {
				m.NoticeID = n.ID
			}
		}
		if err := t.saveMessage(m); err != nil {
			return err
		}
		if first {
			if err := t.spamCheck(from, m, &d); err != nil {
				return err
			}
		}
		if err := t.meet(from.ID, to.ID, false); err != nil {
			return err
		}
		from.LastActivity = t.now
		if err := t.saveAccount(from); err != nil {
			return err
		}
		if m.Status == messaging.Held {
			if err := t.emit("message.held", map[string]any{"message_id": m.ID, "from_account_id": from.ID, "to_account_id": to.ID, "rule": o.Rule}); err != nil {
				return err
			}
		}
		out = MessageResult{Findings: m.Findings, Decision: d, Message: viewMessage(m)}
		return nil
	})
	if out.Findings == nil {
		out.Findings = []screen.Finding{}
	}
	return out, err
}

// saveMessage writes a message with the refs its queries use.
func (t *txn) saveMessage(m *market.Message) error {
	return t.saveNext(store.Messages, &m.Version, m)
}

func viewMessage(m *market.Message) MessageView {
	return MessageView{ID: m.ID, Status: m.Status, BodyDelivered: m.BodyDelivered, From: m.From, To: m.To, JobID: m.JobID,
		CreatedAt: m.CreatedAt.Format("2006-01-02T15:04:05.999999999Z07:00")}
}

// actingAs refuses a body field that names another member than the acting
// one (API.md "Acting member": 403 not_owner).
func actingAs(actor Actor, field, id string) error {
	if actor.Kind == "member" && actor.ID != id {
		return problem.Newf("not_owner", "%s is %s but the acting account is %s", field, id, actor.ID)
	}
	return nil
}

// spamCheck applies V3 to a first contact (messaging.Spam): near-duplicate
// first contacts to many distinct recipients within the window (high: ban;
// medium: review case), or too many first contacts in a day (medium).
func (t *txn) spamCheck(from *account.Account, m *market.Message, d *decision.Decision) error {
	set := t.s.set
	firsts := []store.Cond{store.Eq("from_account_id", from.ID), store.Eq("first_contact", true)}
	recent, err := store.Find[market.Message](t.ctx, t.Tx, store.Messages,
		store.Q{Where: append(firsts, store.Since("created_at", t.now.Add(-set.SpamWindow.D())))})
	if err != nil {
		return err
	}
	contacts := make([]messaging.FirstContact, len(recent))
	for i, r := range recent {
		contacts[i] = messaging.FirstContact{To: r.To, Age: t.now.Sub(r.CreatedAt), Similarity: spam.Similarity(r.Sketch, m.Sketch)}
	}
	daily, err := t.Count(t.ctx, store.Messages, append(firsts, store.Since("created_at", t.now.AddDate(0, 0, -1)))...)
	if err != nil {
		return err
	}
	open, err := t.Count(t.ctx, store.Cases, store.Unfinished, store.CaseConcerns(from.ID), store.Eq("kind", string(cases.ViolationReview)))
	if err != nil {
		return err
	}
	snap := simulate.Snap(from)
	level, effs := messaging.SpamCheck(from, m.ID, contacts, daily, open > 0, t.now, set)
	if err := t.recordDecision(simulate.Spam, simulate.Facts{Account: snap, Spam: &simulate.SpamFacts{Ref: m.ID, Contacts: contacts,
		Daily: daily, OpenCase: open > 0}}, simulate.Changes(effs)); err != nil {
		return err
	}
	if effs == nil {
		return nil
	}
	// C1 C4: the message answers and stays with its spam.bulk finding.
	if f, ok := messaging.SpamFinding(m.Body, level); ok {
		m.Findings = append(m.Findings, f)
		if err := t.saveMessage(m); err != nil {
			return err
		}
	}
	d.Rule = ptr("V3")
	if level == messaging.HighSpam {
		d.Outcome = "block"
		d.Reasons = append(d.Reasons, "near-identical first messages to many members")
	} else {
		d.Outcome = "review"
		d.Reasons = append(d.Reasons, "many first messages in a short time, for review")
	}
	_, err = t.execute(effs)
	return err
}

// HeldMessage is a held message as staff review it, with its findings.
type HeldMessage struct {
	MessageView
	Kind     string                `json:"kind"`
	Body     string                `json:"body"`
	Findings []screen.Finding      `json:"findings"`
	Rule     string                `json:"rule,omitempty"`
	NoticeID string                `json:"notice_id,omitempty"`
	Review   *market.MessageReview `json:"review"`
}

func heldView(m *market.Message) HeldMessage {
	fs := m.Findings
	if fs == nil {
		fs = []screen.Finding{}
	}
	return HeldMessage{MessageView: viewMessage(m), Kind: m.Kind, Body: m.Body, Findings: fs, Rule: m.Rule, NoticeID: m.NoticeID, Review: m.Reviewed}
}

// MessageFilter says which messages Messages lists.
type MessageFilter struct {
	Status    string // delivered, redacted or held; "" for all
	AccountID string // sender or recipient; "" for all
	// Waiting keeps the held messages no person has reviewed yet (V5): the
	// queue. Upheld messages stay held but wait no longer.
	Waiting bool
}

// Messages lists messages, oldest first.
func (s *Service) Messages(ctx context.Context, f MessageFilter, opts ListOpts) (Page[HeldMessage], error) {
	var out Page[HeldMessage]
	if f.Status != "" && !slices.Contains([]string{messaging.Delivered, messaging.Redacted, messaging.Held}, f.Status) {
		return out, problem.Invalid("unknown message status", problem.Field("status", "invalid", "one of delivered, redacted, held"))
	}
	var q store.Q
	if f.Status != "" {
		q.Where = append(q.Where, store.Eq("status", f.Status))
	}
	if f.Waiting {
		q.Where = append(q.Where, store.Eq("status", messaging.Held), store.IsNull("review_outcome"))
	}
	if f.AccountID != "" {
		q.Where = append(q.Where, store.AnyOf(f.AccountID, "from_account_id", "to_account_id"))
	}
	err := s.read(ctx, func(t *txn) error {
		var err error
		out, err = page(t, store.Messages, q, opts, func(m *market.Message) string { return m.ID }, heldView)
		return err
	})
	return out, err
}

// MessageReviewInput is the command to release or uphold a held message.
type MessageReviewInput struct {
	Outcome string
	Reason  string
}

// ReviewMessage carries out a person's review of a held message
// (messaging.Review): released, it is delivered and its strike removed;
// upheld, it stays held.
func (s *Service) ReviewMessage(ctx context.Context, actor Actor, id string, in MessageReviewInput) (HeldMessage, error) {
	if err := authorize(actor, staff.ReviewMessage); err != nil {
		return HeldMessage{}, err
	}
	var out HeldMessage
	err := s.update(ctx, actor, func(t *txn) error {
		m, err := get[market.Message](t, store.Messages, "message", id)
		if err != nil {
			return err
		}
		if m.Status != messaging.Held || m.Reviewed != nil && m.Reviewed.Outcome == "release" {
			return problem.Newf("conflict", "message %s is %s, not waiting for review", m.ID, m.Status)
		}
		from, err := t.loadAccount(m.From)
		if err != nil {
			return err
		}
		hm := messaging.HeldMessage{ID: m.ID, From: from, Body: m.Body, Findings: m.Findings, Invitation: m.Kind == "invitation",
			HasContract: m.HasContract, NoticeID: m.NoticeID}
		var status *notice.Notice
		if m.NoticeID != "" {
			n, err := get[notice.Notice](t, store.Notices, "notice", m.NoticeID)
			if err != nil {
				return err
			}
			hm.StrikeID = n.StrikeID
		}
		if from.StatusNotice != "" {
			if status, err = get[notice.Notice](t, store.Notices, "notice", from.StatusNotice); err != nil {
				return err
			}
		}
		effs, err := messaging.Review(hm, in.Outcome, in.Reason, status)
		if err != nil {
			return err
		}
		if _, err := t.execute(effs); err != nil {
			return err
		}
		if m, err = get[market.Message](t, store.Messages, "message", id); err != nil { // released by the executor
			return err
		}
		m.Reviewed = &market.MessageReview{Outcome: in.Outcome, Reason: in.Reason, By: actor.ID, At: t.now}
		if err := t.saveMessage(m); err != nil {
			return err
		}
		out = heldView(m)
		return t.audit(Event{AccountID: m.From, Action: "message_reviewed", Rule: "V5", Reason: in.Outcome, Ref: m.ID})
	})
	return out, err
}

// releaseMessage delivers a held message with the body the recipient reads.
func (t *txn) releaseMessage(id, body string) error {
	m, err := get[market.Message](t, store.Messages, "message", id)
	if err != nil {
		return err
	}
	_, status := messaging.Delivery(m.Body, m.Findings, m.Kind == "invitation", m.HasContract)
	m.Status, m.BodyDelivered = status, &body
	return t.saveMessage(m)
}

// ReviewInput is the command to review a contract.
type ReviewInput struct {
	ContractID      string
	AuthorAccountID string
	Rating          int
	Text            string
}

// PostReview publishes a review, or voids it and bans both sides when
// author and subject are linked accounts (V8). Each side of a contract
// reviews it once (market.ReviewSubject).
func (s *Service) PostReview(ctx context.Context, actor Actor, in ReviewInput) (market.Review, error) {
	var out market.Review
	if in.Rating < 1 || in.Rating > 5 {
		return out, problem.Invalid("rating is 1 to 5", problem.Field("rating", "invalid", "1 to 5"))
	}
	if len(in.Text) > 5000 {
		return out, problem.Invalid("text too long", problem.Field("text", "invalid", "at most 5000 characters"))
	}
	if err := actingAs(actor, "author_account_id", in.AuthorAccountID); err != nil {
		return out, err
	}
	findings := s.screener.Screen(in.Text, "review")
	err := s.update(ctx, actor, func(t *txn) error {
		c, err := get[market.Contract](t, store.Contracts, "contract", in.ContractID)
		if err != nil {
			return err
		}
		org, err := t.loadTeam(market.Organization, c.OrganizationID)
		if err != nil {
			return err
		}
		author := in.AuthorAccountID
		existing, err := store.Find[market.Review](t.ctx, t.Tx, store.Reviews, store.Q{Where: []store.Cond{
			store.In("subject_account_id", c.FreelancerID, org.OwnerID), store.Eq("contract_id", c.ID)}})
		if err != nil {
			return err
		}
		subject, err := market.ReviewSubject(c, org, author, existing)
		if err != nil {
			return err
		}
		r := &market.Review{ID: ids.New("rev"), ContractID: c.ID, AuthorID: author, SubjectID: subject, Rating: in.Rating,
			Text: in.Text, Status: "published", CreatedAt: t.now, Version: 1}
		linked, err := t.linkedPair(author, subject)
		if err != nil {
			return err
		}
		a, err := t.loadAccount(author)
		if err != nil {
			return err
		}
		b, err := t.loadAccount(subject)
		if err != nil {
			return err
		}
		voided, effs := enforce.ReviewManipulation(a, b, linked, t.now, t.s.set)
		if _, err := t.execute(effs); err != nil {
			return err
		}
		if !voided {
			// V7: a review that asks for a positive review in return, or
			// offers something for one, is published with a strike.
			if err := t.reviewText(a, r, findings); err != nil {
				return err
			}
		}
		if voided {
			r.Status = "voided"
		} else if author != c.FreelancerID {
			rating := in.Rating
			c.ClientRating = &rating
			if err := t.saveContract(c); err != nil {
				return err
			}
			if c.Status == market.ContractEnded {
				if err := t.endedReputation(c.FreelancerID); err != nil {
					return err
				}
			}
		}
		if err := t.Save(t.ctx, store.Reviews, r); err != nil {
			return err
		}
		out = *r
		return nil
	})
	return out, err
}

// reviewText applies messaging.Decide to a review's text (V7) and records
// the strike that follows.
func (t *txn) reviewText(author *account.Account, r *market.Review, findings []screen.Finding) error {
	findings = screen.InRegion(findings, author.Country)
	o := messaging.Decide(r.Text, findings, messaging.Facts{Review: true, Now: t.now, Settings: t.s.set})
	if o.Rule == "" {
		return nil
	}
	effs := enforce.Violate(author, messaging.Violation(o, "review", r.ID), t.now, t.s.set)
	if err := t.recordDecision(simulate.Message, simulate.Facts{Account: simulate.Snap(author), Message: &simulate.MessageFacts{
		Surface: "review", Ref: r.ID, FirstMet: t.now, Findings: simulate.Findings(findings)}}, simulate.Changes(effs)); err != nil {
		return err
	}
	_, err := t.execute(effs)
	return err
}

// endedReputation recomputes and saves a freelancer's reputation.
func (t *txn) endedReputation(id string) error {
	f, err := t.loadAccount(id)
	if err != nil {
		return err
	}
	if err := t.reputation(f); err != nil {
		return err
	}
	return t.saveAccount(f)
}

// linkedPair returns the link between two accounts when they share a strong
// or medium signal (V8) and no exception covers them, else nil.
func (t *txn) linkedPair(a, b string) (*decision.Link, error) {
	links, err := t.linksOf(a)
	if err != nil {
		return nil, err
	}
	acc, err := t.loadAccount(b)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		if l.AccountID == b && !slices.Contains(acc.Exceptions, a) {
			return &l, nil
		}
	}
	return nil, nil
}
