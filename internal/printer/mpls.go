// MPLS label stacks (Ethertypes 0x8847, 0x8848), as tcpdump 4.99.3's
// print-mpls.c prints them, with its guess of what follows the bottom of
// the stack (IPv4, IPv6 or OSI, from the reserved labels or the first
// byte of the payload).

package printer

var mplsLabelName = [16]string{
	"IPv4 explicit NULL", "router alert", "IPv6 explicit NULL", "implicit NULL", "rsvd",
	"rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd",
}

// mplsPrint is mpls_print.
func (p *Printer) mplsPrint(bp, length int) {
	p.proto = "mpls"
	pp := bp
	depth := 0
	p.s("MPLS")
	var entry uint32
	for {
		if length < 4 {
			p.invalid()
			p.check(pp, length)
			return
		}
		entry = p.be32(pp)
		label := entry >> 12
		if depth > 0 && p.o.Verbose > 0 {
			p.s("\n\t(label ")
		} else {
			p.s(" (label ")
		}
		p.u(uint64(label))
		depth++
		if p.o.Verbose > 0 && label < 16 {
			p.s(" (")
			p.s(mplsLabelName[label])
			p.s(")")
		}
		p.s(", tc ")
		p.u(uint64(entry >> 9 & 7))
		if entry>>8&1 != 0 {
			p.s(", [S]")
		}
		p.s(", ttl ")
		p.u(uint64(entry & 0xff))
		p.s(")")
		pp += 4
		length -= 4
		if entry>>8&1 != 0 {
			break
		}
	}
	pt := 0 // 4, 6, or 1 for OSI
	switch entry >> 12 {
	case 0, 3:
		pt = 4
	case 2:
		pt = 6
	default:
		if length < 1 {
			return
		}
		switch b := p.u8(pp); {
		case b >= 0x45 && b <= 0x4f:
			pt = 4
		case b >= 0x60 && b <= 0x6f:
			pt = 6
		case b >= 0x81 && b <= 0x83:
			pt = 1
		}
	}
	if pt == 0 {
		p.defaultPrintLen(pp, length)
		return
	}
	if p.o.Verbose > 0 {
		p.s("\n\t")
	} else {
		p.c(' ')
	}
	switch pt {
	case 4:
		p.ipPrint(pp, length)
	case 6:
		p.ip6Print(pp, length)
	default:
		p.isoclnsPrint(pp, length)
	}
}

func init() {
	for _, t := range []uint16{0x8847, 0x8848} {
		registerEtherType(t, "mpls", func(p *Printer, off, length, caplen int) { p.mplsPrint(off, length) })
	}
}
