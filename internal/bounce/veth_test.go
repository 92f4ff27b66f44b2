package bounce

import (
	"bytes"
	"errors"
	"net"
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

// connectAll connects from B to every port on addr, with Go's dialer and
// with nc -z, and fails the test for each that does not connect.
func connectAll(t *testing.T, b testhost.Host, addr net.IP, ports []int, nc int) {
	t.Helper()
	failed := 0
	for i, port := range ports {
		if failed >= 3 {
			t.Fatalf("giving up after %d failed connections", failed)
		}
		if i < nc {
			if out, err := b.Run("nc", "-z", "-w", "2", addr.String(), strconv.Itoa(port)); err != nil {
				t.Errorf("nc -z %s %d: %v %s", addr, port, err, out)
				failed++
			}
			continue
		}
		if err := dial(b, addr, port); err != nil {
			t.Errorf("connecting to %s port %d: %v", addr, port, err)
			failed++
		}
	}
}

// TestConnect: with nothing listening in A, real clients in B connect to
// 60 random ports over IPv4 and over IPv6; A's kernel never sees a TCP
// segment (so never sends a RST); tshark and tcpdump, reading what B
// received, find every SYN-ACK's checksums good.
func TestConnect(t *testing.T) {
	p := testhost.New(t, testhost.Options{}) // offloads on: B's SYNs carry partial checksums
	testkit.PassXDP(t, p.B)
	b := load(t, Config{PartialChecksums: true}) // a veth: B's SYNs carry partial checksums
	testkit.AttachXDP(t, p.A, b.Program())
	dump := startTcpdump(t, p.B, p.B.Dev, "tcp")
	before := snmpTCP(t, p.A)

	const n, nc = 60, 10
	connectAll(t, p.B, p.A.IP4, randomPorts(n, 1), nc)
	connectAll(t, p.B, p.A.IP6, randomPorts(n, 2), nc)

	time.Sleep(500 * time.Millisecond) // FINs of the closed connections
	after := snmpTCP(t, p.A)
	for _, k := range []string{"OutRsts", "InSegs", "OutSegs"} {
		if after[k] != before[k] {
			t.Errorf("A's kernel Tcp %s went from %d to %d: it saw the bounced connections", k, before[k], after[k])
		}
	}
	st := mustStats(t, b)
	if st.Answered < 2*n || st.AcksDropped < 2*n || st.OthersDropped < 2*n {
		t.Errorf("stats %s after %d connections", describe(st), 2*n)
	}
	dump.stop()

	synacks := tshark(t, dump.file, "tcp.flags.syn==1 && tcp.flags.ack==1", "tcp.checksum.status", "ip.checksum.status", "ip.src", "ipv6.src")
	if len(synacks) < 2*n || uint64(len(synacks)) != st.Answered {
		t.Errorf("B received %d SYN-ACKs, the stage sent %d (want >= %d)", len(synacks), st.Answered, 2*n)
	}
	good, v6 := 0, 0
	for _, l := range synacks {
		f := strings.Split(l, "\t")
		if len(f) < 4 {
			t.Fatalf("tshark line %q", l)
		}
		// tshark's checksum status: 0 bad, 1 good, 2 unverified.
		tcpGood := f[0] == "1"
		ipGood := f[1] == "1" || (f[1] == "" && f[3] != "")
		if tcpGood && ipGood {
			good++
		} else {
			t.Errorf("SYN-ACK with checksum status tcp=%q ip=%q: %q", f[0], f[1], l)
		}
		if f[3] != "" {
			v6++
		}
	}
	if good != len(synacks) || v6 < n || len(synacks)-v6 < n {
		t.Errorf("%d of %d SYN-ACKs with good checksums, %d over IPv6", good, len(synacks), v6)
	}
	if bad := tshark(t, dump.file, `tcp.flags.syn==1 && tcp.flags.ack==1 && (tcp.checksum.status == "Bad" || ip.checksum.status == "Bad")`, "frame.number"); len(bad) != 0 {
		t.Errorf("tshark finds bad checksums: %v", bad)
	}
	if rst := tshark(t, dump.file, "tcp.flags.reset==1", "frame.number"); len(rst) != 0 {
		t.Errorf("B saw RSTs: %v", rst)
	}
	if c := tcpdumpCount(t, dump.file, "tcp[tcpflags] & (tcp-syn|tcp-ack) == (tcp-syn|tcp-ack)"); c < n {
		t.Errorf("tcpdump reads %d IPv4 SYN-ACKs, want >= %d", c, n)
	}
}

// TestFilterHosts: with --bounce-filter 'dst port 80' only port 80
// connects; other ports are the kernel's (refused, or served by a real
// listener, whose connection works end to end through the stage).
func TestFilterHosts(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	testkit.PassXDP(t, p.B)
	b := load(t, Config{Filter: "dst port 80", PartialChecksums: true})
	testkit.AttachXDP(t, p.A, b.Program())

	testkit.Serve(testkit.Listen(t, p.A, "tcp", ":7777"), func(c net.Conn) {
		defer c.Close()
		buf := make([]byte, 64)
		n, _ := c.Read(buf)
		c.Write(bytes.ToUpper(buf[:n]))
	})

	for _, addr := range []net.IP{p.A.IP4, p.A.IP6} {
		if err := dial(p.B, addr, 80); err != nil {
			t.Errorf("%s port 80: %v", addr, err)
		}
		for _, port := range []int{81, 443, 8080} {
			err := dial(p.B, addr, port)
			if !errors.Is(err, syscall.ECONNREFUSED) {
				t.Errorf("%s port %d: %v, want connection refused by A's kernel", addr, port, err)
			}
		}
		err := p.B.Do(func() error {
			c, err := net.DialTimeout("tcp", net.JoinHostPort(addr.String(), "7777"), 5*time.Second)
			if err != nil {
				return err
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(10 * time.Second))
			if _, err := c.Write([]byte("ping")); err != nil {
				return err
			}
			buf := make([]byte, 4)
			if _, err := c.Read(buf); err != nil {
				return err
			}
			if string(buf) != "PING" {
				return errors.New("echo got " + string(buf))
			}
			return nil
		})
		if err != nil {
			t.Errorf("real connection to %s port 7777: %v", addr, err)
		}
	}
	if st := mustStats(t, b); st.Answered != 2 {
		t.Errorf("stats %s: want exactly the 2 SYNs to port 80 answered", describe(st))
	}
}

// TestVLAN: SYNs behind an 802.1Q tag, and behind 802.1ad + 802.1Q, sent
// raw from B (this kernel has no VLAN devices), are answered on the same
// VLANs with good checksums, and A's kernel never sees them.
func TestVLAN(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true}) // tags stay in the frame
	testkit.PassXDP(t, p.B)
	b := load(t, Config{Frags: true, PartialChecksums: true})
	testkit.AttachXDP(t, p.A, b.Program())
	dump := startTcpdump(t, p.B, p.B.Dev, "")
	before := snmpTCP(t, p.A)
	tx := packetSocket(t, p.B)

	const n = 5
	for _, v6 := range []bool{false, true} {
		for _, tags := range [][]uint16{{10}, {20, 10}} {
			for i := 0; i < n; i++ {
				s := syn(v6, uint16(41000+i), uint16(1000+i))
				s.vlans = tags
				if _, err := unix.Write(tx, withMACs(s.frame(t), p.B.MAC, p.A.MAC)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for mustStats(t, b).Answered < 4*n && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	dump.stop()
	if after := snmpTCP(t, p.A); after["InSegs"] != before["InSegs"] || after["OutRsts"] != before["OutRsts"] {
		t.Errorf("A's kernel saw TCP: %v -> %v", before, after)
	}
	if st := mustStats(t, b); st.Answered != 4*n {
		t.Errorf("stats %s, want %d answered", describe(st), 4*n)
	}
	const fields = "tcp.flags.syn==1 && tcp.flags.ack==1 && tcp.ack_raw==305419897"
	single := tshark(t, dump.file, fields+" && vlan.id==10 && !ieee8021ad", "tcp.checksum.status", "vlan.etype")
	double := tshark(t, dump.file, fields+" && ieee8021ad.id==20 && vlan.id==10", "tcp.checksum.status", "eth.type")
	if len(single) != 2*n || len(double) != 2*n {
		out, _ := p.A.Run("ethtool", "-S", p.A.Dev)
		out2, _ := p.B.Run("ethtool", "-S", p.B.Dev)
		t.Logf("%s\n%s\n%s", out, out2, dump.errb.String())
		t.Errorf("%d single-tagged and %d double-tagged SYN-ACKs, want %d each", len(single), len(double), 2*n)
	}
	for _, l := range single {
		if !strings.HasPrefix(l, "1\t") {
			t.Errorf("single-tagged SYN-ACK: checksum status, inner type %q", l)
		}
	}
	for _, l := range double {
		if l != "1\t0x88a8" {
			t.Errorf("double-tagged SYN-ACK: checksum status, outer type %q (want 1, 802.1ad)", l)
		}
	}
}

// TestChain: behind the stage, the program that was there before (slot
// next_slot of the chain) sees every packet the stage passes on: pings,
// and malformed SYNs sent raw from B, which are not answered.
func TestChain(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	testkit.PassXDP(t, p.B)
	chain, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.ProgramArray, KeySize: 4, ValueSize: 4, MaxEntries: 8})
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	counter, count := counterProg(t, false)
	if err := chain.Update(uint32(5), counter, ebpf.UpdateAny); err != nil {
		t.Fatal(err)
	}
	b := load(t, Config{Chain: chain, NextSlot: 5, PartialChecksums: true})
	testkit.AttachXDP(t, p.A, b.Program())

	p.MustRun(&p.B, "ping", "-c", "3", "-i", "0.2", "-W", "5", p.A.IP4.String())
	p.MustRun(&p.B, "ping", "-c", "3", "-i", "0.2", "-W", "5", p.A.IP6.String())
	if c := readCounter(t, count); c < 6 {
		t.Errorf("the program behind the stage counted %d packets after 6 pings", c)
	}

	tx := packetSocket(t, p.B)
	rx := packetSocket(t, p.B)
	bad := malformed(t)
	st0 := mustStats(t, b)
	c0 := readCounter(t, count)
	got := make(chan int, 1)
	go func() {
		n, _ := synAcksFrom(rx, p.A.MAC, 2*time.Second)
		got <- n
	}()
	time.Sleep(100 * time.Millisecond)
	for _, f := range bad {
		if _, err := unix.Write(tx, withMACs(f.frame, p.B.MAC, p.A.MAC)); err != nil {
			t.Fatalf("sending %s: %v", f.name, err)
		}
	}
	if n := <-got; n != 0 {
		t.Errorf("%d SYN-ACKs came back for malformed SYNs", n)
	}
	// Everything the stage passed on reached the program behind it.
	var st Stats
	var c uint64
	for i := 0; i < 20; i++ {
		st = mustStats(t, b)
		c = readCounter(t, count)
		if c-c0 == st.Passed-st0.Passed {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if st.Answered != st0.Answered {
		t.Errorf("malformed SYNs answered: %s", describe(st))
	}
	if st.Passed-st0.Passed < uint64(len(bad)) || c-c0 != st.Passed-st0.Passed {
		t.Errorf("%d malformed frames sent: stage passed %d, program behind counted %d", len(bad), st.Passed-st0.Passed, c-c0)
	}

	// And a good SYN sent the same way is answered (the test can see one).
	go func() {
		n, _ := synAcksFrom(rx, p.A.MAC, 2*time.Second)
		got <- n
	}()
	time.Sleep(100 * time.Millisecond)
	s := syn(false, 40404, 80)
	if _, err := unix.Write(tx, withMACs(s.frame(t), p.B.MAC, p.A.MAC)); err != nil {
		t.Fatal(err)
	}
	if n := <-got; n != 1 {
		t.Errorf("%d SYN-ACKs for one good raw SYN", n)
	}
}
