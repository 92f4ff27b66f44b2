package printer

// ikeHdr builds an ISAKMP header and its payloads (length set).
func ikeHdr(icookie, rcookie uint64, np, ver, etype, flags byte, msgid uint32, payloads ...[]byte) []byte {
	body := cat(payloads...)
	return cat(u32b(uint32(icookie>>32)), u32b(uint32(icookie)), u32b(uint32(rcookie>>32)), u32b(uint32(rcookie)),
		[]byte{np, ver, etype, flags}, u32b(msgid), u32b(uint32(28+len(body))), body)
}

// ikePay builds a generic payload.
func ikePay(np, crit byte, body ...[]byte) []byte {
	b := cat(body...)
	return cat([]byte{np, crit}, u16b(uint16(4+len(b))), b)
}

func ikeAttrB(t, v uint16) []byte        { return cat(u16b(0x8000|t), u16b(v)) }
func ikeAttrV(t uint16, v []byte) []byte { return cat(u16b(t), u16b(uint16(len(v))), v) }

// isakmpCorpus returns IKEv1 and IKEv2 exchanges on UDP 500, 4500
// (keep-alives, non-ESP marker, ESP in UDP), 7500 and 8500: every
// payload type, the attribute maps, notify and ID types, the initiator
// cookie cache in both directions, encrypted and malformed messages.
func isakmpCorpus() []frame {
	var fs []frame
	add := func(fromA bool, sp, dp uint16, m []byte) {
		f := full("isakmp", udpFrame(false, sp, dp, m))
		if !fromA { // swap the addresses: the responder's answer
			copy(f.data[14+12:14+16], ip4B)
			copy(f.data[14+16:14+20], ip4A)
			binaryPutCksum(f.data)
		}
		fs = append(fs, f)
	}
	const ic, rc = 0x1122334455667788, 0x99aabbccddeeff00
	oakley := cat(ikeAttrB(1, 7), ikeAttrB(14, 256), ikeAttrB(2, 4), ikeAttrB(3, 1), ikeAttrB(4, 14), ikeAttrB(11, 1),
		ikeAttrV(12, u32b(86400)), ikeAttrB(4, 18), ikeAttrB(4, 19), ikeAttrB(99, 3), ikeAttrB(3, 65001), ikeAttrB(5, 2))
	t1 := ikePay(3, 0, []byte{1, 1, 0, 0}, oakley)
	t2 := ikePay(0, 0, []byte{2, 1, 0, 0}, ikeAttrB(1, 5), ikeAttrB(2, 2), ikeAttrB(3, 3), ikeAttrB(4, 2))
	prop := ikePay(0, 0, []byte{1, 1, 0, 2}, t1, t2)
	sa := ikePay(13, 0, u32b(1), u32b(1), prop)
	vid := ikePay(13, 0, []byte("RFC 3947 NAT-T draft"))
	vid2 := ikePay(0, 0, []byte{0xaf, 0xca, 0xd7, 0x13, 0x68, 0xa1, 0xf1, 0xc9})
	add(true, 500, 500, ikeHdr(ic, 0, 1, 0x10, 2, 0, 0, sa, vid, vid2))
	add(false, 500, 500, ikeHdr(ic, rc, 1, 0x10, 2, 0, 0, sa, vid2))
	ke := ikePay(10, 0, make([]byte, 128))
	nonce := ikePay(20, 0, []byte("0123456789abcdefghijklmnopqrstuvwxyz"))
	natd := ikePay(0, 0, make([]byte, 20))
	add(true, 500, 500, ikeHdr(ic, rc, 4, 0x10, 2, 0, 0, ke, nonce, natd))
	add(false, 500, 500, ikeHdr(ic, rc, 4, 0x10, 2, 0, 0, ke, ikePay(0, 0, []byte("short"))))
	add(true, 4500, 4500, cat(u32b(0), ikeHdr(ic, rc, 5, 0x10, 2, 1, 0, make([]byte, 60))))
	add(true, 500, 500, ikeHdr(ic, rc, 5, 0x10, 2, 0, 0, ikePay(8, 0, []byte{1, 17, 1, 0xf4}, ipb("10.77.0.1")), ikePay(0, 0, make([]byte, 20))))
	// Quick mode with ESP and AH proposals.
	esp := ikePay(0, 0, []byte{1, 3, 4, 2}, u32b(0xc0ffee01),
		ikePay(3, 0, []byte{1, 12, 0, 0}, ikeAttrB(1, 1), ikeAttrV(2, u32b(3600)), ikeAttrB(3, 2), ikeAttrB(4, 1), ikeAttrB(5, 2), ikeAttrB(6, 128), ikeAttrB(7, 9), ikeAttrB(8, 1), ikeAttrV(9, []byte{1})),
		ikePay(0, 0, []byte{2, 3, 0, 0}, ikeAttrB(4, 2), ikeAttrB(5, 9), ikeAttrB(3, 18), ikeAttrB(1, 3)))
	ah := ikePay(2, 0, []byte{1, 2, 4, 1}, u32b(7), ikePay(0, 0, []byte{1, 3, 0, 0}, ikeAttrB(5, 1)))
	ipc := ikePay(0, 0, []byte{2, 4, 2, 1}, u16b(9), ikePay(0, 0, []byte{1, 2, 0, 0}))
	quick := func(sit uint32, props ...[]byte) []byte {
		b := cat(u32b(1), u32b(sit))
		if sit != 1 {
			b = cat(b, u32b(0))
		}
		return ikePay(10, 0, b, cat(props...))
	}
	add(true, 500, 500, ikeHdr(ic, rc, 8, 0x10, 32, 0, 0xdeadbeef, ikePay(1, 0, make([]byte, 20)), quick(1, esp), ikePay(5, 0, make([]byte, 16)),
		ikePay(5, 0, []byte{4, 0, 0, 0}, ipb("192.0.2.0"), ipb("255.255.255.0")), ikePay(0, 0, []byte{1, 17, 0, 0}, ipb("198.51.100.9"))))
	add(true, 500, 500, ikeHdr(ic, rc, 1, 0x10, 32, 0, 7, quick(2, ah, ipc)))
	add(true, 500, 500, ikeHdr(ic, rc, 1, 0x10, 32, 0, 7, quick(7), quick(6)))
	add(true, 500, 500, ikeHdr(ic, rc, 1, 0x10, 32, 0, 7, ikePay(0, 0, u32b(2), u32b(9))))
	// Transforms of unknown protocols and with attributes running past.
	add(true, 500, 500, ikeHdr(ic, rc, 1, 0x10, 32, 0, 7, ikePay(0, 0, u32b(1), u32b(1), ikePay(0, 0, []byte{1, 9, 0, 1},
		ikePay(0, 0, []byte{1, 77, 0, 0}, ikeAttrB(1, 1), ikeAttrV(2, []byte{1, 2, 3}))))))
	add(true, 500, 500, ikeHdr(ic, rc, 1, 0x10, 32, 0, 7, ikePay(0, 0, u32b(1), u32b(1), ikePay(0, 0, []byte{1, 1, 0, 1},
		ikePay(0, 0, []byte{1, 1, 0, 0}, ikeAttrB(1, 1), u16b(2), u16b(40), []byte{1, 2})))))
	// IDs of every type.
	id := func(t byte, data []byte) []byte { return ikePay(0, 0, []byte{t, 6, 0, 80}, data) }
	for _, x := range []struct {
		t byte
		d []byte
	}{{1, ipb("10.1.1.1")}, {1, []byte{1}}, {2, []byte("vpn.example.com")}, {3, []byte("user@example.com\x01")},
		{4, cat(ipb("10.0.0.0"), ipb("255.0.0.0"))}, {4, []byte{1, 2}}, {5, ip6b16("2001:db8::1")}, {5, []byte{1}},
		{6, cat(ip6b16("2001:db8::"), ip6b16("ffff:ffff::"))}, {6, []byte{1}}, {7, cat(ipb("10.0.0.1"), ipb("10.0.0.9"))},
		{7, []byte{1}}, {8, cat(ip6b16("2001:db8::1"), ip6b16("2001:db8::9"))}, {8, []byte{1}}, {9, []byte{0x30, 0x03, 1, 2, 3}},
		{10, []byte{1}}, {11, []byte("keyid")}, {99, []byte{1, 2}}, {1, nil}} {
		add(true, 500, 500, ikeHdr(ic, rc, 5, 0x10, 4, 0, 0, id(x.t, x.d)))
	}
	// CERT, CR, SIG, HASH, notifications, deletes.
	add(true, 500, 500, ikeHdr(ic, rc, 6, 0x10, 2, 0, 0, ikePay(7, 0, []byte{4}, make([]byte, 30)), ikePay(9, 0, []byte{4}),
		ikePay(6, 0, []byte{99, 1}), ikePay(8, 0, make([]byte, 40)), ikePay(0, 0, make([]byte, 20))))
	n1 := func(doi uint32, proto, spi byte, typ uint16, rest ...[]byte) []byte {
		return ikePay(11, 0, u32b(doi), []byte{proto, spi}, u16b(typ), cat(rest...))
	}
	nlast := func(b []byte) []byte { b = append([]byte(nil), b...); b[0] = 0; return b }
	var ns [][]byte
	for _, t := range []uint16{1, 14, 24, 30, 31, 8192, 8193, 16384, 16385, 24576, 24577, 24578, 24579, 32768, 40000} {
		ns = append(ns, n1(1, 3, 4, t, u32b(0x01020304), u32b(1)))
	}
	ns = append(ns, n1(1, 1, 16, 24578, make([]byte, 16)), n1(1, 3, 4, 24576, u32b(5), ikeAttrB(11, 1), ikeAttrV(12, u32b(28800))),
		n1(1, 3, 0, 24577, u32b(0)), n1(0, 3, 4, 14, u32b(9)), n1(0, 3, 0, 9000), n1(0, 3, 0, 16384), n1(0, 3, 0, 20000), n1(7, 9, 0, 30000),
		n1(1, 3, 0, 24576, ikeAttrB(11, 1), u16b(2), u16b(30)))
	ns[len(ns)-1] = nlast(ns[len(ns)-1])
	add(true, 500, 500, ikeHdr(ic, rc, 11, 0x10, 5, 0, 9, ns[:8]...))
	ns[7] = nlast(ns[7])
	add(true, 500, 500, ikeHdr(ic, rc, 11, 0x10, 5, 0, 9, ns[8:]...))
	add(true, 500, 500, ikeHdr(ic, rc, 12, 0x10, 5, 0, 9, ikePay(12, 0, u32b(1), []byte{3, 4}, u16b(2), u32b(0xaabbccdd), u32b(0x11223344)),
		ikePay(12, 0, u32b(1), []byte{1, 16}, u16b(1), make([]byte, 16)), ikePay(0, 0, u32b(5), []byte{3, 4}, u16b(1), u32b(1))))
	add(true, 500, 500, ikeHdr(ic, rc, 12, 0x10, 5, 0, 9, ikePay(0, 0, u32b(1), []byte{3, 4}, u16b(3), u32b(1))))
	// Exchange types, flags, an unknown cookie, other versions.
	for _, et := range []byte{0, 1, 3, 5, 6, 32, 33, 34, 99} {
		add(true, 500, 500, ikeHdr(0x0102030405060708+uint64(et), 0, 13, 0x10, et, byte(et%8), 0, vid2))
	}
	add(false, 500, 500, ikeHdr(0x7777, rc, 13, 0x10, 2, 0, 0, vid2))
	add(true, 500, 500, ikeHdr(0, rc, 13, 0x10, 2, 0, 0, vid2))
	add(true, 500, 500, ikeHdr(ic, rc, 13, 0x31, 2, 0, 0, vid2))
	add(true, 500, 500, ikeHdr(ic, rc, 99, 0x10, 2, 0, 0, ikePay(0, 0, []byte{1, 2, 3})))
	add(true, 500, 500, ikeHdr(ic, rc, 13, 0x10, 2, 0, 0, []byte{0, 0, 0, 4}))
	add(true, 500, 500, ikeHdr(ic, rc, 13, 0x10, 2, 0, 0, []byte{0, 0, 0, 200, 1, 2}))
	add(true, 500, 500, ikeHdr(ic, rc, 13, 0x10, 2, 0, 0, []byte{0, 0}))
	lm := ikeHdr(ic, rc, 13, 0x10, 2, 0, 0, vid2)
	lm[27] ^= 1
	add(true, 500, 500, lm)
	add(true, 500, 500, ikeHdr(ic, rc, 0, 0x10, 2, 0, 0)[:20])

	// IKEv2.
	tr := func(np, typ byte, id uint16, attrs ...[]byte) []byte {
		return ikePay(np, 0, []byte{typ, 0}, u16b(id), cat(attrs...))
	}
	p2 := ikePay(0, 0, []byte{1, 1, 0, 6}, tr(3, 1, 12, ikeAttrB(14, 256)), tr(3, 1, 20), tr(3, 2, 2), tr(3, 3, 2), tr(3, 4, 14), tr(3, 5, 0),
		tr(0, 9, 5, ikeAttrB(3, 1)))
	p2b := ikePay(0, 0, []byte{2, 3, 4, 2}, u32b(0x11111111), tr(3, 1, 3), tr(0, 4, 31))
	p2b[0] = 0
	sa2 := ikePay(34, 0, p2)
	ke2 := ikePay(40, 0, u16b(14), u16b(0), make([]byte, 64))
	nonce2 := ikePay(41, 0, []byte("0123456789abcdef0123456789abcdef"))
	n2 := func(np byte, proto, spi byte, typ uint16, rest ...[]byte) []byte {
		return ikePay(np, 0, []byte{proto, spi}, u16b(typ), cat(rest...))
	}
	const ic2 = 0xa1a2a3a4a5a6a7a8
	add(true, 500, 500, ikeHdr(ic2, 0, 33, 0x20, 34, 0x08, 0, sa2, ke2, nonce2, n2(41, 0, 0, 16388, make([]byte, 20)),
		n2(41, 0, 0, 16389, make([]byte, 20)), n2(43, 0, 0, 16390, []byte("cookie-value-0123")), ikePay(0, 0, []byte("strongSwan"))))
	sa2b := ikePay(0, 0x80, cat(ikePay(2, 0, []byte{1, 1, 0, 1}, tr(0, 1, 12)), p2b))
	sa2b[4] = 2
	add(false, 500, 500, ikeHdr(ic2, rc, 33, 0x20, 34, 0x20, 0, sa2b))
	add(true, 4500, 4500, cat(u32b(0), ikeHdr(ic2, rc, 46, 0x20, 35, 0x08, 1, ikePay(35, 0, make([]byte, 80)))))
	add(true, 500, 500, ikeHdr(ic2, rc, 46, 0x20, 36, 0x08, 2, ikePay(33, 0, make([]byte, 3))))
	id2 := func(np, t byte, d []byte) []byte { return ikePay(np, 0, []byte{t, 0, 0, 0}, d) }
	add(true, 500, 500, ikeHdr(ic2, rc, 35, 0x20, 35, 0x08, 1, id2(36, 1, ipb("10.1.1.1")), id2(35, 2, []byte("gw.example.com")),
		id2(35, 3, []byte("me@example.com\x02")), id2(35, 5, ip6b16("2001:db8::5")), id2(35, 9, []byte{0x30, 1, 2}),
		id2(35, 10, []byte{1}), id2(35, 11, []byte("kid")), id2(39, 99, []byte{1}),
		ikePay(37, 0, []byte{2, 0, 0, 0}, make([]byte, 20)), ikePay(38, 0x80, []byte{4}, make([]byte, 25)),
		ikePay(44, 0, []byte{4}, make([]byte, 20)), ikePay(45, 0, []byte{1, 0, 0, 0}, make([]byte, 16)),
		ikePay(47, 0, []byte{1, 0, 0, 0}, make([]byte, 16)), ikePay(48, 0, []byte{1, 0, 0, 0}, make([]byte, 8)),
		ikePay(42, 0, []byte{2, 1, 0, 0}), ikePay(0, 0, []byte{1, 0, 0, 0}, make([]byte, 4))))
	var n2s [][]byte
	for i, t := range []uint16{1, 4, 5, 7, 9, 11, 14, 17, 24, 34, 35, 36, 37, 39, 16384, 16385, 16386, 16387, 16391, 16392, 16393,
		16394, 16395, 100, 9000, 20000, 50000, 16390} {
		np := byte(41)
		if i == 27 {
			np = 0
		}
		n2s = append(n2s, n2(np, 3, 4, t, u32b(0xabcdef01), []byte{1, 2, 3}))
	}
	add(true, 500, 500, ikeHdr(ic2, rc, 41, 0x20, 37, 0x28, 3, n2s[:14]...))
	n2s[13] = nlast(n2s[13])
	add(true, 500, 500, ikeHdr(ic2, rc, 41, 0x20, 37, 0x38, 3, n2s[14:]...))
	add(true, 500, 500, ikeHdr(ic2, rc, 41, 0x20, 37, 0x38, 3, n2(0, 0, 0, 16390, make([]byte, 40))))
	add(true, 500, 500, ikeHdr(ic2, rc, 39, 0x20, 35, 0x08, 1, ikePay(40, 0, []byte{1, 0, 0, 0}, make([]byte, 40)), ikePay(39, 0, []byte{2, 0, 0, 0}, make([]byte, 5)),
		ikePay(34, 0, []byte{9, 0, 0}), ikePay(34, 0, []byte{0, 2, 0, 0}), ikePay(1, 0), ikePay(0, 0, u32b(1), u32b(1))))
	add(true, 500, 500, ikeHdr(ic2, rc, 33, 0x20, 34, 0x08, 0, ikePay(0, 0, ikePay(0, 0, []byte{1, 1, 0, 1}, ikePay(0, 0, []byte{1, 0, 0, 1}, u16b(0x8000))))))
	add(true, 500, 500, ikeHdr(ic2, rc, 33, 0x20, 34, 0x08, 0, ikePay(0, 0, ikePay(0, 0, []byte{1, 1, 0, 1}, ikePay(0, 0, []byte{1, 0}, make([]byte, 30))))))
	add(true, 500, 500, ikeHdr(ic2, rc, 33, 0x20, 34, 0x08, 0, ikePay(0, 0, []byte{0, 0, 0, 99})))
	add(true, 500, 500, ikeHdr(ic2, rc, 33, 0x20, 34, 0x09, 0, sa2))
	add(true, 7500, 500, ikeHdr(ic2, rc, 43, 0x20, 37, 0x08, 5, ikePay(0, 0, []byte("vid"))))
	add(true, 8500, 8500, ikeHdr(ic, 0, 13, 0x10, 2, 0, 0, vid2))
	add(true, 500, 500, ikeHdr(ic2, rc, 43, 0x30, 37, 0x08, 5, ikePay(0, 0, []byte("vid"))))
	// NAT-T: keep-alive, ESP, short.
	add(true, 4500, 4500, []byte{0xff})
	add(true, 4500, 4500, cat(u32b(0xc0ffee01), u32b(42), make([]byte, 40)))
	add(true, 4500, 4500, cat(u32b(0xc0ffee01), u32b(42)))
	add(true, 4500, 4500, []byte{1, 2, 3})
	add(true, 4500, 4500, []byte{1})
	add(true, 4500, 4500, cat(u32b(0), []byte{1, 2, 3}))
	n := len(fs)
	for _, i := range []int{0, 2, 6, 30, 34, n - 30, n - 26} {
		f := fs[i]
		for _, c := range []int{10, 27, 28, 30, 33, 40, 50, 60, 75, 90, 120} {
			if offIP4L4+8+c < len(f.data) {
				fs = append(fs, cut(f, offIP4L4+8+c))
			}
		}
	}
	return fs
}

// binaryPutCksum recomputes the IPv4 header and UDP checksums of an
// Ethernet/IPv4/UDP frame after its addresses changed.
func binaryPutCksum(b []byte) {
	ip := b[14:]
	ip[10], ip[11] = 0, 0
	s := cksum(0, ip[:20])
	ip[10], ip[11] = byte(s>>8), byte(s)
	ulen := int(ip[20+4])<<8 | int(ip[20+5])
	u := ip[20 : 20+ulen]
	u[6], u[7] = 0, 0
	var ph []byte
	ph = append(ph, ip[12:20]...)
	ph = append(ph, 0, 17, byte(ulen>>8), byte(ulen))
	s = cksum(sum16(0, ph), u)
	if s == 0 {
		s = 0xffff
	}
	u[6], u[7] = byte(s>>8), byte(s)
}
