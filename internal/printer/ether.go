// Ethernet and 802.1Q, as tcpdump 4.99.3's print-ether.c prints them
// (ether_common_print, ether_print, ethertype_print), with the Ethertype
// names of its ethertype_values. The Ethertype dispatch is a table that
// each protocol printer's file fills in (registerEtherType).

package printer

import "fmt"

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

// etherTypePrinter prints the payload of a frame of one Ethertype: off is
// where it starts, length the bytes on the wire from there and caplen the
// bytes captured.
type etherTypePrinter func(p *Printer, off, length, caplen int)

type etherTypeEntry struct {
	name string // tcpdump's ndo_protocol for the printer
	f    etherTypePrinter
}

// etherTypes holds the printers of ethertype_print's switch that this
// package has; each printer's file registers its Ethertypes.
var etherTypes = map[uint16]etherTypeEntry{}

// registerEtherType makes f, called name, the printer of Ethertype t.
func registerEtherType(t uint16, name string, f etherTypePrinter) {
	if _, dup := etherTypes[t]; dup {
		panic(fmt.Sprintf("printer: Ethertype 0x%04x registered twice", t))
	}
	etherTypes[t] = etherTypeEntry{name, f}
	switch t {
	case 0x0800:
		etherIPv4 = f
	case 0x86dd:
		etherIPv6 = f
	}
}

// etherIPv4 and etherIPv6 are the printers of the Ethertypes most frames
// carry, called without the map lookup.
var etherIPv4, etherIPv6 etherTypePrinter

// ethertypePrint is ethertype_print: false when there is no printer for t.
func (p *Printer) ethertypePrint(t uint16, off, length, caplen int) bool {
	switch {
	case t == 0x0800 && etherIPv4 != nil:
		etherIPv4(p, off, length, caplen)
		return true
	case t == 0x86dd && etherIPv6 != nil:
		etherIPv6(p, off, length, caplen)
		return true
	}
	e, ok := etherTypes[t]
	if !ok {
		return false
	}
	e.f(p, off, length, caplen)
	return true
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
	if lt == 0x88e5 {
		// 802.1AE MACsec (macsec.go).
		var done bool
		var ret int
		off, length, caplen, hdrlen, lt, done, ret = p.macsecEther(off, length, caplen, hdrlen, orig, src, dst)
		if done {
			return ret
		}
		printedLength = p.o.Link
	}
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
		// 802.3: a length, then 802.2 LLC (llc.go).
		return hdrlen + p.llcEncap(off, length, caplen, lt, printedLength, src, dst)
	}
	if lt == 0x8870 {
		// Alteon jumbo frames carry LLC (llc.go).
		return hdrlen + p.llcOrDefault(off, length, caplen, src, dst)
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

// etherPrint is tcpdump's ether_print for an encapsulated Ethernet frame
// of length bytes at off (caplen of them captured).
func (p *Printer) etherPrint(off, length, caplen int) {
	p.proto = "ether"
	if length < caplen {
		p.s("[length ")
		p.u(uint64(length))
		p.s(" < caplen ")
		p.u(uint64(caplen))
		p.s("]")
		p.invalid()
		return
	}
	p.ether(off, length, caplen)
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

func init() {
	registerIPProto(143, "ether", func(p *Printer, d ipPayload) {
		if d.ver != 6 {
			p.wrongIPVersion(143, 6)
			return
		}
		p.etherPrint(d.off, d.length, p.snapend-d.off)
	})
}
