package bounce

import (
	"encoding/binary"
	"math/rand"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

const floodSYNs = 200_000

// sinkProg counts the IPv4 TCP SYN-ACKs that reach B and drops them (so
// that B's kernel does not answer each with a RST); everything else
// passes. Being an XDP program, it also gives B's veth the NAPI that
// XDP_TX frames from A need.
func sinkProg(b testing.TB) (*ebpf.Program, *ebpf.Map) {
	b.Helper()
	m, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.Array, KeySize: 4, ValueSize: 8, MaxEntries: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { m.Close() })
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Name:       "synack_sink",
		Type:       ebpf.XDP,
		AttachType: ebpf.AttachXDP,
		License:    "GPL",
		Instructions: asm.Instructions{
			asm.LoadMem(asm.R2, asm.R1, 0, asm.Word), // data
			asm.LoadMem(asm.R3, asm.R1, 4, asm.Word), // data_end
			asm.Mov.Reg(asm.R4, asm.R2),
			asm.Add.Imm(asm.R4, 14+20+20),
			asm.JGT.Reg(asm.R4, asm.R3, "pass"),
			asm.LoadMem(asm.R5, asm.R2, 12, asm.Half),
			asm.JNE.Imm(asm.R5, 0x0008, "pass"), // ETH_P_IP, big endian
			asm.LoadMem(asm.R5, asm.R2, 14, asm.Byte),
			asm.JNE.Imm(asm.R5, 0x45, "pass"),
			asm.LoadMem(asm.R5, asm.R2, 14+9, asm.Byte),
			asm.JNE.Imm(asm.R5, 6, "pass"),
			asm.LoadMem(asm.R5, asm.R2, 14+20+13, asm.Byte),
			asm.And.Imm(asm.R5, 0x17),
			asm.JNE.Imm(asm.R5, 0x12, "pass"),
			asm.StoreImm(asm.RFP, -4, 0, asm.Word),
			asm.Mov.Reg(asm.R2, asm.RFP),
			asm.Add.Imm(asm.R2, -4),
			asm.LoadMapPtr(asm.R1, m.FD()),
			asm.FnMapLookupElem.Call(),
			asm.JEq.Imm(asm.R0, 0, "drop"),
			asm.Mov.Imm(asm.R1, 1),
			asm.StoreXAdd(asm.R0, asm.R1, asm.DWord),
			asm.Mov.Imm(asm.R0, xdpDrop).WithSymbol("drop"),
			asm.Return(),
			asm.Mov.Imm(asm.R0, xdpPass).WithSymbol("pass"),
			asm.Return(),
		},
	})
	if err != nil {
		b.Fatalf("loading sink: %v", err)
	}
	b.Cleanup(func() { prog.Close() })
	return prog, m
}

// flood sends n IPv4 SYNs from B to A's dport with random source ports
// and valid checksums, and returns how many SYN-ACKs reached B per second
// (from the first SYN to the last answer) and in all.
func flood(b *testing.B, p *testhost.Pair, fd int, sink *ebpf.Map, dport uint16, n int) (float64, uint64) {
	s := syn(false, 1, dport)
	s.src, s.dst = p.B.IP4.To4(), p.A.IP4.To4()
	frame := withMACs(s.frame(b), p.B.MAC, p.A.MAC)
	const sportOff, csumOff = 14 + 20, 14 + 20 + 16
	base := binary.BigEndian.Uint16(frame[csumOff:])
	var c0 uint64
	if err := sink.Lookup(uint32(0), &c0); err != nil {
		b.Fatal(err)
	}

	var last atomic.Int64
	var count atomic.Uint64
	done := make(chan struct{})
	polled := make(chan struct{})
	start := time.Now()
	last.Store(start.UnixNano())
	go func() {
		defer close(polled)
		var prev uint64
		quiet := time.Time{}
		for {
			var c uint64
			sink.Lookup(uint32(0), &c)
			now := time.Now()
			if c != prev {
				prev = c
				count.Store(c - c0)
				last.Store(now.UnixNano())
				quiet = time.Time{}
			}
			select {
			case <-done:
				if quiet.IsZero() {
					quiet = now
				} else if now.Sub(quiet) > 300*time.Millisecond {
					return
				}
			default:
			}
			time.Sleep(time.Millisecond)
		}
	}()
	rng := rand.New(rand.NewSource(int64(dport)))
	for i := 0; i < n; i++ {
		sport := uint16(rng.Intn(64512) + 1024)
		binary.BigEndian.PutUint16(frame[sportOff:], sport)
		// RFC 1624: the checksum was computed with source port 1.
		sum := uint32(^base) + uint32(^uint16(1)) + uint32(sport)
		sum = (sum & 0xffff) + sum>>16
		sum = (sum & 0xffff) + sum>>16
		binary.BigEndian.PutUint16(frame[csumOff:], ^uint16(sum))
		for {
			_, err := unix.Write(fd, frame)
			if err == nil {
				break
			}
			if err != unix.ENOBUFS && err != unix.EAGAIN {
				b.Fatalf("sending: %v", err)
			}
			time.Sleep(10 * time.Microsecond)
		}
	}
	close(done)
	<-polled
	got := count.Load()
	el := time.Duration(last.Load() - start.UnixNano()).Seconds()
	if got == 0 || el <= 0 {
		return 0, got
	}
	return float64(got) / el, got
}

