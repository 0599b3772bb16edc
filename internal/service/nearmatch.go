package service

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"standing/internal/account"
	"standing/internal/decision"
	"standing/internal/effect"
	"standing/internal/identity"
	"standing/internal/linkage"
	"standing/internal/problem"
	"standing/internal/store"
)

// DeviceTraits are signals.device_traits of a sign-up (M9).
type DeviceTraits struct {
	UserAgent *string
	Screen    *string
	Timezone  *string
	Languages *[]string
	FontsHash *string
}

// validateTraits checks device traits strictly: bounded lengths, a screen
// written WIDTHxHEIGHT, an IANA-looking time zone, at most 20 languages.
func validateTraits(d *DeviceTraits) []problem.FieldError {
	if d == nil {
		return nil
	}
	var errs []problem.FieldError
	text := func(name string, p *string, maxLen int) {
		if p != nil && (strings.TrimSpace(*p) == "" || len(*p) > maxLen || !utf8.ValidString(*p)) {
			errs = append(errs, problem.Field("signals.device_traits."+name, "invalid", fmt.Sprintf("must be 1 to %d characters", maxLen)))
		}
	}
	text("user_agent", d.UserAgent, 512)
	text("fonts_hash", d.FontsHash, 128)
	if d.Screen != nil {
		var w, h int
		if n, err := fmt.Sscanf(*d.Screen, "%dx%d", &w, &h); err != nil || n != 2 || w <= 0 || h <= 0 || w > 20000 || h > 20000 ||
			*d.Screen != fmt.Sprintf("%dx%d", w, h) {
			errs = append(errs, problem.Field("signals.device_traits.screen", "invalid", "must be WIDTHxHEIGHT in pixels such as 1920x1080"))
		}
	}
	if d.Timezone != nil {
		tz := *d.Timezone
		if tz == "" || len(tz) > 64 || strings.ContainsFunc(tz, func(r rune) bool {
			return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("/_-+", r))
		}) {
			errs = append(errs, problem.Field("signals.device_traits.timezone", "invalid", "must be an IANA time zone such as Europe/Madrid"))
		}
	}
	if d.Languages != nil {
		if len(*d.Languages) > 20 {
			errs = append(errs, problem.Field("signals.device_traits.languages", "invalid", "at most 20 languages"))
		}
		for _, l := range *d.Languages {
			if l == "" || len(l) > 35 || strings.ContainsFunc(l, func(r rune) bool {
				return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
			}) {
				errs = append(errs, problem.Field("signals.device_traits.languages", "invalid", "each must be a language tag such as en-GB"))
				break
			}
		}
	}
	return errs
}

// traits converts the API's device traits to identity's.
func traits(d *DeviceTraits) *identity.DeviceTraits {
	if d == nil {
		return nil
	}
	out := &identity.DeviceTraits{UserAgent: str(d.UserAgent), Screen: str(d.Screen), Timezone: str(d.Timezone), FontsHash: str(d.FontsHash)}
	if d.Languages != nil {
		out.Languages = *d.Languages
	}
	return out
}

// signupFacts are what a sign-up tells M9: the name (I4 makes it match the
// legal name), the birth date and the device traits.
func signupFacts(in SignupInput) identity.Facts {
	f := identity.Facts{Name: in.Name, DOB: str(in.DateOfBirth)}
	if in.Signals != nil {
		f.Device = traits(in.Signals.DeviceTraits)
	}
	return f
}

// nearSettings are the M9 settings in linkage's terms.
func (t *txn) nearSettings() linkage.NearSettings { return linkage.NearSettingsOf(t.s.set) }

// Near-match lookup bounds: a blocking value held by more accounts than
// blockLimit is too common to seek on (it gets no candidates, and its
// frequency discounts its weight); at most maxCandidates accounts, those
// sharing the most blocking values, are compared.
const (
	blockLimit    = 25
	maxCandidates = 16
)

