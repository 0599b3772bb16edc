package service

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"

	"standing/internal/account"
	"standing/internal/decision"
	"standing/internal/enforce"
	"standing/internal/identity"
	"standing/internal/ids"
	"standing/internal/linkage"
	"standing/internal/notice"
	"standing/internal/problem"
	"standing/internal/screen"
	"standing/internal/simulate"
	"standing/internal/store"
)

// SignupSignals are the signals observed at sign-up.
type SignupSignals struct {
	IP                *string
	DeviceID          *string
	Phone             *string
	PaymentInstrument *string
	DeviceTraits      *DeviceTraits
}

// SignupInput is the command to sign up; the optional parts are nil when
// left out.
type SignupInput struct {
	ExternalID  *string
	Email       string
	Name        string
	Country     string
	DateOfBirth *string
	Freelancer  bool
	Client      bool
	Signals     *SignupSignals
}

// SignupResult is the answer of a sign-up: the account and the M4 decision.
type SignupResult struct {
	Account  account.View      `json:"account"`
	Decision decision.Decision `json:"decision"`
}

var regions = func() map[string]bool {
	m := map[string]bool{}
	for r := range phonenumbers.GetSupportedRegions() {
		m[r] = true
	}
	return m
}()

func str(p *string) string {
	if p == nil {
		return ""
	}
	return strings.TrimSpace(*p)
}

// ValidCountry reports whether c is an ISO 3166 alpha-2 code.
func ValidCountry(c string) bool { return regions[c] }

// canonicalSignals validates raw signals and returns their canonical forms,
// or per-field errors under prefix.
func canonicalSignals(raw map[string]string, country string) ([]identity.Signal, []problem.FieldError) {
	var out []identity.Signal
	var errs []problem.FieldError
	for _, kind := range identity.ReportedKinds() {
		v, ok := raw[kind]
		if !ok {
			continue
		}
		k, _ := identity.Kind(kind)
		sigs, err := k.Canonical(v, country)
		if err != nil {
			errs = append(errs, problem.Field(kind, "invalid", "must be "+k.Expect))
			continue
		}
		out = append(out, sigs...)
	}
	return out, errs
}

// probe is one signal to look up in the index: its kind and every hash it
// may be stored under.
type probe struct {
	kind   string
	hashes []string
}

// links finds the accounts that share signals with subject and scores
// them; it returns the matches it scored too, the facts a decision records.
func (t *txn) links(subject string, sigs []identity.Signal) ([]decision.Link, []linkage.Match, error) {
	probes := make([]probe, len(sigs))
	for i, sg := range sigs {
		probes[i] = probe{kind: sg.Kind, hashes: t.s.signals.Lookups(sg)}
	}
	return t.score(subject, probes)
}

// linksOf scores the links of an existing account from its stored signal
// hashes (raw values are not kept).
func (t *txn) linksOf(id string) ([]decision.Link, error) {
	rows, err := t.SignalsOf(t.ctx, id)
	if err != nil {
		return nil, err
	}
	probes := make([]probe, len(rows))
	for i, r := range rows {
		probes[i] = probe{kind: r.Kind, hashes: []string{r.Hash}}
	}
	links, _, err := t.score(id, probes)
	return links, err
}

