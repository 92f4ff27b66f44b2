// IS-IS frames for the comparison with tcpdump (print-isoclns.c): LAN and
// point-to-point hellos, LSPs with correct and wrong checksums, CSNPs and
// PSNPs, every TLV isis_print decodes with its sub-TLVs, bad header
// fields and lengths, other NLPIDs, and captures cut short.

package printer

import (
	"encoding/binary"
	"math"
)

var isisAllL1 = []byte{0x01, 0x80, 0xc2, 0x00, 0x00, 0x14}

func isisTLV(t byte, v []byte) []byte { return cat([]byte{t, byte(len(v))}, v) }

// isisPDU builds an IS-IS PDU of type typ with the fixed header hdr (the
// PDU length field, at pduLenOff in hdr when >= 0, is filled in).
func isisPDU(typ byte, hdr []byte, pduLenOff int, tlvs ...[]byte) []byte {
	b := cat([]byte{0x83, byte(8 + len(hdr)), 1, 0, typ, 1, 0, 0}, hdr, cat(tlvs...))
	if pduLenOff >= 0 {
		binary.BigEndian.PutUint16(b[8+pduLenOff:], uint16(len(b)))
	}
	return b
}

func isisFrame(pdu []byte) []byte {
	return eth8023(isisAllL1, macA, cat([]byte{0xfe, 0xfe, 0x03}, pdu))
}

var (
	sysA = []byte{0x19, 0x21, 0x68, 0x00, 0x10, 0x01}
	sysB = []byte{0x19, 0x21, 0x68, 0x00, 0x10, 0x02}
)

func lanIIH(typ byte, tlvs ...[]byte) []byte {
	hdr := cat([]byte{3}, sysA, u16b(30), u16b(0), []byte{0x40 | 64}, sysB, []byte{1})
	return isisPDU(typ, hdr, 9, tlvs...)
}

func p2pIIH(tlvs ...[]byte) []byte {
	return isisPDU(17, cat([]byte{2}, sysA, u16b(9), u16b(0), []byte{7}), 9, tlvs...)
}

// lsp builds an LSP with a correct checksum (or the checksum sum when
// sum != 0).
func lsp(typ byte, tb byte, sum uint16, tlvs ...[]byte) []byte {
	hdr := cat(u16b(0), u16b(1199), sysA, []byte{0, 1}, u32b(0x2a), u16b(0), []byte{tb})
	b := isisPDU(typ, hdr, 0, tlvs...)
	if sum == 0 {
		sum = osiCksum(b[12:], 12)
	}
	binary.BigEndian.PutUint16(b[24:], sum)
	return b
}

func lspEntry(lt uint16, id []byte, seq uint32, sum uint16) []byte {
	return cat(u16b(lt), id, u32b(seq), u16b(sum))
}

func bwBytes(f float32) []byte { return u32b(math.Float32bits(f)) }

