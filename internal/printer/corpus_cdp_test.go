// CDP frames for the comparison with tcpdump (print-cdp.c): every TLV of
// its table with good and bad lengths, addresses of each kind, prefixes,
// unknown TLVs, bad header and TLV lengths, and captures cut short.

package printer

var cdpMulticast = []byte{0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcc}

func cdpTLV(typ uint16, v []byte) []byte { return cat(u16b(typ), u16b(uint16(4+len(v))), v) }

func cdpFrame(ver byte, tlvs ...[]byte) []byte {
	return eth8023(cdpMulticast, macA, cat([]byte{0xaa, 0xaa, 0x03, 0, 0, 0x0c, 0x20, 0x00, ver, 180, 0xb1, 0x2c}, cat(tlvs...)))
}

func cdpAddrs(addrs ...[]byte) []byte { return cat(u32b(uint32(len(addrs))), cat(addrs...)) }

func cdpCorpus() []frame {
	var fs []frame
	add := func(name string, b []byte) { fs = append(fs, full(name, b)) }
	a4 := cat([]byte{1, 1, 0xcc}, u16b(4), ip4A)
	a6 := cat([]byte{2, 8}, cdpProtIPv6[:], u16b(16), ip6b16("2001:db8::9"))
	other := cat([]byte{2, 3, 0xaa, 0xbb, 0xcc}, u16b(2), []byte{1, 2})
	add("cdp-full", cdpFrame(2,
		cdpTLV(1, []byte("switch-1.example")), cdpTLV(2, cdpAddrs(a4, a6, other)), cdpTLV(3, []byte("GigabitEthernet0/1")),
		cdpTLV(4, u32b(0x29)), cdpTLV(5, []byte("Cisco IOS Software\nVersion 15.2\n\x01end")), cdpTLV(6, []byte("cisco WS-C2960")),
		cdpTLV(7, cat(ip4A, []byte{24}, ip4B, []byte{32})), cdpTLV(8, make([]byte, 32)), cdpTLV(9, []byte("vtpdom")),
		cdpTLV(10, u16b(100)), cdpTLV(11, []byte{1}), cdpTLV(11, []byte{0}), cdpTLV(14, []byte{1, 0, 200}), cdpTLV(15, u16b(0x2000)),
		cdpTLV(15, []byte{2, 0, 50}), cdpTLV(16, []byte{0x1e}), cdpTLV(16, u16b(6300)), cdpTLV(16, []byte{1, 0, 0}),
		cdpTLV(17, u32b(1500)), cdpTLV(18, []byte{0xff}), cdpTLV(19, []byte{3}), cdpTLV(20, []byte("sysname")),
		cdpTLV(21, []byte{6, 8, 1, 2}), cdpTLV(22, cdpAddrs(a4)), cdpTLV(23, []byte{7}), cdpTLV(23, []byte("\x01Rack 7")),
		cdpTLV(12, []byte{1, 2}), cdpTLV(0, []byte{9}), cdpTLV(0x24, []byte{1, 2, 3}), cdpTLV(0x1001, nil)))
	add("cdp-v1", cdpFrame(1, cdpTLV(1, []byte("r1")), cdpTLV(3, []byte("Ethernet0"))))
	add("cdp-nodev", cdpFrame(2, cdpTLV(3, []byte("Ethernet0")), cdpTLV(6, []byte("x"))))
	add("cdp-empty", cdpFrame(2))
	// TLVs whose lengths break the table's limits.
	add("cdp-malformed", cdpFrame(2, cdpTLV(4, []byte{1, 2}), cdpTLV(10, []byte{1}), cdpTLV(11, u16b(1)), cdpTLV(14, u16b(1)),
		cdpTLV(15, []byte{1}), cdpTLV(16, nil), cdpTLV(16, u32b(1)), cdpTLV(17, u16b(1)), cdpTLV(18, nil), cdpTLV(19, u16b(1)),
		cdpTLV(22, []byte{0, 0}), cdpTLV(23, nil), cdpTLV(1, nil), cdpTLV(1, []byte("dev"))))
	// Addresses that do not fit.
	for _, a := range [][]byte{{0, 0}, cat(u32b(1), []byte{1}), cat(u32b(1), []byte{1, 1, 0xcc, 0}), cat(u32b(1), []byte{1, 1, 0xcc}, u16b(4), []byte{1, 2}),
		cat(u32b(2), a4), cat(u32b(1), a4, []byte{9, 9}), cat(u32b(1), []byte{2, 8}, cdpProtIPv6[:], u16b(16), []byte{1, 2, 3}),
		cat(u32b(1), []byte{9, 1, 7}, u16b(5), []byte{1}), cat(u32b(1), []byte{1, 1, 0xcd}, u16b(4), ip4A), cat(u32b(1), []byte{1, 1, 0xcc}, u16b(16), make([]byte, 16)),
		cat(u32b(0), []byte{1, 2, 3}), cat(u32b(0xffffffff), a4)} {
		add("cdp-addr", cdpFrame(2, cdpTLV(2, a), cdpTLV(1, []byte("after"))))
	}
	add("cdp-prefix-bad", cdpFrame(2, cdpTLV(7, []byte{1, 2, 3, 4, 5, 6})))
	add("cdp-prefix-empty", cdpFrame(2, cdpTLV(7, nil)))
	// Bad TLV lengths, short packets.
	add("cdp-tlvshort", cdpFrame(2, cdpTLV(1, []byte("a")), cat(u16b(3), u16b(2))))
	add("cdp-tlvshort-unknown", cdpFrame(2, cat(u16b(0x99), u16b(0))))
	add("cdp-tlvlong", cdpFrame(2, cat(u16b(1), u16b(200), []byte("abc"))))
	add("cdp-remain", cdpFrame(2, cdpTLV(1, []byte("a")), []byte{0, 1}))
	add("cdp-hdrshort", eth8023(cdpMulticast, macA, []byte{0xaa, 0xaa, 0x03, 0, 0, 0x0c, 0x20, 0x00, 2, 180}))
	add("cdp-nohdr", eth8023(cdpMulticast, macA, []byte{0xaa, 0xaa, 0x03, 0, 0, 0x0c, 0x20, 0x00}))
	base := full("cdp-cut", cdpFrame(2, cdpTLV(1, []byte("switch-1")), cdpTLV(2, cdpAddrs(a4, a6)), cdpTLV(4, u32b(0x29)), cdpTLV(7, cat(ip4A, []byte{24}))))
	for _, n := range []int{22, 23, 25, 26, 28, 30, 34, 36, 40, 44, 48, 50, 54, 60, 70, 80, 86, 90} {
		if n < len(base.data) {
			fs = append(fs, cut(base, n))
		}
	}
	return fs
}
