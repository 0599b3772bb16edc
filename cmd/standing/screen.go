package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"strings"

	"standing/internal/screen"
)

// screenCmd prints the findings of TEXT as JSON lines, or with --lines
// screens every input line as one text and prints exactly one JSON line per
// input line, streaming.
func screenCmd(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("screen", flag.ContinueOnError)
	surface := fs.String("surface", "message", "profile, proposal, job_post, invitation, message or review")
	lines := fs.String("lines", "", "screen each line of FILE (or - for standard input)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !screen.ValidSurface(*surface) {
		return errors.New("unknown --surface; use one of " + strings.Join(screen.Surfaces, ", "))
	}
	s := screen.New()
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if *lines == "" {
		if fs.NArg() == 0 {
			return errors.New("give a TEXT to screen, or --lines FILE")
		}
		for _, f := range s.Screen(strings.Join(fs.Args(), " "), *surface) {
			if err := enc.Encode(f); err != nil {
				return err
			}
		}
		return nil
	}
	in := stdin
	if *lines != "-" {
		f, err := os.Open(*lines)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	r := bufio.NewReaderSize(in, 64<<10)
	for n := 1; ; n++ {
		line, err := r.ReadString('\n')
		if line == "" && err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if err := enc.Encode(struct {
			Line     int              `json:"line"`
			Findings []screen.Finding `json:"findings"`
		}{n, s.Screen(line, *surface)}); err != nil {
			return err
		}
		if *lines == "-" {
			if err := out.Flush(); err != nil { // stream: one answer per line as it comes
				return err
			}
		}
	}
}
