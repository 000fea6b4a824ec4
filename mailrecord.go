package hitori

import (
	"context"
	"time"
)

// MailAction is what mail intake did with a message.
type MailAction string

// Mail actions, as printed by `hitori mail ingest` and stored in mail_received.
const (
	MailCreated  MailAction = "created"
	MailAppended MailAction = "appended"
	MailIgnored  MailAction = "ignored"
)

// ReceivedMail is the record of one received Message-ID: the admin's log of
// what came in, what was ignored and why, and where the original is.
type ReceivedMail struct {
	MessageID  string
	Action     MailAction
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

// Limits on the files a colleague sends from the portal with one item or
// one reply: a few screenshots from a phone, not an archive.
const (
	MaxPortalFiles    = 5
	MaxPortalFileSize = 10 << 20
)

// OutgoingMail is a message hitori sent (or is sending) about an item.
type OutgoingMail struct {
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

// Outgoing mail statuses.
const (
	OutgoingSending = "sending"
	OutgoingSent    = "sent"
	OutgoingFailed  = "failed"
)

// MailTx writes one received message's records in one transaction.
// CreateItem and AddEvent claim the Message-ID: a second claim, even from
// another process, is ECONFLICT.
type MailTx interface {
	// CreateItem stores a new item as the system (see ItemService).
	CreateItem(ctx context.Context, it *Item) error
	// AddEvent appends an e-mail or a note (see ItemService).
	AddEvent(ctx context.Context, e *Event) error
	// ReopenItem moves a resolved item, or one waiting for its requester, to
	// in progress and records the change; other statuses stay. It returns
	// the status the item had.
	ReopenItem(ctx context.Context, id int64) (Status, error)
	AddAttachment(ctx context.Context, a *Attachment) error
	// RecordReceived stores r; a Message-ID already recorded is ECONFLICT.
	RecordReceived(ctx context.Context, r *ReceivedMail) error
	// MarkOutgoing sets the status of a sent message and returns its item,
	// or ENOTFOUND when hitori did not send it.
	MarkOutgoing(ctx context.Context, messageID, status, detail string) (int64, error)
}
