package inventory

import (
	"cmp"
	"net"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"hitori"
)

// Bounds on one report, beyond MaxBody: what a real PC reports stays far
// below them.
const (
	MaxSoftware = 20000
	maxParts    = 1000 // NICs, disks, volumes, antivirus entries
	maxText     = hitori.AssetShortMax
)

// clean makes agent text safe to store: valid UTF-8, no control
// characters, trimmed and cut to maxText characters.
func clean(s string) string {
	if plainText(s) {
		return s // nearly every field of a report: no copy, no rune walk
	}
	return cleanText(s)
}

// cleanText is clean without its fast path.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > maxText {
		s = string([]rune(s)[:maxText])
	}
	return s
}

// plainText says whether clean would return s as it is: printable ASCII
// with no space at either end, no longer than maxText.
func plainText(s string) bool {
	if len(s) > maxText || s != "" && (s[0] == ' ' || s[len(s)-1] == ' ') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// first returns the first non-blank value.
func first(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// number reads a size or count ("24105", "274877.906944", "1024 MB"); 0
// when there is none.
func number(s string) int64 {
	s = strings.TrimSpace(s)
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == '.') {
		end++
	}
	f, err := strconv.ParseFloat(s[:end], 64)
	if err != nil || f < 0 || f > 1<<50 {
		return 0
	}
	return int64(f)
}

// yes reads the agents' booleans: 1/0, yes/no, true/false.
func yes(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "yes", "true", "on", "enabled", "fullyencrypted":
		return true
	}
	return false
}

// placeholders are serials and UUIDs that firmware vendors leave unset:
// matching on them would merge unrelated PCs into one asset.
var placeholders = map[string]bool{
	"": true, "0": true, "none": true, "n/a": true, "na": true, "default string": true,
	"to be filled by o.e.m.": true, "system serial number": true, "not specified": true,
	"not applicable": true, "0123456789": true, "123456789": true, "chassis serial number": true,
	"03000200-0400-0500-0006-000700080009": true, "00000000-0000-0000-0000-000000000000": true,
	"ffffffff-ffff-ffff-ffff-ffffffffffff": true,
}

func identity(s string) string {
	s = clean(s)
	if placeholders[strings.ToLower(s)] {
		return ""
	}
	return s
}

// normaliseMAC returns a MAC address as lower-case colon form, or "" for
// none, the all-zero loopback address and broadcast.
func normaliseMAC(s string) string {
	hw, err := net.ParseMAC(strings.TrimSpace(s))
	if err != nil || len(hw) != 6 {
		return ""
	}
	m := hw.String()
	if m == "00:00:00:00:00:00" || m == "ff:ff:ff:ff:ff:ff" {
		return ""
	}
	return m
}

// addNIC adds an interface, merging the entries FusionInventory repeats
// per address; loopback is left out.
func addNIC(nics []hitori.InventoryNIC, name, mac, typ string, virtual bool, ips ...string) []hitori.InventoryNIC {
	name, typ, mac = clean(name), clean(typ), normaliseMAC(mac)
	if strings.EqualFold(typ, "loopback") || name == "lo" || len(nics) >= maxParts {
		return nics
	}
	var n *hitori.InventoryNIC
	for i := range nics {
		if nics[i].Name == name && nics[i].MAC == mac {
			n = &nics[i]
		}
	}
	if n == nil {
		nics = append(nics, hitori.InventoryNIC{Name: name, MAC: mac, Type: typ, Virtual: virtual})
		n = &nics[len(nics)-1]
	}
	for _, ip := range ips {
		if ip = clean(ip); ip != "" && !slices.Contains(n.IPs, ip) && len(n.IPs) < 32 {
			n.IPs = append(n.IPs, ip)
		}
	}
	return nics
}

// normalise cleans every text of r, drops placeholder identities, keeps
// one entry per program name and version (sorted), and derives the MACs
// matching uses: those of physical interfaces.
func normalise(r *hitori.InventoryReport) *hitori.InventoryReport {
	r.DeviceID, r.Agent, r.Hostname = clean(r.DeviceID), clean(r.Agent), clean(r.Hostname)
	r.UUID, r.BIOSSerial = strings.ToUpper(identity(r.UUID)), identity(r.BIOSSerial)
	r.Maker, r.Model, r.CPU = identity(r.Maker), identity(r.Model), clean(r.CPU)
	r.OSName, r.OSVersion, r.OSArch = clean(r.OSName), clean(r.OSVersion), clean(r.OSArch)
	r.BIOS = hitori.InventoryBIOS{Vendor: clean(r.BIOS.Vendor), Version: clean(r.BIOS.Version), Date: clean(r.BIOS.Date)}
	r.Disks = r.Disks[:min(len(r.Disks), maxParts)]
	for i := range r.Disks {
		d := &r.Disks[i]
		d.Name, d.Model, d.Serial = clean(d.Name), clean(d.Model), identity(d.Serial)
	}
	r.Volumes = r.Volumes[:min(len(r.Volumes), maxParts)]
	for i := range r.Volumes {
		v := &r.Volumes[i]
		v.Mount, v.FileSystem, v.Encryption = clean(v.Mount), clean(v.FileSystem), clean(v.Encryption)
	}
	r.Antivirus = r.Antivirus[:min(len(r.Antivirus), maxParts)]
	for i := range r.Antivirus {
		a := &r.Antivirus[i]
		a.Name, a.Company, a.Version = clean(a.Name), clean(a.Company), clean(a.Version)
	}
	r.MACs = nil
	for _, n := range r.NICs {
		if n.MAC != "" && !n.Virtual && !slices.Contains(r.MACs, n.MAC) {
			r.MACs = append(r.MACs, n.MAC)
		}
	}
	slices.Sort(r.MACs)
	sw := r.Software[:0]
	for _, s := range r.Software {
		s.Name, s.Version, s.Publisher = clean(s.Name), clean(s.Version), clean(s.Publisher)
		if s.Name != "" {
			sw = append(sw, s)
		}
	}
	slices.SortFunc(sw, func(a, b hitori.InventorySoftware) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Version, b.Version), cmp.Compare(a.Publisher, b.Publisher))
	})
	r.Software = slices.CompactFunc(sw, func(a, b hitori.InventorySoftware) bool { return a.Name == b.Name && a.Version == b.Version })
	return r
}
