package mail

import (
	"testing"
)

// TestParseMediaType covers RFC 2231 and the encoded-word habits of Outlook and Becky.
func TestParseMediaType(t *testing.T) {
	tests := []struct {
		name, in, wantType, param, want string
	}{
		{"simple", `text/plain; charset="ISO-2022-JP"`, "text/plain", "charset", "ISO-2022-JP"},
		{"unquoted and upper", `TEXT/PLAIN; CHARSET=utf-8`, "text/plain", "charset", "utf-8"},
		{"rfc 2231 utf-8", `attachment; filename*=utf-8''%E6%BC%A2.png`, "attachment", "filename", "漢.png"},
		{"rfc 2231 language", `attachment; filename*=utf-8'ja'%E6%BC%A2`, "attachment", "filename", "漢"},
		{"rfc 2231 iso-2022-jp", `attachment; filename*=iso-2022-jp''%1B$B%25%28%25i!%3C2hLL%1B%28B%2Epng`, "attachment", "filename", "エラー画面.png"},
		{"continuation split inside a character", "attachment;\r\n filename*0*=utf-8''%E6%BC;\r\n filename*1*=%A2.pdf", "attachment", "filename", "漢.pdf"},
		{"continuation out of order", `attachment; filename*1="b.txt"; filename*0="a"`, "attachment", "filename", "ab.txt"},
		{"extended beats plain", `attachment; filename="old.txt"; filename*=utf-8''new.txt`, "attachment", "filename", "new.txt"},
		{"encoded word in quotes", `application/pdf; name="=?iso-2022-jp?b?VlBOGyRCQFxCMyUoJWkhPEpzOXAbKEIucGRm?="`, "application/pdf", "name", "VPN接続エラー報告.pdf"},
		{"raw utf-8 name", `attachment; filename="報告.pdf"`, "attachment", "filename", "報告.pdf"},
		{"raw cp932 name", "attachment; filename=\"\x95\xf1\x8d\x90.pdf\"", "attachment", "filename", "報告.pdf"},
		{"unquoted with spaces", `attachment; filename=my file.pdf`, "attachment", "filename", "my file.pdf"},
		{"escaped quote", `attachment; filename="a\"b.txt"`, "attachment", "filename", `a"b.txt`},
		{"unterminated quote", `attachment; filename="abc`, "attachment", "filename", "abc"},
		{"semicolon in quotes", `multipart/mixed; boundary="a;b"`, "multipart/mixed", "boundary", "a;b"},
		{"stray semicolons", `text/plain;; ; charset=utf-8;`, "text/plain", "charset", "utf-8"},
		{"duplicate keeps first", `text/plain; charset=utf-8; charset=shift_jis`, "text/plain", "charset", "utf-8"},
		{"empty", ``, "", "charset", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			typ, params := parseMediaType(tt.in)
			if typ != tt.wantType || params[tt.param] != tt.want {
				t.Errorf("parseMediaType(%q) = %q, %s=%q; want %q, %q", tt.in, typ, tt.param, params[tt.param], tt.wantType, tt.want)
			}
		})
	}
}

// TestParseAddressList covers the address forms seen in From and Reply-To.
func TestParseAddressList(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Address
	}{
		{"bare", "a@example.jp", []Address{{"", "a@example.jp"}}},
		{"angle only", "<a@example.jp>", []Address{{"", "a@example.jp"}}},
		{"encoded name", "=?utf-8?B?5ryi?= <a@example.jp>", []Address{{"漢", "a@example.jp"}}},
		{"encoded name in quotes", `"=?utf-8?B?5ryi?=" <a@example.jp>`, []Address{{"漢", "a@example.jp"}}},
		{"raw utf-8 quoted", `"社内ポータル" <p@example.jp>`, []Address{{"社内ポータル", "p@example.jp"}}},
		{"comment as name", "MAILER-DAEMON@mx.example.jp (Mail Delivery System)", []Address{{"Mail Delivery System", "MAILER-DAEMON@mx.example.jp"}}},
		{"domain lower-cased", "Taro <Taro@Example.JP>", []Address{{"Taro", "Taro@example.jp"}}},
		{"unquoted comma", "Yamamoto, Kenta <k@example.jp>", []Address{{"Yamamoto, Kenta", "k@example.jp"}}},
		{"list", "a@example.jp, B <b@example.jp>", []Address{{"", "a@example.jp"}, {"B", "b@example.jp"}}},
		{"quoted comma", `"Sato, Misaki" <m@example.jp>`, []Address{{"Sato, Misaki", "m@example.jp"}}},
		{"empty group", "undisclosed-recipients:;", nil},
		{"group member", "team: a@example.jp;", []Address{{"", "a@example.jp"}}},
		{"unclosed angle", "Taro <t@example.jp", []Address{{"Taro", "t@example.jp"}}},
		{"mailto", "<mailto:a@example.jp>", []Address{{"", "a@example.jp"}}},
		{"folded name", "=?iso-2022-jp?b?GyRCOzNLXBsoQiAbJEI3ckJAGyhC?=\r\n <k@example.jp>", []Address{{"山本 健太", "k@example.jp"}}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseAddressList(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("parseAddressList(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("parseAddressList(%q)[%d] = %+v, want %+v", tt.in, i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestAddressString checks the display form.
func TestAddressString(t *testing.T) {
	for _, tt := range []struct {
		a    Address
		want string
	}{
		{Address{"名前", "a@b"}, "名前 <a@b>"},
		{Address{"", "a@b"}, "a@b"},
		{Address{"名前", ""}, "名前"},
	} {
		if got := tt.a.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.a, got, tt.want)
		}
	}
}
