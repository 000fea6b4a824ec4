package main

import (
	"runtime/debug"
	"strings"

	"hitori"
)

// commit is set at build time (README: -ldflags "-X main.commit=…") for
// builds without VCS stamping: go run, a source archive, -buildvcs=false.
var commit = ""

// versionLine is what hitori version prints: the version and the commit,
// from -ldflags when set, else from what the Go toolchain recorded.
func versionLine(version, commit string, info *debug.BuildInfo, ok bool) string {
	modified := false
	if ok {
		if (version == "" || version == "dev") && info.Main.Version != "" && info.Main.Version != "(devel)" {
			version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if commit == "" {
					commit = s.Value
				}
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if version == "" {
		version = "dev"
	}
	if len(commit) > 12 {
		commit = commit[:12]
	}
	if commit == "" {
		commit = "unknown"
	} else if modified {
		commit += " (modified)"
	}
	var b strings.Builder
	b.WriteString("hitori " + version + "\ncommit " + commit)
	if ok && info.GoVersion != "" {
		b.WriteString("\nbuilt with " + info.GoVersion)
	}
	return b.String()
}

// currentVersion is versionLine for this binary.
func currentVersion() string {
	info, ok := debug.ReadBuildInfo()
	return versionLine(hitori.Version, commit, info, ok)
}