// score looks the probes up and scores the accounts other than subject
// that share them (M3). Strong and medium signals are read first: when they
// match nobody, weak ones (an office IP, a carrier prefix) cannot make a
// link and are not read at all; otherwise they only add weight to accounts
// already matched, so an office IP never loads its whole office.
func (t *txn) score(subject string, probes []probe) ([]decision.Link, []linkage.Match, error) {
	const lookupLimit = 500
	slices.SortStableFunc(probes, func(a, b probe) int {
		return int(identity.StrengthOf(b.kind)) - int(identity.StrengthOf(a.kind))
	})
	type hit struct {
		kind   string
		shared int
		ids    []string
	}
	var hits []hit
	candidates := map[string]bool{}
	// Strong and medium probes are sought in one statement; weak ones, in a
	// second, only when those matched someone.
	var strong, weak []store.Probe
	for _, p := range probes {
		if identity.IsEncoding(p.kind) {
			continue // M9 encodings make near matches (nearLinks), not links
		}
		q := store.Probe{Kind: p.kind, Hashes: p.hashes, Limit: lookupLimit}
		if identity.StrengthOf(p.kind) == identity.Weak {
			weak = append(weak, q)
		} else {
			strong = append(strong, q)
		}
	}
	seek := func(batch []store.Probe, link bool) error {
		found, err := t.Lookup(t.ctx, batch)
		if err != nil {
			return err
		}
		for i, rows := range found {
			h := hit{kind: batch[i].Kind}
			seen := map[string]bool{subject: true}
			for _, r := range rows {
				if !seen[r.AccountID] {
					seen[r.AccountID] = true
					h.ids = append(h.ids, r.AccountID)
				}
			}
			h.shared = len(h.ids) + 1
			if len(rows) >= lookupLimit {
				h.shared = lookupLimit * 10 // more than the index was asked for: a very common value
			}
			if link {
				for _, id := range h.ids {
					candidates[id] = true
				}
			}
			hits = append(hits, h)
		}
		return nil
	}
	if err := seek(strong, true); err != nil {
		return nil, nil, err
	}
	if len(candidates) > 0 {
		if err := seek(weak, false); err != nil {
			return nil, nil, err
		}
	}
	// A candidate's status is all scoring reads: one query for those this
	// transaction has not loaded (an index row whose account is gone has none).
	var unread []string
	for id := range candidates {
		if _, ok := t.accounts[id]; !ok {
			unread = append(unread, id)
		}
	}
	found, err := t.AccountStates(t.ctx, unread)
	if err != nil {
		return nil, nil, err
	}
	for id := range candidates {
		if a, ok := t.accounts[id]; ok {
			found[id] = store.AccountState{Status: string(a.Status), Banned: a.BannedAt != nil}
		}
	}
	var matches []linkage.Match
	for _, h := range hits {
		for _, id := range h.ids {
			if a, ok := found[id]; ok {
				matches = append(matches, linkage.Match{AccountID: id, Status: a.Status, Kind: h.kind, Shared: h.shared,
					WasBanned: a.Status == string(account.Erased) && a.Banned})
			}
		}
	}
	return linkage.Score(matches, simulate.LinkSettings(t.s.set)), matches, nil
}

// record stores canonical signals of an account in the keyed index.
func (t *txn) record(accountID string, sigs []identity.Signal) error {
	return t.AddSignals(t.ctx, accountID, t.now, t.signalKeys(sigs))
}

// signalKeys are the keyed index entries of canonical signals.
func (t *txn) signalKeys(sigs []identity.Signal) []store.SignalKey {
	keys := make([]store.SignalKey, len(sigs))
	for i, sg := range sigs {
		keys[i] = store.SignalKey{Kind: sg.Kind, Hash: t.s.signals.Hash(sg)}
	}
	return keys
}

// excepted lists the accounts M6 lets a would-be account link to: closed
// accounts approved for a new account, and the subject's own exceptions.
func (t *txn) excepted(links []decision.Link, own []string) ([]string, error) {
	out := slices.Clone(own)
	for _, l := range links {
		a, err := t.loadAccount(l.AccountID)
		if err != nil {
			return nil, err
		}
		if slices.Contains(a.Exceptions, "new_account") || slices.Contains(a.Exceptions, "*") {
			out = append(out, a.ID)
		}
	}
	return out, nil
}

