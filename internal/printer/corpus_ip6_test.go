package printer

import (
	"encoding/binary"
	"net"

	"github.com/gopacket/gopacket"
)

// IPv6 extension headers and the ICMPv6 messages a link carries as soon as
// it comes up (MLD with its hop-by-hop Router Alert, router
// advertisements with their options, redirects), in well-formed and
// malformed variants.

var (
	ip6AllN   = net.ParseIP("ff02::1")
	ip6MLDv2  = net.ParseIP("ff02::16")
	ip6LLB    = net.ParseIP("fe80::77:ff:fe00:2")
	ip6C      = net.ParseIP("fd77::3")
	ip6D      = net.ParseIP("2001:db8:1::4")
	ip6AllSPF = net.ParseIP("ff02::5")
)

// raw6 builds Ethernet + IPv6 (payload length from the payload) + payload.
func raw6(src, dst net.IP, nh, hlim byte, payload []byte) []byte {
	h := make([]byte, 40)
	h[0] = 0x60
	binary.BigEndian.PutUint16(h[4:], uint16(len(payload)))
	h[6], h[7] = nh, hlim
	copy(h[8:], src.To16())
	copy(h[24:], dst.To16())
	return pad(cat(macB, macA, []byte{0x86, 0xdd}, h, payload))
}

// sum6 returns msg with the checksum at at computed over the IPv6
// pseudo-header for (src, dst, proto).
func sum6(src, dst net.IP, proto byte, msg []byte, at int) []byte {
	m := append([]byte(nil), msg...)
	m[at], m[at+1] = 0, 0
	ph := cat(src.To16(), dst.To16(), u32b(uint32(len(m))), []byte{0, 0, 0, proto})
	binary.BigEndian.PutUint16(m[at:], cksum(sum16(0, ph), m))
	return m
}

// opts6 pads hop-by-hop/destination options with PadN (or Pad1) to make
// a header of nh, length and options a multiple of 8 bytes.
func opts6(nh byte, opts ...[]byte) []byte {
	b := cat([]byte{nh, 0}, cat(opts...))
	switch r := (8 - len(b)%8) % 8; r {
	case 0:
	case 1:
		b = append(b, 0)
	default:
		b = append(b, 1, byte(r-2))
		b = append(b, make([]byte, r-2)...)
	}
	b[1] = byte(len(b)/8 - 1)
	return b
}

// exthdr is a raw extension header: next header, then body (the length
// byte is computed; body must make the whole a multiple of 8).
func exthdr(nh byte, body []byte) []byte {
	b := cat([]byte{nh, 0}, body)
	b[1] = byte((len(b)+7)/8 - 1)
	return b
}

func rtalert(v uint16) []byte { return cat([]byte{5, 2}, u16b(v)) }

func icmp6msg(typ, code byte, rest []byte) []byte { return cat([]byte{typ, code, 0, 0}, rest) }

func ndopt(typ byte, body []byte) []byte {
	b := cat([]byte{typ, 0}, body)
	for len(b)%8 != 0 {
		b = append(b, 0)
	}
	b[1] = byte(len(b) / 8)
	return b
}

func ip6b16(s string) []byte { return net.ParseIP(s).To16() }

