// BOOTP and DHCP (UDP ports 67 and 68), as tcpdump 4.99.3's print-bootp.c
// prints them, the RFC 1048 vendor extensions (DHCP options) and the CMU
// vendor area included.

package printer

func init() {
	registerUDP("bootp", func(p *Printer, d portPayload) { p.bootpPrint(d.off, d.length) })
}

// bootpTags is tcpdump's tag2str: the first character says how the
// option's value is printed (i: IPv4 addresses, l: unsigned and L: signed
// 32-bit numbers, s: 16-bit numbers, b: dotted bytes, x: hex bytes, a:
// text, B: booleans, p: address pairs, $: special), the rest is the name.
var bootpTags = [256]string{
	0:   " PAD",
	1:   "iSubnet-Mask",
	2:   "LTime-Zone",
	3:   "iDefault-Gateway",
	4:   "iTime-Server",
	5:   "iIEN-Name-Server",
	6:   "iDomain-Name-Server",
	7:   "iLOG",
	8:   "iCS",
	9:   "iLPR-Server",
	10:  "iIM",
	11:  "iRL",
	12:  "aHostname",
	13:  "sBS",
	255: " END",
	14:  "aDP",
	15:  "aDomain-Name",
	16:  "iSS",
	17:  "aRP",
	18:  "aEP",
	19:  "BIPF",
	20:  "BSRT",
	21:  "pPF",
	22:  "sRSZ",
	23:  "bTTL",
	24:  "lMTU-Timeout",
	25:  "sMTU-Table",
	26:  "sMTU",
	27:  "BLSN",
	28:  "iBR",
	29:  "BMD",
	30:  "BMS",
	31:  "BRouter-Discovery",
	32:  "iRSA",
	33:  "pStatic-Route",
	34:  "BUT",
	35:  "lAT",
	36:  "BIE",
	37:  "bTT",
	38:  "lKI",
	39:  "BKG",
	40:  "aYD",
	41:  "iYS",
	42:  "iNTP",
	43:  "bVendor-Option",
	44:  "iNetbios-Name-Server",
	45:  "iWDD",
	46:  "$Netbios-Node",
	47:  "aNetbios-Scope",
	48:  "iXFS",
	49:  "iXDM",
	64:  "sN+D",
	65:  "iN+S",
	68:  "iMH",
	69:  "iSMTP",
	70:  "iPOP3",
	71:  "iNNTP",
	72:  "iWWW",
	73:  "iFG",
	74:  "iIRC",
	75:  "iSTS",
	76:  "iSTDA",
	50:  "iRequested-IP",
	51:  "lLease-Time",
	52:  "$OO",
	66:  "aTFTP",
	67:  "aBF",
	53:  " DHCP-Message",
	54:  "iServer-ID",
	55:  "bParameter-Request",
	56:  "aMSG",
	57:  "sMSZ",
	58:  "lRN",
	59:  "lRB",
	60:  "aVendor-Class",
	61:  "$Client-ID",
	98:  "aUAP",
	116: "BNOAUTO",
	78:  "bSLP-DA",
	79:  "bSLP-SCOPE",
	117: "sNSSEARCH",
	77:  "$User-Class",
	118: "iSUBNET",
	121: "$Classless-Static-Route",
	249: "$Classless-Static-Route-Microsoft",
	150: "iTFTP-Server-Address",
	80:  "aSLP-NA",
	81:  "$FQDN",
	82:  "$Agent-Information",
	83:  "bARMT",
	88:  "aTZSTR",
	89:  "bFQDNS",
	90:  "bAUTH",
	91:  "LLast-Transaction-Time",
	92:  "iAssociated-IP",
	93:  "sARCH",
	94:  "bNDI",
	97:  "bGUID",
	95:  "aLDAP",
	100: "aPOSIX-TZ",
	101: "aTZ-Name",
	112: "iNI",
	113: "aNITAG",
	114: "aURL",
	161: "aMUD-URL",
}

var dhcpMsgTypes = [...]string{1: "Discover", 2: "Offer", 3: "Request", 4: "Decline", 5: "ACK",
	6: "NACK", 7: "Release", 8: "Inform", 10: "LeaseQuery", 11: "LeaseUnassigned",
	12: "LeaseUnknown", 13: "LeaseActive"}

