package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"standing/internal/population"
)

// httpClient signs the population up through a running server's API.
type httpClient struct {
	url, key, staff string
	c               *http.Client
}

func (h httpClient) call(method, path, key string, body any) (int, map[string]any, error) {
	return h.do(method, path, key, "", body)
}

func (h httpClient) do(method, path, key, acting string, body any) (int, map[string]any, error) {
	b, _ := json.Marshal(body)
	req, err := http.NewRequest(method, h.url+path, bytes.NewReader(b))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	if acting != "" {
		req.Header.Set("Acting-Account", acting)
	}
	res, err := h.c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out map[string]any
	_ = json.Unmarshal(raw, &out)
	if res.StatusCode >= 400 && res.StatusCode != http.StatusConflict {
		return res.StatusCode, out, fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, raw)
	}
	return res.StatusCode, out, nil
}

func (h httpClient) SignUp(s population.Signup) (string, string, error) {
	_, out, err := h.call("POST", "/v1/accounts", h.key, s.Body())
	if err != nil {
		return "", "", err
	}
	d, _ := out["decision"].(map[string]any)
	outcome, _ := d["outcome"].(string)
	id := ""
	if a, ok := out["account"].(map[string]any); ok {
		id, _ = a["id"].(string)
	}
	return outcome, id, nil
}

func (h httpClient) Ban(id string) error {
	_, _, err := h.call("POST", "/v1/accounts/"+id+"/sanctions", h.staff,
		map[string]any{"rule": "V4", "action": "ban", "reason": "demo: fraud found by staff"})
	return err
}

// demo loads a synthetic marketplace population into a running server
// through its API and prints what the sign-up decisions were.
func demo(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	url := fs.String("url", "http://"+env("STANDING_ADDR", "127.0.0.1:8080"), "the server")
	key := fs.String("key", os.Getenv("STANDING_KEY"), "an integration key (or STANDING_KEY)")
	staff := fs.String("staff-key", os.Getenv("STANDING_STAFF_KEY"), "a staff key, to ban the people who then evade (or STANDING_STAFF_KEY)")
	people := fs.Int("people", 500, "honest members to sign up")
	evaders := fs.Int("evaders", 30, "members banned who then come back")
	seed := fs.Uint64("seed", uint64(time.Now().UnixNano()), "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *key == "" || *staff == "" {
		return errors.New("demo needs --key (integration) and --staff-key (staff); create them with standing keys create")
	}
	c := httpClient{url: strings.TrimRight(*url, "/"), key: *key, staff: *staff, c: &http.Client{Timeout: 30 * time.Second}}
	g := population.New(*seed)
	rep, err := population.Scenario(c, g, *people, *evaders)
	if err != nil {
		return err
	}
	rep.Print(stdout)
	return c.marketplace(g, min(20, max(2, *people/25)), stdout)
}

// marketplace adds the activity staff see on a real marketplace: client
// companies with jobs, verified freelancers with proposals and contracts,
// and messages, a few of which break C2, V5 or V7.
func (h httpClient) marketplace(g *population.Generator, n int, out io.Writer) error {
	get := func(m map[string]any, k string) string { v, _ := m[k].(string); return v }
	acc := func(m map[string]any) string { a, _ := m["account"].(map[string]any); return get(a, "id") }
	var orgs, jobs, clients, freelancers []string
	for i, p := range g.Honest(2 * n) {
		p.Freelancer = i%2 == 1
		_, res, err := h.call("POST", "/v1/accounts", h.key, p.Body())
		if err != nil {
			return err
		}
		id := acc(res)
		if id == "" {
			continue
		}
		if !p.Freelancer {
			_, org, err := h.callAs("POST", "/v1/organizations", id, map[string]any{"name": p.Name + " Studio"})
			if err != nil {
				return err
			}
			_, job, err := h.callAs("POST", "/v1/jobs", id, map[string]any{"organization_id": get(org, "id"),
				"title": "Landing page for " + p.Name, "description": "Design and build a landing page.", "connects_price": 4})
			if err != nil {
				return err
			}
			clients, orgs, jobs = append(clients, id), append(orgs, get(org, "id")), append(jobs, get(job, "id"))
			continue
		}
		_, _, err = h.call("POST", "/v1/accounts/"+id+"/verification", h.key, map[string]any{
			"legal_name": p.LegalName, "date_of_birth": p.DOB, "phone": p.Phone,
			"address":     map[string]any{"line1": p.Address, "city": "Springfield", "postal_code": "12345", "country": "US"},
			"id_document": map[string]any{"type": "passport", "country": "US", "number": "P" + strings.ReplaceAll(p.Card, "-", "")}})
		if err != nil {
			return err
		}
		freelancers = append(freelancers, id)
	}
	messages := []string{"Hi! I read your brief and can start Monday.", "Happy to share samples here on the platform.",
		"My email is designer.%d@gmail.com, write me there", "Can you pay me via PayPal instead? It saves the fees.",
		"If you like the work please leave me a 5-star review"}
	contracts, held := 0, 0
	for i, f := range freelancers {
		if len(jobs) == 0 {
			break
		}
		k := i % len(jobs)
		if _, _, err := h.callAs("POST", "/v1/proposals", f, map[string]any{"job_id": jobs[k], "account_id": f, "cover_letter": "I can do this in a week."}); err != nil {
			return err
		}
		body := strings.ReplaceAll(messages[i%len(messages)], "%d", fmt.Sprint(i))
		_, m, err := h.call("POST", "/v1/messages", h.key, map[string]any{"from_account_id": f, "to_account_id": clients[k], "body": body})
		if err != nil {
			return err
		}
		if msg, _ := m["message"].(map[string]any); get(msg, "status") != "delivered" {
			held++
		}
		if i%2 == 0 {
			if _, _, err := h.callAs("POST", "/v1/contracts", clients[k], map[string]any{"job_id": jobs[k], "freelancer_account_id": f,
				"kind": "fixed", "escrow_cents": 50000}); err != nil {
				return err
			}
			contracts++
		}
	}
	fmt.Fprintf(out, "marketplace: %d organizations with a job, %d verified freelancers, %d contracts, %d of %d first messages redacted or held\n",
		len(orgs), len(freelancers), contracts, held, len(freelancers))
	return nil
}

// callAs is call as the integration acting for a member.
func (h httpClient) callAs(method, path, acting string, body any) (int, map[string]any, error) {
	return h.do(method, path, h.key, acting, body)
}
