// GRE (RFC 1701, RFC 1702, RFC 2637 enhanced GRE for PPTP), as tcpdump
// 4.99.3's print-gre.c prints it: version 0 with checksum, offset, key,
// sequence number and source routes, then the protocol it carries (IPv4,
// IPv6, an Ethernet frame for transparent bridging, and the printers of
// ethertype_print for MPLS, IPX and AppleTalk); version 1 with call ID,
// sequence and acknowledgment numbers, then PPP. tcpdump 4.99.3 has no
// ERSPAN printer: GRE protocol 0x88be prints as gre-proto-0x88be.

package printer

func init() {
	registerIPProto(47, "gre", func(p *Printer, d ipPayload) { p.grePrint(d.off, d.length) })
}

var greFlags = [...]struct {
	bit  uint16
	name string
}{{0x8000, "checksum present"}, {0x4000, "routing present"}, {0x2000, "key present"},
	{0x1000, "sequence# present"}, {0x0800, "source routing present"}, {0x0080, "ack present"}}

// greISO, when set by an OSI printer, prints GRE's protocol 0x00fe
// (tcpdump's isoclns_print).
var greISO func(p *Printer, off, length int)

func (p *Printer) greFlagNames(fl uint16) {
	p.s(", Flags [")
	sep := ""
	for _, f := range greFlags {
		if fl&f.bit != 0 {
			p.s(sep)
			p.s(f.name)
			sep = ", "
		}
	}
	if sep == "" {
		p.s("none")
	}
	p.s("]")
}

func (p *Printer) grePrint(bp, length int) {
	p.proto = "gre"
	l := uint32(length)
	if !p.ttest(bp, 2) || l < 2 {
		p.trunc()
		return
	}
	vers := p.be16(bp) & 7
	p.s("GREv")
	p.u(uint64(vers))
	switch vers {
	case 0:
		p.gre0(bp, l)
	case 1:
		p.gre1(bp, l)
	default:
		p.s(" ERROR: unknown-version")
	}
}

func (p *Printer) greProtoName(prot uint16) {
	if p.o.Link {
		p.s(", proto ")
		if n, ok := ethertypeNames[prot]; ok {
			p.s(n)
		} else {
			p.s("unknown")
		}
		p.s(" (0x")
		p.xpad(uint64(prot), 4)
		p.s(")")
	}
}

func (p *Printer) gre0(bp int, length uint32) {
	l := length
	flags := p.be16(bp)
	if p.o.Verbose > 0 {
		p.greFlagNames(flags)
	}
	l -= 2
	bp += 2
	// need is ND_TCHECK_n and the length check before each field.
	need := func(n uint32) bool {
		if !p.ttest(bp, int(n)) || l < n {
			p.trunc()
			return false
		}
		return true
	}
	if !need(2) {
		return
	}
	prot := p.be16(bp)
	l -= 2
	bp += 2
	if flags&0xc000 != 0 {
		if !need(2) {
			return
		}
		if p.o.Verbose > 0 {
			p.s(", sum 0x")
			p.x(uint64(p.be16(bp)))
		}
		bp += 2
		l -= 2
		if !need(2) {
			return
		}
		p.s(", off 0x")
		p.x(uint64(p.be16(bp)))
		bp += 2
		l -= 2
	}
	if flags&0x2000 != 0 {
		if !need(4) {
			return
		}
		p.s(", key=0x")
		p.x(uint64(p.be32(bp)))
		bp += 4
		l -= 4
	}
	if flags&0x1000 != 0 {
		if !need(4) {
			return
		}
		p.s(", seq ")
		p.u(uint64(p.be32(bp)))
		bp += 4
		l -= 4
	}
	if flags&0x4000 != 0 {
		for {
			if !need(4) {
				return
			}
			af := p.be16(bp)
			sreoff := p.pkt[bp+2]
			srelen := p.pkt[bp+3]
			bp += 4
			l -= 4
			if af == 0 && srelen == 0 {
				break
			}
			if !p.greSRE(af, sreoff, srelen, bp, l) {
				p.trunc()
				return
			}
			if l < uint32(srelen) {
				p.trunc()
				return
			}
			bp += int(srelen)
			l -= uint32(srelen)
		}
	}
	p.greProtoName(prot)
	p.s(", length ")
	p.u(uint64(length))
	if p.o.Verbose < 1 {
		p.s(": ")
	} else {
		p.s("\n\t")
	}
	switch prot {
	case 0x0800:
		p.ipPrint(bp, int(l))
	case 0x86dd:
		p.ip6Print(bp, int(l))
	case 0x6558:
		p.etherPrint(bp, int(l), p.snapend-bp)
	case 0x8847, 0x8137, 0x809b:
		if e, ok := etherTypes[prot]; ok {
			e.f(p, bp, int(l), p.snapend-bp)
			return
		}
		p.s("gre-proto-0x")
		p.x(uint64(prot))
	case 0x00fe:
		if greISO != nil {
			greISO(p, bp, int(l))
			return
		}
		fallthrough
	default:
		p.s("gre-proto-0x")
		p.x(uint64(prot))
	}
}

