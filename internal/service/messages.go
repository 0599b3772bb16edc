package service

import (
	"context"
	"slices"
	"strings"

	"standing/internal/account"
	"standing/internal/enforce"
	"standing/internal/ids"
	"standing/internal/linkage"
	"standing/internal/market"
	"standing/internal/problem"
	"standing/internal/screen"
	"standing/internal/spam"
	"standing/internal/store"
)

// MessageInput is the body of POST /v1/messages and /v1/invitations.
type MessageInput struct {
	JobID         *string `json:"job_id"`
	FromAccountID *string `json:"from_account_id" req:"true"`
	ToAccountID   *string `json:"to_account_id" req:"true"`
	Body          *string `json:"body" req:"true"`
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
	Message  MessageView      `json:"message"`
	Findings []screen.Finding `json:"findings"`
	Decision linkage.Decision `json:"decision"`
}

// mask replaces each span with a marker, keeping the rest of the text.
func mask(text string, spans []screen.Finding) string {
	slices.SortFunc(spans, func(a, b screen.Finding) int { return a.Start - b.Start })
	var b strings.Builder
	last := 0
	for _, f := range spans {
		if f.Start < last {
			if f.End > last {
				last = f.End
			}
			continue
		}
		b.WriteString(text[last:f.Start])
		b.WriteString("[contact details removed]")
		last = f.End
	}
	b.WriteString(text[last:])
	return b.String()
}

