package bounce

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
	"github.com/xdpdump/xdpdump/internal/trafficgen"
)

// floodTime is how long each flood sends.
const floodTime = time.Second

// floodRounds is how many full-rate floods each target gets, interleaved;
// the fastest is reported (other load only ever slows a run down).
const floodRounds = 3

// floodRates are the paced SYN rates, one run each.
var floodRates = []uint64{100_000, 300_000, 1_000_000}

// pacedRef is the paced rate whose CPU cost per answer is reported as a
// metric: one both targets keep up with.
const pacedRef = 100_000

// sinkProg counts the IPv4 TCP SYN-ACKs that reach B and drops them (so
// that B's kernel does not answer each with a RST); everything else
// passes. Being an XDP program, it also gives B's veth the NAPI that
// XDP_TX frames from A need.
func sinkProg(b testing.TB) (*ebpf.Program, *ebpf.Map) {
	b.Helper()
	m := testkit.CounterMap(b)
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Name:       "synack_sink",
		Type:       ebpf.XDP,
		AttachType: ebpf.AttachXDP,
		License:    "GPL",
		Instructions: append(append(asm.Instructions{
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
		}, testkit.CountInsns(m, "drop")...),
			asm.Mov.Imm(asm.R0, xdpDrop).WithSymbol("drop"),
			asm.Return(),
			asm.Mov.Imm(asm.R0, xdpPass).WithSymbol("pass"),
			asm.Return(),
		),
	})
	if err != nil {
		b.Fatalf("loading sink: %v", err)
	}
	b.Cleanup(func() { prog.Close() })
	return prog, m
}

// floodResult is one flood of A from B.
type floodResult struct {
	target  string
	offered uint64  // SYNs/s asked for; 0 = full rate
	sent    uint64  // SYNs the generator sent
	genRate float64 // SYNs/s it achieved
	answers uint64  // SYN-ACKs that reached B's sink
	perSec  float64 // answers per second of sending
	// own is what A says it answered: the stage's Answered counter, or
	// the kernel's Tcp OutSegs.
	own uint64
	// rxDropped: frames A's veth could not queue.
	rxDropped uint64
	// cpu is /proc/stat's cpu0 (the generator's CPU, where every softirq
	// of the flood runs) over the run.
	cpu  cpuTimes
	wall time.Duration
}

// cpuTimes are the times of /proc/stat's "cpu0" line.
type cpuTimes struct{ user, system, softirq, idle time.Duration }

func readCPU(tb testing.TB) cpuTimes {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		tb.Fatal(err)
	}
	var f []string
	for _, line := range strings.Split(string(b), "\n") {
		if g := strings.Fields(line); len(g) >= 8 && g[0] == "cpu0" { // cpu0 user nice system idle iowait irq softirq ...
			f = g
		}
	}
	if f == nil {
		tb.Fatalf("/proc/stat: no cpu0 line")
	}
	tick := func(i int) time.Duration {
		v, _ := strconv.ParseUint(f[i], 10, 64)
		return time.Duration(v) * 10 * time.Millisecond // USER_HZ = 100
	}
	return cpuTimes{user: tick(1) + tick(2), system: tick(3), idle: tick(4) + tick(5), softirq: tick(7) + tick(6)}
}

func (c cpuTimes) sub(o cpuTimes) cpuTimes {
	return cpuTimes{c.user - o.user, c.system - o.system, c.softirq - o.softirq, c.idle - o.idle}
}

func sinkCount(tb testing.TB, m *ebpf.Map) uint64 {
	var c uint64
	if err := m.Lookup(uint32(0), &c); err != nil {
		tb.Fatal(err)
	}
	return c
}

func rxDropped(tb testing.TB, h testhost.Host) uint64 {
	var s trafficgen.DevStats
	if err := h.Do(func() error {
		var err error
		s, err = trafficgen.ReadDevStats(h.Dev)
		return err
	}); err != nil {
		tb.Fatal(err)
	}
	return s.RxDropped
}

