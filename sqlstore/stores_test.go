package sqlstore_test

import (
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// Each area's store implements its interface (hitori.Stores).
var (
	_ hitori.SettingService   = (*sqlstore.Settings)(nil)
	_ hitori.AuditService     = (*sqlstore.Audit)(nil)
	_ hitori.LoginLinkService = (*sqlstore.LoginLinks)(nil)
	_ hitori.UserService      = (*sqlstore.Users)(nil)
	_ hitori.AuthService      = (*sqlstore.Auth)(nil)
	_ hitori.ArticleStore     = (*sqlstore.Articles)(nil)
	_ hitori.ItemStore        = (*sqlstore.Items)(nil)
	_ hitori.MailLogService   = (*sqlstore.MailLog)(nil)
	_ hitori.Leaser           = (*sqlstore.MailLog)(nil)
	_ hitori.JobQueue         = (*sqlstore.Jobs)(nil)
)

// Items is one value per DB: the outbox that wiring installs through
// Stores().Items must be the one every later caller's changes consult.
func TestItemsShared(t *testing.T) {
	db := storetest.Open(t, sqlstore.SQLite)
	if a, b, c := db.Items(), db.Items(), db.Stores().Items; a != b || hitori.ItemStore(a) != c {
		t.Fatalf("db.Items() gave %p, %p and Stores().Items %p; want one value", a, b, c)
	}
}
