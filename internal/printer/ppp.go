// PPP frames, as tcpdump 4.99.3's print-ppp.c prints them (ppp_print,
// handle_ppp): the address/control and protocol fields, the control
// protocols LCP, IPCP, IP6CP, CCP and BACP with their options, PAP, CHAP,
// multilink, HDLC-escaped frames, and IPv4, IPv6, OSI and MPLS inside.

package printer

var pppTypeValues = []tokL2{
	{0x0021, "IP"}, {0x0023, "OSI"}, {0x0025, "NS"}, {0x0027, "DECNET"}, {0x0029, "APPLE"},
	{0x002b, "IPX"}, {0x002d, "VJC IP"}, {0x002f, "VJNC IP"}, {0x0031, "BRPDU"}, {0x0033, "STII"},
	{0x0035, "VINES"}, {0x0281, "MPLS"}, {0x0283, "MPLS"}, {0x00fd, "Compressed"},
	{0x003d, "MLPPP"}, {0x0057, "IP6"},
	{0x0201, "HELLO"}, {0x0231, "LUXCOM"}, {0x0233, "SNS"}, {0x8021, "IPCP"}, {0x8023, "OSICP"},
	{0x8025, "NSCP"}, {0x8027, "DECNETCP"}, {0x8029, "APPLECP"}, {0x802b, "IPXCP"},
	{0x8033, "STIICP"}, {0x8035, "VINESCP"}, {0x8057, "IP6CP"}, {0x8281, "MPLSCP"},
	{0xc021, "LCP"}, {0xc023, "PAP"}, {0xc025, "LQM"}, {0xc223, "CHAP"}, {0xc227, "EAP"},
	{0xc027, "SPAP"}, {0xc123, "Old-SPAP"}, {0xc02b, "BACP"}, {0xc02d, "BAP"},
	{0xc03d, "MLPPP-CP"}, {0x80fd, "CCP"},
}

var pppCPCodes = []tokL2{
	{0, "Vendor-Extension"}, {1, "Conf-Request"}, {2, "Conf-Ack"}, {3, "Conf-Nack"},
	{4, "Conf-Reject"}, {5, "Term-Request"}, {6, "Term-Ack"}, {7, "Code-Reject"},
	{8, "Prot-Reject"}, {9, "Echo-Request"}, {10, "Echo-Reply"}, {11, "Disc-Req"},
	{12, "Ident"}, {13, "Time-Rem"}, {14, "Reset-Req"}, {15, "Reset-Ack"},
}

var lcpConfOpts = [...]string{
	"Vend-Ext", "MRU", "ACCM", "Auth-Prot", "Qual-Prot", "Magic-Num", "deprecated(6)", "PFC",
	"ACFC", "FCS-Alt", "SDP", "Num-Mode", "deprecated(12)", "Call-Back", "deprecated(14)",
	"deprecated(15)", "deprecated(16)", "MRRU", "12-Bit seq #", "End-Disc", "Proprietary",
	"DCE-Id", "MP+", "Link-Disc", "LCP-Auth-Opt", "COBS", "Prefix-elision",
	"Multilink-header-Form", "I18N", "SDL-over-SONET/SDH", "PPP-Muxing",
}

var ccpConfOptsValues = []tokL2{
	{0, "OUI"}, {1, "Pred-1"}, {2, "Pred-2"}, {3, "Puddle"}, {16, "HP-PPC"}, {17, "Stac-LZS"},
	{18, "MPPC"}, {19, "Gand-FZA"}, {20, "V.42bis"}, {21, "BSD-Comp"}, {23, "LZS-DCP"},
	{24, "MVRCA"}, {25, "DEC"}, {26, "Deflate"}, {255, "Reserved"},
}

var bacConfOptsValues = []tokL2{{1, "Favored-Peer"}}

var ipcpOptValues = []tokL2{
	{1, "IP-Addrs"}, {2, "IP-Comp"}, {3, "IP-Addr"}, {4, "Home-Addr"}, {129, "Pri-DNS"},
	{130, "Pri-NBNS"}, {131, "Sec-DNS"}, {132, "Sec-NBNS"},
}

var ipcpCompProtoValues = []tokL2{{0x002d, "VJ-Comp"}, {0x61, "IP Header Compression"}}

