package asset

import (
	"fmt"
	"strings"

	"hitori"
	"hitori/ledger"
)

// licenseFromLedger turns a license sheet's row into the register's
// license. What the register has no field for (the contract's words, an
// expiry written as 無期限 or 自動更新, the seats in use) goes into the
// notes, so nothing the sheet said is lost; key placeholders such as
// 別紙参照 or （サブスクリプション） are not keys and are not stored.
func licenseFromLedger(l ledger.License) hitori.LedgerLicense {
	lic := &hitori.License{Title: l.Name, Publisher: l.Maker, Kind: licenseKind(l), RenewalOn: l.ExpiresOn, CostYen: l.AmountYen}
	if l.Seats != nil {
		lic.Seats = *l.Seats
	}
	if lic.Kind == hitori.LicenseSubscription {
		lic.Period = hitori.PeriodYearly
		if l.AmountPer == "month" || strings.Contains(l.Contract, "月") {
			lic.Period = hitori.PeriodMonthly
		}
	}
	var notes []string
	if l.Notes != "" {
		notes = append(notes, l.Notes)
	}
	if l.Contract != "" {
		notes = append(notes, "契約形態: "+l.Contract)
	}
	if l.ExpiryNote != "" {
		notes = append(notes, "有効期限: "+l.ExpiryNote)
	}
	if l.Used != nil {
		notes = append(notes, fmt.Sprintf("使用数（台帳）: %d", *l.Used))
	}
	key := l.Key
	if keyPlaceholder(key) {
		if key != "" {
			notes = append(notes, "ライセンスキー: "+key)
		}
		key = ""
	}
	lic.Notes = strings.Join(notes, "\n")
	return hitori.LedgerLicense{Sheet: l.Sheet, Row: l.Row, License: lic, TitleKey: TitleKey(l.Name), Key: key}
}

// licenseKind reads how a license was bought from the contract's words.
func licenseKind(l ledger.License) hitori.LicenseKind {
	c := strings.ToUpper(ledger.Fold(l.Contract))
	switch {
	case strings.Contains(c, "OEM"):
		return hitori.LicenseOEM
	case strings.Contains(c, "OLP") || strings.Contains(c, "ボリューム") || strings.Contains(c, "VOLUME"):
		return hitori.LicenseVolume
	case strings.Contains(c, "永続") || strings.Contains(c, "パッケージ") || strings.Contains(c, "買い切り"):
		return hitori.LicensePerpetual
	case l.AmountPer != "" || strings.Contains(c, "サブスク") || strings.Contains(c, "年間") || strings.Contains(c, "月額") ||
		strings.Contains(c, "年額") || strings.Contains(c, "CSP") || strings.Contains(c, "VIP") || strings.Contains(c, "SAAS"):
		return hitori.LicenseSubscription
	}
	return hitori.LicensePerpetual
}

// keyPlaceholder reports whether a key cell holds words rather than a
// key: （サブスクリプション／キーなし）, 別紙参照, なし, -.
func keyPlaceholder(k string) bool {
	f := ledger.Fold(k)
	return f == "" || ledger.IsNoValue(f) || strings.HasPrefix(f, "(") || strings.Contains(f, "参照") ||
		strings.Contains(f, "なし") || strings.Contains(f, "管理")
}