// nearLinks finds the accounts near the subject's encodings (M9): a seek
// per blocking value (all in one statement), then the stored encodings of
// the suspended and banned candidates (the only ones M9 acts on), compared
// field by field. own are encodings the subject already has stored,
// compared but not sought.
func (t *txn) nearLinks(subject string, encs []identity.Encoding, own linkage.Record) ([]decision.Link, error) {
	rec := linkage.Record{}
	for k, hs := range own {
		rec.Add(k, hs...)
	}
	freq := map[string]int{}
	hits := map[string]int{}
	var blocking []store.Probe
	for _, e := range encs {
		rec.Add(e.Kind, e.Hashes...)
		if slices.Contains(linkage.BlockingKinds, e.Kind) {
			blocking = append(blocking, store.Probe{Kind: e.Kind, Hashes: e.Hashes, Limit: blockLimit + 1})
		}
	}
	sought, err := t.Lookup(t.ctx, blocking)
	if err != nil {
		return nil, fmt.Errorf("near-match blocking: %w", err)
	}
	for i, rows := range sought {
		var ids []string
		for _, r := range rows {
			if r.AccountID != subject && !slices.Contains(ids, r.AccountID) {
				ids = append(ids, r.AccountID)
			}
		}
		n := len(ids)
		if len(rows) > blockLimit {
			n = blockLimit * 40 // a very common value: how common exactly does not matter
		}
		for _, h := range blocking[i].Hashes {
			freq[linkage.FreqKey(blocking[i].Kind, h)] = n
		}
		if len(rows) <= blockLimit {
			for _, id := range ids {
				hits[id]++
			}
		}
	}
	cands := make([]string, 0, len(hits))
	for id := range hits {
		cands = append(cands, id)
	}
	slices.SortFunc(cands, func(a, b string) int {
		if hits[a] != hits[b] {
			return hits[b] - hits[a]
		}
		return strings.Compare(a, b)
	})
	// A candidate's status is all M9 reads of it, and it acts on suspended
	// and banned accounts only: one query of the small index of those for
	// the candidates, none when no blocking key matched anyone.
	cands = cands[:min(len(cands), maxCandidates)]
	states, err := t.SanctionedStates(t.ctx, cands)
	if err != nil {
		return nil, fmt.Errorf("near-match candidates: %w", err)
	}
	var found []linkage.Candidate
	for _, id := range cands {
		st, ok := states[id] // absent: neither suspended nor banned, or gone
		wasBanned := st.Status == string(account.Erased) && st.Banned
		if !ok || st.Status != string(account.Suspended) && st.Status != string(account.Banned) && !wasBanned {
			continue
		}
		r, err := t.storedEncodings(id)
		if err != nil {
			return nil, err
		}
		found = append(found, linkage.Candidate{AccountID: id, Status: st.Status, WasBanned: wasBanned, Record: r})
	}
	return linkage.Near(rec, found, freq, t.nearSettings()), nil
}

// encodingsDoc is the document of an account's M9 encodings: every
// encoding's current HMAC, by kind, read in one seek when the account is a
// candidate. Only the blocking kinds also go into the signal index, so a
// sign-up writes a handful of index rows, not one per encoding.
type encodingsDoc struct {
	AccountID string              `json:"account_id"`
	Encodings map[string][]string `json:"encodings"`
	Version   int64               `json:"version"`
}

