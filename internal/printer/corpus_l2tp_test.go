package printer

import (
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// l2avp builds an L2TP AVP (mandatory bit as given).
func l2avp(flags uint16, vendor, typ uint16, v ...[]byte) []byte {
	d := cat(v...)
	return cat(u16b(flags|uint16(6+len(d))), u16b(vendor), u16b(typ), d)
}

// l2ctl builds an L2TP control message with length and sequence numbers.
func l2ctl(tun, sess, ns, nr uint16, avps ...[]byte) []byte {
	a := cat(avps...)
	return cat(u16b(0xc802), u16b(uint16(12+len(a))), u16b(tun), u16b(sess), u16b(ns), u16b(nr), a)
}

// l2tpCorpus returns L2TP messages on UDP port 1701: control messages of
// every type with every AVP (right and short values, hidden and vendor
// AVPs), ZLBs, data messages carrying IPv4 and IPv6 in PPP, L2F and other
// versions, bad lengths and cut messages.
func l2tpCorpus() []frame {
	var fs []frame
	add := func(m []byte) { fs = append(fs, full("l2tp", udpFrame(false, 1701, 1701, m))) }
	const M = 0x8000
	for mt := uint16(0); mt <= 17; mt++ {
		add(l2ctl(1, 0, mt, 0, l2avp(M, 0, 0, u16b(mt))))
	}
	add(l2ctl(0, 0, 0, 0, l2avp(M, 0, 0, u16b(1)), l2avp(M, 0, 2, u16b(0x0100)), l2avp(M, 0, 3, u32b(3)), l2avp(M, 0, 4, u32b(3)),
		l2avp(0, 0, 5, []byte("12345678")), l2avp(0, 0, 6, u16b(0x0680)), l2avp(M, 0, 7, []byte("lac.example")), l2avp(0, 0, 8, []byte("xl2tpd\x01")),
		l2avp(M, 0, 9, u16b(41000)), l2avp(M, 0, 10, u16b(4)), l2avp(M, 0, 11, []byte("challenge")), l2avp(M, 0, 13, []byte("0123456789abcdef")),
		l2avp(M, 0, 14, u16b(7)), l2avp(M, 0, 15, u32b(99)), l2avp(M, 0, 16, u32b(9600)), l2avp(M, 0, 17, u32b(100000000)),
		l2avp(M, 0, 18, u32b(1)), l2avp(M, 0, 19, u32b(2)), l2avp(M, 0, 20, u16b(1)), l2avp(M, 0, 21, []byte("5551234")),
		l2avp(M, 0, 22, []byte("5556789")), l2avp(M, 0, 23, []byte("sub")), l2avp(M, 0, 24, u32b(1000000)), l2avp(M, 0, 25, u32b(3))))
	add(l2ctl(0, 0, 0, 0, l2avp(M, 0, 26, []byte{1, 2, 3}), l2avp(M, 0, 27, []byte{4}), l2avp(M, 0, 28, []byte{5}),
		l2avp(M, 0, 29, u16b(2)), l2avp(M, 0, 29, u16b(9)), l2avp(M, 0, 30, []byte("user")), l2avp(M, 0, 31, []byte{9, 9}),
		l2avp(M, 0, 32, u16b(0x1234)), l2avp(M, 0, 33, []byte{8}), l2avp(M, 0, 34, u16b(0), u32b(1), u32b(2), u32b(3), u32b(4), u32b(5), u32b(6)),
		l2avp(M, 0, 35, u16b(0), u32b(0xffffffff), u32b(0)), l2avp(M, 0, 36, []byte{1, 2}), l2avp(M, 0, 37, []byte("grp")),
		l2avp(M, 0, 38, u32b(5)), l2avp(M, 0, 39), l2avp(M, 0, 46, u16b(1), u16b(0xc021), []byte{1}, []byte("peer")),
		l2avp(M, 0, 46, u16b(1), u16b(0xc021), []byte{7}), l2avp(M, 0, 40, []byte{1}), l2avp(M, 0, 99)))
	add(l2ctl(0, 0, 0, 0, l2avp(M, 0, 1, u16b(2), u16b(6), []byte("bye")), l2avp(M, 0, 1, u16b(2), u16b(6)), l2avp(M, 0, 1, u16b(2), []byte{1}),
		l2avp(M, 0, 1, u16b(2)), l2avp(M, 0, 1, []byte{1}), l2avp(M, 0, 12, u16b(16), []byte{1}, []byte("normal")), l2avp(M, 0, 12, u16b(16), []byte{1}),
		l2avp(M, 0, 12, u16b(1)), l2avp(M|0x4000, 0, 7, []byte("hidden")), l2avp(M, 9, 1, []byte{1, 2, 3}), l2avp(0x4000, 311, 2)))
	var shorts [][]byte
	for t := uint16(0); t <= 46; t++ {
		shorts = append(shorts, l2avp(0, 0, t, []byte{1}))
	}
	add(l2ctl(0, 0, 0, 0, shorts...))
	add(l2ctl(0, 0, 0, 0, l2avp(M, 0, 34, u16b(0), u32b(1)), l2avp(M, 0, 35, u16b(0), u32b(1)), l2avp(M, 0, 35, u16b(0))))
	add(l2ctl(1, 2, 3, 4))
	add(cat(u16b(0xc802), u16b(12), u16b(1), u16b(2), u16b(3), u16b(4), []byte{0, 3, 0, 0}))
	add(cat(u16b(0xc802), u16b(20), u16b(1), u16b(2), u16b(3), u16b(4), u16b(8), u16b(0), u16b(0), u16b(0)))
	add(cat(u16b(0xc802), u16b(100), u16b(1), u16b(2), u16b(3), u16b(4)))
	add(cat(u16b(0xc802), u16b(4), u16b(1), u16b(2), u16b(3), u16b(4)))
	add(cat(u16b(0x8802), u16b(1), u16b(2), u16b(3), u16b(4)))
	add(cat(u16b(0xca02), u16b(16), u16b(1), u16b(2), u16b(3), u16b(4), u16b(2), []byte{0, 0}))
	add(cat(u16b(0xcb02), u16b(12), u16b(1), u16b(2), u16b(3), u16b(4)))
	add(cat(u16b(0xca02), u16b(16), u16b(1), u16b(2), u16b(3), u16b(4), u16b(200)))
	inner := serialize(ip4(ip4A, ip4B, 17, 9), &layers.UDP{SrcPort: 5000, DstPort: 6000}, gopacket.Payload("ping"))
	add(cat(u16b(0x4002), u16b(uint16(8+4+len(inner))), u16b(9), u16b(10), []byte{0xff, 0x03, 0, 0x21}, inner))
	add(cat(u16b(0x0002), u16b(9), u16b(10), []byte{0x21}, inner))
	add(cat(u16b(0x0802), u16b(9), u16b(10), u16b(1), u16b(2), []byte{0, 0x21}, inner))
	add(cat(u16b(0x0202), u16b(9), u16b(10), u16b(2), []byte{0, 0}, []byte{0xff, 0x03, 0, 0x21}, inner))
	in6 := serialize(ip6(ip6A, ip6B, 17, 3), &layers.UDP{SrcPort: 5000, DstPort: 6000}, gopacket.Payload("ping6"))
	add(cat(u16b(0x0002), u16b(9), u16b(10), []byte{0xff, 0x03, 0, 0x57}, in6))
	for _, proto := range []uint16{0x25, 0x27, 0x29, 0x2d, 0x31, 0x33, 0x35, 0xfd, 0x201, 0x231, 0x233, 0x8025, 0x8027,
		0x8029, 0x802b, 0x8033, 0x8035, 0xc025, 0xc227, 0xc027, 0xc123, 0xc03d, 0x1234} {
		add(cat(u16b(0x0002), u16b(9), u16b(10), []byte{0xff, 0x03}, u16b(proto), []byte{1, 2, 3, 4}))
	}
	add(cat(u16b(0x0002), u16b(9), u16b(10), []byte{0xff, 0x03, 0x08, 0x00}, inner))
	add(cat(u16b(0x0002), u16b(9), u16b(10), []byte{0x00, 0x03, 0x00, 0x21}, inner))
	add(cat(u16b(0x0002), u16b(9), u16b(10), []byte{0x01, 0x03, 0x12, 0x34, 1, 2}))
	add(cat(u16b(0x0002), u16b(9), u16b(10), []byte{0xff}))
	add(cat(u16b(0x0001), u16b(9), u16b(10)))
	add(cat(u16b(0x0003), u16b(9), u16b(10)))
	add([]byte{0xc8})
	n := len(fs)
	for _, i := range []int{1, 18, 19, n - 9} {
		f := fs[i]
		for _, c := range []int{1, 3, 5, 9, 11, 13, 17, 20, 25, 40, 60} {
			if offIP4L4+8+c < len(f.data) {
				fs = append(fs, cut(f, offIP4L4+8+c))
			}
		}
	}
	return fs
}
