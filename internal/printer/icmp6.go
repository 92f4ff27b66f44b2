// ICMPv6, as tcpdump 4.99.3's print-icmp6.c prints it (icmp6_print), with
// what that file keeps beside it: the neighbor discovery options
// (icmp6_opt_print), MLDv1 and MLDv2 (mld6_print, mldv2_report_print,
// mldv2_query_print) and get_upperlayer for port unreachables.

package printer

func init() {
	registerIPProto(58, "icmp6", func(p *Printer, d ipPayload) {
		if d.ver != 6 {
			p.wrongIPVersion(58, 6)
			return
		}
		p.icmp6Print(d.off, d.length, d.iph, d.fragmented)
	})
}

var icmp6TypeNames = map[uint8]string{1: "destination unreachable", 2: "packet too big",
	3: "time exceeded in-transit", 4: "parameter problem", 128: "echo request", 129: "echo reply",
	130: "multicast listener query", 131: "multicast listener report", 132: "multicast listener done",
	133: "router solicitation", 134: "router advertisement", 135: "neighbor solicitation",
	136: "neighbor advertisement", 137: "redirect", 138: "router renumbering",
	141: "inverse neighbor solicitation", 142: "inverse neighbor advertisement",
	143: "multicast listener report v2", 144: "ha discovery request", 145: "ha discovery reply",
	146: "mobile router solicitation", 147: "mobile router advertisement", 139: "who-are-you request",
	140: "who-are-you reply", 200: "mtrace response", 201: "mtrace message", 155: "RPL"}

var icmp6UnreachNames = map[uint8]string{0: "unreachable route", 1: " unreachable prohibited",
	2: "beyond scope", 3: "unreachable address", 4: "unreachable port"}

var icmp6OptNames = map[uint8]string{1: "source link-address", 2: "destination link-address",
	3: "prefix info", 4: "redirected header", 5: "mtu", 25: "rdnss", 31: "dnssl",
	7: "advertisement interval", 8: "homeagent information", 24: "route info"}