var ipcpCompSuboptValues = []tokL2{{1, "RTP-Compression"}, {2, "Enhanced RTP-Compression"}}

var ip6cpOptValues = []tokL2{{1, "Interface-ID"}}

var authAlgValues = []tokL2{{5, "MD5"}, {128, "MS-CHAPv1"}, {129, "MS-CHAPv2"}}

var pppCallbackValues = []tokL2{
	{0, "UserAuth"}, {1, "DialString"}, {2, "LocalID"}, {3, "E.164"}, {4, "X.500"}, {6, "CBCP"},
}

var chapCodeValues = []tokL2{{1, "Challenge"}, {2, "Response"}, {3, "Success"}, {4, "Fail"}}

var papCodeValues = []tokL2{{1, "Auth-Req"}, {2, "Auth-ACK"}, {3, "Auth-NACK"}}

var pppMLFlagValues = []tokL2{{0x80, "begin"}, {0x40, "end"}}

// pppCtrlProto is handle_ctrl_proto.
func (p *Printer) pppCtrlProto(proto uint32, pptr, length int) {
	tptr := pptr
	typ, known := tokLookup(pppTypeValues, proto)
	printType := func() {
		if known {
			p.s(typ)
		} else {
			p.s("unknown ctrl-proto (0x")
			p.xpad(uint64(proto), 4)
			p.s(")")
		}
	}
	trunc := func() {
		p.s("[|")
		printType()
		p.s("]")
	}
	printType()
	p.s(", ")
	if length < 4 || !p.ttest(tptr, 2) {
		trunc()
		return
	}
	code := p.u8(tptr)
	tptr++
	p.tokStr(pppCPCodes, uint32(code), "Unknown Opcode")
	p.s(" (0x")
	p.xpad(uint64(code), 2)
	p.su8("), id ", tptr)
	p.s(", length ")
	p.u(uint64(uint32(length + 2)))
	tptr++
	if p.o.Verbose == 0 {
		return
	}
	l := int(p.be16(tptr))
	tptr += 2
	if l < 4 {
		p.s("\n\tencoded length ")
		p.u(uint64(l))
		p.s(" (< 4))")
		return
	}
	if l > length {
		p.s("\n\tencoded length ")
		p.u(uint64(l))
		p.s(" (> packet length ")
		p.u(uint64(uint32(length)))
		p.s("))")
		return
	}
	length = l
	p.s("\n\tencoded length ")
	p.u(uint64(l))
	p.s(" (=Option(s) length ")
	p.u(uint64(l - 4))
	p.s(")")
	if length == 4 {
		return
	}
	if p.o.Verbose > 1 {
		p.unknownData(pptr-2, "\n\t", 6)
	}
	switch code {
	case 0:
		if length < 11 {
			break
		}
		p.sx32("\n\t  Magic-Num 0x", tptr, 8)
		tptr += 4
		oui := p.be24(tptr)
		p.s(" Vendor: ")
		p.tokStr(ouiValues, oui, "Unknown")
		p.s(" (")
		p.u(uint64(oui))
		p.s(")")
	case 1, 2, 3, 4:
		tlen := l - 4
		for tlen != 0 {
			var advance int
			switch proto {
			case 0xc021:
				advance = p.lcpOption(tptr, l)
			case 0x8021:
				advance = p.ipcpOption(tptr, l)
			case 0x8057:
				advance = p.ip6cpOption(tptr, l)
			case 0x80fd:
				advance = p.ccpOption(tptr, l)
			case 0xc02b:
				advance = p.bacpOption(tptr, l)
			default:
				return
			}
			if advance == 0 {
				break
			}
			if tlen < advance {
				p.s(" [remaining options length ")
				p.u(uint64(tlen))
				p.s(" < ")
				p.u(uint64(advance))
				p.s("]")
				p.invalid()
				break
			}
			tlen -= advance
			tptr += advance
		}
	case 5, 6, 7:
	case 8:
		if length < 6 {
			break
		}
		pr := p.be16(tptr)
		p.s("\n\t  Rejected ")
		p.tokStr(pppTypeValues, uint32(pr), "unknown")
		p.s(" Protocol (0x")
		p.xpad(uint64(pr), 4)
		p.s(")")
		if l > 6 {
			p.s("\n\t  Rejected Packet")
			p.unknownData(tptr+2, "\n\t    ", l-2)
		}
	case 9, 10, 11:
		if length < 8 {
			break
		}
		p.sx32("\n\t  Magic-Num 0x", tptr, 8)
		if l > 8 {
			p.s("\n\t  -----trailing data-----")
			if !p.ttest(tptr+4, l-8) {
				trunc()
				return
			}
			p.unknownData(tptr+4, "\n\t  ", l-8)
		}
	case 12:
		if length < 8 {
			break
		}
		p.sx32("\n\t  Magic-Num 0x", tptr, 8)
		if l > 8 {
			p.s("\n\t  Message\n\t    ")
			n := l - 4
			c := tptr + 4
			for ; n > 0 && c < p.snapend; n-- {
				p.fnPrintChar(p.pkt[c])
				c++
			}
			if n > 0 {
				trunc()
				return
			}
		}
	case 13:
		if length < 12 {
			break
		}
		p.sx32("\n\t  Magic-Num 0x", tptr, 8)
		p.su32(", Seconds-Remaining ", tptr+4)
		p.s("s")
	default:
		if p.o.Verbose <= 1 {
			p.unknownData(pptr-2, "\n\t  ", length+2)
		}
	}
}

