package trafficgen

// The capture benchmark harness: generated traffic from B into A of a
// testhost pair, captured in A's namespace by a tool (tcpdump, xdpdump, or
// nothing), with what arrived, what was written and what the tool cost.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"
	"github.com/gopacket/gopacket/pcapgo"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// Prepare readies a pair for generated traffic from B to A: GRO on A (so
// that A's veth takes XDP frames without an XDP program of its own), no
// IPv6 on either device and static neighbour entries both ways (so that no
// neighbour discovery, MLD or ARP frame mixes into the counts), and a UDP
// socket on A's DefaultDstPort that never reads, with the smallest receive
// buffer: frames reach a socket and are dropped there cheaply, instead of
// costing an ICMP port-unreachable each. Close the returned sink when done.
func Prepare(p *testhost.Pair) (io.Closer, error) {
	for _, h := range []testhost.Host{p.A, p.B} {
		if _, err := h.Run("sysctl", "-q", "-w", "net.ipv6.conf."+h.Dev+".disable_ipv6=1"); err != nil {
			return nil, err
		}
	}
	if _, err := p.A.Run("ethtool", "-K", p.A.Dev, "gro", "on"); err != nil {
		return nil, err
	}
	if _, err := p.A.Run("ip", "neigh", "replace", p.B.IP4.String(), "lladdr", p.B.MAC.String(), "dev", p.A.Dev, "nud", "permanent"); err != nil {
		return nil, err
	}
	if _, err := p.B.Run("ip", "neigh", "replace", p.A.IP4.String(), "lladdr", p.A.MAC.String(), "dev", p.B.Dev, "nud", "permanent"); err != nil {
		return nil, err
	}
	var conn *net.UDPConn
	err := p.A.Do(func() error {
		var err error
		conn, err = net.ListenUDP("udp4", &net.UDPAddr{IP: p.A.IP4, Port: DefaultDstPort})
		if err != nil {
			return err
		}
		return conn.SetReadBuffer(1)
	})
	if err != nil {
		if conn != nil {
			conn.Close()
		}
		return nil, fmt.Errorf("trafficgen: sink socket in %s: %w", p.A.NS, err)
	}
	return conn, nil
}

// PairConfig is a generator Config for sending from p.B to p.A.
func PairConfig(p *testhost.Pair, size int, rate uint64, d time.Duration) Config {
	var id [4]byte
	_, _ = rand.Read(id[:])
	return Config{
		Ifindex: p.B.Ifindex,
		SrcMAC:  p.B.MAC, DstMAC: p.A.MAC,
		SrcIP: p.B.IP4, DstIP: p.A.IP4,
		Size: size, Rate: rate, Duration: d,
		RunID: uint32(id[0])<<24 | uint32(id[1])<<16 | uint32(id[2])<<8 | uint32(id[3]),
	}
}

// Tool is a capture program run in A's namespace.
type Tool struct {
	Name string
	// Argv is the command; "{dev}" and "{file}" in it are replaced by A's
	// device and the output file. Nil = no capture at all.
	Argv []string
	// Ext is the output file's extension ("pcap", "pcapng").
	Ext string
	// PipeRate, if set, makes the harness a slow reader downstream of the
	// tool: the tool writes its capture to stdout ("-w -") and the harness
	// copies the pipe into the output file at no more than PipeRate bytes
	// a second, in bursts of PipeBurst bytes.
	PipeRate, PipeBurst int
}

// Target is what A's XDP hook runs that the capture stands in front of.
type Target int

const (
	// TargetNone: nothing; frames go on to the stack (A's GRO takes the
	// XDP-transmitted frames).
	TargetNone Target = iota
	// TargetDrop: an XDP program that drops every frame, attached with a
	// bpf_link the harness owns (a capture chains in front of it).
	TargetDrop
)

func (t Target) String() string {
	if t == TargetDrop {
		return "XDP_DROP"
	}
	return "XDP_PASS"
}

