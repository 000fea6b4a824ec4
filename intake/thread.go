package intake

import (
	"context"
	"time"

	"hitori"
	"hitori/mail"
)

// maxThreadIDs bounds the ids one message may make us look up; the newest
// references decide, and a hostile References field can list thousands.
const maxThreadIDs = 50

// Keys are what a message offers for threading, strongest first.
type Keys struct {
	IDs     []string // In-Reply-To, then References newest first; unique, without the message's own id
	Tag     int64    // n of a [PREFIX-n] subject tag, 0 when none
	Sender  string   // the requester's address, lower case; "" disables subject matching
	Subject string   // mail.NormalizeSubject of the subject; "" disables subject matching
}

// ThreadKeys extracts the threading keys of m; prefix is the ticket tag
// prefix such as "HD".
func ThreadKeys(m *mail.Message, prefix string) Keys {
	k := Keys{Sender: hitori.NormalizeEmail(m.Requester.Email), Subject: mail.NormalizeSubject(m.Subject)}
	seen := map[string]bool{m.MessageID: true, "": true}
	add := func(id string) {
		if !seen[id] && len(k.IDs) < maxThreadIDs && len(id) <= hitori.MaxMessageIDLen {
			seen[id] = true
			k.IDs = append(k.IDs, id)
		}
	}
	add(m.InReplyTo)
	for i := len(m.References) - 1; i >= 0; i-- {
		add(m.References[i])
	}
	if n, ok := mail.FindTicketTag(m.Subject, prefix); ok {
		k.Tag = int64(n)
	}
	return k
}

// How a message was matched to an item.
const (
	ByReferences = "references"
	ByTag        = "tag"
	BySubject    = "subject"
)

// Match is the item a message belongs to; ItemID 0 means a new item.
type Match struct {
	ItemID int64
	By     string
	// Unverified: the sender may not write on the item (see trusted); the
	// mail is kept as an internal note.
	Unverified bool
}

// finder is the part of Store that threading reads.
type finder interface {
	FindItemByID(ctx context.Context, id int64) (*hitori.Item, error)
	FindThreadItem(ctx context.Context, ids []string) (int64, error)
	FindSubjectItem(ctx context.Context, sender, key string, since time.Time) (int64, error)
}

// findThread applies the threading rules in order: a Message-ID we have
// received or sent, then the subject tag of an existing item, then — for
// mailers that send no usable headers — an open item opened by the same
// sender with the same normalised subject since the given time. Subject
// text alone never joins mail from different senders.
func findThread(ctx context.Context, f finder, k Keys, since time.Time) (Match, error) {
	if len(k.IDs) > 0 {
		id, err := f.FindThreadItem(ctx, k.IDs)
		if err == nil {
			return follow(ctx, f, id, ByReferences)
		}
		if hitori.ErrorCode(err) != hitori.ENOTFOUND {
			return Match{}, err
		}
	}
	if k.Tag > 0 {
		m, err := follow(ctx, f, k.Tag, ByTag)
		if err == nil {
			return m, nil
		}
		if hitori.ErrorCode(err) != hitori.ENOTFOUND {
			return Match{}, err
		}
	}
	if k.Sender != "" && k.Subject != "" {
		id, err := f.FindSubjectItem(ctx, k.Sender, k.Subject, since)
		if err == nil {
			return Match{ItemID: id, By: BySubject}, nil
		}
		if hitori.ErrorCode(err) != hitori.ENOTFOUND {
			return Match{}, err
		}
	}
	return Match{}, nil
}

// follow returns the item id, or the item it was merged into, so mail in a
// duplicate's thread lands where the work continues.
func follow(ctx context.Context, f finder, id int64, by string) (Match, error) {
	for hops := 0; ; hops++ {
		it, err := f.FindItemByID(ctx, id)
		if err != nil {
			return Match{}, err
		}
		if it.MergedInto == nil || hops == 5 {
			return Match{ItemID: it.ID, By: by}, nil
		}
		id = *it.MergedInto
	}
}
