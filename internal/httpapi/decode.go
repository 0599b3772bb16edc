package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"standing/internal/problem"
)

// Decode reads a JSON object into v strictly: malformed JSON, unknown
// fields, wrong types, missing required fields (tag req:"true") and text
// a database would refuse (not UTF-8, or holding NUL) are a 400
// invalid_request listing each bad field.
func Decode(raw []byte, v any) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return malformed("the body is empty; it must be a JSON object")
	}
	if !utf8.Valid(raw) {
		return problem.Invalid("the body is not valid UTF-8", problem.Field("", "invalid_text", "the body must be UTF-8"))
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeProblem(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return malformed("the body must hold exactly one JSON object")
	}
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		// null decodes into a struct as "no fields": a body whose fields
		// are all optional would take it for {}.
		return problem.Invalid("the body must be a JSON object", problem.Field("", "wrong_type", "want an object, got null"))
	}
	if oddKeys(raw) { // else no key can match a field only by case: no second parse
		if bad := inexactNames(raw, reflect.TypeOf(v)); len(bad) > 0 {
			return problem.Invalid("the body has a field this endpoint does not take", bad...)
		}
	}
	if bad := nulFields(reflect.ValueOf(v), ""); len(bad) > 0 {
		return problem.Invalid("text may not hold NUL characters", bad...)
	}
	if missing := required(reflect.ValueOf(v).Elem(), ""); len(missing) > 0 {
		return problem.Invalid("required fields are missing", missing...)
	}
	return nil
}

// malformed is the 400 of a body that is not JSON: one entry with field ""
// and code malformed_json (API.md, Errors).
func malformed(detail string) *problem.Error {
	return problem.Invalid(detail, problem.Field("", "malformed_json", detail))
}

