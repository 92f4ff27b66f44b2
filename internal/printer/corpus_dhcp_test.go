package printer

import "net"

// bootpMsg is a BOOTP header (236 bytes) followed by vend.
type bootpMsg struct {
	op, htype, hlen, hops byte
	xid                   uint32
	secs, flags           uint16
	ci, yi, si, gi        net.IP
	chaddr                []byte
	sname, file           string
}

func (m bootpMsg) bytes(vend ...[]byte) []byte {
	b := []byte{m.op, m.htype, m.hlen, m.hops}
	b = append(b, u32b(m.xid)...)
	b = append(b, u16b(m.secs)...)
	b = append(b, u16b(m.flags)...)
	for _, a := range []net.IP{m.ci, m.yi, m.si, m.gi} {
		if a == nil {
			a = net.IPv4zero
		}
		b = append(b, a.To4()...)
	}
	ch := make([]byte, 16)
	copy(ch, m.chaddr)
	sn := make([]byte, 64)
	copy(sn, m.sname)
	fl := make([]byte, 128)
	copy(fl, m.file)
	b = cat(b, ch, sn, fl)
	return cat(b, cat(vend...))
}

var dhcpCookie = []byte{99, 130, 83, 99}

func dopt(tag byte, data ...byte) []byte { return append([]byte{tag, byte(len(data))}, data...) }
func doptS(tag byte, s string) []byte    { return dopt(tag, []byte(s)...) }
func ipb(s string) []byte                { return net.ParseIP(s).To4() }

// padTo pads a vendor area to n bytes with zeros (PAD options).
func padTo(b []byte, n int) []byte {
	for len(b) < n {
		b = append(b, 0)
	}
	return b
}