func (p *Printer) icmp6Print(off, length, iph int, fragmented bool) {
	p.proto = "icmp6"
	if length == 0 {
		p.s("ICMP6, length 0 (invalid)")
		return
	}
	if p.o.Verbose > 0 && !fragmented && p.ttest(off, length) {
		csum := p.be16(off + 2)
		sum := cksum(p.pseudoSum(iph, 58, length), p.pkt[off:off+length])
		if sum != 0 {
			p.s("[bad icmp6 cksum 0x")
			p.xpad(uint64(csum), 4)
			p.s(" -> 0x")
			p.xpad(uint64(shouldBe(csum, sum)), 4)
			p.s("!] ")
		} else {
			p.s("[icmp6 sum ok] ")
		}
	}
	typ := p.u8(off)
	p.s("ICMP6, ")
	if n, ok := icmp6TypeNames[typ]; ok {
		p.s(n)
	} else {
		p.s("unknown icmp6 type (")
		p.u(uint64(typ))
		p.s(")")
	}
	if p.o.Verbose > 0 && (typ == 133 || typ == 134 || typ == 136 || typ == 135 || typ == 137 || typ == 145 || typ == 147) {
		p.s(", length ")
		p.u(uint64(length))
	}
	code := p.u8(off + 1)
	oip := off + 8
	switch typ {
	case 1:
		p.s(", ")
		if n, ok := icmp6UnreachNames[code]; ok {
			p.s(n)
		} else {
			p.s("unknown unreach code (")
			p.u(uint64(code))
			p.s(")")
		}
		switch code {
		case 0, 1, 3:
			p.check(oip+24, 16)
			p.c(' ')
			p.ip6(oip + 24)
		case 2:
			p.check(oip+8, 32)
			p.c(' ')
			p.ip6(oip + 24)
			p.s(", source address ")
			p.ip6(oip + 8)
		case 4:
			th, nh := p.upperLayer(oip)
			if th < 0 {
				p.trunc()
				return
			}
			dport := p.be16(th + 2)
			p.s(", ")
			p.ip6(oip + 24)
			switch nh {
			case 6:
				p.s(" tcp port ")
				p.tcpPort(dport)
			case 17:
				p.s(" udp port ")
				p.udpPort(dport)
			default:
				p.s(" protocol ")
				p.u(uint64(nh))
				p.s(" port ")
				p.u(uint64(dport))
				p.s(" unreachable")
			}
		default:
			if p.o.Verbose <= 1 {
				p.unknownData(off, "\n\t", length)
				return
			}
		}
	case 2:
		mtu := p.be32(off + 4)
		p.s(", mtu ")
		p.u(uint64(mtu))
	case 3:
		switch code {
		case 0:
			p.check(oip+24, 16)
			p.s(" for ")
			p.ip6(oip + 24)
		case 1:
			p.s(" (reassembly)")
		default:
			p.s(", unknown code (")
			p.u(uint64(code))
			p.s(")")
		}
	case 4:
		if !p.ttest(oip+24, 16) {
			// ND_TCHECK: icmp6_print's own trunc label.
			p.trunc()
			return
		}
		if code <= 3 {
			p.check(off+4, 4)
		}
		switch code {
		case 0:
			p.s(", erroneous - octet ")
		case 1:
			p.s(", next header - octet ")
		case 2:
			p.s(", option - octet ")
		case 3:
			p.s(", incomplete header chain - octet ")
		default:
			p.s(", code-#")
			p.u(uint64(code))
		}
		if code <= 3 {
			p.u(uint64(p.be32(off + 4)))
		}
	case 128, 129:
		id, seq := p.be16(off+4), p.be16(off+6)
		p.s(", id ")
		p.u(uint64(id))
		p.s(", seq ")
		p.u(uint64(seq))
	case 130:
		if length == 24 {
			p.mld6(off)
		} else if length >= 28 {
			p.s(" v2")
			p.mldv2Query(off, length)
		} else {
			p.s(" unknown-version (len ")
			p.u(uint64(length))
			p.s(") ")
		}
	case 131, 132:
		p.mld6(off)
	case 133:
		if p.o.Verbose > 0 && !p.icmp6Opts(off+8, length-8) {
			p.trunc()
			return
		}
	case 134:
		if p.o.Verbose > 0 {
			p.check(off+4, 12)
			fl := p.pkt[off+5]
			p.s("\n\thop limit ")
			p.u(uint64(p.pkt[off+4]))
			p.s(", Flags [")
			p.bits8(fl, raFlags[:], "none")
			p.s("], pref ")
			p.s(rtpref(fl))
			p.s(", router lifetime ")
			p.u(uint64(p.be16(off + 6)))
			p.s("s, reachable time ")
			p.u(uint64(p.be32(off + 8)))
			p.s("ms, retrans timer ")
			p.u(uint64(p.be32(off + 12)))
			p.s("ms")
			if !p.icmp6Opts(off+16, length-16) {
				p.trunc()
				return
			}
		}
	case 143:
		p.mldv2Report(off, length)
	case 144, 146:
		id := p.be16(off + 4)
		p.s(", id 0x")
		p.xpad(uint64(id), 4)
	case 145:
		if p.o.Verbose > 0 {
			id := p.be16(off + 4)
			p.s(", id 0x")
			p.xpad(uint64(id), 4)
			for a := off + 8; a < off+length; a += 16 {
				p.check(a, 16)
				p.s(", ")
				p.ip6(a)
			}
		}
	case 147:
		if p.o.Verbose > 0 {
			id := p.be16(off + 4)
			p.s(", id 0x")
			p.xpad(uint64(id), 4)
			fl := p.be16(off + 6)
			if fl&0xc000 != 0 {
				p.c(' ')
			}
			if fl&0x8000 != 0 {
				p.c('M')
			}
			if fl&0x4000 != 0 {
				p.c('O')
			}
			if !p.icmp6Opts(off+8, length-8) {
				p.trunc()
				return
			}
		}
	case 135:
		p.check(off+8, 16)
		p.s(", who has ")
		p.ip6(off + 8)
		if p.o.Verbose > 0 && !p.icmp6Opts(off+24, length-24) {
			p.trunc()
			return
		}
	case 136:
		p.check(off+8, 16)
		p.s(", tgt is ")
		p.ip6(off + 8)
		if p.o.Verbose > 0 {
			p.check(off+4, 4)
			fl := p.be32(off + 4)
			p.s(", Flags [")
			if fl&0xe0000000 == 0 {
				p.s("none")
			} else {
				sep := ""
				for i, n := range [...]string{"router", "solicited", "override"} {
					if fl&(0x80000000>>i) != 0 {
						p.s(sep)
						p.s(n)
						sep = ", "
					}
				}
			}
			p.s("]")
			if !p.icmp6Opts(off+24, length-24) {
				p.trunc()
				return
			}
		}
	case 137:
		p.check(off+24, 16)
		p.s(", ")
		p.ip6(off + 24)
		p.check(off+8, 16)
		p.s(" to ")
		p.ip6(off + 8)
		if p.o.Verbose > 0 && !p.icmp6Opts(off+40, length-40) {
			p.trunc()
			return
		}
	case 141, 142:
	case 138:
		p.icmp6RRenum(off)
	case 139, 140:
		p.icmp6NodeInfo(length, off)
	case 155:
		p.rplPrint(code, off+4, length-4)
	default:
		p.s(", length ")
		p.u(uint64(length))
		if p.o.Verbose <= 1 {
			p.unknownData(off, "\n\t", length)
		}
		return
	}
	if p.o.Verbose == 0 {
		p.s(", length ")
		p.u(uint64(length))
	}
}

