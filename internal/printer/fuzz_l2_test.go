// Fuzz targets for the layer-2 printers: each wraps the fuzzer's bytes in
// the frame that leads to one decoder (802.3 + LLC, a SNAP header, an
// Ethertype) and prints it with several option sets; every output must
// be one packet ending in a newline, without panicking. Run one with
// e.g. go test -run '^$' -fuzz '^FuzzSTP$' -fuzztime 20s ./internal/printer

package printer

import (
	"testing"
	"time"
)

// fuzzL2Printers print with the option sets that reach every branch of
// the layer-2 printers.
func fuzzL2Printers() []*Printer {
	var out []*Printer
	for _, o := range []Options{{}, {Verbose: 1}, {Verbose: 2, Link: true}, {Verbose: 3, HexASCII: 1}, {Quiet: true, Link: true}} {
		out = append(out, New(nil, o))
	}
	return out
}

// fuzzL2 runs a fuzz target: wrap turns the fuzzer's bytes into a frame.
func fuzzL2(f *testing.F, seeds []frame, strip int, wrap func([]byte) []byte) {
	for _, s := range seeds {
		if len(s.data) >= strip {
			f.Add(s.data[strip:], uint16(0))
		}
	}
	ps := fuzzL2Printers()
	f.Fuzz(func(t *testing.T, data []byte, cut uint16) {
		fr := wrap(data)
		orig := len(fr)
		if c := int(cut); c > 0 && c < len(fr) {
			fr = fr[:c]
		}
		for _, p := range ps {
			out := p.AppendPacket(nil, time.Unix(0, 0), fr, orig)
			if len(out) == 0 || out[len(out)-1] != '\n' {
				t.Fatalf("output %q does not end in a newline", out)
			}
		}
	})
}

// withLLC wraps an LLC frame (from its DSAP on) in an 802.3 header.
func withLLC(b []byte) []byte { return cat(macB, macA, u16b(uint16(len(b))), b) }

// withEtherType wraps a payload of Ethertype t in an Ethernet header.
func withEtherType(t uint16) func([]byte) []byte {
	return func(b []byte) []byte { return cat(macB, macA, u16b(t), b) }
}

func FuzzLLC(f *testing.F) { fuzzL2(f, llcCorpus(), 14, withLLC) }

func FuzzSTP(f *testing.F) {
	fuzzL2(f, stpCorpus(), 17, func(b []byte) []byte { return withLLC(cat([]byte{0x42, 0x42, 0x03}, b)) })
}

func FuzzLLDP(f *testing.F) { fuzzL2(f, lldpCorpus(), 14, withEtherType(0x88cc)) }

func FuzzSlow(f *testing.F) { fuzzL2(f, slowCorpus(), 14, withEtherType(0x8809)) }

func FuzzCDP(f *testing.F) {
	fuzzL2(f, cdpCorpus(), 22, func(b []byte) []byte {
		return withLLC(cat([]byte{0xaa, 0xaa, 0x03, 0, 0, 0x0c, 0x20, 0x00}, b))
	})
}

func FuzzMPLS(f *testing.F) { fuzzL2(f, mplsCorpus(), 14, withEtherType(0x8847)) }

func FuzzMACsec(f *testing.F) { fuzzL2(f, macsecCorpus(), 14, withEtherType(0x88e5)) }

func FuzzPPPoE(f *testing.F) { fuzzL2(f, pppoeCorpus(), 14, withEtherType(0x8864)) }

func FuzzPPP(f *testing.F) {
	fuzzL2(f, pppoeCorpus(), 20, func(b []byte) []byte {
		return cat(macB, macA, u16b(0x8864), []byte{0x11, 0, 0, 1}, u16b(uint16(len(b))), b)
	})
}

func FuzzISIS(f *testing.F) {
	fuzzL2(f, isisCorpus(), 17, func(b []byte) []byte { return withLLC(cat([]byte{0xfe, 0xfe, 0x03}, b)) })
}

func FuzzCLNP(f *testing.F) {
	fuzzL2(f, clnpCorpus(), 17, func(b []byte) []byte { return withLLC(cat([]byte{0xfe, 0xfe, 0x03}, b)) })
}
