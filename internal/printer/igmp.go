// IGMP versions 1 to 3 and the multicast traceroute messages, as tcpdump
// 4.99.3's print-igmp.c prints them, with the PIMv1 messages IGMP carries
// (pim.go). (DVMRP, printed by tcpdump's print-dvmrp.c, is not decoded.)

package printer

import "strconv"

func init() {
	registerIPProto(2, "igmp", func(p *Printer, d ipPayload) {
		if d.ver != 4 {
			p.wrongIPVersion(2, 4)
			return
		}
		p.igmpPrint(d.off, d.length)
	})
}

var igmpv3RecNames = [...]string{1: "is_in", 2: "is_ex", 3: "to_in", 4: "to_ex", 5: "allow", 6: "block"}

// igmpCheck is print-igmp.c's ND_TCHECK, which longjmps there.
func (p *Printer) igmpCheck(off, n int) { p.check(off, n) }

func (p *Printer) igmpPrint(bp, length int) {
	p.proto = "igmp"
	if p.o.Quiet {
		p.s("igmp")
		return
	}
	l := uint32(length)
	p.igmpCheck(bp, 1)
	switch typ := p.pkt[bp]; typ {
	case 0x11:
		p.s("igmp query")
		if l >= 12 {
			p.igmpv3Query(bp, l)
			break
		}
		p.igmpCheck(bp+1, 1)
		if mrt := p.pkt[bp+1]; mrt != 0 {
			p.s(" v2")
			if mrt != 100 {
				p.s(" [max resp time ")
				p.u(uint64(mrt))
				p.s("]")
			}
		} else {
			p.s(" v1")
		}
		p.igmpCheck(bp+4, 4)
		if p.be32(bp+4) != 0 {
			p.s(" [gaddr ")
			p.ip4(bp + 4)
			p.s("]")
		}
		if l != 8 {
			p.s(" [len ")
			p.u(uint64(l))
			p.s("]")
		}
	case 0x12, 0x16, 0x17:
		p.igmpCheck(bp+4, 4)
		switch typ {
		case 0x12:
			p.s("igmp v1 report ")
		case 0x16:
			p.s("igmp v2 report ")
		default:
			p.s("igmp leave ")
		}
		p.ip4(bp + 4)
		if typ == 0x12 && l != 8 {
			p.s(" [len ")
			p.u(uint64(l))
			p.s("]")
		}
	case 0x22:
		p.s("igmp v3 report")
		p.igmpv3Report(bp, l)
	case 0x13:
		// DVMRP: not decoded here (tcpdump's print-dvmrp.c).
		p.s("igmp dvmrp")
		if l < 8 {
			p.s(" [len ")
			p.u(uint64(l))
			p.s("]")
		}
	case 0x14:
		p.s("igmp pimv1")
		p.pimv1Print(bp, length)
	case 0x1e, 0x1f:
		p.igmpMtrace(bp, l, typ == 0x1e)
	default:
		p.s("igmp-")
		p.u(uint64(typ))
	}
	if p.o.Verbose > 0 && l >= 4 && p.ttest(bp, length) && cksum(0, p.pkt[bp:bp+length]) != 0 {
		p.s(" bad igmp cksum ")
		p.x(uint64(p.be16(bp + 2)))
		p.c('!')
	}
}

// igmpMtrace is print_mtrace and print_mresp.
func (p *Printer) igmpMtrace(bp int, l uint32, resp bool) {
	tr := bp + 8
	if l < 24 {
		p.s(" [invalid len ")
		p.u(uint64(l))
		p.s("]")
		return
	}
	p.igmpCheck(tr, 16)
	if resp {
		p.s("mresp ")
	} else {
		p.s("mtrace ")
	}
	ttlqid := p.be32(tr + 12)
	p.u(uint64(ttlqid & 0xffffff))
	p.s(": ")
	p.ip4(tr)
	p.s(" to ")
	p.ip4(tr + 4)
	p.s(" reply-to ")
	p.ip4(tr + 8)
	if p.be32(tr+8)&0xf0000000 == 0xe0000000 {
		p.s(" with-ttl ")
		p.u(uint64(ttlqid >> 24))
	}
}

func (p *Printer) igmpv3Report(bp int, l uint32) {
	if l < 16 || l&3 != 0 {
		p.s(" [invalid len ")
		p.u(uint64(l))
		p.s("]")
		return
	}
	p.igmpCheck(bp+6, 2)
	ngroups := uint32(p.be16(bp + 6))
	p.s(", ")
	p.u(uint64(ngroups))
	p.s(" group record(s)")
	if p.o.Verbose == 0 {
		return
	}
	group := uint32(8)
	for i := uint32(0); i < ngroups; i++ {
		if l < group+8 {
			p.s(" [invalid number of groups]")
			return
		}
		g := bp + int(group)
		p.igmpCheck(g+4, 4)
		p.s(" [gaddr ")
		p.ip4(g + 4)
		rt := p.u8(g)
		p.c(' ')
		if int(rt) < len(igmpv3RecNames) && igmpv3RecNames[rt] != "" {
			p.s(igmpv3RecNames[rt])
		} else {
			p.s(" [v3-report-#")
			p.u(uint64(rt))
			p.s("]")
		}
		nsrcs := uint32(p.be16(g + 2))
		if l < group+8+nsrcs<<2 {
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
			for j := 0; j < int(nsrcs); j++ {
				p.igmpCheck(g+8+j*4, 4)
				p.c(' ')
				p.ip4(g + 8 + j*4)
			}
			p.s(" }")
		}
		group += 8 + nsrcs<<2
		p.s("]")
	}
}

func (p *Printer) igmpv3Query(bp int, l uint32) {
	p.s(" v3")
	if l < 12 || l&3 != 0 {
		p.s(" [invalid len ")
		p.u(uint64(l))
		p.s("]")
		return
	}
	p.igmpCheck(bp+1, 1)
	mrc := uint32(p.pkt[bp+1])
	mrt := mrc
	if mrc >= 128 {
		mrt = ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3)
	}
	if mrc != 100 {
		p.s(" [max resp time ")
		if mrt < 600 {
			p.buf = strconv.AppendFloat(p.buf, float64(mrt)*0.1, 'f', 1, 64)
			p.c('s')
		} else {
			p.relts(mrt / 10)
		}
		p.s("]")
	}
	p.igmpCheck(bp+4, 4)
	if p.be32(bp+4) == 0 {
		return
	}
	p.s(" [gaddr ")
	p.ip4(bp + 4)
	p.igmpCheck(bp+10, 2)
	nsrcs := uint32(p.be16(bp + 10))
	if nsrcs > 0 {
		switch {
		case l < 12+nsrcs<<2:
			p.s(" [invalid number of sources]")
		case p.o.Verbose > 1:
			p.s(" {")
			for i := 0; i < int(nsrcs); i++ {
				p.igmpCheck(bp+12+i*4, 4)
				p.c(' ')
				p.ip4(bp + 12 + i*4)
			}
			p.s(" }")
		default:
			p.s(", ")
			p.u(uint64(nsrcs))
			p.s(" source(s)")
		}
	}
	p.s("]")
}