// icmp6Opts prints neighbor discovery options as icmp6_opt_print; false
// means truncated.
func (p *Printer) icmp6Opts(bp, resid int) bool {
	cp := bp
	for cp < p.snapend {
		if !p.ttest(cp+1, 1) {
			return false
		}
		if resid <= 0 {
			return true
		}
		typ := p.pkt[cp]
		ol := int(p.pkt[cp+1])
		if ol == 0 || cp+ol*8 > p.snapend {
			return false
		}
		p.s("\n\t  ")
		if n, ok := icmp6OptNames[typ]; ok {
			p.s(n)
		} else {
			p.s("unknown")
		}
		p.s(" option (")
		p.u(uint64(typ))
		p.s("), length ")
		p.u(uint64(ol * 8))
		p.s(" (")
		p.u(uint64(ol))
		p.s("): ")
		switch typ {
		case 1, 2:
			for i := 0; i < ol*8-2; i++ {
				if i > 0 {
					p.c(':')
				}
				p.hex2(p.u8(cp + 2 + i))
			}
		case 3:
			p.check(cp, 32)
			p.ip6(cp + 16)
			p.c('/')
			p.u(uint64(p.pkt[cp+2]))
			if ol != 4 {
				p.s("badlen")
			}
			p.s(", Flags [")
			p.bits8(p.pkt[cp+3], piFlags[:], "none")
			p.s("], valid time ")
			p.lifetime(p.be32(cp + 4))
			p.s(", pref. time ")
			p.lifetime(p.be32(cp + 8))
		case 4:
			p.unknownData(bp, "\n\t    ", ol*8)
		case 5:
			mtu := p.be32(cp + 4)
			p.c(' ')
			p.u(uint64(mtu))
			if ol != 1 {
				p.s("bad option length")
			}
		case 7:
			iv := p.be32(cp + 4)
			p.c(' ')
			p.u(uint64(iv))
			p.s("ms")
		case 8:
			pref, lt := p.be16(cp+4), p.be16(cp+6)
			p.s(" preference ")
			p.u(uint64(pref))
			p.s(", lifetime ")
			p.u(uint64(lt))
		case 24:
			if !p.ttest(cp+4, 4) {
				return false
			}
			var in6 [16]byte
			switch ol {
			case 1:
			case 2:
				p.check(cp+8, 8)
				copy(in6[:], p.pkt[cp+8:cp+16])
			case 3:
				p.check(cp+8, 16)
				copy(in6[:], p.pkt[cp+8:cp+24])
			default:
				return false
			}
			plen := p.u8(cp + 2)
			p.c(' ')
			p.ip6b(in6[:])
			p.c('/')
			p.u(uint64(plen))
			fl := p.u8(cp + 3)
			p.s(", pref=")
			p.s(rtpref(fl))
			p.s(", lifetime=")
			p.lifetime(p.be32(cp + 4))
		case 25:
			lt := p.be32(cp + 4)
			p.s(" lifetime ")
			p.u(uint64(lt))
			p.s("s,")
			for i := 0; i < (ol-1)/2; i++ {
				a := cp + 8 + 16*i
				p.check(a, 16)
				p.s(" addr: ")
				p.ip6(a)
			}
		case 31:
			lt := p.be32(cp + 4)
			p.s(" lifetime ")
			p.u(uint64(lt))
			p.s("s, domain(s):")
			dom := cp + 8
			for dom < cp+ol*8 && p.u8(dom) != 0 {
				p.c(' ')
				if dom = p.fqdn(dom, bp); dom == nilp {
					return false
				}
			}
		default:
			if p.o.Verbose <= 1 {
				p.unknownData(cp+2, "\n\t  ", ol*8-2)
				return true
			}
		}
		if p.o.Verbose > 1 {
			p.unknownData(cp+2, "\n\t    ", ol*8-2)
		}
		cp += ol * 8
		resid -= ol * 8
	}
	return true
}

