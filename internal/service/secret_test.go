package service_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"standing/internal/apitest"
	"standing/internal/service"
	"standing/internal/store"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func metaSecret(t *testing.T, db *store.DB) string {
	t.Helper()
	var v string
	_ = db.Read(context.Background(), func(tx *store.Tx) error {
		var err error
		v, err = tx.MetaValue(context.Background(), "signal_secret")
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		return err
	})
	return v
}

// TestSignalSecretOutsideTheDatabase is README "Configuration": the secret
// that keys the signal index is never kept in the database that holds the
// hashes. The embedded default keeps it in a 0600 file beside the SQLite
// database; the config file, STANDING_SIGNAL_SECRET or a named file take
// precedence, in that order.
func TestSignalSecretOutsideTheDatabase(t *testing.T) {
	ctx := context.Background()
	db := apitest.OpenSQLite(t)
	beside := filepath.Join(t.TempDir(), "standing.db.signal-secret")
	s1, err := service.ResolveSignalSecret(ctx, db, service.SecretSource{DefaultFile: beside}, quiet)
	if err != nil || len(s1) < 32 {
		t.Fatalf("default: %q %v", s1, err)
	}
	st, err := os.Stat(beside)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("the secret file: %v %v", st, err)
	}
	if s2, _ := service.ResolveSignalSecret(ctx, db, service.SecretSource{DefaultFile: beside}, quiet); s2 != s1 {
		t.Fatal("a restart made another secret")
	}
	if metaSecret(t, db) != "" {
		t.Fatal("the secret is in the database")
	}
	named := filepath.Join(t.TempDir(), "secret")
	_ = os.WriteFile(named, []byte("from-a-named-file-0123\n"), 0o600)
	for src, want := range map[service.SecretSource]string{
		{Value: "from-the-config-file-0123", Env: "from-the-environment-0123", File: named, DefaultFile: beside}: "from-the-config-file-0123",
		{Env: "from-the-environment-0123", File: named, DefaultFile: beside}:                                     "from-the-environment-0123",
		{File: named, DefaultFile: beside}:                                                                       "from-a-named-file-0123",
	} {
		if got, err := service.ResolveSignalSecret(ctx, db, src, quiet); got != want || err != nil {
			t.Errorf("%+v: %q %v, want %q", src, got, err, want)
		}
	}
	_ = os.Chmod(named, 0o644)
	if _, err := service.ResolveSignalSecret(ctx, db, service.SecretSource{File: named}, quiet); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a secret file others can read: %v", err)
	}
	if _, err := service.ResolveSignalSecret(ctx, db, service.SecretSource{}, quiet); err == nil {
		t.Error("no source and no default place (PostgreSQL): accepted")
	}
}

// TestSignalSecretMovesOutOfAnOldDatabase: a database where an earlier
// version generated the secret keeps its hashes working: the secret moves
// to the file and is deleted from the database.
func TestSignalSecretMovesOutOfAnOldDatabase(t *testing.T) {
	ctx := context.Background()
	db := apitest.OpenSQLite(t)
	old := "0123456789abcdef0123456789abcdef"
	if err := db.Update(ctx, func(tx *store.Tx) error { _, err := tx.SetMetaOnce(ctx, "signal_secret", old); return err }); err != nil {
		t.Fatal(err)
	}
	if got, err := service.ResolveSignalSecret(ctx, db, service.SecretSource{}, quiet); got != old || err != nil {
		t.Fatalf("PostgreSQL with nothing set keeps working: %q %v", got, err)
	}
	file := filepath.Join(t.TempDir(), "standing.db.signal-secret")
	if got, err := service.ResolveSignalSecret(ctx, db, service.SecretSource{DefaultFile: file}, quiet); got != old || err != nil {
		t.Fatalf("moved out: %q %v", got, err)
	}
	if b, _ := os.ReadFile(file); strings.TrimSpace(string(b)) != old {
		t.Fatalf("file holds %q", b)
	}
	if metaSecret(t, db) != "" {
		t.Fatal("the secret is still in the database")
	}
}
