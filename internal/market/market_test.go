package market_test

import (
	"strings"
	"testing"
	"time"

	"standing/internal/market"
	"standing/internal/problem"
)

func TestWeekStart(t *testing.T) {
	for in, want := range map[string]string{
		"2026-11-22T23:59:59Z": "2026-11-16", // Sunday belongs to the week that began Monday
		"2026-11-23T00:00:00Z": "2026-11-23",
		"2026-11-25T12:00:00Z": "2026-11-23",
	} {
		ts, _ := time.Parse(time.RFC3339, in)
		if got := market.WeekStart(ts).Format(time.DateOnly); got != want {
			t.Errorf("%s: %s", in, got)
		}
	}
}

func TestBillingOpenL3(t *testing.T) {
	end := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	c := market.Contract{Kind: "hourly", Status: "ended", EndedAt: &end}
	if !c.BillingOpen() {
		t.Error("week of the end not yet billed")
	}
	billed := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	c.BilledThrough = &billed
	if c.BillingOpen() {
		t.Error("billed week still open")
	}
}

func TestJobSuccessR1(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	r := func(n int) *int { return &n }
	one := []market.Outcome{{ClientID: "o1", EndedAt: now, Rating: r(5), Paid: true}}
	if market.JobSuccess(one, now) != nil {
		t.Error("shown with one client")
	}
	outs := []market.Outcome{
		{ClientID: "o1", EndedAt: now.AddDate(0, -1, 0), Rating: r(5), Paid: true},
		{ClientID: "o2", EndedAt: now.AddDate(0, -2, 0), Rating: r(4), Paid: true},
		{ClientID: "o2", EndedAt: now.AddDate(0, -3, 0), Rating: r(3), Paid: true},
		{ClientID: "o3", EndedAt: now.AddDate(0, -10, 0), Rating: r(1), Paid: true},
		{ClientID: "o3", EndedAt: now.AddDate(0, -20, 0), Paid: false},
	}
	// 6 months: (2-0)/3 = 67; 12: (2-1)/4 = 25; 24: (2-2)/5 = 0 -> best 67.
	if js := market.JobSuccess(outs, now); js == nil || *js != 67 {
		t.Errorf("job success %v", js)
	}
	if !market.TopRated(r(95), 100000, 90, 100000) || market.TopRated(r(95), 99999, 90, 100000) || market.TopRated(r(89), 100000, 90, 100000) || market.TopRated(nil, 100000, 90, 100000) {
		t.Error("R2")
	}
}

func TestMayRemoveL4(t *testing.T) {
	for _, c := range []struct {
		actor, target string
		want          bool
	}{{"owner", "admin", true}, {"admin", "manager", true}, {"manager", "member", true}, {"manager", "admin", false}, {"member", "member", false}, {"admin", "owner", false}} {
		if market.MayRemove(c.actor, c.target) != c.want {
			t.Errorf("%s removes %s", c.actor, c.target)
		}
	}
}

// TestReviewSubjectR1: the freelancer rates the organization's owner, any
// member of the organization rates the freelancer, an outsider is refused,
// and each side reviews a contract once: the client's one rating is what
// Job Success counts (R1).
func TestReviewSubjectR1(t *testing.T) {
	c := &market.Contract{ID: "ctr_1", FreelancerID: "acc_f"}
	org := &market.Team{ID: "org_1", OwnerID: "acc_o", Members: []market.Member{{AccountID: "acc_o", Role: "owner"}, {AccountID: "acc_m", Role: "member"}}}
	byClient := market.Review{AuthorID: "acc_o", SubjectID: "acc_f"}
	byFreelancer := market.Review{AuthorID: "acc_f", SubjectID: "acc_o"}
	for _, tc := range []struct {
		name, author string
		existing     []market.Review
		subject      string
		code         string
	}{
		{"the owner rates the freelancer", "acc_o", nil, "acc_f", ""},
		{"a plain member rates the freelancer", "acc_m", nil, "acc_f", ""},
		{"the freelancer rates the owner", "acc_f", []market.Review{byClient}, "acc_o", ""},
		{"an outsider is not a party", "acc_x", nil, "", "not_member"},
		{"the client side reviewed already", "acc_m", []market.Review{byClient}, "", "conflict"},
		{"the freelancer reviewed already", "acc_f", []market.Review{byClient, byFreelancer}, "", "conflict"},
		{"V8 the owner hired itself and would rate itself", "acc_o", nil, "", "conflict"},
	} {
		c := c
		if strings.HasPrefix(tc.name, "V8") {
			c = &market.Contract{ID: "ctr_2", FreelancerID: tc.author}
		}
		subject, err := market.ReviewSubject(c, org, tc.author, tc.existing)
		code := ""
		if p, ok := problem.As(err); ok {
			code = p.Code
		}
		if subject != tc.subject || code != tc.code {
			t.Errorf("%s: subject %q, error %v", tc.name, subject, err)
		}
	}
}
