// TCP, as tcpdump 4.99.3's print-tcp.c prints it (tcp_print with its
// relative sequence numbers, tcp options and checksum verdicts), and its
// chain of port tests: tcpRules lists them in tcpdump's order, each
// naming the printer tcp_print calls. A printer of this package registers
// itself for its rule in its own file (registerTCP); a rule without one
// prints nothing after ", length N", and TCPPortsDecoded reports it.

package printer

func init() {
	registerIPProto(6, "tcp", func(p *Printer, d ipPayload) { p.tcpPrint(d.off, d.length, d.iph, d.fragmented) })
}

// tcpRules is tcp_print's chain of port tests without -T, in its order.
// NetBIOS and SMB (139, 445) are left out, as in the tcpdump 4.99.3 of
// Debian 12, built without them.
var tcpRules = []portRule{
	{name: "telnet", either: ports(23)},
	{name: "smtp", either: ports(25)},
	{name: "whois", either: ports(43)},
	{name: "bgp", either: ports(179)},
	{name: "pptp", either: ports(1723)},
	{name: "resp", either: ports(6379)},
	{name: "ssh", either: ports(22)},
	{name: "beep", either: ports(10288)},
	{name: "openflow", either: ports(6633, 6653)},
	{name: "ftp", either: ports(21)},
	{name: "http", either: ports(80, 8080)},
	{name: "rtsp", either: ports(554, 8554)},
	{name: "domain", either: ports(53)},
	{name: "msdp", either: ports(639)},
	{name: "rpki-rtr", either: ports(323)},
	{name: "ldp", either: ports(646)},
	{name: "nfs", either: ports(2049)},
}

var tcpTable = newPortTable(tcpRules)

// registerTCP makes f the printer of the TCP rule called name.
func registerTCP(name string, f portPrinter) { tcpTable.register(name, f) }

// TCPPortsDecoded reports whether tcpdump prints something this package
// does not reproduce for the payload of a TCP segment between these ports.
func TCPPortsDecoded(sport, dport uint16) bool {
	f, ok := tcpTable.printer(nil, portPayload{sport: sport, dport: dport})
	return ok && f == nil
}

// tcpPayload prints the payload of length bytes at data as tcpdump does
// after ", length N".
func (p *Printer) tcpPayload(data, length int, sport, dport uint16, iph int) {
	d := portPayload{off: data, length: length, sport: sport, dport: dport, iph: iph}
	if p.forcedTCP(d) { // -T
		return
	}
	if f, _ := tcpTable.printer(p, d); f != nil {
		f(p, d)
	}
}

type tcpKey4 struct {
	src, dst [4]byte
	port     uint32
}

type tcpKey6 struct {
	src, dst [16]byte
	port     uint32
}

type tcpSeq struct{ seq, ack uint32 }

var tcpOptNames = map[uint8]string{0: "eol", 1: "nop", 2: "mss", 3: "wscale", 4: "sackOK", 5: "sack",
	6: "echo", 7: "echoreply", 8: "TS", 11: "cc", 12: "ccnew", 13: "", 19: "md5", 20: "scps",
	28: "uto", 29: "tcp-ao", 30: "mptcp", 34: "tfo", 254: "exp"}

