package service

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"standing/internal/account"
	"standing/internal/decision"
	"standing/internal/enforce"
	"standing/internal/identity"
	"standing/internal/linkage"
	"standing/internal/problem"
	"standing/internal/simulate"
	"standing/internal/staff"
	"standing/internal/store"
)

// SignalInput is the command to record one observed signal.
type SignalInput struct {
	Kind  string
	Value string
}

// DecisionResult pairs a decision with the account after it.
type DecisionResult struct {
	Decision decision.Decision `json:"decision"`
	Account  account.View      `json:"account"`
}

// AddSignal records one observed signal and applies M5 to what it links.
func (s *Service) AddSignal(ctx context.Context, actor Actor, id string, in SignalInput) (DecisionResult, error) {
	var out DecisionResult
	kind := in.Kind
	if !slices.Contains(identity.ReportedKinds(), kind) {
		return out, problem.Invalid("unknown signal kind", problem.Field("kind", "invalid", "one of "+strings.Join(identity.ReportedKinds(), ", ")))
	}
	err := s.update(ctx, actor, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		if !a.Status.Live() { // M5: only accounts that can still act record signals
			return problem.Newf("account_not_live", "account %s is %s: signals are recorded only for accounts that can still act", a.ID, a.Status).WithRule("M5")
		}
		sigs, errs := canonicalSignals(map[string]string{kind: in.Value}, a.Country)
		if len(errs) > 0 {
			errs[0].Field = "value"
			return problem.Invalid("the signal value is not valid", errs...)
		}
		d, err := t.laterLinks(a, sigs, "")
		if err != nil {
			return err
		}
		if err := t.saveAccount(a); err != nil {
			return err
		}
		out = DecisionResult{Decision: d, Account: a.View(t.now, t.s.set)}
		return nil
	})
	return out, err
}

// laterLinks records new signals of an existing account and applies M5
// (linkage.Later). rejectRule names the rule (I5) when the caller already
// refused something because of the link.
func (t *txn) laterLinks(a *account.Account, sigs []identity.Signal, rejectRule string) (decision.Decision, error) {
	before, err := t.linksOf(a.ID)
	if err != nil {
		return decision.Decision{}, err
	}
	links, matches, err := t.links(a.ID, sigs)
	if err != nil {
		return decision.Decision{}, err
	}
	if err := t.record(a.ID, sigs); err != nil {
		return decision.Decision{}, err
	}
	f := linkage.LaterFacts{Account: a, Links: links, Others: map[string]*account.Account{}, Reject: rejectRule, Now: t.now, Settings: t.s.set}
	for _, l := range before {
		if l.Strong() {
			f.Known = append(f.Known, l.AccountID)
		}
	}
	if f.Excepted, err = t.excepted(nil, a.Exceptions); err != nil {
		return decision.Decision{}, err
	}
	for _, l := range links {
		if f.Others[l.AccountID], err = t.loadAccount(l.AccountID); err != nil {
			return decision.Decision{}, err
		}
	}
	d, effs := linkage.Later(f)
	if err := t.recordLinks(simulate.Later, a, matches, simulate.LinkFacts{Excepted: f.Excepted, Known: f.Known, Reject: rejectRule}, simulate.Changes(effs)); err != nil {
		return d, err
	}
	_, err = t.execute(effs)
	return d, err
}

func ptr(s string) *string { return &s }

// Links lists the accounts linked to one, with scores and signal kinds.
func (s *Service) Links(ctx context.Context, id string) (Page[decision.Link], error) {
	out := Page[decision.Link]{Data: []decision.Link{}}
	err := s.read(ctx, func(t *txn) error {
		if _, err := t.loadAccount(id); err != nil {
			return err
		}
		links, err := t.linksOf(id)
		if err != nil {
			return err
		}
		if links, err = t.withNearLinks(id, links); err != nil {
			return err
		}
		out.Data = append(out.Data, links...)
		return nil
	})
	return out, err
}

