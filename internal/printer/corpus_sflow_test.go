package printer

// sflowDgram builds an sFlow v5 datagram with an IPv4 (or IPv6) agent.
func sflowDgram(v6 bool, seq uint32, samples ...[]byte) []byte {
	hdr := cat(u32b(5), u32b(1), ipb("10.77.0.9"))
	if v6 {
		hdr = cat(u32b(5), u32b(2), ip6b16("2001:db8::9"))
	}
	return cat(hdr, u32b(3), u32b(seq), u32b(123456), u32b(uint32(len(samples))), cat(samples...))
}

func sfSample(typ uint32, body ...[]byte) []byte {
	b := cat(body...)
	return cat(u32b(typ), u32b(uint32(len(b))), b)
}

func sfRecord(format uint32, body ...[]byte) []byte {
	b := cat(body...)
	return cat(u32b(format), u32b(uint32(len(b))), b)
}

func u64b(v uint64) []byte { return cat(u32b(uint32(v>>32)), u32b(uint32(v))) }

// sflowCorpus returns sFlow datagrams on UDP port 6343: flow and counter
// samples, compact and expanded, with every record type tcpdump decodes,
// enterprise records, other versions, short and cut datagrams.
func sflowCorpus() []frame {
	var fs []frame
	add := func(m []byte) { fs = append(fs, full("sflow", udpFrame(len(fs)%3 == 2, 50343, 6343, m))) }
	raw := sfRecord(1, u32b(1), u32b(1514), u32b(4), u32b(128), make([]byte, 128))
	eth := sfRecord(2, u32b(1500), make([]byte, 16), u32b(0x0800))
	sw := sfRecord(1001, u32b(10), u32b(0), u32b(20), u32b(5))
	flow := sfSample(1, u32b(77), []byte{0, 0, 0, 5}, u32b(1024), u32b(99999), u32b(3), u32b(5), u32b(0x40000002),
		u32b(4), raw, eth, sw, sfRecord(1002, u32b(1), ipb("10.0.0.1"), u32b(24), u32b(24)))
	var others [][]byte
	for _, t := range []uint32{3, 4, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 5<<12 | 1, 99} {
		others = append(others, sfRecord(t, []byte{1, 2, 3, 4}))
	}
	flow2 := sfSample(1, u32b(78), []byte{0, 0, 0, 5}, u32b(1), u32b(1), u32b(0), u32b(1), u32b(2), u32b(uint32(len(others))), cat(others...))
	generic := sfRecord(1, u32b(5), u32b(6), u64b(10000000000), u32b(1), u32b(3), u64b(123456789012), u32b(1), u32b(2), u32b(3),
		u32b(4), u32b(5), u32b(6), u64b(987654321), u32b(7), u32b(8), u32b(9), u32b(10), u32b(11), u32b(0))
	ethc := sfRecord(2, u32b(1), u32b(2), u32b(3), u32b(4), u32b(5), u32b(6), u32b(7), u32b(8), u32b(9), u32b(10), u32b(11), u32b(12), u32b(13))
	vg := sfRecord(4, u32b(1), u64b(2), u32b(3), u64b(4), u32b(5), u32b(6), u32b(7), u32b(8), u32b(9), u64b(10), u32b(11), u64b(12), u64b(13), u64b(14))
	vlan := sfRecord(5, u32b(100), u64b(5000), u32b(1), u32b(2), u32b(3), u32b(4))
	cpu := sfRecord(1001, u32b(10), u32b(20), u32b(30), u64b(1<<34), u64b(1<<33))
	counters := sfSample(2, u32b(9), []byte{0, 0, 0, 7}, u32b(7), generic, ethc, sfRecord(3, []byte{1}), vg, vlan, cpu, sfRecord(99, []byte{1, 2}))
	add(sflowDgram(false, 1, flow, counters))
	add(sflowDgram(true, 2, flow2))
	add(sflowDgram(false, 3, sfSample(3, u32b(1), u32b(0), u32b(5), u32b(512), u32b(100), u32b(0), u32b(0), u32b(5), u32b(0), u32b(6), u32b(2), raw, sw),
		sfSample(4, u32b(2), u32b(0), u32b(9), u32b(2), vlan, sfRecord(3<<20|1, make([]byte, 8)))))
	for dir := uint32(0); dir < 6; dir++ {
		g := append([]byte(nil), generic...)
		copy(g[8+16:], u32b(dir))
		copy(g[8+20:], u32b(dir))
		add(sflowDgram(false, 10+dir, sfSample(2, u32b(9), []byte{0, 0, 0, 7}, u32b(1), g)))
	}
	add(sflowDgram(false, 4, sfSample(9, []byte{1, 2, 3}), sfSample(0, nil)))
	add(sflowDgram(false, 5, sfSample(1, []byte{1, 2, 3})))
	add(sflowDgram(false, 6, sfSample(2, u32b(9), []byte{0, 0, 0, 7}, u32b(3), generic[:20])))
	add(sflowDgram(false, 7, sfSample(1, u32b(78), []byte{0, 0, 0, 5}, u32b(1), u32b(1), u32b(0), u32b(1), u32b(2), u32b(2), sfRecord(1, []byte{1}), sfRecord(2, []byte{1}))))
	add(sflowDgram(false, 8, sfSample(2, u32b(9), []byte{0, 0, 0, 7}, u32b(5), sfRecord(2, []byte{1}), sfRecord(4, []byte{1}), sfRecord(5, []byte{1}), sfRecord(1001, []byte{1}))))
	bad := sflowDgram(false, 9, flow)
	copy(bad[28+4:], u32b(9999))
	add(bad)
	add(sflowDgram(false, 10))
	add(cat(u32b(4), u32b(1), ipb("10.0.0.1"), make([]byte, 16)))
	add(cat(u32b(5), u32b(1), ipb("10.0.0.1")))
	add(cat(u32b(5), u32b(2), make([]byte, 30)))
	add(cat(u32b(5), u32b(7), make([]byte, 24)))
	add(u32b(5))
	for _, i := range []int{0, 1} {
		f := fs[i]
		off := offIP4L4 + 8
		if f.data[12] == 0x86 {
			off = offIP6L4 + 8
		}
		for _, c := range []int{6, 20, 28, 40, 50, 70, 90, 150, 200} {
			if off+c < len(f.data) {
				fs = append(fs, cut(f, off+c))
			}
		}
	}
	return fs
}