func (p *Printer) tcpPrint(off, length, iph int, fragmented bool) {
	p.proto = "tcp"
	v6 := p.pkt[iph]>>4 == 6
	if !p.ttest(off+2, 2) {
		p.ipAddrs(iph, v6)
		p.s(":")
		p.trunc()
		return
	}
	sport := p.be16(off)
	dport := p.be16(off + 2)
	var nxt uint8
	if v6 {
		nxt = p.u8(iph + 6)
	} else {
		nxt = p.u8(iph + 9)
	}
	if nxt == 6 {
		p.tcpAddrPort(iph, v6, true, sport)
		p.s(" > ")
		p.tcpAddrPort(iph, v6, false, dport)
		p.s(": ")
	} else {
		p.tcpPort(sport)
		p.s(" > ")
		p.tcpPort(dport)
		p.s(": ")
	}
	if !p.ttest(off, 20) {
		p.trunc()
		return
	}
	hlen := int(p.pkt[off+12]>>4) * 4
	if hlen < 20 {
		p.s(" tcp ")
		p.u(uint64(uint32(length - hlen)))
		p.s(" [bad hdr length ")
		p.u(uint64(hlen))
		p.s(" - too short, < 20]")
		return
	}
	seq := p.be32(off + 4)
	ack := p.be32(off + 8)
	win := p.be16(off + 14)
	urp := p.be16(off + 18)
	if p.o.Quiet {
		p.s("tcp ")
		p.u(uint64(uint32(length - hlen)))
		if hlen > length {
			p.s(" [bad hdr length ")
			p.u(uint64(hlen))
			p.s(" - too long, > ")
			p.u(uint64(length))
			p.s("]")
		}
		return
	}
	flags := p.u8(off + 13)
	p.s("Flags [")
	if flags == 0 {
		p.s("none")
	} else {
		const fl = "FSRP.UEW"
		for i := 0; i < 8; i++ {
			if flags&(1<<i) != 0 {
				p.c(fl[i])
			}
		}
	}
	p.s("]")
	var thseq, thack uint32
	rev := false
	if !p.o.AbsSeq && flags&0x10 != 0 {
		if v6 {
			var src, dst [16]byte
			copy(src[:], p.pkt[iph+8:iph+24])
			copy(dst[:], p.pkt[iph+24:iph+40])
			if sport > dport {
				rev = true
			} else if sport == dport && string(src[:]) > string(dst[:]) {
				rev = true
			}
			var k tcpKey6
			if rev {
				k = tcpKey6{src: dst, dst: src, port: uint32(dport)<<16 | uint32(sport)}
			} else {
				k = tcpKey6{src: src, dst: dst, port: uint32(sport)<<16 | uint32(dport)}
			}
			th, ok := p.seq6[k]
			seq, ack, th = seqRel(ok, flags, rev, seq, ack, th)
			p.seq6[k] = th
			thseq, thack = th.seq, th.ack
		} else {
			var src, dst [4]byte
			copy(src[:], p.pkt[iph+12:iph+16])
			copy(dst[:], p.pkt[iph+16:iph+20])
			if sport > dport {
				rev = true
			} else if sport == dport && string(src[:]) > string(dst[:]) {
				rev = true
			}
			var k tcpKey4
			if rev {
				k = tcpKey4{src: dst, dst: src, port: uint32(dport)<<16 | uint32(sport)}
			} else {
				k = tcpKey4{src: src, dst: dst, port: uint32(sport)<<16 | uint32(dport)}
			}
			th, ok := p.seq4[k]
			seq, ack, th = seqRel(ok, flags, rev, seq, ack, th)
			p.seq4[k] = th
			thseq, thack = th.seq, th.ack
		}
	}
	if hlen > length {
		p.s(" [bad hdr length ")
		p.u(uint64(hlen))
		p.s(" - too long, > ")
		p.u(uint64(length))
		p.s("]")
		return
	}
	if p.o.Verbose > 0 && !fragmented && !p.o.NoChecksums && p.ttest(off, length) {
		sum := cksum(p.pseudoSum(iph, 6, length), p.pkt[off:off+length])
		tsum := p.be16(off + 16)
		p.s(", cksum 0x")
		p.xpad(uint64(tsum), 4)
		if sum != 0 {
			p.s(" (incorrect -> 0x")
			p.xpad(uint64(shouldBe(tsum, sum)), 4)
			p.s(")")
		} else {
			p.s(" (correct)")
		}
	}
	length -= hlen
	if p.o.Verbose > 1 || length > 0 || flags&0x07 != 0 {
		p.s(", seq ")
		p.u(uint64(seq))
		if length > 0 {
			p.c(':')
			p.u(uint64(seq + uint32(length)))
		}
	}
	if flags&0x10 != 0 {
		p.s(", ack ")
		p.u(uint64(ack))
	}
	p.s(", win ")
	p.u(uint64(win))
	if flags&0x20 != 0 {
		p.s(", urg ")
		p.u(uint64(urp))
	}
	if hlen > 20 {
		if !p.tcpOptions(off+20, hlen-20, rev, thseq, thack, flags, off+hlen+length) {
			return
		}
	}
	p.s(", length ")
	p.u(uint64(length))
	if length == 0 {
		return
	}
	if !p.ttest(off, hlen) {
		p.s(" [remaining caplen(")
		p.u(uint64(p.snapend - off))
		p.s(") < header length(")
		p.u(uint64(hlen))
		p.s(")]")
		panic(truncated{})
	}
	data := off + hlen
	if flags&0x04 != 0 && p.o.Verbose > 0 {
		if p.ttest(data, length) {
			p.s(" [RST")
		} else {
			p.s(" [!RST")
		}
		if length > 30 {
			length = 30
			p.s("+")
		}
		p.s(" ")
		for i := 0; i < length && data+i < p.snapend; i++ {
			p.fnPrintChar(p.pkt[data+i])
		}
		p.s("]")
		return
	}
	p.tcpPayload(data, length, sport, dport, iph)
}

