package httpapi

import (
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestOpenAPIRoutes: the document and the routes agree (API.md, Operations:
// "GET /v1/openapi.json ... generated from the code"). Every route has its
// typed answer and appears in the document with a 2XX schema, the 4XX it
// can answer, its parameters and the bearer scheme; no answer is listed
// for a route that does not exist. That real answers match these schemas
// is checked on every call of every API test (apitest's contract check).
func TestOpenAPIRoutes(t *testing.T) {
	s := New(nil, slog.New(slog.NewTextHandler(io.Discard, nil)), true)
	doc := s.OpenAPI("")
	paths := doc["paths"].(map[string]map[string]any)
	seen := map[string]bool{}
	for _, rt := range s.routes {
		key := rt.method + " " + rt.path
		seen[key] = true
		a, ok := answers[key]
		if !ok {
			t.Errorf("%s: no answer type in answers", key)
			continue
		}
		op, ok := paths[rt.path][strings.ToLower(rt.method)].(map[string]any)
		if !ok {
			t.Errorf("%s is not in the document", key)
			continue
		}
		responses := op["responses"].(map[string]any)
		if a.status != 0 {
			ok2xx := responses[strconv.Itoa(a.status)].(map[string]any)
			sch := ok2xx["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
			if len(sch) == 0 || sch["type"] == "object" && sch["properties"] == nil && sch["additionalProperties"] == nil {
				t.Errorf("%s: untyped 2XX %v", key, sch)
			}
		}
		for _, st := range []string{"400", "401", "403"} {
			if responses[st] == nil {
				t.Errorf("%s: no %s response", key, st)
			}
		}
		params := op["parameters"]
		has := func(ref string) bool {
			for _, p := range params.([]any) {
				if p.(map[string]any)["$ref"] == "#/components/parameters/"+ref {
					return true
				}
			}
			return false
		}
		if rt.method == "POST" && !has("IdempotencyKey") || (rt.method == "PUT" || rt.method == "PATCH") && !has("IfMatch") ||
			slices.Contains(rt.roles, "integration") && !has("ActingAccount") {
			t.Errorf("%s: header parameters missing", key)
		}
		if (rt.body != nil) != (op["requestBody"] != nil) {
			t.Errorf("%s: request body and document disagree", key)
		}
	}
	for key := range answers {
		if !seen[key] {
			t.Errorf("answers lists %s, which is not a route", key)
		}
	}
	if servers := doc["servers"].([]map[string]any); len(servers) == 0 || servers[0]["url"] == "" {
		t.Error("no servers")
	}
	codes := doc["components"].(map[string]any)["schemas"].(map[string]any)["Problem"].(map[string]any)["properties"].(map[string]any)["code"].(map[string]any)["enum"].([]string)
	if !slices.Contains(codes, "invalid_request") || !slices.Contains(codes, "version_conflict") {
		t.Errorf("problem code enum: %v", codes)
	}
}
