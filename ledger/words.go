package ledger

import (
	"regexp"
	"strings"

	"hitori"
)

// Field names a column can be mapped to. Asset fields use the names of
// hitori.AssetFields; person and department are names resolved by the
// import; "custom.NAME" is a custom field; "" ignores the column. License
// fields start with "license.".
const (
	FieldIgnore     = ""
	FieldPerson     = "person"
	FieldDepartment = "department"
	CustomPrefix    = "custom."
)

// AssetColumns are the fields an asset sheet's columns can be mapped to,
// in the register's display order (custom fields come on top).
var AssetColumns = []string{"number", "type", "maker", "model", "serial", "status", FieldPerson, FieldDepartment,
	"location", "acquired_on", "price_yen", "vendor", "warranty_until", "lease_until", "notes",
	"os_name", "os_version", "hostname", "hardware_uuid"}

// LicenseColumns are the fields of a license sheet.
var LicenseColumns = []string{"license.name", "license.maker", "license.seats", "license.used", "license.key",
	"license.contract", "license.purchased_on", "license.expires_on", "license.amount", "license.notes"}

// synonyms are the header names real ledgers use for each field, folded
// as HeaderKey folds them. "#row" marks a running-number column (No.,
// 連番), which is never imported: it changes whenever the sheet is sorted.
var synonyms = map[string][]string{
	"#row":           {"no", "no.", "#", "連番", "項番", "通番", "番号", "行番号", "№"},
	"number":         {"資産番号", "管理番号", "備品番号", "資産管理番号", "管理no", "資産no", "備品no", "資産id", "管理id", "資産コード", "備品コード", "管理コード", "台帳番号", "固定資産番号", "asset number", "asset no", "assetno", "asset tag", "asset id", "tag", "asset"},
	"type":           {"種別", "種類", "分類", "機器種別", "機器分類", "資産種別", "区分", "品目", "機器区分", "type", "category", "asset type", "device type", "kind"},
	"maker":          {"メーカー", "メーカ", "メーカー名", "製造元", "製造者", "製造会社", "ブランド", "manufacturer", "maker", "brand", "make"},
	"model":          {"型番", "型式", "モデル", "モデル名", "機種", "機種名", "製品名", "品名", "型名", "機器名", "model", "model number", "model no", "product", "product name"},
	"serial":         {"シリアル番号", "シリアル", "シリアルno", "製造番号", "製番", "製造no", "s/n", "sn", "serial", "serial number", "serial no", "サービスタグ", "service tag"},
	"status":         {"状態", "ステータス", "状況", "使用状況", "利用状況", "稼働状況", "status", "state"},
	FieldPerson:      {"使用者", "利用者", "担当者", "使用者名", "利用者名", "担当者名", "所有者", "社員名", "氏名", "使用者氏名", "貸与者", "user", "assigned to", "owner", "assignee", "employee"},
	FieldDepartment:  {"部署", "部門", "所属", "部署名", "部門名", "所属部署", "所属部門", "課", "部課", "department", "dept", "division", "section"},
	"location":       {"設置場所", "場所", "保管場所", "設置先", "所在地", "所在", "拠点", "使用場所", "設置拠点", "location", "site", "place"},
	"acquired_on":    {"購入日", "取得日", "導入日", "購入年月日", "取得年月日", "導入年月日", "納品日", "調達日", "購入日付", "purchase date", "purchased", "acquired", "acquired on", "acquisition date", "date of purchase"},
	"price_yen":      {"購入金額", "購入価格", "取得価格", "取得金額", "金額", "価格", "単価", "購入額", "取得額", "price", "cost", "amount", "purchase price"},
	"vendor":         {"購入先", "仕入先", "販売店", "調達先", "業者", "納入業者", "販売元", "購入店", "supplier", "vendor", "reseller"},
	"warranty_until": {"保証期限", "保守期限", "保証期間", "保証終了日", "保証満了日", "保守終了日", "保守満了日", "保証期限日", "保守期間", "保証切れ", "warranty", "warranty end", "warranty until", "warranty expiry", "warranty expires"},
	"lease_until":    {"リース満了日", "リース期限", "リース終了日", "リース満了", "リース期間満了日", "リース期間", "レンタル期限", "契約満了日", "lease end", "lease until", "lease expiry", "lease expires"},
	"notes":          {"備考", "メモ", "摘要", "コメント", "特記事項", "備考欄", "notes", "note", "remarks", "comment", "comments", "memo"},
	"os_name":        {"os", "os名", "オペレーティングシステム", "operating system"},
	"os_version":     {"osバージョン", "os version"},
	"hostname":       {"ホスト名", "コンピュータ名", "コンピューター名", "pc名", "端末名", "hostname", "host name", "computer name", "host"},
	"hardware_uuid":  {"uuid", "hardware uuid", "smbios uuid"},

	"license.name":         {"ライセンス名", "ソフトウェア名", "ソフト名", "ソフトウェア", "製品名", "license", "license name", "software", "product"},
	"license.maker":        {"メーカー", "メーカ", "ベンダー", "提供元", "publisher", "vendor", "maker"},
	"license.seats":        {"購入数", "ライセンス数", "保有数", "席数", "契約数", "購入ライセンス数", "seats", "licenses", "purchased"},
	"license.used":         {"使用数", "利用数", "割当数", "割り当て数", "インストール数", "使用中", "used", "installed", "assigned"},
	"license.key":          {"ライセンスキー", "プロダクトキー", "シリアルキー", "キー", "license key", "product key", "key"},
	"license.contract":     {"契約形態", "契約種別", "ライセンス形態", "契約", "形態", "contract", "license type"},
	"license.purchased_on": {"購入日", "契約日", "開始日", "取得日", "purchase date", "purchased on", "start"},
	"license.expires_on":   {"有効期限", "更新日", "契約期限", "期限", "満了日", "契約満了日", "更新期限", "expires", "expiry", "renewal", "expiration"},
	"license.amount":       {"金額", "費用", "価格", "年額", "契約金額", "購入金額", "amount", "cost", "price"},
	"license.notes":        {"備考", "メモ", "notes", "remarks", "comment"},
}

