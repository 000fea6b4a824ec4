package web

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestAPIDocsNameEveryField: docs/api.md lists what each API body accepts
// (issue 9, item 4); a field added to a body must be documented there too.
func TestAPIDocsNameEveryField(t *testing.T) {
	doc, err := os.ReadFile("../docs/api.md")
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]any{"POST /api/v1/items": itemCreateJSON{}}
	for name, body := range bodies {
		typ := reflect.TypeOf(body)
		for i := range typ.NumField() {
			tag, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			if n := strings.Count(string(doc), "| `"+tag+"`"); n < 2 { // a table row in ja and in en
				t.Errorf("%s: field %q in %d table rows of docs/api.md, want ja and en", name, tag, n)
			}
		}
	}
}
