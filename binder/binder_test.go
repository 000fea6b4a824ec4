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

type fakeRegister struct{}

func (fakeRegister) AllSystems(context.Context) ([]*hitori.System, error) {
	return []*hitori.System{
		{ID: 7, Name: "ファイルサーバー", Kind: hitori.SystemFileServer, Criticality: hitori.CriticalMedium, VendorID: 3, Vendor: "ひかりネット",
			Links: []hitori.SystemLink{{Kind: hitori.LinkArticle, Ref: "1", Label: "NAS の再起動"}, {Kind: hitori.LinkVault, Ref: "v1", Label: "NAS 管理者"}}},
		{ID: 8, Name: "UTM", Kind: hitori.SystemFirewall, Criticality: hitori.CriticalHigh},
	}, nil
}

func (fakeRegister) AllVendors(context.Context) ([]*hitori.Vendor, error) {
	return []*hitori.Vendor{{ID: 3, Name: "ひかりネット", Phone: "0120-000-000", HowToOpen: "保守窓口に電話し、顧客番号を伝える",
		CustomerNo: "C-12345", Contacts: []hitori.VendorContact{{Name: "鈴木", Role: "担当営業", Email: "suzuki@hikari.example"}}}}, nil
}

func (fakeRegister) AllContracts(context.Context) ([]*hitori.Contract, error) {
	yen := int64(1234000)
	return []*hitori.Contract{{ID: 5, VendorID: 3, Vendor: "ひかりネット", Title: "NAS 保守契約", StartsOn: "2026-04-01", EndsOn: "2027-03-31",
		AutoRenew: true, Notice: 2, NoticeUnit: hitori.NoticeMonths, AnnualYen: &yen, Systems: []string{"ファイルサーバー"}}}, nil
}

func sources() binder.Sources {
	return binder.Sources{
		Register: fakeRegister{},
		Diagram: func(s []*hitori.System, t func(string) string) []byte {
			return []byte(fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" data-n="%d"><title>%s</title><a href="/systems/7"><rect/></a><a href="/assets/12"><rect/></a></svg>`, len(s), t("handover.diagram.title")))
		},
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
	opt.T = keys
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
		`<a href="#systems">`, `<a href="#diagram">`, `<a href="#vendors">`, `<a href="#contracts">`, `<a href="#renewals">`,
		`id="system-8"`, `<a href="#vendor-3">ひかりネット</a>`, `<a href="#runbook-1">NAS の再起動</a> <span class="muted">([binder.link.article])`,
		"NAS 管理者", `<svg xmlns="http://www.w3.org/2000/svg" data-n="2"><title>[handover.diagram.title]</title><a href="#system-7"><rect/></a><a href="#assets">`, "0120-000-000", "保守窓口に電話し、顧客番号を伝える", "C-12345", "suzuki@hikari.example",
		"NAS 保守契約", "2027-01-31", "[binder.contract.annual [1,234,000]]", "[binder.contract.notice.months [2]]",
		"<td>2027-01-31</td><td>[binder.renewal.kind.decision]</td><td>ひかりネット · NAS 保守契約</td>",
		"<td>2027-03-31</td><td>[binder.renewal.kind.contract_end]</td>",
		`<a href="#runbooks">`, `id="runbook-1"`, "<p>## 手順\n\n電源を切る</p>", "<p>**管理画面**から</p>",
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
	// Systems by criticality: UTM (high) before the file server (medium).
	if strings.Index(page, `id="system-8"`) > strings.Index(page, `id="system-7"`) {
		t.Error("systems not by criticality")
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
	src.Duties = fakeDuties{{Duty: &hitori.Duty{Title: "バックアップの確認", Checklist: []string{"NAS のログを見る"},
		Schedule: hitori.DutySchedule{Freq: hitori.DutyWeekly}}, Owner: "総務 田中", Next: []hitori.Date{"2026-12-07", "2026-12-14"}}}
	page := mustHTML(t, src, binder.Options{})
	for _, want := range []string{`id="duties"`, `<a href="#duties">`, "バックアップの確認", "NAS のログを見る", "[binder.duty.freq.weekly]", "総務 田中", "2026-12-14"} {
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
