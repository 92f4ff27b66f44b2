package flows

import (
	"encoding/binary"
	"errors"
	"net"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"
	"github.com/cilium/ebpf/ringbuf"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
	"github.com/xdpdump/xdpdump/internal/trafficgen"
)

// benchFrames are nflows minimal Ethernet/IPv4/UDP frames (60 bytes),
// one per flow, from src to dst.
func benchFrames(nflows int, srcMAC, dstMAC net.HardwareAddr, src, dst net.IP) [][]byte {
	out := make([][]byte, nflows)
	for i := range out {
		f := make([]byte, 60)
		copy(f, dstMAC)
		copy(f[6:], srcMAC)
		binary.BigEndian.PutUint16(f[12:], EtherTypeIPv4)
		ip := f[14:]
		ip[0] = 0x45
		binary.BigEndian.PutUint16(ip[2:], 46)
		ip[8], ip[9] = 64, 17
		copy(ip[12:], src.To4())
		copy(ip[16:], dst.To4())
		binary.BigEndian.PutUint16(ip[10:], trafficgen.IPv4Checksum(ip[:20]))
		binary.BigEndian.PutUint16(ip[20:], uint16(10000+i))
		binary.BigEndian.PutUint16(ip[22:], uint16(20000+i%97))
		binary.BigEndian.PutUint16(ip[24:], 26)
		out[i] = f
	}
	return out
}

// captureStage is the XDP capture stage of bpf/capture.c with a ring of
// ringSize bytes, no filter.
type captureStage struct {
	Prog  *ebpf.Program `ebpf:"xdpdump_capture"`
	Ring  *ebpf.Map     `ebpf:"ring"`
	Chain *ebpf.Map     `ebpf:"chain"`
	Stats *ebpf.Map     `ebpf:"stats"`
}

func loadCapture(tb testing.TB, ringSize uint32) *captureStage {
	tb.Helper()
	spec := testkit.StageSpec(tb, bpf.LoadCapture)
	spec.Maps[bpf.CaptureMapRing].MaxEntries = ringSize
	c := &captureStage{}
	if err := spec.LoadAndAssign(c, nil); err != nil {
		tb.Fatalf("loading capture: %+v", err)
	}
	tb.Cleanup(func() { c.Prog.Close(); c.Ring.Close(); c.Chain.Close(); c.Stats.Close() })
	return c
}

// dropProg is a last chain stage that drops, so that a flood costs the
// stages under test and not the stack behind them.
func dropProg(tb testing.TB) *ebpf.Program {
	tb.Helper()
	p, err := ebpf.NewProgram(&ebpf.ProgramSpec{Type: ebpf.XDP, AttachType: ebpf.AttachXDP, License: "GPL",
		Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, 1), asm.Return()}})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	return p
}

// BenchmarkFlows compares flow counting with full capture on the same
// small-packet load, in the same run:
//
//   - testrun: BPF_PROG_TEST_RUN of each XDP stage over 64 flows of
//     60-byte frames; kernel ns per packet (capture's ring is big enough
//     to take every record, and user space then reads them all, timed
//     apart).
//   - veth: a flood from an AF_PACKET socket in B over 1024 flows into A,
//     where the stage under test is attached (followed by a drop stage);
//     the share of sent packets each mode delivers: counted in the flow
//     table, or read by user space from the ring.
func BenchmarkFlows(b *testing.B) {
	if os.Geteuid() != 0 {
		b.Skip("needs root")
	}
	b.Run("testrun", benchTestRun)
	b.Run("veth", benchVeth)
}

func benchTestRun(b *testing.B) {
	// Every BPF_PROG_TEST_RUN with a repeat costs some 16 ms of setup in
	// the kernel (the XDP dispatcher is updated), so few frames, many
	// repeats.
	const (
		nflows = 64
		repeat = 10000
	)
	frames := benchFrames(nflows, net.HardwareAddr{2, 0, 0, 0, 0, 1}, net.HardwareAddr{2, 0, 0, 0, 0, 2}, net.IPv4(192, 0, 2, 1), net.IPv4(192, 0, 2, 2))
	f, err := Open(Config{Ingress: true})
	if err != nil {
		b.Fatalf("%+v", err)
	}
	defer f.Close()
	capt := loadCapture(b, 1<<27) // 128 MiB: 640k records of 112 bytes

	run := func(p *ebpf.Program) time.Duration {
		var total time.Duration
		for _, fr := range frames {
			ret, d, err := p.Benchmark(fr, repeat, nil)
			if err != nil {
				b.Fatal(err)
			}
			if ret != 2 {
				b.Fatalf("stage returned %d, want XDP_PASS", ret)
			}
			total += d
		}
		return total / time.Duration(len(frames)) // per packet
	}
	var flowNs, capNs, readNs float64
	for i := 0; i < b.N; i++ {
		flowNs = float64(run(f.XDP()))
		capNs = float64(run(capt.Prog))
		rd, err := ringbuf.NewReader(capt.Ring)
		if err != nil {
			b.Fatal(err)
		}
		var rec ringbuf.Record
		n := 0
		start := time.Now()
		for rd.AvailableBytes() > 0 {
			if err := rd.ReadInto(&rec); err != nil {
				b.Fatal(err)
			}
			n++
		}
		readNs = float64(time.Since(start).Nanoseconds()) / float64(max(n, 1))
		rd.Close()
		if n < nflows*repeat {
			b.Fatalf("ring held %d records of %d", n, nflows*repeat)
		}
	}
	fl, err := f.Read()
	if err != nil {
		b.Fatal(err)
	}
	if len(fl) != nflows {
		b.Fatalf("%d flows in the table, want %d", len(fl), nflows)
	}
	b.ReportMetric(flowNs, "flows-ns/pkt")
	b.ReportMetric(capNs, "capture-ns/pkt")
	b.ReportMetric(readNs, "ringread-ns/pkt")
	b.ReportMetric(capNs/flowNs, "capture/flows")
	b.ReportMetric((capNs+readNs)/flowNs, "capture+read/flows")
}

