// ICMP, as tcpdump 4.99.3's print-icmp.c prints it (icmp_print), with the
// quoted datagram of error messages and the RFC 4884 multi-part
// extensions (MPLS label stack objects).

package printer

func init() {
	registerIPProto(1, "icmp", func(p *Printer, d ipPayload) {
		if d.ver != 4 {
			p.wrongIPVersion(1, 4)
			return
		}
		p.icmpPrint(d.off, d.length, d.iph, d.fragmented)
	})
}

var icmpUnreachFmt = map[uint8]string{
	// code: text; "%s" is the inner destination address
	0: "net %s unreachable", 1: "host %s unreachable",
	5: "%s unreachable - source route failed", 6: "net %s unreachable - unknown",
	7: "host %s unreachable - unknown", 8: "%s unreachable - source host isolated",
	9: "net %s unreachable - admin prohibited", 10: "host %s unreachable - admin prohibited",
	11: "net %s unreachable - tos prohibited", 12: "host %s unreachable - tos prohibited",
	13: "host %s unreachable - admin prohibited filter",
	14: "host %s unreachable - host precedence violation",
	15: "host %s unreachable - precedence cutoff",
}

var icmpTypeNames = map[uint8]string{0: "echo reply", 4: "source quench", 8: "echo request",
	10: "router solicitation", 13: "time stamp request", 14: "time stamp reply",
	15: "information request", 16: "information reply", 17: "address mask request"}

// fmtAddr prints a format with one "%s" replaced by the IPv4 address at off.
func (p *Printer) fmtAddr(f string, off int) {
	for i := 0; i < len(f); i++ {
		if f[i] == '%' && i+1 < len(f) && f[i+1] == 's' {
			p.ip4(off)
			i++
			continue
		}
		p.c(f[i])
	}
}

