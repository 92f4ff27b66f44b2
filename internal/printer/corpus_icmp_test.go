// ICMP messages for the comparison with tcpdump beyond the usual ones:
// router advertisements (RFC 1256) with address lists and odd entry
// sizes, time stamp replies, cut short at every length.

package printer

import "encoding/binary"

// icmp4Raw builds Ethernet + IPv4 + an ICMP message with a correct
// checksum.
func icmp4Raw(msg []byte) []byte {
	m := append([]byte(nil), msg...)
	binary.BigEndian.PutUint16(m[2:], 0)
	binary.BigEndian.PutUint16(m[2:], cksum(0, m))
	return raw4(1, nil, m)
}

func icmpCorpus() []frame {
	var fs []frame
	add := func(name string, msg []byte) { fs = append(fs, full(name, icmp4Raw(msg))) }
	ra := func(num, size byte, lifetime uint16, entries ...[]byte) []byte {
		return cat([]byte{9, 0, 0, 0, num, size}, u16b(lifetime), cat(entries...))
	}
	e := func(a byte, pref uint32) []byte { return cat([]byte{198, 18, 1, a}, u32b(pref)) }
	for _, lt := range []uint16{0, 59, 60, 1800, 3599, 3600, 9000, 65535} {
		add("icmp-routeradv", ra(2, 2, lt, e(1, 0), e(2, 0xffffffff)))
	}
	add("icmp-routeradv-none", ra(0, 2, 1800))
	add("icmp-routeradv-size", ra(1, 3, 1800, e(1, 5), []byte{0, 0, 0, 0}))
	add("icmp-routeradv-short", ra(3, 2, 1800, e(1, 5)))
	var many [][]byte
	for i := 0; i < 12; i++ {
		many = append(many, e(byte(100+i), 0x80000000+uint32(i)))
	}
	add("icmp-routeradv-many", ra(12, 2, 1800, many...))
	add("icmp-routersol", []byte{10, 0, 0, 0, 0, 0, 0, 0})
	ts := func(typ byte, id, seq uint16, o, r, t uint32) []byte {
		return cat([]byte{typ, 0, 0, 0}, u16b(id), u16b(seq), u32b(o), u32b(r), u32b(t))
	}
	add("icmp-tsreply", ts(14, 7, 1, 0, 3600000, 86399999))
	add("icmp-tsreply-big", ts(14, 7, 2, 0xffffffff, 0x80000000, 12345))
	add("icmp-tsquery", ts(13, 7, 3, 1000, 0, 0))
	n := len(fs)
	for _, f := range fs[:n] {
		for k := 34; k < len(f.data) && k < 90; k += 3 {
			fs = append(fs, cut(f, k))
		}
	}
	return fs
}
