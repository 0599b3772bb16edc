// Package store is the one door to the database: transactions over SQLite
// (default, embedded) or PostgreSQL (replicas), with the same SQL for both.
// Each aggregate has a table of its own (aggregate.go: typed columns, child
// tables for its lists, JSON only for nested parts no query reads) with its
// foreign keys, unique and check constraints; the signal index, audit log,
// ledger, jobs and outbox have tables of their own.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations
var migrations embed.FS

// Engine names the database behind a DB.
type Engine string

// The two engines.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// Sentinel errors that callers translate into API codes. Every error of
// the engine that means one of them is translated (engineError), so no
// caller reads a driver's text.
var (
	ErrNotFound   = errors.New("not found")
	ErrConflict   = errors.New("version conflict")
	ErrExists     = errors.New("already exists")
	ErrBusy       = errors.New("database busy")
	ErrConstraint = errors.New("violates a constraint")
)

// engineError is an engine's error translated into a sentinel. Its text is
// the sentinel's and the constraint's name; the driver's error stays
// reachable through errors.As for logs.
type engineError struct {
	sentinel   error
	constraint string
	cause      error
}

func (e *engineError) Error() string {
	if e.constraint == "" {
		return e.sentinel.Error()
	}
	return e.sentinel.Error() + " (" + e.constraint + ")"
}

func (e *engineError) Unwrap() []error { return []error{e.sentinel, e.cause} }

// translate turns an engine error into the sentinel it means; others pass
// unchanged.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var ee *engineError
	if errors.As(err, &ee) {
		return err
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505":
			return &engineError{ErrExists, pg.ConstraintName, err}
		case "23502", "23503", "23514":
			return &engineError{ErrConstraint, pg.ConstraintName, err}
		case "40001", "40P01", "55P03":
			return &engineError{ErrBusy, "", err}
		}
		return err
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		switch lite.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return &engineError{ErrExists, sqliteConstraint(lite), err}
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY, sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			return &engineError{ErrConstraint, sqliteConstraint(lite), err}
		}
		if lite.Code()&0xff == sqlite3.SQLITE_BUSY || lite.Code()&0xff == sqlite3.SQLITE_LOCKED {
			return &engineError{ErrBusy, "", err}
		}
	}
	return err
}

// sqliteConstraint is the constraint an SQLite error names: the columns of
// a UNIQUE, the text of a CHECK (after SQLite's last "failed: "), or
// "foreign key" (SQLite does not say which).
func sqliteConstraint(e *sqlite.Error) string {
	msg := e.Error()
	if strings.Contains(msg, "FOREIGN KEY") {
		return "foreign key"
	}
	i := strings.LastIndex(msg, "failed: ")
	if i < 0 {
		return ""
	}
	msg = msg[i+len("failed: "):]
	if j := strings.LastIndex(msg, " ("); j >= 0 && strings.HasSuffix(msg, ")") && strings.Trim(msg[j+2:len(msg)-1], "0123456789") == "" {
		msg = msg[:j] // SQLite's error code
	}
	return msg
}

// pool is a database/sql pool with the statements prepared on it.
type pool struct {
	sql   *sql.DB
	stmts sync.Map // query text -> *sql.Stmt, prepared once per connection
}

// DB is an open database.
type DB struct {
	// read and write are the pools reads and write transactions take a
	// connection from (read also runs migrations and checkpoints): one
	// pool on PostgreSQL. On SQLite write
	// transactions have a pool of their own, so that they nearly always
	// run on one connection: in WAL mode a connection throws its page
	// cache away when another one committed since its last transaction,
	// and with writes spread over eight connections nearly every write
	// transaction began cold.
	read, write *pool
	Engine      Engine
	// writer is held by a group of SQLite write transactions and by a
	// checkpoint that truncates the WAL, which must run between groups.
	writer sync.Mutex
	// writes, closing and stopped drive the goroutine that runs SQLite's
	// write transactions in groups (group.go).
	writes           chan *groupWrite
	closing, stopped chan struct{}
	closeOnce        sync.Once
	closeErr         error
	// deadlocks counts transactions PostgreSQL ended as deadlocked (each
	// was run again).
	deadlocks atomic.Int64
	// trips counts statements sent to the database, with BEGIN and COMMIT:
	// its round trips, for the benchmarks' per-request figures.
	trips atomic.Int64
	// commits counts write transactions committed: on SQLite a group of
	// them is one commit.
	commits atomic.Int64
}

// RoundTrips is how many statements (with BEGIN and COMMIT) this process
// sent to the database since it opened it.
func (db *DB) RoundTrips() int64 { return db.trips.Load() }