// SignUp creates an account and decides on it under M4.
func (s *Service) SignUp(ctx context.Context, actor Actor, in SignupInput) (SignupResult, error) {
	var res SignupResult
	var refusal error
	email := in.Email
	country := strings.ToUpper(in.Country)
	var errs []problem.FieldError
	if _, err := identity.CanonicalEmail(email); err != nil {
		errs = append(errs, problem.Field("email", "invalid", "not an email address"))
	}
	if n := in.Name; strings.TrimSpace(n) == "" || len(n) > 200 {
		errs = append(errs, problem.Field("name", "invalid", "must be 1 to 200 characters"))
	}
	if !ValidCountry(country) {
		errs = append(errs, problem.Field("country", "invalid", "must be an ISO 3166 alpha-2 code such as ES"))
	}
	if in.DateOfBirth != nil {
		if _, err := identity.BirthDate(*in.DateOfBirth, s.clock.Now()); err != nil {
			errs = append(errs, problem.Field("date_of_birth", "invalid", "must be a date YYYY-MM-DD, not after today"))
		}
	}
	if len(str(in.ExternalID)) > 200 {
		errs = append(errs, problem.Field("external_id", "invalid", "at most 200 characters"))
	}
	raw := map[string]string{identity.Email: email}
	if sg := in.Signals; sg != nil {
		for k, v := range map[string]*string{identity.IP: sg.IP, identity.DeviceID: sg.DeviceID, identity.Phone: sg.Phone,
			identity.PaymentInstrument: sg.PaymentInstrument} {
			if v != nil {
				raw[k] = *v
			}
		}
	}
	sigs, serrs := canonicalSignals(raw, country)
	for _, e := range serrs {
		if e.Field != "email" {
			e.Field = "signals." + e.Field
			errs = append(errs, e)
		}
	}
	if in.Signals != nil {
		errs = append(errs, validateTraits(in.Signals.DeviceTraits)...)
	}
	if len(errs) > 0 {
		return res, problem.Invalid("the sign-up has invalid fields", errs...)
	}
	err := s.update(ctx, actor, func(t *txn) error {
		var locks []string
		for _, sg := range sigs {
			if identity.StrengthOf(sg.Kind) == identity.Strong {
				locks = append(locks, "signal:"+t.s.signals.Hash(sg))
			}
		}
		if x := str(in.ExternalID); x != "" {
			locks = append(locks, externalLock(x))
		}
		if err := t.Lock(t.ctx, locks...); err != nil {
			return err
		}
		if x := str(in.ExternalID); x != "" {
			taken, err := t.externalIDTaken(x)
			if err != nil {
				return err
			}
			if taken != nil {
				refusal = taken
				return nil
			}
		}
		id := ids.New("acc")
		links, matches, err := t.links(id, sigs)
		if err != nil {
			return err
		}
		exc, err := t.excepted(links, nil)
		if err != nil {
			return err
		}
		encs := t.s.signals.Encode(signupFacts(in))
		near, err := t.nearLinks(id, encs, nil)
		if err != nil {
			return err
		}
		a := account.New(id, t.now, t.s.set)
		d, effs, refused := linkage.Signup(a, links, near, exc, t.nearSettings(), t.now, t.s.set)
		res.Decision = d
		if err := t.recordLinks(simulate.Signup, a, matches, simulate.LinkFacts{Near: near, Excepted: exc}, simulate.SignupChanges(a.ID, simulate.Changes(effs), refused != nil)); err != nil {
			return err
		}
		if refused != nil {
			// No account is created; the attempt is recorded on the linked accounts.
			for _, l := range d.Links {
				if l.Strong() {
					if err := t.audit(Event{AccountID: l.AccountID, Action: "signup_refused", Rule: "M4",
						Reason: "a sign-up shared " + strings.Join(l.Signals, ", ") + " with this account"}); err != nil {
						return err
					}
				}
			}
			refusal = refused
			return nil
		}
		a.ExternalID, a.Email, a.Name, a.Country = str(in.ExternalID), email, in.Name, country
		a.DateOfBirth = str(in.DateOfBirth)
		a.Freelancer, a.Client = in.Freelancer, in.Client
		if a.Freelancer {
			a.ApplyUnverified()
		}
		a.Version = 0
		for _, l := range d.Links {
			if slices.Contains(exc, l.AccountID) {
				a.Exceptions = append(a.Exceptions, l.AccountID)
			}
		}
		if err := t.recordEncodings(a.ID, encs, true, t.signalKeys(sigs)...); err != nil {
			return err
		}
		if err := t.audit(Event{AccountID: a.ID, Action: "signed_up", To: string(account.Active), Rule: "M4",
			Reason: "decision " + d.Outcome, Automated: true}); err != nil {
			return err
		}
		// Section 2: every change of restriction is one audit event; a
		// freelancer's I1 restrictions are placed at sign-up.
		for _, r := range a.Restrictions {
			if err := t.audit(Event{AccountID: a.ID, Action: "restriction_added", Rule: r.Rule, Reason: r.Reason, Ref: r.Capability, Automated: true}); err != nil {
				return err
			}
		}
		if err := t.enqueue(job("connects_grant", a.ID, t.now.AddDate(0, 1, 0)),
			job("dormancy", a.ID, t.now.Add(t.s.set.DormantAfter.D()))); err != nil {
			return err
		}
		if err := t.consumeExceptions(a.ID, exc); err != nil {
			return err
		}
		t.remember(a)
		if _, err := t.execute(effs); err != nil {
			return err
		}
		if err := t.saveAccount(a); err != nil {
			return err
		}
		res.Account = a.View(t.now, t.s.set)
		return nil
	})
	if err != nil {
		return res, err
	}
	return res, refusal
}