// synonymIndex maps a folded header to its field, one index per sheet kind.
var synonymIndex = func() map[string]map[string]string {
	idx := map[string]map[string]string{"asset": {}, "license": {}}
	for field, names := range synonyms {
		kind := "asset"
		if strings.HasPrefix(field, "license.") {
			kind = "license"
		}
		for _, n := range names {
			idx[kind][HeaderKey(n)] = field
		}
	}
	for _, n := range synonyms["#row"] {
		idx["license"][HeaderKey(n)] = "#row"
	}
	return idx
}()

// reDecor finds what decorates a header name without changing its meaning:
// （税込）, （S/N）, [円], 【必須】, ※注記, trailing colons and asterisks.
var reDecor = regexp.MustCompile(`\([^)]*\)|\[[^\]]*\]|【[^】]*】|<[^>]*>|※.*$|[*:：]+$|^[*]+`)

// HeaderKey folds a header name for matching: NFKC, lower case, spaces
// squeezed, decorations in brackets dropped (unless nothing else is left).
func HeaderKey(h string) string {
	f := strings.ToLower(Fold(h))
	f = strings.Join(strings.Fields(f), " ")
	if d := strings.TrimSpace(reDecor.ReplaceAllString(f, "")); d != "" {
		f = d
	}
	return strings.Join(strings.Fields(f), " ")
}

// SuggestField is the field a header most likely means for a sheet kind
// ("asset" or "license"): "#row" for running numbers, "" when unknown.
func SuggestField(kind, header string) string {
	k := HeaderKey(header)
	if f, ok := synonymIndex[kind][k]; ok {
		return f
	}
	if f, ok := synonymIndex[kind][strings.ReplaceAll(k, " ", "")]; ok {
		return f
	}
	return ""
}

