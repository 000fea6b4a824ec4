package inventory

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/NAME.golden.json (rewritten with -update).
func golden(t *testing.T, name string, got any) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", name+".golden.json")
	if *update {
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(want), b) {
		t.Errorf("%s differs from its golden file (go test -update to accept):\n%s", name, b[:min(len(b), 3000)])
	}
}

func zlibbed(b []byte) []byte { return Compress(b, Zlib) }

func TestRealInventories(t *testing.T) {
	for _, tc := range []struct {
		file            string
		software        int
		os, osVersion   string
		cpu             string
		macs            []string
		memoryMB, cores int64
	}{
		{"fusioninventory-2.6-debian12.xml", 924, "Debian GNU/Linux 12 (bookworm)", "12.11", "AMD EPYC", []string{"02:fc:00:00:00:01"}, 24105, 2},
		{"ocsinventory-agent-2.10-debian12.xml", 923, "Debian GNU/Linux 12", "12", "AMD EPYC", []string{"02:fc:00:00:00:01", "32:b4:51:d4:a9:2e", "da:42:26:de:bb:00"}, 24105, 2},
	} {
		t.Run(tc.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			// The agents send zlib; the same message plain must read the same.
			for _, body := range [][]byte{raw, zlibbed(raw), Compress(raw, Gzip)} {
				plain, _, err := ReadBody(bytes.NewReader(body), MaxBody)
				if err != nil {
					t.Fatal(err)
				}
				m, err := Parse(plain)
				if err != nil {
					t.Fatal(err)
				}
				r := m.Report
				if m.Query != "INVENTORY" || !strings.HasPrefix(m.DeviceID, "vm-2026-11-25") || r.Hostname != "vm" {
					t.Fatalf("query %q device %q host %q", m.Query, m.DeviceID, r.Hostname)
				}
				if len(r.Software) != tc.software || r.OSName != tc.os || r.OSVersion != tc.osVersion || r.CPU != tc.cpu ||
					r.MemoryMB != tc.memoryMB || int64(r.CPUCores) != tc.cores || strings.Join(r.MACs, ",") != strings.Join(tc.macs, ",") {
					t.Fatalf("software %d os %q %q cpu %q memory %d cores %d macs %v", len(r.Software), r.OSName, r.OSVersion, r.CPU, r.MemoryMB, r.CPUCores, r.MACs)
				}
				if len(r.Volumes) != 1 || r.Volumes[0].Mount != "/" || r.Volumes[0].TotalMB != 258019 {
					t.Fatalf("volumes %+v", r.Volumes)
				}
			}
			m, _ := Parse(raw)
			golden(t, strings.TrimSuffix(tc.file, ".xml"), m.Report)
		})
	}
}

