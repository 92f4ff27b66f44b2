package printer

// babelPkt builds a Babel packet (magic 42, version) from TLVs and an
// optional trailer.
func babelPkt(ver byte, trailer []byte, tlvs ...[]byte) []byte {
	b := cat(tlvs...)
	return cat([]byte{42, ver}, u16b(uint16(len(b))), b, trailer)
}

func btlv(typ byte, body ...[]byte) []byte {
	b := cat(body...)
	return cat([]byte{typ, byte(len(b))}, b)
}

// babelCorpus returns Babel packets on UDP port 6696: every TLV type with
// its sub-TLVs, every address encoding (with omitted bytes taken from the
// previous update), trailers, bad headers and lengths, cut packets.
func babelCorpus() []frame {
	var fs []frame
	add := func(m []byte) { fs = append(fs, full("babel", udpFrame(true, 6696, 6696, m))) }
	id := []byte{0x02, 0x77, 0, 0xff, 0xfe, 0, 0, 1}
	add(babelPkt(2, nil, btlv(4, u16b(0), u16b(17), u16b(400)), btlv(5, []byte{3, 0}, u16b(96), u16b(1600), ip6b16("fe80::1")[8:]),
		btlv(6, u16b(0), id), btlv(7, []byte{1, 0}, ipb("10.77.0.1")), btlv(8, []byte{1, 0x80, 24, 0}, u16b(1600), u16b(7), u16b(96), ipb("10.1.2.0")[:3]),
		btlv(8, []byte{1, 0x40, 24, 2}, u16b(1600), u16b(8), u16b(128), []byte{3}), btlv(8, []byte{2, 0xc0, 64, 0}, u16b(0xffff), u16b(9), u16b(65535), ip6b16("2001:db8:1:2::")[:8]),
		btlv(8, []byte{2, 0x01, 64, 6}, u16b(0), u16b(9), u16b(1), []byte{0, 5}), btlv(8, []byte{0, 0, 0, 0}, u16b(100), u16b(1), u16b(0xffff))))
	add(babelPkt(2, nil, []byte{0}, btlv(1, make([]byte, 3)), btlv(2, u16b(0), u16b(0xbeef), u16b(250)), btlv(3, u16b(0xbeef)),
		btlv(9, []byte{2, 48}, ip6b16("2001:db8:5::")[:6]), btlv(9, []byte{0, 0}), btlv(9, []byte{1, 16}, []byte{10, 7}),
		btlv(10, []byte{2, 64}, u16b(33), []byte{12, 0}, id, ip6b16("2001:db8:9::")[:8]), btlv(10, []byte{0, 0}, u16b(33), []byte{12, 0}, id),
		btlv(11, u16b(77), u32b(123456)), btlv(12, u16b(3), make([]byte, 16)), btlv(16, make([]byte, 20)), btlv(17, u32b(99), []byte{1, 2}),
		btlv(18, make([]byte, 8)), btlv(19, make([]byte, 8)), btlv(99, []byte{1})))
	add(babelPkt(2, nil, btlv(13, []byte{2, 48, 64, 0}, u16b(400), u16b(5), u16b(256), ip6b16("2001:db8:1:2::")[:8], ip6b16("2001:db8:7::")[:6]),
		btlv(13, []byte{1, 16, 24, 0}, u16b(0xffff), u16b(5), u16b(256), []byte{10, 1, 2}, []byte{10, 9}, []byte{2, 2, 1, 255}),
		btlv(14, []byte{2, 48, 64}, ip6b16("2001:db8:1:2::")[:8], ip6b16("2001:db8:7::")[:6]), btlv(14, []byte{0, 0, 0}),
		btlv(14, []byte{1, 24, 16}, []byte{10, 1, 2}, []byte{10, 9}),
		btlv(15, []byte{2, 64}, u16b(7), []byte{5, 48}, id, ip6b16("2001:db8:1:2::")[:8], ip6b16("2001:db8:7::")[:6])))
	// Sub-TLVs.
	add(babelPkt(2, nil, btlv(4, u16b(0x8000), u16b(1), u16b(0), []byte{0}, []byte{1, 2, 0, 0}, []byte{3, 4}, u32b(1234567), []byte{0x85, 0}),
		btlv(5, []byte{0, 0}, u16b(96), u16b(100), []byte{3, 8}, u32b(1), u32b(2), []byte{2, 2, 1, 2}),
		btlv(8, []byte{2, 0, 16, 0}, u16b(100), u16b(1), u16b(2), []byte{0x20, 0x01}, []byte{2, 3, 0, 9, 255}, []byte{2, 0}, []byte{3, 1, 9}, []byte{77, 1, 0}),
		btlv(4, u16b(0), u16b(1), u16b(5), []byte{3, 2, 1, 2}), btlv(4, u16b(0), u16b(1), u16b(5), []byte{1}), btlv(4, u16b(0), u16b(1), u16b(5), []byte{1, 9})))
	// Invalid lengths and encodings.
	for _, t := range []byte{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17} {
		add(babelPkt(2, nil, btlv(t, []byte{1})))
	}
	add(babelPkt(2, nil, btlv(18, make([]byte, 200))))
	add(babelPkt(2, nil, btlv(8, []byte{1, 0, 40, 0}, u16b(1), u16b(1), u16b(1), make([]byte, 5))))
	add(babelPkt(2, nil, btlv(8, []byte{9, 0, 40, 0}, u16b(1), u16b(1), u16b(1))))
	add(babelPkt(2, nil, btlv(8, []byte{2, 0, 64, 9}, u16b(1), u16b(1), u16b(1), []byte{1})))
	add(babelPkt(2, nil, btlv(8, []byte{3, 0, 128, 0}, u16b(1), u16b(1), u16b(1), make([]byte, 8))))
	add(babelPkt(2, nil, btlv(5, []byte{9, 0}, u16b(1), u16b(1))))
	add(babelPkt(2, nil, btlv(7, []byte{2, 0}, make([]byte, 3))))
	// Trailers, bad headers, body longer than the packet.
	add(babelPkt(2, cat(btlv(16, make([]byte, 16)), []byte{0}), btlv(4, u16b(0), u16b(1), u16b(100))))
	add(babelPkt(2, []byte{5}, btlv(4, u16b(0), u16b(1), u16b(100))))
	add([]byte{41, 2, 0, 0})
	add([]byte{42, 1, 0, 0})
	long := babelPkt(2, nil, btlv(4, u16b(0), u16b(1), u16b(100)))
	long[3] = 40
	add(long)
	add([]byte{42, 2, 0})
	add(babelPkt(2, nil, []byte{4, 20, 0}))
	n := len(fs)
	for _, i := range []int{0, 1, 2} {
		f := fs[i]
		for _, c := range []int{3, 4, 6, 9, 14, 30, 50, 70} {
			if offIP6L4+8+c < len(f.data) {
				fs = append(fs, cut(f, offIP6L4+8+c))
			}
		}
	}
	_ = n
	return fs
}
