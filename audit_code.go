package hitori

import "strings"

// Audit details and targets that hitori writes itself are stored as stable
// codes, which are also message-catalogue keys, so the audit page shows them
// in the reader's language. A code's arguments follow it, separated by tabs
// (see AuditCode). Rows written before the codes hold English free text; the
// page shows those, and user data such as an e-mail address or an article
// title, as they are.
const (
	DetailPassword        = "detail.password"          // signed in with a password
	DetailPasswordTOTP    = "detail.password_totp"     // … and a second factor
	DetailEmailLink       = "detail.email_link"        // signed in through a link by e-mail
	DetailSetup           = "detail.setup"             // signed in by finishing the setup
	DetailFirstAdmin      = "detail.first_admin"       // the account the setup created
	DetailBadPassword     = "detail.bad_password"      // a wrong password, or a disabled account
	DetailUnknownAccount  = "detail.unknown_account"   // no account has the address typed
	DetailLocked          = "detail.locked"            // refused while sign-in is paused
	DetailSigninPaused    = "detail.signin_paused"     // too many failures: sign-in paused
	DetailBadSecondFactor = "detail.bad_second_factor" // a wrong TOTP or recovery code
	DetailSecondPaused    = "detail.second_paused"     // too many wrong codes: paused
	DetailSelf            = "detail.self"              // the user changed their own password
	DetailResetByAdmin    = "detail.reset_by_admin"    // an administrator set the password
	DetailRole            = "detail.role"              // args: role
	DetailRoleChange      = "detail.role_change"       // args: old role, new role
	DetailDisabled        = "detail.disabled"          // the account was disabled (or renamed while disabled)
	DetailEnabled         = "detail.enabled"           // the account is enabled
	DetailRules           = "detail.rules"             // args: how many synonym rules
	DetailBackup          = "detail.backup"            // args: bytes, files

	TargetWorkSettings = "target.work_settings" // the work area's settings
	TargetSynonyms     = "target.synonyms"      // the search synonym list
	TargetArticle      = "target.article"       // args: article id
	TargetItemArticle  = "target.item_article"  // args: item id, article id
	TargetJob          = "target.job"           // args: job id
)

// ActorCLI names the command line where a person's address would be: as the
// actor of audit rows and the author of article revisions it writes.
const ActorCLI = "cli"

// AuditCode joins a detail or target code and its arguments for storage.
func AuditCode(code string, args ...string) string {
	return strings.Join(append([]string{code}, args...), "\t")
}

// SplitAuditCode returns the code and arguments of a stored detail or
// target, and ok false when s is free text (old rows, user data).
func SplitAuditCode(s string) (code string, args []string, ok bool) {
	parts := strings.Split(s, "\t")
	if !strings.HasPrefix(parts[0], "detail.") && !strings.HasPrefix(parts[0], "target.") {
		return "", nil, false
	}
	return parts[0], parts[1:], true
}

// AuditCodes lists every detail and target code, for the catalogue tests.
var AuditCodes = []string{DetailPassword, DetailPasswordTOTP, DetailEmailLink, DetailSetup, DetailFirstAdmin,
	DetailBadPassword, DetailUnknownAccount, DetailLocked, DetailSigninPaused, DetailBadSecondFactor,
	DetailSecondPaused, DetailSelf, DetailResetByAdmin, DetailRole, DetailRoleChange, DetailDisabled,
	DetailEnabled, DetailRules, DetailBackup, TargetWorkSettings, TargetSynonyms, TargetArticle,
	TargetItemArticle, TargetJob}
