package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"standing/internal/service"
	"standing/internal/staff"
)

const staffUsage = "usage: standing staff password stf_.. [--db FILE | --database-url URL] (the password is read from standard input, or asked for on a terminal; never a flag)"

// staffCmd manages staff members from the command line: today it sets a
// member's console password, read from standard input or asked for on a
// terminal without echo, never taken as a flag (flags end up in shell
// history and process lists).
func staffCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "password" {
		return errors.New(staffUsage)
	}
	fs := flag.NewFlagSet("staff password", flag.ContinueOnError)
	var d dbFlags
	d.register(fs)
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 || !strings.HasPrefix(pos[0], "stf_") {
		return errors.New(staffUsage)
	}
	pw, err := readPassword(stdin, stderr)
	if err != nil {
		return err
	}
	if why := staff.CheckPassword(pw); why != "" {
		return fmt.Errorf("the password is not acceptable: %s", why)
	}
	ctx := context.Background()
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	m, err := service.SetStaffPassword(ctx, db, pos[0], pw, time.Now().UTC())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "password set for %s (%s, %s); their console sessions ended\n", m.ID, m.Email, m.Role)
	return nil
}

// readPassword asks for the password twice on a terminal, without echo,
// or reads the first line of a pipe or file.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "New password (12 characters at least): ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		fmt.Fprint(stderr, "Again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		if string(a) != string(b) {
			return "", errors.New("the two passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
