// RIP (UDP port 520), as tcpdump 4.99.3's print-rip.c prints it
// (rip_print: the command and version, with -v RIPv1 and RIPv2 route
// entries and the simple, cryptographic and trailer authentication
// entries, and a hex dump with -vv).

package printer

func init() {
	registerUDP("rip", func(p *Printer, d portPayload) { p.ripPrint(d.off, d.length) })
}

var ripCommands = [...]string{1: "Request", 2: "Response", 3: "Trace on", 4: "Trace off", 5: "Poll", 6: "Poll Entry"}

// bsdAFNames is af.c's bsd_af_values.
var bsdAFNames = map[uint16]string{2: "IPv4", 6: "NS", 7: "ISO", 16: "Appletalk", 23: "IPX", 24: "IPv6", 28: "IPv6", 30: "IPv6"}

// mask2plen is mask2plen: the prefix length of a contiguous mask, or -1.
func mask2plen(mask uint32) int {
	for plen := 32; plen >= 0; plen-- {
		var m uint32
		if plen > 0 {
			m = ^uint32(0) << (32 - plen)
		}
		if mask == m {
			return plen
		}
	}
	return -1
}

func (p *Printer) bsdAF(family uint16, unknown bool) {
	if n, ok := bsdAFNames[family]; ok {
		p.s(n)
		return
	}
	if unknown {
		p.s("Unknown (")
		p.u(uint64(family))
		p.c(')')
		return
	}
	p.u(uint64(family))
}

func (p *Printer) ripEntryV1(pp, remaining int) int {
	if remaining < 20 || !p.ttest(pp, 20) {
		return 0
	}
	family := p.be16(pp)
	if family != 2 && family != 0 {
		p.s("\n\t AFI ")
		p.bsdAF(family, true)
		p.s(", ")
		p.unknownData(pp+4, "\n\t  ", 16)
		return 20
	}
	if p.be16(pp+2) != 0 || p.be32(pp+8) != 0 || p.be32(pp+12) != 0 {
		p.unknownData(pp, "\n\t  ", 20)
		return 20
	}
	if family == 0 {
		p.s("\n\t  AFI 0, ")
	} else {
		p.s("\n\t  ")
	}
	p.ip4(pp + 4)
	p.s(", metric: ")
	p.u(uint64(p.be32(pp + 16)))
	return 20
}

// ripAddr15 prints the IPv4 address at off right-aligned in 15 columns.
func (p *Printer) ripAddr15(off int) {
	start := len(p.buf)
	p.ip4(off)
	if w := len(p.buf) - start; w < 15 {
		pad := 15 - w
		p.buf = append(p.buf, "               "[:pad]...)
		copy(p.buf[start+pad:], p.buf[start:start+w])
		for i := 0; i < pad; i++ {
			p.buf[start+i] = ' '
		}
	}
}

func (p *Printer) ripEntryV2(pp, remaining int) int {
	if remaining < 4 || !p.ttest(pp, 4) {
		return 0
	}
	family := p.be16(pp)
	switch {
	case family == 0xffff:
		auth := p.be16(pp + 2)
		pp += 4
		remaining -= 4
		switch auth {
		case 2:
			p.s("\n\t  Simple Text Authentication data: ")
			p.printjnp(pp, 16)
		case 3:
			if !p.ttest(pp, 16) || remaining < 16 {
				return 0
			}
			p.s("\n\t  Auth header: Packet Len ")
			p.u(uint64(p.be16(pp)))
			p.s(", Key-ID ")
			p.u(uint64(p.pkt[pp+2]))
			p.s(", Auth Data Len ")
			p.u(uint64(p.pkt[pp+3]))
			p.s(", SeqNo ")
			p.u(uint64(p.be32(pp + 4)))
			p.s(", MBZ ")
			p.u(uint64(p.be32(pp + 8)))
			p.s(", MBZ ")
			p.u(uint64(p.be32(pp + 12)))
		case 1:
			p.s("\n\t  Auth trailer:")
			p.unknownData(pp, "\n\t  ", remaining)
			return 4 + remaining
		default:
			p.s("\n\t  Unknown (")
			p.u(uint64(auth))
			p.s(") Authentication data:")
			p.unknownData(pp, "\n\t  ", remaining)
			return 4 + remaining
		}
	case family != 2 && family != 0:
		p.s("\n\t  AFI ")
		p.bsdAF(family, true)
		p.unknownData(pp+4, "\n\t  ", 16)
	default:
		if !p.ttest(pp, 20) || remaining < 20 {
			return 0
		}
		p.s("\n\t  AFI ")
		p.bsdAF(family, false)
		p.s(", ")
		p.ripAddr15(pp + 4)
		p.c('/')
		plen := mask2plen(p.be32(pp + 8))
		start := len(p.buf)
		p.d(plen)
		if len(p.buf)-start < 2 {
			p.c(' ')
		}
		p.s(", tag 0x")
		p.xpad(uint64(p.be16(pp+2)), 4)
		p.s(", metric: ")
		p.u(uint64(p.be32(pp + 16)))
		p.s(", next-hop: ")
		if p.be32(pp+12) != 0 {
			p.ip4(pp + 12)
		} else {
			p.s("self")
		}
	}
	return 20
}

func (p *Printer) ripPrint(bp, length int) {
	p.proto = "rip"
	if p.snapend < bp {
		p.trunc()
		return
	}
	n := p.snapend - bp
	if n > length {
		n = length
	}
	if n < 4 {
		p.trunc()
		return
	}
	n -= 4
	vers, cmd := p.pkt[bp+1], p.pkt[bp]
	if p.o.Verbose >= 1 {
		p.s("\n\t")
	}
	p.s("RIPv")
	p.u(uint64(vers))
	p.s(", ")
	if int(cmd) < len(ripCommands) && ripCommands[cmd] != "" {
		p.s(ripCommands[cmd])
	} else {
		p.s("unknown command (")
		p.u(uint64(cmd))
		p.c(')')
	}
	p.s(", length: ")
	p.u(uint64(uint32(length)))
	if p.o.Verbose < 1 {
		return
	}
	switch cmd {
	case 1, 2:
		if vers != 1 && vers != 2 {
			p.s(", unknown version")
			break
		}
		p.s(", routes: ")
		p.u(uint64(uint32(length) / 20))
		if vers == 2 {
			p.s(" or less")
		}
		pp := bp + 4
		for n != 0 {
			var sz int
			if vers == 2 {
				sz = p.ripEntryV2(pp, n)
			} else {
				sz = p.ripEntryV1(pp, n)
			}
			if sz == 0 {
				p.trunc()
				break
			}
			if n < sz {
				p.s(" [remaining entries length ")
				p.u(uint64(n))
				p.s(" < ")
				p.u(uint64(sz))
				p.c(']')
				p.invalid()
				break
			}
			pp += sz
			n -= sz
		}
	case 4, 5, 6:
	default:
		if p.o.Verbose <= 1 {
			p.unknownData(bp, "\n\t", length)
		}
	}
	if p.o.Verbose > 1 {
		p.unknownData(bp, "\n\t", length)
	}
}
