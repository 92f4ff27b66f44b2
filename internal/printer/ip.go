// IPv4, as tcpdump 4.99.3's print-ip.c prints it (ip_print, ip_optprint
// and the option printers).

package printer

func init() {
	registerEtherType(0x0800, "ip", func(p *Printer, off, length, caplen int) { p.ipPrint(off, length) })
	registerIPProto(4, "ip", func(p *Printer, d ipPayload) { p.ipPrint(d.off, d.length) })
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
		truncatedOpt := false
		if hlen > 20 {
			p.s(", options (")
			if !p.ipOptions(off+20, hlen-20) {
				p.s(" [truncated-option]")
				truncatedOpt = true
			}
			p.s(")")
		}
		if !p.o.NoChecksums && p.ttest(off, hlen) {
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
		if truncatedOpt {
			p.ip4(off + 12)
			p.s(" > ")
			p.ip4(off + 16)
			p.s(": ")
			p.trunc()
			return
		}
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
		p.s(": ")
		p.ipProtoNumber("ip-proto-", proto)
	}
}

// ipOptions prints IPv4 options as ip_optprint; false means truncated.
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
		case 68:
			if !p.ipTimestamp(off, optLen) {
				return false
			}
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

// ipTimestamp is ip_printts: the timestamp option of length bytes at off
// (its type/flags byte says whether addresses come with the stamps);
// false means truncated.
func (p *Printer) ipTimestamp(off, length int) bool {
	if length < 4 {
		p.s("[bad length ")
		p.u(uint64(length))
		p.s("]")
		return true
	}
	p.s(" TS{")
	fl := p.u8(off + 3)
	hoplen := 8
	if fl&0xf == 0 {
		hoplen = 4 // timestamps only
	}
	if (length-4)&(hoplen-1) != 0 {
		p.s("[bad length ")
		p.u(uint64(length))
		p.s("]")
	}
	ptr := uint32(p.u8(off+2)) - 1
	if ptr < 4 || (ptr-4)&uint32(hoplen-1) != 0 || ptr > uint32(length+1) {
		p.s("[bad ptr ")
		p.u(uint64(p.u8(off + 2)))
		p.s("]")
	}
	l := 0
	switch fl & 0xf {
	case 0:
		p.s("TSONLY")
	case 1:
		p.s("TS+ADDR")
	case 3:
		p.s("PRESPEC")
	default:
		p.s("[bad ts type ")
		p.u(uint64(fl & 0xf))
		p.s("]")
		goto done
	}
	{
		sep := " "
		for l = 4; l < length; l += hoplen {
			if ptr == uint32(l) {
				sep = " ^ "
			}
			if !p.ttest(off+l, hoplen) {
				return false
			}
			p.s(sep)
			p.u(uint64(p.be32(off + l + hoplen - 4)))
			p.c('@')
			if hoplen == 8 {
				p.ip4(off + l)
			}
			sep = " "
		}
	}
done:
	if ptr == uint32(l) {
		p.s(" ^ ")
	}
	if fl>>4 != 0 {
		p.s(" [")
		p.u(uint64(fl >> 4))
		p.s(" hops not recorded]} ")
	} else {
		p.s("}")
	}
	return true
}

// ipFindDst is ip_finddst: the final destination of a source-routed
// datagram (the last address of an LSRR or SSRR option), for the
// pseudo-header of transport checksums.
func (p *Printer) ipFindDst(iph int) int {
	dst := iph + 16
	length := int(p.pkt[iph]&0x0f)*4 - 20
	cp := iph + 20
	for length > 0 {
		tt := p.u8(cp)
		n := 1
		if tt == 0 {
			break
		} else if tt != 1 {
			n = int(p.u8(cp + 1))
			if n < 2 {
				break
			}
		}
		if length < n || !p.ttest(cp, n) {
			return dst
		}
		if (tt == 131 || tt == 137) && n >= 7 {
			return cp + n - 4
		}
		cp += n
		length -= n
	}
	return dst
}
