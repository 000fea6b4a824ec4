package sqlstore_test

import (
	"context"
	"sync"
	"testing"

	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestSQLiteReadersStayOpen: after a burst of concurrent reads every reader
// connection stays open for the next one (issue 14: database/sql kept 2 of
// 8 idle, so under load connections were closed and reopened, mapping and
// all, request after request).
func TestSQLiteReadersStayOpen(t *testing.T) {
	db := storetest.Open(t, sqlstore.SQLite)
	ctx := context.Background()
	const readers = 8
	start := make(chan struct{})
	var wg sync.WaitGroup
	var held sync.WaitGroup
	held.Add(readers)
	for range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Hold a connection until all eight are held at once.
			rows, err := db.RawReadForTest(ctx, `SELECT 1`)
			if err != nil {
				t.Error(err)
				held.Done()
				return
			}
			held.Done()
			<-start
			rows.Close()
		}()
	}
	held.Wait()
	close(start)
	wg.Wait()
	st := db.ReadPoolStatsForTest()
	if st.OpenConnections != readers || st.Idle != readers || st.MaxIdleClosed != 0 {
		t.Fatalf("after %d concurrent reads: %d open, %d idle, %d closed for lack of idle room; want all %[1]d kept",
			readers, st.OpenConnections, st.Idle, st.MaxIdleClosed)
	}
}
