package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"hitori"
	"hitori/jobs"
	"hitori/mail"
	"hitori/report"
)

// JobMonthlyReport mails the last month's report summary and link to the
// users the report settings name.
const JobMonthlyReport = "report.monthly"

// monthlySpec runs the mailing on the first business morning of a month.
const monthlySpec = "monthly 1 08:00 business"

// ReportText is the catalogue of lang ("ja" or "en") as the report
// package's translator: the command line words the monthly report with it.
func ReportText(lang string) (report.T, error) {
	locs, err := loadLocales()
	if err != nil {
		return nil, err
	}
	l, ok := locs[lang]
	if !ok {
		l = locs[Languages[0]]
	}
	return l.T, nil
}

// reportMonthly is GET /reports/monthly: the months to open or print.
func (s *Server) reportMonthly(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, reportNav)
	p.Title = p.T("report.monthly.title")
	now := s.now().In(s.report.Location)
	var months []string
	for i := 1; i <= 12; i++ {
		months = append(months, time.Date(now.Year(), now.Month()-time.Month(i), 1, 0, 0, 0, 0, time.UTC).Format("2006-01"))
	}
	p.Data = map[string]any{"Months": months, "Current": now.Format("2006-01"), "PDF": report.FindChromium() != "",
		"Admin": p.User.Role == hitori.RoleAdmin, "Mail": s.cfg.Mailer != nil && s.cfg.Mailer.Sender != nil}
	if r.URL.Query().Get("flash") == "sent" {
		p.Flash = p.T("report.monthly.sent")
	}
	s.render(w, http.StatusOK, "report_monthly", p)
	return nil
}

// reportMonthlyDoc is GET /reports/monthly/{month}: the self-contained
// report page (?format=pdf: the PDF, or the page with a note when the
// host has no Chromium; ?download=1: as a file).
func (s *Server) reportMonthlyDoc(w http.ResponseWriter, r *http.Request) error {
	month := r.PathValue("month")
	lang := s.langFor(r)
	t := s.localeFor(r).T
	m, err := s.report.Monthly(r.Context(), month, lang, t)
	if err != nil {
		return err
	}
	var note string
	format := r.URL.Query().Get("format")
	if format == "pdf" {
		var html bytes.Buffer
		if err := m.WriteHTML(&html, t, ""); err != nil {
			return err
		}
		pdf, err := printToBytes(r.Context(), html.Bytes())
		if err == nil {
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="hitori-monthly-%s.pdf"`, month))
			_, err = w.Write(pdf)
			return err
		}
		s.log.Warn("monthly report: no PDF", "request_id", requestID(r), "err", err)
		note = t("report.monthly.no_pdf")
	}
	var buf bytes.Buffer
	if err := m.WriteHTML(&buf, t, note); err != nil {
		return err
	}
	// The page's one style element is allowed by its hash, not 'unsafe-inline'.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src "+report.StyleHash()+"; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if r.URL.Query().Get("download") != "" {
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="hitori-monthly-%s.html"`, month))
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// printToBytes prints html with the host's Chromium and returns the PDF.
func printToBytes(ctx context.Context, html []byte) ([]byte, error) {
	dir, err := os.MkdirTemp("", "hitori-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "report.pdf")
	if err := report.PrintPDF(ctx, report.FindChromium(), html, out); err != nil {
		return nil, err
	}
	return os.ReadFile(out)
}

// reportMonthlySend is POST /reports/monthly/send: mail last month's
// report now (the schedule does it on the first business day).
func (s *Server) reportMonthlySend(w http.ResponseWriter, r *http.Request) error {
	if err := s.jobs.Enqueue(r.Context(), &hitori.Job{Kind: JobMonthlyReport, Payload: `{}`}); err != nil {
		return err
	}
	http.Redirect(w, r, "/reports/monthly?flash=sent", http.StatusSeeOther)
	return nil
}

// registerReportJobs installs the monthly mailing and its schedule.
func (s *Server) registerReportJobs(e *jobs.Engine) error {
	e.Register(JobMonthlyReport, s.monthlyReportJob)
	return e.Declare(context.Background(), hitori.Schedule{Name: JobMonthlyReport, Kind: JobMonthlyReport, Spec: monthlySpec})
}

// monthlyReportJob mails the previous month's summary and a link to the
// report to each user the settings name (in their language); without
// mail it does nothing (the report is on the web).
func (s *Server) monthlyReportJob(ctx context.Context, _ *hitori.Job) error {
	m := s.cfg.Mailer
	if m == nil || m.Sender == nil {
		return nil
	}
	st, err := s.report.LoadSettings(ctx)
	if err != nil {
		return err
	}
	now := s.now().In(s.report.Location)
	month := time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
	for _, id := range st.MonthlyTo {
		u, err := s.stores.Users.FindUserByID(ctx, id)
		if err != nil || u.Disabled || hitori.CheckReportAccess(u) != nil {
			continue // gone, disabled or no longer allowed: skip, do not fail the others
		}
		t := s.locales[u.Lang].T
		rep, err := s.report.Monthly(ctx, month, u.Lang, t)
		if err != nil {
			return err
		}
		body := strings.Join(rep.Summary, "\n") + "\n\n" + strings.TrimRight(s.cfg.BaseURL, "/") + "/reports/monthly/" + month + "\n"
		_, domain, _ := strings.Cut(m.From.Email, "@")
		mid, err := mail.NewMessageID(domain, time.Now(), nil)
		if err != nil {
			return err
		}
		if err := m.Sender.Send(ctx, &mail.OutgoingMessage{From: m.From, To: []mail.Address{{Name: u.Name, Email: u.Email}},
			Subject: t("report.monthly.doc_title", month), Text: body, MessageID: mid, Date: time.Now(), AutoSubmitted: "auto-generated"}); err != nil {
			return err
		}
	}
	return nil
}
