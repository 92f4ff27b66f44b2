package filter

import (
	"encoding/binary"
	"fmt"
	"math/rand"
	"net"
)

// The frames of the differential test, built by hand byte by byte so that
// every field is what the test says (no checksums: filters do not read
// them, and libpcap sees the same bytes as the kernel).

type frame struct {
	name string
	data []byte
}

var (
	macA     = mustMAC("02:00:00:00:00:01")
	macB     = mustMAC("02:00:00:00:00:02")
	macBcast = mustMAC("ff:ff:ff:ff:ff:ff")
	macMc4   = mustMAC("01:00:5e:00:00:fb")
	macMc6   = mustMAC("33:33:00:00:00:01")
)

func mustMAC(s string) net.HardwareAddr {
	m, err := net.ParseMAC(s)
	if err != nil {
		panic(err)
	}
	return m
}

func be16(v int) []byte { return binary.BigEndian.AppendUint16(nil, uint16(v)) }

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// eth builds an Ethernet frame; tags are 802.1Q/802.1ad tags, outermost
// first: {tpid, tci}.
func eth(dst, src net.HardwareAddr, etype int, payload []byte, tags ...[2]int) []byte {
	b := cat(dst, src)
	for _, t := range tags {
		b = cat(b, be16(t[0]), be16(t[1]))
	}
	return cat(b, be16(etype), payload)
}

type ip4opts struct {
	opts     []byte // IP options, padded to 4 bytes by the caller
	fragOff  int    // in 8-byte units
	mf, df   bool
	ttl, tos int
}

func ipv4(src, dst string, proto int, payload []byte, o ip4opts) []byte {
	ihl := 5 + len(o.opts)/4
	h := make([]byte, 20)
	h[0] = byte(0x40 | ihl)
	h[1] = byte(o.tos)
	binary.BigEndian.PutUint16(h[2:], uint16(ihl*4+len(payload)))
	binary.BigEndian.PutUint16(h[4:], 0x1234)
	f := o.fragOff & 0x1fff
	if o.mf {
		f |= 0x2000
	}
	if o.df {
		f |= 0x4000
	}
	binary.BigEndian.PutUint16(h[6:], uint16(f))
	ttl := o.ttl
	if ttl == 0 {
		ttl = 64
	}
	if ttl < 0 {
		ttl = 0
	}
	h[8] = byte(ttl)
	h[9] = byte(proto)
	copy(h[12:], net.ParseIP(src).To4())
	copy(h[16:], net.ParseIP(dst).To4())
	return cat(h, o.opts, payload)
}

// ipv6 builds an IPv6 packet; ext are extension headers as {type, body}
// where body excludes the next-header byte (and the length byte, which is
// computed), in the order they appear.
func ipv6(src, dst string, proto int, payload []byte, ext ...[]byte) []byte {
	// ext[i][0] is the header type of extension i.
	var chain []byte
	next := proto
	for i := len(ext) - 1; i >= 0; i-- {
		typ := int(ext[i][0])
		body := ext[i][1:]
		var hdr []byte
		if typ == 44 { // fragment header: fixed 8 bytes, reserved length
			hdr = cat([]byte{byte(next), 0}, body)
		} else {
			n := 2 + len(body)
			pad := (8 - n%8) % 8
			hdr = cat([]byte{byte(next), byte((n + pad - 8) / 8)}, body, make([]byte, pad))
		}
		chain = cat(hdr, chain)
		next = typ
	}
	h := make([]byte, 40)
	h[0] = 0x60
	h[1] = 0x00
	binary.BigEndian.PutUint16(h[4:], uint16(len(chain)+len(payload)))
	h[6] = byte(next)
	h[7] = 64
	copy(h[8:], net.ParseIP(src).To16())
	copy(h[24:], net.ParseIP(dst).To16())
	return cat(h, chain, payload)
}

const (
	fFIN = 1 << iota
	fSYN
	fRST
	fPSH
	fACK
	fURG
	fECE
	fCWR
)

func tcp(sport, dport, flags int, opts, payload []byte) []byte {
	h := make([]byte, 20)
	binary.BigEndian.PutUint16(h[0:], uint16(sport))
	binary.BigEndian.PutUint16(h[2:], uint16(dport))
	binary.BigEndian.PutUint32(h[4:], 0x01020304)
	binary.BigEndian.PutUint32(h[8:], 0x0a0b0c0d)
	h[12] = byte((5 + len(opts)/4) << 4)
	h[13] = byte(flags)
	binary.BigEndian.PutUint16(h[14:], 65535)
	return cat(h, opts, payload)
}

