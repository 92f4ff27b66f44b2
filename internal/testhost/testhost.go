// Package testhost builds the hosts that xdpdump's tests send real traffic
// between: two network namespaces joined by a veth pair, with names unique
// to the test, removed when the test ends (also when it fails).
//
// Traffic in tests only ever goes between the two ends of such a pair.
package testhost

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// Host is one end of a Pair: a namespace with one veth device in it.
type Host struct {
	NS      string // name under /var/run/netns
	Dev     string // the veth device in NS
	IP4     net.IP
	IP6     net.IP
	MAC     net.HardwareAddr
	Ifindex int
}

// Pair is two hosts joined by a veth pair: A (the one a test usually
// captures on) and B (the peer that sends).
type Pair struct {
	A, B Host
	t    testing.TB
}

// Options change how a pair is made.
type Options struct {
	MTU int // 0 = veth default (1500)
	// NoOffloads turns off VLAN and checksum offloads on both ends, so that
	// tags stay in the frame and checksums are complete on the wire.
	NoOffloads bool
}

// Require skips the test unless it runs as root (namespaces, BPF).
func Require(t testing.TB) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root: network namespaces and BPF")
	}
}

// New makes a pair for t and removes it when t ends.
func New(t testing.TB, o Options) *Pair {
	t.Helper()
	Require(t)
	var b [3]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	id := hex.EncodeToString(b[:])
	p := &Pair{t: t}
	p.A = Host{NS: "xda" + id, Dev: "va" + id, IP4: net.ParseIP("198.18.0.1"), IP6: net.ParseIP("2001:db8::1")}
	p.B = Host{NS: "xdb" + id, Dev: "vb" + id, IP4: net.ParseIP("198.18.0.2"), IP6: net.ParseIP("2001:db8::2")}

	t.Cleanup(func() {
		// Deleting a namespace removes its veth end, and with it the peer.
		for _, h := range []Host{p.A, p.B} {
			_ = exec.Command("ip", "netns", "delete", h.NS).Run()
		}
	})
	for _, h := range []Host{p.A, p.B} {
		mustRun(t, "ip", "netns", "add", h.NS)
	}
	mustRun(t, "ip", "link", "add", p.A.Dev, "netns", p.A.NS, "type", "veth", "peer", "name", p.B.Dev, "netns", p.B.NS)
	for _, h := range []*Host{&p.A, &p.B} {
		if o.MTU > 0 {
			p.MustRun(h, "ip", "link", "set", h.Dev, "mtu", fmt.Sprint(o.MTU))
		}
		if o.NoOffloads {
			p.MustRun(h, "ethtool", "-K", h.Dev, "txvlan", "off", "rxvlan", "off", "tx", "off", "rx", "off")
		}
		p.MustRun(h, "ip", "addr", "add", h.IP4.String()+"/24", "dev", h.Dev)
		p.MustRun(h, "ip", "addr", "add", h.IP6.String()+"/64", "dev", h.Dev, "nodad")
		p.MustRun(h, "ip", "link", "set", "lo", "up")
		p.MustRun(h, "ip", "link", "set", h.Dev, "up")
		err := h.Do(func() error {
			ifc, err := net.InterfaceByName(h.Dev)
			if err != nil {
				return err
			}
			h.Ifindex = ifc.Index
			h.MAC = ifc.HardwareAddr
			return nil
		})
		if err != nil {
			t.Fatalf("testhost: %v", err)
		}
	}
	return p
}

// Do runs fn on a thread that has entered h's network namespace. Sockets
// that fn opens belong to that namespace for their whole life.
func (h Host) Do(fn func() error) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	orig, err := os.Open("/proc/thread-self/ns/net")
	if err != nil {
		return err
	}
	defer orig.Close()
	target, err := os.Open("/var/run/netns/" + h.NS)
	if err != nil {
		return err
	}
	defer target.Close()
	if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
		return fmt.Errorf("setns %s: %w", h.NS, err)
	}
	defer func() {
		if err := unix.Setns(int(orig.Fd()), unix.CLONE_NEWNET); err != nil {
			panic("testhost: cannot return to the original namespace: " + err.Error())
		}
	}()
	return fn()
}

// Cmd returns a command that runs in h's namespace. nsenter keeps
// /sys/fs/bpf visible (ip netns exec remounts /sys and hides it).
func (h Host) Cmd(name string, args ...string) *exec.Cmd {
	return exec.Command("nsenter", append([]string{"--net=/var/run/netns/" + h.NS, "--", name}, args...)...)
}

// Run runs a command in h's namespace and returns its combined output.
func (h Host) Run(name string, args ...string) (string, error) {
	var out bytes.Buffer
	c := h.Cmd(name, args...)
	c.Stdout, c.Stderr = &out, &out
	err := c.Run()
	if err != nil {
		return out.String(), fmt.Errorf("%s %s in %s: %w: %s", name, strings.Join(args, " "), h.NS, err, out.String())
	}
	return out.String(), nil
}

// MustRun runs a command in h's namespace and fails the test if it fails.
func (p *Pair) MustRun(h *Host, name string, args ...string) string {
	p.t.Helper()
	out, err := h.Run(name, args...)
	if err != nil {
		p.t.Fatal(err)
	}
	return out
}

func mustRun(t testing.TB, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v: %s", name, strings.Join(args, " "), err, out)
	}
}

// SendUDP sends n datagrams of size bytes from B to A's port over IPv4 and
// returns their payloads: datagram i starts with i (big endian) and is
// filled with byte(i). The socket is unconnected, so A's port-unreachable
// answers do not fail the writes.
func (p *Pair) SendUDP(port, n, size int) [][]byte {
	p.t.Helper()
	var sent [][]byte
	err := p.B.Do(func() error {
		c, err := net.ListenPacket("udp4", ":0")
		if err != nil {
			return err
		}
		defer c.Close()
		dst := &net.UDPAddr{IP: p.A.IP4, Port: port}
		for i := 0; i < n; i++ {
			b := bytes.Repeat([]byte{byte(i)}, size)
			binary.BigEndian.PutUint32(b, uint32(i))
			if _, err := c.WriteTo(b, dst); err != nil {
				return err
			}
			sent = append(sent, b)
		}
		return nil
	})
	if err != nil {
		p.t.Fatalf("testhost: sending UDP: %v", err)
	}
	return sent
}

// Resolve makes B learn A's MAC address (one ping), so that ARP does not
// race the traffic a test counts.
func (p *Pair) Resolve() {
	p.t.Helper()
	p.MustRun(&p.B, "ping", "-c", "1", "-W", "2", p.A.IP4.String())
}
