package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// fuzzReport is the HTTP fuzzer's result.
type fuzzReport struct {
	Requests        int            `json:"requests"`
	ByStatus        map[int]int    `json:"by_status"`
	ServerErrors    int            `json:"server_errors"`
	TransportErrors int            `json:"transport_errors"`
	Samples         []string       `json:"samples,omitempty"` // the first 5xx seen
	ByRoute         map[string]int `json:"-"`
}

// op is one route of the served OpenAPI document.
type op struct {
	method, path string
	query        []string
	roles        []string       // roles that may call it
	body         map[string]any // JSON Schema of the body, or nil
}

var param = regexp.MustCompile(`\{[a-z_]+\}`)

// badBytes stands for raw bytes that are not UTF-8 in a generated body; it is
// replaced after encoding, since encoding/json would repair them.
const badBytes = "\x01BAD\x01"

// fuzzer makes random requests from the routes and a pool of real ids.
type fuzzer struct {
	r   *rand.Rand
	ops []op
	ids []string
}

func (f *fuzzer) pick(xs []string) string { return xs[f.r.IntN(len(xs))] }

// text is a random string: ordinary, an id, or hostile.
func (f *fuzzer) text() string {
	switch f.r.IntN(16) {
	case 0:
		return ""
	case 1:
		return strings.Repeat("ä", 1+f.r.IntN(5000))
	case 2:
		return "nul\x00byte"
	case 3:
		return badBytes
	case 4:
		return "' OR 1=1; --"
	case 5:
		return "../../etc/passwd"
	case 6:
		return "\U0001F600 emoji ｆｕｌｌ\u200bwidth"
	case 7, 8:
		return f.pick(f.ids)
	case 9:
		return fmt.Sprintf("%d", f.r.Int64()-f.r.Int64())
	case 10:
		return "2026-02-30T25:61:00Z"
	case 11:
		return f.pick([]string{"7d", "-1d", "213504d", "36h", "1e9h"})
	case 12:
		return fmt.Sprintf("fuzz%d@example.com", f.r.IntN(1e6))
	default:
		return f.pick([]string{"active", "ban", "warning", "message", "profile", "web", "mobile", "hourly", "fixed", "V4", "C2", "not_using", "grant", "decline", "US", "ES", "plus", "basic", "public", "private"})
	}
}

// value makes a value for a JSON Schema, sometimes of the wrong type.
func (f *fuzzer) value(s map[string]any, depth int) any {
	if f.r.IntN(12) == 0 || depth > 4 {
		return f.any(depth)
	}
	switch s["type"] {
	case "object":
		props, _ := s["properties"].(map[string]any)
		out := map[string]any{}
		names := make([]string, 0, len(props))
		for n := range props {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if f.r.IntN(6) > 0 {
				ps, _ := props[n].(map[string]any)
				out[n] = f.value(ps, depth+1)
			}
		}
		if f.r.IntN(20) == 0 {
			out[f.text()] = f.any(depth + 1)
		}
		return out
	case "array":
		items, _ := s["items"].(map[string]any)
		out := make([]any, f.r.IntN(4))
		for i := range out {
			out[i] = f.value(items, depth+1)
		}
		return out
	case "integer":
		return f.pick([]string{"0", "1", "-1", "50", "9223372036854775807", "-9223372036854775808", "99999999999999999999", "3.5", "1e300"})
	case "number":
		return f.r.Float64()*2e6 - 1e6
	case "boolean":
		return f.r.IntN(2) == 0
	}
	return f.text()
}

// any is a value of a random type.
func (f *fuzzer) any(depth int) any {
	switch f.r.IntN(6) {
	case 0:
		return nil
	case 1:
		return f.r.IntN(2) == 0
	case 2:
		return f.r.NormFloat64() * 1e6
	case 3:
		if depth > 3 {
			return "deep"
		}
		return []any{f.any(depth + 1)}
	case 4:
		if depth > 3 {
			return "deep"
		}
		return map[string]any{f.text(): f.any(depth + 1)}
	}
	return f.text()
}