var raFlags = [...]bitName{{0x80, "managed"}, {0x40, "other stateful"}, {0x20, "home agent"}, {0x02, "ipv6 only"}}

var piFlags = [...]bitName{{0x80, "onlink"}, {0x40, "auto"}, {0x20, "router"}}

// rtpref is get_rtpref: the router preference bits of a flags byte.
func rtpref(v uint8) string {
	return [...]string{"medium", "high", "rsv", "low"}[(v&0x18)>>3]
}

// lifetime is get_lifetime.
func (p *Printer) lifetime(v uint32) {
	if v == 0xffffffff {
		p.s("infinity")
		return
	}
	p.u(uint64(v))
	p.c('s')
}

// mld6 is mld6_print (MLDv1 query, report and done).
func (p *Printer) mld6(bp int) {
	if bp+24 > p.snapend {
		return
	}
	p.s("max resp delay: ")
	p.u(uint64(p.be16(bp + 4)))
	p.s(" addr: ")
	p.ip6(bp + 8)
}

var mldv2RecNames = [...]string{1: "is_in", 2: "is_ex", 3: "to_in", 4: "to_ex", 5: "allow", 6: "block"}

// mldv2Report is mldv2_report_print.
func (p *Printer) mldv2Report(bp, length int) {
	if length < 8 {
		p.s(" [invalid len ")
		p.u(uint64(length))
		p.s("]")
		return
	}
	ngroups := int(p.be16(bp + 6))
	p.s(", ")
	p.u(uint64(ngroups))
	p.s(" group record(s)")
	if p.o.Verbose == 0 {
		return
	}
	group := 8
	for i := 0; i < ngroups; i++ {
		if length < group+20 {
			p.s(" [invalid number of groups]")
			return
		}
		p.check(bp+group+4, 16)
		p.s(" [gaddr ")
		p.ip6(bp + group + 4)
		rt := p.u8(bp + group)
		p.c(' ')
		if int(rt) < len(mldv2RecNames) && mldv2RecNames[rt] != "" {
			p.s(mldv2RecNames[rt])
		} else {
			p.s(" [v2-report-#")
			p.u(uint64(rt))
			p.s("]")
		}
		nsrcs := int(p.be16(bp + group + 2))
		if length < group+20+nsrcs*16 {
			p.s(" [invalid number of sources ")
			p.u(uint64(nsrcs))
			p.s("]")
			return
		}
		if p.o.Verbose == 1 {
			p.s(", ")
			p.u(uint64(nsrcs))
			p.s(" source(s)")
		} else {
			p.s(" {")
			for j := 0; j < nsrcs; j++ {
				a := bp + group + 20 + j*16
				p.check(a, 16)
				p.c(' ')
				p.ip6(a)
			}
			p.s(" }")
		}
		group += 20 + nsrcs*16
		p.s("]")
	}
}

