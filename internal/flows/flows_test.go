package flows

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

// reference counts, per flow as A's counters should see it, what an
// AF_PACKET socket on B sees: what B sends arrives at A's XDP, what B
// receives left A's TC egress, the same frames with the same lengths.
type reference struct {
	fd   int
	aIdx int
	mu   sync.Mutex
	got  map[Key][2]uint64
	stop chan struct{}
	done chan struct{}
}

func startReference(t *testing.T, p *testhost.Pair) *reference {
	t.Helper()
	r := &reference{aIdx: p.A.Ifindex, got: map[Key][2]uint64{}, stop: make(chan struct{}), done: make(chan struct{})}
	err := p.B.Do(func() error {
		fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, int(htons(unix.ETH_P_ALL)))
		if err != nil {
			return err
		}
		r.fd = fd
		if err := unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: p.B.Ifindex}); err != nil {
			return err
		}
		_ = unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, 64<<20)
		return unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &unix.Timeval{Usec: 100000})
	})
	if err != nil {
		t.Fatalf("reference socket: %v", err)
	}
	go func() {
		defer close(r.done)
		buf := make([]byte, 256)
		for {
			select {
			case <-r.stop:
				return
			default:
			}
			n, from, err := unix.Recvfrom(r.fd, buf, unix.MSG_TRUNC)
			if err != nil {
				continue
			}
			ll, ok := from.(*unix.SockaddrLinklayer)
			if !ok {
				continue
			}
			dir := Egress // B received it: A sent it
			if ll.Pkttype == unix.PACKET_OUTGOING {
				dir = Ingress
			}
			k, ok := parseFrame(buf[:min(n, len(buf))])
			if !ok {
				continue
			}
			k.Dir, k.Ifindex = dir, r.aIdx
			r.mu.Lock()
			c := r.got[k]
			r.got[k] = [2]uint64{c[0] + 1, c[1] + uint64(n)}
			r.mu.Unlock()
		}
	}()
	t.Cleanup(func() { r.finish(t) })
	return r
}

