// ARP frames for the comparison with tcpdump: every operation, the
// hardware types print-arp.c treats apart (Frame Relay with Q.922
// addresses, ATM with its own header, RFC 2225), odd protocol types and
// lengths, and RARP.

package printer

// arpMsg builds an Ethernet frame of type et carrying an ARP message.
func arpMsg(et uint16, hrd, pro uint16, op uint16, sha, spa, tha, tpa []byte) []byte {
	b := cat(u16b(hrd), u16b(pro), []byte{byte(len(sha)), byte(len(spa))}, u16b(op), sha, spa, tha, tpa)
	return pad(cat(bcast, macA, u16b(et), b))
}

// atmarpMsg builds an ATM ARP message: the type/length bytes are given
// as they go on the wire (length in the low 6 bits, 0x40 for E.164).
func atmarpMsg(pro, op uint16, shtl, sstl, thtl, tstl byte, sha, ssa, spa, tha, tsa, tpa []byte) []byte {
	b := cat(u16b(19), u16b(pro), []byte{shtl, sstl}, u16b(op), []byte{byte(len(spa)), thtl, tstl, byte(len(tpa))},
		sha, ssa, spa, tha, tsa, tpa)
	return pad(cat(bcast, macA, u16b(0x0806), b))
}

func arpCorpus() []frame {
	var fs []frame
	add := func(name string, b []byte) { fs = append(fs, full(name, b)) }
	zero6 := make([]byte, 6)
	a4, b4 := ip4A, ip4B
	for op := uint16(0); op <= 11; op++ {
		add("arp-op", arpMsg(0x0806, 1, 0x0800, op, macA, a4, macB, b4))
	}
	add("arp-req-zero", arpMsg(0x0806, 1, 0x0800, 1, macA, a4, zero6, b4))
	add("arp-trailer", arpMsg(0x0806, 1, 0x1000, 2, macA, a4, macB, b4))
	add("arp-ip6", arpMsg(0x0806, 1, 0x86dd, 1, macA, ip6A.To16(), zero6, ip6B.To16()))
	add("arp-proto-unknown", arpMsg(0x0806, 1, 0x1234, 1, macA, a4, zero6, b4))
	add("arp-pln3", arpMsg(0x0806, 1, 0x0800, 2, macA, a4[:3], macB, b4[:3]))
	add("arp-hln0", arpMsg(0x0806, 1, 0x0800, 1, nil, a4, nil, b4))
	add("arp-hln8", arpMsg(0x0806, 6, 0x0800, 2, cat(macA, []byte{1, 2}), a4, cat(macB, []byte{3, 4}), b4))
	add("arp-hrd-unknown", arpMsg(0x0806, 99, 0x0800, 1, macA, a4, zero6, b4))
	for _, hrd := range []uint16{6, 7, 23, 24, 32} {
		add("arp-hrd", arpMsg(0x0806, hrd, 0x0800, 2, macA, a4, macB, b4))
	}
	// Frame Relay: 2-, 3- and 4-byte Q.922 addresses, an invalid one.
	for _, q := range [][]byte{{0x18, 0x41}, {0x18, 0x40, 0x21}, {0x18, 0x40, 0x20, 0x45}, {0x19, 0x41}, {0x18, 0x40, 0x20, 0x44}, {0x18}} {
		for _, op := range []uint16{1, 2, 3, 4, 8, 9} {
			add("arp-fr", arpMsg(0x0806, 15, 0x0800, op, q, a4, cat([]byte{0x20}, q[1:]), b4))
		}
	}
	// ATM ARP.
	atm1 := []byte{0x47, 0x00, 0x05, 0x80, 0xff, 0xe1, 0x00, 0x00, 0x00, 0xf2, 0x15, 0x03, 0x0d, 0x00, 0x20, 0x48, 0x0a, 0xa2, 0x86, 0x00}
	atm2 := []byte{0x47, 0x00, 0x05, 0x80, 0xff, 0xe1, 0x00, 0x00, 0x00, 0xf2, 0x15, 0x03, 0x0d, 0x00, 0x20, 0x48, 0x0a, 0xa2, 0x87, 0x00}
	sub := []byte{0x01, 0x02, 0x03, 0x04}
	for _, op := range []uint16{1, 2, 3, 8, 9, 10, 11} {
		add("atmarp", atmarpMsg(0x0800, op, 20, 0, 20, 0, atm1, nil, a4, atm2, nil, b4))
	}
	add("atmarp-req-noth", atmarpMsg(0x0800, 1, 20, 0, 0, 0, atm1, nil, a4, nil, nil, b4))
	add("atmarp-sub", atmarpMsg(0x0800, 2, 20, 4, 20, 4, atm1, sub, a4, atm2, sub, b4))
	add("atmarp-e164", atmarpMsg(0x0800, 1, 0x40|8, 0x40|4, 0x40|8, 0, atm1[:8], sub, a4, atm2[:8], nil, b4))
	add("atmarp-inv-empty", atmarpMsg(0x0800, 8, 0, 0, 0, 0, nil, nil, a4, nil, nil, b4))
	add("atmarp-splen", atmarpMsg(0x0800, 2, 20, 0, 20, 0, atm1, nil, a4[:2], atm2, nil, b4))
	add("atmarp-tplen", atmarpMsg(0x0800, 1, 20, 0, 20, 0, atm1, nil, a4, atm2, nil, b4[:3]))
	add("atmarp-proto", atmarpMsg(0x86dd, 1, 20, 0, 20, 0, atm1, nil, ip6A.To16(), atm2, nil, ip6B.To16()))
	add("atmarp-trailer", atmarpMsg(0x1000, 9, 20, 0, 20, 0, atm1, nil, a4, atm2, nil, b4))
	// RARP.
	for _, op := range []uint16{3, 4, 1, 2} {
		add("rarp", arpMsg(0x8035, 1, 0x0800, op, macA, a4, macB, b4))
	}
	// Truncated: in the fixed header, the addresses, a long ATM header.
	base := len(fs)
	for _, f := range fs[:base] {
		if len(f.data) > 20 {
			for _, n := range []int{17, 21, 22, 25, 28, 33, 38, 41} {
				if n < len(f.data) {
					fs = append(fs, cut(f, n))
				}
			}
		}
	}
	return fs
}