// consumeExceptions uses up the one-time "new account" approvals (M6(b))
// of the closed accounts the new one was allowed to link to, and marks
// each as replaced by it (L8 then keeps it closed while the new one is live).
func (t *txn) consumeExceptions(newID string, exc []string) error {
	for _, id := range exc {
		old, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		if i := slices.Index(old.Exceptions, "new_account"); i >= 0 {
			old.Exceptions = slices.Delete(old.Exceptions, i, i+1)
			old.Exceptions = append(old.Exceptions, newID)
			old.ReplacedBy = newID
			if err := t.saveAccount(old); err != nil {
				return err
			}
		}
	}
	return nil
}

// Account returns the account with that id.
func (s *Service) Account(ctx context.Context, id string) (account.View, error) {
	var v account.View
	err := s.read(ctx, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		v = a.View(t.now, t.s.set)
		return nil
	})
	return v, err
}

// externalLock is the lock a sign-up holds on its external_id, so that the
// second of two sign-ups at once waits and reads the first.
func externalLock(x string) string { return "external:" + x }

// externalIDTaken reads who holds a sign-up's external_id, under the
// caller's externalLock, and lets linkage.ExternalIDTaken decide (M4).
func (t *txn) externalIDTaken(x string) (*problem.Error, error) {
	prior, err := store.Find[struct {
		ID     string         `json:"id"`
		Status account.Status `json:"status"`
	}](t.ctx, t.Tx, store.Accounts, store.Q{Where: []store.Cond{store.Eq("external_id", x)}, Limit: 1})
	if err != nil || len(prior) == 0 {
		return nil, err
	}
	return linkage.ExternalIDTaken(x, prior[0].ID, prior[0].Status), nil
}

// Accounts lists accounts by status and a search: q is an account id, an
// external id, the start of an email or a name, or an email or a phone
// number in any of the forms their canonical hash in the signal index
// matches; when no account matches so, q anywhere in an email or a name.
func (s *Service) Accounts(ctx context.Context, status, q string, opts ListOpts) (Page[account.View], error) {
	var out Page[account.View]
	if status != "" && !slices.Contains([]account.Status{account.Active, account.Suspended, account.Banned, account.Closed, account.Erased}, account.Status(status)) {
		return out, problem.Invalid("unknown status", problem.Field("status", "invalid", "one of active, suspended, banned, closed, erased"))
	}
	err := s.read(ctx, func(t *txn) error {
		var qq store.Q
		if status != "" {
			qq.Where = append(qq.Where, store.Eq("status", status))
		}
		if q = strings.TrimSpace(q); q != "" {
			ids, err := t.signalMatches(q)
			if err != nil {
				return err
			}
			// Index seeks first; only a search none of them answers reads
			// every account for the text inside an email or a name. The
			// choice holds for every page of the search.
			match := store.AccountMatch(q, ids...)
			hit, err := store.Find[struct{ ID string }](t.ctx, t.Tx, store.Accounts, store.Q{Where: append(slices.Clone(qq.Where), match), Limit: 1})
			if err != nil {
				return err
			}
			if len(hit) == 0 {
				match = store.AccountContains(q)
			}
			qq.Where = append(qq.Where, match)
		}
		var err error
		out, err = page(t, store.Accounts, qq, opts, func(a *account.Account) string { return a.ID },
			func(a *account.Account) account.View { return a.View(t.now, t.s.set) })
		return err
	})
	return out, err
}