// LinksPage is Links as a page of the list envelope (API.md Conventions,
// Lists): the strongest link first, ties by account id; the cursor names
// the score and account of the last link given.
func (s *Service) LinksPage(ctx context.Context, id string, opts ListOpts) (Page[decision.Link], error) {
	after, err := DecodeCursor(opts.Cursor)
	if err != nil {
		return Page[decision.Link]{}, err
	}
	all, err := s.Links(ctx, id)
	if err != nil {
		return all, err
	}
	links := all.Data
	slices.SortStableFunc(links, linkOrder)
	if after != "" {
		sc, acc, ok := strings.Cut(after, " ")
		score, perr := strconv.ParseFloat(sc, 64)
		if !ok || perr != nil {
			return Page[decision.Link]{}, problem.Invalid("cursor is not one this API gave out", problem.Field("cursor", "invalid", "unknown cursor"))
		}
		pivot := decision.Link{AccountID: acc, Score: score}
		i := 0
		for i < len(links) && linkOrder(links[i], pivot) <= 0 {
			i++
		}
		links = links[i:]
	}
	return pageOf(links, opts.Limit, func(l decision.Link) string {
		return strconv.FormatFloat(l.Score, 'g', -1, 64) + " " + l.AccountID
	}, func(l decision.Link) decision.Link { return l }), nil
}

// linkOrder sorts links by score, highest first, then by account id.
func linkOrder(x, y decision.Link) int {
	switch {
	case x.Score > y.Score:
		return -1
	case x.Score < y.Score:
		return 1
	}
	return strings.Compare(x.AccountID, y.AccountID)
}

// RequestVerification starts the I2 deadline.
func (s *Service) RequestVerification(ctx context.Context, actor Actor, id string) (account.View, error) {
	if err := authorize(actor, staff.CareForAccount); err != nil {
		return account.View{}, err
	}
	var out account.View
	err := s.update(ctx, actor, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		if a.Status != account.Active && a.Status != account.Suspended {
			return problem.Newf("invalid_transition", "a %s account cannot be asked to verify", a.Status).WithRule("I2")
		}
		// I2: the member has 7 days from the request. A request while one
		// is still running leaves its deadline alone, or asking again every
		// few days would put off the hold for ever.
		running := a.Verification.Status == "requested" && a.Verification.Deadline != nil && t.now.Before(*a.Verification.Deadline)
		if a.Verification.Status != "verified" && !running {
			deadline := t.now.Add(t.s.set.VerificationDeadline.D())
			a.Verification.Status = "requested"
			a.Verification.RequestedAt, a.Verification.Deadline = &t.now, &deadline
			if err := t.enqueue(job("verification_deadline", a.ID, deadline)); err != nil {
				return err
			}
			if err := t.audit(Event{AccountID: a.ID, Action: "verification_requested", Rule: "I2",
				Reason: "verify by " + deadline.Format("2006-01-02 15:04 MST")}); err != nil {
				return err
			}
			if err := t.saveAccount(a); err != nil {
				return err
			}
		}
		out = a.View(t.now, t.s.set)
		return nil
	})
	return out, err
}

// Address is a postal address of a verification.
type Address struct {
	Line1      string
	City       string
	PostalCode string
	Country    string
}

// IDDocument is the identity document of a verification.
type IDDocument struct {
	Type    string
	Country string
	Number  string
}

// VerificationInput is the command applying an identity vendor's result.
type VerificationInput struct {
	LegalName   string
	DateOfBirth string
	Phone       string
	Address     Address
	IDDocument  IDDocument
}

