// Linux cooked captures, v1 (DLT_LINUX_SLL) and v2 (DLT_LINUX_SLL2, what
// tcpdump -i any writes), as tcpdump 4.99.3's print-sll.c prints them
// (sll_if_print, sll2_if_print, sll_print, sll2_print): the interface name
// and packet type of v2 first, the cooked header with -e, then the
// payload by its protocol, 802.1Q tags unwrapped.

package printer

const (
	sllHdrLen  = 16
	sll2HdrLen = 20
	sllP8023   = 0x0001 // Novell 802.3 without an LLC header
	sllP8022   = 0x0004 // 802.2 LLC
)

var sllPktTypes = [...]string{"In", "B", "M", "P", "Out"}

func sllPktType(t uint16) string {
	if int(t) < len(sllPktTypes) {
		return sllPktTypes[t]
	}
	return "?"
}

// sPadRight appends s padded with spaces to width (printf's %-Ns).
func (p *Printer) sPadRight(s string, width int) {
	p.s(s)
	for i := len(s); i < width; i++ {
		p.c(' ')
	}
}

// sPadLeft appends s right-aligned to width (printf's %Ns).
func (p *Printer) sPadLeft(s string, width int) {
	for i := len(s); i < width; i++ {
		p.c(' ')
	}
	p.s(s)
}

// sllProto is the protocol part of sll_print and sll2_print.
func (p *Printer) sllProto(t uint16, length int) {
	if p.o.Quiet {
		return
	}
	if t <= 1500 {
		switch t {
		case sllP8023:
			p.s("802.3")
		case sllP8022:
			p.s("802.2")
		default:
			p.s("ethertype Unknown (0x")
			p.xpad(uint64(t), 4)
			p.s(")")
		}
	} else {
		p.s("ethertype ")
		if n, ok := ethertypeNames[t]; ok {
			p.s(n)
		} else {
			p.s("Unknown")
		}
		p.s(" (0x")
		p.xpad(uint64(t), 4)
		p.s(")")
	}
	p.s(", length ")
	p.u(uint64(length))
	p.s(": ")
}

// sllHeader is sll_print: -e's part of a v1 header at 0.
func (p *Printer) sllHeader(length int) {
	p.proto = "sll"
	p.sPadLeft(sllPktType(p.be16(0)), 3)
	p.c(' ')
	if p.be16(4) == 6 {
		p.mac(6)
		p.c(' ')
	}
	p.sllProto(p.be16(14), length)
}

// sll2Header is sll2_print: -e's part of a v2 header at 0.
func (p *Printer) sll2Header(length int) {
	p.proto = "sll2"
	p.s("ifindex ")
	p.u(uint64(p.be32(4)))
	p.c(' ')
	if p.u8(11) == 6 {
		p.mac(12)
		p.c(' ')
	}
	p.sllProto(p.be16(0), length)
}

// sllIf is sll_if_print.
func (p *Printer) sllIf(length, caplen int) int {
	p.proto = "sll"
	p.check(0, sllHdrLen)
	if p.o.Link {
		p.sllHeader(length)
	}
	return p.sllPayload(p.be16(2), p.be16(14), sllHdrLen, length-sllHdrLen, caplen-sllHdrLen, func(l int) { p.sllHeader(l) })
}

// sll2If is sll2_if_print.
func (p *Printer) sll2If(length, caplen int) int {
	p.proto = "sll2"
	p.check(0, sll2HdrLen)
	name := p.ifName(int(p.be32(4)))
	if name == "" {
		name = "?"
	}
	p.sPadRight(name, 5)
	p.c(' ')
	p.sPadRight(sllPktType(uint16(p.u8(10))), 3)
	p.c(' ')
	if p.o.Link {
		p.sll2Header(length)
	}
	return p.sllPayload(p.be16(8), p.be16(0), sll2HdrLen, length-sll2HdrLen, caplen-sll2HdrLen, func(l int) { p.sll2Header(l) })
}

// sllPayload is what sll_if_print and sll2_if_print share after the
// header: the payload at off by its protocol t; header prints the cooked
// header (sll_print or sll2_print) for an unknown Ethertype without -e.
func (p *Printer) sllPayload(hatype, t uint16, off, length, caplen int, header func(int)) int {
	hdrlen, base := off, off
	if hatype == 803 {
		// Radiotap: tcpdump's 802.11 printer; this package has none.
		p.defaultPrint(off, caplen)
		return hdrlen
	}
	for {
		switch {
		case t == sllP8022:
			if h := p.llcPrint(off, length, caplen, -1, -1); h >= 0 {
				return hdrlen + h
			}
			p.defaultPrint(off, caplen)
			return hdrlen
		case t <= 1500:
			// 802.3 (IPX): no printer here, the raw packet as tcpdump
			// prints an unknown type.
			p.defaultPrint(off, caplen)
			return hdrlen
		case t == 0x8100:
			if caplen < 4 {
				p.proto = "vlan"
				p.trunc()
				return hdrlen + caplen
			}
			if p.o.Link {
				tag := p.be16(off)
				p.s("vlan ")
				p.u(uint64(tag & 0xfff))
				p.s(", p ")
				p.u(uint64(tag >> 13))
				if tag&0x1000 != 0 {
					p.s(", DEI")
				}
				p.s(", ")
			}
			t = p.be16(off + 2)
			if t <= 1500 {
				t = sllP8022
			}
			if !p.o.Quiet {
				p.s("ethertype ")
				if n, ok := ethertypeNames[t]; ok {
					p.s(n)
				} else {
					p.s("Unknown")
				}
				p.s(", ")
			}
			off += 4
			length -= 4
			caplen -= 4
			hdrlen += 4
			continue
		}
		if !p.ethertypePrint(t, off, length, caplen) {
			if !p.o.Link {
				header(length + base)
			}
			p.defaultPrint(off, caplen)
		}
		return hdrlen
	}
}
