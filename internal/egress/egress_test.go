package egress

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"github.com/cilium/ebpf/ringbuf"

	"github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

const (
	hookXDP      = 0
	hookTCEgress = 1
)

// record is one ring record, parsed far enough for the assertions.
type record struct {
	hook            uint16
	ifindex         uint32
	origLen, capLen uint32
	data            []byte
	srcMAC          net.HardwareAddr
	src, dst        net.IP
	proto           uint8 // 1 ICMP, 58 ICMPv6, 6 TCP
	icmpType        uint8
	sport, dport    uint16
	tcpFlags        uint8
}

func parseRecord(t *testing.T, raw []byte) record {
	t.Helper()
	if len(raw) < 48 {
		t.Fatalf("record of %d bytes, shorter than its header", len(raw))
	}
	r := record{
		origLen: binary.LittleEndian.Uint32(raw[8:]),
		capLen:  binary.LittleEndian.Uint32(raw[12:]),
		ifindex: binary.LittleEndian.Uint32(raw[16:]),
		hook:    binary.LittleEndian.Uint16(raw[24:]),
	}
	// A record may be padded beyond cap_len (its size class).
	if int(r.capLen) > len(raw)-48 {
		t.Fatalf("record says cap_len %d but carries %d bytes", r.capLen, len(raw)-48)
	}
	r.data = raw[48 : 48+r.capLen]
	d := r.data
	if len(d) < 14 {
		return r
	}
	r.srcMAC = net.HardwareAddr(d[6:12])
	et := binary.BigEndian.Uint16(d[12:])
	var l4 []byte
	switch et {
	case 0x0800:
		if len(d) < 34 {
			return r
		}
		ihl := int(d[14]&0xf) * 4
		r.proto = d[23]
		r.src, r.dst = net.IP(d[26:30]), net.IP(d[30:34])
		l4 = d[14+ihl:]
	case 0x86dd:
		if len(d) < 54 {
			return r
		}
		r.proto = d[20]
		r.src, r.dst = net.IP(d[22:38]), net.IP(d[38:54])
		l4 = d[54:]
	default:
		return r
	}
	switch r.proto {
	case 1, 58:
		if len(l4) > 0 {
			r.icmpType = l4[0]
		}
	case 6:
		if len(l4) >= 14 {
			r.sport = binary.BigEndian.Uint16(l4)
			r.dport = binary.BigEndian.Uint16(l4[2:])
			r.tcpFlags = l4[13]
		}
	}
	return r
}

// collector drains a ring into records until stopped.
type collector struct {
	rd   *ringbuf.Reader
	mu   sync.Mutex
	recs [][]byte
	done chan struct{}
}

func collect(t *testing.T, ring *ebpf.Map) *collector {
	t.Helper()
	rd, err := ringbuf.NewReader(ring)
	if err != nil {
		t.Fatal(err)
	}
	c := &collector{rd: rd, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		for {
			rec, err := rd.Read()
			if err != nil {
				return
			}
			c.mu.Lock()
			c.recs = append(c.recs, append([]byte(nil), rec.RawSample...))
			c.mu.Unlock()
		}
	}()
	t.Cleanup(func() { c.rd.Close(); <-c.done })
	return c
}

