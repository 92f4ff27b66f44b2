package printer

// ripEntry builds a RIPv2 route entry.
func ripEntry(family, tag uint16, dst, mask, nh string, metric uint32) []byte {
	return cat(u16b(family), u16b(tag), ipb(dst), ipb(mask), ipb(nh), u32b(metric))
}

// ripCorpus returns RIP messages on UDP port 520: v1 and v2 requests and
// responses, every command, authentication entries, other families,
// non-zero must-be-zero fields, short entries and cut messages.
func ripCorpus() []frame {
	var fs []frame
	add := func(m []byte) { fs = append(fs, full("rip", udpFrame(false, 520, 520, m))) }
	v1 := func(family uint16, dst string, mbz byte, metric uint32) []byte {
		return cat(u16b(family), []byte{0, mbz}, ipb(dst), make([]byte, 8), u32b(metric))
	}
	add(cat([]byte{1, 1, 0, 0}, v1(0, "0.0.0.0", 0, 16)))
	add(cat([]byte{2, 1, 0, 0}, v1(2, "10.1.0.0", 0, 1), v1(2, "192.0.2.0", 0, 15), v1(0, "1.2.3.4", 0, 3), v1(11, "1.2.3.4", 0, 3), v1(2, "1.1.1.1", 1, 2)))
	add(cat([]byte{2, 2, 0, 0}, ripEntry(2, 0, "10.1.0.0", "255.255.0.0", "0.0.0.0", 1), ripEntry(2, 0x1234, "192.168.100.128", "255.255.255.192", "10.0.0.1", 2),
		ripEntry(0, 0, "1.0.0.0", "255.0.0.0", "0.0.0.0", 16), ripEntry(2, 0, "10.0.0.0", "255.0.255.0", "0.0.0.0", 3),
		ripEntry(2, 1, "0.0.0.0", "0.0.0.0", "1.1.1.1", 1), ripEntry(2, 1, "1.2.3.4", "255.255.255.255", "1.1.1.1", 1),
		ripEntry(24, 1, "1.2.3.4", "255.255.255.255", "1.1.1.1", 1), ripEntry(30, 1, "1.2.3.4", "255.255.255.255", "1.1.1.1", 1)))
	add(cat([]byte{2, 2, 0, 0}, u16b(0xffff), u16b(2), []byte("secretpassword\x00\x00"), ripEntry(2, 0, "10.2.0.0", "255.255.0.0", "0.0.0.0", 1)))
	add(cat([]byte{2, 2, 0, 0}, u16b(0xffff), u16b(3), u16b(64), []byte{1, 16}, u32b(77), u32b(0), u32b(1), ripEntry(2, 0, "10.3.0.0", "255.255.0.0", "0.0.0.0", 1),
		u16b(0xffff), u16b(1), make([]byte, 16)))
	add(cat([]byte{2, 2, 0, 0}, u16b(0xffff), u16b(9), make([]byte, 20)))
	add(cat([]byte{2, 2, 0, 0}, u16b(0xffff), u16b(3), u16b(64)))
	add(cat([]byte{1, 2, 0, 0}, ripEntry(2, 0, "10.1.0.0", "255.255.0.0", "0.0.0.0", 1)[:12]))
	add(cat([]byte{2, 1, 0, 0}, v1(2, "10.1.0.0", 0, 1)[:10]))
	add(cat([]byte{2, 2, 0, 0}, []byte{0, 2}))
	for c := byte(0); c <= 12; c++ {
		add(cat([]byte{c, 2, 0, 0}, ripEntry(2, 0, "10.1.0.0", "255.255.0.0", "0.0.0.0", 1)))
	}
	add(cat([]byte{2, 3, 0, 0}, ripEntry(2, 0, "10.1.0.0", "255.255.0.0", "0.0.0.0", 1)))
	add([]byte{2, 2, 0})
	add(nil)
	for _, i := range []int{1, 2, 4} {
		f := fs[i]
		for _, c := range []int{2, 4, 10, 24, 30, 44, 60} {
			if offIP4L4+8+c < len(f.data) {
				fs = append(fs, cut(f, offIP4L4+8+c))
			}
		}
	}
	return fs
}
