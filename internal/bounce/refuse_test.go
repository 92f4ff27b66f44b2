package bounce

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

// hosts says who sends (B) and who is bounced for (A) in refusedSYNs.
type hosts struct {
	macA, macB net.HardwareAddr
	a4, b4     net.IP
	a6, b6     net.IP
	// other is a second address on A's interface (IPv4), bcast the
	// broadcast address of A's prefix.
	other, bcast net.IP
}

func (h hosts) syn(v6 bool, sport, dport uint16) seg {
	s := syn(v6, sport, dport)
	s.srcMAC, s.dstMAC = h.macB, h.macA
	if v6 {
		s.src, s.dst = h.b6, h.a6
	} else {
		s.src, s.dst = h.b4.To4(), h.a4.To4()
	}
	return s
}

// tcpField returns f's TCP checksum offset.
func tcpField(s seg) int {
	if s.v6 {
		return s.l3Offset() + 40 + 16
	}
	return s.l3Offset() + 20 + 16
}

// pseudoSum is the folded pseudo-header sum a sender with checksum
// offload leaves in the TCP checksum field (CHECKSUM_PARTIAL).
func pseudoSum(s seg, tcplen int) uint16 {
	var p []byte
	if s.v6 {
		p = append(append(p, s.src.To16()...), s.dst.To16()...)
		p = append(p, 0, 0, byte(tcplen>>8), byte(tcplen), 0, 0, 0, 6)
	} else {
		p = append(append(p, s.src.To4()...), s.dst.To4()...)
		p = append(p, 0, 6, byte(tcplen>>8), byte(tcplen))
	}
	return uint16(csum(0, p))
}

// refusedSYNs are SYNs a host's TCP does not answer: each is well formed
// but for the one thing named (its checksums are right unless that is
// what is wrong).
func refusedSYNs(t testing.TB, h hosts) []badFrame {
	var out []badFrame
	next := uint16(41100)
	add := func(name string, s seg, edit func([]byte)) {
		if s.sport != 0 {
			// Every case its own source port: an answer names its SYN.
			next++
			s.sport = next
		}
		f := s.frame(t)
		if edit != nil {
			edit(f)
		}
		out = append(out, badFrame{name: name, frame: f, sport: s.sport})
	}
	v4 := func(mod func(*seg)) seg { s := h.syn(false, 41001, 80); mod(&s); return s }
	v6 := func(mod func(*seg)) seg { s := h.syn(true, 41001, 80); mod(&s); return s }
	ip4 := func(a ...byte) net.IP { return net.IPv4(a[0], a[1], a[2], a[3]).To4() }
	none := func(*seg) {}

	add("v4/bad-ip-checksum", v4(none), func(f []byte) { f[14+10] ^= 0x5a })
	for _, fam := range []bool{false, true} {
		name := map[bool]string{false: "v4/", true: "v6/"}[fam]
		s := h.syn(fam, 41001, 80)
		add(name+"bad-tcp-checksum", s, func(f []byte) { f[tcpField(s)] ^= 0x5a })
		add(name+"zero-tcp-checksum", s, func(f []byte) { f[tcpField(s)], f[tcpField(s)+1] = 0, 0 })
		s = h.syn(fam, 0, 80)
		add(name+"source-port-0", s, nil)
		s = h.syn(fam, 41001, 0)
		add(name+"destination-port-0", s, nil)
	}
	add("v4/source-loopback", v4(func(s *seg) { s.src = ip4(127, 0, 0, 1) }), nil)
	add("v4/destination-loopback", v4(func(s *seg) { s.dst = ip4(127, 0, 0, 1) }), nil)
	add("v4/source-zero-net", v4(func(s *seg) { s.src = ip4(0, 1, 2, 3) }), nil)
	add("v4/destination-zero", v4(func(s *seg) { s.dst = ip4(0, 0, 0, 0) }), nil)
	add("v4/source-multicast", v4(func(s *seg) { s.src = ip4(224, 0, 0, 5) }), nil)
	add("v4/destination-multicast", v4(func(s *seg) { s.dst = ip4(239, 1, 1, 1) }), nil)
	add("v4/source-class-e", v4(func(s *seg) { s.src = ip4(240, 0, 0, 1) }), nil)
	add("v4/destination-limited-broadcast", v4(func(s *seg) { s.dst = ip4(255, 255, 255, 255) }), nil)
	add("v4/source-is-destination", v4(func(s *seg) { s.src = s.dst }), nil)
	add("v4/source-another-address-of-the-interface", v4(func(s *seg) { s.src = h.other.To4() }), nil)
	add("v4/destination-directed-broadcast", v4(func(s *seg) { s.dst = h.bcast.To4() }), nil)
	add("v4/source-directed-broadcast", v4(func(s *seg) { s.src = h.bcast.To4() }), nil)
	add("v6/source-loopback", v6(func(s *seg) { s.src = net.IPv6loopback }), nil)
	add("v6/destination-loopback", v6(func(s *seg) { s.dst = net.IPv6loopback }), nil)
	add("v6/source-unspecified", v6(func(s *seg) { s.src = net.IPv6unspecified }), nil)
	add("v6/source-multicast", v6(func(s *seg) { s.src = net.ParseIP("ff02::1") }), nil)
	add("v6/destination-multicast", v6(func(s *seg) { s.dst = net.ParseIP("ff0e::1") }), nil)
	add("v6/source-v4-mapped", v6(func(s *seg) { s.src = net.ParseIP("::ffff:" + h.b4.String()) }), nil)
	add("v6/destination-v4-mapped", v6(func(s *seg) { s.dst = net.ParseIP("::ffff:" + h.a4.String()) }), nil)
	add("v6/source-is-destination", v6(func(s *seg) { s.src = s.dst }), nil)
	return out
}