func (r *reference) finish(t *testing.T) map[Key][2]uint64 {
	select {
	case <-r.stop:
	default:
		close(r.stop)
		<-r.done
		st, err := unix.GetsockoptTpacketStats(r.fd, unix.SOL_PACKET, unix.PACKET_STATISTICS)
		if err == nil && st.Drops != 0 {
			t.Errorf("the reference socket dropped %d frames", st.Drops)
		}
		unix.Close(r.fd)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.got
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

// parseFrame is the test's own reading of a frame into a flow key, for
// Ethernet + IPv4/IPv6 (+ hop-by-hop options) + TCP/UDP/ICMP.
func parseFrame(d []byte) (Key, bool) {
	var k Key
	if len(d) < 14 {
		return k, false
	}
	k.EtherType = binary.BigEndian.Uint16(d[12:])
	var l4 []byte
	switch k.EtherType {
	case EtherTypeIPv4:
		if len(d) < 34 {
			return k, false
		}
		k.Proto = d[23]
		k.Src = netip.AddrFrom4([4]byte(d[26:30]))
		k.Dst = netip.AddrFrom4([4]byte(d[30:34]))
		l4 = d[14+int(d[14]&0xf)*4:]
	case EtherTypeIPv6:
		if len(d) < 54 {
			return k, false
		}
		k.Proto = d[20]
		k.Src = netip.AddrFrom16([16]byte(d[22:38]))
		k.Dst = netip.AddrFrom16([16]byte(d[38:54]))
		l4 = d[54:]
		if k.Proto == 0 && len(l4) >= 2 {
			k.Proto = l4[0]
			l4 = l4[(int(l4[1])+1)*8:]
		}
	default:
		return k, true
	}
	switch k.Proto {
	case 6, 17:
		if len(l4) < 4 {
			return k, false
		}
		k.Sport, k.Dport = binary.BigEndian.Uint16(l4), binary.BigEndian.Uint16(l4[2:])
	case 1, 58:
		if len(l4) < 2 {
			return k, false
		}
		k.Sport, k.Dport = uint16(l4[0]), uint16(l4[1])
	}
	return k, true
}

func addr(ip net.IP) netip.Addr {
	a, _ := netip.AddrFromSlice(ip)
	return a.Unmap()
}

type udpFlow struct {
	from, to     *testhost.Host
	v6           bool
	sport, dport int
	count, size  int
}

func (u udpFlow) key(p *testhost.Pair) Key {
	k := Key{Ifindex: p.A.Ifindex, Dir: Ingress, EtherType: EtherTypeIPv4, Proto: 17, Sport: uint16(u.sport), Dport: uint16(u.dport)}
	if u.from == &p.A {
		k.Dir = Egress
	}
	if u.v6 {
		k.EtherType = EtherTypeIPv6
		k.Src, k.Dst = addr(u.from.IP6), addr(u.to.IP6)
	} else {
		k.Src, k.Dst = addr(u.from.IP4), addr(u.to.IP4)
	}
	return k
}

func (u udpFlow) frameLen() uint64 {
	if u.v6 {
		return uint64(14 + 40 + 8 + u.size)
	}
	return uint64(14 + 20 + 8 + u.size)
}

// send listens on the receiver and sends the datagrams.
func (u udpFlow) send(t *testing.T) {
	t.Helper()
	network, to, from := "udp4", u.to.IP4, u.from.IP4
	if u.v6 {
		network, to, from = "udp6", u.to.IP6, u.from.IP6
	}
	var ln *net.UDPConn
	if err := u.to.Do(func() error {
		var err error
		ln, err = net.ListenUDP(network, &net.UDPAddr{IP: to, Port: u.dport})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	err := u.from.Do(func() error {
		c, err := net.DialUDP(network, &net.UDPAddr{IP: from, Port: u.sport}, &net.UDPAddr{IP: to, Port: u.dport})
		if err != nil {
			return err
		}
		defer c.Close()
		b := make([]byte, u.size)
		for i := 0; i < u.count; i++ {
			if _, err := c.Write(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("udp %d->%d: %v", u.sport, u.dport, err)
	}
}

// tcpExchange connects from -> to, sends up bytes and receives down bytes,
// and closes both ends cleanly.
func tcpExchange(t *testing.T, from, to *testhost.Host, v6 bool, up, down int) {
	t.Helper()
	network, ip := "tcp4", to.IP4
	if v6 {
		network, ip = "tcp6", to.IP6
	}
	ln := testkit.Listen(t, *to, network, net.JoinHostPort(ip.String(), "0"))
	defer ln.Close()
	srv := make(chan error, 1)
	testkit.AcceptOne(ln, 20*time.Second, func(c net.Conn, err error) {
		if err != nil {
			srv <- err
			return
		}
		n, err := io.CopyN(io.Discard, c, int64(up))
		if err != nil {
			srv <- fmt.Errorf("server read %d: %w", n, err)
			return
		}
		_, err = c.Write(make([]byte, down))
		srv <- err
	})
	conn := testkit.Dial(t, *from, network, ln.Addr().String(), 10*time.Second)
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := conn.Write(make([]byte, up)); err != nil {
		t.Fatal(err)
	}
	if n, err := io.CopyN(io.Discard, conn, int64(down)); err != nil {
		t.Fatalf("client read %d of %d: %v", n, down, err)
	}
	if err := <-srv; err != nil {
		t.Fatal(err)
	}
	// The server closed first; read its FIN, then close ours.
	conn.Read(make([]byte, 1))
	conn.Close()
}

func open(t *testing.T, h testhost.Host, c Config) *Flows {
	t.Helper()
	c.Ifindex = h.Ifindex
	var f *Flows
	err := h.Do(func() error {
		var err error
		if f, err = Open(c); err != nil {
			return err
		}
		if c.Ingress {
			return f.AttachXDP(0)
		}
		return nil
	})
	if err != nil {
		if f != nil {
			f.Close()
		}
		t.Fatalf("flows: %+v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func byKey(fl []Flow) map[Key]Flow {
	m := map[Key]Flow{}
	for _, f := range fl {
		m[f.Key] = f
	}
	return m
}

// interesting are the flows this test makes (not neighbour discovery,
// which comes when it likes).
func interesting(k Key) bool {
	switch k.Proto {
	case 6, 17:
		return true
	case 1:
		return k.Sport == 8 || k.Sport == 0
	case 58:
		return k.Sport == 128 || k.Sport == 129
	}
	return false
}

func TestFlowCounters(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	// B's own GRO would merge what A sent before B's socket sees it.
	p.MustRun(&p.B, "ethtool", "-K", p.B.Dev, "gro", "off")
	f := open(t, p.A, Config{Ingress: true, Egress: true})
	ref := startReference(t, p)

	var udp []udpFlow
	for i := 0; i < 8; i++ {
		udp = append(udp, udpFlow{from: &p.B, to: &p.A, sport: 40000 + i, dport: 7000 + i, count: 3 + i, size: 20 + 37*i})
	}
	for i := 0; i < 6; i++ {
		udp = append(udp, udpFlow{from: &p.B, to: &p.A, v6: true, sport: 41000 + i, dport: 7100 + i, count: 2 + 2*i, size: 1 + 101*i})
	}
	for i := 0; i < 4; i++ {
		udp = append(udp, udpFlow{from: &p.A, to: &p.B, sport: 42000 + i, dport: 7200 + i, count: 5 + i, size: 64 + 300*i})
	}
	for i := 0; i < 2; i++ {
		udp = append(udp, udpFlow{from: &p.A, to: &p.B, v6: true, sport: 43000 + i, dport: 7300 + i, count: 7 + i, size: 1400})
	}
	for _, u := range udp {
		u.send(t)
	}
	p.MustRun(&p.B, "ping", "-c", "3", "-i", "0.05", "-W", "5", p.A.IP4.String())
	p.MustRun(&p.A, "ping", "-6", "-c", "2", "-i", "0.05", "-W", "5", p.B.IP6.String())
	tcpExchange(t, &p.B, &p.A, false, 200000, 100000)
	tcpExchange(t, &p.A, &p.B, true, 150000, 50000)
	time.Sleep(500 * time.Millisecond)
	want := ref.finish(t)
	time.Sleep(100 * time.Millisecond)

	fl, err := f.Read()
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(fl)
	nflows := 0
	for k, w := range want {
		if !interesting(k) {
			continue
		}
		nflows++
		g, ok := got[k]
		if !ok {
			t.Errorf("flow %v (%d packets, %d bytes) not counted", k, w[0], w[1])
			continue
		}
		if g.Packets != w[0] || g.Bytes != w[1] {
			t.Errorf("flow %v: %d packets %d bytes, the reference socket saw %d packets %d bytes", k, g.Packets, g.Bytes, w[0], w[1])
		}
		if g.First.After(g.Last) || time.Since(g.Last) > time.Minute || g.Last.After(time.Now()) {
			t.Errorf("flow %v: first %v last %v", k, g.First, g.Last)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok && interesting(k) {
			t.Errorf("flow %v counted (%d packets) but never on the wire", k, g.Packets)
		}
		if k.Ifindex != p.A.Ifindex {
			t.Errorf("flow %v with ifindex %d, want %d", k, k.Ifindex, p.A.Ifindex)
		}
	}
	if nflows < 20 {
		t.Errorf("only %d flows in the mix", nflows)
	}
	for _, u := range udp {
		k := u.key(p)
		g := got[k]
		if g.Packets != uint64(u.count) || g.Bytes != uint64(u.count)*u.frameLen() {
			t.Errorf("udp flow %v: %d packets %d bytes, sent %d of %d bytes", k, g.Packets, g.Bytes, u.count, u.frameLen())
		}
	}
	kinds := map[string]int{}
	for k := range want {
		if interesting(k) {
			kinds[fmt.Sprintf("%s/%s/%d", k.Dir, ProtoName(k), k.EtherType)]++
		}
	}
	for _, need := range []string{"in/tcp/2048", "out/tcp/2048", "in/tcp/34525", "out/tcp/34525", "in/icmp/2048", "out/icmp/2048", "in/icmp6/34525", "out/icmp6/34525", "in/udp/2048", "out/udp/34525"} {
		if kinds[need] == 0 {
			t.Errorf("no %s flow in the mix: %v", need, kinds)
		}
	}
	in, out, err := f.Stats()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d flows compared; ingress %+v egress %+v", nflows, in, out)
	if in.Lost != 0 || out.Lost != 0 || in.Counted != in.Matched || out.Counted != out.Matched || in.Matched != in.Seen {
		t.Errorf("stats: ingress %+v egress %+v", in, out)
	}

	var sb strings.Builder
	if err := (&View{Table: TableOptions{Top: 10}}).Final(&sb, Snapshot{Time: time.Now(), Flows: fl}); err != nil {
		t.Fatal(err)
	}
	t.Logf("final table:\n%s", sb.String())
}

// The expression selects what is counted, on both sides.
func TestFlowFilter(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	f := open(t, p.A, Config{Ingress: true, Egress: true, Filter: "udp and not port 7001"})
	flows := []udpFlow{
		{from: &p.B, to: &p.A, sport: 40000, dport: 7000, count: 4, size: 100},
		{from: &p.B, to: &p.A, sport: 40001, dport: 7001, count: 4, size: 100},
		{from: &p.A, to: &p.B, v6: true, sport: 40002, dport: 7002, count: 3, size: 10},
	}
	for _, u := range flows {
		u.send(t)
	}
	tcpExchange(t, &p.B, &p.A, false, 1000, 1000)
	p.MustRun(&p.B, "ping", "-c", "2", "-i", "0.05", "-W", "5", p.A.IP4.String())
	// The first IPv6 datagrams wait for neighbour discovery: wait for
	// them, then for anything late.
	var fl []Flow
	deadline := time.Now().Add(15 * time.Second)
	for {
		var err error
		if fl, err = f.Read(); err != nil {
			t.Fatal(err)
		}
		if byKey(fl)[flows[2].key(p)].Packets >= uint64(flows[2].count) || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	fl, err := f.Read()
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(fl)
	if len(got) != 2 {
		t.Errorf("%d flows counted, want 2: %v", len(got), fl)
	}
	for i, u := range flows {
		g, ok := got[u.key(p)]
		if i == 1 {
			if ok {
				t.Errorf("port 7001 counted although the filter excludes it")
			}
			continue
		}
		if g.Packets != uint64(u.count) || g.Bytes != uint64(u.count)*u.frameLen() {
			t.Errorf("flow %v: %d packets %d bytes, want %d x %d", u.key(p), g.Packets, g.Bytes, u.count, u.frameLen())
		}
	}
	in, out, err := f.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if in.Matched != 4 || out.Matched != 3 || in.Seen <= in.Matched || out.Seen <= out.Matched {
		t.Errorf("stats: ingress %+v egress %+v", in, out)
	}
}

// The XDP stage loads as either variant, into a caller's chain, and
// tail-calls the next stage there.
func TestChainAndErrors(t *testing.T) {
	testhost.Require(t)
	if _, err := Open(Config{}); err == nil {
		t.Error("no side asked for, no error")
	}
	if _, err := Open(Config{Egress: true}); err == nil {
		t.Error("egress without an interface, no error")
	}
	if _, err := Open(Config{Ingress: true, Filter: "udp port"}); err == nil || !strings.Contains(err.Error(), "syntax") {
		t.Errorf("bad filter: %v", err)
	}
	for _, frags := range []bool{false, true} {
		chain, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.ProgramArray, KeySize: 4, ValueSize: 4, MaxEntries: 8})
		if err != nil {
			t.Fatal(err)
		}
		defer chain.Close()
		f, err := Open(Config{Ingress: true, Frags: frags, Chain: chain, NextSlot: 3, Filter: "udp"})
		if err != nil {
			t.Fatalf("frags=%v: %+v", frags, err)
		}
		defer f.Close()
		if f.XDP() == nil || f.Chain() == nil {
			t.Fatal("no program or chain")
		}
		if err := f.AttachXDP(link.XDPGenericMode); err == nil {
			t.Error("attached without an interface")
		}
		frame := udpFrame(t)
		run := func() uint32 {
			ret, err := f.XDP().Run(&ebpf.RunOptions{Data: frame})
			if err != nil {
				t.Fatalf("test run: %v", err)
			}
			return ret
		}
		if ret := run(); ret != 2 {
			t.Errorf("frags=%v: empty chain slot returned %d, want XDP_PASS", frags, ret)
		}
		// The next stage drops: the stage must tail-call it.
		var flags uint32
		if frags {
			flags = unix.BPF_F_XDP_HAS_FRAGS
		}
		next, err := ebpf.NewProgram(&ebpf.ProgramSpec{Type: ebpf.XDP, AttachType: ebpf.AttachXDP, License: "GPL", Flags: flags,
			Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, 1), asm.Return()}})
		if err != nil {
			t.Fatal(err)
		}
		defer next.Close()
		if err := chain.Put(uint32(3), next); err != nil {
			t.Fatal(err)
		}
		if ret := run(); ret != 1 {
			t.Errorf("frags=%v: with a next stage returned %d, want its XDP_DROP", frags, ret)
		}
		fl, err := f.Read()
		if err != nil {
			t.Fatal(err)
		}
		if len(fl) != 1 || fl[0].Packets != 2 || fl[0].Bytes != 2*uint64(len(frame)) || fl[0].Sport != 1111 || fl[0].Dport != 2222 || fl[0].Proto != 17 || fl[0].Src != netip.MustParseAddr("192.0.2.1") {
			t.Errorf("frags=%v: flows %+v", frags, fl)
		}
	}
}

// udpFrame is an Ethernet/IPv4/UDP frame 192.0.2.1:1111 -> 192.0.2.2:2222.
func udpFrame(t *testing.T) []byte {
	t.Helper()
	f := make([]byte, 14+20+8+18)
	binary.BigEndian.PutUint16(f[12:], EtherTypeIPv4)
	ip := f[14:]
	ip[0] = 0x45
	binary.BigEndian.PutUint16(ip[2:], uint16(len(f)-14))
	ip[8], ip[9] = 64, 17
	copy(ip[12:], []byte{192, 0, 2, 1})
	copy(ip[16:], []byte{192, 0, 2, 2})
	binary.BigEndian.PutUint16(ip[20:], 1111)
	binary.BigEndian.PutUint16(ip[22:], 2222)
	binary.BigEndian.PutUint16(ip[24:], uint16(len(f)-34))
	return f
}
