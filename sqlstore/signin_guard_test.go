package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// answer is what a sign-in attempt tells the caller: its code and message key.
func answer(err error) string {
	if err == nil {
		return "ok"
	}
	e, _ := hitori.AsError(err)
	if e == nil {
		return err.Error()
	}
	return e.Code + " " + e.Key
}

// TestSigninGuard checks the password lockout: known and unknown accounts
// answer alike, a stranger's address is slowed more and more while the
// owner elsewhere still signs in, and many addresses together meet a
// higher per-account ceiling.
func TestSigninGuard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		MustCreateUser(t, db, "owner@example.com", hitori.RoleAdmin)
		max := db.Lockout.MaxFailures
		const stranger, office = "203.0.113.9", "192.0.2.10"

		t.Run("known and unknown accounts answer alike", func(t *testing.T) {
			var seen [2][]string
			for i, email := range []string{"owner@example.com", "nobody@example.com"} {
				for range max + 1 {
					_, err := db.Auth().Authenticate(ctx, email, "wrong-password", stranger)
					seen[i] = append(seen[i], answer(err))
				}
				_, err := db.Auth().Authenticate(ctx, email, "password123", stranger)
				seen[i] = append(seen[i], answer(err))
			}
			if fmt.Sprint(seen[0]) != fmt.Sprint(seen[1]) {
				t.Fatalf("known account answered %v,\nunknown account %v", seen[0], seen[1])
			}
			if got, want := seen[0][max-1], hitori.ETOOMANY+" error.locked"; got != want {
				t.Errorf("failure %d answered %q, want %q", max, got, want)
			}
		})
		t.Run("the owner elsewhere still signs in", func(t *testing.T) {
			if _, err := db.Auth().Authenticate(ctx, "owner@example.com", "password123", office); err != nil {
				t.Fatalf("owner from the office: %v", err)
			}
		})
		t.Run("the stranger's wait grows", func(t *testing.T) {
			now = now.Add(2 * time.Minute) // past the first wait
			_, err := db.Auth().Authenticate(ctx, "owner@example.com", "wrong-password", stranger)
			if hitori.ErrorCode(err) != hitori.ETOOMANY {
				t.Fatalf("failure after the first wait: %v, want a longer wait", err)
			}
			now = now.Add(time.Minute + 30*time.Second)
			if _, err := db.Auth().Authenticate(ctx, "owner@example.com", "password123", stranger); hitori.ErrorCode(err) != hitori.ETOOMANY {
				t.Fatalf("90 s into the doubled (2 min) wait: %v, want still locked", err)
			}
			now = now.Add(db.Lockout.LockFor)
			if _, err := db.Auth().Authenticate(ctx, "owner@example.com", "password123", stranger); err != nil {
				t.Fatalf("after the longest wait: %v", err)
			}
		})
		t.Run("many addresses meet the account's ceiling", func(t *testing.T) {
			now = now.Add(2 * time.Hour) // everything forgotten
			var err error
			for i := 0; err == nil || hitori.ErrorCode(err) == hitori.EUNAUTHORIZED; i++ {
				if i > 20*max {
					t.Fatalf("no ceiling after %d failures from as many addresses", i)
				}
				_, err = db.Auth().Authenticate(ctx, "owner@example.com", "wrong-password", fmt.Sprintf("198.51.100.%d", i))
			}
			if _, err := db.Auth().Authenticate(ctx, "owner@example.com", "password123", office); hitori.ErrorCode(err) != hitori.ETOOMANY {
				t.Fatalf("owner at the ceiling: %v, want ETOOMANY", err)
			}
			now = now.Add(db.Lockout.LockFor + time.Second)
			if _, err := db.Auth().Authenticate(ctx, "owner@example.com", "password123", office); err != nil {
				t.Fatalf("owner after the ceiling's wait: %v", err)
			}
		})
	})
}

// TestSecondFactorGuard checks wrong second-factor codes are counted per
// account in the database: from any address, after a few the account's
// second factor is refused for a while, other accounts unaffected.
func TestSecondFactorGuard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		a := MustCreateUser(t, db, "a@example.com", hitori.RoleAdmin)
		b := MustCreateUser(t, db, "b@example.com", hitori.RoleAdmin)
		max := db.Lockout.MaxFailures
		for i := 1; i <= max; i++ {
			err := db.Auth().CheckSecondFactor(ctx, a.ID, "000000", fmt.Sprintf("192.0.2.%d", i))
			want := hitori.EINVALID
			if i == max {
				want = hitori.ETOOMANY
			}
			if got := hitori.ErrorCode(err); got != want {
				t.Fatalf("wrong code %d: %v, want %s", i, err, want)
			}
		}
		if err := db.Auth().CheckSecondFactor(ctx, a.ID, "000000", "192.0.2.99"); hitori.ErrorCode(err) != hitori.ETOOMANY {
			t.Errorf("after the lock, from a new address: %v, want ETOOMANY", err)
		}
		if err := db.Auth().CheckSecondFactor(ctx, b.ID, "000000", "192.0.2.1"); hitori.ErrorCode(err) != hitori.EINVALID {
			t.Errorf("another account: %v, want EINVALID", err)
		}
		// After the wait one more guess is allowed, and a wrong one locks again.
		now = now.Add(db.Lockout.LockFor + time.Second)
		if err := db.Auth().CheckSecondFactor(ctx, a.ID, "000000", "192.0.2.1"); hitori.ErrorCode(err) != hitori.ETOOMANY {
			t.Errorf("wrong code after the wait: %v, want ETOOMANY", err)
		}
		now = now.Add(time.Minute)
		if err := db.Auth().CheckSecondFactor(ctx, a.ID, "000000", "192.0.2.1"); hitori.ErrorCode(err) != hitori.ETOOMANY {
			t.Errorf("a minute later: %v, want ETOOMANY", err)
		}
	})
}
