package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strings"

	"standing/internal/store"
)

// metaSecret is where versions before the secret moved out of the database
// kept a generated signal secret.
const metaSecret = "signal_secret"

// SecretSource says where the signal secret may come from, first found
// first: the config file's signal_secret, the STANDING_SIGNAL_SECRET
// environment variable, a file (signal_secret_file, STANDING_SIGNAL_SECRET_FILE
// or --signal-secret-file), and otherwise DefaultFile, the file beside an
// SQLite database, made with a new secret the first time.
type SecretSource struct {
	Value       string
	Env         string
	File        string
	DefaultFile string // "" on PostgreSQL: no default place
}

// ResolveSignalSecret finds the secret that keys the signal index, keeping
// it out of the database that holds the hashes: whoever copies the database
// alone cannot test candidate phones and emails against them. A secret that
// an earlier version generated into the database is moved out to the file
// (written 0600) and deleted from it; on PostgreSQL with no source set it is
// still used, with a warning saying how to move it out. A new PostgreSQL
// database with no source set is refused: every replica must share the
// secret, so the operator chooses where it lives.
func ResolveSignalSecret(ctx context.Context, db *store.DB, src SecretSource, log *slog.Logger) (string, error) {
	var legacy string
	if err := db.Read(ctx, func(tx *store.Tx) error {
		v, err := tx.MetaValue(ctx, metaSecret)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		legacy = v
		return err
	}); err != nil {
		return "", fmt.Errorf("signal secret: %w", err)
	}
	secret, where := src.Value, "the config file"
	if secret == "" && src.Env != "" {
		secret, where = src.Env, "STANDING_SIGNAL_SECRET"
	}
	file := src.File
	if file == "" {
		file = src.DefaultFile
	}
	if secret == "" && file != "" {
		var err error
		if secret, err = secretFile(file, legacy); err != nil {
			return "", err
		}
		where = file + " (mode 0600)"
	}
	if secret == "" {
		if legacy == "" {
			return "", errors.New("signal secret: set signal_secret in the config file, STANDING_SIGNAL_SECRET, or a file with signal_secret_file, STANDING_SIGNAL_SECRET_FILE or --signal-secret-file (with PostgreSQL it has no default place)")
		}
		log.Warn("the signal secret is still kept in the database beside the hashes it keys; move it out: start with --signal-secret-file FILE (it is written there and deleted from the database)")
		return legacy, nil
	}
	if len(secret) < 16 {
		return "", fmt.Errorf("signal secret from %s: at least 16 characters", where)
	}
	if legacy != "" {
		if err := db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteMeta(ctx, metaSecret) }); err != nil {
			return "", fmt.Errorf("signal secret: move out of the database: %w", err)
		}
		log.Info("signal secret deleted from the database", "now_from", where)
	}
	if src.Value == "" && src.Env == "" && src.File == "" {
		log.Info("signal secret kept in a file beside the database, not in it; back the file up apart from the database", "file", file)
	} else {
		log.Info("signal secret", "from", where)
	}
	return secret, nil
}

// secretFile reads the secret in path, or creates the file (0600) holding
// legacy, when an earlier version kept one in the database, or a new one.
func secretFile(path, legacy string) (string, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o077 != 0 {
			return "", fmt.Errorf("signal secret file %s: mode %v lets others read it; chmod 600 it", path, st.Mode().Perm())
		}
		return strings.TrimSpace(string(b)), nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("signal secret file: %w", err)
	}
	secret := legacy
	if secret == "" {
		var r [32]byte
		_, _ = rand.Read(r[:])
		secret = hex.EncodeToString(r[:])
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", fmt.Errorf("signal secret file: %w", err)
	}
	if _, err := f.WriteString(secret + "\n"); err != nil {
		f.Close()
		return "", fmt.Errorf("signal secret file %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return "", fmt.Errorf("signal secret file %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("signal secret file %s: %w", path, err)
	}
	return secret, nil
}