// Verify applies a verification result: I1 lifted, I3 age, I4 name, I5 one
// ID per account, and M5 on the new strong signals.
func (s *Service) Verify(ctx context.Context, actor Actor, id string, in VerificationInput) (DecisionResult, error) {
	var out DecisionResult
	var errs []problem.FieldError
	if strings.TrimSpace(in.LegalName) == "" {
		errs = append(errs, problem.Field("legal_name", "invalid", "must not be empty"))
	}
	doc, err := identity.CanonicalIDDocument(in.IDDocument.Type, strings.ToUpper(in.IDDocument.Country), in.IDDocument.Number)
	if err != nil {
		errs = append(errs, problem.Field("id_document", "invalid", "type is passport, national_id or driving_licence; country is ISO alpha-2; number has at least 4 letters or digits"))
	}
	if !ValidCountry(strings.ToUpper(in.Address.Country)) {
		errs = append(errs, problem.Field("address.country", "invalid", "must be an ISO 3166 alpha-2 code"))
	}
	if len(errs) > 0 {
		return out, problem.Invalid("the verification has invalid fields", errs...)
	}
	err = s.update(ctx, actor, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		if !a.Status.Live() { // M5: a verification reports signals (phone, ID document, name and birth date, address)
			return problem.Newf("account_not_live", "account %s is %s: signals are recorded only for accounts that can still act", a.ID, a.Status).WithRule("M5")
		}
		if a.Status != account.Active && a.Status != account.Suspended {
			return problem.Newf("invalid_transition", "a %s account cannot be verified", a.Status).WithRule("I1")
		}
		age, err := identity.Age(in.DateOfBirth, t.now)
		if err != nil {
			return problem.Invalid("date_of_birth must be a date YYYY-MM-DD, not after today", problem.Field("date_of_birth", "invalid", "must be a date YYYY-MM-DD, not after today"))
		}
		phone, err := identity.CanonicalPhone(in.Phone, a.Country)
		if err != nil {
			return problem.Invalid("phone is not a valid number", problem.Field("phone", "invalid", "not a valid phone number for the account's country"))
		}
		sigs := []identity.Signal{
			{Kind: identity.IDDocument, Value: doc},
			{Kind: identity.Phone, Value: phone},
			{Kind: identity.NameDOB, Value: identity.CanonicalNameDOB(in.LegalName, in.DateOfBirth)},
			{Kind: identity.Address, Value: identity.CanonicalAddress(in.Address.Line1, in.Address.City, in.Address.PostalCode, in.Address.Country)},
		}
		if err := t.Lock(t.ctx, "signal:"+t.s.signals.Hash(sigs[0])); err != nil {
			return err
		}
		a.DateOfBirth = in.DateOfBirth
		holders, err := t.AccountsWith(t.ctx, identity.IDDocument, t.s.signals.Lookups(sigs[0]), 10)
		if err != nil {
			return err
		}
		check := enforce.IdentityCheck{Age: age, NameMatches: identity.NamesMatch(in.LegalName, a.Name),
			DocumentUsed: slices.ContainsFunc(holders, func(r store.SignalRow) bool { return r.AccountID != a.ID })}
		verdict, effs := enforce.Verify(a, check, t.now, t.s.set)
		if err := t.recordDecision(simulate.Verification, simulate.Facts{Account: simulate.Snap(a), Verify: &simulate.VerifyFacts{Age: check.Age,
			DocumentUsed: check.DocumentUsed, NameMatches: check.NameMatches}}, simulate.Changes(effs)); err != nil {
			return err
		}
		if _, err := t.execute(effs); err != nil {
			return err
		}
		switch verdict {
		case "under_age":
			if err := t.record(a.ID, sigs); err != nil {
				return err
			}
			out.Decision = decision.Decision{Outcome: "block", Rule: ptr("I3"), Reasons: []string{fmt.Sprintf("the member is under %d", t.s.set.MinimumAge)}, Links: []decision.Link{}}
		case "document_used":
			d, err := t.laterLinks(a, sigs, "I5")
			if err != nil {
				return err
			}
			d.Reasons = append([]string{"the ID document already verified another account (I5)"}, d.Reasons...)
			out.Decision = d
		default:
			d, err := t.laterLinks(a, sigs, "")
			if err != nil {
				return err
			}
			nd, err := t.nearIntake(a, identity.Facts{Name: in.LegalName, DOB: in.DateOfBirth, Address: &identity.PostalAddress{
				Line1: in.Address.Line1, City: in.Address.City, PostalCode: in.Address.PostalCode, Country: in.Address.Country}}, &d)
			if err != nil {
				return err
			}
			d = *nd
			d, effs := enforce.NameMismatch(a, check, d)
			if _, err := t.execute(effs); err != nil {
				return err
			}
			out.Decision = d
		}
		return t.finish(a, &out)
	})
	return out, err
}

// finish saves the account and renders it into a decision result.
func (t *txn) finish(a *account.Account, out *DecisionResult) error {
	if err := t.saveAccount(a); err != nil {
		return err
	}
	out.Account = a.View(t.now, t.s.set)
	return nil
}
