package trafficgen

import (
	"crypto/rand"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// benchTraffic is how long each capture run sends.
const benchTraffic = 2500 * time.Millisecond

// benchTools are the captures compared; nil Argv = no capture at all.
func benchTools() (tools []Tool, skipped string) {
	tools = []Tool{
		{Name: "none"},
		{Name: "tcpdump", Argv: []string{"tcpdump", "-n", "-i", "{dev}", "-w", "{file}"}, Ext: "pcap"},
		{Name: "tcpdump-B64M", Argv: []string{"tcpdump", "-n", "-B", "65536", "-i", "{dev}", "-w", "{file}"}, Ext: "pcap"},
	}
	bin := os.Getenv("XDPDUMP_BIN")
	switch {
	case bin == "":
		return tools, "XDPDUMP_BIN is not set: xdpdump not measured (make bench sets it)"
	default:
		if _, err := os.Stat(bin); err != nil {
			return tools, fmt.Sprintf("XDPDUMP_BIN=%s: %v: xdpdump not measured", bin, err)
		}
		evictPageCache(bin)
	}
	argv := append([]string{bin, "-i", "{dev}", "-w", "{file}"}, strings.Fields(os.Getenv("XDPDUMP_BENCH_ARGS"))...)
	return append(tools, Tool{Name: "xdpdump", Argv: argv, Ext: "pcapng"}), ""
}

// evictPageCache drops a just-built binary's pages from the page cache, so
// that it is read back the way an installed one is. The linker's writes
// leave the file in large folios, and a process mapping them counts whole
// folios of its text in its RSS: measured, 2.3 MB more peak RSS for the
// same xdpdump freshly built than read back from disk.
func evictPageCache(name string) {
	f, err := os.Open(name)
	if err != nil {
		return
	}
	defer f.Close()
	_ = f.Sync()
	_ = unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
}

// slowPipe is the slow reader of the lag cases: xdpdump -w - into a pipe
// the harness empties at 32 MB/s in 1 MiB bursts, far below what the
// traffic makes, so that the reader is always behind and the ring full.
const slowPipeRate, slowPipeBurst = 32 << 20, 1 << 20

// xdpToolsBin is xdp-tools' xdpdump (on a hook with no XDP program it
// captures through libpcap, "legacy mode").
const xdpToolsBin = "/usr/sbin/xdpdump"

// benchRounds is how many times each tool captures, interleaved; each
// tool's run with the median achieved rate is reported (the spread is
// printed). XDPDUMP_BENCH_ROUNDS overrides it.
func benchRounds() int {
	if n, err := strconv.Atoi(os.Getenv("XDPDUMP_BENCH_ROUNDS")); err == nil && n > 0 {
		return n
	}
	return 3
}

// benchCase is one row group of BenchmarkCapture: frames of one size at
// full rate in front of one target, captured by each tool in turn.
type benchCase struct {
	name   string
	size   int
	target Target
	tools  []string // names, of allTools; the first is the reference without capture
	// lossless, if set, is the fraction of the bare rate at which xdpdump
	// must capture without loss: after the full-rate runs the generator is
	// paced at it (the bare rate of this run times lossless) and xdpdump
	// captures again, as RFC 2544 measures throughput: the rate offered
	// and sustained with nothing lost.
	lossless float64
}

// BenchmarkCapture sends generated traffic at full rate from B into A and
// captures it on A with each tool in turn, in front of XDP_PASS (nothing
// on the hook: frames go on to the stack, where tcpdump sees them) and in
// front of an XDP_DROP program (only an XDP capture sees anything), at 64
// and 1500 bytes: no capture, tcpdump with its defaults (TPACKET_V3) and
// with -B 65536, xdpdump to a file, xdpdump -w - into a slow pipe (the
// lagging reader), and xdp-tools' xdpdump. It reports for each the
// generator's achieved rate (the receive softirq runs on the sending CPU,
// so whatever a capture costs in the kernel slows the sender), frames
// delivered, written (and per second), lost, user and system CPU, IRQ work
// (ring buffer wakeups) on the receiving CPU, voluntary context switches,
// peak RSS and start-up time; then the issue-17 table and its checks,
// every ratio against references measured in the same run. Run it with
// -benchtime 1x.
func BenchmarkCapture(b *testing.B) {
	testhost.Require(b)
	if _, err := exec.LookPath("tcpdump"); err != nil {
		b.Skip("tcpdump not installed")
	}
	base, skipped := benchTools()
	if skipped != "" {
		fmt.Printf("BenchmarkCapture: %s\n", skipped)
	}
	all := map[string]Tool{}
	for _, t := range base {
		all[t.Name] = t
	}
	if x, ok := all["xdpdump"]; ok {
		all["xdpdump-slow"] = Tool{Name: "xdpdump-slow", Argv: append([]string{x.Argv[0], "-i", "{dev}", "-w", "-"}, x.Argv[5:]...),
			Ext: "pcapng", PipeRate: slowPipeRate, PipeBurst: slowPipeBurst}
	}
	if _, err := os.Stat(xdpToolsBin); err == nil {
		all["xdp-tools"] = Tool{Name: "xdp-tools", Argv: []string{xdpToolsBin, "-i", "{dev}", "-w", "{file}"}, Ext: "pcapng"}
	}
	passTools := []string{"none", "tcpdump", "tcpdump-B64M", "xdpdump", "xdp-tools"}
	dropTools := []string{"none", "xdpdump", "xdpdump-slow"}
	cases := []benchCase{
		{"pass-64", 64, TargetNone, passTools, 0},
		{"pass-1500", 1500, TargetNone, passTools, 0},
		{"drop-64", 64, TargetDrop, dropTools, 0.6},
		{"drop-1500", 1500, TargetDrop, dropTools, 0.3},
	}
	rounds := benchRounds()
	results := map[string]map[string]Measurement{}
	if f, err := measureRecordFloor(); err != nil {
		fmt.Printf("BenchmarkCapture: the record floor: %v\n", err)
	} else {
		recordFloor = f
	}
	// XDPDUMP_BENCH_CASES and XDPDUMP_BENCH_TOOLS (comma-separated names)
	// narrow the run, for working on one figure; XDPDUMP_BENCH_ARGS are
	// further arguments for xdpdump (e.g. -B 1024).
	only := func(env, name string) bool {
		v := os.Getenv(env)
		return v == "" || strings.Contains(","+v+",", ","+name+",")
	}
	for _, c := range cases {
		if !only("XDPDUMP_BENCH_CASES", c.name) {
			continue
		}
		b.Run(c.name, func(b *testing.B) {
			var tools []Tool
			for _, n := range c.tools {
				if t, ok := all[n]; ok && only("XDPDUMP_BENCH_TOOLS", n) {
					tools = append(tools, t)
				}
			}
			ms := runCase(b, c, tools, rounds)
			results[c.name] = map[string]Measurement{}
			for _, m := range ms {
				results[c.name][m.Tool] = m
			}
			bare := results[c.name]["none"]
			for _, m := range ms {
				b.Run(m.Tool, func(b *testing.B) { report(b, m, bare) })
			}
		})
	}
	printSummary(results)
}

// runCase measures every tool of c rounds times, interleaved, on one pair
// and returns for each tool its run with the median achieved rate.
func runCase(b *testing.B, c benchCase, tools []Tool, rounds int) []Measurement {
	p := testhost.New(b, testhost.Options{})
	sink, err := Prepare(p)
	if err != nil {
		b.Fatal(err)
	}
	defer sink.Close()
	detach, err := AttachTarget(p, c.target)
	if err != nil {
		b.Fatal(err)
	}
	defer detach()
	runs := make([][]Measurement, len(tools))
	var plain []float64
	for r := 0; r < rounds; r++ {
		for i, tool := range tools {
			waitQuiet()
			// With full-size frames, the plain writer runs during the
			// bare run's traffic: what a writer gets from this machine
			// while the sending CPU moves those frames.
			var bw chan plainResult
			if c.size >= 1500 && tool.Argv == nil {
				bw = make(chan plainResult, 1)
				go func() {
					time.Sleep(300 * time.Millisecond) // the generator is running
					rate, err := plainWriteRate()
					bw <- plainResult{rate, err}
				}()
			}
			m, err := Measure(p, tool, PairConfig(p, c.size, 0, benchTraffic))
			if err != nil {
				b.Fatalf("%s: %+v", tool.Name, err)
			}
			runs[i] = append(runs[i], m)
			if bw != nil {
				res := <-bw
				if res.err != nil {
					b.Fatal(res.err)
				}
				plain = append(plain, res.rate)
			}
		}
	}
	out := make([]Measurement, len(tools))
	for i := range tools {
		sort.Slice(runs[i], func(a, b int) bool { return runs[i][a].Rate < runs[i][b].Rate })
		out[i] = runs[i][len(runs[i])/2]
	}
	if len(plain) > 0 {
		sort.Float64s(plain)
		plainWrite[c.name] = plain[len(plain)/2]
	}
	// The paced runs: xdpdump with the generator held to c.lossless of
	// this run's bare rate, rounds times; the run that lost the most is
	// reported (lossless means lossless every time).
	xi := -1
	for i, tool := range tools {
		if tool.Name == "xdpdump" {
			xi = i
		}
	}
	if c.lossless > 0 && xi >= 0 && tools[0].Argv == nil {
		tool := tools[xi]
		rate := uint64(c.lossless * out[0].Rate)
		var worst Measurement
		var paced []Measurement
		for r := 0; r < rounds; r++ {
			waitQuiet()
			m, err := Measure(p, tool, PairConfig(p, c.size, rate, benchTraffic))
			if err != nil {
				b.Fatalf("%s paced at %d/s: %+v", tool.Name, rate, err)
			}
			m.Tool = pacedName(c.lossless)
			paced = append(paced, m)
			if r == 0 || m.Lost > worst.Lost || m.Lost == worst.Lost && m.Rate < worst.Rate {
				worst = m
			}
		}
		out = append(out, worst)
		runs = append(runs, paced)
	}
	printCase(c, rounds, out, runs)
	return out
}

// plainWrite is, per case of full-size frames, what the file system of
// the captures took from a plain writer during the bare runs' traffic
// (bytes/s, the median of the rounds): the ceiling of any capture's
// written bytes.
var plainWrite = map[string]float64{}

// plainWriteBytes is how much plainWriteRate writes: at 1 GB/s and more,
// well inside the 2.5 s of a run's traffic.
const plainWriteBytes = 1 << 30

type plainResult struct {
	rate float64
	err  error
}

// plainWriteRate writes plainWriteBytes of a hot 256 KiB buffer (the size
// of xdpdump's writes) into a new file where the captures write theirs
// (/dev/shm), from the CPU the captures run on, and returns the bytes per
// second; the file is removed. No capture writes a file faster than this:
// each also reads its packets from a ring and writes headers.
func plainWriteRate() (float64, error) {
	var id [4]byte
	_, _ = rand.Read(id[:])
	name := fmt.Sprintf("/dev/shm/xdpdump-bench-plain-%x", id)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	defer pinCPUs(1, runtime.NumCPU()-1)() // where the captures run
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return 0, err
	}
	defer os.Remove(name)
	defer f.Close()
	buf := make([]byte, 256<<10)
	_, _ = rand.Read(buf)
	t0 := time.Now()
	for n := 0; n < plainWriteBytes; n += len(buf) {
		if _, err := f.Write(buf); err != nil {
			return 0, err
		}
	}
	return plainWriteBytes / time.Since(t0).Seconds(), nil
}

