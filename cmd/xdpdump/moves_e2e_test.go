// An interface that moves to another network namespace, or is deleted,
// while xdpdump stands in front of its program, under a numbered UDP
// stream: the program behind xdpdump never misses a datagram while the
// interface exists (every datagram that arrives anywhere carries its
// rewrite, and a datagram it drops never arrives), a move is reported and
// `--recover` in the new namespace puts the program back (recovery in the
// old one leaves the pins alone), a deletion is reported in one line, and
// no pin is left once nothing references it.
package main

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// stream sends numbered datagrams from B to A's port 5555, one about every
// millisecond, until stopped: byte 0 is 'a' (the firewall rewrites it to
// 'R'), bytes 1..4 the sequence number.
type stream struct {
	stop chan struct{}
	done chan error
	sent atomic.Uint32
}

func startStream(t *testing.T, p *testhost.Pair) *stream {
	t.Helper()
	s := &stream{stop: make(chan struct{}), done: make(chan error, 1)}
	go func() {
		s.done <- p.B.Do(func() error {
			c, err := net.ListenPacket("udp4", ":0")
			if err != nil {
				return err
			}
			defer c.Close()
			dst := &net.UDPAddr{IP: p.A.IP4, Port: 5555}
			b := make([]byte, 64)
			b[0] = 'a'
			for seq := uint32(0); ; seq++ {
				select {
				case <-s.stop:
					return nil
				default:
				}
				binary.BigEndian.PutUint32(b[1:], seq)
				// Errors (no route while the peer is gone) only lose
				// this datagram.
				c.WriteTo(b, dst)
				s.sent.Add(1)
				time.Sleep(time.Millisecond)
			}
		})
	}()
	t.Cleanup(func() { s.finish(t) })
	return s
}

func (s *stream) finish(t *testing.T) uint32 {
	select {
	case <-s.stop:
	default:
		close(s.stop)
		if err := <-s.done; err != nil {
			t.Errorf("stream: %v", err)
		}
	}
	return s.sent.Load()
}

// checkRewritten says whether every datagram of the stream that arrived
// went through the firewall, and how many arrived.
func checkRewritten(t *testing.T, rs ...*udpRecv) (n int, seqs map[uint32]bool) {
	t.Helper()
	seqs = map[uint32]bool{}
	for _, r := range rs {
		for _, g := range r.since(0) {
			if len(g) < 5 {
				continue
			}
			seq := binary.BigEndian.Uint32(g[1:])
			if g[0] != 'R' {
				t.Fatalf("datagram %d arrived without the firewall's rewrite (%q): it bypassed the program", seq, g[0])
			}
			seqs[seq] = true
			n++
		}
	}
	return n, seqs
}

