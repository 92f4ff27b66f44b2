// IPv6, as tcpdump 4.99.3's print-ip6.c prints it (ip6_print with its
// walk over the extension headers, ip6_finddst).

package printer

func init() {
	registerEtherType(0x86dd, "ip6", func(p *Printer, off, length, caplen int) { p.ip6Print(off, length) })
	registerIPProto(41, "ip6", func(p *Printer, d ipPayload) { p.ip6Print(d.off, d.length) })
}

// ip6Print is tcpdump's ip6_print, extension headers included.
func (p *Printer) ip6Print(off, length int) {
	p.proto = "ip6"
	if !p.ttest(off, 40) {
		p.trunc()
		return
	}
	if length < 40 {
		p.s("truncated-ip6 ")
		p.u(uint64(length))
		return
	}
	if !p.o.Link {
		p.s("IP6 ")
	}
	if v := p.pkt[off] >> 4; v != 6 {
		p.s("version error: ")
		p.u(uint64(v))
		p.s(" != 6")
		return
	}
	plen := uint32(p.be16(off + 4))
	// ln is tcpdump's u_int len.
	var ln uint32
	if plen != 0 {
		ln = plen + 40
		if uint32(length) < ln {
			p.s("truncated-ip6 - ")
			p.u(uint64(ln - uint32(length)))
			p.s(" bytes missing!")
		}
	} else {
		ln = uint32(length) + 40
	}
	nh := p.u8(off + 6)
	if p.o.Verbose > 0 {
		flow := p.be32(off)
		p.s("(")
		if flow&0x0ff00000 != 0 {
			p.s("class 0x")
			p.xpad(uint64((flow&0x0ff00000)>>20), 2)
			p.s(", ")
		}
		if flow&0x000fffff != 0 {
			p.s("flowlabel 0x")
			p.xpad(uint64(flow&0x000fffff), 5)
			p.s(", ")
		}
		p.s("hlim ")
		p.u(uint64(p.u8(off + 7)))
		p.s(", next-header ")
		p.protoName(nh)
		p.s(" (")
		p.u(uint64(nh))
		p.s(") payload length: ")
		p.u(uint64(plen))
		p.s(") ")
	}
	// nd_push_snaplen, and what nd_change_snaplen will compare with: the
	// snapshot end saved by the push below ours, or with no push below,
	// the current end.
	saved := p.pushSnapU(off, ln)
	outerDepth, outerSaved := p.snapDepth, p.snapSaved
	p.snapDepth, p.snapSaved = outerDepth+1, saved
	defer func() { p.snapend, p.snapDepth, p.snapSaved = saved, outerDepth, outerSaved }()
	change := func(n uint32) {
		prev := p.snapend
		if outerDepth > 0 {
			prev = outerSaved
		}
		if n <= uint32(prev-off) {
			p.snapend = off + int(n)
		}
	}

	cp := off
	advance := 40
	total := uint32(0)
	fragmented := false
	foundExt, foundJumbo, foundHBH := false, false, false
	ph := uint8(255)
	for cp < p.snapend && advance > 0 {
		if ln < uint32(advance) {
			p.trunc()
			return
		}
		cp += advance
		ln -= uint32(advance)
		total += uint32(advance)
		if cp == off+40 && nh != 6 && nh != 17 && nh != 33 && nh != 132 {
			p.ip6(off + 8)
			p.s(" > ")
			p.ip6(off + 24)
			p.s(": ")
		}
		switch nh {
		case 0: // hop-by-hop options
			if foundHBH {
				p.s("[The Hop-by-Hop Options header was already found]")
				p.invalid()
				return
			}
			if ph != 255 {
				p.s("[The Hop-by-Hop Options header don't follow the IPv6 header]")
				p.invalid()
				return
			}
			advance = p.hbhOpts(cp, &foundJumbo, &plen)
			if plen == 0 && !foundJumbo {
				p.s("[No valid Jumbo Payload Hop-by-Hop option found]")
				p.invalid()
				return
			}
			if advance < 0 {
				return
			}
			foundExt, foundHBH = true, true
			nh = p.u8(cp)
		case 60: // destination options
			advance = p.dstOpts(cp)
			if advance < 0 {
				return
			}
			foundExt = true
			nh = p.u8(cp)
		case 44: // fragment
			advance = p.frag6(cp, off)
			if advance < 0 || p.snapend <= cp+advance {
				return
			}
			foundExt = true
			nh = p.u8(cp)
			fragmented = true
		case 135, 62: // mobility
			if p.mobility(cp) < 0 {
				return
			}
			return
		case 43: // routing
			if !p.ttest(cp, 1) {
				p.trunc()
				return
			}
			advance = p.rt6(cp)
			if advance < 0 {
				return
			}
			foundExt = true
			nh = p.u8(cp)
		default:
			if foundJumbo {
				ln = plen + 40
				if ln < total {
					p.trunc()
					return
				}
				if uint32(length) < ln {
					p.s("truncated-ip6 - ")
					p.u(uint64(ln - uint32(length)))
					p.s(" bytes missing!")
				}
				change(ln)
				ln -= total
			} else if plen == 0 {
				if foundExt {
					p.trunc()
					return
				}
				ln = 40
				change(ln)
				ln -= total
			}
			p.ipDemux(cp, int(ln), 6, fragmented, nh, off)
			return
		}
		ph = nh
		p.proto = "ip6"
	}
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
