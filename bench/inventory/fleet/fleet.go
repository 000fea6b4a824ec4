// Package fleet makes a fleet of distinct devices' inventory reports
// from one recorded report: host name, DEVICEID and MAC addresses are
// rewritten per device. The inventory benchmarks (bench/inventory over
// HTTP, asset's BenchmarkInventoryReplay in process) share it.
package fleet

import (
	"bytes"
	"fmt"
)

// Body rewrites a recorded report as device i of the fleet. The places to
// rewrite are found once, so that making a body costs a copy and not a
// search of 300 KB: the benchmarks measure hitori, not themselves.
type Body struct {
	parts [][]byte // text between the places, len(holes)+1
	holes []int    // which rewrite each place gets
}

var fleetRewrites = []struct {
	old string
	new func(i int) string
}{
	{"<NAME>vm</NAME>", func(i int) string { return fmt.Sprintf("<NAME>pc-%05d</NAME>", i) }},
	{"<DEVICEID>vm-", func(i int) string { return fmt.Sprintf("<DEVICEID>pc-%05d-", i) }},
	{"02:fc:00:00:00:01", func(i int) string { return fleetMAC("02:fc:00", i) }},
	{"32:b4:51:d4:a9:2e", func(i int) string { return fleetMAC("32:b4:51", i) }},
	{"da:42:26:de:bb:00", func(i int) string { return fleetMAC("da:42:26", i) }},
}

func fleetMAC(prefix string, i int) string {
	return fmt.Sprintf("%s:%02x:%02x:%02x", prefix, i>>16&0xff, i>>8&0xff, i&0xff)
}

// New prepares src (a recorded report) for rewriting.
func New(src []byte) *Body {
	f := &Body{}
	for {
		at, which := -1, 0
		for k, rw := range fleetRewrites {
			if j := bytes.Index(src, []byte(rw.old)); j >= 0 && (at < 0 || j < at) {
				at, which = j, k
			}
		}
		if at < 0 {
			f.parts = append(f.parts, src)
			return f
		}
		f.parts = append(f.parts, src[:at])
		f.holes = append(f.holes, which)
		src = src[at+len(fleetRewrites[which].old):]
	}
}

// Device is the report of device i.
func (f *Body) Device(i int) []byte {
	var b bytes.Buffer
	b.Grow(len(f.parts[0]) * 2)
	for k, hole := range f.holes {
		b.Write(f.parts[k])
		b.WriteString(fleetRewrites[hole].new(i))
	}
	b.Write(f.parts[len(f.parts)-1])
	return b.Bytes()
}
