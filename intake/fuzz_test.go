package intake

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/mail"
)

// fakeThreads is a small world of items for the threading fuzzer: two
// senders with the same subject, and a duplicate merged into the first.
type fakeThreads struct {
	items map[int64]*hitori.Item
	ids   map[string]int64 // Message-ID → item
	keys  map[int64][2]string
}

func newFakeThreads() *fakeThreads {
	merged := int64(1)
	return &fakeThreads{
		items: map[int64]*hitori.Item{
			1: {ID: 1, Status: hitori.StatusNew},
			2: {ID: 2, Status: hitori.StatusInProgress},
			3: {ID: 3, Status: hitori.StatusClosed, MergedInto: &merged},
		},
		ids:  map[string]int64{"m1@x": 1, "m2@x": 2, "m3@x": 3, "out1@helpdesk": 1},
		keys: map[int64][2]string{1: {"a@x", "vpnに接続できません"}, 2: {"b@x", "vpnに接続できません"}},
	}
}

func (f *fakeThreads) FindItemByID(_ context.Context, id int64) (*hitori.Item, error) {
	if it, ok := f.items[id]; ok {
		return it, nil
	}
	return nil, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
}

func (f *fakeThreads) FindThreadItem(_ context.Context, ids []string) (int64, error) {
	for _, id := range ids {
		if it, ok := f.ids[id]; ok {
			return it, nil
		}
	}
	return 0, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
}

func (f *fakeThreads) FindSubjectItem(_ context.Context, sender, key string, _ time.Time) (int64, error) {
	for id, k := range f.keys {
		if k[0] == sender && strings.EqualFold(k[1], key) && f.items[id].Status.Open() {
			return id, nil
		}
	}
	return 0, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
}

// FuzzThread checks the threading decision for any headers: it is
// deterministic, prefers Message-IDs, then tags, and joins by subject only
// mail of the same sender; it never lands on a merged duplicate.
func FuzzThread(f *testing.F) {
	f.Add("Re: VPNに接続できません", "a@x", "<zz@x>", "<m1@x>")
	f.Add("Re: VPNに接続できません", "c@x", "", "")
	f.Add("RE: [HD-3] VPN", "b@x", "", "")
	f.Add("=?iso-2022-jp?b?UmU6IFZQThskQiRLQFxCMyRHJC0kXiQ7JHMbKEI=?=", "=?utf-8?b?5LqV5LiK?= <b@x>", "<out1@helpdesk>", "")
	f.Add("Fw: [hd-2]", "\"x\" <A@X>", "m2@x m1@x", "<m3@x> <m2@x>")
	f.Add("", "", "<>", "<m1@x")
	f.Fuzz(func(t *testing.T, subject, from, inReplyTo, references string) {
		raw := "From: " + from + "\r\nSubject: " + subject + "\r\nMessage-ID: <self@x>\r\nIn-Reply-To: " + inReplyTo +
			"\r\nReferences: " + references + "\r\n\r\nbody\r\n"
		msg, err := mail.Parse([]byte(raw), mail.Limits{})
		if err != nil {
			return
		}
		k := ThreadKeys(msg, "HD")
		if len(k.IDs) > maxThreadIDs {
			t.Fatalf("%d ids", len(k.IDs))
		}
		seen := map[string]bool{}
		for _, id := range k.IDs {
			if id == "" || id == msg.MessageID || seen[id] {
				t.Fatalf("ids %q: empty, own or repeated id", k.IDs)
			}
			seen[id] = true
		}
		w := newFakeThreads()
		m1, err1 := findThread(context.Background(), w, k, time.Time{})
		m2, err2 := findThread(context.Background(), w, ThreadKeys(msg, "HD"), time.Time{})
		if err1 != nil || err2 != nil || !reflect.DeepEqual(m1, m2) {
			t.Fatalf("not deterministic: %v %v / %v %v", m1, err1, m2, err2)
		}
		if m1.ItemID != 0 && w.items[m1.ItemID].MergedInto != nil {
			t.Fatalf("landed on merged item %d", m1.ItemID)
		}
		known, tagged := false, k.Tag > 0 && w.items[k.Tag] != nil
		for _, id := range k.IDs {
			known = known || w.ids[id] != 0
		}
		switch {
		case known && m1.By != ByReferences:
			t.Fatalf("a known Message-ID in %q but matched by %q", k.IDs, m1.By)
		case !known && tagged && m1.By != ByTag:
			t.Fatalf("tag %d of an existing item but matched by %q", k.Tag, m1.By)
		case m1.By == BySubject:
			if key := w.keys[m1.ItemID]; k.Sender != key[0] || k.Subject == "" || !strings.EqualFold(k.Subject, key[1]) {
				t.Fatalf("subject match of %q/%q joined item %d of %q/%q", k.Sender, k.Subject, m1.ItemID, key[0], key[1])
			}
		case m1.By == "" && m1.ItemID != 0:
			t.Fatalf("item %d without a reason", m1.ItemID)
		}
	})
}
