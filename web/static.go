package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"mime"
	"net/http"
	"path"

	"hitori"
)

//go:embed static
var staticFS embed.FS

// assetHashes maps a static file name to a short content hash, so URLs change
// when content does and browsers may cache them for a year.
var assetHashes = func() map[string]string {
	m := map[string]string{}
	entries, _ := staticFS.ReadDir("static")
	for _, e := range entries {
		b, _ := staticFS.ReadFile("static/" + e.Name())
		sum := sha256.Sum256(b)
		m[e.Name()] = hex.EncodeToString(sum[:])[:12]
	}
	return m
}()

func assetURL(name string) string { return "/static/" + name + "?v=" + assetHashes[name] }

func (s *Server) static(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("file")
	h, ok := assetHashes[name]
	if !ok {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	b, _ := staticFS.ReadFile("static/" + name)
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	if r.URL.Query().Get("v") == h {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("ETag", `"`+h+`"`)
	if r.Header.Get("If-None-Match") == `"`+h+`"` {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	_, err := w.Write(b)
	return err
}
