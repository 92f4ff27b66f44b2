// Geneve (UDP port 6081), as tcpdump 4.99.3's print-geneve.c prints it:
// the header and options, then the frame it carries (Ethernet, or a
// protocol of ethertype_print).

package printer

func init() {
	registerUDP("geneve", func(p *Printer, d portPayload) { p.genevePrint(d.off, d.length) })
}

var geneveFlags = [...]struct {
	bit  byte
	name string
}{{0x80, "O"}, {0x40, "C"}, {0x20, "R1"}, {0x10, "R2"}, {0x08, "R3"}, {0x04, "R4"}, {0x02, "R5"}, {0x01, "R6"}}

func (p *Printer) genevePrint(bp, length int) {
	p.proto = "geneve"
	p.s("Geneve")
	if length < 8 {
		p.s(" [length ")
		p.u(uint64(length))
		p.s(" < 8]")
		p.invalid()
		return
	}
	if !p.ttest(bp, 8) {
		p.trunc()
		return
	}
	verOpt := p.pkt[bp]
	if v := verOpt >> 6; v != 0 {
		p.s(" ERROR: unknown-version ")
		p.u(uint64(v))
		return
	}
	flags := p.pkt[bp+1]
	prot := p.be16(bp + 2)
	vni := p.be32(bp+4) >> 8
	rsvd := p.pkt[bp+7]
	length -= 8
	bp += 8
	p.s(", Flags [")
	if flags == 0 {
		p.s("none")
	}
	for _, f := range geneveFlags {
		if flags&f.bit != 0 {
			p.s(f.name)
		}
	}
	p.s("], vni 0x")
	p.x(uint64(vni))
	if rsvd != 0 {
		p.s(", rsvd 0x")
		p.x(uint64(rsvd))
	}
	if p.o.Link {
		p.s(", proto ")
		if n, ok := ethertypeNames[prot]; ok {
			p.s(n)
		} else {
			p.s("unknown")
		}
		p.s(" (0x")
		p.xpad(uint64(prot), 4)
		p.s(")")
	}
	optsLen := int(verOpt&0x3f) * 4
	if length < optsLen {
		p.s(" truncated-geneve - ")
		p.u(uint64(optsLen - length))
		p.s(" bytes missing")
		return
	}
	if !p.ttest(bp, optsLen) {
		p.trunc()
		return
	}
	if optsLen > 0 {
		p.s(", options [")
		if p.o.Verbose > 0 {
			p.geneveOpts(bp, optsLen)
		} else {
			p.u(uint64(optsLen))
			p.s(" bytes")
		}
		p.s("]")
	}
	bp += optsLen
	length -= optsLen
	if p.o.Verbose < 1 {
		p.s(": ")
	} else {
		p.s("\n\t")
	}
	if !p.ethertypePrint(prot, bp, length, p.snapend-bp) {
		if prot == 0x6558 {
			p.etherPrint(bp, length, p.snapend-bp)
		} else {
			p.s("geneve-proto-0x")
			p.x(uint64(prot))
		}
	}
}

func (p *Printer) geneveOptClass(c uint16) {
	switch {
	case c == 0x0100:
		p.s("Linux")
	case c == 0x0101:
		p.s("Open vSwitch")
	case c == 0x0102:
		p.s("Open Virtual Networking (OVN)")
	case c == 0x0103:
		p.s("In-band Network Telemetry (INT)")
	case c == 0x0104:
		p.s("VMware")
	case c <= 0x00ff:
		p.s("Standard")
	case c >= 0xfff0:
		p.s("Experimental")
	default:
		p.s("Unknown")
	}
}

func (p *Printer) geneveOpts(bp, length int) {
	sep := ""
	for length > 0 {
		p.s(sep)
		sep = ", "
		class := p.be16(bp)
		typ := p.u8(bp + 2)
		olen := 4 + int(p.u8(bp+3)&0x1f)*4
		p.s("class ")
		p.geneveOptClass(class)
		p.s(" (0x")
		p.x(uint64(class))
		p.s(") type 0x")
		p.x(uint64(typ))
		if typ&0x80 != 0 {
			p.s("(C)")
		}
		p.s(" len ")
		p.u(uint64(olen))
		if olen > length {
			p.s(" [bad length]")
			return
		}
		if p.o.Verbose > 1 && olen > 4 {
			p.s(" data")
			for i := 4; i < olen; i += 4 {
				p.s(" ")
				p.xpad(uint64(p.be32(bp+i)), 8)
			}
		}
		bp += olen
		length -= olen
	}
}
