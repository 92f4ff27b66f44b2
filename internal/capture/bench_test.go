// Kernel-side benchmarks of the capture stage, with BPF_PROG_RUN: what a
// record costs per way of copying and frame size (BenchmarkProgram), whether
// that cost rises when the reader lags (BenchmarkLag), and what two CPUs
// writing one ring cost against a ring each (BenchmarkRings). Every figure
// is a median over interleaved rounds, next to a reference measured in the
// same run. Run them with -benchtime 1x.
package capture_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/stage"
	"github.com/xdpdump/xdpdump/internal/testhost"
)

// benchRounds is how many interleaved rounds each benchmark takes its
// medians over.
const benchRounds = 7

// progSizes are the frame sizes of the kernel-side benchmarks: the
// smallest, a middling one, a full-MTU one and a jumbo frame, which a test
// run of the xdp.frags variant hands over as the linear page plus
// fragments.
var progSizes = []int{64, 512, 1500, 9000}

// rig is a capture stage loaded the way a capture to a file loads it: the
// capture's shared maps (default ring), a reader that announces its
// sleeps, wakeups once a sixteenth of the ring waits.
type rig struct {
	sh *stage.Shared
	st *capture.Stage
	rd *capture.Reader
	// The kernel's own positions, mapped read-only: what waits in the
	// ring, seen from any goroutine.
	cons, prod []byte
}

// waiting is how many bytes the kernel counts as not yet consumed.
func (r *rig) waiting() int {
	c := atomic.LoadUint64((*uint64)(unsafe.Pointer(&r.cons[0])))
	p := atomic.LoadUint64((*uint64)(unsafe.Pointer(&r.prod[0])))
	return int(p - c)
}

func newRig(b *testing.B, cp capture.Copy, expr string) *rig {
	return newRigOptions(b, cp, expr, false)
}

// newRigOptions is newRig, with a ring per CPU if perCPU (the default
// ring size shared out).
func newRigOptions(b *testing.B, cp capture.Copy, expr string, perCPU bool) *rig {
	b.Helper()
	sh, err := stage.NewSharedOptions(stage.SharedOptions{PerCPU: perCPU})
	if err != nil {
		b.Fatal(err)
	}
	st, err := capture.Load(capture.Config{Filter: expr, Frags: true, Copy: cp, Shared: sh,
		WakeupBytes: uint32(sh.Ring.MaxEntries() / 16)})
	if err != nil {
		sh.Close()
		b.Fatalf("load %s %q: %v", cp, expr, err)
	}
	return newRigOn(b, sh, st)
}

// sameRing is another stage for the ring (and reader) of r: stages
// compared on one ring are not told apart by their rings' memory (which
// measured up to 40% apart between rings of the same size).
func (r *rig) sameRing(b *testing.B, cp capture.Copy, expr string) *rig {
	b.Helper()
	st, err := capture.Load(capture.Config{Filter: expr, Frags: true, Copy: cp, Shared: r.sh,
		WakeupBytes: uint32(r.sh.Ring.MaxEntries() / 16)})
	if err != nil {
		b.Fatalf("load %s %q: %v", cp, expr, err)
	}
	b.Cleanup(func() { st.Close() })
	return &rig{sh: r.sh, st: st, rd: r.rd, cons: r.cons, prod: r.prod}
}

// newRigOn is the rig of stage st on sh, with a reader of its own.
func newRigOn(b *testing.B, sh *stage.Shared, st *capture.Stage) *rig {
	b.Helper()
	var err error
	rings, flags := sh.ReaderRings()
	var rr []capture.Ring
	for i := range rings {
		rr = append(rr, capture.Ring{Map: rings[i], Sleeping: flags[i]})
	}
	rd, err := capture.NewRingsReader(rr, capture.ReaderOptions{Poll: 5 * time.Millisecond})
	if err != nil {
		b.Fatal(err)
	}
	r := &rig{sh: sh, st: st, rd: rd}
	b.Cleanup(r.close)
	page := os.Getpagesize()
	if r.cons, err = unix.Mmap(sh.Ring.FD(), 0, page, unix.PROT_READ, unix.MAP_SHARED); err != nil {
		b.Fatal(err)
	}
	if r.prod, err = unix.Mmap(sh.Ring.FD(), int64(page), page, unix.PROT_READ, unix.MAP_SHARED); err != nil {
		b.Fatal(err)
	}
	return r
}

