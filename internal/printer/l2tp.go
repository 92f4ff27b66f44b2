// L2TP (UDP port 1701), as tcpdump 4.99.3's print-l2tp.c prints it
// (l2tp_print, l2tp_avp_print: the header flags, tunnel and session ids,
// sequence numbers and offset, ZLB and every AVP of RFC 2661 and RFC
// 3145), and the PPP frames of data messages as print-ppp.c's ppp_print
// shows them when they carry IPv4 or IPv6.

package printer

func init() {
	registerUDP("l2tp", func(p *Printer, d portPayload) { p.l2tpPrint(d.off, d.length) })
}

var l2tpMsgTypes = [...]string{1: "SCCRQ", 2: "SCCRP", 3: "SCCCN", 4: "StopCCN", 6: "HELLO", 7: "OCRQ", 8: "OCRP",
	9: "OCCN", 10: "ICRQ", 11: "ICRP", 12: "ICCN", 14: "CDN", 15: "WEN", 16: "SLI"}

var l2tpAVPs = [...]string{"MSGTYPE", "RESULT_CODE", "PROTO_VER", "FRAMING_CAP", "BEARER_CAP", "TIE_BREAKER",
	"FIRM_VER", "HOST_NAME", "VENDOR_NAME", "ASSND_TUN_ID", "RECV_WIN_SIZE", "CHALLENGE", "Q931_CC",
	"CHALLENGE_RESP", "ASSND_SESS_ID", "CALL_SER_NUM", "MINIMUM_BPS", "MAXIMUM_BPS", "BEARER_TYPE",
	"FRAMING_TYPE", "PACKET_PROC_DELAY", "CALLED_NUMBER", "CALLING_NUMBER", "SUB_ADDRESS", "TX_CONN_SPEED",
	"PHY_CHANNEL_ID", "INI_RECV_LCP", "LAST_SENT_LCP", "LAST_RECV_LCP", "PROXY_AUTH_TYPE", "PROXY_AUTH_NAME",
	"PROXY_AUTH_CHAL", "PROXY_AUTH_ID", "PROXY_AUTH_RESP", "CALL_ERRORS", "ACCM", "RANDOM_VECTOR",
	"PRIVATE_GRP_ID", "RX_CONN_SPEED", "SEQ_REQUIRED", 46: "PPP_DISCON_CC"}

var l2tpAuthTypes = [...]string{"Reserved", "Textual", "CHAP", "PAP", "No Auth", "MS-CHAPv1"}

var l2tpDirections = [...]string{"global error", "at peer", "at local"}

func (p *Printer) l2tpString(off, n int) {
	for i := 0; i < n; i++ {
		p.fnPrintChar(p.u8(off + i))
	}
}

func (p *Printer) l2tpOctets(off, n int) {
	for i := 0; i < n; i++ {
		p.hex2(p.u8(off + i))
	}
}

func (p *Printer) l2tpShort() { p.s("AVP too short") }

// l2tpBits prints c1 if bit 2 and c2 if bit 1 of the 32-bit value are set.
func (p *Printer) l2tpBits(dat, n int, c1, c2 byte) {
	if n < 4 {
		p.l2tpShort()
		return
	}
	v := p.be32(dat)
	if v&2 != 0 {
		p.c(c1)
	}
	if v&1 != 0 {
		p.c(c2)
	}
}

