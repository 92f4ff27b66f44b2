package printer

// radMsg builds a RADIUS message with its length field set.
func radMsg(code, id byte, attrs ...[]byte) []byte {
	a := cat(attrs...)
	return cat([]byte{code, id}, u16b(uint16(20+len(a))), []byte("0123456789abcdef"), a)
}

// rattr builds one attribute.
func rattr(typ byte, v ...byte) []byte { return append([]byte{typ, byte(2 + len(v))}, v...) }

// radiusCorpus returns RADIUS messages on the RADIUS ports: every code,
// every attribute type with numeric, string and odd-sized values, the
// standard value tables, vendor-specific attributes, the special
// printers (tags, time, IPv6 prefixes, location, ARAP, error causes) and
// malformed or cut messages.
func radiusCorpus() []frame {
	var fs []frame
	ports := []uint16{1812, 1813, 1645, 1646, 1700, 3799}
	add := func(m []byte) {
		dp := ports[len(fs)%len(ports)]
		fs = append(fs, full("radius", udpFrame(len(fs)%5 == 4, 40000+uint16(len(fs)), dp, m)))
	}
	for _, c := range []byte{1, 2, 3, 4, 5, 11, 12, 13, 40, 41, 42, 43, 44, 45, 255, 0, 99} {
		add(radMsg(c, c*3, rattr(1, []byte("alice")...)))
	}
	// Every attribute type, four bytes of value, sixteen to a message.
	for t := 0; t < 256; t += 16 {
		var as [][]byte
		for k := t; k < t+16; k++ {
			as = append(as, rattr(byte(k), 0, 0, 0, byte(k%7)))
		}
		add(radMsg(1, byte(t), as...))
		as = as[:0]
		for k := t; k < t+16; k++ {
			as = append(as, rattr(byte(k), []byte("val\x01ue")...))
		}
		add(radMsg(4, byte(t), as...))
		as = as[:0]
		for k := t; k < t+16; k++ {
			as = append(as, rattr(byte(k), 1))
		}
		add(radMsg(2, byte(t), as...))
	}
	// The value tables, all of each and one past.
	for _, t := range []byte{6, 7, 10, 13, 15, 29, 40, 45, 49, 57, 61, 72, 76} {
		var as [][]byte
		for v := 0; v < 48; v++ {
			as = append(as, rattr(t, u32b(uint32(v))...))
		}
		add(radMsg(4, t, as...))
	}
	for _, t := range []byte{64, 65} {
		var as [][]byte
		for v := 0; v < 18; v++ {
			as = append(as, rattr(t, cat([]byte{byte(v % 3)}, u32b(uint32(v))[1:])...))
		}
		add(radMsg(2, t, as...))
	}
	// Numbers with special forms.
	add(radMsg(4, 1, rattr(23, u32b(0xfffffffe)...), rattr(23, u32b(77)...), rattr(27, u32b(59)...),
		rattr(28, u32b(60)...), rattr(41, u32b(3599)...), rattr(46, u32b(3600)...), rattr(85, u32b(86399999)...),
		rattr(37, u32b(0)...), rattr(37, u32b(5)...), rattr(38, u32b(0)...), rattr(38, u32b(6)...),
		rattr(83, 0, 0, 1, 2), rattr(83, 5, 0, 1, 2), rattr(56, 0x31, 0, 0, 100), rattr(56, 0x32, 0, 0x10, 1),
		rattr(56, 0x33, 1, 2, 3), rattr(5, u32b(4000000000)...)))
	// Addresses.
	add(radMsg(2, 2, rattr(4, 10, 77, 0, 1), rattr(8, 255, 255, 255, 255), rattr(8, 255, 255, 255, 254),
		rattr(14, 255, 255, 255, 255), rattr(14, 255, 255, 255, 254), rattr(9, 255, 255, 255, 254),
		rattr(8, 1, 2, 3), rattr(95, ip6b16("2001:db8::1")...), rattr(98, ip6b16("fe80::1")...), rattr(95, 1, 2, 3, 4)))
	add(radMsg(2, 3, rattr(97, 0, 64, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1), rattr(97, 0, 0), rattr(97, 0, 129),
		rattr(97, 0, 128, 1, 2), rattr(123, cat([]byte{0, 48}, ip6b16("2001:db8:1::"))...), rattr(123, 0),
		rattr(123, cat([]byte{0, 56}, ip6b16("2001:db8:1::"), []byte{9})...),
		rattr(125, cat([]byte{64}, ip6b16("2001:db8::"))...), rattr(125, cat([]byte{200}, ip6b16("2001:db8::"))...),
		rattr(125, 1, 2)))
	// Strings with tags, salts and VLAN names.
	add(radMsg(2, 4, rattr(69, 1, 0x80, 0x01, 'x'), rattr(69, 0, 0, 0), rattr(69, 0x20, 1, 2, 'y'), rattr(69, 1),
		rattr(66, 1, 'a', 'b'), rattr(67, 0, 'c'), rattr(81, 0x1f, '1', '0'), rattr(81, '1', '0'), rattr(82, 3, 'z'),
		rattr(90, 0x20, 'q'), rattr(91, 7), rattr(58, 0x31, 'v', 'l'), rattr(58, 0x32), rattr(58, 0x40, 'w'),
		rattr(1, 'a', 0, 'b'), rattr(79, 2, 1, 0, 5, 1)))
	// EAP messages.
	eap := func(code, id byte, body ...byte) []byte {
		return rattr(79, cat([]byte{code, id}, u16b(uint16(4+len(body))), body)...)
	}
	add(radMsg(1, 30, eap(2, 1, 1, 'b', 'o', 'b'), eap(1, 2, 1), eap(1, 3, 2, 'h', 'i'), eap(1, 3, 2), eap(2, 4, 3, 13, 21, 99),
		eap(2, 4, 3), eap(1, 5, 13, 0x20), eap(1, 5, 13, 0xc0, 0, 0, 1, 0), eap(1, 5, 13, 0x80, 0), eap(1, 5, 13),
		eap(2, 6, 21, 0x21), eap(2, 6, 21, 0x80), eap(2, 6, 21), eap(1, 7, 43, 0x81, 0, 0, 0, 9), eap(1, 7, 43, 0x81), eap(1, 7, 43)))
	add(radMsg(1, 31, eap(1, 8, 18, 10), eap(1, 8, 23, 1), eap(1, 8, 23, 99), eap(1, 8, 18), eap(3, 9), eap(4, 9), eap(9, 9, 1, 2),
		eap(1, 10), eap(1, 11, 4, 1, 2, 3), eap(1, 11, 254), eap(1, 11, 255), eap(1, 11, 77, 5),
		rattr(79, 1, 2, 0, 2), rattr(79, 1, 2), rattr(79, 1, 2, 3), rattr(79, 1, 1, 0, 9, 1), eap(2, 1, 1, 'n', 0, 'x')))
	add(radMsg(1, 32, eap(2, 1, 1, 'b', 'o', 'b'), []byte{1, 50, 'x'}))
	// Vendor-specific attributes.
	vsa := func(id uint32, sub ...[]byte) []byte { return rattr(26, cat(u32b(id), cat(sub...))...) }
	for _, id := range []uint32{0, 5, 9, 11, 42, 61, 74, 161, 166, 193, 255, 307, 311, 429, 529, 1584, 1991, 2180,
		2352, 2636, 2637, 2937, 3054, 3076, 3085, 3199, 3224, 3309, 3561, 3902, 4329, 4491, 4874, 5263, 5535,
		5925, 5948, 6618, 6728, 8164, 8744, 10415, 10529, 11862, 12356, 12951, 14122, 26866, 35632, 99999} {
		add(radMsg(2, 5, vsa(id, rattr(1, []byte("cisco-avpair=x")...), rattr(2, 0xff, 0x41))))
	}
	add(radMsg(2, 6, vsa(9, rattr(1, []byte("ok")...), []byte{3, 1}), vsa(9, []byte{4, 30, 1}), vsa(9, []byte{5}), rattr(26, 0, 0, 9)))
	// Time, vectors, operator names, location.
	add(radMsg(4, 7, rattr(55, u32b(0)...), rattr(55, u32b(1700000000)...), rattr(55, u32b(0x7fffffff)...), rattr(55, 1, 2),
		rattr(124, 0, 0, 0x3f, 0, 0, 0, 0, 3), rattr(124, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), rattr(124, 0, 0, 0, 0, 0, 0, 0, 0),
		rattr(124, 1), rattr(126, []byte("1example.com")...), rattr(126, '0', 'T'), rattr(126, '9', 'x'), rattr(126, '2'), rattr(126, 0x33, 'i')))
	loc := cat(u16b(7), []byte{0, 1}, u32b(3913056000), u32b(0x80000000), u32b(0), u32b(0), []byte("GPS"))
	add(radMsg(4, 8, rattr(127, loc...), rattr(127, cat(loc[:2], []byte{2, 3}, loc[4:])...), rattr(127, loc[:20]...),
		rattr(128, cat(u16b(9), []byte("civic location data here"))...), rattr(128, 0, 1),
		rattr(129, cat(u16b(0x8001), u32b(3913056000), u32b(0), []byte("note"))...), rattr(129, cat(u16b(0), u32b(0), u32b(0))...),
		rattr(129, cat(u16b(0x7ffe), u32b(1), u32b(1))...), rattr(129, 1, 2, 3)))
	// ARAP and error causes.
	add(radMsg(2, 9, rattr(70, []byte("0123456789abcdef")...), rattr(70, 1), rattr(71, cat([]byte{1, 6}, []byte("abcdefghijkl"))...),
		rattr(71, cat([]byte{0, 8}, make([]byte, 12))...), rattr(71, 1), rattr(84, []byte("12345678")...), rattr(84, []byte("123456789a")...),
		rattr(84, 1, 2)))
	var ec [][]byte
	for _, v := range []uint32{0, 201, 202, 401, 402, 403, 404, 405, 406, 407, 408, 501, 502, 503, 504, 505, 506, 507, 508, 509, 510} {
		ec = append(ec, rattr(101, u32b(v)...))
	}
	ec = append(ec, rattr(101, 1, 2))
	add(radMsg(3, 10, ec...))
	// Malformed: attribute lengths 0, 1 and past the end; message
	// lengths below 20 and past the datagram; one byte of attribute.
	add(radMsg(1, 11, rattr(1, 'a'), []byte{1, 0}))
	add(radMsg(1, 12, []byte{1, 1, 0, 0}))
	add(radMsg(1, 13, rattr(1, 'a'), []byte{1, 9, 'x'}))
	add(radMsg(1, 14, rattr(1, 'a'), []byte{1}))
	short := radMsg(1, 15, rattr(1, 'a', 'b', 'c'))
	short[3] = 19
	add(short)
	long := radMsg(1, 16, rattr(1, 'a', 'b', 'c'))
	long[3] = 200
	add(long)
	mid := radMsg(1, 17, rattr(1, 'a', 'b', 'c'), rattr(2, 'x'))
	mid[3] = 22
	add(mid)
	add(radMsg(1, 18)[:19])
	add(nil)
	n := len(fs)
	for _, i := range []int{0, 17, 20, n - 19, n - 18, n - 16, n - 14, n - 13, n - 11, n - 10} {
		f := fs[i]
		for _, c := range []int{2, 19, 20, 21, 22, 23, 25, 28, 30, 33, 40, 45} {
			off := offIP4L4 + 8
			if f.data[12] == 0x86 {
				off = offIP6L4 + 8
			}
			if off+c < len(f.data) {
				fs = append(fs, cut(f, off+c))
			}
		}
	}
	return fs
}
