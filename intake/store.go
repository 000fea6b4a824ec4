package intake

import (
	"context"
	"time"

	"hitori"
	"hitori/work"
)

// The records intake writes are domain types (the store keeps them); these
// names keep intake's code and its callers short.
type (
	// Action is what intake did with a message.
	Action = hitori.MailAction
	// Received is the record of one received Message-ID.
	Received = hitori.ReceivedMail
	// Attachment is a file on an item.
	Attachment = hitori.Attachment
	// Outgoing is a message hitori sent (or is sending) about an item.
	Outgoing = hitori.OutgoingMail
	// Tx writes one message's records (see hitori.MailTx).
	Tx = hitori.MailTx
	// Leaser claims named jobs through the database (see hitori.Leaser).
	Leaser = hitori.Leaser
)

// Actions, as printed by `hitori mail ingest` and stored in mail_received.
const (
	Created  = hitori.MailCreated
	Appended = hitori.MailAppended
	Ignored  = hitori.MailIgnored
)

// ReasonUnreadable is the ignore reason of input that is not mail at all;
// the other reasons are mail.Ignore*.
const ReasonUnreadable = "unreadable"

// Outgoing statuses.
const (
	OutSending = hitori.OutgoingSending
	OutSent    = hitori.OutgoingSent
	OutFailed  = hitori.OutgoingFailed
)

// Store is what intake needs from the database. Lookups run outside any
// transaction; everything one message writes goes through InMailTx, so a
// message is either fully recorded or not at all.
type Store interface {
	hitori.ItemService
	// GetSetting and SetSetting keep the work area's SLA settings, which a
	// pipeline built without Options.Work loads.
	work.SettingStore
	UserFinder
	MailStore
}

// UserFinder finds the account a sender's address belongs to.
type UserFinder interface {
	FindUserByEmail(ctx context.Context, email string) (*hitori.User, error)
}

// MailStore is the mail log's part of Store: what intake received and the
// transaction each message is written in.
type MailStore interface {
	// FindReceived returns the record of a Message-ID, or ENOTFOUND.
	FindReceived(ctx context.Context, messageID string) (*Received, error)
	// FindThreadItem returns the item of the first of ids that hitori has
	// received or sent, or ENOTFOUND.
	FindThreadItem(ctx context.Context, ids []string) (int64, error)
	// FindSubjectItem returns the newest open, unmerged item created since
	// the given time from a message of sender with subject key, or ENOTFOUND.
	FindSubjectItem(ctx context.Context, sender, key string, since time.Time) (int64, error)
	// FileInUse reports whether any row refers to a stored file.
	FileInUse(ctx context.Context, sha256 string) (bool, error)
	// InMailTx runs fn in one write transaction, committed when fn returns nil.
	InMailTx(ctx context.Context, fn func(Tx) error) error
	// InMailBatch runs each fn in a savepoint of one write transaction and
	// commits once: a failing fn leaves nothing behind and gets its error at
	// its index. err is a failure of the whole transaction, which then wrote nothing.
	InMailBatch(ctx context.Context, fns []func(Tx) error) (errs []error, err error)
}

// Parts is a Store put together from the area stores that hold its pieces
// (in sqlstore: Items, Settings, Users and MailLog); each embedded store
// supplies its own methods.
type Parts struct {
	hitori.ItemService
	work.SettingStore
	UserFinder
	MailStore
}

var _ Store = Parts{}

// Outbox records the mail hitori sends, so replies to it thread and
// bounces mark it failed.
type Outbox interface {
	// ThreadMessageIDs lists the Message-IDs of an item's thread, oldest first.
	ThreadMessageIDs(ctx context.Context, itemID int64) ([]string, error)
	// RecordOutgoing stores o (status sending) and claims its Message-ID for the item.
	RecordOutgoing(ctx context.Context, o *Outgoing) error
	// SetOutgoingStatus records the outcome of sending.
	SetOutgoingStatus(ctx context.Context, messageID, status, detail string) error
}
