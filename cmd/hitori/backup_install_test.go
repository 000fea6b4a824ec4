package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"testing"

	"hitori"
	"hitori/backup"
	"hitori/blob"
	"hitori/intake"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

const mailWithAttachment = "From: Sato <sato@example.com>\r\nTo: it-help@example.com\r\nSubject: printer\r\n" +
	"Message-ID: <m1@example.com>\r\nDate: Mon, 2 Jun 2025 09:00:00 +0900\r\nMIME-Version: 1.0\r\n" +
	"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIt jams.\r\n" +
	"--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"log.bin\"\r\n" +
	"Content-Transfer-Encoding: base64\r\n\r\nAAECAwQFBgcICQ==\r\n--b--\r\n"

// TestRestoreInstallation backs up an installation with an item attachment
// and an article file, restores it into each database, and reads the files back.
func TestRestoreInstallation(t *testing.T) {
	for _, from := range storetest.Dialects {
		for _, to := range storetest.Dialects {
			t.Run(from+"→"+to, func(t *testing.T) {
				ctx := context.Background()
				data := t.TempDir()
				db := storetest.Open(t, from)
				itemID, attSum := mustIngest(t, db, data)
				artSum := mustArticleFile(t, db, data, []byte("article bytes"))
				archive := filepath.Join(t.TempDir(), "hitori.backup")
				m, err := backup.Write(ctx, db, archive, backup.Options{DataDir: data, Dialect: db.Dialect, Version: "test"})
				if err != nil {
					t.Fatal(err)
				}
				if m.Dialect != from || m.Schema < 1 || len(m.Files) != 4 { // database, mail, attachment, article file
					t.Fatalf("manifest = %+v", m)
				}
				target := t.TempDir()
				dsn := storetest.DSN(t, to)
				if to == sqlstore.SQLite {
					dsn = filepath.Join(target, "hitori.db")
				}
				res, err := backup.Restore(ctx, archive, backup.RestoreOptions{DataDir: target, DSN: dsn, RestoreDB: sqlstore.Restore})
				if err != nil {
					t.Fatal(err)
				}
				if res.Files != 3 || res.Rows["article_files"] != 1 {
					t.Errorf("restored %d files, rows %v", res.Files, res.Rows)
				}
				got, err := sqlstore.Open(ctx, dsn)
				if err != nil {
					t.Fatal(err)
				}
				defer got.Close()
				as, err := got.MailLog().FindAttachments(ctx, itemID)
				if err != nil || len(as) != 2 {
					t.Fatalf("attachments = %v, %v", as, err)
				}
				if b := mustOpen(t, blob.At(target, blob.Attachments), attSum); !bytes.Equal(b, []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
					t.Errorf("attachment = %v", b)
				}
				if b := mustOpen(t, blob.At(target, blob.ArticleFiles), artSum); string(b) != "article bytes" {
					t.Errorf("article file = %q", b)
				}
				if left, _ := filepath.Glob(filepath.Join(target, ".restore-*")); len(left) != 0 {
					t.Errorf("left behind: %v", left)
				}
				_, err = backup.Restore(ctx, archive, backup.RestoreOptions{DataDir: target, DSN: dsn, RestoreDB: sqlstore.Restore})
				if hitori.ErrorCode(err) != hitori.ECONFLICT {
					t.Errorf("restore over data: %v, want a conflict", err)
				}
			})
		}
	}
}

// mustIngest files a mail with an attachment the way the mail poller does.
func mustIngest(tb testing.TB, db *sqlstore.DB, data string) (int64, string) {
	tb.Helper()
	p := intake.New(intakeStore(db), intake.Options{DataDir: data})
	res, err := p.Ingest(context.Background(), []byte(mailWithAttachment))
	if err != nil || res.Action != intake.Created {
		tb.Fatalf("ingest = %v, %v", res, err)
	}
	return res.ItemID, blob.Sum([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
}

// mustArticleFile attaches data to a new article the way the upload page does.
func mustArticleFile(tb testing.TB, db *sqlstore.DB, dataDir string, data []byte) string {
	tb.Helper()
	admin := &hitori.User{Email: "admin@example.com", Name: "Admin", Role: hitori.RoleAdmin}
	if err := db.Users().CreateUser(context.Background(), admin, "correct horse battery"); err != nil {
		tb.Fatal(err)
	}
	ctx := hitori.NewContextWithUser(context.Background(), admin)
	a := &hitori.Article{Title: "手順", Body: "x", Visibility: hitori.VisibleStaff}
	if err := db.Articles().CreateArticle(ctx, a); err != nil {
		tb.Fatal(err)
	}
	sum, _, err := blob.At(dataDir, blob.ArticleFiles).Put(data)
	if err != nil {
		tb.Fatal(err)
	}
	f := &hitori.ArticleFile{ArticleID: a.ID, Name: "a.txt", ContentType: "text/plain", Size: int64(len(data)), SHA256: sum}
	if err := db.Articles().AddArticleFile(ctx, f); err != nil {
		tb.Fatal(err)
	}
	return sum
}

func mustOpen(tb testing.TB, s *blob.Store, sum string) []byte {
	tb.Helper()
	f, err := s.Open(sum)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	b, _ := io.ReadAll(f)
	return b
}
