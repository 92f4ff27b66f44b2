package printer

import (
	"encoding/binary"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// DNS message building blocks, byte by byte, so that the corpus can hold
// compression pointers, bad labels and wrong counts.

func dnsHdr(id, flags, qd, an, ns, ar uint16) []byte {
	b := make([]byte, 12)
	for i, v := range []uint16{id, flags, qd, an, ns, ar} {
		binary.BigEndian.PutUint16(b[2*i:], v)
	}
	return b
}

// dname encodes "a.b.c." as labels ending in the root label; a name
// ending in "@N" ends with a compression pointer to offset N instead.
func dname(s string) []byte {
	var b []byte
	ptr := -1
	if i := strings.IndexByte(s, '@'); i >= 0 {
		ptr = atoiT(s[i+1:])
		s = s[:i]
	}
	for _, l := range strings.Split(strings.TrimSuffix(s, "."), ".") {
		if l == "" {
			continue
		}
		b = append(b, byte(len(l)))
		b = append(b, l...)
	}
	if ptr >= 0 {
		return append(b, 0xc0|byte(ptr>>8), byte(ptr))
	}
	return append(b, 0)
}

func atoiT(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func dq(name []byte, typ, class uint16) []byte {
	return append(append([]byte(nil), name...), byte(typ>>8), byte(typ), byte(class>>8), byte(class))
}

func drr(name []byte, typ, class uint16, ttl uint32, rdata []byte) []byte {
	b := append([]byte(nil), name...)
	b = binary.BigEndian.AppendUint16(b, typ)
	b = binary.BigEndian.AppendUint16(b, class)
	b = binary.BigEndian.AppendUint32(b, ttl)
	b = binary.BigEndian.AppendUint16(b, uint16(len(rdata)))
	return append(b, rdata...)
}

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

func u16b(v uint16) []byte { return []byte{byte(v >> 8), byte(v)} }
func u32b(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

func eopt(code uint16, data []byte) []byte { return cat(u16b(code), u16b(uint16(len(data))), data) }

// udpFrame builds an Ethernet/IP/UDP frame (IPv6 if v6), padded to 60.
func udpFrame(v6 bool, sp, dp uint16, payload []byte) []byte {
	u := &layers.UDP{SrcPort: layers.UDPPort(sp), DstPort: layers.UDPPort(dp)}
	if v6 {
		return pad(serialize(eth(macA, macB, layers.EthernetTypeIPv6), ip6(ip6A, ip6B, layers.IPProtocolUDP, 64), u, gopacket.Payload(payload)))
	}
	return pad(serialize(eth(macA, macB, layers.EthernetTypeIPv4), ip4(ip4A, ip4B, layers.IPProtocolUDP, 53), u, gopacket.Payload(payload)))
}

// dnsMessages returns DNS messages covering what tcpdump's domain
// printer distinguishes: flags, opcodes, rcodes, record types, EDNS
// options, compression and malformed names.
func dnsMessages() [][]byte {
	const qr, aa, tc, rd, ra, ad, cd = 0x8000, 0x0400, 0x0200, 0x0100, 0x0080, 0x0020, 0x0010
	ex := dname("example.com.")
	exp := dname("@12") // pointer to the question name
	www := dname("www@12")
	var m [][]byte
	add := func(b ...[]byte) { m = append(m, cat(b...)) }

	// Queries.
	add(dnsHdr(12345, rd, 1, 0, 0, 0), dq(ex, 1, 1))
	add(dnsHdr(1, 0, 1, 0, 0, 0), dq(dname("a.root-servers.net."), 28, 1))
	add(dnsHdr(2, rd|cd, 1, 0, 0, 1), dq(ex, 15, 1), drr(dname("."), 41, 1232, 0x00008000, nil))
	add(dnsHdr(3, rd, 1, 0, 0, 1), dq(dname("1.0.77.10.in-addr.arpa."), 12, 1),
		drr(dname("."), 41, 4096, 0, eopt(10, []byte{1, 2, 3, 4, 5, 6, 7, 8})))
	add(dnsHdr(4, rd, 1, 0, 0, 0), dq(dname("version.bind."), 16, 3))
	add(dnsHdr(5, rd, 1, 0, 0, 0), dq(ex, 255, 255))
	add(dnsHdr(6, rd, 1, 0, 0, 0), dq(ex, 65280, 1))
	add(dnsHdr(7, rd, 2, 0, 0, 0), dq(ex, 1, 1), dq(www, 28, 1))
	add(dnsHdr(8, rd, 0, 0, 0, 0))
	add(dnsHdr(9, 4<<11|aa, 1, 1, 0, 0), dq(ex, 6, 1), drr(exp, 6, 1, 60, nil)) // notify
	add(dnsHdr(10, 5<<11, 1, 0, 2, 0), dq(ex, 6, 1), drr(www, 1, 254, 0, nil), drr(www, 1, 1, 300, []byte{192, 0, 2, 9}))
	add(dnsHdr(11, 1<<11, 0, 1, 0, 0), drr(dname("."), 1, 1, 0, []byte{10, 0, 0, 1})) // inverse query
	add(dnsHdr(12, rd|0x0040|0x000f, 1, 0, 0, 0), dq(ex, 1, 1))                       // b2 weirdness
	add(dnsHdr(13, rd, 1, 0, 0, 0), dq(dname("_ldap._tcp.dc._msdcs.example.com."), 33, 1))
	add(dnsHdr(14, rd, 1, 0, 0, 0), dq(dname("weird\x01na me.\"quoted\"."), 1, 1))

	// Responses.
	add(dnsHdr(12345, qr|rd|ra, 1, 1, 0, 0), dq(ex, 1, 1), drr(exp, 1, 1, 300, []byte{192, 0, 2, 1}))
	add(dnsHdr(20, qr|rd|ra, 1, 3, 0, 0), dq(dname("www.example.com."), 1, 1),
		drr(dname("@12"), 5, 1, 300, dname("web@16")), drr(dname("@45"), 1, 1, 60, []byte{192, 0, 2, 2}),
		drr(dname("@45"), 28, 1, 60, []byte{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}))
	add(dnsHdr(21, qr|aa|rd|ra, 1, 0, 1, 0), dq(dname("nope.example.com."), 1, 1),
		drr(dname("@17"), 6, 1, 3600, cat(dname("ns1@17"), dname("hostmaster@17"), u32b(2024010101), u32b(7200), u32b(3600), u32b(1209600), u32b(300))))
	m[len(m)-1][3] |= 3 // NXDomain
	add(dnsHdr(22, qr|tc|ad, 1, 0, 0, 0), dq(ex, 1, 1))
	add(dnsHdr(23, qr|rd|ra|2, 1, 0, 0, 0), dq(ex, 1, 1))  // ServFail
	add(dnsHdr(24, qr|rd|ra|5, 1, 0, 0, 0), dq(ex, 1, 1))  // Refused
	add(dnsHdr(25, qr|rd|ra|12, 1, 0, 0, 0), dq(ex, 1, 1)) // Resp12
	add(dnsHdr(26, qr|rd|ra, 1, 2, 0, 0), dq(ex, 15, 1),
		drr(exp, 15, 1, 300, cat(u16b(10), dname("mx1@12"))), drr(exp, 15, 1, 300, cat(u16b(20), dname("mx2.example.net."))))
	add(dnsHdr(27, qr|rd|ra, 1, 1, 0, 0), dq(ex, 16, 1),
		drr(exp, 16, 1, 300, cat([]byte{11}, []byte("v=spf1 -all"), []byte{5}, []byte("a\"b\x00\xff"), []byte{0})))
	add(dnsHdr(28, qr|aa|rd, 1, 2, 0, 2), dq(ex, 2, 1),
		drr(exp, 2, 1, 86400, dname("ns1@12")), drr(exp, 2, 1, 86400, dname("ns2@12")),
		drr(dname("ns1@12"), 1, 1, 86400, []byte{192, 0, 2, 53}), drr(dname("ns2@12"), 28, 1, 86400, make([]byte, 16)))
	add(dnsHdr(29, qr|rd|ra, 1, 1, 0, 0), dq(dname("1.0.77.10.in-addr.arpa."), 12, 1), drr(dname("@12"), 12, 1, 300, ex))
	add(dnsHdr(30, qr|rd|ra, 1, 1, 0, 0), dq(dname("_sip._udp.example.com."), 33, 1),
		drr(dname("@12"), 33, 1, 300, cat(u16b(10), u16b(60), u16b(5060), dname("sip@22"))))
	add(dnsHdr(31, qr|aa, 1, 1, 0, 0), dq(dname("version.bind."), 16, 3), drr(dname("@12"), 16, 3, 0, cat([]byte{6}, []byte("9.18.1"))))
	add(dnsHdr(32, qr|rd|ra, 1, 1, 0, 0), dq(ex, 6, 1),
		drr(exp, 6, 1, 3600, cat(dname("ns1@12"), dname("root@12"), u32b(1), u32b(2), u32b(3), u32b(4), u32b(5))))
	// EDNS: OPT with options, extended rcode (BadVers), DO.
	add(dnsHdr(33, qr|rd|ra, 1, 1, 0, 1), dq(ex, 1, 1), drr(exp, 1, 1, 300, []byte{192, 0, 2, 1}),
		drr(dname("."), 41, 1232, 0x00008000, cat(eopt(10, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}),
			eopt(3, []byte("ns1")), eopt(11, u16b(25)), eopt(12, make([]byte, 7)), eopt(9, u32b(86400)))))
	add(dnsHdr(34, qr|rd|ra, 1, 0, 0, 1), dq(ex, 1, 1), drr(dname("."), 41, 512, 0x01000000, nil))
	add(dnsHdr(35, rd, 1, 0, 0, 1), dq(ex, 1, 1),
		drr(dname("."), 41, 4096, 0, cat(eopt(8, []byte{0, 1, 24, 0, 192, 0, 2}), eopt(8, []byte{0, 2, 48, 0, 0x20, 1, 0x0d, 0xb8, 0, 1}),
			eopt(8, []byte{0, 1, 33, 0, 1}), eopt(14, cat(u16b(20326), u16b(19036))), eopt(5, []byte{8, 13, 99}),
			eopt(6, []byte{1, 2, 9}), eopt(7, []byte{1, 2}), eopt(65001, []byte{0xde, 0xad}), eopt(11, nil), eopt(10, []byte{1, 2}))))
	add(dnsHdr(36, qr|rd|ra, 1, 0, 0, 1), dq(ex, 1, 1), drr(dname("."), 41, 1232, 0xff000000, nil)) // extended rcode 0xff0
	// Unusual record types.
	add(dnsHdr(37, qr, 1, 4, 0, 0), dq(ex, 255, 1),
		drr(exp, 256, 1, 60, cat(u16b(1), u16b(2), []byte("https://example.com/"))),
		drr(exp, 38, 1, 60, cat([]byte{64}, make([]byte, 8), dname("pfx@12"))),
		drr(exp, 104, 1, 60, []byte("unspec\x01")),
		drr(exp, 65280, 1, 60, []byte{1, 2, 3}))
	add(dnsHdr(38, qr, 1, 1, 0, 0), dq(ex, 250, 255),
		drr(dname("key@12"), 250, 255, 0, cat(dname("hmac-sha256."), make([]byte, 6), u16b(300), u16b(4), []byte{1, 2, 3, 4}, u16b(38), u16b(0), u16b(0))))
	add(dnsHdr(39, qr, 1, 1, 0, 0), dq(ex, 1, 1), drr(exp, 1, 1, 0, []byte{1, 2}))   // short A
	add(dnsHdr(40, qr, 1, 1, 0, 0), dq(ex, 28, 1), drr(exp, 28, 1, 0, []byte{1, 2})) // short AAAA

	// Malformed names and counts.
	add(dnsHdr(50, qr, 1, 1, 0, 0), dq(ex, 1, 1), drr(dname("@40"), 1, 1, 0, []byte{1, 2, 3, 4}))     // forward pointer
	add(dnsHdr(51, rd, 1, 0, 0, 0), []byte{0x80, 'x', 0}, u16b(1), u16b(1))                           // reserved label type
	add(dnsHdr(52, rd, 1, 0, 0, 0), []byte{0x42, 'x', 0}, u16b(1), u16b(1))                           // unknown ELT
	add(dnsHdr(53, rd, 1, 0, 0, 0), []byte{0x41, 12, 0xab, 0xc0, 0x41, 0, 0xff, 0}, u16b(1), u16b(1)) // bit labels
	long := strings.Repeat("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxy.", 5)
	add(dnsHdr(54, rd, 1, 0, 0, 0), dq(dname(long), 1, 1))
	add(dnsHdr(55, rd, 1, 0, 0, 0), dq(dname("loop@12"), 1, 1))                               // points at itself
	add(dnsHdr(56, qr|ra, 1, 3, 0, 0), dq(ex, 1, 1), drr(exp, 1, 1, 0, []byte{192, 0, 2, 1})) // fewer answers than counted
	add(dnsHdr(57, rd, 3, 0, 0, 0), dq(ex, 1, 1))                                             // fewer questions than counted
	add(dnsHdr(58, qr|ra, 2, 1, 0, 0), dq(ex, 1, 1), dq(www, 1, 1), drr(exp, 1, 1, 0, []byte{192, 0, 2, 1}))
	add(dnsHdr(59, qr|ra, 1, 1, 0, 0), dq(ex, 16, 1), drr(exp, 16, 1, 0, []byte{200, 'x'})) // TXT string too long
	add(dnsHdr(60, qr|ra, 0, 3, 0, 0), drr([]byte{0x41, 12, 0xab, 0xc0, 0x41, 0, 0xff, 3, 'c', 'o', 'm', 0}, 1, 1, 0, []byte{192, 0, 2, 1}),
		drr([]byte{0x80, 'x', 0}, 1, 1, 0, []byte{192, 0, 2, 1}), drr([]byte{0x42, 'x', 0}, 1, 1, 0, []byte{192, 0, 2, 1}))
	add(dnsHdr(61, qr|ra, 0, 1, 0, 0), drr([]byte{0x41, 0, 0}, 1, 1, 0, []byte{192, 0, 2, 1}))
	add([]byte{0, 62, 1, 0, 0, 1, 0}) // shorter than the header
	return m
}

// mdnsMessages are mDNS (port 5353) messages: QU/QM questions, cache
// flush records.
func mdnsMessages() [][]byte {
	var m [][]byte
	add := func(b ...[]byte) { m = append(m, cat(b...)) }
	add(dnsHdr(0, 0, 2, 0, 0, 0), dq(dname("_services._dns-sd._udp.local."), 12, 0x8001), dq(dname("host.local."), 1, 1))
	add(dnsHdr(0, 0x8400, 0, 2, 0, 1), drr(dname("host.local."), 1, 0x8001, 120, []byte{10, 77, 0, 1}),
		drr(dname("@12"), 28, 0x8001, 120, cat([]byte{0xfd, 0x77}, make([]byte, 13), []byte{1})),
		drr(dname("@12"), 47, 0x8001, 120, cat(dname("@12"), []byte{0, 4, 0x40, 0, 0, 8})))
	add(dnsHdr(0, 0x8400, 0, 1, 0, 0), drr(dname("_http._tcp.local."), 12, 1, 4500, dname("web@12")))
	return m
}

// dnsCorpus wraps the messages in UDP over IPv4 and IPv6, adds mDNS and
// cuts some of them at interesting places.
func dnsCorpus() []frame {
	var fs []frame
	msgs := dnsMessages()
	for i, msg := range msgs {
		sp, dp := uint16(40000+i), uint16(53)
		if msg[2]&0x80 != 0 {
			sp, dp = dp, sp
		}
		fs = append(fs, full("dns", udpFrame(i%3 == 2, sp, dp, msg)))
	}
	for _, msg := range mdnsMessages() {
		fs = append(fs, full("mdns", udpFrame(false, 5353, 5353, msg)))
		fs = append(fs, full("mdns6", udpFrame(true, 5353, 5353, msg)))
	}
	// DNS on both 53 and 5353, and 53 with a UDP length beyond the data.
	fs = append(fs, full("dns-mdns", udpFrame(false, 5353, 53, msgs[0])))
	badlen := udpFrame(false, 40000, 53, msgs[0])
	binary.BigEndian.PutUint16(badlen[14+20+4:], 200)
	fs = append(fs, full("dns-badlen", badlen))
	// Captures cut inside the header, the question, an answer, the OPT.
	for _, k := range []int{0, 15, 16, 19, 26, 32, 33} {
		f := full("dns", udpFrame(false, 53, 40000, msgs[k]))
		for _, n := range []int{44, 50, 56, 60, 64, 70, 80, 90, 100} {
			if n < len(f.data) {
				fs = append(fs, cut(f, n))
			}
		}
	}
	return fs
}