// Send delivers, redacts or holds a message or invitation (C2, C3, V3, V5,
// V6, V7), and records the strikes and cases that follow.
func (s *Service) Send(ctx context.Context, actor Actor, invitation bool, in MessageInput) (MessageResult, error) {
	var out MessageResult
	surface, capability := "message", account.SendMessage
	if invitation {
		surface, capability = "invitation", account.SendInvitation
		if in.JobID == nil {
			return out, problem.Invalid("an invitation names its job", problem.Field("job_id", "required", "the job the invitation is for"))
		}
	}
	if len(*in.Body) > 50000 {
		return out, problem.Invalid("body too long", problem.Field("body", "invalid", "at most 50000 bytes"))
	}
	findings := s.screener.Screen(*in.Body, surface)
	err := s.update(ctx, actor, func(t *txn) error {
		if err := t.lockAccounts(*in.FromAccountID, *in.ToAccountID); err != nil {
			return err
		}
		from, err := t.loadAccount(*in.FromAccountID)
		if err != nil {
			return err
		}
		to, err := t.loadAccount(*in.ToAccountID)
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
		if invitation {
			j, err := get[market.Job](t, "job", *in.JobID)
			if err != nil {
				return err
			}
			if _, err := t.memberOf(j.OrganizationID, from.ID); err != nil {
				return err
			}
		}
		p, err := t.pair(from.ID, to.ID)
		if err != nil {
			return err
		}
		first := p.Version == 0
		m := &market.Message{ID: ids.New(map[bool]string{true: "inv", false: "msg"}[invitation]), Kind: surface, JobID: in.JobID,
			From: from.ID, To: to.ID, Body: *in.Body, Status: "delivered", FirstContact: first, CreatedAt: t.now}
		var contact, pay, review []screen.Finding
		for _, f := range findings {
			switch {
			case screen.IsContact(f.Category):
				contact = append(contact, f)
			case f.Category == screen.OffPlatform:
				pay = append(pay, f)
			case f.Category == screen.PositiveReview:
				review = append(review, f)
			}
		}
		contactAllowed := !invitation && p.HasContract // C2
		d := linkage.Decision{Outcome: "allow", Reasons: []string{}, Links: []linkage.Link{}}
		body := *in.Body
		var rule string
		var ev []screen.Finding
		switch {
		case len(pay) > 0 && t.now.Sub(p.FirstMet) < t.s.set.NonCircumvention.D():
			m.Status, rule, ev = "held", "V5", pay
			d.Outcome = "block"
			d.Reasons = append(d.Reasons, "asks for payment outside the platform; the message is held")
		case len(contact) > 0 && !contactAllowed:
			m.Status, rule, ev = "redacted", "V6", contact
			body = mask(body, contact)
			d.Outcome = "block"
			d.Reasons = append(d.Reasons, "contact details are not allowed before a contract; they were removed")
		case len(review) > 0:
			rule, ev = "V7", review
			d.Reasons = append(d.Reasons, "asks for a positive review")
		}
		if m.Status == "redacted" && len(pay) > 0 { // payment outside the 24 months: still mask contact
			body = mask(body, contact)
		}
		if first {
			m.Sketch = spam.Sketch(*in.Body)
		}
		if m.Status != "held" {
			m.BodyDelivered = &body
		}
		if rule != "" {
			d.Rule = ptr(rule)
			if _, err := t.violation(from, enforce.Violation{Rule: rule, Automated: true},
				"Screening of a "+surface+" ("+m.ID+") found: "+categories(ev)+".", findingEvidence(m.ID, ev), nil); err != nil {
				return err
			}
		}
		refs := []string{from.ID, to.ID, "from:" + from.ID}
		if first {
			refs = append(refs, "first:"+from.ID)
		}
		m.Version = 1
		if err := t.Put(t.ctx, store.Doc{ID: m.ID, Kind: "message", Status: m.Status, Refs: refs, Version: 1, CreatedAt: t.now, Data: m}); err != nil {
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
		if m.Status == "held" {
			if err := t.emit("message.held", map[string]any{"message_id": m.ID, "from_account_id": from.ID, "to_account_id": to.ID, "rule": rule}); err != nil {
				return err
			}
		}
		out = MessageResult{Findings: findings, Decision: d, Message: MessageView{ID: m.ID, Status: m.Status, BodyDelivered: m.BodyDelivered,
			From: from.ID, To: to.ID, JobID: m.JobID, CreatedAt: m.CreatedAt.Format("2006-01-02T15:04:05.999999999Z07:00")}}
		return nil
	})
	if out.Findings == nil {
		out.Findings = []screen.Finding{}
	}
	return out, err
}

func categories(fs []screen.Finding) string {
	var cs []string
	for _, f := range fs {
		if !slices.Contains(cs, f.Category) {
			cs = append(cs, f.Category)
		}
	}
	return strings.Join(cs, ", ")
}

// spamCheck applies V3 to a first contact: near-duplicate first contacts to
// many distinct recipients within the window (high: ban; medium: review
// case), or too many first contacts in a day (medium).
func (t *txn) spamCheck(from *account.Account, m *market.Message, d *linkage.Decision) error {
	set := t.s.set
	recent, err := store.ListAs[market.Message](t.ctx, t.Tx, store.Query{Kind: "message", Refs: []string{"first:" + from.ID},
		Since: t.now.Add(-set.SpamWindow.D())})
	if err != nil {
		return err
	}
	similar := map[string]bool{}
	for _, r := range recent {
		if spam.Similarity(r.Sketch, m.Sketch) >= set.SpamSimilarity {
			similar[r.To] = true
		}
	}
	daily, err := t.Count(t.ctx, store.Query{Kind: "message", Refs: []string{"first:" + from.ID}, Since: t.now.AddDate(0, 0, -1)})
	if err != nil {
		return err
	}
	high := len(similar) >= set.SpamHighRecipients
	medium := len(similar) >= set.SpamMediumRecipients || daily >= set.SpamDailyRecipients
	if !high && !medium {
		return nil
	}
	if high {
		d.Outcome, d.Rule = "block", ptr("V3")
		d.Reasons = append(d.Reasons, "near-identical first messages to many members")
		if from.Status == account.Active || from.Status == account.Suspended {
			_, err := t.violation(from, enforce.Violation{Rule: "V3", High: true, Automated: true},
				"Near-identical first messages were sent to many different members within an hour.",
				[]enforce.Evidence{{Type: "object", Ref: m.ID}}, nil)
			return err
		}
		return nil
	}
	open, err := t.Count(t.ctx, store.Query{Kind: "case", Status: []string{"open", "in_review"}, Refs: []string{from.ID, "casekind:violation_review"}})
	if err != nil || open > 0 {
		return err
	}
	d.Outcome, d.Rule = "review", ptr("V3")
	d.Reasons = append(d.Reasons, "many first messages in a short time, for review")
	_, err = t.violation(from, enforce.Violation{Rule: "V3", Automated: true},
		"Many first messages to different members in a short time.", []enforce.Evidence{{Type: "object", Ref: m.ID}}, nil)
	return err
}

// ReviewInput is the body of POST /v1/reviews.
type ReviewInput struct {
	ContractID      *string `json:"contract_id" req:"true"`
	AuthorAccountID *string `json:"author_account_id" req:"true"`
	Rating          *int    `json:"rating" req:"true"`
	Text            *string `json:"text" req:"true"`
}

// PostReview publishes a review, or voids it and bans both sides when
// author and subject are linked accounts (V8).
func (s *Service) PostReview(ctx context.Context, actor Actor, in ReviewInput) (market.Review, error) {
	var out market.Review
	if *in.Rating < 1 || *in.Rating > 5 {
		return out, problem.Invalid("rating is 1 to 5", problem.Field("rating", "invalid", "1 to 5"))
	}
	if len(*in.Text) > 5000 {
		return out, problem.Invalid("text too long", problem.Field("text", "invalid", "at most 5000 characters"))
	}
	err := s.update(ctx, actor, func(t *txn) error {
		c, err := get[market.Contract](t, "contract", *in.ContractID)
		if err != nil {
			return err
		}
		org, err := t.loadTeam(orgKind, c.OrganizationID)
		if err != nil {
			return err
		}
		author := *in.AuthorAccountID
		subject := c.FreelancerID
		switch {
		case author == c.FreelancerID:
			subject = org.OwnerID
		case org.Role(author) == "":
			return problem.Newf("not_member", "account %s is not a party to contract %s", author, c.ID)
		}
		r := &market.Review{ID: ids.New("rev"), ContractID: c.ID, AuthorID: author, SubjectID: subject, Rating: *in.Rating,
			Text: *in.Text, Status: "published", CreatedAt: t.now, Version: 1}
		linked, err := t.linkedPair(author, subject)
		if err != nil {
			return err
		}
		if linked != nil {
			r.Status = "voided"
			for _, id := range []string{author, subject} {
				a, err := t.loadAccount(id)
				if err != nil {
					return err
				}
				if a.Status == account.Active || a.Status == account.Suspended {
					if _, err := t.violation(a, enforce.Violation{Rule: "V8", Automated: true},
						"A review was posted between linked accounts; it was voided.", linkEvidence([]linkage.Link{*linked}), nil); err != nil {
						return err
					}
					if err := t.saveAccount(a); err != nil {
						return err
					}
				}
			}
		} else if author != c.FreelancerID {
			c.ClientRating = in.Rating
			if err := t.saveContract(c); err != nil {
				return err
			}
			if c.Status == "ended" {
				if err := t.endedReputation(c.FreelancerID); err != nil {
					return err
				}
			}
		}
		if err := t.Put(t.ctx, store.Doc{ID: r.ID, Kind: "review", Status: r.Status, Refs: []string{c.ID, author, subject}, Version: 1, CreatedAt: t.now, Data: r}); err != nil {
			return err
		}
		out = *r
		return nil
	})
	return out, err
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
func (t *txn) linkedPair(a, b string) (*linkage.Link, error) {
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
