// SCTP packets for the comparison with tcpdump (print-sctp.c): every
// chunk type in its usual and odd forms (DATA and I-DATA flags and
// payloads, INIT with parameters, SACK gap blocks and duplicates,
// RE-CONFIG and ASCONF parameters), ForCES ports, bad chunk lengths and
// packets cut short, over IPv4 and IPv6.

package printer

// sctpChunk builds a chunk (type, flags, body), padded to 4 bytes unless
// nopad.
func sctpChunk(typ, flags byte, body []byte) []byte {
	c := cat([]byte{typ, flags}, u16b(uint16(4+len(body))), body)
	for len(c)%4 != 0 {
		c = append(c, 0)
	}
	return c
}

func sctpPkt(v6 bool, sport, dport uint16, chunks ...[]byte) []byte {
	b := cat(u16b(sport), u16b(dport), u32b(0x01020304), u32b(0xdeadbeef), cat(chunks...))
	if v6 {
		return raw6(ip6A, ip6B, 132, 64, b)
	}
	return raw4(132, nil, b)
}

func sctpCorpus() []frame {
	var fs []frame
	add := func(name string, b []byte) { fs = append(fs, full(name, b)) }
	data := func(flags byte, tsn uint32, sid, sseq uint16, ppid uint32, payload []byte) []byte {
		return sctpChunk(0, flags, cat(u32b(tsn), u16b(sid), u16b(sseq), u32b(ppid), payload))
	}
	init := func(typ byte, params []byte) []byte {
		return sctpChunk(typ, 0, cat(u32b(0x11223344), u32b(65536), u16b(10), u16b(65535), u32b(1000), params))
	}
	params := cat(u16b(5), u16b(8), ip4A, u16b(6), u16b(20), ip6A.To16(), u16b(0x8008), u16b(6), []byte{0xc0, 0x82, 0, 0})
	for _, v6 := range []bool{false, true} {
		add("sctp-init", sctpPkt(v6, 36412, 36412, init(1, nil)))
		add("sctp-init-params", sctpPkt(v6, 40000, 38412, init(1, params)))
		add("sctp-initack", sctpPkt(v6, 38412, 40000, init(2, cat(u16b(7), u16b(12), []byte("cookie!!")))))
		add("sctp-data", sctpPkt(v6, 40000, 38412, data(3, 1000, 1, 2, 18, []byte("hello sctp"))))
		add("sctp-sack", sctpPkt(v6, 38412, 40000, sctpChunk(3, 0, cat(u32b(1000), u32b(65000), u16b(2), u16b(1), u16b(2), u16b(4), u16b(6), u16b(9), u32b(997)))))
	}
	for fl := byte(0); fl < 16; fl++ {
		add("sctp-data-flags", sctpPkt(false, 40000, 38412, data(fl, 7, 0, 0, 3, []byte{1, 2, 3, 4, 5})))
		add("sctp-idata-flags", sctpPkt(false, 40000, 38412, sctpChunk(0x40, fl, cat(u32b(8), u16b(1), u16b(0), u32b(9), u32b(46), []byte{9, 8, 7}))))
	}
	for _, ppid := range []uint32{0, 1, 3, 18, 21, 26, 27, 46, 60, 0xffffffff} {
		add("sctp-data-ppid", sctpPkt(false, 40000, 38412, data(3, 7, 0, 0, ppid, []byte("x"))))
	}
	add("sctp-data-empty", sctpPkt(false, 40000, 38412, data(3, 7, 0, 0, 3, nil)))
	// The payload protocol names 4.99.3 knows end at 27 (X2AP).
	for ppid := uint32(24); ppid <= 44; ppid++ {
		add("sctp-data-ppid", sctpPkt(false, 40000, 38412, data(3, 7, 0, 0, ppid, []byte("x"))))
	}
	add("sctp-data-short", sctpPkt(false, 40000, 38412, sctpChunk(0, 3, []byte{0, 0, 0, 1, 0, 2})))
	add("sctp-idata-short", sctpPkt(false, 40000, 38412, sctpChunk(0x40, 2, []byte{0, 0, 0, 1, 0, 2})))
	add("sctp-idata-empty", sctpPkt(false, 40000, 38412, sctpChunk(0x40, 0, cat(u32b(8), u16b(1), u16b(0), u32b(9), u32b(46)))))
	// Every other chunk type, bare and with a body.
	for _, typ := range []byte{4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xc0, 0x0f, 0x3f, 0x81, 0xff} {
		add("sctp-chunk", sctpPkt(false, 40000, 38412, sctpChunk(typ, 0, nil)))
		add("sctp-chunk-body", sctpPkt(false, 40000, 38412, sctpChunk(typ, 1, []byte{0, 1, 0, 8, 1, 2, 3, 4})))
	}
	// Several chunks: the separators, bundled DATA.
	add("sctp-bundle", sctpPkt(false, 40000, 38412, sctpChunk(0x0b, 0, nil), data(3, 1, 1, 1, 3, []byte("ab")), data(3, 2, 1, 2, 3, []byte("cdefg")), sctpChunk(4, 0, u32b(7))))
	// I-FORWARD-TSN and SACK corners.
	add("sctp-iforward", sctpPkt(false, 40000, 38412, sctpChunk(0xc2, 0, cat(u32b(55), u16b(1), u16b(1), u32b(5), u16b(2), u16b(0), u32b(6)))))
	add("sctp-iforward-odd", sctpPkt(false, 40000, 38412, sctpChunk(0xc2, 0, cat(u32b(55), u16b(1), u16b(1)))))
	add("sctp-iforward-short", sctpPkt(false, 40000, 38412, sctpChunk(0xc2, 0, u16b(1))))
	add("sctp-sack-nogaps", sctpPkt(false, 38412, 40000, sctpChunk(3, 0, cat(u32b(1), u32b(2), u16b(0), u16b(0)))))
	add("sctp-sack-claims", sctpPkt(false, 38412, 40000, sctpChunk(3, 0, cat(u32b(1), u32b(2), u16b(5), u16b(5), u16b(1), u16b(2)))))
	add("sctp-sack-odd", sctpPkt(false, 38412, 40000, sctpChunk(3, 0, cat(u32b(1), u32b(2), u16b(0), u16b(2), u16b(1), u16b(2), u16b(3)))))
	add("sctp-sack-short", sctpPkt(false, 38412, 40000, sctpChunk(3, 0, cat(u32b(1), u32b(2)))))
	add("sctp-init-short", sctpPkt(false, 38412, 40000, sctpChunk(1, 0, cat(u32b(1), u32b(2)))))
	// RE-CONFIG: each parameter.
	rp := func(typ uint16, body []byte) []byte {
		b := cat(u16b(typ), u16b(uint16(4+len(body))), body)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
		return b
	}
	reconf := [][]byte{
		rp(13, cat(u32b(1), u32b(2), u32b(3), u16b(4), u16b(5))),
		rp(13, cat(u32b(1), u32b(2), u32b(3))),
		rp(14, cat(u32b(6), u16b(7))),
		rp(15, u32b(8)),
		rp(16, cat(u32b(9), u32b(1))),
		rp(16, cat(u32b(9), u32b(4), u32b(10), u32b(11))),
		rp(16, cat(u32b(9), u32b(77))),
		rp(17, cat(u32b(12), u16b(3), u16b(0))),
		rp(18, cat(u32b(13), u16b(4), u16b(0))),
		rp(99, u32b(14)),
	}
	for _, r := range reconf {
		add("sctp-reconfig", sctpPkt(false, 40000, 38412, sctpChunk(0x82, 0, r)))
	}
	add("sctp-reconfig-all", sctpPkt(false, 40000, 38412, sctpChunk(0x82, 0, cat(reconf[0], reconf[2], reconf[5]))))
	add("sctp-reconfig-badlen", sctpPkt(false, 40000, 38412, sctpChunk(0x82, 0, cat(u16b(15), u16b(2), u32b(1)))))
	add("sctp-reconfig-long", sctpPkt(false, 40000, 38412, sctpChunk(0x82, 0, cat(u16b(15), u16b(40), u32b(1)))))
	add("sctp-reconfig-trunc", sctpPkt(false, 40000, 38412, sctpChunk(0x82, 0, cat(u16b(16), u16b(8), u32b(1)))))
	// ASCONF and ASCONF-ACK.
	ap := func(typ uint16, cid uint32, addr []byte) []byte {
		return cat(u16b(typ), u16b(uint16(8+len(addr))), u32b(cid), addr)
	}
	v4p := cat(u16b(5), u16b(8), []byte{198, 18, 0, 33})
	v6p := cat(u16b(6), u16b(20), ip6b16("2001:db8::33"))
	add("sctp-asconf", sctpPkt(false, 40000, 38412, sctpChunk(0xc1, 0, cat(u32b(5), v4p, ap(0xc001, 1, v4p), ap(0xc002, 2, v6p), ap(0xc004, 3, v4p)))))
	add("sctp-asconf6", sctpPkt(false, 40000, 38412, sctpChunk(0xc1, 0, cat(u32b(5), v6p, ap(0xc001, 1, v6p)))))
	add("sctp-asconf-bogus", sctpPkt(false, 40000, 38412, sctpChunk(0xc1, 0, cat(u32b(5), u16b(9), u16b(8), u32b(0), ap(0x1234, 4, cat(u16b(9), u16b(4)))))))
	add("sctp-asconf-short", sctpPkt(false, 40000, 38412, sctpChunk(0xc1, 0, u32b(5))))
	add("sctp-asconf-badparam", sctpPkt(false, 40000, 38412, sctpChunk(0xc1, 0, cat(u32b(5), v4p, u16b(0xc001), u16b(1)))))
	add("sctp-asconfack", sctpPkt(false, 38412, 40000, sctpChunk(0x80, 0, cat(u32b(6), ap(0xc005, 1, nil), ap(0xc003, 2, cat(u16b(0xc003), u16b(12), u16b(5), u16b(4), u16b(99), u16b(4))), ap(0xc003, 3, nil), ap(0x9999, 4, u32b(0))))))
	add("sctp-asconfack-short", sctpPkt(false, 38412, 40000, sctpChunk(0x80, 0, cat(u32b(6), u16b(0xc005), u16b(4)))))
	// ForCES ports.
	for _, port := range []uint16{6704, 6705, 6706} {
		add("sctp-forces", sctpPkt(false, port, 40000, sctpChunk(0x0b, 0, nil)))
		add("sctp-forces-dst", sctpPkt(false, 40000, port, sctpChunk(0x0b, 0, nil)))
	}
	// Bad lengths.
	add("sctp-chunklen0", sctpPkt(false, 40000, 38412, []byte{1, 0, 0, 0}))
	add("sctp-chunklen-over", sctpPkt(false, 40000, 38412, []byte{11, 0, 0, 40}))
	add("sctp-chunklen-odd", sctpPkt(false, 40000, 38412, []byte{11, 0, 0, 5, 1, 0, 0, 0}))
	add("sctp-desc-cut", sctpPkt(false, 40000, 38412, sctpChunk(11, 0, nil), []byte{1, 2}))
	add("sctp-hdr-only", sctpPkt(false, 40000, 38412))
	add("sctp-short", raw4(132, nil, []byte{1, 2, 3, 4, 5, 6, 7, 8}))
	n := len(fs)
	for _, f := range fs[:n] {
		for _, k := range []int{36, 40, 46, 50, 54, 58, 62, 70, 80} {
			if k < len(f.data) {
				fs = append(fs, cut(f, k))
			}
		}
	}
	return fs
}
