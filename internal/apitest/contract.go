package apitest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// contract checks answers against the server's own OpenAPI document: every
// status must be declared for its operation (or be a problem under
// "default"), and every JSON body must match the declared schema. It makes
// every API test a test that the document and the code agree.
type contract struct {
	once sync.Once
	doc  map[string]any
	err  error
	ops  []contractOp
}

type contractOp struct {
	method  string
	re      *regexp.Regexp
	literal int // literal segments: the most specific template wins
	op      map[string]any
}

var templateParam = regexp.MustCompile(`\{[a-z_]+\}`)

func (c *contract) load(e *Env) error {
	c.once.Do(func() {
		res, err := http.Get(e.URL + "/v1/openapi.json")
		if err != nil {
			c.err = err
			return
		}
		defer res.Body.Close()
		if err := json.NewDecoder(res.Body).Decode(&c.doc); err != nil {
			c.err = fmt.Errorf("the OpenAPI document is not JSON: %w", err)
			return
		}
		paths, _ := c.doc["paths"].(map[string]any)
		for p, item := range paths {
			segs := strings.Split(p, "/")
			for i, seg := range segs {
				if templateParam.MatchString(seg) {
					segs[i] = `[^/]*` // the mux lets a wildcard match an empty segment
				} else {
					segs[i] = regexp.QuoteMeta(seg)
				}
			}
			re := regexp.MustCompile("^" + strings.Join(segs, "/") + "$")
			lit := strings.Count(p, "/") - strings.Count(p, "{")
			for m, op := range item.(map[string]any) {
				c.ops = append(c.ops, contractOp{method: strings.ToUpper(m), re: re, literal: lit, op: op.(map[string]any)})
			}
		}
	})
	return c.err
}

// check returns what is wrong with an answer to method path, or nil.
func (c *contract) check(e *Env, method, path string, status int, raw []byte) error {
	if err := c.load(e); err != nil {
		return err
	}
	path, _, _ = strings.Cut(path, "?")
	var best *contractOp
	for i := range c.ops {
		o := &c.ops[i]
		if o.method == method && o.re.MatchString(path) && (best == nil || o.literal > best.literal) {
			best = o
		}
	}
	if best == nil {
		if status == 404 || status == 405 {
			return nil // not a route: the problem+json of the mux
		}
		return fmt.Errorf("%s %s answered %d but is not in the document", method, path, status)
	}
	responses, _ := best.op["responses"].(map[string]any)
	resp, ok := responses[strconv.Itoa(status)]
	if !ok {
		resp, ok = responses[strconv.Itoa(status/100)+"XX"]
	}
	if !ok && status >= 400 {
		resp, ok = responses["default"]
	}
	if !ok {
		return fmt.Errorf("%s %s answered %d, which its operation does not declare", method, path, status)
	}
	r := c.resolve(resp)
	content, _ := r["content"].(map[string]any)
	for ct, media := range content {
		if !strings.HasSuffix(ct, "json") {
			continue
		}
		sch := media.(map[string]any)["schema"]
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("%s %s answered %d with a body that is not JSON", method, path, status)
		}
		if errs := c.validate(sch, v, "body"); len(errs) > 0 {
			return fmt.Errorf("%s %s answered %d not as documented: %s\n%s", method, path, status, strings.Join(errs, "; "), raw)
		}
	}
	return nil
}

func (c *contract) resolve(v any) map[string]any {
	m, _ := v.(map[string]any)
	for m != nil {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		var cur any = c.doc
		for _, p := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			cur, _ = cur.(map[string]any)[p]
		}
		m, _ = cur.(map[string]any)
	}
	return m
}

// validate is the part of JSON Schema the document uses: $ref, type (one
// or a list), properties, required, items, additionalProperties, enum,
// anyOf.
func (c *contract) validate(schema any, v any, at string) []string {
	s := c.resolve(schema)
	if s == nil {
		return nil
	}
	if any, ok := s["anyOf"].([]any); ok {
		var all []string
		for _, alt := range any {
			errs := c.validate(alt, v, at)
			if len(errs) == 0 {
				return nil
			}
			all = append(all, errs...)
		}
		return all
	}
	var types []string
	switch t := s["type"].(type) {
	case string:
		types = []string{t}
	case []any:
		for _, x := range t {
			types = append(types, x.(string))
		}
	}
	if len(types) > 0 && !slices.Contains(types, jsonType(v)) && !(jsonType(v) == "integer" && slices.Contains(types, "number")) {
		return []string{fmt.Sprintf("%s is %s, want %s", at, jsonType(v), strings.Join(types, " or "))}
	}
	if en, ok := s["enum"].([]any); ok && !slices.Contains(en, v) {
		return []string{fmt.Sprintf("%s is %v, not one of %v", at, v, en)}
	}
	var errs []string
	switch x := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asAnyList(s["required"]) {
			if _, ok := x[r.(string)]; !ok {
				errs = append(errs, fmt.Sprintf("%s.%s is missing", at, r))
			}
		}
		for k, val := range x {
			if ps, ok := props[k]; ok {
				errs = append(errs, c.validate(ps, val, at+"."+k)...)
			} else if ap, ok := s["additionalProperties"]; ok {
				if b, isBool := ap.(bool); isBool && !b {
					errs = append(errs, fmt.Sprintf("%s.%s is not a documented field", at, k))
				} else if !isBool {
					errs = append(errs, c.validate(ap, val, at+"."+k)...)
				}
			} else if props != nil {
				errs = append(errs, fmt.Sprintf("%s.%s is not a documented field", at, k))
			}
		}
	case []any:
		for i, item := range x {
			errs = append(errs, c.validate(s["items"], item, fmt.Sprintf("%s[%d]", at, i))...)
		}
	}
	return errs
}

func asAnyList(v any) []any { l, _ := v.([]any); return l }

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	}
	return "object"
}
