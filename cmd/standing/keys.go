package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"standing/internal/service"
	"standing/internal/store"
)

const keysUsage = "usage: standing keys create --role ROLE --name NAME [--staff stf_..] | keys list | keys revoke ID"

// keys manages API keys: create (printed once), list (never the key) and
// revoke (effective at the next request).
func keys(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New(keysUsage)
	}
	fs := flag.NewFlagSet("keys "+args[0], flag.ContinueOnError)
	var d dbFlags
	d.register(fs)
	var spec service.KeySpec
	if args[0] == "create" {
		fs.StringVar(&spec.Role, "role", "", "integration, staff or admin")
		fs.StringVar(&spec.Name, "name", "", "who the key is for")
		fs.StringVar(&spec.StaffID, "staff", "", "the staff member (stf_..) a staff or admin key belongs to")
	}
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	ctx := context.Background()
	run := func(fn func(db *store.DB) error) error {
		db, err := d.open(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		return fn(db)
	}
	switch {
	case args[0] == "create" && len(pos) == 0:
		return run(func(db *store.DB) error {
			secret, k, err := service.NewKey(ctx, db, spec, time.Now().UTC())
			if err != nil {
				return err
			}
			who := k.Name
			if k.StaffID != "" {
				who += ", staff member " + k.StaffID
			}
			fmt.Fprintf(stdout, "created %s key %s (%s); it is shown once, store it now:\n%s\n", k.Role, k.ID, who, secret)
			return nil
		})
	case args[0] == "list" && len(pos) == 0:
		return run(func(db *store.DB) error { return listKeys(ctx, db, stdout) })
	case args[0] == "revoke" && len(pos) == 1:
		return run(func(db *store.DB) error {
			k, err := service.RevokeKey(ctx, db, service.Operator, pos[0], time.Now().UTC())
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "revoked %s key %s (%s) at %s\n", k.Role, k.ID, k.Name, k.RevokedAt.Format(time.RFC3339))
			return nil
		})
	}
	return errors.New(keysUsage)
}

// listKeys prints every key, a page at a time, as a table.
func listKeys(ctx context.Context, db *store.DB, stdout io.Writer) error {
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tROLE\tNAME\tSTAFF\tSTATUS\tCREATED\tLAST USED")
	opts := service.ListOpts{Limit: 200}
	for {
		p, err := service.ListKeys(ctx, db, opts)
		if err != nil {
			return err
		}
		for _, k := range p.Data {
			staff, used := "-", "never"
			if k.StaffID != nil {
				staff = *k.StaffID
			}
			if k.LastUsedAt != nil {
				used = k.LastUsedAt.Format(time.RFC3339)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Role, k.Name, staff, k.Status, k.CreatedAt.Format(time.RFC3339), used)
		}
		if p.NextCursor == nil {
			return tw.Flush()
		}
		opts.Cursor = *p.NextCursor
	}
}