// pacedName names the paced runs of xdpdump at fraction f of the bare rate.
func pacedName(f float64) string { return fmt.Sprintf("xdpdump@%.1fx", f) }

// waitQuiet waits (at most 10 s) until the last second used less than half
// a CPU: the other engineers' tests share the machine, and a run measured
// beside them is worth little. The load is printed with every table.
func waitQuiet() {
	for i := 0; i < 10; i++ {
		if busy := cpuBusy(time.Second); busy < 0.5 {
			return
		}
	}
}

// cpuBusy is the number of CPUs kept busy over d (/proc/stat).
func cpuBusy(d time.Duration) float64 {
	read := func() (busy, total uint64) {
		b, err := os.ReadFile("/proc/stat")
		if err != nil {
			return 0, 0
		}
		f := strings.Fields(strings.SplitN(string(b), "\n", 2)[0])
		for i, s := range f[1:] {
			v, _ := strconv.ParseUint(s, 10, 64)
			total += v
			if i != 3 && i != 4 { // idle, iowait
				busy += v
			}
		}
		return busy, total
	}
	b0, t0 := read()
	time.Sleep(d)
	b1, t1 := read()
	if t1 == t0 {
		return 0
	}
	return float64(b1-b0) / float64(t1-t0) * float64(runtime.NumCPU())
}

