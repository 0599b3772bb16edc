package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"standing/internal/account"
	"standing/internal/policy"
	"standing/internal/store"
)

// BenchmarkAccountSaveLoad is one account's round trip through its table on
// SQLite: a save of the next version and a load, the cost every use case
// pays per account it changes.
func BenchmarkAccountSaveLoad(b *testing.B) {
	db, err := store.OpenSQLite(filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	a := account.New("acc_bench", now, policy.Defaults())
	a.Email, a.Name, a.Country, a.Freelancer = "bench@example.com", "Bench Member", "US", true
	a.ApplyUnverified()
	a.Version = 1
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.Save(ctx, store.Accounts, a) }); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		err := db.Update(ctx, func(tx *store.Tx) error {
			var got account.Account
			if err := tx.Load(ctx, store.Accounts, a.ID, &got); err != nil {
				return err
			}
			got.Version++
			got.Connects = i % 50
			return tx.Save(ctx, store.Accounts, &got)
		})
		if err != nil {
			b.Fatal(fmt.Errorf("round %d: %w", i, err))
		}
	}
}