// dhcpCorpus returns BOOTP and DHCP messages on UDP ports 67 and 68: the
// usual exchange, every option format tcpdump distinguishes, malformed
// options, other vendor areas and truncated messages.
func dhcpCorpus() []frame {
	var fs []frame
	add := func(v6 bool, sp, dp uint16, payload []byte) {
		fs = append(fs, full("dhcp", udpFrame(v6, sp, dp, payload)))
	}
	mac := []byte(macA)
	client := bootpMsg{op: 1, htype: 1, hlen: 6, xid: 0x3903f326, chaddr: mac}
	server := bootpMsg{op: 2, htype: 1, hlen: 6, xid: 0x3903f326, yi: ip4A, si: ip4B, chaddr: mac}
	end := []byte{255}
	clientID := dopt(61, append([]byte{1}, mac...)...)
	params := dopt(55, 1, 3, 6, 15, 26, 28, 51, 58, 59, 119, 121, 252, 224, 0, 255)

	// DORA.
	disc := client
	disc.flags = 0x8000
	disc.secs = 3
	add(false, 68, 67, disc.bytes(padTo(cat(dhcpCookie, dopt(53, 1), clientID, dopt(50, ipb("10.77.0.1")...),
		doptS(12, "client-host"), params, dopt(57, 0x05, 0xdc), doptS(60, "MSFT 5.0"), end), 64)))
	offer := server
	add(false, 67, 68, offer.bytes(cat(dhcpCookie, dopt(53, 2), dopt(54, ipb("10.77.0.2")...), dopt(51, u32b(86400)...),
		dopt(58, u32b(43200)...), dopt(59, u32b(75600)...), dopt(1, 255, 255, 255, 0), dopt(3, ipb("10.77.0.254")...),
		dopt(6, cat(ipb("192.0.2.53"), ipb("192.0.2.54"))...), doptS(15, "example.com"), dopt(28, ipb("10.77.0.255")...),
		dopt(121, 24, 192, 168, 1, 10, 77, 0, 254, 0, 10, 77, 0, 1, 32, 1, 2, 3, 4, 10, 77, 0, 3),
		dopt(42, ipb("192.0.2.123")...), end)))
	req := client
	req.secs = 4
	add(false, 68, 67, req.bytes(cat(dhcpCookie, dopt(53, 3), clientID, dopt(50, ipb("10.77.0.1")...),
		dopt(54, ipb("10.77.0.2")...), dopt(81, 0x01, 0, 0, 'c', 'l', 'i', 'e', 'n', 't', '.'),
		dopt(77, 4, 'a', 'b', 'c', 'd', 2, 'x', 'y'), params, end)))
	ack := server
	ack.hops = 1
	ack.gi = net.IPv4(10, 77, 1, 1)
	ack.flags = 0x8000
	add(false, 67, 67, ack.bytes(cat(dhcpCookie, dopt(53, 5), dopt(54, ipb("10.77.0.2")...), dopt(51, u32b(0xffffffff)...),
		dopt(82, 1, 4, 'e', 't', 'h', '0', 2, 6, 0x02, 0x77, 0, 0, 0, 9, 9, 3, 1, 2, 3, 6, 2, 's', 'u'), end)))
	nak := server
	nak.yi, nak.si = nil, nil
	add(false, 67, 68, nak.bytes(cat(dhcpCookie, dopt(53, 6), dopt(54, ipb("10.77.0.2")...), doptS(56, "address not available\x01\xe9"), end)))
	rel := client
	rel.ci = ip4A
	add(false, 68, 67, rel.bytes(cat(dhcpCookie, dopt(53, 7), dopt(54, ipb("10.77.0.2")...), clientID, end)))
	inf := client
	inf.ci = ip4A
	add(false, 68, 67, inf.bytes(cat(dhcpCookie, dopt(53, 8), dopt(55, 1, 3, 6), end)))
	for _, t := range []byte{4, 10, 11, 12, 13, 9, 99} {
		add(false, 68, 67, client.bytes(cat(dhcpCookie, dopt(53, t), end)))
	}
	add(false, 68, 67, client.bytes(cat(dhcpCookie, dopt(53, 1, 2), end))) // two bytes: plain dotted bytes

	// Every value format and the special options.
	add(false, 67, 68, server.bytes(cat(dhcpCookie,
		dopt(2, u32b(0xfffff1f0)...), // L, negative
		dopt(2, u32b(3600)...),       // L
		dopt(19, 0, 1, 5),            // B
		dopt(33, cat(ipb("10.0.0.0"), ipb("10.77.0.254"), ipb("10.1.0.0"), ipb("10.77.0.253"))...), // p
		dopt(25, 0x02, 0x40, 0x05, 0xdc, 0x22),                                                     // s with one byte left
		dopt(23, 64),                                                                               // b
		dopt(43, 1, 2, 3, 4, 5),                                                                    // b
		dopt(46, 8), dopt(46, 3), dopt(46),                                                         // NetBIOS node
		dopt(52, 3), dopt(52, 9), // overload
		dopt(1, 255, 255, 0),              // i, too short: trailing data
		dopt(3, 10, 77, 0, 1, 10, 77),     // i, trailing data
		dopt(200, 1, 2, 3),                // unknown, odd: bytes
		dopt(201, 1, 2, 3, 4, 5, 6),       // unknown, 2 mod 4: shorts
		dopt(202, 1, 2, 3, 4, 5, 6, 7, 8), // unknown, 4n: longs
		dopt(203),                         // unknown, empty
		dopt(249, 8, 10, 10, 77, 0, 1),    // Microsoft classless routes
		dopt(116, 1), dopt(118, ipb("10.77.0.0")...), dopt(150, ipb("192.0.2.69")...),
		doptS(114, "http://example.com/"), doptS(161, "https://mud.example/x"),
		dopt(93, 0, 7), dopt(97, 0, 1, 2, 3), dopt(91, u32b(0xffffff00)...),
		end)))
	add(false, 68, 67, client.bytes(cat(dhcpCookie,
		dopt(121, 33, 1, 2, 3, 4, 5), dopt(121, 16, 10, 77, 10), dopt(121, 0, 1, 2, 3), dopt(121, 0, 10, 77, 0, 1, 24, 10),
		dopt(77, 1), dopt(77, 0, 1), dopt(77, 5, 'a', 'b'),
		dopt(81, 1, 2), dopt(81, 0xf5, 0xff, 0x01, 'x'), dopt(81, 0x0e, 0, 0),
		dopt(61), dopt(61, 0, 'i', 'd', 0x07), dopt(61, 5, 1, 2), dopt(61, 0x18, 0xaa),
		dopt(82, 1, 9, 'x'), dopt(82, 9, 2, 0xab, 0xcd, 1),
		end)))
	// PAD before END, options after END, no END at all.
	add(false, 68, 67, client.bytes(cat(dhcpCookie, []byte{0, 0, 0}, dopt(53, 1), end, dopt(53, 2), end)))
	add(false, 68, 67, client.bytes(cat(dhcpCookie, dopt(53, 1), dopt(12, 'h'))))
	// An option longer than the datagram.
	add(false, 68, 67, client.bytes(cat(dhcpCookie, dopt(53, 1), []byte{12, 200, 'h', 'o', 's', 't'})))
	add(false, 68, 67, client.bytes(cat(dhcpCookie, dopt(53, 1), []byte{12})))

	// BOOTP: names, other hardware, other vendor areas.
	named := server
	named.sname = "boot-server"
	named.file = "/tftpboot/pxelinux.0\x7f"
	add(false, 67, 68, named.bytes(padTo(nil, 64)))
	long := client
	long.sname = string(make([]byte, 0))
	for i := 0; i < 64; i++ {
		long.sname += "s"
	}
	add(false, 68, 67, long.bytes(padTo(nil, 64)))
	longFile := client
	for i := 0; i < 128; i++ {
		longFile.file += "f"
	}
	add(false, 68, 67, longFile.bytes(padTo(nil, 64)))
	other := bootpMsg{op: 1, htype: 6, hlen: 6, xid: 1, chaddr: mac}
	add(false, 68, 67, other.bytes(padTo(cat([]byte("CMU\x00"), u32b(0x03), ipb("255.255.255.0"), ipb("10.77.0.254"),
		ipb("192.0.2.53"), make([]byte, 4), ipb("192.0.2.5"), make([]byte, 4), ipb("192.0.2.123"), ipb("192.0.2.124")), 64)))
	other2 := bootpMsg{op: 3, htype: 1, hlen: 8, chaddr: cat(mac, []byte{1, 2})}
	add(false, 68, 67, other2.bytes(padTo(cat([]byte("CMU\x00"), u32b(0)), 64)))
	add(false, 68, 67, other2.bytes(padTo(u32b(0xdeadbeef), 64)))
	add(false, 68, 67, bootpMsg{op: 2, htype: 1, hlen: 6, flags: 0x0001}.bytes(padTo(nil, 64)))
	add(false, 5000, 67, bootpMsg{op: 2, htype: 1, hlen: 6, flags: 0x8001}.bytes(dhcpCookie, end))
	add(true, 68, 67, disc.bytes(cat(dhcpCookie, dopt(53, 1), end)))
	add(false, 68, 67, []byte{1, 1, 6, 0, 1, 2, 3, 4, 0})
	add(false, 68, 67, []byte{1})
	add(false, 68, 67, nil)
	add(false, 69, 67, disc.bytes(cat(dhcpCookie, dopt(53, 1), end)))  // tftp first: not comparable
	add(false, 68, 525, disc.bytes(cat(dhcpCookie, dopt(53, 1), end))) // timed first: not comparable
	add(false, 68, 123, disc.bytes(cat(dhcpCookie, dopt(53, 1), end))) // bootp before NTP
	add(false, 53, 67, disc.bytes(cat(dhcpCookie, dopt(53, 1), end)))  // DNS before bootp

	// Truncated captures: in the fixed header, the names, the cookie and
	// the options.
	base := fs[0]
	for _, c := range []int{43, 45, 50, 53, 60, 70, 80, 100, 160, 280, 281, 284, 290, 300, 310} {
		if c < len(base.data) {
			fs = append(fs, cut(base, c))
		}
	}
	for _, c := range []int{100, 130} {
		fs = append(fs, cut(full("dhcp-named", udpFrame(false, 67, 68, named.bytes(padTo(nil, 64)))), c))
	}
	return fs
}