// addedNs is what capturing added to each packet's cost on the receiving
// (= sending) CPU, from the achieved full rates with and without capture.
func addedNs(m, bare Measurement) (float64, bool) {
	if m.Offered != 0 || m.Rate == 0 || bare.Rate == 0 || !m.Capturing {
		return 0, false
	}
	return 1e9/m.Rate - 1e9/bare.Rate, true
}

func report(b *testing.B, m, bare Measurement) {
	b.ReportMetric(m.Rate, "achieved-fps")
	b.ReportMetric(float64(m.Sent), "sent")
	b.ReportMetric(float64(m.Delivered), "delivered")
	if !m.Capturing {
		return
	}
	b.ReportMetric(float64(m.Ours), "written")
	b.ReportMetric(m.WrittenRate(), "written-fps")
	b.ReportMetric(float64(m.Lost), "lost")
	b.ReportMetric(m.User.Seconds(), "user-s")
	b.ReportMetric(m.Sys.Seconds(), "sys-s")
	b.ReportMetric(float64(m.UserPerPacket().Nanoseconds()), "user-ns/pkt")
	b.ReportMetric(float64(m.MaxRSS)/(1<<20), "maxrss-MiB")
	b.ReportMetric(float64(m.Startup.Microseconds())/1000, "startup-ms")
	b.ReportMetric(float64(m.IRQWork)/m.Active.Seconds(), "irqwork/s")
	if bare.Rate > 0 {
		b.ReportMetric(m.Rate/bare.Rate, "achieved/bare")
	}
	if ns, ok := addedNs(m, bare); ok {
		b.ReportMetric(ns, "kernel-ns/pkt")
	}
}

