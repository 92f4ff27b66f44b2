// PIM, as tcpdump 4.99.3's print-pim.c prints it: PIMv2 (RFC 7761, the
// message type, and with -v every message: Hello options, Register with
// the packet it carries, Register-Stop, Join/Prune, Graft, Bootstrap,
// Assert, Candidate-RP, Prune Refresh, DF Election), PIMv1 (carried in
// IGMP) and Cisco Auto-RP (UDP port 496).

package printer

func init() {
	registerIPProto(103, "pim", func(p *Printer, d ipPayload) { p.pimPrint(d.off, d.length, d.iph) })
	registerUDP("cisco_autorp", func(p *Printer, d portPayload) { p.autoRPPrint(d.off, d.length) })
}

var pimv1Types = map[uint32]string{0: "Query", 1: "Register", 2: "Register-Stop", 3: "Join/Prune",
	4: "RP-reachable", 5: "Assert", 6: "Graft", 7: "Graft-ACK"}

var pimv2Types = map[uint32]string{0: "Hello", 1: "Register", 2: "Register Stop", 3: "Join / Prune",
	4: "Bootstrap", 5: "Assert", 6: "Graft", 7: "Graft Acknowledgement", 8: "Candidate RP Advertisement",
	9: "Prune Refresh", 10: "DF Election", 11: "ECMP Redirect"}

var pimv2HelloOptions = map[uint32]string{1: "Hold Time", 2: "LAN Prune Delay", 18: "DR Priority (Old)",
	19: "DR Priority", 20: "Generation ID", 21: "State Refresh Capability", 22: "Bi-Directional Capability",
	24: "Address List", 65001: "Address List (Old)"}

var pimv2RegisterFlags = map[uint32]string{0x80000000: "Border", 0x40000000: "Null"}

var pimv2DFElection = map[uint32]string{1: "Offer", 2: "Winner", 3: "Backoff", 4: "Pass"}

// pimTrunc ends a PIM message with tcpdump's local trunc label.
type pimTrunc struct{}

func (p *Printer) pimPrint(bp, length, iph int) {
	p.proto = "pim"
	tv := p.u8(bp)
	ver, typ := tv>>4, uint32(tv&0x0f)
	l := uint32(length)
	if ver != 2 {
		p.s("PIMv")
		p.u(uint64(ver))
		p.s(", length ")
		p.u(uint64(l))
		return
	}
	if p.o.Verbose == 0 {
		p.s("PIMv2, ")
		p.tok(pimv2Types, typ, "Unknown Type")
		p.s(", length ")
		p.u(uint64(l))
		return
	}
	p.s("PIMv2, length ")
	p.u(uint64(l))
	p.s("\n\t")
	p.tok(pimv2Types, typ, "Unknown Type")
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(pimTrunc); !ok {
					panic(r)
				}
				p.trunc()
			}
		}()
		p.pimv2(bp, l, iph)
	}()
}

// pimAddr is pimv2_addr_print: an encoded unicast, group or source
// address; it returns its length, or panics pimTrunc for tcpdump's -1.
func (p *Printer) pimAddr(bp int, l uint32, at byte, addrLen uint32) int {
	v4 := true
	hdr := 0
	if addrLen == 0 {
		if l < 2 {
			panic(pimTrunc{})
		}
		switch p.u8(bp) {
		case 1:
			addrLen = 4
		case 2:
			addrLen, v4 = 16, false
		default:
			panic(pimTrunc{})
		}
		if p.u8(bp+1) != 0 {
			panic(pimTrunc{})
		}
		hdr = 2
	} else {
		switch addrLen {
		case 4:
		case 16:
			v4 = false
		default:
			panic(pimTrunc{})
		}
	}
	bp += hdr
	l -= uint32(hdr)
	switch at {
	case 'u':
		if l < addrLen || !p.ttest(bp, int(addrLen)) {
			panic(pimTrunc{})
		}
		if v4 {
			p.ip4(bp)
		} else {
			p.ip6(bp)
		}
		return hdr + int(addrLen)
	default:
		if l < addrLen+2 || !p.ttest(bp, int(addrLen)+2) {
			panic(pimTrunc{})
		}
		if v4 {
			p.ip4(bp + 2)
			if m := p.pkt[bp+1]; m != 32 {
				p.c('/')
				p.u(uint64(m))
			}
		} else {
			p.ip6(bp + 2)
			if m := p.pkt[bp+1]; m != 128 {
				p.c('/')
				p.u(uint64(m))
			}
		}
		if f := p.pkt[bp]; f != 0 {
			if at == 'g' {
				p.s("(0x")
				p.hex2(f)
				p.s(")")
			} else {
				p.c('(')
				if f&0x04 != 0 {
					p.c('S')
				}
				if f&0x02 != 0 {
					p.c('W')
				}
				if f&0x01 != 0 {
					p.c('R')
				}
				if f&0xf8 != 0 {
					p.s("+0x")
					p.hex2(f & 0xf8)
				}
				p.c(')')
			}
		}
		return hdr + 2 + int(addrLen)
	}
}