var testHosts = hosts{
	macA: macA, macB: macB,
	a4: net.ParseIP("198.18.7.1"), b4: net.ParseIP("198.18.7.2"),
	a6: net.ParseIP("2001:db8:7::1"), b6: net.ParseIP("2001:db8:7::2"),
	other: net.ParseIP("198.19.9.9"), bcast: net.ParseIP("198.18.7.255"),
}

var testNets = []net.IPNet{
	{IP: net.ParseIP("198.18.7.1").To4(), Mask: net.CIDRMask(24, 32)},
	{IP: net.ParseIP("198.19.9.9").To4(), Mask: net.CIDRMask(16, 32)},
	{IP: net.ParseIP("198.18.9.0").To4(), Mask: net.CIDRMask(31, 32)}, // no broadcast address
}

// TestRefused runs every SYN a host would not answer through the stage:
// passed on unchanged, counted as refused, never answered; the same SYN
// without the fault is answered.
func TestRefused(t *testing.T) {
	for _, partial := range []bool{false, true} {
		b := load(t, Config{Key: testKey, Nets: testNets, PartialChecksums: partial})
		for _, c := range refusedSYNs(t, testHosts) {
			t.Run(fmt.Sprintf("%s/partial=%v", c.name, partial), func(t *testing.T) {
				before := stats(t, b)
				ret, out := runOut(t, b, c.frame)
				if ret != xdpPass || !bytes.Equal(out, c.frame) {
					t.Fatalf("verdict %d, frame changed %v", ret, !bytes.Equal(out, c.frame))
				}
				after := stats(t, b)
				if after.Refused != before.Refused+1 || after.Passed != before.Passed+1 || after.Answered != before.Answered {
					t.Fatalf("refused +%d passed +%d answered +%d", after.Refused-before.Refused, after.Passed-before.Passed, after.Answered-before.Answered)
				}
			})
		}
		// The faultless SYNs are answered, and so is a SYN to the /31's
		// "broadcast-looking" address, which has none.
		for _, s := range []seg{testHosts.syn(false, 41001, 80), testHosts.syn(true, 41001, 80)} {
			if ret, out := runOut(t, b, s.frame(t)); ret != xdpTX {
				t.Fatalf("good SYN: verdict %d", ret)
			} else {
				checkAnswer(t, s, out)
			}
		}
		s := testHosts.syn(false, 41001, 80)
		s.dst = net.ParseIP("198.18.9.1").To4()
		if ret, _ := runOut(t, b, s.frame(t)); ret != xdpTX {
			t.Fatalf("SYN to the second address of a /31: verdict %d", ret)
		}
	}
}