// AttachTarget puts t on A's XDP hook and returns what takes it off.
func AttachTarget(p *testhost.Pair, t Target) (func(), error) {
	if t == TargetNone {
		return func() {}, nil
	}
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Name: "bench_drop", Type: ebpf.XDP, License: "GPL",
		Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, 1 /* XDP_DROP */), asm.Return()},
	})
	if err != nil {
		return nil, fmt.Errorf("trafficgen: loading the XDP_DROP target: %w", err)
	}
	var l link.Link
	err = p.A.Do(func() error {
		var err error
		l, err = link.AttachXDP(link.XDPOptions{Program: prog, Interface: p.A.Ifindex})
		return err
	})
	if err != nil {
		prog.Close()
		return nil, fmt.Errorf("trafficgen: attaching the XDP_DROP target: %w", err)
	}
	return func() { l.Close(); prog.Close() }, nil
}

// Measurement is what one capture run did.
type Measurement struct {
	Tool      string
	Capturing bool    // a capture tool ran (Tool.Argv was set)
	Size      int     // frame bytes
	Offered   uint64  // frames/s asked of the generator; 0 = full rate
	Sent      uint64  // frames the generator sent
	Rate      float64 // frames/s the generator achieved
	// Delivered is how many frames arrived at A (its rx_packets), RxDropped
	// how many A's veth could not queue.
	Delivered, RxDropped uint64
	// Written is how many records the output file holds, Ours how many of
	// them are this run's generated frames (distinct sequence numbers).
	Written, Ours uint64
	Lost          uint64 // Delivered - Ours: arrived but not written
	// Backwards are frames written after one the sender sent later.
	Backwards uint64
	// Active is how long the generator sent (first frame to last).
	Active    time.Duration
	User, Sys time.Duration
	// VolSwitches are the tool's voluntary context switches (all threads):
	// an upper bound of its sleeps.
	VolSwitches int64
	// IRQWork is how many IRQ-work interrupts (/proc/interrupts IWI) the
	// receiving CPU took while the traffic ran: ring buffer wakeups are.
	IRQWork uint64
	MaxRSS  int64         // bytes
	Startup time.Duration // start until "listening on"
	Drain   time.Duration // end of traffic until the tool last used CPU (±0.1 s)
	// The tool's own exit lines; -1 when it printed none.
	Captured, ReceivedByFilter, DroppedByKernel int64
	Stderr                                      string // the tool's last output lines
}

// CPU is the tool's user + system time.
func (m Measurement) CPU() time.Duration { return m.User + m.Sys }

// WrittenRate is the tool's frames written per second of traffic.
func (m Measurement) WrittenRate() float64 {
	if m.Active <= 0 {
		return 0
	}
	return float64(m.Ours) / m.Active.Seconds()
}

// UserPerPacket is the tool's user CPU time per frame written.
func (m Measurement) UserPerPacket() time.Duration {
	if m.Ours == 0 {
		return 0
	}
	return m.User / time.Duration(m.Ours)
}

var (
	reCaptured = regexp.MustCompile(`(?m)^(\d+) packets? captured`)
	reReceived = regexp.MustCompile(`(?m)^(\d+) packets? received by filter`)
	reDropped  = regexp.MustCompile(`(?m)^(\d+) packets? dropped by kernel`)
)

