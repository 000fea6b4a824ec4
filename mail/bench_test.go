package mail

import (
	"testing"
)

// BenchmarkParse parses the whole sample mix per iteration and reports messages per second.
func BenchmarkParse(b *testing.B) {
	samples := allSamples(b)
	var size int64
	for _, s := range samples {
		size += int64(len(s))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range samples {
			if _, err := Parse(s, DefaultLimits()); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(samples))/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkParseSmall excludes the 2 MB sample, which dominates the mix.
func BenchmarkParseSmall(b *testing.B) {
	var samples [][]byte
	for _, s := range allSamples(b) {
		if len(s) < 1<<20 {
			samples = append(samples, s)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range samples {
			if _, err := Parse(s, DefaultLimits()); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(samples))/b.Elapsed().Seconds(), "msgs/s")
}
