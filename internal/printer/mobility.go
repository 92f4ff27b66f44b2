// The IPv6 mobility header (RFC 6275), as tcpdump 4.99.3's
// print-mobility.c prints it (mobility_print, mobility_opt_print).

package printer

var ip6mNames = [...]string{"BRR", "HoTI", "CoTI", "HoT", "CoT", "BU", "BA", "BE"}

var ip6mHdrLen = [...]int{8, 16, 16, 24, 24, 12, 12, 24}

// mobility is mobility_print.
func (p *Printer) mobility(cp int) int {
	p.proto = "mobility"
	if !p.ttest(cp+1, 1) {
		p.trunc()
		return -1
	}
	mhlen := (int(p.pkt[cp+1]) + 1) << 3
	typ := p.u8(cp + 2)
	if int(typ) < len(ip6mHdrLen) && mhlen < ip6mHdrLen[typ] {
		p.s("(header length ")
		p.u(uint64(mhlen))
		p.s(" is too small for type ")
		p.u(uint64(typ))
		p.s(")")
		p.trunc()
		return -1
	}
	p.s("mobility: ")
	if int(typ) < len(ip6mNames) {
		p.s(ip6mNames[typ])
	} else {
		p.s("type-#")
		p.u(uint64(typ))
	}
	v := p.o.Verbose > 0
	cookie := func(at int, home bool, what string) {
		a, b := p.be32(at), p.be32(at+4)
		if home {
			p.s(" Home")
		} else {
			p.s(" Care-of")
		}
		p.s(what)
		p.xpad(uint64(a), 8)
		p.c(':')
		p.xpad(uint64(b), 8)
	}
	hlen := 8
	switch typ {
	case 0:
	case 1, 2:
		if v {
			cookie(cp+8, typ == 1, " Init Cookie=")
		}
		hlen = 16
	case 3, 4:
		n := p.be16(cp + 6)
		p.s(" nonce id=0x")
		p.x(uint64(n))
		if v {
			cookie(cp+8, typ == 3, " Init Cookie=")
			cookie(cp+16, typ == 3, " Keygen Token=")
		}
		hlen = 24
	case 5:
		seq := p.be16(cp + 6)
		p.s(" seq#=")
		p.u(uint64(seq))
		if !p.ttest(cp+8, 2) {
			p.trunc()
			return -1
		}
		if bits := p.pkt[cp+8] >> 4; bits != 0 {
			p.c(' ')
			for i, n := range [...]string{"A", "H", "L", "K"} {
				if bits&(8>>i) != 0 {
					p.s(n)
				}
			}
		}
		lt := p.be16(cp + 10)
		p.s(" lifetime=")
		p.u(uint64(lt) << 2)
		hlen = 12
	case 6:
		st := p.u8(cp + 6)
		p.s(" status=")
		p.u(uint64(st))
		if p.u8(cp+7)&0x80 != 0 {
			p.s(" K")
		}
		seq := p.be16(cp + 8)
		p.s(" seq#=")
		p.u(uint64(seq))
		lt := p.be16(cp + 10)
		p.s(" lifetime=")
		p.u(uint64(lt) << 2)
		hlen = 12
	case 7:
		st := p.u8(cp + 6)
		p.s(" status=")
		p.u(uint64(st))
		p.check(cp+8, 16)
		p.s(" homeaddr ")
		p.ip6(cp + 8)
		hlen = 24
	default:
		p.s(" len=")
		p.u(uint64(p.pkt[cp+1]))
		return mhlen
	}
	if v && !p.mobilityOpts(cp+hlen, mhlen-hlen) {
		p.trunc()
		return -1
	}
	return mhlen
}

// mobilityOpts is mobility_opt_print; false means truncated.
func (p *Printer) mobilityOpts(bp, ln int) bool {
	optlen := 0
	for i := 0; i < ln; i += optlen {
		typ := p.u8(bp + i)
		if typ == 0 {
			optlen = 1
		} else if i+1 < ln {
			optlen = int(p.u8(bp+i+1)) + 2
		} else {
			return false
		}
		if i+optlen > ln {
			return false
		}
		if !p.ttest(bp+i+optlen, 1) {
			return false
		}
		switch typ {
		case 0:
			p.s("(pad1)")
		case 1:
			if ln-i < 2 {
				p.s("(padn: trunc)")
				return false
			}
			p.s("(padn)")
		case 2:
			if ln-i < 4 {
				p.s("(refresh: trunc)")
				return false
			}
			r := p.be16(bp + i + 2)
			p.s("(refresh: ")
			p.u(uint64(r) << 2)
			p.s(")")
		case 3:
			if ln-i < 18 {
				p.s("(altcoa: trunc)")
				return false
			}
			p.check(bp+i+2, 16)
			p.s("(alt-CoA: ")
			p.ip6(bp + i + 2)
			p.s(")")
		case 4:
			if ln-i < 6 {
				p.s("(ni: trunc)")
				return false
			}
			ho, co := p.be16(bp+i+2), p.be16(bp+i+4)
			p.s("(ni: ho=0x")
			p.xpad(uint64(ho), 4)
			p.s(" co=0x")
			p.xpad(uint64(co), 4)
			p.s(")")
		case 5:
			if ln-i < 12 {
				p.s("(auth: trunc)")
				return false
			}
			p.s("(auth)")
		default:
			if ln-i < 2 {
				p.s("(sopt_type ")
				p.u(uint64(typ))
				p.s(": trunc)")
				return false
			}
			p.s("(type-0x")
			p.hex2(typ)
			p.s(": len=")
			p.u(uint64(p.u8(bp + i + 1)))
			p.s(")")
		}
	}
	return true
}
