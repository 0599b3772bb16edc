package console_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"standing/internal/apitest"
)

// linkedPair signs up two accounts that share a payment card: the second
// is suspended under V1 and a linkage_review case opens (M4, V1).
func linkedPair(t *testing.T, e *apitest.Env, card string) (orig, dup, caseID string) {
	t.Helper()
	orig = e.Signup(true, map[string]any{"name": "Original Owner"})
	dup = e.Signup(true, map[string]any{"name": "Second Sign-up"})
	e.I("POST", "/v1/accounts/"+orig+"/signals", map[string]any{"kind": "payment_instrument", "value": card}).Want(t, 200)
	e.I("POST", "/v1/accounts/"+dup+"/signals", map[string]any{"kind": "payment_instrument", "value": card}).Want(t, 200)
	caseID = e.S("GET", "/v1/cases?kind=linkage_review&account_id="+dup, nil).Str("data.0.id")
	if caseID == "" {
		t.Fatal("no linkage_review case opened")
	}
	return orig, dup, caseID
}

// TestQueueShowsMembersDueTimesAndViewCounts: the queue names the member,
// status, rule, age and time left, sorted due first, with the counts of
// "open + in review", "mine" and "unassigned"; "assign to me" moves a case
// to "mine" without losing it from the default view.
func TestQueueShowsMembersDueTimesAndViewCounts(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	first := e.Signup(true, map[string]any{"name": "Alba First"})
	second := e.Signup(true, map[string]any{"name": "Bruno Second"})
	c1 := e.I("POST", "/v1/cases", map[string]any{"kind": "closure_assistance", "account_id": first, "channel": "chat", "body": "close"}).Want(t, 201).Str("id")
	c2 := e.I("POST", "/v1/cases", map[string]any{"kind": "closure_assistance", "account_id": second, "channel": "chat", "body": "close"}).Want(t, 201).Str("id")
	q := b.get("/console/?view=active&kind=closure_assistance").Body
	if !strings.Contains(q, "Alba First") || !strings.Contains(q, "Bruno Second") || strings.Index(q, c1) > strings.Index(q, c2) {
		t.Fatalf("queue without names or not due first: %s", q)
	}
	for _, col := range []string{">Member<", ">Status<", ">Rule<", ">Age<", ">Time left<"} {
		if !strings.Contains(q, col) {
			t.Errorf("queue has no %s column", col)
		}
	}
	b.follow("/console/cases/"+c2+"/assign", url.Values{"view": {"active"}, "kind": {"closure_assistance"}})
	q = b.get("/console/?view=active&kind=closure_assistance").Body
	if !strings.Contains(q, c2) || !strings.Contains(q, ">you<") {
		t.Fatalf("an assigned case left the default view: %s", q)
	}
	counts := regexp.MustCompile(`view=(\w+)&amp;kind=closure_assistance"[^>]*>[^<]*<span class="pill">(\d+)</span>`).FindAllStringSubmatch(q, -1)
	got := map[string]string{}
	for _, m := range counts {
		got[m[1]] = m[2]
	}
	if got["active"] != "2" || got["mine"] != "1" || got["unassigned"] != "1" {
		t.Fatalf("counts %v", got)
	}
	if mine := b.get("/console/?view=mine&kind=closure_assistance").Body; !strings.Contains(mine, c2) || strings.Contains(mine, c1) {
		t.Fatal("mine does not hold exactly the assigned case")
	}
}

// TestQueuePagesByCursor: a queue longer than a page has a next page that
// continues it, never repeating a case.
func TestQueuePagesByCursor(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	var ids []string
	for i := 0; i < 51; i++ {
		id := e.Signup(true, nil)
		ids = append(ids, e.I("POST", "/v1/cases", map[string]any{"kind": "reactivation", "account_id": id, "channel": "web", "body": "back"}).Want(t, 201).Str("id"))
	}
	p1 := b.get("/console/?view=active&kind=reactivation").Body
	next := regexp.MustCompile(`href="(/console/\?[^"]*cursor=[^"]+)"`).FindStringSubmatch(p1)
	if next == nil || strings.Contains(p1, ids[50]) {
		t.Fatalf("no next page: %v", next)
	}
	p2 := b.get(strings.ReplaceAll(next[1], "&amp;", "&")).Body
	if !strings.Contains(p2, ids[50]) || strings.Contains(p2, ids[49]) {
		t.Fatal("the second page does not continue the first")
	}
}

