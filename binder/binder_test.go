package binder_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/binder"
)

// keys is a translator that shows the key and its arguments, so the tests
// see which message went where.
func keys(key string, args ...any) string {
	if len(args) == 0 {
		return "[" + key + "]"
	}
	return fmt.Sprintf("[%s %v]", key, args)
}

var now = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

type fakeArticles []*hitori.Article

func (f fakeArticles) AllArticles(_ context.Context, fn func(*hitori.Article) error) error {
	for _, a := range f {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

type fakeAssets []*hitori.Asset

func (f fakeAssets) FindAssets(_ context.Context, q hitori.AssetFilter) ([]*hitori.Asset, int, error) {
	end := min(q.Offset+q.Limit, len(f))
	if q.Offset >= len(f) {
		return nil, len(f), nil
	}
	return f[q.Offset:end], len(f), nil
}

type fakeDuties []binder.Duty

func (f fakeDuties) BinderDuties(context.Context) ([]binder.Duty, error) { return f, nil }

func sources() binder.Sources {
	return binder.Sources{
		Articles: fakeArticles{
			{ID: 1, Title: "NAS の再起動", Body: "## 手順\n\n電源を切る", Kind: hitori.KindRunbook, Category: "サーバー", Visibility: hitori.VisibleStaff, UpdatedAt: now},
			{ID: 2, Title: "UTM の設定変更", Body: "# UTM の設定変更\n**管理画面**から", Kind: hitori.KindRunbook, Category: "ネットワーク", Visibility: hitori.VisibleEveryone, UpdatedAt: now},
			{ID: 3, Title: "VPN の FAQ", Body: "よくある質問", Kind: hitori.KindFAQ, Visibility: hitori.VisibleEveryone},
			{ID: 4, Title: "役員だけの手順", Body: "秘", Kind: hitori.KindRunbook, Visibility: hitori.VisibleRestricted},
		},
		Assets: fakeAssets{
			{Number: "PC-001", Type: hitori.AssetPC, Status: hitori.AssetInUse, Maker: "富士通", Model: "LIFEBOOK", WarrantyUntil: "2027-01-15", Person: "佐藤"},
			{Number: "PC-002", Type: hitori.AssetPC, Status: hitori.AssetInStock, WarrantyUntil: "2030-01-01"},
			{Number: "SV-001", Type: hitori.AssetServer, Status: hitori.AssetInUse, WarrantyUntil: "2026-12-20"},
			{Number: "PC-003", Type: hitori.AssetPC, Status: hitori.AssetRetired, WarrantyUntil: "2026-12-10"},
		},
		Render: func(body string) (template.HTML, error) {
			return template.HTML("<p>" + template.HTMLEscapeString(body) + "</p>"), nil
		},
		Recovery: func(context.Context) (binder.Recovery, error) {
			return binder.Recovery{VaultExists: true, Mode: hitori.VaultKeyFile, VaultID: "0123abcd"}, nil
		},
		Now: func() time.Time { return now },
	}
}

func mustHTML(t *testing.T, src binder.Sources, opt binder.Options) string {
	t.Helper()
	b, err := binder.Collect(context.Background(), src, opt)
	if err != nil {
		t.Fatal(err)
	}
	page, err := binder.HTML(b, keys)
	if err != nil {
		t.Fatal(err)
	}
	return string(page)
}

// TestBinderContent checks what the page holds and what it must not.
func TestBinderContent(t *testing.T) {
	page := mustHTML(t, sources(), binder.Options{Company: "株式会社テスト", BaseURL: "https://hitori.example.co.jp/"})
	for _, want := range []string{
		`<html lang="ja">`, "株式会社テスト", "[binder.toc]",
		`<a href="#runbooks">`, `<a href="#runbook-1">NAS の再起動</a>`, `id="runbook-1"`, "<p>## 手順\n\n電源を切る</p>", "<p>**管理画面**から</p>",
		`<a href="#assets">`, "[binder.assets.total [4]]", "[asset.type.pc]", "SV-001", "PC-001",
		`<a href="#recovery">`, "[binder.recovery.mode.keyfile]", "0123abcd", "https://hitori.example.co.jp/vault/recover",
		"hitori vault recover --data DATA", "[binder.no_secrets]",
		"@page { size: A4", "Noto Sans CJK JP", "Yu Gothic", "Hiragino",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("binder lacks %q", want)
		}
	}
	for _, no := range []string{"VPN の FAQ", "役員だけの手順", "PC-002", "PC-003", "<script", `id="duties"`, "[binder.recovery.vault_file]"} {
		if strings.Contains(page, no) {
			t.Errorf("binder has %q", no)
		}
	}
	// Runbooks sort by category then title: サーバー before ネットワーク (さ行, な行).
	if strings.Index(page, `id="runbook-1"`) > strings.Index(page, `id="runbook-2"`) {
		t.Error("runbooks not in category order")
	}
	// The warranty ending first comes first.
	if strings.Index(page, "SV-001") > strings.Index(page, "PC-001") {
		t.Error("warranties not soonest first")
	}
	// Self-contained: nothing is fetched from anywhere.
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:|//|file:)[^"]*"|url\(|@import`).FindString(page); m != "" {
		t.Errorf("binder refers outside itself: %s", m)
	}
}