// optHeader prints "\n\t  NAME Option (0xNN), length N" for the option
// tables that name unknown options with a word.
func (p *Printer) optHeader(t []tokL2, unknown string, opt byte, l int) {
	p.s("\n\t  ")
	p.tokStr(t, uint32(opt), unknown)
	p.s(" Option (0x")
	p.xpad(uint64(opt), 2)
	p.s("), length ")
	p.u(uint64(l))
}

// optStart begins a print_*_config_options: the type and length of the
// option at bp (of length bytes left) and its header line. ok is false
// where the caller returns 0: too short, truncated (after marker, e.g.
// "[|ccp]"), longer than what is left, or shorter than 2 (bogus).
func (p *Printer) optStart(bp, length int, marker string, t []tokL2, unknown string) (opt byte, l int, ok bool) {
	if length < 2 {
		return 0, 0, false
	}
	if !p.ttest(bp, 2) {
		p.s(marker)
		return 0, 0, false
	}
	opt, l = p.pkt[bp], int(p.pkt[bp+1])
	if length < l {
		return 0, 0, false
	}
	p.optHeader(t, unknown, opt, l)
	if l < 2 {
		p.bogus(">= 2")
		return 0, 0, false
	}
	return opt, l, true
}

func (p *Printer) bogus(s string) { p.s(" (length bogus, should be "); p.s(s); p.s(")") }

// optTail dumps an option's value at -vv (after print_*_config_options).
func (p *Printer) optTail(bp, l int) {
	if p.o.Verbose > 1 {
		p.unknownData(bp+2, "\n\t    ", l-2)
	}
}

