package printer

var ipprotoNames = map[uint8]string{
	0: "Options", 1: "ICMP", 2: "IGMP", 4: "IPIP", 6: "TCP", 8: "EGP", 9: "IGRP", 17: "UDP",
	33: "DCCP", 41: "IPv6", 43: "Routing", 44: "Fragment", 46: "RSVP", 47: "GRE", 50: "ESP",
	51: "AH", 55: "Mobile IP", 58: "ICMPv6", 62: "Mobile IP (old)", 88: "EIGRP", 89: "OSPF",
	103: "PIM", 108: "Compressed IP", 112: "VRRP", 113: "PGM", 132: "SCTP", 135: "Mobility",
	143: "Ethernet",
}

func (p *Printer) protoName(nh uint8) {
	if n, ok := ipprotoNames[nh]; ok {
		p.s(n)
	} else {
		p.s("unknown")
	}
}

// ipPrint is tcpdump's ip_print: off is the IPv4 header, length the bytes
// the link layer says follow.
func (p *Printer) ipPrint(off, length int) {
	p.proto = "ip"
	v := p.u8(off) >> 4
	if v != 4 {
		if v == 6 {
			p.s("IP6, wrong link-layer encapsulation")
		} else {
			p.s("IP")
			p.u(uint64(v))
		}
		p.s(" (invalid)")
		return
	}
	if !p.o.Link {
		p.s("IP ")
	}
	if !p.ttest(off, 20) {
		p.trunc()
		return
	}
	if length < 20 {
		p.s("truncated-ip ")
		p.u(uint64(length))
		return
	}
	hlen := int(p.pkt[off]&0x0f) * 4
	if hlen < 20 {
		p.s("bad-hlen ")
		p.u(uint64(hlen))
		return
	}
	ln := int(p.be16(off + 2))
	if length < ln {
		p.s("truncated-ip - ")
		p.u(uint64(ln - length))
		p.s(" bytes missing! ")
	}
	if ln < hlen {
		p.s("bad-len ")
		p.u(uint64(ln))
		return
	}
	saved := p.pushSnap(off, ln)
	outerDepth, outerSaved := p.snapDepth, p.snapSaved
	p.snapDepth, p.snapSaved = outerDepth+1, saved
	defer func() { p.snapend, p.snapDepth, p.snapSaved = saved, outerDepth, outerSaved }()
	ln -= hlen
	frag := p.be16(off + 6)
	proto := p.u8(off + 9)
	if p.o.Verbose > 0 {
		tos := p.u8(off + 1)
		p.s("(tos 0x")
		p.x(uint64(tos))
		switch tos & 3 {
		case 1:
			p.s(",ECT(1)")
		case 2:
			p.s(",ECT(0)")
		case 3:
			p.s(",CE")
		}
		ttl := p.u8(off + 8)
		if ttl >= 1 {
			p.s(", ttl ")
			p.u(uint64(ttl))
		}
		p.s(", id ")
		p.u(uint64(p.be16(off + 4)))
		p.s(", offset ")
		p.u(uint64(frag&0x1fff) * 8)
		p.s(", flags [")
		fl := frag & 0xe000
		if fl == 0 {
			p.s("none")
		} else {
			sep := ""
			if fl&0x2000 != 0 {
				p.s("+")
				sep = ", "
			}
			if fl&0x4000 != 0 {
				p.s(sep)
				p.s("DF")
				sep = ", "
			}
			if fl&0x8000 != 0 {
				p.s(sep)
				p.s("rsvd")
			}
		}
		p.s("], proto ")
		p.protoName(proto)
		p.s(" (")
		p.u(uint64(proto))
		p.s("), length ")
		p.u(uint64(p.be16(off + 2)))
		if hlen > 20 {
			p.s(", options (")
			if !p.ipOptions(off+20, hlen-20) {
				p.s(" [truncated-option]")
				p.s(")")
				p.s(")\n    ")
				p.ip4(off + 12)
				p.s(" > ")
				p.ip4(off + 16)
				p.s(": ")
				p.trunc()
				return
			}
			p.s(")")
		}
		if p.ttest(off, hlen) {
			sum := cksum(0, p.pkt[off:off+hlen])
			if sum != 0 {
				ipsum := p.be16(off + 10)
				p.s(", bad cksum ")
				p.x(uint64(ipsum))
				p.s(" (->")
				p.x(uint64(shouldBe(ipsum, sum)))
				p.s(")!")
			}
		}
		p.s(")\n    ")
	}
	if frag&0x1fff == 0 {
		if proto != 6 && proto != 17 && proto != 132 && proto != 33 {
			p.ip4(off + 12)
			p.s(" > ")
			p.ip4(off + 16)
			p.s(": ")
		}
		if !p.ttest(off, hlen) {
			p.s(" [remaining caplen(")
			p.u(uint64(p.snapend - off))
			p.s(") < header length(")
			p.u(uint64(hlen))
			p.s(")]")
			panic(truncated{})
		}
		p.ipDemux(off+hlen, ln, 4, frag&0x2000 != 0, proto, off)
	} else {
		p.ip4(off + 12)
		p.s(" > ")
		p.ip4(off + 16)
		p.s(": ip-proto-")
		p.u(uint64(proto))
	}
}

