package capture_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/testhost"
)

// BenchmarkProgram runs the XDP capture program (xdp.frags variant) with
// BPF_PROG_TEST_RUN on UDP frames of 64, 1500 and 9000 bytes (the last one
// a multi-buffer frame: the linear page plus fragments) and reports the
// kernel's time per packet when every frame is captured, next to the same
// program whose filter rejects every frame (the reference: the hook, the
// counters and the filter without the record), and the difference: what
// writing a record costs. The ring is drained between batches so that no
// record is lost. Each iteration runs fixed batches, so -benchtime 1x
// gives stable numbers.
func BenchmarkProgram(b *testing.B) {
	testhost.Require(b)
	for _, size := range []int{64, 1500, 9000} {
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) {
			frame := udpFrame(size)
			all := runProgram(b, "", frame)
			none := runProgram(b, "udp port 1", frame)
			b.ReportMetric(all, "ns/pkt")
			b.ReportMetric(none, "reject-ns/pkt")
			b.ReportMetric(all-none, "record-ns/pkt")
			if none > 0 {
				b.ReportMetric(all/none, "ns/reject-ns")
			}
		})
	}
}

// runProgram loads a stage with expr and returns its mean time per run
// over all batches of b.N iterations.
func runProgram(b *testing.B, expr string, frame []byte) float64 {
	st, err := capture.Load(capture.Config{Filter: expr, Frags: true})
	if err != nil {
		b.Fatalf("load %q: %v", expr, err)
	}
	defer st.Close()
	rd, err := capture.NewReader(st.Ring(), nil, time.Millisecond)
	if err != nil {
		b.Fatal(err)
	}
	defer rd.Close()
	// A batch fills at most a quarter of the ring.
	repeat := capture.DefaultRingSize / 4 / (len(frame) + capture.HeaderSize + 8)
	repeat = min(repeat, 5000)
	const batches = 40
	var total time.Duration
	var runs int
	var rec capture.Record
	for i := 0; i < b.N; i++ {
		for j := 0; j < batches; j++ {
			ret, d, err := st.Program().Benchmark(frame, repeat, nil)
			if err != nil {
				b.Fatalf("test run: %v", err)
			}
			if ret != 2 { // XDP_PASS: nothing in the chain
				b.Fatalf("program returned %d", ret)
			}
			total += d * time.Duration(repeat)
			runs += repeat
			for rd.Pending() > 0 {
				if err := rd.Next(&rec); err != nil && !capture.IsTimeout(err) {
					b.Fatal(err)
				}
			}
		}
	}
	s, err := st.Stats()
	if err != nil {
		b.Fatal(err)
	}
	if s.Lost != 0 {
		b.Fatalf("%d records lost", s.Lost)
	}
	if expr == "" && s.Captured != uint64(runs) {
		b.Fatalf("captured %d of %d", s.Captured, runs)
	}
	return float64(total.Nanoseconds()) / float64(runs)
}

// udpFrame is an Ethernet/IPv4/UDP frame of size bytes to port 9.
func udpFrame(size int) []byte {
	f := make([]byte, size)
	copy(f[0:6], []byte{2, 0, 0, 0, 0, 1})
	copy(f[6:12], []byte{2, 0, 0, 0, 0, 2})
	f[12], f[13] = 0x08, 0x00
	ip := f[14:]
	ip[0] = 0x45
	l := size - 14
	ip[2], ip[3] = byte(l>>8), byte(l)
	ip[8], ip[9] = 64, 17
	copy(ip[12:16], []byte{10, 77, 0, 2})
	copy(ip[16:20], []byte{10, 77, 0, 1})
	udp := ip[20:]
	udp[0], udp[1] = 0x30, 0x39
	udp[2], udp[3] = 0, 9
	ul := l - 20
	udp[4], udp[5] = byte(ul>>8), byte(ul)
	for i := 8; i < len(udp); i++ {
		udp[i] = byte(i)
	}
	return f
}