// lcpOption is print_lcp_config_options: the option's length, 0 to stop.
func (p *Printer) lcpOption(bp, length int) int {
	if length < 2 {
		return 0
	}
	if !p.ttest(bp, 2) {
		p.s("[|lcp]")
		return 0
	}
	opt := p.pkt[bp]
	l := int(p.pkt[bp+1])
	if length < l {
		return 0
	}
	if l < 2 {
		if int(opt) < len(lcpConfOpts) {
			p.s("\n\t  ")
			p.s(lcpConfOpts[opt])
			p.s(" Option (0x")
			p.xpad(uint64(opt), 2)
			p.s("), length ")
			p.u(uint64(l))
			p.s(" (length bogus, should be >= 2)")
		} else {
			p.s("\n\tunknown LCP option 0x")
			p.xpad(uint64(opt), 2)
		}
		return 0
	}
	if int(opt) >= len(lcpConfOpts) {
		p.s("\n\tunknown LCP option 0x")
		p.xpad(uint64(opt), 2)
		return l
	}
	p.s("\n\t  ")
	p.s(lcpConfOpts[opt])
	p.s(" Option (0x")
	p.xpad(uint64(opt), 2)
	p.s("), length ")
	p.u(uint64(l))
	switch opt {
	case 0:
		if l < 6 {
			p.bogus(">= 6")
			return l
		}
		oui := p.be24(bp + 2)
		p.s(": Vendor: ")
		p.tokStr(ouiValues, oui, "Unknown")
		p.s(" (")
		p.u(uint64(oui))
		p.s(")")
	case 1, 17:
		if l != 4 {
			p.bogus("= 4")
			if opt == 1 {
				return l
			}
			return 0
		}
		p.su16(": ", bp+2)
	case 2:
		if l != 6 {
			p.bogus("= 6")
			return l
		}
		p.sx32(": 0x", bp+2, 8)
	case 3:
		if l < 4 {
			p.bogus(">= 4")
			return l
		}
		ap := p.be16(bp + 2)
		p.s(": ")
		p.tokStr(pppTypeValues, uint32(ap), "Unknown Auth Proto (0x04x)")
		switch ap {
		case 0xc223:
			alg := p.u8(bp + 4)
			p.s(", ")
			p.tokStrU(authAlgValues, uint32(alg), "Unknown Auth Alg ", "")
		case 0xc023, 0xc227, 0xc027, 0xc123:
		default:
			p.unknownData(bp, "\n\t", l)
		}
	case 4:
		if l < 4 {
			p.bogus(">= 4")
			return 0
		}
		if p.be16(bp+2) == 0xc025 {
			p.s(": LQR")
		} else {
			p.s(": unknown")
		}
	case 5:
		if l != 6 {
			p.bogus("= 6")
			return 0
		}
		p.sx32(": 0x", bp+2, 8)
	case 7, 8:
	case 23:
		if l != 4 {
			p.bogus("= 4")
			return 0
		}
		p.sx16(": 0x", bp+2, 4)
	case 13:
		if l < 3 {
			p.bogus(">= 3")
			return 0
		}
		p.s(": ")
		op := p.u8(bp + 2)
		p.s(": Callback Operation ")
		p.tokStr(pppCallbackValues, uint32(op), "Unknown")
		p.s(" (")
		p.u(uint64(op))
		p.s(")")
	case 19:
		if l < 3 {
			p.bogus(">= 3")
			return 0
		}
		switch class := p.u8(bp + 2); class {
		case 0:
			p.s(": Null")
		case 1:
			p.s(": Local")
		case 2:
			if l != 7 {
				p.bogus("= 7")
				return 0
			}
			p.check(bp+3, 4)
			p.s(": IPv4 ")
			p.ip4(bp + 3)
		case 3:
			if l != 9 {
				p.bogus("= 9")
				return 0
			}
			p.check(bp+3, 6)
			p.s(": MAC ")
			p.mac(bp + 3)
		case 4:
			p.s(": Magic-Num-Block")
		case 5:
			p.s(": PSNDN")
		default:
			p.s(": Unknown class ")
			p.u(uint64(class))
		}
	default:
		if p.o.Verbose < 2 {
			p.unknownData(bp+2, "\n\t    ", l-2)
		}
	}
	p.optTail(bp, l)
	return l
}