func (r *rig) close() {
	r.rd.Close()
	r.st.Close()
	r.sh.Close()
	for _, m := range [][]byte{r.cons, r.prod} {
		if m != nil {
			unix.Munmap(m)
		}
	}
}

// batch is how many runs one BPF_PROG_RUN call makes: at most share of
// the ring's bytes, at most 5000.
func (r *rig) batch(frame []byte, share int) int {
	rec := capture.HeaderSize + 8 + len(frame) + 512 // size classes pad
	return max(1, min(5000, int(r.sh.Ring.MaxEntries())/share/rec))
}

// run makes one BPF_PROG_RUN call of n runs and returns the kernel's time
// per run.
func (r *rig) run(b *testing.B, frame []byte, n int) time.Duration {
	ret, d, err := r.st.Program().Benchmark(frame, n, nil)
	if err != nil {
		b.Fatalf("test run: %v", err)
	}
	if ret != 2 { // XDP_PASS: nothing in the chain
		b.Fatalf("program returned %d", ret)
	}
	return d
}

// drain reads everything the ring holds.
func (r *rig) drain(b *testing.B) {
	var rec capture.Record
	for r.rd.Pending() > 0 {
		if err := r.rd.Next(&rec); err != nil && !capture.IsTimeout(err) {
			b.Fatal(err)
		}
	}
}

// checkLost fails the benchmark if the stage lost records: a lost record
// costs less than a written one and would flatter the figure.
func (r *rig) checkLost(b *testing.B) {
	s, err := r.st.Stats()
	if err != nil {
		b.Fatal(err)
	}
	if s.Lost != 0 {
		b.Fatalf("%d records lost", s.Lost)
	}
}

// drained is the mean ns per run over batches that each start with an
// empty ring, drained in between by this goroutine: the reader neither
// lags nor sleeps while the program runs.
func (r *rig) drained(b *testing.B, frame []byte) float64 {
	const batches = 20
	n := r.batch(frame, 4)
	var total time.Duration
	for j := 0; j < batches; j++ {
		total += r.run(b, frame, n)
		r.drain(b)
	}
	r.checkLost(b)
	return float64(total.Nanoseconds()) / batches
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// loadNote is the load average, printed with the results: other work on
// the machine only ever raises the figures.
func loadNote() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

// BenchmarkProgram measures, per frame size, the kernel's time per packet
// for every way of copying a frame into the ring (scratch +
// bpf_ringbuf_output, a reservation of the record's size class with
// bpf_xdp_load_bytes straight into it, bpf_ringbuf_reserve_dynptr +
// bpf_dynptr_copy, and auto, the way the stage takes for that size), next
// to the same stage whose filter rejects every frame (the hook, the
// counters and the filter without a record). Each figure is the median of
// interleaved rounds. It reports ns/pkt per way, each way's ratio to
// scratch (the old way), and what a record adds over the rejecting stage.
func BenchmarkProgram(b *testing.B) {
	testhost.Require(b)
	for _, size := range progSizes {
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) {
			frame := udpFrame(size)
			// Every stage writes the one ring, read by one reader.
			reject := newRig(b, capture.CopyAuto, "udp port 1")
			rigs := make([]*rig, len(copies))
			for i, cp := range copies {
				rigs[i] = reject.sameRing(b, cp, "")
			}
			res := make([][]float64, len(copies)+1)
			for i := 0; i < b.N; i++ {
				all := append(append([]*rig(nil), rigs...), reject)
				order := make([]int, len(all))
				for k := range order {
					order[k] = k
				}
				shuffle := rand.New(rand.NewPCG(1, 2))
				for round := 0; round < benchRounds; round++ {
					// A new order each round: whichever stage ran right
					// after the rejecting one measured up to 25% slower,
					// whatever its way of copying, when the order only
					// turned.
					shuffle.Shuffle(len(order), func(x, y int) { order[x], order[y] = order[y], order[x] })
					for _, k := range order {
						res[k] = append(res[k], all[k].drained(b, frame))
					}
				}
			}
			none := median(res[len(copies)])
			byWay := map[capture.Copy]float64{}
			var line strings.Builder
			fmt.Fprintf(&line, "BenchmarkProgram %d B (median of %d, load %s): reject %.0f ns/pkt", size, benchRounds, loadNote(), none)
			for k, cp := range copies {
				byWay[cp] = median(res[k])
				fmt.Fprintf(&line, ", %s %.0f", cp, byWay[cp])
			}
			fmt.Println(line.String())
			b.ReportMetric(none, "reject-ns/pkt")
			for _, cp := range copies {
				b.ReportMetric(byWay[cp], cp.String()+"-ns/pkt")
				b.ReportMetric(byWay[cp]/byWay[capture.CopyScratch], cp.String()+"/scratch")
			}
			b.ReportMetric(byWay[capture.CopyAuto]-none, "record-ns/pkt")
		})
	}
}

