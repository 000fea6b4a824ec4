package sqlstore_test

import (
	"hitori"
	"hitori/sqlstore"
)

// Each area's store implements its interface (hitori.Stores).
var (
	_ hitori.SettingService   = (*sqlstore.Settings)(nil)
	_ hitori.AuditService     = (*sqlstore.Audit)(nil)
	_ hitori.LoginLinkService = (*sqlstore.LoginLinks)(nil)
	_ hitori.UserService      = (*sqlstore.Users)(nil)
	_ hitori.AuthService      = (*sqlstore.Auth)(nil)
	_ hitori.ArticleStore     = (*sqlstore.Articles)(nil)
	_ hitori.MailLogService   = (*sqlstore.MailLog)(nil)
	_ hitori.Leaser           = (*sqlstore.MailLog)(nil)
	_ hitori.JobQueue         = (*sqlstore.Jobs)(nil)
)
