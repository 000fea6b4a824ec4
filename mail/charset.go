package mail

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/japanese"
)

// charset families we decode ourselves; anything else goes through htmlindex.
const (
	csUnknown = iota // unregistered or missing label: detect from the bytes
	csASCII          // labels that promise 7-bit text, which mailers often break
	csUTF8
	csJIS // ISO-2022-JP and its Microsoft/JIS X 0213 relatives, decoded as CP50221
	csCP932
	csEUCJP
	csOther
)

// japaneseLabels maps every label seen from Japanese mailers to a family.
// Every Shift_JIS label is decoded as CP932: Windows senders write CP932
// whatever they call it, and CP932 is a superset for practical purposes.
var japaneseLabels = map[string]int{
	"utf-8": csUTF8, "utf8": csUTF8, "unicode-1-1-utf-8": csUTF8, "x-unicode20utf8": csUTF8,
	"us-ascii": csASCII, "ascii": csASCII, "ansi_x3.4-1968": csASCII, "iso646-us": csASCII, "us": csASCII, "csascii": csASCII,
	"iso-2022-jp": csJIS, "csiso2022jp": csJIS, "iso-2022-jp-ms": csJIS, "cp50220": csJIS, "cp50221": csJIS, "cp50222": csJIS,
	"iso-2022-jp-1": csJIS, "iso-2022-jp-2": csJIS, "iso-2022-jp-3": csJIS, "iso-2022-jp-2004": csJIS, "jis": csJIS, "x-jis": csJIS,
	"shift_jis": csCP932, "shift-jis": csCP932, "sjis": csCP932, "x-sjis": csCP932, "ms_kanji": csCP932, "csshiftjis": csCP932,
	"windows-31j": csCP932, "cswindows31j": csCP932, "cp932": csCP932, "ms932": csCP932, "ibm-943": csCP932, "x-ms-cp932": csCP932,
	"shift_jisx0213": csCP932, "shift_jis-2004": csCP932, "sjis-win": csCP932, "sjis-open": csCP932, "windows-932": csCP932,
	"euc-jp": csEUCJP, "x-euc-jp": csEUCJP, "eucjp": csEUCJP, "eucjp-ms": csEUCJP, "euc-jp-ms": csEUCJP, "eucjp-win": csEUCJP,
	"cseucpkdfmtjapanese": csEUCJP, "euc-jisx0213": csEUCJP, "ujis": csEUCJP,
}

// lookupCharset returns the family of a MIME charset label and, for csOther, its decoder.
func lookupCharset(label string) (int, encoding.Encoding) {
	label = strings.ToLower(strings.Trim(label, " \t\"'"))
	if i := strings.IndexByte(label, '*'); i >= 0 { // RFC 2231 language suffix: iso-2022-jp*ja
		label = label[:i]
	}
	if label == "" {
		return csUnknown, nil
	}
	if cs, ok := japaneseLabels[label]; ok {
		return cs, nil
	}
	// WHATWG maps ISO-2022-KR/CN to a decoder that yields only U+FFFD;
	// detection shows more of such rare mail than that.
	if enc, err := htmlindex.Get(label); err == nil && enc != nil && enc != encoding.Replacement {
		return csOther, enc
	}
	return csUnknown, nil
}

// decodeText converts b from the labelled charset to UTF-8 and never fails.
// Labels are trusted only as far as the bytes allow: 8-bit data under a
// 7-bit label, or invalid UTF-8 under a UTF-8 label, is re-detected.
func decodeText(label string, b []byte) string {
	cs, enc := lookupCharset(label)
	switch cs {
	case csUnknown, csASCII:
		cs = sniff(b)
	case csJIS:
		if hasHighBit(b) {
			cs = sniff(b)
		}
	case csUTF8:
		if utf8.Valid(b) {
			return string(b)
		}
		if !mostlyUTF8(b) && validSJIS(b) {
			cs = csCP932 // web forms that say UTF-8 and send Shift_JIS
		}
	}
	switch cs {
	case csUTF8, csASCII:
		return strings.ToValidUTF8(string(b), "\uFFFD")
	case csJIS:
		return decodeISO2022JP(b)
	case csCP932:
		return decodeWith(japanese.ShiftJIS, b)
	case csEUCJP:
		return decodeWith(japanese.EUCJP, b)
	case csOther:
		return decodeWith(enc, b)
	}
	return decodeWith(japanese.ShiftJIS, b)
}

// decodeRaw decodes text that came with no label at all, such as 8-bit header bytes.
func decodeRaw(b []byte) string { return decodeText("", b) }

// decodeWith runs an x/text decoder; its output is replaced, not dropped, on bad input.
func decodeWith(enc encoding.Encoding, b []byte) string {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return strings.ToValidUTF8(string(out), "\uFFFD")
}
