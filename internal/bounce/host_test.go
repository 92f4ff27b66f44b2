package bounce

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

// snmpTCP reads the Tcp line of /proc/net/snmp in h's namespace.
func snmpTCP(t testing.TB, h testhost.Host) map[string]uint64 {
	t.Helper()
	out, err := h.Run("cat", "/proc/net/snmp")
	if err != nil {
		t.Fatal(err)
	}
	var names, vals []string
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "Tcp: ") {
			continue
		}
		if names == nil {
			names = strings.Fields(line)[1:]
		} else {
			vals = strings.Fields(line)[1:]
		}
	}
	if len(names) == 0 || len(names) != len(vals) {
		t.Fatalf("no Tcp counters in /proc/net/snmp:\n%s", out)
	}
	m := map[string]uint64{}
	for i, n := range names {
		v, _ := strconv.ParseInt(vals[i], 10, 64)
		m[n] = uint64(v)
	}
	return m
}

// tcpdump captures on h's device into a file until stop is called.
type tcpdump struct {
	cmd  *exec.Cmd
	file string
	errb bytes.Buffer
}

func startTcpdump(t testing.TB, h testhost.Host, dev, expr string) *tcpdump {
	t.Helper()
	d := &tcpdump{file: filepath.Join(t.TempDir(), "cap.pcap")}
	d.cmd = h.Cmd("tcpdump", "-i", dev, "-nn", "-U", "--immediate-mode", "-s", "512", "-B", "8192", "-w", d.file, expr)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	d.cmd.Stderr = pw
	if err := d.cmd.Start(); err != nil {
		t.Fatalf("tcpdump: %v", err)
	}
	pw.Close()
	t.Cleanup(func() { d.stop() })
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(pr)
		once := false
		for sc.Scan() {
			d.errb.WriteString(sc.Text() + "\n")
			if !once && strings.Contains(sc.Text(), "listening on") {
				once = true
				close(ready)
			}
		}
		if !once {
			close(ready)
		}
	}()
	select {
	case <-ready:
	case <-time.After(30 * time.Second):
		t.Fatal("tcpdump did not start")
	}
	return d
}

func (d *tcpdump) stop() {
	if d.cmd.Process == nil || d.cmd.ProcessState != nil {
		return
	}
	d.cmd.Process.Signal(syscall.SIGINT)
	done := make(chan struct{})
	go func() { d.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		d.cmd.Process.Kill()
		<-done
	}
}

// tshark runs tshark on file with checksum validation on and returns one
// line per matching packet.
func tshark(t testing.TB, file, display string, fields ...string) []string {
	t.Helper()
	args := []string{"-n", "-r", file, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-Y", display, "-T", "fields"}
	for _, f := range fields {
		args = append(args, "-e", f)
	}
	out, err := exec.Command("tshark", args...).Output()
	if err != nil {
		t.Fatalf("tshark %v: %v", args, err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// tcpdumpCount counts the packets of file that tcpdump matches with expr.
func tcpdumpCount(t testing.TB, file, expr string) int {
	t.Helper()
	out, err := exec.Command("tcpdump", "-nn", "-r", file, expr).Output()
	if err != nil {
		t.Fatalf("tcpdump -r: %v", err)
	}
	s := strings.TrimSpace(string(out))
	if s == "" {
		return 0
	}
	return len(strings.Split(s, "\n"))
}

// dial connects from h to addr:port and closes the connection.
func dial(h testhost.Host, addr net.IP, port int) error {
	return h.Do(func() error {
		c, err := net.DialTimeout("tcp", net.JoinHostPort(addr.String(), strconv.Itoa(port)), 5*time.Second)
		if err != nil {
			return err
		}
		return c.Close()
	})
}

// randomPorts returns n distinct ports in 1..65535.
func randomPorts(n int, seed int64) []int {
	seen := map[int]bool{}
	var ports []int
	x := uint64(seed)*0x9e3779b97f4a7c15 + 1
	for len(ports) < n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		p := int(x%65535) + 1
		if !seen[p] {
			seen[p] = true
			ports = append(ports, p)
		}
	}
	return ports
}

// counterProg is a stand-in for the program that was attached before
// (testkit's counter): it counts every packet in slot 0 of its map and
// passes it.
func counterProg(t testing.TB, frags bool) (*ebpf.Program, *ebpf.Map) {
	c := testkit.NewCounter(t, testkit.CounterOptions{Name: "count_all", Frags: frags})
	return c.Prog, c.Map
}

func readCounter(t testing.TB, m *ebpf.Map) uint64 {
	t.Helper()
	var v uint64
	if err := m.Lookup(uint32(0), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// packetSocket is an AF_PACKET socket bound to h's device.
func packetSocket(t testing.TB, h testhost.Host) int {
	t.Helper()
	var fd int
	err := h.Do(func() error {
		var err error
		fd, err = unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, int(htons(unix.ETH_P_ALL)))
		if err != nil {
			return err
		}
		return unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: h.Ifindex})
	})
	if err != nil {
		t.Fatalf("packet socket in %s: %v", h.NS, err)
	}
	t.Cleanup(func() { unix.Close(fd) })
	return fd
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

// withMACs returns a copy of frame with its MAC addresses set to the
// hosts' (from src to dst).
func withMACs(frame []byte, src, dst net.HardwareAddr) []byte {
	f := append([]byte(nil), frame...)
	copy(f[0:6], dst)
	copy(f[6:12], src)
	return f
}

// synAcksFrom reads fd for d and returns the TCP SYN-ACKs (IPv4 or IPv6,
// VLAN tags skipped) whose source MAC is mac.
func synAcksFrom(fd int, mac net.HardwareAddr, d time.Duration) (int, error) {
	tv := unix.NsecToTimeval((100 * time.Millisecond).Nanoseconds())
	if err := unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
		return 0, err
	}
	buf := make([]byte, 65536)
	n := 0
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		k, _, err := unix.Recvfrom(fd, buf, 0)
		if err == unix.EAGAIN || err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, err
		}
		if isSynAck(buf[:k], mac) {
			n++
		}
	}
	return n, nil
}

func isSynAck(f []byte, mac net.HardwareAddr) bool {
	if len(f) < 14 || !bytes.Equal(f[6:12], mac) {
		return false
	}
	off := 12
	et := uint16(f[off])<<8 | uint16(f[off+1])
	for (et == 0x8100 || et == 0x88a8) && len(f) >= off+6 {
		off += 4
		et = uint16(f[off])<<8 | uint16(f[off+1])
	}
	off += 2
	var l4 int
	switch et {
	case 0x0800:
		if len(f) < off+20 || f[off+9] != 6 {
			return false
		}
		l4 = off + int(f[off]&0xf)*4
	case 0x86dd:
		if len(f) < off+40 || f[off+6] != 6 {
			return false
		}
		l4 = off + 40
	default:
		return false
	}
	return len(f) >= l4+14 && f[l4+13]&0x17 == 0x12
}

func mustStats(t testing.TB, b *Bounce) Stats {
	t.Helper()
	s, err := b.Stats()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func describe(s Stats) string { return fmt.Sprintf("%+v", s) }
