package httpapi

import (
	"testing"

	"standing/internal/service"
	"standing/internal/store"
)

// TestActorOf: the Auth convention of API.md on who is audited: a member
// behind a staff key is the actor (kind staff), an admin key's member is
// recorded as admin, an integration names the acting member.
func TestActorOf(t *testing.T) {
	for _, c := range []struct {
		k      store.Key
		acting string
		want   service.Actor
	}{
		{store.Key{ID: "key_1", Role: "staff", StaffID: "stf_1"}, "", service.Actor{Kind: "staff", ID: "stf_1"}},
		{store.Key{ID: "key_2", Role: "admin", StaffID: "stf_2"}, "", service.Actor{Kind: "admin", ID: "stf_2"}},
		{store.Key{ID: "key_3", Role: "staff"}, "", service.Actor{Kind: "staff", ID: "key_3"}},
		{store.Key{ID: "key_4", Role: "integration"}, "acc_1", service.Actor{Kind: "member", ID: "acc_1"}},
		{store.Key{ID: "key_5", Role: "integration"}, "", service.Actor{Kind: "integration", ID: "key_5"}},
	} {
		if got := actorOf(c.k, c.acting); got != c.want {
			t.Errorf("%+v acting %q: %+v, want %+v", c.k, c.acting, got, c.want)
		}
	}
}
