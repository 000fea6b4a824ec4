package inventory

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParse: any body either parses into a report whose texts are storable
// or is refused as malformed; nothing panics. Seeds: testdata/fuzz/FuzzParse
// and the recorded messages.
func FuzzParse(f *testing.F) {
	for _, p := range []string{"glpi/contact.json", "glpi/inventory-windows10.json", "glpi/partial-software.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<REQUEST><DEVICEID>x</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		plain, _, err := ReadBody(bytes.NewReader(body), 1<<20)
		if err != nil {
			return
		}
		m, err := Parse(plain)
		if err != nil {
			if _, ok := err.(*MalformedError); !ok {
				t.Fatalf("error %T %v is not a MalformedError", err, err)
			}
			return
		}
		if r := m.Report; r != nil {
			for _, s := range append([]string{r.Hostname, r.UUID, r.BIOSSerial, r.OSName, r.OSVersion, r.Maker, r.Model, r.CPU}, r.MACs...) {
				if !utf8.ValidString(s) || bytes.IndexByte([]byte(s), 0) >= 0 || utf8.RuneCountInString(s) > maxText {
					t.Fatalf("unstorable text %q", s)
				}
			}
			for _, s := range r.Software {
				if s.Name == "" || !utf8.ValidString(s.Name+s.Version+s.Publisher) {
					t.Fatalf("bad software %+v", s)
				}
			}
		}
	})
}
