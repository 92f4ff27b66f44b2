// LLDP frames for the comparison with tcpdump (print-lldp.c): every basic
// TLV and subtype, the IEEE 802.1, IEEE 802.3, TIA LLDP-MED, DCBX and
// IANA organisation-specific TLVs, lengths below each minimum, unknown
// types, OUIs and subtypes, and captures cut short.

package printer

var lldpMulticast = []byte{0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e}

func lldpTLV(typ int, v []byte) []byte {
	return cat(u16b(uint16(typ<<9|len(v)&0x1ff)), v)
}

func lldpOrg(oui uint32, sub byte, v []byte) []byte {
	return lldpTLV(127, cat([]byte{byte(oui >> 16), byte(oui >> 8), byte(oui), sub}, v))
}

func lldpFrame(tlvs ...[]byte) []byte {
	return pad(cat(lldpMulticast, macA, u16b(0x88cc), cat(tlvs...)))
}

// lldpBase is the chassis, port and TTL TLVs every LLDPDU starts with.
func lldpBase() []byte {
	return cat(lldpTLV(1, cat([]byte{4}, macA)), lldpTLV(2, []byte("\x05eth0")), lldpTLV(3, u16b(120)))
}

func lldpCorpus() []frame {
	var fs []frame
	add := func(name string, tlvs ...[]byte) { fs = append(fs, full(name, lldpFrame(tlvs...))) }
	end := lldpTLV(0, nil)
	add("lldp-basic", lldpBase(), lldpTLV(4, []byte("uplink port")), lldpTLV(5, []byte("switch1.example")),
		lldpTLV(6, []byte("Example OS 1.2\x00junk")), lldpTLV(7, cat(u16b(0x0014), u16b(0x0004))), end)
	// Chassis and port ID subtypes.
	for st := byte(0); st <= 8; st++ {
		add("lldp-chassis", lldpTLV(1, cat([]byte{st}, []byte("id-\x01\xff"))), end)
		add("lldp-port", lldpTLV(2, cat([]byte{st}, []byte("port-7"))), end)
	}
	add("lldp-chassis-mac-short", lldpTLV(1, []byte{4, 1, 2, 3}), end)
	add("lldp-port-mac", lldpTLV(2, cat([]byte{3}, macB)), end)
	add("lldp-chassis-short", lldpTLV(1, []byte{4}), end)
	for _, a := range [][]byte{cat([]byte{1}, ip4A), cat([]byte{2}, ip6b16("2001:db8::1")), cat([]byte{6}, macB),
		[]byte{3, 1, 2, 3}, []byte{1, 10, 0}, []byte{2, 1}, []byte{6, 1, 2}, nil, []byte{25, 1}} {
		add("lldp-chassis-net", lldpTLV(1, cat([]byte{5}, a)), end)
		add("lldp-port-net", lldpTLV(2, cat([]byte{4}, a)), end)
	}
	add("lldp-ttl-short", lldpTLV(3, []byte{1}), end)
	add("lldp-cap-short", lldpTLV(7, []byte{0, 1, 0}), end)
	add("lldp-cap-all", lldpTLV(7, cat(u16b(0xffff), u16b(0x00ff))), lldpTLV(7, cat(u16b(0), u16b(0x0100))), end)
	// Management addresses.
	mgmt := func(addr []byte, sub byte, ifn uint32, oid []byte) []byte {
		b := cat([]byte{byte(len(addr))}, addr, []byte{sub}, u32b(ifn))
		if oid != nil {
			b = cat(b, []byte{byte(len(oid))}, oid)
		}
		return lldpTLV(8, b)
	}
	add("lldp-mgmt4", lldpBase(), mgmt(cat([]byte{1}, ip4A), 2, 7, nil), end)
	add("lldp-mgmt6", mgmt(cat([]byte{2}, ip6b16("2001:db8::77")), 3, 100, []byte("1.3.6.1\x00x")), end)
	add("lldp-mgmt-mac", mgmt(cat([]byte{6}, macA), 1, 1, []byte{}), end)
	add("lldp-mgmt-unknown", mgmt([]byte{9, 1, 2}, 2, 1, nil), end)
	add("lldp-mgmt-short", mgmt([]byte{1, 1, 2}, 2, 1, nil), end)
	add("lldp-mgmt-noif", lldpTLV(8, cat([]byte{5, 1}, ip4A, []byte{2, 0})), end)
	add("lldp-mgmt-badoid", lldpTLV(8, cat([]byte{5, 1}, ip4A, []byte{2, 0, 0, 0, 1, 9, 'a'})), end)
	add("lldp-mgmt-len", lldpTLV(8, []byte{40, 1}), end)
	add("lldp-mgmt-empty", lldpTLV(8, nil), end)
	// IEEE 802.1.
	o1 := uint32(0x0080c2)
	ets := cat([]byte{0xc3}, []byte{0x01, 0x23, 0x45, 0x67}, []byte{10, 20, 30, 40, 0, 0, 0, 0}, []byte{0, 1, 2, 2, 2, 255, 2, 2})
	add("lldp-8021", lldpOrg(o1, 1, u16b(100)), lldpOrg(o1, 2, cat([]byte{0x06}, u16b(200))),
		lldpOrg(o1, 3, cat(u16b(300), []byte{6}, []byte("vlan-a"))), lldpOrg(o1, 4, cat([]byte{4}, []byte{0x88, 0x8e, 0, 0})),
		lldpOrg(o1, 8, []byte{0xa5, 0x3c}), lldpOrg(o1, 9, ets), lldpOrg(o1, 10, cat([]byte{0}, ets[1:])),
		lldpOrg(o1, 11, []byte{0xd8, 0x81}), lldpOrg(o1, 12, cat([]byte{0}, []byte{0x63, 0x0c, 0xbc, 0x84, 0x12, 0x34})),
		lldpOrg(o1, 13, []byte{0xff, 0xfe, 0xb3, 0xe7, 0x85}), lldpOrg(o1, 14, cat([]byte{0x88, 0, 0x0f, 0xff}, []byte{0x00, 0x10, 0x01, 0x00, 0x20, 0x02})),
		lldpOrg(o1, 99, []byte{1, 2, 3}), end)
	add("lldp-8021-short", lldpOrg(o1, 1, []byte{1}), lldpOrg(o1, 2, u16b(1)), lldpOrg(o1, 3, []byte{1}),
		lldpOrg(o1, 3, u16b(1)), lldpOrg(o1, 3, cat(u16b(1), []byte{9, 'a'})), lldpOrg(o1, 4, nil), lldpOrg(o1, 4, []byte{5, 1}),
		lldpOrg(o1, 8, []byte{1}), lldpOrg(o1, 9, ets[:10]), lldpOrg(o1, 10, ets[:3]), lldpOrg(o1, 11, []byte{1}),
		lldpOrg(o1, 12, nil), lldpOrg(o1, 12, []byte{0}), lldpOrg(o1, 12, []byte{0, 1, 2}), lldpOrg(o1, 13, []byte{1, 2}),
		lldpOrg(o1, 14, []byte{1}), lldpOrg(o1, 14, []byte{0, 0, 0, 0, 1}), lldpTLV(127, []byte{0, 0x80, 0xc2}), lldpTLV(127, []byte{0, 0x80}), end)
	// IEEE 802.3.
	o3 := uint32(0x00120f)
	add("lldp-8023", lldpOrg(o3, 1, cat([]byte{3}, u16b(0x6c01), u16b(16))), lldpOrg(o3, 1, cat([]byte{0}, u16b(0x8000), u16b(77))),
		lldpOrg(o3, 2, []byte{0x0f, 1, 5}), lldpOrg(o3, 2, []byte{0, 9, 9}), lldpOrg(o3, 3, cat([]byte{3}, u32b(42))),
		lldpOrg(o3, 4, u16b(9216)), lldpOrg(o3, 7, []byte{1}), end)
	add("lldp-8023-short", lldpOrg(o3, 1, []byte{1, 2}), lldpOrg(o3, 2, []byte{1}), lldpOrg(o3, 3, []byte{1}), lldpOrg(o3, 4, []byte{1}), end)
	for m := 0; m <= 41; m++ {
		add("lldp-mau", lldpOrg(o3, 1, cat([]byte{1}, u16b(1<<uint(m%16)), u16b(uint16(m)))), end)
	}
	// TIA LLDP-MED.
	ot := uint32(0x0012bb)
	civic := cat([]byte{1}, []byte("US"), []byte{1, 2, 'C', 'A'}, []byte{3, 5}, []byte("Davis"), []byte{6, 3, 'M', 'a', 'i'}, []byte{9, 1, 'x'})
	add("lldp-tia", lldpOrg(ot, 1, cat(u16b(0x0033), []byte{3})), lldpOrg(ot, 1, cat(u16b(0xffc0), []byte{9})),
		lldpOrg(ot, 2, cat([]byte{1}, []byte{0x40 | 0x0c, 0x9a, 0xae})), lldpOrg(ot, 2, cat([]byte{9}, []byte{0xa0, 0, 0})),
		lldpOrg(ot, 3, cat([]byte{1}, []byte{0x51, 0x02, 0x33, 0x44, 0x55, 0x92, 0x81, 0x22, 0x33, 0x44, 0x15, 0x40, 0, 0x12, 0x34, 1})),
		lldpOrg(ot, 3, cat([]byte{2, byte(len(civic))}, civic)), lldpOrg(ot, 3, cat([]byte{3}, []byte("911-555-0100"))),
		lldpOrg(ot, 3, cat([]byte{9}, []byte{1, 2, 3})),
		lldpOrg(ot, 4, cat([]byte{0x51}, u16b(155))), lldpOrg(ot, 4, cat([]byte{0x8e}, u16b(2000))), lldpOrg(ot, 4, cat([]byte{0x23}, u16b(1023))),
		lldpOrg(ot, 5, []byte("rev A")), lldpOrg(ot, 6, []byte("fw 1.0")), lldpOrg(ot, 7, []byte("sw 2.0")),
		lldpOrg(ot, 8, []byte("SN123")), lldpOrg(ot, 9, []byte("Maker")), lldpOrg(ot, 10, []byte("Model")),
		lldpOrg(ot, 11, []byte("asset\x00x")), lldpOrg(ot, 12, []byte{1, 2}), end)
	add("lldp-tia-short", lldpOrg(ot, 1, []byte{1, 2}), lldpOrg(ot, 2, []byte{1, 2, 3}), lldpOrg(ot, 3, nil),
		lldpOrg(ot, 3, []byte{1, 2, 3}), lldpOrg(ot, 3, []byte{2}), lldpOrg(ot, 3, []byte{2, 2, 0}), lldpOrg(ot, 3, []byte{2, 9, 0, 'U', 'S'}),
		lldpOrg(ot, 3, cat([]byte{2, 6, 0}, []byte("US"), []byte{1})), lldpOrg(ot, 3, cat([]byte{2, 7, 0}, []byte("US"), []byte{0, 2})),
		lldpOrg(ot, 3, cat([]byte{2, 7, 0}, []byte("US"), []byte{1, 0})), lldpOrg(ot, 3, cat([]byte{2, 7, 0}, []byte("US"), []byte{1, 5})),
		lldpOrg(ot, 4, []byte{1, 2}), end)
	// DCBX and IANA.
	od := uint32(0x001b21)
	dtlv := func(typ int, v []byte) []byte { return cat(u16b(uint16(typ<<9|len(v))), v) }
	add("lldp-dcbx", lldpOrg(od, 1, []byte{1, 2, 3}), lldpOrg(od, 2, cat(
		dtlv(1, cat([]byte{0, 1}, u32b(7), u32b(6))),
		dtlv(2, cat([]byte{0, 0, 0xa0, 0}, u32b(0x01234567), []byte{10, 20, 30, 40, 0, 0, 0, 0, 8})),
		dtlv(3, []byte{0, 0, 0xe0, 1, 0x81, 8}),
		dtlv(4, cat([]byte{0, 0, 0x40, 0}, u16b(0x8906), []byte{0x40, 0x1b, 0x21, 0x08}, u16b(3260), []byte{0x00, 0x1b, 0x21, 0x10})),
		dtlv(9, []byte{1, 2, 3}))), end)
	add("lldp-dcbx-short", lldpOrg(od, 2, cat(dtlv(1, []byte{1, 2}), dtlv(2, []byte{1}))), lldpOrg(od, 2, dtlv(3, []byte{1})),
		lldpOrg(od, 2, dtlv(4, []byte{1})), lldpOrg(od, 2, cat(u16b(2<<9|30), []byte{1, 2})), lldpOrg(od, 2, cat(dtlv(0, []byte{1}), dtlv(1, nil))), lldpOrg(od, 2, []byte{1}), lldpTLV(127, []byte{0, 0x1b, 0x21}), end)
	add("lldp-iana", lldpOrg(0x00005e, 1, []byte("https://mud.example/x\x00y")), lldpOrg(0x00005e, 2, []byte{1, 2, 3, 4}),
		lldpOrg(0x00005e, 1, []byte{1, 2, 3}), lldpOrg(0x123456, 1, []byte{1, 2}), lldpOrg(0x00000c, 1, []byte{1}), end)
	// Unknown TLV types, no End TLV, a zero-length TLV, a TLV past the end.
	add("lldp-unknown", lldpTLV(9, []byte{1, 2, 3}), lldpTLV(100, []byte("xyz")), lldpTLV(126, nil), lldpTLV(5, []byte("after")))
	add("lldp-noend", lldpBase())
	add("lldp-over", lldpBase(), u16b(5<<9|200), []byte("short"))
	fs = append(fs, full("lldp-odd", cat(lldpMulticast, macA, u16b(0x88cc), lldpBase(), []byte{0x0a})))
	base := full("lldp-cut", lldpFrame(lldpBase(), lldpTLV(5, []byte("switch1")), lldpOrg(o3, 1, cat([]byte{3}, u16b(0x6c01), u16b(16))), end))
	for _, n := range []int{14, 15, 16, 17, 20, 22, 23, 25, 28, 30, 34, 40, 45, 50} {
		fs = append(fs, cut(base, n))
	}
	// Behind a VLAN tag.
	fs = append(fs, full("lldp-vlan", pad(cat(lldpMulticast, macA, u16b(0x8100), u16b(5), u16b(0x88cc), lldpBase(), end))))
	return fs
}
