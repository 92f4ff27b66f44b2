package bounce

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/ringbuf"
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

const (
	xdpDrop = 1
	xdpPass = 2
	xdpTX   = 3
)

var testKey = [16]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}

func load(t testing.TB, c Config) *Bounce {
	t.Helper()
	testhost.Require(t)
	b, err := Load(c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func runOut(t testing.TB, b *Bounce, frame []byte) (uint32, []byte) {
	t.Helper()
	out := make([]byte, len(frame)+256)
	opts := &ebpf.RunOptions{Data: append([]byte(nil), frame...), DataOut: out}
	ret, err := b.Program().Run(opts)
	if err != nil {
		t.Fatalf("test run: %v", err)
	}
	return ret, opts.DataOut
}

func stats(t testing.TB, b *Bounce) Stats {
	t.Helper()
	s, err := b.Stats()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkAnswer verifies that out is the SYN-ACK to the SYN s.
func checkAnswer(t *testing.T, s seg, out []byte) {
	t.Helper()
	l3 := s.l3Offset()
	l3len := 20
	if s.v6 {
		l3len = 40
	}
	if len(out) != l3+l3len+40 {
		t.Fatalf("answer is %d bytes, want %d", len(out), l3+l3len+40)
	}
	checksumsOK(t, out, l3)

	p := gopacket.NewPacket(out, layers.LayerTypeEthernet, gopacket.Default)
	if el := p.ErrorLayer(); el != nil {
		t.Fatalf("answer does not decode: %v", el.Error())
	}
	eth := p.Layer(layers.LayerTypeEthernet).(*layers.Ethernet)
	if !bytes.Equal(eth.SrcMAC, s.dstMAC) || !bytes.Equal(eth.DstMAC, s.srcMAC) {
		t.Errorf("MACs %s -> %s not swapped", eth.SrcMAC, eth.DstMAC)
	}
	var tags []uint16
	for _, l := range p.Layers() {
		if q, ok := l.(*layers.Dot1Q); ok {
			tags = append(tags, q.VLANIdentifier)
		}
	}
	if len(tags) != len(s.vlans) || (len(tags) > 0 && tags[0] != s.vlans[0]) {
		t.Errorf("VLAN tags %v, want %v", tags, s.vlans)
	}
	if s.v6 {
		ip, _ := p.Layer(layers.LayerTypeIPv6).(*layers.IPv6)
		if ip == nil {
			t.Fatal("no IPv6 header in the answer")
		}
		if !ip.SrcIP.Equal(s.dst) || !ip.DstIP.Equal(s.src) || ip.HopLimit != 64 || ip.NextHeader != layers.IPProtocolTCP {
			t.Errorf("IPv6 header %s -> %s hop limit %d next %d", ip.SrcIP, ip.DstIP, ip.HopLimit, ip.NextHeader)
		}
	} else {
		ip, _ := p.Layer(layers.LayerTypeIPv4).(*layers.IPv4)
		if ip == nil {
			t.Fatal("no IPv4 header in the answer")
		}
		if !ip.SrcIP.Equal(s.dst) || !ip.DstIP.Equal(s.src) || ip.TTL != 64 || ip.IHL != 5 || ip.Length != 60 {
			t.Errorf("IPv4 header %s -> %s ttl %d ihl %d len %d", ip.SrcIP, ip.DstIP, ip.TTL, ip.IHL, ip.Length)
		}
	}
	tcp, _ := p.Layer(layers.LayerTypeTCP).(*layers.TCP)
	if tcp == nil {
		t.Fatal("no TCP header in the answer")
	}
	if uint16(tcp.SrcPort) != s.dport || uint16(tcp.DstPort) != s.sport {
		t.Errorf("ports %d -> %d not swapped", tcp.SrcPort, tcp.DstPort)
	}
	if !tcp.SYN || !tcp.ACK || tcp.RST || tcp.FIN || tcp.PSH || tcp.URG || tcp.ECE || tcp.CWR {
		t.Errorf("flags of the answer are not exactly SYN+ACK: %v", tcp)
	}
	if tcp.Ack != s.seq+1 {
		t.Errorf("ack %d, want %d", tcp.Ack, s.seq+1)
	}
	if want := expectedISN(testKey, s.src, s.dst, s.sport, s.dport); tcp.Seq != want {
		t.Errorf("seq %#x, want SipHash cookie %#x", tcp.Seq, want)
	}
	if tcp.DataOffset != 10 || len(tcp.Payload) != 0 {
		t.Errorf("data offset %d, payload %d bytes", tcp.DataOffset, len(tcp.Payload))
	}
	// The options: MSS always; the others exactly when the SYN had them.
	var offered = map[layers.TCPOptionKind][]byte{}
	for _, o := range s.opts {
		offered[o.OptionType] = o.OptionData
	}
	got := map[layers.TCPOptionKind][]byte{}
	for _, o := range tcp.Options {
		if o.OptionType == layers.TCPOptionKindNop {
			continue
		}
		got[o.OptionType] = o.OptionData
	}
	mss, ok := got[layers.TCPOptionKindMSS]
	if !ok || len(mss) != 2 {
		t.Errorf("no MSS option in %v", tcp.Options)
	} else {
		want := uint16(1460)
		if s.v6 {
			want = 1440
		}
		if c, ok := offered[layers.TCPOptionKindMSS]; ok && binary.BigEndian.Uint16(c) < want {
			want = binary.BigEndian.Uint16(c)
		}
		if g := binary.BigEndian.Uint16(mss); g != want {
			t.Errorf("MSS %d, want %d", g, want)
		}
	}
	for _, k := range []layers.TCPOptionKind{layers.TCPOptionKindSACKPermitted, layers.TCPOptionKindWindowScale, layers.TCPOptionKindTimestamps} {
		_, o := offered[k]
		_, g := got[k]
		if o != g {
			t.Errorf("option %v: offered %v, answered %v", k, o, g)
		}
	}
	if ts, ok := got[layers.TCPOptionKindTimestamps]; ok {
		if !bytes.Equal(ts[4:8], offered[layers.TCPOptionKindTimestamps][0:4]) {
			t.Errorf("TSecr %x does not echo TSval %x", ts[4:8], offered[layers.TCPOptionKindTimestamps][0:4])
		}
	}
	delete(offered, layers.TCPOptionKindNop)
	delete(offered, layers.TCPOptionKindMSS)
	if len(got) != 1+len(offered) {
		t.Errorf("answer options %v for offered %v", tcp.Options, s.opts)
	}
}

// TestAnswers runs the stage on SYNs of every shape it answers and checks
// every field of the SYN-ACK, checksums by our own arithmetic, the
// sequence number against SipHash-2-4 computed in Go, and that the rest of
// the handshake is dropped.
func TestAnswers(t *testing.T) {
	for _, frags := range []bool{false, true} {
		b := load(t, Config{Frags: frags, Key: testKey})
		type tc struct {
			name string
			s    seg
		}
		var cases []tc
		for _, v6 := range []bool{false, true} {
			fam := "v4"
			if v6 {
				fam = "v6"
			}
			base := syn(v6, 40000, 80)
			cases = append(cases, tc{fam + "/linux-options", base})
			s := base
			s.vlans = []uint16{10}
			cases = append(cases, tc{fam + "/vlan", s})
			s = base
			s.vlans = []uint16{20, 10}
			cases = append(cases, tc{fam + "/qinq", s})
			s = base
			s.opts = nil
			cases = append(cases, tc{fam + "/no-options", s}) // answer grows the frame
			s = base
			s.opts = []layers.TCPOption{{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: []byte{0x02, 0x00}}} // MSS 512
			cases = append(cases, tc{fam + "/mss-only", s})
			s = base
			s.opts = []layers.TCPOption{{OptionType: layers.TCPOptionKindWindowScale, OptionLength: 3, OptionData: []byte{2}},
				{OptionType: layers.TCPOptionKindNop}, {OptionType: layers.TCPOptionKindNop},
				{OptionType: layers.TCPOptionKindSACKPermitted, OptionLength: 2}}
			cases = append(cases, tc{fam + "/ws-sack", s})
			s = base
			s.pad = 18 // Ethernet padding to trim
			cases = append(cases, tc{fam + "/padded", s})
			s = base
			s.sport, s.dport, s.seq = 1, 65535, 0xffffffff // ack wraps to 0
			cases = append(cases, tc{fam + "/edge-ports", s})
		}
		for _, c := range cases {
			t.Run(map[bool]string{false: "xdp", true: "frags"}[frags]+"/"+c.name, func(t *testing.T) {
				before := stats(t, b)
				ret, out := runOut(t, b, c.s.frame(t))
				if ret != xdpTX {
					t.Fatalf("verdict %d, want XDP_TX", ret)
				}
				checkAnswer(t, c.s, out)
				if d := stats(t, b).Answered - before.Answered; d != 1 {
					t.Errorf("answered counter grew by %d", d)
				}

				// The rest of the handshake: the client's segments with
				// ack == our seq + 1 are dropped, others pass.
				isn := expectedISN(testKey, c.s.src, c.s.dst, c.s.sport, c.s.dport)
				ack := c.s
				ack.vlans, ack.pad = c.s.vlans, 0
				ack.syn, ack.ack_, ack.seq, ack.ack, ack.opts = false, true, c.s.seq+1, isn+1, nil
				follow := []struct {
					name string
					mod  func(*seg)
					want uint32
				}{
					{"final-ack", func(*seg) {}, xdpDrop},
					{"data", func(s *seg) { s.psh, s.payload = true, []byte("hello") }, xdpDrop},
					{"fin", func(s *seg) { s.fin = true }, xdpDrop},
					{"rst-ack", func(s *seg) { s.rst = true }, xdpDrop},
					{"wrong-ack", func(s *seg) { s.ack = isn + 2 }, xdpPass},
					{"other-port", func(s *seg) { s.dport++ }, xdpPass},
					{"rst-no-ack", func(s *seg) { s.rst, s.ack_, s.ack = true, false, 0 }, xdpPass},
				}
				for _, f := range follow {
					s := ack
					f.mod(&s)
					before := stats(t, b)
					in := s.frame(t)
					ret, out := runOut(t, b, in)
					if ret != f.want {
						t.Errorf("%s: verdict %d, want %d", f.name, ret, f.want)
					}
					if !bytes.Equal(in, out) {
						t.Errorf("%s: frame changed", f.name)
					}
					after := stats(t, b)
					dropped := (after.AcksDropped + after.RstsDropped + after.OthersDropped) - (before.AcksDropped + before.RstsDropped + before.OthersDropped)
					passed := after.Passed - before.Passed
					if (f.want == xdpDrop) != (dropped == 1) || (f.want == xdpPass) != (passed == 1) {
						t.Errorf("%s: dropped +%d passed +%d", f.name, dropped, passed)
					}
				}
			})
		}
		st := stats(t, b)
		if st.AcksDropped == 0 || st.RstsDropped == 0 || st.OthersDropped == 0 {
			t.Errorf("counters %+v", st)
		}
	}
}

// TestMalformed: nothing unusual is answered, nothing is changed, and the
// frame goes on down the chain.
func TestMalformed(t *testing.T) {
	b := load(t, Config{Key: testKey})
	for _, c := range append(malformed(t), notUnicast(t)...) {
		t.Run(c.name, func(t *testing.T) {
			before := stats(t, b)
			ret, out := runOut(t, b, c.frame)
			if ret != xdpPass {
				t.Errorf("verdict %d, want XDP_PASS", ret)
			}
			if !bytes.Equal(out, c.frame) {
				t.Errorf("frame changed:\n%x\n%x", c.frame, out)
			}
			after := stats(t, b)
			if after.Passed != before.Passed+1 || after.Answered != before.Answered {
				t.Errorf("passed +%d answered +%d", after.Passed-before.Passed, after.Answered-before.Answered)
			}
		})
	}
}

// notUnicast returns SYNs to or from group addresses, which no host
// answers (kept apart from malformed: their MAC addresses matter).
func notUnicast(t testing.TB) []badFrame {
	var out []badFrame
	s := syn(false, 40002, 80)
	s.dstMAC = net.HardwareAddr{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	out = append(out, badFrame{name: "broadcast-mac", frame: s.frame(t)})
	s = syn(false, 40002, 80)
	s.dst = net.IPv4(255, 255, 255, 255).To4()
	out = append(out, badFrame{name: "v4/limited-broadcast", frame: s.frame(t)})
	s = syn(false, 40002, 80)
	s.dst = net.IPv4(224, 0, 0, 1).To4()
	out = append(out, badFrame{name: "v4/multicast-dst", frame: s.frame(t)})
	s = syn(false, 40002, 80)
	s.src = net.IPv4(239, 1, 2, 3).To4()
	out = append(out, badFrame{name: "v4/multicast-src", frame: s.frame(t)})
	s = syn(false, 40002, 80)
	s.src = net.IPv4(0, 0, 0, 0).To4()
	out = append(out, badFrame{name: "v4/zero-src", frame: s.frame(t)})
	s = syn(true, 40002, 80)
	s.dst = net.ParseIP("ff02::1")
	out = append(out, badFrame{name: "v6/multicast-dst", frame: s.frame(t)})
	s = syn(true, 40002, 80)
	s.src = net.ParseIP("ff05::2")
	out = append(out, badFrame{name: "v6/multicast-src", frame: s.frame(t)})
	return out
}

type badFrame struct {
	name  string
	frame []byte
	sport uint16 // the SYN's source port, when a test matches answers to it
}

// malformed returns SYN-like frames the stage must not answer (all at
// least 14 bytes: BPF_PROG_TEST_RUN needs an Ethernet header).
func malformed(t testing.TB) []badFrame {
	var out []badFrame
	add := func(name string, f []byte) { out = append(out, badFrame{name: name, frame: f}) }
	for _, v6 := range []bool{false, true} {
		fam := "v4/"
		l4 := 14 + 20
		if v6 {
			fam, l4 = "v6/", 14+40
		}
		s := syn(v6, 40001, 80)
		good := s.frame(t)

		add(fam+"truncated-tcp", good[:l4+12])
		f := append([]byte(nil), good[:l4+12]...)
		if v6 {
			binary.BigEndian.PutUint16(f[14+4:], 12)
		} else {
			binary.BigEndian.PutUint16(f[14+2:], 20+12)
		}
		add(fam+"short-tcp-consistent-length", f)
		add(fam+"truncated-ip", good[:14+10])
		f = append([]byte(nil), good...)
		f[l4+12] = 4 << 4
		add(fam+"data-offset-4", f)
		f = append([]byte(nil), good...)
		f[l4+12] = 15 << 4
		add(fam+"data-offset-beyond-segment", f)
		f = append([]byte(nil), good...)
		if v6 {
			binary.BigEndian.PutUint16(f[14+4:], uint16(len(good)-14-40+8))
		} else {
			binary.BigEndian.PutUint16(f[14+2:], uint16(len(good)-14+8))
		}
		add(fam+"length-beyond-frame", f)

		p := s
		p.payload = []byte("x")
		add(fam+"syn-with-payload", p.frame(t))
		for _, fl := range []struct {
			n string
			m func(*seg)
		}{
			{"syn-ack", func(s *seg) { s.ack_ = true }},
			{"syn-rst", func(s *seg) { s.rst = true }},
			{"syn-fin", func(s *seg) { s.fin = true }},
		} {
			p := s
			fl.m(&p)
			add(fam+fl.n, p.frame(t))
		}
		p = s
		p.vlans = []uint16{30, 20, 10}
		add(fam+"three-vlan-tags", p.frame(t))
		p = s
		p.vlans = []uint16{10}
		add(fam+"truncated-vlan", p.frame(t)[:16])

		if v6 {
			// A hop-by-hop options header between IPv6 and TCP.
			f := append([]byte(nil), good[:14+40]...)
			f = append(f, 6, 0, 1, 4, 0, 0, 0, 0)
			f = append(f, good[14+40:]...)
			f[14+6] = 0
			binary.BigEndian.PutUint16(f[14+4:], uint16(len(f)-14-40))
			add(fam+"extension-header", f)
			f = append([]byte(nil), good...)
			f[14] = 0x40 // version 4 in an IPv6 frame
			add(fam+"bad-version", f)
		} else {
			p := s
			p.ipv4Opts = []layers.IPv4Option{{OptionType: 0x94, OptionLength: 4, OptionData: []byte{0, 0}}}
			add(fam+"ip-options", p.frame(t))
			p = s
			p.ipFlags = layers.IPv4MoreFragments
			add(fam+"more-fragments", p.frame(t))
			p = s
			p.fragOff = 100
			add(fam+"fragment-offset", p.frame(t))
			f := append([]byte(nil), good...)
			f[14+9] = 17 // UDP
			add(fam+"not-tcp", f)
			f = append([]byte(nil), good...)
			f[14] = 0x65 // version 6 in an IPv4 frame
			add(fam+"bad-version", f)
		}
	}
	arp := make([]byte, 42)
	copy(arp, macA)
	copy(arp[6:], macB)
	arp[12], arp[13] = 0x08, 0x06
	add("arp", arp)
	return out
}

// TestFilter: with a bounce filter, only the SYNs it matches are answered.
func TestFilter(t *testing.T) {
	b := load(t, Config{Key: testKey, Filter: "dst port 80"})
	for _, v6 := range []bool{false, true} {
		s := syn(v6, 40000, 80)
		if ret, out := runOut(t, b, s.frame(t)); ret != xdpTX {
			t.Errorf("port 80: verdict %d", ret)
		} else {
			checkAnswer(t, s, out)
		}
		s.dport = 81
		if ret, _ := runOut(t, b, s.frame(t)); ret != xdpPass {
			t.Errorf("port 81: verdict %d", ret)
		}
	}
	_, err := Load(Config{Filter: "dst port"})
	if err == nil || !strings.Contains(err.Error(), "--bounce-filter: ") {
		t.Errorf("bad filter: %v", err)
	}
}

// TestRate: the token bucket answers a burst of Rate SYNs, then about Rate
// per second; the rest pass on and are counted.
func TestRate(t *testing.T) {
	const rate, n = 4, 40
	b := load(t, Config{Key: testKey, Rate: rate})
	f := syn(false, 40000, 80).frame(t)
	start := time.Now()
	tx := 0
	for i := 0; i < n; i++ {
		ret, _ := runOut(t, b, f)
		switch ret {
		case xdpTX:
			tx++
		case xdpPass:
		default:
			t.Fatalf("verdict %d", ret)
		}
	}
	el := time.Since(start).Seconds()
	max := rate + int(math.Ceil(el*rate))
	if tx < rate || tx > max {
		t.Errorf("%d of %d SYNs answered in %.3fs at rate %d/s, want %d..%d", tx, n, el, rate, rate, max)
	}
	st := stats(t, b)
	if st.Answered != uint64(tx) || st.RateLimited != uint64(n-tx) || st.Passed != uint64(n-tx) {
		t.Errorf("stats %+v after %d answers", st, tx)
	}
	if _, err := Load(Config{Rate: MaxRate + 1}); err == nil {
		t.Error("a rate above MaxRate loaded")
	}
}

// TestRecordTX: with RecordTX each answer is written to the ring with the
// XDP_TX hook and verdict, bytes as sent.
func TestRecordTX(t *testing.T) {
	b := load(t, Config{Key: testKey, RecordTX: true})
	rd, err := ringbuf.NewReader(b.Ring())
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	for _, v6 := range []bool{false, true} {
		s := syn(v6, 40000, 443)
		s.vlans = []uint16{7}
		ret, out := runOut(t, b, s.frame(t))
		if ret != xdpTX {
			t.Fatalf("verdict %d", ret)
		}
		rd.SetDeadline(time.Now().Add(5 * time.Second))
		rec, err := rd.Read()
		if err != nil {
			t.Fatalf("reading the ring: %v", err)
		}
		r := rec.RawSample
		if len(r) < 48 {
			t.Fatalf("record of %d bytes", len(r))
		}
		capLen := binary.LittleEndian.Uint32(r[12:])
		origLen := binary.LittleEndian.Uint32(r[8:])
		hook := binary.LittleEndian.Uint16(r[24:])
		verdict := binary.LittleEndian.Uint16(r[26:])
		if hook != 2 || verdict != xdpTX || capLen != uint32(len(out)) || origLen != capLen {
			t.Errorf("record header hook %d verdict %d cap %d orig %d, answer %d bytes", hook, verdict, capLen, origLen, len(out))
		}
		if len(r) < 48+int(capLen) || !bytes.Equal(r[48:48+capLen], out) {
			t.Errorf("recorded bytes differ from the answer")
		}
	}
	if st := stats(t, b); st.TXRecorded != 2 || st.TXLost != 0 {
		t.Errorf("stats %+v", st)
	}
	// Nothing else is recorded.
	runOut(t, b, malformed(t)[0].frame)
	rd.SetDeadline(time.Now().Add(200 * time.Millisecond))
	if _, err := rd.Read(); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("want no record, got error %v", err)
	}
}

// TestSipHashVector checks the Go SipHash against the paper's test vector.
func TestSipHashVector(t *testing.T) {
	msg := make([]byte, 15)
	for i := range msg {
		msg[i] = byte(i)
	}
	if got := sipHash24(testKey, msg); got != 0xa129ca6149be45e5 {
		t.Fatalf("SipHash-2-4 vector: %#x", got)
	}
}

// TestConfigErrors: bad configurations are one clear error.
func TestConfigErrors(t *testing.T) {
	testhost.Require(t)
	if _, err := Load(Config{NextSlot: 8}); err == nil || !strings.Contains(err.Error(), "slot") {
		t.Errorf("slot 8: %v", err)
	}
	arr, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.Array, KeySize: 4, ValueSize: 4, MaxEntries: 8})
	if err != nil {
		t.Fatal(err)
	}
	defer arr.Close()
	if _, err := Load(Config{Chain: arr}); err == nil {
		t.Error("an array as the chain loaded")
	}
	if _, err := Load(Config{Ring: arr}); err == nil {
		t.Error("an array as the ring loaded")
	}
}