func isisCorpus() []frame {
	var fs []frame
	add := func(name string, pdu []byte) { fs = append(fs, full(name, isisFrame(pdu))) }
	area := isisTLV(1, []byte{3, 0x49, 0x00, 0x01, 5, 0x49, 0x00, 0x02, 0x00, 0x03})
	protos := isisTLV(129, []byte{0xcc, 0x8e, 0x81, 0x42})
	ipaddr := isisTLV(132, cat(ip4A, ip4B))
	ip6addr := isisTLV(232, ip6b16("2001:db8::1"))
	hostname := isisTLV(137, []byte("router-1"))
	restart := isisTLV(211, cat([]byte{0x03}, u16b(30), sysB))
	mt := isisTLV(229, cat(u16b(0x0000), u16b(0x8002), u16b(0x4fff), u16b(0x0123)))
	auth := isisTLV(10, cat([]byte{1}, []byte("secret")))
	add("isis-l1-lan-iih", lanIIH(15, area, protos, ipaddr, ip6addr, isisTLV(6, cat(macA, macB)), isisTLV(8, make([]byte, 20)), restart, mt, auth, isisTLV(241, u32b(77))))
	add("isis-l2-lan-iih", lanIIH(16, area, isisTLV(6, macA[:5]), isisTLV(211, []byte{0}), isisTLV(211, []byte{4, 0}), isisTLV(229, []byte{0}), isisTLV(241, []byte{1})))
	add("isis-p2p-iih", p2pIIH(area, protos, isisTLV(240, cat([]byte{0}, u32b(5), sysB, u32b(6))), isisTLV(240, []byte{1}), isisTLV(240, cat([]byte{2}, u32b(5))),
		isisTLV(240, cat([]byte{9}, u32b(5), sysB)), isisTLV(7, cat(u16b(1), u16b(2), u16b(3))), isisTLV(7, []byte{0, 1})))
	// LSPs.
	isReach := isisTLV(2, cat([]byte{0}, []byte{10, 0x80, 0xc0, 0x2a}, sysB, []byte{0}, []byte{0x4a, 0x05, 0x06, 0x07}, sysA, []byte{3}))
	esReach := isisTLV(3, cat([]byte{0x0a, 0x80, 0x80, 0x80}, sysB))
	ipReach := isisTLV(128, cat([]byte{10, 0x80, 0x80, 0x80}, []byte{10, 1, 0, 0}, []byte{255, 255, 0, 0},
		[]byte{0xc1, 0x41, 0x02, 0x03}, []byte{10, 2, 3, 4}, []byte{255, 0, 255, 0}, []byte{0, 0x80, 0x80, 0x80}, []byte{0, 0, 0, 0}, []byte{0, 0, 0, 0}))
	ipExt := isisTLV(130, cat([]byte{0x4a, 0x80, 0x80, 0x80}, []byte{198, 18, 0, 0}, []byte{255, 254, 0, 0}))
	subIS := cat([]byte{3, 4}, u32b(0xff), []byte{4, 8}, u32b(1), u32b(2), []byte{5, 4}, u32b(3), []byte{6, 4}, ip4A, []byte{8, 4}, ip4B,
		[]byte{9, 4}, bwBytes(1.25e9), []byte{10, 4}, bwBytes(123456.7), []byte{11, 32}, cat(bwBytes(1e6), bwBytes(2e6), bwBytes(3e6), bwBytes(4e6), bwBytes(5e6), bwBytes(6e6), bwBytes(7e6), bwBytes(0.001)),
		[]byte{18, 3, 0, 0, 10}, []byte{19, 2, 0, 5}, []byte{20, 2, 0x0c, 3}, []byte{22, 9, 1}, bwBytes(1e8), bwBytes(5e7),
		[]byte{29, 6, 0, 0, 9, 1, 0, 2}, []byte{32, 12, 0x30, 7}, sysB, []byte{0, 0, 16}, []byte{32, 12, 0x00, 7}, sysB, []byte{0, 0, 0, 9},
		[]byte{32, 8, 0x20, 1}, sysB, []byte{250, 2, 1, 2}, []byte{99, 1, 7})
	extIS := isisTLV(22, cat(sysB, []byte{1}, []byte{0, 0, 10}, []byte{byte(len(subIS))}, subIS, sysA, []byte{2}, []byte{0, 0, 20}, []byte{0}))
	isc := cat([]byte{21, 36, 1, 2, 0, 0}, bwBytes(1e9), bwBytes(1e9), bwBytes(1e9), bwBytes(1e9), bwBytes(1e9), bwBytes(1e9), bwBytes(1e9), bwBytes(1e9))
	extIS2 := isisTLV(22, cat(sysB, []byte{3}, []byte{0, 1, 0}, []byte{byte(len(isc) + 6)}, isc, bwBytes(1e3), u16b(1500)))
	tsc := cat([]byte{21, 44, 100, 2, 0, 0}, make([]byte, 32), bwBytes(2e3), []byte{1, 0, 0, 0})
	extIS3 := isisTLV(222, cat(u16b(0x8002), sysB, []byte{4}, []byte{0, 0, 5}, []byte{byte(len(tsc))}, tsc))
	alias := isisTLV(24, cat(sysB, []byte{5}, []byte{0}))
	extIP := isisTLV(135, cat(u32b(10), []byte{24}, []byte{10, 9, 8}, u32b(20), []byte{0x80 | 0x40 | 32}, ip4B,
		[]byte{22}, []byte{1, 4}, u32b(7), []byte{2, 8}, u32b(1), u32b(2), []byte{117, 4}, u32b(9), u32b(0xffffffff), []byte{0}))
	sid := cat([]byte{3, 8}, []byte{0x40, 0}, u32b(100), []byte{3, 7}, []byte{0x48, 1}, []byte{0, 0, 200, 0}, []byte{9, 2, 1, 2})
	extIP6 := isisTLV(236, cat(u32b(30), []byte{0x20, 64}, ip6b16("2001:db8:1::")[:8], []byte{byte(len(sid))}, sid, u32b(40), []byte{0xc0, 128}, ip6b16("2001:db8::2")))
	mtIP := isisTLV(235, cat(u16b(0x0002), u32b(50), []byte{8}, []byte{10}))
	mtIP6 := isisTLV(237, cat(u16b(0x0002), u32b(60), []byte{0, 0}, u32b(61), []byte{0x40, 48}, ip6b16("2001:db8:7::")[:6]))
	srlg := isisTLV(138, cat(sysB, []byte{1}, []byte{1}, ip4A, ip4B, u32b(1), u32b(2)))
	lspTLVs := [][]byte{area, protos, hostname, isReach, esReach, ipReach, ipExt, extIS, extIS2, extIS3, alias, extIP, extIP6, mtIP, mtIP6,
		isisTLV(134, ip4A), srlg, isisTLV(138, sysB[:5]), isisTLV(138, cat(sysB, []byte{0})), isisTLV(138, cat(sysB, []byte{0}, ip4A)),
		isisTLV(14, u16b(1492)), isisTLV(131, []byte{2, 0xfd, 0xe9}), isisTLV(131, []byte{1, 1, 2, 3}), isisTLV(131, []byte{7}),
		isisTLV(250, []byte{0, 0, 0x0c, 1, 2, 3}), isisTLV(250, []byte{0x12, 0x34, 0x56}), isisTLV(242, cat(ip4A, []byte{3}, []byte{2, 9, 0xc0, 0, 0, 100, 1, 3, 0, 0, 16})),
		isisTLV(242, cat(ip4B, []byte{0}, []byte{2, 10, 0x80, 0, 1, 0, 1, 4, 0, 0, 0, 9}, []byte{9, 1, 0})), isisTLV(242, []byte{1, 2, 3}),
		isisTLV(13, cat([]byte{2}, sysA, sysB)), isisTLV(13, []byte{0}), isisTLV(13, cat([]byte{1}, sysA)),
		isisTLV(4, cat(sysA, sysB)), isisTLV(5, cat([]byte{10, 0x80, 0x80, 0x80}, []byte{6, 0x49, 0x00, 0x01}, []byte{1})),
		isisTLV(42, []byte{1, 2}), isisTLV(66, []byte{3}), isisTLV(133, []byte{4}), isisTLV(176, nil), isisTLV(200, []byte{5, 6})}
	add("isis-l1-lsp", lsp(18, 0x03, 0, lspTLVs...))
	add("isis-l2-lsp", lsp(20, 0x7f, 0, isisTLV(12, u16b(0)), hostname))
	add("isis-lsp-flags", lsp(20, 0xc8, 0, hostname))
	add("isis-lsp-flags2", lsp(18, 0x34, 0, hostname))
	add("isis-lsp-badsum", lsp(18, 0x01, 0x1234, hostname))
	add("isis-lsp-md5", lsp(18, 0x01, 0, isisTLV(10, cat([]byte{54}, make([]byte, 16))), isisTLV(10, cat([]byte{54}, []byte{1, 2, 3})),
		isisTLV(10, cat([]byte{3}, u16b(7), []byte{0xaa, 0xbb})), isisTLV(10, []byte{3, 1}), isisTLV(10, []byte{255, 1, 2}), isisTLV(10, []byte{9})))
	add("isis-lsp-cksumtlv", lsp(18, 0x01, 0, isisTLV(12, u16b(0x1234)), isisTLV(12, []byte{1})))
	// MT port capability and MT capability (SPB).
	mcid := cat([]byte{0}, make([]byte, 32), u16b(3), make([]byte, 16))
	copy(mcid[1:], "spb-region")
	portCap := isisTLV(143, cat(u16b(0x1001), []byte{4, 102}, mcid, mcid, []byte{5, 33, 0xb5}, make([]byte, 32), []byte{6, 6}, u32b(0x0080c201), u16b(0x0648), []byte{9, 1, 0}))
	mtCap := isisTLV(144, cat(u16b(0x9002), []byte{1, 27}, []byte{0x80, 0, 2, 0x77, 0, 0, 0, 1}, u32b(100), u16b(0x8000), u32b(0x00012345), []byte{1},
		[]byte{0xe1}, u32b(0x0080c201), []byte{0x06, 0x41, 0x23}, []byte{3, 12}, macA, u16b(0x1064), u32b(0xc0000123)))
	add("isis-spb", lsp(20, 0x03, 0, portCap, mtCap, isisTLV(143, cat(u16b(1), []byte{4, 2, 0, 0})), isisTLV(143, cat(u16b(1), []byte{5, 40, 0})),
		isisTLV(143, cat(u16b(1), []byte{6, 3, 0, 0, 0})), isisTLV(143, cat(u16b(1), []byte{6, 4, 0, 0, 0, 1})), isisTLV(144, cat(u16b(1), []byte{1, 3, 0, 0, 0})),
		isisTLV(144, cat(u16b(1), []byte{1, 19}, make([]byte, 18), []byte{2})), isisTLV(144, cat(u16b(1), []byte{3, 2, 0, 0})), isisTLV(143, []byte{1}), isisTLV(144, []byte{1})))
	// SNPs.
	entries := isisTLV(9, cat(lspEntry(1000, cat(sysA, []byte{0, 0}), 5, 0xabcd), lspEntry(1, cat(sysB, []byte{1, 2}), 6, 0x1111), []byte{1, 2}))
	add("isis-l1-csnp", isisPDU(24, cat(u16b(0), sysA, []byte{0}, make([]byte, 8), []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}), 0, entries))
	add("isis-l2-csnp", isisPDU(25, cat(u16b(0), sysB, []byte{1}, make([]byte, 16)), 0, isisTLV(9, lspEntry(9, cat(sysA, []byte{0, 1}), 7, 2))))
	add("isis-l1-psnp", isisPDU(26, cat(u16b(0), sysA, []byte{0}), 0, entries, auth))
	add("isis-l2-psnp", isisPDU(27, cat(u16b(0), sysB, []byte{0}), 0, isisTLV(9, nil)))
	// TLVs that do not fit.
	add("isis-tlv-bad", lsp(18, 1, 0, isisTLV(1, []byte{9, 1}), isisTLV(2, nil), isisTLV(2, []byte{0, 1, 2}), isisTLV(3, []byte{1}),
		isisTLV(128, []byte{1, 2, 3}), isisTLV(135, cat(u32b(1), []byte{33})), isisTLV(236, cat(u32b(1), []byte{0, 129})),
		isisTLV(135, cat(u32b(1), []byte{32}, ip4A, u32b(2), []byte{8})), isisTLV(22, sysB[:3]), isisTLV(22, cat(sysB, []byte{0})),
		isisTLV(22, cat(sysB, []byte{0}, []byte{0, 0, 1}, []byte{5}, []byte{3})), isisTLV(22, cat(sysB, []byte{0}, []byte{0, 0, 1}, []byte{1}, []byte{3})),
		isisTLV(22, cat(sysB, []byte{0}, []byte{0, 0, 1}, []byte{4}, []byte{3, 6, 0, 0})), isisTLV(22, cat(sysB, []byte{0}, []byte{0, 0, 1}, []byte{3}, []byte{3, 1, 0})),
		isisTLV(22, cat(sysB, []byte{0}, []byte{0, 0, 1}, []byte{2}, []byte{3, 9})), isisTLV(222, []byte{0}), isisTLV(235, []byte{0}),
		isisTLV(232, []byte{1}), isisTLV(10, nil), isisTLV(132, []byte{1, 2}), isisTLV(134, []byte{1}), isisTLV(9, []byte{1}), isisTLV(12, nil),
		isisTLV(14, nil), isisTLV(241, nil), isisTLV(250, nil), isisTLV(5, nil), isisTLV(5, []byte{0, 0x80, 0x80, 0x80, 1}), isisTLV(5, []byte{0, 0x80, 0x80, 0x80, 8, 1}),
		isisTLV(4, []byte{1}), isisTLV(7, []byte{1}), isisTLV(13, []byte{2, 1, 2, 3, 4, 5, 6}), isisTLV(13, []byte{1, 1}), isisTLV(131, nil), isisTLV(131, []byte{2, 1})))
	add("isis-tlv-over", lsp(18, 1, 0, hostname, []byte{137, 200, 'x'}))
	add("isis-straggler", lsp(18, 1, 0, hostname, []byte{8}))
	// Bad headers.
	bad := func(name string, i int, v byte) {
		b := lanIIH(15, area)
		b[i] = v
		add(name, b)
	}
	bad("isis-badver", 2, 2)
	bad("isis-badidlen", 3, 4)
	bad("isis-idlen0", 3, 0)
	bad("isis-badpduver", 5, 9)
	bad("isis-maxarea255", 7, 255)
	bad("isis-maxarea", 7, 5)
	bad("isis-fixedlen", 1, 26)
	bad("isis-fixedlen-big", 1, 200)
	bad("isis-fixedlen-small", 1, 4)
	bad("isis-unknown-type", 4, 19)
	bad("isis-type-hi", 4, 0xef)
	p2 := p2pIIH(area)
	p2[1] = 27
	add("isis-p2p-fixed", p2)
	l2 := lsp(18, 1, 0)
	l2[1] = 20
	add("isis-lsp-fixed", l2)
	c2 := isisPDU(24, make([]byte, 25), 0)
	c2[1] = 17
	add("isis-csnp-fixed", c2)
	s2 := isisPDU(26, make([]byte, 9), 0)
	s2[1] = 27
	add("isis-psnp-fixed", s2)
	short := lanIIH(15, area)
	binary.BigEndian.PutUint16(short[8+9:], 20)
	add("isis-pdulen-short", short)
	long := lanIIH(15, area)
	binary.BigEndian.PutUint16(long[8+9:], 1000)
	add("isis-pdulen-long", long)
	// Other NLPIDs over OSI LLC.
	u := udp4To(ip4B, 5000, 6000, []byte("over osi"))
	ip := cat([]byte{0x45, 0, 0, byte(20 + len(u)), 0, 1, 0x40, 0, 64, 17, 0, 0}, ip4A, ip4B)
	c := cksum(0, ip)
	ip[10], ip[11] = byte(c>>8), byte(c)
	add("osi-ip", cat([]byte{0xcc}, ip, u))
	add("osi-null", []byte{0x00, 1, 2, 3})
	add("osi-unknown", []byte{0x77, 1, 2, 3})
	add("osi-unknown1", []byte{0x77})
	add("osi-ppp", cat([]byte{0xcf}, u16b(0xc021), cpMsg(9, 1, u32b(1))))
	add("osi-clnp", []byte{0x81, 1, 2, 3})
	fs = append(fs, full("osi-empty", eth8023(isisAllL1, macA, []byte{0xfe, 0xfe, 0x03})))
	// Over MPLS, as Cisco sends it.
	fs = append(fs, full("mpls-isis", pad(cat(isisAllL1, macA, u16b(0x8847), mplsEntry(30, 0, true, 1), lanIIH(15, area)))))
	// Cut short.
	base := full("isis-cut", isisFrame(lsp(18, 3, 0, area, hostname, isReach, extIS, extIP, extIP6)))
	for n := 17; n < len(base.data); n += 3 {
		fs = append(fs, cut(base, n))
	}
	ibase := full("isis-iih-cut", isisFrame(lanIIH(15, area, ipaddr)))
	for _, n := range []int{18, 20, 25, 26, 30, 36, 40, 44, 46, 50} {
		fs = append(fs, cut(ibase, n))
	}
	return fs
}