// Measure starts tool in p.A's namespace, waits until it listens, sends
// gen's traffic from p.B, waits until the tool has gone idle, stops it with
// SIGINT and counts what it wrote. The pair must have been Prepared.
// The generator runs pinned to the first CPU and the tool to the others
// (when there are), so that the receive softirq, which runs on the sending
// CPU, and the tool's reader do not share a CPU.
func Measure(p *testhost.Pair, tool Tool, gen Config) (m Measurement, err error) {
	m = Measurement{Tool: tool.Name, Capturing: tool.Argv != nil, Size: gen.Size, Offered: gen.Rate, Captured: -1, ReceivedByFilter: -1, DroppedByKernel: -1}
	g, err := New(gen)
	if err != nil {
		return m, err
	}
	defer g.Close()

	var file string
	var run *running
	if tool.Argv != nil {
		var id [4]byte
		_, _ = rand.Read(id[:])
		file = fmt.Sprintf("/dev/shm/xdpdump-bench-%s.%s", hex.EncodeToString(id[:]), tool.Ext)
		defer os.Remove(file)
		argv := make([]string, len(tool.Argv))
		for i, a := range tool.Argv {
			argv[i] = strings.NewReplacer("{dev}", p.A.Dev, "{file}", file).Replace(a)
		}
		if cpus := otherCPUs(); cpus != "" {
			argv = append([]string{"taskset", "-c", cpus}, argv...)
		}
		run, err = start(p.A, tool, argv, file)
		if err != nil {
			return m, err
		}
		// On an early return: do not leave the tool running.
		defer run.kill()
		m.Startup = run.startup
	}

	before, err := devStatsIn(p.A)
	if err != nil {
		return m, err
	}
	var res Result
	iwi0 := irqWork(0)
	res, err = RunOnCPU0(p.B, g)
	if err != nil {
		return m, err
	}
	m.IRQWork = irqWork(0) - iwi0
	m.Sent, m.Rate, m.Active = res.Sent, res.Rate(), res.Active
	end := time.Now()
	if run != nil {
		if busy := waitIdle(run.cmd.Process.Pid, 60*time.Second); busy.After(end) {
			m.Drain = busy.Sub(end)
		}
	} else {
		time.Sleep(200 * time.Millisecond)
	}
	after, err := devStatsIn(p.A)
	if err != nil {
		return m, err
	}
	m.Delivered = after.RxPackets - before.RxPackets
	m.RxDropped = after.RxDropped - before.RxDropped
	if run == nil {
		return m, nil
	}
	if err := run.stop(&m); err != nil {
		return m, err
	}
	var fc FileCount
	fc, err = CountFileOrder(file, gen.RunID, m.Sent)
	m.Written, m.Ours, m.Backwards = fc.Records, fc.Ours, fc.Backwards
	if err != nil {
		return m, fmt.Errorf("%s's output: %w", tool.Name, err)
	}
	if m.Delivered > m.Ours {
		m.Lost = m.Delivered - m.Ours
	}
	return m, nil
}

// running is a started tool.
type running struct {
	name    string
	cmd     *exec.Cmd
	out     *tailBuffer
	exited  chan struct{} // closed when Wait has returned
	waitErr error
	startup time.Duration
	piped   chan error // the slow reader's end (PipeRate), nil without
}

// start runs argv in h's namespace and waits until it prints
// "listening on". With tool.PipeRate its stdout goes through a slow reader
// into file.
func start(h testhost.Host, tool Tool, argv []string, file string) (*running, error) {
	name := tool.Name
	r := &running{name: name, out: &tailBuffer{listening: make(chan struct{})}, exited: make(chan struct{})}
	r.cmd = h.Cmd(argv[0], argv[1:]...)
	r.cmd.Stdout, r.cmd.Stderr = r.out, r.out
	var pr *os.File
	if tool.PipeRate > 0 {
		var pw *os.File
		var err error
		if pr, pw, err = os.Pipe(); err != nil {
			return nil, err
		}
		r.cmd.Stdout = pw
		defer pw.Close() // the child has its own copy
	}
	t0 := time.Now()
	if err := r.cmd.Start(); err != nil {
		if pr != nil {
			pr.Close()
		}
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	if pr != nil {
		r.piped = make(chan error, 1)
		go func() { r.piped <- slowCopy(file, pr, tool.PipeRate, tool.PipeBurst) }()
	}
	go func() {
		r.waitErr = r.cmd.Wait()
		close(r.exited)
	}()
	select {
	case <-r.out.listening:
		r.startup = time.Since(t0)
		return r, nil
	case <-r.exited:
		return nil, fmt.Errorf("%s exited before listening: %v: %s", name, r.waitErr, r.out.String())
	case <-time.After(60 * time.Second):
		r.kill()
		return nil, fmt.Errorf("%s did not print \"listening on\" within 60 s: %s", name, r.out.String())
	}
}

// kill ends the tool if it still runs.
func (r *running) kill() {
	select {
	case <-r.exited:
	default:
		_ = r.cmd.Process.Kill()
		<-r.exited
	}
}

// stop interrupts the tool and collects its exit: rusage and exit lines.
func (r *running) stop(m *Measurement) error {
	_ = r.cmd.Process.Signal(os.Interrupt)
	select {
	case <-r.exited:
	case <-time.After(60 * time.Second):
		r.kill()
		return fmt.Errorf("%s did not exit within 60 s of SIGINT: %s", r.name, r.out.String())
	}
	if r.piped != nil {
		if err := <-r.piped; err != nil {
			return fmt.Errorf("%s: reading its pipe: %w", r.name, err)
		}
	}
	st := r.cmd.ProcessState
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		m.MaxRSS = ru.Maxrss * 1024
		m.VolSwitches = ru.Nvcsw
	}
	m.User, m.Sys = st.UserTime(), st.SystemTime()
	text := r.out.String()
	m.Stderr = text
	for re, dst := range map[*regexp.Regexp]*int64{reCaptured: &m.Captured, reReceived: &m.ReceivedByFilter, reDropped: &m.DroppedByKernel} {
		if s := re.FindStringSubmatch(text); s != nil {
			*dst, _ = strconv.ParseInt(s[1], 10, 64)
		}
	}
	if !st.Success() {
		return fmt.Errorf("%s: %v: %s", r.name, st, text)
	}
	return nil
}

