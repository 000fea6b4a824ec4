package memo

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func newCache() *Cache[string, int] {
	return &Cache[string, int]{TTL: 2 * time.Second, Stale: 2 * time.Second, Size: 8}
}

// computing reports whether key is being computed.
func (c *Cache[K, V]) computing(key K) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.inflight[key] != nil
}

func waitComputing(t *testing.T, c *Cache[string, int], key string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !c.computing(key); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for the computation to start")
		}
	}
}

func value(v int) func() (int, error) { return func() (int, error) { return v, nil } }

// TestLoadComputesOnce: requests that need the same value at once share
// one computation; a value that only aged is handed out while one request
// computes its successor; after a write nobody gets a value of before it;
// a failed computation is not kept and does not fail the requests that
// waited for it.
func TestLoadComputesOnce(t *testing.T) {
	ctx := context.Background()
	t.Run("concurrent misses share one computation", func(t *testing.T) {
		c := newCache()
		var computed atomic.Int32
		release := make(chan struct{})
		var wg sync.WaitGroup
		got := make([]int, 8)
		for i := range got {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i], _ = c.Load(ctx, "board", 1, func() (int, error) {
					computed.Add(1)
					<-release
					return 42, nil
				})
			}()
		}
		waitComputing(t, c, "board")
		time.Sleep(20 * time.Millisecond) // let the others reach the wait
		close(release)
		wg.Wait()
		if n := computed.Load(); n != 1 {
			t.Errorf("%d computations for 8 requests at once, want 1", n)
		}
		for i, v := range got {
			if v != 42 {
				t.Errorf("request %d got %d, want 42", i, v)
			}
		}
	})
	t.Run("aged value served while it is computed again", func(t *testing.T) {
		c := newCache()
		c.Load(ctx, "board", 1, value(1))
		c.mu.Lock()
		e := c.entries["board"]
		e.at = e.at.Add(-c.TTL - time.Millisecond)
		c.entries["board"] = e
		c.mu.Unlock()
		release := make(chan struct{})
		done := make(chan int)
		go func() {
			v, _ := c.Load(ctx, "board", 1, func() (int, error) { <-release; return 2, nil })
			done <- v
		}()
		waitComputing(t, c, "board")
		if v, _ := c.Load(ctx, "board", 1, func() (int, error) { t.Error("a second computation of the same key"); return 0, nil }); v != 1 {
			t.Errorf("during the computation: got %d, want the aged 1", v)
		}
		close(release)
		if v := <-done; v != 2 {
			t.Errorf("the computing request got %d, want 2", v)
		}
		if v, _ := c.Load(ctx, "board", 1, func() (int, error) { t.Error("computed again though fresh"); return 0, nil }); v != 2 {
			t.Errorf("afterwards: got %d, want 2", v)
		}
	})
	t.Run("after a write nothing of before it", func(t *testing.T) {
		c := newCache()
		c.Load(ctx, "board", 1, value(1))
		release := make(chan struct{})
		go c.Load(ctx, "board", 1, func() (int, error) { <-release; return 1, nil }) // an older computation under way
		v, _ := c.Load(ctx, "board", 2, value(3))
		close(release)
		if v != 3 {
			t.Errorf("after a write: got %d, want 3 (computed after it)", v)
		}
	})
	t.Run("a failed computation is not kept", func(t *testing.T) {
		c := newCache()
		release := make(chan struct{})
		failed := make(chan error)
		go func() {
			_, err := c.Load(ctx, "board", 1, func() (int, error) { <-release; return 0, errors.New("request ended") })
			failed <- err
		}()
		waitComputing(t, c, "board")
		waiter := make(chan int)
		go func() {
			v, _ := c.Load(ctx, "board", 1, value(5))
			waiter <- v
		}()
		time.Sleep(20 * time.Millisecond)
		close(release)
		if err := <-failed; err == nil {
			t.Error("the failed computation's own request got no error")
		}
		if v := <-waiter; v != 5 {
			t.Errorf("the waiting request got %d, want 5 (its own computation)", v)
		}
		if v, _ := c.Load(ctx, "board", 1, value(6)); v != 5 {
			t.Errorf("afterwards: got %d, want the kept 5", v)
		}
	})
	t.Run("a waiting request's own end", func(t *testing.T) {
		c := newCache()
		release := make(chan struct{})
		defer close(release)
		go c.Load(ctx, "board", 1, func() (int, error) { <-release; return 1, nil })
		waitComputing(t, c, "board")
		ended, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := c.Load(ended, "board", 1, value(2)); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}