func printCase(c benchCase, rounds int, ms []Measurement, runs [][]Measurement) {
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n%s: %d-byte frames at full rate in front of %s, %v of traffic per run, median of %d (load average now %s):\n",
		c.name, c.size, c.target, benchTraffic, rounds, loadAvg())
	fmt.Fprintf(&sb, "%-13s %10s %9s %9s %9s %10s %9s %6s %6s %9s %8s %7s %8s %7s\n",
		"tool", "achieved/s", "sent", "delivered", "written", "written/s", "lost", "user s", "sys s", "user/pkt", "IWI/s", "vcsw", "rss MiB", "startup")
	for i, m := range ms {
		if !m.Capturing {
			fmt.Fprintf(&sb, "%-13s %10.0f %9d %9d\n", m.Tool, m.Rate, m.Sent, m.Delivered)
		} else {
			fmt.Fprintf(&sb, "%-13s %10.0f %9d %9d %9d %10.0f %9d %6.2f %6.2f %9v %8.0f %7d %8.1f %7v\n",
				m.Tool, m.Rate, m.Sent, m.Delivered, m.Ours, m.WrittenRate(), m.Lost, m.User.Seconds(), m.Sys.Seconds(),
				m.UserPerPacket(), float64(m.IRQWork)/m.Active.Seconds(), m.VolSwitches, float64(m.MaxRSS)/(1<<20), m.Startup.Round(time.Millisecond))
		}
		if len(runs[i]) > 1 {
			var rs []string
			for _, r := range runs[i] {
				rs = append(rs, fmt.Sprintf("%.0f", r.Rate))
			}
			fmt.Fprintf(&sb, "%-13s (achieved/s of the rounds: %s)\n", "", strings.Join(rs, " "))
		}
		if m.Captured >= 0 {
			fmt.Fprintf(&sb, "%-13s (own count: %d captured, %d received by filter, %d dropped by kernel)\n", "", m.Captured, m.ReceivedByFilter, m.DroppedByKernel)
		}
	}
	fmt.Print(sb.String())
}

func loadAvg() string {
	load, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(load))
	return strings.Join(f[:min(3, len(f))], " ")
}

// ceiling says, for a case with a plain writer's rate, how much of it
// writing want frames a second to a file would take (pcapng, xdpdump's
// records: 28 bytes of block header, 32 of options and the length after
// the frame).
func ceiling(c string, want float64) string {
	bw, ok := plainWrite[c]
	if !ok {
		return ""
	}
	size := 1500.0
	if strings.HasSuffix(c, "-64") {
		size = 64
	}
	need := want * (size + 28 + 32 + 4)
	return fmt.Sprintf("; that is %.2f GB/s of file, %.2f× what a plain writer put into /dev/shm during the same traffic (%.2f GB/s)", need/1e9, need/bw, bw/1e9)
}