// slowCopy copies the pipe r into a new file name at no more than rate
// bytes a second, reading burst bytes (0: 64 KiB) at a time and sleeping
// in between: a slow consumer downstream of the capture, such as a
// program decoding every packet.
func slowCopy(name string, r *os.File, rate, burst int) error {
	defer r.Close()
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if burst <= 0 {
		burst = 64 << 10
	}
	buf := make([]byte, burst)
	t0, done := time.Now(), 0
	for {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			if _, werr := f.Write(buf[:n]); werr != nil {
				f.Close()
				return werr
			}
			done += n
			// Sleep until the bytes so far are due at rate.
			if d := time.Duration(float64(done)/float64(rate)*float64(time.Second)) - time.Since(t0); d > 0 {
				time.Sleep(d)
			}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return f.Close()
		}
		if err != nil {
			f.Close()
			return err
		}
	}
}

// irqWork is the count of IRQ-work interrupts CPU cpu has taken
// (/proc/interrupts, line IWI), 0 if it cannot be read.
func irqWork(cpu int) uint64 {
	b, err := os.ReadFile("/proc/interrupts")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) > cpu+1 && f[0] == "IWI:" {
			n, _ := strconv.ParseUint(f[cpu+1], 10, 64)
			return n
		}
	}
	return 0
}

// idleWindow is how long a tool must use no CPU to count as caught up.
// Longer than tcpdump's 1 s buffer timeout: libpcap hands over a
// half-filled TPACKET_V3 block only when that timer fires, and what is
// still in the kernel's ring at SIGINT is never written.
const idleWindow = 1500 * time.Millisecond

// waitIdle waits until pid has used no CPU for idleWindow (it has caught
// up with the traffic), or until limit, and returns when it last used CPU.
func waitIdle(pid int, limit time.Duration) time.Time {
	const poll = 100 * time.Millisecond
	deadline := time.Now().Add(limit)
	last, busy := int64(-1), time.Now()
	for time.Now().Before(deadline) && time.Since(busy) < idleWindow {
		time.Sleep(poll)
		t, err := cpuTicks(pid)
		if err != nil {
			break
		}
		if t != last {
			busy = time.Now()
		}
		last = t
	}
	return busy
}

// cpuTicks is utime + stime of pid (all threads) in clock ticks.
func cpuTicks(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// Fields after the command name, which is in parentheses.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, errors.New("bad /proc stat")
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, errors.New("short /proc stat")
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	return u + s, nil
}

func devStatsIn(h testhost.Host) (DevStats, error) {
	var s DevStats
	err := h.Do(func() error {
		var err error
		s, err = ReadDevStats(h.Dev)
		return err
	})
	return s, err
}

// otherCPUs is the list of CPUs but the first, for taskset; "" on one CPU.
func otherCPUs() string {
	n := runtime.NumCPU()
	switch n {
	case 1:
		return ""
	case 2:
		return "1"
	}
	return fmt.Sprintf("1-%d", n-1)
}

// Runner is a generator: Generator or SYNFlood.
type Runner interface {
	Run(ctx context.Context) (Result, error)
}