func (p *Printer) bootpPrint(bp, length int) {
	p.proto = "bootp"
	op := p.u8(bp)
	p.s("BOOTP/DHCP, ")
	switch op {
	case 1:
		p.s("Request")
	case 2:
		p.s("Reply")
	default:
		p.s("unknown (0x")
		p.hex2(op)
		p.s(")")
	}
	htype := p.u8(bp + 1)
	hlen := p.u8(bp + 2)
	if htype == 1 && hlen == 6 && op == 1 {
		p.check(bp+28, 6)
		p.s(" from ")
		p.mac(bp + 28)
	}
	p.s(", length ")
	p.u(uint64(length))
	if p.o.Verbose == 0 {
		return
	}
	// ND_TCHECK: truncation here ends the printer, not the packet
	// (the -x/-X dumps still leave the link header out).
	if !p.ttest(bp+8, 2) {
		p.trunc()
		return
	}
	if htype != 1 {
		p.s(", htype ")
		p.u(uint64(htype))
	}
	if htype != 1 || hlen != 6 {
		p.s(", hlen ")
		p.u(uint64(hlen))
	}
	if h := p.u8(bp + 3); h != 0 {
		p.s(", hops ")
		p.u(uint64(h))
	}
	if x := p.be32(bp + 4); x != 0 {
		p.s(", xid 0x")
		p.x(uint64(x))
	}
	if s := p.be16(bp + 8); s != 0 {
		p.s(", secs ")
		p.u(uint64(s))
	}
	flags := p.be16(bp + 10)
	p.s(", Flags [")
	if flags&0x8000 != 0 {
		p.s("Broadcast")
	} else {
		p.s("none")
	}
	p.s("]")
	if p.o.Verbose > 1 {
		p.s(" (0x")
		p.xpad(uint64(flags), 4)
		p.s(")")
	}
	for i, name := range [...]string{"Client-IP", "Your-IP", "Server-IP", "Gateway-IP"} {
		a := bp + 12 + 4*i
		if p.be32(a) != 0 {
			p.s("\n\t  ")
			p.s(name)
			p.c(' ')
			p.ip4(a)
		}
	}
	if htype == 1 && hlen == 6 {
		p.check(bp+28, 6)
		p.s("\n\t  Client-Ethernet-Address ")
		p.mac(bp + 28)
	}
	for _, f := range [...]struct {
		name     string
		off, max int
	}{{"sname", 44, 64}, {"file", 108, 128}} {
		if p.u8(bp+f.off) == 0 {
			continue
		}
		p.s("\n\t  ")
		p.s(f.name)
		p.s(" \"")
		if !p.printztn(bp+f.off, f.max) {
			p.s("\"")
			p.trunc()
			return
		}
		p.s("\"")
	}
	vend := bp + 236
	if !p.ttest(vend, 4) {
		p.trunc()
		return
	}
	switch v := p.be32(vend); v {
	case 99<<24 | 130<<16 | 83<<8 | 99:
		p.rfc1048(vend)
	case 'C'<<24 | 'M'<<16 | 'U'<<8:
		p.cmuVend(vend)
	default:
		if v != 0 {
			p.s("\n\t  Vendor-#0x")
			p.x(uint64(v))
		}
	}
}

// printztn is tcpdump's nd_printztn: the NUL-terminated string in the n
// bytes at off; false if it has no NUL there or runs past the capture.
func (p *Printer) printztn(off, n int) bool {
	for ; n > 0 && off < p.snapend; n-- {
		c := p.pkt[off]
		off++
		if c == 0 {
			return true
		}
		p.fnPrintChar(c)
	}
	return false
}

func (p *Printer) cmuVend(bp int) {
	p.s(" vend-cmu")
	if !p.ttest(bp+4, 4) {
		p.trunc()
		return
	}
	fl := p.u8(bp + 4)
	if fl&^1 != 0 {
		p.s(" F:0x")
		p.x(uint64(fl))
	}
	sm := "SM*"
	if fl&1 != 0 {
		sm = "SM"
	}
	for _, f := range [...]struct {
		off  int
		name string
	}{{12, "DG"}, {8, sm}, {16, "NS1"}, {20, "NS2"}, {24, "IEN1"}, {28, "IEN2"}, {32, "TS1"}, {36, "TS2"}} {
		if !p.ttest(bp+f.off, 4) {
			p.trunc()
			return
		}
		if p.be32(bp+f.off) != 0 {
			p.c(' ')
			p.s(f.name)
			p.c(':')
			p.ip4(bp + f.off)
		}
	}
}

func bootpTag(tag byte) string {
	if n := bootpTags[tag]; n != "" {
		return n
	}
	return "?Unknown"
}

