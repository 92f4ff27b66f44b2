package printer

import "bytes"

// bgpMsg builds a BGP message: marker, length, type, body.
func bgpMsg(typ byte, body ...[]byte) []byte {
	b := cat(body...)
	return cat(bytes.Repeat([]byte{0xff}, 16), u16b(uint16(19+len(b))), []byte{typ}, b)
}

// bgpOpen builds an OPEN with the given optional parameters.
func bgpOpen(as, hold uint16, id string, params ...[]byte) []byte {
	ps := cat(params...)
	return bgpMsg(1, []byte{4}, u16b(as), u16b(hold), ipb(id), []byte{byte(len(ps))}, ps)
}

func bgpCaps(caps ...[]byte) []byte      { c := cat(caps...); return cat([]byte{2, byte(len(c))}, c) }
func bgpCap(code byte, v ...byte) []byte { return append([]byte{code, byte(len(v))}, v...) }

// battr builds a path attribute (extended length when flags say so).
func battr(flags, typ byte, v ...[]byte) []byte {
	d := cat(v...)
	if flags&0x10 != 0 {
		return cat([]byte{flags, typ}, u16b(uint16(len(d))), d)
	}
	return cat([]byte{flags, typ, byte(len(d))}, d)
}

// bgpUpdate builds an UPDATE from withdrawn routes, attributes and NLRI.
func bgpUpdate(withdrawn []byte, attrs [][]byte, nlri []byte) []byte {
	a := cat(attrs...)
	return bgpMsg(2, u16b(uint16(len(withdrawn))), withdrawn, u16b(uint16(len(a))), a, nlri)
}

func pfx4(plen byte, a ...byte) []byte { return append([]byte{plen}, a[:(int(plen)+7)/8]...) }

