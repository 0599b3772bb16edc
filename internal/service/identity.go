package service

import (
	"context"
	"slices"
	"strings"

	"standing/internal/account"
	"standing/internal/enforce"
	"standing/internal/identity"
	"standing/internal/linkage"
	"standing/internal/problem"
	"standing/internal/store"
)

// SignalInput is the body of POST .../signals.
type SignalInput struct {
	Kind  *string `json:"kind" req:"true"`
	Value *string `json:"value" req:"true"`
}

// DecisionResult pairs a decision with the account after it.
type DecisionResult struct {
	Decision linkage.Decision `json:"decision"`
	Account  account.View     `json:"account"`
}

// AddSignal records one observed signal and applies M5 to what it links.
func (s *Service) AddSignal(ctx context.Context, actor Actor, id string, in SignalInput) (DecisionResult, error) {
	var out DecisionResult
	kind := str(in.Kind)
	if !slices.Contains([]string{identity.IP, identity.DeviceID, identity.Phone, identity.PaymentInstrument, identity.Email}, kind) {
		return out, problem.Invalid("unknown signal kind", problem.Field("kind", "invalid", "one of ip, device_id, phone, payment_instrument, email"))
	}
	err := s.update(ctx, actor, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		sigs, errs := canonicalSignals(map[string]string{kind: *in.Value}, a.Country)
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

// laterLinks records new signals of an existing account and applies M5: a
// strong link to another live account is V1 (both suspended, one case); to
// a suspended or banned account it is V2 (the newer account is banned).
// rejectRule names the rule (I5) when the caller already refused something
// because of the link.
func (t *txn) laterLinks(a *account.Account, sigs []identity.Signal, rejectRule string) (linkage.Decision, error) {
	links, err := t.links(a.ID, sigs)
	if err != nil {
		return linkage.Decision{}, err
	}
	if err := t.record(a.ID, sigs); err != nil {
		return linkage.Decision{}, err
	}
	exc, err := t.excepted(nil, a.Exceptions)
	if err != nil {
		return linkage.Decision{}, err
	}
	verdict, d := linkage.Decide(links, exc)
	d = publicDecision(d)
	switch verdict {
	case linkage.Evasion:
		// The newer of the two accounts is the evasion.
		for _, l := range d.Links {
			if !l.Strong() || l.Status == "active" || l.Status == "closed" {
				continue
			}
			other, err := t.loadAccount(l.AccountID)
			if err != nil {
				return d, err
			}
			if a.CreatedAt.After(other.CreatedAt) || other.Status == account.Erased {
				if _, err := t.violation(a, enforce.Violation{Rule: "V2", Automated: true},
					"A strong signal added to this account is shared with a suspended or banned account.", linkEvidence([]linkage.Link{l}), nil); err != nil {
					return d, err
				}
			} else {
				d.Outcome, d.Rule = "review", ptr("V1")
				if _, err := t.openCase(Case{Kind: "linkage_review", AccountID: a.ID, Channel: "web", Rule: "V1",
					Body: "Strong link to a newer account that is suspended or banned.", RelatedAccountIDs: []string{other.ID}}, true); err != nil {
					return d, err
				}
			}
			break
		}
	case linkage.Exists:
		d.Rule = ptr("V1")
		var related []string
		for _, l := range d.Links {
			if l.Strong() && l.Status == "active" {
				related = append(related, l.AccountID)
			}
		}
		facts := "Accounts share strong signals: " + strings.Join(d.Reasons, "; ")
		if err := t.multipleAccounts(a, related, facts, d.Links); err != nil {
			return d, err
		}
	case linkage.ClosedExists:
		// A link to a closed account after sign-up is recorded, not sanctioned.
		d.Outcome, d.Rule = "allow", nil
	}
	if rejectRule != "" && d.Outcome == "allow" {
		d.Outcome, d.Rule = "block", ptr(rejectRule)
	}
	return d, nil
}

func ptr(s string) *string { return &s }

// multipleAccounts applies V1: every involved live account suspended, one case.
func (t *txn) multipleAccounts(a *account.Account, related []string, facts string, links []linkage.Link) error {
	ev := linkEvidence(links)
	suspend := func(x *account.Account) error {
		if x.Status != account.Active {
			return nil
		}
		by := t.now.Add(t.s.set.RespondBy.D())
		_, err := t.apply(x, enforce.Effect{Action: enforce.Suspension, Rule: "V1", RespondBy: &by,
			Reason: "multiple accounts, pending review"}, enforce.Violation{Rule: "V1", Automated: true}, facts, ev, nil)
		return err
	}
	if err := suspend(a); err != nil {
		return err
	}
	for _, id := range related {
		o, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		if err := suspend(o); err != nil {
			return err
		}
		if err := t.saveAccount(o); err != nil {
			return err
		}
	}
	_, err := t.openCase(Case{Kind: "linkage_review", AccountID: a.ID, Channel: "web", Rule: "V1", Body: facts,
		RelatedAccountIDs: related}, true)
	return err
}

// Links lists the accounts linked to one, with scores and signal kinds.
func (s *Service) Links(ctx context.Context, id string) (Page[linkage.Link], error) {
	out := Page[linkage.Link]{Data: []linkage.Link{}}
	err := s.read(ctx, func(t *txn) error {
		if _, err := t.loadAccount(id); err != nil {
			return err
		}
		links, err := t.linksOf(id)
		out.Data = append(out.Data, publicLinks(links)...)
		return err
	})
	return out, err
}

// RequestVerification starts the I2 deadline.
func (s *Service) RequestVerification(ctx context.Context, actor Actor, id string) (account.View, error) {
	var out account.View
	err := s.update(ctx, actor, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		if a.Status != account.Active && a.Status != account.Suspended {
			return problem.Newf("invalid_transition", "a %s account cannot be asked to verify", a.Status).WithRule("I2")
		}
		if a.Verification.Status != "verified" {
			deadline := t.now.Add(t.s.set.VerificationDeadline.D())
			a.Verification.Status = "requested"
			a.Verification.RequestedAt, a.Verification.Deadline = &t.now, &deadline
			if err := t.enqueue("verification_deadline", a.ID, deadline); err != nil {
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
	Line1      *string `json:"line1" req:"true"`
	City       *string `json:"city" req:"true"`
	PostalCode *string `json:"postal_code" req:"true"`
	Country    *string `json:"country" req:"true"`
}

// IDDocument is the identity document of a verification.
type IDDocument struct {
	Type    *string `json:"type" req:"true"`
	Country *string `json:"country" req:"true"`
	Number  *string `json:"number" req:"true"`
}

// VerificationInput is the identity vendor's result, POST .../verification.
type VerificationInput struct {
	LegalName   *string     `json:"legal_name" req:"true"`
	DateOfBirth *string     `json:"date_of_birth" req:"true"`
	Phone       *string     `json:"phone" req:"true"`
	Address     *Address    `json:"address" req:"true"`
	IDDocument  *IDDocument `json:"id_document" req:"true"`
}

// Verify applies a verification result: I1 lifted, I3 age, I4 name, I5 one
// ID per account, and M5 on the new strong signals.
func (s *Service) Verify(ctx context.Context, actor Actor, id string, in VerificationInput) (DecisionResult, error) {
	var out DecisionResult
	var errs []problem.FieldError
	if str(in.LegalName) == "" {
		errs = append(errs, problem.Field("legal_name", "invalid", "must not be empty"))
	}
	doc, err := identity.CanonicalIDDocument(str(in.IDDocument.Type), strings.ToUpper(str(in.IDDocument.Country)), str(in.IDDocument.Number))
	if err != nil {
		errs = append(errs, problem.Field("id_document", "invalid", "type is passport, national_id or driving_licence; country is ISO alpha-2; number has at least 4 letters or digits"))
	}
	if !ValidCountry(strings.ToUpper(str(in.Address.Country))) {
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
		if a.Status != account.Active && a.Status != account.Suspended {
			return problem.Newf("invalid_transition", "a %s account cannot be verified", a.Status).WithRule("I1")
		}
		age, err := identity.Age(str(in.DateOfBirth), t.now)
		if err != nil {
			return problem.Invalid("date_of_birth must be YYYY-MM-DD", problem.Field("date_of_birth", "invalid", "must be YYYY-MM-DD"))
		}
		phone, err := identity.CanonicalPhone(str(in.Phone), a.Country)
		if err != nil {
			return problem.Invalid("phone is not a valid number", problem.Field("phone", "invalid", "not a valid phone number for the account's country"))
		}
		sigs := []identity.Signal{
			{Kind: identity.IDDocument, Value: doc},
			{Kind: identity.Phone, Value: phone},
			{Kind: identity.NameDOB, Value: identity.CanonicalNameDOB(str(in.LegalName), str(in.DateOfBirth))},
			{Kind: identity.Address, Value: identity.CanonicalAddress(str(in.Address.Line1), str(in.Address.City), str(in.Address.PostalCode), str(in.Address.Country))},
		}
		if err := t.Lock(t.ctx, "signal:"+t.s.signals.Hash(sigs[0])); err != nil {
			return err
		}
		a.DateOfBirth = str(in.DateOfBirth)
		// I3: under 18 on the day of verification.
		if age < t.s.set.MinimumAge {
			a.Verification.Status = "rejected"
			if err := t.record(a.ID, sigs); err != nil {
				return err
			}
			if _, err := t.violation(a, enforce.Violation{Rule: "I3", Automated: true},
				"The verified date of birth shows the member is under 18.", nil, nil); err != nil {
				return err
			}
			out.Decision = linkage.Decision{Outcome: "block", Rule: ptr("I3"), Reasons: []string{"the member is under 18"}, Links: []linkage.Link{}}
			return t.finish(a, &out)
		}
		// I5: the document must not have verified another account.
		holders, err := t.AccountsWith(t.ctx, identity.IDDocument, t.s.signals.Lookups(sigs[0]), 10)
		if err != nil {
			return err
		}
		used := slices.ContainsFunc(holders, func(r store.SignalRow) bool { return r.AccountID != a.ID })
		if used {
			a.Verification.Status = "rejected"
			if err := t.audit(Event{AccountID: a.ID, Action: "verification_rejected", Rule: "I5",
				Reason: "the ID document already verified another account"}); err != nil {
				return err
			}
			d, err := t.laterLinks(a, sigs, "I5")
			if err != nil {
				return err
			}
			d.Reasons = append([]string{"the ID document already verified another account (I5)"}, d.Reasons...)
			out.Decision = d
			return t.finish(a, &out)
		}
		a.Verification.Status = "verified"
		a.Verification.VerifiedAt = &t.now
		if err := t.cancel("verification_deadline", a.ID); err != nil {
			return err
		}
		if err := t.lift(a, "I1", "", "identity verified"); err != nil {
			return err
		}
		if err := t.audit(Event{AccountID: a.ID, Action: "verified", Rule: "I1"}); err != nil {
			return err
		}
		if a.Status == account.Suspended && a.StatusRule == "I2" {
			if err := t.reinstate(a, "I2", "Identity verified: the verification hold is lifted."); err != nil {
				return err
			}
		}
		d, err := t.laterLinks(a, sigs, "")
		if err != nil {
			return err
		}
		nd, err := t.nearIntake(a, identity.Facts{Name: str(in.LegalName), DOB: str(in.DateOfBirth), Address: &identity.PostalAddress{
			Line1: str(in.Address.Line1), City: str(in.Address.City), PostalCode: str(in.Address.PostalCode), Country: str(in.Address.Country)}}, &d)
		if err != nil {
			return err
		}
		d = *nd
		// I4: the legal name must match the profile name.
		if !identity.NamesMatch(str(in.LegalName), a.Name) && d.Outcome == "allow" {
			d.Outcome, d.Rule = "review", ptr("I4")
			d.Reasons = append(d.Reasons, "the verified legal name does not match the profile name")
			if _, err := t.openCase(Case{Kind: "violation_review", AccountID: a.ID, Channel: "web", Rule: "V4",
				Body: "I4: the verified legal name does not match the profile name."}, true); err != nil {
				return err
			}
		}
		out.Decision = d
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

// reinstate returns a suspended or banned account to active with a notice.
func (t *txn) reinstate(a *account.Account, rule, facts string) error {
	if err := t.setStatus(a, account.Active, rule, facts); err != nil {
		return err
	}
	_, err := t.issue(a, enforce.Notice{Action: enforce.Reinstatement, Rule: rule, Facts: facts, Remedy: "None needed."})
	return err
}
