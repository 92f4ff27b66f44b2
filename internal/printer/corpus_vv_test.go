package printer

import (
	"encoding/binary"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Offsets in an untagged Ethernet frame.
const (
	offIP4L4 = 14 + 20 // transport header after an IPv4 header without options
	offIP6L4 = 14 + 40 // transport header after an IPv6 header
)

// breakSum sets the 16-bit checksum at off to v (0 = "no checksum" for
// UDP over IPv4) or, with v == 1, corrupts the correct one.
func breakSum(b []byte, off int, v uint16) []byte {
	b = append([]byte(nil), b...)
	if v == 1 {
		b[off] ^= 0x5a
	} else {
		binary.BigEndian.PutUint16(b[off:], v)
	}
	return b
}

// vvCorpus returns frames for the checksum verdicts tcpdump prints with
// -v and -vv (correct, incorrect, absent, not checked because truncated or
// fragmented) and for the ICMP multi-part extensions (RFC 4884) -v decodes.
func vvCorpus() []frame {
	var fs []frame
	add := func(name string, b []byte) { fs = append(fs, full(name, b)) }

	// UDP over IPv4: -vv checks it; zero means "no checksum".
	u4 := udpFrame(false, 5000, 6000, []byte("checksummed datagram"))
	add("udp4-sum0", breakSum(u4, offIP4L4+6, 0))
	add("udp4-sumbad", breakSum(u4, offIP4L4+6, 1))
	add("udp4-sumffff", breakSum(u4, offIP4L4+6, 0xffff))
	// UDP over IPv6: checked with -v already; zero is wrong there.
	u6 := udpFrame(true, 5000, 6000, []byte("checksummed datagram"))
	add("udp6-sum0", breakSum(u6, offIP6L4+6, 0))
	add("udp6-sumbad", breakSum(u6, offIP6L4+6, 1))
	// The verdict comes before the application printers.
	dns := udpFrame(false, 40000, 53, cat(dnsHdr(77, 0x0100, 1, 0, 0, 0), dq(dname("example.com."), 1, 1)))
	add("dns-sumbad", breakSum(dns, offIP4L4+6, 1))
	add("dns-sum0", breakSum(dns, offIP4L4+6, 0))
	ntp := udpFrame(true, 40500, 123, cat([]byte{0xe3, 0, 6, 0xe9}, make([]byte, 44)))
	add("ntp6-sumbad", breakSum(ntp, offIP6L4+6, 1))
	// Truncated datagrams: no verdict.
	fs = append(fs, cut(full("udp4-cut", u4), offIP4L4+8+5))
	fs = append(fs, cut(full("udp4-sum0-cut", breakSum(u4, offIP4L4+6, 0)), offIP4L4+8+5))
	fs = append(fs, cut(full("udp6-cut", u6), offIP6L4+8+5))
	fs = append(fs, cut(full("udp4-cut-sum", u4), offIP4L4+7))
	// A UDP length shorter than the IP payload: the sum covers the UDP length.
	short := udpFrame(false, 5000, 6004, []byte("0123456789"))
	binary.BigEndian.PutUint16(short[offIP4L4+4:], 8+4)
	add("udp4-shortulen", short)

	// TCP over IPv6 with a wrong checksum, and TCP segments cut short.
	t6 := tcpConv(true, 41001, 5201, 1, 2)
	add("tcp6-sumbad", breakSum(t6[3].data, offIP6L4+16, 1))
	fs = append(fs, cut(t6[3], len(t6[3].data)-5))
	t4 := tcpConv(false, 41002, 5201, 1, 2)
	add("tcp4-sum0", breakSum(t4[0].data, offIP4L4+16, 0))

	// ICMPv6 with a wrong checksum, and ND options dumped with -vv.
	echo := serialize(eth(macA, macB, layers.EthernetTypeIPv6), ip6(ip6A, ip6B, layers.IPProtocolICMPv6, 64),
		&layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(128, 0)}, gopacket.Payload([]byte{0, 1, 0, 2, 'p', 'i', 'n', 'g'}))
	add("echo6-sumbad", breakSum(echo, offIP6L4+2, 1))
	ns := cat([]byte{0, 0, 0, 0}, ip6B.To16(), []byte{1, 1}, macA, []byte{5, 1, 0, 0, 0, 0, 0x05, 0xdc}, []byte{99, 2}, make([]byte, 14))
	add("ns-opts", serialize(eth(macA, macB, layers.EthernetTypeIPv6), ip6(ip6A, ip6SolB, layers.IPProtocolICMPv6, 255),
		&layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(135, 0)}, gopacket.Payload(ns)))

	// ICMP errors: a quote of the IP header and 8 bytes (inner UDP not
	// checked: the quoted datagram is not all there), and a whole quote.
	inner := serialize(ip4(ip4B, ip4A, layers.IPProtocolUDP, 91), &layers.UDP{SrcPort: 33434, DstPort: 33435}, gopacket.Payload(make([]byte, 100)))
	icmp := func(typ, code uint8, rest uint32, body []byte) []byte {
		return pad(serialize(eth(macA, macB, layers.EthernetTypeIPv4), ip4(ip4A, ip4B, layers.IPProtocolICMPv4, 9),
			&layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(typ, code), Id: uint16(rest >> 16), Seq: uint16(rest)},
			gopacket.Payload(body)))
	}
	add("unreach-quote8", icmp(3, 3, 0, inner[:28]))
	add("unreach-quote-bad", icmp(3, 3, 0, breakSum(inner, 20+6, 1)))
	// A quoted IP length below 4: tcpdump reads it again past the new end.
	for _, l := range []uint16{1, 3, 4, 19} {
		q := append([]byte(nil), inner[:48]...)
		binary.BigEndian.PutUint16(q[2:], l)
		add("timxceed-iplen", icmp(11, 0, 0, q))
	}

	// RFC 4884: 128 bytes of the original datagram, then the extension
	// header (version 2, checksum) and objects.
	orig := inner[:128]
	mpls := func(label uint32, tc uint8, s bool, ttl uint8) []byte {
		v := label<<12 | uint32(tc)<<9 | uint32(ttl)
		if s {
			v |= 0x100
		}
		return u32b(v)
	}
	obj := func(class, ctype uint8, data []byte) []byte {
		return cat(u16b(uint16(4+len(data))), []byte{class, ctype}, data)
	}
	ext := func(ver byte, objs ...[]byte) []byte {
		e := cat([]byte{ver << 4, 0, 0, 0}, cat(objs...))
		s := cksum(0, e)
		binary.BigEndian.PutUint16(e[2:], s)
		return e
	}
	ifid := obj(2, 0x0c, cat(u32b(7), []byte{0x00, 0x01, 0x00, 0x00}))
	stack := obj(1, 1, cat(mpls(16004, 0, false, 1), mpls(24000, 5, true, 254)))
	withLen := uint32(128 / 4 << 16) // the length field (byte 5) in 32-bit words
	add("timxceed-mpls", icmp(11, 0, withLen, cat(orig, ext(2, stack))))
	add("timxceed-2obj", icmp(11, 0, withLen, cat(orig, ext(2, obj(1, 1, mpls(100, 7, true, 9)), ifid))))
	add("unreach-ifid", icmp(3, 1, withLen, cat(orig, ext(2, ifid))))
	add("paramprob-unknown", icmp(12, 0, withLen|0x14000000, cat(orig, ext(2, obj(9, 3, []byte("abcdefgh"))))))
	add("timxceed-mpls-ctype2", icmp(11, 0, withLen, cat(orig, ext(2, obj(1, 2, []byte{1, 2, 3, 4, 5, 6})))))
	badExt := ext(2, stack)
	badExt[2] ^= 0xff
	add("timxceed-extbad", icmp(11, 0, withLen, cat(orig, badExt)))
	add("timxceed-nolen", icmp(11, 0, 0, cat(orig, ext(2, stack))))
	add("timxceed-nolen-bad", icmp(11, 0, 0, cat(orig, badExt)))
	add("timxceed-v1", icmp(11, 0, withLen, cat(orig, ext(1, stack))))
	add("timxceed-obj0", icmp(11, 0, withLen, cat(orig, ext(2, obj(0, 1, mpls(1, 1, true, 1)), stack))))
	add("timxceed-objshort", icmp(11, 0, withLen, cat(orig, ext(2, cat(u16b(2), []byte{1, 1}), stack))))
	add("timxceed-objlong", icmp(11, 0, withLen, cat(orig, ext(2, cat(u16b(40), []byte{1, 1}), mpls(5, 0, true, 3)))))
	add("timxceed-ext-tiny", icmp(11, 0, withLen, cat(orig, []byte{0x20, 0, 0xdf, 0xff, 0})))
	// Cut in the quote, the extension header, an object header, a label.
	mp := full("timxceed-mpls", icmp(11, 0, withLen, cat(orig, ext(2, stack))))
	for _, n := range []int{offIP4L4 + 8 + 100, 170, 171, 175, 178, 180, len(mp.data) - 2} {
		fs = append(fs, cut(mp, n))
	}
	return fs
}
