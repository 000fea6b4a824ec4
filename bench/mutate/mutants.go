package main

// mutant is one planted bug: Search (which must occur exactly once in
// File) is replaced by Replace, and the tests of Package (filtered by Run
// when the whole package is slow) should then fail.
type mutant struct {
	Name    string
	Set     string // security, access, intake, mail, sla, sanitise
	File    string
	Search  string
	Replace string
	Package string
	Run     string // go test -run; empty runs the whole package
}

// Test selections for the slow packages (sqlstore and intake take minutes
// in full on PostgreSQL and SQLite).
const (
	runStoreAuth   = "^(TestAuthenticate|TestLockout|TestSessions|TestAPITokens|TestTOTP)$"
	runStoreItems  = "^(TestItemPermissions|TestItemNextOrderAndFilters)$"
	runThreading   = "^(TestThreadingRules|TestReferencesBeforeTag|TestNoSenderNoSubjectMatch|TestSamples)$"
	runIdempotency = "^(TestIngestTwice|TestConcurrentSameMessage|TestCrashThenRerun|TestIngestFiles)$"
)

// mutants are the planted bugs. "security" covers sign-in, sessions, CSRF,
// redirects, the access table, requester visibility, TOTP, tokens and
// lockout, and must score 100 %.
//
// Equivalent mutants (no behaviour changes) are left out rather than counted
// as survivors; for example, narrowing safeNext's control-character check to
// CR and LF changes nothing, because url.Parse refuses every control byte too.
var mutants = []mutant{
	// Passwords and token hashes.
	{"verify-uses-current-params", "security", "auth/password.go",
		"got := idKey(password, d.salt, d.p)",
		"got := idKey(password, d.salt, Params{Memory: h.P.Memory, Time: h.P.Time, Threads: h.P.Threads, KeyLen: d.p.KeyLen})", "./auth", ""},
	{"verify-accepts-any", "security", "auth/password.go",
		"return subtle.ConstantTimeCompare(got, d.key) == 1, nil",
		"return subtle.ConstantTimeCompare(got, d.key) >= 0, nil", "./auth", ""},
	{"hash-time-zero-accepted", "security", "auth/password.go",
		"vals[0] > maxMemory || vals[1] < 1 ||",
		"vals[0] > maxMemory ||", "./auth", ""},
	{"token-hash-truncated", "security", "credential.go",
		"return hex.EncodeToString(sum[:])",
		"return hex.EncodeToString(sum[:4])", ".", ""},

	// TOTP.
	{"totp-wide-window", "security", "auth/totp.go",
		"range []int64{0, -1, 1}",
		"range []int64{0, -1, 1, -10}", "./auth", ""},
	{"totp-enrolment-step-not-stored", "security", "sqlstore/totp.go",
		"totp_enabled = TRUE, totp_last_step = $1, updated_at",
		"totp_enabled = TRUE, totp_last_step = $1 * 0, updated_at", "./sqlstore", runStoreAuth},
	{"recovery-code-reusable", "security", "sqlstore/totp.go",
		"AND code_hash = $3 AND used_at IS NULL",
		"AND code_hash = $3", "./sqlstore", runStoreAuth},

	// Sign-in and lockout.
	{"lockout-one-late", "security", "sqlstore/signin_guard.go",
		"if err != nil || n < after {",
		"if err != nil || n <= after {", "./sqlstore", runStoreAuth},
	{"lockout-not-enforced", "security", "sqlstore/signin_guard.go",
		"return n > 0, nil",
		"return false, nil", "./sqlstore", runStoreAuth},
	{"disabled-user-signs-in", "security", "sqlstore/auth.go",
		"if !ok || disabled {",
		"if !ok {", "./sqlstore", runStoreAuth},

	// Sessions.
	{"session-absolute-ignored", "security", "sqlstore/auth.go",
		"if !now.Before(s.ExpiresAt) || !now.Before(s.LastSeenAt.Add(a.db.Sessions.Idle)) {",
		"if !now.Before(s.LastSeenAt.Add(a.db.Sessions.Idle)) {", "./sqlstore", runStoreAuth},
	{"session-idle-ignored", "security", "sqlstore/auth.go",
		"if !now.Before(s.ExpiresAt) || !now.Before(s.LastSeenAt.Add(a.db.Sessions.Idle)) {",
		"if !now.Before(s.ExpiresAt) {", "./sqlstore", runStoreAuth},
	{"session-of-disabled-user", "security", "sqlstore/auth.go",
		"WHERE s.token_hash = $1 AND u.disabled = FALSE`",
		"WHERE s.token_hash = $1`", "./sqlstore", runStoreAuth},
	{"promote-keeps-pending-token", "security", "sqlstore/auth.go",
		"if err := a.DeleteSession(ctx, token); err != nil {",
		"if err := error(nil); err != nil {", "./sqlstore", runStoreAuth},
	{"pending-2fa-is-signed-in", "security", "web/middleware.go",
		"if !sess.Pending2FA {",
		"if true {", "./web", ""},

	// API tokens.
	{"revoked-token-works", "security", "sqlstore/token.go",
		"WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = FALSE",
		"WHERE t.token_hash = $1 AND u.disabled = FALSE", "./sqlstore", runStoreAuth},
	{"revoke-any-users-token", "security", "sqlstore/token.go",
		"WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
		"WHERE id = $2 AND (user_id = $3 OR TRUE) AND revoked_at IS NULL", "./sqlstore", runStoreAuth},

	// CSRF and redirects.
	{"csrf-token-unchecked", "security", "web/middleware.go",
		"if subtle.ConstantTimeCompare([]byte(sent), []byte(csrfToken(r))) != 1 {",
		"if subtle.ConstantTimeCompare([]byte(sent), []byte(sent)) != 1 {", "./web", ""},
	{"csrf-post-exempt", "security", "web/middleware.go",
		"case http.MethodGet, http.MethodHead, http.MethodOptions:",
		"case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPost:", "./web", ""},
	{"csrf-no-origin-check", "security", "web/middleware.go",
		"cop.Handler(next).ServeHTTP(w, r)",
		"next.ServeHTTP(w, r)", "./web", ""},
	{"safenext-backslash", "security", "web/session.go",
		"c == 0x7f || c == '\\\\' {",
		"c == 0x7f {", "./web", ""},
	{"safenext-protocol-relative", "security", "web/session.go",
		"!strings.HasPrefix(u.Path, \"/\") || strings.HasPrefix(u.Path, \"//\") || strings.HasPrefix(next, \"//\") {",
		"!strings.HasPrefix(u.Path, \"/\") {", "./web", ""},

	// The access table.
	{"access-admin-users-to-staff", "security", "web/routes.go",
		"{\"GET /admin/users\", adminOnly, s.users, false},",
		"{\"GET /admin/users\", staff, s.users, false},", "./web", ""},
	{"access-audit-public", "security", "web/routes.go",
		"{\"GET /admin/audit\", adminOnly, s.auditLog, false},",
		"{\"GET /admin/audit\", signedIn, s.auditLog, false},", "./web", ""},
	{"mayuse-admin-is-staff", "security", "web/nav.go",
		"case adminOnly:\n\t\treturn u.Role == hitori.RoleAdmin",
		"case adminOnly:\n\t\treturn u.Role.IsStaff()", "./web", ""},
	{"authorize-pending-anywhere", "security", "web/middleware.go",
		"if id.session != nil && id.session.Pending2FA {\n\t\t\treturn nil",
		"if id.session != nil {\n\t\t\treturn nil", "./web", ""},

	// Requester visibility.
	{"requester-opens-for-others", "security", "requester.go",
		"if it.RequesterID != nil && *it.RequesterID != u.ID {",
		"if it.RequesterID != nil && *it.RequesterID == 0 {", ".", ""},
	{"requester-sets-assignee", "security", "requester.go",
		"{\"assignee_id\", it.AssigneeID != nil},",
		"{\"assignee_id\", false},", ".", ""},
	{"item-visible-to-any-requester", "security", "item.go",
		"|| it.RequesterID != nil && *it.RequesterID == u.ID",
		"|| it.RequesterID != nil", "./sqlstore", runStoreItems},
	{"item-list-not-scoped", "security", "sqlstore/item_list.go",
		"f.RequesterID = &u.ID",
		"f.RequesterID = f.RequesterID", "./sqlstore", runStoreItems},

	// Mail decoding and classification.
	{"iso2022jp-strict-table", "mail", "mail/charset.go",
		"\tcase csJIS:\n\t\treturn decodeISO2022JP(b)",
		"\tcase csJIS:\n\t\treturn decodeWith(japanese.ISO2022JP, b)", "./mail", ""},
	{"precedence-bulk-missed", "mail", "mail/classify.go",
		"case \"bulk\", \"junk\", \"list\":",
		"case \"junk\", \"list\":", "./mail", ""},
	{"mailer-daemon-missed", "mail", "mail/classify.go",
		"local == \"mailer-daemon\" || ",
		"", "./mail", ""},
	{"loop-overrides-reason", "mail", "mail/classify.go",
		"if loop && m.Ignore == \"\" {",
		"if loop {", "./mail", ""},

	// Threading and idempotency.
	{"tag-before-references", "intake", "intake/thread.go",
		"if len(k.IDs) > 0 {",
		"if len(k.IDs) > 0 && k.Tag == 0 {", "./intake", runThreading},
	{"subject-match-any-sender", "intake", "intake/thread.go",
		"if k.Sender != \"\" && k.Subject != \"\" {",
		"if k.Subject != \"\" {", "./intake", runThreading},
	{"merged-not-followed", "intake", "intake/thread.go",
		"if it.MergedInto == nil || hops == 5 {",
		"if true {", "./intake", ""},
	{"duplicate-not-recognised", "intake", "intake/pipeline.go",
		"\tif ok {\n\t\tpr.done = &r",
		"\tif ok && false {\n\t\tpr.done = &r", "./intake", runIdempotency},

	// SLA arithmetic.
	{"sla-add-boundary", "sla", "sla/business.go",
		"if d <= avail {",
		"if d < avail {", "./sla", ""},
	{"sla-add-ignores-start", "sla", "sla/business.go",
		"\t\t\t\tif from.Before(start) {\n\t\t\t\t\tfrom = start",
		"\t\t\t\tif from.After(start) {\n\t\t\t\t\tfrom = start", "./sla", ""},
	{"sla-between-past-end", "sla", "sla/business.go",
		"if to.After(b) {",
		"if to.Before(b) {", "./sla", ""},
	{"sla-count-public-on-company-day", "sla", "sla/count.go",
		"c.Workdays[weekdayOfNum(d)] && !covers(company, d)",
		"c.Workdays[weekdayOfNum(d)]", "./sla", ""},
	{"sla-count-across-dst", "sla", "sla/count.go",
		"const zoneMargin = 72 * time.Hour",
		"const zoneMargin = 0", "./sla", ""},
	{"sla-count-leap-day-end", "sla", "sla/count.go",
		"return dayNum(Date{y, md.Month + 1, 1}) // 02-29",
		"return dayNum(Date{y, md.Month + 1, 2}) // 02-29", "./sla", ""},
	{"substitute-holiday-pre-2007-rule", "sla", "sla/japan.go",
		"if year >= 2007 {\n\t\t\t// Since 2007 the substitute",
		"if year >= 2027 {\n\t\t\t// Since 2007 the substitute", "./sla", ""},

	// Sanitising.
	{"final-sanitiser-off", "sanitise", "markdown/refs.go",
		"return template.HTML(e.final.SanitizeBytes(buf.Bytes())), headings, nil",
		"return template.HTML(buf.Bytes()), headings, nil", "./markdown", ""},
	{"raw-html-unsanitised", "sanitise", "markdown/render.go",
		"_, err := w.Write(r.policy.SanitizeBytes(raw))",
		"_, err := w.Write(raw)", "./markdown", ""},
}
