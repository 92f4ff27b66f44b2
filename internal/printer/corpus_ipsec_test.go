// AH and ESP (print-ah.c, print-esp.c) and IGMP, VRRP and CARP
// (print-igmp.c, print-vrrp.c, print-carp.c) for the comparison with
// tcpdump: every message type, odd lengths and versions, bad checksums,
// over IPv4 and IPv6 where they run there, cut short at every length.

package printer

import "encoding/binary"

// withSum returns msg with the 16-bit Internet checksum at at computed
// over the message alone.
func withSum(msg []byte, at int) []byte {
	m := append([]byte(nil), msg...)
	m[at], m[at+1] = 0, 0
	binary.BigEndian.PutUint16(m[at:], cksum(0, m))
	return m
}

// raw4ttl is raw4 with another TTL.
func raw4ttl(proto, ttl byte, payload []byte) []byte {
	b := raw4(proto, nil, payload)
	b[14+8] = ttl
	b[14+10], b[14+11] = 0, 0
	binary.BigEndian.PutUint16(b[14+10:], cksum(0, b[14:34]))
	return b
}

func ipsecCorpus() []frame {
	var fs []frame
	add := func(name string, b []byte) { fs = append(fs, full(name, b)) }
	// AH carrying UDP, TCP, ICMP, another AH; odd lengths.
	ah := func(nh, l byte, spi, seq uint32, icv []byte) []byte {
		return cat([]byte{nh, l, 0, 0}, u32b(spi), u32b(seq), icv)
	}
	icv := []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	u := udp4To(ip4B, 5000, 6000, []byte("over ah"))
	add("ah-udp", raw4(51, nil, cat(ah(17, 4, 0x1000, 7, icv), u)))
	add("ah-icmp", raw4(51, nil, cat(ah(1, 4, 0xdeadbeef, 1, icv), []byte{8, 0, 0xf7, 0xfe, 0, 1, 0, 0})))
	add("ah-ah", raw4(51, nil, cat(ah(51, 4, 1, 2, icv), ah(17, 4, 3, 4, icv), u)))
	add("ah-noicv", raw4(51, nil, cat(ah(59, 1, 5, 6, nil), []byte{0, 0, 0, 0})))
	add("ah-long", raw4(51, nil, ah(17, 40, 5, 6, icv)))
	add("ah-unknown", raw4(51, nil, cat(ah(253, 4, 9, 9, icv), []byte("data"))))
	add("ah6-udp", raw6(ip6A, ip6B, 51, 64, cat(ah(17, 4, 0x2000, 8, icv), sum6(ip6A, ip6B, 17, cat(u16b(5000), u16b(6000), u16b(14), u16b(0), []byte("ah6ah6")), 6))))
	add("ah6-icmp6", raw6(ip6A, ip6B, 51, 64, cat(ah(58, 4, 0x2001, 9, icv), sum6(ip6A, ip6B, 58, icmp6msg(128, 0, []byte{0, 1, 0, 2}), 2))))
	add("ah6-dstopt", raw6(ip6A, ip6B, 51, 64, cat(ah(60, 4, 0x2002, 10, icv), opts6(59, []byte{1, 2, 0, 0}))))
	// ESP.
	add("esp", raw4(50, nil, cat(u32b(0x12345678), u32b(1), make([]byte, 40))))
	add("esp-short", raw4(50, nil, cat(u32b(0x12345678), u32b(1))))
	add("esp6", raw6(ip6A, ip6B, 50, 64, cat(u32b(0xabcdef01), u32b(0xffffffff), make([]byte, 24))))
	add("esp-frag", raw4(50, nil, cat(u32b(7), u32b(8), []byte{9})))

	// IGMP.
	igmp := func(msg []byte) []byte { return raw4ttl(2, 1, withSum(msg, 2)) }
	q := func(mrt byte, group []byte, rest ...byte) []byte {
		return cat([]byte{0x11, mrt, 0, 0}, group, rest)
	}
	g := []byte{239, 1, 2, 3}
	zero := []byte{0, 0, 0, 0}
	add("igmp-query-v1", igmp(q(0, zero)))
	add("igmp-query-v2", igmp(q(100, zero)))
	add("igmp-query-v2-gs", igmp(q(10, g)))
	add("igmp-query-v2-len", igmp(q(10, g, 0, 0)))
	for _, mrc := range []byte{100, 1, 99, 127, 128, 0x8f, 0xa5, 0xff} {
		add("igmp-query-v3", igmp(q(mrc, zero, 0x02, 125, 0, 0)))
		add("igmp-query-v3-gs", igmp(q(mrc, g, 0x0a, 0x90, 0, 2, 198, 18, 0, 1, 198, 18, 0, 2)))
	}
	add("igmp-query-v3-badsrcs", igmp(q(100, g, 0x02, 125, 0, 9, 198, 18, 0, 1)))
	add("igmp-query-v3-oddlen", igmp(q(100, g, 0x02, 125, 0, 0, 1, 2)))
	add("igmp-v1-report", igmp(cat([]byte{0x12, 0, 0, 0}, g)))
	add("igmp-v1-report-len", igmp(cat([]byte{0x12, 0, 0, 0}, g, zero)))
	add("igmp-v2-report", igmp(cat([]byte{0x16, 0, 0, 0}, g)))
	add("igmp-leave", igmp(cat([]byte{0x17, 0, 0, 0}, []byte{224, 0, 0, 2})))
	rec := func(typ byte, group []byte, srcs ...byte) []byte {
		return cat([]byte{typ, 0}, u16b(uint16(len(srcs)/4)), group, srcs)
	}
	v3r := func(recs ...[]byte) []byte {
		return cat([]byte{0x22, 0, 0, 0, 0, 0}, u16b(uint16(len(recs))), cat(recs...))
	}
	add("igmp-v3-report", igmp(v3r(rec(4, g), rec(2, []byte{239, 9, 9, 9}, 198, 18, 0, 5, 198, 18, 0, 6), rec(1, g, 198, 18, 0, 7), rec(3, g), rec(5, g), rec(6, g), rec(9, g))))
	add("igmp-v3-report-badgroups", igmp(cat(v3r(rec(4, g)), []byte{})[:12]))
	bad := v3r(rec(4, g))
	binary.BigEndian.PutUint16(bad[6:], 3)
	add("igmp-v3-report-claims", igmp(bad))
	add("igmp-v3-report-badsrcs", igmp(cat([]byte{0x22, 0, 0, 0, 0, 0, 0, 1}, []byte{1, 0, 0, 5}, g)))
	add("igmp-v3-report-oddlen", igmp(cat(v3r(rec(4, g)), []byte{0, 0})))
	add("igmp-v3-report-short", igmp([]byte{0x22, 0, 0, 0, 0, 0, 0, 0}))
	tr := func(typ byte, raddr []byte) []byte {
		return cat([]byte{typ, 0, 0, 0}, g, []byte{198, 18, 0, 1}, []byte{198, 18, 0, 2}, raddr, u32b(0x40123456))
	}
	add("igmp-mtrace", igmp(tr(0x1f, []byte{198, 18, 0, 3})))
	add("igmp-mtrace-mcast", igmp(tr(0x1f, []byte{224, 0, 1, 32})))
	add("igmp-mresp", igmp(cat(tr(0x1e, []byte{198, 18, 0, 3}), make([]byte, 28))))
	add("igmp-mtrace-short", igmp(tr(0x1f, g)[:20]))
	add("igmp-unknown", igmp([]byte{0x99, 0, 0, 0, 1, 2, 3, 4}))
	add("igmp-badsum", raw4ttl(2, 1, []byte{0x16, 0, 0x12, 0x34, 239, 1, 2, 3}))
	add("igmp-ttl64", raw4ttl(2, 64, withSum(cat([]byte{0x16, 0, 0, 0}, g), 2)))

	// VRRP v2 and v3, CARP (IP protocol 112 too: -T carp).
	vrrp2 := func(auth byte, naddr byte, addrs []byte, tail []byte) []byte {
		return withSum(cat([]byte{0x21, 7, 100, naddr, auth, 1, 0, 0}, addrs, tail), 6)
	}
	addrs := cat([]byte{198, 18, 0, 10}, []byte{198, 18, 0, 11})
	add("vrrp2", raw4ttl(112, 255, vrrp2(0, 2, addrs, make([]byte, 8))))
	add("vrrp2-simple", raw4ttl(112, 255, vrrp2(1, 1, addrs[:4], []byte("secret\x00\x00"))))
	add("vrrp2-simple8", raw4ttl(112, 255, vrrp2(1, 1, addrs[:4], []byte("password"))))
	add("vrrp2-ah", raw4ttl(112, 255, vrrp2(2, 1, addrs[:4], make([]byte, 8))))
	add("vrrp2-auth9", raw4ttl(112, 255, vrrp2(9, 1, addrs[:4], make([]byte, 8))))
	add("vrrp2-ttl", raw4ttl(112, 64, vrrp2(0, 2, addrs, nil)))
	add("vrrp2-badsum", raw4ttl(112, 255, cat([]byte{0x21, 7, 100, 1, 0, 1, 0x12, 0x34}, addrs[:4])))
	add("vrrp2-noaddr", raw4ttl(112, 255, vrrp2(0, 0, nil, nil)))
	add("vrrp2-claims", raw4ttl(112, 255, vrrp2(0, 9, addrs, nil)))
	v3 := cat([]byte{0x31, 9, 200, 2, 0x01, 0x2c, 0, 0}, addrs)
	b3 := raw4ttl(112, 255, v3)
	binary.BigEndian.PutUint16(b3[34+6:], cksum(sum16(0, cat(ip4A, ip4B, []byte{0, 112}, u16b(uint16(len(v3))))), v3))
	add("vrrp3", b3)
	add("vrrp3-badsum", raw4ttl(112, 255, v3))
	v36 := cat([]byte{0x31, 9, 200, 1, 0x0f, 0xff, 0, 0}, ip6b16("fe80::1"))
	add("vrrp3-ip6", raw6(ip6A, ip6B, 112, 255, sum6(ip6A, ip6B, 112, v36, 6)))
	add("vrrp3-ip6-hlim", raw6(ip6A, ip6B, 112, 1, v36))
	add("vrrp1", raw4ttl(112, 255, []byte{0x11, 1, 1, 1, 0, 1, 0, 0}))
	add("vrrp-type", raw4ttl(112, 255, []byte{0x22, 1, 1, 1, 0, 1, 0, 0}))
	add("vrrp4", raw4ttl(112, 255, []byte{0x41, 1, 1, 1, 0, 1, 0, 0}))
	carp := func(b0 byte) []byte {
		return withSum(cat([]byte{b0, 5, 100, 7, 0, 1, 0, 0}, u32b(0x01020304), u32b(0x05060708), make([]byte, 20)), 6)
	}
	add("carp", raw4ttl(112, 255, carp(0x21)))
	add("carp-ttl", raw4ttl(112, 1, carp(0x21)))
	add("carp-type", raw4ttl(112, 255, carp(0x22)))
	add("carp-v1", raw4ttl(112, 255, carp(0x11)))
	bc := carp(0x21)
	bc[7] ^= 0xff
	add("carp-badsum", raw4ttl(112, 255, bc))
	n := len(fs)
	for _, f := range fs[:n] {
		for k := 34; k < len(f.data) && k < 100; k += 2 {
			fs = append(fs, cut(f, k))
		}
	}
	return fs
}
