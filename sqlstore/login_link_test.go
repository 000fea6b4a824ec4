package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestLoginLinks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		sato := MustCreateUser(t, db, "sato@example.com", hitori.RoleRequester)

		token, err := db.LoginLinks().CreateLoginLink(ctx, sato.ID, "192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		u, err := db.LoginLinks().ConsumeLoginLink(ctx, token)
		if err != nil || u.ID != sato.ID {
			t.Fatalf("consume: %v, %v; want sato", u, err)
		}
		if _, err := db.LoginLinks().ConsumeLoginLink(ctx, token); hitori.ErrorCode(err) != hitori.EUNAUTHORIZED {
			t.Fatalf("second use: %v, want EUNAUTHORIZED", err)
		}
		if _, err := db.LoginLinks().ConsumeLoginLink(ctx, "nonsense"); hitori.ErrorCode(err) != hitori.EUNAUTHORIZED {
			t.Fatalf("unknown token: %v, want EUNAUTHORIZED", err)
		}

		old, err := db.LoginLinks().CreateLoginLink(ctx, sato.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(sqlstore.LoginLinkTTL + time.Second)
		if _, err := db.LoginLinks().ConsumeLoginLink(ctx, old); hitori.ErrorCode(err) != hitori.EUNAUTHORIZED {
			t.Fatalf("expired: %v, want EUNAUTHORIZED", err)
		}

		for i := 0; i < sqlstore.MaxLoginLinksOutstanding; i++ {
			if _, err := db.LoginLinks().CreateLoginLink(ctx, sato.ID, ""); err != nil {
				t.Fatalf("link %d: %v", i+1, err)
			}
		}
		if _, err := db.LoginLinks().CreateLoginLink(ctx, sato.ID, ""); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Fatalf("one too many: %v, want ECONFLICT", err)
		}
		now = now.Add(sqlstore.LoginLinkTTL + time.Second) // the old ones expire and make room
		if _, err := db.LoginLinks().CreateLoginLink(ctx, sato.ID, ""); err != nil {
			t.Fatalf("after expiry: %v", err)
		}
	})
}
