package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/auth"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// BenchmarkSignedInPage measures one signed-in page view through the whole
// middleware chain and template, without the network.
func BenchmarkSignedInPage(b *testing.B) {
	db := storetest.Open(b, sqlstore.SQLite)
	u := &hitori.User{Email: "a@example.com", Role: hitori.RoleViewer}
	if err := db.Users().CreateUser(context.Background(), u, "password123"); err != nil {
		b.Fatal(err)
	}
	token, _, err := db.Auth().CreateSession(context.Background(), u.ID, false, "127.0.0.1", "bench")
	if err != nil {
		b.Fatal(err)
	}
	srv, err := New(Config{Database: db.Dialect}, mustServices(b, db), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest("GET", "/", nil)
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
			req.AddCookie(&http.Cookie{Name: csrfCookie, Value: "0123456789abcdef0123456789abcdef"})
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Fatalf("status %d", w.Code)
			}
		}
	})
}

// BenchmarkWorkPages measures the work pages a technician opens most (the
// board, the default list with text, the same by assignee, and the search
// box) through the middleware chain and templates, without the network, on
// the database HITORI_BENCH_DATA names (seeded by bench/items.sh; a SQLite
// file or a postgres:// URL), or a small fresh one. Profile with
// -cpuprofile to see where a page's time goes.
func BenchmarkWorkPages(b *testing.B) {
	ctx := context.Background()
	var db *sqlstore.DB
	if dsn := os.Getenv("HITORI_BENCH_DATA"); dsn != "" {
		var err error
		if db, err = sqlstore.Open(ctx, dsn); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		db.Hasher = auth.Hasher{P: auth.TestParams}
	} else {
		db = storetest.Open(b, sqlstore.SQLite)
	}
	u := &hitori.User{Email: fmt.Sprintf("bench-%d@example.com", time.Now().UnixNano()), Role: hitori.RoleTechnician}
	if err := db.Users().CreateUser(ctx, u, "password123"); err != nil {
		b.Fatal(err)
	}
	token, _, err := db.Auth().CreateSession(ctx, u.ID, false, "127.0.0.1", "bench")
	if err != nil {
		b.Fatal(err)
	}
	srv, err := New(Config{Database: db.Dialect}, mustServices(b, db), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	q := url.QueryEscape("プリンター")
	for _, path := range []string{"/work", "/work/items?q=" + q, "/work/items?q=" + q + "&assignee=2", "/work/items",
		"/api/v1/search?q=" + q, "/api/v1/search?q=" + q + "&kind=item", "/api/v1/items?q=" + q} {
		b.Run(strings.NewReplacer("/", "_", "?", "_").Replace(path), func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := httptest.NewRequest("GET", path, nil)
					req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
					req.AddCookie(&http.Cookie{Name: csrfCookie, Value: "0123456789abcdef0123456789abcdef"})
					w := httptest.NewRecorder()
					srv.ServeHTTP(w, req)
					if w.Code != http.StatusOK {
						b.Fatalf("%s: status %d", path, w.Code)
					}
				}
			})
		})
	}
}