// floodOnce sends SYNs from B to A's dport for floodTime at rate (0 = full
// rate) with the live-frames generator pinned to CPU 0, waits until B's
// sink has stopped counting, and says what came back. own reads A's count
// of answers.
func floodOnce(b *testing.B, p *testhost.Pair, sink *ebpf.Map, target string, dport uint16, rate uint64, own func() uint64) floodResult {
	r := floodResult{target: target, offered: rate}
	g, err := trafficgen.NewSYNFlood(trafficgen.Config{
		Ifindex: p.B.Ifindex, SrcMAC: p.B.MAC, DstMAC: p.A.MAC, SrcIP: p.B.IP4, DstIP: p.A.IP4,
		DstPort: dport, Rate: rate, Duration: floodTime,
	})
	if err != nil {
		b.Fatalf("%+v", err)
	}
	defer g.Close()
	c0, o0, d0 := sinkCount(b, sink), own(), rxDropped(b, p.A)
	cpu0, t0 := readCPU(b), time.Now()
	res, err := trafficgen.RunOnCPU0(p.B, g)
	if err != nil {
		b.Fatalf("%s flood: %+v", target, err)
	}
	// Answers are made in the softirq of the sending CPU, so they are
	// all in by now; wait for stragglers all the same.
	c, quiet := sinkCount(b, sink), time.Now()
	for deadline := time.Now().Add(10 * time.Second); time.Since(quiet) < 200*time.Millisecond && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		if n := sinkCount(b, sink); n != c {
			c, quiet = n, time.Now()
		}
	}
	r.cpu, r.wall = readCPU(b).sub(cpu0), time.Since(t0)
	r.sent, r.genRate = res.Sent, res.Rate()
	r.answers = c - c0
	r.own = own() - o0
	r.rxDropped = rxDropped(b, p.A) - d0
	if res.Active > 0 {
		r.perSec = float64(r.answers) / res.Active.Seconds()
	}
	return r
}

// xdpDropProg returns XDP_DROP for everything: the baseline that tells
// what the generator and the veth cost without any answer.
func xdpDropProg(b testing.TB) *ebpf.Program {
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Name: "drop", Type: ebpf.XDP, AttachType: ebpf.AttachXDP, License: "GPL",
		Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, xdpDrop), asm.Return()},
	})
	if err != nil {
		b.Fatalf("loading XDP_DROP: %v", err)
	}
	b.Cleanup(func() { prog.Close() })
	return prog
}

