package hitori

import "context"

// ItemChange is a change of one item as its transaction is about to
// commit: what the item outbox decides from.
type ItemChange struct {
	Before *Item    // nil when the item is new
	After  *Item    // as stored
	Events []*Event // the timeline entries the change added, with IDs
	Actor  *User    // nil: the system (e-mail intake)
}

// ItemOutbox decides which jobs a change of an item owes — the requester's
// notices today. The store calls it inside the change's transaction and
// enqueues what it returns in that same transaction, so a change and its
// notices commit together or not at all: a crash cannot lose a notice and
// a full queue cannot drop one. It must not do I/O; the jobs do that.
type ItemOutbox func(ctx context.Context, ch ItemChange) []*Job

// JobItemNotice is the kind of the job that mails a requester about their
// item (work.NoticeHandler runs it).
const JobItemNotice = "item.notice"
