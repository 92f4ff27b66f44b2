package printer

// d6opt builds a DHCPv6 option.
func d6opt(typ uint16, data ...[]byte) []byte {
	d := cat(data...)
	return cat(u16b(typ), u16b(uint16(len(d))), d)
}

// d6msg builds a DHCPv6 client/server message.
func d6msg(mt byte, xid uint32, opts ...[]byte) []byte {
	return cat([]byte{mt, byte(xid >> 16), byte(xid >> 8), byte(xid)}, cat(opts...))
}

// dhcp6Corpus returns DHCPv6 messages on UDP ports 546 and 547: every
// message type, relayed messages, every option tcpdump decodes with
// right and wrong lengths, unknown options, and cut messages.
func dhcp6Corpus() []frame {
	var fs []frame
	add := func(sp, dp uint16, m []byte) { fs = append(fs, full("dhcp6", udpFrame(true, sp, dp, m))) }
	duidLLT := d6opt(1, u16b(1), u16b(1), u32b(0x2a2b2c2d), macA)
	duidEN := d6opt(2, u16b(2), u32b(9), []byte{1, 2, 3, 4, 5})
	duidLL := d6opt(1, u16b(3), u16b(1), macB)
	duidUUID := d6opt(2, u16b(4), []byte("0123456789abcdef"))
	iaaddr := d6opt(5, ip6b16("2001:db8::100"), u32b(3600), u32b(7200))
	iana := d6opt(3, u32b(1), u32b(1800), u32b(2880), iaaddr)
	prefix := d6opt(26, u32b(3600), u32b(7200), []byte{56}, ip6b16("2001:db8:100::"))
	iapd := d6opt(25, u32b(2), u32b(1800), u32b(2880), prefix)
	oro := d6opt(6, u16b(23), u16b(24), u16b(56), u16b(64), u16b(999))
	dom := cat(dname("example.com."), dname("lab.example.org."))
	for mt := byte(0); mt <= 16; mt++ {
		if mt == 12 || mt == 13 {
			continue
		}
		add(546, 547, d6msg(mt, 0x123456+uint32(mt), duidLLT, d6opt(8, u16b(uint16(mt)*100))))
	}
	add(546, 547, d6msg(1, 0xabcdef, duidLLT, iana, iapd, oro, d6opt(8, u16b(0)), d6opt(14)))
	add(547, 546, d6msg(2, 0xabcdef, duidLLT, duidEN, iana, iapd, d6opt(7, []byte{255}),
		d6opt(23, ip6b16("2001:db8::53"), ip6b16("2001:db8::54")), d6opt(24, dom), d6opt(13, u16b(0), []byte("all good"))))
	add(547, 546, d6msg(7, 1, duidLL, duidUUID, d6opt(2, u16b(4), []byte("short")), d6opt(2, u16b(9), []byte{1}),
		d6opt(1, u16b(1), []byte{1, 2}), d6opt(1, u16b(2), []byte{1}), d6opt(1, u16b(3), []byte{1}), d6opt(1, []byte{1})))
	// Status codes and other fixed-size options, right and wrong.
	var sc [][]byte
	for c := uint16(0); c < 13; c++ {
		sc = append(sc, d6opt(13, u16b(c)))
	}
	sc = append(sc, d6opt(13, u16b(256)), d6opt(13, []byte{1}))
	add(547, 546, d6msg(7, 2, sc...))
	add(547, 546, d6msg(7, 3, d6opt(7, []byte{1, 2}), d6opt(8, []byte{1}), d6opt(6, []byte{0, 1, 2}), d6opt(43, u16b(1), u16b(2)),
		d6opt(5, make([]byte, 23)), d6opt(3, make([]byte, 11)), d6opt(4, u32b(7)), d6opt(4, u32b(7), iaaddr), d6opt(4, []byte{1}),
		d6opt(26, make([]byte, 24)), d6opt(32, u32b(86400)), d6opt(32, []byte{1}), d6opt(46, u32b(5)), d6opt(19, []byte{5}),
		d6opt(19, []byte{11}), d6opt(19, []byte{7}), d6opt(19, []byte{5, 5}), d6opt(20), d6opt(12, ip6b16("2001:db8::1"))))
	// Address lists, domain lists, identifiers.
	add(547, 546, d6msg(7, 4, d6opt(22, ip6b16("2001:db8::5")), d6opt(31, ip6b16("2001:db8::7")), d6opt(27, ip6b16("::1")),
		d6opt(28, ip6b16("::2")), d6opt(34, ip6b16("::3")), d6opt(40, ip6b16("::4")), d6opt(48, ip6b16("::5"), ip6b16("::6")),
		d6opt(23, make([]byte, 15)), d6opt(21, dname("sip.example.com.")), d6opt(24, []byte{3, 'a', 'b'}),
		d6opt(18, []byte("eth0")), d6opt(18, []byte("0123456789abcdef")), d6opt(38, []byte("subscriber")),
		d6opt(37, u32b(9), []byte("remote-id-value")), d6opt(37, []byte{1, 2})))
	// Authentication.
	add(547, 546, d6msg(10, 5, d6opt(19, []byte{5}), d6opt(11, []byte{3, 1, 0}, make([]byte, 8), []byte{1}, []byte("0123456789abcdef")),
		d6opt(11, []byte{3, 1, 0}, make([]byte, 8), []byte{2}, []byte("0123456789abcdef")),
		d6opt(11, []byte{3, 1, 0}, make([]byte, 8), []byte{9}, []byte("0123456789abcdef")),
		d6opt(11, []byte{3, 2, 1}, make([]byte, 8), []byte{1}),
		d6opt(11, []byte{2, 1, 0}, u32b(1), u32b(2)), d6opt(11, []byte{2, 1, 0}, u32b(1), u32b(2), []byte("realm"), u32b(0xabcd), []byte("0123456789abcdef")),
		d6opt(11, []byte{2, 1, 0}, u32b(1), u32b(2), u32b(0xabcd), []byte("0123456789abcdef")),
		d6opt(11, []byte{2, 1, 0}, u32b(1), u32b(2), []byte{1}),
		d6opt(11, []byte{7, 1, 0}, u32b(1), u32b(2)), d6opt(11, []byte{2, 1})))
	// Lease query, NTP, AFTR, strings and lists.
	add(546, 547, d6msg(14, 6, d6opt(44, []byte{1}, ip6b16("2001:db8::9"), d6opt(6, u16b(5))), d6opt(44, []byte{2}, ip6b16("::")),
		d6opt(44, []byte{9}, ip6b16("::1")), d6opt(44, []byte{1}),
		d6opt(45, duidLLT, iaaddr, d6opt(46, u32b(60))), d6opt(45), d6opt(47, ip6b16("2001:db8::2"), []byte("relay-data-0123456")),
		d6opt(47, []byte{1})))
	add(547, 546, d6msg(7, 7, d6opt(56, d6opt(1, ip6b16("2001:db8::123")), d6opt(2, ip6b16("ff05::101")), d6opt(3, dname("ntp.example.com.")),
		d6opt(1, []byte{1, 2}), d6opt(9, []byte{1})), d6opt(56, []byte{1}), d6opt(56, d6opt(1, make([]byte, 20))),
		d6opt(64, dname("aftr.example.com.")), d6opt(64, []byte{1, 'a'}), d6opt(64, []byte{9, 'a', 'b', 'c'}), d6opt(64, []byte{3, 'a', 'b', 'c', 0}),
		d6opt(41, []byte("EST5EDT4,M3.2.0/02:00,M11.1.0/02:00")), d6opt(42, []byte("Europe/Zurich")), d6opt(42, []byte("abc")),
		d6opt(112, []byte("https://mud.example.com/x\x00yz")), d6opt(59, []byte("tftp://[2001:db8::1]/boot.efi")),
		d6opt(15, u16b(3), []byte("abc"), u16b(2), []byte("de")), d6opt(15, u16b(9), []byte("abc")), d6opt(15, []byte{0}),
		d6opt(136, u16b(4), []byte("uri1")), d6opt(16, u32b(311), u16b(8), []byte("MSFT 5.0")), d6opt(17, u32b(9), []byte{1, 2}),
		d6opt(36, []byte{1}), d6opt(39, []byte{0, 3, 'a', 'b', 'c', 0}), d6opt(200, []byte{1, 2, 3})))
	// Relay messages, nested.
	inner := d6msg(1, 0x424242, duidLLT, iana, oro)
	relay := cat([]byte{12, 0}, ip6b16("2001:db8:1::1"), ip6b16("fe80::1"), d6opt(18, []byte("ge-0/0/1")), d6opt(9, inner), d6opt(37, u32b(3561), []byte("port1")))
	add(547, 547, relay)
	add(547, 547, cat([]byte{12, 1}, ip6b16("2001:db8:2::1"), ip6b16("fe80::2"), d6opt(9, relay)))
	add(547, 547, cat([]byte{13, 0}, ip6b16("2001:db8:1::1"), ip6b16("fe80::1"), d6opt(9, d6msg(7, 0x424242, duidEN, iana))))
	add(547, 547, cat([]byte{13, 0}, ip6b16("2001:db8:1::1"), ip6b16("fe80::1"), d6opt(9, inner[:10])))
	add(547, 547, cat([]byte{12, 0}, ip6b16("2001:db8:1::1")))
	// Malformed: option past the end, option header cut, short message.
	add(546, 547, cat(d6msg(1, 8, duidLLT), u16b(8), u16b(40), []byte{1, 2}))
	add(546, 547, cat(d6msg(1, 9, duidLLT), []byte{0, 8}))
	add(546, 547, []byte{1, 2, 3})
	add(546, 547, d6msg(11, 10))
	add(546, 547, nil)
	n := len(fs)
	for _, i := range []int{16, 17, n - 9, n - 11, n - 8} {
		f := fs[i]
		for _, c := range []int{3, 4, 6, 8, 12, 20, 30, 34, 40, 50, 60, 70, 80} {
			if offIP6L4+8+c < len(f.data) {
				fs = append(fs, cut(f, offIP6L4+8+c))
			}
		}
	}
	return fs
}
