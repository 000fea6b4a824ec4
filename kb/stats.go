package kb

import (
	"context"
	"strings"
	"time"
	"unicode"

	"hitori"
	"hitori/search"
)

// The statistics types live in the root package so the store can implement
// them without importing this package; these names keep kb's API readable.
type (
	// UnansweredQuestion is a group of unanswered chat questions.
	UnansweredQuestion = hitori.UnansweredQuestion
	// DeflectionCount is how often an article solved a problem.
	DeflectionCount = hitori.DeflectionCount
	// StatsStore keeps the self-service statistics.
	StatsStore = hitori.SelfServiceStats
)

// Limits on recorded texts: a question longer than this is cut, not refused,
// since it was already answered (or not) in full.
const (
	MaxRecordedRunes = 500
	maxKeyRunes      = 200
)

// stats returns the statistics store the service was built with; the
// command line builds one without.
func (s *Service) stats() (StatsStore, error) {
	if s.Stats == nil {
		return nil, hitori.Errorf(hitori.EINTERNAL, "knowledge statistics are not available here")
	}
	return s.Stats, nil
}

// QuestionKey is the grouping key of a question: search.Normalize's form
// (width, case and kana variants folded) with punctuation and spacing
// reduced to single spaces, so only the words decide.
func QuestionKey(q string) string {
	n := search.Normalize(q)
	var b strings.Builder
	space := false
	count := 0
	for _, r := range n {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			space = b.Len() > 0
			continue
		}
		if count >= maxKeyRunes {
			break
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		count++
	}
	return b.String()
}

// Unanswered reports whether an answer should go to the list of questions
// to write articles for: it is neither an answer nor a clarifying question.
func Unanswered(a search.Answer) bool { return !a.Confident && !a.Clarify }

// RecordUnanswered logs question if the answer given to it was "no answer".
// Questions that reduce to nothing (only punctuation) are not worth a row.
func (s *Service) RecordUnanswered(ctx context.Context, question string, a search.Answer) error {
	if !Unanswered(a) {
		return nil
	}
	key := QuestionKey(question)
	if key == "" {
		return nil
	}
	st, err := s.stats()
	if err != nil {
		return err
	}
	return st.RecordUnanswered(ctx, capRunes(strings.TrimSpace(question), MaxRecordedRunes), key)
}

// Deflect counts that article (its key or id, as suggestions name it)
// solved a colleague's problem, found with query. The article must be one
// the context's user may read: ENOTFOUND otherwise.
func (s *Service) Deflect(ctx context.Context, article, query string) (*hitori.Article, error) {
	article = strings.TrimSpace(article)
	if article == "" {
		return nil, hitori.FieldError("article", "error.required")
	}
	a, err := s.Resolve(ctx, article)
	if err != nil {
		return nil, err
	}
	st, err := s.stats()
	if err != nil {
		return nil, err
	}
	return a, st.RecordDeflection(ctx, a.ID, a.Slug, capRunes(strings.TrimSpace(query), MaxRecordedRunes))
}

// Resolve finds the article a key names: an index key (slug or id) first,
// then a slug or a decimal id from a URL. Visibility applies as in the store.
func (s *Service) Resolve(ctx context.Context, key string) (*hitori.Article, error) {
	if r, ok := s.Ref(key); ok {
		return s.Store.FindArticleByID(ctx, r.ID)
	}
	a, err := s.Store.FindArticleBySlug(ctx, key)
	if hitori.ErrorCode(err) != hitori.ENOTFOUND {
		return a, err
	}
	var id int64
	for _, c := range key {
		if c < '0' || c > '9' || id > 1<<50 {
			return nil, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
		}
		id = id*10 + int64(c-'0')
	}
	return s.Store.FindArticleByID(ctx, id)
}

// Insights is what staff see on the self-service report.
type Insights struct {
	Unanswered      []UnansweredQuestion
	UnansweredTotal int
	Deflections     []DeflectionCount
	DeflectionTotal int
	Stale           int // articles whose review date has passed
}

// Insights gathers the self-service report since a time (zero: ever).
func (s *Service) Insights(ctx context.Context, since, now time.Time, limit int) (Insights, error) {
	var in Insights
	st, err := s.stats()
	if err != nil {
		return in, err
	}
	if in.Unanswered, in.UnansweredTotal, err = st.TopUnanswered(ctx, since, limit); err != nil {
		return in, err
	}
	if in.Deflections, in.DeflectionTotal, err = st.DeflectionCounts(ctx, since, limit); err != nil {
		return in, err
	}
	_, in.Stale, err = s.Store.FindArticles(ctx, hitori.ArticleFilter{StaleAt: &now, Limit: 1})
	return in, err
}

// DismissUnanswered removes a group of questions from the report.
func (s *Service) DismissUnanswered(ctx context.Context, key string) error {
	if strings.TrimSpace(key) == "" {
		return hitori.FieldError("key", "error.required")
	}
	st, err := s.stats()
	if err != nil {
		return err
	}
	return st.DismissUnanswered(ctx, key)
}

// capRunes cuts s to at most n runes.
func capRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}