// BenchmarkBounce floods A with SYNs from an AF_PACKET socket in B and
// counts the SYN-ACKs that reach B: answered by the bounce stage at XDP,
// next to the same flood answered by A's kernel (a listening socket with
// SYN cookies always on). It also times the stage itself with
// BPF_PROG_TEST_RUN.
func BenchmarkBounce(b *testing.B) {
	p := testhost.New(b, testhost.Options{})
	sink, sinkCount := sinkProg(b)
	attach(b, p.B, sink)
	fd := packetSocket(b, p.B)
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_QDISC_BYPASS, 1); err != nil {
		b.Fatal(err)
	}

	// The kernel: SYN cookies for every SYN, a real listener.
	p.MustRun(&p.A, "sysctl", "-qw", "net.ipv4.tcp_syncookies=2")
	var ln net.Listener
	if err := p.A.Do(func() error {
		var err error
		ln, err = net.Listen("tcp4", ":8080")
		return err
	}); err != nil {
		b.Fatal(err)
	}
	defer ln.Close()

	var kRate, bRate float64
	var kGot, bGot uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		kRate, kGot = flood(b, p, fd, sinkCount, 8080, floodSYNs)

		bo := load(b, Config{})
		l := attach(b, p.A, bo.Program())
		bRate, bGot = flood(b, p, fd, sinkCount, 8081, floodSYNs)
		st := mustStats(b, bo)
		l.Close()
		if st.Answered < bGot {
			b.Errorf("sink counted %d SYN-ACKs, the stage sent %d", bGot, st.Answered)
		}
	}
	b.StopTimer()
	if kGot == 0 || bGot == 0 {
		b.Fatalf("no SYN-ACKs: kernel %d, bounce %d", kGot, bGot)
	}
	b.ReportMetric(bRate, "bounce_synack/s")
	b.ReportMetric(kRate, "kernel_synack/s")
	b.ReportMetric(bRate/kRate, "x_kernel")
	b.ReportMetric(100*float64(bGot)/floodSYNs, "bounce_answered_%")
	b.ReportMetric(100*float64(kGot)/floodSYNs, "kernel_answered_%")

	// The stage alone, with BPF_PROG_TEST_RUN.
	bo := load(b, Config{Key: testKey})
	synFrame := syn(false, 40000, 80).frame(b)
	const single = 20000
	var total time.Duration
	for i := 0; i < single; i++ {
		// One run at a time: the answer overwrites the frame in place.
		ret, d, err := bo.Program().Benchmark(synFrame, 1, nil)
		if err != nil || ret != xdpTX {
			b.Fatalf("test run: %v, verdict %d", err, ret)
		}
		total += d
	}
	b.ReportMetric(float64(total.Nanoseconds())/single, "ns/answer")
	// The same single-run timing of a frame that is only passed on: what
	// one run costs the timer, for comparison.
	udp := syn(false, 40000, 80).frame(b)
	udp[14+9] = 17
	total = 0
	for i := 0; i < single; i++ {
		ret, d, err := bo.Program().Benchmark(udp, 1, nil)
		if err != nil || ret != xdpPass {
			b.Fatalf("test run: %v, verdict %d", err, ret)
		}
		total += d
	}
	b.ReportMetric(float64(total.Nanoseconds())/single, "ns/pass_single")

	ack := syn(false, 40000, 80)
	ack.syn, ack.ack_, ack.ack, ack.opts = false, true, 12345, nil // not ours: hashed, then passed
	if ret, d, err := bo.Program().Benchmark(ack.frame(b), 1_000_000, nil); err != nil || ret != xdpPass {
		b.Fatalf("test run: %v, verdict %d", err, ret)
	} else {
		b.ReportMetric(float64(d.Nanoseconds()), "ns/ack_check")
	}
	if ret, d, err := bo.Program().Benchmark(udp, 1_000_000, nil); err != nil || ret != xdpPass {
		b.Fatalf("test run: %v, verdict %d", err, ret)
	} else {
		b.ReportMetric(float64(d.Nanoseconds()), "ns/pass")
	}
}