// cleanText reports whether s is text both databases store as sent: valid
// UTF-8 with no NUL character (PostgreSQL refuses either).
func cleanText(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// textHeaders are the request headers whose values reach the service.
var textHeaders = []string{"Acting-Account", "Idempotency-Key", "If-Match"}

// CheckText refuses a request whose path, query string or service-bound
// headers hold text that is not valid UTF-8 or holds NUL, so that no such
// byte reaches a database; bodies are checked by Decode.
func CheckText(r *http.Request) error {
	var bad []problem.FieldError
	if !cleanText(r.URL.Path) {
		bad = append(bad, problem.Field("path", "invalid_text", "the path must be UTF-8 without NUL"))
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		bad = append(bad, problem.Field("query", "invalid", "the query string is not well formed: "+err.Error()))
	}
	names := make([]string, 0, len(q))
	for name := range q {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if !cleanText(name) || slices.ContainsFunc(q[name], func(v string) bool { return !cleanText(v) }) {
			shown := strings.ToValidUTF8(strings.ReplaceAll(name, "\x00", ""), "\uFFFD")
			bad = append(bad, problem.Field(shown, "invalid_text", "query values must be UTF-8 without NUL"))
		}
	}
	for _, h := range textHeaders {
		for _, v := range r.Header.Values(h) {
			if !cleanText(v) {
				bad = append(bad, problem.Field(h, "invalid_text", "header values must be UTF-8 without NUL"))
				break
			}
		}
	}
	if len(bad) > 0 {
		return problem.Invalid("the request holds text that is not valid UTF-8 or holds NUL", bad...)
	}
	return nil
}

// nulFields lists the strings (and map keys) under v holding NUL, by their
// JSON path.
func nulFields(v reflect.Value, path string) []problem.FieldError {
	bad := func() []problem.FieldError {
		return []problem.FieldError{problem.Field(path, "invalid_text", "text may not hold NUL characters")}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return nulFields(v.Elem(), path)
	case reflect.String:
		if strings.ContainsRune(v.String(), 0) {
			return bad()
		}
	case reflect.Slice, reflect.Array:
		var out []problem.FieldError
		for i := 0; i < v.Len(); i++ {
			out = append(out, nulFields(v.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return out
	case reflect.Map:
		var out []problem.FieldError
		iter := v.MapRange()
		for iter.Next() {
			k := fmt.Sprint(iter.Key().Interface())
			if strings.ContainsRune(k, 0) {
				return bad()
			}
			out = append(out, nulFields(iter.Value(), join(path, k))...)
		}
		return out
	case reflect.Struct:
		var out []problem.FieldError
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() {
				out = append(out, nulFields(v.Field(i), join(path, jsonName(f)))...)
			}
		}
		return out
	}
	return nil
}

// oddKeys reports whether an object key of raw (valid JSON) holds a byte
// other than a-z, 0-9 and "_": only such a key can match a field name,
// all of which are lower-case snake_case, by ignoring case ("Email", or
// the Kelvin sign folding to "k"). It scans without parsing.
func oddKeys(raw []byte) bool {
	for i := 0; i < len(raw); i++ {
		if raw[i] != '"' {
			continue
		}
		odd, j := false, i+1
		for ; j < len(raw) && raw[j] != '"'; j++ {
			c := raw[j]
			if c == '\\' {
				odd, j = true, j+1
				continue
			}
			odd = odd || !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')
		}
		k := j + 1
		for k < len(raw) && (raw[k] == ' ' || raw[k] == '\t' || raw[k] == '\n' || raw[k] == '\r') {
			k++
		}
		if odd && k < len(raw) && raw[k] == ':' {
			return true
		}
		i = j
	}
	return false
}

// inexactNames lists the object keys of raw that encoding/json matched to
// a field of t only by ignoring case ("Email" for "email"): JSON names are
// case-sensitive, so such a key is an unknown field (API.md, Errors).
func inexactNames(raw []byte, t reflect.Type) []problem.FieldError {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil // Decode has already refused it
	}
	return exactNames(v, t, "")
}

func exactNames(v any, t reflect.Type, path string) []problem.FieldError {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var out []problem.FieldError
	switch x := v.(type) {
	case map[string]any:
		switch t.Kind() {
		case reflect.Map:
			for k, e := range x {
				out = append(out, exactNames(e, t.Elem(), join(path, k))...)
			}
		case reflect.Struct:
			fields := map[string]reflect.Type{}
			for i := 0; i < t.NumField(); i++ {
				if f := t.Field(i); f.IsExported() {
					fields[jsonName(f)] = f.Type
				}
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				ft, ok := fields[k]
				if !ok {
					out = append(out, problem.Field(join(path, k), "unknown_field", "not a field of this request (names are case-sensitive)"))
					continue
				}
				out = append(out, exactNames(x[k], ft, join(path, k))...)
			}
		}
	case []any:
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			for i, e := range x {
				out = append(out, exactNames(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	}
	return out
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// jsonName is the JSON name of a struct field.
func jsonName(f reflect.StructField) string {
	if name := strings.Split(f.Tag.Get("json"), ",")[0]; name != "" {
		return name
	}
	return f.Name
}

func decodeProblem(err error) *problem.Error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return malformed(fmt.Sprintf("malformed JSON at byte %d: %s", syn.Offset, syn.Error()))
	case errors.As(err, &typ):
		if typ.Field == "" {
			return problem.Invalid("the body must be a JSON object", problem.Field("", "wrong_type", "want an object, got "+typ.Value))
		}
		return problem.Invalid("a field has the wrong type",
			problem.Field(typ.Field, "wrong_type", "want "+typeName(typ.Type)+", got "+typ.Value))
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return malformed("the JSON ends too early")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return problem.Invalid("the body has a field this endpoint does not take", problem.Field(name, "unknown_field", "not a field of this request"))
	}
	return problem.Invalid("the body is not valid: " + err.Error())
}

func typeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "an integer"
	case reflect.Float64, reflect.Float32:
		return "a number"
	case reflect.Slice:
		return "an array of " + strings.TrimPrefix(typeName(t.Elem()), "a ")
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}

// required lists the req:"true" fields left nil, descending into objects.
func required(v reflect.Value, prefix string) []problem.FieldError {
	var out []problem.FieldError
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		fv := v.Field(i)
		if f.Tag.Get("req") == "true" && fv.Kind() == reflect.Pointer && fv.IsNil() {
			out = append(out, problem.Field(prefix+name, "required", "this field is required"))
			continue
		}
		if fv.Kind() == reflect.Pointer && !fv.IsNil() && fv.Elem().Kind() == reflect.Struct {
			out = append(out, required(fv.Elem(), prefix+name+".")...)
		}
	}
	return out
}
