// OSPFv3 packets for the comparison with tcpdump (print-ospf6.c): every
// packet type, every LSA type it decodes (Router links of each kind,
// Network, Inter-Area Prefix, AS-External with forwarding address, tag
// and referenced LS ID, Link, Intra-Area Prefix, Grace, Intra-Area TE)
// and some it dumps, prefixes of every length, the LLS block and the
// authentication trailer, bad lengths, cut short.

package printer

func ospf6Corpus() []frame {
	var fs []frame
	add := func(name string, msg []byte, trailer ...[]byte) {
		m := append([]byte(nil), msg...)
		m[2], m[3] = byte(len(m)>>8), byte(len(m))
		fs = append(fs, full(name, raw6(ip6LLB, ip6AllSPF, 89, 1, cat(m, cat(trailer...)))))
	}
	hdr := func(typ byte, area uint32, inst byte, body ...[]byte) []byte {
		return cat([]byte{3, typ, 0, 0}, []byte{198, 18, 0, 1}, u32b(area), []byte{0x12, 0x34, inst, 0}, cat(body...))
	}
	hello := func(opts uint32, dr, bdr uint32, nbrs ...uint32) []byte {
		b := cat(u32b(5), u32b(opts|1<<24), u16b(10), u16b(40), u32b(dr), u32b(bdr))
		for _, n := range nbrs {
			b = append(b, u32b(n)...)
		}
		return b
	}
	add("ospf6-hello", hdr(1, 0, 0, hello(0x13, 0xc6120001, 0xc6120002, 0xc6120003, 0xc6120004)))
	add("ospf6-hello-area", hdr(1, 0x00000001, 5, hello(0x7ff, 0, 0)))
	add("ospf6-hello-bdr", hdr(1, 0x0a000000, 0, hello(0, 0, 7)))
	lls := cat(u16b(0xabcd), u16b(12), u32b(0x00010004), u32b(1))
	at := cat(u16b(1), u16b(32), u16b(0), u16b(9), u32b(0), u32b(77), make([]byte, 16))
	add("ospf6-hello-lls", hdr(1, 0, 0, hello(0x213, 0, 0, 0xc6120003)), lls)
	add("ospf6-hello-lls-at", hdr(1, 0, 0, hello(0x613, 0, 0)), lls, at)
	add("ospf6-hello-at", hdr(1, 0, 0, hello(0x413, 0, 0)), at)
	add("ospf6-hello-at-unknown", hdr(1, 0, 0, hello(0x413, 0, 0)), cat(u16b(7), u16b(16), u16b(0), u16b(1), u32b(2), u32b(3)))
	add("ospf6-hello-at-badlen", hdr(1, 0, 0, hello(0x413, 0, 0)), cat(u16b(1), u16b(40), u16b(0), u16b(1), u32b(2), u32b(3)))
	add("ospf6-hello-at-short", hdr(1, 0, 0, hello(0x413, 0, 0)), []byte{0, 1, 0, 16, 0, 0})
	add("ospf6-hello-lls-bad", hdr(1, 0, 0, hello(0x200, 0, 0)), cat(u16b(1), u16b(2), u32b(0)))
	add("ospf6-hello-lls-long", hdr(1, 0, 0, hello(0x200, 0, 0)), cat(u16b(1), u16b(40), u32b(0)))
	add("ospf6-hello-lls-tiny", hdr(1, 0, 0, hello(0x200, 0, 0)), []byte{1, 2})
	lshdr := func(age, typ uint16, id, rtr, seq uint32, ln uint16) []byte {
		return cat(u16b(age), u16b(typ), u32b(id), u32b(rtr), u32b(seq), u16b(0x5555), u16b(ln))
	}
	dd := cat(u32b(0x13), u16b(1500), []byte{0, 0x07}, u32b(0x1000))
	add("ospf6-dd", hdr(2, 0, 0, dd, lshdr(1, 0x2001, 0, 0xc6120001, 0x80000001, 40), lshdr(2, 0x4005, 3, 0xc6120002, 0x80000002, 36),
		lshdr(3, 0x0008, 5, 0xc6120003, 0x80000003, 56), lshdr(4, 0xe00f, 5, 0xc6120003, 0x80000003, 20), lshdr(4, 0x6003, 5, 0, 0, 20)))
	add("ospf6-dd-flags", hdr(2, 0, 0, cat(u32b(0x200), u16b(9000), []byte{0, 0x10}, u32b(0xffffffff))), lls)
	add("ospf6-dd-badlen", hdr(2, 0, 0, dd, lshdr(1, 0x2001, 0, 1, 2, 12)))
	add("ospf6-dd-partial", hdr(2, 0, 0, dd, lshdr(1, 0x2001, 0, 1, 2, 40)[:12]))
	add("ospf6-lsr", hdr(3, 0, 0, u16b(0), u16b(0x2001), u32b(0), u32b(0xc6120001), u16b(0), u16b(0x2009), u32b(4), u32b(0xc6120002)))
	add("ospf6-lsr-partial", hdr(3, 0, 0, u16b(0), u16b(0x2001), u32b(0), u32b(0xc6120001), u16b(0)))
	add("ospf6-lsack", hdr(5, 0, 0, lshdr(9, 0x2002, 1, 2, 3, 32), lshdr(9, 0x0008, 1, 2, 3, 44)))
	add("ospf6-lsack-short", hdr(5, 0, 0, lshdr(9, 0x2002, 1, 2, 3, 32)[:10]))
	lsa := func(typ uint16, body ...[]byte) []byte {
		b := cat(body...)
		return cat(lshdr(30, typ, 0, 0xc6120009, 0x80000005, uint16(20+len(b))), b)
	}
	lsu := func(n uint32, lsas ...[]byte) []byte { return hdr(4, 0, 0, u32b(n), cat(lsas...)) }
	rl := func(t byte, metric uint16, ifid, nifid, nrid uint32) []byte {
		return cat([]byte{t, 0}, u16b(metric), u32b(ifid), u32b(nifid), u32b(nrid))
	}
	router := lsa(0x2001, u32b(0x07000033), rl(1, 10, 5, 6, 0xc6120002), rl(2, 20, 7, 8, 0xc6120003), rl(4, 30, 9, 10, 0xc6120004))
	add("ospf6-lsu-router", lsu(1, router))
	add("ospf6-lsu-router-unknown", lsu(1, lsa(0x2001, u32b(0x18000000), rl(3, 1, 2, 3, 4), rl(1, 1, 2, 3, 4))))
	add("ospf6-lsu-router-short", lsu(1, lsa(0x2001, u32b(0), rl(1, 1, 2, 3, 4)[:8])))
	add("ospf6-lsu-router-nobody", lsu(1, lsa(0x2001, []byte{1})))
	network := lsa(0x2002, u32b(0x33), u32b(0xc6120001), u32b(0xc6120002))
	add("ospf6-lsu-network", lsu(1, network))
	add("ospf6-lsu-network-odd", lsu(1, lsa(0x2002, u32b(0x33), u32b(0xc6120001), []byte{1, 2})))
	pfx := func(plen, opt byte, metric uint16, addr ...byte) []byte {
		b := cat([]byte{plen, opt}, u16b(metric), addr)
		return b
	}
	a64 := []byte{0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2}
	a128 := cat(a64, []byte{0, 0, 0, 0, 0, 0, 0, 9})
	interap := lsa(0x2003, u32b(0xff000064), pfx(64, 0, 0, a64...), pfx(0, 0x3f, 5), pfx(128, 0x08, 1, a128...), pfx(33, 1, 2, a64...), pfx(1, 0, 3, 0x80, 0, 0, 0))
	add("ospf6-lsu-interap", lsu(1, interap))
	add("ospf6-lsu-interap-bogus", lsu(1, lsa(0x2003, u32b(1), pfx(129, 0, 0, a128...), []byte{0, 0, 0, 0})))
	add("ospf6-lsu-interap-short", lsu(1, lsa(0x2003, u32b(1), pfx(64, 0, 0, a64[:4]...))))
	add("ospf6-lsu-interap-tiny", lsu(1, lsa(0x2003, u32b(1), []byte{1, 2})))
	ase := func(fl uint32, refType uint16, extra ...[]byte) []byte {
		return lsa(0x4005, u32b(fl|20), pfx(48, 0x02, refType, a64[:8]...), cat(extra...))
	}
	add("ospf6-lsu-ase", lsu(1, ase(0, 0)))
	add("ospf6-lsu-ase-all", lsu(1, ase(0x07000000, 0x2001, ip6D.To16(), u32b(0xdeadbeef), u32b(0x01020304))))
	add("ospf6-lsu-ase-fwd", lsu(1, ase(0x02000000, 0, ip6D.To16())))
	add("ospf6-lsu-ase-e2", lsu(1, ase(0x84000000, 0)))
	add("ospf6-lsu-ase-tag", lsu(1, ase(0x05000000, 0, u32b(99))))
	add("ospf6-lsu-ase-ref", lsu(1, ase(0, 0x0100, u32b(99))))
	add("ospf6-lsu-ase-missing", lsu(1, ase(0x03000000, 0x0100)))
	add("ospf6-lsu-ase-notag", lsu(1, ase(0x01000000, 0)))
	add("ospf6-lsu-ase-noref", lsu(1, ase(0, 0x0100)))
	add("ospf6-lsu-ase-nobody", lsu(1, lsa(0x4005)))
	link := lsa(0x0008, u32b(0x01000013), ip6LLB.To16(), u32b(2), pfx(64, 0, 0, a64...), pfx(56, 0x10, 0, a64...))
	add("ospf6-lsu-link", lsu(1, link))
	add("ospf6-lsu-link-moreprefixes", lsu(1, lsa(0x0008, u32b(0x01000013), ip6LLB.To16(), u32b(5), pfx(64, 0, 0, a64...))))
	add("ospf6-lsu-link-short", lsu(1, lsa(0x0008, u32b(0x01000013), ip6LLB.To16()[:8])))
	intra := lsa(0x2009, u16b(2), u16b(0x2001), u32b(0), u32b(0xc6120009), pfx(64, 0, 10, a64...), pfx(128, 2, 0, a128...))
	add("ospf6-lsu-intra", lsu(1, intra))
	add("ospf6-lsu-intra-net", lsu(1, lsa(0x2009, u16b(1), u16b(0x2002), u32b(5), u32b(0xc6120009), pfx(64, 0, 0, a64...))))
	add("ospf6-lsu-intra-short", lsu(1, lsa(0x2009, u16b(3), u16b(0x2001))))
	add("ospf6-lsu-intra-noprefix", lsu(1, lsa(0x2009, u16b(3), u16b(0x2001), u32b(0), u32b(1))))
	grace := lsa(0x000b, u16b(1), u16b(4), u32b(120), u16b(2), u16b(1), []byte{1, 0, 0, 0}, u16b(3), u16b(4), []byte{198, 18, 0, 1})
	add("ospf6-lsu-grace", lsu(1, grace))
	add("ospf6-lsu-te", lsu(1, lsa(0x000a, u16b(2), u16b(12), u16b(1), u16b(1), []byte{1, 0, 0, 0}, u16b(6), u16b(4), u32b(0x01020304))))
	add("ospf6-lsu-unknown", lsu(1, lsa(0x2004, u32b(0), u32b(1), u32b(2)), lsa(0xa00c, []byte{1, 2, 3, 4, 5}), lsa(0x0006, nil), lsa(0x4007, u32b(9))))
	add("ospf6-lsu-many", lsu(6, router, network, interap, ase(0x07000000, 0x2001, ip6D.To16(), u32b(1), u32b(2)), link, intra))
	add("ospf6-lsu-count-short", lsu(1, router, network))
	add("ospf6-lsu-count-long", lsu(9, router))
	add("ospf6-lsu-count0", lsu(0, router))
	add("ospf6-lsu-lsalong", lsu(1, cat(lshdr(1, 0x2001, 0, 1, 2, 200), u32b(0))))
	add("ospf6-lsu-lsabogus", lsu(1, cat(lshdr(1, 0x2001, 0, 1, 2, 4), u32b(0))))
	add("ospf6-badtype", hdr(9, 0, 0, u32b(1)))
	add("ospf6-type0", hdr(0, 0, 0))
	add("ospf6-v2", cat([]byte{2}, hdr(1, 0, 0, hello(0, 0, 0))[1:]))
	add("ospf6-v4", cat([]byte{4}, hdr(1, 0, 0, hello(0, 0, 0))[1:]))
	m := hdr(1, 0, 0, hello(0x13, 0, 0))
	add("ospf6-hdr-only", hdr(1, 0, 0))
	fs = append(fs, full("ospf6-lenlong", raw6(ip6LLB, ip6AllSPF, 89, 1, cat(m[:2], u16b(200), m[4:]))))
	fs = append(fs, full("ospf6-lenshort", raw6(ip6LLB, ip6AllSPF, 89, 1, cat(m[:2], u16b(20), m[4:]))))
	fs = append(fs, full("ospf6-tiny", raw6(ip6LLB, ip6AllSPF, 89, 1, []byte{3})))
	n := len(fs)
	for _, f := range fs[:n] {
		for k := 14 + 40 + 1; k < len(f.data); k += 3 {
			fs = append(fs, cut(f, k))
		}
	}
	return fs
}
