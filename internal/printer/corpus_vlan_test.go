// 802.1Q and QinQ frames for the comparison with tcpdump with -e
// (ether_common_print's VLAN loop): every tag type, priority and DEI,
// VLAN IDs 0 and 4095, stacked tags carrying the layer-2 protocols and
// unknown Ethertypes, and tags cut short.

package printer

func vlanCorpus() []frame {
	var fs []frame
	add := func(name string, b []byte) { fs = append(fs, full(name, pad(b))) }
	payload := []byte("vlan payload")
	for _, tpid := range []uint16{0x8100, 0x88a8, 0x9100, 0x9200} {
		for _, tci := range []uint16{0x0000, 0x0fff, 0xf001, 0x1064, 0xe00a} {
			add("vlan-tag", cat(macB, macA, u16b(tpid), u16b(tci), u16b(0x88b5), payload))
		}
	}
	add("vlan-stack3", cat(macB, macA, u16b(0x88a8), u16b(0x0010), u16b(0x8100), u16b(0x2020), u16b(0x9100), u16b(0x3030), u16b(0x88cc), lldpBase(), lldpTLV(0, nil)))
	add("vlan-slow", cat(slowMulticast, macA, u16b(0x8100), u16b(0x0005), u16b(0x8809), lacpPDU()))
	add("vlan-mpls", cat(macB, macA, u16b(0x8100), u16b(0x0006), u16b(0x8847), mplsEntry(5, 0, true, 9), []byte{0x99, 1, 2}))
	add("vlan-pppoe", cat(macB, macA, u16b(0x8100), u16b(0x0007), u16b(0x8863), []byte{0x11, 0x09}, u16b(0), u16b(4), pppoeTag(0x0101, nil)))
	add("vlan-jumbo", cat(macB, macA, u16b(0x8100), u16b(0x0008), u16b(0x8870), []byte{0x04, 0x04, 0x03}, payload))
	add("vlan-macsec", cat(macB, macA, u16b(0x8100), u16b(0x0009), u16b(0x88e5), macsecTag(0x2c, 0, 1, cat(macA, u16b(1))), payload))
	add("vlan-len0", cat(macB, macA, u16b(0x8100), u16b(0x000a), u16b(0)))
	base := full("vlan-cut", cat(macB, macA, u16b(0x88a8), u16b(0x0010), u16b(0x8100), u16b(0x2020), u16b(0x88b5), payload))
	for _, n := range []int{14, 15, 16, 17, 18, 19, 20, 21, 22, 23} {
		fs = append(fs, cut(base, n))
	}
	return fs
}