func (p *Printer) icmpPrint(off, plen, iph int, fragmented bool) {
	p.proto = "icmp"
	typ := p.u8(off)
	code := p.u8(off + 1)
	// The text goes into a scratch area first: tcpdump formats it into a
	// buffer and prints "ICMP <text>, length N" only if the fields are
	// all present, so truncation shows only " [|icmp]".
	start := len(p.buf)
	committed := false
	defer func() {
		if !committed {
			if r := recover(); r != nil {
				p.buf = p.buf[:start]
				if _, ok := r.(localTrunc); ok {
					// ND_TCHECK: tcpdump's own trunc label, no longjmp.
					p.trunc()
					return
				}
				panic(r)
			}
		}
	}()
	p.s("ICMP ")
	oip := off + 8 // the quoted IP header
	switch typ {
	case 0, 8:
		p.s("echo ")
		if typ == 8 {
			p.s("request")
		} else {
			p.s("reply")
		}
		p.s(", id ")
		p.u(uint64(p.be16(off + 4)))
		p.s(", seq ")
		p.u(uint64(p.be16(off + 6)))
	case 3:
		switch code {
		case 2:
			p.ip4(oip + 16)
			p.s(" protocol ")
			p.u(uint64(p.u8(oip + 9)))
			p.s(" unreachable")
		case 3:
			if !p.ttest(oip+9, 1) {
				panic(localTrunc{})
			}
			hl := int(p.pkt[oip]&0x0f) * 4
			dport := p.be16(oip + hl + 2)
			proto := p.u8(oip + 9)
			p.ip4(oip + 16)
			switch proto {
			case 6:
				p.s(" tcp port ")
				p.tcpPort(dport)
			case 17:
				p.s(" udp port ")
				p.udpPort(dport)
			default:
				p.s(" protocol ")
				p.u(uint64(proto))
				p.s(" port ")
				p.u(uint64(dport))
			}
			p.s(" unreachable")
		case 4:
			mtu := p.be16(off + 6)
			p.ip4(oip + 16)
			p.s(" unreachable - need to frag")
			if mtu != 0 {
				p.s(" (mtu ")
				p.u(uint64(mtu))
				p.s(")")
			}
		default:
			if f, ok := icmpUnreachFmt[code]; ok {
				p.fmtAddr(f, oip+16)
			} else {
				p.ip4(oip + 16)
				p.s(" unreachable - #")
				p.u(uint64(code))
			}
		}
	case 5:
		switch code {
		case 0, 1:
			p.s("redirect ")
		case 2, 3:
			p.s("redirect-tos ")
		default:
			p.s("redirect-#")
			p.u(uint64(code))
			p.s(" ")
		}
		p.ip4(oip + 16)
		switch code {
		case 0, 2:
			p.s(" to net ")
		case 1, 3:
			p.s(" to host ")
		default:
			p.s(" to ")
		}
		p.ip4(off + 4)
	case 11:
		if !p.ttest(oip+16, 4) {
			panic(localTrunc{})
		}
		switch code {
		case 0:
			p.s("time exceeded in-transit")
		case 1:
			p.s("ip reassembly time exceeded")
		default:
			p.s("time exceeded-#")
			p.u(uint64(code))
		}
	case 12:
		if code != 0 {
			p.s("parameter problem - code ")
			p.u(uint64(code))
		} else {
			p.s("parameter problem - octet ")
			p.u(uint64(p.u8(off + 4)))
		}
	case 18:
		p.s("address mask is 0x")
		p.xpad(uint64(p.be32(off+8)), 8)
	case 9:
		p.s("router advertisement")
		if !p.ttest(off+4, 4) {
			panic(localTrunc{})
		}
		p.s(" lifetime ")
		lt := uint64(p.be16(off + 6))
		switch {
		case lt < 60:
			p.u(lt)
		case lt < 3600:
			p.u(lt / 60)
			p.c(':')
			p.padUint0(lt%60, 2)
		default:
			p.u(lt / 3600)
			p.c(':')
			p.padUint0(lt%3600/60, 2)
			p.c(':')
			p.padUint0(lt%60, 2)
		}
		num := int(p.pkt[off+4])
		p.c(' ')
		p.u(uint64(num))
		p.c(':')
		if size := p.pkt[off+5]; size != 2 {
			p.s(" [size ")
			p.u(uint64(size))
			p.s("]")
			break
		}
		for a := off + 8; num > 0; num-- {
			if !p.ttest(a, 8) {
				panic(localTrunc{})
			}
			p.s(" {")
			p.ip4(a)
			p.c(' ')
			p.u(uint64(p.be32(a + 4)))
			p.c('}')
			a += 8
		}
	case 14:
		if !p.ttest(off+16, 4) {
			panic(localTrunc{})
		}
		p.s("time stamp reply id ")
		p.u(uint64(p.be16(off + 4)))
		p.s(" seq ")
		p.u(uint64(p.be16(off + 6)))
		p.s(": org ")
		p.icmpTstamp(p.be32(off + 8))
		p.s(", recv ")
		p.icmpTstamp(p.be32(off + 12))
		p.s(", xmit ")
		p.icmpTstamp(p.be32(off + 16))
	case 13:
		p.s("time stamp query id ")
		p.u(uint64(p.be16(off + 4)))
		p.s(" seq ")
		p.u(uint64(p.be16(off + 6)))
	default:
		if n, ok := icmpTypeNames[typ]; ok {
			p.s(n)
		} else {
			p.s("type-#")
			p.u(uint64(typ))
		}
	}
	// tcpdump formats the text into a buffer of MAXHOSTNAMELEN+100 bytes.
	if max := start + len("ICMP ") + 163; len(p.buf) > max {
		p.buf = p.buf[:max]
	}
	committed = true
	p.s(", length ")
	p.u(uint64(plen))
	if p.o.Verbose > 0 && !fragmented && p.ttest(off, plen) {
		sum := cksum(0, p.pkt[off:off+plen])
		if sum != 0 {
			isum := p.be16(off + 2)
			p.s(" (wrong icmp cksum ")
			p.x(uint64(isum))
			p.s(" (->")
			p.x(uint64(shouldBe(isum, sum)))
			p.s(")!)")
		}
	}
	if p.o.Verbose > 0 && (typ == 3 || typ == 4 || typ == 5 || typ == 11 || typ == 12) {
		p.s("\n\t")
		iplen := int(p.be16(oip + 2))
		saved := p.snapend
		if oip+iplen < p.snapend {
			p.snapend = oip + iplen
		}
		// tcpdump reads ip_len again for ip_print's argument, after
		// moving the snapshot end: a quoted length below 4 truncates.
		p.check(oip+2, 2)
		p.ipPrint(oip, iplen)
		p.snapend = saved
	}
	p.proto = "icmp"
	// RFC 4884 multi-part extensions (MPLS label stack objects decoded,
	// other objects in hex).
	if p.o.Verbose > 0 && plen > 136 && (typ == 3 || typ == 11 || typ == 12) {
		if !p.ttest(off, 141) {
			p.trunc()
			return
		}
		ext := off + 136
		if p.pkt[off+5] == 0 && p.ttest(ext, plen-136) && cksum(0, p.pkt[ext:ext+plen-136]) != 0 {
			return
		}
		p.s("\n\tICMP Multi-Part extension v")
		v := p.pkt[ext] >> 4
		p.u(uint64(v))
		if v != 2 {
			p.s(" packet not supported")
			return
		}
		p.icmpExtObjects(ext, uint32(plen-136))
	}
}

