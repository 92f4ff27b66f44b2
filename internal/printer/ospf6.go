// OSPFv3 (RFC 5340), as tcpdump 4.99.3's print-ospf6.c prints it: the
// packet type and, with -v, the header and every packet type (Hello,
// Database Description, LS Request, LS Update with Router, Network,
// Inter-Area Prefix, AS-External, Link, Intra-Area Prefix, Grace and
// Intra-Area TE LSAs, LS Ack), then the trailing link-local signaling
// block and authentication trailer (RFC 5613, RFC 6506).

package printer

var ospf6Types = map[uint32]string{1: "Hello", 2: "Database Description", 3: "LS-Request", 4: "LS-Update", 5: "LS-Ack"}

var ospf6Options = tokBits{{0x01, "V6"}, {0x02, "External"}, {0x04, "Deprecated"}, {0x08, "NSSA"}, {0x10, "Router"},
	{0x20, "Demand Circuit"}, {0x100, "AFs Support"}, {0x200, "LLS"}, {0x400, "Authentication Trailer"}}

var ospf6RLAFlags = tokBits{{0x01, "ABR"}, {0x02, "External"}, {0x04, "Virtual-Link Endpoint"}, {0x08, "Deprecated"}, {0x10, "NSSA Translator"}}

var ospf6ASLAFlags = tokBits{{0x80000000, "External Type 2"}, {0x02000000, "Forwarding"}, {0x01000000, "Tag"}}

var ospf6LSATypes = map[uint32]string{1: "Router", 2: "Network", 3: "Inter-Area Prefix", 4: "Inter-Area Router",
	5: "External", 6: "Deprecated", 7: "NSSA", 8: "Link", 9: "Intra-Area Prefix", 10: "Intra-Area TE", 11: "Grace",
	12: "Router Information", 13: "Inter-AS-TE", 14: "Layer 1 VPN"}

var ospf6Scopes = map[uint32]string{0: "Link Local", 0x2000: "Area Local", 0x4000: "Domain Wide"}

var ospf6DDFlags = tokBits{{0x04, "Init"}, {0x02, "More"}, {0x01, "Master"}, {0x10, "IPv6 MTU"}}

var ospf6PrefixOptions = tokBits{{0x01, "No Unicast"}, {0x02, "Local address"}, {0x04, "Deprecated"}, {0x08, "Propagate"},
	{0x10, "Down"}, {0x20, "N-bit"}}

func (p *Printer) ospf6Print(bp, length int) {
	p.proto = "ospf3"
	l := uint32(length)
	typ := uint32(p.u8(bp + 1))
	ver := p.u8(bp)
	p.s("OSPFv")
	p.u(uint64(ver))
	p.s(", ")
	n, known := ospf6Types[typ]
	if known {
		p.s(n)
	} else {
		p.s("unknown packet type (")
		p.u(uint64(typ))
		p.s(")")
	}
	p.s(", length ")
	p.u(uint64(l))
	if !known || p.o.Verbose == 0 {
		return
	}
	datalen := uint32(p.be16(bp + 2))
	if datalen > l {
		p.s(" [len ")
		p.u(uint64(datalen))
		p.s("]")
		return
	}
	dataend := bp + int(datalen)
	p.check(bp+4, 4)
	p.s("\n\tRouter-ID ")
	p.ip4(bp + 4)
	if p.be32(bp+8) != 0 {
		p.s(", Area ")
		p.ip4(bp + 8)
	} else {
		p.s(", Backbone Area")
	}
	if i := p.u8(bp + 14); i != 0 {
		p.s(", Instance ")
		p.u(uint64(i))
	}
	if ver == 3 {
		if !p.ospf6DecodeV3(bp, dataend) || !p.ospf6Trailer(bp, dataend, l-datalen) {
			p.trunc()
		}
	}
}

// ospf6LSType is ospf6_print_ls_type.
func (p *Printer) ospf6LSType(t uint32, id int) {
	p.check(id, 4)
	p.s("\n\t    ")
	p.tok(ospf6LSATypes, t&0x1fff, "Unknown")
	p.s(" LSA (")
	p.u(uint64(t & 0x1fff))
	p.s("), ")
	p.tok(ospf6Scopes, t&0x6000, "Unknown")
	p.s(" Scope")
	if t&0x8000 != 0 {
		p.s(", transitive")
	}
	p.s(", LSA-ID ")
	p.ip4(id)
}