// ipOptions prints IPv4 options as ip_optprint; false means truncated.
// (The timestamp option's contents are not printed.)
func (p *Printer) ipOptions(off, length int) bool {
	sep := ""
	for length > 0 {
		p.s(sep)
		sep = ","
		code := p.u8(off)
		switch code {
		case 0:
			p.s("EOL")
		case 1:
			p.s("NOP")
		case 68:
			p.s("timestamp")
		case 130:
			p.s("security")
		case 7:
			p.s("RR")
		case 137:
			p.s("SSRR")
		case 131:
			p.s("LSRR")
		case 148:
			p.s("RA")
		case 82:
			p.s("traceroute")
		default:
			p.s("unknown ")
			p.u(uint64(code))
		}
		optLen := 1
		if code != 0 && code != 1 {
			optLen = int(p.u8(off + 1))
			if optLen < 2 {
				p.s(" [bad length ")
				p.u(uint64(optLen))
				p.s("]")
				return true
			}
		}
		if optLen > length {
			p.s(" [bad length ")
			p.u(uint64(optLen))
			p.s("]")
			return true
		}
		if !p.ttest(off, optLen) {
			return false
		}
		switch code {
		case 0:
			return true
		case 7, 131, 137:
			if !p.ipRoute(off, optLen) {
				return false
			}
		case 148:
			if optLen < 4 {
				p.s(" [bad length ")
				p.u(uint64(optLen))
				p.s("]")
			} else if v := p.be16(off + 2); v != 0 {
				p.s(" value ")
				p.u(uint64(v))
			}
		}
		off += optLen
		length -= optLen
	}
	return true
}

func (p *Printer) ipRoute(off, length int) bool {
	if length < 3 {
		p.s(" [bad length ")
		p.u(uint64(length))
		p.s("]")
		return true
	}
	if (length+1)&3 != 0 {
		p.s(" [bad length ")
		p.u(uint64(length))
		p.s("]")
	}
	ptr := uint32(p.u8(off+2)) - 1
	if ptr < 3 || (ptr+1)&3 != 0 || ptr > uint32(length+1) {
		p.s(" [bad ptr ")
		p.u(uint64(p.u8(off + 2)))
		p.s("]")
	}
	for l := 3; l < length; l += 4 {
		if !p.ttest(off+l, 4) {
			return false
		}
		p.c(' ')
		p.ip4(off + l)
		if ptr > uint32(l) {
			p.c(',')
		}
	}
	return true
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
			p.proto = "frag6"
			if p.o.Verbose > 0 {
				p.check(cp, 8)
			}
			offlg := p.be16(cp + 2)
			rest := 40 + uint64(p.be16(off+4)) - uint64(cp-off) - 8
			if p.o.Verbose > 0 {
				p.s("frag (0x")
				p.xpad(uint64(p.be32(cp+4)), 8)
				p.s(":")
			} else {
				p.s("frag (")
			}
			p.u(uint64(offlg & 0xfff8))
			p.s("|")
			p.u(rest)
			p.s(")")
			if offlg&0xfff8 != 0 {
				return
			}
			p.s(" ")
			advance = 8
			if p.snapend <= cp+advance {
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

// ipDemux is tcpdump's ip_demux_print for the protocols we decode.
func (p *Printer) ipDemux(off, length int, ver int, fragmented bool, nh uint8, iph int) {
	switch nh {
	case 6:
		p.tcpPrint(off, length, iph, fragmented)
	case 17:
		p.udpPrint(off, length, iph, fragmented)
	case 1:
		if ver == 4 {
			p.icmpPrint(off, length, iph, fragmented)
		} else {
			p.s("[ICMP requires IPv4] (invalid)")
		}
	case 58:
		if ver == 6 {
			p.icmp6Print(off, length, iph, fragmented)
		} else {
			p.s("[ICMPv6 requires IPv6] (invalid)")
		}
	case 4:
		p.ipPrint(off, length)
	case 41:
		p.ip6Print(off, length)
	case 143:
		if ver == 6 {
			p.etherPrint(off, length, p.snapend-off)
		} else {
			p.s("[Ethernet requires IPv6] (invalid)")
		}
	case 59:
		p.s("no next header")
	case 77:
		p.s(" nd ")
		p.u(uint64(length))
	default:
		p.s(" ip-proto-")
		p.u(uint64(nh))
		p.s(" ")
		p.u(uint64(length))
	}
}

// ---- checksums ----

// cksum adds data to a one's complement sum and returns the folded,
// complemented result when called with the final chunk (in_cksum).
func sum16(acc uint32, b []byte) uint32 {
	n := len(b)
	i := 0
	for ; i+1 < n; i += 2 {
		acc += uint32(b[i])<<8 | uint32(b[i+1])
	}
	if n&1 == 1 {
		acc += uint32(b[n-1]) << 8
	}
	return acc
}

func fold(acc uint32) uint16 {
	for acc>>16 != 0 {
		acc = acc&0xffff + acc>>16
	}
	return ^uint16(acc)
}

func cksum(acc uint32, b []byte) uint16 { return fold(sum16(acc, b)) }

func shouldBe(sum, computed uint16) uint16 {
	s := uint32(sum) + uint32(computed)
	s = s&0xffff + s>>16
	s = s&0xffff + s>>16
	return uint16(s)
}

// pseudoSum returns the pseudo-header sum for the transport checksum.
func (p *Printer) pseudoSum(iph int, proto uint8, length int) uint32 {
	if p.pkt[iph]>>4 == 4 {
		acc := sum16(0, p.pkt[iph+12:iph+20])
		return acc + uint32(proto) + uint32(uint16(length))
	}
	acc := sum16(0, p.pkt[iph+8:iph+24])
	dst := iph + 24
	switch p.pkt[iph+6] {
	case 0, 60, 62, 135, 44, 43:
		dst = p.ip6FindDst(iph)
	}
	acc = sum16(acc, p.pkt[dst:dst+16])
	return acc + uint32(proto) + uint32(length>>16) + uint32(length&0xffff)
}