// clnpPDU builds a CLNP header of type typ (flags in the top bits) with
// addresses, an optional segment part and options, then data.
func clnpPDU(typ byte, seg []byte, opts []byte, data []byte) []byte {
	dst := []byte{0x49, 0x00, 0x01, 0x19, 0x21, 0x68, 0x00, 0x10, 0x02, 0x00}
	src := []byte{0x49, 0x00, 0x01, 0x19, 0x21, 0x68, 0x00, 0x10, 0x01, 0x00}
	h := cat([]byte{0x81, 0, 1, 41, typ}, u16b(0), u16b(0), []byte{byte(len(dst))}, dst, []byte{byte(len(src))}, src, seg, opts)
	h[1] = byte(len(h))
	b := cat(h, data)
	binary.BigEndian.PutUint16(b[5:], uint16(len(b)))
	binary.BigEndian.PutUint16(b[7:], osiCksum(h, 7))
	return b
}

func esisPDU(typ byte, body []byte, opts []byte) []byte {
	h := cat([]byte{0x82, 0, 1, 0, typ}, u16b(30), u16b(0), body, opts)
	h[1] = byte(len(h))
	binary.BigEndian.PutUint16(h[7:], osiCksum(h, 7))
	return h
}

func clnpCorpus() []frame {
	var fs []frame
	add := func(name string, pdu []byte) { fs = append(fs, full(name, isisFrame(pdu))) }
	opts := cat([]byte{205, 1, 0x0e}, []byte{195, 1, 0xc5}, []byte{195, 1, 0x40}, []byte{197, 2, 0x80, 7}, []byte{193, 1, 0x81},
		[]byte{193, 1, 0xb3}, []byte{193, 1, 0x57}, []byte{204, 2, 0, 0}, []byte{200, 7, 1, 3, 3, 0x49, 0, 1, 0}, []byte{203, 3, 0, 2, 0},
		[]byte{203, 2, 0, 9}, []byte{200, 4, 0, 1, 5, 1}, []byte{99, 2, 1, 2})
	add("clnp-dt", clnpPDU(0x9c, u16b(0)[:0], nil, []byte("clnp data")))
	add("clnp-dt-seg", clnpPDU(0xdc, cat(u16b(0x1234), u16b(8), u16b(200)), opts, []byte("segment")))
	add("clnp-erq", clnpPDU(0x1e, nil, opts[:6], []byte("echo")))
	add("clnp-er", clnpPDU(0x01, nil, []byte{193, 1, 0x02}, clnpPDU(0x1c, nil, nil, []byte("orig"))))
	add("clnp-erp", clnpPDU(0x1f, nil, nil, []byte("reply")))
	add("clnp-md", clnpPDU(0x1d, nil, nil, nil))
	add("clnp-unknown", clnpPDU(0x05, nil, nil, []byte{1}))
	b := clnpPDU(0x1c, nil, nil, []byte("x"))
	b[2] = 2
	add("clnp-badver", b)
	b = clnpPDU(0x1c, nil, nil, []byte("x"))
	b[1] = 200
	add("clnp-libig", b)
	b = clnpPDU(0x1c, nil, nil, []byte("x"))
	b[1] = 5
	add("clnp-lismall", b)
	b = clnpPDU(0x1c, nil, nil, []byte("x"))
	b[1] = 10
	add("clnp-noaddr", b)
	add("clnp-badopt", clnpPDU(0x1c, nil, []byte{205, 9, 1}, nil))
	add("clnp-oddopt", clnpPDU(0x1c, nil, []byte{205}, nil))
	add("clnp-optlen", clnpPDU(0x1c, nil, cat([]byte{205, 0}, []byte{195, 0}, []byte{197, 1, 0}, []byte{193, 0}, []byte{200, 1, 0}), nil))
	add("clnp-segshort", clnpPDU(0x9c, []byte{1, 2}, nil, nil))
	// ES-IS.
	add("esis-esh", esisPDU(2, cat([]byte{2}, []byte{3, 0x49, 0, 1}, []byte{2, 0x39, 0x01}), cat([]byte{198, 2, 0, 50}, []byte{129, 2, 0xcc, 0x81})))
	add("esis-ish", esisPDU(4, []byte{4, 0x49, 0, 1, 2}, cat([]byte{198, 1, 5}, []byte{205, 1, 1}, []byte{99, 0})))
	add("esis-redirect", esisPDU(6, cat([]byte{3, 0x49, 0, 1}, []byte{6}, macB, []byte{2, 0x49, 9}), nil))
	add("esis-redirect2", esisPDU(6, cat([]byte{3, 0x49, 0, 1}, []byte{3, 1, 2, 3}, []byte{0}), nil))
	add("esis-unknown", esisPDU(9, []byte{1, 2, 3}, nil))
	add("esis-bad", esisPDU(2, []byte{3, 1}, nil))
	add("esis-badopt", esisPDU(4, []byte{1, 0x49}, []byte{129, 9}))
	e := esisPDU(4, []byte{1, 0x49}, nil)
	e[2] = 3
	add("esis-badver", e)
	e = esisPDU(4, []byte{1, 0x49}, nil)
	e[1] = 9
	add("esis-lismall", e)
	e = esisPDU(4, []byte{1, 0x49}, nil)
	e[1] = 99
	add("esis-libig", e)
	add("esis-short", []byte{0x82, 1})
	cbase := full("clnp-cut", isisFrame(clnpPDU(0xdc, cat(u16b(1), u16b(2), u16b(3)), opts, []byte("data"))))
	for n := 17; n < len(cbase.data); n += 4 {
		fs = append(fs, cut(cbase, n))
	}
	ebase := full("esis-cut", isisFrame(esisPDU(2, cat([]byte{2}, []byte{3, 0x49, 0, 1}, []byte{2, 0x39, 0x01}), []byte{198, 2, 0, 50})))
	for n := 17; n < len(ebase.data); n += 2 {
		fs = append(fs, cut(ebase, n))
	}
	return fs
}
