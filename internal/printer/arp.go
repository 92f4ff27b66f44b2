// ARP and RARP, as tcpdump 4.99.3's print-arp.c prints them.

package printer

var arpHrdNames = map[uint16]string{1: "Ethernet", 6: "TokenRing", 7: "ArcNet", 15: "FrameRelay",
	23: "Strip", 24: "IEEE 1394", 19: "ATM", 32: "InfiniBand"}

var arpOpNames = map[uint16]string{1: "Request", 2: "Reply", 3: "Reverse Request", 4: "Reverse Reply",
	8: "Inverse Request", 9: "Inverse Reply", 10: "NACK Reply"}

func init() {
	arp := func(p *Printer, off, length, caplen int) { p.arpPrint(off, length, caplen) }
	registerEtherType(0x0806, "arp", arp)
	registerEtherType(0x8035, "rarp", arp)
}

func (p *Printer) arpPrint(off, length, caplen int) {
	p.proto = "arp"
	p.check(off, 8) // ND_TCHECK longjmps in print-arp.c
	hrd := p.be16(off)
	if hrd == 19 {
		p.atmarpPrint(off, length, caplen)
		return
	}
	fr := hrd == 15 // Frame Relay: Q.922 addresses
	pro := p.be16(off + 2)
	hln := int(p.u8(off + 4))
	pln := int(p.u8(off + 5))
	op := p.be16(off + 6)
	sha := off + 8
	spa := sha + hln
	tha := spa + pln
	tpa := tha + hln
	p.check(tpa, pln)
	if !p.o.Link {
		p.s("ARP, ")
	}
	isIP := pro == 0x0800 || pro == 0x1000
	if !isIP || pln != 4 || hln == 0 || p.o.Verbose > 0 {
		if n, ok := arpHrdNames[hrd]; ok {
			p.s(n)
		} else {
			p.s("Unknown Hardware (")
			p.u(uint64(hrd))
			p.s(")")
		}
		p.s(" (len ")
		p.u(uint64(hln))
		p.s("), ")
		if n, ok := ethertypeNames[pro]; ok {
			p.s(n)
		} else {
			p.s("Unknown Protocol (0x")
			p.xpad(uint64(pro), 4)
			p.s(")")
		}
		p.s(" (len ")
		p.u(uint64(pln))
		p.s(")")
		if p.o.Verbose == 0 {
			goto out
		}
	}
	if p.o.Verbose > 0 {
		p.s(", ")
	}
	if n, ok := arpOpNames[op]; ok {
		p.s(n)
	} else {
		p.s("Unknown (")
		p.u(uint64(op))
		p.s(")")
	}
	p.s(" ")
	switch op {
	case 1:
		p.s("who-has ")
		p.arpProtoAddr(tpa, pro, pln)
		nz := false
		for i := 0; i < hln; i++ {
			if p.u8(tha+i) != 0 {
				nz = true
				break
			}
		}
		if nz {
			p.s(" (")
			p.arpLinkAddr(tha, hln, fr)
			p.s(")")
		}
		p.s(" tell ")
		p.arpProtoAddr(spa, pro, pln)
	case 2:
		p.arpProtoAddr(spa, pro, pln)
		p.s(" is-at ")
		p.arpLinkAddr(sha, hln, fr)
	case 3, 8:
		p.s("who-is ")
		p.arpLinkAddr(tha, hln, fr)
		p.s(" tell ")
		p.arpLinkAddr(sha, hln, fr)
	case 4:
		p.arpLinkAddr(tha, hln, fr)
		p.s(" at ")
		p.arpProtoAddr(tpa, pro, pln)
	case 9:
		p.arpLinkAddr(sha, hln, fr)
		p.s(" at ")
		p.arpProtoAddr(spa, pro, pln)
	default:
		// ND_DEFAULTPRINT without the suppress check, as print-arp.c does.
		if n := min(caplen, p.snapend-off); n > 0 {
			p.hexASCII("\n\t", p.pkt[off:off+n])
		}
		return
	}
out:
	p.s(", length ")
	p.u(uint64(length))
}

