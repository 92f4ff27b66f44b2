// MACsec frames for the comparison with tcpdump (print-macsec.c and the
// MACsec branch of print-ether.c): encrypted and clear payloads, with and
// without an SCI, short lengths, VLAN tags inside, bad versions and
// lengths, and captures cut short.

package printer

func macsecTag(tci, sl byte, pn uint32, sci []byte) []byte {
	return cat([]byte{tci, sl}, u32b(pn), sci)
}

func macsecCorpus() []frame {
	var fs []frame
	add := func(name string, b []byte) { fs = append(fs, full(name, pad(cat(macB, macA, u16b(0x88e5), b)))) }
	sci := cat(macA, u16b(1))
	icv := []byte("0123456789abcdef")
	u := udp4To(ip4B, 5000, 6000, []byte("macsec clear"))
	ip := cat([]byte{0x45, 0, 0, byte(20 + len(u)), 0, 1, 0x40, 0, 64, 17, 0, 0}, ip4A, ip4B)
	c := cksum(0, ip)
	ip[10], ip[11] = byte(c>>8), byte(c)
	inner := cat(u16b(0x0800), ip, u)
	for _, tci := range []byte{0x2c, 0x0c, 0x08, 0x04, 0x6d, 0x1e, 0x7f} {
		add("macsec-enc", cat(macsecTag(tci, 0, 77, sci[:8*int(tci>>5&1)]), []byte("ciphertext bytes"), icv))
	}
	add("macsec-clear", cat(macsecTag(0x20, 0, 1, sci), inner, icv))
	add("macsec-clear-nosci", cat(macsecTag(0x01, 0, 2, nil), inner, icv))
	add("macsec-clear-es", cat(macsecTag(0x52, 0, 3, nil), inner, icv))
	sinner := cat(u16b(0x88b5), []byte("short"))
	add("macsec-sl", cat(macsecTag(0x00, byte(len(sinner)), 4, nil), sinner, make([]byte, 10), icv))
	add("macsec-sl-long", cat(macsecTag(0x00, 40, 4, nil), sinner, icv))
	add("macsec-vlan", cat(macsecTag(0x20, 0, 5, sci), u16b(0x8100), u16b(0x0064), inner, icv))
	add("macsec-arp", cat(macsecTag(0x00, 0, 6, nil), u16b(0x0806), u16b(1), u16b(0x0800), []byte{6, 4}, u16b(1), macA, ip4A, make([]byte, 6), ip4B, icv))
	add("macsec-llc", cat(macsecTag(0x00, 0, 7, nil), u16b(20), []byte{0x42, 0x42, 0x03}, stpConfigBPDU(0, 0x80, 0)[:17], icv))
	add("macsec-badver", cat(macsecTag(0x80, 0, 8, nil), inner, icv))
	add("macsec-badsl", cat(macsecTag(0x00, 0x40, 9, nil), inner, icv))
	add("macsec-unknown", cat(macsecTag(0x00, 0, 10, nil), u16b(0x88b5), []byte("payload"), icv))
	fs = append(fs, full("macsec-noicv", cat(macB, macA, u16b(0x88e5), macsecTag(0x00, 0, 11, nil), u16b(0x0800), []byte{0x45})))
	fs = append(fs, full("macsec-short", cat(macB, macA, u16b(0x88e5), []byte{0x20, 0, 0, 0})))
	fs = append(fs, full("macsec-scishort", cat(macB, macA, u16b(0x88e5), macsecTag(0x20, 0, 12, sci[:4]))))
	base := full("macsec-cut", pad(cat(macB, macA, u16b(0x88e5), macsecTag(0x20, 0, 13, sci), inner, icv)))
	for _, n := range []int{14, 16, 19, 20, 24, 27, 28, 29, 30, 40, 50, 70, 80} {
		fs = append(fs, cut(base, n))
	}
	ebase := full("macsec-enc-cut", pad(cat(macB, macA, u16b(0x88e5), macsecTag(0x2c, 0, 14, sci), []byte("ciphertext"), icv)))
	for _, n := range []int{22, 26, 28, 30, 40} {
		fs = append(fs, cut(ebase, n))
	}
	return fs
}
