package filter

import (
	"testing"

	"github.com/cilium/ebpf"
)

// fuzzExprs are the expressions FuzzFilter runs random frames through:
// one or more of each family, chosen for the variety of the code they make
// (indirect loads, arithmetic, division and shifts by X, len, vlan/mpls
// offsets, long chains).
var fuzzExprs = []string{
	"",
	"tcp port 80",
	"host 10.77.0.1 or net fd77::/64",
	"vlan and vlan and udp",
	"mpls 100 and ip",
	"pppoes and ip and tcp port 80",
	"arp or rarp",
	"icmp[icmptype] = icmp-echo or icmp6[icmp6type] = icmp6-echo",
	"tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn",
	"ip[2:2] - ((ip[0]&0xf)<<2) - ((tcp[12]&0xf0)>>2) != 0",
	"ip[6:2] & 0x1fff != 0",
	"ether[ether[0] & 7] = 0",
	"tcp[tcp[12] >> 4] != 0",
	"ether[0] << (ether[1] & 0x3f) = 0",
	"ip[2:2] / ip[8] > 10",
	"ip[2:2] % ip[9] = 0",
	"greater 1000 or less 64",
	"len & 1 = 1 and ip6",
	"ether multicast and not ip6",
	"portrange 1-1023 and not port 22",
	"ether[100:4] = 0x41414141 or ether[5000] = 1",
	"geneve and ip",
	"ip6 proto 44 or ip6 proto 0",
	"sctp or ip proto gre",
}

// FuzzFilter compares, on random frames, the verdict of the spliced eBPF
// in the kernel (the real capture program, run with BPF_PROG_TEST_RUN,
// whole and split into linear part + fragments) with libpcap's
// interpreter. The programs are loaded once, not per input.
func FuzzFilter(f *testing.F) {
	h := newHarness(f)
	progs := make([]*ebpf.Program, len(fuzzExprs))
	cprogs := make([]*Program, len(fuzzExprs))
	for i, expr := range fuzzExprs {
		p, cp, err := h.load(expr)
		if err != nil {
			f.Fatal(err)
		}
		f.Cleanup(func() { p.Close() })
		progs[i], cprogs[i] = p, cp
	}
	for i, fr := range testFrames() {
		if i%7 == 0 || len(fr.data) > 4000 {
			f.Add(fr.data, uint8(i), uint16(i*13))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, which uint8, split uint16) {
		if len(data) < ethHLen {
			return // BPF_PROG_TEST_RUN refuses these (TestDifferential checks that)
		}
		if len(data) > 70000 {
			data = data[:70000] // the most a test run takes: a page and 17 fragments
		}
		i := int(which) % len(progs)
		linear := 0
		if s := int(split); s >= ethHLen && s < len(data) && s <= 3000 { // the linear area holds at most about 3.5 KiB
			linear = s
		}
		want := cprogs[i].Match(data, len(data)) != 0
		got, err := h.run(progs[i], data, linear)
		if err != nil {
			t.Fatalf("%q (linear %d): %v", fuzzExprs[i], linear, err)
		}
		if got != want {
			t.Fatalf("%q on % x (linear %d): kernel says %v, libpcap says %v", fuzzExprs[i], data, linear, got, want)
		}
	})
}