// TestPartialChecksum: on a device that hands over partial checksums
// (veth), a TCP checksum field holding exactly the pseudo-header sum is
// what the sender's offload left, and the SYN is answered with a full
// checksum; any other wrong value is refused. Where partial checksums
// cannot arrive, the same field is a bad checksum.
func TestPartialChecksum(t *testing.T) {
	for _, partial := range []bool{false, true} {
		b := load(t, Config{Key: testKey, PartialChecksums: partial})
		for _, v6 := range []bool{false, true} {
			s := syn(v6, 33333, 22)
			f := s.frame(t)
			off := tcpField(s)
			binary.BigEndian.PutUint16(f[off:], pseudoSum(s, tcpHdrLen(f, s)))
			ret, out := runOut(t, b, f)
			switch {
			case partial && ret != xdpTX:
				t.Fatalf("v6=%v: a partial checksum on veth: verdict %d", v6, ret)
			case partial:
				checkAnswer(t, s, out)
			case ret != xdpPass:
				t.Fatalf("v6=%v: a partial checksum where none can arrive: verdict %d", v6, ret)
			}
			binary.BigEndian.PutUint16(f[off:], 0x1234)
			if ret, _ := runOut(t, b, f); ret != xdpPass {
				t.Fatalf("v6=%v partial=%v: checksum 0x1234: verdict %d", v6, partial, ret)
			}
		}
	}
}

// tcpHdrLen is the TCP header length of the frame built from s.
func tcpHdrLen(f []byte, s seg) int {
	l4 := tcpField(s) - 16
	return int(f[l4+12]>>4) * 4
}

// linuxAnswers are the refused SYNs that Linux does answer: a SYN from
// port 0 (the SYN-ACK goes to port 0). --bounce refuses it all the same,
// as issue 11 asks: no real client sends from port 0, scanners and
// reflection attacks do.
var linuxAnswers = map[string]bool{"v4/source-port-0": true, "v6/source-port-0": true}

