package asset

import (
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// TitleKey normalises a software title so that the names inventory agents
// report ("Microsoft Office Professional Plus 2019 - ja-jp",
// "7-Zip 23.01 (x64)", full-width "ＡｄｏｂｅＡｃｒｏｂａｔ") and the name an
// administrator types for a license meet on one key: lower case, NFKC
// width folding, with version numbers, years, editions, architectures and
// locale tags removed. software_packages.title_key and license titles are both
// stored through it, so licenses are counted against installations by
// equality. TitleKey(TitleKey(s)) == TitleKey(s).
func TitleKey(name string) string {
	// Invalid bytes would stop NFKC short of the text after them.
	name = strings.ToValidUTF8(name, "\uFFFD")
	key := name
	// Removing one decoration can bring two words together that form
	// another ("64 2019 bit"), so strip until nothing changes; every pass
	// that changes something shortens the key, and titles are short.
	for range 8 {
		next := stripTitle(key)
		if next == key {
			break
		}
		key = next
	}
	if key == "" {
		// A name made only of what we strip ("2019", "x64"): keep it
		// whole rather than folding every such title onto "".
		key = foldTitle(name)
	}
	return key
}

// foldTitle is the folding alone: width, case and separators.
func foldTitle(s string) string {
	s = titleSigns.Replace(s)
	s = strings.ToLower(norm.NFKC.String(s))
	s = titleMarks.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(titleSeparators.Replace(s)), " ")
}

// stripTitle folds s and removes one layer of decorations.
func stripTitle(s string) string {
	s = foldTitle(s)
	s = titleArchPhrase.ReplaceAllString(s, " ")
	s = titleEditionPhrase.ReplaceAllString(s, " ")
	var kept []string
	for i, tok := range strings.Fields(s) {
		if titleDropped(tok, i == 0) {
			continue
		}
		kept = append(kept, tok)
	}
	return strings.Join(kept, " ")
}

var (
	titleSigns = strings.NewReplacer("™", " ", "®", " ", "©", " ")
	// (r), (tm), (c) as typed in ASCII.
	titleMarks = regexp.MustCompile(`\((r|tm|c)\)`)
	// "64-bit", "32 bit", "64 ビット" — several tokens, so matched before
	// splitting.
	titleArchPhrase = regexp.MustCompile(`\b(32|64)[ -]?(bit|ビット)`)
	// Editions of more than one word.
	titleEditionPhrase = regexp.MustCompile(`\b(home (and|&) (business|student)|professional plus|pro plus|for enterprise|for home)\b`)
	// Punctuation that separates a title from its decorations. A hyphen
	// inside a word ("7-zip") stays; a free-standing one goes.
	titleSeparators = strings.NewReplacer("(", " ", ")", " ", "[", " ", "]", " ", "{", " ", "}", " ",
		",", " ", ";", " ", ":", " ", "/", " ", "|", " ", "_", " ", " - ", " ", "「", " ", "」", " ")
	titleVersion = regexp.MustCompile(`^(v|ver\.?|version)?\d+(\.\d+)+[a-z0-9-]*$|^v\d+$|^(19|20)\d\d(-(19|20)\d\d)?$|^sp\d+$|^[a-z]{2}-[a-z]{2}$`)
	titleWords   = map[string]bool{
		// architectures
		"x64": true, "x86": true, "x86-64": true, "amd64": true, "arm64": true, "ia64": true, "win64": true,
		// editions
		"professional": true, "pro": true, "standard": true, "enterprise": true, "home": true,
		"personal": true, "premium": true, "ultimate": true, "community": true, "edition": true,
		"version": true, "ver": true, "ver.": true, "-": true,
		// locale decorations
		"日本語": true, "日本語版": true, "japanese": true, "english": true, "ja": true, "en": true,
	}
)

// titleDropped says whether one token of a title is decoration. The first
// token is never an edition word: "Enterprise Architect" keeps its name.
func titleDropped(tok string, first bool) bool {
	if titleVersion.MatchString(tok) {
		return true
	}
	if titleWords[tok] {
		switch tok {
		case "x64", "x86", "x86-64", "amd64", "arm64", "ia64", "win64", "-":
			return true
		}
		return !first
	}
	return false
}
