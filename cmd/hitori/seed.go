package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"hitori"
	"hitori/sqlstore"
)

const seedUsage = `hitori seed --data DIR [--db URL] [--items N] [--articles N] [--seed S] [--until YYYY-MM-DD]

Fills the database with N generated work items for benchmarks and
demonstrations: Japanese titles and bodies from a small vocabulary, tickets
and tasks over the two years before --until, a realistic mix of statuses
(recent items open, old ones mostly resolved or closed), quadrants, SLA
targets, 200 requesters and 3 staff accounts (created without passwords,
named seed-*@example.co.jp), and a timeline with logged minutes on about a
third of the items. The same --seed and --until give the same data.
Items are written in transactions of 500 with multi-row INSERTs; progress goes
to standard error. Seed into a database nobody is using; the seeded accounts
cannot sign in, so add your own with hitori user create.
--articles N adds N knowledge articles (FAQ, runbooks, troubleshooting,
policies) written from a vocabulary of Japanese IT topics, one transaction
each, as the editor would save them; items, articles or both may be asked for.
`

func cmdSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("seed", seedUsage, stdout)
	var d dataFlags
	d.register(fs)
	n := fs.Int("items", 0, "how many items to generate")
	articles := fs.Int("articles", 0, "how many knowledge articles to generate")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same items")
	until := fs.String("until", time.Now().UTC().Format(time.DateOnly), "the newest items are created on this day (UTC)")
	if err := parse(fs, args, 0); err != nil {
		return helpOK(err)
	}
	end, err := time.Parse(time.DateOnly, *until)
	if *n < 0 || *articles < 0 || *n+*articles == 0 || err != nil {
		fmt.Fprint(stderr, "hitori: --items N or --articles N (N > 0) is required and --until is YYYY-MM-DD\n\n", seedUsage)
		return errUsage
	}
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	g := &seeder{rnd: rand.New(rand.NewPCG(*seed, *seed^0x9e3779b97f4a7c15)), end: end.Add(24 * time.Hour), n: *n}
	if err := g.people(ctx, db); err != nil {
		return err
	}
	if err := g.seedArticles(ctx, db, *articles, stdout, stderr); err != nil {
		return err
	}
	if *n == 0 {
		return nil
	}
	start, last := time.Now(), time.Now()
	batch := make([]sqlstore.SeedItem, 0, 5000)
	for i := 0; i < *n; i++ {
		batch = append(batch, g.item(i))
		if len(batch) < cap(batch) && i < *n-1 {
			continue
		}
		if err := db.Items().SeedItems(ctx, batch); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		batch = batch[:0]
		if time.Since(last) > 2*time.Second || i == *n-1 {
			last = time.Now()
			el := time.Since(start)
			fmt.Fprintf(stderr, "seed: %d/%d items (%d%%), %.0f items/s, %s\n", i+1, *n, (i+1)*100 / *n,
				float64(i+1)/el.Seconds(), el.Round(time.Second))
		}
	}
	fmt.Fprintf(stdout, "seeded %d items in %s\n", *n, time.Since(start).Round(time.Millisecond))
	return nil
}

// seeder generates items from a seeded random source.
type seeder struct {
	rnd        *rand.Rand
	end        time.Time
	n          int
	staff      []*hitori.User // staff[0] is the administrator
	requesters []*hitori.User
}

