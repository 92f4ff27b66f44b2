// PIM for the comparison with tcpdump (print-pim.c): PIMv2 messages of
// every type over IPv4 and IPv6 (Hello with each option, Register with
// null, IPv4 and IPv6 inner packets, Register-Stop, Join/Prune, Graft,
// Graft-Ack, Bootstrap, Assert, Candidate-RP, Prune Refresh, DF Election
// subtypes), RFC 2117 address encoding, bad checksums and versions,
// PIMv1 in IGMP, Cisco Auto-RP, cut short at every length.

package printer

func pimCorpus() []frame {
	var fs []frame
	add := func(name string, msg []byte) { fs = append(fs, full(name, raw4(103, nil, withSum(msg, 2)))) }
	add6 := func(name string, msg []byte) {
		fs = append(fs, full(name, raw6(ip6A, ip6B, 103, 1, sum6(ip6A, ip6B, 103, msg, 2))))
	}
	h := func(typ, rsv byte, body ...[]byte) []byte { return cat([]byte{0x20 | typ, rsv, 0, 0}, cat(body...)) }
	u4 := func(a ...byte) []byte { return cat([]byte{1, 0}, a) }
	g4 := func(fl, ml byte, a ...byte) []byte { return cat([]byte{1, 0, fl, ml}, a) }
	u6 := cat([]byte{2, 0}, ip6C.To16())
	g6 := func(fl, ml byte) []byte { return cat([]byte{2, 0, fl, ml}, ip6D.To16()) }
	opt := func(t uint16, v []byte) []byte { return cat(u16b(t), u16b(uint16(len(v))), v) }
	grp := g4(0, 32, 239, 1, 2, 3)
	src := u4(198, 18, 0, 7)

	// Hello options.
	add("pim-hello", h(0, 0, opt(1, u16b(105)), opt(2, []byte{0x81, 0xf4, 0x0a, 0x28}), opt(19, u32b(1)), opt(20, u32b(0xdeadbeef)),
		opt(21, []byte{1, 60, 0, 0}), opt(22, nil), opt(24, cat(u4(198, 18, 1, 1), u4(198, 18, 1, 2)))))
	add("pim-hello-old", h(0, 0, opt(18, u32b(7)), opt(18, nil), opt(19, []byte{1, 2}), opt(65001, u4(10, 0, 0, 1))))
	add("pim-hello-srv", h(0, 0, opt(21, []byte{2, 0, 0x12, 0x34}), opt(1, u16b(0xffff)), opt(1, u16b(0))))
	add("pim-hello-unknown", h(0, 0, opt(99, []byte{1, 2, 3, 4, 5}), opt(1, u16b(30))))
	add("pim-hello-badlen", h(0, 0, opt(1, []byte{1, 2, 3})))
	add("pim-hello-badlen2", h(0, 0, opt(2, []byte{1, 2})))
	add("pim-hello-badlen20", h(0, 0, opt(20, []byte{1, 2})))
	add("pim-hello-badlen21", h(0, 0, opt(21, []byte{1})))
	add("pim-hello-optlong", h(0, 0, u16b(1), u16b(40), u16b(1)))
	add("pim-hello-optshort", h(0, 0, u16b(1)))
	add("pim-hello-badaddr", h(0, 0, opt(24, []byte{3, 0, 1, 2, 3, 4})))
	add("pim-hello-addr6", h(0, 0, opt(24, u6)))
	add("pim-hello-empty", h(0, 0))
	// Register.
	inner4 := raw4(17, nil, udp4To(ip4B, 1, 2, []byte("hi")))[14:]
	inner4 = inner4[:20+8+2]
	inner6 := raw6(ip6A, ip6B, 59, 3, nil)[14 : 14+40]
	add("pim-register", h(1, 0, u32b(0), inner4))
	add("pim-register-border", h(1, 0, u32b(0x80000000), inner4))
	add("pim-register-null", h(1, 0, u32b(0x40000000), cat([]byte{0x45, 0, 0, 20}, make([]byte, 8), []byte{10, 0, 0, 1, 239, 1, 1, 1})))
	add("pim-register-both", h(1, 0, u32b(0xc0000000), inner4))
	add("pim-register-6", h(1, 0, u32b(0), inner6))
	add("pim-register-ver", h(1, 0, u32b(0), []byte{0x30, 1, 2, 3}))
	add("pim-register-empty", h(1, 0, u32b(0)))
	reg := h(1, 0, u32b(0), inner4)
	bad := withSum(reg, 2)
	bad[len(bad)-1] ^= 0xff // the checksum covers only the header
	fs = append(fs, full("pim-register-tailsum", raw4(103, nil, bad)))
	bad = withSum(reg, 2)
	bad[5] ^= 1
	fs = append(fs, full("pim-register-badsum", raw4(103, nil, bad)))
	// Register-Stop, Join/Prune, Graft, Graft-Ack.
	add("pim-regstop", h(2, 0, grp, src))
	add("pim-regstop-mask", h(2, 0, g4(0x80, 24, 239, 1, 0, 0), src))
	jp := func(typ byte) []byte {
		return h(typ, 0, u4(198, 18, 0, 1), []byte{0, 2}, u16b(210),
			grp, u16b(2), u16b(1), g4(0x04, 32, 198, 18, 0, 5), g4(0x07, 24, 198, 18, 0, 6), g4(0x01, 32, 198, 18, 0, 8),
			g4(0, 8, 239, 0, 0, 0), u16b(0), u16b(1), g4(0xf8, 32, 198, 18, 0, 9))
	}
	add("pim-joinprune", jp(3))
	add("pim-graft", jp(6))
	add("pim-graftack", jp(7))
	add("pim-joinprune-inf", h(3, 0, u4(198, 18, 0, 1), []byte{0, 0}, u16b(0xffff)))
	add("pim-joinprune-manygroups", h(3, 0, u4(198, 18, 0, 1), []byte{0, 9}, u16b(60), grp, u16b(0), u16b(0)))
	// Bootstrap.
	add("pim-bootstrap", h(4, 0, u16b(0x1234), []byte{30, 5}, u4(198, 18, 0, 20),
		g4(0, 4, 224, 0, 0, 0), []byte{2, 2, 0, 0}, u4(198, 18, 0, 21), u16b(150), []byte{3, 0}, u4(198, 18, 0, 22), u16b(0), []byte{0xff, 0},
		g4(1, 8, 239, 0, 0, 0), []byte{1, 1, 0, 0}, u4(198, 18, 0, 23), u16b(90), []byte{0, 0}))
	add("pim-bootstrap-empty", h(4, 0, u16b(1), []byte{30, 0}, u4(198, 18, 0, 20)))
	add("pim-bootstrap-frpmore", h(4, 0, u16b(1), []byte{30, 0}, u4(198, 18, 0, 20), g4(0, 4, 224, 0, 0, 0), []byte{1, 5, 0, 0}, u4(198, 18, 0, 21), u16b(1), []byte{1, 0}))
	// Assert.
	add("pim-assert", h(5, 0, grp, src, u32b(0x80000065), u32b(20)))
	add("pim-assert-spt", h(5, 0, g4(0, 24, 239, 1, 2, 0), src, u32b(110), u32b(0xffffffff)))
	// Candidate-RP.
	add("pim-crp", h(8, 0, []byte{2, 192}, u16b(150), u4(198, 18, 0, 30), g4(0, 4, 224, 0, 0, 0), g4(1, 16, 239, 1, 0, 0)))
	add("pim-crp-none", h(8, 0, []byte{0, 0}, u16b(0), u4(198, 18, 0, 30)))
	add("pim-crp-short", h(8, 0, []byte{3, 0}, u16b(60), u4(198, 18, 0, 30), g4(0, 4, 224, 0, 0, 0)))
	// Prune Refresh, DF Election, ECMP redirect and unknown types.
	add("pim-prunerefresh", h(9, 0, src, grp, u4(198, 18, 0, 40), u16b(300), u16b(0)))
	for sub := byte(0); sub <= 5; sub++ {
		add("pim-df", h(10, sub<<4, u4(198, 18, 0, 50), u32b(100), u32b(200), u4(198, 18, 0, 51), u32b(300), u32b(400), u16b(250)))
	}
	add("pim-ecmp", h(11, 0, u4(198, 18, 0, 1), []byte{1, 2, 3, 4}))
	add("pim-type12", h(12, 0, []byte{1, 2, 3, 4}))
	add("pim-type15", h(15, 0xff))
	// RFC 2117 address encoding (no family bytes).
	add("pim-rfc2117-regstop", h(2, 4, []byte{0, 32, 239, 1, 2, 3}, []byte{198, 18, 0, 7}))
	add("pim-rfc2117-jp", h(3, 4, []byte{198, 18, 0, 1}, []byte{0, 1}, u16b(30), []byte{0, 32, 239, 1, 2, 3}, u16b(1), u16b(0), []byte{7, 32, 198, 18, 0, 5}))
	add("pim-rfc2117-bad", h(2, 5, []byte{0, 32, 239, 1, 2, 3}, []byte{198, 18, 0, 7}))
	add("pim-rfc2117-16", h(5, 16, cat([]byte{0, 128}, ip6D.To16()), ip6C.To16(), u32b(1), u32b(2)))
	// Bad encodings, checksums and versions.
	add("pim-badfamily", h(2, 0, []byte{9, 0, 0, 32, 239, 1, 2, 3}, src))
	add("pim-badenc", h(2, 0, []byte{1, 1, 0, 32, 239, 1, 2, 3}, src))
	m := withSum(h(5, 0, grp, src, u32b(1), u32b(2)), 2)
	m[3] ^= 0x55
	fs = append(fs, full("pim-badsum", raw4(103, nil, m)))
	fs = append(fs, full("pim-nosum", raw4(103, nil, h(5, 0, grp, src, u32b(1), u32b(2)))))
	add("pim-v1", []byte{0x10, 0, 0, 0, 1, 2, 3, 4})
	add("pim-v3", []byte{0x30, 0, 0, 0})
	fs = append(fs, full("pim-v0", raw4(103, nil, []byte{0x00})))
	fs = append(fs, full("pim-2bytes", raw4(103, nil, []byte{0x25, 0})))
	fs = append(fs, full("pim-3bytes", raw4(103, nil, []byte{0x25, 0, 0})))
	// PIM over IPv6.
	add6("pim6-hello", h(0, 0, opt(1, u16b(105)), opt(19, u32b(1)), opt(24, u6)))
	add6("pim6-joinprune", h(3, 0, u6, []byte{0, 1}, u16b(210), g6(0, 128), u16b(1), u16b(1), g6(4, 128), g6(7, 64)))
	add6("pim6-assert", h(5, 0, g6(0, 64), u6, u32b(5), u32b(6)))
	add6("pim6-register", h(1, 0, u32b(0), inner6))
	add6("pim6-bootstrap", h(4, 0, u16b(7), []byte{126, 3}, u6, g6(0, 8), []byte{1, 1, 0, 0}, u6, u16b(150), []byte{1, 0}))
	add6("pim6-crp", h(8, 0, []byte{1, 1}, u16b(9), u6, g6(0, 8)))
	add6("pim6-df", h(10, 0x30, u6, u32b(1), u32b(2), u6, u32b(3), u32b(4), u16b(5)))
	// PIMv1 carried in IGMP (type 0x14).
	igmp := func(name string, code byte, rest []byte) {
		fs = append(fs, full(name, raw4(2, nil, withSum(cat([]byte{0x14, code, 0, 0}, rest), 2))))
	}
	for mode := byte(0); mode < 4; mode++ {
		igmp("pimv1-query", 0, cat([]byte{0x10, 0, 0, 0}, []byte{mode << 4, 0}, u16b(105)))
	}
	igmp("pimv1-register", 1, cat([]byte{0x10, 0, 0, 0}, inner4))
	igmp("pimv1-regstop", 2, cat([]byte{0x10, 0, 0, 0}, []byte{239, 1, 2, 3, 198, 18, 0, 7}))
	igmp("pimv1-rpreach", 4, cat([]byte{0x10, 0, 0, 0}, []byte{239, 1, 2, 3}, u32b(0xffffff00), []byte{198, 18, 0, 9}, u16b(0), u16b(270)))
	igmp("pimv1-rpreach-host", 4, cat([]byte{0x10, 0, 0, 0}, []byte{239, 1, 2, 3}, u32b(0xffffffff), []byte{198, 18, 0, 9}, u16b(0), u16b(270)))
	igmp("pimv1-assert", 5, cat([]byte{0x10, 0, 0, 0}, []byte{239, 1, 2, 3}, u32b(0xffffffff), []byte{198, 18, 0, 7}, u32b(0x80000010), u32b(33)))
	igmp("pimv1-assert-spt", 5, cat([]byte{0x10, 0, 0, 0}, []byte{239, 1, 2, 0}, u32b(0xffffff00), []byte{198, 18, 0, 7}, u32b(16), u32b(33)))
	jp1 := func(hold uint16, nj, np uint16, fl0, fl1 byte) []byte {
		return cat([]byte{0x10, 0, 0, 0}, []byte{198, 18, 0, 1}, u16b(0), u16b(hold), []byte{0, 0, 0, 1},
			[]byte{239, 1, 2, 3}, u32b(0xffffffff), u16b(nj), u16b(np), []byte{fl0, fl1}, []byte{198, 18, 0, 5})
	}
	for _, c := range []byte{3, 6, 7} {
		igmp("pimv1-jp-single", c, jp1(180, 1, 0, 1, 0xe0|24))
	}
	igmp("pimv1-jp-prune", 3, jp1(210, 0, 1, 0, 0x40|32))
	multi := cat([]byte{0x10, 0, 0, 0}, []byte{198, 18, 0, 1}, u16b(0), u16b(90), []byte{0, 0, 0, 2},
		[]byte{239, 1, 2, 3}, u32b(0xffffffff), u16b(1), u16b(1), []byte{1, 0x80 | 32, 198, 18, 0, 5}, []byte{0, 0x40 | 24, 198, 18, 0, 6},
		[]byte{239, 9, 0, 0}, u32b(0xffff0000), u16b(0), u16b(1), []byte{1, 0xc0 | 16, 198, 18, 0, 8})
	igmp("pimv1-jp-multi", 3, multi)
	igmp("pimv1-graft-multi", 6, multi)
	igmp("pimv1-v2", 0, cat([]byte{0x20, 0, 0, 0}, []byte{0x10, 0}, u16b(105)))
	igmp("pimv1-unknown", 9, []byte{0x10, 0, 0, 0, 1, 2, 3, 4})
	// Shorter than an IGMP header: no checksum verdict.
	fs = append(fs, full("igmp-2bytes", raw4(2, nil, []byte{0x25, 0})), full("pimv1-3bytes", raw4(2, nil, []byte{0x14, 3, 0})))
	// Cisco Auto-RP (UDP 496).
	arp := func(name string, data []byte) {
		fs = append(fs, full(name, raw4(17, nil, udp4To(ip4B, 496, 496, data))))
	}
	arp("autorp-announce", cat([]byte{0x11, 1}, u16b(181), u32b(0), []byte{198, 18, 0, 60}, []byte{2}, []byte{2},
		[]byte{0, 4, 224, 0, 0, 0}, []byte{1, 16, 239, 1, 0, 0}))
	arp("autorp-mapping", cat([]byte{0x12, 2}, u16b(0), u32b(0), []byte{198, 18, 0, 61}, []byte{3}, []byte{1}, []byte{2, 8, 239, 0, 0, 0},
		[]byte{198, 18, 0, 62}, []byte{0xfd}, []byte{1}, []byte{0xfc, 4, 224, 0, 0, 0}))
	arp("autorp-other", cat([]byte{0x13, 0}, u16b(5), u32b(0)))
	arp("autorp-short", []byte{0x11, 1, 0, 1})
	arp("autorp-missing", cat([]byte{0x11, 3}, u16b(5), u32b(0), []byte{198, 18, 0, 60, 1, 1, 0, 4, 224, 0, 0, 0}))
	n := len(fs)
	for _, f := range fs[:n] {
		for k := 35; k < len(f.data) && k < 140; k += 3 {
			fs = append(fs, cut(f, k))
		}
	}
	return fs
}
