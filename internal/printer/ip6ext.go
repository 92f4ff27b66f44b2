package printer

// IPv6 extension headers as tcpdump 4.99.3 prints them: hop-by-hop and
// destination options (print-ip6opts.c), routing headers (print-rt6.c)
// and the mobility header (print-mobility.c). Each returns the header's
// length, or -1 when tcpdump's printer gives up (having printed why).

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

// ip6FindDst is ip6_finddst: the final destination (from a routing
// header) for the pseudo-header of transport checksums.
func (p *Printer) ip6FindDst(iph int) int {
	cp := iph
	advance := 40
	nh := p.u8(iph + 6)
	dst := iph + 24
	for cp < p.snapend {
		cp += advance
		switch nh {
		case 0, 60, 62, 135:
			advance = (int(p.u8(cp+1)) + 1) << 3
			nh = p.u8(cp)
		case 44:
			advance = 8
			nh = p.u8(cp)
		case 43:
			if !p.ttest(cp, 4) {
				return dst
			}
			ln := int(p.pkt[cp+1])
			switch p.pkt[cp+2] {
			case 0, 2:
				if ln%2 == 1 {
					return dst
				}
				a := cp + 8
				for i := 0; i < ln>>1; i++ {
					if !p.ttest(a, 16) {
						return dst
					}
					dst = a
					a += 16
				}
			case 4:
				if ln%2 == 1 {
					return dst
				}
				if p.ttest(cp+8, 16) {
					dst = cp + 8
				}
			}
			return dst
		default:
			return dst
		}
	}
	return dst
}

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
