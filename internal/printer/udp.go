// UDP, as tcpdump 4.99.3's print-udp.c prints it (udp_print,
// udpipaddr_print, the checksum verdicts), and its chain of port tests:
// udpRules lists every test of udp_print in tcpdump's order, each naming
// the printer tcpdump calls. A printer of this package registers itself
// for its rule in its own file (registerUDP); a rule without one gets the
// generic "UDP, length N" line, and UDPPortDecoded reports it.

package printer

// ports is a shorthand for the port lists of the rules.
func ports(p ...uint16) []uint16 { return p }

// udpRules is udp_print's chain of tests without -T, in the order of
// tcpdump 4.99.3 (checked against it pair by pair); NetBIOS (137, 138) is
// left out, as in the tcpdump of Debian 12, built without it.
var udpRules = []portRule{
	{name: "domain", either: ports(53)},
	{name: "mdns", either: ports(5353)},
	{name: "timed", either: ports(525)},
	{name: "tftp", either: ports(69)},
	{name: "bootp", either: ports(68, 67)},
	{name: "rip", either: ports(520)},
	{name: "aodv", either: ports(654)},
	{name: "isakmp", either: ports(500)},
	{name: "isakmp-natt", either: ports(4500)},
	{name: "isakmp-user", either: ports(7500, 8500)},
	{name: "snmp", either: ports(161, 162)},
	{name: "ntp", either: ports(123)},
	{name: "krb", either: ports(88, 750)},
	{name: "l2tp", either: ports(1701)},
	{name: "vat", dst: ports(3456)},
	{name: "zephyr", either: ports(2103, 2104)},
	{name: "rx", lo: 7000, hi: 7009},
	{name: "ripng", either: ports(521)},
	{name: "dhcp6", either: ports(547, 546)},
	{name: "ahcp", either: ports(5359)},
	{name: "babel", either: ports(6696, 6697)},
	{name: "hncp", either: ports(8231)},
	{name: "wb", dst: ports(4567)},
	{name: "cisco_autorp", either: ports(496)},
	{name: "radius", either: ports(1645, 1812, 1646, 1813, 1700, 3799)},
	{name: "hsrp", dst: ports(1985)},
	{name: "lwres", either: ports(921)},
	{name: "ldp", either: ports(646)},
	{name: "olsr", either: ports(698)},
	{name: "lspping", either: ports(3503)},
	{name: "bcm_li", src: ports(49152)},
	{name: "bfd", dst: ports(3784, 4784, 6784, 3785)},
	{name: "lmp", either: ports(701)},
	{name: "vqp", either: ports(1589)},
	{name: "sflow", either: ports(6343)},
	{name: "lwapp_control", dst: ports(12223)},
	{name: "lwapp_control-src", src: ports(12223)},
	{name: "lwapp_data", either: ports(12222)},
	{name: "sip", either: ports(5060)},
	{name: "syslog", either: ports(514)},
	{name: "otv", either: ports(8472)},
	{name: "vxlan", either: ports(4789)},
	{name: "geneve", either: ports(6081)},
	{name: "lisp", either: ports(4342)},
	{name: "vxlan_gpe", either: ports(4790)},
	{name: "zep", either: ports(17754)},
	{name: "mpls", either: ports(6635)},
	// AppleTalk LLAP in UDP: an AppleTalk port and a DDP header.
	{name: "llap", ports: func(sport, dport uint16) bool { return atalkPort(sport) || atalkPort(dport) },
		payload: func(p *Printer, d portPayload) bool { return p.ttest(d.off+2, 1) && p.pkt[d.off+2] == 2 }},
	{name: "ptp", either: ports(319, 320)},
	{name: "someip", either: ports(30490)},
}

var udpTable = newPortTable(udpRules)

// registerUDP makes f the printer of the UDP rule called name.
func registerUDP(name string, f portPrinter) { udpTable.register(name, f) }

// udpNFS, when set by a Sun RPC printer, is tried first for datagrams to
// or from port 2049 (NFS calls to and replies from the NFS port, before
// the checksum verdict, as udp_print does); it reports whether it printed
// the datagram. Until one is, such datagrams get the generic line.
var udpNFS func(p *Printer, d portPayload) bool

// UDPPortDecoded reports whether tcpdump (with -n, no -q) prints something
// this package does not reproduce for a datagram between these ports: a
// protocol decoder this package does not have (the AppleTalk heuristic
// counting as a match), or NFS (port 2049, checked before every other
// port) without a Sun RPC printer.
func UDPPortDecoded(sport, dport uint16) bool {
	if (sport == 2049 || dport == 2049) && udpNFS == nil {
		return true
	}
	f, ok := udpTable.printer(nil, portPayload{sport: sport, dport: dport})
	return ok && f == nil
}

