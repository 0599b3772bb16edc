package service

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strings"

	"standing/internal/account"
	"standing/internal/market"
	"standing/internal/store"
)

// erasedText stands where erased personal data was.
const erasedText = "[erased]"

// personalData lists the texts of an account that erasure (L10) removes
// wherever its history copied them: its email, name, external id and
// profile, and the bodies of the messages it wrote (as written and as
// delivered). Texts shorter than four characters are left out: they would
// match too much else.
func (t *txn) personalData(a *account.Account) ([]string, error) {
	vals := []string{a.Email, a.Name, a.ExternalID}
	if p := a.Profile; p != nil {
		vals = append(append(vals, p.Title, p.Overview), p.Skills...)
	}
	msgs, err := store.Find[market.Message](t.ctx, t.Tx, store.Messages, store.Q{Where: []store.Cond{store.Eq("from_account_id", a.ID)}})
	if err != nil {
		return nil, err
	}
	for _, m := range msgs {
		vals = append(vals, m.Body)
		if m.BodyDelivered != nil {
			vals = append(vals, *m.BodyDelivered)
		}
	}
	out := vals[:0]
	for _, v := range vals {
		if v = strings.TrimSpace(v); len(v) >= 4 {
			out = append(out, v)
		}
	}
	// Longest first, so that a body holding the email goes whole.
	slices.SortFunc(out, func(x, y string) int { return cmp.Compare(len(y), len(x)) })
	return slices.Compact(out), nil
}

// forget rewrites every stored text of the account without the personal
// data listed by personalData, in this transaction; once it commits, the
// database files are made to forget the old pages (store.DB.Forget).
func (t *txn) forget(accountID string, personal []string) error {
	if err := t.flushAudit(); err != nil { // events audited so far are rewritten too
		return err
	}
	if err := t.Rewrite(t.ctx, accountID, func(s string) string { return scrub(s, personal) }); err != nil {
		return err
	}
	db, log := t.s.db, t.s.log
	t.AfterCommit(func() {
		if err := db.Forget(context.Background()); err != nil {
			log.Warn("erasure", "err", err)
		}
	})
	return nil
}

// scrub replaces each personal text in s (either case) with erasedText. A
// JSON document is rewritten value by value, so that keys and the shape of
// the document never change.
func scrub(s string, personal []string) string {
	if len(personal) == 0 {
		return s
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if strings.HasPrefix(strings.TrimSpace(s), "{") && dec.Decode(&v) == nil {
		changed := false
		v = scrubJSON(v, personal, &changed)
		if !changed {
			return s
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if enc.Encode(v) == nil {
			return strings.TrimSuffix(b.String(), "\n")
		}
	}
	return scrubText(s, personal)
}

func scrubJSON(v any, personal []string, changed *bool) any {
	switch x := v.(type) {
	case string:
		if y := scrubText(x, personal); y != x {
			*changed = true
			return y
		}
	case []any:
		for i := range x {
			x[i] = scrubJSON(x[i], personal, changed)
		}
	case map[string]any:
		for k := range x {
			x[k] = scrubJSON(x[k], personal, changed)
		}
	}
	return v
}

func scrubText(s string, personal []string) string {
	for _, p := range personal {
		if strings.Contains(s, p) {
			s = strings.ReplaceAll(s, p, erasedText)
		}
		if lp := strings.ToLower(p); lp != p && strings.Contains(s, lp) {
			s = strings.ReplaceAll(s, lp, erasedText)
		}
	}
	return s
}
