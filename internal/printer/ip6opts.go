// IPv6 hop-by-hop and destination options headers, as tcpdump 4.99.3's
// print-ip6opts.c prints them (hbhopt_process, dstopt_process,
// ip6_opt_process, ip6_sopt_print).

package printer

// hbhOpts is hbhopt_process.
func (p *Printer) hbhOpts(cp int, foundJumbo *bool, plen *uint32) int {
	p.proto = "hbhopt"
	n := (int(p.u8(cp+1)) + 1) << 3
	if !p.ttest(cp, n) {
		p.trunc()
		return -1
	}
	p.s("HBH ")
	if !p.ip6Opts(cp+2, n-2, true, foundJumbo, plen) {
		p.trunc()
		return -1
	}
	return n
}

// dstOpts is dstopt_process.
func (p *Printer) dstOpts(cp int) int {
	p.proto = "dstopt"
	n := (int(p.u8(cp+1)) + 1) << 3
	if !p.ttest(cp, n) {
		p.trunc()
		return -1
	}
	p.s("DSTOPT ")
	if p.o.Verbose > 0 {
		var fj bool
		var pl uint32
		if !p.ip6Opts(cp+2, n-2, false, &fj, &pl) {
			p.trunc()
			return -1
		}
	}
	return n
}

// ip6Opts is ip6_opt_process over the options of a hop-by-hop (hbh) or
// destination options header; false means tcpdump's "trunc" return.
// foundJumbo and plen are updated for a valid Jumbo Payload option.
func (p *Printer) ip6Opts(bp, ln int, hbh bool, foundJumbo *bool, plen *uint32) bool {
	v := p.o.Verbose > 0
	if ln == 0 {
		return true
	}
	seen := false
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
		switch typ {
		case 0:
			if v {
				p.s("(pad1)")
			}
		case 1:
			if ln-i < 2 {
				p.s("(padn: trunc)")
				return false
			}
			if v {
				p.s("(padn)")
			}
		case 5:
			if ln-i < 4 {
				p.s("(rtalert: trunc)")
				return false
			}
			if l := p.u8(bp + i + 1); l != 2 {
				p.s("(rtalert: invalid len ")
				p.u(uint64(l))
				p.s(")")
				return false
			}
			if v {
				val := p.be16(bp + i + 2)
				p.s("(rtalert: 0x")
				p.xpad(uint64(val), 4)
				p.s(") ")
			}
		case 0xc2:
			if ln-i < 6 {
				p.s("(jumbo: trunc)")
				return false
			}
			if l := p.u8(bp + i + 1); l != 4 {
				p.s("(jumbo: invalid len ")
				p.u(uint64(l))
				p.s(")")
				return false
			}
			jl := p.be32(bp + i + 2)
			why := ""
			if seen {
				why = " - already seen"
			} else {
				seen = true
				switch {
				case !hbh:
					why = " - not a hop-by-hop option"
				case *plen != 0:
					why = " - payload len != 0"
				case jl < 65536:
					why = " - < 65536"
				default:
					*foundJumbo = true
					*plen = jl
				}
			}
			if v {
				p.s("(jumbo: ")
				p.u(uint64(jl))
				p.s(why)
				p.s(") ")
			}
		case 0xc9:
			if ln-i < 18 {
				p.s("(homeaddr: trunc)")
				return false
			}
			l := p.u8(bp + i + 1)
			if l < 16 {
				p.s("(homeaddr: invalid len ")
				p.u(uint64(l))
				p.s(")")
				return false
			}
			if v {
				p.check(bp+i+2, 16)
				p.s("(homeaddr: ")
				p.ip6(bp + i + 2)
				if l > 16 && !p.ip6SubOpts(bp+i+18, optlen-18) {
					return false
				}
				p.s(")")
			}
		default:
			if ln-i < 2 {
				p.s("(type ")
				p.u(uint64(typ))
				p.s(": trunc)")
				return false
			}
			if v {
				p.s("(opt_type 0x")
				p.hex2(typ)
				p.s(": len=")
				p.u(uint64(p.u8(bp + i + 1)))
				p.s(")")
			}
		}
	}
	if v {
		p.s(" ")
	}
	return true
}

// ip6SubOpts is ip6_sopt_print (the sub-options of a home address option).
func (p *Printer) ip6SubOpts(bp, ln int) bool {
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
		switch typ {
		case 0:
			p.s(", pad1")
		case 1:
			if ln-i < 2 {
				p.s(", padn: trunc")
				return false
			}
			p.s(", padn")
		default:
			if ln-i < 2 {
				p.s(", sopt_type ")
				p.u(uint64(typ))
				p.s(": trunc)")
				return false
			}
			p.s(", sopt_type 0x")
			p.hex2(typ)
			p.s(": len=")
			p.u(uint64(p.u8(bp + i + 1)))
		}
	}
	return true
}