// mldv2Query is mldv2_query_print.
func (p *Printer) mldv2Query(bp, length int) {
	if length < 28 {
		p.s(" [invalid len ")
		p.u(uint64(length))
		p.s("]")
		return
	}
	mrc := uint32(p.be16(bp + 4))
	mrt := mrc
	if mrc >= 32768 {
		mrt = ((mrc & 0x0fff) | 0x1000) << (((mrc & 0x7000) >> 12) + 3)
	}
	if p.o.Verbose > 0 {
		p.s(" [max resp delay=")
		p.u(uint64(mrt))
		p.s("]")
	}
	p.check(bp+8, 16)
	p.s(" [gaddr ")
	p.ip6(bp + 8)
	if p.o.Verbose > 0 {
		f := p.u8(bp + 24)
		if f&0x08 != 0 {
			p.s(" sflag")
		}
		if f&0x07 != 0 {
			p.s(" robustness=")
			p.u(uint64(f & 7))
		}
		q := uint32(p.u8(bp + 25))
		if q >= 128 {
			q = ((q & 0x0f) | 0x10) << (((q & 0x70) >> 4) + 3)
		}
		p.s(" qqi=")
		p.u(uint64(q))
	}
	nsrcs := int(p.be16(bp + 26))
	if nsrcs > 0 {
		if length < 28+nsrcs*16 {
			p.s(" [invalid number of sources]")
		} else if p.o.Verbose > 1 {
			p.s(" {")
			for i := 0; i < nsrcs; i++ {
				a := bp + 28 + i*16
				p.check(a, 16)
				p.c(' ')
				p.ip6(a)
			}
			p.s(" }")
		} else {
			p.s(", ")
			p.u(uint64(nsrcs))
			p.s(" source(s)")
		}
	}
	p.s("]")
}

// upperLayer is get_upperlayer: the TCP or UDP header of the datagram
// quoted at ip6 (following extension headers), or -1.
func (p *Printer) upperLayer(ip6 int) (int, uint8) {
	if !p.ttest(ip6+6, 1) {
		return -1, 0
	}
	nh := p.pkt[ip6+6]
	bp := ip6
	hlen := 40
	for bp < p.snapend {
		bp += hlen
		switch nh {
		case 6, 17:
			if p.ttest(bp+2, 2) {
				return bp, nh
			}
			return -1, nh
		case 0, 60, 43:
			if !p.ttest(bp+1, 1) {
				return -1, nh
			}
			nh = p.pkt[bp]
			hlen = (int(p.pkt[bp+1]) + 1) << 3
		case 44:
			if !p.ttest(bp+2, 2) {
				return -1, nh
			}
			if p.be16(bp+2)&0xfff8 != 0 {
				return -1, nh
			}
			nh = p.pkt[bp]
			hlen = 8
		case 51:
			if !p.ttest(bp+1, 1) {
				return -1, nh
			}
			nh = p.pkt[bp]
			hlen = (int(p.pkt[bp+1]) + 2) << 2
		default:
			return -1, nh
		}
	}
	return -1, nh
}

// dnsnamePrint is dnsname_print: the uncompressed DNS name from cp to the
// snapshot end, in quotes.
func (p *Printer) dnsnamePrint(cp int) {
	ep := p.snapend
	p.s(", \"")
	for cp < ep {
		i := int(p.u8(cp))
		cp++
		if i != 0 {
			if i > ep-cp {
				p.s("???")
				break
			}
			for ; i > 0 && cp < ep; i-- {
				p.fnPrintChar(p.u8(cp))
				cp++
			}
			if cp+1 < ep && p.u8(cp) != 0 {
				p.c('.')
			}
		} else {
			if cp == ep {
				p.c('.')
			} else if cp+1 == ep && p.u8(cp) == 0 {
				// truncated
			} else {
				p.s("???")
			}
			break
		}
	}
	p.c('"')
}

// niName prints the name of a node information query or reply at cp:
// the draft-03 Pascal string, or a DNS name.
func (p *Printer) niName(cp int) {
	ep := p.snapend
	if int(p.u8(cp)) == ep-cp-1 {
		if p.o.Verbose > 0 {
			p.s(", 03 draft")
		}
		cp++
		p.s(", \"")
		for ; cp < ep; cp++ {
			p.fnPrintChar(p.u8(cp))
		}
		p.c('"')
		return
	}
	p.dnsnamePrint(cp)
}

// niAddrFlags prints the node-addresses flags of a node information
// message.
func (p *Printer) niAddrFlags(i uint16, truncate bool) {
	p.s(" [")
	for _, f := range [...]struct {
		bit  uint16
		name byte
	}{{0x40, 'a'}, {0x20, 'G'}, {0x10, 'S'}, {0x08, 'L'}, {0x04, 'C'}, {0x02, 'A'}} {
		if i&f.bit != 0 {
			p.c(f.name)
		}
	}
	if truncate && i&0x01 != 0 {
		p.c('T')
	}
	p.s("]")
}