// bgpCorpus returns BGP messages on TCP port 179: OPENs with every
// capability, UPDATEs with every path attribute tcpdump decodes (2- and
// 4-byte AS paths, communities, MP_REACH/MP_UNREACH for IPv4 and IPv6,
// extended and large communities, attribute sets), NOTIFICATIONs with
// every code, KEEPALIVEs, ROUTE-REFRESHes, several messages in a
// segment, garbage, malformed lengths and cut messages.
func bgpCorpus() []frame {
	var fs []frame
	seq := uint32(1)
	add := func(v6 bool, m ...[]byte) {
		b := cat(m...)
		fs = append(fs, tcpSeg(v6, len(fs)%2 == 0, 40179, 179, seq, b))
		seq += uint32(len(b))
	}
	mp := func(afi uint16, safi byte) []byte { return bgpCap(1, byte(afi>>8), byte(afi), 0, safi) }
	caps := bgpCaps(mp(1, 1), mp(2, 1), mp(1, 128), mp(2, 4), mp(25, 65), mp(99, 77), bgpCap(2), bgpCap(128),
		bgpCap(65, 0, 0, 0xfd, 0xe8), bgpCap(64, 0x80, 0x78, 0, 1, 1, 0x80, 0, 2, 1, 0),
		bgpCap(69, 0, 1, 1, 3, 0, 2, 1, 1, 0, 1, 4, 9), bgpCap(70), bgpCap(71), bgpCap(5, 0, 1, 0, 1, 0, 2),
		bgpCap(8, 0, 1, 4, 2), bgpCap(67, 1), bgpCap(68, 0), bgpCap(3, 0, 1, 0, 1, 1, 64, 3), bgpCap(99, 1, 2, 3))
	add(false, bgpOpen(65001, 180, "10.77.0.1", caps))
	add(true, bgpOpen(23456, 90, "10.77.0.2", bgpCaps(mp(1, 1), bgpCap(65, 0x00, 0x03, 0x0d, 0x40)), bgpCaps(bgpCap(2))))
	add(false, bgpOpen(1, 0, "1.1.1.1"))
	add(false, bgpOpen(1, 3, "1.1.1.1", []byte{1, 2, 0xaa, 0xbb}, []byte{9, 1, 0}))
	add(false, bgpOpen(1, 3, "1.1.1.1", []byte{2, 9, 1, 4}))
	add(false, bgpOpen(1, 3, "1.1.1.1", bgpCaps(bgpCap(1, 0, 1))))
	add(false, bgpOpen(1, 3, "1.1.1.1", bgpCaps(bgpCap(64, 1))))
	add(false, bgpOpen(1, 3, "1.1.1.1", bgpCaps(bgpCap(65, 1, 2))))
	add(false, bgpOpen(1, 3, "1.1.1.1", bgpCaps(bgpCap(69), bgpCap(69, 0, 1, 1))))
	add(false, bgpOpen(1, 3, "1.1.1.1", bgpCaps(bgpCap(64, 0x0f, 0xff, 0, 2, 1, 0x80, 9)), []byte{2, 4, 65, 9, 0, 0}))
	var allCaps [][]byte
	for c := 0; c < 256; c += 3 {
		allCaps = append(allCaps, bgpCap(byte(c), 0, 1, 0, 1))
	}
	add(false, bgpOpen(1, 3, "1.1.1.1", bgpCaps(allCaps[:40]...)))
	add(false, bgpOpen(1, 3, "1.1.1.1", bgpCaps(allCaps[40:]...)))
	// OPEN shorter than its fixed part.
	add(false, bgpMsg(1, []byte{4, 0, 1}))

	origin := func(v byte) []byte { return battr(0x40, 1, []byte{v}) }
	nh := battr(0x40, 3, ipb("10.77.0.254"))
	asp2 := battr(0x40, 2, []byte{2, 3}, u16b(65001), u16b(65002), u16b(3), []byte{1, 2}, u16b(7), u16b(8))
	asp4 := battr(0x40, 2, []byte{2, 2}, u32b(4200000001), u32b(65536), []byte{3, 1}, u32b(65010), []byte{4, 1}, u32b(70000))
	attrs := [][]byte{origin(0), asp2, nh, battr(0x80, 4, u32b(100)), battr(0x40, 5, u32b(200)), battr(0x40, 6),
		battr(0xc0, 7, u16b(65001), ipb("10.77.0.1")), battr(0xc0, 8, u32b(65001<<16|100), u32b(0xffffff01), u32b(0xffffff02),
			u32b(0xffffff03), u32b(7<<16|8)), battr(0x80, 9, ipb("10.0.0.9")), battr(0x80, 10, ipb("10.0.0.10"), ipb("10.0.0.11"))}
	add(false, bgpUpdate(nil, attrs, cat(pfx4(24, 192, 0, 2), pfx4(32, 198, 51, 100, 7), pfx4(0), pfx4(19, 10, 77, 255))))
	add(true, bgpUpdate(cat(pfx4(24, 192, 0, 2), pfx4(8, 10)), nil, nil))
	add(false, bgpUpdate(nil, nil, nil))
	add(false, bgpUpdate(nil, [][]byte{origin(1), asp4, nh, battr(0xc0, 7, u32b(4200000001), ipb("10.77.0.1")),
		battr(0xc0, 17, []byte{2, 1}, u32b(4200000001)), battr(0xc0, 18, u32b(4200000001), ipb("10.1.1.1"))}, pfx4(16, 172, 16)))
	add(false, bgpUpdate(nil, [][]byte{origin(2), origin(9), battr(0x40, 1, []byte{0, 0}), battr(0x40, 2), battr(0x40, 2, []byte{2}),
		battr(0x40, 3, []byte{1}), battr(0x80, 4, []byte{1}), battr(0x40, 6, []byte{1}), battr(0xc0, 7, []byte{1}),
		battr(0xc0, 8, []byte{1, 2}), battr(0x80, 9, []byte{1}), battr(0x80, 10, []byte{1}), battr(0xc0, 18, []byte{1}),
		battr(0x40, 2, []byte{9, 1, 0, 1}), battr(0x50, 5, u32b(7)), battr(0x2f, 99, []byte{1, 2, 3}), battr(0, 100, []byte("x"))}, nil))
	// MP_REACH and MP_UNREACH.
	v6 := func(s string) []byte { return ip6b16(s) }
	mpr := func(afi uint16, safi byte, nh []byte, nlri ...[]byte) []byte {
		return battr(0x90, 14, u16b(afi), []byte{safi, byte(len(nh))}, nh, []byte{0}, cat(nlri...))
	}
	mpu := func(afi uint16, safi byte, nlri ...[]byte) []byte {
		return battr(0x90, 15, u16b(afi), []byte{safi}, cat(nlri...))
	}
	p6 := func(plen byte, s string) []byte { return append([]byte{plen}, v6(s)[:(int(plen)+7)/8]...) }
	add(true, bgpUpdate(nil, [][]byte{origin(0), asp2, mpr(2, 1, cat(v6("2001:db8::1"), v6("fe80::1")), p6(48, "2001:db8:1::"), p6(64, "2001:db8:2:3::"), p6(0, "::"), p6(127, "2001:db8::ffff"))}, nil))
	add(true, bgpUpdate(nil, [][]byte{mpu(2, 1, p6(32, "2001:db8::"), p6(128, "2001:db8::1"))}, nil))
	add(true, bgpUpdate(nil, [][]byte{mpu(2, 1)}, nil))
	add(true, bgpUpdate(nil, [][]byte{mpu(1, 1)}, nil))
	add(false, bgpUpdate(nil, [][]byte{mpr(1, 1, ipb("10.77.0.1"), pfx4(24, 10, 1, 2), pfx4(25, 10, 1, 3, 128)), mpr(1, 2, ipb("10.77.0.1"), pfx4(8, 224))}, nil))
	add(false, bgpUpdate(nil, [][]byte{mpr(1, 4, ipb("10.77.0.1"), []byte{48, 0x00, 0x10, 0x01, 10, 9, 8}, []byte{40, 0x00, 0x20, 0x00, 10, 8}, []byte{10, 1, 2, 3})}, nil))
	add(false, bgpUpdate(nil, [][]byte{mpr(2, 4, v6("2001:db8::9"), []byte{88, 0x00, 0x10, 0x01, 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2})}, nil))
	rd0 := cat(u16b(0), u16b(65001), u32b(100))
	rd1 := cat(u16b(1), ipb("10.0.0.1"), u16b(7))
	rd2 := cat(u16b(2), u32b(4200000001), u16b(9))
	add(false, bgpUpdate(nil, [][]byte{mpr(1, 128, cat(rd0, ipb("10.77.0.1")), cat([]byte{112, 0x00, 0x10, 0x01}, rd0, []byte{10, 2, 3}),
		cat([]byte{120, 0x00, 0x30, 0x00}, rd1, []byte{10, 2, 3, 4}), cat([]byte{104, 0, 0, 1}, rd2, []byte{10, 2}), cat([]byte{104, 0, 0, 1}, u16b(7), make([]byte, 6), []byte{10, 2}))}, nil))
	add(false, bgpUpdate(nil, [][]byte{mpr(2, 128, cat(rd0, v6("2001:db8::1")), cat([]byte{152, 0x00, 0x10, 0x01}, rd0, v6("2001:db8:5::")[:8]))}, nil))
	add(false, bgpUpdate(nil, [][]byte{mpr(1, 132, ipb("10.77.0.1"), []byte{0}, cat([]byte{96}, u32b(65001), u16b(2), u16b(65001), u32b(100)),
		cat([]byte{96}, u32b(65001), u16b(0x102), ipb("10.0.0.1"), u16b(9)), cat([]byte{96}, u32b(65001), u16b(0x202), u32b(70000), u16b(9)),
		cat([]byte{40}, u32b(65001), []byte{0xff}), cat([]byte{72}, u32b(65001), u16b(0x0107), u16b(1), []byte{2}), []byte{16, 1, 2})}, nil))
	add(false, bgpUpdate(nil, [][]byte{mpr(1, 66, ipb("10.77.0.1"), []byte{1, 2, 3})}, nil))
	add(false, bgpUpdate(nil, [][]byte{mpr(1, 66, ipb("10.77.0.1"), cat([]byte{128}, rd0, ipb("10.1.2.3"), ipb("239.1.1.1")), cat([]byte{128}, rd2, ipb("10.1.2.4"), ipb("239.1.1.2")), []byte{128, 0, 1})}, nil))
	add(false, bgpUpdate(nil, [][]byte{mpr(99, 1, ipb("10.77.0.1"), []byte{1, 2, 3}), mpu(2, 200, []byte{9})}, nil))
	add(false, bgpUpdate(nil, [][]byte{mpr(1, 1, []byte{1, 2}, pfx4(8, 10)), mpr(2, 1, v6("::1")[:8], p6(8, "2000::")), mpr(1, 1, nil, pfx4(33, 1, 2, 3, 4, 5))}, nil))
	add(false, bgpUpdate(nil, [][]byte{battr(0x90, 14, u16b(1), []byte{1, 4}, ipb("10.77.0.1"), []byte{2, 3, 1, 2, 3, 1, 9}, pfx4(8, 10))}, nil))
	// Add-path NLRI.
	add(false, bgpUpdate(cat(u32b(1), pfx4(24, 10, 0, 0), u32b(2), pfx4(0)), [][]byte{origin(0), nh}, cat(u32b(7), pfx4(24, 10, 9, 9), u32b(8), pfx4(0))))
	add(true, bgpUpdate(nil, [][]byte{mpr(2, 1, v6("2001:db8::1"), u32b(5), p6(64, "2001:db8:9::"), u32b(6), p6(0, "::"))}, nil))
	// Extended communities of every kind.
	ec := func(t uint16, v ...byte) []byte { return cat(u16b(t), v) }
	add(false, bgpUpdate(nil, [][]byte{battr(0xc0, 16, ec(2, 0xfd, 0xe9, 0, 0, 0, 100), ec(0x102, 10, 0, 0, 1, 0, 7), ec(0x202, 0, 1, 0x11, 0x70, 0, 9),
		ec(3, 0, 1, 0, 0, 0, 2), ec(0x103, 10, 0, 0, 2, 0, 3), ec(0x203, 0, 0, 0, 5, 0, 1), ec(0x4004, 0xfd, 0xe9, 0x4c, 0xbe, 0xbc, 0x20),
		ec(5, 10, 0, 0, 1, 0, 0), ec(0x8005, 1, 2, 3, 4, 5, 6), ec(0x306, 0, 0, 0, 0, 5, 1), ec(0x8000, 0, 0, 0, 1, 7, 0), ec(0x306, 0, 0, 0, 2, 2, 0),
		ec(0x306, 0, 0, 0, 2, 99, 1), ec(0x107, 10, 0, 0, 3, 0, 0), ec(0x800a, 19, 0x0f, 0x05, 0xdc, 0, 0), ec(0x800a, 77, 0, 0, 1, 0, 0),
		ec(9, 0xfd, 0xe9, 0, 0, 0, 0), ec(0x30c, 0, 0, 0, 0, 0, 8), ec(0x30c, 0, 0, 0, 0, 0, 99), ec(0x10b, 10, 0, 0, 4, 0, 5), ec(0xa, 0, 1, 0, 0, 0, 1),
		ec(0xf10a, 10, 1, 1, 1, 0, 2), ec(0x8800, 0, 0, 0, 0, 0, 1), ec(0xc0ff, 1, 2, 3, 4, 5, 6), ec(0x4400, 9, 9, 9, 9, 9, 9)),
		battr(0xc0, 16, ec(2, 1, 2)), battr(0xe0, 32, u32b(4200000001), u32b(1), u32b(2), u32b(65001), u32b(0), u32b(7)),
		battr(0xe0, 32, u32b(1)), battr(0xe0, 32)}, nil))
	add(false, bgpUpdate(nil, [][]byte{battr(0x80, 26, []byte{1}, u16b(11), u32b(0), u32b(12345)), battr(0x80, 26, []byte{2}, u16b(5), []byte{1, 2}),
		battr(0x80, 26, []byte{1}, u16b(2)), battr(0xc0, 22, []byte{1, 6, 0, 0x10, 0x01}, ipb("10.9.9.9")),
		battr(0xc0, 22, []byte{0, 3, 0, 0, 0}, ipb("10.9.9.9"), ipb("232.1.1.1")), battr(0xc0, 22, []byte{0, 4, 0, 0, 0}, ipb("10.9.9.9"), ipb("239.1.1.1")),
		battr(0xc0, 22, []byte{0, 2, 0, 0, 0}, ipb("10.9.9.9"), u32b(77)), battr(0xc0, 22, []byte{0, 1, 0, 0, 0}, ipb("10.9.9.9"), u32b(78)),
		battr(0xc0, 22, []byte{0, 9, 0, 0, 0}, []byte{1, 2, 3}), battr(0xc0, 23, []byte{0, 8, 0, 0})}, nil))
	add(false, bgpUpdate(nil, [][]byte{battr(0xc0, 128, u32b(65001), origin(0), asp2, battr(0xc0, 8, u32b(1)), battr(0xd0, 5, u32b(9)), []byte{0x40}),
		battr(0xc0, 128, u32b(65001), []byte{0x40, 1, 5, 0})}, nil))
	// Attribute lengths running past the attributes or the message.
	add(false, bgpMsg(2, u16b(0), u16b(5), []byte{0x40, 1, 9, 0, 0}))
	add(false, bgpMsg(2, u16b(0), u16b(1), []byte{0x40}))
	add(false, bgpMsg(2, u16b(0), u16b(3), []byte{0x50, 1, 0}))
	add(false, bgpMsg(2, u16b(0), u16b(9), []byte{0x40, 1, 1, 0}))
	add(false, bgpMsg(2, u16b(5), []byte{24, 10, 0}))
	add(false, bgpMsg(2, u16b(1), []byte{0}, u16b(0)))
	add(false, bgpMsg(2, u16b(4), []byte{33, 1, 2, 3}, u16b(0)))
	add(false, bgpMsg(2, u16b(0), u16b(0), []byte{40, 1, 2}))
	add(false, bgpMsg(2, u16b(0), u16b(0), []byte{33, 1, 2, 3, 4, 5}))
	add(false, bgpMsg(2, []byte{0}))
	// NOTIFICATIONs.
	for major := byte(0); major <= 8; major++ {
		for minor := byte(0); minor <= 12; minor += 3 {
			add(false, bgpMsg(3, []byte{major, minor}))
		}
	}
	for minor := byte(0); minor <= 8; minor++ {
		add(false, bgpMsg(3, []byte{6, minor}))
	}
	add(false, bgpMsg(3, []byte{6, 1}, u16b(1), []byte{1}, u32b(1000)))
	add(false, bgpMsg(3, []byte{6, 2, 12}, []byte("maintenance!")))
	add(false, bgpMsg(3, []byte{6, 4, 3}, []byte("bye"), []byte{1, 2, 3}))
	add(false, bgpMsg(3, []byte{6, 2, 0}))
	add(false, bgpMsg(3, []byte{6, 2, 50, 'x'}))
	add(false, bgpMsg(3, []byte{6, 2}))
	add(false, bgpMsg(3, []byte{2, 2}, []byte{1, 2}))
	add(false, bgpMsg(3, []byte{6}))
	// KEEPALIVE, ROUTE-REFRESH, unknown types, several in a segment.
	add(false, bgpMsg(4))
	add(true, bgpMsg(4), bgpMsg(4), bgpMsg(4))
	add(false, bgpMsg(5, u16b(1), []byte{0, 1}))
	add(false, bgpMsg(5, u16b(2), []byte{0, 128}, []byte{9}))
	add(false, bgpMsg(5, u16b(1)))
	add(false, bgpMsg(9, []byte("unknown")))
	add(false, bgpMsg(0))
	add(false, bgpOpen(65001, 180, "10.77.0.1", caps), bgpMsg(4), bgpUpdate(nil, attrs, pfx4(24, 192, 0, 2)))
	add(false, []byte("junk"), bgpMsg(4), []byte{0xff, 0xff, 1}, bgpMsg(4))
	add(false, bytes.Repeat([]byte{0xff}, 16), u16b(10), []byte{4})
	add(false, bytes.Repeat([]byte{0xff}, 16), u16b(100), []byte{2, 0, 0})
	add(false, bytes.Repeat([]byte{0xff}, 15))
	add(false, bytes.Repeat([]byte{0xff}, 17), []byte{0, 19})
	n := len(fs)
	for _, i := range []int{0, 13, 16, 19, 21, 26, 34, 36, 38, n - 9} {
		f := fs[i]
		off := offIP4L4 + 20
		if f.data[12] == 0x86 {
			off = offIP6L4 + 20
		}
		for _, c := range []int{10, 18, 19, 21, 25, 30, 40, 50, 70, 100, 150} {
			if off+c < len(f.data) {
				fs = append(fs, cut(f, off+c))
			}
		}
	}
	return fs
}