// CapabilityAnswer is the answer of a capability check.
type CapabilityAnswer struct {
	Allowed   bool            `json:"allowed"`
	BlockedBy []account.Block `json:"blocked_by"`
}

// Capability answers whether the account may use a capability now.
func (s *Service) Capability(ctx context.Context, id, capability string) (CapabilityAnswer, error) {
	var out CapabilityAnswer
	if !account.ValidCapability(capability) {
		return out, problem.Newf("not_found", "unknown capability %q; one of %s", capability, strings.Join(account.Capabilities, ", "))
	}
	err := s.read(ctx, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		out.Allowed, out.BlockedBy = a.Check(capability, t.now, t.s.set)
		return nil
	})
	return out, err
}

// capable refuses with 403 capability_blocked when the account may not use capability.
func (t *txn) capable(a *account.Account, capability string) error {
	ok, blocks := a.Check(capability, t.now, t.s.set)
	if ok {
		return nil
	}
	reasons := make([]string, len(blocks))
	for i, b := range blocks {
		reasons[i] = b.Rule + ": " + b.Reason
	}
	return problem.Newf("capability_blocked", "account %s may not %s: %s", a.ID, strings.ReplaceAll(capability, "_", " "),
		strings.Join(reasons, "; ")).WithRule(blocks[0].Rule)
}

// ProfileInput is the command to set a freelancer profile;
// HourlyRateCents is nil when left out.
type ProfileInput struct {
	Title           string
	Overview        string
	HourlyRateCents *int64
	Skills          []string
}

// UpdateProfile screens and stores a freelancer profile (C2, C3). Adding a
// profile makes a client account a freelancer too (P4).
func (s *Service) UpdateProfile(ctx context.Context, actor Actor, id string, ifMatch *int64, in ProfileInput) (account.View, error) {
	var v account.View
	var errs []problem.FieldError
	if len(in.Title) > 200 {
		errs = append(errs, problem.Field("title", "invalid", "at most 200 characters"))
	}
	if len(in.Overview) > 10000 {
		errs = append(errs, problem.Field("overview", "invalid", "at most 10000 characters"))
	}
	if in.HourlyRateCents != nil && *in.HourlyRateCents < 0 {
		errs = append(errs, problem.Field("hourly_rate_cents", "invalid", "must not be negative"))
	}
	var skills []string
	if in.Skills != nil {
		skills = in.Skills
		if len(skills) > 50 {
			errs = append(errs, problem.Field("skills", "invalid", "at most 50 skills"))
		}
	}
	if len(errs) > 0 {
		return v, problem.Invalid("the profile has invalid fields", errs...)
	}
	findings := s.screenFields("profile", []field{{"title", in.Title}, {"overview", in.Overview}, {"skills", strings.Join(skills, ", ")}})
	var refusal error
	err := s.update(ctx, actor, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		if err := checkVersion(ifMatch, a.Version); err != nil {
			return err
		}
		if a.Status == account.Banned || a.Status == account.Closed || a.Status == account.Erased {
			return problem.Newf("invalid_transition", "a %s account cannot change its profile", a.Status)
		}
		if len(findings) > 0 {
			refusal, err = t.refuseContent(a, "profile", findings)
			return err
		}
		a.Profile = &account.Profile{Title: in.Title, Overview: in.Overview, Skills: skills}
		if in.HourlyRateCents != nil {
			a.Profile.HourlyRateCents = *in.HourlyRateCents
		}
		if !a.Freelancer {
			a.Freelancer = true
			if a.Verification.Status != "verified" {
				// Section 2: every change of restriction is one audit
				// event (and a webhook); the I1 pair comes with the profile.
				for _, r := range account.UnverifiedRestrictions() {
					if err := t.restrict(a, r); err != nil {
						return err
					}
				}
			}
		}
		a.LastActivity = t.now
		if err := t.audit(Event{AccountID: a.ID, Action: "profile_updated"}); err != nil {
			return err
		}
		if _, err := t.nearIntake(a, identity.Facts{Text: in.Title + "\n" + in.Overview}, nil); err != nil {
			return err
		}
		if err := t.saveAccount(a); err != nil {
			return err
		}
		v = a.View(t.now, t.s.set)
		return nil
	})
	if err != nil {
		return v, err
	}
	return v, refusal
}

