// The loader matrix: xdpdump (the real binary) in front of XDP programs
// loaded the ways production hosts load them — iproute2, bpftool,
// cilium/ebpf with and without an expected attach type (netlink, and a
// pinned bpf_link whose loader process has exited), xdp-tools — and of
// programs that do more than pass or drop: xdp.frags at MTU 9000, their
// own prog array, BPF-to-BPF calls with and without tail calls, XDP_TX,
// devmap redirects, metadata and a stripped header read later by TC. Each
// case is its own test, run in parallel with the others: xdpdump starts
// in front of the program with and without a filter; the program's
// counters, drops, rewrites and replies are what they are without
// xdpdump (checked against what really arrived on the other side); every
// packet sent is in the pcapng (tcpdump reads it back); and after SIGINT,
// and after SIGKILL followed by the next start or --recover, the hook
// holds the same program in the same mode and owner (ip and bpftool say
// so) and no pin is left.
package main

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
	"github.com/xdpdump/xdpdump/internal/testkit/progs"
	"github.com/xdpdump/xdpdump/internal/trafficgen"
)

// The test binary doubles as a loader that exits once it attached: with
// XDPDUMP_TEST_LOADER set it loads fw_xdp with the expected attach type
// XDPDUMP_TEST_ATTACH, attaches it to XDPDUMP_TEST_IFINDEX with a
// bpf_link, pins the link at XDPDUMP_TEST_LOADER, prints the program's ID
// and exits: only the pin keeps the link (and the program) alive, as with
// a loader that ran once at boot. init runs before TestMain.
func init() {
	if pin := os.Getenv("XDPDUMP_TEST_LOADER"); pin != "" {
		os.Exit(linkLoader(pin))
	}
}

func linkLoader(pin string) int {
	ifindex, _ := strconv.Atoi(os.Getenv("XDPDUMP_TEST_IFINDEX"))
	at, _ := strconv.Atoi(os.Getenv("XDPDUMP_TEST_ATTACH"))
	spec, err := progs.LoadFw()
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	spec.Programs["fw_xdp"].AttachType = ebpf.AttachType(at)
	coll, err := ebpf.NewCollection(spec)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	prog := coll.Programs["fw_xdp"]
	l, err := link.AttachXDP(link.XDPOptions{Program: prog, Interface: ifindex})
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	if err := l.Pin(pin); err != nil {
		fmt.Println("error", err)
		return 1
	}
	info, _ := prog.Info()
	id, _ := info.ID()
	fmt.Println("attached", id)
	return 0
}

