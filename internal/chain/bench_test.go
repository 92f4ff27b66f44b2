package chain

import (
	"encoding/binary"
	"sort"
	"testing"
	"time"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit/progs"
)

// udpFrame is an Ethernet/IPv4/UDP frame to streamPort with a payload of n
// bytes (the existing program rewrites its first byte).
func udpFrame(n int) []byte {
	f := make([]byte, 42+n)
	copy(f[0:6], []byte{0x02, 0, 0, 0, 0, 1})
	copy(f[6:12], []byte{0x02, 0, 0, 0, 0, 2})
	binary.BigEndian.PutUint16(f[12:], 0x0800)
	ip := f[14:]
	ip[0] = 0x45
	binary.BigEndian.PutUint16(ip[2:], uint16(28+n))
	ip[8] = 64
	ip[9] = 17
	copy(ip[12:16], []byte{10, 77, 0, 2})
	copy(ip[16:20], []byte{10, 77, 0, 1})
	udp := ip[20:]
	binary.BigEndian.PutUint16(udp[0:], 40000)
	binary.BigEndian.PutUint16(udp[2:], streamPort)
	binary.BigEndian.PutUint16(udp[4:], uint16(8+n))
	udp[8] = markSent
	return f
}

// BenchmarkChainOverhead: ns/packet of the existing program alone versus
// with xdpdump's capture stage in front (filter matching nothing, then the
// tail call), from BPF_PROG_TEST_RUN in the same run. Target: the added
// cost is at most 15 ns/packet.
func BenchmarkChainOverhead(b *testing.B) {
	testhost.Require(b)
	var objs progs.ChaintestObjects
	if err := progs.LoadChaintestObjects(&objs, nil); err != nil {
		b.Fatal(err)
	}
	defer objs.Close()
	m, err := newChainMap()
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	if err := m.Put(uint32(0), objs.ChaintestXdp); err != nil {
		b.Fatal(err)
	}
	st, err := capture.Load(capture.Config{Filter: "tcp port 1", Chain: m, RingSize: 1 << 20})
	if err != nil {
		b.Fatalf("%+v", err)
	}
	defer st.Close()

	frame := udpFrame(64)
	const repeat = 2_000_000
	run := func(p *ebpf.Program) float64 {
		ret, d, err := p.Benchmark(frame, repeat, nil)
		if err != nil {
			b.Fatal(err)
		}
		if ret != 2 { // XDP_PASS from the existing program
			b.Fatalf("verdict %d, want XDP_PASS", ret)
		}
		return float64(d) / float64(time.Nanosecond)
	}
	var alone, chained []float64
	for i := 0; i < b.N; i++ {
		for r := 0; r < 7; r++ { // interleaved rounds, medians
			alone = append(alone, run(objs.ChaintestXdp))
			chained = append(chained, run(st.Program()))
		}
	}
	med := func(v []float64) float64 { sort.Float64s(v); return v[len(v)/2] }
	a, c := med(alone), med(chained)
	var rew uint64
	objs.Verdicts.Lookup(uint32(2), &rew)
	if rew == 0 {
		b.Fatal("the existing program never ran")
	}
	stats, _ := st.Stats()
	if stats.Seen == 0 || stats.Matched != 0 {
		b.Fatalf("capture stage counters %+v: want packets seen, none matched", stats)
	}
	b.ReportMetric(a, "ns/pkt-alone")
	b.ReportMetric(c, "ns/pkt-chained")
	b.ReportMetric(c-a, "ns/pkt-added")
}
