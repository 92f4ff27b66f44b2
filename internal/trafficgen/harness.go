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
	User, Sys     time.Duration
	MaxRSS        int64         // bytes
	Startup       time.Duration // start until "listening on"
	Drain         time.Duration // end of traffic until the tool last used CPU (±0.1 s)
	// The tool's own exit lines; -1 when it printed none.
	Captured, ReceivedByFilter, DroppedByKernel int64
	Stderr                                      string // the tool's last output lines
}

// CPU is the tool's user + system time.
func (m Measurement) CPU() time.Duration { return m.User + m.Sys }

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
		run, err = start(p.A, tool.Name, argv)
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
	err = p.B.Do(func() error {
		restore := pinFirstCPU()
		defer restore()
		var err error
		res, err = g.Run(context.Background())
		return err
	})
	if err != nil {
		return m, err
	}
	m.Sent, m.Rate = res.Sent, res.Rate()
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
	m.Written, m.Ours, err = CountFile(file, gen.RunID, m.Sent)
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
}

// start runs argv in h's namespace and waits until it prints
// "listening on".
func start(h testhost.Host, name string, argv []string) (*running, error) {
	r := &running{name: name, out: &tailBuffer{listening: make(chan struct{})}, exited: make(chan struct{})}
	r.cmd = h.Cmd(argv[0], argv[1:]...)
	r.cmd.Stdout, r.cmd.Stderr = r.out, r.out
	t0 := time.Now()
	if err := r.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
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
	st := r.cmd.ProcessState
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		m.MaxRSS = ru.Maxrss * 1024
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

// pinFirstCPU pins the calling (locked) thread to CPU 0 and returns a
// function that restores its affinity.
func pinFirstCPU() func() {
	var old unix.CPUSet
	if runtime.NumCPU() < 2 || unix.SchedGetaffinity(0, &old) != nil {
		return func() {}
	}
	var one unix.CPUSet
	one.Set(0)
	if unix.SchedSetaffinity(0, &one) != nil {
		return func() {}
	}
	return func() { _ = unix.SchedSetaffinity(0, &old) }
}

// CountFile counts the records of a pcap or pcapng file, and how many of
// them are distinct frames of the generator run runID with sequence numbers
// below sent.
func CountFile(name string, runID uint32, sent uint64) (records, ours uint64, err error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	magic, err := r.Peek(4)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: no capture file header: %w", name, err)
	}
	var read func() ([]byte, error)
	if bytes.Equal(magic, []byte{0x0a, 0x0d, 0x0d, 0x0a}) {
		ng, err := pcapgo.NewNgReader(r, pcapgo.DefaultNgReaderOptions)
		if err != nil {
			return 0, 0, fmt.Errorf("%s: %w", name, err)
		}
		read = func() ([]byte, error) { d, _, err := ng.ZeroCopyReadPacketData(); return d, err }
	} else {
		pr, err := pcapgo.NewReader(r)
		if err != nil {
			return 0, 0, fmt.Errorf("%s: %w", name, err)
		}
		read = func() ([]byte, error) { d, _, err := pr.ZeroCopyReadPacketData(); return d, err }
	}
	seen := make([]uint64, (sent+63)/64)
	for {
		d, err := read()
		if errors.Is(err, io.EOF) {
			return records, ours, nil
		}
		if err != nil {
			return records, ours, fmt.Errorf("%s: record %d: %w", name, records+1, err)
		}
		records++
		if id, seq, ok := Parse(d); ok && id == runID && seq < sent {
			if seen[seq/64]&(1<<(seq%64)) == 0 {
				seen[seq/64] |= 1 << (seq % 64)
				ours++
			}
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
