// Slow protocol frames for the comparison with tcpdump (print-slow.c):
// LACP, marker and OAM PDUs of every code and TLV type, bad versions and
// lengths, and captures cut short.

package printer

var slowMulticast = []byte{0x01, 0x80, 0xc2, 0x00, 0x00, 0x02}

func slowFrame(b []byte) []byte { return pad(cat(slowMulticast, macA, u16b(0x8809), b)) }

func lacpActor(typ byte, state byte) []byte {
	return cat([]byte{typ, 20}, u16b(0x8000), macA, u16b(13), u16b(0x00ff), u16b(7), []byte{state, 0, 0, 0})
}

func lacpPDU() []byte {
	return cat([]byte{1, 1}, lacpActor(1, 0x3d), lacpActor(2, 0xc2), []byte{3, 16}, u16b(50), make([]byte, 12), []byte{0, 0}, make([]byte, 50))
}

func oamInfo(typ byte) []byte {
	return cat([]byte{typ, 16, 1}, u16b(7), []byte{0x05, 0x1f}, u16b(0xf5ee), []byte{0x00, 0x12, 0x0f}, u32b(0xdeadbeef))
}

func oamEvent(typ byte) []byte {
	return cat([]byte{typ, 40}, u16b(37), u32b(0), u32b(1000), u32b(1), u32b(0), u32b(0), u32b(5), u32b(1), u32b(2), u32b(99))
}

func slowCorpus() []frame {
	var fs []frame
	add := func(name string, b []byte) { fs = append(fs, full(name, slowFrame(b))) }
	add("lacp", lacpPDU())
	add("lacp-badver", []byte{1, 2, 1, 20})
	add("marker", cat([]byte{2, 1}, []byte{1, 16}, u16b(7), macB, u32b(0x12345678), []byte{0, 0}, []byte{0, 0}, make([]byte, 90)))
	add("marker-resp", cat([]byte{2, 1}, []byte{2, 16}, u16b(7), macB, u32b(1), []byte{0, 0}, []byte{0, 0}))
	add("marker-badver", []byte{2, 0})
	add("marker-badlen", cat([]byte{2, 1}, []byte{1, 14}, make([]byte, 12), []byte{0, 0}))
	add("lacp-badlen", cat([]byte{1, 1}, []byte{1, 18}, make([]byte, 16), []byte{3, 10}, make([]byte, 8), []byte{9, 4, 1, 2}, []byte{0, 0}))
	add("lacp-tlvlen", cat([]byte{1, 1}, []byte{1, 1}))
	add("lacp-over", cat([]byte{1, 1}, lacpActor(1, 0xff)[:10]))
	add("lacp-unknown", cat([]byte{1, 1}, []byte{7, 6, 1, 2, 3, 4}, []byte{0x80, 3, 9}, []byte{0, 0}))
	add("slow-unknown", []byte{9, 1, 2, 3, 4, 5})
	add("slow-zero", []byte{0, 1, 2})
	// OAM.
	for _, flags := range []uint16{0x0000, 0x0050, 0x007f, 0xff80} {
		add("oam-info", cat([]byte{3}, u16b(flags), []byte{0}, oamInfo(1), oamInfo(2), []byte{0xfe, 7, 0x00, 0x12, 0x0f, 1, 2}, []byte{9, 3, 1}, []byte{0, 0}))
	}
	add("oam-info-badlen", cat([]byte{3}, u16b(0), []byte{0}, []byte{1, 12}, make([]byte, 10), []byte{1, 1}))
	add("oam-info-short", cat([]byte{3}, u16b(0), []byte{0}, oamInfo(1)[:8]))
	add("oam-info-odd", cat([]byte{3}, u16b(0), []byte{0}, []byte{1}))
	add("oam-info-state", cat([]byte{3}, u16b(0), []byte{0}, cat([]byte{1, 16, 1}, u16b(1), []byte{0x06, 0xff}, u16b(0xffff), []byte{0x00, 0x00, 0x0c}, u32b(1))))
	add("oam-event", cat([]byte{3}, u16b(0x0001), []byte{1}, u16b(33), oamEvent(1), oamEvent(2), oamEvent(3), oamEvent(4), []byte{0xfe, 5, 0, 0, 1}, []byte{0x20, 3, 0}, []byte{0, 0}))
	add("oam-event-badlen", cat([]byte{3}, u16b(0), []byte{1}, u16b(1), []byte{1, 10}, make([]byte, 8), []byte{2, 1}))
	add("oam-event-noseq", cat([]byte{3}, u16b(0), []byte{1}, []byte{1}))
	add("oam-event-short", cat([]byte{3}, u16b(0), []byte{1}, u16b(1), oamEvent(1)[:20]))
	add("oam-loopback", cat([]byte{3}, u16b(0), []byte{4}, []byte{1}))
	add("oam-loopback2", cat([]byte{3}, u16b(0), []byte{4}, []byte{2}))
	add("oam-loopback3", cat([]byte{3}, u16b(0), []byte{4}, []byte{9}))
	add("oam-loopback-short", cat([]byte{3}, u16b(0), []byte{4}))
	for _, c := range []byte{2, 3, 0xfe, 0x42} {
		add("oam-other", cat([]byte{3}, u16b(0), []byte{c}, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9}))
	}
	add("oam-short", []byte{3, 0})
	fs = append(fs, full("slow-empty", cat(slowMulticast, macA, u16b(0x8809))))
	fs = append(fs, full("lacp-one", cat(slowMulticast, macA, u16b(0x8809), []byte{1})))
	fs = append(fs, full("oam-one", cat(slowMulticast, macA, u16b(0x8809), []byte{3, 0, 0})))
	base := full("lacp-cut", slowFrame(lacpPDU()))
	for _, n := range []int{14, 15, 16, 17, 18, 20, 25, 30, 35, 38, 40, 50, 60, 70} {
		fs = append(fs, cut(base, n))
	}
	obase := full("oam-cut", slowFrame(cat([]byte{3}, u16b(0x10), []byte{0}, oamInfo(1), oamInfo(2))))
	for _, n := range []int{15, 16, 17, 18, 19, 20, 25, 30, 34, 40} {
		fs = append(fs, cut(obase, n))
	}
	ebase := full("oam-event-cut", slowFrame(cat([]byte{3}, u16b(0x10), []byte{1}, u16b(2), oamEvent(1))))
	for _, n := range []int{18, 19, 20, 21, 22, 30, 40, 50, 60} {
		fs = append(fs, cut(ebase, n))
	}
	return fs
}