func (p *Printer) l2tpAVPValue(typ uint16, dat, n int) {
	switch typ {
	case 0:
		if n < 2 {
			p.l2tpShort()
			return
		}
		v := p.be16(dat)
		if int(v) < len(l2tpMsgTypes) && l2tpMsgTypes[v] != "" {
			p.s(l2tpMsgTypes[v])
		} else {
			p.s("MSGTYPE-#")
			p.u(uint64(v))
		}
	case 1:
		if n < 2 {
			p.l2tpShort()
			return
		}
		p.u(uint64(p.be16(dat)))
		dat += 2
		n -= 2
		if n == 0 {
			return
		}
		if n < 2 {
			p.s(" AVP too short")
			return
		}
		p.c('/')
		p.u(uint64(p.be16(dat)))
		dat += 2
		n -= 2
		if n == 0 {
			return
		}
		p.c(' ')
		p.l2tpString(dat, n)
	case 2:
		if n < 2 {
			p.l2tpShort()
			return
		}
		v := p.be16(dat)
		p.u(uint64(v >> 8))
		p.c('.')
		p.u(uint64(v & 0xff))
	case 3, 19:
		p.l2tpBits(dat, n, 'A', 'S')
	case 4, 18:
		p.l2tpBits(dat, n, 'A', 'D')
	case 5:
		if n < 8 {
			p.l2tpShort()
			return
		}
		p.l2tpOctets(dat, 8)
	case 6, 9, 10, 14:
		if n < 2 {
			p.l2tpShort()
			return
		}
		p.u(uint64(p.be16(dat)))
	case 7, 8, 22, 21, 23, 30, 37:
		p.l2tpString(dat, n)
	case 11, 26, 27, 28, 31, 33, 36:
		p.l2tpOctets(dat, n)
	case 12:
		if n < 3 {
			p.l2tpShort()
			return
		}
		p.u(uint64(p.be16(dat)))
		p.s(", ")
		p.hex2(p.u8(dat + 2))
		if n > 3 {
			p.c(' ')
			p.l2tpString(dat+3, n-3)
		}
	case 13:
		if n < 16 {
			p.l2tpShort()
			return
		}
		p.l2tpOctets(dat, 16)
	case 15, 16, 17, 24, 25, 38:
		if n < 4 {
			p.l2tpShort()
			return
		}
		p.u(uint64(p.be32(dat)))
	case 20:
		p.s("obsolete")
	case 29:
		if n < 2 {
			p.l2tpShort()
			return
		}
		v := p.be16(dat)
		if int(v) < len(l2tpAuthTypes) {
			p.s(l2tpAuthTypes[v])
		} else {
			p.s("AuthType-#")
			p.u(uint64(v))
		}
	case 32:
		if n < 2 {
			p.l2tpShort()
			return
		}
		p.u(uint64(p.be16(dat) & 0xff))
	case 34, 35:
		if n < 2 {
			p.l2tpShort()
			return
		}
		dat += 2
		n -= 2
		names := [...]string{"CRCErr=", "FrameErr=", "HardOver=", "BufOver=", "Timeout=", "AlignErr="}
		count := 6
		if typ == 35 {
			names = [...]string{"send=", "recv=", "", "", "", ""}
			count = 2
		}
		for i := 0; i < count; i++ {
			if n < 4 {
				p.l2tpShort()
				return
			}
			v := p.be32(dat)
			dat += 4
			n -= 4
			p.s(names[i])
			if typ == 35 {
				p.xpad(uint64(v), 8)
			} else {
				p.u(uint64(v))
			}
			p.c(' ')
		}
	case 39:
	case 46:
		if n < 5 {
			p.l2tpShort()
			return
		}
		p.xpad(uint64(p.be16(dat)), 4)
		p.s(", ")
		p.xpad(uint64(p.be16(dat+2)), 4)
		p.c(' ')
		d := p.u8(dat + 4)
		if int(d) < len(l2tpDirections) {
			p.s(l2tpDirections[d])
		} else {
			p.s("Direction-#")
			p.u(uint64(d))
		}
		if n > 5 {
			p.c(' ')
			p.l2tpString(dat+5, n-5)
		}
	}
}

// l2tpAVP is l2tp_avp_print: the AVP's length, or 0 when it stopped.
func (p *Printer) l2tpAVP(dat, length int) int {
	p.c(' ')
	hdr := p.be16(dat)
	n := int(hdr & 0x3ff)
	if n < 6 || n > length || !p.ttest(dat, n) {
		p.trunc()
		return 0
	}
	if hdr&0x8000 != 0 {
		p.c('*')
	}
	hidden := hdr&0x4000 != 0
	if hidden {
		p.c('?')
	}
	if vendor := p.be16(dat + 2); vendor != 0 {
		p.s("VENDOR")
		p.xpad(uint64(vendor), 4)
		p.s(":ATTR")
		p.xpad(uint64(p.be16(dat+4)), 4)
		p.c('(')
		p.l2tpOctets(dat+6, n-6)
		p.c(')')
		return n
	}
	typ := p.be16(dat + 4)
	if int(typ) < len(l2tpAVPs) && l2tpAVPs[typ] != "" {
		p.s(l2tpAVPs[typ])
	} else {
		p.s("AVP-#")
		p.u(uint64(typ))
	}
	p.c('(')
	if hidden {
		p.s("???")
	} else {
		p.l2tpAVPValue(typ, dat+6, n-6)
	}
	p.c(')')
	return n
}