// icmp6NodeInfo is icmp6_nodeinfo_print: a node information query or
// reply (RFC 4620) of icmp6len bytes at bp; its fields run to the end of
// the captured data.
func (p *Printer) icmp6NodeInfo(icmp6len, bp int) {
	ep := p.snapend
	if ep < bp {
		return
	}
	siz := ep - bp
	switch p.u8(bp) {
	case 139:
		if siz == 12 {
			p.s(" who-are-you request")
			return
		}
		p.s(" node information query")
		if !p.ttest(bp, 16) {
			p.trunc()
			return
		}
		p.s(" (")
		qtype := p.be16(bp + 4)
		flags := p.be16(bp + 6)
		switch qtype {
		case 0:
			p.s("noop")
		case 1:
			p.s("supported qtypes")
			if flags != 0 {
				p.s(" [")
				if flags&1 != 0 {
					p.c('C')
				}
				p.s("]")
			}
		case 2:
			p.s("DNS name")
		case 3:
			p.s("node addresses")
			if flags != 0 {
				p.niAddrFlags(flags, false)
			}
		default:
			p.s("unknown")
		}
		if qtype == 0 || qtype == 1 {
			if siz != 16 && p.o.Verbose > 0 {
				p.s(", invalid len")
			}
			p.s(")")
			return
		}
		if siz == 16 {
			p.s(", 03 draft)")
			return
		}
		cp := bp + 16
		switch p.u8(bp + 1) {
		case 0:
			if !p.ttest(bp, 32) {
				break
			}
			if siz != 32 {
				if p.o.Verbose > 0 {
					p.s(", invalid subject len")
				}
				break
			}
			p.s(", subject=")
			p.ip6(cp)
		case 1:
			p.s(", subject=DNS name")
			p.niName(cp)
		case 2:
			if !p.ttest(bp, 20) {
				break
			}
			if siz != 20 {
				if p.o.Verbose > 0 {
					p.s(", invalid subject len")
				}
				break
			}
			p.s(", subject=")
			p.ip4(cp)
		default:
			p.s(", unknown subject")
		}
		p.s(")")
	case 140:
		if icmp6len > siz {
			p.trunc()
			return
		}
		if !p.ttest(bp, 16) {
			p.trunc()
			return
		}
		p.s(" node information reply (")
		comma := false
		code := p.u8(bp + 1)
		switch code {
		case 0:
			if p.o.Verbose > 0 {
				p.s("success")
				comma = true
			}
		case 1, 2:
			if code == 1 {
				p.s("refused")
			} else {
				p.s("unknown")
			}
			comma = true
			if siz != 16 && p.o.Verbose > 0 {
				p.s(", invalid length")
			}
		}
		if code != 0 {
			p.s(")")
			return
		}
		if comma {
			p.s(", ")
		}
		flags := p.be16(bp + 6)
		switch p.be16(bp + 4) {
		case 0:
			p.s("noop")
			if siz != 16 && p.o.Verbose > 0 {
				p.s(", invalid length")
			}
		case 1:
			p.s("supported qtypes")
			if flags != 0 {
				p.s(" [")
				if flags&1 != 0 {
					p.c('C')
				}
				p.s("]")
			}
		case 2:
			p.s("DNS name")
			p.niName(bp + 20)
			if flags&1 != 0 {
				p.s(" [TTL=")
				p.u(uint64(p.be32(bp + 16)))
				p.s("]")
			}
		case 3:
			p.s("node addresses")
			for i := 16; i < siz && i+20 <= siz; i += 20 {
				p.c(' ')
				p.ip6(bp + i + 4)
				p.c('(')
				p.u(uint64(p.be32(bp + i)))
				p.c(')')
			}
			if flags != 0 {
				p.niAddrFlags(flags, true)
			}
		default:
			p.s("unknown")
		}
		p.s(")")
	}
}

