// Package dsa renders a notice as a statement of reasons for the EU Digital
// Services Act Transparency Database (the body of its POST /api/v1/statement)
// and checks statements against that database's rules. A statement carries
// no personal data: no names, ids of members, text they wrote or signals.
package dsa

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"standing/internal/notice"
	"standing/internal/policy"
)

// Statement is the flat JSON object of a statement of reasons.
type Statement map[string]any

// categories maps a rule to the database's statement category.
func category(rule string) string {
	switch rule {
	case "V2", "V4", "V5", "V8", "V10":
		return "STATEMENT_CATEGORY_SCAMS_AND_FRAUD"
	case "I3":
		return "STATEMENT_CATEGORY_PROTECTION_OF_MINORS"
	case "V9":
		return "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS"
	case "V3":
		return "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE"
	}
	return "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"
}

func ymd(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// Render turns a notice into a statement of reasons. source names how the
// decision started: "automated" detection, a member's "report", or "staff".
func Render(n notice.Notice, source string) Statement {
	r, _ := policy.Lookup(n.Rule)
	title := r.Title
	if title == "" {
		title = n.Rule
	}
	s := Statement{
		"decision_ground":                  "DECISION_GROUND_INCOMPATIBLE_CONTENT",
		"incompatible_content_ground":      "Terms of service, account policy rule " + n.Rule + " (" + title + ")",
		"incompatible_content_explanation": explanation(n, title),
		"incompatible_content_illegal":     "No",
		"category":                         category(n.Rule),
		"application_date":                 ymd(n.CreatedAt),
		"decision_facts":                   facts(n, title),
		"automated_detection":              yesNo(n.AutomatedDetection),
		"automated_decision":               automation(n),
		"puid":                             n.ID,
		"source_type":                      "SOURCE_VOLUNTARY",
		"account_type":                     "ACCOUNT_TYPE_PRIVATE",
	}
	if source == "report" {
		s["source_type"] = "SOURCE_TYPE_OTHER_NOTIFICATION"
	}
	content := n.CreatedAt
	if n.ContentDate != nil {
		content = *n.ContentDate
	}
	s["content_date"] = ymd(content)
	text := slices.ContainsFunc(n.Evidence, func(e notice.Evidence) bool { return e.Type == "text_span" })
	if text {
		s["content_type"] = []string{"CONTENT_TYPE_TEXT"}
	} else {
		s["content_type"] = []string{"CONTENT_TYPE_OTHER"}
		s["content_type_other"] = "member account"
	}
	switch {
	case n.Action == notice.Ban:
		s["decision_account"] = "DECISION_ACCOUNT_TERMINATED"
	case n.Action == notice.Suspension:
		s["decision_account"] = "DECISION_ACCOUNT_SUSPENDED"
		if n.RespondBy != nil {
			s["end_date_account_restriction"] = ymd(*n.RespondBy)
		}
	case n.Monetary:
		s["decision_monetary"] = "DECISION_MONETARY_SUSPENSION"
	case n.Action == notice.Restriction:
		s["decision_provision"] = "DECISION_PROVISION_PARTIAL_SUSPENSION"
		if n.EndsAt != nil {
			s["end_date_service_restriction"] = ymd(*n.EndsAt)
		}
	case text:
		s["decision_visibility"] = []string{"DECISION_VISIBILITY_CONTENT_REMOVED"}
	default:
		s["decision_visibility"] = []string{"DECISION_VISIBILITY_OTHER"}
		s["decision_visibility_other"] = strings.ReplaceAll(n.Action, "_", " ") + " recorded on the account"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func automation(n notice.Notice) string {
	switch {
	case n.AutomatedDecision && n.AutomatedDetection:
		return "AUTOMATED_DECISION_FULLY"
	case n.AutomatedDecision || n.AutomatedDetection:
		return "AUTOMATED_DECISION_PARTIALLY"
	}
	return "AUTOMATED_DECISION_NOT_AUTOMATED"
}

// explanation and facts are built from structured fields only, never from
// free text that could hold personal data.
func explanation(n notice.Notice, title string) string {
	return fmt.Sprintf("The account policy forbids %s (rule %s). The decision was: %s.", strings.ToLower(title), n.Rule, strings.ReplaceAll(n.Action, "_", " "))
}

func facts(n notice.Notice, title string) string {
	var cats []string
	kinds := 0
	for _, e := range n.Evidence {
		if e.Category != "" && !slices.Contains(cats, e.Category) {
			cats = append(cats, e.Category)
		}
		if e.Type == "link" {
			kinds++
		}
	}
	f := fmt.Sprintf("Decision %q under rule %s (%s).", n.Action, n.Rule, title)
	if len(cats) > 0 {
		f += " Screening of text written on the platform found: " + strings.Join(cats, ", ") + "."
	}
	if kinds > 0 {
		f += fmt.Sprintf(" The account shares identifying signals with %d other account(s).", kinds)
	}
	if n.AutomatedDetection {
		f += " Detected automatically."
	}
	if len(f) > 5000 {
		f = f[:5000]
	}
	return f
}

var (
	puidRE = regexp.MustCompile(`^[a-zA-Z0-9-_]+$`)
	dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// Validate checks a statement against the database's rules and returns
// every problem found.
func Validate(s Statement) []string {
	var errs []string
	str := func(k string) string { v, _ := s[k].(string); return v }
	for _, k := range []string{"decision_ground", "category", "content_date", "application_date", "decision_facts", "source_type",
		"automated_detection", "automated_decision", "puid"} {
		if str(k) == "" {
			errs = append(errs, k+" is required")
		}
	}
	if ct, ok := s["content_type"].([]string); !ok || len(ct) == 0 {
		errs = append(errs, "content_type must be a non-empty array")
	}
	for _, k := range []string{"content_date", "application_date", "end_date_account_restriction", "end_date_service_restriction"} {
		if v := str(k); v != "" && !dateRE.MatchString(v) {
			errs = append(errs, k+" must be Y-m-d")
		}
	}
	if len(str("decision_facts")) > 5000 {
		errs = append(errs, "decision_facts is longer than 5000")
	}
	if !puidRE.MatchString(str("puid")) {
		errs = append(errs, "puid has characters outside [a-zA-Z0-9-_]")
	}
	if v := str("automated_detection"); v != "Yes" && v != "No" {
		errs = append(errs, "automated_detection must be Yes or No")
	}
	if !slices.Contains([]string{"AUTOMATED_DECISION_FULLY", "AUTOMATED_DECISION_PARTIALLY", "AUTOMATED_DECISION_NOT_AUTOMATED"}, str("automated_decision")) {
		errs = append(errs, "automated_decision is not a known value")
	}
	if s["decision_visibility"] == nil && str("decision_monetary") == "" && str("decision_provision") == "" && str("decision_account") == "" {
		errs = append(errs, "at least one decision_visibility, decision_monetary, decision_provision or decision_account is required")
	}
	if str("decision_ground") == "DECISION_GROUND_INCOMPATIBLE_CONTENT" && (str("incompatible_content_ground") == "" || str("incompatible_content_explanation") == "") {
		errs = append(errs, "incompatible content needs its ground and explanation")
	}
	if !strings.HasPrefix(str("category"), "STATEMENT_CATEGORY_") {
		errs = append(errs, "category is not a statement category")
	}
	return errs
}