// storedEncodings reads an account's M9 encodings (none when it has none).
func (t *txn) storedEncodings(id string) (linkage.Record, error) {
	var d encodingsDoc
	err := t.Load(t.ctx, store.Encodings, id, &d)
	if errors.Is(err, store.ErrNotFound) {
		return linkage.Record{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("encodings of %s: %w", id, err)
	}
	return linkage.Record(d.Encodings), nil
}

// recordEncodings stores the encodings' current HMACs: the blocking kinds
// in the signal index, all of them in the account's encodings document
// (created when fresh, the account being new; else merged into). keys are
// more signal index entries of the account, written in the same statement.
func (t *txn) recordEncodings(accountID string, encs []identity.Encoding, fresh bool, keys ...store.SignalKey) error {
	if len(encs) == 0 {
		return t.AddSignals(t.ctx, accountID, t.now, keys)
	}
	d := encodingsDoc{AccountID: accountID, Encodings: map[string][]string{}}
	if !fresh {
		err := t.Load(t.ctx, store.Encodings, accountID, &d)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("encodings of %s: %w", accountID, err)
		}
	}
	rec := linkage.Record(d.Encodings)
	for _, e := range encs {
		rec.Add(e.Kind, e.Hashes[0])
		if slices.Contains(linkage.BlockingKinds, e.Kind) {
			keys = append(keys, store.SignalKey{Kind: e.Kind, Hash: e.Hashes[0]})
		}
	}
	if err := t.AddSignals(t.ctx, accountID, t.now, keys); err != nil {
		return fmt.Errorf("record encodings of %s: %w", accountID, err)
	}
	d.Version++
	if err := t.Save(t.ctx, store.Encodings, d); err != nil {
		return fmt.Errorf("store encodings of %s: %w", accountID, err)
	}
	return nil
}

// nearSignup adds M9 to a sign-up's decision on exact signals: the facts
// are encoded, their near matches found and decided. The encodings are
// returned to be recorded once the account exists.
func (t *txn) nearSignup(id string, f identity.Facts, v linkage.Verdict, d decision.Decision, exc []string) (linkage.Verdict, decision.Decision, []identity.Encoding, error) {
	encs := t.s.signals.Encode(f)
	near, err := t.nearLinks(id, encs, nil)
	if err != nil {
		return v, d, nil, err
	}
	v, d = linkage.DecideNear(v, d, near, exc, t.nearSettings())
	return v, d, encs, nil
}

// nearIntake runs M9 on facts an existing account adds later (a
// verification's legal name, birth date and address; a profile's text):
// they are encoded and recorded, compared together with the account's
// stored encodings, and a near match to a suspended or banned account
// opens a linkage case. d is the decision so far (nil when the endpoint
// answers none); the decision after M9 is returned.
func (t *txn) nearIntake(a *account.Account, f identity.Facts, d *decision.Decision) (*decision.Decision, error) {
	encs := t.s.signals.Encode(f)
	own, err := t.storedEncodings(a.ID)
	if err != nil {
		return d, err
	}
	near, err := t.nearLinks(a.ID, encs, own)
	if err != nil {
		return d, err
	}
	if err := t.recordEncodings(a.ID, encs, false); err != nil {
		return d, err
	}
	cur := decision.Decision{Outcome: "allow", Reasons: []string{}, Links: []decision.Link{}}
	if d != nil {
		cur = *d
	}
	v := linkage.Allow
	switch cur.Outcome {
	case "review":
		v = linkage.Review
	case "block":
		return d, nil // an exact rule already acted; M9 adds nothing
	}
	nv, nd := linkage.DecideNear(v, cur, near, a.Exceptions, t.nearSettings())
	if nv == linkage.Review && v == linkage.Allow {
		if _, err := t.execute([]effect.Effect{linkage.NearCase(a.ID, nd)}); err != nil {
			return d, err
		}
	}
	return &nd, nil
}

// withNearLinks adds to an account's links its near matches (M9) to
// suspended and banned accounts at or above the review weight, found from
// its stored encodings, each with its comparisons; a near match to an
// account already linked adds its comparisons to that link.
func (t *txn) withNearLinks(id string, links []decision.Link) ([]decision.Link, error) {
	own, err := t.storedEncodings(id)
	if err != nil || len(own) == 0 {
		return links, err
	}
	var encs []identity.Encoding
	for kind, hs := range own {
		for _, h := range hs {
			encs = append(encs, identity.Encoding{Kind: kind, Hashes: []string{h}})
		}
	}
	near, err := t.nearLinks(id, encs, nil)
	if err != nil {
		return links, err
	}
	_, d := linkage.DecideNear(linkage.Review, decision.Decision{Links: links}, near, nil, t.nearSettings())
	return d.Links, nil
}