// Commits is how many commits this process made since it opened the
// database; on SQLite a group of write transactions is one.
func (db *DB) Commits() int64 { return db.commits.Load() }

// Deadlocks is how many of this process's transactions PostgreSQL reported
// deadlocked since it opened the database.
func (db *DB) Deadlocks() int64 { return db.deadlocks.Load() }

// OpenSQLite opens (creating) the SQLite file at path with WAL, a busy
// timeout, foreign keys and immediate transactions.
func OpenSQLite(path string) (*DB, error) {
	// Automatic checkpoints are off: no request pays for copying the WAL.
	// Checkpoint, run every 100 ms beside the job loop, does it instead.
	// secure_delete zeroes what a write frees, so erased personal data does
	// not linger in free pages (see Forget). Each connection's own page
	// cache is kept small (8 MB), because SQLite walks all of it at every
	// commit (pcache1TruncateUnsafe): at 64 MB that walk was a tenth of a
	// sign-up's CPU. Savepoints' journals stay in memory.
	dsn := "file:" + path + "?_pragma=busy_timeout(" + strconv.FormatInt(busyTimeout.Milliseconds(), 10) + ")&_pragma=journal_mode(WAL)&_pragma=secure_delete(1)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=wal_autocheckpoint(0)" +
		"&_pragma=cache_size(-8192)&_pragma=temp_store(MEMORY)&_txlock=immediate"
	open := func(conns int, mmap int64) (*sql.DB, error) {
		db, err := sql.Open("sqlite", dsn+"&_pragma=mmap_size("+strconv.FormatInt(mmap, 10)+")")
		if err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		db.SetMaxOpenConns(conns)
		db.SetMaxIdleConns(conns) // each connection keeps its prepared statements
		if err := db.Ping(); err != nil {
			db.Close()
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		return db, nil
	}
	// The writers read through a memory map of the file's first 2 GB
	// (SQLite's limit) and the kernel's cache. The readers do not: a
	// connection that finds the database changed since its last
	// transaction unmaps the whole map, and a reader always does while
	// sign-ups are written, so every API key looked up cost a munmap and
	// page faults (215 µs a request, an eighth of the server's CPU at 400
	// sign-ups/s); a read of a few pages through pread costs far less.
	readers, err := open(8, 0)
	if err != nil {
		return nil, err
	}
	// The writers' pool has a second connection only to prepare a
	// statement while the first holds a transaction (database/sql prepares
	// on a connection of the pool); it hands out the connection returned
	// last, so transactions stay on one connection once warm.
	writers, err := open(2, mmapMax)
	if err != nil {
		readers.Close()
		return nil, err
	}
	db := &DB{read: &pool{sql: readers}, write: &pool{sql: writers}, Engine: SQLite}
	db.startGroups()
	return db, nil
}

// OpenPostgres connects to PostgreSQL at dsn through pgx.
func OpenPostgres(dsn string) (*DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	// Keep every connection of the pool open: database/sql keeps only two
	// idle by default, and a PostgreSQL connection costs a backend process
	// to open.
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect postgres: %w", err)
	}
	p := &pool{sql: db}
	return &DB{read: p, write: p, Engine: Postgres}, nil
}