func TestGLPIJSON(t *testing.T) {
	read := func(name string) *Message {
		t.Helper()
		b, err := os.ReadFile(filepath.Join("testdata", "glpi", name))
		if err != nil {
			t.Fatal(err)
		}
		m, err := Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	if m := read("contact.json"); m.Format != JSON || m.Query != "contact" || m.Report != nil {
		t.Fatalf("contact: %+v", m)
	}
	m := read("inventory-windows10.json")
	r := m.Report
	if r.UUID != "4C4C4544-0051-3010-8052-B4C04F4E5933" || r.BIOSSerial != "7Q0RN93" || r.MemoryMB != 16384 ||
		r.OSName != "Microsoft Windows 10 Pro" || len(r.Software) != 6 || r.Maker != "Dell Inc." || r.Model != "Latitude 5420" {
		t.Fatalf("report %+v", r)
	}
	if strings.Join(r.MACs, ",") != "10:65:30:aa:bb:01,8c:c6:81:aa:bb:02" {
		t.Fatalf("macs %v (virtual Hyper-V adapter must not count)", r.MACs)
	}
	if !r.Volumes[0].Encrypted || r.Volumes[0].Encryption != "BitLocker" || r.Volumes[1].Encrypted {
		t.Fatalf("volumes %+v", r.Volumes)
	}
	if len(r.Antivirus) != 1 || !r.Antivirus[0].Enabled || !r.Antivirus[0].UpToDate {
		t.Fatalf("antivirus %+v", r.Antivirus)
	}
	golden(t, "glpi-windows10", r)
	p := read("partial-software.json").Report
	if !p.Partial || strings.Join(p.Sections, ",") != "bios,hardware,softwares,versionclient" || len(p.Software) != 6 {
		t.Fatalf("partial %+v", p)
	}
}

func TestProlog(t *testing.T) {
	m, err := Parse([]byte(`<?xml version="1.0" encoding="UTF-8" ?><REQUEST><DEVICEID>pc-01-2026</DEVICEID><QUERY>PROLOG</QUERY><TOKEN>12345678</TOKEN></REQUEST>`))
	if err != nil || m.Query != "PROLOG" || m.DeviceID != "pc-01-2026" || m.Format != XML {
		t.Fatalf("%+v %v", m, err)
	}
	if got := string(ReplySend(24)); !strings.Contains(got, "<REPLY><RESPONSE>SEND</RESPONSE><PROLOG_FREQ>24</PROLOG_FREQ></REPLY>") {
		t.Fatal(got)
	}
	// The OCS agent decompresses every reply; FusionInventory recognises 78 9C.
	if z := Compress(ReplySend(24), Zlib); z[0] != 0x78 || z[1] != 0x9c {
		t.Fatalf("zlib header % x", z[:2])
	}
}

func TestMalformed(t *testing.T) {
	for name, body := range map[string]string{
		"empty":           "",
		"not xml or json": "hello",
		"broken xml":      "<REQUEST><QUERY>PROLOG</QUERY>",
		"wrong root":      "<REPLY><QUERY>PROLOG</QUERY></REPLY>",
		"unknown query":   "<REQUEST><QUERY>DROP</QUERY></REQUEST>",
		"no content":      "<REQUEST><QUERY>INVENTORY</QUERY></REQUEST>",
		"broken json":     `{"action":`,
		"no action":       `{"deviceid":"x"}`,
		"unknown action":  `{"action":"explode"}`,
		"json no content": `{"action":"inventory","deviceid":"x"}`,
		"not a computer":  `{"action":"inventory","itemtype":"Printer","content":{}}`,
		"object as name":  `{"action":"inventory","content":{"hardware":{"name":{"a":1}}}}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(body))
			var me *MalformedError
			if !errors.As(err, &me) {
				t.Fatalf("got %v, want a MalformedError", err)
			}
		})
	}
}

func TestBodyLimits(t *testing.T) {
	// A zlib bomb: 64 MiB of zeros compress to about 64 KiB.
	var bomb bytes.Buffer
	w := zlib.NewWriter(&bomb)
	zeros := make([]byte, 1<<20)
	for range 64 {
		w.Write(zeros)
	}
	w.Close()
	if _, _, err := ReadBody(bytes.NewReader(bomb.Bytes()), MaxBody); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("bomb of %d bytes: %v", bomb.Len(), err)
	}
	if _, _, err := ReadBody(strings.NewReader(strings.Repeat("<", 2000)), 1000); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("raw over the limit: %v", err)
	}
	var me *MalformedError
	if _, _, err := ReadBody(bytes.NewReader([]byte{0x78, 0x9c, 1, 2, 3}), MaxBody); !errors.As(err, &me) {
		t.Fatalf("truncated zlib: %v", err)
	}
	if c := Sniff([]byte("<?xml")); c != Plain {
		t.Fatal("XML sniffed as compressed")
	}
	if c := Sniff([]byte("{\"a\"")); c != Plain {
		t.Fatal("JSON sniffed as compressed")
	}
}

func TestCleanAndIdentity(t *testing.T) {
	m, err := Parse([]byte("<REQUEST><QUERY>INVENTORY</QUERY><DEVICEID>d</DEVICEID><CONTENT><BIOS><SSN>To be filled by O.E.M.</SSN></BIOS>" +
		"<HARDWARE><NAME>pc\x01 01</NAME><UUID>03000200-0400-0500-0006-000700080009</UUID></HARDWARE>" +
		"<SOFTWARES><NAME>a</NAME><VERSION>1</VERSION></SOFTWARES><SOFTWARES><NAME>a</NAME><VERSION>1</VERSION></SOFTWARES><SOFTWARES><NAME> </NAME></SOFTWARES>" +
		"</CONTENT></REQUEST>"))
	if err == nil {
		t.Fatal("a control character in XML must be refused")
	}
	m, err = Parse([]byte("<REQUEST><QUERY>INVENTORY</QUERY><DEVICEID>d</DEVICEID><CONTENT><BIOS><SSN>To be filled by O.E.M.</SSN></BIOS>" +
		"<HARDWARE><NAME>" + strings.Repeat("長", 300) + "</NAME><UUID>03000200-0400-0500-0006-000700080009</UUID></HARDWARE>" +
		"<SOFTWARES><NAME>a</NAME><VERSION>1</VERSION></SOFTWARES><SOFTWARES><NAME>a</NAME><VERSION>1</VERSION></SOFTWARES><SOFTWARES><NAME> </NAME></SOFTWARES>" +
		"</CONTENT></REQUEST>"))
	if err != nil {
		t.Fatal(err)
	}
	r := m.Report
	if r.BIOSSerial != "" || r.UUID != "" || len(r.Software) != 1 || len([]rune(r.Hostname)) != maxText {
		t.Fatalf("%+v", r)
	}
}
