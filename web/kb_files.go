package web

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"hitori"
	"hitori/blob"
)

// Content types shown inline; everything else downloads. SVG is not here:
// it can carry script.
var inlineTypes = map[string]bool{"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true}

// articleFiles is the blob area of article files. Uploads are synced
// before their row is written: an upload is rare and must survive a power cut.
func (s *Server) articleFiles() *blob.Store {
	st := blob.At(s.cfg.DataDir, blob.ArticleFiles)
	st.Sync = true
	return st
}

func (s *Server) articleFileIDs(r *http.Request) (int64, int64, error) {
	a, err1 := strconv.ParseInt(r.PathValue("id"), 10, 64)
	f, err2 := strconv.ParseInt(r.PathValue("fid"), 10, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return a, f, nil
}

// kbFileUpload is POST /kb/{id}/files (multipart, field "file").
func (s *Server) kbFileUpload(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	if _, err := s.stores.Articles.FindArticleByID(r.Context(), id); err != nil {
		return err
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		return hitori.FieldError("file", "error.required")
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, hitori.MaxArticleFileSize+1))
	if err != nil {
		return err
	}
	if len(data) > hitori.MaxArticleFileSize {
		return hitori.FieldError("file", "error.file_too_large")
	}
	sum, _, err := s.articleFiles().Put(data)
	if err != nil {
		return fmt.Errorf("web: store file: %w", err)
	}
	f := &hitori.ArticleFile{ArticleID: id, Name: filepath.Base(strings.ReplaceAll(header.Filename, `\`, "/")),
		ContentType: http.DetectContentType(data), Size: int64(len(data)), SHA256: sum}
	if err := s.stores.Articles.AddArticleFile(r.Context(), f); err != nil {
		return err
	}
	s.audit(r, identityFrom(r).user, "article.file", hitori.AuditCode(hitori.TargetArticle, strconv.FormatInt(id, 10)), f.Name)
	http.Redirect(w, r, fmt.Sprintf("/kb/%d#files", id), http.StatusSeeOther)
	return nil
}

// kbFile is GET /kb/{id}/files/{fid}: only for those who may read the article.
func (s *Server) kbFile(w http.ResponseWriter, r *http.Request) error {
	aid, fid, err := s.articleFileIDs(r)
	if err != nil {
		return err
	}
	f, err := s.stores.Articles.FindArticleFile(r.Context(), aid, fid)
	if err != nil {
		return err
	}
	fh, err := s.articleFiles().Open(f.SHA256)
	if errors.Is(err, blob.ErrNotFound) {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	} else if err != nil {
		return err
	}
	defer fh.Close()
	ctype, _, _ := mime.ParseMediaType(f.ContentType)
	disposition := "attachment"
	if inlineTypes[ctype] {
		disposition = "inline"
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", disposition+"; filename*=UTF-8''"+url.PathEscape(f.Name))
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; sandbox")
	http.ServeContent(w, r, "", f.CreatedAt, fh)
	return nil
}

// kbFileDelete is POST /kb/{id}/files/{fid}/delete.
func (s *Server) kbFileDelete(w http.ResponseWriter, r *http.Request) error {
	aid, fid, err := s.articleFileIDs(r)
	if err != nil {
		return err
	}
	if err := s.stores.Articles.DeleteArticleFile(r.Context(), aid, fid); err != nil {
		return err
	}
	s.audit(r, identityFrom(r).user, "article.file_delete", hitori.AuditCode(hitori.TargetArticle, strconv.FormatInt(aid, 10)), strconv.FormatInt(fid, 10))
	http.Redirect(w, r, fmt.Sprintf("/kb/%d#files", aid), http.StatusSeeOther)
	return nil
}