// ipcpOption is print_ipcp_config_options.
func (p *Printer) ipcpOption(bp, length int) int {
	opt, l, ok := p.optStart(bp, length, "[|ipcp]", ipcpOptValues, "unknown")
	if !ok {
		return 0
	}
	dump := bp // tcpdump's p, which the suboptions move
	switch opt {
	case 1:
		if l != 10 {
			p.bogus("= 10")
			return l
		}
		p.check(bp+2, 8)
		p.s(": src ")
		p.ip4(bp + 2)
		p.s(", dst ")
		p.ip4(bp + 6)
	case 2:
		if l < 4 {
			p.bogus(">= 4")
			return 0
		}
		cp := p.be16(bp + 2)
		p.s(": ")
		p.tokStr(ipcpCompProtoValues, uint32(cp), "Unknown")
		p.s(" (0x")
		p.xpad(uint64(cp), 2)
		p.s("):")
		if cp == 0x61 {
			if l < 14 {
				p.s(" (length bogus, should be >= 14)")
				return 0
			}
			if !p.ttest(bp+2, 14) {
				p.s("[|ipcp]")
				return 0
			}
			p.su16("\n\t    TCP Space ", bp+4)
			p.su16(", non-TCP Space ", bp+6)
			p.su16(", maxPeriod ", bp+8)
			p.su16(", maxTime ", bp+10)
			p.su16(", maxHdr ", bp+12)
			if l > 14 {
				total := l - 14
				sp := bp + 14
				dump = sp
				p.s("\n\t      Suboptions, length ")
				p.u(uint64(total))
				for total >= 2 {
					if !p.ttest(sp, 2) {
						p.s("[|ipcp]")
						return 0
					}
					so, sl := p.pkt[sp], int(p.pkt[sp+1])
					if so == 0 || sl == 0 {
						break
					}
					p.s("\n\t\t")
					p.tokStr(ipcpCompSuboptValues, uint32(so), "Unknown")
					p.s(" Suboption #")
					p.u(uint64(so))
					p.s(", length ")
					p.u(uint64(sl))
					if total < sl {
						p.s(" [remaining suboptions length ")
						p.u(uint64(total))
						p.s(" < ")
						p.u(uint64(sl))
						p.s("]")
						p.invalid()
						break
					}
					total -= sl
					sp += sl
					dump = sp
				}
			}
		}
	case 3, 4, 129, 130, 131, 132:
		if l != 6 {
			p.bogus("= 6")
			return 0
		}
		p.check(bp+2, 4)
		p.s(": ")
		p.ip4(bp + 2)
	default:
		if p.o.Verbose < 2 {
			p.unknownData(bp+2, "\n\t    ", l-2)
		}
	}
	if p.o.Verbose > 1 {
		p.unknownData(dump+2, "\n\t    ", l-2)
	}
	return l
}

// ip6cpOption is print_ip6cp_config_options.
func (p *Printer) ip6cpOption(bp, length int) int {
	opt, l, ok := p.optStart(bp, length, "[|ip6cp]", ip6cpOptValues, "unknown")
	if !ok {
		return 0
	}
	switch opt {
	case 1:
		if l != 10 {
			p.bogus("= 10")
			return l
		}
		if !p.ttest(bp+2, 8) {
			p.s("[|ip6cp]")
			return 0
		}
		p.s(": ")
		for i := 0; i < 4; i++ {
			if i > 0 {
				p.c(':')
			}
			p.xpad(uint64(p.be16(bp+2+2*i)), 4)
		}
	default:
		if p.o.Verbose < 2 {
			p.unknownData(bp+2, "\n\t    ", l-2)
		}
	}
	p.optTail(bp, l)
	return l
}

// ccpOption is print_ccp_config_options.
func (p *Printer) ccpOption(bp, length int) int {
	opt, l, ok := p.optStart(bp, length, "[|ccp]", ccpConfOptsValues, "Unknown")
	if !ok {
		return 0
	}
	switch opt {
	case 21:
		if l < 3 {
			p.bogus(">= 3")
			return l
		}
		b := p.u8(bp + 2)
		p.s(": Version: ")
		p.u(uint64(b >> 5))
		p.s(", Dictionary Bits: ")
		p.u(uint64(b & 0x1f))
	case 24:
		if l < 4 {
			p.bogus(">= 4")
			return l
		}
		b, c := p.u8(bp+2), p.u8(bp+3)
		p.s(": Features: ")
		p.u(uint64(b & 0xc0 >> 6))
		p.s(", PxP: ")
		if b&0x20 != 0 {
			p.s("Enabled")
		} else {
			p.s("Disabled")
		}
		p.s(", History: ")
		p.u(uint64(b & 0x1f))
		p.s(", #CTX-ID: ")
		p.u(uint64(c))
	case 26:
		if l < 4 {
			p.bogus(">= 4")
			return l
		}
		b, c := p.u8(bp+2), p.u8(bp+3)
		p.s(": Window: ")
		p.u(uint64(b & 0xf0 >> 4))
		p.s("K, Method: ")
		if b&0x0f == 8 {
			p.s("zlib")
		} else {
			p.s("unknown")
		}
		p.s(" (0x")
		p.x(uint64(b & 0x0f))
		p.s("), MBZ: ")
		p.u(uint64(c & 0xfc >> 2))
		p.s(", CHK: ")
		p.u(uint64(c & 0x03))
	default:
		if p.o.Verbose < 2 {
			p.unknownData(bp+2, "\n\t    ", l-2)
		}
	}
	p.optTail(bp, l)
	return l
}

