package main

import (
	"fmt"
	"math/rand"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

// dialAll connects from B to every port of A's addr; it returns how many
// handshakes completed.
func dialAll(t *testing.T, p *testhost.Pair, ip net.IP, ports []int) int {
	t.Helper()
	ok := 0
	err := p.B.Do(func() error {
		for _, port := range ports {
			c, err := net.DialTimeout("tcp", net.JoinHostPort(ip.String(), fmt.Sprint(port)), 2*time.Second)
			if err == nil {
				ok++
				c.Close()
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func randomPorts(n int) []int {
	seen := map[int]bool{}
	var ports []int
	for len(ports) < n {
		p := 1 + rand.Intn(65000)
		if !seen[p] {
			seen[p] = true
			ports = append(ports, p)
		}
	}
	return ports
}

func TestBounceCLI(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	testkit.PassXDP(t, p.B)
	warmARP(t, p)
	p.MustRun(&p.B, "ping", "-6", "-c", "1", "-W", "2", p.A.IP6.String())
	file := filepath.Join(t.TempDir(), "bounce.pcapng")
	x := start(t, &p.A, nil, "--bounce", "-i", p.A.Dev, "-w", file, "tcp")
	ports := randomPorts(30)
	n4 := dialAll(t, p, p.A.IP4, ports)
	n6 := dialAll(t, p, p.A.IP6, ports[:20])
	time.Sleep(200 * time.Millisecond)
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if n4 != 30 || n6 != 20 {
		t.Fatalf("with no socket listening, %d/30 IPv4 and %d/20 IPv6 connections completed", n4, n6)
	}
	if !strings.Contains(stderr, "50 SYNs answered with SYN-ACK") {
		t.Fatalf("exit counters:\n%s", stderr)
	}
	// The answers are packets the file holds: tcpdump's "received by
	// filter" counts them too, never fewer than "captured".
	if captured, received, dropped := summary(t, stderr); captured < 100 || received != captured || dropped != 0 {
		t.Fatalf("summary: %d captured, %d received by filter, %d dropped; want at least the 100 SYNs and SYN-ACKs, all received, none dropped:\n%s", captured, received, dropped, stderr)
	}
	// The file shows each SYN inbound and each SYN-ACK outbound with the
	// XDP_TX verdict, all checksums valid by tshark's own checks.
	out, err := exec.Command("tshark", "-r", file, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
		"-Y", "tcp.flags.syn==1", "-T", "fields", "-E", "separator=,",
		"-e", "tcp.flags.ack", "-e", "frame.packet_flags_direction", "-e", "frame.verdict.ebpf_xdp",
		"-e", "tcp.checksum.status", "-e", "ip.checksum.status").Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	syn, synack := 0, 0
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(l, ",")
		switch {
		case f[0] == "0" && f[1] == "0x00000001":
			syn++
		case f[0] == "1" && f[1] == "0x00000002" && f[2] == "3":
			synack++
			if f[3] != "1" || (f[4] != "" && f[4] != "1") { // 1 = Good (0 Bad, 2 Unverified)
				t.Fatalf("SYN-ACK with a bad checksum: %s", l)
			}
		default:
			t.Fatalf("unexpected SYN record: %s", l)
		}
	}
	if syn != 50 || synack != 50 {
		t.Fatalf("file holds %d SYNs in and %d SYN-ACKs out, want 50 each", syn, synack)
	}
	if s := xdpState(t, &p.A); s != "none" {
		t.Fatalf("XDP hook not left as found: %s", s)
	}
}

func TestBounceOnlyCounts(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	testkit.PassXDP(t, p.B)
	warmARP(t, p)
	x := start(t, &p.A, nil, "--bounce", "--bounce-filter", "dst port 80", "-i", p.A.Dev)
	if !strings.Contains(x.stderr.String(), "bouncing on") {
		t.Fatalf("start-up:\n%s", x.stderr.String())
	}
	n80 := dialAll(t, p, p.A.IP4, []int{80, 80, 80})
	nOther := dialAll(t, p, p.A.IP4, []int{81, 443})
	stderr, code := x.stop(t, 0)
	if code != 0 || n80 != 3 || nOther != 0 {
		t.Fatalf("exit %d; port 80 connected %d/3, others %d/0:\n%s", code, n80, nOther, stderr)
	}
	if !strings.Contains(stderr, "3 SYNs answered with SYN-ACK") || strings.Contains(stderr, "packets captured") {
		t.Fatalf("counters:\n%s", stderr)
	}
}

func TestBounceFlagsAlone(t *testing.T) {
	out, err := exec.Command(binPath, "-i", "lo", "--bounce-rate", "5").CombinedOutput()
	if err == nil || !strings.HasPrefix(string(out), "xdpdump: --bounce-filter and --bounce-rate go with --bounce") {
		t.Fatalf("--bounce-rate without --bounce: %v %q", err, out)
	}
}

// TestBouncePeerNote: on a veth whose peer runs no XDP program, --bounce
// says at start, in one line, that its answers will not arrive; once the
// peer runs one, it does not, and a real client's handshake completes.
func TestBouncePeerNote(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	note := "xdpdump: " + p.A.Dev + ": warning: its veth peer " + p.B.Dev + " runs no XDP program"
	x := start(t, &p.A, nil, "-i", p.A.Dev, "--bounce")
	stderr, code := x.stop(t, 0)
	if code != 0 || strings.Count(stderr, note) != 1 {
		t.Fatalf("exit %d, want one line starting %q:\n%s", code, note, stderr)
	}
	testkit.PassXDP(t, p.B)
	x = start(t, &p.A, nil, "-i", p.A.Dev, "--bounce")
	if n := dialAll(t, p, p.A.IP4, []int{4242}); n != 1 {
		t.Fatalf("%d of 1 handshakes", n)
	}
	stderr, code = x.stop(t, 0)
	if code != 0 || strings.Contains(stderr, "warning") || !strings.Contains(stderr, "1 SYN answered with SYN-ACK") {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
}
