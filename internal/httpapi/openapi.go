package httpapi

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"standing/internal/decision"
	"standing/internal/dsa"
	"standing/internal/problem"
	"standing/internal/screen"
)

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// The document's own server when it is not served (a generated client, a
// file): the address `standing serve` listens on by default.
const defaultServer = "http://127.0.0.1:8080"

// OpenAPI returns the OpenAPI 3.1 document of every route this server has,
// generated from the same table that routes requests: request schemas are
// reflected from the body types, response schemas from the types in
// answers, and problem+json (with every code of internal/problem) is one
// shared component. server is the URL clients call ("" for the default).
func (s *Server) OpenAPI(server string) map[string]any {
	if server == "" {
		server = defaultServer
	}
	g := newSchemas()
	paths := map[string]map[string]any{}
	tags := map[string]bool{}
	for _, rt := range s.routes {
		if paths[rt.path] == nil {
			paths[rt.path] = map[string]any{}
		}
		op := s.operation(g, rt)
		tags[op["tags"].([]string)[0]] = true
		paths[rt.path][strings.ToLower(rt.method)] = op
	}
	for _, p := range []string{"/healthz", "/readyz", "/metrics", "/v1/openapi.json"} {
		ct, sch := "application/json", map[string]any{"type": "object", "additionalProperties": true}
		if p == "/metrics" {
			ct, sch = "text/plain", map[string]any{"type": "string"}
		}
		op := map[string]any{"summary": "Operations: " + strings.TrimPrefix(p, "/"), "operationId": "get" + strings.NewReplacer("/", "_", ".", "_").Replace(p),
			"tags": []string{"operations"}, "security": []any{},
			"responses": map[string]any{"200": map[string]any{"description": "ok", "content": map[string]any{ct: map[string]any{"schema": sch}}}}}
		if p == "/readyz" {
			op["responses"].(map[string]any)["503"] = map[string]any{"description": "the database is unreachable",
				"content": map[string]any{ct: map[string]any{"schema": sch}}}
		} else {
			op["responses"].(map[string]any)["4XX"] = map[string]any{"$ref": "#/components/responses/Problem"}
		}
		if p == "/metrics" {
			op["summary"] = "Prometheus metrics: here only with the metrics_token setting as the bearer, else on serve --metrics-addr"
			op["security"] = []any{map[string]any{"bearer": []any{}}}
		}
		paths[p] = map[string]any{"get": op}
	}
	tags["operations"] = true
	var tagList []map[string]any
	for _, t := range slices.Sorted(mapKeys(tags)) {
		tagList = append(tagList, map[string]any{"name": t, "description": "Endpoints under /v1/" + t + " (API.md)."})
	}
	codes := problem.Codes()
	sort.Strings(codes)
	g.of(reflect.TypeFor[problemBody]())
	problemSchema := g.defs["Problem"].(map[string]any)
	props := problemSchema["properties"].(map[string]any)
	props["code"] = map[string]any{"type": "string", "enum": codes, "description": "stable snake_case code (API.md, Errors)"}
	props["findings"] = g.of(reflect.TypeFor[[]screen.Finding]())
	props["decision"] = g.of(reflect.TypeFor[decision.Decision]())
	problemSchema["example"] = map[string]any{"type": "https://standing.dev/problems/invalid_request", "code": "invalid_request",
		"status": 400, "title": "The request is not valid", "detail": "required fields are missing",
		"errors": []any{map[string]any{"field": "email", "code": "required", "detail": "this field is required"}}}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "standing", "version": "1",
			"description": "Account governance of a freelance marketplace: the contract of API.md, generated from the code.",
			"license":     map[string]any{"name": "Proprietary", "identifier": "LicenseRef-Proprietary"}},
		"servers":  []map[string]any{{"url": server, "description": "this standing server"}},
		"security": []map[string][]string{{"bearer": {}}},
		"tags":     tagList,
		"paths":    paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer",
				"description": "An API key of role integration, staff or admin (standing keys create)."}},
			"schemas":    g.defs,
			"parameters": headerParams,
			"responses":  problemResponses(),
		},
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// problemBody is the problem+json body writeProblem sends.
type problemBody struct {
	Type string `json:"type"`
	*problem.Error
}

// statusCodes maps each 4XX status to the problem codes that answer it.
func statusCodes() map[int][]string {
	out := map[int][]string{}
	for _, c := range problem.Codes() {
		st := problem.New(c, "").Status
		out[st] = append(out[st], c)
	}
	// support_required is 409 for a closure and 403 for a reactivation.
	out[http.StatusForbidden] = append(out[http.StatusForbidden], "support_required")
	for st := range out {
		sort.Strings(out[st])
	}
	return out
}