// request makes one random request.
func (f *fuzzer) request(base string, keys map[string]string) (*http.Request, string) {
	o := f.ops[f.r.IntN(len(f.ops))]
	path := param.ReplaceAllStringFunc(o.path, func(string) string {
		if f.r.IntN(4) == 0 {
			return f.pick([]string{"%00", "%ff%fe", "acc_%00x", "x%20y", strings.Repeat("a", 3000), "..", "%2F", "acc_" + fmt.Sprint(f.r.IntN(1e6))})
		}
		return f.pick(f.ids)
	})
	var qs []string
	for _, q := range o.query {
		if f.r.IntN(2) == 0 {
			qs = append(qs, q+"="+f.pick([]string{"", "1", "0", "201", "-5", "abc", "%00", "%ff", "2026-01-01T00:00:00Z", "zzz%e2%82", f.pick(f.ids), "active"}))
		}
	}
	if f.r.IntN(10) == 0 {
		qs = append(qs, "unknown=%ff%00")
	}
	url := base + path
	if len(qs) > 0 {
		url += "?" + strings.Join(qs, "&")
	}
	var body []byte
	switch {
	case o.body != nil && f.r.IntN(10) > 0:
		body, _ = json.Marshal(f.value(o.body, 0))
		body = bytes.ReplaceAll(body, []byte(badBytes), []byte{0xff, 0xfe, 'x', 0xc3})
		switch f.r.IntN(12) {
		case 0:
			body = body[:f.r.IntN(len(body)+1)] // truncated
		case 1:
			if len(body) > 0 {
				body[f.r.IntN(len(body))] ^= byte(1 + f.r.IntN(255)) // a flipped byte
			}
		case 2:
			body = append(body, " {}"...)
		}
	case f.r.IntN(3) == 0:
		body = []byte(f.pick([]string{"", "null", "[]", "{", "\"x\"", "{\"a\":" + strings.Repeat("[", 5000), "\xff\xfe", "{\"x\":\"\\ud800\"}"}))
	}
	method := o.method
	if f.r.IntN(30) == 0 {
		method = f.pick([]string{"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
	}
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		req, _ = http.NewRequest(o.method, base+strings.ReplaceAll(o.path, "{", "x"), bytes.NewReader(body))
	}
	role := f.pick([]string{"integration", "staff", "admin", ""})
	if len(o.roles) > 0 && f.r.IntN(5) > 0 {
		role = f.pick(o.roles) // mostly a key that may call the route, to get past authorization
	}
	switch {
	case role != "":
		req.Header.Set("Authorization", "Bearer "+keys[role])
	case f.r.IntN(2) == 0:
		req.Header.Set("Authorization", "Bearer sk_\xff\xfe")
	}
	req.Header.Set("Content-Type", "application/json")
	if f.r.IntN(3) == 0 {
		req.Header.Set("Acting-Account", f.pick(append([]string{"", "acc_\xff", "x y"}, f.ids...)))
	}
	if f.r.IntN(5) == 0 {
		req.Header.Set("Idempotency-Key", f.pick([]string{"k1", "k2", strings.Repeat("k", 300), "k\xff\xfe", fmt.Sprint(f.r.IntN(50))}))
	}
	if f.r.IntN(8) == 0 {
		req.Header.Set("If-Match", f.pick([]string{"1", "\"2\"", "W/3", "x", "99999999999999999999", "-1"}))
	}
	return req, method + " " + o.path
}

// loadOps reads the routes of the served OpenAPI document.
func loadOps(ctx context.Context, s *server) ([]op, error) {
	var doc struct {
		Paths map[string]map[string]struct {
			Description string `json:"description"`
			Parameters  []struct {
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
			RequestBody struct {
				Content map[string]struct {
					Schema map[string]any `json:"schema"`
				} `json:"content"`
			} `json:"requestBody"`
		} `json:"paths"`
	}
	if st, err := s.call(ctx, "GET", "/v1/openapi.json", "", "", nil, &doc); err != nil || st != 200 {
		return nil, fmt.Errorf("openapi: %d %v", st, err)
	}
	var ops []op
	for path, methods := range doc.Paths {
		if !strings.HasPrefix(path, "/v1/") || path == "/v1/openapi.json" {
			continue
		}
		for m, o := range methods {
			x := op{method: strings.ToUpper(m), path: path, body: o.RequestBody.Content["application/json"].Schema}
			if r, ok := strings.CutPrefix(o.Description, "Roles: "); ok {
				x.roles = strings.Split(strings.TrimSuffix(r, "."), ", ")
			}
			for _, p := range o.Parameters {
				if p.In == "query" {
					x.query = append(x.query, p.Name)
				}
			}
			ops = append(ops, x)
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].method+ops[i].path < ops[j].method+ops[j].path })
	return ops, nil
}

// runFuzz sends c.Fuzz random requests from 8 workers and counts the 5xx.
func runFuzz(ctx context.Context, s *server, c config, out io.Writer) (fuzzReport, error) {
	rep := fuzzReport{ByStatus: map[int]int{}}
	ops, err := loadOps(ctx, s)
	if err != nil {
		return rep, err
	}
	ids := []string{"acc_missing", "whk_missing", "cas_missing"}
	for i := range 4 {
		var a struct {
			Account struct{ ID string } `json:"account"`
		}
		_, _ = s.call(ctx, "POST", "/v1/accounts", "integration", "", map[string]any{"email": fmt.Sprintf("fuzz-seed-%d-%d@example.com", c.Seed, i),
			"name": "Fuzz Seed", "country": "US", "freelancer": i%2 == 0, "client": i%2 == 1}, &a)
		if a.Account.ID != "" {
			ids = append(ids, a.Account.ID)
		}
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	per := c.Fuzz / 8
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := &fuzzer{r: rand.New(rand.NewPCG(c.Seed, uint64(w)+1000)), ops: ops, ids: ids}
			n := per
			if w == 0 {
				n += c.Fuzz % 8
			}
			for range n {
				req, name := f.request(s.url, s.keys)
				res, err := s.client.Do(req.WithContext(ctx))
				mu.Lock()
				rep.Requests++
				if err != nil {
					rep.TransportErrors++
					if len(rep.Samples) < 10 {
						rep.Samples = append(rep.Samples, fmt.Sprintf("%s: %v", name, err))
					}
					mu.Unlock()
					continue
				}
				mu.Unlock()
				raw, _ := io.ReadAll(io.LimitReader(res.Body, 2048))
				res.Body.Close()
				mu.Lock()
				rep.ByStatus[res.StatusCode]++
				if res.StatusCode >= 500 {
					rep.ServerErrors++
					if len(rep.Samples) < 10 {
						rep.Samples = append(rep.Samples, fmt.Sprintf("%s %s -> %d %.300s", req.Method, req.URL.RequestURI(), res.StatusCode, raw))
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	var st []string
	for code, n := range rep.ByStatus {
		st = append(st, fmt.Sprintf("%d:%d", code, n))
	}
	sort.Strings(st)
	fmt.Fprintf(out, "fuzz %s: %d requests over %d routes: %d 5xx, %d transport errors (statuses %s)\n",
		c.Engine, rep.Requests, len(ops), rep.ServerErrors, rep.TransportErrors, strings.Join(st, " "))
	for _, x := range rep.Samples {
		fmt.Fprintln(out, "  ", x)
	}
	return rep, nil
}
