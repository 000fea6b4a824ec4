package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"hitori/kb"
)

// kbInsightDays are the periods the insights page offers; 0 is all time.
var kbInsightDays = []int{7, 30, 90, 365, 0}

const kbInsightRows = 50

// kbInsightsData is what kb_insights.html shows.
type kbInsightsData struct {
	kb.Insights
	Days    int
	Periods []int
}

// kbInsights is GET /kb/insights?days=N: the questions nobody's article
// answered (what to write next), the articles that saved most items, and
// how many articles are due for review.
func (s *Server) kbInsights(w http.ResponseWriter, r *http.Request) error {
	p := s.kbPage(r, "kb.insights.title")
	days := 30
	if n, err := strconv.Atoi(r.URL.Query().Get("days")); err == nil && slices.Contains(kbInsightDays, n) {
		days = n
	}
	now := s.now()
	var since time.Time
	if days > 0 {
		since = now.AddDate(0, 0, -days)
	}
	in, err := s.kb.Insights(r.Context(), since, now, kbInsightRows)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("dismissed") != "" {
		p.Flash = p.T("kb.flash.dismissed")
	}
	p.Data = &kbInsightsData{Insights: in, Days: days, Periods: kbInsightDays}
	s.render(w, http.StatusOK, "kb_insights", p)
	return nil
}

// kbDismiss is POST /kb/insights/dismiss (key=…): forget a group of
// unanswered questions, typically after writing the article for it.
func (s *Server) kbDismiss(w http.ResponseWriter, r *http.Request) error {
	if err := s.kb.DismissUnanswered(r.Context(), r.PostFormValue("key")); err != nil {
		return err
	}
	days := r.PostFormValue("days")
	if _, err := strconv.Atoi(days); err != nil {
		days = "30"
	}
	http.Redirect(w, r, "/kb/insights?"+url.Values{"days": {days}, "dismissed": {"1"}}.Encode(), http.StatusSeeOther)
	return nil
}
