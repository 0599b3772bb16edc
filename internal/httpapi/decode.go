package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"standing/internal/problem"
)

// Decode reads a JSON object into v strictly: malformed JSON, unknown
// fields, wrong types and missing required fields (tag req:"true") are a
// 400 invalid_request listing each bad field.
func Decode(raw []byte, v any) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return problem.Invalid("the body must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeProblem(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return problem.Invalid("the body must hold exactly one JSON object")
	}
	if missing := required(reflect.ValueOf(v).Elem(), ""); len(missing) > 0 {
		return problem.Invalid("required fields are missing", missing...)
	}
	return nil
}

func decodeProblem(err error) *problem.Error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return problem.Invalid(fmt.Sprintf("malformed JSON at byte %d", syn.Offset))
	case errors.As(err, &typ):
		if typ.Field == "" {
			return problem.Invalid("the body must be a JSON object", problem.Field("", "wrong_type", "want an object, got "+typ.Value))
		}
		return problem.Invalid("a field has the wrong type",
			problem.Field(typ.Field, "wrong_type", "want "+typeName(typ.Type)+", got "+typ.Value))
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return problem.Invalid("the JSON ends too early")
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
