package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"standing/internal/clock"
	"standing/internal/policy"
	"standing/internal/population"
	"standing/internal/service"
	"standing/internal/store"
)

// Loading a large population through service.Seed into one database slows
// down as it grows (every row lands on a random page of an index that no
// longer fits the page cache) and uses one core. bulkLoad instead seeds
// shards of shardSize accounts, each a small fresh SQLite file in scratch,
// two at a time (one per core), and copies each shard's rows into the
// target file over one connection of its own with a page cache the size of
// the target. The rows are the ones Seed writes; only the order in which
// they reach the file differs.
const shardSize = 50000

// notCopied are the tables a shard fills that the target already has
// (migrations, the settings record service.New stores) or that are SQLite's.
var notCopied = []string{"goose_db_version", "sqlite_sequence", "policy_settings", "meta"}

// bulkLoad loads w's accounts into the migrated SQLite file at path.
func bulkLoad(ctx context.Context, path, scratch string, w *population.Workload) error {
	if err := os.MkdirAll(scratch, 0o755); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	n := len(w.People)
	shards := (n + shardSize - 1) / shardSize
	ready := make([]chan error, shards)
	for i := range ready {
		ready[i] = make(chan error, 1)
	}
	next := make(chan int, shards)
	for i := range shards {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				ready[i] <- seedShard(ctx, shardPath(scratch, i), w, i*shardSize, min(n, (i+1)*shardSize))
			}
		}()
	}
	defer wg.Wait()
	defer cancel() // before waiting: a failed load stops seeding the shards left

	dst, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)&_pragma=cache_size(-6000000)")
	if err != nil {
		return err
	}
	defer dst.Close()
	dst.SetMaxOpenConns(1) // the pragmas and the attached shard belong to one connection
	t0 := time.Now()
	for i := range shards {
		if err := <-ready[i]; err != nil {
			return fmt.Errorf("shard %d: %w", i, err)
		}
		if err := copyShard(ctx, dst, shardPath(scratch, i)); err != nil {
			return fmt.Errorf("copy shard %d: %w", i, err)
		}
		for _, suffix := range []string{"", "-wal", "-shm"} {
			_ = os.Remove(shardPath(scratch, i) + suffix)
		}
		fmt.Fprintf(os.Stderr, "loaded %d accounts in %s\n", min(n, (i+1)*shardSize), time.Since(t0).Round(time.Second))
	}
	_, err = dst.ExecContext(ctx, `PRAGMA journal_mode = WAL`)
	return err
}

func shardPath(scratch string, i int) string {
	return filepath.Join(scratch, fmt.Sprintf("shard-%d.db", i))
}

// seedShard seeds accounts [from, to) of w into a fresh SQLite file.
func seedShard(ctx context.Context, path string, w *population.Workload, from, to int) error {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(path + suffix)
	}
	db, err := store.OpenSQLite(path)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	set := policy.Defaults()
	set.SignalSecret = secret
	svc, err := service.New(ctx, db, clock.System{}, set, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return err
	}
	const batch = 5000
	for i := from; i < to; i += batch {
		accounts := make([]service.SeedAccount, 0, batch)
		for j := i; j < min(i+batch, to); j++ {
			accounts = append(accounts, w.Account(j))
		}
		if err := svc.Seed(ctx, accounts); err != nil {
			return err
		}
		if err := db.Checkpoint(ctx); err != nil { // keeps the WAL, which every read searches, small
			return err
		}
	}
	return nil
}

// copyShard copies every table of the shard at path into dst's, in the
// order of each table's primary key so that rows land on neighbouring
// pages. A plain INSERT: a row the target already holds is an error, not
// skipped.
func copyShard(ctx context.Context, dst *sql.DB, path string) error {
	if _, err := dst.ExecContext(ctx, `ATTACH DATABASE ? AS shard`, "file:"+path+"?mode=ro"); err != nil {
		return err
	}
	defer dst.ExecContext(ctx, `DETACH DATABASE shard`)
	rows, err := dst.QueryContext(ctx, `SELECT name FROM shard.sqlite_master WHERE type = 'table'`)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		if !slices.Contains(notCopied, t) {
			tables = append(tables, t)
		}
	}
	rows.Close()
	tx, err := dst.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, t := range tables {
		order, err := primaryKey(ctx, tx, t)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO main.%q SELECT * FROM shard.%q ORDER BY %s`, t, t, order)); err != nil {
			return fmt.Errorf("%s: %w", t, err)
		}
	}
	return tx.Commit()
}

// primaryKey is the ORDER BY of a table's primary key (its rowid when it
// has none of its own).
func primaryKey(ctx context.Context, tx *sql.Tx, table string) (string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, pk FROM pragma_table_info(?, 'shard') WHERE pk > 0 ORDER BY pk`, table)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var name string
		var pk int
		if err := rows.Scan(&name, &pk); err != nil {
			return "", err
		}
		cols = append(cols, fmt.Sprintf("%q", name))
	}
	if len(cols) == 0 {
		return "rowid", rows.Err()
	}
	return strings.Join(cols, ", "), rows.Err()
}
