// GRE for the comparison with tcpdump (print-gre.c): version 0 with every
// optional field and source routes, carrying IPv4, IPv6 and Ethernet
// frames (transparent bridging, ERSPAN, which tcpdump 4.99.3 does not
// decode), version 1 (PPTP), unknown versions and protocols, over IPv4
// and IPv6, cut short.

package printer

func greCorpus() []frame {
	var fs []frame
	add := func(name string, gre []byte) { fs = append(fs, full(name, raw4(47, nil, gre))) }
	inner := innerFrames()
	ip4in := inner[1][14:] // IPv4 ICMP echo
	ip6in := inner[3][14:] // IPv6 UDP DNS query
	hdr := func(flags, prot uint16, fields ...[]byte) []byte {
		return cat(u16b(flags), u16b(prot), cat(fields...))
	}
	for _, fl := range []uint16{0, 0x8000, 0x2000, 0x1000, 0xb000, 0x3000, 0x0700, 0x0800, 0x0080} {
		var f [][]byte
		if fl&0xc000 != 0 {
			f = append(f, u16b(0xabcd), u16b(0))
		}
		if fl&0x2000 != 0 {
			f = append(f, u32b(0x01020304))
		}
		if fl&0x1000 != 0 {
			f = append(f, u32b(77))
		}
		add("gre-ip", cat(hdr(fl, 0x0800, f...), ip4in))
		add("gre-ip6", cat(hdr(fl, 0x86dd, f...), ip6in))
		add("gre-teb", cat(hdr(fl, 0x6558, f...), inner[2]))
	}
	// Source routes (routing present): IP and ASN entries, bad ones.
	sre := func(af uint16, off, ln byte, data []byte) []byte { return cat(u16b(af), []byte{off, ln}, data) }
	end := sre(0, 0, 0, nil)
	ips := cat([]byte{198, 18, 0, 1}, []byte{198, 18, 0, 2}, []byte{198, 18, 0, 3})
	add("gre-sre-ip", cat(hdr(0x4000, 0x0800, u16b(0), u16b(4)), sre(0x0800, 4, 12, ips), end, ip4in))
	add("gre-sre-asn", cat(hdr(0x4000, 0x0800, u16b(0), u16b(0)), sre(0xfffe, 2, 6, []byte{0xfd, 0xe8, 0, 1, 0, 2}), end, ip4in))
	add("gre-sre-two", cat(hdr(0xc000, 0x0800, u16b(0x1111), u16b(0)), sre(0x0800, 0, 4, ips[:4]), sre(0xfffe, 0, 2, []byte{1, 2}), end, ip4in))
	add("gre-sre-af", cat(hdr(0x4000, 0x0800, u16b(0), u16b(0)), sre(0x1234, 0, 4, []byte{1, 2, 3, 4}), end, ip4in))
	add("gre-sre-badoff", cat(hdr(0x4000, 0x0800, u16b(0), u16b(0)), sre(0x0800, 2, 8, ips[:8]), end, ip4in))
	add("gre-sre-badlen", cat(hdr(0x4000, 0x0800, u16b(0), u16b(0)), sre(0x0800, 0, 6, ips[:6]), end, ip4in))
	add("gre-sre-offlen", cat(hdr(0x4000, 0x0800, u16b(0), u16b(0)), sre(0x0800, 8, 8, ips[:8]), end, ip4in))
	add("gre-sre-asn-bad", cat(hdr(0x4000, 0x0800, u16b(0), u16b(0)), sre(0xfffe, 1, 4, []byte{1, 2, 3, 4}), sre(0xfffe, 0, 3, []byte{1, 2, 3}), end, ip4in))
	add("gre-sre-long", cat(hdr(0x4000, 0x0800, u16b(0), u16b(0)), sre(0x0800, 0, 200, ips)))
	// Protocols tcpdump 4.99.3 does not decode in GRE (ERSPAN I/II and
	// III, WCCP, keep-alives, NSH) and an unknown version.
	for _, prot := range []uint16{0x88be, 0x22eb, 0x883e, 0x0000, 0x894f, 0x1234} {
		add("gre-proto", cat(hdr(0x1000, prot, u32b(3)), u32b(0x10010064), u32b(7), inner[0]))
	}
	add("gre-v2", hdr(0x0002, 0x0800))
	add("gre-v7", cat(hdr(0x2007, 0x0800, u32b(1)), ip4in))
	// Version 1 (PPTP enhanced GRE).
	ppp := []byte{0xff, 0x03, 0x00, 0x21}
	add("gre1", cat(hdr(0x3001, 0x880b, u32b(0x00400007), u32b(5)), ppp, ip4in))
	add("gre1-ack", cat(hdr(0x3081, 0x880b, u32b(0x00400007), u32b(5), u32b(4)), ppp))
	add("gre1-ackonly", hdr(0x2081, 0x880b, u32b(0x00400007), u32b(6)))
	add("gre1-nokey", hdr(0x0001, 0x880b))
	add("gre1-proto", cat(hdr(0x3001, 0x1234, u32b(1), u32b(2)), ppp))
	// GRE over IPv6, a frame whose GRE length is too short, and cuts.
	fs = append(fs, full("gre-over-ip6", raw6(ip6A, ip6B, 47, 64, cat(hdr(0x2000, 0x0800, u32b(9)), ip4in))))
	add("gre-1byte", []byte{0})
	add("gre-3bytes", []byte{0x20, 0, 0x08})
	n := len(fs)
	for _, f := range fs[:n] {
		for k := 35; k < len(f.data) && k < 80; k += 3 {
			fs = append(fs, cut(f, k))
		}
	}
	return fs
}
