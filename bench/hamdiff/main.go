// Command hamdiff compares standing's screening with linkify-it on the ham
// messages of the SpamAssassin public corpus (written by bench/peers.mjs
// ham): which emails and URL hosts each finds that the other does not.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"

	"standing/internal/screen"
)

type peer struct {
	Emails []string `json:"emails"`
	URLs   []string `json:"urls"`
}

func host(u string) string {
	if !strings.Contains(u, "://") {
		u = "http://" + u
	}
	p, err := url.Parse(u)
	if err != nil {
		return strings.ToLower(u)
	}
	return strings.ToLower(p.Hostname())
}

func main() {
	dir := flag.String("dir", "bench/out", "where ham.txt and ham-linkify.jsonl are")
	examples := flag.Int("examples", 15, "examples to print of each kind")
	flag.Parse()
	hf, err := os.Open(*dir + "/ham.txt")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pf, err := os.Open(*dir + "/ham-linkify.jsonl")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	hs, ps := bufio.NewScanner(hf), bufio.NewScanner(pf)
	hs.Buffer(make([]byte, 1<<20), 1<<24)
	ps.Buffer(make([]byte, 1<<20), 1<<24)
	s := screen.New()
	counts := map[string]int{}
	ex := map[string][]string{}
	note := func(kind, v, ctx string) {
		counts[kind]++
		if len(ex[kind]) < *examples {
			ex[kind] = append(ex[kind], fmt.Sprintf("%-40s | %s", v, ctx))
		}
	}
	msgs := 0
	for hs.Scan() && ps.Scan() {
		msgs++
		text := hs.Text()
		var p peer
		_ = json.Unmarshal(ps.Bytes(), &p)
		ours := map[string]map[string]string{"email": {}, "url": {}}
		for _, f := range s.Screen(text, "message") {
			ctx := text[max(0, f.Start-25):min(len(text), f.End+25)]
			switch f.Category {
			case screen.Email:
				ours["email"][strings.ToLower(f.Normalized)] = ctx
			case screen.URL:
				ours["url"][strings.TrimPrefix(f.Normalized, "www.")] = ctx
			}
		}
		theirs := map[string]map[string]bool{"email": {}, "url": {}}
		for _, e := range p.Emails {
			// linkify-it's match text keeps what precedes the address in
			// mailto: links and attributes (href="mailto:...); compare addresses.
			if i := strings.LastIndexAny(e, ":\"="); i >= 0 {
				e = e[i+1:]
			}
			theirs["email"][e] = true
		}
		for _, u := range p.URLs {
			theirs["url"][strings.TrimPrefix(host(u), "www.")] = true
		}
		for _, kind := range []string{"email", "url"} {
			for v, ctx := range ours[kind] {
				if theirs[kind][v] {
					counts[kind+" both"]++
				} else {
					note(kind+" only standing", v, ctx)
				}
			}
			for v := range theirs[kind] {
				if _, ok := ours[kind][v]; !ok {
					i := strings.Index(strings.ToLower(text), v)
					ctx := ""
					if i >= 0 {
						ctx = text[max(0, i-25):min(len(text), i+len(v)+25)]
					}
					note(kind+" only linkify-it", v, ctx)
				}
			}
		}
	}
	fmt.Printf("%d ham messages\n", msgs)
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%-24s %6d\n", k, counts[k])
	}
	for _, k := range keys {
		if len(ex[k]) == 0 {
			continue
		}
		fmt.Printf("\n## %s\n", k)
		for _, e := range ex[k] {
			fmt.Println(strings.ReplaceAll(e, "\n", " "))
		}
	}
}