// rfc1048 prints the DHCP options after the magic cookie at bp.
func (p *Printer) rfc1048(bp int) {
	p.s("\n\t  Vendor-rfc1048 Extensions\n\t    Magic Cookie 0x")
	p.xpad(uint64(p.be32(bp)), 8)
	bp += 4
	for p.ttest(bp, 1) {
		tag := p.pkt[bp]
		bp++
		if tag == 0 && p.o.Verbose < 3 {
			continue
		}
		if tag == 255 && p.o.Verbose < 3 {
			return
		}
		name := bootpTag(tag)
		c := name[0]
		name = name[1:]
		n := 0
		if tag != 0 && tag != 255 {
			n = int(p.u8(bp))
			bp++
		}
		p.s("\n\t    ")
		p.s(name)
		p.s(" (")
		p.u(uint64(tag))
		p.s("), length ")
		p.u(uint64(n))
		if n > 0 {
			p.s(": ")
		}
		if tag == 0 && p.o.Verbose > 2 {
			k := 1
			for p.ttest(bp, 1) && p.pkt[bp] == 0 {
				bp++
				k++
			}
			if k > 1 {
				p.s(", occurs ")
				p.u(uint64(k))
			}
		}
		if !p.ttest(bp, n) {
			p.trunc()
			return
		}
		if tag == 53 && n == 1 {
			if t := p.pkt[bp]; int(t) < len(dhcpMsgTypes) && dhcpMsgTypes[t] != "" {
				p.s(dhcpMsgTypes[t])
			} else {
				p.s("Unknown (")
				p.u(uint64(t))
				p.s(")")
			}
			bp++
			continue
		}
		if tag == 55 {
			for i := 0; i < n; i++ {
				if i%4 == 0 {
					p.s("\n\t      ")
				} else {
					p.s(", ")
				}
				inner := p.pkt[bp+i]
				p.s(bootpTag(inner)[1:])
				p.s(" (")
				p.u(uint64(inner))
				p.s(")")
			}
			bp += n
			continue
		}
		if c == '?' {
			switch {
			case n&1 != 0:
				c = 'b'
			case n&2 != 0:
				c = 's'
			default:
				c = 'l'
			}
		}
		rest := n // tcpdump's len: what is left of the option
		first := true
		sep := func(s string) {
			if !first {
				p.s(s)
			}
			first = false
		}
		switch c {
		case 'a':
			p.c('"')
			p.printn(bp, uint64(rest))
			p.c('"')
			bp += rest
			rest = 0
		case 'i', 'l', 'L':
			for ; rest >= 4; rest -= 4 {
				sep(",")
				switch c {
				case 'i':
					p.ip4(bp)
				case 'L':
					v := int32(p.be32(bp))
					if v < 0 {
						p.c('-')
						p.u(uint64(-int64(v)))
					} else {
						p.u(uint64(v))
					}
				default:
					p.u(uint64(p.be32(bp)))
				}
				bp += 4
			}
		case 'p':
			for ; rest >= 8; rest -= 8 {
				sep(",")
				p.c('(')
				p.ip4(bp)
				p.c(':')
				p.ip4(bp + 4)
				p.c(')')
				bp += 8
			}
		case 's':
			for ; rest >= 2; rest -= 2 {
				sep(",")
				p.u(uint64(p.be16(bp)))
				bp += 2
			}
		case 'B':
			for ; rest > 0; rest-- {
				sep(",")
				switch v := p.pkt[bp]; v {
				case 0:
					p.c('N')
				case 1:
					p.c('Y')
				default:
					p.u(uint64(v))
					p.c('?')
				}
				bp++
			}
		case '$':
			bp, rest = p.dhcpSpecial(tag, bp, rest)
		default: // 'b', 'x'
			for ; rest > 0; rest-- {
				if c == 'x' {
					sep(":")
					p.hex2(p.pkt[bp])
				} else {
					sep(".")
					p.u(uint64(p.pkt[bp]))
				}
				bp++
			}
		}
		if rest > 0 {
			p.s("\n\t  trailing data length ")
			p.u(uint64(rest))
			bp += rest
		}
	}
}