func (p *Printer) pimv2(bp int, l uint32, iph int) {
	p.proto = "pimv2"
	if l < 2 {
		p.s("[length ")
		p.u(uint64(l))
		p.s(" < 2]")
		p.invalid()
		return
	}
	tv := p.u8(bp)
	rsv := p.u8(bp + 1)
	addrLen := uint32(rsv & 0x0f)
	if addrLen != 0 {
		p.s(", RFC2117-encoding")
	}
	if l < 4 {
		p.s("[length ")
		p.u(uint64(l))
		p.s(" < 4]")
		p.invalid()
		return
	}
	sum := p.be16(bp + 2)
	p.s(", cksum 0x")
	p.xpad(uint64(sum), 4)
	p.c(' ')
	typ := tv & 0x0f
	if sum == 0 {
		p.s("(unverified)")
	} else {
		st := 0
		if typ == 1 {
			st = p.pimCksum(bp, 8, iph)
			if st == 1 {
				st = p.pimCksum(bp, l, iph)
			}
		} else {
			st = p.pimCksum(bp, l, iph)
		}
		p.s([...]string{"(correct)", "(incorrect)", "(unverified)"}[st])
	}
	bp += 4
	l -= 4
	need := func(n uint32) {
		if l < n {
			panic(pimTrunc{})
		}
	}
	adv := func(at byte) {
		a := p.pimAddr(bp, l, at, addrLen)
		bp += a
		l -= uint32(a)
	}
	switch typ {
	case 0: // Hello
		for l > 0 {
			need(4)
			ot := uint32(p.be16(bp))
			ol := uint32(p.be16(bp + 2))
			p.s("\n\t  ")
			p.tok(pimv2HelloOptions, ot, "Unknown")
			p.s(" Option (")
			p.u(uint64(ot))
			p.s("), length ")
			p.u(uint64(ol))
			p.s(", Value: ")
			bp += 4
			l -= 4
			need(ol)
			if !p.ttest(bp, int(ol)) {
				panic(pimTrunc{})
			}
			bad := func(n uint32) bool {
				if ol != n {
					p.s("[option length ")
					p.u(uint64(ol))
					p.s(" != ")
					p.u(uint64(n))
					p.s("]")
					p.invalid()
					return true
				}
				return false
			}
			switch ot {
			case 1:
				if bad(2) {
					return
				}
				p.relts(uint32(p.be16(bp)))
			case 2:
				if bad(4) {
					return
				}
				d := p.be16(bp)
				p.s("\n\t    T-bit=")
				p.u(uint64(d >> 15))
				p.s(", LAN delay ")
				p.u(uint64(d & 0x7fff))
				p.s("ms, Override interval ")
				p.u(uint64(p.be16(bp + 2)))
				p.s("ms")
			case 18, 19:
				switch ol {
				case 0:
					p.s("Bi-Directional Capability (Old)")
				case 4:
					p.u(uint64(p.be32(bp)))
				default:
					bad(4)
					return
				}
			case 20:
				if bad(4) {
					return
				}
				p.s("0x")
				p.xpad(uint64(p.be32(bp)), 8)
			case 21:
				if bad(4) {
					return
				}
				p.c('v')
				p.u(uint64(p.pkt[bp]))
				if iv := p.pkt[bp+1]; iv != 0 {
					p.s(", interval ")
					p.relts(uint32(iv))
				}
				if r := p.be16(bp + 2); r != 0 {
					p.s(" ?0x")
					p.xpad(uint64(r), 4)
					p.c('?')
				}
			case 22:
			case 24, 65001:
				if p.o.Verbose > 1 {
					ptr, pl := bp, l
					for ptr < bp+int(ol) {
						p.s("\n\t    ")
						a := p.pimAddr(ptr, pl, 'u', addrLen)
						ptr += a
						pl -= uint32(a)
					}
				}
			default:
				if p.o.Verbose <= 1 {
					p.unknownData(bp, "\n\t    ", int(ol))
				}
			}
			if p.o.Verbose > 1 {
				p.unknownData(bp, "\n\t    ", int(ol))
			}
			bp += int(ol)
			l -= ol
		}
	case 1: // Register
		need(4)
		if !p.ttest(bp, 4) {
			panic(pimTrunc{})
		}
		p.s(", Flags [ ")
		p.tok(pimv2RegisterFlags, p.be32(bp), "none")
		p.s(" ]\n\t")
		bp += 4
		l -= 4
		if l == 0 {
			panic(pimTrunc{})
		}
		switch v := p.u8(bp) >> 4; v {
		case 0:
			p.check(bp+12, 8)
			p.s("IP-Null-header ")
			p.ip4(bp + 12)
			p.s(" > ")
			p.ip4(bp + 16)
		case 4:
			p.ipPrint(bp, int(l))
		case 6:
			p.ip6Print(bp, int(l))
		default:
			p.s("IP ver ")
			p.u(uint64(v))
		}
	case 2: // Register-Stop
		p.s(" group=")
		adv('g')
		p.s(" source=")
		adv('u')
	case 3, 6, 7: // Join/Prune, Graft, Graft-Ack
		if typ != 7 {
			p.s(", upstream-neighbor: ")
			adv('u')
		}
		need(4)
		if !p.ttest(bp, 4) {
			panic(pimTrunc{})
		}
		ngroup := int(p.pkt[bp+1])
		hold := p.be16(bp + 2)
		p.s("\n\t  ")
		p.u(uint64(ngroup))
		p.s(" group(s)")
		if typ != 7 {
			p.s(", holdtime: ")
			if hold == 0xffff {
				p.s("infinite")
			} else {
				p.relts(uint32(hold))
			}
		}
		bp += 4
		l -= 4
		for i := 0; i < ngroup; i++ {
			p.s("\n\t    group #")
			p.u(uint64(i + 1))
			p.s(": ")
			adv('g')
			need(4)
			if !p.ttest(bp, 4) {
				panic(pimTrunc{})
			}
			nj, np := int(p.be16(bp)), int(p.be16(bp+2))
			p.s(", joined sources: ")
			p.u(uint64(nj))
			p.s(", pruned sources: ")
			p.u(uint64(np))
			bp += 4
			l -= 4
			for j := 0; j < nj; j++ {
				p.s("\n\t      joined source #")
				p.u(uint64(j + 1))
				p.s(": ")
				adv('s')
			}
			for j := 0; j < np; j++ {
				p.s("\n\t      pruned source #")
				p.u(uint64(j + 1))
				p.s(": ")
				adv('s')
			}
		}
	case 4: // Bootstrap
		need(2)
		tag := p.be16(bp)
		p.s(" tag=")
		p.x(uint64(tag))
		bp += 2
		l -= 2
		need(1)
		hm := p.u8(bp)
		p.s(" hashmlen=")
		p.u(uint64(hm))
		need(2)
		if !p.ttest(bp+2, 1) {
			panic(pimTrunc{})
		}
		p.s(" BSRprio=")
		p.u(uint64(p.pkt[bp+1]))
		bp += 2
		l -= 2
		p.s(" BSR=")
		adv('u')
		for i := 0; l > 0; i++ {
			p.s(" (group")
			p.u(uint64(i))
			p.s(": ")
			adv('g')
			need(1)
			rpc := p.u8(bp)
			p.s(" RPcnt=")
			p.u(uint64(rpc))
			need(2)
			frp := int(p.u8(bp + 1))
			p.s(" FRPcnt=")
			p.u(uint64(frp))
			need(4)
			bp += 4
			l -= 4
			for j := 0; j < frp && l > 0; j++ {
				p.s(" RP")
				p.u(uint64(j))
				p.c('=')
				adv('u')
				need(2)
				p.s(",holdtime=")
				p.relts(uint32(p.be16(bp)))
				need(3)
				pr := p.u8(bp + 2)
				p.s(",prio=")
				p.u(uint64(pr))
				need(4)
				bp += 4
				l -= 4
			}
			p.s(")")
		}
	case 5: // Assert
		p.s(" group=")
		adv('g')
		p.s(" src=")
		adv('u')
		need(8)
		if !p.ttest(bp, 8) {
			panic(pimTrunc{})
		}
		if p.pkt[bp]&0x80 != 0 {
			p.s(" RPT")
		}
		p.s(" pref=")
		p.u(uint64(p.be32(bp) & 0x7fffffff))
		p.s(" metric=")
		p.u(uint64(p.be32(bp + 4)))
	case 8: // Candidate-RP
		need(1)
		pfx := int(p.u8(bp))
		p.s(" prefix-cnt=")
		p.u(uint64(pfx))
		need(2)
		pr := p.u8(bp + 1)
		p.s(" prio=")
		p.u(uint64(pr))
		need(4)
		p.s(" holdtime=")
		p.relts(uint32(p.be16(bp + 2)))
		bp += 4
		l -= 4
		p.s(" RP=")
		adv('u')
		for i := 0; i < pfx && l > 0; i++ {
			p.s(" Group")
			p.u(uint64(i))
			p.c('=')
			adv('g')
		}
	case 9: // Prune Refresh
		p.s(" src=")
		adv('u')
		p.s(" grp=")
		adv('g')
		p.s(" forwarder=")
		adv('u')
		need(2)
		p.s(" TUNR ")
		p.relts(uint32(p.be16(bp)))
	case 10: // DF Election
		sub := uint32(rsv >> 4)
		p.s("\n\t  ")
		p.tok(pimv2DFElection, sub, "Unknown")
		p.s(", rpa=")
		adv('u')
		pref := p.be32(bp)
		p.s(" sender pref=")
		p.u(uint64(pref))
		metric := p.be32(bp + 4)
		p.s(" sender metric=")
		p.u(uint64(metric))
		bp += 8
		l -= 8
		if sub == 3 || sub == 4 {
			what := "new winner"
			if sub == 3 {
				what = "offer"
			}
			p.s("\n\t  ")
			p.s(what)
			p.s(" addr=")
			adv('u')
			pref := p.be32(bp)
			p.c(' ')
			p.s(what)
			p.s(" pref=")
			p.u(uint64(pref))
			metric := p.be32(bp + 4)
			p.c(' ')
			p.s(what)
			p.s(" metric=")
			p.u(uint64(metric))
			bp += 8
			l -= 8
			if sub == 3 {
				iv := p.be16(bp)
				p.s(" interval ")
				p.u(uint64(iv))
				p.s("ms")
			}
		}
	default:
		p.s(" [type ")
		p.u(uint64(typ))
		p.s("]")
	}
}

