package web

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// residentPart is one line of the kernel's resident-memory split.
type residentPart struct {
	kind, help string
	bytes      int64
}

// residentFields are the /proc/self/status lines reported, by metric kind.
var residentFields = []struct{ field, kind, help string }{
	{"VmRSS", "total", "Resident memory as top and ps show it (VmRSS): anon plus file."},
	{"RssAnon", "anon", "The process's own resident memory (RssAnon): heap, stacks, SQLite page caches. Alarm on this one."},
	{"RssFile", "file", "Resident pages of mapped files (RssFile): mostly the SQLite file in the OS cache, once per reader; the kernel reclaims them."},
}

// residentMemory reads the process's resident memory from /proc/self/status;
// nothing where there is no such file (not Linux).
func residentMemory() []residentPart {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return nil
	}
	defer f.Close()
	kb := map[string]int64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		if n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64); err == nil {
			kb[name] = n
		}
	}
	var out []residentPart
	for _, rf := range residentFields {
		if n, ok := kb[rf.field]; ok {
			out = append(out, residentPart{kind: rf.kind, help: rf.help, bytes: n << 10})
		}
	}
	return out
}