// dhcpSpecial prints the options tcpdump decodes with its own code; it
// returns the new position and what is left of the option.
func (p *Printer) dhcpSpecial(tag byte, bp, n int) (int, int) {
	switch tag {
	case 46, 52: // NetBIOS node type, option overload
		if n < 1 {
			p.s("[ERROR: length < 1 bytes]")
			return bp, n
		}
		v := p.pkt[bp]
		var s string
		if tag == 46 {
			switch v {
			case 1:
				s = "b-node"
			case 2:
				s = "p-node"
			case 4:
				s = "m-node"
			case 8:
				s = "h-node"
			}
		} else if v >= 1 && v <= 3 {
			s = [...]string{"", "file", "sname", "file+sname"}[v]
		}
		if s != "" {
			p.s(s)
		} else {
			p.c('#')
			p.u(uint64(v))
		}
		return bp + 1, n - 1
	case 81: // client FQDN
		if n < 3 {
			p.s("[ERROR: length < 3 bytes]")
			return bp + n, 0
		}
		fl := p.pkt[bp]
		if fl&0xf0 != 0 {
			p.s("[ERROR: MBZ nibble 0x")
			p.x(uint64(fl >> 4))
			p.s(" != 0] ")
		}
		if fl&0x0f != 0 {
			p.c('[')
			for i, f := range "SOEN" {
				if fl&(1<<i) != 0 {
					p.c(byte(f))
				}
			}
			p.s("] ")
		}
		if r1, r2 := p.pkt[bp+1], p.pkt[bp+2]; r1 != 0 || r2 != 0 {
			p.u(uint64(r1))
			p.c('/')
			p.u(uint64(r2))
			p.c(' ')
		}
		p.c('"')
		p.printn(bp+3, uint64(n-3))
		p.c('"')
		return bp + n, 0
	case 61: // client identifier
		if n < 1 {
			p.s("[ERROR: length < 1 bytes]")
			return bp, n
		}
		typ := p.pkt[bp]
		bp++
		n--
		if typ == 0 {
			p.c('"')
			p.printn(bp, uint64(n))
			p.c('"')
			return bp + n, 0
		}
		switch typ {
		case 1:
			p.s("ether")
		case 6:
			p.s("ieee802")
		case 7:
			p.s("arcnet")
		case 0xf:
			p.s("frelay")
		case 0x17:
			p.s("strip")
		case 0x18:
			p.s("ieee1394")
		default:
			p.s("hardware-type ")
			p.u(uint64(typ))
			p.c(',')
		}
		p.c(' ')
		for i := 0; i < n; i++ {
			if i > 0 {
				p.c(':')
			}
			p.hex2(p.pkt[bp+i])
		}
		return bp + n, 0
	case 82: // relay agent information
		for n >= 2 {
			sub, sl := p.pkt[bp], int(p.pkt[bp+1])
			bp += 2
			n -= 2
			p.s("\n\t      ")
			switch sub {
			case 1:
				p.s("Circuit-ID")
			case 2:
				p.s("Remote-ID")
			case 6:
				p.s("Subscriber-ID")
			default:
				p.s("Unknown")
			}
			p.s(" SubOption ")
			p.u(uint64(sub))
			p.s(", length ")
			p.u(uint64(sl))
			if sl > n {
				p.s(": length goes past end of option")
				return bp + n, 0
			}
			p.s(": ")
			switch sub {
			case 1, 2, 6:
				p.printn(bp, uint64(sl))
			default:
				p.unknownData(bp, "\n\t\t", sl)
			}
			n -= sl
			bp += sl
		}
		return bp, n
	case 121, 249: // classless static routes
		if n < 5 {
			p.s("[ERROR: length < 5 bytes]")
			return bp + n, 0
		}
		first := true
		for n > 0 {
			if !first {
				p.c(',')
			}
			first = false
			w := int(p.pkt[bp])
			bp++
			n--
			if w > 32 {
				p.s("[ERROR: Mask width (")
				p.u(uint64(w))
				p.s(") > 32]")
				return bp + n, 0
			}
			sig := (w + 7) / 8
			if n < sig+4 {
				p.s("[ERROR: Remaining length (")
				p.u(uint64(n))
				p.s(") < ")
				p.u(uint64(sig + 4))
				p.s(" bytes]")
				return bp + n, 0
			}
			p.c('(')
			if w == 0 {
				p.s("default")
			} else {
				for i := 0; i < sig; i++ {
					if i > 0 {
						p.c('.')
					}
					p.u(uint64(p.pkt[bp]))
					bp++
				}
				for i := sig; i < 4; i++ {
					p.s(".0")
				}
				p.c('/')
				p.u(uint64(w))
			}
			p.c(':')
			p.ip4(bp)
			p.c(')')
			bp += 4
			n -= sig + 4
		}
		return bp, n
	case 77: // user class
		if n < 2 {
			p.s("[ERROR: length < 2 bytes]")
			return bp + n, 0
		}
		for k := 1; n > 0; k++ {
			sl := int(p.pkt[bp])
			bp++
			n--
			p.s("\n\t      instance#")
			p.u(uint64(k))
			p.s(": ")
			if sl == 0 {
				p.s("[ERROR: suboption length must be non-zero]")
				return bp + n, 0
			}
			if n < sl {
				p.s("[ERROR: invalid option]")
				return bp + n, 0
			}
			p.c('"')
			p.printn(bp, uint64(sl))
			p.s("\", length ")
			p.u(uint64(sl))
			n -= sl
			bp += sl
		}
		return bp, n
	}
	p.s("[unknown special tag ")
	p.u(uint64(tag))
	p.s(", size ")
	p.u(uint64(n))
	p.s("]")
	return bp + n, 0
}