// progsObj is the path of a test program's object.
func progsObj(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "internal", "testkit", "progs", name+"_bpfel.o"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func uniquePin(t *testing.T, what string) string {
	t.Helper()
	var b [4]byte
	rand.Read(b[:])
	p := fmt.Sprintf("/sys/fs/bpf/xdpdump-test-%s-%s", what, hex.EncodeToString(b[:]))
	t.Cleanup(func() { os.Remove(p) })
	return p
}

// hookState is what ip and bpftool say is on a hook: program, mode and
// the bpf_link that holds it (0: netlink).
type hookState struct {
	id   int
	mode string
	link int
}

func (h hookState) String() string {
	owner := "netlink"
	if h.link != 0 {
		owner = fmt.Sprintf("bpf_link %d", h.link)
	}
	return fmt.Sprintf("prog %d (%s, %s)", h.id, h.mode, owner)
}

func hookInfo(t *testing.T, h *testhost.Host) hookState {
	t.Helper()
	var s hookState
	s.id, s.mode = hookOf(t, h)
	if s.id == 0 {
		return s
	}
	// bpftool lists every link of the machine and fails when one goes
	// away between its listing and its reading (other tests run beside
	// this one): try again.
	var out []byte
	var err error
	for try := 0; try < 10; try++ {
		var stderr strings.Builder
		c := exec.Command("bpftool", "-j", "link", "show")
		c.Stderr = &stderr
		if out, err = c.Output(); err == nil {
			break
		}
		err = fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("bpftool link show: %v", err)
	}
	var links []struct {
		ID     int             `json:"id"`
		Type   json.RawMessage `json:"type"` // a name, or a number bpftool has no name for
		ProgID int             `json:"prog_id"`
	}
	if err := json.Unmarshal(out, &links); err != nil {
		t.Fatalf("bpftool -j link show: %v: %s", err, out)
	}
	for _, l := range links {
		if (string(l.Type) == `"xdp"` || string(l.Type) == "6") && l.ProgID == s.id {
			s.link = l.ID
		}
	}
	return s
}

// progMap opens the map called name of program id.
func progMap(t *testing.T, id ebpf.ProgramID, name string) *ebpf.Map {
	return testkit.ProgMap(t, id, name)
}

// counter reads key of an array of u64 (summed over CPUs for per-CPU
// arrays; of a per-CPU array of structs, the first u64 of each).
func counter(t *testing.T, m *ebpf.Map, key uint32) uint64 {
	t.Helper()
	switch m.Type() {
	case ebpf.PerCPUArray:
		var sum uint64
		if m.ValueSize() == 8 {
			var vals []uint64
			if err := m.Lookup(key, &vals); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				sum += v
			}
			return sum
		}
		// xdp-tools' struct datarec: packets, bytes.
		var vals []struct{ Packets, Bytes uint64 }
		if err := m.Lookup(key, &vals); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			sum += v.Packets
		}
		return sum
	default:
		var v uint64
		if err := m.Lookup(key, &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func waitFor(d time.Duration, ok func() bool) bool {
	deadline := time.Now().Add(d)
	for {
		if ok() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// udpRecv collects the datagrams a socket in h's namespace receives.
type udpRecv struct {
	mu   sync.Mutex
	got  [][]byte
	conn net.PacketConn
}

func listenUDP(t *testing.T, h *testhost.Host, port int) *udpRecv {
	t.Helper()
	r := &udpRecv{}
	err := h.Do(func() (err error) {
		r.conn, err = net.ListenPacket("udp4", fmt.Sprintf(":%d", port))
		return
	})
	if err != nil {
		t.Fatalf("listening on UDP %d in %s: %v", port, h.NS, err)
	}
	t.Cleanup(func() { r.conn.Close() })
	go func() {
		buf := make([]byte, 65536)
		for {
			n, _, err := r.conn.ReadFrom(buf)
			if err != nil {
				return
			}
			r.mu.Lock()
			r.got = append(r.got, append([]byte(nil), buf[:n]...))
			r.mu.Unlock()
		}
	}()
	return r
}

func (r *udpRecv) n() int { r.mu.Lock(); defer r.mu.Unlock(); return len(r.got) }

func (r *udpRecv) since(i int) [][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([][]byte(nil), r.got[i:]...)
}

// orig is the program a matrix case stands in front of.
type orig struct {
	id ebpf.ProgramID
	// round sends one round of traffic, checks that the program did to it
	// exactly what it does without xdpdump, and returns a tcpdump
	// expression that matches what was sent and how many packets it sent.
	round func(t *testing.T) (expr string, n int)
	// pcap checks a capture file further (nil: nothing more).
	pcap func(t *testing.T, file string)
	// note is a line xdpdump must print at start ("" = none).
	note string
	// attachType is what the start-up line must say the probe found ("" =
	// not checked).
	attachType string
}

// fwRound is the round of the firewall stand-ins (fw.h): nDrop datagrams
// to port 9, which it drops, and nPass to port 5555, whose first byte it
// rewrites to 'R'. vm is its `verdicts`; A's sockets see the outcome.
func fwRound(t *testing.T, p *testhost.Pair, vm *ebpf.Map, size, nDrop, nPass int) func(*testing.T) (string, int) {
	t.Helper()
	rx, rx9 := listenUDP(t, &p.A, 5555), listenUDP(t, &p.A, 9)
	return func(t *testing.T) (string, int) {
		t.Helper()
		d0, w0, r0 := counter(t, vm, 1), counter(t, vm, 2), rx.n()
		sendUDP(t, p, 9, nDrop, size)
		sent := sendUDP(t, p, 5555, nPass, size)
		waitFor(5*time.Second, func() bool {
			return counter(t, vm, 1)-d0 >= uint64(nDrop) && counter(t, vm, 2)-w0 >= uint64(nPass) && rx.n()-r0 >= nPass
		})
		if d, w := counter(t, vm, 1)-d0, counter(t, vm, 2)-w0; d != uint64(nDrop) || w != uint64(nPass) {
			t.Fatalf("the program counted %d drops and %d rewrites, want %d and %d", d, w, nDrop, nPass)
		}
		got := rx.since(r0)
		if len(got) != nPass {
			t.Fatalf("A received %d of the %d datagrams to port 5555", len(got), nPass)
		}
		for i, g := range got {
			if g[0] != 'R' || !bytes.Equal(g[1:], sent[i][1:]) {
				t.Fatalf("datagram %d arrived as %x..., want the program's rewrite of %x...", i, g[:8], sent[i][:8])
			}
		}
		if rx9.n() != 0 {
			t.Fatalf("%d datagrams to port 9 got through the program that drops them", rx9.n())
		}
		return "udp and (dst port 9 or dst port 5555)", nDrop + nPass
	}
}

// ipAttach attaches a pinned program with ip(8) (netlink, as ip does) and
// unpins it: the device alone holds it then.
func ipAttach(t *testing.T, p *testhost.Pair, prog *ebpf.Program, mode string) ebpf.ProgramID {
	t.Helper()
	pin := uniquePin(t, "prog")
	if err := prog.Pin(pin); err != nil {
		t.Fatal(err)
	}
	p.MustRun(&p.A, "ip", "link", "set", "dev", p.A.Dev, mode, "pinned", pin)
	os.Remove(pin)
	info, _ := prog.Info()
	id, _ := info.ID()
	return id
}

// loadColl loads a collection (of a bpf2go LoadX) for the test.
func loadColl(t *testing.T, load func() (*ebpf.CollectionSpec, error)) *ebpf.Collection {
	t.Helper()
	spec, err := load()
	if err != nil {
		t.Fatal(err)
	}
	return loadSpec(t, spec)
}

func loadSpec(t *testing.T, spec *ebpf.CollectionSpec) *ebpf.Collection {
	t.Helper()
	coll, err := ebpf.NewCollection(spec)
	if err != nil {
		t.Fatalf("loading: %+v", err)
	}
	t.Cleanup(func() { coll.Close() })
	return coll
}

// A's hook program, as ip reports it.
func hookID(t *testing.T, p *testhost.Pair) ebpf.ProgramID {
	t.Helper()
	id, _ := hookOf(t, &p.A)
	if id == 0 {
		t.Fatal("nothing attached")
	}
	return ebpf.ProgramID(id)
}

// Loaders.

func viaIproute2(obj, sec, mode string) func(*testing.T, *testhost.Pair) *orig {
	return func(t *testing.T, p *testhost.Pair) *orig {
		p.MustRun(&p.A, "ip", "link", "set", "dev", p.A.Dev, mode, "obj", progsObj(t, obj), "sec", sec)
		t.Cleanup(func() { p.A.Run("ip", "link", "set", "dev", p.A.Dev, mode, "off") })
		id := hookID(t, p)
		return &orig{id: id, round: fwRound(t, p, progMap(t, id, "verdicts"), 64, 10, 15)}
	}
}

func viaBpftool(obj, typ, mode string) func(*testing.T, *testhost.Pair) *orig {
	return func(t *testing.T, p *testhost.Pair) *orig {
		pin := uniquePin(t, "bpftool")
		args := []string{"prog", "load", progsObj(t, obj), pin}
		if typ != "" {
			args = append(args, "type", typ)
		}
		if out, err := exec.Command("bpftool", args...).CombinedOutput(); err != nil {
			t.Fatalf("bpftool %v: %v\n%s", args, err, out)
		}
		p.MustRun(&p.A, "bpftool", "net", "attach", mode, "pinned", pin, "dev", p.A.Dev)
		os.Remove(pin)
		id := hookID(t, p)
		return &orig{id: id, round: fwRound(t, p, progMap(t, id, "verdicts"), 64, 10, 15)}
	}
}

func viaCiliumNetlink(at ebpf.AttachType, want string) func(*testing.T, *testhost.Pair) *orig {
	return func(t *testing.T, p *testhost.Pair) *orig {
		spec, err := progs.LoadFw()
		if err != nil {
			t.Fatal(err)
		}
		spec.Programs["fw_xdp"].AttachType = at
		coll := loadSpec(t, spec)
		id := ipAttach(t, p, coll.Programs["fw_xdp"], "xdpdrv")
		// The loader is done: only the device holds the program.
		coll.Close()
		return &orig{id: id, round: fwRound(t, p, progMap(t, id, "verdicts"), 64, 10, 15), attachType: want}
	}
}

// linkLoaded runs the loader process (linkLoader), which attaches fw_xdp
// to A with a bpf_link, pins it and exits; it returns the program's ID and
// the pin.
func linkLoaded(t *testing.T, p *testhost.Pair, at ebpf.AttachType) (ebpf.ProgramID, string) {
	t.Helper()
	pin := uniquePin(t, "link")
	cmd := p.A.Cmd(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "XDPDUMP_TEST_LOADER="+pin, fmt.Sprintf("XDPDUMP_TEST_IFINDEX=%d", p.A.Ifindex), fmt.Sprintf("XDPDUMP_TEST_ATTACH=%d", at))
	out, err := cmd.Output()
	f := strings.Fields(string(out))
	if err != nil || len(f) != 2 || f[0] != "attached" {
		t.Fatalf("loader: %v: %s", err, out)
	}
	n, _ := strconv.Atoi(f[1])
	return ebpf.ProgramID(n), pin
}

func viaCiliumLink(at ebpf.AttachType, want string) func(*testing.T, *testhost.Pair) *orig {
	return func(t *testing.T, p *testhost.Pair) *orig {
		id, _ := linkLoaded(t, p, at)
		return &orig{id: id, round: fwRound(t, p, progMap(t, id, "verdicts"), 64, 10, 15), attachType: want}
	}
}

func viaXDPLoader(t *testing.T, p *testhost.Pair) *orig {
	p.MustRun(&p.A, "xdp-loader", "load", "-m", "native", p.A.Dev, progsObj(t, "fw"))
	t.Cleanup(func() { p.A.Run("xdp-loader", "unload", "--all", p.A.Dev) })
	id := hookID(t, p)
	return &orig{id: id, round: fwRound(t, p, progMap(t, id, "verdicts"), 64, 10, 15)}
}

// xdp-filter drops UDP to port 9 (its rule) and passes the rest untouched;
// its statistics map counts per XDP action.
func viaXDPFilter(t *testing.T, p *testhost.Pair) *orig {
	p.MustRun(&p.A, "xdp-filter", "load", "-m", "native", p.A.Dev)
	t.Cleanup(func() { p.A.Run("xdp-filter", "unload", p.A.Dev) })
	p.MustRun(&p.A, "xdp-filter", "port", "9")
	id := hookID(t, p)
	stats := progMap(t, id, "xdp_stats_map")
	rx, rx9 := listenUDP(t, &p.A, 5555), listenUDP(t, &p.A, 9)
	round := func(t *testing.T) (string, int) {
		const xdpDrop = 1 // the statistics map is indexed by XDP action
		d0, r0 := counter(t, stats, xdpDrop), rx.n()
		sendUDP(t, p, 9, 10, 64)
		sent := sendUDP(t, p, 5555, 15, 64)
		waitFor(5*time.Second, func() bool { return counter(t, stats, xdpDrop)-d0 >= 10 && rx.n()-r0 >= 15 })
		if d := counter(t, stats, xdpDrop) - d0; d != 10 {
			t.Fatalf("xdp-filter counted %d drops, want 10", d)
		}
		got := rx.since(r0)
		if len(got) != 15 {
			t.Fatalf("A received %d of 15 datagrams xdp-filter lets through", len(got))
		}
		for i, g := range got {
			if !bytes.Equal(g, sent[i]) {
				t.Fatalf("datagram %d changed on its way", i)
			}
		}
		if rx9.n() != 0 {
			t.Fatalf("%d datagrams to port 9 got through xdp-filter", rx9.n())
		}
		return "udp and (dst port 9 or dst port 5555)", 25
	}
	return &orig{id: id, round: round, note: "belongs to libxdp"}
}

func viaFrags(t *testing.T, p *testhost.Pair) *orig {
	coll := loadColl(t, progs.LoadFwfrags)
	id := ipAttach(t, p, coll.Programs["fw_frags"], "xdpdrv")
	return &orig{id: id, round: fwRound(t, p, coll.Maps["verdicts"], 8000, 3, 5), pcap: func(t *testing.T, file string) {
		out, err := exec.Command("tshark", "-r", file, "-Y", "udp", "-T", "fields", "-e", "frame.len", "-e", "frame.cap_len").Output()
		if err != nil {
			t.Fatalf("tshark: %v", err)
		}
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if f := strings.Fields(l); len(f) != 2 || f[0] != "8042" || f[1] != "8042" {
				t.Fatalf("jumbo frame captured as %q, want 8042 bytes whole", l)
			}
		}
	}}
}

func viaOwnProgArray(t *testing.T, p *testhost.Pair) *orig {
	coll := loadColl(t, progs.LoadTailcall)
	jmp := coll.Maps["jmp"]
	if err := jmp.Put(uint32(0), coll.Programs["tc_udp"]); err != nil {
		t.Fatal(err)
	}
	if err := jmp.Put(uint32(1), coll.Programs["tc_other"]); err != nil {
		t.Fatal(err)
	}
	id := ipAttach(t, p, coll.Programs["tc_entry"], "xdpdrv")
	return &orig{id: id, round: fwRound(t, p, coll.Maps["verdicts"], 64, 10, 15)}
}

func viaSubprog(tail bool) func(*testing.T, *testhost.Pair) *orig {
	return func(t *testing.T, p *testhost.Pair) *orig {
		coll := loadColl(t, progs.LoadSubprog)
		prog := coll.Programs["sp_plain"]
		if tail {
			if err := coll.Maps["sp_jmp"].Put(uint32(0), coll.Programs["sp_leaf"]); err != nil {
				t.Fatal(err)
			}
			prog = coll.Programs["sp_tail"]
		}
		id := ipAttach(t, p, prog, "xdpdrv")
		return &orig{id: id, round: fwRound(t, p, coll.Maps["verdicts"], 64, 10, 15)}
	}
}

// The reply programs answer UDP to port 7 from A; B's sink gives its veth
// the NAPI that receives them.
func viaReply(name string) func(*testing.T, *testhost.Pair) *orig {
	return func(t *testing.T, p *testhost.Pair) *orig {
		coll := loadColl(t, progs.LoadReply)
		// A devmap resolves ifindexes in the namespace of the thread
		// that updates it.
		if err := p.A.Do(func() error { return coll.Maps["tx_port"].Put(uint32(0), uint32(p.A.Ifindex)) }); err != nil {
			t.Fatal(err)
		}
		err := p.B.Do(func() error {
			l, err := link.AttachXDP(link.XDPOptions{Program: coll.Programs["sink"], Interface: p.B.Ifindex})
			if err == nil {
				t.Cleanup(func() { l.Close() })
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		id := ipAttach(t, p, coll.Programs[name], "xdpdrv")
		replies := coll.Maps["replies"]
		var conn net.PacketConn
		if err := p.B.Do(func() (err error) { conn, err = net.ListenPacket("udp4", ":0"); return }); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		round := func(t *testing.T) (string, int) {
			const n = 10
			r0 := counter(t, replies, 0)
			for i := 0; i < n; i++ {
				msg := []byte(fmt.Sprintf("echo %02d %s", i, name))
				if _, err := conn.WriteTo(msg, &net.UDPAddr{IP: p.A.IP4, Port: 7}); err != nil {
					t.Fatal(err)
				}
				conn.SetReadDeadline(time.Now().Add(5 * time.Second))
				buf := make([]byte, 256)
				m, from, err := conn.ReadFrom(buf)
				if err != nil {
					t.Fatalf("reply %d: %v", i, err)
				}
				if !bytes.Equal(buf[:m], msg) || !from.(*net.UDPAddr).IP.Equal(p.A.IP4) || from.(*net.UDPAddr).Port != 7 {
					t.Fatalf("reply %d: %q from %v, want %q from %v:7", i, buf[:m], from, msg, p.A.IP4)
				}
			}
			if r := counter(t, replies, 0) - r0; r != n {
				t.Fatalf("the program counted %d replies, want %d", r, n)
			}
			return "udp dst port 7", n
		}
		return &orig{id: id, round: round}
	}
}

// rawFrames sends n frames from B to A: an outer Ethernet header of
// EtherType 0x88B5 in front of an Ethernet/IPv4/UDP datagram to port 7777.
func rawFrames(t *testing.T, p *testhost.Pair, n int) [][]byte {
	t.Helper()
	var payloads [][]byte
	err := p.B.Do(func() error {
		fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, 0)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		for i := 0; i < n; i++ {
			payload := []byte(fmt.Sprintf("meta %04d", i))
			payloads = append(payloads, payload)
			ip := make([]byte, 20+8+len(payload))
			ip[0], ip[8], ip[9] = 0x45, 64, unix.IPPROTO_UDP
			binary.BigEndian.PutUint16(ip[2:], uint16(len(ip)))
			copy(ip[12:], p.B.IP4.To4())
			copy(ip[16:], p.A.IP4.To4())
			binary.BigEndian.PutUint16(ip[10:], trafficgen.IPv4Checksum(ip[:20]))
			binary.BigEndian.PutUint16(ip[20:], 40000)
			binary.BigEndian.PutUint16(ip[22:], 7777)
			binary.BigEndian.PutUint16(ip[24:], uint16(8+len(payload)))
			copy(ip[28:], payload) // UDP checksum 0: none (IPv4)
			var f []byte
			for _, typ := range []uint16{0x88b5, 0x0800} {
				f = append(f, p.A.MAC...)
				f = append(f, p.B.MAC...)
				f = binary.BigEndian.AppendUint16(f, typ)
			}
			f = append(f, ip...)
			sa := &unix.SockaddrLinklayer{Ifindex: p.B.Ifindex, Halen: 6}
			copy(sa.Addr[:], p.A.MAC)
			if err := unix.Sendto(fd, f, 0, sa); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("sending raw frames: %v", err)
	}
	return payloads
}

func viaMeta(t *testing.T, p *testhost.Pair) *orig {
	coll := loadColl(t, progs.LoadMeta)
	err := p.A.Do(func() error {
		l, err := link.AttachTCX(link.TCXOptions{Interface: p.A.Ifindex, Program: coll.Programs["meta_tc"], Attach: ebpf.AttachTCXIngress})
		if err == nil {
			t.Cleanup(func() { l.Close() })
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	id := ipAttach(t, p, coll.Programs["meta_xdp"], "xdpdrv")
	decap, seen := coll.Maps["decap"], coll.Maps["seen"]
	rx := listenUDP(t, &p.A, 7777)
	round := func(t *testing.T) (string, int) {
		const n = 10
		d0, s0, r0 := counter(t, decap, 0), counter(t, seen, 0), rx.n()
		sent := rawFrames(t, p, n)
		waitFor(5*time.Second, func() bool { return rx.n()-r0 >= n && counter(t, seen, 0)-s0 >= n })
		if d, s := counter(t, decap, 0)-d0, counter(t, seen, 0)-s0; d != n || s != n {
			t.Fatalf("XDP stripped %d headers and TC saw %d frames with the XDP metadata, want %d and %d", d, s, n, n)
		}
		got := rx.since(r0)
		if len(got) != n {
			t.Fatalf("A received %d of the %d datagrams inside the frames the program decapsulates", len(got), n)
		}
		for i := range got {
			if !bytes.Equal(got[i], sent[i]) {
				t.Fatalf("datagram %d: %q, want %q", i, got[i], sent[i])
			}
		}
		return "ether proto 0x88b5", n
	}
	return &orig{id: id, round: round}
}

// matrixCase is one existing program and the way it was loaded.
type matrixCase struct {
	mtu    int
	filter []string // the expression of the filtered run
	setup  func(*testing.T, *testhost.Pair) *orig
	// recoverBy is how the SIGKILLed run is cleaned up: "recover" (the
	// --recover command) or "start" (the next start of xdpdump).
	recoverBy string
}

// matching is how many packets of file tcpdump matches with expr
// (tcpdump --count: one packet may print as several lines).
func matching(t *testing.T, file, expr string) int {
	t.Helper()
	n, err := tryMatching(file, expr)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func tryMatching(file, expr string) (int, error) {
	out, err := exec.Command("tcpdump", "--count", "-r", file, expr).Output()
	if err != nil {
		return 0, fmt.Errorf("tcpdump --count -r %s %s: %v", file, expr, err)
	}
	n, err := strconv.Atoi(strings.Fields(string(out) + " x")[0])
	if err != nil {
		return 0, fmt.Errorf("tcpdump --count says %q", out)
	}
	return n, nil
}

// capturedAll waits until file, which a running xdpdump writes, holds n
// packets matching expr (a read may meet a block half written: it is
// tried again).
func capturedAll(t *testing.T, file, expr string, n int) int {
	t.Helper()
	var got int
	var err error
	waitFor(5*time.Second, func() bool {
		got, err = tryMatching(file, expr)
		return err == nil && got >= n
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// pinsOfPIDs lists what is left under xdpdump's bpffs directory of the
// xdpdump processes pids (each names its directories <pid>-<random>).
func pinsOfPIDs(pids ...int) []string {
	var left []string
	filepath.Walk("/sys/fs/bpf/xdpdump", func(p string, fi os.FileInfo, err error) error {
		if err != nil || !fi.IsDir() {
			return nil
		}
		for _, pid := range pids {
			if strings.HasPrefix(fi.Name(), fmt.Sprintf("%d-", pid)) {
				left = append(left, p)
			}
		}
		return nil
	})
	return left
}

func (x *proc) pid() int { return x.cmd.Process.Pid }

func runMatrix(t *testing.T, c matrixCase) {
	t.Parallel()
	p := testhost.New(t, testhost.Options{MTU: c.mtu, NoOffloads: true})
	p.Resolve()
	o := c.setup(t, p)
	h0 := hookInfo(t, &p.A)
	if h0.id != int(o.id) {
		t.Fatalf("the hook holds %s, want the program just loaded (%d)", h0, o.id)
	}
	t.Logf("existing program: %s", h0)
	want := fmt.Sprintf("in front of prog %d ", o.id)
	checkStart := func(x *proc) {
		t.Helper()
		s := x.stderr.String()
		if !strings.Contains(s, want) {
			t.Fatalf("start-up lines do not say xdpdump stands %q:\n%s", want, s)
		}
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, want) {
				t.Logf("%s", l)
			}
		}
		if o.attachType != "" && !strings.Contains(s, "attach type "+o.attachType+")") {
			t.Errorf("start-up lines do not report attach type %s:\n%s", o.attachType, s)
		}
		if o.note != "" && !strings.Contains(s, o.note) {
			t.Errorf("start-up lines do not say %q:\n%s", o.note, s)
		}
	}
	checkBack := func(when string, pids ...int) {
		t.Helper()
		if h := hookInfo(t, &p.A); h != h0 {
			t.Fatalf("%s: the hook holds %s, want %s as before", when, h, h0)
		}
		if left := pinsOfPIDs(pids...); len(left) > 0 {
			t.Fatalf("%s: pins left: %v", when, left)
		}
	}
	dir := t.TempDir()

	// 1. With a filter, stopped with SIGINT.
	f1 := filepath.Join(dir, "filtered.pcapng")
	x := start(t, &p.A, nil, append([]string{"-i", p.A.Dev, "-w", f1}, c.filter...)...)
	checkStart(x)
	expr, n := o.round(t)
	if stderr, code := x.stop(t, syscall.SIGINT); code != 0 {
		t.Fatalf("exit %d after SIGINT:\n%s", code, stderr)
	}
	checkBack("after SIGINT", x.pid())
	if got := matching(t, f1, expr); got != n {
		t.Fatalf("the filtered capture holds %d of the %d packets sent", got, n)
	}
	if o.pcap != nil {
		o.pcap(t, f1)
	}

	// 2. Without a filter, packet-buffered, killed with SIGKILL.
	f2 := filepath.Join(dir, "all.pcapng")
	y := start(t, &p.A, nil, "-U", "-i", p.A.Dev, "-w", f2)
	checkStart(y)
	expr, n = o.round(t)
	if got := capturedAll(t, f2, expr, n); got != n {
		t.Fatalf("the capture holds %d of the %d packets sent", got, n)
	}
	y.stop(t, syscall.SIGKILL)
	if o.pcap != nil {
		o.pcap(t, f2)
	}
	// Dead, xdpdump's program still stands in front, and the original
	// still does its work behind it.
	if h := hookInfo(t, &p.A); h.id == h0.id {
		t.Fatalf("xdpdump's program left the hook with its process: %s", h)
	}
	o.round(t)

	// 3. The next start or --recover puts the original back.
	pids := []int{x.pid(), y.pid()}
	switch c.recoverBy {
	case "recover":
		out, err := p.A.Run(binPath, "--recover", "-i", p.A.Dev)
		if err != nil || !strings.Contains(out, "found leftovers of xdpdump pid "+strconv.Itoa(y.pid())) {
			t.Fatalf("--recover: %v\n%s", err, out)
		}
	default:
		z := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(dir, "next.pcapng"))
		checkStart(z)
		stderr, code := z.stop(t, syscall.SIGINT)
		if code != 0 || !strings.Contains(stderr, "found leftovers of xdpdump pid "+strconv.Itoa(y.pid())) {
			t.Fatalf("the next start did not recover (exit %d):\n%s", code, stderr)
		}
		pids = append(pids, z.pid())
	}
	checkBack("after SIGKILL and "+c.recoverBy, pids...)
	o.round(t)
}

var udp = []string{"udp"}

func TestLoaderIproute2SecXDP(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaIproute2("fw", "xdp", "xdpdrv"), recoverBy: "recover"})
}

func TestLoaderIproute2SecProg(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaIproute2("fwprog", "prog", "xdpdrv"), recoverBy: "start"})
}

func TestLoaderIproute2GenericSecXDP(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaIproute2("fw", "xdp", "xdpgeneric"), recoverBy: "start"})
}

func TestLoaderIproute2GenericSecProg(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaIproute2("fwprog", "prog", "xdpgeneric"), recoverBy: "recover"})
}

func TestLoaderBpftoolNative(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaBpftool("fw", "", "xdpdrv"), recoverBy: "recover"})
}

func TestLoaderBpftoolGeneric(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaBpftool("fwprog", "xdp", "xdpgeneric"), recoverBy: "start"})
}