// TestDecisionIsConfirmedAfterAPreviewOfItsEffects: resolving shows first
// what will happen and the notice the member will read, changes nothing,
// keeps the internal note apart; confirming carries it out and opens the
// next case of the queue.
func TestDecisionIsConfirmedAfterAPreviewOfItsEffects(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	orig, dup, cs := linkedPair(t, e, "card-console-1")
	other := e.Signup(true, nil)
	next := e.I("POST", "/v1/cases", map[string]any{"kind": "linkage_review", "account_id": other, "channel": "web", "body": "x"}).Want(t, 201).Str("id")

	page := b.get("/console/cases/" + cs + "?view=active&kind=linkage_review").Body
	if strings.Contains(page, "<option selected") || strings.Contains(page, " selected>") {
		t.Fatal("an outcome or account is pre-selected")
	}
	if !strings.Contains(page, `<option value="`+orig+`">Original Owner`) || strings.Contains(page, `name="keep_account_id" `+"type") {
		t.Fatalf("keep is not a choice among the case's accounts: %s", page)
	}
	if !strings.Contains(page, "<svg") || !strings.Contains(page, "payment_instrument") {
		t.Fatal("no cluster view of the shared signal")
	}
	form := url.Values{"outcome": {"multiple_accounts"}, "keep_account_id": {orig}, "reason": {"Both accounts are yours."},
		"note": {"family card, confirmed by phone"}, "view": {"active"}, "kind": {"linkage_review"}}
	preview := b.post("/console/cases/"+cs+"/resolve", form)
	if preview.Code != http.StatusOK || !strings.Contains(preview.Body, "becomes banned") || !strings.Contains(preview.Body, "What the member will read") ||
		!strings.Contains(preview.Body, "Both accounts are yours.") {
		t.Fatalf("preview: %d %s", preview.Code, preview.Body)
	}
	if !strings.Contains(preview.Body, `class="note"`) || strings.Count(preview.Body, "family card") != 2 { // shown apart, carried in the form
		t.Fatalf("the internal note is not kept apart: %s", preview.Body)
	}
	if s := e.I("GET", "/v1/accounts/"+dup, nil).Str("status"); s != "suspended" {
		t.Fatalf("the preview acted: %s", s)
	}
	form.Set("confirm", "yes")
	r := b.post("/console/cases/"+cs+"/resolve", form)
	if r.Code != http.StatusSeeOther || !strings.Contains(r.Location, "/console/cases/"+next) {
		t.Fatalf("after resolving: %d %s", r.Code, r.Location)
	}
	if s := e.I("GET", "/v1/accounts/"+dup, nil).Str("status"); s != "banned" {
		t.Fatalf("not carried out: %s", s)
	}
	if strings.Contains(string(e.I("GET", "/v1/accounts/"+dup+"/notices", nil).Raw), "family card") {
		t.Fatal("section 9: the internal note reached a notice")
	}
}