// pimCksum is pimv2_check_checksum: 0 correct, 1 incorrect, 2 unverified.
func (p *Printer) pimCksum(bp int, l uint32, iph int) int {
	if !p.ttest(bp, int(l)) {
		return 2
	}
	var acc uint32
	if p.pkt[iph]>>4 == 6 {
		acc = p.pseudoSum(iph, 103, int(l))
	}
	if cksum(acc, p.pkt[bp:bp+int(l)]) != 0 {
		return 1
	}
	return 0
}

// pimv1Print is pimv1_print, for PIMv1 messages carried in IGMP.
func (p *Printer) pimv1Print(bp, length int) {
	p.proto = "pimv1"
	typ := uint32(p.u8(bp + 1))
	p.c(' ')
	if n, ok := pimv1Types[typ]; ok {
		p.s(n)
	} else {
		p.s("[type ")
		p.u(uint64(typ))
		p.s("]")
	}
	tr := func() { p.trunc() }
	switch typ {
	case 0:
		if p.ttest(bp+8, 1) {
			switch m := p.pkt[bp+8] >> 4; m {
			case 0:
				p.s(" Dense-mode")
			case 1:
				p.s(" Sparse-mode")
			case 2:
				p.s(" Sparse-Dense-mode")
			default:
				p.s(" mode-")
				p.u(uint64(m))
			}
		}
		if p.o.Verbose > 0 {
			p.s(" (Hold-time ")
			p.relts(uint32(p.be16(bp + 10)))
			p.s(")")
		}
	case 1:
		if !p.ttest(bp+8, 20) {
			tr()
			return
		}
		p.s(" for ")
		p.ip4(bp + 20)
		p.s(" > ")
		p.ip4(bp + 24)
	case 2:
		p.check(bp+8, 8)
		p.s(" for ")
		p.ip4(bp + 8)
		p.s(" > ")
		p.ip4(bp + 12)
	case 4:
		if p.o.Verbose > 0 {
			p.check(bp+8, 4)
			p.s(" group ")
			p.ip4(bp + 8)
			if p.be32(bp+12) != 0xffffffff {
				p.c('/')
				p.ip4(bp + 12)
			}
			p.check(bp+16, 4)
			p.s(" RP ")
			p.ip4(bp + 16)
			p.s(" hold ")
			p.relts(uint32(p.be16(bp + 22)))
		}
	case 5:
		p.check(bp+8, 4)
		p.check(bp+16, 4)
		p.s(" for ")
		p.ip4(bp + 16)
		p.s(" > ")
		p.ip4(bp + 8)
		if p.be32(bp+12) != 0xffffffff {
			p.c('/')
			p.ip4(bp + 12)
		}
		p.check(bp+20, 8)
		p.c(' ')
		if p.pkt[bp+20]&0x80 != 0 {
			p.s("RP-tree")
		} else {
			p.s("SPT")
		}
		p.s(" pref ")
		p.u(uint64(p.be32(bp+20) & 0x7fffffff))
		p.s(" metric ")
		p.u(uint64(p.be32(bp + 24)))
	case 3, 6, 7:
		if p.o.Verbose > 0 {
			if uint32(length) < 8 {
				tr()
				return
			}
			if !p.pimv1JoinPrune(bp+8, uint32(length)-8) {
				tr()
				return
			}
		}
	}
	if v := p.u8(bp+4) >> 4; v != 1 {
		p.s(" [v")
		p.u(uint64(v))
		p.s("]")
	}
}