// newNS makes a third namespace, removed when the test ends.
func newNS(t *testing.T) string {
	t.Helper()
	var b [3]byte
	rand.Read(b[:])
	ns := "xdc" + hex.EncodeToString(b[:])
	if out, err := exec.Command("ip", "netns", "add", ns).CombinedOutput(); err != nil {
		t.Fatalf("ip netns add: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("ip", "netns", "delete", ns).Run() })
	return ns
}

// moveTo moves A's device into ns and configures it there as in A; it
// returns the host A is then.
func moveTo(t *testing.T, p *testhost.Pair, ns string) *testhost.Host {
	t.Helper()
	p.MustRun(&p.A, "ip", "link", "set", p.A.Dev, "netns", ns)
	c := &testhost.Host{NS: ns, Dev: p.A.Dev, IP4: p.A.IP4, MAC: p.A.MAC}
	p.MustRun(c, "ip", "addr", "add", p.A.IP4.String()+"/24", "dev", c.Dev)
	p.MustRun(c, "ip", "link", "set", c.Dev, "up")
	err := c.Do(func() error {
		ifc, err := net.InterfaceByName(c.Dev)
		if err == nil {
			c.Ifindex = ifc.Index
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMoveDuringCapture(t *testing.T) {
	t.Parallel()
	for _, how := range []string{"netlink", "link"} {
		t.Run(how, func(t *testing.T) {
			t.Parallel()
			moveDuringCapture(t, how)
		})
	}
}

func moveDuringCapture(t *testing.T, how string) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	p.Resolve()
	ns := newNS(t)
	var id0 ebpf.ProgramID
	if how == "link" {
		id0, _ = linkLoaded(t, p, ebpf.AttachXDP)
	} else {
		p.MustRun(&p.A, "ip", "link", "set", "dev", p.A.Dev, "xdpdrv", "obj", progsObj(t, "fw"), "sec", "xdp")
		id0 = hookID(t, p)
	}
	h0 := hookInfo(t, &p.A)
	vm := progMap(t, id0, "verdicts")
	rxA := listenUDP(t, &p.A, 5555)
	cHost := &testhost.Host{NS: ns}
	rxC, rxC9 := listenUDP(t, cHost, 5555), listenUDP(t, cHost, 9)

	s := startStream(t, p)
	file := filepath.Join(t.TempDir(), "m.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", file, "udp")
	waitFor(10*time.Second, func() bool { return rxA.n() > 200 })
	c := moveTo(t, p, ns)

	// xdpdump sees the move and says so. A bpf_link is global: xdpdump
	// puts the original back on it at once. Over netlink it cannot reach
	// the new namespace: its program stays in front, with the pins.
	stderr, code := x.wait(t)
	t.Logf("xdpdump said:\n%s", stderr)
	want := "stays on the interface in its new namespace"
	if how == "link" {
		want = fmt.Sprintf("put back prog %d (fw_xdp) on bpf_link %d, on the interface in its new namespace", id0, h0.link)
	}
	if code != 1 || !strings.Contains(stderr, "moved to another network namespace") || !strings.Contains(stderr, want) || strings.Contains(stderr, "changed by someone else") {
		t.Fatalf("after the move: exit %d, want it to say %q", code, want)
	}
	if n := matching(t, file, "udp dst port 5555"); n == 0 {
		t.Fatalf("the capture before the move holds nothing")
	}
	// Recovery in the old namespace (of any interface) must leave the
	// pins that keep the firewall in the chain.
	if out, err := p.A.Run(binPath, "--recover", "-i", "lo"); err != nil {
		t.Fatalf("--recover -i lo in the old namespace: %v\n%s", err, out)
	}
	if pins := pinsOfPIDs(x.pid()); how == "netlink" && len(pins) == 0 {
		t.Fatalf("the pins of the moved chain are gone")
	}
	waitFor(10*time.Second, func() bool { return rxC.n() > 200 })
	if h := hookInfo(t, c); how == "netlink" && (h.id == int(id0) || h.id == 0) {
		t.Fatalf("in the new namespace the hook holds %s, want xdpdump's program in front of %d", h, id0)
	}
	if how == "netlink" {
		// Listed there as the xdpdump (gone) in front of the firewall.
		out, err := c.Run(binPath, "chain", "-i", c.Dev)
		if err != nil || !strings.Contains(out, "xdpdump  prog") || !strings.Contains(out, "pid "+strconv.Itoa(x.pid())) ||
			!strings.Contains(out, fmt.Sprintf("original prog %d", id0)) {
			t.Fatalf("chain -i in the new namespace: %v\n%s", err, out)
		}
		if out, err := c.Run(binPath, "-D"); err != nil || !strings.Contains(out, "xdpdump in front") {
			t.Fatalf("-D in the new namespace: %v\n%s", err, out)
		}
	}
	// The firewall still drops, behind xdpdump's program or on its own.
	d0 := counter(t, vm, 1)
	sendUDP(t, p, 9, 20, 64)
	waitFor(5*time.Second, func() bool { return counter(t, vm, 1)-d0 >= 20 })
	if d := counter(t, vm, 1) - d0; d != 20 || rxC9.n() != 0 {
		t.Fatalf("after the move the firewall dropped %d of 20 datagrams to port 9, %d got through", d, rxC9.n())
	}

	// --recover where the interface is now.
	out, err := c.Run(binPath, "--recover", "-i", c.Dev)
	t.Logf("--recover said:\n%s", out)
	switch {
	case err != nil:
		t.Fatalf("--recover in the new namespace: %v", err)
	case how == "netlink" && !strings.Contains(out, "found leftovers of xdpdump pid "+strconv.Itoa(x.pid())):
		t.Fatalf("--recover in the new namespace did not find the leftovers")
	case how == "link" && !strings.Contains(out, "nothing to recover"):
		t.Fatalf("--recover in the new namespace found something to do after xdpdump put the original back")
	}
	if h := hookInfo(t, c); h.id != int(id0) || h.mode != h0.mode || h.link != h0.link {
		t.Fatalf("after --recover the hook holds %s, want %s", h, h0)
	}
	if pins := pinsOfPIDs(x.pid()); len(pins) > 0 {
		t.Fatalf("pins left after --recover: %v", pins)
	}
	n0 := rxC.n()
	waitFor(10*time.Second, func() bool { return rxC.n() > n0+100 })
	sent := s.finish(t)
	n, seqs := checkRewritten(t, rxA, rxC)
	t.Logf("%d datagrams sent, %d arrived, every one through the firewall; %d lost while the interface was down between the namespaces", sent, n, int(sent)-len(seqs))
}

func TestMoveAfterKill(t *testing.T) {
	t.Parallel()
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	p.Resolve()
	ns := newNS(t)
	id0, _ := linkLoaded(t, p, ebpf.AttachXDP)
	h0 := hookInfo(t, &p.A)
	if h0.link == 0 || h0.id != int(id0) {
		t.Fatalf("the loader's program %d is not on a bpf_link: %s", id0, h0)
	}
	vm := progMap(t, id0, "verdicts")
	rxA := listenUDP(t, &p.A, 5555)
	cHost := &testhost.Host{NS: ns}
	rxC, rxC9 := listenUDP(t, cHost, 5555), listenUDP(t, cHost, 9)
	s := startStream(t, p)

	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "k.pcapng"))
	waitFor(10*time.Second, func() bool { return rxA.n() > 100 })
	x.stop(t, syscall.SIGKILL)
	c := moveTo(t, p, ns)
	// A new xdpdump in the old namespace recovers before it starts: the
	// dead one's pins must stay, its program runs elsewhere.
	y := start(t, &p.A, nil, "-i", "lo", "-w", filepath.Join(t.TempDir(), "lo.pcapng"))
	if _, code := y.stop(t, syscall.SIGINT); code != 0 {
		t.Fatalf("xdpdump on lo: exit %d:\n%s", code, y.stderr.String())
	}
	if pins := pinsOfPIDs(x.pid()); len(pins) == 0 {
		t.Fatalf("recovery in the old namespace removed the pins of a chain that still runs:\n%s", y.stderr.String())
	}
	waitFor(10*time.Second, func() bool { return rxC.n() > 100 })
	d0 := counter(t, vm, 1)
	sendUDP(t, p, 9, 20, 64)
	waitFor(5*time.Second, func() bool { return counter(t, vm, 1)-d0 >= 20 })
	if d := counter(t, vm, 1) - d0; d != 20 || rxC9.n() != 0 {
		t.Fatalf("after the move the firewall dropped %d of 20 datagrams to port 9, %d got through", d, rxC9.n())
	}
	out, err := c.Run(binPath, "--recover", "-i", c.Dev)
	if err != nil || !strings.Contains(out, "found leftovers of xdpdump pid "+strconv.Itoa(x.pid())) {
		t.Fatalf("--recover in the new namespace: %v\n%s", err, out)
	}
	if h := hookInfo(t, c); h.id != h0.id || h.link != h0.link || h.mode != h0.mode {
		t.Fatalf("after --recover the hook holds %s, want %s", h, h0)
	}
	if pins := pinsOfPIDs(x.pid(), y.pid()); len(pins) > 0 {
		t.Fatalf("pins left after --recover: %v", pins)
	}
	sent := s.finish(t)
	n, _ := checkRewritten(t, rxA, rxC)
	t.Logf("%d datagrams sent, %d arrived, every one through the firewall", sent, n)
}

func TestDeleteDuringCapture(t *testing.T) {
	t.Parallel()
	for _, how := range []string{"netlink", "link"} {
		t.Run(how, func(t *testing.T) {
			t.Parallel()
			p := testhost.New(t, testhost.Options{NoOffloads: true})
			p.Resolve()
			var id0 ebpf.ProgramID
			if how == "link" {
				id0, _ = linkLoaded(t, p, ebpf.AttachXDP)
			} else {
				p.MustRun(&p.A, "ip", "link", "set", "dev", p.A.Dev, "xdpdrv", "obj", progsObj(t, "fw"), "sec", "xdp")
				id0 = hookID(t, p)
			}
			vm := progMap(t, id0, "verdicts")
			rx := listenUDP(t, &p.A, 5555)
			s := startStream(t, p)
			x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "d.pcapng"), "udp")
			waitFor(10*time.Second, func() bool { return rx.n() > 200 })
			p.MustRun(&p.A, "ip", "link", "del", p.A.Dev)
			stderr, code := x.wait(t)
			line := "the interface was deleted while xdpdump ran; its pins are removed"
			if code != 1 || strings.Count(stderr, line) != 1 || strings.Contains(stderr, "changed by someone else") {
				t.Fatalf("after the deletion: exit %d:\n%s", code, stderr)
			}
			// One line about it: nothing else after the exit counts.
			var after []string
			for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
				if !strings.Contains(l, "listening on") && !strings.Contains(l, "XDP in front") && !strings.Contains(l, "TC egress through") && !strings.HasSuffix(l, "captured") &&
					!strings.HasSuffix(l, "received by filter") && !strings.HasSuffix(l, "dropped by kernel") {
					after = append(after, l)
				}
			}
			if len(after) != 1 {
				t.Fatalf("want one line about the deletion, xdpdump said:\n%s", stderr)
			}
			if pins := pinsOfPIDs(x.pid()); len(pins) > 0 {
				t.Fatalf("pins left after the deletion: %v", pins)
			}
			s.finish(t)
			n, _ := checkRewritten(t, rx)
			if c := counter(t, vm, 2); c < uint64(n) {
				t.Fatalf("the firewall rewrote %d datagrams, %d arrived rewritten", c, n)
			}
			t.Logf("%d datagrams arrived before the deletion, every one through the firewall", n)
		})
	}
}

// An xdpdump killed on an interface that is then deleted leaves pins that
// reference nothing any more: the next recovery anywhere removes them.
func TestDeleteAfterKill(t *testing.T) {
	t.Parallel()
	p := testhost.New(t, testhost.Options{})
	p.MustRun(&p.A, "ip", "link", "set", "dev", p.A.Dev, "xdpdrv", "obj", progsObj(t, "fw"), "sec", "xdp")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "d.pcapng"))
	x.stop(t, syscall.SIGKILL)
	if pins := pinsOfPIDs(x.pid()); len(pins) == 0 {
		t.Fatal("the killed xdpdump left no pins to begin with")
	}
	p.MustRun(&p.A, "ip", "link", "del", p.A.Dev)
	// Any recovery may remove them now (another test's too).
	out, err := p.A.Run(binPath, "--recover", "-i", "lo")
	if err != nil {
		t.Fatalf("--recover: %v\n%s", err, out)
	}
	if pins := pinsOfPIDs(x.pid()); len(pins) > 0 {
		t.Fatalf("pins left of a chain whose interface is gone: %v\n%s", pins, out)
	}
	t.Logf("--recover -i lo said:\n%s", out)
}