// lagReader reads r's ring on its own thread (CPU 1) until stop: with lag,
// it reads only while more than a quarter of the ring waits and otherwise
// sleeps 100 µs at a time (as a reader blocked in a slow write does: no
// epoll, no announced sleep); without, it reads everything and sleeps in
// Next like xdpdump's reader.
func lagReader(b *testing.B, r *rig, lag bool, stop <-chan struct{}, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer pinThread(1)()
		var rec capture.Record
		quarter := int(r.sh.Ring.MaxEntries() / 4)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if lag && r.waiting() <= quarter {
				time.Sleep(100 * time.Microsecond)
				continue
			}
			if err := r.rd.Next(&rec); err != nil && !capture.IsTimeout(err) {
				b.Error(err)
				return
			}
		}
	}()
}

// lagged is the mean ns per run, the IRQ work per thousand records on the
// producing thread and the reader's sleeps per thousand records over
// batches run on CPU 0 while lagReader reads: with lag, the ring holds
// between a quarter and three quarters of its size throughout (each batch
// waits for room, so nothing is lost); without, the reader keeps up and
// sleeps whenever the ring is empty.
func (r *rig) lagged(b *testing.B, frame []byte, lag bool) (ns, ipis, sleeps float64) {
	const batches = 20
	n := r.batch(frame, 4)
	size := int(r.sh.Ring.MaxEntries())
	stop := make(chan struct{})
	var wg sync.WaitGroup
	if lag {
		// Fill a quarter first: the reader starts behind.
		for r.waiting() < size/4 {
			r.run(b, frame, n)
		}
	}
	lagReader(b, r, lag, stop, &wg)
	defer func() {
		close(stop)
		wg.Wait()
		r.drain(b)
		r.checkLost(b)
	}()
	unpin := pinThread(0)
	defer unpin()
	c, err := countIRQWork(0)
	if err != nil {
		b.Logf("not counting IRQ work: %v", err)
	}
	defer c.Close()
	s0 := r.rd.Stats()
	var total time.Duration
	for j := 0; j < batches; j++ {
		for r.waiting() > size/2 {
			time.Sleep(50 * time.Microsecond)
		}
		if !lag {
			// Let the reader catch up and fall asleep.
			for r.waiting() > 0 {
				time.Sleep(50 * time.Microsecond)
			}
			time.Sleep(time.Millisecond)
		}
		total += r.run(b, frame, n)
	}
	recs := float64(batches * n)
	s1 := r.rd.Stats()
	return float64(total.Nanoseconds()) / batches, float64(c.Count()) * 1000 / recs,
		float64(s1.Sleeps-s0.Sleeps) * 1000 / recs
}

