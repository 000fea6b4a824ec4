package inventory

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// realXML is every agent message on disk: this package's testdata (fuzz
// corpus included) and the shared real inventories.
func realXML(t testing.TB) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, dir := range []string{"testdata", filepath.Join("..", "..", "shared", "testdata", "inventory")} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if plain, _, err := ReadBody(bytes.NewReader(b), MaxBody); err == nil && bytes.HasPrefix(bytes.TrimSpace(plain), []byte("<")) {
				files[path] = plain
			}
			return nil
		})
	}
	return files
}

// checkAgree fails when the fast reader accepts what encoding/xml refuses
// or reads it differently.
func checkAgree(t *testing.T, body []byte) (fast bool) {
	t.Helper()
	got, errFast := readXMLFast(body)
	want, errStd := readXMLStd(body)
	if errFast != nil {
		if errFast != errFallback {
			t.Fatalf("fast reader error %v is not errFallback", errFast)
		}
		return false
	}
	if errStd != nil {
		t.Fatalf("fast reader accepted what encoding/xml refuses (%v):\n%q", errStd, body[:min(len(body), 400)])
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Fatalf("fast reader differs from encoding/xml:\n got %.2000s\nwant %.2000s", g, w)
	}
	return true
}

func TestXMLReaderMatchesEncodingXML(t *testing.T) {
	files := realXML(t)
	if len(files) < 2 {
		t.Fatalf("only %d XML files found", len(files))
	}
	for path, body := range files {
		t.Run(path, func(t *testing.T) {
			if !checkAgree(t, body) && strings.HasSuffix(path, ".xml") {
				t.Fatal("a real inventory fell back to encoding/xml")
			}
		})
	}
	for _, tc := range xmlCases {
		t.Run(tc.name, func(t *testing.T) {
			if fast := checkAgree(t, []byte(tc.body)); fast != tc.fast {
				_, err := readXMLStd([]byte(tc.body))
				t.Fatalf("fast reader used: %v, want %v (encoding/xml: %v)", fast, tc.fast, err)
			}
		})
	}
}

const prolog = `<?xml version="1.0" encoding="UTF-8" ?>` + "\n"