// pimv1JoinPrune is pimv1_join_prune_print; false for its trunc label.
func (p *Printer) pimv1JoinPrune(bp int, l uint32) bool {
	if p.ttest(bp, 30) && p.pkt[bp+11] == 1 && int(p.be16(bp+20))+int(p.be16(bp+22)) == 1 {
		nj := p.be16(bp + 20)
		p.s(" RPF ")
		p.ip4(bp)
		p.c(' ')
		if h := p.be16(bp + 6); h != 180 {
			p.s("Hold ")
			p.relts(uint32(h))
		}
		if nj != 0 {
			p.s("Join")
		} else {
			p.s("Prune")
		}
		p.s(" (")
		p.ip4(bp + 26)
		p.c('/')
		p.u(uint64(p.pkt[bp+25] & 0x3f))
		p.s(", ")
		p.ip4(bp + 12)
		if p.be32(bp+16) != 0xffffffff {
			p.c('/')
			p.ip4(bp + 16)
		}
		p.s(") ")
		if p.pkt[bp+24]&1 != 0 {
			p.s("Sparse")
		} else {
			p.s("Dense")
		}
		if p.pkt[bp+25]&0x80 != 0 {
			p.s(" WC")
		}
		p.c(' ')
		if p.pkt[bp+25]&0x40 != 0 {
			p.s("RP")
		} else {
			p.s("SPT")
		}
		return true
	}
	if l < 4 {
		return false
	}
	if p.o.Verbose > 1 {
		p.c('\n')
	}
	p.check(bp, 4)
	p.s(" Upstream Nbr: ")
	p.ip4(bp)
	bp += 4
	l -= 4
	if l < 4 {
		return false
	}
	if p.o.Verbose > 1 {
		p.c('\n')
	}
	p.s(" Hold time: ")
	p.relts(uint32(p.be16(bp + 2)))
	if p.o.Verbose < 2 {
		return true
	}
	bp += 4
	l -= 4
	if l < 4 {
		return false
	}
	ng := p.u8(bp + 3)
	bp += 4
	l -= 4
	for ; ng != 0; ng-- {
		if l < 4 {
			return false
		}
		p.check(bp, 4)
		p.s("\n\tGroup: ")
		p.ip4(bp)
		bp += 4
		l -= 4
		if l < 4 {
			return false
		}
		if p.be32(bp) != 0xffffffff {
			p.c('/')
			p.ip4(bp)
		}
		bp += 4
		l -= 4
		if l < 4 {
			return false
		}
		nj, np := p.be16(bp), p.be16(bp+2)
		p.s(" joined: ")
		p.u(uint64(nj))
		p.s(" pruned: ")
		p.u(uint64(np))
		bp += 4
		l -= 4
		for i := 0; i < int(nj)+int(np); i++ {
			if l < 6 {
				return false
			}
			p.check(bp, 6)
			if i < int(nj) {
				p.s("\n\tJoin  ")
			} else {
				p.s("\n\tPrune ")
			}
			if p.pkt[bp]&1 != 0 {
				p.s("Sparse ")
			} else {
				p.s("Dense ")
			}
			if p.pkt[bp+1]&0x80 != 0 {
				p.s("WC ")
			}
			if p.pkt[bp+1]&0x40 != 0 {
				p.s("RP ")
			} else {
				p.s("SPT ")
			}
			p.ip4(bp + 2)
			p.c('/')
			p.u(uint64(p.pkt[bp+1] & 0x3f))
			bp += 6
			l -= 6
		}
	}
	return true
}

