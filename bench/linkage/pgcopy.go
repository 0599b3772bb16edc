package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
)

// copyToPostgres loads PostgreSQL from a loaded SQLite benchmark file: the
// engines share one schema, so every table's rows are sent with COPY,
// ordered by primary key, in one transaction (foreign keys are checked at
// its commit), converting the column types SQLite stores otherwise
// (booleans as integers, timestamps and dates as text). Identity sequences
// are moved past the copied rows and the tables analyzed. Loading through service.Seed on
// PostgreSQL costs a round trip per row, about 6 ms an account here.
func copyToPostgres(ctx context.Context, path, url string) error {
	src, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer src.Close()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	tables, err := column(ctx, src, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		return err
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	t0 := time.Now()
	for _, t := range tables {
		if slices.Contains(notCopied, t) {
			continue
		}
		cols, err := column(ctx, src, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, t)
		if err != nil {
			return err
		}
		pk, err := column(ctx, src, `SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`, t)
		if err != nil {
			return err
		}
		order := "rowid"
		if len(pk) > 0 {
			order = quoteAll(pk)
		}
		types := map[string]string{}
		rows, err := tx.Query(ctx, `SELECT column_name, data_type FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1`, t)
		if err != nil {
			return err
		}
		for rows.Next() {
			var c, ty string
			if err := rows.Scan(&c, &ty); err != nil {
				return err
			}
			types[c] = ty
		}
		if rows.Err() != nil {
			return rows.Err()
		}
		n, err := copyTable(ctx, src, tx, t, cols, order, types)
		if err != nil {
			return fmt.Errorf("copy %s: %w", t, err)
		}
		if n > 0 && types["seq"] == "bigint" {
			if _, err := tx.Exec(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'seq'), (SELECT MAX(seq) FROM %q))`, t, t)); err != nil {
				return fmt.Errorf("sequence of %s: %w", t, err)
			}
		}
		fmt.Fprintf(os.Stderr, "copied %d rows of %s to PostgreSQL (%s)\n", n, t, time.Since(t0).Round(time.Second))
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	_, err = conn.Exec(ctx, `ANALYZE`)
	return err
}

// SQLite's text forms of timestamps and dates (store's fixed-width UTC).
const (
	sqliteTime = "2006-01-02 15:04:05.000000"
	sqliteDate = "2006-01-02"
)

// toPostgres converts a value SQLite returned for a column to what
// PostgreSQL's column of type ty takes.
func toPostgres(v any, ty string) (any, error) {
	switch x := v.(type) {
	case int64:
		if ty == "boolean" {
			return x != 0, nil
		}
	case string:
		switch ty {
		case "timestamp with time zone":
			return time.Parse(sqliteTime, x)
		case "date":
			return time.Parse(sqliteDate, x)
		}
	}
	return v, nil
}

// copyTable streams one table's rows from SQLite into PostgreSQL's COPY.
func copyTable(ctx context.Context, src *sql.DB, conn pgx.Tx, table string, cols []string, order string, types map[string]string) (int64, error) {
	rows, err := src.QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM %q ORDER BY %s`, quoteAll(cols), table, order))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	return conn.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromFunc(func() ([]any, error) {
		if !rows.Next() {
			return nil, rows.Err()
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out := make([]any, len(vals))
		for i, v := range vals {
			var err error
			if out[i], err = toPostgres(v, types[cols[i]]); err != nil {
				return nil, fmt.Errorf("column %s: %w", cols[i], err)
			}
		}
		return out, nil
	}))
}

func column(ctx context.Context, db *sql.DB, query string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func quoteAll(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%q", n)
	}
	return out
}