func (p *Printer) gre1(bp int, length uint32) {
	l := length
	flags := p.be16(bp)
	l -= 2
	bp += 2
	if p.o.Verbose > 0 {
		p.greFlagNames(flags)
	}
	need := func(n uint32) bool {
		if !p.ttest(bp, int(n)) || l < n {
			p.trunc()
			return false
		}
		return true
	}
	if !need(2) {
		return
	}
	prot := p.be16(bp)
	l -= 2
	bp += 2
	if flags&0x2000 != 0 {
		if !need(4) {
			return
		}
		p.s(", call ")
		p.u(uint64(p.be32(bp) & 0xffff))
		l -= 4
		bp += 4
	}
	if flags&0x1000 != 0 {
		if !need(4) {
			return
		}
		p.s(", seq ")
		p.u(uint64(p.be32(bp)))
		bp += 4
		l -= 4
	}
	if flags&0x0080 != 0 {
		if !need(4) {
			return
		}
		p.s(", ack ")
		p.u(uint64(p.be32(bp)))
		bp += 4
		l -= 4
	}
	if flags&0x1000 == 0 {
		p.s(", no-payload")
	}
	p.greProtoName(prot)
	p.s(", length ")
	p.u(uint64(length))
	if flags&0x1000 == 0 {
		return
	}
	if p.o.Verbose < 1 {
		p.s(": ")
	} else {
		p.s("\n\t")
	}
	if e, ok := etherTypes[0x880b]; ok && prot == 0x880b {
		e.f(p, bp, int(l), p.snapend-bp)
		return
	}
	p.s("gre-proto-0x")
	p.x(uint64(prot))
}

// greSRE is gre_sre_print: one source route entry; false when it runs
// past the data.
func (p *Printer) greSRE(af uint16, sreoff, srelen uint8, bp int, l uint32) bool {
	switch af {
	case 0x0800, 0xfffe:
		ip := af == 0x0800
		if ip {
			p.s(", (rtaf=ip")
		} else {
			p.s(", (rtaf=asn")
		}
		mask := uint8(1)
		step := 2
		if ip {
			mask, step = 3, 4
		}
		ok := true
		switch {
		case sreoff&mask != 0:
			p.s(", badoffset=")
			p.u(uint64(sreoff))
		case srelen&mask != 0:
			p.s(", badlength=")
			p.u(uint64(srelen))
		case sreoff >= srelen:
			p.s(", badoff/len=")
			p.u(uint64(sreoff))
			p.c('/')
			p.u(uint64(srelen))
		default:
			up := bp
			for n := int(srelen); n != 0; n -= step {
				if !p.ttest(bp, step) || l < uint32(step) {
					ok = false
					break
				}
				p.c(' ')
				if bp-up == int(sreoff) {
					p.c('*')
				}
				if ip {
					p.check(bp, 4)
					p.ip4b(p.pkt[bp : bp+4]) // addrtostr: never a name
				} else {
					p.x(uint64(p.be16(bp)))
				}
				bp += step
				l -= uint32(step)
			}
		}
		p.s(")")
		return ok
	default:
		p.s(", (rtaf=0x")
		p.x(uint64(af))
		p.s(")")
		return true
	}
}