// printSummary prints the issue-17 table from this run and its checks.
func printSummary(res map[string]map[string]Measurement) {
	get := func(c, t string) (Measurement, bool) { m, ok := res[c][t]; return m, ok }
	mpps := func(v float64) string { return fmt.Sprintf("%.2f Mpps", v/1e6) }
	lost := func(m Measurement) string {
		if m.Delivered == 0 {
			return "-"
		}
		return fmt.Sprintf("%.2g%% lost", 100*float64(m.Lost)/float64(m.Delivered))
	}
	cell := func(c, t string, f func(m, bare Measurement) string) string {
		m, ok := get(c, t)
		if !ok {
			return "-"
		}
		bare, _ := get(c, "none")
		return f(m, bare)
	}
	cols := []string{"none", "xdpdump", "tcpdump", "tcpdump-B64M", "xdp-tools"}
	var sb strings.Builder
	fmt.Fprintf(&sb, "\nIssue 17, one run (medians of %d; load average now %s):\n", benchRounds(), loadAvg())
	fmt.Fprintf(&sb, "| case | bare | xdpdump | tcpdump (its defaults) | tcpdump -B 64 MiB | xdp-tools xdpdump |\n|---|---|---|---|---|---|\n")
	row := func(name, c string, f func(m, bare Measurement) string) {
		fmt.Fprintf(&sb, "| %s |", name)
		for _, t := range cols {
			fmt.Fprintf(&sb, " %s |", cell(c, t, f))
		}
		sb.WriteString("\n")
	}
	rate := func(m, bare Measurement) string {
		if !m.Capturing {
			return mpps(m.Rate)
		}
		return fmt.Sprintf("%s, %s", mpps(m.Rate), lost(m))
	}
	row("64 B, in front of XDP_PASS", "pass-64", rate)
	row("user CPU per captured packet, 64 B", "pass-64", func(m, _ Measurement) string {
		if !m.Capturing {
			return "—"
		}
		return fmt.Sprintf("%.3f µs", float64(m.UserPerPacket().Nanoseconds())/1000)
	})
	row("1500 B, in front of XDP_PASS: frames written per second", "pass-1500", func(m, _ Measurement) string {
		if !m.Capturing {
			return mpps(m.Rate) + " sent"
		}
		return fmt.Sprintf("%.2f M/s (%s; sender at %.0f kpps)", m.WrittenRate()/1e6, lost(m), m.Rate/1e3)
	})
	drop := func(m, bare Measurement) string {
		if !m.Capturing {
			return mpps(m.Rate)
		}
		return fmt.Sprintf("%s (%.2f×), %s", mpps(m.Rate), m.Rate/bare.Rate, lost(m))
	}
	row("64 B, in front of XDP_DROP", "drop-64", drop)
	row("1500 B, in front of XDP_DROP", "drop-1500", drop)
	for _, x := range []struct {
		c string
		f float64
	}{{"drop-64", 0.6}, {"drop-1500", 0.3}} {
		if m, ok := get(x.c, pacedName(x.f)); ok {
			bare, _ := get(x.c, "none")
			fmt.Fprintf(&sb, "| %s, the generator paced at %.1f× bare (worst of %d) | %s | %s (%.2f×), %s, %d of %d lost | | | |\n",
				x.c, x.f, benchRounds(), mpps(bare.Rate), mpps(m.Rate), m.Rate/bare.Rate, lost(m), m.Lost, m.Delivered)
		}
	}
	for _, c := range []string{"drop-64", "drop-1500"} {
		slow, ok1 := get(c, "xdpdump-slow")
		fast, ok2 := get(c, "xdpdump")
		bare, _ := get(c, "none")
		if !ok1 || !ok2 {
			continue
		}
		ns1, _ := addedNs(slow, bare)
		ns2, _ := addedNs(fast, bare)
		fmt.Fprintf(&sb, "| %s, xdpdump -w - into a pipe read at %d MB/s (lagging) | %s | %s (%.2f×), %s; kernel adds %.0f ns/pkt against %.0f with -w FILE; %.0f wakeups/s against %.0f | | | |\n",
			c, slowPipeRate>>20, mpps(bare.Rate), mpps(slow.Rate), slow.Rate/bare.Rate, lost(slow), ns1, ns2,
			float64(slow.IRQWork)/slow.Active.Seconds(), float64(fast.IRQWork)/fast.Active.Seconds())
	}
	for _, c := range []string{"pass-1500", "drop-1500"} {
		if bw, ok := plainWrite[c]; ok {
			fmt.Fprintf(&sb, "| %s: a plain writer into /dev/shm, 256 KiB writes, during the bare run's traffic (the ceiling of every column) | %.2f GB/s = %.2f M frames/s | | | | |\n", c, bw/1e9, bw/(1500+28+32+4)/1e6)
		}
	}
	fmt.Fprintf(&sb, "(BPF_PROG_RUN cost per packet with a lagging and an idle reader: BenchmarkLag in internal/capture, same make bench run.)\n")

	// The checks of the issue, each with its figure.
	check := func(ok bool, what string, args ...any) {
		mark := "ok    "
		if !ok {
			mark = "MISSED"
		}
		fmt.Fprintf(&sb, "%s %s\n", mark, fmt.Sprintf(what, args...))
	}
	sb.WriteString("\n")
	for _, x := range []struct {
		c   string
		min float64
	}{{"drop-64", 0.6}, {"drop-1500", 0.3}} {
		m, ok1 := get(x.c, pacedName(x.min))
		bare, ok2 := get(x.c, "none")
		if ok1 && ok2 && x.c == "drop-64" && recordFloor != nil {
			budget := 1e9/(x.min*bare.Rate) - 1e9/bare.Rate
			fmt.Fprintf(&sb, "       %s: %.1f× the bare rate leaves a capture %.0f ns per packet; a record written on its own takes, in kernel helpers alone, %s; xdpdump stages small records at this rate and commits them a batch at a time, so each still pays the clock (%.0f ns) and writing its bytes into the ring (BenchmarkProgram in internal/capture, the same run, shows both ways)\n",
				x.c, x.min, budget, recordFloor, recordFloor.clock)
		}
		if ok1 && ok2 {
			check(m.Rate/bare.Rate >= 0.99*x.min && m.Lost == 0, "%s: generator paced at %.1f× the bare rate sent at %.2f×, xdpdump lost %d of %d (want 0), the worst of %d runs%s",
				x.c, x.min, m.Rate/bare.Rate, m.Lost, m.Delivered, benchRounds(), ceiling(x.c, x.min*bare.Rate))
		}
	}
	if m, ok := get("pass-1500", "xdpdump"); ok {
		if r, ok := get("pass-1500", "tcpdump-B64M"); ok && r.WrittenRate() > 0 {
			check(m.WrittenRate()/r.WrittenRate() >= 1.5, "pass-1500: xdpdump writes %.2f M frames/s, %.2f× tcpdump -B 65536's %.2f M/s (want >= 1.5×)%s",
				m.WrittenRate()/1e6, m.WrittenRate()/r.WrittenRate(), r.WrittenRate()/1e6, ceiling("pass-1500", 1.5*r.WrittenRate()))
		}
	}
	if m, ok := get("pass-64", "xdpdump"); ok {
		if r, ok := get("pass-64", "tcpdump"); ok {
			check(m.UserPerPacket() <= r.UserPerPacket(), "pass-64: user CPU per captured packet %v, tcpdump's %v (want <=)", m.UserPerPacket(), r.UserPerPacket())
		}
	}
	var rss int64
	var startup []time.Duration
	for _, c := range res {
		for _, m := range c {
			if strings.HasPrefix(m.Tool, "xdpdump") {
				rss = max(rss, m.MaxRSS)
				startup = append(startup, m.Startup)
			}
		}
	}
	var tcpdumpStart []time.Duration
	for _, c := range res {
		for _, m := range c {
			if strings.HasPrefix(m.Tool, "tcpdump") {
				tcpdumpStart = append(tcpdumpStart, m.Startup)
			}
		}
	}
	ref := ""
	if len(tcpdumpStart) > 0 {
		sort.Slice(tcpdumpStart, func(i, j int) bool { return tcpdumpStart[i] < tcpdumpStart[j] })
		ref = fmt.Sprintf("; tcpdump's, started the same way: %v median", tcpdumpStart[len(tcpdumpStart)/2].Round(100*time.Microsecond))
	}
	if len(startup) > 0 {
		sort.Slice(startup, func(i, j int) bool { return startup[i] < startup[j] })
		st := startup[len(startup)/2]
		check(rss <= 32e6, "xdpdump peak RSS %.1f MB with the default ring, the most of all its runs (want <= 32 MB)", float64(rss)/1e6)
		check(st <= 50*time.Millisecond, "xdpdump start-up %v, median of its runs (want <= 50 ms; %v .. %v)%s", st.Round(100*time.Microsecond),
			startup[0].Round(100*time.Microsecond), startup[len(startup)-1].Round(100*time.Microsecond), ref)
	}
	fmt.Print(sb.String())
}
