package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"hitori"
	"hitori/blob"
)

// contractBlobs is the blob area of contract documents; uploads are synced
// before their row is written (a signed contract must survive a power cut).
func (s *Server) contractBlobs() *blob.Store {
	st := blob.At(s.cfg.DataDir, blob.Contracts)
	st.Sync = true
	return st
}

// contractDocTypes are the documents a contract may carry, by the type
// sniffed from the bytes. Office files sniff as a ZIP or an OLE container
// and are told apart by their name. HTML, SVG and scripts are refused:
// they could run in a browser.
var contractDocTypes = map[string]string{
	"application/pdf": "", "image/png": "", "image/jpeg": "", "image/gif": "", "image/webp": "",
	"text/plain; charset=utf-8": "", "text/plain; charset=utf-16le": "", "text/plain; charset=utf-16be": "",
}

// officeTypes are the office documents accepted by extension, with the
// type they are served as.
var officeTypes = map[string]string{
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".doc":  "application/msword", ".xls": "application/vnd.ms-excel", ".msg": "application/vnd.ms-outlook",
	".odt": "application/vnd.oasis.opendocument.text", ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}

// oleMagic starts a legacy Office (OLE compound) file.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// contractDocType returns the content type a document is stored and
// served as, or false when its kind is not accepted.
func contractDocType(name string, data []byte) (string, bool) {
	sniffed := http.DetectContentType(data)
	if _, ok := contractDocTypes[sniffed]; ok {
		return sniffed, true
	}
	office, ok := officeTypes[strings.ToLower(filepath.Ext(name))]
	switch {
	case !ok:
		return "", false
	case sniffed == "application/zip", bytes.HasPrefix(data, oleMagic):
		return office, true
	}
	return "", false
}

// contractFileUpload is POST /contracts/{id}/files (multipart, field
// "file"): at most hitori.MaxContractFileSize, of an accepted type.
func (s *Server) contractFileUpload(w http.ResponseWriter, r *http.Request) error {
	c, err := s.pathContract(r)
	if err != nil {
		return err
	}
	if err := s.storeContractFile(r, c); err != nil {
		// A refused file re-renders the contract with the reason (422).
		return s.formError(w, "contract_view", s.contractViewPage(r, c), err)
	}
	http.Redirect(w, r, "/contracts/"+idText(c.ID)+"?flash=uploaded#files", http.StatusSeeOther)
	return nil
}

// storeContractFile checks the upload and stores its bytes, then its row.
func (s *Server) storeContractFile(r *http.Request, c *hitori.Contract) error {
	file, header, err := r.FormFile("file")
	if err != nil {
		return hitori.FieldError("file", "error.required")
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, hitori.MaxContractFileSize+1))
	if err != nil {
		return err
	}
	if len(data) > hitori.MaxContractFileSize {
		return hitori.FieldError("file", "handover.error.file_too_large")
	}
	name := filepath.Base(strings.ReplaceAll(header.Filename, `\`, "/"))
	ctype, ok := contractDocType(name, data)
	if !ok {
		return hitori.FieldError("file", "handover.error.file_type")
	}
	sum, _, err := s.contractBlobs().Put(data)
	if err != nil {
		return fmt.Errorf("web: store contract file: %w", err)
	}
	f := &hitori.ContractFile{ContractID: c.ID, Name: name, ContentType: ctype, Size: int64(len(data)), SHA256: sum}
	if err := s.handover().AddContractFile(r.Context(), f); err != nil {
		s.dropContractBlob(r, sum)
		return err
	}
	return nil
}

func (s *Server) pathContractFile(r *http.Request) (*hitori.ContractFile, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	fid, err := strconv.ParseInt(r.PathValue("fid"), 10, 64)
	if err != nil {
		return nil, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return s.handover().ContractFile(r.Context(), id, fid)
}

// contractFileDeleteConfirm is GET /contracts/{id}/files/{fid}/delete.
func (s *Server) contractFileDeleteConfirm(w http.ResponseWriter, r *http.Request) error {
	f, err := s.pathContractFile(r)
	if err != nil {
		return err
	}
	base := "/contracts/" + idText(f.ContractID)
	s.renderDeleteConfirm(w, r, deleteConfirm{Name: f.Name, Action: base + "/files/" + idText(f.ID) + "/delete",
		Back: base, Detail: "handover.delete.file_detail"})
	return nil
}

// contractFileDelete is POST /contracts/{id}/files/{fid}/delete (audited
// by the store); the bytes go once no other document names them.
func (s *Server) contractFileDelete(w http.ResponseWriter, r *http.Request) error {
	f, err := s.pathContractFile(r)
	if err != nil {
		return err
	}
	if err := s.handover().DeleteContractFile(r.Context(), f.ContractID, f.ID); err != nil {
		return err
	}
	s.dropContractBlob(r, f.SHA256)
	http.Redirect(w, r, "/contracts/"+idText(f.ContractID)+"?flash=file_deleted#files", http.StatusSeeOther)
	return nil
}

// dropContractBlob removes a document's bytes when no row names them any
// more. A failure is logged, not shown: the row is gone, and a leftover
// blob is only disk space.
func (s *Server) dropContractBlob(r *http.Request, sum string) {
	inUse, err := s.handover().ContractFileInUse(r.Context(), sum)
	if err == nil && !inUse {
		err = s.contractBlobs().Remove(sum)
	}
	if err != nil {
		s.log.Warn("contract file: remove blob", "request_id", requestID(r), "err", err)
	}
}