// ospf6LSHdr is ospf6_print_lshdr; false when truncated or bogus.
func (p *Printer) ospf6LSHdr(h, dataend int) bool {
	if h+20 > dataend {
		return false
	}
	// 4.99.3 does not check the length: a short one wraps (size_t).
	ln := uint64(p.be16(h + 18))
	p.check(h, 20)
	p.s("\n\t  Advertising Router ")
	p.ip4(h + 8)
	p.s(", seq 0x")
	p.xpad(uint64(p.be32(h+12)), 8)
	p.s(", age ")
	p.u(uint64(p.be16(h)))
	p.s("s, length ")
	p.u(uint64(ln - 20))
	p.ospf6LSType(uint32(p.be16(h+2)), h+4)
	return true
}

// ospf6Prefix is ospf6_print_lsaprefix: it returns the prefix's length,
// or -1.
func (p *Printer) ospf6Prefix(tp int, ln uint32) int {
	if ln < 4 {
		return -1
	}
	ln -= 4
	if !p.ttest(tp, 4) {
		return -1
	}
	plen := uint32(p.pkt[tp])
	wl := (plen + 31) / 32
	if wl*4 > 16 {
		p.s(" bogus prefixlen /")
		p.u(uint64(plen))
		return -1
	}
	if ln < wl*4 {
		return -1
	}
	var a [16]byte
	p.check(tp+4, int(wl*4))
	copy(a[:], p.pkt[tp+4:tp+4+int(wl*4)])
	p.s("\n\t\t")
	p.ip6s(a[:])
	p.c('/')
	p.u(uint64(plen))
	if o := uint32(p.pkt[tp+1]); o != 0 {
		p.s(", Options [")
		p.bits(o, ospf6PrefixOptions, "none")
		p.s("]")
	}
	p.s(", metric ")
	p.u(uint64(p.be16(tp + 2)))
	return 4 + int(wl*4)
}

