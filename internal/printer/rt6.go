// IPv6 routing headers (types 0, 2 and 4), as tcpdump 4.99.3's
// print-rt6.c prints them.

package printer

// rt6 is rt6_print.
func (p *Printer) rt6(cp int) int {
	p.proto = "rt6"
	p.s("RT6")
	ln := p.u8(cp + 1)
	p.s(" (len=")
	p.u(uint64(ln))
	typ := p.u8(cp + 2)
	p.s(", type=")
	p.u(uint64(typ))
	if typ == 0 {
		p.s(" [Deprecated]")
	}
	segleft := p.u8(cp + 3)
	p.s(", segleft=")
	p.u(uint64(segleft))
	switch typ {
	case 0, 2:
		if rsv := p.be32(cp + 4); rsv != 0 || p.o.Verbose > 0 {
			p.s(", rsv=0x")
			p.x(uint64(rsv))
		}
	case 4:
		last := p.u8(cp + 4)
		p.s(", last-entry=")
		p.u(uint64(last))
		if fl := p.u8(cp + 5); fl != 0 || p.o.Verbose > 0 {
			p.s(", flags=0x")
			p.x(uint64(fl))
		}
		tag := p.be16(cp + 6)
		p.s(", tag=")
		p.x(uint64(tag))
	default:
		p.s(" (unknown type)")
		p.invalid()
		return -1
	}
	if ln%2 == 1 {
		p.s(" (invalid length ")
		p.u(uint64(ln))
		p.s(")")
		p.invalid()
		return -1
	}
	a := cp + 8
	for i := 0; i < int(ln>>1); i++ {
		p.check(a, 16)
		p.s(", [")
		p.u(uint64(i))
		p.s("]")
		p.ip6(a)
		a += 16
	}
	p.s(") ")
	return (int(p.u8(cp+1)) + 1) << 3
}
