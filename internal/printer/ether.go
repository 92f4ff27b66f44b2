package printer

var ethertypeNames = map[uint16]string{
	0x0800: "IPv4", 0x8847: "MPLS unicast", 0x8848: "MPLS multicast", 0x86dd: "IPv6",
	0x8100: "802.1Q", 0x9100: "802.1Q-9100", 0x88a8: "802.1Q-QinQ", 0x9200: "802.1Q-9200",
	0x88e5: "802.1AE MACsec", 0x0200: "PUP", 0x0806: "ARP", 0x8035: "Reverse ARP",
	0x0600: "NS", 0x0500: "Sprite", 0x1000: "Trail", 0x6001: "MOP DL", 0x6002: "MOP RC",
	0x6003: "DN", 0x6004: "LAT", 0x6007: "SCA", 0x6558: "TEB", 0x8038: "Lanbridge",
	0x803c: "DEC DNS", 0x803e: "DEC DTS", 0x805b: "VEXP", 0x805c: "VPROD",
	0x809b: "Appletalk", 0x80f3: "Appletalk ARP", 0x8137: "IPX", 0x880b: "PPP",
	0x8808: "MPCP", 0x8809: "Slow Protocols", 0x8863: "PPPoE D", 0x8864: "PPPoE S",
	0x888e: "EAPOL", 0x8899: "Realtek protocols", 0x886f: "MS NLB heartbeat",
	0x8870: "Jumbo", 0x894f: "NSH", 0x9000: "Loopback", 0xfefe: "OSI", 0x00fe: "GRE-OSI",
	0xabcd: "CFM (old)", 0x8902: "CFM", 0x893a: "IEEE1905.1", 0x88cc: "LLDP",
	0x88ca: "TIPC", 0x0707: "GeoNet (old)", 0x8947: "GeoNet", 0x1111: "CALM FAST",
	0x88a2: "AoE", 0x88f7: "PTP", 0xd28b: "Arista Vendor Specific Protocol",
}

// ether is tcpdump's ether_common_print; it returns the link header length.
func (p *Printer) ether(off, length, caplen int) int {
	if caplen < 14 {
		p.trunc()
		return caplen
	}
	orig := length
	src, dst := off+6, off
	length -= 12
	caplen -= 12
	off += 12
	hdrlen := 12
	if p.o.Link {
		p.etherAddrs(src, dst)
	}
	lt := p.be16(off)
	length -= 2
	caplen -= 2
	off += 2
	hdrlen += 2
	printedLength := false
	for lt == 0x8100 || lt == 0x9100 || lt == 0x9200 || lt == 0x88a8 {
		if caplen < 4 {
			p.proto = "vlan"
			p.trunc()
			return hdrlen + caplen
		}
		if length < 4 {
			p.proto = "vlan"
			p.trunc()
			return hdrlen + length
		}
		if p.o.Link {
			tag := p.be16(off)
			p.etherType(lt)
			if !printedLength {
				p.s(", length ")
				p.u(uint64(orig))
				p.s(": ")
				printedLength = true
			} else {
				p.s(", ")
			}
			p.s("vlan ")
			p.u(uint64(tag & 0xfff))
			p.s(", p ")
			p.u(uint64(tag >> 13))
			if tag&0x1000 != 0 {
				p.s(", DEI")
			}
			p.s(", ")
		}
		lt = p.be16(off + 2)
		off += 4
		length -= 4
		caplen -= 4
		hdrlen += 4
	}
	if lt <= 1500 {
		// 802.3 length field followed by LLC: not decoded here.
		if lt < uint16(length) {
			length = int(lt)
			if caplen > length {
				caplen = length
			}
		}
		if p.o.Link {
			p.s("802.3")
			if !printedLength {
				p.s(", length ")
				p.u(uint64(length))
				p.s(": ")
			}
		}
		p.s("LLC, length ")
		p.u(uint64(length))
		p.defaultPrint(off, caplen)
		return hdrlen
	}
	if p.o.Link {
		p.etherType(lt)
		if !printedLength {
			p.s(", length ")
			p.u(uint64(orig))
			p.s(": ")
		} else {
			p.s(", ")
		}
	}
	if !p.ethertypePrint(lt, off, length, caplen) {
		if !p.o.Link {
			p.etherAddrs(src, dst)
			p.etherType(lt)
			p.s(", length ")
			p.u(uint64(orig))
			p.s(": ")
		}
		p.defaultPrint(off, caplen)
	}
	return hdrlen
}

func (p *Printer) etherAddrs(src, dst int) {
	p.mac(src)
	p.s(" > ")
	p.mac(dst)
	p.s(", ")
}

