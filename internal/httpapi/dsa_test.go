package httpapi_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"standing/internal/apitest"
	"standing/internal/dsa"
	"standing/internal/store"
)

// checkStatement validates one statement of reasons, as JSON, against the
// Transparency Database's rules (dsa.Validate) and returns its puid.
func checkStatement(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var st dsa.Statement
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"content_type", "decision_visibility"} {
		if l, ok := st[k].([]any); ok {
			ss := make([]string, len(l))
			for i, c := range l {
				ss[i], _ = c.(string)
			}
			st[k] = ss
		}
	}
	if errs := dsa.Validate(st); len(errs) > 0 {
		t.Errorf("%s: %v", raw, errs)
	}
	p, _ := st["puid"].(string)
	return p
}

// TestDSAStatementsExport checks GET /v1/dsa/statements: every statement of
// reasons of the window as the list envelope of API.md, in pages of at most
// 100 with a cursor, each item valid for the Transparency Database and
// equal to GET /v1/notices/{id}/dsa, with its puid.
func TestDSAStatementsExport(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		from := e.Svc.Now().Add(-time.Second)
		var accounts []string
		for range 3 {
			accounts = append(accounts, e.Signup(true, nil))
		}
		for i := range 105 {
			e.S("POST", "/v1/accounts/"+accounts[i%3]+"/sanctions", map[string]any{"rule": "V6", "action": "warning", "reason": "contact details"}).Want(t, 201)
		}
		e.S("POST", "/v1/accounts/"+accounts[0]+"/sanctions", map[string]any{"rule": "V5", "action": "suspension", "reason": "off-platform payment"}).Want(t, 201)
		e.S("POST", "/v1/accounts/"+accounts[1]+"/sanctions", map[string]any{"rule": "I3", "action": "ban", "reason": "minor"}).Want(t, 201)
		e.Advance("1h")
		to := e.Svc.Now().Add(-30 * time.Minute)
		e.S("POST", "/v1/accounts/"+accounts[2]+"/sanctions", map[string]any{"rule": "V9", "action": "warning", "reason": "after the window"}).Want(t, 201)

		window := "from=" + url.QueryEscape(from.Format(time.RFC3339Nano)) + "&to=" + url.QueryEscape(to.Format(time.RFC3339Nano))
		seen := map[string]bool{}
		cursor, pages := "", 0
		for {
			r := e.S("GET", "/v1/dsa/statements?"+window+"&limit=150&cursor="+cursor, nil).Want(t, 200)
			pages++
			var page struct {
				Data       []json.RawMessage `json:"data"`
				NextCursor *string           `json:"next_cursor"`
			}
			if err := json.Unmarshal(r.Raw, &page); err != nil {
				t.Fatal(err)
			}
			if len(page.Data) > 100 {
				t.Fatalf("a page of %d", len(page.Data))
			}
			for _, item := range page.Data {
				puid := checkStatement(t, item)
				if seen[puid] {
					t.Fatalf("puid %s twice", puid)
				}
				seen[puid] = true
			}
			if page.NextCursor == nil {
				break
			}
			cursor = *page.NextCursor
		}
		if pages != 2 || len(seen) < 107 {
			t.Fatalf("%d pages, %d statements; want 2 pages and every notice of the window", pages, len(seen))
		}
		for _, a := range accounts {
			for _, n := range e.S("GET", "/v1/accounts/"+a+"/notices?limit=200", nil).Want(t, 200).Get("data").([]any) {
				nm := n.(map[string]any)
				inWindow := nm["rule"] != "V9"
				if seen[nm["id"].(string)] != inWindow {
					t.Errorf("notice %s (%s): exported %v, want %v", nm["id"], nm["rule"], seen[nm["id"].(string)], inWindow)
				}
			}
		}
		// API.md Lists: "?limit= (1 to 200, default 50)"; the export's own
		// row only caps a page at 100, so without a limit a page is 50.
		if n := e.S("GET", "/v1/dsa/statements?"+window, nil).Want(t, 200).Len("data"); n != 50 {
			t.Fatalf("a page without ?limit= holds %d statements, want the default 50", n)
		}
		one := e.S("GET", "/v1/dsa/statements?"+window+"&limit=1", nil).Want(t, 200)
		single := e.S("GET", "/v1/notices/"+one.Str("data.0.puid")+"/dsa", nil).Want(t, 200)
		got, _ := json.Marshal(one.Get("data.0"))
		want, _ := json.Marshal(single.Body)
		if string(got) != string(want) {
			t.Fatalf("export item differs from the single statement:\n%s\n%s", got, want)
		}
		e.I("GET", "/v1/dsa/statements", nil).Want(t, 403, "forbidden_role")
		e.S("GET", "/v1/dsa/statements?from=yesterday", nil).Want(t, 400, "invalid_request")
		e.S("GET", "/v1/dsa/statements?"+strings.Replace(window, "from=", "to=", 1)+"&from=2099-01-01T00:00:00Z", nil).Want(t, 400, "invalid_request")
	})
}

// TestDSASourceOfAReport: a sanction decided on a member's report is a
// decision taken on a notice (DSA art. 17(3)(b)): its notice says it was
// reported and its statement's source_type is a notification; a sanction
// staff decided on their own initiative is voluntary (section 9, E2).
func TestDSASourceOfAReport(t *testing.T) {
	apitest.Engines(t, func(t *testing.T, open func() *store.DB) {
		e := apitest.Start(t, open(), nil)
		reported, reporter := e.Signup(true, nil), e.Signup(false, nil)
		c := e.I("POST", "/v1/cases", map[string]any{"kind": "report", "account_id": reported, "channel": "web", "body": "sells copied logos"},
			"Acting-Account", reporter).Want(t, 201).Str("id")
		e.S("POST", "/v1/cases/"+c+"/resolution", map[string]any{"outcome": "action", "rule": "V9", "reason": "The logos are another studio's work."}).Want(t, 200)
		n := e.I("GET", "/v1/accounts/"+reported+"/notices", nil, "Acting-Account", reported).Want(t, 200)
		if n.Str("data.0.rule") != "V9" || n.Get("data.0.reported") != true {
			t.Fatalf("the notice of an actioned report: %s", n.Raw)
		}
		st := e.S("GET", "/v1/notices/"+n.Str("data.0.id")+"/dsa", nil).Want(t, 200)
		checkStatement(t, st.Raw)
		if st.Str("source_type") != "SOURCE_TYPE_OTHER_NOTIFICATION" || strings.Contains(string(st.Raw), reporter) {
			t.Fatalf("statement of an actioned report: %s", st.Raw)
		}

		own := e.Signup(true, nil)
		s := e.S("POST", "/v1/accounts/"+own+"/sanctions", map[string]any{"rule": "V9", "action": "warning", "reason": "found by staff"}).Want(t, 201)
		if st := e.S("GET", "/v1/notices/"+s.Str("notice.id")+"/dsa", nil).Want(t, 200); st.Str("source_type") != "SOURCE_VOLUNTARY" {
			t.Fatalf("statement of staff's own decision: %s", st.Raw)
		}
	})
}
