package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/store"
)

// TestConstraintsRefuseBadData: every constraint of the aggregates' tables
// (issue 10) refuses a write that breaks it, on both engines, with the
// store's sentinel error and no driver text; the same write made valid is
// accepted, so each case fails for its constraint alone.
func TestConstraintsRefuseBadData(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		db := open()
		ctx := context.Background()
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		save := func(writes ...func(tx *store.Tx) error) error {
			return db.Update(ctx, func(tx *store.Tx) error {
				for _, w := range writes {
					if err := w(tx); err != nil {
						return err
					}
				}
				return nil
			})
		}
		put := func(tb *store.Table, v map[string]any, extra ...store.SetCol) func(tx *store.Tx) error {
			return func(tx *store.Tx) error { return tx.Save(ctx, tb, v, extra...) }
		}
		org := func(id, owner string, members ...map[string]any) map[string]any {
			return map[string]any{"id": id, "name": "Org " + id, "owner_id": owner, "status": "active", "created_at": now,
				"version": 1, "members": members}
		}
		role := func(account, r string) map[string]any {
			return map[string]any{"account_id": account, "role": r, "since": now}
		}
		job := func(id string) map[string]any {
			return map[string]any{"id": id, "organization_id": "org_1", "posted_by": "acc_c", "title": "Logo", "description": "A logo",
				"connects_price": 4, "status": "open", "hired": false, "created_at": now, "version": 1}
		}
		contract := func(id string) map[string]any {
			return map[string]any{"id": id, "job_id": "job_1", "organization_id": "org_1", "freelancer_account_id": "acc_f",
				"kind": "hourly", "hourly_rate_cents": 5000, "escrow_cents": 0, "paid_cents": 0, "status": "active",
				"created_at": now, "version": 1}
		}
		invoice := func(id, week string) map[string]any {
			return map[string]any{"id": id, "contract_id": "ctr_1", "organization_id": "org_1", "freelancer_account_id": "acc_f",
				"week_start": week, "hours": 10.5, "amount_cents": 52500, "status": "unpaid", "created_at": now, "version": 1}
		}
		notice := func(id, account string) map[string]any {
			return map[string]any{"id": id, "account_id": account, "action": "warning", "rule": "C1", "summary": "s", "facts": "f",
				"automated_detection": true, "automated_decision": true, "remedy": "r", "appeal_until": now.AddDate(0, 6, 0),
				"created_at": now}
		}
		if err := save(put(store.Accounts, member("acc_c", "active", now)), put(store.Accounts, member("acc_f", "active", now)),
			put(store.Teams, org("org_1", "acc_c", role("acc_c", "owner")), store.SetCol{Col: "kind", Value: "organization"}),
			put(store.Jobs, job("job_1")), put(store.Contracts, contract("ctr_1")), put(store.Invoices, invoice("inv_1", "2026-02-23"))); err != nil {
			t.Fatalf("the valid aggregates are refused: %v", err)
		}

		with := func(m map[string]any, k string, v any) map[string]any { m[k] = v; return m }
		for _, c := range []struct {
			name  string
			want  error
			write func(tx *store.Tx) error
		}{
			{"external_id is unique", store.ErrExists, func(tx *store.Tx) error {
				if err := tx.Save(ctx, store.Accounts, with(member("acc_x1", "active", now), "external_id", "ext-1")); err != nil {
					return err
				}
				return tx.Save(ctx, store.Accounts, with(member("acc_x2", "active", now), "external_id", "ext-1"))
			}},
			{"an account's status is one of the five", store.ErrConstraint, put(store.Accounts, member("acc_s", "frozen", now))},
			{"Connects are never negative", store.ErrConstraint, put(store.Accounts, with(member("acc_n", "active", now), "connects", -1))},
			{"a notice names an account that exists", store.ErrConstraint, put(store.Notices, notice("ntc_1", "acc_nobody"))},
			{"a team has one owner", store.ErrExists, put(store.Teams, org("org_2", "acc_c", role("acc_c", "owner"), role("acc_f", "owner")),
				store.SetCol{Col: "kind", Value: "organization"})},
			{"a team's kind is organization or agency", store.ErrConstraint, put(store.Teams, org("org_3", "acc_c", role("acc_c", "owner")),
				store.SetCol{Col: "kind", Value: "club"})},
			{"a member's role is one of the four", store.ErrConstraint, put(store.Teams, org("org_4", "acc_c", role("acc_c", "emperor")),
				store.SetCol{Col: "kind", Value: "organization"})},
			{"a job belongs to a team that exists", store.ErrConstraint, put(store.Jobs, with(job("job_2"), "organization_id", "org_nope"))},
			{"a contract has one billing week once", store.ErrExists, put(store.Invoices, invoice("inv_2", "2026-02-23"))},
			{"an invoice is paid with a payment time", store.ErrConstraint, put(store.Invoices, with(invoice("inv_3", "2026-03-02"), "status", "paid"))},
			{"an ended contract has an end time", store.ErrConstraint, put(store.Contracts, with(contract("ctr_2"), "status", "ended"))},
			{"a case's status is one of the four", store.ErrConstraint, put(store.Cases, with(kase("case_1", "acc_f", now), "status", "lost"))},
			{"a resolved case has a resolution time", store.ErrConstraint, put(store.Cases, with(kase("case_2", "acc_f", now), "status", "resolved"))},
			{"a case's related accounts exist", store.ErrConstraint, put(store.Cases, with(kase("case_3", "acc_f", now), "related_account_ids", []string{"acc_ghost"}))},
			{"a message's status is delivered, redacted or held", store.ErrConstraint, put(store.Messages, map[string]any{"id": "msg_1",
				"kind": "message", "from_account_id": "acc_c", "to_account_id": "acc_f", "body": "hi", "status": "lost",
				"first_contact": true, "created_at": now, "version": 1})},
		} {
			t.Run(c.name, func(t *testing.T) {
				err := save(c.write)
				if !errors.Is(err, c.want) {
					t.Fatalf("got %v, want %v", err, c.want)
				}
				for _, driver := range []string{"SQLSTATE", "constraint failed", "(19)", "(787)", "(2067)", "(275)"} {
					if strings.Contains(err.Error(), driver) {
						t.Fatalf("the error leaks the driver's text %q: %v", driver, err)
					}
				}
			})
		}
		// Nothing a refused write did is left behind.
		if err := db.Read(ctx, func(tx *store.Tx) error {
			n, err := tx.Count(ctx, store.Accounts)
			if err == nil && n != 2 {
				t.Errorf("accounts after the refused writes: %d, want 2", n)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
	})
}
