// Cisco Discovery Protocol (over SNAP, OUI 0x00000c PID 0x2000), as
// tcpdump 4.99.3's print-cdp.c prints it: the header, and each TLV by
// its table of names, length limits and printers (addresses, prefixes,
// capabilities, version string, VLANs, power, ...).

package printer

var cdpCapabilityValues = []tokL2{
	{0x01, "Router"}, {0x02, "Transparent Bridge"}, {0x04, "Source Route Bridge"},
	{0x08, "L2 Switch"}, {0x10, "L3 capable"}, {0x20, "IGMP snooping"}, {0x40, "L1 capable"},
}

// cdpTLVInfo is one entry of cdptlvs: the name, the printer (nil: none),
// the lowest and highest value length (-1: no limit).
type cdpTLVInfo struct {
	name     string
	printer  func(p *Printer, cp, n int)
	min, max int
}

var cdpTLVs [0x18]cdpTLVInfo

func init() {
	str := func(p *Printer, cp, n int) {
		p.c('\'')
		p.printjn(cp, n)
		p.c('\'')
	}
	cdpTLVs = [0x18]cdpTLVInfo{
		0x01: {"Device-ID", str, -1, -1},
		0x02: {"Address", (*Printer).cdpAddr, -1, -1},
		0x03: {"Port-ID", str, -1, -1},
		0x04: {"Capability", func(p *Printer, cp, n int) {
			v := p.be32(cp)
			p.s("(0x")
			p.xpad(uint64(v), 8)
			p.s("): ")
			p.bittokOr(cdpCapabilityValues, v, "none")
		}, 4, 4},
		0x05: {"Version String", func(p *Printer, cp, n int) {
			p.s("\n\t  ")
			for i := 0; i < n; i++ {
				c := p.u8(cp + i)
				if c == '\n' {
					p.s("\n\t  ")
				} else {
					p.fnPrintChar(c)
				}
			}
		}, -1, -1},
		0x06: {"Platform", str, -1, -1},
		0x07: {"Prefixes", (*Printer).cdpPrefixes, -1, -1},
		0x08: {"Protocol-Hello option", nil, -1, -1},
		0x09: {"VTP Management Domain", str, -1, -1},
		0x0a: {"Native VLAN ID", func(p *Printer, cp, n int) { p.u(uint64(p.be16(cp))) }, 2, 2},
		0x0b: {"Duplex", func(p *Printer, cp, n int) {
			if p.u8(cp) != 0 {
				p.s("full")
			} else {
				p.s("half")
			}
		}, 1, 1},
		0x0e: {"ATA-186 VoIP VLAN assignment", (*Printer).cdpATA186, 3, 3},
		0x0f: {"ATA-186 VoIP VLAN request", (*Printer).cdpATA186, 2, 3},
		0x10: {"power consumption", func(p *Printer, cp, n int) {
			var v uint32
			switch n {
			case 1:
				v = uint32(p.u8(cp))
			case 2:
				v = uint32(p.be16(cp))
			case 3:
				v = p.be24(cp)
			}
			p.f2(float64(v) / 1000.0)
			p.c('W')
		}, 1, 3},
		0x11: {"MTU", func(p *Printer, cp, n int) {
			p.u(uint64(p.be32(cp)))
			p.s(" bytes")
		}, 4, 4},
		0x12: {"AVVID trust bitmap", cdpUint8x, 1, 1},
		0x13: {"AVVID untrusted ports CoS", cdpUint8x, 1, 1},
		0x14: {"System Name", str, -1, -1},
		0x15: {"System Object ID (not decoded)", nil, -1, -1},
		0x16: {"Management Addresses", (*Printer).cdpAddr, 4, -1},
		0x17: {"Physical Location", func(p *Printer, cp, n int) {
			cdpUint8x(p, cp, n)
			if n > 1 {
				p.c('/')
				p.printjn(cp+1, n-1)
			}
		}, 1, -1},
	}
}

func cdpUint8x(p *Printer, cp, n int) {
	v := p.u8(cp)
	p.s("0x")
	p.xpad(uint64(v), 2)
}