// TestBinderDutiesAppear: the duties chapter shows only when there are any.
func TestBinderDutiesAppear(t *testing.T) {
	src := sources()
	src.Duties = fakeDuties{{Name: "バックアップの確認", Schedule: "毎週月曜", Owner: "総務 田中"}}
	page := mustHTML(t, src, binder.Options{})
	for _, want := range []string{`id="duties"`, `<a href="#duties">`, "バックアップの確認", "毎週月曜"} {
		if !strings.Contains(page, want) {
			t.Errorf("binder lacks %q", want)
		}
	}
	src.Duties = fakeDuties{}
	if page := mustHTML(t, src, binder.Options{}); strings.Contains(page, `id="duties"`) {
		t.Error("an empty duty list made a chapter")
	}
}

// TestBinderFiles: folder and zip hold the page, and the vault file only
// when credentials were asked for; a stale vault file is removed.
func TestBinderFiles(t *testing.T) {
	src := sources()
	src.VaultExport = func(_ context.Context, pass string) ([]byte, error) { return []byte("ENCRYPTED:" + pass), nil }
	with, err := binder.Collect(context.Background(), src, binder.Options{IncludeSecrets: true, Passphrase: "long passphrase"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := binder.WriteDir(dir, with, keys); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, binder.VaultFileName)); err != nil || string(b) != "ENCRYPTED:long passphrase" {
		t.Fatalf("vault file: %q, %v", b, err)
	}
	page, _ := os.ReadFile(filepath.Join(dir, binder.IndexName))
	if !strings.Contains(string(page), "[binder.recovery.vault_file]") {
		t.Error("the page does not explain the vault file")
	}
	without, err := binder.Collect(context.Background(), src, binder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := binder.WriteDir(dir, without, keys); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, binder.VaultFileName)); !os.IsNotExist(err) {
		t.Errorf("stale vault file left: %v", err)
	}
	for _, tt := range []struct {
		b    *binder.Binder
		want []string
	}{
		{without, []string{"handover-binder/index.html"}},
		{with, []string{"handover-binder/index.html", "handover-binder/" + binder.VaultFileName}},
	} {
		var buf bytes.Buffer
		if err := binder.WriteZip(&buf, tt.b, keys); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range zr.File {
			got = append(got, f.Name)
			rc, _ := f.Open()
			io.Copy(io.Discard, rc)
			rc.Close()
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("zip holds %v, want %v", got, tt.want)
		}
	}
	// Asking for secrets without a vault is an error, not a binder without them.
	src.VaultExport = nil
	if _, err := binder.Collect(context.Background(), src, binder.Options{IncludeSecrets: true}); err == nil {
		t.Error("secrets asked for with no vault: no error")
	}
}