// autoRPPrint is cisco_autorp_print (UDP port 496).
func (p *Printer) autoRPPrint(bp, length int) {
	p.proto = "cisco_autorp"
	l := uint32(length)
	if l < 8 {
		p.trunc()
		return
	}
	p.s(" auto-rp ")
	switch t := p.u8(bp); t {
	case 0x11:
		p.s("candidate-advert")
	case 0x12:
		p.s("mapping")
	default:
		p.s("type-0x")
		p.hex2(t)
	}
	numrps := p.u8(bp + 1)
	p.s(" Hold ")
	if h := p.be16(bp + 2); h != 0 {
		p.relts(uint32(h))
	} else {
		p.s("FOREVER")
	}
	bp += 8
	l -= 8
	for ; numrps != 0; numrps-- {
		if l < 4 {
			p.trunc()
			return
		}
		p.check(bp, 4)
		p.s(" RP ")
		p.ip4(bp)
		bp += 4
		l -= 4
		if l < 1 {
			p.trunc()
			return
		}
		b := p.u8(bp)
		p.s([...]string{" PIMv?", " PIMv1", " PIMv2", " PIMv1+2"}[b&3])
		if b&0xfc != 0 {
			p.s(" [rsvd=0x")
			p.hex2(b & 0xfc)
			p.s("]")
		}
		bp++
		l--
		if l < 1 {
			p.trunc()
			return
		}
		n := p.u8(bp)
		bp++
		l--
		sep := byte(' ')
		for ; n != 0; n-- {
			if l < 6 {
				p.trunc()
				return
			}
			p.check(bp, 6)
			p.c(sep)
			if p.pkt[bp]&1 != 0 {
				p.c('!')
			}
			p.ip4(bp + 2)
			p.c('/')
			p.u(uint64(p.pkt[bp+1]))
			if p.pkt[bp]&0x02 != 0 {
				p.s(" bidir")
			}
			if r := p.pkt[bp] & 0xfc; r != 0 {
				p.s("[rsvd=0x")
				p.hex2(r)
				p.s("]")
			}
			sep = ','
			bp += 6
			l -= 6
		}
	}
}