// BenchmarkBounce floods A with SYNs from the live-frames generator in B
// (bpf/synflood.c: one source port per SYN, complete checksums) and counts
// the SYN-ACKs that come back to B: answered by the bounce stage at XDP,
// next to the same flood answered by A's kernel (a listening socket,
// net.ipv4.tcp_syncookies=2: a cookie for every SYN), at full rate and at
// paced rates, with the CPU time the run took. A third target, XDP_DROP on
// A, is the floor: the generator and the veth alone.
//
// What bounds the numbers: a veth has no queue of its own, so A's receive
// (the bounce stage, or the kernel stack), the answer's transmit and B's
// sink all run in the softirq of the sending CPU, right after each batch
// of 64 generated frames. At full rate one CPU does everything, and the
// rate is 1 / (generator + A + answer + B's sink) per SYN: the ratio
// bounce/kernel understates A's own difference, since the generator and
// sink add the same cost to both. The "A's ns/SYN" column removes that
// common part: 1/rate − 1/(rate with XDP_DROP on A).
//
// It also times the stage itself with BPF_PROG_TEST_RUN.
func BenchmarkBounce(b *testing.B) {
	p := testhost.New(b, testhost.Options{})
	// GRO on A (its veth takes the generator's XDP frames with no XDP
	// program, for the kernel's turn), static neighbours, no IPv6 noise.
	udpSink, err := trafficgen.Prepare(p)
	if err != nil {
		b.Fatal(err)
	}
	defer udpSink.Close()
	sink, sinkCount := sinkProg(b)
	testkit.AttachXDP(b, p.B, sink)

	// The kernel: SYN cookies for every SYN, a real listener.
	p.MustRun(&p.A, "sysctl", "-qw", "net.ipv4.tcp_syncookies=2")
	testkit.Listen(b, p.A, "tcp4", ":8080")
	outSegs := func() uint64 { return snmpTCP(b, p.A)["OutSegs"] }
	none := func() uint64 { return 0 }

	var results []floodResult
	var drop, kFull, bFull floodResult
	bo := load(b, Config{})
	answered := func() uint64 { return mustStats(b, bo).Answered }
	best := func(r floodResult, prev *floodResult) {
		if r.target != "xdp-drop" && r.answers == 0 {
			b.Fatalf("%s at %d/s: no SYN-ACKs came back", r.target, r.offered)
		}
		if r.answers > r.own {
			b.Errorf("%s at %d/s: B counted %d SYN-ACKs, A says it sent %d", r.target, r.offered, r.answers, r.own)
		}
		if prev.sent == 0 || r.genRate > prev.genRate {
			*prev = r
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		results = results[:0]
		drop, bFull, kFull = floodResult{}, floodResult{}, floodResult{}
		for range floodRounds {
			l := testkit.AttachXDP(b, p.A, xdpDropProg(b))
			r := floodOnce(b, p, sinkCount, "xdp-drop", 8080, 0, none)
			l.Close()
			if r.answers != 0 {
				b.Fatalf("%d SYN-ACKs came back with XDP_DROP on A", r.answers)
			}
			best(r, &drop)
			l = testkit.AttachXDP(b, p.A, bo.Program())
			best(floodOnce(b, p, sinkCount, "bounce", 8081, 0, answered), &bFull)
			l.Close()
			best(floodOnce(b, p, sinkCount, "kernel", 8080, 0, outSegs), &kFull)
		}
		results = append(results, drop, bFull)
		l := testkit.AttachXDP(b, p.A, bo.Program())
		for _, rate := range floodRates {
			var r floodResult
			best(floodOnce(b, p, sinkCount, "bounce", 8081, rate, answered), &r)
			results = append(results, r)
		}
		l.Close()
		results = append(results, kFull)
		for _, rate := range floodRates {
			var r floodResult
			best(floodOnce(b, p, sinkCount, "kernel", 8080, rate, outSegs), &r)
			results = append(results, r)
		}
	}
	b.StopTimer()
	printFloods(results, drop)
	b.ReportMetric(bFull.perSec, "bounce_synack/s")
	b.ReportMetric(kFull.perSec, "kernel_synack/s")
	b.ReportMetric(bFull.perSec/kFull.perSec, "x_kernel")
	b.ReportMetric(drop.genRate, "xdpdrop_syn/s")
	if ab, ak := addedNs(bFull, drop), addedNs(kFull, drop); ab > 0 && ak > 0 {
		b.ReportMetric(ab, "bounce_A_ns/syn")
		b.ReportMetric(ak, "kernel_A_ns/syn")
		b.ReportMetric(ak/ab, "x_kernel_A_cost")
	}
	b.ReportMetric(100*float64(bFull.answers)/float64(bFull.sent), "bounce_answered_%")
	b.ReportMetric(100*float64(kFull.answers)/float64(kFull.sent), "kernel_answered_%")
	// A's CPU per answer (softirq of the generator's CPU, B's sink
	// included): at full rate, where receives come in batches of 64, and
	// at pacedRef, where every SYN is a batch of its own.
	b.ReportMetric(softirqNs(bFull), "bounce_softirq_ns/answer")
	b.ReportMetric(softirqNs(kFull), "kernel_softirq_ns/answer")
	if softirqNs(bFull) > 0 {
		b.ReportMetric(softirqNs(kFull)/softirqNs(bFull), "x_kernel_softirq")
	}
	for _, r := range results {
		// Ticks are 10 ms: fewer than five say little.
		if r.offered == pacedRef && r.cpu.softirq >= 50*time.Millisecond {
			b.ReportMetric(softirqNs(r), fmt.Sprintf("%s_softirq_ns/answer@%dk", r.target, pacedRef/1000))
		}
	}

	// The stage alone, with BPF_PROG_TEST_RUN.
	bo = load(b, Config{Key: testKey})
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

// addedNs is what answering adds per SYN over XDP_DROP on A, from full
// rates on the shared CPU; 0 for paced runs.
func addedNs(r, drop floodResult) float64 {
	if r.offered != 0 || r.genRate == 0 || drop.genRate == 0 {
		return 0
	}
	return 1e9/r.genRate - 1e9/drop.genRate
}

// softirqNs is the generator CPU's softirq time per answer (per SYN for
// XDP_DROP): A's receive and answer, and B's sink.
func softirqNs(r floodResult) float64 {
	n := r.answers
	if r.target == "xdp-drop" {
		n = r.sent
	}
	if n == 0 {
		return 0
	}
	return float64(r.cpu.softirq.Nanoseconds()) / float64(n)
}

func printFloods(rs []floodResult, drop floodResult) {
	var sb strings.Builder
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(&sb, "\nSYN flood from B's live-frames generator (CPU 0), %v per run, full rate best of %d, %d CPUs (load average %s):\n",
		floodTime, floodRounds, runtime.NumCPU(), strings.Join(strings.Fields(string(load))[:3], " "))
	fmt.Fprintf(&sb, "%-9s %10s %10s %11s %10s %11s %9s %9s %9s %9s %11s\n",
		"target", "offered/s", "sent", "sent/s", "SYN-ACKs", "answered/s", "answered", "A says", "A ns/SYN", "softirq%", "sirq ns/ans")
	for _, r := range rs {
		offered := "full"
		if r.offered > 0 {
			offered = strconv.FormatUint(r.offered, 10)
		}
		ns := "-"
		if a := addedNs(r, drop); a > 0 {
			ns = fmt.Sprintf("%.0f", a)
		}
		total := r.cpu.user + r.cpu.system + r.cpu.softirq + r.cpu.idle
		pct := func(d time.Duration) float64 {
			if total <= 0 {
				return 0
			}
			return 100 * float64(d) / float64(total)
		}
		answered := "-"
		if r.sent > 0 && r.target != "xdp-drop" {
			answered = fmt.Sprintf("%.1f%%", 100*float64(r.answers)/float64(r.sent))
		}
		fmt.Fprintf(&sb, "%-9s %10s %10d %11.0f %10d %11.0f %9s %9d %9s %9.1f %11.0f\n",
			r.target, offered, r.sent, r.genRate, r.answers, r.perSec, answered, r.own, ns,
			pct(r.cpu.softirq), softirqNs(r))
		if r.rxDropped > 0 {
			fmt.Fprintf(&sb, "%-9s (%d SYNs dropped by A's veth before delivery)\n", "", r.rxDropped)
		}
	}
	sb.WriteString("softirq% is CPU 0's share in softirq over the run (/proc/stat, tick-sampled); sirq ns/ans is that time per answer (per SYN for XDP_DROP).\n" +
		"A's receive, the answer's transmit and B's sink all run in the softirq of the generator's CPU; the generator busy-polls the rest of it,\n" +
		"so at full rate one CPU does everything, and paced runs show the receive side's CPU cost at a given rate.\n" +
		"A ns/SYN = 1/sent/s - 1/(sent/s with XDP_DROP on A): what answering costs beyond receiving and dropping at XDP (B's sink included).\n")
	fmt.Print(sb.String())
}