// problemResponses are the shared responses: one per 4XX status, each a
// problem+json naming the codes that status carries, plus "Problem".
func problemResponses() map[string]any {
	out := map[string]any{}
	resp := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{
			"application/problem+json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Problem"}}}}
	}
	for st, codes := range statusCodes() {
		if st >= 400 && st < 500 && st != http.StatusMethodNotAllowed { // 405 and 5XX fall under default
			out[strconv.Itoa(st)] = resp(http.StatusText(st) + ": " + strings.Join(codes, ", "))
		}
	}
	out["Problem"] = resp("An RFC 9457 problem (API.md, Errors)")
	return out
}

var headerParams = map[string]any{
	"ActingAccount": map[string]any{"name": "Acting-Account", "in": "header", "required": false,
		"description": "The member (acc_..) the integration acts for; who may do what is checked against it (API.md, Acting member).",
		"schema":      map[string]any{"type": "string"}, "example": "acc_01jd5m2v9kq4c8r7t3wz"},
	"IdempotencyKey": map[string]any{"name": "Idempotency-Key", "in": "header", "required": false,
		"description": "The same key with the same body answers the first response again for 24 hours; with another body 422 idempotency_key_reused.",
		"schema":      map[string]any{"type": "string", "maxLength": 255}, "example": "signup-u-77"},
	"IfMatch": map[string]any{"name": "If-Match", "in": "header", "required": false,
		"description": "The version the change was made against; a stale one is 412 version_conflict.",
		"schema":      map[string]any{"type": "string", "pattern": `^(W/)?"?[0-9]+"?$`}, "example": "3"},
}