// bacpOption is print_bacp_config_options.
func (p *Printer) bacpOption(bp, length int) int {
	opt, l, ok := p.optStart(bp, length, "[|bacp]", bacConfOptsValues, "Unknown")
	if !ok {
		return 0
	}
	switch opt {
	case 1:
		if l != 6 {
			p.bogus("= 6")
			return l
		}
		p.sx32(": Magic-Num 0x", bp+2, 8)
	default:
		if p.o.Verbose < 2 {
			p.unknownData(bp+2, "\n\t    ", l-2)
		}
	}
	p.optTail(bp, l)
	return l
}

func (p *Printer) pppMLPPP(bp, length int) {
	if !p.o.Link {
		p.s("MLPPP, ")
	}
	if length < 2 || !p.ttest(bp, 2) {
		p.s("[|mlppp]")
		return
	}
	v := p.be16(bp)
	p.s("seq 0x")
	p.xpad(uint64(v&0x0fff), 3)
	p.s(", Flags [")
	p.bittokOr(pppMLFlagValues, uint32(p.pkt[bp]&0xc0), "none")
	p.s("], length ")
	p.u(uint64(uint32(length)))
}

func (p *Printer) pppCHAP(bp, length int) {
	p0 := bp
	if length < 1 {
		p.s("[|chap]")
		return
	} else if length < 4 {
		c := p.u8(bp)
		p.s("[|chap 0x")
		p.xpad(uint64(c), 2)
		p.s("]")
		return
	}
	code := p.u8(bp)
	p.s("CHAP, ")
	p.tokStr(chapCodeValues, uint32(code), "unknown")
	p.s(" (0x")
	p.xpad(uint64(code), 2)
	p.s(")")
	bp++
	p.su8(", id ", bp)
	bp++
	l := int(p.be16(bp))
	bp += 2
	switch code {
	case 1, 2:
		if length-(bp-p0) < 1 {
			return
		}
		vs := int(p.u8(bp))
		bp++
		if length-(bp-p0) < vs {
			return
		}
		p.s(", Value ")
		for i := 0; i < vs; i++ {
			p.hex2(p.u8(bp))
			bp++
		}
		ns := uint32(l - (bp - p0))
		p.s(", Name ")
		for i := uint32(0); i < ns; i++ {
			p.fnPrintChar(p.u8(bp))
			bp++
		}
	case 3, 4:
		ms := uint32(l - (bp - p0))
		p.s(", Msg ")
		for i := uint32(0); i < ms; i++ {
			p.fnPrintChar(p.u8(bp))
			bp++
		}
	}
}

func (p *Printer) pppPAP(bp, length int) {
	p0 := bp
	if length < 1 {
		p.s("[|pap]")
		return
	} else if length < 4 {
		c := p.u8(bp)
		p.s("[|pap 0x")
		p.xpad(uint64(c), 2)
		p.s("]")
		return
	}
	code := p.u8(bp)
	p.s("PAP, ")
	p.tokStr(papCodeValues, uint32(code), "unknown")
	p.s(" (0x")
	p.xpad(uint64(code), 2)
	p.s(")")
	bp++
	p.su8(", id ", bp)
	bp++
	l := int(p.be16(bp))
	bp += 2
	if l > length {
		p.s(", length ")
		p.u(uint64(l))
		p.s(" > packet size")
		return
	}
	length = l
	if length < bp-p0 {
		p.s(", length ")
		p.u(uint64(length))
		p.s(" < PAP header length")
		return
	}
	field := func(label string) bool {
		if length-(bp-p0) < 1 {
			return false
		}
		n := int(p.u8(bp))
		bp++
		if length-(bp-p0) < n {
			return false
		}
		p.s(label)
		for i := 0; i < n; i++ {
			p.fnPrintChar(p.u8(bp))
			bp++
		}
		return true
	}
	switch code {
	case 1:
		if l < 6 {
			p.s("[|pap]")
			return
		}
		if field(", Peer ") {
			field(", Name ")
		}
	case 2, 3:
		if l < 5 {
			p.s("[|pap]")
			return
		}
		field(", Msg ")
	}
}

