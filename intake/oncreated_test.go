package intake_test

import (
	"context"
	"testing"

	"hitori/intake"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestOnCreated: the acknowledgement hook fires once per new item, never for
// appends, ignored mail or a message ingested again.
func TestOnCreated(t *testing.T) {
	db := storetest.Open(t, sqlstore.SQLite)
	var created []int64
	p := intake.New(storeOf(db), intake.Options{DataDir: t.TempDir(), OnCreated: func(_ context.Context, id int64) { created = append(created, id) }})
	ctx := context.Background()
	for _, name := range []string{"10_thread_1_original.eml", "11_thread_2_reply.eml", "14_auto_reply_ooo.eml", "10_thread_1_original.eml"} {
		if _, err := p.Ingest(ctx, mustRead(t, name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if len(created) != 1 {
		t.Fatalf("hook called for %v, want exactly the one new item", created)
	}
}
