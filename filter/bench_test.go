package filter

import (
	"testing"
	"time"
)

// BenchmarkFilter measures what a filter costs per packet inside the XDP
// capture program, next to references measured in the same run:
//
//   - xdp-ns/pkt: the capture program with the filter spliced in, on a
//     frame the filter rejects (so nothing is copied to the ring), with
//     BPF_PROG_TEST_RUN repeat (JIT, per-run overhead amortised);
//   - base-ns/pkt: the same program with a one-comparison filter
//     (ether[0] = 0x55) that also rejects the frame: the fixed cost of the
//     program and of calling a filter;
//   - filter-ns/pkt: the difference, the filter's own cost;
//   - nofilter-ns/pkt: for scale, the program without a filter, which
//     captures the frame (copy to the ring);
//   - libpcap-ns/pkt: libpcap's bpf_filter interpreter on the same bytes
//     in user space (what tcpdump -r pays; the kernel runs classic socket
//     filters JIT-compiled, so this is an upper reference, not the kernel's
//     cost);
//   - filter/libpcap: the ratio of the two.
func BenchmarkFilter(b *testing.B) {
	h := newHarness(b)
	nofilter, _, err := h.load("")
	if err != nil {
		b.Fatal(err)
	}
	defer nofilter.Close()
	trivial, _, err := h.load("ether[0] = 0x55")
	if err != nil {
		b.Fatal(err)
	}
	defer trivial.Close()
	// An IPv4 UDP frame to port 5353 that none of the filters match,
	// walking them to the end.
	frame := eth(macB, macA, 0x0800, ipv4("10.77.0.2", "10.77.0.1", 17, udp(5353, 5353, payloadOf(64, 1)), ip4opts{}))
	const repeat = 200000
	perPkt := func(b *testing.B, p interface {
		Benchmark([]byte, int, func()) (uint32, time.Duration, error)
	}) float64 {
		best := 0.0
		for range 5 { // the best of five: least disturbed by other work
			_, d, err := p.Benchmark(frame, repeat, nil)
			if err != nil {
				b.Fatal(err)
			}
			if ns := float64(d.Nanoseconds()); best == 0 || ns < best {
				best = ns
			}
		}
		return best
	}
	for _, c := range []struct{ name, expr string }{
		{"tcp-port-80", "tcp port 80"},
		{"host-and-port", "host 192.168.1.1 and (port 80 or port 443)"},
		{"syn-only", "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn"},
		{"ports-25", diffExprs[len(diffExprs)-7]}, // 25 ports or'ed
		{"vlan-udp-len", "vlan and udp and len > 1000"},
	} {
		b.Run(c.name, func(b *testing.B) {
			prog, cp, err := h.load(c.expr)
			if err != nil {
				b.Fatal(err)
			}
			defer prog.Close()
			if cp.Match(frame, len(frame)) != 0 {
				b.Fatalf("%q matches the benchmark frame", c.expr)
			}
			var xdp, base, none, lib float64
			for b.Loop() {
				xdp += perPkt(b, prog)
				base += perPkt(b, trivial)
				none += perPkt(b, nofilter)
				best := 0.0
				for range 5 {
					start := time.Now()
					if cp.matchLoop(frame, repeat) != 0 {
						b.Fatal("libpcap matched")
					}
					if ns := float64(time.Since(start).Nanoseconds()) / repeat; best == 0 || ns < best {
						best = ns
					}
				}
				lib += best
			}
			n := float64(b.N)
			xdp, base, none, lib = xdp/n, base/n, none/n, lib/n
			b.ReportMetric(xdp, "xdp-ns/pkt")
			b.ReportMetric(base, "base-ns/pkt")
			b.ReportMetric(none, "nofilter-ns/pkt")
			b.ReportMetric(xdp-base, "filter-ns/pkt")
			b.ReportMetric(lib, "libpcap-ns/pkt")
			b.ReportMetric((xdp-base)/lib, "filter/libpcap")
		})
	}
}
