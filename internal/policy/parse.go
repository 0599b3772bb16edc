package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strings"
)

// SettingError is one setting that does not decode or is out of range.
type SettingError struct {
	Setting string // its JSON name
	Detail  string
}

func (e SettingError) Error() string { return e.Detail }

// Parse reads a JSON object of settings over base (the defaults for a
// config file, the settings in force for a what-if run) and validates the
// result. Each member is decoded on its own, so every error names its
// setting and all of them are reported at once; unknown names are refused.
func Parse(base Settings, b []byte) (Settings, []SettingError) {
	s := base.Clone() // decoding fills maps and slices in place: never base's
	var members map[string]json.RawMessage
	if err := json.Unmarshal(b, &members); err != nil {
		return s, []SettingError{{Detail: "want a JSON object of settings: " + err.Error()}}
	}
	var errs []SettingError
	for _, name := range slices.Sorted(maps.Keys(members)) {
		if !settingNames[name] {
			// encoding/json would match "Minimum_Age" to minimum_age:
			// a setting is named exactly or not at all.
			errs = append(errs, SettingError{Setting: name, Detail: name + ": unknown field (setting names are case-sensitive)"})
			continue
		}
		one, _ := json.Marshal(map[string]json.RawMessage{name: members[name]})
		dec := json.NewDecoder(bytes.NewReader(one))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&s); err != nil {
			errs = append(errs, SettingError{Setting: name, Detail: name + ": " + err.Error()})
		}
	}
	if err := s.Validate(); err != nil {
		for _, e := range unjoin(err) {
			// Validate's messages begin with the setting's name.
			name, _, _ := strings.Cut(e.Error(), " ")
			errs = append(errs, SettingError{Setting: name, Detail: e.Error()})
		}
	}
	return s, errs
}

// settingNames are the JSON names of the settings, exactly.
var settingNames = func() map[string]bool {
	names := map[string]bool{}
	t := reflect.TypeFor[Settings]()
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() {
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
				names[name] = true
			}
		}
	}
	return names
}()

// Clone is a copy of the settings that shares no map or slice with them,
// so that changing or decoding into the copy leaves s as it was (a what-if
// run's settings never reach the settings in force).
func (s Settings) Clone() Settings {
	c := s
	c.NearMatch.Fields = maps.Clone(s.NearMatch.Fields)
	c.SignalPreviousSecrets = slices.Clone(s.SignalPreviousSecrets)
	c.WebhookAllowHosts = slices.Clone(s.WebhookAllowHosts)
	return c
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// joinSettings makes one error of setting errors, nil for none.
func joinSettings(errs []SettingError) error {
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = e
	}
	return errors.Join(out...)
}