func udp(sport, dport int, payload []byte) []byte {
	return cat(be16(sport), be16(dport), be16(8+len(payload)), be16(0), payload)
}

func icmp(typ, code int, payload []byte) []byte {
	return cat([]byte{byte(typ), byte(code), 0, 0, 0, 1, 0, 1}, payload)
}

func sctp(sport, dport int) []byte {
	// common header, then an INIT chunk
	return cat(be16(sport), be16(dport), []byte{0, 0, 0, 0, 0, 0, 0, 0},
		[]byte{1, 0, 0, 20}, []byte{0, 0, 0, 1, 0, 1, 0, 0, 0, 10, 0, 10, 0, 0, 0, 1})
}

func gre(proto int, payload []byte) []byte { return cat([]byte{0, 0}, be16(proto), payload) }

func arp(op int, sha net.HardwareAddr, spa string, tha net.HardwareAddr, tpa string) []byte {
	return cat(be16(1), be16(0x0800), []byte{6, 4}, be16(op), sha, net.ParseIP(spa).To4(), tha, net.ParseIP(tpa).To4())
}

func mpls(payload []byte, labels ...int) []byte {
	var b []byte
	for i, l := range labels {
		v := uint32(l)<<12 | 64
		if i == len(labels)-1 {
			v |= 1 << 8 // bottom of stack
		}
		b = binary.BigEndian.AppendUint32(b, v)
	}
	return cat(b, payload)
}

func pppoeSession(sid int, ip []byte) []byte {
	return cat([]byte{0x11, 0}, be16(sid), be16(2+len(ip)), be16(0x0021), ip)
}

func payloadOf(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = seed + byte(i*7)
	}
	return b
}

