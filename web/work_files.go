package web

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"hitori"
	"hitori/blob"
)

// workFile is one of an item's files as its page lists it.
type workFile struct {
	Name    string
	Size    string
	URL     string // "" when the file was over the size limit and not kept
	Created string
}

// workFileSize words a byte count the way file managers do.
func workFileSize(p *page, n int64) string {
	switch {
	case n >= 1<<20:
		return p.T("work.files.mb", fmt.Sprintf("%.1f", float64(n)/(1<<20)))
	case n >= 1<<10:
		return p.T("work.files.kb", fmt.Sprintf("%.1f", float64(n)/(1<<10)))
	}
	return p.T("work.files.b", n)
}

// workItemFiles lists an item's attachments and its original messages
// (.eml), each with its download link.
func (s *Server) workItemFiles(ctx context.Context, p *page, it *hitori.Item) (files, mails []workFile, err error) {
	x, err := s.extras()
	if err != nil {
		return []workFile{}, []workFile{}, nil // a store without files lists none
	}
	list, err := x.FindAttachments(ctx, it.ID)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range list {
		f := workFile{Name: a.Name, Size: workFileSize(p, a.Size), Created: workTime(a.CreatedAt)}
		base := workItemURL(it.ID)
		switch {
		case a.Original:
			f.URL = base + "/mail/" + strconv.FormatInt(a.ID, 10)
			mails = append(mails, f)
			continue
		case a.SHA256 != "":
			f.URL = base + "/attachments/" + strconv.FormatInt(a.ID, 10)
		}
		files = append(files, f)
	}
	return files, mails, nil
}

// workAttachment is GET /work/items/{id}/attachments/{aid}: a file that
// came with the item, always as a download.
func (s *Server) workAttachment(w http.ResponseWriter, r *http.Request) error {
	return s.workServeFile(w, r, "aid", false)
}

// workMail is GET /work/items/{id}/mail/{mid}: a message as received (.eml).
func (s *Server) workMail(w http.ResponseWriter, r *http.Request) error {
	return s.workServeFile(w, r, "mid", true)
}

// workServeFile sends one stored file of an item. Whatever the sender
// claimed the type to be, the browser is told to save it, not to render
// or sniff it, and a sandbox CSP covers the case it renders anyway.
func (s *Server) workServeFile(w http.ResponseWriter, r *http.Request, param string, original bool) error {
	notFound := hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	id, err := workItemID(r)
	if err != nil {
		return err
	}
	fid, err := strconv.ParseInt(r.PathValue(param), 10, 64)
	if err != nil || fid < 1 {
		return notFound
	}
	x, err := s.extras()
	if err != nil {
		return err
	}
	a, err := x.FindItemAttachment(r.Context(), id, fid)
	if err != nil {
		return err
	}
	return s.serveItemFile(w, r, a, original)
}

// serveItemFile sends a, which must be of the kind asked for (an original
// message or not) and kept, else 404. Staff and portal downloads share it,
// so both get the same protective headers.
func (s *Server) serveItemFile(w http.ResponseWriter, r *http.Request, a *hitori.Attachment, original bool) error {
	notFound := hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	if a.Original != original || a.SHA256 == "" {
		return notFound
	}
	fh, err := blob.At(s.cfg.DataDir, blob.Attachments).Open(a.SHA256)
	if errors.Is(err, blob.ErrNotFound) {
		return notFound
	} else if err != nil {
		return fmt.Errorf("web: open attachment %d: %w", a.ID, err)
	}
	defer fh.Close()
	name := a.Name
	ctype := "application/octet-stream"
	if original {
		ctype = "message/rfc822"
		name = hitori.ItemKey(a.ItemID) + "-" + strconv.FormatInt(a.ID, 10) + ".eml"
	} else if mt, _, err := mime.ParseMediaType(a.ContentType); err == nil && mt != "text/html" && !strings.Contains(mt, "svg") {
		ctype = mt
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", workDisposition(name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", a.CreatedAt, fh)
	return nil
}

// workDisposition is an attachment header with an ASCII fallback name for
// old clients and the real one in RFC 5987 form (filename*).
func workDisposition(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, `\`, "/"))
	if name == "." || name == "/" || name == "" {
		name = "file"
	}
	var ascii strings.Builder
	for _, r := range name {
		switch {
		case r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == ';' || r == '%':
			ascii.WriteByte('_')
		default:
			ascii.WriteRune(r)
		}
	}
	return `attachment; filename="` + ascii.String() + `"; filename*=UTF-8''` + workRFC5987(name)
}

// workRFC5987 percent-encodes everything but RFC 5987's attr-char.
func workRFC5987(s string) string {
	const attr = "!#$&+-.^_`|~"
	var b strings.Builder
	for _, c := range []byte(s) {
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(attr, c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
