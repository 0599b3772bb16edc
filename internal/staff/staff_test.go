package staff

import "testing"

func TestCheck(t *testing.T) {
	if bad := Check("ana@example.com", "Ana Ruiz", Agent); len(bad) != 0 {
		t.Fatalf("valid member refused: %v", bad)
	}
	bad := Check("Ana <ana@example.com>", " ", "owner")
	if len(bad) != 3 || bad[0].Field != "email" || bad[1].Field != "name" || bad[2].Field != "role" {
		t.Fatalf("got %v", bad)
	}
}

func TestMayHoldKey(t *testing.T) {
	agent := Member{Role: Agent, Status: Active}
	admin := Member{Role: Admin, Status: Active}
	gone := Member{Role: Admin, Status: Disabled}
	for _, c := range []struct {
		m    Member
		role string
		want bool
	}{
		{agent, "staff", true}, {agent, "admin", false}, {agent, "integration", false},
		{admin, "staff", true}, {admin, "admin", true}, {gone, "staff", false},
	} {
		if got := c.m.MayHoldKey(c.role); got != c.want {
			t.Errorf("%s member, %s key: %v, want %v", c.m.Role, c.role, got, c.want)
		}
	}
}
