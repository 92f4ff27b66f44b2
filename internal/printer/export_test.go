// Test-only exports for the external tests (names_test.go, which needs
// internal/printer/sysnames, a package that imports this one).

package printer

import "testing"

// WriteCorpusPcap writes the comparable corpus (loadCorpus) but the
// frames skip is true for to path as a microsecond pcap and returns the
// number of frames written and skipped.
func WriteCorpusPcap(t testing.TB, path string, skip func(data []byte) bool) (int, int) {
	var fs []frame
	skipped := 0
	for _, f := range loadCorpus(t) {
		if skip(f.data) {
			skipped++
			continue
		}
		fs = append(fs, f)
	}
	writePcap(t, path, false, fs)
	return len(fs), skipped
}