// RunOnCPU0 runs g to its end from h's namespace with the sending thread
// pinned to CPU 0 (on more than one CPU), where the receiving end's
// softirq runs too: whatever the receiver does per packet in the kernel
// then lowers the rate g achieves.
func RunOnCPU0(h testhost.Host, g Runner) (Result, error) {
	var res Result
	err := h.Do(func() error {
		restore := pinFirstCPU()
		defer restore()
		var err error
		res, err = g.Run(context.Background())
		return err
	})
	return res, err
}

// pinFirstCPU pins the calling (locked) thread to CPU 0 and returns a
// function that restores its affinity.
func pinFirstCPU() func() { return pinCPUs(0, 0) }

// pinCPUs pins the calling (locked) thread to CPUs first..last and returns
// a function that restores its affinity; nothing on one CPU, or when
// there are no such CPUs.
func pinCPUs(first, last int) func() {
	var old unix.CPUSet
	if runtime.NumCPU() < 2 || last < first || unix.SchedGetaffinity(0, &old) != nil {
		return func() {}
	}
	var set unix.CPUSet
	for c := first; c <= last; c++ {
		set.Set(c)
	}
	if unix.SchedSetaffinity(0, &set) != nil {
		return func() {}
	}
	return func() { _ = unix.SchedSetaffinity(0, &old) }
}

// CountFile counts the records of a pcap or pcapng file, and how many of
// them are distinct frames of the generator run runID with sequence numbers
// below sent.
func CountFile(name string, runID uint32, sent uint64) (records, ours uint64, err error) {
	c, err := CountFileOrder(name, runID, sent)
	return c.Records, c.Ours, err
}

// FileCount is what CountFileOrder found in a file.
type FileCount struct {
	Records, Ours uint64
	// Backwards counts frames of the run that come after a frame of a
	// higher sequence number: frames one CPU received must come in the
	// order it received them.
	Backwards uint64
}

// CountFileOrder is CountFile, and also counts frames out of order.
func CountFileOrder(name string, runID uint32, sent uint64) (c FileCount, err error) {
	f, err := os.Open(name)
	if err != nil {
		return c, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	magic, err := r.Peek(4)
	if err != nil {
		return c, fmt.Errorf("%s: no capture file header: %w", name, err)
	}
	var read func() ([]byte, error)
	if bytes.Equal(magic, []byte{0x0a, 0x0d, 0x0d, 0x0a}) {
		ng, err := pcapgo.NewNgReader(r, pcapgo.DefaultNgReaderOptions)
		if err != nil {
			return c, fmt.Errorf("%s: %w", name, err)
		}
		read = func() ([]byte, error) { d, _, err := ng.ZeroCopyReadPacketData(); return d, err }
	} else {
		pr, err := pcapgo.NewReader(r)
		if err != nil {
			return c, fmt.Errorf("%s: %w", name, err)
		}
		read = func() ([]byte, error) { d, _, err := pr.ZeroCopyReadPacketData(); return d, err }
	}
	seen := make([]uint64, (sent+63)/64)
	var top uint64
	first := true
	for {
		d, err := read()
		if errors.Is(err, io.EOF) {
			return c, nil
		}
		if err != nil {
			return c, fmt.Errorf("%s: record %d: %w", name, c.Records+1, err)
		}
		c.Records++
		if id, seq, ok := Parse(d); ok && id == runID && seq < sent {
			if seen[seq/64]&(1<<(seq%64)) == 0 {
				seen[seq/64] |= 1 << (seq % 64)
				c.Ours++
			}
			if !first && seq < top {
				c.Backwards++
			}
			if first || seq > top {
				top = seq
			}
			first = false
		}
	}
}

// tailBuffer keeps a tool's output (the last 8 KiB) and notices the
// "listening on" line.
type tailBuffer struct {
	mu        sync.Mutex
	b         []byte
	listening chan struct{}
	heard     bool
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if !t.heard && bytes.Contains(t.b, []byte("listening on")) {
		t.heard = true
		close(t.listening)
	}
	if len(t.b) > 8192 {
		t.b = append(t.b[:0], t.b[len(t.b)-8192:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}