func benchVeth(b *testing.B) {
	const (
		nflows = 1024
		total  = 1_000_000
	)
	p := testhost.New(b, testhost.Options{})
	frames := benchFrames(nflows, p.B.MAC, p.A.MAC, p.B.IP4, p.A.IP4)
	drop := dropProg(b)

	// flood sends total frames from B as fast as one socket goes.
	flood := func() (pps float64) {
		var fd int
		if err := p.B.Do(func() error {
			var err error
			fd, err = unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, 0)
			if err != nil {
				return err
			}
			_ = unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_QDISC_BYPASS, 1)
			return unix.Bind(fd, &unix.SockaddrLinklayer{Ifindex: p.B.Ifindex})
		}); err != nil {
			b.Fatal(err)
		}
		defer unix.Close(fd)
		start := time.Now()
		for i := 0; i < total; i++ {
			for {
				_, err := unix.Write(fd, frames[i%nflows])
				if err == nil {
					break
				}
				if !errors.Is(err, unix.ENOBUFS) && !errors.Is(err, unix.EAGAIN) {
					b.Fatal(err)
				}
			}
		}
		return total / time.Since(start).Seconds()
	}
	attach := func(prog *ebpf.Program) link.Link { return testkit.AttachXDP(b, p.A, prog) }
	sumFlows := func(fl []Flow) (n uint64) {
		for _, f := range fl {
			if f.Proto == 17 {
				n += f.Packets
			}
		}
		return n
	}

	var flowShare, capShare, flowPPS, capPPS float64
	for i := 0; i < b.N; i++ {
		// Flow counting.
		chain, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.ProgramArray, KeySize: 4, ValueSize: 4, MaxEntries: 8})
		if err != nil {
			b.Fatal(err)
		}
		if err := chain.Put(uint32(0), drop); err != nil {
			b.Fatal(err)
		}
		f, err := Open(Config{Ingress: true, Chain: chain})
		if err != nil {
			b.Fatalf("%+v", err)
		}
		l := attach(f.XDP())
		flowPPS = flood()
		time.Sleep(200 * time.Millisecond)
		fl, err := f.Read()
		if err != nil {
			b.Fatal(err)
		}
		flowShare = float64(sumFlows(fl)) / total
		l.Close()
		f.Close()
		chain.Close()

		// Full capture, user space reading the ring.
		capt := loadCapture(b, 1<<24)
		if err := capt.Chain.Put(uint32(0), drop); err != nil {
			b.Fatal(err)
		}
		rd, err := ringbuf.NewReader(capt.Ring)
		if err != nil {
			b.Fatal(err)
		}
		var got atomic.Int64
		done := make(chan struct{})
		go func() {
			defer close(done)
			var rec ringbuf.Record
			for {
				if err := rd.ReadInto(&rec); err != nil {
					if errors.Is(err, os.ErrDeadlineExceeded) {
						return
					}
					if errors.Is(err, ringbuf.ErrClosed) {
						return
					}
					continue
				}
				if len(rec.RawSample) > 48+36 && rec.RawSample[48+23] == 17 {
					got.Add(1)
				}
			}
		}()
		l = attach(capt.Prog)
		capPPS = flood()
		time.Sleep(500 * time.Millisecond)
		rd.SetDeadline(time.Now())
		<-done
		rd.Close()
		l.Close()
		capShare = float64(got.Load()) / total
	}
	b.ReportMetric(flowPPS/1e3, "flows-send-kpps")
	b.ReportMetric(capPPS/1e3, "capture-send-kpps")
	b.ReportMetric(flowShare*100, "flows-counted-%")
	b.ReportMetric(capShare*100, "capture-read-%")
	b.ReportMetric(flowShare/max(capShare, 1e-9), "flows/capture-delivered")
	// One sending socket is the limit of the flood: what capture costs
	// shows as the lower rate the machine sustains with it.
	b.ReportMetric(flowPPS/capPPS, "flows/capture-kpps")
}