type field struct{ name, text string }

// screenFields screens each field and labels the findings with its name.
func (s *Service) screenFields(surface string, fields []field) []screen.Finding {
	var out []screen.Finding
	for _, f := range fields {
		for _, fd := range s.screener.Screen(f.text, surface) {
			fd.Field = f.name
			out = append(out, fd)
		}
	}
	return out
}

// refuseContent records a refused profile, proposal or job post (C3): the
// third refusal within 24 hours makes a V6 strike. It returns the 422 to
// answer once the record is committed.
func (t *txn) refuseContent(a *account.Account, surface string, findings []screen.Finding) (error, error) {
	findings = screen.InRegion(findings, a.Country)
	cats := []string{}
	for _, f := range findings {
		if !slices.Contains(cats, f.Category) {
			cats = append(cats, f.Category)
		}
	}
	if err := t.Save(t.ctx, store.Refusals, map[string]any{"id": ids.New("ref"), "account_id": a.ID, "surface": surface,
		"categories": cats, "created_at": t.now}); err != nil {
		return nil, err
	}
	if err := t.audit(Event{AccountID: a.ID, Action: "content_refused", Rule: "C3", Reason: surface + ": " + strings.Join(cats, ", "), Automated: true}); err != nil {
		return nil, err
	}
	ages, err := t.refusalAges(a.ID)
	if err != nil {
		return nil, err
	}
	t.remember(a)
	effs := enforce.Refusals(a, ages, surface, notice.Spans(surface, findings), t.now, t.s.set)
	if err := t.recordDecision(simulate.Refusal, simulate.Facts{Account: simulate.Snap(a), Refusal: &simulate.RefusalFacts{Surface: surface, Ages: ages}},
		simulate.Changes(effs)); err != nil {
		return nil, err
	}
	if _, err := t.execute(effs); err != nil {
		return nil, err
	}
	p := problem.Newf("contact_info_not_allowed", "the %s contains contact information or requests that must stay off it; remove the marked parts and try again", strings.ReplaceAll(surface, "_", " ")).WithRule("C2")
	p.Findings = findings
	return p, nil
}

// VisibilityAnswer is the account with the P2 effective times.
type VisibilityAnswer struct {
	account.View
	EffectiveOnPlatformBy time.Time `json:"effective_on_platform_by"`
	EffectiveInSearchBy   time.Time `json:"effective_in_search_by"`
}

// SetVisibility changes the profile visibility (P2).
func (s *Service) SetVisibility(ctx context.Context, actor Actor, id string, ifMatch *int64, visibility string) (VisibilityAnswer, error) {
	var out VisibilityAnswer
	if !slices.Contains(account.Visibilities, visibility) {
		return out, problem.Invalid("unknown visibility", problem.Field("visibility", "invalid", "one of public, members, private"))
	}
	err := s.changeAccount(ctx, actor, id, ifMatch, func(t *txn, a *account.Account) error {
		from := a.Visibility
		a.Visibility = visibility
		out.EffectiveOnPlatformBy = t.now.Add(t.s.set.VisibilityPlatformDelay.D())
		out.EffectiveInSearchBy = t.now.Add(t.s.set.VisibilitySearchDelay.D())
		return t.audit(Event{AccountID: a.ID, Action: "visibility_changed", From: from, To: visibility, Rule: "P2"})
	}, func(v account.View) { out.View = v })
	return out, err
}