// icmp6RRenum is icmp6_rrenum_print: a router renumbering message (RFC
// 2894) at bp.
func (p *Printer) icmp6RRenum(bp int) {
	if p.snapend < bp {
		return
	}
	if !p.ttest(bp+12, 4) {
		p.trunc()
		return
	}
	code := p.u8(bp + 1)
	switch code {
	case 0:
		p.s(", command")
	case 1:
		p.s(", result")
	case 255:
		p.s(", sequence number reset")
	default:
		p.s(", code-#")
		p.u(uint64(code))
	}
	p.s(", seq=")
	p.u(uint64(p.be32(bp + 4)))
	if p.o.Verbose > 0 {
		fl := p.u8(bp + 9)
		p.s("[")
		if fl != 0 {
			for _, f := range [...]struct {
				bit  uint8
				name byte
			}{{0x80, 'T'}, {0x40, 'R'}, {0x20, 'A'}, {0x10, 'S'}, {0x08, 'P'}} {
				if fl&f.bit != 0 {
					p.c(f.name)
				}
			}
			p.c(',')
		}
		p.s("seg=")
		p.u(uint64(p.u8(bp + 8)))
		p.s(",maxdelay=")
		p.u(uint64(p.be16(bp + 10)))
		if r := p.be32(bp + 12); r != 0 {
			p.s("rsvd=0x")
			p.x(uint64(r))
		}
		p.s("]")
	}
	if code != 0 {
		return
	}
	m := bp + 16
	if !p.ttest(m+8, 16) {
		p.trunc()
		return
	}
	if p.o.Verbose > 1 {
		p.s("\n\t")
	} else {
		p.c(' ')
	}
	p.s("match(")
	switch c := p.u8(m); c {
	case 1:
		p.s("add")
	case 2:
		p.s("change")
	case 3:
		p.s("setglobal")
	default:
		p.c('#')
		p.u(uint64(c))
	}
	if p.o.Verbose > 0 {
		p.s(",ord=")
		p.u(uint64(p.u8(m + 2)))
		p.s(",min=")
		p.u(uint64(p.u8(m + 4)))
		p.s(",max=")
		p.u(uint64(p.u8(m + 5)))
	}
	p.c(',')
	p.ip6(m + 8)
	p.c('/')
	p.u(uint64(p.u8(m + 3)))
	p.s(")")
	n := int(p.u8(m+1)) - 3
	if n%4 != 0 {
		p.trunc()
		return
	}
	use := m + 24
	for n /= 4; n > 0; n-- {
		if !p.ttest(use+16, 16) {
			p.trunc()
			return
		}
		if p.o.Verbose > 1 {
			p.s("\n\t")
		} else {
			p.c(' ')
		}
		p.s("use(")
		if f := p.u8(use + 12); f != 0 {
			if f&0x80 != 0 {
				p.c('V')
			}
			if f&0x40 != 0 {
				p.c('P')
			}
			p.c(',')
		}
		if p.o.Verbose > 0 {
			p.s("mask=0x")
			p.x(uint64(p.u8(use + 2)))
			p.s(",raflags=0x")
			p.x(uint64(p.u8(use + 3)))
			p.s(",vltime=")
			if v := p.be32(use + 4); v == 0xffffffff {
				p.s("infty")
			} else {
				p.u(uint64(v))
			}
			p.s(",pltime=")
			if v := p.be32(use + 8); v == 0xffffffff {
				p.s("infty")
			} else {
				p.u(uint64(v))
			}
			p.c(',')
		}
		p.ip6(use + 16)
		p.c('/')
		p.u(uint64(p.u8(use)))
		p.c('/')
		p.u(uint64(p.u8(use + 1)))
		p.s(")")
		use += 32
	}
}

var rplMops = [...]string{"nonstoring", "storing", "nonstoring-multicast", "storing-multicast"}

var rplSubopts = map[uint8]string{0: "pad1", 1: "padN", 2: "metrics", 3: "routinginfo", 4: "config",
	5: "rpltarget", 6: "transitinfo", 8: "destprefix", 9: "rpltargetdesc"}

// rplPrint is rpl_print: an RPL control message (RFC 6550) of length
// bytes at bp, its code given.
func (p *Printer) rplPrint(code uint8, bp, length int) {
	if code&0x80 != 0 {
		p.s(", (SEC) [worktodo]")
		return
	}
	p.s(", (CLR)")
	switch code & 0x7f {
	case 0:
		p.s("DODAG Information Solicitation")
	case 1:
		p.s("DODAG Information Object")
		if p.o.Verbose > 0 {
			p.rplDIO(bp, length)
		}
	case 2:
		p.s("Destination Advertisement Object")
		if p.o.Verbose > 0 {
			p.rplDAO(bp, length, false)
		}
	case 3:
		p.s("Destination Advertisement Object Ack")
		if p.o.Verbose > 0 {
			p.rplDAO(bp, length, true)
		}
	default:
		p.s("RPL message, unknown code ")
		p.u(uint64(code))
	}
}

