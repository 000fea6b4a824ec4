package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if _, err := db.Settings().GetSetting(ctx, "work.settings"); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Fatalf("missing key: err %v, want ENOTFOUND", err)
		}
		for _, v := range []string{"first", "二番目 — 年末年始\n12-29..01-03"} {
			if err := db.Settings().SetSetting(ctx, "work.settings", v); err != nil {
				t.Fatalf("set %q: %v", v, err)
			}
			got, err := db.Settings().GetSetting(ctx, "work.settings")
			if err != nil || got != v {
				t.Fatalf("get after set: %q, %v; want %q", got, err, v)
			}
		}

		admin := MustCreateUser(t, db, "admin@example.com", hitori.RoleAdmin)
		tech := MustCreateUser(t, db, "tech@example.com", hitori.RoleTechnician)
		tests := []struct {
			name       string
			user       *hitori.User
			key, value string
			code       string
		}{
			{"admin may", admin, "k", "v", ""},
			{"technician may not", tech, "k", "v", hitori.EFORBIDDEN},
			{"empty key", nil, " ", "v", hitori.EINVALID},
			{"value too long", nil, "k", strings.Repeat("x", 256<<10+1), hitori.EINVALID},
			{"invalid UTF-8", nil, "k", "\xff", hitori.EINVALID},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				c := ctx
				if tt.user != nil {
					c = hitori.NewContextWithUser(ctx, tt.user)
				}
				err := db.Settings().SetSetting(c, tt.key, tt.value)
				if got := hitori.ErrorCode(err); err != nil && got != tt.code || err == nil && tt.code != "" {
					t.Fatalf("SetSetting: %v, want code %q", err, tt.code)
				}
			})
		}
		if got, _ := db.Settings().GetSetting(ctx, "k"); got != "v" {
			t.Fatalf("k = %q after the refused writes, want v", got)
		}
	})
}