// operation describes one route.
func (s *Server) operation(g *schemas, rt route) map[string]any {
	key := rt.method + " " + rt.path
	a, typed := answers[key]
	op := map[string]any{
		"summary":     rt.summary,
		"operationId": operationID(rt),
		"tags":        []string{strings.Split(strings.TrimPrefix(rt.path, "/v1/"), "/")[0]},
		"description": "Roles: " + strings.Join(rt.roles, ", ") + " (API.md, Auth).",
		"x-roles":     rt.roles,
	}
	var params []any
	for _, m := range pathParam.FindAllStringSubmatch(rt.path, -1) {
		params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
	}
	for _, qn := range rt.query {
		p := map[string]any{"name": qn, "in": "query", "required": false, "schema": map[string]any{"type": "string"}}
		switch qn {
		case "limit":
			p["schema"] = map[string]any{"type": "integer", "minimum": 1, "maximum": 200, "default": 50}
		case "cursor":
			p["description"] = "next_cursor of the previous page"
		case "from", "to":
			p["schema"] = map[string]any{"type": "string", "format": "date-time"}
		}
		params = append(params, p)
	}
	if slices.Contains(rt.roles, "integration") {
		params = append(params, map[string]any{"$ref": "#/components/parameters/ActingAccount"})
	}
	if rt.method == http.MethodPost {
		params = append(params, map[string]any{"$ref": "#/components/parameters/IdempotencyKey"})
	}
	if rt.method == http.MethodPut || rt.method == http.MethodPatch {
		params = append(params, map[string]any{"$ref": "#/components/parameters/IfMatch"})
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if rt.body != nil {
		media := map[string]any{"schema": g.request(rt.body)}
		if ex, ok := requestExamples[key]; ok {
			media["example"] = ex
		}
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": media}}
	}
	responses := map[string]any{}
	if typed && a.status != 0 {
		media := map[string]any{"schema": g.of(a.typ)}
		if ex, ok := responseExamples[key]; ok {
			media["example"] = ex
		}
		responses[strconv.Itoa(a.status)] = map[string]any{"description": http.StatusText(a.status),
			"content": map[string]any{"application/json": media}}
	}
	for _, st := range failures(rt, a) {
		responses[strconv.Itoa(st)] = map[string]any{"$ref": "#/components/responses/" + strconv.Itoa(st)}
	}
	responses["default"] = map[string]any{"$ref": "#/components/responses/Problem"}
	op["responses"] = responses
	return op
}

// failures are the 4XX statuses a route can answer: every route 400 (bad
// text, query or header), 401 and 403 (forbidden_role); 404 with an id in
// the path or a body naming objects; 413 with a body; 409 and 422 for a
// POST (Idempotency-Key); 412 for PUT and PATCH (If-Match); and the
// statuses of the codes its answer lists.
func failures(rt route, a answer) []int {
	sts := []int{400, 401, 403}
	if strings.Contains(rt.path, "{") || rt.body != nil {
		sts = append(sts, 404)
	}
	if rt.body != nil {
		sts = append(sts, 413)
	}
	switch rt.method {
	case http.MethodPost:
		sts = append(sts, 409, 422)
	case http.MethodPut, http.MethodPatch:
		sts = append(sts, 412)
	}
	for _, c := range a.codes {
		sts = append(sts, problem.New(c, "").Status)
	}
	slices.Sort(sts)
	return slices.Compact(sts)
}

func operationID(rt route) string {
	p := pathParam.ReplaceAllString(rt.path, "by_$1")
	return strings.ToLower(rt.method) + strings.NewReplacer("/v1/", "_", "/", "_", "-", "_").Replace(p)
}

// request is the schema of a request type: named structs become
// components (suffixed Input where a response type has the name), their
// required fields are those tagged req:"true", no other field is taken,
// and a field may be null (the same as leaving it out).
func (g *schemas) request(t reflect.Type) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s, ok := scalar(t); ok {
		return s
	}
	switch t.Kind() {
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.request(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.request(t.Elem())}
	case reflect.Struct:
		if t.Name() == "" {
			return g.requestObject(t)
		}
		name, ok := g.inputs[t]
		if !ok {
			name = componentName("", t.Name())
			if strings.HasPrefix(name, strings.ToLower(name[:1])) {
				name = strings.ToUpper(name[:1]) + name[1:]
			}
			if _, taken := g.defs[name]; taken {
				name += "Input"
			}
			g.inputs[t] = name
			g.defs[name] = map[string]any{}
			g.defs[name] = g.requestObject(t)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

func (g *schemas) requestObject(t reflect.Type) map[string]any {
	props := map[string]any{}
	var req []string
	eachField(t, func(f reflect.StructField, name string, _ bool) {
		p := g.request(f.Type)
		if e := f.Tag.Get("enum"); e != "" {
			p["enum"] = strings.Split(e, ",")
		}
		props[name] = p
		if f.Tag.Get("req") == "true" {
			req = append(req, name)
		}
	})
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(req) > 0 {
		s["required"] = req
	}
	return s
}

// eachField calls fn for every JSON field of a struct, flattening embedded
// structs as encoding/json does.
func eachField(t reflect.Type, fn func(f reflect.StructField, name string, omitempty bool)) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			et := f.Type
			for et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				eachField(et, fn)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fn(f, name, strings.Contains(opts, "omitempty"))
	}
}

var (
	timeType      = reflect.TypeFor[time.Time]()
	rawType       = reflect.TypeFor[json.RawMessage]()
	marshalerType = reflect.TypeFor[json.Marshaler]()
	statementType = reflect.TypeFor[dsa.Statement]()
)

// statementSchema describes dsa.Statement, a flat map, by the fields of the
// Transparency Database's statement of reasons that dsa.Render writes.
func statementSchema() map[string]any {
	str := func(enum ...string) map[string]any {
		s := map[string]any{"type": "string"}
		if len(enum) > 0 {
			s["enum"] = enum
		}
		return s
	}
	list := func(enum ...string) map[string]any { return map[string]any{"type": "array", "items": str(enum...)} }
	date := map[string]any{"type": "string", "format": "date"}
	return map[string]any{
		"type":        "object",
		"description": "A statement of reasons as the body of the DSA Transparency Database's POST /api/v1/statement.",
		"required": []string{"decision_ground", "category", "content_type", "content_date", "application_date", "decision_facts",
			"source_type", "automated_detection", "automated_decision", "puid"},
		"properties": map[string]any{
			"decision_ground":                  str("DECISION_GROUND_INCOMPATIBLE_CONTENT", "DECISION_GROUND_ILLEGAL_CONTENT"),
			"incompatible_content_ground":      str(),
			"incompatible_content_explanation": str(),
			"incompatible_content_illegal":     str("Yes", "No"),
			"category":                         str(),
			"application_date":                 date,
			"content_date":                     date,
			"content_type":                     list(),
			"content_type_other":               str(),
			"decision_facts":                   map[string]any{"type": "string", "maxLength": 5000},
			"automated_detection":              str("Yes", "No"),
			"automated_decision":               str("AUTOMATED_DECISION_FULLY", "AUTOMATED_DECISION_PARTIALLY", "AUTOMATED_DECISION_NOT_AUTOMATED"),
			"puid":                             map[string]any{"type": "string", "pattern": "^[a-zA-Z0-9_-]+$"},
			"source_type":                      str(),
			"account_type":                     str(),
			"decision_account":                 str(),
			"decision_monetary":                str(),
			"decision_provision":               str(),
			"decision_visibility":              list(),
			"decision_visibility_other":        str(),
			"end_date_account_restriction":     date,
			"end_date_service_restriction":     date,
		},
		"additionalProperties": false,
	}
}

// scalar is the schema of a type that renders as one JSON value.
func scalar(t reflect.Type) (map[string]any, bool) {
	switch {
	case t == statementType:
		return statementSchema(), true
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}, true
	case t == rawType || t.Kind() == reflect.Interface:
		return map[string]any{}, true
	case t.Implements(marshalerType):
		b, _ := json.Marshal(reflect.Zero(t).Interface())
		if len(b) > 0 && b[0] == '"' {
			return map[string]any{"type": "string"}, true
		}
		return map[string]any{}, true
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}, true
	case reflect.Bool:
		return map[string]any{"type": "boolean"}, true
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Int16, reflect.Int8, reflect.Uint, reflect.Uint64, reflect.Uint32:
		return map[string]any{"type": "integer"}, true
	case reflect.Float64, reflect.Float32:
		return map[string]any{"type": "number"}, true
	}
	return nil, false
}