// Migrate brings the schema up to date with the embedded goose migrations.
func (db *DB) Migrate(ctx context.Context) error {
	p, err := db.migrations()
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// migrations is the goose provider of the engine's migrations: the SQL
// files of its folder and the Go migration that moves documents (00007).
func (db *DB) migrations() (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations/"+string(db.Engine))
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	dialect := goose.DialectSQLite3
	if db.Engine == Postgres {
		dialect = goose.DialectPostgres
	}
	p, err := goose.NewProvider(dialect, db.read.sql, sub, goose.WithGoMigrations(db.moveDocs()))
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	return p, nil
}

// walLimit is the WAL size, in frames (4 KiB pages: 1 GiB), past which Checkpoint
// stops waiting for a quiet moment and truncates the WAL between writers.
// A variable so that a test can lower it.
var walLimit = 262144

// mmapMax is the largest memory map SQLite takes (SQLITE_MAX_MMAP_SIZE,
// just under 2 GB): the writers read the file's first 2 GB through it.
const mmapMax = 2147418112

// busyTimeout is how long a SQLite statement waits for a lock another
// connection holds before it fails as busy.
const busyTimeout = 10 * time.Second

// walWait is how long a checkpoint that holds the writers back waits for
// readers still in the WAL before it gives up until the next try: a reader
// as long as a whole export would otherwise hold every write for
// busyTimeout, and no wait lets the WAL be truncated before that reader
// ends anyway.
const walWait = 50 * time.Millisecond

// Checkpoint copies committed WAL pages into the SQLite database file
// without blocking writers; when busy writers kept it from finishing and
// the WAL has grown past walLimit, it takes the writer lock and truncates
// the WAL, so sustained writes cannot grow it without bound. A no-op on
// PostgreSQL.
func (db *DB) Checkpoint(ctx context.Context) error {
	if db.Engine != SQLite {
		return nil
	}
	var busy, log, done int
	if err := db.read.sql.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &log, &done); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	if log < walLimit || done == log {
		return nil
	}
	if _, err := db.truncateWAL(ctx); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

// Forget makes overwritten data unrecoverable from the database files after
// an erasure: on SQLite it copies the WAL into the database and truncates
// it (secure_delete already zeroed the freed space), so the WAL no longer
// holds the pages as they were. A checkpoint of the job loop or a reader
// may hold it off for a moment: it tries for up to eight seconds. A no-op on
// PostgreSQL, whose dead row versions VACUUM reclaims.
func (db *DB) Forget(ctx context.Context) error {
	if db.Engine != SQLite {
		return nil
	}
	for try := 0; ; try++ {
		busy, err := db.truncateWAL(ctx)
		if err != nil {
			return fmt.Errorf("checkpoint after erasure: %w", err)
		}
		if busy == 0 {
			return nil
		}
		if try == 50 {
			return errors.New("checkpoint after erasure: readers kept the WAL; it is truncated at the next checkpoint")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// truncateWAL runs a TRUNCATE checkpoint between writers, waiting at most
// walWait for readers, and reports whether they kept it from finishing.
func (db *DB) truncateWAL(ctx context.Context) (int, error) {
	conn, err := db.read.sql.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	timeout := func(ctx context.Context, d time.Duration) error {
		_, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA busy_timeout = %d`, d.Milliseconds()))
		return err
	}
	if err := timeout(ctx, walWait); err != nil {
		return 0, err
	}
	// The pool's timeout is restored even when ctx is done, since the
	// connection goes back to the pool; one that cannot take it back is
	// discarded rather than left failing busy after 50 ms.
	defer func() {
		if timeout(context.WithoutCancel(ctx), busyTimeout) != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	db.writer.Lock()
	defer db.writer.Unlock()
	var busy, log, done int
	if err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &log, &done); err != nil {
		return 0, err
	}
	return busy, nil
}

// Close closes the prepared statements and the database.
func (db *DB) Close() error {
	db.closeOnce.Do(func() {
		if db.closing != nil {
			close(db.closing)
			<-db.stopped
		}
		db.closeErr = db.read.close()
		if db.write != db.read {
			db.closeErr = errors.Join(db.closeErr, db.write.close())
		}
	})
	return db.closeErr
}

func (p *pool) close() error {
	p.stmts.Range(func(_, v any) bool { v.(*sql.Stmt).Close(); return true })
	return p.sql.Close()
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.read.sql.PingContext(ctx) }

// Tx is one unit of work: everything done through it commits or rolls back together.
type Tx struct {
	tx     *sql.Tx // nil for reads outside a transaction
	db     *DB
	pool   *pool // where tx's connection came from, or the reads' pool
	engine Engine
	write  bool
	depth  int // savepoints open inside a Within transaction
	// grouped: the transaction is a group's (group.go), shared with other
	// callers' writes. A caller's context that ends is not allowed to
	// interrupt a statement (SQLite would roll the whole transaction back):
	// its write fails before its next statement instead.
	grouped bool
	after   []func() // AfterCommit functions, run once it committed
}

// stmt returns the prepared statement for query on SQLite, preparing it
// once per pool (reads, or write transactions); in a transaction it is
// re-bound to the transaction's connection, where database/sql keeps it
// prepared. Preparing takes a pooled connection of its own, which SQLite can
// always give (the one write transaction holds one of the writers' two). On
// PostgreSQL it returns nil: pgx prepares and caches each statement on the
// connection that runs it (its statement cache), so no transaction ever
// waits for a second connection while holding its own — with every pooled
// connection held by an open transaction that wait was the cold-start hang.
func (t *Tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if t.engine == Postgres {
		return nil, nil
	}
	p := t.pool
	v, ok := p.stmts.Load(query)
	if !ok {
		st, err := p.sql.PrepareContext(ctx, query)
		if err != nil {
			return nil, err
		}
		if prev, loaded := p.stmts.LoadOrStore(query, st); loaded {
			st.Close()
			v = prev
		} else {
			v = st
		}
	}
	st := v.(*sql.Stmt)
	if t.tx != nil {
		return t.tx.StmtContext(ctx, st), nil
	}
	return st, nil
}

// runner is what runs a statement: the transaction, or the pool for reads.
type runner interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (t *Tx) runner() runner {
	if t.tx != nil {
		return t.tx
	}
	return t.db.read.sql
}

// guard is the context a statement of t runs under; see Tx.grouped.
func (t *Tx) guard(ctx context.Context) (context.Context, error) {
	if !t.grouped {
		return ctx, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return context.WithoutCancel(ctx), nil
}

func (t *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ctx, err := t.guard(ctx)
	if err != nil {
		return nil, err
	}
	t.db.trips.Add(1)
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	var res sql.Result
	if st == nil {
		res, err = t.runner().ExecContext(ctx, query, args...)
	} else {
		res, err = st.ExecContext(ctx, args...)
	}
	return res, translate(err)
}

func (t *Tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx, err := t.guard(ctx)
	if err != nil {
		return nil, err
	}
	t.db.trips.Add(1)
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	var rows *sql.Rows
	if st == nil {
		rows, err = t.runner().QueryContext(ctx, query, args...)
	} else {
		rows, err = st.QueryContext(ctx, args...)
	}
	return rows, translate(err)
}

// row is QueryRowContext through the statement cache; a prepare error
// surfaces from Scan.
type row struct {
	r   *sql.Row
	err error
}

func (r row) Scan(dst ...any) error {
	if r.err != nil {
		return translate(r.err)
	}
	return translate(r.r.Scan(dst...))
}

func (t *Tx) queryRow(ctx context.Context, query string, args ...any) row {
	ctx, err := t.guard(ctx)
	if err != nil {
		return row{err: err}
	}
	t.db.trips.Add(1)
	st, err := t.stmt(ctx, query)
	if err != nil {
		return row{err: err}
	}
	if st == nil {
		return row{r: t.runner().QueryRowContext(ctx, query, args...)}
	}
	return row{r: st.QueryRowContext(ctx, args...)}
}

// Update runs fn in a write transaction, retrying when the engine reports
// contention (SQLite busy, PostgreSQL deadlock or serialization failure).
// Under a context made by Within, fn joins that transaction instead, inside
// a savepoint: its writes are undone if it fails and kept otherwise, and
// they commit with the enclosing transaction.
func (db *DB) Update(ctx context.Context, fn func(*Tx) error) error {
	if outer := db.joined(ctx); outer != nil {
		return outer.savepoint(ctx, fn)
	}
	var err error
	for attempt := 0; attempt < 6; attempt++ {
		var after []func()
		after, err = db.updateOnce(ctx, fn)
		if err == nil {
			for _, f := range after {
				f()
			}
			return nil
		}
		if !Retryable(err) || ctx.Err() != nil {
			return err
		}
		if pgCode(err) == "40P01" {
			db.deadlocks.Add(1)
		}
		slog.Debug("retrying transaction", "attempt", attempt+1, "err", err)
		time.Sleep(time.Duration(attempt+1) * 15 * time.Millisecond)
	}
	return err
}

// updateOnce runs fn in one transaction and returns, once it committed, the
// functions fn registered with Tx.AfterCommit.
func (db *DB) updateOnce(ctx context.Context, fn func(*Tx) error) (after []func(), err error) {
	if db.Engine == SQLite {
		return db.grouped(ctx, fn)
	}
	db.trips.Add(2) // BEGIN, and COMMIT or ROLLBACK
	stx, err := db.write.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = stx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = stx.Rollback()
		}
	}()
	t := &Tx{tx: stx, db: db, pool: db.write, engine: db.Engine, write: true}
	if err = fn(t); err != nil {
		return nil, err
	}
	if err = stx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", translate(err))
	}
	db.commits.Add(1)
	return t.after, nil
}

// joinKey is the context key of the transaction Within opened.
type joinKey struct{}

// joined is the transaction of db that ctx was made in by Within, or nil.
func (db *DB) joined(ctx context.Context) *Tx {
	if t, ok := ctx.Value(joinKey{}).(*Tx); ok && t.db == db {
		return t
	}
	return nil
}

// Within runs fn in one write transaction that every Update and Read given
// the context fn receives joins, so that a request's own bookkeeping (its
// idempotency record) commits or rolls back together with the effects it
// guards. Like Update, it retries the whole of fn on contention.
func (db *DB) Within(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	return db.Update(ctx, func(tx *Tx) error {
		return fn(context.WithValue(ctx, joinKey{}, tx), tx)
	})
}

// AfterCommit runs f once the changes made under ctx are committed: at once
// outside Within, or after Within's transaction commits (never if it rolls
// back).
func (db *DB) AfterCommit(ctx context.Context, f func()) {
	if t := db.joined(ctx); t != nil {
		t.AfterCommit(f)
		return
	}
	f()
}

// AfterCommit runs f after the transaction commits, outside it (and, on
// SQLite, after the writer lock is released); never if it rolls back. In a
// transaction joined through Within (Update there hands fn the enclosing
// transaction itself), f waits for the enclosing commit.
func (t *Tx) AfterCommit(f func()) { t.after = append(t.after, f) }

// savepoint runs fn inside the transaction t, undoing its writes and the
// AfterCommit functions it registered when it fails.
func (t *Tx) savepoint(ctx context.Context, fn func(*Tx) error) (err error) {
	t.depth++
	name := fmt.Sprintf("nested_%d", t.depth)
	defer func() { t.depth-- }()
	t.db.trips.Add(2) // SAVEPOINT, and RELEASE or ROLLBACK TO
	ctx, err = t.guard(ctx)
	if err != nil {
		return err
	}
	if _, err := t.tx.ExecContext(ctx, `SAVEPOINT `+name); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	kept := len(t.after)
	if err := fn(t); err != nil {
		t.after = t.after[:kept] // what fn meant to do after the commit was undone with it
		if _, rerr := t.tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT `+name); rerr != nil {
			return errors.Join(err, fmt.Errorf("rollback to savepoint: %w", rerr))
		}
		if _, rerr := t.tx.ExecContext(ctx, `RELEASE SAVEPOINT `+name); rerr != nil {
			return errors.Join(err, fmt.Errorf("release savepoint: %w", rerr))
		}
		return err
	}
	if _, err := t.tx.ExecContext(ctx, `RELEASE SAVEPOINT `+name); err != nil {
		return fmt.Errorf("release savepoint: %w", err)
	}
	return nil
}

// Read runs fn against the database without a write transaction; under a
// context made by Within it reads inside that transaction, so it sees the
// request's own writes.
func (db *DB) Read(ctx context.Context, fn func(*Tx) error) error {
	if outer := db.joined(ctx); outer != nil {
		return fn(&Tx{tx: outer.tx, db: db, pool: outer.pool, engine: db.Engine, grouped: outer.grouped})
	}
	return fn(&Tx{db: db, pool: db.read, engine: db.Engine})
}

// Retryable reports whether err is contention that running the transaction
// again may resolve (SQLite busy, PostgreSQL deadlock or serialization
// failure).
func Retryable(err error) bool {
	if errors.Is(translate(err), ErrBusy) {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "SQLITE_BUSY") || strings.Contains(s, "database is locked")
}

// pgCode is the SQLSTATE of a PostgreSQL error, or "".
func pgCode(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code
	}
	return ""
}

func isUniqueViolation(err error) bool { return errors.Is(translate(err), ErrExists) }

// forUpdate is the row-lock suffix of the engine (PostgreSQL only: SQLite's
// immediate transactions already hold the write lock).
func (t *Tx) forUpdate() string {
	if t.engine == Postgres && t.write {
		return " FOR UPDATE"
	}
	return ""
}

// Engine reports the engine behind the transaction.
func (t *Tx) Engine() Engine { return t.engine }

// Lock takes transaction-scoped locks on names, so that concurrent writers
// deciding on the same fact (two sign-ups with one email) go one after the
// other. SQLite's immediate transactions are already serialized.
func (t *Tx) Lock(ctx context.Context, names ...string) error {
	if t.engine != Postgres || len(names) == 0 {
		return nil
	}
	// One statement takes them all, in one global order (rows of VALUES
	// come in the order written), so two transactions never wait on each
	// other's locks crosswise.
	names = slices.Compact(slices.Sorted(slices.Values(names)))
	var args []any
	rows := make([]string, len(names))
	for i, n := range names {
		rows[i] = "(" + bind(&args, n) + ")"
	}
	if _, err := t.exec(ctx, `SELECT pg_advisory_xact_lock(hashtext(n)) FROM (VALUES `+strings.Join(rows, ", ")+`) AS v (n)`, args...); err != nil {
		return fmt.Errorf("lock %s: %w", strings.Join(names, ", "), err)
	}
	return nil
}

func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

// Exec runs one statement outside a transaction (schema set-up in tests
// and operations).
func (db *DB) Exec(ctx context.Context, query string) error {
	if _, err := db.read.sql.ExecContext(ctx, query); err != nil {
		return fmt.Errorf("exec: %w", err)
	}
	return nil
}
