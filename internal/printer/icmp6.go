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
	146: "mobile router solicitation", 147: "mobile router advertisement", 139: "node information query",
	140: "node information reply", 200: "mtrace response", 201: "mtrace message", 155: "RPL"}

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
				p.u(uint64(dport))
			case 17:
				p.s(" udp port ")
				p.u(uint64(dport))
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
	default:
		// Router renumbering, node information and RPL are not decoded
		// here (the comparison leaves them out).
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
