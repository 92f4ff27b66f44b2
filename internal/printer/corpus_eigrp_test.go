// EIGRP packets for the comparison with tcpdump (print-eigrp.c): every
// opcode, the TLVs it decodes (parameters, software version, IPv4 and
// AppleTalk internal and external routes with every prefix length) and
// the ones it dumps, short TLVs, bad lengths and versions, cut short.

package printer

func eigrpCorpus() []frame {
	var fs []frame
	add := func(name string, msg []byte) { fs = append(fs, full(name, raw4(88, nil, withSum(msg, 2)))) }
	hdr := func(ver, op byte, flags uint32, tlvs ...[]byte) []byte {
		return cat([]byte{ver, op, 0, 0}, u32b(flags), u32b(0x11), u32b(0x22), u16b(0), u16b(100), cat(tlvs...))
	}
	tlv := func(typ uint16, v []byte) []byte { return cat(u16b(typ), u16b(uint16(4+len(v))), v) }
	params := tlv(1, []byte{1, 0, 1, 0, 0, 0, 0, 15})
	sw := tlv(4, []byte{12, 4, 1, 2})
	metric := cat(u32b(2560000), u32b(10000), []byte{0, 5, 0xdc}, []byte{1, 255, 1}, []byte{0, 0})
	ipint := func(plen byte, dest []byte, nh []byte) []byte {
		return tlv(0x0102, cat(nh, metric, []byte{plen}, dest))
	}
	ipext := func(plen byte, dest []byte, proto byte) []byte {
		return tlv(0x0103, cat([]byte{198, 18, 0, 1}, []byte{198, 18, 9, 9}, u32b(65001), u32b(0xdead), u32b(20), []byte{0, 0, proto, 0x40}, metric, []byte{plen}, dest))
	}
	for _, op := range []byte{1, 2, 3, 4, 5, 6, 7, 9} {
		add("eigrp", hdr(2, op, 0, params, sw))
	}
	for _, fl := range []uint32{1, 2, 4, 8, 0xf, 0x10} {
		add("eigrp-flags", hdr(2, 1, fl, ipint(24, []byte{198, 18, 5}, []byte{0, 0, 0, 0})))
	}
	for _, pl := range []byte{0, 1, 8, 9, 16, 25, 32, 33} {
		add("eigrp-ipint", hdr(2, 1, 0, ipint(pl, []byte{198, 18, 77, 128}, []byte{198, 18, 0, 2})))
	}
	for _, proto := range []byte{1, 2, 3, 6, 9, 11, 12} {
		add("eigrp-ipext", hdr(2, 3, 0, ipext(16, []byte{198, 19}, proto)))
	}
	at := cat(metric, u16b(100), u16b(200))
	add("eigrp-atint", hdr(2, 1, 0, tlv(0x0202, cat([]byte{0, 10, 0, 20}, at)), tlv(0x0202, cat(make([]byte, 4), at))))
	add("eigrp-atext", hdr(2, 1, 0, tlv(0x0203, cat([]byte{0, 10, 0, 20}, u32b(7), u32b(8), u32b(9), []byte{4, 1}, u16b(3), at))))
	add("eigrp-atcable", hdr(2, 1, 0, tlv(0x0204, cat(u16b(1), u16b(9), u32b(0x01020304)))))
	add("eigrp-others", hdr(2, 5, 0, tlv(2, []byte{0, 2, 0, 16, 1, 2, 3, 4}), tlv(3, []byte{4, 198, 18, 0, 1}), tlv(5, u32b(9)), tlv(0x0302, []byte{1, 2, 3}), tlv(0x0303, nil), tlv(0x9999, []byte{7})))
	add("eigrp-short-params", hdr(2, 5, 0, tlv(1, []byte{1, 0, 1})))
	add("eigrp-short-sw", hdr(2, 5, 0, tlv(4, []byte{12})))
	add("eigrp-short-ipint", hdr(2, 1, 0, tlv(0x0102, metric)))
	add("eigrp-short-ipext", hdr(2, 1, 0, tlv(0x0103, metric)))
	add("eigrp-short-at", hdr(2, 1, 0, tlv(0x0202, metric), tlv(0x0203, metric), tlv(0x0204, []byte{1})))
	add("eigrp-tlvlen0", hdr(2, 5, 0, []byte{0, 1, 0, 0, 1, 2, 3, 4}))
	add("eigrp-tlvlong", hdr(2, 5, 0, []byte{0, 1, 0, 99, 1, 2, 3, 4}))
	add("eigrp-prefix-cut", hdr(2, 1, 0, tlv(0x0102, cat(make([]byte, 4), metric, []byte{32, 198}))))
	add("eigrp-v1", hdr(1, 5, 0, params))
	add("eigrp-hdr-only", hdr(2, 5, 0))
	add("eigrp-tiny", []byte{2, 5, 0, 0, 0, 0, 0, 0})
	n := len(fs)
	for _, f := range fs[:n] {
		for k := 35; k < len(f.data) && k < 120; k += 4 {
			fs = append(fs, cut(f, k))
		}
	}
	return fs
}