// TestRefusedOnVeth sends each SYN of refusedSYNs from B with a raw
// socket, first to A's kernel with a listener on the port (offloads off,
// so A's kernel checks every checksum), then to the bounce stage (nothing
// listening, so the kernel would only reset). Neither answers any of
// them (but linuxAnswers); each one the stage saw it passed on to the
// program behind it.
// Real clients still complete their handshakes with the stage, and the
// faultless raw SYNs get SYN-ACKs from both.
func TestRefusedOnVeth(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	// Reverse-path filtering as systemd sets it (loose): a host then also
	// drops a source that is one of its broadcast addresses. With it off
	// Linux only refuses its own addresses as sources.
	p.MustRun(&p.A, "sysctl", "-q", "-w", "net.ipv4.conf.all.rp_filter=2", "net.ipv4.conf."+p.A.Dev+".rp_filter=2")
	other := "198.19.9.9"
	p.MustRun(&p.A, "ip", "addr", "add", other+"/16", "dev", p.A.Dev)
	testkit.PassXDP(t, p.B)
	// Both neighbour caches warm: A's answers go out at once.
	p.MustRun(&p.B, "ping", "-c", "1", "-W", "2", p.A.IP4.String())
	p.MustRun(&p.B, "ping", "-c", "1", "-W", "2", p.A.IP6.String())
	p.MustRun(&p.A, "ping", "-c", "1", "-W", "2", p.B.IP6.String())
	h := hosts{macA: p.A.MAC, macB: p.B.MAC, a4: p.A.IP4, b4: p.B.IP4, a6: p.A.IP6, b6: p.B.IP6,
		other: net.ParseIP(other), bcast: broadcastOf(t, p.A)}
	cases := refusedSYNs(t, h)
	good := []badFrame{{name: "v4/good", frame: h.syn(false, 41001, 80).frame(t), sport: 41001},
		{name: "v6/good", frame: h.syn(true, 41002, 80).frame(t), sport: 41002}}
	tx := packetSocket(t, p.B)
	rx := packetSocket(t, p.B)
	answers := func(f badFrame) int {
		t.Helper()
		got := make(chan int, 1)
		go func() {
			n, _ := synAcksTo(rx, p.A.MAC, f.sport, 250*time.Millisecond)
			got <- n
		}()
		time.Sleep(50 * time.Millisecond)
		if _, err := unix.Write(tx, f.frame); err != nil {
			t.Fatalf("sending %s: %v", f.name, err)
		}
		return <-got
	}

	// The kernel, with a listener on port 80.
	ln := testkit.Listen(t, p.A, "tcp", ":80")
	for _, f := range good {
		if n := answers(f); n != 1 {
			t.Fatalf("kernel: %s: %d SYN-ACKs, want 1 (the test's frames are wrong)", f.name, n)
		}
	}
	for _, f := range cases {
		want := 0
		if linuxAnswers[f.name] {
			want = 1
		}
		if n := answers(f); n != want {
			t.Errorf("kernel: %s: %d SYN-ACKs, want %d", f.name, n, want)
		}
	}
	ln.Close()

	// The stage, behind which a program counts what it passes on.
	chain, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.ProgramArray, KeySize: 4, ValueSize: 4, MaxEntries: 8})
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	counter, count := counterProg(t, false)
	if err := chain.Update(uint32(5), counter, ebpf.UpdateAny); err != nil {
		t.Fatal(err)
	}
	var nets []net.IPNet
	if err := p.A.Do(func() error {
		var err error
		nets, err = InterfaceNets(p.A.Ifindex)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	b := load(t, Config{Chain: chain, NextSlot: 5, Nets: nets, PartialChecksums: true})
	testkit.AttachXDP(t, p.A, b.Program())
	for _, f := range cases {
		st0, c0 := mustStats(t, b), readCounter(t, count)
		if n := answers(f); n != 0 {
			t.Errorf("bounce: %s: %d SYN-ACKs", f.name, n)
		}
		st, c := mustStats(t, b), readCounter(t, count)
		if st.Refused != st0.Refused+1 || st.Answered != st0.Answered || c < c0+1 {
			t.Errorf("bounce: %s: refused +%d answered +%d, program behind +%d", f.name, st.Refused-st0.Refused, st.Answered-st0.Answered, c-c0)
		}
	}
	for _, f := range good {
		if n := answers(f); n != 1 {
			t.Errorf("bounce: %s: %d SYN-ACKs, want 1", f.name, n)
		}
	}
	for _, ip := range []net.IP{p.A.IP4, p.A.IP6} {
		if err := dial(p.B, ip, 80); err != nil {
			t.Errorf("a real client to %s: %v", ip, err)
		}
	}
}

// broadcastOf is the broadcast address of h's first IPv4 prefix.
func broadcastOf(t testing.TB, h testhost.Host) net.IP {
	t.Helper()
	var nets []net.IPNet
	if err := h.Do(func() error {
		var err error
		nets, err = InterfaceNets(h.Ifindex)
		return err
	}); err != nil || len(nets) == 0 {
		t.Fatalf("prefixes of %s: %v %v", h.Dev, nets, err)
	}
	n := nets[0]
	b := make(net.IP, 4)
	for i := range b {
		b[i] = n.IP.To4()[i] | ^n.Mask[i]
	}
	return b
}

// synAcksTo counts, for d, the SYN-ACKs from mac to TCP port dport.
func synAcksTo(fd int, mac net.HardwareAddr, dport uint16, d time.Duration) (int, error) {
	tv := unix.NsecToTimeval((50 * time.Millisecond).Nanoseconds())
	if err := unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
		return 0, err
	}
	buf := make([]byte, 65536)
	n := 0
	for end := time.Now().Add(d); time.Now().Before(end); {
		k, _, err := unix.Recvfrom(fd, buf, 0)
		if err == unix.EAGAIN || err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, err
		}
		f := buf[:k]
		if !isSynAck(f, mac) {
			continue
		}
		l4 := 14 + 20
		if binary.BigEndian.Uint16(f[12:]) == 0x86dd {
			l4 = 14 + 40
		}
		if binary.BigEndian.Uint16(f[l4+2:]) == dport {
			n++
		}
	}
	return n, nil
}

// TestPeerNote: the peer of a veth is found across namespaces, and the
// note is there exactly while the peer runs no XDP program.
func TestPeerNote(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	var peer *VethPeer
	var note string
	look := func() {
		t.Helper()
		if err := p.A.Do(func() error {
			var err error
			peer, err = PeerOf(p.A.Ifindex)
			note = PeerNote(p.A.Ifindex)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	look()
	if peer == nil || peer.Name != p.B.Dev || !peer.OtherNamespace || peer.XDP || !strings.Contains(note, p.B.Dev+" runs no XDP program") {
		t.Fatalf("peer %+v, note %q", peer, note)
	}
	testkit.PassXDP(t, p.B)
	look()
	if peer == nil || !peer.XDP || note != "" {
		t.Fatalf("with XDP on the peer: %+v, note %q", peer, note)
	}
	if err := p.A.Do(func() error {
		lo, err := PeerOf(1)
		if lo != nil || err != nil {
			return fmt.Errorf("lo: %+v %v", lo, err)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
