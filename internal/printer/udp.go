package printer

// udpPorts are the UDP ports (source or destination) whose payload tcpdump
// 4.99.3 decodes with a protocol printer (DNS, mDNS, BOOTP/DHCP, NTP, SNMP,
// TFTP, RIP, syslog, VXLAN, Geneve, ...).
var udpPorts = map[uint16]bool{53: true, 67: true, 68: true, 69: true, 88: true, 123: true,
	137: true, 138: true, 161: true, 162: true, 319: true, 320: true, 496: true, 500: true,
	514: true, 520: true, 521: true, 525: true, 546: true, 547: true, 646: true, 654: true,
	698: true, 701: true, 750: true, 921: true, 1589: true, 1645: true, 1646: true, 1700: true,
	1701: true, 1812: true, 1813: true, 2103: true, 2104: true, 3503: true, 3799: true,
	4342: true, 4500: true, 4789: true, 4790: true, 5060: true, 5353: true, 5359: true,
	6081: true, 6343: true, 6635: true, 6696: true, 6697: true, 7500: true, 8231: true,
	8472: true, 8500: true, 12222: true, 17754: true, 30490: true, 2049: true}

// Application printers for UDP payloads.
const (
	udpGeneric = iota // "UDP, length N"
	udpDNS
	udpMDNS
	udpNTP
	udpBOOTP
	udpVXLAN
	udpGeneve
	udpOther // a tcpdump printer this package does not reproduce
)

// udpApp is the printer tcpdump 4.99.3's udp_print picks (without -q and
// -T) for a datagram between these ports, following its order of tests.
func udpApp(sport, dport uint16) int {
	either := func(port uint16) bool { return sport == port || dport == port }
	switch {
	case either(53):
		return udpDNS
	case either(5353):
		return udpMDNS
	}
	// timed and tftp come before bootp; rip, aodv, isakmp and snmp
	// before ntp.
	if either(525) || either(69) {
		return udpOther
	}
	if either(67) || either(68) {
		return udpBOOTP
	}
	for _, port := range [...]uint16{520, 654, 500, 4500, 7500, 8500, 161, 162} {
		if either(port) {
			return udpOther
		}
	}
	if either(123) {
		return udpNTP
	}
	// Everything from Kerberos to OTV comes before VXLAN.
	if (udpPorts[sport] && !afterVXLAN(sport)) || (udpPorts[dport] && !afterVXLAN(dport)) {
		return udpOther
	}
	switch dport {
	case 3456, 4567, 1985, 3784, 4784, 6784, 3785, 12223: // vat, wb, hsrp, bfd, lwapp
		return udpOther
	}
	if sport == 49152 || sport == 12223 { // bcm-li, lwapp
		return udpOther
	}
	if (sport >= 7000 && sport <= 7009) || (dport >= 7000 && dport <= 7009) { // AFS RX
		return udpOther
	}
	if either(4789) {
		return udpVXLAN
	}
	if either(6081) {
		return udpGeneve
	}
	if udpPorts[sport] || udpPorts[dport] { // LISP, VXLAN-GPE, ZEP, MPLS, PTP, SOME/IP
		return udpOther
	}
	// AppleTalk-in-UDP ports (200-327, 768-895, 16512-16639) are only
	// decoded when the payload looks like DDP; treat them as decoded.
	if atalkPort(sport) || atalkPort(dport) {
		return udpOther
	}
	return udpGeneric
}

// UDPPortDecoded reports whether tcpdump (with -n, no -q) prints something
// this package does not reproduce for a datagram between these ports: a
// protocol decoder, or the AppleTalk/RX heuristics, or NFS (port 2049,
// checked before every other port).
func UDPPortDecoded(sport, dport uint16) bool {
	return sport == 2049 || dport == 2049 || udpApp(sport, dport) == udpOther
}

// afterVXLAN reports whether tcpdump's udp_print tests port after VXLAN's.
func afterVXLAN(port uint16) bool {
	switch port {
	case 4789, 6081, 4342, 4790, 17754, 6635, 319, 320, 30490:
		return true
	}
	return false
}

func atalkPort(port uint16) bool {
	return uint(port-16512) < 128 && port >= 16512 || uint(port-200) < 128 && port >= 200 || uint(port-768) < 128 && port >= 768
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
			p.addrPort(iph, v6, true, uint16(sport))
			p.s(" > ")
			p.addrPort(iph, v6, false, uint16(dport))
			p.s(": ")
		}
	} else if sport != -1 {
		p.u(uint64(sport))
		p.s(" > ")
		p.u(uint64(dport))
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
	p.udpAddrs(iph, v6, sport, dport)
	if p.o.Verbose > 0 && !fragmented {
		p.udpCksum(off, cp, length, iph, v6)
	}
	if !p.o.Quiet && sport != 2049 && dport != 2049 { // NFS comes first
		switch udpApp(uint16(sport), uint16(dport)) {
		case udpDNS:
			p.domainPrint(cp, length, false, false)
			return
		case udpMDNS:
			p.domainPrint(cp, length, false, true)
			return
		case udpNTP:
			p.ntpPrint(cp, length)
			return
		case udpBOOTP:
			p.bootpPrint(cp, length)
			return
		case udpVXLAN:
			p.vxlanPrint(cp, length)
			return
		case udpGeneve:
			p.genevePrint(cp, length)
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
