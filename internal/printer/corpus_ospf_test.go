// OSPFv2 packets for the comparison with tcpdump (print-ospf.c): every
// packet type, every LSA type with its fields (router links of each kind
// with TOS metrics, external metrics, opaque Router Information, Graceful
// Restart and Traffic Engineering TLVs), simple and MD5 authentication,
// link-local signaling, odd lengths, cut short.

package printer

import "math"

// ospfPkt builds an OSPFv2 packet of type typ; auth 2 appends a 16-byte
// MD5 trailer (not counted in the OSPF length), lls a block after it.
func ospfPkt(ver, typ byte, auth uint16, authdata []byte, body, lls []byte) []byte {
	ad := make([]byte, 8)
	copy(ad, authdata)
	h := cat([]byte{ver, typ}, u16b(uint16(24+len(body))), []byte{198, 18, 0, 1}, []byte{0, 0, 0, 1}, u16b(0), u16b(auth), ad, body)
	if auth == 2 {
		h = append(h, make([]byte, 16)...)
	}
	return cat(h, lls)
}

func lsaHdr(age uint16, opts, typ byte, id []byte, adv []byte, seq uint32, body []byte) []byte {
	return cat(u16b(age), []byte{opts, typ}, id, adv, u32b(seq), u16b(0xabcd), u16b(uint16(20+len(body))), body)
}

func f32(v float32) []byte { return u32b(math.Float32bits(v)) }

