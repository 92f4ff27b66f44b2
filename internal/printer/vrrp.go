// VRRP versions 2 and 3 (RFC 3768, RFC 5798), as tcpdump 4.99.3's
// print-vrrp.c prints it; with Options.CARP (tcpdump's -T carp) IP
// protocol 112 is CARP instead.

package printer

func init() {
	registerIPProto(112, "vrrp", func(p *Printer, d ipPayload) {
		if p.o.CARP {
			p.carpPrint(d.off, d.length, d.ttl)
			return
		}
		p.vrrpPrint(d.off, d.length, d.iph, d.ttl, d.ver)
	})
}

func (p *Printer) vrrpPrint(bp, length, iph int, ttl uint8, ver int) {
	p.proto = "vrrp"
	p.s("VRRP")
	b := p.u8(bp)
	version, typ := b>>4, b&0x0f
	p.s("v")
	p.u(uint64(version))
	p.s(", ")
	if typ == 1 {
		p.s("Advertisement")
	} else {
		p.s("unknown type (")
		p.u(uint64(typ))
		p.s(")")
	}
	if ttl != 255 {
		p.s(", (ttl ")
		p.u(uint64(ttl))
		p.s(")")
	}
	if version < 2 || version > 3 || typ != 1 {
		return
	}
	vrid, prio := p.u8(bp+1), p.u8(bp+2)
	p.s(", vrid ")
	p.u(uint64(vrid))
	p.s(", prio ")
	p.u(uint64(prio))
	auth := uint8(0)
	if version == 2 {
		auth = p.u8(bp + 4)
		p.s(", authtype ")
		switch auth {
		case 0:
			p.s("none")
		case 1:
			p.s("simple")
		case 2:
			p.s("ah")
		default:
			p.c('#')
			p.u(uint64(auth))
		}
		intvl := p.u8(bp + 5)
		p.s(", intvl ")
		p.u(uint64(intvl))
		p.s("s, length ")
		p.u(uint64(uint32(length)))
	} else {
		intvl := uint16(p.u8(bp+4)&0x0f)<<8 | uint16(p.u8(bp+5))
		p.s(", intvl ")
		p.u(uint64(intvl))
		p.s("cs, length ")
		p.u(uint64(uint32(length)))
	}
	if p.o.Verbose == 0 {
		return
	}
	naddrs := int(p.u8(bp + 3))
	if p.ttest(bp, length) {
		var sum uint16
		if version == 2 {
			sum = cksum(0, p.pkt[bp:bp+length])
		} else {
			sum = cksum(p.pseudoSum(iph, 112, length), p.pkt[bp:bp+length])
		}
		if sum != 0 {
			// The field is read before anything is printed, as C
			// evaluates ND_PRINT's arguments first.
			c := p.be16(bp + 6)
			p.s(", (bad vrrp cksum ")
			p.x(uint64(c))
			p.s(")")
		}
	}
	p.s(", addrs")
	if naddrs > 1 {
		p.c('(')
		p.u(uint64(naddrs))
		p.c(')')
	}
	p.c(':')
	c := byte(' ')
	a := bp + 8
	for i := 0; i < naddrs; i++ {
		if ver == 4 {
			p.check(a, 4)
		} else {
			p.check(a, 16)
		}
		p.c(c)
		if ver == 4 {
			p.ip4(a)
			a += 4
		} else {
			p.ip6(a)
			a += 16
		}
		c = ','
	}
	if version == 2 && auth == 1 {
		p.s(" auth \"")
		p.printjnp(a, 8)
		p.c('"')
	}
}
