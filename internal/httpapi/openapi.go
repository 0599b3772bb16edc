package httpapi

import (
	"reflect"
	"regexp"
	"sort"
	"strings"

	"standing/internal/problem"
)

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// OpenAPI returns the OpenAPI 3.1 document of every route this server has,
// generated from the same table that routes requests.
func (s *Server) OpenAPI() map[string]any {
	paths := map[string]map[string]any{}
	for _, rt := range s.routes {
		op := map[string]any{
			"summary":     rt.summary,
			"operationId": operationID(rt),
			"tags":        []string{strings.Split(strings.TrimPrefix(rt.path, "/v1/"), "/")[0]},
			"description": "Roles: " + strings.Join(rt.roles, ", ") + ".",
			"x-roles":     rt.roles,
			"security":    []map[string][]string{{"bearer": {}}},
			"responses": map[string]any{
				"2XX":     map[string]any{"description": "success", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"type": "object"}}}},
				"default": map[string]any{"$ref": "#/components/responses/Problem"},
			},
		}
		var params []map[string]any
		for _, m := range pathParam.FindAllStringSubmatch(rt.path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
		for _, qn := range rt.query {
			sch := map[string]any{"type": "string"}
			if qn == "limit" {
				sch = map[string]any{"type": "integer", "minimum": 1, "maximum": 200, "default": 50}
			}
			params = append(params, map[string]any{"name": qn, "in": "query", "required": false, "schema": sch})
		}
		params = append(params, map[string]any{"name": "Acting-Account", "in": "header", "required": false,
			"description": "the member the integration acts for", "schema": map[string]any{"type": "string"}})
		if rt.method == "POST" {
			params = append(params, map[string]any{"name": "Idempotency-Key", "in": "header", "required": false, "schema": map[string]any{"type": "string"}})
		}
		if rt.method == "PUT" || rt.method == "PATCH" {
			params = append(params, map[string]any{"name": "If-Match", "in": "header", "required": false, "schema": map[string]any{"type": "string"}})
		}
		op["parameters"] = params
		if rt.body != nil {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": schemaOf(rt.body)}}}
		}
		if paths[rt.path] == nil {
			paths[rt.path] = map[string]any{}
		}
		paths[rt.path][strings.ToLower(rt.method)] = op
	}
	for _, p := range []string{"/healthz", "/readyz", "/metrics", "/v1/openapi.json"} {
		paths[p] = map[string]any{"get": map[string]any{"summary": "operations", "operationId": "get" + strings.NewReplacer("/", "_", ".", "_").Replace(p),
			"security": []any{}, "responses": map[string]any{"200": map[string]any{"description": "ok"}}}}
	}
	codes := problem.Codes()
	sort.Strings(codes)
	return map[string]any{
		"openapi": "3.1.0",
		"info":    map[string]any{"title": "standing", "version": "1", "description": "Account governance of a freelance marketplace (API.md)."},
		"paths":   paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
			"responses": map[string]any{"Problem": map[string]any{"description": "RFC 9457 problem",
				"content": map[string]any{"application/problem+json": map[string]any{"schema": map[string]any{
					"type":     "object",
					"required": []string{"type", "title", "status", "detail", "code"},
					"properties": map[string]any{
						"type": map[string]any{"type": "string"}, "title": map[string]any{"type": "string"},
						"status": map[string]any{"type": "integer"}, "detail": map[string]any{"type": "string"},
						"code": map[string]any{"type": "string", "enum": codes}, "rule": map[string]any{"type": "string"},
						"blockers": map[string]any{"type": "array"}, "findings": map[string]any{"type": "array"},
						"decision": map[string]any{"type": "object"}, "errors": map[string]any{"type": "array"},
					}}}}}},
		},
	}
}

func operationID(rt route) string {
	p := pathParam.ReplaceAllString(rt.path, "by_$1")
	return strings.ToLower(rt.method) + strings.NewReplacer("/v1/", "_", "/", "_", "-", "_").Replace(p)
}

// schemaOf describes a request type as JSON Schema, with its required fields.
func schemaOf(t reflect.Type) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64, reflect.Float32:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem())}
	case reflect.Struct:
		props := map[string]any{}
		var req []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			if name == "" || name == "-" {
				continue
			}
			props[name] = schemaOf(f.Type)
			if f.Tag.Get("req") == "true" {
				req = append(req, name)
			}
		}
		s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
		if len(req) > 0 {
			s["required"] = req
		}
		return s
	}
	return map[string]any{}
}
