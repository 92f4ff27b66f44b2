// PPP over Ethernet (Ethertypes 0x8863 discovery and 0x8864 session), as
// tcpdump 4.99.3's print-pppoe.c prints it: the header, the discovery
// tags as text or hex, and the PPP frame of a session (ppp.go).

package printer

var pppoeCodeValues = []tokL2{
	{0x09, "PADI"}, {0x07, "PADO"}, {0x19, "PADR"}, {0x65, "PADS"}, {0xa7, "PADT"}, {0, ""},
}

var pppoeTagValues = []tokL2{
	{0, "EOL"}, {0x0101, "Service-Name"}, {0x0102, "AC-Name"}, {0x0103, "Host-Uniq"},
	{0x0104, "AC-Cookie"}, {0x0105, "Vendor-Specific"}, {0x0110, "Relay-Session-ID"},
	{0x0120, "PPP-Max-Payload"}, {0x0201, "Service-Name-Error"}, {0x0202, "AC-System-Error"},
	{0x0203, "Generic-Error"},
}

// pppoePrint is pppoe_print.
func (p *Printer) pppoePrint(bp, length int) {
	p.proto = "pppoe"
	if length < 6 {
		p.s(" (length ")
		p.u(uint64(uint32(length)))
		p.s(" < 6)")
		p.invalid()
		return
	}
	length -= 6
	p.check(bp, 6)
	b0 := p.pkt[bp]
	ver, typ := b0>>4, b0&0x0f
	code := p.pkt[bp+1]
	sid := p.be16(bp + 2)
	plen := int(p.be16(bp + 4))
	payload := bp + 6
	if ver != 1 {
		p.s(" [ver ")
		p.u(uint64(ver))
		p.s("]")
	}
	if typ != 1 {
		p.s(" [type ")
		p.u(uint64(typ))
		p.s("]")
	}
	p.s("PPPoE ")
	p.tokStrX(pppoeCodeValues, uint32(code), "PAD-", 0, "")
	if code == 0x09 && plen > 1484-6 {
		p.s(" [len ")
		p.u(uint64(plen))
		p.s("!]")
	}
	if plen > length {
		p.s(" [len ")
		p.u(uint64(plen))
		p.s(" > ")
		p.u(uint64(length))
		p.s("!]")
		plen = length
	}
	if sid != 0 {
		p.s(" [ses 0x")
		p.x(uint64(sid))
		p.s("]")
	}
	if code == 0 {
		p.c(' ')
		p.pppPrint(payload, plen)
		return
	}
	tagType := uint16(0xffff)
	for t := payload; tagType != 0 && t < payload+plen; {
		p.check(t, 4)
		tagType = p.be16(t)
		tagLen := int(p.be16(t + 2))
		t += 4
		if tagLen == 0 {
			p.s(" [")
			p.tokStrX(pppoeTagValues, uint32(tagType), "TAG-0x", 0, "")
			p.s("]")
			continue
		}
		p.check(t, tagLen)
		ascii, garbage := 0, 0
		n := tagLen
		if n > 79 {
			n = 79
		}
		for _, c := range p.pkt[t : t+n] {
			if c >= 0x20 && c <= 0x7e {
				ascii++
			} else {
				garbage++
			}
		}
		p.s(" [")
		p.tokStrX(pppoeTagValues, uint32(tagType), "TAG-0x", 0, "")
		if ascii > garbage {
			p.s(" \"")
			for _, c := range p.pkt[t : t+n] {
				if c >= 0x20 && c <= 0x7e {
					p.c(c)
				} else {
					p.c('.')
				}
			}
			p.s("\"]")
		} else {
			p.s(" 0x")
			for _, c := range p.pkt[t : t+tagLen] {
				p.hex2u(c)
			}
			p.s("]")
		}
		t += tagLen
	}
}

func init() {
	for _, t := range []uint16{0x8863, 0x8864, 0x3c12, 0x3c13} {
		registerEtherType(t, "pppoe", func(p *Printer, off, length, caplen int) { p.pppoePrint(off, length) })
	}
}