func ospfCorpus() []frame {
	var fs []frame
	add := func(name string, pkt []byte) { fs = append(fs, full(name, raw4(89, nil, pkt))) }
	r1, r2, r3 := []byte{198, 18, 0, 1}, []byte{198, 18, 0, 2}, []byte{198, 18, 0, 3}
	mask := []byte{255, 255, 255, 0}
	hello := func(opts byte, dr, bdr []byte, nbrs ...[]byte) []byte {
		return cat(mask, u16b(10), []byte{opts, 1}, u32b(40), dr, bdr, cat(nbrs...))
	}
	zero := []byte{0, 0, 0, 0}
	for _, o := range []byte{0x02, 0x12, 0xff, 0x00} {
		add("ospf-hello", ospfPkt(2, 1, 0, nil, hello(o, r1, r2, r2, r3), nil))
	}
	add("ospf-hello-nodr", ospfPkt(2, 1, 0, nil, hello(0x02, zero, zero), nil))
	add("ospf-hello-bdr", ospfPkt(2, 1, 0, nil, hello(0x02, zero, r2, r1), nil))
	add("ospf-hello-simple", ospfPkt(2, 1, 1, []byte("pass"), hello(0x02, r1, zero), nil))
	add("ospf-hello-simple8", ospfPkt(2, 1, 1, []byte("password"), hello(0x02, r1, zero), nil))
	add("ospf-hello-md5", ospfPkt(2, 1, 2, []byte{0, 0, 7, 16, 0, 0, 1, 0}, hello(0x02, r1, zero), nil))
	add("ospf-hello-auth9", ospfPkt(2, 1, 9, nil, hello(0x02, r1, zero), nil))
	lls := cat(u16b(0x1234), u16b(5), u16b(1), u16b(4), u32b(3), u16b(2), u16b(20), u32b(77), make([]byte, 16), u16b(9), u16b(0))
	add("ospf-hello-lls", ospfPkt(2, 1, 0, nil, hello(0x12, r1, zero), lls))
	add("ospf-hello-lls-md5", ospfPkt(2, 1, 2, []byte{0, 0, 7, 16, 0, 0, 1, 0}, hello(0x12, r1, zero), lls))
	add("ospf-hello-lls-badlen", ospfPkt(2, 1, 0, nil, hello(0x12, r1, zero), cat(u16b(1), u16b(2), u16b(1), u16b(2), u32b(3))))
	add("ospf-hello-nolls", ospfPkt(2, 1, 0, nil, hello(0x02, r1, zero), u32b(0x11111111)))
	// Database Description with LSA headers.
	hdrs := cat(lsaHdr(1, 0x22, 1, r1, r1, 0x80000001, make([]byte, 16))[:20],
		lsaHdr(2, 0x02, 10, []byte{4, 0, 0, 1}, r2, 0x80000002, nil), lsaHdr(3, 0x42, 9, []byte{1, 0, 0, 9}, r3, 5, nil))
	for _, fl := range []byte{0x07, 0x01, 0x00, 0x08} {
		add("ospf-dd", ospfPkt(2, 2, 0, nil, cat(u16b(1500), []byte{0x52, fl}, u32b(0x1000), hdrs), nil))
	}
	add("ospf-dd-nomtu", ospfPkt(2, 2, 0, nil, cat(u16b(0), []byte{0x02, 0}, u32b(1)), nil))
	add("ospf-dd-lls", ospfPkt(2, 2, 0, nil, cat(u16b(1500), []byte{0x12, 7}, u32b(1)), lls))
	add("ospf-dd-badhdr", ospfPkt(2, 2, 0, nil, cat(u16b(1500), []byte{0x02, 7}, u32b(1), lsaHdr(1, 0, 1, r1, r1, 1, nil)[:18], u16b(4)), nil))
	// LS Request.
	lsr := cat(u32b(1), r1, r1, u32b(10), []byte{1, 0, 0, 7}, r2, u32b(99), r3, r3)
	add("ospf-lsr", ospfPkt(2, 3, 0, nil, lsr, nil))
	// LS Update with every LSA type.
	link := func(id, data []byte, typ byte, metric uint16, tos ...[]byte) []byte {
		return cat(id, data, []byte{typ, byte(len(tos))}, u16b(metric), cat(tos...))
	}
	rla := cat([]byte{0x03, 0}, u16b(5), link(r2, r1, 1, 10, cat([]byte{1, 0}, u16b(20)), cat([]byte{2, 0}, u16b(30))),
		link(r3, r1, 2, 10), link([]byte{198, 18, 7, 0}, mask, 3, 1), link(r2, r1, 4, 5), link(r1, r1, 9, 5))
	rlaShort := cat([]byte{0x80, 0}, u16b(1))
	net := cat(mask, r1, r2, r3)
	sum := cat(mask, u32b(10), u32b(0x01000005))
	asbr := cat(zero, u32b(20))
	ext := cat(mask, u32b(0x80000014), r1, zero, u32b(0x00ffffff), zero, u32b(7), u32b(0x01000001), zero, r3)
	grp := cat(u32b(1), r1, u32b(2), r2, u32b(3), r3)
	ri := cat(u16b(1), u16b(4), u32b(0x3f0), u16b(2), u16b(3), []byte{1, 2, 3, 0}, u16b(1), u16b(3), []byte{1, 2, 3})
	grace := cat(u16b(1), u16b(4), u32b(120), u16b(2), u16b(1), []byte{1, 0, 0, 0}, u16b(3), u16b(4), r2, u16b(9), u16b(2), []byte{1, 2, 0, 0})
	subtlv := func(t uint16, v []byte) []byte {
		b := cat(u16b(t), u16b(uint16(len(v))), v)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
		return b
	}
	var unres []byte
	for i := 0; i < 8; i++ {
		unres = append(unres, f32(float32(1e8/8)/float32(i+1))...)
	}
	var iscd []byte
	iscd = append(iscd, 51, 2, 0, 0)
	for i := 0; i < 8; i++ {
		iscd = append(iscd, f32(1.25e9)...)
	}
	linkTLV := cat(subtlv(1, []byte{1}), subtlv(2, r2), subtlv(3, r1), subtlv(4, r2), subtlv(5, u32b(100)),
		subtlv(6, f32(1.25e9)), subtlv(7, f32(1e9)), subtlv(8, unres), subtlv(9, u32b(0xff)),
		subtlv(11, cat(u32b(5), u32b(6))), subtlv(14, []byte{0x0a, 0, 0, 0}), subtlv(15, iscd),
		subtlv(16, cat(u32b(1), u32b(2), u32b(3))), subtlv(17, cat([]byte{1, 0, 0, 0}, f32(1e8), f32(5e7))), subtlv(99, []byte{1, 2}))
	te := cat(u16b(1), u16b(4), r1, u16b(2), u16b(uint16(len(linkTLV))), linkTLV, u16b(7), u16b(2), []byte{1, 2, 0, 0})
	teBad := cat(u16b(2), u16b(8), subtlv(9, []byte{1, 2}))
	lsas := [][]byte{
		lsaHdr(5, 0x22, 1, r1, r1, 0x80000001, rla),
		lsaHdr(5, 0x22, 1, r1, r1, 0x80000001, rlaShort),
		lsaHdr(6, 0x22, 2, r1, r1, 0x80000002, net),
		lsaHdr(7, 0x22, 3, []byte{198, 18, 7, 0}, r1, 3, sum),
		lsaHdr(7, 0x22, 4, r3, r1, 3, asbr),
		lsaHdr(8, 0x20, 5, []byte{198, 19, 0, 0}, r1, 4, ext),
		lsaHdr(8, 0x08, 7, []byte{198, 19, 0, 0}, r1, 4, ext),
		lsaHdr(9, 0x22, 6, r1, r1, 5, grp),
		lsaHdr(9, 0x42, 10, []byte{4, 0, 0, 0}, r1, 6, ri),
		lsaHdr(9, 0x42, 9, []byte{3, 0, 0, 0}, r1, 6, grace),
		lsaHdr(9, 0x42, 10, []byte{1, 0, 0, 1}, r1, 6, te),
		lsaHdr(9, 0x42, 10, []byte{1, 0, 0, 2}, r1, 6, teBad),
		lsaHdr(9, 0x42, 11, []byte{8, 0, 0, 3}, r1, 6, []byte{1, 2, 3, 4}),
		lsaHdr(9, 0x42, 99, r1, r1, 6, []byte{1, 2, 3, 4}),
	}
	for _, l := range lsas {
		add("ospf-lsu", ospfPkt(2, 4, 0, nil, cat(u32b(1), l), nil))
	}
	add("ospf-lsu-all", ospfPkt(2, 4, 0, nil, cat(u32b(uint32(len(lsas))), cat(lsas...)), nil))
	add("ospf-lsu-claims", ospfPkt(2, 4, 0, nil, cat(u32b(3), lsas[2]), nil))
	add("ospf-lsu-bogus", ospfPkt(2, 4, 0, nil, cat(u32b(1), lsaHdr(1, 0, 1, r1, r1, 1, nil)[:18], u16b(8)), nil))
	add("ospf-lsu-zero", ospfPkt(2, 4, 0, nil, u32b(0), nil))
	add("ospf-lsack", ospfPkt(2, 5, 0, nil, hdrs, nil))
	add("ospf-unknown-type", ospfPkt(2, 9, 0, nil, nil, nil))
	add("ospf-v3-over-v4", ospfPkt(3, 1, 0, nil, hello(2, r1, r1), nil))
	add("ospf-badlen", ospfPkt(2, 1, 0, nil, hello(2, r1, r1), nil)[:40])
	bl := ospfPkt(2, 1, 0, nil, hello(2, r1, r1), nil)
	bl[3] = 30
	add("ospf-len-short", bl)
	n := len(fs)
	for _, f := range fs[:n] {
		for k := 35; k < len(f.data) && k < 140; k += 5 {
			fs = append(fs, cut(f, k))
		}
	}
	return fs
}
