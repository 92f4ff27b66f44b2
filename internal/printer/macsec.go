// IEEE 802.1AE MACsec (Ethertype 0x88e5), as tcpdump 4.99.3's
// print-macsec.c prints the SecTAG and ether_common_print goes on with
// the frame it protects (or dumps it, when it is encrypted).

package printer

var macsecFlagValues = []tokL2{{0x08, "E"}, {0x04, "C"}, {0x40, "S"}, {0x10, "B"}, {0x20, "I"}}

func (p *Printer) macsecHeader(bp int, sl byte) {
	tci := p.u8(bp)
	pn := p.be32(bp + 2)
	p.s("an ")
	p.u(uint64(tci & 3))
	p.s(", pn ")
	p.u(uint64(pn))
	p.s(", flags ")
	if !p.bittok(macsecFlagValues, uint32(tci&0x7c), "") {
		p.s("none")
	}
	if sl != 0 {
		p.s(", sl ")
		p.u(uint64(sl))
	}
	if tci&0x20 != 0 {
		sci := p.be64(bp + 6)
		p.s(", sci ")
		p.xpad(sci, 16)
	}
	p.s(", ")
}

// macsecEther is the MACsec branch of ether_common_print for the SecTAG
// at off (the type field before it at off-2): with done, the frame is
// finished and ret is the link header length; otherwise the Ethernet
// printer goes on with the protected frame's type lt at off.
func (p *Printer) macsecEther(off, length, caplen, hdrlen, orig, src, dst int) (noff, nlength, ncaplen, nhdrlen int, lt uint16, done bool, ret int) {
	if p.o.Link {
		p.etherType(0x88e5)
		p.s(", length ")
		p.u(uint64(orig))
		p.s(": ")
	}
	saved := p.proto
	p.proto = "macsec"
	h0, c0 := hdrlen, caplen // macsec_print's copies
	fail := func() (int, int, int, int, uint16, bool, int) {
		p.trunc()
		p.proto = saved
		return off, length, caplen, hdrlen, 0, true, h0 + c0
	}
	if caplen < 6 || length < 6 {
		return fail()
	}
	tci := p.u8(off)
	taglen := 6
	if tci&0x20 != 0 {
		taglen = 14
		if caplen < 14 || length < 14 {
			return fail()
		}
	}
	slf := p.u8(off + 1)
	if slf&^0x3f != 0 || tci&0x80 != 0 {
		p.invalid()
		p.proto = saved
		return off, length, caplen, hdrlen, 0, true, h0 + c0
	}
	sl := slf & 0x3f
	if p.o.Link {
		p.macsecHeader(off, sl)
	}
	bp := off
	off += taglen
	hdrlen += taglen
	length -= taglen
	caplen -= taglen
	if tci&0x0c != 0 {
		if !p.o.Link {
			p.mac(src)
			p.s(" > ")
			p.mac(dst)
			p.s(" 802.1AE MACsec, ")
			p.macsecHeader(bp, sl)
		}
		p.proto = saved
		p.defaultPrint(off, caplen)
		return off, length, caplen, hdrlen, 0, true, hdrlen
	}
	if length < 16 || caplen < 16 {
		return fail()
	}
	length -= 16
	caplen -= 16
	p.snapend -= 16
	if sl != 0 {
		if int(sl) > length || int(sl) > caplen {
			return fail()
		}
		if length > int(sl) {
			length = int(sl)
		}
		if caplen > int(sl) {
			caplen = int(sl)
		}
	}
	p.proto = saved
	lt = p.be16(off)
	return off + 2, length - 2, caplen - 2, hdrlen + 2, lt, false, 0
}