// icmpExtObjects prints the checksum and objects of an RFC 4884 extension
// structure of hlen bytes at ext, as tcpdump's icmp_print (with its
// unsigned length arithmetic).
func (p *Printer) icmpExtObjects(ext int, hlen uint32) {
	if p.ttest(ext, int(hlen)) {
		p.s(", checksum 0x")
		p.xpad(uint64(p.be16(ext+2)), 4)
		p.s(" (")
		if cksum(0, p.pkt[ext:ext+int(hlen)]) != 0 {
			p.s("in")
		}
		p.s("correct), length ")
		p.u(uint64(hlen))
	}
	hlen -= 4
	obj := ext + 4
	for hlen > 4 {
		if !p.ttest(obj, 4) {
			p.trunc()
			return
		}
		tlen := uint32(p.be16(obj))
		class := p.pkt[obj+2]
		ctype := p.pkt[obj+3]
		obj += 4
		p.s("\n\t  ")
		switch class {
		case 1:
			p.s("MPLS Stack Entry")
		case 2:
			p.s("Interface Identification")
		default:
			p.s("unknown")
		}
		p.s(" Object (")
		p.u(uint64(class))
		p.s("), Class-Type: ")
		p.u(uint64(ctype))
		p.s(", length ")
		p.u(uint64(tlen))
		hlen -= 4
		if class == 0 || tlen < 4 {
			return
		}
		tlen -= 4
		if class == 1 && ctype == 1 {
			l := p.be32(obj)
			p.s("\n\t    label ")
			p.u(uint64(l >> 12))
			p.s(", tc ")
			p.u(uint64(l >> 9 & 7))
			if l&0x100 != 0 {
				p.s(", [S]")
			}
			p.s(", ttl ")
			p.u(uint64(l & 0xff))
		} else {
			p.unknownData(obj, "\n\t    ", int(tlen))
		}
		if hlen < tlen {
			break
		}
		hlen -= tlen
		obj += int(tlen)
	}
}

// icmpTstamp is icmp_tstamp_print: milliseconds since midnight UTC as
// hh:mm:ss.mmm.
func (p *Printer) icmpTstamp(t uint32) {
	ms := uint64(t % 1000)
	sec := uint64(t / 1000)
	min := sec / 60
	sec -= min * 60
	hrs := min / 60
	min -= hrs * 60
	p.padUint0(hrs, 2)
	p.c(':')
	p.padUint0(min, 2)
	p.c(':')
	p.padUint0(sec, 2)
	p.c('.')
	p.padUint0(ms, 3)
}