// xmlCases are the corners of the subset: fast says whether the fast
// reader takes the message itself.
var xmlCases = []struct {
	name, body string
	fast       bool
}{
	{"prolog", prolog + `<REQUEST><DEVICEID>d</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`, true},
	{"no declaration", `<REQUEST><QUERY>PROLOG</QUERY></REQUEST>`, true},
	{"legacy charset declared", `<?xml version="1.0" encoding="Shift_JIS"?><REQUEST><QUERY>x</QUERY></REQUEST>`, true},
	{"version 1.1", `<?xml version="1.1"?><REQUEST/>`, false},
	{"other instruction", `<?php echo 1 ?><REQUEST><?pi x?><QUERY>a<?pi?>b</QUERY></REQUEST>`, true},
	{"comments", `<!-- a --><REQUEST><!----><QUERY>a<!-- x -->b</QUERY></REQUEST>`, true},
	{"comment with --", `<REQUEST><!-- a -- b --><QUERY>a</QUERY></REQUEST>`, false},
	{"comment -->", `<REQUEST><!--->x--><QUERY>a</QUERY></REQUEST>`, true},
	{"entities", `<REQUEST><QUERY>&lt;&amp;&gt;&quot;&apos;&#65;&#x42;&#x1F600;&#0065;</QUERY></REQUEST>`, true},
	{"surrogate reference", `<REQUEST><QUERY>&#xD800;</QUERY></REQUEST>`, true},
	{"NUL reference", `<REQUEST><QUERY>&#0;</QUERY></REQUEST>`, false},
	{"FFFE reference", `<REQUEST><QUERY>&#xFFFE;</QUERY></REQUEST>`, false},
	{"huge reference", `<REQUEST><QUERY>&#99999999999999999999;</QUERY></REQUEST>`, false},
	{"capital X reference", `<REQUEST><QUERY>&#X41;</QUERY></REQUEST>`, false},
	{"unknown entity", `<REQUEST><QUERY>&nbsp;</QUERY></REQUEST>`, false},
	{"no semicolon", `<REQUEST><QUERY>&amp</QUERY></REQUEST>`, false},
	{"CR and CRLF", "<REQUEST>\r\n<QUERY>a\r\nb\rc\r\r\nd</QUERY></REQUEST>", true},
	{"CR next to an entity", "<REQUEST><QUERY>\r&amp;\n\r</QUERY></REQUEST>", true},
	{"]]> in text", `<REQUEST><QUERY>a]]>b</QUERY></REQUEST>`, false},
	{"]] > apart", `<REQUEST><QUERY>a]]&gt;b]<!---->]>c</QUERY></REQUEST>`, true},
	{"CDATA", `<REQUEST><QUERY><![CDATA[x]]></QUERY></REQUEST>`, false},
	{"DOCTYPE", `<!DOCTYPE REQUEST><REQUEST/>`, false},
	{"attribute", `<REQUEST a="1"><QUERY>x</QUERY></REQUEST>`, false},
	{"namespace", `<REQUEST><a:QUERY>x</a:QUERY></REQUEST>`, false},
	{"spaces in tags", "<REQUEST ><QUERY\n>x</QUERY\t></REQUEST >", true},
	{"empty elements", `<REQUEST><DEVICEID/><QUERY />` + `<CONTENT/></REQUEST>`, true},
	{"wrong root", `<REPLY><QUERY>x</QUERY></REPLY>`, false},
	{"mismatched end", `<REQUEST><QUERY>x</QUERYY></REQUEST>`, false},
	{"unclosed", `<REQUEST><QUERY>x</QUERY>`, false},
	{"trailing junk", `<REQUEST><QUERY>x</QUERY></REQUEST><<<&&`, true},
	{"text before root", "junk\n<REQUEST><QUERY>x</QUERY></REQUEST>", true},
	{"end before root", "</X><REQUEST/>", false},
	{"control character", "<REQUEST><QUERY>a\x01b</QUERY></REQUEST>", false},
	{"invalid UTF-8", "<REQUEST><QUERY>a\xffb</QUERY></REQUEST>", false},
	{"non-ASCII text", "<REQUEST><QUERY>日本語 ソフト</QUERY></REQUEST>", true},
	{"non-ASCII name", "<REQUEST><名前>x</名前><QUERY>q</QUERY></REQUEST>", false},
	{"children of a string field", `<REQUEST><QUERY>a<X>skip<Y/></X>b</QUERY></REQUEST>`, true},
	{"last occurrence wins", `<REQUEST><QUERY>a</QUERY><QUERY></QUERY></REQUEST>`, true},
	{"unknown sections skipped", `<REQUEST><X><Y><Z>1</Z></Y></X><QUERY>q</QUERY></REQUEST>`, true},
	{"sections", `<REQUEST><QUERY>INVENTORY</QUERY><CONTENT>
<HARDWARE><NAME>pc</NAME><UUID>u</UUID><MEMORY>1</MEMORY><NAME>pc2</NAME></HARDWARE>
<HARDWARE><OSNAME>os</OSNAME></HARDWARE>
<BIOS><SSN>s</SSN><BDATE>d</BDATE></BIOS>
<OPERATINGSYSTEM><NAME>n</NAME></OPERATINGSYSTEM><OPERATINGSYSTEM><ARCH>a</ARCH></OPERATINGSYSTEM>
<CPUS><NAME>c</NAME><CORE>2</CORE></CPUS><CPUS><TYPE>t</TYPE><CORES>4</CORES><CPUARCH>x</CPUARCH></CPUS>
<MEMORIES><CAPACITY>8</CAPACITY></MEMORIES><MEMORIES/>
<STORAGES><NAME>sda</NAME><TYPE>disk</TYPE><DISKSIZE>9</DISKSIZE></STORAGES>
<DRIVES><TYPE>/</TYPE><TOTAL>5</TOTAL><FREE>1</FREE><ENCRYPT_STATUS>Yes</ENCRYPT_STATUS></DRIVES>
<NETWORKS><DESCRIPTION>eth0</DESCRIPTION><MACADDR>02:00:00:00:00:01</MACADDR><IPADDRESS>10.0.0.1</IPADDRESS></NETWORKS>
<SOFTWARES><NAME>a</NAME><VERSION>1</VERSION><PUBLISHER>p</PUBLISHER><EXTRA>e</EXTRA></SOFTWARES><SOFTWARES/>
<ANTIVIRUS><NAME>av</NAME><ENABLED>1</ENABLED></ANTIVIRUS>
<VERSIONCLIENT>v</VERSIONCLIENT></CONTENT><CONTENT><VERSIONCLIENT>w</VERSIONCLIENT></CONTENT></REQUEST>`, true},
}

// FuzzXMLReader: on any input the fast reader either leaves the message to
// encoding/xml or reads exactly what encoding/xml reads, so parseXML
// accepts and refuses what it always did.
func FuzzXMLReader(f *testing.F) {
	for _, tc := range xmlCases {
		f.Add([]byte(tc.body))
	}
	for _, b := range realXML(f) {
		if len(b) < 4096 {
			f.Add(b)
		}
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "ocsinventory-agent-2.10-debian12.xml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw[:3000]) // a real head, cut short
	f.Fuzz(func(t *testing.T, body []byte) {
		checkAgree(t, body)
	})
}

func BenchmarkXMLReader(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "ocsinventory-agent-2.10-debian12.xml"))
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range []struct {
		name string
		read func([]byte) (*xmlRequest, error)
	}{{"fast", readXMLFast}, {"encoding-xml", readXMLStd}} {
		b.Run(r.name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				if _, err := r.read(raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