// ospf6LSA is ospf6_print_lsa; false when truncated.
func (p *Printer) ospf6LSA(lsa, dataend int) bool {
	if !p.ospf6LSHdr(lsa, dataend) {
		return false
	}
	length := uint32(p.be16(lsa + 18))
	if length < 20 || lsa+int(length) > dataend {
		return false
	}
	ln := length - 20
	tp := lsa + 20
	prefixes := func(tp int, n uint32, counted bool) bool {
		for counted && n != 0 || !counted && ln != 0 {
			b := p.ospf6Prefix(tp, ln)
			if b < 0 {
				return false
			}
			n--
			ln -= uint32(b)
			tp += b
		}
		return true
	}
	switch p.be16(lsa + 2) {
	case 0x2001: // Router
		if ln < 4 {
			return false
		}
		ln -= 4
		o := p.be32(tp)
		p.s("\n\t      Options [")
		p.bits(o, ospf6Options, "none")
		p.s("], RLA-Flags [")
		p.bits(uint32(p.pkt[tp]), ospf6RLAFlags, "none")
		p.s("]")
		for rl := tp + 4; ln != 0; rl += 16 {
			if ln < 16 {
				return false
			}
			ln -= 16
			if !p.ttest(rl, 16) {
				return false
			}
			switch t := p.pkt[rl]; t {
			case 1, 2, 4:
				p.s([...]string{1: "\n\t      Neighbor Router-ID ", 2: "\n\t      Neighbor Network-ID ", 4: "\n\t      Virtual Link: Neighbor Router-ID "}[t])
				p.ip4(rl + 12)
				p.s("\n\t      Neighbor Interface-ID ")
				p.ip4(rl + 8)
				p.s(", Interface ")
				p.ip4(rl + 4)
			default:
				p.s("\n\t      Unknown Router Links Type 0x")
				p.hex2(t)
				return true
			}
			p.s(", metric ")
			p.u(uint64(p.be16(rl + 2)))
		}
	case 0x2002: // Network
		if ln < 4 {
			return false
		}
		ln -= 4
		o := p.be32(tp)
		p.s("\n\t      Options [")
		p.bits(o, ospf6Options, "none")
		p.s("]\n\t      Connected Routers:")
		for ap := tp + 4; ln != 0; ap += 4 {
			if ln < 4 {
				return false
			}
			ln -= 4
			p.check(ap, 4)
			p.s("\n\t\t")
			p.ip4(ap)
		}
	case 0x2003: // Inter-Area Prefix
		if ln < 4 {
			return false
		}
		ln -= 4
		m := p.be32(tp)
		p.s(", metric ")
		p.u(uint64(m & 0xffffff))
		return prefixes(tp+4, 0, false)
	case 0x4005: // AS-External
		if ln < 4 {
			return false
		}
		ln -= 4
		fl := p.be32(tp)
		p.s("\n\t     Flags [")
		p.bits(fl, ospf6ASLAFlags, "none")
		p.s("] metric ")
		p.u(uint64(fl & 0xffffff))
		pfx := tp + 4
		b := p.ospf6Prefix(pfx, ln)
		if b < 0 {
			return false
		}
		ln -= uint32(b)
		tp = pfx + b
		if fl&0x02000000 != 0 {
			if ln < 16 {
				return false
			}
			ln -= 16
			p.check(tp, 16)
			p.s(" forward ")
			p.ip6(tp)
			tp += 16
		}
		if fl&0x01000000 != 0 {
			if ln < 4 {
				return false
			}
			ln -= 4
			p.check(tp, 4)
			p.s(" tag ")
			p.ip4(tp)
			tp += 4
		}
		if p.u8(pfx+2) != 0 {
			if ln < 4 {
				return false
			}
			p.check(tp, 4)
			p.s(" RefLSID: ")
			p.ip4(tp)
		}
	case 8: // Link
		if ln < 4 {
			return false
		}
		ln -= 4
		if !p.ttest(tp, 4) {
			return false
		}
		p.s("\n\t      Options [")
		p.bits(p.be32(tp), ospf6Options, "none")
		p.s("]")
		if ln < 20 {
			return false
		}
		ln -= 20
		n := p.be32(tp + 20)
		p.check(tp+4, 16)
		p.s("\n\t      Priority ")
		p.u(uint64(p.pkt[tp]))
		p.s(", Link-local address ")
		p.ip6(tp + 4)
		p.s(", Prefixes ")
		p.u(uint64(n))
		p.c(':')
		return prefixes(tp+24, n, true)
	case 0x2009: // Intra-Area Prefix
		if ln < 4 {
			return false
		}
		ln -= 4
		if !p.ttest(tp+8, 4) {
			return false
		}
		p.ospf6LSType(uint32(p.be16(tp+2)), tp+4)
		if ln < 2 {
			return false
		}
		ln -= 2
		n := uint32(p.be16(tp))
		p.s("\n\t      Prefixes ")
		p.u(uint64(n))
		p.c(':')
		return prefixes(tp+12, n, true)
	case 11: // Grace
		return p.ospfGraceLSA(tp, ln)
	case 10: // Intra-Area TE
		return p.ospfTELSA(tp, ln)
	default:
		return p.unknownDataOK(tp, "\n\t      ", int(ln))
	}
	return true
}

