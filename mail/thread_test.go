package mail

import (
	"slices"
	"testing"
)

// TestThreadSamples checks the three ways samples join a thread.
func TestThreadSamples(t *testing.T) {
	t.Run("11 references 10", func(t *testing.T) {
		orig, reply := mustParse(t, "10"), mustParse(t, "11")
		if orig.MessageID == "" || !slices.Contains(reply.References, orig.MessageID) {
			t.Errorf("got References %q, want it to contain %q", reply.References, orig.MessageID)
		}
	})
	t.Run("12 references 10", func(t *testing.T) {
		if got, want := mustParse(t, "12").References[0], mustParse(t, "10").MessageID; got != want {
			t.Errorf("got first reference %q, want %q", got, want)
		}
	})
	t.Run("25 tag", func(t *testing.T) {
		if n, ok := FindTicketTag(mustParse(t, "25").Subject, "HD"); !ok || n != 1029 {
			t.Errorf("got %d, %v; want 1029, true", n, ok)
		}
	})
	t.Run("24 matches 06 by subject and sender", func(t *testing.T) {
		orig, reply := mustParse(t, "06"), mustParse(t, "24")
		if len(reply.References) != 0 || reply.InReplyTo != "" {
			t.Fatalf("24 unexpectedly has threading headers")
		}
		if got, want := NormalizeSubject(reply.Subject), NormalizeSubject(orig.Subject); got != want {
			t.Errorf("normalized subjects: got %q, want %q", got, want)
		}
		if reply.From.Email != orig.From.Email {
			t.Errorf("sender: got %q, want %q", reply.From.Email, orig.From.Email)
		}
	})
	t.Run("bounce names the outbound ticket", func(t *testing.T) {
		r := mustParse(t, "15").Report
		if r == nil || r.Status != "5.1.10" || r.Action != "failed" {
			t.Fatalf("got report %+v", r)
		}
		if n, ok := FindTicketTag(r.OriginalSubject, "HD"); !ok || n != 1035 {
			t.Errorf("got %d, %v; want 1035, true", n, ok)
		}
	})
}

// TestNormalizeSubject covers prefixes from the mailers our users run.
func TestNormalizeSubject(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "VPNに接続できません", "VPNに接続できません"},
		{"re", "Re: VPNに接続できません", "VPNに接続できません"},
		{"re re upper", "RE: Re: VPNに接続できません", "VPNに接続できません"},
		{"no space", "Re:Re:件名", "件名"},
		{"counted", "Re[2]: 件名", "件名"},
		{"parenthesised count", "Re(3): 件名", "件名"},
		{"space before colon", "Re : 件名", "件名"},
		{"full width", "Ｒｅ：　件名", "件名"},
		{"forward kinds", "Fwd: FW: 転送: 返信: AW: WG: 件名", "件名"},
		{"ticket tag", "RE: [HD-1029] 共有メールボックスのアクセス権付与", "共有メールボックスのアクセス権付与"},
		{"tag then re", "[HD-1029] Re: 件名", "件名"},
		{"folded spaces", "Re:  \t経費精算", "経費精算"},
		{"word starting with re", "Return of PC", "Return of PC"},
		{"not a tag", "[重要] 件名", "[重要] 件名"},
		{"tag in middle kept", "件名 [HD-1]", "件名 [HD-1]"},
		{"only prefix", "Re:", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeSubject(tt.in); got != tt.want {
				t.Errorf("NormalizeSubject(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestFindTicketTag covers tag spellings and near misses.
func TestFindTicketTag(t *testing.T) {
	tests := []struct {
		name, subject, prefix string
		want                  int
		ok                    bool
	}{
		{"simple", "RE: [HD-1029] 件名", "HD", 1029, true},
		{"lower case", "re: [hd-7] x", "HD", 7, true},
		{"full width", "Re: ［ＨＤ－１０３１］ 件名", "HD", 1031, true},
		{"other prefix", "[PC-0018] 故障", "HD", 0, false},
		{"no brackets", "HD-1029 について", "HD", 0, false},
		{"letters inside", "[HD-10a]", "HD", 0, false},
		{"second tag valid", "[HD-x] [HD-12]", "HD", 12, true},
		{"zero", "[HD-0]", "HD", 0, false},
		{"too long", "[HD-12345678901234567890]", "HD", 0, false},
		{"empty prefix", "[HD-1]", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := FindTicketTag(tt.subject, tt.prefix)
			if got != tt.want || ok != tt.ok {
				t.Errorf("FindTicketTag(%q, %q) = %d, %v; want %d, %v", tt.subject, tt.prefix, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestMessageIDs covers id fields with and without brackets.
func TestMessageIDs(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"one", "<a@b>", []string{"a@b"}},
		{"folded list", "<a@b>\r\n <c@d>\t<e@f>", []string{"a@b", "c@d", "e@f"}},
		{"comment", "<a@b> (message from Taro)", []string{"a@b"}},
		{"no brackets", "a@b", []string{"a@b"}},
		{"space inside", "< a@b >", []string{"a@b"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := allIDs(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("allIDs(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