func (p *Printer) cdpATA186(cp, n int) {
	if n == 2 {
		p.s("unknown 0x")
		p.xpad(uint64(p.be16(cp)), 4)
		return
	}
	a := p.u8(cp)
	v := p.be16(cp + 1)
	p.s("app ")
	p.u(uint64(a))
	p.s(", vlan ")
	p.u(uint64(v))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// cdpPrint is cdp_print.
func (p *Printer) cdpPrint(tptr, length int) {
	p.proto = "cdp"
	orig := length
	invalid := func() {
		p.invalid()
		p.check(tptr, length)
	}
	if length < 4 {
		p.s(" (packet length ")
		p.u(uint64(uint32(length)))
		p.s(" < 4)")
		invalid()
		return
	}
	ver, ttl := p.u8(tptr), p.u8(tptr+1)
	p.s("CDPv")
	p.u(uint64(ver))
	p.s(", ttl: ")
	p.u(uint64(ttl))
	p.s("s")
	sum := p.be16(tptr + 2)
	if p.o.Verbose > 0 {
		p.s(", checksum: 0x")
		p.xpad(uint64(sum), 4)
		p.s(" (unverified), length ")
		p.u(uint64(uint32(orig)))
	}
	tptr += 4
	length -= 4
	for length > 0 {
		if length < 4 {
			p.s(" (remaining packet length ")
			p.u(uint64(length))
			p.s(" < 4)")
			invalid()
			return
		}
		typ := int(p.be16(tptr))
		l := int(p.be16(tptr + 2))
		var info *cdpTLVInfo
		name := "unknown field type"
		if typ < len(cdpTLVs) {
			info = &cdpTLVs[typ]
			if info.name != "" {
				name = info.name
			}
		}
		if l < 4 {
			if p.o.Verbose > 0 {
				p.s("\n\t")
				p.s(name)
				p.s(" (0x")
				p.xpad(uint64(typ), 2)
				p.s("), TLV length: ")
				p.u(uint64(l))
				p.s(" byte")
				p.s(plural(l))
				p.s(" (too short)")
			} else {
				p.s(", ")
				p.s(name)
				p.s(" TLV length ")
				p.u(uint64(l))
				p.s(" too short")
			}
			invalid()
			return
		}
		if l > length {
			p.s(" (TLV length ")
			p.u(uint64(l))
			p.s(" > ")
			p.u(uint64(length))
			p.s(")")
			invalid()
			return
		}
		tptr += 4
		length -= 4
		l -= 4
		if p.o.Verbose == 0 && typ == 1 {
			p.s(", Device-ID ")
		} else if p.o.Verbose > 0 {
			p.s("\n\t")
			p.s(name)
			p.s(" (0x")
			p.xpad(uint64(typ), 2)
			p.s("), value length: ")
			p.u(uint64(l))
			p.s(" byte")
			p.s(plural(l))
			p.s(": ")
		}
		covered := false
		if info != nil {
			if (info.min > 0 && l < info.min) || (info.max > 0 && l > info.max) {
				p.s(" (malformed TLV)")
			} else if p.o.Verbose > 0 || typ == 1 {
				if info.printer != nil {
					info.printer(p, tptr, l)
				} else {
					p.check(tptr, l)
				}
				covered = true
			}
		}
		if !covered {
			p.check(tptr, l)
			p.unknownData(tptr, "\n\t  ", l)
		}
		tptr += l
		length -= l
	}
	if p.o.Verbose < 1 {
		p.s(", length ")
		p.u(uint64(uint32(orig)))
	}
}

var cdpProtIPv6 = [8]byte{0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd}

// cdpAddr is cdp_print_addr.
func (p *Printer) cdpAddr(cp, l int) {
	invalid := func() { p.check(cp, l) }
	if l < 4 {
		p.s(" (not enough space for num)")
		invalid()
		return
	}
	num := p.be32(cp)
	cp += 4
	l -= 4
	for num != 0 {
		if l < 2 {
			p.s(" (not enough space for PT+PL)")
			invalid()
			return
		}
		pt := p.u8(cp)
		pl := int(p.u8(cp + 1))
		cp += 2
		l -= 2
		if l < pl+2 {
			p.s(" (not enough space for P+AL)")
			invalid()
			return
		}
		al := int(p.be16(cp + pl))
		isV6 := false
		if pt == 2 && pl == 8 && al == 16 {
			isV6 = p.ttest(cp, 8) && [8]byte(p.pkt[cp:cp+8]) == cdpProtIPv6
		}
		switch {
		case pt == 1 && pl == 1 && p.u8(cp) == 0xcc && al == 4:
			cp += pl + 2
			l -= pl + 2
			if l < al {
				p.s(" (not enough space for A)")
				invalid()
				return
			}
			p.check(cp, 4)
			p.s("IPv4 (")
			p.u(uint64(num))
			p.s(") ")
			p.ip4(cp)
			cp += al
			l -= al
		case isV6:
			cp += pl + 2
			l -= pl + 2
			if l < al {
				p.s(" (not enough space for A)")
				invalid()
				return
			}
			p.check(cp, 16)
			p.s("IPv6 (")
			p.u(uint64(num))
			p.s(") ")
			p.ip6(cp)
			cp += al
			l -= al
		default:
			p.s("pt=0x")
			p.xpad(uint64(pt), 2)
			p.s(", pl=")
			p.u(uint64(pl))
			p.s(", pb=")
			for ; pl != 0; pl-- {
				b := p.u8(cp)
				p.c(' ')
				p.hex2(b)
				cp++
				l--
			}
			p.s(", al=")
			p.u(uint64(al))
			p.s(", a=")
			cp += 2
			l -= 2
			if l < al {
				p.s(" (not enough space for A)")
				invalid()
				return
			}
			for ; al != 0; al-- {
				b := p.u8(cp)
				p.c(' ')
				p.hex2(b)
				cp++
				l--
			}
		}
		num--
		if num != 0 {
			p.c(' ')
		}
	}
	if l != 0 {
		p.s(" (")
		p.u(uint64(l))
		p.s(" bytes of stray data)")
	}
}

// cdpPrefixes is cdp_print_prefixes.
func (p *Printer) cdpPrefixes(cp, l int) {
	if l%5 != 0 {
		p.s(" [length ")
		p.u(uint64(l))
		p.s(" is not a multiple of 5]")
		p.check(cp, l)
		return
	}
	p.s(" IPv4 Prefixes (")
	p.u(uint64(l / 5))
	p.s("):")
	for ; l > 0; l -= 5 {
		p.check(cp, 5)
		p.c(' ')
		p.ip4n(cp) // numeric in print-cdp.c too
		p.c('/')
		p.u(uint64(p.pkt[cp+4]))
		cp += 5
	}
}