// atalkPort is atalk_port: the ports of AppleTalk-in-UDP.

func atalkPort(port uint16) bool {
	return uint(port-16512) < 128 && port >= 16512 || uint(port-200) < 128 && port >= 200 || uint(port-768) < 128 && port >= 768
}

func init() {
	registerIPProto(17, "udp", func(p *Printer, d ipPayload) { p.udpPrint(d.off, d.length, d.iph, d.fragmented) })
}

func (p *Printer) udpAddrs(iph int, v6 bool, sport, dport int) {
	var nxt uint8
	if v6 {
		nxt = p.u8(iph + 6)
	} else {
		nxt = p.u8(iph + 9)
	}
	if nxt == 17 {
		if sport == -1 {
			p.ipAddrs(iph, v6)
			p.s(": ")
		} else {
			p.udpAddrPort(iph, v6, true, uint16(sport))
			p.s(" > ")
			p.udpAddrPort(iph, v6, false, uint16(dport))
			p.s(": ")
		}
	} else if sport != -1 {
		p.udpPort(uint16(sport))
		p.s(" > ")
		p.udpPort(uint16(dport))
		p.s(": ")
	}
}

func (p *Printer) udpPrint(off, length, iph int, fragmented bool) {
	p.proto = "udp"
	v6 := p.pkt[iph]>>4 == 6
	if !p.ttest(off+2, 2) {
		p.udpAddrs(iph, v6, -1, -1)
		p.trunc()
		return
	}
	sport := int(p.be16(off))
	dport := int(p.be16(off + 2))
	if length < 8 {
		p.udpAddrs(iph, v6, sport, dport)
		p.s("truncated-udp ")
		p.u(uint64(length))
		return
	}
	if !p.ttest(off+4, 2) {
		p.udpAddrs(iph, v6, sport, dport)
		p.trunc()
		return
	}
	ulen := int(p.be16(off + 4))
	if ulen == 0 && length > 65535 {
		ulen = length
	}
	if ulen < 8 {
		p.udpAddrs(iph, v6, sport, dport)
		p.s("truncated-udplength ")
		p.u(uint64(ulen))
		return
	}
	ulen -= 8
	length -= 8
	if ulen < length {
		length = ulen
	}
	cp := off + 8
	if cp > p.snapend {
		p.udpAddrs(iph, v6, sport, dport)
		p.trunc()
		return
	}
	d := portPayload{off: cp, length: length, sport: uint16(sport), dport: uint16(dport), iph: iph, fragmented: fragmented}
	if p.forcedUDP(d, v6) { // -T
		return
	}
	p.udpAddrs(iph, v6, sport, dport)
	nfs := sport == 2049 || dport == 2049
	if !p.o.Quiet && nfs && udpNFS != nil && udpNFS(p, d) {
		return
	}
	if p.o.Verbose > 0 && !fragmented && !p.o.NoChecksums {
		p.udpCksum(off, cp, length, iph, v6)
	}
	if !p.o.Quiet && (!nfs || udpNFS != nil) {
		if f, _ := udpTable.printer(p, d); f != nil {
			f(p, d)
			return
		}
	}
	if ulen > length && !fragmented {
		p.s("UDP, bad length ")
		p.u(uint64(ulen))
		p.s(" > ")
		p.u(uint64(length))
	} else {
		p.s("UDP, length ")
		p.u(uint64(ulen))
	}
}

// udpCksum prints tcpdump's checksum verdict: IPv6 with -v, IPv4 only with
// -vv (a zero IPv4 checksum means none), and only when the whole datagram
// was captured.
func (p *Printer) udpCksum(off, cp, length, iph int, v6 bool) {
	usum := p.be16(off + 6)
	if !v6 {
		if p.o.Verbose < 2 {
			return
		}
		if usum == 0 {
			p.s("[no cksum] ")
			return
		}
	}
	if !p.ttest(cp, length) {
		return
	}
	sum := cksum(p.pseudoSum(iph, 17, length+8), p.pkt[off:cp+length])
	if sum != 0 {
		p.s("[bad udp cksum 0x")
		p.xpad(uint64(usum), 4)
		p.s(" -> 0x")
		p.xpad(uint64(shouldBe(usum, sum)), 4)
		p.s("!] ")
	} else {
		p.s("[udp sum ok] ")
	}
}
