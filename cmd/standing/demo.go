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
	b, _ := json.Marshal(body)
	req, err := http.NewRequest(method, h.url+path, bytes.NewReader(b))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
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
	rep, err := population.Scenario(c, population.New(*seed), *people, *evaders)
	if err != nil {
		return err
	}
	rep.Print(stdout)
	return nil
}
