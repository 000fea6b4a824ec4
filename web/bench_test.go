package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"hitori"
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