// l2tpPPP is ppp_print for the PPP frames this package decodes: the
// address and control bytes, the (compressed) protocol field, and IPv4 or
// IPv6 inside.
func (p *Printer) l2tpPPP(bp, length int) {
	p.proto = "ppp"
	olen := length
	if length < 2 {
		p.trunc()
		return
	}
	switch p.be16(bp) {
	case 0x0003, 0x0103: // PPPD_IN, PPPD_OUT
		if p.o.Link {
			if p.pkt[bp] == 0 {
				p.s("In  ")
			} else {
				p.s("Out ")
			}
		}
		bp += 2
		length -= 2
	case 0xff03:
		bp += 2
		length -= 2
	}
	if length < 2 {
		p.trunc()
		return
	}
	var proto uint16
	if p.u8(bp)%2 != 0 {
		proto = uint16(p.pkt[bp])
		bp++
		length--
	} else {
		proto = p.be16(bp)
		bp += 2
		length -= 2
	}
	if p.o.Link {
		n, known := pppTypes[proto]
		if !known {
			n = "unknown"
		}
		p.s(n)
		p.s(" (0x")
		p.xpad(uint64(proto), 4)
		p.s("), length ")
		p.u(uint64(uint32(olen)))
		if !known {
			return
		}
		p.s(": ")
	}
	switch proto {
	case 0x21, 0x2f, 0x0800:
		p.ipPrint(bp, length)
	case 0x57, 0x86dd:
		p.ip6Print(bp, length)
	case 0xfd:
		p.s("compressed PPP data")
	default:
		// handle_ppp's control protocols (LCP, IPCP, CHAP, PAP, ...),
		// multilink, IPX, OSI and MPLS are not decoded here: they get
		// the line of the protocols it does not decode.
		if n, ok := pppTypes[proto]; ok {
			p.s(n)
		} else {
			p.s("unknown PPP protocol (0x")
			p.xpad(uint64(proto), 4)
			p.s(")")
		}
		p.c(' ')
		p.unknownData(bp, "\n\t", length)
	}
}

// pppTypes is print-ppp.c's ppptype2str.
var pppTypes = map[uint16]string{0x21: "IP", 0x23: "OSI", 0x25: "NS", 0x27: "DECNET", 0x29: "APPLE", 0x2b: "IPX",
	0x2d: "VJC IP", 0x2f: "VJNC IP", 0x31: "BRPDU", 0x33: "STII", 0x35: "VINES", 0x281: "MPLS", 0x283: "MPLS",
	0xfd: "Compressed", 0x3d: "MLPPP", 0x57: "IP6", 0x201: "HELLO", 0x231: "LUXCOM", 0x233: "SNS",
	0x8021: "IPCP", 0x8023: "OSICP", 0x8025: "NSCP", 0x8027: "DECNETCP", 0x8029: "APPLECP", 0x802b: "IPXCP",
	0x8033: "STIICP", 0x8035: "VINESCP", 0x8057: "IP6CP", 0x8281: "MPLSCP", 0xc021: "LCP", 0xc023: "PAP",
	0xc025: "LQM", 0xc223: "CHAP", 0xc227: "EAP", 0xc027: "SPAP", 0xc123: "Old-SPAP", 0xc02b: "BACP",
	0xc02d: "BAP", 0xc03d: "MLPPP-CP", 0x80fd: "CCP"}

func (p *Printer) l2tpPrint(bp, length int) {
	p.proto = "l2tp"
	flags := p.be16(bp)
	switch flags & 0xf {
	case 2:
		p.s(" l2tp:")
	case 1:
		p.s(" l2f:")
		return
	default:
		p.s(" Unknown Version, neither L2F(1) nor L2TP(2)")
		return
	}
	p.c('[')
	for _, f := range [...]struct {
		bit uint16
		c   byte
	}{{0x8000, 'T'}, {0x4000, 'L'}, {0x0800, 'S'}, {0x0200, 'O'}, {0x0100, 'P'}} {
		if flags&f.bit != 0 {
			p.c(f.c)
		}
	}
	p.c(']')
	ptr, cnt := bp+2, 2
	l2len := 0
	if flags&0x4000 != 0 {
		l2len = int(p.be16(ptr))
		ptr += 2
		cnt += 2
	}
	tun := p.be16(ptr)
	p.c('(')
	p.u(uint64(tun))
	p.c('/')
	ptr += 2
	cnt += 2
	sess := p.be16(ptr)
	p.u(uint64(sess))
	p.c(')')
	ptr += 2
	cnt += 2
	if flags&0x0800 != 0 {
		ns := p.be16(ptr)
		p.s("Ns=")
		p.u(uint64(ns))
		p.c(',')
		nr := p.be16(ptr + 2)
		p.s("Nr=")
		p.u(uint64(nr))
		ptr += 4
		cnt += 4
	}
	if flags&0x0200 != 0 {
		pad := int(p.be16(ptr))
		if !p.ttest(ptr+2, pad) {
			p.trunc()
			return
		}
		ptr += 2 + pad
		cnt += 2 + pad
	}
	if flags&0x4000 != 0 {
		if length < l2len {
			p.s(" Length ")
			p.u(uint64(l2len))
			p.s(" larger than packet")
			return
		}
		length = l2len
	}
	if length < cnt {
		p.s(" Length ")
		p.u(uint64(uint32(length)))
		p.s(" smaller than header length")
		return
	}
	if flags&0x8000 == 0 {
		p.s(" {")
		p.l2tpPPP(ptr, length-cnt)
		p.c('}')
		return
	}
	if flags&0x4000 == 0 {
		p.s(" No length")
		return
	}
	if length-cnt == 0 {
		p.s(" ZLB")
		return
	}
	for length-cnt != 0 {
		n := p.l2tpAVP(ptr, length-cnt)
		if n == 0 {
			break
		}
		cnt += n
		ptr += n
	}
}