// ip6ExtCorpus returns the IPv6 extension header and ICMPv6 frames.
func ip6ExtCorpus() []frame {
	var fs []frame
	add := func(name string, b []byte) { fs = append(fs, full(name, b)) }
	// icmp builds src > dst: [ext headers] ICMPv6 msg with a correct
	// checksum (final destination dst6 for the pseudo-header).
	icmp := func(src, dst, final net.IP, hlim byte, ext []byte, msg []byte) []byte {
		m := sum6(src, final, 58, msg, 2)
		nh := byte(58)
		if len(ext) > 0 {
			nh = ext[0]
			ext = ext[1:]
		}
		return raw6(src, dst, nh, hlim, cat(ext, m))
	}
	udp := func(src, final net.IP, sp, dp uint16, data []byte) []byte {
		u := cat(u16b(sp), u16b(dp), u16b(uint16(8+len(data))), u16b(0), data)
		return sum6(src, final, 17, u, 6)
	}
	// Extension chains are given as a leading next-header byte for the
	// IPv6 header followed by the headers themselves.
	chain := func(first byte, hdrs ...[]byte) []byte { return cat([]byte{first}, cat(hdrs...)) }
	hbhRA := opts6(58, rtalert(0))

	// MLDv2 reports (what every interface sends when it comes up).
	rec := func(typ byte, group string, srcs ...string) []byte {
		b := cat([]byte{typ, 0}, u16b(uint16(len(srcs))), ip6b16(group))
		for _, s := range srcs {
			b = append(b, ip6b16(s)...)
		}
		return b
	}
	rep2 := func(recs ...[]byte) []byte {
		return icmp6msg(143, 0, cat(u16b(0), u16b(uint16(len(recs))), cat(recs...)))
	}
	add("mldv2-report", icmp(ip6LL, ip6MLDv2, ip6MLDv2, 1, chain(0, hbhRA), rep2(rec(4, "ff02::1:ff00:1"))))
	add("mldv2-report-unspec", icmp(net.IPv6unspecified, ip6MLDv2, ip6MLDv2, 1, chain(0, hbhRA), rep2(rec(4, "ff02::1:ff00:1"), rec(4, "ff02::fb"))))
	add("mldv2-report-srcs", icmp(ip6LL, ip6MLDv2, ip6MLDv2, 1, chain(0, hbhRA),
		rep2(rec(1, "ff05::1:3", "fd77::1", "2001:db8::5"), rec(6, "ff0e::101", "fd77::9"), rec(9, "ff02::abcd"), rec(2, "ff02::fb"))))
	// The number of records and of sources larger than the message.
	add("mldv2-report-badgroups", icmp(ip6LL, ip6MLDv2, ip6MLDv2, 1, chain(0, hbhRA),
		icmp6msg(143, 0, cat(u16b(0), u16b(3), rec(3, "ff02::1:ff00:1")))))
	badsrcs := rec(5, "ff02::1:ff00:1", "fd77::1")
	badsrcs[3] = 7
	add("mldv2-report-badsrcs", icmp(ip6LL, ip6MLDv2, ip6MLDv2, 1, chain(0, hbhRA), icmp6msg(143, 0, cat(u16b(0), u16b(1), badsrcs))))
	add("mldv2-report-short", icmp(ip6LL, ip6MLDv2, ip6MLDv2, 1, nil, []byte{143, 0, 0, 0, 0, 0}))
	add("mldv2-report-nohbh", icmp(ip6LL, ip6MLDv2, ip6MLDv2, 1, nil, rep2()))

	// MLDv1 query, report, done; MLDv2 queries.
	mld1 := func(typ byte, delay uint16, group string) []byte {
		return icmp6msg(typ, 0, cat(u16b(delay), u16b(0), ip6b16(group)))
	}
	add("mld-query", icmp(ip6LLB, ip6AllN, ip6AllN, 1, chain(0, hbhRA), mld1(130, 10000, "::")))
	add("mld-report", icmp(ip6LL, ip6SolB, ip6SolB, 1, chain(0, hbhRA), mld1(131, 0, "ff02::1:ff00:2")))
	add("mld-done", icmp(ip6LL, ip6AllR, ip6AllR, 1, chain(0, hbhRA), mld1(132, 0, "ff02::1:ff00:2")))
	q2 := func(mrc uint16, group string, flags, qqic byte, srcs ...string) []byte {
		b := cat(u16b(mrc), u16b(0), ip6b16(group), []byte{flags, qqic}, u16b(uint16(len(srcs))))
		for _, s := range srcs {
			b = append(b, ip6b16(s)...)
		}
		return icmp6msg(130, 0, b)
	}
	add("mldv2-query", icmp(ip6LLB, ip6AllN, ip6AllN, 1, chain(0, hbhRA), q2(10000, "::", 2, 125)))
	add("mldv2-query-srcs", icmp(ip6LLB, ip6AllN, ip6AllN, 1, chain(0, hbhRA), q2(0x8123, "ff05::1:3", 0x0f, 0x9c, "fd77::1", "fd77::2")))
	add("mldv2-query-big", icmp(ip6LLB, ip6AllN, ip6AllN, 1, chain(0, hbhRA), q2(0xffff, "ff05::1:3", 0x08, 0xff)))
	badq := q2(1, "ff05::1:3", 0, 1, "fd77::1")
	binary.BigEndian.PutUint16(badq[26:], 3)
	add("mldv2-query-badsrcs", icmp(ip6LLB, ip6AllN, ip6AllN, 1, chain(0, hbhRA), badq))
	add("mld-query-26", icmp(ip6LLB, ip6AllN, ip6AllN, 1, chain(0, hbhRA), cat(mld1(130, 1, "ff02::1"), []byte{0, 0})))

	// Router advertisements with every option tcpdump decodes.
	ra := func(hop, flags byte, life uint16, reach, retrans uint32, opts ...[]byte) []byte {
		return icmp6msg(134, 0, cat([]byte{hop, flags}, u16b(life), u32b(reach), u32b(retrans), cat(opts...)))
	}
	pi := func(prefix string, plen, flags byte, valid, pref uint32) []byte {
		return ndopt(3, cat([]byte{plen, flags}, u32b(valid), u32b(pref), u32b(0), ip6b16(prefix)))
	}
	lla := ndopt(1, macB)
	mtu := ndopt(5, cat(u16b(0), u32b(1500)))
	rdnss := ndopt(25, cat(u16b(0), u32b(600), ip6b16("fd77::53"), ip6b16("2001:db8::53")))
	dnssl := ndopt(31, cat(u16b(0), u32b(1200), dname("example.com."), dname("lab.example.org.")))
	rinfo := func(plen, flags byte, life uint32, prefix []byte) []byte {
		return ndopt(24, cat([]byte{plen, flags}, u32b(life), prefix))
	}
	adv := ndopt(7, cat(u16b(0), u32b(600000)))
	hai := ndopt(8, cat(u16b(0), u16b(10), u16b(1800)))
	dst := ip6AllN
	add("ra", icmp(ip6LLB, dst, dst, 255, nil, ra(64, 0xc8, 1800, 0, 0, lla, mtu, pi("fd77::", 64, 0xc0, 86400, 14400), rdnss, dnssl)))
	add("ra-plain", icmp(ip6LLB, dst, dst, 255, nil, ra(64, 0, 1800, 30000, 1000, lla)))
	add("ra-flags", icmp(ip6LLB, dst, dst, 255, nil, ra(255, 0x3a, 0, 1, 2,
		pi("2001:db8:1::", 48, 0xe0, 0xffffffff, 0xffffffff), pi("2001:db8:2::", 64, 0, 0, 0),
		rinfo(0, 0x18, 0xffffffff, nil), rinfo(48, 0x08, 3600, ip6b16("2001:db8:3::")[:8]),
		rinfo(64, 0x10, 60, ip6b16("2001:db8:4:5::")), adv, hai)))
	add("ra-odd", icmp(ip6LLB, dst, dst, 255, nil, ra(1, 0x80, 9000, 0, 0,
		ndopt(3, cat([]byte{64, 0x40}, u32b(100), u32b(50), u32b(0))), // short prefix option: reads beyond it
		cat([]byte{5, 2}, u16b(0), u32b(9000), make([]byte, 8)),       // MTU with a bad length
		ndopt(25, cat(u16b(0), u32b(0))),                              // RDNSS without addresses
		ndopt(99, []byte("unknown option")), lla)))
	add("ra-dnssl-ptr", icmp(ip6LLB, dst, dst, 255, nil, ra(64, 0, 1800, 0, 0,
		ndopt(31, cat(u16b(0), u32b(1), dname("a.example.com."), []byte{1, 'b', 0xc0, 10})))))
	add("ra-dnssl-bad", icmp(ip6LLB, dst, dst, 255, nil, ra(64, 0, 1800, 0, 0,
		ndopt(31, cat(u16b(0), u32b(1), []byte{0x40, 'x'})))))
	add("ra-rinfo-bad", icmp(ip6LLB, dst, dst, 255, nil, ra(64, 0, 1800, 0, 0, ndopt(24, cat([]byte{128, 0}, u32b(5), make([]byte, 24))), lla)))
	add("ra-optlen0", icmp(ip6LLB, dst, dst, 255, nil, ra(64, 0, 1800, 0, 0, lla, []byte{1, 0, 0, 0, 0, 0, 0, 0})))
	add("ra-short", icmp(ip6LLB, dst, dst, 255, nil, icmp6msg(134, 0, []byte{64, 0})))
	// Router solicitation and mobile IPv6 discovery messages.
	add("rs-opts", icmp(ip6LL, ip6AllR, ip6AllR, 255, nil, icmp6msg(133, 0, cat(u32b(0), ndopt(1, macA), mtu))))
	add("ha-request", icmp(ip6A, ip6B, ip6B, 64, nil, icmp6msg(144, 0, cat(u16b(0x1234), u16b(0)))))
	add("ha-reply", icmp(ip6B, ip6A, ip6A, 64, nil, icmp6msg(145, 0, cat(u16b(0x1234), u16b(0), ip6b16("fd77::10"), ip6b16("fd77::11")))))
	add("mp-solicit", icmp(ip6A, ip6B, ip6B, 64, nil, icmp6msg(146, 0, cat(u16b(7), u16b(0)))))
	add("mp-advert", icmp(ip6B, ip6A, ip6A, 64, nil, icmp6msg(147, 0, cat(u16b(7), u16b(0xc000), pi("fd77:1::", 64, 0xc0, 100, 50)))))
	add("mp-advert-m", icmp(ip6B, ip6A, ip6A, 64, nil, icmp6msg(147, 0, cat(u16b(8), u16b(0x8000)))))
	add("icmp6-type42", icmp(ip6B, ip6A, ip6A, 64, nil, icmp6msg(42, 0, []byte("unknown type"))))
	add("mtrace", icmp(ip6B, ip6A, ip6A, 64, nil, icmp6msg(200, 0, make([]byte, 20))))

	// Redirect with a target link-layer address and a redirected header.
	quote := udp(ip6A, ip6D, 5000, 53, []byte("query"))
	quoted := raw6(ip6A, ip6D, 17, 63, quote)[14:]
	redir := icmp6msg(137, 0, cat(u32b(0), ip6b16("fe80::77:ff:fe00:99"), ip6D.To16(), ndopt(2, macB), ndopt(4, cat(make([]byte, 6), quoted[:48]))))
	add("redirect6", icmp(ip6LLB, ip6A, ip6A, 255, nil, redir))

	// ICMPv6 port unreachable quoting a datagram with extension headers.
	qx := raw6(ip6B, ip6A, 60, 64, cat(opts6(43, []byte{1, 0}), exthdr(17, cat([]byte{0, 0}, u32b(0))), udp(ip6B, ip6A, 5001, 6001, nil)))[14:]
	add("unreach6-ext", icmp(ip6A, ip6B, ip6B, 64, nil, icmp6msg(1, 4, cat(u32b(0), qx))))
	qf := raw6(ip6B, ip6A, 44, 64, cat([]byte{6, 0, 0, 1}, u32b(9), u16b(40000), u16b(80)))[14:60]
	add("unreach6-frag", icmp(ip6A, ip6B, ip6B, 64, nil, icmp6msg(1, 4, cat(u32b(0), qf))))
	qn := raw6(ip6B, ip6A, 59, 64, cat(u16b(40000), u16b(80)))[14:58]
	add("unreach6-nonxt", icmp(ip6A, ip6B, ip6B, 64, nil, icmp6msg(1, 4, cat(u32b(0), qn))))

	// Hop-by-hop options: jumbo payload variants, home address, unknown
	// options, errors.
	u := udp(ip6A, ip6B, 5000, 6000, []byte("hop-by-hop"))
	jumbo := func(v uint32) []byte { return cat([]byte{0xc2, 4}, u32b(v)) }
	withHdr := func(plen int, nh byte, payload []byte) []byte {
		b := raw6(ip6A, ip6B, nh, 64, payload)
		binary.BigEndian.PutUint16(b[18:], uint16(plen))
		return b
	}
	add("hbh-udp", raw6(ip6A, ip6B, 0, 64, cat(opts6(17, rtalert(0)), u)))
	add("hbh-pad1", raw6(ip6A, ip6B, 0, 64, cat(opts6(17, []byte{0, 0}, rtalert(2), []byte{0}), u)))
	add("hbh-jumbo", withHdr(0, 0, cat(opts6(17, jumbo(70000)), u)))
	add("hbh-jumbo-small", withHdr(0, 0, cat(opts6(17, jumbo(1000)), u)))
	add("hbh-jumbo-plen", raw6(ip6A, ip6B, 0, 64, cat(opts6(17, jumbo(70000)), u)))
	add("hbh-jumbo-twice", withHdr(0, 0, cat(opts6(17, jumbo(70000), jumbo(80000)), u)))
	add("hbh-jumbo-badlen", withHdr(0, 0, cat(opts6(17, []byte{0xc2, 2, 0, 0}), u)))
	add("hbh-nojumbo", withHdr(0, 0, cat(opts6(17, rtalert(0)), u)))
	add("hbh-jumbo-tcp", withHdr(0, 0, cat(opts6(6, jumbo(65536)), tcpConv(true, 40010, 80, 1, 2)[0].data[54:74])))
	add("hbh-homeaddr", raw6(ip6A, ip6B, 0, 64, cat(opts6(17, cat([]byte{0xc9, 16}, ip6b16("fd77::aa"))), u)))
	add("hbh-homeaddr-sub", raw6(ip6A, ip6B, 0, 64, cat(opts6(17, cat([]byte{0xc9, 22}, ip6b16("fd77::aa"), []byte{0, 1, 0, 0x44, 1, 0xee})), u)))
	add("hbh-homeaddr-short", raw6(ip6A, ip6B, 0, 64, cat(opts6(17, cat([]byte{0xc9, 4}, make([]byte, 16))), u)))
	add("hbh-unknown", raw6(ip6A, ip6B, 0, 64, cat(opts6(17, []byte{0x3e, 3, 1, 2, 3}, []byte{0x63, 0}), u)))
	add("hbh-rtalert-bad", raw6(ip6A, ip6B, 0, 64, cat(opts6(17, []byte{5, 3, 0, 0, 0}), u)))
	add("hbh-optlong", raw6(ip6A, ip6B, 0, 64, cat([]byte{17, 0, 0x1e, 9, 0, 0, 0, 0}, u)))
	add("hbh-twice", raw6(ip6A, ip6B, 0, 64, cat(opts6(0, rtalert(0)), opts6(17, rtalert(0)), u)))
	add("hbh-late", raw6(ip6A, ip6B, 60, 64, cat(opts6(0), opts6(17, rtalert(0)), u)))
	add("hbh-nonxt", raw6(ip6A, ip6B, 0, 64, opts6(59, rtalert(0))))
	add("hbh-ah", raw6(ip6A, ip6B, 0, 64, cat(opts6(51, rtalert(0)), make([]byte, 16))))

	// Destination options.
	add("dstopt-udp", raw6(ip6A, ip6B, 60, 64, cat(opts6(17, []byte{0x04, 1, 0}), u)))
	add("dstopt-homeaddr", raw6(ip6A, ip6B, 60, 64, cat(opts6(17, cat([]byte{0xc9, 16}, ip6b16("fd77::aa"))), u)))
	add("dstopt-jumbo", raw6(ip6A, ip6B, 60, 64, cat(opts6(17, jumbo(70000)), u)))
	add("dstopt-icmp6", icmp(ip6A, ip6B, ip6B, 64, chain(60, opts6(58, []byte{0x1e, 2, 0, 0})), icmp6msg(128, 0, cat(u16b(1), u16b(2), []byte("dst")))))
	add("dstopt-dstopt", raw6(ip6A, ip6B, 60, 64, cat(opts6(60), opts6(17), u)))

	// Routing headers: type 0 (deprecated), 2 (mobile IPv6), 4 (segment
	// routing), odd lengths, unknown types; transport checksums use the
	// final destination.
	rt0 := func(nh, segleft byte, rsv uint32, addrs ...net.IP) []byte {
		b := cat([]byte{nh, byte(2 * len(addrs)), 0, segleft}, u32b(rsv))
		for _, a := range addrs {
			b = append(b, a.To16()...)
		}
		return b
	}
	add("rt0-udp", raw6(ip6A, ip6C, 43, 64, cat(rt0(17, 2, 0, ip6C, ip6D), udp(ip6A, ip6D, 5000, 6000, []byte("routed")))))
	add("rt0-rsv", raw6(ip6A, ip6C, 43, 64, cat(rt0(17, 1, 0xdead, ip6D), udp(ip6A, ip6D, 5000, 6000, []byte("rsv")))))
	rt2 := rt0(58, 1, 0, ip6D)
	rt2[2] = 2
	add("rt2-icmp6", icmp(ip6A, ip6C, ip6D, 64, cat([]byte{43}, rt2), icmp6msg(129, 0, cat(u16b(3), u16b(4)))))
	srh := func(nh, segleft, last, flags byte, tag uint16, segs ...net.IP) []byte {
		b := cat([]byte{nh, byte(2 * len(segs)), 4, segleft, last, flags}, u16b(tag))
		for _, s := range segs {
			b = append(b, s.To16()...)
		}
		return b
	}
	add("srh-udp", raw6(ip6A, ip6C, 43, 64, cat(srh(17, 1, 1, 0, 0, ip6D, ip6C), udp(ip6A, ip6D, 5000, 6000, []byte("srv6")))))
	add("srh-flags", raw6(ip6A, ip6C, 43, 64, cat(srh(17, 0, 0, 0x80, 0xbeef, ip6D), udp(ip6A, ip6D, 5000, 6000, nil))))
	srhTCP := tcpConv(true, 40011, 443, 7, 8)[0].data[54:]
	add("srh-tcp", raw6(ip6A, ip6C, 43, 64, cat(srh(6, 1, 0, 0, 0, ip6D), srhTCP)))
	add("rt-odd", raw6(ip6A, ip6C, 43, 64, cat([]byte{17, 1, 0, 0}, u32b(0), make([]byte, 8), u)))
	add("srh-odd", raw6(ip6A, ip6C, 43, 64, cat([]byte{17, 1, 4, 0, 0, 0, 0, 0}, make([]byte, 8), u)))
	add("rt-type3", raw6(ip6A, ip6C, 43, 64, cat([]byte{17, 0, 3, 0}, u32b(0), u)))
	add("hbh-rt-frag", raw6(ip6A, ip6C, 0, 64, cat(opts6(43, rtalert(1)), rt0(44, 1, 0, ip6D), []byte{17, 0, 0, 1}, u32b(0x42), udp(ip6A, ip6D, 5000, 6000, []byte("all")))))

	// Fragments: first fragments carrying extension headers or ICMPv6,
	// later fragments, an atomic fragment, a fragment of a fragment.
	frag := func(nh byte, off uint16, more bool, id uint32) []byte {
		fo := off << 3
		if more {
			fo |= 1
		}
		return cat([]byte{nh, 0}, u16b(fo), u32b(id))
	}
	add("frag-dstopt", raw6(ip6A, ip6B, 44, 64, cat(frag(60, 0, true, 5), opts6(17), udp(ip6A, ip6B, 5000, 6000, make([]byte, 40)))))
	add("frag-icmp6", raw6(ip6A, ip6B, 44, 64, cat(frag(58, 0, true, 6), icmp6msg(128, 0, cat(u16b(9), u16b(1), make([]byte, 32))))))
	add("frag-later-icmp6", raw6(ip6A, ip6B, 44, 64, cat(frag(58, 185, false, 6), make([]byte, 24))))
	add("frag-atomic", raw6(ip6A, ip6B, 44, 64, cat(frag(17, 0, false, 7), u)))
	add("frag-frag", raw6(ip6A, ip6B, 44, 64, cat(frag(44, 0, true, 8), frag(17, 0, true, 9), u)))
	add("frag-hbh", raw6(ip6A, ip6B, 44, 64, cat(frag(0, 0, true, 10), opts6(17, rtalert(0)), u)))
	add("frag-mobility", raw6(ip6A, ip6B, 44, 64, cat(frag(135, 0, true, 11), []byte{59, 0, 0, 0, 0, 0, 0, 0})))
	add("frag-end", raw6(ip6A, ip6B, 44, 64, frag(17, 0, true, 12)))
	add("frag-tcp", raw6(ip6A, ip6B, 44, 64, cat(frag(6, 0, true, 13), srhTCP)))

	// Mobility headers: every message type, options, bad lengths.
	mh := func(proto, typ byte, body []byte) []byte {
		b := cat([]byte{59, 0, typ, 0, 0, 0}, body)
		for len(b)%8 != 0 {
			b = append(b, 0)
		}
		b[1] = byte(len(b)/8 - 1)
		return raw6(ip6A, ip6B, proto, 64, b)
	}
	cookie := []byte{1, 2, 3, 4, 5, 6, 7, 8}
	mopts := cat([]byte{0, 1, 0}, []byte{2, 2}, u16b(150), []byte{3, 16}, ip6b16("fd77::cafe"), []byte{4, 4, 0, 1, 0, 2}, []byte{5, 10}, make([]byte, 10), []byte{9, 1, 0})
	add("mh-brr", mh(135, 0, cat(u16b(0), mopts)))
	add("mh-hoti", mh(135, 1, cat(u16b(0), cookie)))
	add("mh-coti", mh(135, 2, cat(u16b(0), cookie, []byte{0, 1, 0})))
	add("mh-hot", mh(135, 3, cat(u16b(0x1234), cookie, cookie)))
	add("mh-cot", mh(135, 4, cat(u16b(0x5678), cookie, cookie)))
	add("mh-bu", mh(135, 5, cat(u16b(42), []byte{0xf0, 0}, u16b(100), mopts)))
	add("mh-bu-a", mh(135, 5, cat(u16b(43), []byte{0x80, 0}, u16b(0))))
	add("mh-bu-nobits", mh(135, 5, cat(u16b(44), []byte{0x00, 0}, u16b(1))))
	add("mh-ba", mh(135, 6, cat([]byte{128, 0x80}, u16b(42), u16b(100), []byte{1, 0})))
	add("mh-be", mh(135, 7, cat([]byte{1, 0}, ip6b16("fd77::aa"))))
	add("mh-unknown", mh(135, 12, cat(u16b(0), make([]byte, 8))))
	add("mh-old", mh(62, 6, cat([]byte{0, 0}, u16b(1), u16b(2))))
	short := mh(135, 3, cat(u16b(1), cookie, cookie))
	short[14+41] = 1 // header length 16 for a message of 24
	add("mh-short", short)
	add("mh-optlong", mh(135, 0, cat(u16b(0), []byte{2, 9, 0, 0})))

	// Other protocols behind IPv6 and IPv4 protocol numbers tcpdump does
	// not follow over IPv4.
	add("ip6-nonxt", raw6(ip6A, ip6B, 59, 64, nil))
	add("ip4-proto0", pad(serialize(eth(macA, macB, 0x0800), ip4(ip4A, ip4B, 0, 34), gopacket.Payload(make([]byte, 8)))))
	add("ip4-proto43", pad(serialize(eth(macA, macB, 0x0800), ip4(ip4A, ip4B, 43, 35), gopacket.Payload(make([]byte, 8)))))
	add("ip4-proto135", pad(serialize(eth(macA, macB, 0x0800), ip4(ip4A, ip4B, 135, 36), gopacket.Payload(make([]byte, 8)))))
	// IPv6 in IPv4 with a hop-by-hop jumbo header (nested snapshot ends).
	inner := withHdr(0, 0, cat(opts6(17, jumbo(70000)), u))[14:]
	add("ip4-ip6-jumbo", serialize(eth(macA, macB, 0x0800), ip4(ip4A, ip4B, 41, 37), gopacket.Payload(inner)))

	// Cuts inside the extension headers and the messages.
	n := len(fs)
	for _, f := range fs[:n] {
		for _, c := range []int{55, 57, 62, 63, 66, 70, 78, 86, 90, 94, 110, 120} {
			if c < len(f.data) {
				fs = append(fs, cut(f, c))
			}
		}
	}
	return fs
}