// SetAvailability changes availability (P1).
func (s *Service) SetAvailability(ctx context.Context, actor Actor, id string, ifMatch *int64, availability string) (account.View, error) {
	var out account.View
	if !slices.Contains(account.Availabilities, availability) {
		return out, problem.Invalid("unknown availability", problem.Field("availability", "invalid", "one of available, unavailable"))
	}
	err := s.changeAccount(ctx, actor, id, ifMatch, func(t *txn, a *account.Account) error {
		from := a.Availability
		a.Availability = availability
		return t.audit(Event{AccountID: a.ID, Action: "availability_changed", From: from, To: availability, Rule: "P1"})
	}, func(v account.View) { out = v })
	return out, err
}

// SetPlan changes the plan (P3). Upgrading grants the difference between
// the plans' monthly Connects at once, within the cap; the monthly grant
// follows the plan from then on.
func (s *Service) SetPlan(ctx context.Context, actor Actor, id string, ifMatch *int64, plan string) (account.View, error) {
	var out account.View
	if !slices.Contains(account.Plans, plan) {
		return out, problem.Invalid("unknown plan", problem.Field("plan", "invalid", "one of basic, plus"))
	}
	err := s.changeAccount(ctx, actor, id, ifMatch, func(t *txn, a *account.Account) error {
		from := a.Plan
		if from == plan {
			return nil
		}
		a.Plan = plan
		if plan == "plus" {
			extra := t.s.set.PlusMonthlyConnects - t.s.set.BasicMonthlyConnects
			a.Connects = min(a.Connects+max(extra, 0), max(t.s.set.ConnectsCap, a.Connects))
		}
		return t.audit(Event{AccountID: a.ID, Action: "plan_changed", From: from, To: plan, Rule: "P3"})
	}, func(v account.View) { out = v })
	return out, err
}

// onAccount is the shape of a use case on one account: load it, change it
// in fn, save it and render it, in one transaction.
func (s *Service) onAccount(ctx context.Context, actor Actor, id string, fn func(*txn, *account.Account) error) (account.View, error) {
	var out account.View
	err := s.update(ctx, actor, func(t *txn) error {
		a, err := t.loadAccount(id)
		if err != nil {
			return err
		}
		if err := fn(t, a); err != nil {
			return err
		}
		if err := t.saveAccount(a); err != nil {
			return err
		}
		out = a.View(t.now, t.s.set)
		return nil
	})
	return out, err
}

// changeAccount is onAccount for the member's own settings: If-Match is
// checked, only live accounts change, and the change counts as activity.
func (s *Service) changeAccount(ctx context.Context, actor Actor, id string, ifMatch *int64, change func(*txn, *account.Account) error, render func(account.View)) error {
	v, err := s.onAccount(ctx, actor, id, func(t *txn, a *account.Account) error {
		if err := checkVersion(ifMatch, a.Version); err != nil {
			return err
		}
		if a.Status == account.Closed || a.Status == account.Erased || a.Status == account.Banned {
			return problem.Newf("invalid_transition", "a %s account cannot change its settings", a.Status)
		}
		a.LastActivity = t.now
		return change(t, a)
	})
	if err == nil {
		render(v)
	}
	return err
}

// Notices lists an account's statements of reasons, newest first.
func (s *Service) Notices(ctx context.Context, accountID string, opts ListOpts) (Page[notice.Notice], error) {
	var out Page[notice.Notice]
	err := s.read(ctx, func(t *txn) error {
		if _, err := t.loadAccount(accountID); err != nil {
			return err
		}
		var err error
		out, err = page(t, store.Notices, store.Q{Where: []store.Cond{store.Eq("account_id", accountID)}, Desc: true}, opts,
			func(n *notice.Notice) string { return n.ID }, func(n *notice.Notice) notice.Notice { return *n })
		return err
	})
	return out, err
}

