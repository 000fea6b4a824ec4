package web

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strings"

	"hitori"
	"hitori/blob"
)

// maxPortalUploadBytes is the body limit of the portal's forms that carry
// files: every file at its limit, plus the text around them.
const maxPortalUploadBytes = hitori.MaxPortalFiles*hitori.MaxPortalFileSize + maxFormBytes

// portalUploads returns the files of a portal form's "files" field, held to
// hitori.MaxPortalFiles and hitori.MaxPortalFileSize before anything is
// stored. An empty file input sends one nameless part: it is no file.
func portalUploads(r *http.Request) ([]*multipart.FileHeader, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	var out []*multipart.FileHeader
	for _, fh := range r.MultipartForm.File["files"] {
		if fh.Filename == "" && fh.Size == 0 {
			continue
		}
		if fh.Size > hitori.MaxPortalFileSize {
			return nil, hitori.FieldError("files", "error.portal_file_too_large")
		}
		out = append(out, fh)
	}
	if len(out) > hitori.MaxPortalFiles {
		return nil, hitori.FieldError("files", "error.portal_too_many_files")
	}
	return out, nil
}

// portalSaveFiles stores files in the attachments area of the blob store
// and records them on my item, with my reply eventID (0: with the item).
// Files are synced before their row is written, as article files are.
func (s *Server) portalSaveFiles(ctx context.Context, files []*multipart.FileHeader, itemID, eventID int64) error {
	st := blob.At(s.cfg.DataDir, blob.Attachments)
	st.Sync = true
	for _, fh := range files {
		a, err := portalPut(st, fh)
		if err != nil {
			return err
		}
		a.ItemID, a.EventID = itemID, eventID
		if err := s.stores.MailLog.AddPortalAttachment(ctx, a); err != nil {
			return err
		}
	}
	return nil
}

// portalPut writes one uploaded file; its type is sniffed, not taken from
// the browser (downloads are served by serveItemFile's rules anyway).
func portalPut(st *blob.Store, fh *multipart.FileHeader) (*hitori.Attachment, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("web: open upload: %w", err)
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("web: rewind upload: %w", err)
	}
	sum, size, _, err := st.PutReader(f, hitori.MaxPortalFileSize)
	if err == blob.ErrTooLarge {
		return nil, hitori.FieldError("files", "error.portal_file_too_large")
	} else if err != nil {
		return nil, fmt.Errorf("web: store upload: %w", err)
	}
	name := portalCut(filepath.Base(strings.ReplaceAll(fh.Filename, `\`, "/")), 200)
	if name == "" || name == "." || name == "/" {
		name = "file"
	}
	return &hitori.Attachment{Name: name, ContentType: http.DetectContentType(head[:n]), Size: size, SHA256: sum}, nil
}
