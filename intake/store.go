package intake

import (
	"context"
	"time"

	"hitori"
)

// Action is what intake did with a message.
type Action string

// Actions, as printed by `hitori mail ingest` and stored in mail_received.
const (
	Created  Action = "created"
	Appended Action = "appended"
	Ignored  Action = "ignored"
)

// ReasonUnreadable is the ignore reason of input that is not mail at all;
// the other reasons are mail.Ignore*.
const ReasonUnreadable = "unreadable"

// Received is the record of one received Message-ID: the admin's log of
// what came in, what was ignored and why, and where the original is.
type Received struct {
	MessageID  string
	Action     Action
	Reason     string // why it was ignored
	ItemID     int64  // 0 when ignored without an item
	EventID    int64  // the e-mail event of an append
	Sender     string // requester address, lower case
	Subject    string
	SubjectKey string // mail.NormalizeSubject of a created item's subject, for threading
	Detail     string // limits hit, a bounce's diagnostic
	EMLSHA256  string // the original message under Files
	EMLSize    int64
	ReceivedAt time.Time
}

// Attachment is a file on an item, stored once per content under Files.
type Attachment struct {
	ID          int64
	ItemID      int64
	EventID     int64 // 0: the message that opened the item
	Name        string
	ContentType string
	Size        int64
	SHA256      string // "" when the file was over the size limit and not kept
	Original    bool   // the message itself, as received (.eml)
	CreatedAt   time.Time
}

// Outgoing is a message hitori sent (or is sending) about an item.
type Outgoing struct {
	MessageID string
	ItemID    int64
	EventID   int64
	Kind      string // a template name: reply, created, status
	Recipient string
	Subject   string
	Status    string // sending, sent, failed
	Detail    string
	CreatedAt time.Time
}

// Outgoing statuses.
const (
	OutSending = "sending"
	OutSent    = "sent"
	OutFailed  = "failed"
)

// Store is what intake needs from the database. Lookups run outside any
// transaction; everything one message writes goes through InMailTx, so a
// message is either fully recorded or not at all.
type Store interface {
	hitori.ItemService
	FindUserByEmail(ctx context.Context, email string) (*hitori.User, error)
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
}

// Tx writes one message's records. CreateItem and AddEvent claim the
// Message-ID: a second claim, even from another process, is ECONFLICT.
type Tx interface {
	// CreateItem stores a new item as the system (see hitori.ItemService).
	CreateItem(ctx context.Context, it *hitori.Item) error
	// AddEvent appends an e-mail or a note (see hitori.ItemService).
	AddEvent(ctx context.Context, e *hitori.Event) error
	// ReopenItem moves a resolved item, or one waiting for its requester, to
	// in progress and records the change; other statuses stay. It returns
	// the status the item had.
	ReopenItem(ctx context.Context, id int64) (hitori.Status, error)
	AddAttachment(ctx context.Context, a *Attachment) error
	// RecordReceived stores r; a Message-ID already recorded is ECONFLICT.
	RecordReceived(ctx context.Context, r *Received) error
	// MarkOutgoing sets the status of a sent message and returns its item,
	// or ENOTFOUND when hitori did not send it.
	MarkOutgoing(ctx context.Context, messageID, status, detail string) (int64, error)
}

// Leaser claims named jobs through the database, so that of several
// processes sharing it only one runs a job at a time.
type Leaser interface {
	// ClaimLease takes or renews the lease for holder until now+ttl and
	// reports whether holder has it.
	ClaimLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	// ReleaseLease gives the lease up if holder has it.
	ReleaseLease(ctx context.Context, name, holder string) error
}

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
