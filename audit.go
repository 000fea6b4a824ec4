package hitori

import (
	"context"
	"time"
)

// Audit actions recorded for security review.
const (
	AuditLogin          = "login"
	AuditLoginFailed    = "login.failed"
	AuditLockout        = "login.locked"
	AuditLogout         = "logout"
	AuditSetup          = "setup"
	AuditUserCreate     = "user.create"
	AuditUserUpdate     = "user.update"
	AuditRoleChange     = "user.role"
	AuditPasswordChange = "user.password"
	AuditTOTPEnable     = "totp.enable"
	AuditTOTPDisable    = "totp.disable"
	AuditRecoveryUsed   = "totp.recovery_used"
	AuditTokenCreate    = "token.create"
	AuditTokenRevoke    = "token.revoke"
	AuditBackup         = "backup"
	AuditRestore        = "restore"

	AuditArticleDelete     = "article.delete"
	AuditArticleFile       = "article.file"
	AuditArticleFileDelete = "article.file_delete"
	AuditArticleFromItem   = "article.from_item"
	AuditSettingsSynonyms  = "settings.synonyms"
	AuditSettingsWork      = "settings.work"
	AuditJobRetry          = "job.retry"
	AuditJobCancel         = "job.cancel"
	AuditAssetDelete       = "asset.delete"
	AuditSettingsReport    = "settings.report"
)

// AuditActions lists actions for the filter menu.
var AuditActions = []string{AuditLogin, AuditLoginFailed, AuditLockout, AuditLogout, AuditSetup,
	AuditUserCreate, AuditUserUpdate, AuditRoleChange, AuditPasswordChange, AuditTOTPEnable,
	AuditTOTPDisable, AuditRecoveryUsed, AuditTokenCreate, AuditTokenRevoke, AuditBackup, AuditRestore,
	AuditArticleDelete, AuditArticleFile, AuditArticleFileDelete, AuditArticleFromItem, AuditSettingsSynonyms, AuditSettingsWork, AuditJobRetry, AuditJobCancel,
	AuditAssetDelete, AuditSettingsReport,
	AuditLicenseKey, AuditLicenseDelete,
	AuditSystemCreate, AuditSystemUpdate, AuditSystemDelete, AuditVendorCreate, AuditVendorUpdate, AuditVendorDelete,
	AuditContractCreate, AuditContractUpdate, AuditContractDelete, AuditContractFile, AuditContractFileRm, AuditCalendarToken,
	AuditHandoverExport, AuditStandinGrant, AuditStandinRevoke, AuditStandinLink, AuditStandinExpire,
	AuditChannelCreate, AuditChannelUpdate, AuditChannelDelete, AuditChannelTest,
	AuditAlertRule, AuditOnCall, AuditIncidentAck, AuditWindows, AuditDutyComplete, AuditDutyDelete}

// AuditEvent is one security-relevant action.
type AuditEvent struct {
	ID         int64
	At         time.Time
	ActorID    *int64
	ActorEmail string
	Action     string
	Target     string
	IP         string
	Detail     string
}

// AuditFilter selects audit events, newest first.
type AuditFilter struct {
	Action string
	Actor  string // e-mail substring
	Since  time.Time
	Until  time.Time
	Offset int
	Limit  int
}

// AuditService records and reads the audit log.
type AuditService interface {
	RecordAudit(ctx context.Context, e *AuditEvent) error
	FindAuditEvents(ctx context.Context, f AuditFilter) ([]*AuditEvent, int, error)
}
