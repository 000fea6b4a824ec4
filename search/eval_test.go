package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/width"
)

func TestReadQueriesTSV(t *testing.T) {
	tests := []struct {
		name, in string
		want     []EvalQuery
		err      string
	}{
		{"ok", "query\texpected_ids\tnote\n印刷できない\tkb-001,kb-007\tshort\n名刺\tnone\t\n\nVPN\t kb-014 \n",
			[]EvalQuery{{"印刷できない", []string{"kb-001", "kb-007"}}, {"名刺", nil}, {"VPN", []string{"kb-014"}}}, ""},
		{"crlf", "query\texpected_ids\tnote\r\nVPN\tkb-014\t\r\n", []EvalQuery{{"VPN", []string{"kb-014"}}}, ""},
		{"bad header", "q\tids\nVPN\tkb-014\n", nil, "line 1"},
		{"missing ids", "query\texpected_ids\tnote\nVPN\tkb-014\nonly a query\n", nil, "line 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadQueriesTSV(strings.NewReader(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want one mentioning %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d queries, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if got[i].Text != tt.want[i].Text || strings.Join(got[i].Expected, ",") != strings.Join(tt.want[i].Expected, ",") {
					t.Errorf("query %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestEvaluateDevSet holds the engine to the product targets on the dev
// questions. A hidden set judges the release, so a change that only moves
// these numbers by tuning to single questions is not an improvement.
func TestEvaluateDevSet(t *testing.T) {
	ix := MustKBIndex(t)
	r := Evaluate(ix, MustQueries(t))
	t.Log(r)
	if r.Answerable != 128 || r.Unanswerable != 22 {
		t.Errorf("question counts = %d/%d, want 128/22", r.Answerable, r.Unanswerable)
	}
	checks := []struct {
		name      string
		got, want float64
		atLeast   bool
	}{
		{"search top-3", r.SearchTop3, 0.97, true},
		{"search top-1", r.SearchTop1, 0.90, true},
		{"correct abstention", r.CorrectAbstention, 0.75, true},
		{"wrong abstention", r.WrongAbstention, 0.10, false},
	}
	for _, c := range checks {
		if c.atLeast && c.got < c.want || !c.atLeast && c.got >= c.want {
			t.Errorf("%s = %.3f, target %s %.2f", c.name, c.got, map[bool]string{true: ">=", false: "<"}[c.atLeast], c.want)
		}
	}
}

// TestEvaluateExtraSet runs testdata/queries-extra.tsv: questions written
// for this package as a held-out check (not part of the shared data and not
// ground truth). It guards against changes that help the dev set only.
func TestEvaluateExtraSet(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "queries-extra.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadQueriesTSV(f)
	if err != nil {
		t.Fatal(err)
	}
	r := Evaluate(MustKBIndex(t), qs)
	t.Log(r)
	if r.SearchTop3 < 0.95 || r.SearchTop1 < 0.85 || r.CorrectAbstention < 0.75 || r.WrongAbstention >= 0.10 {
		t.Errorf("held-out questions regressed: %v", r)
	}
	// The set's products the knowledge base does not cover (Slack, kintone,
	// Teams notifications…) must never get a confident answer.
	raw, err := os.ReadFile(filepath.Join("testdata", "queries-extra.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var named []EvalQuery
	for _, line := range strings.Split(string(raw), "\n") {
		if q, rest, _ := strings.Cut(line, "\tnone\t"); strings.Contains(rest, "distinctive term") {
			named = append(named, EvalQuery{Text: q})
		}
	}
	if rn := Evaluate(MustKBIndex(t), named); len(named) < 10 || rn.WrongConfidentN > 0 {
		t.Errorf("%d questions naming uncovered products: %d answered with confidence, want 0", len(named), rn.WrongConfidentN)
	}
}

// TestEvaluateInvariants rewrites every dev question the ways colleagues
// vary them — half-width kana, full-width letters, a business-mail greeting
// and sign-off — and expects exactly the same figures.
func TestEvaluateInvariants(t *testing.T) {
	ix := MustKBIndex(t)
	qs := MustQueries(t)
	base := Evaluate(ix, qs)
	variants := []struct {
		name string
		f    func(string) string
	}{
		{"half-width", width.Narrow.String},
		{"full-width", width.Widen.String},
		{"greeting", func(s string) string { return "お疲れ様です。総務の田中です。" + s }},
		{"sign-off", func(s string) string { return s + "。よろしくお願いいたします。" }},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			mod := make([]EvalQuery, len(qs))
			for i, q := range qs {
				mod[i] = EvalQuery{Text: v.f(q.Text), Expected: q.Expected}
			}
			if got := Evaluate(ix, mod); got != base {
				t.Errorf("got  %v\nwant %v", got, base)
			}
		})
	}
}