// pppHDLC is ppp_hdlc: the frame from bp un-escaped (RFC 1662) into a
// buffer of the Printer's own, and printed from there.
func (p *Printer) pppHDLC(bp, length int) {
	caplen := p.snapend - bp
	if caplen <= 0 || length == 0 {
		return
	}
	if cap(p.l2buf) < caplen {
		p.l2buf = make([]byte, caplen, caplen+256)
	}
	b := p.l2buf[:0]
	for i, s := caplen, bp; i != 0; i-- {
		c := p.pkt[s]
		s++
		if c == 0x7d {
			if i <= 1 {
				break
			}
			i--
			c = p.pkt[s] ^ 0x20
			s++
		}
		b = append(b, c)
	}
	p.l2buf = b
	pkt, end := p.pkt, p.snapend
	p.pkt, p.snapend = b, len(b)
	defer func() { p.pkt, p.snapend = pkt, end }()
	length = len(b)
	if length < 1 {
		p.trunc()
		return
	}
	switch b[0] {
	case 0x21:
		p.ipPrint(1, length-1)
		return
	case 0x57:
		p.ip6Print(1, length-1)
		return
	}
	if length < 2 {
		p.trunc()
		return
	}
	proto := p.be16(0)
	start := 2
	if proto == 0xff03 {
		if length < 4 {
			p.trunc()
			return
		}
		proto = p.be16(2)
		start = 4
	}
	if proto&0xff00 == 0x7e00 {
		p.s("(protocol 0x")
		p.xpad(uint64(proto), 4)
		p.s(" invalid)")
		return
	}
	p.handlePPP(uint32(proto), start, length-start)
}

// handlePPP is handle_ppp.
func (p *Printer) handlePPP(proto uint32, bp, length int) {
	if proto&0xff00 == 0x7e00 {
		p.pppHDLC(bp-1, length)
		return
	}
	switch proto {
	case 0xc021, 0x8021, 0x8023, 0x8281, 0x8057, 0x80fd, 0xc02b:
		p.pppCtrlProto(proto, bp, length)
	case 0x003d:
		p.pppMLPPP(bp, length)
	case 0xc223:
		p.pppCHAP(bp, length)
	case 0xc023:
		p.pppPAP(bp, length)
	case 0xc02d:
	case 0x0800, 0x002f, 0x0021:
		p.ipPrint(bp, length)
	case 0x86dd, 0x0057:
		p.ip6Print(bp, length)
	case 0x8137, 0x002b:
		p.ipxUnsupported(bp, length)
	case 0x0023:
		p.isoclnsPrint(bp, length)
	case 0x0281, 0x0283:
		p.mplsPrint(bp, length)
	case 0x00fd:
		p.s("compressed PPP data")
	default:
		p.tokStrX(pppTypeValues, proto, "unknown PPP protocol (0x", 4, ")")
		p.c(' ')
		p.unknownData(bp, "\n\t", length)
	}
}

// pppPrint is ppp_print: the PPP frame at bp (address and control field
// optional); it returns the PPP header length.
func (p *Printer) pppPrint(bp, length int) int {
	p.proto = "ppp"
	olen := length
	hdr := 0
	if length < 2 {
		p.trunc()
		return 0
	}
	switch p.be16(bp) {
	case 0x0003:
		if p.o.Link {
			p.s("In  ")
		}
		bp, length, hdr = bp+2, length-2, hdr+2
	case 0x0103:
		if p.o.Link {
			p.s("Out ")
		}
		bp, length, hdr = bp+2, length-2, hdr+2
	case 0xff03:
		bp, length, hdr = bp+2, length-2, hdr+2
	}
	if length < 2 {
		p.trunc()
		return 0
	}
	var proto uint32
	if p.u8(bp)%2 != 0 {
		proto = uint32(p.u8(bp))
		bp, length, hdr = bp+1, length-1, hdr+1
	} else {
		proto = uint32(p.be16(bp))
		bp, length, hdr = bp+2, length-2, hdr+2
	}
	if p.o.Link {
		typ, ok := tokLookup(pppTypeValues, proto)
		if !ok {
			typ = "unknown"
		}
		p.s(typ)
		p.s(" (0x")
		p.xpad(uint64(proto), 4)
		p.s("), length ")
		p.u(uint64(uint32(olen)))
		if typ[0] == 'u' {
			return hdr
		}
		p.s(": ")
	}
	p.handlePPP(proto, bp, length)
	return hdr
}