// TestPreviewShowsARefusalWithItsBlockers: a closure over a fraud hold is
// shown as refused with the blocker, with nothing to confirm (L11); a deny
// without a reason is refused before anything is done (section 9).
func TestPreviewShowsARefusalWithItsBlockers(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	id := e.Signup(true, nil)
	e.S("POST", "/v1/accounts/"+id+"/fraud-hold", map[string]any{"reason": "chargebacks"}).Want(t, 200)
	cs := e.I("POST", "/v1/cases", map[string]any{"kind": "closure_assistance", "account_id": id, "channel": "chat", "body": "close it"}).Want(t, 201).Str("id")
	b.get("/console/cases/" + cs)
	r := b.post("/console/cases/"+cs+"/resolve", url.Values{"outcome": {"close"}})
	if !strings.Contains(r.Body, "would be refused") || !strings.Contains(r.Body, "fraud_hold") || strings.Contains(r.Body, `name="confirm"`) {
		t.Fatalf("closure over a blocker: %s", r.Body)
	}
	r = b.post("/console/cases/"+cs+"/resolve", url.Values{"outcome": {"decline"}, "confirm": {"yes"}})
	if r.Code != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "reason_required") {
		t.Fatalf("decline without a reason: %d", r.Code)
	}
}

// TestAppealCaseShowsTheNoticeAndDenyNeedsAReason: the appealed notice is
// inline with a link to it and its DSA view; deny with a reason tells the
// member that reason.
func TestAppealCaseShowsTheNoticeAndDenyNeedsAReason(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	id := e.Signup(true, nil)
	n := e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V7", "action": "warning", "reason": "asked for five stars"}).Want(t, 201).Str("notice.id")
	cs := e.I("POST", "/v1/cases", map[string]any{"kind": "appeal", "account_id": id, "channel": "web", "body": "I only asked for honesty", "notice_id": n},
		"Acting-Account", id).Want(t, 201).Str("id")
	page := b.get("/console/cases/" + cs).Body
	if !strings.Contains(page, `href="/console/notices/`+n+`"`) || !strings.Contains(page, "asked for five stars") {
		t.Fatal("the appealed notice is not inline with a link")
	}
	if dsa := b.get("/console/notices/" + n).Body; !strings.Contains(dsa, "DSA statement of reasons") {
		t.Fatal("no DSA view of the notice")
	}
	b.post("/console/cases/"+cs+"/resolve", url.Values{"outcome": {"deny"}, "reason": {"The message offered a discount."}})
	b.post("/console/cases/"+cs+"/resolve", url.Values{"outcome": {"deny"}, "reason": {"The message offered a discount."}, "confirm": {"yes"}})
	if f := e.I("GET", "/v1/accounts/"+id+"/notices", nil).Str("data.0.facts"); !strings.Contains(f, "offered a discount") {
		t.Fatalf("member reads: %s", f)
	}
}

// TestHeldMessageIsShownMarkedAndReleased: the held messages queue shows
// the text with its findings marked; releasing delivers it (V5).
func TestHeldMessageIsShownMarkedAndReleased(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	from, to := e.Signup(true, map[string]any{"name": "Held Sender"}), e.Signup(false, nil)
	m := e.I("POST", "/v1/messages", map[string]any{"from_account_id": from, "to_account_id": to, "body": "Let's skip the fees, pay me via PayPal"},
		"Acting-Account", from).Want(t, 201).Str("message.id")
	page := b.get("/console/messages").Body
	if !strings.Contains(page, m) || !strings.Contains(page, "<mark") || !strings.Contains(page, "Held Sender") {
		t.Fatalf("held messages: %s", page)
	}
	if r := b.post("/console/messages/"+m+"/review", url.Values{"outcome": {"uphold"}}); r.Code != http.StatusBadRequest {
		t.Fatalf("uphold without a reason: %d", r.Code)
	}
	if r := b.follow("/console/messages/"+m+"/review", url.Values{"outcome": {"release"}}); strings.Contains(r.Body, `id="m-`+m) {
		t.Fatal("a released message still waits")
	}
	if s := e.S("GET", "/v1/messages?status=held&account_id="+from, nil).Len("data"); s != 0 {
		t.Fatalf("still held: %d", s)
	}
}