// rplOpts is rpl_printopts: the options of length bytes at bp (their
// contents dumped with -vvv).
func (p *Printer) rplOpts(bp, length int) {
	for length != 0 {
		typ := p.u8(bp)
		optlen := 1
		if typ == 0 {
			p.s(" opt:pad1")
		} else {
			if length < 2 {
				p.trunc()
				return
			}
			optlen = int(p.u8(bp+1)) + 2
			p.s(" opt:")
			if n, ok := rplSubopts[typ]; ok {
				p.s(n)
			} else {
				p.s("subopt:")
				p.u(uint64(typ))
			}
			p.s(" len:")
			p.u(uint64(optlen))
			p.c(' ')
			if !p.ttest(bp, optlen) || length < optlen {
				p.trunc()
				return
			}
			if p.o.Verbose > 2 {
				p.hexOnly(" ", p.pkt[bp+2:bp+optlen])
			}
		}
		bp += optlen
		length -= optlen
	}
}

// rplDIO is rpl_dio_print.
func (p *Printer) rplDIO(bp, length int) {
	if length < 24 {
		p.s(" [length ")
		p.u(uint64(uint32(length)))
		p.s(" < 24]")
		p.invalid()
		return
	}
	p.check(bp, 24) // one ND_PRINT: all its fields are read first
	mopprf := p.u8(bp + 4)
	p.s(" [dagid:")
	p.ip6(bp + 8)
	p.s(",seq:")
	p.u(uint64(p.u8(bp + 5)))
	p.s(",instance:")
	p.u(uint64(p.u8(bp)))
	p.s(",rank:")
	p.u(uint64(p.be16(bp + 2)))
	p.c(',')
	if mopprf&0x80 != 0 {
		p.s("grounded,")
	}
	p.s("mop:")
	if mop := (mopprf >> 3) & 7; int(mop) < len(rplMops) {
		p.s(rplMops[mop])
	} else {
		p.s("mop")
		p.u(uint64(mop))
	}
	p.s(",prf:")
	p.u(uint64(mopprf & 7))
	p.s("]")
	if p.o.Verbose > 1 {
		p.rplOpts(bp+24, length-24)
	}
}

// rplDAO is rpl_dao_print, or with ack rpl_daoack_print.
func (p *Printer) rplDAO(bp, length int, ack bool) {
	// The DAO's check covers its structure with the DODAG ID, present or
	// not; the DAO-ACK's only its first 4 bytes.
	hdr := 20
	if ack {
		hdr = 4
	}
	if !p.ttest(bp, hdr) {
		p.trunc()
		return
	}
	tooShort := func() {
		if ack {
			p.s(" [|dao-length too short]")
		} else {
			p.s(" [|length too short]")
		}
	}
	if length < 4 {
		tooShort()
		return
	}
	d := bp
	flags := p.u8(d + 1)
	bp += 4
	length -= 4
	dagid := -1
	if (!ack && flags&0x40 != 0) || (ack && flags&0x80 != 0) {
		if !p.ttest(d+4, 16) {
			p.trunc()
			return
		}
		if length < 16 {
			tooShort()
			return
		}
		dagid = d + 4
		bp += 16
		length -= 16
	}
	p.s(" [dagid:")
	if dagid < 0 {
		p.s("<elided>")
	} else {
		p.ip6(dagid)
	}
	p.s(",seq:")
	if ack {
		p.u(uint64(p.u8(d + 2)))
	} else {
		p.u(uint64(p.u8(d + 3)))
	}
	p.s(",instance:")
	p.u(uint64(p.u8(d)))
	if ack {
		p.s(",status:")
		p.u(uint64(p.u8(d + 3)))
	} else {
		if flags&0x80 != 0 {
			p.s(",acK")
		}
		if flags&0x40 != 0 {
			p.s(",Dagid")
		}
		p.c(',')
		p.hex2(flags)
	}
	p.s("]")
	if p.o.Verbose > 1 {
		p.rplOpts(bp, length)
	}
}