// ospf6DecodeV3 is ospf6_decode_v3; false when truncated.
func (p *Printer) ospf6DecodeV3(op, dataend int) bool {
	b := op + 16
	switch p.u8(op + 1) {
	case 1: // Hello
		o := p.be32(b + 4)
		p.s("\n\tOptions [")
		p.bits(o, ospf6Options, "none")
		p.s("]")
		p.check(b, 12)
		p.s("\n\t  Hello Timer ")
		p.u(uint64(p.be16(b + 8)))
		p.s("s, Dead Timer ")
		p.u(uint64(p.be16(b + 10)))
		p.s("s, Interface-ID ")
		p.ip4(b)
		p.s(", Priority ")
		p.u(uint64(p.pkt[b+4]))
		if p.be32(b+12) != 0 {
			p.s("\n\t  Designated Router ")
			p.ip4(b + 12)
		}
		if p.be32(b+16) != 0 {
			p.s(", Backup Designated Router ")
			p.ip4(b + 16)
		}
		if p.o.Verbose > 1 {
			p.s("\n\t  Neighbor List:")
			for ap := b + 20; ap < dataend; ap += 4 {
				p.check(ap, 4)
				p.s("\n\t    ")
				p.ip4(ap)
			}
		}
	case 2: // Database Description
		o := p.be32(b)
		p.s("\n\tOptions [")
		p.bits(o, ospf6Options, "none")
		p.s("]")
		f := uint32(p.u8(b + 7))
		p.s(", DD Flags [")
		p.bits(f, ospf6DDFlags, "none")
		p.s("]")
		mtu := p.be16(b + 4)
		seq := p.be32(b + 8)
		p.s(", MTU ")
		p.u(uint64(mtu))
		p.s(", DD-Sequence 0x")
		p.xpad(uint64(seq), 8)
		if p.o.Verbose > 1 {
			for h := b + 12; h < dataend; h += 20 {
				if !p.ospf6LSHdr(h, dataend) {
					return false
				}
			}
		}
	case 3: // LS Request
		if p.o.Verbose > 1 {
			for r := b; r < dataend; r += 12 {
				if !p.ttest(r, 12) {
					return false
				}
				p.s("\n\t  Advertising Router ")
				p.ip4(r + 8)
				p.ospf6LSType(uint32(p.be16(r+2)), r+4)
			}
		}
	case 4: // LS Update
		if p.o.Verbose > 1 {
			i := p.be32(b)
			for lsa := b + 4; lsa < dataend && i != 0; {
				i--
				if !p.ospf6LSA(lsa, dataend) {
					return false
				}
				lsa += int(p.be16(lsa + 18))
			}
		}
	case 5: // LS Ack
		if p.o.Verbose > 1 {
			for h := b; h < dataend; h += 20 {
				if !p.ospf6LSHdr(h, dataend) {
					return false
				}
			}
		}
	}
	return true
}

// ospf6Trailer is ospf6_decode_v3_trailer: the LLS block (Hello and
// Database Description with the L bit) and the authentication trailer;
// false when truncated.
func (p *Printer) ospf6Trailer(op, cp int, ln uint32) bool {
	lls := false
	switch p.u8(op + 1) {
	case 1:
		lls = p.be32(op+20)&0x200 != 0
	case 2:
		lls = p.be32(op+16)&0x200 != 0
	}
	if lls && ln != 0 {
		if ln < 4 {
			return false
		}
		sum := p.be16(cp)
		p.s("\n\tLLS Checksum 0x")
		p.xpad(uint64(sum), 4)
		dl := uint32(p.be16(cp + 2))
		p.s(", Data Length ")
		p.u(uint64(dl))
		if dl < 4 || dl > ln {
			return false
		}
		if !p.ttest(cp+4, int(dl-4)) {
			return false
		}
		cp += int(dl)
		ln -= dl
	}
	if ln == 0 {
		return true
	}
	if ln < 16 {
		return false
	}
	at := p.be16(cp)
	p.s("\n\tAuthentication Type ")
	if at == 1 {
		p.s("HMAC")
	} else {
		p.s("unknown (0x")
		p.xpad(uint64(at), 4)
		p.s(")")
	}
	al := uint32(p.be16(cp + 2))
	p.s(", Length ")
	p.u(uint64(al))
	if al < 16 || al > ln {
		return false
	}
	said := p.be16(cp + 6)
	p.s(", SAID ")
	p.u(uint64(said))
	csn := p.be32(cp + 8)
	p.s(", CSN 0x")
	p.xpad(uint64(csn), 8)
	csn = p.be32(cp + 12)
	p.c(':')
	p.xpad(uint64(csn), 8)
	if !p.ttest(cp+16, int(al-16)) {
		return false
	}
	if p.o.Verbose > 1 {
		p.unknownData(cp+16, "\n\tAuthentication Data ", int(al-16))
	}
	return true
}