func (p *Printer) etherType(t uint16) {
	name, ok := ethertypeNames[t]
	if !p.o.Quiet {
		p.s("ethertype ")
		if ok {
			p.s(name)
		} else {
			p.s("Unknown")
		}
		p.s(" (0x")
		p.xpad(uint64(t), 4)
		p.s(")")
		return
	}
	if ok {
		p.s(name)
	} else {
		p.s("Unknown Ethertype (0x")
		p.xpad(uint64(t), 4)
		p.s(")")
	}
}

func (p *Printer) ethertypePrint(t uint16, off, length, caplen int) bool {
	switch t {
	case 0x0800:
		p.ipPrint(off, length)
		return true
	case 0x86dd:
		p.ip6Print(off, length)
		return true
	case 0x0806, 0x8035:
		p.arpPrint(off, length, caplen)
		return true
	}
	return false
}

var arpHrdNames = map[uint16]string{1: "Ethernet", 6: "TokenRing", 7: "ArcNet", 15: "FrameRelay",
	23: "Strip", 24: "IEEE 1394", 19: "ATM", 32: "InfiniBand"}
var arpOpNames = map[uint16]string{1: "Request", 2: "Reply", 3: "Reverse Request", 4: "Reverse Reply",
	8: "Inverse Request", 9: "Inverse Reply", 10: "NACK Reply"}

func (p *Printer) arpPrint(off, length, caplen int) {
	p.proto = "arp"
	p.check(off, 8) // ND_TCHECK longjmps in print-arp.c
	hrd := p.be16(off)
	pro := p.be16(off + 2)
	hln := int(p.u8(off + 4))
	pln := int(p.u8(off + 5))
	op := p.be16(off + 6)
	sha := off + 8
	spa := sha + hln
	tha := spa + pln
	tpa := tha + hln
	p.check(tpa, pln)
	if !p.o.Link {
		p.s("ARP, ")
	}
	isIP := pro == 0x0800 || pro == 0x1000
	if !isIP || pln != 4 || hln == 0 || p.o.Verbose > 0 {
		if n, ok := arpHrdNames[hrd]; ok {
			p.s(n)
		} else {
			p.s("Unknown Hardware (")
			p.u(uint64(hrd))
			p.s(")")
		}
		p.s(" (len ")
		p.u(uint64(hln))
		p.s("), ")
		if n, ok := ethertypeNames[pro]; ok {
			p.s(n)
		} else {
			p.s("Unknown Protocol (0x")
			p.xpad(uint64(pro), 4)
			p.s(")")
		}
		p.s(" (len ")
		p.u(uint64(pln))
		p.s(")")
		if p.o.Verbose == 0 {
			goto out
		}
	}
	if p.o.Verbose > 0 {
		p.s(", ")
	}
	if n, ok := arpOpNames[op]; ok {
		p.s(n)
	} else {
		p.s("Unknown (")
		p.u(uint64(op))
		p.s(")")
	}
	p.s(" ")
	switch op {
	case 1:
		p.s("who-has ")
		p.arpProtoAddr(tpa, pro, pln)
		nz := false
		for i := 0; i < hln; i++ {
			if p.u8(tha+i) != 0 {
				nz = true
				break
			}
		}
		if nz {
			p.s(" (")
			p.linkAddr(tha, hln)
			p.s(")")
		}
		p.s(" tell ")
		p.arpProtoAddr(spa, pro, pln)
	case 2:
		p.arpProtoAddr(spa, pro, pln)
		p.s(" is-at ")
		p.linkAddr(sha, hln)
	case 3, 8:
		p.s("who-is ")
		p.linkAddr(tha, hln)
		p.s(" tell ")
		p.linkAddr(sha, hln)
	case 4:
		p.linkAddr(tha, hln)
		p.s(" at ")
		p.arpProtoAddr(tpa, pro, pln)
	case 9:
		p.linkAddr(sha, hln)
		p.s(" at ")
		p.arpProtoAddr(spa, pro, pln)
	default:
		// ND_DEFAULTPRINT without the suppress check, as print-arp.c does.
		if n := min(caplen, p.snapend-off); n > 0 {
			p.hexASCII("\n\t", p.pkt[off:off+n])
		}
		return
	}
out:
	p.s(", length ")
	p.u(uint64(length))
}

func (p *Printer) arpProtoAddr(off int, pro uint16, pln int) {
	switch {
	case pro != 0x0800 && pro != 0x1000:
		p.s("<wrong proto type>")
	case pln != 4:
		p.s("<wrong len>")
	default:
		p.ip4(off)
	}
}

func (p *Printer) linkAddr(off, n int) {
	if n == 0 {
		p.s("<empty>")
		return
	}
	p.check(off, n)
	for i := 0; i < n; i++ {
		if i > 0 {
			p.c(':')
		}
		p.hex2(p.pkt[off+i])
	}
}
