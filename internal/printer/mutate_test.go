package printer

import (
	"math/rand"
	"path/filepath"
	"strings"
	"testing"
)

// mutated returns corpus frames with random bytes changed and random
// capture lengths, keeping only frames comparable() accepts.
func mutated(n int, seed int64) []frame { return mutatedFrom(corpus(), n, seed, 0) }

// mutatedFrom corrupts frames of base; with minOff > 0 the bytes changed
// lie at or after minOff (the application payload).
func mutatedFrom(base []frame, n int, seed int64, minOff int) []frame {
	rng := rand.New(rand.NewSource(seed))
	var out []frame
	for len(out) < n {
		f := base[rng.Intn(len(base))]
		d := append([]byte(nil), f.data...)
		for k := rng.Intn(4); k >= 0; k-- {
			// Mostly corrupt header bytes, where the printers look.
			i := rng.Intn(len(d))
			if minOff > 0 && len(d) > minOff {
				i = minOff + rng.Intn(len(d)-minOff)
			} else if rng.Intn(3) > 0 && len(d) > 80 {
				i = rng.Intn(80)
			}
			d[i] = byte(rng.Intn(256))
		}
		if rng.Intn(3) == 0 {
			d = d[:rng.Intn(len(d)+1)]
		}
		if len(d) == 0 {
			continue
		}
		fr := frame{name: f.name + "/mut", data: d, origLen: f.origLen}
		if ok, _ := comparable(fr.data); ok {
			out = append(out, fr)
		}
	}
	return out
}

// TestMatchesTcpdumpMutated compares the printer with tcpdump on randomly
// corrupted and truncated frames.
func TestMatchesTcpdumpMutated(t *testing.T) {
	bin := needTcpdump(t)
	fs := mutated(3000, 42)
	// Application payloads (DNS, HTTP, ...) corrupted past the headers.
	fs = append(fs, mutatedFrom(appCorpus(), 3000, 43, 14+20+8)...)
	// DHCP options corrupted (past the fixed BOOTP header).
	fs = append(fs, mutatedFrom(dhcpCorpus(), 1500, 44, 14+20+8+236)...)
	// Tunnel headers and the frames inside them corrupted.
	fs = append(fs, mutatedFrom(tunnelCorpus(), 1500, 45, 14+20+8)...)
	// IPv6 extension headers and ICMPv6 messages corrupted past the
	// IPv6 header.
	fs = append(fs, mutatedFrom(ip6ExtCorpus(), 4000, 46, 14+40)...)
	// ARP (ATM and Frame Relay too) and IPv4 options corrupted.
	fs = append(fs, mutatedFrom(arpCorpus(), 1500, 47, 14)...)
	fs = append(fs, mutatedFrom(ipOptCorpus(), 1500, 48, 14+20)...)
	// TCP options (MPTCP, TFO, TCP-AO, ...) corrupted.
	fs = append(fs, mutatedFrom(tcpOptCorpus(), 2000, 49, 14+20+20)...)
	// SCTP chunks corrupted.
	fs = append(fs, mutatedFrom(sctpCorpus(), 2000, 50, 14+20+12)...)
	// ICMPv6 node information, router renumbering and RPL corrupted.
	fs = append(fs, mutatedFrom(icmp6Corpus(), 2000, 51, 14+40+4)...)
	// AH, ESP, IGMP, VRRP and CARP corrupted.
	fs = append(fs, mutatedFrom(ipsecCorpus(), 2000, 52, 14+20)...)
	// GRE headers and the frames inside them corrupted.
	fs = append(fs, mutatedFrom(greCorpus(), 2000, 54, 14+20)...)
	// EIGRP TLVs corrupted.
	fs = append(fs, mutatedFrom(eigrpCorpus(), 1500, 55, 14+20)...)
	// OSPFv2 packets and LSAs corrupted.
	fs = append(fs, mutatedFrom(ospfCorpus(), 2000, 56, 14+20)...)
	// PIM messages (v2, v1 in IGMP, Auto-RP) corrupted.
	fs = append(fs, mutatedFrom(pimCorpus(), 2000, 57, 14+20)...)
	// OSPFv3 packets and LSAs corrupted.
	fs = append(fs, mutatedFrom(ospf6Corpus(), 2000, 58, 14+40)...)
	path := filepath.Join(t.TempDir(), "mut.pcap")
	writePcap(t, path, false, fs)
	recs := readRecords(t, path)
	rep := newProtoReport()
	for _, c := range []optCase{
		{[]string{}, Options{}, false},
		{[]string{"-v"}, Options{Verbose: 1}, false},
		{[]string{"-vv"}, Options{Verbose: 2}, false},
		{[]string{"-vvv"}, Options{Verbose: 3}, false},
		{[]string{"-e"}, Options{Link: true}, false},
		{[]string{"-e", "-x"}, Options{Link: true, Hex: 1}, false},
	} {
		t.Run(strings.Join(append([]string{"opts"}, c.args...), " "), func(t *testing.T) {
			t.Logf("%d lines compared", compareRun(t, bin, path, recs, fs, c, rep))
		})
	}
	rep.log(t)
}