// TestBulkResolveTakesOneKindAndConfirms: cases of one kind resolved with
// one outcome are previewed case by case, then carried out.
func TestBulkResolveTakesOneKindAndConfirms(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	var ids []string
	for i := 0; i < 2; i++ {
		id := e.Signup(true, nil)
		ids = append(ids, e.I("POST", "/v1/cases", map[string]any{"kind": "new_account_request", "account_id": id, "channel": "web", "body": "new"}).Want(t, 201).Str("id"))
	}
	odd := e.I("POST", "/v1/cases", map[string]any{"kind": "closure_assistance", "account_id": e.Signup(true, nil), "channel": "web", "body": "x"}).Want(t, 201).Str("id")
	b.get("/console/?view=active&kind=new_account_request")
	if r := b.post("/console/bulk/resolve", url.Values{"case": {ids[0], odd}, "outcome": {"deny"}, "reason": {"r"}}); r.Code != http.StatusBadRequest {
		t.Fatalf("mixed kinds: %d", r.Code)
	}
	form := url.Values{"case": ids, "outcome": {"deny"}, "reason": {"No closure in good standing."}, "view": {"active"}, "kind": {"new_account_request"}}
	if r := b.post("/console/bulk/resolve", form); !strings.Contains(r.Body, "Confirm and carry out") {
		t.Fatalf("no confirmation: %s", r.Body)
	}
	if s := e.S("GET", "/v1/cases/"+ids[0], nil).Str("status"); s != "open" {
		t.Fatalf("the preview resolved: %s", s)
	}
	form.Set("confirm", "yes")
	b.post("/console/bulk/resolve", form)
	for _, id := range ids {
		if s := e.S("GET", "/v1/cases/"+id, nil).Str("status"); s != "resolved" {
			t.Fatalf("%s is %s", id, s)
		}
	}
	b.get("/console/?view=unassigned")
	b.follow("/console/bulk/assign", url.Values{"case": {odd}, "view": {"unassigned"}})
	if a := e.S("GET", "/v1/cases/"+odd, nil).Str("assignee"); a == "" {
		t.Fatal("bulk assign assigned nobody")
	}
}

// TestAccountPageFormatsMoneyAndOffersStaffActions: money as dollars, the
// closure preflight's blockers, fraud hold, verification request.
func TestAccountPageFormatsMoneyAndOffersStaffActions(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	id := e.Signup(true, nil)
	b.follow("/console/accounts/"+id+"/fraud-hold", url.Values{"hold": {"place"}, "reason": {"chargebacks"}})
	page := b.get("/console/accounts/" + id).Body
	if !strings.Contains(page, "$0.00") || strings.Contains(page, "¢") || !strings.Contains(page, "fraud_hold") || !strings.Contains(page, "Lift the fraud hold") {
		t.Fatalf("account page: %s", page)
	}
	b.follow("/console/accounts/"+id+"/fraud-hold", url.Values{"hold": {"lift"}})
	b.follow("/console/accounts/"+id+"/verification-request", nil)
	if e.I("GET", "/v1/accounts/"+id, nil).Get("fraud_hold") != false {
		t.Fatal("the hold was not lifted")
	}
	if r := b.get("/console/accounts?q=" + id); r.Code != http.StatusSeeOther {
		t.Fatalf("search by id does not open the account: %d", r.Code)
	}
}

// TestSelfDisclosureConfirmsLinkedAccountsTogether: staff confirm from the
// case's accounts which are the member's own (M7); the preview closes them
// and keeps the chosen one, and the confirmation carries the choice.
func TestSelfDisclosureConfirmsLinkedAccountsTogether(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	main, second := e.Signup(true, map[string]any{"name": "Discloser"}), e.Signup(true, map[string]any{"name": "Old Account"})
	cs := e.I("POST", "/v1/cases", map[string]any{"kind": "self_disclosure", "account_id": main, "channel": "chat", "body": "I have two",
		"related_account_ids": []string{second}}).Want(t, 201).Str("id")
	if page := b.get("/console/cases/" + cs).Body; !strings.Contains(page, `name="linked_account_ids" value="`+second+`"`) {
		t.Fatal("no choice of the accounts to confirm")
	}
	form := url.Values{"outcome": {"keep"}, "keep_account_id": {main}, "linked_account_ids": {second}}
	p := b.post("/console/cases/"+cs+"/resolve", form)
	if !strings.Contains(p.Body, "Old Account ("+second+") is closed") || !strings.Contains(p.Body, `name="linked_account_ids" value="`+second+`"`) {
		t.Fatalf("preview: %s", p.Body)
	}
	form.Set("confirm", "yes")
	b.post("/console/cases/"+cs+"/resolve", form)
	if s := e.I("GET", "/v1/accounts/"+second, nil).Str("status"); s != "closed" {
		t.Fatalf("the confirmed account is %s", s)
	}
}