// schemas reflects response types into named components.
type schemas struct {
	defs   map[string]any
	names  map[reflect.Type]string // response types
	inputs map[reflect.Type]string // request types
}

func newSchemas() *schemas {
	return &schemas{defs: map[string]any{}, names: map[reflect.Type]string{}, inputs: map[reflect.Type]string{}}
}

// of is the schema of a response type: named structs become components,
// pointers, slices and maps may be null (Go renders nil as null), fields
// without omitempty are required.
func (g *schemas) of(t reflect.Type) map[string]any {
	if t.Kind() == reflect.Pointer {
		return nullable(g.of(t.Elem()))
	}
	if s, ok := scalar(t); ok {
		return s
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return nullable(map[string]any{"type": "array", "items": g.of(t.Elem())})
	case reflect.Map:
		return nullable(map[string]any{"type": "object", "additionalProperties": g.of(t.Elem())})
	case reflect.Struct:
		if t.Name() == "" {
			return g.object(t)
		}
		name, ok := g.names[t]
		if !ok {
			name = g.name(t)
			g.names[t] = name
			g.defs[name] = map[string]any{} // placeholder for recursive types
			g.defs[name] = g.object(t)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

func (g *schemas) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var req []string
	eachField(t, func(f reflect.StructField, name string, omitempty bool) {
		props[name] = g.of(f.Type)
		if !omitempty {
			req = append(req, name)
		}
	})
	s := map[string]any{"type": "object", "properties": props}
	if len(req) > 0 {
		s["required"] = req
	}
	return s
}

var genericArgs = regexp.MustCompile(`\[(.*)\]$`)

// name is a component name for a named type: the type's name, prefixed by
// its package where the name alone says little or is taken; a list
// envelope Page[T] is named after T.
func (g *schemas) name(t reflect.Type) string {
	base := t.Name()
	if m := genericArgs.FindStringSubmatch(base); m != nil {
		arg := m[1][strings.LastIndex(m[1], "/")+1:]
		pkg, typ, _ := strings.Cut(arg, ".")
		return componentName(pkg, typ) + strings.ToUpper(base[:1]) + base[1:strings.Index(base, "[")]
	}
	pkg := t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:]
	name := componentName(pkg, base)
	if _, taken := g.defs[name]; taken {
		name = strings.ToUpper(pkg[:1]) + pkg[1:] + base
	}
	return name
}

func componentName(pkg, typ string) string {
	switch {
	case typ == "View" || typ == "Error":
		return strings.ToUpper(pkg[:1]) + pkg[1:]
	case typ == "RawMessage":
		return "Event"
	case typ == "problemBody":
		return "Problem"
	}
	return typ
}

// nullable lets a schema also be null.
func nullable(s map[string]any) map[string]any {
	if ref, ok := s["$ref"]; ok {
		return map[string]any{"anyOf": []any{map[string]any{"$ref": ref}, map[string]any{"type": "null"}}}
	}
	if t, ok := s["type"].(string); ok {
		s["type"] = []string{t, "null"}
	}
	return s
}

// Document is the OpenAPI document of a server with every optional route
// (the test clock too) and the default server address: what clients are
// generated from. It needs no database.
func Document() map[string]any {
	return New(nil, slog.New(slog.DiscardHandler), true).OpenAPI("")
}
