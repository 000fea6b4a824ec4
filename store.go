package hitori

import "context"

// LoginLinkService keeps one-time e-mail sign-in links.
type LoginLinkService interface {
	// CreateLoginLink returns a new link token for userID (only its hash is kept).
	CreateLoginLink(ctx context.Context, userID int64, ip string) (string, error)
	// ConsumeLoginLink spends a token and returns its user.
	ConsumeLoginLink(ctx context.Context, token string) (*User, error)
}

// ItemLinkService keeps the links between items and articles.
type ItemLinkService interface {
	LinkArticle(ctx context.Context, itemID, articleID int64) error
	UnlinkArticle(ctx context.Context, itemID, articleID int64) error
	FindItemArticles(ctx context.Context, itemID int64) ([]*Article, error)
	FindArticleItems(ctx context.Context, articleID int64) ([]*Item, error)
}

// CannedReplyService keeps the department's canned replies.
type CannedReplyService interface {
	ListCannedReplies(ctx context.Context) ([]*CannedReply, error)
	FindCannedReply(ctx context.Context, id int64) (*CannedReply, error)
	CreateCannedReply(ctx context.Context, c *CannedReply) error
	UpdateCannedReply(ctx context.Context, c *CannedReply) error
	DeleteCannedReply(ctx context.Context, id int64) error
}

// SavedFilterService keeps the saved item-list filters.
type SavedFilterService interface {
	ListSavedFilters(ctx context.Context) ([]*SavedFilter, error)
	SaveFilter(ctx context.Context, f *SavedFilter) error
	DeleteSavedFilter(ctx context.Context, id int64) error
}

// MailLogService keeps the files on items and the log of received mail.
type MailLogService interface {
	FindAttachments(ctx context.Context, itemID int64) ([]*Attachment, error)
	FindItemAttachment(ctx context.Context, itemID, id int64) (*Attachment, error)
	// FindPortalAttachments and FindPortalAttachment are the requester's
	// view: files of their own item that came with the opening message or
	// a public event, never an original .eml; anything else is ENOTFOUND.
	FindPortalAttachments(ctx context.Context, itemID int64) ([]*Attachment, error)
	FindPortalAttachment(ctx context.Context, itemID, id int64) (*Attachment, error)
	// AddPortalAttachment records a file (already in the blob store) that
	// the signed-in user sent with their own item or their own reply.
	AddPortalAttachment(ctx context.Context, a *Attachment) error
	FindIgnoredMail(ctx context.Context, reason string, offset, limit int) ([]*ReceivedMail, int, error)
	FindReceivedMail(ctx context.Context, action MailAction, offset, limit int) ([]*ReceivedMail, error)
}

// SettingService keeps named settings (the SLA calendar, the synonym list).
type SettingService interface {
	// GetSetting returns a stored value, or ENOTFOUND.
	GetSetting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// ArticleStore is the knowledge-base area's storage.
type ArticleStore interface {
	ArticleService
	ArticleFileService
	SelfServiceStats
}

// ItemViewService remembers when colleagues last read their items on the
// portal, for the portal list's "new reply" mark.
type ItemViewService interface {
	// MarkItemSeen records now as the signed-in user's last view of their
	// own item; another's item is ENOTFOUND.
	MarkItemSeen(ctx context.Context, itemID int64) error
	// FindUnreadItems reports which of ids, the signed-in user's own items,
	// have a reply from someone else since the user last viewed them.
	FindUnreadItems(ctx context.Context, ids []int64) (map[int64]bool, error)
}

// ItemStore is the work area's storage: items and what hangs off them.
type ItemStore interface {
	ItemService
	ItemViewService
	ItemLinkService
	CannedReplyService
	SavedFilterService
	// SetItemOutbox installs the work service's outbox rules once, at
	// wiring: every later item change consults them in its transaction.
	SetItemOutbox(ItemOutbox)
}

// Pinger reports whether storage answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Stores are hitori's storage, one field per area; sqlstore.DB.Stores
// fills every field, and cmd/hitori and the tests build services from it.
type Stores struct {
	Users      UserService
	Auth       AuthService
	LoginLinks LoginLinkService
	Audit      AuditService
	Articles   ArticleStore
	Items      ItemStore
	MailLog    MailLogService
	Settings   SettingService
	Health     Pinger
	Jobs       JobQueue
	Assets     AssetStore
	Vault      VaultStore
	Monitors   MonitorStore
	Handover   HandoverStore
	Incidents  IncidentStore
	Channels   ChannelStore
	Duties     DutyStore
	Standins   StandinStore
	Reports    ReportStore
}

// JobQueue is the background-job queue as the areas and the admin page see
// it; the engine (package jobs) claims and runs what is queued.
type JobQueue interface {
	Enqueue(ctx context.Context, j *Job) error
	List(ctx context.Context, f JobFilter) ([]*Job, error)
	Counts(ctx context.Context) ([]JobCount, error)
	Retry(ctx context.Context, id int64) error
	Cancel(ctx context.Context, id int64) error
	Schedules(ctx context.Context) ([]*Schedule, error)
}