// typeWords map what ledgers call a kind of device onto the register's
// types (folded, lower case).
var typeWords = map[hitori.AssetType][]string{
	hitori.AssetPC: {"pc", "パソコン", "ノートpc", "ノートパソコン", "ノート", "デスクトップpc", "デスクトップ", "デスクトップパソコン",
		"ワークステーション", "laptop", "notebook", "desktop", "workstation", "computer", "コンピュータ", "コンピューター", "シンクライアント", "mac", "macbook", "imac"},
	hitori.AssetMonitor: {"モニター", "モニタ", "ディスプレイ", "液晶モニター", "液晶ディスプレイ", "monitor", "display"},
	hitori.AssetPhone: {"スマートフォン", "スマホ", "携帯電話", "携帯", "タブレット", "ipad", "iphone", "phone", "smartphone", "tablet",
		"mobile", "ガラケー", "phs"},
	hitori.AssetServer: {"サーバー", "サーバ", "nas", "server", "ストレージ", "storage", "ファイルサーバー", "ファイルサーバ"},
	hitori.AssetNetwork: {"ルーター", "ルータ", "utm", "スイッチ", "スイッチングハブ", "ハブ", "l2スイッチ", "l3スイッチ", "無線ap", "無線lan", "アクセスポイント", "ap",
		"ファイアウォール", "firewall", "router", "switch", "hub", "access point", "wifi", "ネットワーク機器", "network", "vpn", "onu", "モデム"},
	hitori.AssetPrinter: {"複合機", "プリンター", "プリンタ", "printer", "mfp", "コピー機", "ラベルプリンター", "ラベルプリンタ", "fax"},
	hitori.AssetPeripheral: {"周辺機器", "ups", "無停電電源装置", "キーボード", "マウス", "ドッキングステーション", "ドック", "webカメラ", "カメラ",
		"ヘッドセット", "スピーカー", "プロジェクター", "プロジェクタ", "スキャナー", "スキャナ", "外付けhdd", "外付けssd", "hdd", "ssd", "usbメモリ", "peripheral"},
	hitori.AssetOther: {"その他", "other", "others"},
}

var statusWords = map[hitori.AssetStatus][]string{
	hitori.AssetInStock:  {"在庫", "予備", "未使用", "保管", "保管中", "未割当", "in stock", "in_stock", "stock", "spare"},
	hitori.AssetInUse:    {"使用中", "稼働中", "利用中", "運用中", "使用", "稼働", "貸与中", "in use", "in_use", "active"},
	hitori.AssetRepair:   {"修理中", "修理", "故障", "故障中", "repair", "broken"},
	hitori.AssetOnLoan:   {"貸出中", "貸出", "貸し出し中", "on loan", "on_loan", "loaned"},
	hitori.AssetRetiring: {"廃棄予定", "廃棄待ち", "返却予定", "retiring"},
	hitori.AssetRetired:  {"廃棄済", "廃棄済み", "廃棄", "返却済", "返却済み", "retired", "disposed"},
}

var typeIndex, statusIndex = func() (map[string]hitori.AssetType, map[string]hitori.AssetStatus) {
	t, s := map[string]hitori.AssetType{}, map[string]hitori.AssetStatus{}
	for k, ws := range typeWords {
		t[string(k)] = k
		for _, w := range ws {
			t[wordKey(w)] = k
		}
	}
	for k, ws := range statusWords {
		s[string(k)] = k
		for _, w := range ws {
			s[wordKey(w)] = k
		}
	}
	return t, s
}()

func wordKey(s string) string {
	return strings.ReplaceAll(strings.ToLower(Fold(s)), " ", "")
}

// ParseType maps a ledger's word for a kind of device onto a type.
func ParseType(s string) (hitori.AssetType, bool) {
	t, ok := typeIndex[wordKey(s)]
	return t, ok
}

// ParseStatus maps a ledger's word for a lifecycle status onto a status.
func ParseStatus(s string) (hitori.AssetStatus, bool) {
	st, ok := statusIndex[wordKey(s)]
	return st, ok
}