var (
	seedFamily   = []string{"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水"}
	seedGiven    = []string{"翔太", "美咲", "大輔", "陽子", "健一", "さくら", "拓也", "由美", "誠", "愛", "直樹", "恵"}
	seedDepts    = []string{"総務部", "経理部", "営業部", "開発部", "人事部", "製造部", "品質保証部"}
	seedThings   = []string{"ノートPC", "複合機", "プリンター", "Wi-Fi", "VPN", "Outlook", "Teams", "共有フォルダ", "社用スマートフォン", "モニター", "会計ソフト", "勤怠システム", "Excel", "電話機"}
	seedProblems = []string{"が起動しない", "につながらない", "が遅い", "でエラーが出る", "にログインできない", "で印刷できない", "がフリーズする", "の音が出ない", "が同期されない", "のパスワードを忘れた"}
	seedTasks    = []string{"の入れ替え", "の更新作業", "の新入社員向け準備", "のライセンス更新", "の棚卸し", "の見積もり依頼", "の設定見直し"}
	seedWhen     = []string{"今朝から", "昨日の午後から", "先週から", "さきほどから", "Windows Update の後から", "席を移動してから"}
	seedDetails  = []string{"再起動しても直りません。", "エラーコードは 0x80070005 と表示されます。", "隣の席の人は問題ないようです。", "在宅勤務中です。", "急ぎの資料があるため困っています。", "画面の写真を添付します。"}
	seedReplies  = []string{"確認します。少々お待ちください。", "一度サインアウトしてから再度サインインをお試しください。", "リモートで接続して確認させてください。", "設定を変更しました。ご確認ください。", "業者に問い合わせ中です。"}
	seedNotes    = []string{"ドライバを再インストール。", "ライセンス割り当てを確認。", "業者に電話で確認。", "ログを採取。", "現地で対応。"}
	seedCats     = []string{"PC", "ネットワーク", "プリンター", "アカウント", "メール", "ソフトウェア", "電話", "購入"}
	seedTags     = []string{"至急", "在宅", "新人", "役員", "再発", "保守契約", "Windows11", "Microsoft365"}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// people finds or creates the accounts items point at, so a re-run reuses them.
func (g *seeder) people(ctx context.Context, db *sqlstore.DB) error {
	get := func(email, name string, role hitori.Role) (*hitori.User, error) {
		if u, err := db.Users().FindUserByEmail(ctx, email); err == nil {
			return u, nil
		} else if hitori.ErrorCode(err) != hitori.ENOTFOUND {
			return nil, err
		}
		u := &hitori.User{Email: email, Name: name, Role: role}
		return u, db.Users().CreateUser(ctx, u, "")
	}
	for i, s := range []struct{ name string }{{"情シス 山田"}, {"技術 佐々木"}, {"保守 木村"}} {
		role := hitori.RoleTechnician
		if i == 0 {
			role = hitori.RoleAdmin
		}
		u, err := get(fmt.Sprintf("seed-staff%d@example.co.jp", i+1), s.name, role)
		if err != nil {
			return err
		}
		g.staff = append(g.staff, u)
	}
	for i := range 200 {
		name := seedFamily[i%len(seedFamily)] + " " + seedGiven[(i/len(seedFamily)+i)%len(seedGiven)]
		u, err := get(fmt.Sprintf("seed-user%03d@example.co.jp", i+1), name, hitori.RoleRequester)
		if err != nil {
			return err
		}
		g.requesters = append(g.requesters, u)
	}
	return nil
}

// seedStatus picks a status by age: recent items are open, old ones mostly
// closed, with a thin backlog of forgotten ones for the board to find.
func seedStatus(r *rand.Rand, age time.Duration) hitori.Status {
	p := r.IntN(1000)
	var cut []int // cumulative per mille for new, in progress, waiting ×2, resolved; the rest closed
	switch {
	case age < 48*time.Hour:
		cut = []int{400, 800, 900, 950, 1000}
	case age < 30*24*time.Hour:
		cut = []int{50, 250, 350, 400, 700}
	default:
		cut = []int{3, 13, 18, 23, 100}
	}
	for i, c := range cut {
		if p < c {
			return hitori.Statuses[i]
		}
	}
	return hitori.StatusClosed
}

// item generates the i-th item. Creation times rise with i across the two
// years, so ids follow time as they do in real use.
func (g *seeder) item(i int) sqlstore.SeedItem {
	r := g.rnd
	span := 2 * 365 * 24 * time.Hour
	created := g.end.Add(-span + time.Duration(float64(span)*(float64(i)+r.Float64())/float64(g.n))).Truncate(time.Second)
	clamp := func(t time.Time) time.Time {
		if t.After(g.end) {
			return g.end
		}
		return t
	}
	after := func(t time.Time, min, max time.Duration) time.Time {
		return clamp(t.Add(min + time.Duration(r.Int64N(int64(max-min)))).Truncate(time.Second))
	}
	it := &hitori.Item{Type: hitori.TypeTicket, Urgent: r.IntN(10) < 3, Important: r.IntN(10) < 4,
		Category: pick(r, seedCats), Status: seedStatus(r, g.end.Sub(created)), CreatedAt: created}
	thing, req := pick(r, seedThings), pick(r, g.requesters)
	if r.IntN(5) == 0 {
		it.Type, it.Source, it.Title = hitori.TypeTask, hitori.SourceStaff, thing+pick(r, seedTasks)
		it.Body = "作業: " + it.Title + "。\n" + pick(r, seedDetails)
		if r.IntN(10) < 7 {
			due := after(created, 7*24*time.Hour, 60*24*time.Hour)
			it.DueAt = &due
		}
	} else {
		problem := pick(r, seedProblems)
		it.Source = pick(r, []hitori.Source{hitori.SourceEmail, hitori.SourceEmail, hitori.SourceEmail, hitori.SourcePortal,
			hitori.SourcePortal, hitori.SourceChat, hitori.SourceWalkUp, hitori.SourcePhone})
		it.Title = thing + problem
		if it.Urgent && r.IntN(3) == 0 {
			it.Title = "【至急】" + it.Title
		}
		it.Body = fmt.Sprintf("お疲れ様です。%sの%sです。\n%s%s%s。\n%s\nお手数ですがよろしくお願いします。",
			pick(r, seedDepts), req.Name, pick(r, seedWhen), thing, problem, pick(r, seedDetails))
		it.RequesterID, it.RequesterName, it.RequesterEmail = &req.ID, req.Name, req.Email
		fr, res := created.Add(8*time.Hour), created.Add(72*time.Hour)
		if it.Urgent {
			fr, res = created.Add(2*time.Hour), created.Add(24*time.Hour)
		}
		it.FirstResponseDue, it.ResolutionDue = &fr, &res
	}
	for range max(0, r.IntN(5)-2) {
		it.Tags = append(it.Tags, pick(r, seedTags))
	}
	if it.Status != hitori.StatusNew || r.IntN(2) == 0 {
		switch p := r.IntN(100); {
		case p < 60:
			it.AssigneeID = &g.staff[0].ID
		case p < 85:
			it.AssigneeID = &g.staff[1].ID
		default:
			it.AssigneeID = &g.staff[2].ID
		}
	}
	if it.Status == hitori.StatusWaitVendor {
		it.Vendor = pick(r, []string{"複合機リース会社", "回線保守窓口", "ソフトウェア販売代理店"})
	}
	it.UpdatedAt = created
	var events []*hitori.Event
	if it.Status != hitori.StatusNew && it.Type == hitori.TypeTicket {
		at := after(created, 5*time.Minute, 6*time.Hour)
		it.FirstRespondedAt = &at
		if r.IntN(3) == 0 { // a third keep their timeline
			staff := g.staff[0]
			for _, u := range g.staff {
				if it.AssigneeID != nil && u.ID == *it.AssigneeID {
					staff = u
				}
			}
			events = append(events, &hitori.Event{Kind: hitori.EventReply, AuthorID: &staff.ID, Author: staff.Name,
				Body: pick(r, seedReplies), Minutes: 5 * r.IntN(4), CreatedAt: at})
			for range r.IntN(3) {
				at = after(at, 10*time.Minute, 24*time.Hour)
				e := &hitori.Event{Kind: hitori.EventNote, AuthorID: &staff.ID, Author: staff.Name, Body: pick(r, seedNotes),
					Minutes: 5 + 5*r.IntN(18), CreatedAt: at}
				if r.IntN(2) == 0 {
					e = &hitori.Event{Kind: hitori.EventReply, AuthorID: &req.ID, Author: req.Name, Body: "ありがとうございます。確認します。", CreatedAt: at}
				}
				events = append(events, e)
			}
		}
		it.UpdatedAt = at
	}
	if !it.Status.Open() {
		at := after(it.UpdatedAt, 30*time.Minute, 5*24*time.Hour)
		it.ResolvedAt, it.UpdatedAt = &at, at
	}
	return sqlstore.SeedItem{Item: it, Events: events}
}