// Notice returns one notice.
func (s *Service) Notice(ctx context.Context, id string) (notice.Notice, error) {
	var out notice.Notice
	err := s.read(ctx, func(t *txn) error {
		n, err := get[notice.Notice](t, store.Notices, "notice", id)
		if err != nil {
			return err
		}
		out = *n
		return nil
	})
	return out, err
}

// Timeline lists the audit events of an account in order.
func (s *Service) Timeline(ctx context.Context, accountID string, opts ListOpts) (Page[json.RawMessage], error) {
	out := Page[json.RawMessage]{Data: []json.RawMessage{}}
	after, err := DecodeCursor(opts.Cursor)
	if err != nil {
		return out, err
	}
	var seq int64
	if after != "" {
		if _, err := fmt.Sscanf(after, "%d", &seq); err != nil {
			return out, problem.Invalid("cursor is not one this API gave out", problem.Field("cursor", "invalid", "unknown cursor"))
		}
	}
	err = s.read(ctx, func(t *txn) error {
		if _, err := t.loadAccount(accountID); err != nil {
			return err
		}
		evs, seqs, err := t.AuditEvents(t.ctx, accountID, seq, opts.Limit+1)
		if err != nil {
			return err
		}
		if len(evs) > opts.Limit {
			evs = evs[:opts.Limit]
			c := EncodeCursor(fmt.Sprint(seqs[opts.Limit-1]))
			out.NextCursor = &c
		}
		out.Data = append(out.Data, evs...)
		return nil
	})
	return out, err
}

// SeedAccount is one account to load without a sign-up decision: an
// existing marketplace's members being imported, or a benchmark population.
type SeedAccount struct {
	Input  SignupInput
	Legal  string // legal name, with DOB, for the name + date of birth signal
	DOB    string
	Street string         // postal address line, for the address signal
	Near   identity.Facts // what M9 encodes (name, birth date, address, text, device)
	// BannedRule imports the account as banned under that rule (the
	// marketplace's earlier bans); empty for an active account.
	BannedRule string
}

// Seed loads accounts and their signals in one transaction, without
// linkage decisions: for importing members who already exist and for
// loading benchmark populations.
func (s *Service) Seed(ctx context.Context, batch []SeedAccount) error {
	return s.update(ctx, System, func(t *txn) error {
		for _, sa := range batch {
			in := sa.Input
			raw := map[string]string{identity.Email: in.Email}
			if sg := in.Signals; sg != nil {
				for k, v := range map[string]*string{identity.IP: sg.IP, identity.DeviceID: sg.DeviceID, identity.Phone: sg.Phone,
					identity.PaymentInstrument: sg.PaymentInstrument} {
					if v != nil {
						raw[k] = *v
					}
				}
			}
			country := strings.ToUpper(in.Country)
			sigs, errs := canonicalSignals(raw, country)
			if len(errs) > 0 {
				return problem.Invalid("a seeded account has invalid signals", errs...)
			}
			if sa.Legal != "" {
				sigs = append(sigs, identity.Signal{Kind: identity.NameDOB, Value: identity.CanonicalNameDOB(sa.Legal, sa.DOB)})
			}
			if sa.Street != "" {
				sigs = append(sigs, identity.Signal{Kind: identity.Address, Value: identity.CanonicalAddress(sa.Street, "Springfield", "12345", country)})
			}
			a := account.New(ids.New("acc"), t.now, t.s.set)
			a.Email, a.Name, a.Country = in.Email, in.Name, country
			a.Freelancer, a.Client = in.Freelancer, in.Client
			if a.Freelancer {
				a.ApplyUnverified()
			}
			a.Version = 0
			if sa.BannedRule != "" {
				if err := a.Transition(account.Banned, sa.BannedRule, t.now); err != nil {
					return fmt.Errorf("seed a banned account: %w", err)
				}
			}
			if err := t.saveAccount(a); err != nil {
				return err
			}
			if err := t.recordEncodings(a.ID, t.s.signals.Encode(sa.Near), true, t.signalKeys(sigs)...); err != nil {
				return err
			}
		}
		return nil
	})
}