// seqRel applies tcpdump's relative sequence number bookkeeping.
func seqRel(found bool, flags uint8, rev bool, seq, ack uint32, th tcpSeq) (uint32, uint32, tcpSeq) {
	if !found || flags&0x02 != 0 {
		if rev {
			th.ack, th.seq = seq, ack-1
		} else {
			th.seq, th.ack = seq, ack-1
		}
		return seq, ack, th
	}
	if rev {
		return seq - th.ack, ack - th.seq, th
	}
	return seq - th.seq, ack - th.ack, th
}

// tcpOptions prints ", options [...]"; false means printing stopped
// (bad or truncated option) and the caller must not print more.
//
// flags are the segment's flags (for MPTCP) and end the end of its
// payload (for the md5 signature's verdict).
func (p *Printer) tcpOptions(cp, hlen int, rev bool, thseq, thack uint32, flags uint8, end int) bool {
	p.s(", options [")
	ch := byte(0)
	bad := func() bool {
		p.s("[bad opt]")
		if ch != 0 {
			p.s("]")
		}
		return false
	}
	trunc := func() bool {
		// tcpdump's local trunc label: " [|tcp]" then ">" if an option
		// was already printed, and nothing after.
		p.trunc()
		if ch != 0 {
			p.s(">")
		}
		return false
	}
	for hlen > 0 {
		if ch != 0 {
			p.c(ch)
		}
		opt := p.u8(cp)
		cp++
		ln := 1
		if opt != 0 && opt != 1 {
			ln = int(p.u8(cp))
			cp++
			if ln < 2 || ln > hlen {
				return bad()
			}
			hlen--
		}
		hlen--
		datalen := 0
		lencheck := func(l int) int {
			if l > hlen {
				return 1
			}
			if !p.ttest(cp, l) {
				return 2
			}
			return 0
		}
		if n, ok := tcpOptNames[opt]; ok {
			p.s(n)
		} else {
			p.s("unknown-")
			p.u(uint64(opt))
		}
		switch opt {
		case 2:
			datalen = 2
			switch lencheck(2) {
			case 1:
				return bad()
			case 2:
				return trunc()
			}
			p.c(' ')
			p.u(uint64(p.be16(cp)))
		case 3:
			datalen = 1
			switch lencheck(1) {
			case 1:
				return bad()
			case 2:
				return trunc()
			}
			p.c(' ')
			p.u(uint64(p.u8(cp)))
		case 5:
			datalen = ln - 2
			if datalen%8 != 0 {
				p.s(" invalid sack")
			} else {
				p.c(' ')
				p.u(uint64(datalen / 8))
				p.c(' ')
				for i := 0; i < datalen; i += 8 {
					switch lencheck(i + 4) {
					case 1:
						return bad()
					case 2:
						return trunc()
					}
					s := p.be32(cp + i)
					switch lencheck(i + 8) {
					case 1:
						return bad()
					case 2:
						return trunc()
					}
					e := p.be32(cp + i + 4)
					if rev {
						s -= thseq
						e -= thseq
					} else {
						s -= thack
						e -= thack
					}
					p.c('{')
					p.u(uint64(s))
					p.c(':')
					p.u(uint64(e))
					p.c('}')
				}
			}
		case 11, 12, 13, 6, 7:
			datalen = 4
			switch lencheck(4) {
			case 1:
				return bad()
			case 2:
				return trunc()
			}
			p.c(' ')
			p.u(uint64(p.be32(cp)))
		case 8:
			datalen = 8
			switch lencheck(8) {
			case 1:
				return bad()
			case 2:
				return trunc()
			}
			p.s(" val ")
			p.u(uint64(p.be32(cp)))
			p.s(" ecr ")
			p.u(uint64(p.be32(cp + 4)))
		case 0, 1, 4:
		case 28:
			datalen = 2
			switch lencheck(2) {
			case 1:
				return bad()
			case 2:
				return trunc()
			}
			uto := uint32(p.be16(cp))
			p.s(" 0x")
			p.x(uint64(uto))
			if uto&1 != 0 {
				uto = (uto >> 1) * 60
			} else {
				uto >>= 1
			}
			p.c(' ')
			p.u(uint64(uto))
		case 19: // md5 signature (RFC 2385); there is no -M secret
			datalen = 16
			switch lencheck(16) {
			case 1:
				return bad()
			case 2:
				return trunc()
			}
			p.c(' ')
			if end > p.snapend {
				p.s("snaplen too short, ")
			} else {
				p.s("shared secret not supplied with -M, ")
			}
			p.s("can't check - ")
			for i := 0; i < 16; i++ {
				p.hex2(p.pkt[cp+i])
			}
		case 20: // scps
			datalen = 2
			switch lencheck(2) {
			case 1:
				return bad()
			case 2:
				return trunc()
			}
			p.s(" cap ")
			p.hex2(p.pkt[cp])
			p.s(" id ")
			p.u(uint64(p.pkt[cp+1]))
		case 29: // tcp-ao (RFC 5925)
			datalen = ln - 2
			if datalen < 2 {
				p.invalid()
				break
			}
			for i := 0; i < datalen; i++ {
				if i == 2 {
					p.s(" mac 0x")
				}
				switch lencheck(i + 1) {
				case 1:
					return bad()
				case 2:
					return trunc()
				}
				switch i {
				case 0:
					p.s(" keyid ")
					p.u(uint64(p.pkt[cp]))
				case 1:
					p.s(" rnextkeyid ")
					p.u(uint64(p.pkt[cp+1]))
				default:
					p.hex2(p.pkt[cp+i])
				}
			}
		case 30: // mptcp
			datalen = ln - 2
			switch lencheck(datalen) {
			case 1:
				return bad()
			case 2:
				return trunc()
			}
			saved := p.snapend
			if cp-2+ln < p.snapend {
				p.snapend = cp - 2 + ln
			}
			ok := p.mptcpPrint(cp-2, ln, flags)
			p.snapend = saved
			if !ok {
				return bad()
			}
		case 34: // tfo (RFC 7413)
			datalen = ln - 2
			switch lencheck(datalen) {
			case 1:
				return bad()
			case 2:
				return trunc()
			}
			p.c(' ')
			p.tcpFastOpen(cp, datalen, false)
		case 254: // experimental (RFC 6994)
			datalen = ln - 2
			switch lencheck(datalen) {
			case 1:
				return bad()
			case 2:
				return trunc()
			}
			if datalen < 2 {
				return bad()
			}
			magic := p.be16(cp)
			p.c('-')
			if magic == 0xf989 {
				p.tcpFastOpen(cp+2, datalen-2, true)
			} else {
				p.xpad(uint64(magic), 4)
			}
		default:
			// Unknown options: printed as raw hex.
			datalen = ln - 2
			if datalen > 0 {
				p.s(" 0x")
			}
			for i := 0; i < datalen; i++ {
				switch lencheck(i + 1) {
				case 1:
					return bad()
				case 2:
					return trunc()
				}
				p.hex2(p.u8(cp + i))
			}
		}
		cp += datalen
		hlen -= datalen
		datalen++
		if opt != 0 && opt != 1 {
			datalen++
		}
		if datalen != ln {
			p.s("[len ")
			p.u(uint64(ln))
			p.s("]")
		}
		ch = ','
		if opt == 0 {
			break
		}
	}
	p.s("]")
	return true
}

// tcpFastOpen is print_tcp_fastopen_option: a cookie request (no data) or
// a cookie; exp for the experimental option's form ("exp-tfo").
func (p *Printer) tcpFastOpen(cp, datalen int, exp bool) {
	if exp {
		p.s("tfo")
	}
	if datalen == 0 {
		p.s(" cookiereq")
		return
	}
	if datalen%2 != 0 || datalen < 4 || datalen > 16 {
		p.invalid()
		return
	}
	p.s(" cookie ")
	for i := 0; i < datalen; i++ {
		p.hex2(p.u8(cp + i))
	}
}