// arpLinkAddr is GET_LINKADDR_STRING with LINKADDR_FRELAY (fr) or
// LINKADDR_MAC48.
func (p *Printer) arpLinkAddr(off, n int, fr bool) {
	if fr && n > 0 {
		p.check(off, n)
		p.q922(off, n)
		return
	}
	if n == 6 && p.names != nil {
		p.mac(off) // linkaddr_string hands a MAC-48 to etheraddr_string
		return
	}
	p.linkAddr(off, n)
}

// atmarpPrint is atmarp_print: ARP over ATM (RFC 2225), whose hardware
// addresses are an ATM number and subaddress with type/length fields.
func (p *Printer) atmarpPrint(off, length, caplen int) {
	p.check(off, 12)
	hrd := p.be16(off)
	pro := p.be16(off + 2)
	shl := int(p.pkt[off+4] & 0x3f)
	ssl := int(p.pkt[off+5] & 0x3f)
	op := p.be16(off + 6)
	spl := int(p.pkt[off+8])
	thl := int(p.pkt[off+9] & 0x3f)
	tsl := int(p.pkt[off+10] & 0x3f)
	tpl := int(p.pkt[off+11])
	sha := off + 12
	ssa := sha + shl
	spa := ssa + ssl
	tha := spa + spl
	tsa := tha + thl
	tpa := tsa + tsl
	p.check(tpa, tpl)
	if !p.o.Link {
		p.s("ARP, ")
	}
	isIP := pro == 0x0800 || pro == 0x1000
	addr := func(ha, hl, sa, sl int) {
		if hl == 0 {
			p.s("<No address>")
			return
		}
		p.linkAddr(ha, hl)
		if sl != 0 {
			p.c(',')
			p.linkAddr(sa, sl)
		}
	}
	ip := func(a, l int, what string) {
		switch {
		case !isIP:
			p.s("<wrong proto type>")
		case l != 4:
			p.s("<wrong ")
			p.s(what)
			p.s(">")
		default:
			p.ip4(a)
		}
	}
	if !isIP || spl != 4 || tpl != 4 || p.o.Verbose > 0 {
		if n, ok := arpHrdNames[hrd]; ok {
			p.s(n)
		} else {
			p.s("Unknown Hardware (")
			p.u(uint64(hrd))
			p.s(")")
		}
		p.s(", ")
		if n, ok := ethertypeNames[pro]; ok {
			p.s(n)
		} else {
			p.s("Unknown Protocol (0x")
			p.xpad(uint64(pro), 4)
			p.s(")")
		}
		p.s(" (len ")
		p.u(uint64(spl))
		p.c('/')
		p.u(uint64(tpl))
		p.s(")")
		if p.o.Verbose == 0 {
			goto out
		}
	}
	if p.o.Verbose > 0 {
		p.s(", ")
	}
	if n, ok := arpOpNames[op]; ok {
		p.s(n)
	} else {
		p.s("Unknown (")
		p.u(uint64(op))
		p.s(")")
	}
	p.c(' ')
	switch op {
	case 1:
		p.s("who-has ")
		ip(tpa, tpl, "tplen")
		if thl != 0 {
			p.s(" (")
			addr(tha, thl, tsa, tsl)
			p.s(")")
		}
		p.s(" tell ")
		ip(spa, spl, "splen")
	case 2:
		ip(spa, spl, "splen")
		p.s(" is-at ")
		addr(sha, shl, ssa, ssl)
	case 8:
		p.s("who-is ")
		addr(tha, thl, tsa, tsl)
		p.s(" tell ")
		addr(sha, shl, ssa, ssl)
	case 9:
		addr(sha, shl, ssa, ssl)
		p.s("at ")
		ip(spa, spl, "splen")
	case 10:
		p.s("for ")
		ip(spa, spl, "splen")
	default:
		if n := min(caplen, p.snapend-off); n > 0 {
			p.hexASCII("\n\t", p.pkt[off:off+n])
		}
		return
	}
out:
	p.s(", length ")
	p.u(uint64(length))
}

func (p *Printer) arpProtoAddr(off int, pro uint16, pln int) {
	switch {
	case pro != 0x0800 && pro != 0x1000:
		p.s("<wrong proto type>")
	case pln != 4:
		p.s("<wrong len>")
	default:
		p.ip4(off)
	}
}