// testFrames returns the frames of the differential test, in a fixed order.
func testFrames() []frame {
	var fs []frame
	add := func(name string, data []byte) { fs = append(fs, frame{name, data}) }
	r := rand.New(rand.NewSource(1))

	v4 := [][2]string{{"10.77.0.1", "10.77.0.2"}, {"10.77.0.2", "10.77.0.1"}, {"192.168.1.10", "8.8.8.8"},
		{"10.0.0.7", "224.0.0.251"}, {"172.20.1.1", "255.255.255.255"}, {"10.0.1.9", "192.168.9.9"}, {"8.8.8.8", "192.168.1.10"}}
	v6 := [][2]string{{"fd77::1", "fd77::2"}, {"fd77::2", "fd77::1"}, {"2001:db8::1", "ff02::1"}, {"fe80::1", "2001:db8:1::5"}}
	macs := [][2]net.HardwareAddr{{macB, macA}, {macA, macB}, {macBcast, macA}, {macMc4, macB}, {macMc6, macA}}
	ports := [][2]int{{40000, 80}, {80, 40000}, {51000, 443}, {12345, 22}, {53, 5353}, {5353, 53}, {1024, 8080},
		{123, 123}, {60000, 9899}, {1000 + 7*5, 33000}, {8500, 999}, {443, 51000}, {5353, 60001}}
	tcpFlags := []int{fSYN, fSYN | fACK, fACK, fACK | fPSH, fFIN | fACK, fRST, fURG | fACK, fECE | fCWR | fSYN, 0}
	tcpOpts := [][]byte{nil, {2, 4, 5, 0xb4, 1, 1, 4, 2}, {2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7}}
	l4 := func(i int, v6 bool) (int, []byte, string) {
		p := ports[r.Intn(len(ports))]
		switch i % 6 {
		case 0, 1:
			var pl []byte
			if r.Intn(3) == 0 {
				pl = []byte("GET / HTTP/1.1\r\n")
			}
			return 6, tcp(p[0], p[1], tcpFlags[r.Intn(len(tcpFlags))], tcpOpts[r.Intn(len(tcpOpts))], pl), "tcp"
		case 2, 3:
			return 17, udp(p[0], p[1], cat([]byte{0x12, 0x34, 0x56, 0x78}, payloadOf(r.Intn(200), byte(i)))), "udp"
		case 4:
			if v6 {
				return 58, icmp([]int{128, 129, 135, 136, 134, 1}[r.Intn(6)], r.Intn(3), payloadOf(16, 1)), "icmp6"
			}
			return 1, icmp([]int{8, 0, 3, 11, 5}[r.Intn(5)], r.Intn(4), payloadOf(28, 2)), "icmp"
		default:
			if r.Intn(2) == 0 {
				return 132, sctp(p[0], p[1]), "sctp"
			}
			inner := ipv4("10.77.0.1", "10.77.0.2", 6, tcp(1234, 80, fSYN, nil, nil), ip4opts{})
			return 47, gre(0x0800, inner), "gre"
		}
	}
	// IPv4 and IPv6 over plain Ethernet, 802.1Q and QinQ.
	tagsets := [][][2]int{nil, {{0x8100, 100}}, {{0x8100, 0x2000 | 200}}, {{0x88a8, 100}, {0x8100, 200}}, {{0x8100, 300}, {0x8100, 100}}}
	pickTags := func() [][2]int {
		if r.Intn(2) == 0 {
			return nil
		}
		return tagsets[r.Intn(len(tagsets))]
	}
	for i := 0; i < 140; i++ {
		a := v4[r.Intn(len(v4))]
		m := macs[r.Intn(len(macs))]
		tags := pickTags()
		proto, pl, n := l4(i, false)
		o := ip4opts{ttl: []int{64, 1, 128, 255, -1}[i%5], tos: []int{0, 0xb8, 0x10}[i%3], df: i%2 == 0}
		if i%7 == 3 {
			o.opts = []byte{0x94, 4, 0, 0} // router alert
		}
		if i%11 == 4 {
			o.opts = []byte{0x07, 11, 4, 10, 0, 0, 1, 0, 0, 0, 0, 0} // record route, padded
		}
		add(fmt.Sprintf("ip4 %s %v tags%d", n, a, len(tags)), eth(m[0], m[1], 0x0800, ipv4(a[0], a[1], proto, pl, o), tags...))
	}
	exts := [][][]byte{nil,
		{{0, 5, 2, 0, 0}},                               // hop-by-hop with router alert
		{{43, 0, 1, 0, 0, 0, 0}},                        // routing header
		{{60, 1, 4, 0, 0, 0, 0}},                        // destination options
		{{0, 1, 0}, {60, 1, 0}, {43, 0, 0, 0, 0, 0, 0}}, // three of them
		{{44, 0, 0, 0, 0, 0, 1}},                        // atomic fragment
		{{44, 0x05, 0x01, 0, 0, 0, 2}},                  // later fragment, offset 160
		{{44, 0, 1, 0, 0, 0, 3}},                        // first fragment, M set
	}
	for i := 0; i < 120; i++ {
		a := v6[r.Intn(len(v6))]
		m := macs[r.Intn(len(macs))]
		tags := pickTags()
		proto, pl, n := l4(i, true)
		var ext [][]byte
		if r.Intn(2) == 0 {
			ext = exts[r.Intn(len(exts))]
		}
		add(fmt.Sprintf("ip6 %s %v ext%d tags%d", n, a, len(ext), len(tags)), eth(m[0], m[1], 0x86dd, ipv6(a[0], a[1], proto, pl, ext...), tags...))
	}
	// IPv4 fragments.
	for i := 0; i < 20; i++ {
		a := v4[i%len(v4)]
		o := ip4opts{fragOff: []int{0, 185, 370, 1}[i%4], mf: i%3 != 2}
		proto, pl, n := l4(i, false)
		add(fmt.Sprintf("ip4 frag %s off %d mf %v", n, o.fragOff, o.mf), eth(macB, macA, 0x0800, ipv4(a[0], a[1], proto, pl, o)))
	}
	// ARP and RARP.
	for i := 0; i < 24; i++ {
		a := v4[i%3]
		op := 1 + i%2
		etype := 0x0806
		if i%4 == 3 {
			etype, op = 0x8035, 3+(i/4)%2
		}
		dst, tha := macBcast, mustMAC("00:00:00:00:00:00")
		if op == 2 {
			dst, tha = macB, macB
		}
		var tags [][2]int
		if i%5 == 4 {
			tags = [][2]int{{0x8100, 100}}
		}
		add(fmt.Sprintf("arp op %d %v", op, a), eth(dst, macA, etype, arp(op, macA, a[0], tha, a[1]), tags...))
	}
	// MPLS stacks.
	for i := 0; i < 20; i++ {
		a := v4[i%len(v4)]
		labels := [][]int{{100}, {100, 200}, {200, 100, 300}, {16}}[i%4]
		var inner []byte
		if i%3 == 2 {
			b := v6[i%len(v6)]
			proto, pl, _ := l4(i, true)
			inner = ipv6(b[0], b[1], proto, pl)
		} else {
			proto, pl, _ := l4(i, false)
			inner = ipv4(a[0], a[1], proto, pl, ip4opts{})
		}
		var tags [][2]int
		if i%5 == 1 {
			tags = [][2]int{{0x8100, 100}}
		}
		add(fmt.Sprintf("mpls %v", labels), eth(macB, macA, 0x8847, mpls(inner, labels...), tags...))
	}
	// PPPoE sessions and discovery.
	for i := 0; i < 20; i++ {
		a := v4[i%len(v4)]
		proto, pl, _ := l4(i, false)
		sid := []int{0x1234, 0x0001}[i%2]
		add(fmt.Sprintf("pppoe session %#x", sid), eth(macB, macA, 0x8864, pppoeSession(sid, ipv4(a[0], a[1], proto, pl, ip4opts{}))))
	}
	add("ip4 sctp 9899", eth(macB, macA, 0x0800, ipv4("10.77.0.1", "10.77.0.2", 132, sctp(40000, 9899), ip4opts{})))
	add("ip6 tcp rst 443", eth(macB, macA, 0x86dd, ipv6("fd77::1", "fd77::2", 6, tcp(443, 40000, fRST, nil, nil))))
	add("ip4 tcp rst", eth(macB, macA, 0x0800, ipv4("10.77.0.1", "10.77.0.2", 6, tcp(22, 40000, fRST|fACK, nil, nil), ip4opts{})))
	for _, typ := range []int{128, 129, 133, 134, 135, 136} {
		f := eth(macMc6, macA, 0x86dd, ipv6("fe80::1", "ff02::1", 58, icmp(typ, 0, payloadOf(16, byte(typ)))))
		f[14+7] = byte(typ % 11) // hop limit
		add(fmt.Sprintf("ip6 icmp6 type %d", typ), f)
	}
	add("ip4 udp ntp 64 bytes", eth(macB, macA, 0x0800, ipv4("10.77.0.1", "10.77.0.2", 17, udp(123, 123, make([]byte, 22)), ip4opts{})))
	add("pppoe discovery", eth(macBcast, macA, 0x8863, []byte{0x11, 0x09, 0, 0, 0, 4, 1, 1, 0, 0}))
	// 802.3 frames with LLC: STP, NetBEUI, IPX, ISO; and other ethertypes.
	add("stp", eth(mustMAC("01:80:c2:00:00:00"), macA, 38, cat([]byte{0x42, 0x42, 0x03}, make([]byte, 35))))
	add("netbeui", eth(macB, macA, 20, cat([]byte{0xf0, 0xf0, 0x03}, make([]byte, 17))))
	add("ipx 802.3 raw", eth(macB, macA, 30, cat([]byte{0xff, 0xff}, make([]byte, 28))))
	add("iso clnp", eth(macB, macA, 30, cat([]byte{0xfe, 0xfe, 0x03, 0x81}, make([]byte, 26))))
	add("iso isis", eth(macB, macA, 30, cat([]byte{0xfe, 0xfe, 0x03, 0x83, 27, 1, 0, 15, 1}, make([]byte, 21))))
	add("ipx", eth(macB, macA, 0x8137, make([]byte, 30)))
	add("lldp", eth(mustMAC("01:80:c2:00:00:0e"), macA, 0x88cc, make([]byte, 40)))
	add("decnet", eth(macB, macA, 0x6003, cat([]byte{20, 0, 0x81, 0x02, 0x04, 0x05}, make([]byte, 30))))
	add("lat", eth(macB, macA, 0x6004, make([]byte, 30)))
	add("mopdl", eth(macB, macA, 0x6001, make([]byte, 30)))
	add("sca", eth(macB, macA, 0x6007, make([]byte, 30)))
	add("atalk", eth(macB, macA, 0x809b, make([]byte, 30)))
	add("aarp", eth(macB, macA, 0x80f3, make([]byte, 30)))
	add("ip4 igmp", eth(macMc4, macA, 0x0800, ipv4("10.77.0.1", "224.0.0.251", 2, []byte{0x16, 0, 0, 0, 224, 0, 0, 251}, ip4opts{opts: []byte{0x94, 4, 0, 0}, ttl: 1})))
	add("ip4 pim", eth(macMc4, macA, 0x0800, ipv4("10.77.0.1", "224.0.0.13", 103, make([]byte, 8), ip4opts{})))
	add("ip4 vrrp", eth(macMc4, macA, 0x0800, ipv4("10.77.0.1", "224.0.0.18", 112, make([]byte, 8), ip4opts{})))
	add("ip4 esp", eth(macB, macA, 0x0800, ipv4("10.77.0.1", "10.77.0.2", 50, make([]byte, 24), ip4opts{})))
	add("ip4 ah", eth(macB, macA, 0x0800, ipv4("10.77.0.1", "10.77.0.2", 51, make([]byte, 24), ip4opts{})))
	add("ip6 ah", eth(macB, macA, 0x86dd, ipv6("fd77::1", "fd77::2", 51, make([]byte, 24))))
	add("ip4 geneve", eth(macB, macA, 0x0800, ipv4("10.77.0.1", "10.77.0.2", 17,
		udp(40000, 6081, cat([]byte{0, 0, 0x65, 0x58, 0, 0, 1, 0}, eth(macA, macB, 0x0800, ipv4("10.1.1.1", "10.1.1.2", 6, tcp(1, 80, fSYN, nil, nil), ip4opts{})))), ip4opts{})))
	add("ip4 bad version", eth(macB, macA, 0x0800, cat([]byte{0x65}, make([]byte, 40))))
	add("ip4 ihl 15", eth(macB, macA, 0x0800, ipv4("10.77.0.1", "10.77.0.2", 6, tcp(1, 80, fSYN, nil, nil), ip4opts{opts: make([]byte, 40)})))
	// Random bytes with a few ethertypes forced.
	for i := 0; i < 40; i++ {
		b := make([]byte, 14+r.Intn(120))
		r.Read(b)
		switch i % 4 {
		case 0:
			binary.BigEndian.PutUint16(b[12:], 0x0800)
		case 1:
			binary.BigEndian.PutUint16(b[12:], 0x86dd)
		case 2:
			binary.BigEndian.PutUint16(b[12:], 0x8100)
		}
		add(fmt.Sprintf("random %d", i), b)
	}
	// Every truncated length from 0 to 60 of four frames.
	bases := []frame{
		{"tcp", eth(macB, macA, 0x0800, ipv4("10.77.0.1", "10.77.0.2", 6, tcp(40000, 80, fSYN, tcpOpts[1], nil), ip4opts{}))},
		{"vlan udp", eth(macB, macA, 0x0800, ipv4("10.77.0.2", "10.77.0.1", 17, udp(53, 5353, payloadOf(20, 3)), ip4opts{}), [2]int{0x8100, 100})},
		{"ip6 icmp6", eth(macMc6, macA, 0x86dd, ipv6("fd77::1", "ff02::1", 58, icmp(135, 0, payloadOf(16, 4))))},
		{"arp", eth(macBcast, macA, 0x0806, arp(1, macA, "10.77.0.1", mustMAC("00:00:00:00:00:00"), "10.77.0.2"))},
	}
	for _, b := range bases {
		full := cat(b.data, make([]byte, 64))
		for n := 0; n <= 60; n++ {
			add(fmt.Sprintf("%s truncated to %d", b.name, n), full[:n:n])
		}
	}
	// Jumbo frames: BPF_PROG_TEST_RUN puts what exceeds the linear area
	// (about 3.5 KiB) into page fragments.
	jumbo := []int{4097, 5000, 8000, 9014, 16000, 32768, 65000}
	for i, n := range jumbo {
		a := v4[i%2]
		var f []byte
		switch i % 3 {
		case 0:
			f = eth(macB, macA, 0x0800, ipv4(a[0], a[1], 6, tcp(40000, 80, fACK|fPSH, tcpOpts[2], nil), ip4opts{df: true}))
		case 1:
			f = eth(macB, macA, 0x86dd, ipv6("fd77::1", "fd77::2", 17, udp(5353, 53, nil)))
		default:
			f = eth(macB, macA, 0x0800, ipv4(a[0], a[1], 17, udp(123, 123, nil), ip4opts{}), [2]int{0x8100, 100})
		}
		f = cat(f, payloadOf(n-len(f), byte(i)))
		// fix the IP and UDP lengths to the real size
		add(fmt.Sprintf("jumbo %d", n), fixLengths(f))
	}
	return fs
}

// fixLengths rewrites the IPv4/IPv6 and UDP length fields of an untagged
// or single-tagged frame after payload was appended.
func fixLengths(f []byte) []byte {
	off := 12
	et := binary.BigEndian.Uint16(f[off:])
	if et == 0x8100 {
		off += 4
		et = binary.BigEndian.Uint16(f[off:])
	}
	l3 := off + 2
	switch et {
	case 0x0800:
		ihl := int(f[l3]&0xf) * 4
		n := len(f) - l3
		if n > 0xffff {
			n = 0xffff
		}
		binary.BigEndian.PutUint16(f[l3+2:], uint16(n))
		if f[l3+9] == 17 {
			binary.BigEndian.PutUint16(f[l3+ihl+4:], uint16(min(len(f)-l3-ihl, 0xffff)))
		}
	case 0x86dd:
		binary.BigEndian.PutUint16(f[l3+4:], uint16(min(len(f)-l3-40, 0xffff)))
		if f[l3+6] == 17 {
			binary.BigEndian.PutUint16(f[l3+40+4:], uint16(min(len(f)-l3-40, 0xffff)))
		}
	}
	return f
}