// waitFor polls the collected records until ok says they are complete.
func (c *collector) waitFor(t *testing.T, ok func([]record) bool) []record {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		c.mu.Lock()
		raw := append([][]byte(nil), c.recs...)
		c.mu.Unlock()
		recs := make([]record, len(raw))
		for i, b := range raw {
			recs[i] = parseRecord(t, b)
		}
		if ok(recs) || time.Now().After(deadline) {
			return recs
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func count(recs []record, f func(record) bool) int {
	n := 0
	for _, r := range recs {
		if f(r) {
			n++
		}
	}
	return n
}

// attachCapture loads the XDP capture stage and attaches it to h's device.
func attachCapture(t *testing.T, h testhost.Host) *ebpf.Map {
	t.Helper()
	spec := testkit.StageSpec(t, bpf.LoadCapture)
	var objs struct {
		Prog *ebpf.Program `ebpf:"xdpdump_capture"`
		Ring *ebpf.Map     `ebpf:"ring"`
	}
	if err := spec.LoadAndAssign(&objs, nil); err != nil {
		t.Fatalf("loading capture: %+v", err)
	}
	t.Cleanup(func() { objs.Prog.Close(); objs.Ring.Close() })
	testkit.AttachXDP(t, h, objs.Prog)
	return objs.Ring
}

func attachEgress(t *testing.T, h testhost.Host, c Config) *Egress {
	t.Helper()
	c.Ifindex = h.Ifindex
	var e *Egress
	err := h.Do(func() error {
		var err error
		e, err = Attach(c)
		return err
	})
	if err != nil {
		t.Fatalf("attaching egress: %+v", err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// tcpConnect opens a TCP connection from `from` to `to` and sends msg.
func tcpConnect(t *testing.T, from, to testhost.Host, ip6 bool) (sport, dport uint16) {
	t.Helper()
	network, addr := "tcp4", to.IP4.String()
	if ip6 {
		network, addr = "tcp6", "["+to.IP6.String()+"]"
	}
	ln := testkit.Listen(t, to, network, addr+":0")
	defer ln.Close()
	got := make(chan []byte, 1)
	testkit.AcceptOne(ln, 10*time.Second, func(c net.Conn, err error) {
		if err != nil {
			got <- nil
			return
		}
		b := make([]byte, 5)
		n, _ := c.Read(b)
		got <- b[:n]
	})
	dport = uint16(ln.Addr().(*net.TCPAddr).Port)
	conn := testkit.Dial(t, from, network, ln.Addr().String(), 10*time.Second)
	defer conn.Close()
	sport = uint16(conn.LocalAddr().(*net.TCPAddr).Port)
	if _, err := conn.Write([]byte("hello")); err != nil {
		t.Fatal(err)
	}
	if b := <-got; string(b) != "hello" {
		t.Fatalf("TCP %s -> %s: server got %q", from.NS, to.NS, b)
	}
	return sport, dport
}

func ping(t *testing.T, p *testhost.Pair, from *testhost.Host, to net.IP, n int) {
	t.Helper()
	args := []string{"-c", fmt.Sprint(n), "-i", "0.05", "-W", "5", to.String()}
	if to.To4() == nil {
		args = append([]string{"-6"}, args...)
	}
	out := p.MustRun(from, "ping", args...)
	if !strings.Contains(out, fmt.Sprintf("%d received", n)) {
		t.Fatalf("ping %s: %s", to, out)
	}
}

// Ping and TCP both ways: XDP ingress and TC egress on host A put every
// packet into the one ring, each with its hook.
func TestBothDirectionsOneRing(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	ring := attachCapture(t, p.A)
	e := attachEgress(t, p.A, Config{Ring: ring, Filter: "icmp or icmp6 or tcp"})
	col := collect(t, ring)

	const n = 4
	ping(t, p, &p.B, p.A.IP4, n)
	ping(t, p, &p.A, p.B.IP4, n)
	ping(t, p, &p.B, p.A.IP6, n)
	ping(t, p, &p.A, p.B.IP6, n)
	bSport, aPort := tcpConnect(t, p.B, p.A, false)
	aSport, bPort := tcpConnect(t, p.A, p.B, true)

	type want struct {
		name string
		hook uint16
		f    func(record) bool
	}
	fromA := func(r record) bool { return bytes.Equal(r.srcMAC, p.A.MAC) }
	fromB := func(r record) bool { return bytes.Equal(r.srcMAC, p.B.MAC) }
	icmp := func(typ uint8, src, dst net.IP) func(record) bool {
		return func(r record) bool {
			return (r.proto == 1 || r.proto == 58) && r.icmpType == typ && r.src.Equal(src) && r.dst.Equal(dst)
		}
	}
	syn := func(src, dst net.IP, sport, dport uint16, ack bool) func(record) bool {
		return func(r record) bool {
			flags := uint8(0x02)
			if ack {
				flags = 0x12
			}
			return r.proto == 6 && r.tcpFlags&0x12 == flags && r.src.Equal(src) && r.dst.Equal(dst) && r.sport == sport && r.dport == dport
		}
	}
	wants := []want{
		{"echo request B->A (v4)", hookXDP, icmp(8, p.B.IP4, p.A.IP4)},
		{"echo reply A->B (v4)", hookTCEgress, icmp(0, p.A.IP4, p.B.IP4)},
		{"echo request A->B (v4)", hookTCEgress, icmp(8, p.A.IP4, p.B.IP4)},
		{"echo reply B->A (v4)", hookXDP, icmp(0, p.B.IP4, p.A.IP4)},
		{"echo request B->A (v6)", hookXDP, icmp(128, p.B.IP6, p.A.IP6)},
		{"echo reply A->B (v6)", hookTCEgress, icmp(129, p.A.IP6, p.B.IP6)},
		{"echo request A->B (v6)", hookTCEgress, icmp(128, p.A.IP6, p.B.IP6)},
		{"echo reply B->A (v6)", hookXDP, icmp(129, p.B.IP6, p.A.IP6)},
	}
	tcp := []want{
		{"SYN B->A", hookXDP, syn(p.B.IP4, p.A.IP4, bSport, aPort, false)},
		{"SYN-ACK A->B", hookTCEgress, syn(p.A.IP4, p.B.IP4, aPort, bSport, true)},
		{"SYN A->B (v6)", hookTCEgress, syn(p.A.IP6, p.B.IP6, aSport, bPort, false)},
		{"SYN-ACK B->A (v6)", hookXDP, syn(p.B.IP6, p.A.IP6, bPort, aSport, true)},
	}
	counts := map[string]int{}
	recs := col.waitFor(t, func(rs []record) bool {
		for _, w := range wants {
			if count(rs, w.f) < n {
				return false
			}
		}
		for _, w := range tcp {
			if count(rs, w.f) < 1 {
				return false
			}
		}
		return true
	})
	for _, w := range wants {
		counts[w.name] = count(recs, w.f)
		if got := counts[w.name]; got != n {
			t.Errorf("%s: %d records, want %d", w.name, got, n)
		}
		for _, r := range recs {
			if w.f(r) && r.hook != w.hook {
				t.Errorf("%s: record with hook %d, want %d", w.name, r.hook, w.hook)
			}
		}
	}
	for _, w := range tcp {
		var hooks []uint16
		for _, r := range recs {
			if w.f(r) {
				hooks = append(hooks, r.hook)
			}
		}
		if len(hooks) != 1 || hooks[0] != w.hook {
			t.Errorf("%s: hooks %v, want exactly one record with hook %d", w.name, hooks, w.hook)
		}
	}
	for _, r := range recs {
		if r.ifindex != uint32(p.A.Ifindex) {
			t.Errorf("record with ifindex %d, want %d", r.ifindex, p.A.Ifindex)
		}
		if r.origLen != r.capLen || int(r.capLen) != len(r.data) {
			t.Errorf("record orig_len %d cap_len %d, data %d bytes", r.origLen, r.capLen, len(r.data))
		}
		switch r.hook {
		case hookXDP:
			if !fromB(r) {
				t.Errorf("XDP record of a frame from %s, not from B", r.srcMAC)
			}
		case hookTCEgress:
			if !fromA(r) {
				t.Errorf("egress record of a frame from %s, not from A", r.srcMAC)
			}
		default:
			t.Errorf("record with hook %d", r.hook)
		}
	}
	// Every record the program says it wrote is in the ring (packets sent
	// after the waiting above may still be on their way: wait for them).
	var seen, matched, lost, captured uint64
	var egressRecs int
	col.waitFor(t, func(rs []record) bool {
		var err error
		seen, matched, lost, captured, err = e.Stats()
		if err != nil {
			t.Fatal(err)
		}
		egressRecs = count(rs, func(r record) bool { return r.hook == hookTCEgress })
		return uint64(egressRecs) == captured
	})
	t.Logf("egress stats: seen %d matched %d lost %d captured %d; %d egress records, counts %v", seen, matched, lost, captured, egressRecs, counts)
	if lost != 0 || captured != matched || uint64(egressRecs) != captured || seen < matched {
		t.Errorf("egress stats seen %d matched %d lost %d captured %d, but %d egress records in the ring", seen, matched, lost, captured, egressRecs)
	}
}

// Egress alone (its own ring) captures what the host sends and nothing it
// receives; the filter selects among those.
//
// Offloads stay on: the TCP payload A sends then sits in the skb's pages,
// past the linear part, where the payload filter must still find it.
func TestEgressOnly(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	all := attachEgress(t, p.A, Config{})
	replies := attachEgress(t, p.A, Config{Filter: "icmp[icmptype] == icmp-echoreply", Snaplen: 20})
	payload := attachEgress(t, p.A, Config{Filter: "tcp[((tcp[12:1] & 0xf0) >> 2):4] = 0x68656c6c"}) // "hell"
	colAll := collect(t, all.Ring())
	colReplies := collect(t, replies.Ring())
	colPayload := collect(t, payload.Ring())

	const n = 5
	ping(t, p, &p.B, p.A.IP4, n) // A answers n times
	ping(t, p, &p.A, p.B.IP4, n) // A asks n times
	tcpConnect(t, p.B, p.A, false)
	tcpConnect(t, p.A, p.B, false) // A sends "hello"

	recs := colAll.waitFor(t, func(rs []record) bool {
		return count(rs, func(r record) bool { return r.proto == 1 && r.icmpType == 8 }) >= n &&
			count(rs, func(r record) bool { return r.proto == 1 && r.icmpType == 0 }) >= n &&
			count(rs, func(r record) bool { return r.proto == 6 && r.tcpFlags&0x12 == 0x12 }) >= 1
	})
	if len(recs) == 0 {
		t.Fatal("no records")
	}
	for _, r := range recs {
		if r.hook != hookTCEgress || !bytes.Equal(r.srcMAC, p.A.MAC) {
			t.Errorf("record hook %d from %s: egress captured something A did not send", r.hook, r.srcMAC)
		}
	}
	if got := count(recs, func(r record) bool { return r.proto == 1 && r.icmpType == 8 && r.src.Equal(p.A.IP4) }); got != n {
		t.Errorf("%d echo requests from A, want %d", got, n)
	}
	if got := count(recs, func(r record) bool { return r.proto == 1 && r.icmpType == 0 && r.src.Equal(p.A.IP4) }); got != n {
		t.Errorf("%d echo replies from A, want %d", got, n)
	}
	if got := count(recs, func(r record) bool { return r.proto == 6 && r.tcpFlags&0x12 == 0x12 }); got != 1 {
		t.Errorf("%d SYN-ACKs from A, want 1", got)
	}

	rrecs := colReplies.waitFor(t, func(rs []record) bool { return len(rs) >= n })
	if len(rrecs) != n {
		t.Errorf("filtered capture: %d records, want %d echo replies", len(rrecs), n)
	}
	for _, r := range rrecs {
		if r.capLen != 20 || r.origLen != 98 {
			t.Errorf("filtered record: cap_len %d orig_len %d, want 20 of 98", r.capLen, r.origLen)
		}
	}
	precs := colPayload.waitFor(t, func(rs []record) bool { return len(rs) >= 1 })
	if len(precs) != 1 || !bytes.HasSuffix(precs[0].data, []byte("hello")) || precs[0].src == nil || !precs[0].src.Equal(p.A.IP4) {
		t.Errorf("payload filter: %d records, want the one segment with A's hello", len(precs))
	}
	seen, matched, _, captured, err := replies.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if matched != n || captured != n || seen <= matched {
		t.Errorf("filtered stats: seen %d matched %d captured %d, want %d matched of more seen", seen, matched, captured, n)
	}
}

// counterProg is a small TC program that counts the packets it sees in
// slot 0 of its map and lets the next program decide (testkit's counter).
func counterProg(t *testing.T) (*ebpf.Program, *ebpf.Map) {
	c := testkit.NewCounter(t, testkit.CounterOptions{Type: ebpf.SchedCLS})
	return c.Prog, c.Map
}

func counterValue(t *testing.T, m *ebpf.Map) uint64 {
	t.Helper()
	var v uint64
	if err := m.Lookup(uint32(0), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// tcState is everything that is attached to A's egress, as the tools and
// the kernel report it.
func tcState(t *testing.T, p *testhost.Pair) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(p.MustRun(&p.A, "bpftool", "net", "show", "dev", p.A.Dev))
	b.WriteString(p.MustRun(&p.A, "tc", "filter", "show", "dev", p.A.Dev, "egress"))
	err := p.A.Do(func() error {
		res, err := link.QueryPrograms(link.QueryOptions{Target: p.A.Ifindex, Attach: ebpf.AttachTCXEgress})
		if err != nil {
			return err
		}
		for _, ap := range res.Programs {
			fmt.Fprintf(&b, "tcx egress prog %d\n", ap.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A tcx program and a clsact filter already on A's egress keep counting
// while our capture runs and after it is gone, and the interface's TC
// state is the same after as before.
func TestExistingTCProgramsKeepWorking(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	tcxProg, tcxCount := counterProg(t)
	clsProg, clsCount := counterProg(t)

	err := p.A.Do(func() error {
		l, err := link.AttachTCX(link.TCXOptions{Interface: p.A.Ifindex, Program: tcxProg, Attach: ebpf.AttachTCXEgress})
		if err != nil {
			return err
		}
		t.Cleanup(func() { l.Close() })
		return nil
	})
	if err != nil {
		t.Fatalf("attaching the existing tcx program: %v", err)
	}
	pin := fmt.Sprintf("/sys/fs/bpf/xdpdump-test-%s", p.A.NS)
	if err := clsProg.Pin(pin); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(pin) })
	p.MustRun(&p.A, "tc", "qdisc", "add", "dev", p.A.Dev, "clsact")
	p.MustRun(&p.A, "tc", "filter", "add", "dev", p.A.Dev, "egress", "bpf", "direct-action", "object-pinned", pin)

	before := tcState(t, p)
	if !strings.Contains(before, "tcx egress prog") || !strings.Contains(before, "direct-action") {
		t.Fatalf("the existing programs do not show:\n%s", before)
	}

	const n = 5
	for _, first := range []bool{false, true} {
		t.Run(fmt.Sprintf("first=%v", first), func(t *testing.T) {
			tcx0, cls0 := counterValue(t, tcxCount), counterValue(t, clsCount)
			e := attachEgress(t, p.A, Config{Filter: "icmp", First: first})
			col := collect(t, e.Ring())
			during := tcState(t, p)
			if during == before {
				t.Fatalf("our program does not show while attached:\n%s", during)
			}
			ping(t, p, &p.A, p.B.IP4, n)
			recs := col.waitFor(t, func(rs []record) bool { return len(rs) >= n })
			if got := count(recs, func(r record) bool { return r.icmpType == 8 }); got != n {
				t.Errorf("captured %d echo requests, want %d", got, n)
			}
			tcx1, cls1 := counterValue(t, tcxCount), counterValue(t, clsCount)
			if tcx1-tcx0 < n || cls1-cls0 < n {
				t.Errorf("while ours runs, the tcx counter went %d->%d and the clsact one %d->%d for %d pings", tcx0, tcx1, cls0, cls1, n)
			}
			if err := e.Close(); err != nil {
				t.Fatal(err)
			}
			if after := tcState(t, p); after != before {
				t.Errorf("TC state after close differs:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			ping(t, p, &p.A, p.B.IP4, n)
			tcx2, cls2 := counterValue(t, tcxCount), counterValue(t, clsCount)
			if tcx2-tcx1 < n || cls2-cls1 < n {
				t.Errorf("after ours left, the tcx counter went %d->%d and the clsact one %d->%d for %d pings", tcx1, tcx2, cls1, cls2, n)
			}
		})
	}
}

func TestBadConfig(t *testing.T) {
	testhost.Require(t)
	if _, err := Attach(Config{Ifindex: 0}); err == nil {
		t.Error("ifindex 0 accepted")
	}
	_, err := Attach(Config{Ifindex: 1, Filter: "tcp port"})
	if err == nil || !strings.Contains(err.Error(), "syntax") {
		t.Errorf("bad filter: %v", err)
	}
	m, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.Array, KeySize: 4, ValueSize: 4, MaxEntries: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if _, err := Attach(Config{Ifindex: 1, Ring: m}); err == nil || !strings.Contains(err.Error(), "ring") {
		t.Errorf("array as ring: %v", err)
	}
	if _, err := Attach(Config{Ifindex: 1 << 30}); err == nil || errors.Is(err, ebpf.ErrNotSupported) {
		t.Errorf("missing interface: %v", err)
	}
}