// TestAccountsAreFoundByPhone: a phone number, with its country code or
// as a local number of a country, finds the accounts that reported it.
func TestAccountsAreFoundByPhone(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	id := e.Signup(true, map[string]any{"name": "Phone Person"})
	e.I("POST", "/v1/accounts/"+id+"/signals", map[string]any{"kind": "phone", "value": "+1 415 555 0199"}).Want(t, 200)
	for _, q := range []url.Values{{"q": {"+1 (415) 555-0199"}}, {"q": {"415 555 0199"}, "country": {"us"}}} {
		if page := b.get("/console/accounts?" + q.Encode()).Body; !strings.Contains(page, id) {
			t.Errorf("%v does not find the account: %s", q, page)
		}
	}
	if page := b.get("/console/accounts?" + url.Values{"q": {"+1 212 555 0100"}}.Encode()).Body; strings.Contains(page, id) {
		t.Error("another number finds the account")
	}
}

// TestRefusedActionShowsItsProblem: an action the service refuses shows the
// problem with its code, not a crash; the screening tester marks findings.
func TestRefusedActionShowsItsProblem(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	id := e.Signup(true, nil)
	e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V4", "action": "ban", "reason": "fraud"}).Want(t, 201)
	b.get("/console/accounts/" + id)
	r := b.post("/console/accounts/"+id+"/sanction", url.Values{"rule": {"V5"}, "action": {"suspension"}, "reason": {"x"}})
	if r.Code != http.StatusConflict || !strings.Contains(r.Body, "invalid_transition") {
		t.Fatalf("sanction on a banned account: %d %s", r.Code, r.Body)
	}
	if page := b.get("/console/screen?" + url.Values{"text": {"mail me at ana dot ruiz at gmail dot com"}}.Encode()).Body; !strings.Contains(page, "ana.ruiz@gmail.com") || !strings.Contains(page, "<mark") {
		t.Fatalf("screening page: %s", page)
	}
}

// TestTimelinePagesKeepTheQueue: the case page's timeline pages by cursor
// and its next page keeps the queue the case was opened from.
func TestTimelinePagesKeepTheQueue(t *testing.T) {
	e, srv := start(t)
	b := newBrowser(t, srv)
	b.signIn(e.Staff)
	id := e.Signup(true, nil)
	cs := e.I("POST", "/v1/cases", map[string]any{"kind": "closure_assistance", "account_id": id, "channel": "chat", "body": "x"}).Want(t, 201).Str("id")
	for i := 0; i < 30; i++ { // each warning writes audit events
		e.S("POST", "/v1/accounts/"+id+"/sanctions", map[string]any{"rule": "V7", "action": "warning", "reason": "r"}).Want(t, 201)
	}
	page := b.get("/console/cases/" + cs + "?view=mine&kind=closure_assistance").Body
	next := regexp.MustCompile(`href="([^"]*tl=[^"]+)" rel="next"`).FindStringSubmatch(page)
	if next == nil || !strings.Contains(next[1], "view=mine") || !strings.Contains(next[1], "kind=closure_assistance") {
		t.Fatalf("timeline pager: %v", next)
	}
	if r := b.get(strings.ReplaceAll(next[1], "&amp;", "&")); r.Code != http.StatusOK || !strings.Contains(r.Body, "notice issued") {
		t.Fatalf("second timeline page: %d", r.Code)
	}
}
