package sqlstore_test

import (
	"context"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestDisableRevokesTokens checks a disabled account's API tokens stay dead
// when the account is enabled again: whoever held them while it was off
// (a leaver's script, a lost laptop) must not get back in.
func TestDisableRevokesTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		MustCreateUser(t, db, "admin@example.com", hitori.RoleAdmin)
		sato := MustCreateUser(t, db, "sato@example.com", hitori.RoleTechnician)
		token, _, err := db.Auth().CreateToken(ctx, sato.ID, "script")
		if err != nil {
			t.Fatal(err)
		}
		for _, off := range []bool{true, false} {
			if _, err := db.Users().UpdateUser(ctx, sato.ID, hitori.UserUpdate{Disabled: &off}); err != nil {
				t.Fatal(err)
			}
		}
		if u, err := db.Auth().FindUserByToken(ctx, token); err == nil {
			t.Fatalf("token of a re-enabled account still signs in as %s", u.Email)
		}
		toks, err := db.Auth().FindTokens(ctx, sato.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(toks) != 1 || toks[0].RevokedAt == nil {
			t.Errorf("tokens after disable: %+v, want the one token revoked", toks)
		}
		if _, _, err := db.Auth().CreateToken(ctx, sato.ID, "new"); err != nil {
			t.Errorf("a new token after re-enabling: %v", err)
		}
	})
}