// BenchmarkLag measures the kernel's time per packet (BPF_PROG_RUN, auto
// copy, 64 and 1500 B) with the reader in three states, interleaved:
// idle (the ring drained between batches by the same goroutine: the
// reference), asleep (a reader on the other CPU that keeps up and sleeps
// in epoll_wait whenever the ring is empty, so every batch wakes it), and
// lagging (a reader on the other CPU that stays between a quarter and
// three quarters of the ring behind, far beyond the wakeup threshold, like
// one writing into a slow pipe). It reports ns/pkt of each, lagging/idle
// and asleep/idle, and the IRQ-work interrupts (ring buffer wakeups) the
// producing thread took per thousand records, next to the reader's sleeps
// per thousand records.
func BenchmarkLag(b *testing.B) {
	testhost.Require(b)
	if runtime.NumCPU() < 2 {
		b.Skip("needs two CPUs: the reader runs beside the program")
	}
	for _, size := range []int{64, 1500} {
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) {
			frame := udpFrame(size)
			r := newRig(b, capture.CopyAuto, "")
			var idle, asleep, lagging, ipiA, ipiL, slA, slL []float64
			for i := 0; i < b.N; i++ {
				for round := 0; round < benchRounds; round++ {
					idle = append(idle, r.drained(b, frame))
					ns, ipi, sl := r.lagged(b, frame, false)
					asleep, ipiA, slA = append(asleep, ns), append(ipiA, ipi), append(slA, sl)
					ns, ipi, sl = r.lagged(b, frame, true)
					lagging, ipiL, slL = append(lagging, ns), append(ipiL, ipi), append(slL, sl)
				}
			}
			mi, ma, ml := median(idle), median(asleep), median(lagging)
			fmt.Printf("BenchmarkLag %d B (median of %d, load %s): idle %.0f ns/pkt, asleep %.0f (%.2fx, %.2f wakeups and %.2f sleeps per 1000 records), lagging %.0f (%.2fx, %.2f wakeups, %.2f sleeps per 1000)\n",
				size, benchRounds, loadNote(), mi, ma, ma/mi, median(ipiA), median(slA), ml, ml/mi, median(ipiL), median(slL))
			b.ReportMetric(mi, "idle-ns/pkt")
			b.ReportMetric(ma, "asleep-ns/pkt")
			b.ReportMetric(ml, "lagging-ns/pkt")
			b.ReportMetric(ml/mi, "lagging/idle")
			b.ReportMetric(ma/mi, "asleep/idle")
			b.ReportMetric(median(ipiL), "lagging-wakeups/krec")
			b.ReportMetric(median(ipiA), "asleep-wakeups/krec")
			b.ReportMetric(median(slA), "asleep-sleeps/krec")
		})
	}
}

// BenchmarkRings measures what two CPUs writing at once cost: a producer
// thread on each CPU runs the stage with BPF_PROG_RUN at the same moment,
// into one ring shared by both (one spin lock, one producer position) or
// into a ring each (stage.SharedOptions.PerCPU, --ring-per-cpu), against
// one producer alone. The rings are drained between rounds. It reports ns/pkt of each and the ratios
// shared/alone and per-cpu/alone.
func BenchmarkRings(b *testing.B) {
	testhost.Require(b)
	if runtime.NumCPU() < 2 {
		b.Skip("needs two CPUs")
	}
	for _, size := range []int{64, 1500} {
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) {
			frame := udpFrame(size)
			one := newRig(b, capture.CopyAuto, "")
			per := newRigOptions(b, capture.CopyAuto, "", true)
			n := one.batch(frame, 8)
			const batches = 20
			// both runs batches on CPU 0 with rigs[0] and on CPU 1 with
			// rigs[1], each pair started at the same moment and the rings
			// drained after it; the mean ns per run of both.
			both := func(rigs [2]*rig) float64 {
				var total [2]time.Duration
				for j := 0; j < batches; j++ {
					var wg sync.WaitGroup
					var ready atomic.Int32
					for cpu := 0; cpu < 2; cpu++ {
						wg.Add(1)
						go func() {
							defer wg.Done()
							defer pinThread(cpu)()
							ready.Add(1)
							for ready.Load() < 2 {
							}
							total[cpu] += rigs[cpu].run(b, frame, n)
						}()
					}
					wg.Wait()
					rigs[0].drain(b)
					rigs[1].drain(b)
				}
				return float64((total[0] + total[1]).Nanoseconds()) / (2 * batches)
			}
			alone := func() float64 {
				defer pinThread(0)()
				var total time.Duration
				for j := 0; j < batches; j++ {
					total += one.run(b, frame, n)
					one.drain(b)
				}
				return float64(total.Nanoseconds()) / batches
			}
			var a, sh, pc []float64
			for i := 0; i < b.N; i++ {
				for round := 0; round < benchRounds; round++ {
					a = append(a, alone())
					sh = append(sh, both([2]*rig{one, one}))
					pc = append(pc, both([2]*rig{per, per}))
				}
			}
			one.checkLost(b)
			per.checkLost(b)
			ma, ms, mp := median(a), median(sh), median(pc)
			fmt.Printf("BenchmarkRings %d B (median of %d, load %s): one CPU %.0f ns/pkt; two CPUs at once: one shared ring %.0f (%.2fx), a ring each %.0f (%.2fx)\n",
				size, benchRounds, loadNote(), ma, ms, ms/ma, mp, mp/ma)
			b.ReportMetric(ma, "alone-ns/pkt")
			b.ReportMetric(ms, "shared-ns/pkt")
			b.ReportMetric(mp, "percpu-ns/pkt")
			b.ReportMetric(ms/ma, "shared/alone")
			b.ReportMetric(mp/ma, "percpu/alone")
		})
	}
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