func TestLoaderCiliumNoAttachTypeNetlink(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaCiliumNetlink(ebpf.AttachNone, "0 (none)"), recoverBy: "start"})
}

func TestLoaderCiliumAttachTypeNetlink(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaCiliumNetlink(ebpf.AttachXDP, "BPF_XDP"), recoverBy: "recover"})
}

func TestLoaderCiliumNoAttachTypeLink(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaCiliumLink(ebpf.AttachNone, "0 (none)"), recoverBy: "recover"})
}

func TestLoaderCiliumAttachTypeLink(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaCiliumLink(ebpf.AttachXDP, "BPF_XDP"), recoverBy: "start"})
}

func TestLoaderXDPLoader(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaXDPLoader, recoverBy: "recover"})
}

func TestLoaderXDPFilter(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaXDPFilter, recoverBy: "start"})
}

func TestProgramFragsMTU9000(t *testing.T) {
	runMatrix(t, matrixCase{mtu: 9000, filter: udp, setup: viaFrags, recoverBy: "recover"})
}

func TestProgramOwnProgArray(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaOwnProgArray, recoverBy: "start"})
}

func TestProgramSubprograms(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaSubprog(false), recoverBy: "recover"})
}

func TestProgramSubprogramsTailCall(t *testing.T) {
	runMatrix(t, matrixCase{filter: udp, setup: viaSubprog(true), recoverBy: "start"})
}

func TestProgramXDPTX(t *testing.T) {
	runMatrix(t, matrixCase{filter: []string{"udp", "port", "7"}, setup: viaReply("reply_tx"), recoverBy: "recover"})
}

func TestProgramDevmapRedirect(t *testing.T) {
	runMatrix(t, matrixCase{filter: []string{"udp", "port", "7"}, setup: viaReply("reply_redir"), recoverBy: "start"})
}

func TestProgramMetaForTC(t *testing.T) {
	runMatrix(t, matrixCase{filter: []string{"ether", "proto", "0x88b5"}, setup: viaMeta, recoverBy: "recover"})
}
