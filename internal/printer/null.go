// BSD loopback captures, DLT_NULL (the address family in the capturing
// host's byte order) and DLT_LOOP (in network byte order), as tcpdump
// 4.99.3's print-null.c prints them (null_if_print, null_hdr_print), and
// raw IP (DLT_RAW, DLT_IPV4, DLT_IPV6) as print-raw.c and ipN_print do.

package printer

// nullHeader is null_hdr_print.
func (p *Printer) nullHeader(family uint32, length int) {
	name, ok := bsdAFNames[uint16(family)] // af.c's bsd_af_values (rip.go)
	ok = ok && family>>16 == 0
	if !p.o.Quiet {
		p.s("AF ")
		if ok {
			p.s(name)
		} else {
			p.s("Unknown")
		}
		p.s(" (")
		p.u(uint64(family))
		p.s(")")
	} else if ok {
		p.s(name)
	} else {
		p.s("Unknown AF ")
		p.u(uint64(family))
	}
	p.s(", length ")
	p.u(uint64(length))
	p.s(": ")
}

// nullIf is null_if_print, which tcpdump uses for DLT_NULL and DLT_LOOP
// alike: a family whose upper 16 bits are not zero is byte-swapped.
func (p *Printer) nullIf(length, caplen int) int {
	p.proto = "null"
	p.check(0, 4)
	b := p.pkt[:4]
	family := uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
	if family&0xffff0000 != 0 {
		family = family>>24 | family>>8&0xff00 | family<<8&0xff0000 | family<<24
	}
	if p.o.Link {
		p.nullHeader(family, length)
	}
	length -= 4
	caplen -= 4
	switch family {
	case 2:
		p.ipPrint(4, length)
	case 24, 28, 30:
		p.ip6Print(4, length)
	default:
		// ISO, AppleTalk, IPX and unknown families: no printer here.
		if !p.o.Link {
			p.nullHeader(family, length+4)
		}
		p.defaultPrint(4, caplen)
	}
	return 4
}

// rawIf is raw_if_print: "ip: " with -e, then ipN_print.
func (p *Printer) rawIf(length int) {
	p.proto = "raw"
	if p.o.Link {
		p.s("ip: ")
	}
	p.proto = "ipn"
	if length < 1 {
		p.s("truncated-ip ")
		p.u(uint64(length))
		return
	}
	switch p.u8(0) & 0xf0 {
	case 0x40:
		p.ipPrint(0, length)
	case 0x60:
		p.ip6Print(0, length)
	default:
		p.s("unknown ip ")
		p.u(uint64(p.u8(0) >> 4))
	}
}
