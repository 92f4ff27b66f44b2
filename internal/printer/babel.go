// Babel (UDP ports 6696 and 6697), as tcpdump 4.99.3's print-babel.c
// prints it (babel_print, babel_print_v2_tlvs: every TLV of RFC 6126, RFC
// 7298, RFC 7557 and the source-specific drafts, their sub-TLVs, the
// address encodings with omitted prefix bytes, and the packet trailer).

package printer

func init() {
	registerUDP("babel", func(p *Printer, d portPayload) { p.babelPrint(d.off, d.length) })
}

var babelV4Prefix = [12]byte{10: 0xff, 11: 0xff}

func (p *Printer) babelID(off int) {
	p.check(off, 8)
	for i := 0; i < 8; i++ {
		if i > 0 {
			p.c(':')
		}
		p.hex2(p.pkt[off+i])
	}
}

func (p *Printer) babelPrefix(prefix *[16]byte, plen int) {
	if plen >= 96 && [12]byte(prefix[:12]) == babelV4Prefix {
		p.ip4s(prefix[12:])
		p.c('/')
		p.u(uint64(plen - 96))
		return
	}
	p.ip6s(prefix[:])
	p.c('/')
	p.u(uint64(plen))
}

func (p *Printer) babelAddress(a *[16]byte) {
	if [12]byte(a[:12]) == babelV4Prefix {
		p.ip4s(a[12:])
		return
	}
	p.ip6s(a[:])
}

func (p *Printer) babelInterval(i uint16) {
	if i == 0 {
		p.s("0.0s (bogus)")
		return
	}
	p.u(uint64(i / 100))
	p.c('.')
	p.padUint0(uint64(i%100), 2)
	p.c('s')
}

func (p *Printer) babelIntervalUpdate(i uint16) {
	if i == 0xffff {
		p.s("infinity")
		return
	}
	p.babelInterval(i)
}

func (p *Printer) babelTimestamp(t uint32) {
	p.u(uint64(t / 1000000))
	p.c('.')
	p.padUint0(uint64(t%1000000), 6)
	p.c('s')
}

// babelNetPrefix is network_prefix: the octets consumed, or -1.
func (p *Printer) babelNetPrefix(ae, plen int, omitted int, pp int, dp *[16]byte, n int, out *[16]byte) int {
	var pb int
	switch {
	case plen >= 0:
		pb = (plen + 7) / 8
	case ae == 1:
		pb = 4
	default:
		pb = 16
	}
	if pb > 16 {
		return -1
	}
	var prefix [16]byte
	consumed := 0
	switch ae {
	case 0:
	case 1:
		if omitted > 4 || pb > 4 || (pb > omitted && n < pb-omitted) {
			return -1
		}
		copy(prefix[:12], babelV4Prefix[:])
		if omitted != 0 {
			if dp == nil {
				return -1
			}
			copy(prefix[:12+omitted], dp[:12+omitted])
		}
		if pb > omitted {
			copy(prefix[12+omitted:], p.pkt[pp:pp+pb-omitted])
			consumed = pb - omitted
		}
	case 2:
		if omitted > 16 || (pb > omitted && n < pb-omitted) {
			return -1
		}
		if omitted != 0 {
			if dp == nil {
				return -1
			}
			copy(prefix[:omitted], dp[:omitted])
		}
		if pb > omitted {
			copy(prefix[omitted:], p.pkt[pp:pp+pb-omitted])
			consumed = pb - omitted
		}
	case 3:
		if pb > 8 && n < pb-8 {
			return -1
		}
		prefix[0], prefix[1] = 0xfe, 0x80
		if pb > 8 {
			copy(prefix[8:], p.pkt[pp:pp+pb-8])
			consumed = pb - 8
		}
	default:
		return -1
	}
	*out = prefix
	return consumed
}

func (p *Printer) babelSubTLVs(cp, ep int, tlv uint8) {
	for cp < ep {
		st := p.u8(cp)
		cp++
		if st == 0 {
			p.s(" sub-pad1")
			continue
		}
		if st&0x80 != 0 {
			p.s(" (M)")
		}
		if cp == ep {
			p.invalid()
			return
		}
		sl := int(p.u8(cp))
		cp++
		if cp+sl > ep {
			p.invalid()
			return
		}
		switch st {
		case 1:
			p.s(" sub-padn")
			cp += sl
		case 2:
			p.s(" sub-diversity")
			if sl == 0 {
				p.s(" empty")
				break
			}
			sep := " "
			for ; sl > 0; sl-- {
				v := p.u8(cp)
				p.s(sep)
				switch v {
				case 0:
					p.s("reserved")
				case 255:
					p.s("all")
				default:
					p.u(uint64(v))
				}
				cp++
				sep = "-"
			}
			if tlv != 8 && tlv != 13 {
				p.s(" (bogus)")
			}
		case 3:
			p.s(" sub-timestamp")
			switch tlv {
			case 4:
				if sl < 4 {
					p.invalid()
					return
				}
				t := p.be32(cp)
				p.c(' ')
				p.babelTimestamp(t)
			case 5:
				if sl < 8 {
					p.invalid()
					return
				}
				t := p.be32(cp)
				p.c(' ')
				p.babelTimestamp(t)
				t = p.be32(cp + 4)
				p.c('|')
				p.babelTimestamp(t)
			default:
				p.s(" (bogus)")
			}
			cp += sl
		default:
			p.s(" sub-unknown-0x")
			p.hex2(st)
			cp += sl
		}
	}
}

func (p *Printer) babelUpdateFlags(f uint8) {
	if f&0x80 != 0 {
		p.s("/prefix")
	}
	if f&0x40 != 0 {
		p.s("/id")
	}
	if f&0x3f != 0 {
		p.s("/unknown")
	}
}

// babelTLVs is babel_print_v2_tlvs: 0, -1 (cut) or -2 (invalid).
func (p *Printer) babelTLVs(cp, tlvsLen, remaining int) int {
	v4p := [16]byte{10: 0xff, 11: 0xff}
	var v6p [16]byte
	v := p.o.Verbose > 0
	icheck := func(i, l int) bool { return i+l <= tlvsLen && i+l <= remaining }
	for i := 0; i < tlvsLen; {
		m := cp + i
		if !icheck(i, 1) {
			return -2
		}
		typ := p.u8(m)
		if typ == 0 {
			if v {
				p.s("\n\tPad 1")
			} else {
				p.s(" pad1")
			}
			i++
			continue
		}
		if !icheck(i, 2) {
			return -2
		}
		if !p.ttest(m, 2) {
			return -1
		}
		n := int(p.pkt[m+1])
		if !icheck(i, 2+n) {
			return -2
		}
		if !p.ttest(m, 2+n) {
			return -1
		}
		short := func(name, vname string) bool {
			if !v {
				p.s(name)
				return false
			}
			p.s(vname)
			return true
		}
		switch typ {
		case 1:
			if !v {
				p.s(" padN")
			} else {
				p.s("\n\tPad ")
				p.u(uint64(n + 2))
			}
		case 2:
			if short(" ack-req", "\n\tAcknowledgment Request ") {
				if n < 6 {
					return -2
				}
				nonce, iv := p.be16(m+4), p.be16(m+6)
				p.xpad(uint64(nonce), 4)
				p.c(' ')
				p.babelInterval(iv)
			}
		case 3:
			if short(" ack", "\n\tAcknowledgment ") {
				if n < 2 {
					return -2
				}
				p.xpad(uint64(p.be16(m+2)), 4)
			}
		case 4:
			if short(" hello", "\n\tHello ") {
				if n < 6 {
					return -2
				}
				uc := p.be16(m+2) & 0x8000
				seq, iv := p.be16(m+4), p.be16(m+6)
				if uc != 0 {
					p.s("(Unicast) ")
				}
				p.s("seqno ")
				p.u(uint64(seq))
				p.c(' ')
				if iv != 0 {
					p.s("interval ")
					p.babelInterval(iv)
				} else {
					p.s("unscheduled")
				}
				if n > 6 {
					p.babelSubTLVs(m+8, m+2+n, typ)
				}
			}
		case 5:
			if short(" ihu", "\n\tIHU ") {
				if n < 6 {
					return -2
				}
				rx, iv := p.be16(m+4), p.be16(m+6)
				ae := int(p.u8(m + 2))
				var a [16]byte
				rc := p.babelNetPrefix(ae, -1, 0, m+8, nil, n-6, &a)
				if rc < 0 {
					p.trunc()
					break
				}
				if ae == 0 {
					p.s("any")
				} else {
					p.babelAddress(&a)
				}
				p.s(" rxcost ")
				p.u(uint64(rx))
				p.s(" interval ")
				p.babelInterval(iv)
				if rc < n-6 {
					p.babelSubTLVs(m+8+rc, m+2+n, typ)
				}
			}
		case 6:
			if short(" router-id", "\n\tRouter Id") {
				if n < 10 {
					return -2
				}
				p.check(m+4, 8)
				p.c(' ')
				p.babelID(m + 4)
			}
		case 7:
			if short(" nh", "\n\tNext Hop") {
				if n < 2 {
					return -2
				}
				ae := int(p.u8(m + 2))
				var a [16]byte
				if p.babelNetPrefix(ae, -1, 0, m+4, nil, n-2, &a) < 0 {
					return -2
				}
				p.c(' ')
				if ae == 0 {
					p.s("invalid AE 0")
				} else {
					p.babelAddress(&a)
				}
			}
		case 8:
			if !v {
				p.s(" update")
				if n < 10 {
					return -2
				}
				p.babelUpdateFlags(p.u8(m + 3))
				break
			}
			p.s("\n\tUpdate")
			if n < 10 {
				return -2
			}
			ae := int(p.u8(m + 2))
			plen := int(p.u8(m + 4))
			if ae == 1 {
				plen += 96
			}
			plen &= 0xff
			dp := &v6p
			if ae == 1 {
				dp = &v4p
			}
			var pr [16]byte
			rc := p.babelNetPrefix(ae, int(p.u8(m+4)), int(p.u8(m+5)), m+12, dp, n-10, &pr)
			if rc < 0 {
				return -2
			}
			iv, seq, metric := p.be16(m+6), p.be16(m+8), p.be16(m+10)
			flags := p.u8(m + 3)
			p.babelUpdateFlags(flags)
			p.c(' ')
			if ae == 0 {
				p.s("any")
			} else {
				p.babelPrefix(&pr, plen)
			}
			p.s(" metric ")
			p.u(uint64(metric))
			p.s(" seqno ")
			p.u(uint64(seq))
			p.s(" interval ")
			p.babelIntervalUpdate(iv)
			if flags&0x80 != 0 {
				if ae == 1 {
					v4p = pr
				} else {
					v6p = pr
				}
			}
			if rc < n-10 {
				p.babelSubTLVs(m+12+rc, m+2+n, typ)
			}
		case 9:
			if short(" route-request", "\n\tRoute Request ") {
				if n < 2 {
					return -2
				}
				ae := int(p.u8(m + 2))
				plen := int(p.u8(m + 3))
				if ae == 1 {
					plen += 96
				}
				plen &= 0xff
				var pr [16]byte
				if p.babelNetPrefix(ae, int(p.u8(m+3)), 0, m+4, nil, n-2, &pr) < 0 {
					return -2
				}
				p.s("for ")
				if ae == 0 {
					p.s("any")
				} else {
					p.babelPrefix(&pr, plen)
				}
			}
		case 10:
			if short(" seqno-request", "\n\tSeqno Request ") {
				if n < 14 {
					return -2
				}
				ae := int(p.u8(m + 2))
				seq := p.be16(m + 4)
				var pr [16]byte
				if p.babelNetPrefix(ae, int(p.u8(m+3)), 0, m+16, nil, n-14, &pr) < 0 {
					return -2
				}
				plen := int(p.u8(m + 3))
				if ae == 1 {
					plen += 96
				}
				plen &= 0xff
				hops := p.u8(m + 6)
				p.check(m+8, 8)
				p.c('(')
				p.u(uint64(hops))
				p.s(" hops) for ")
				if ae == 0 {
					p.s("invalid AE 0")
				} else {
					p.babelPrefix(&pr, plen)
				}
				p.s(" seqno ")
				p.u(uint64(seq))
				p.s(" id ")
				p.babelID(m + 8)
			}
		case 11:
			if short(" tspc", "\n\tTS/PC ") {
				if n < 6 {
					return -2
				}
				ts, pc := p.be32(m+4), p.be16(m+2)
				p.s("timestamp ")
				p.u(uint64(ts))
				p.s(" packetcounter ")
				p.u(uint64(pc))
			}
		case 12:
			if short(" hmac", "\n\tHMAC ") {
				if n < 18 {
					return -2
				}
				p.s("key-id ")
				p.u(uint64(p.be16(m + 2)))
				p.s(" digest-")
				p.u(uint64(n - 2))
				p.c(' ')
				for j := 0; j < n-2; j++ {
					b := p.u8(m + j + 4)
					p.c("0123456789ABCDEF"[b>>4])
					p.c("0123456789ABCDEF"[b&15])
				}
			}
		case 13:
			if short(" ss-update", "\n\tSS-Update") {
				if n < 10 {
					return -2
				}
				ae := int(p.u8(m + 2))
				srcPlen, plen, omitted := int(p.u8(m+3)), int(p.u8(m+4)), int(p.u8(m+5))
				iv, seq, metric := p.be16(m+6), p.be16(m+8), p.be16(m+10)
				parsed := 10
				dp := &v6p
				if ae == 1 {
					dp = &v4p
				}
				var pr, src [16]byte
				rc := p.babelNetPrefix(ae, plen, omitted, m+2+parsed, dp, n-parsed, &pr)
				if rc < 0 {
					return -2
				}
				if ae == 1 {
					plen = (plen + 96) & 0xff
				}
				parsed += rc
				rc = p.babelNetPrefix(ae, srcPlen, 0, m+2+parsed, nil, n-parsed, &src)
				if rc < 0 {
					return -2
				}
				if ae == 1 {
					srcPlen = (srcPlen + 96) & 0xff
				}
				parsed += rc
				p.c(' ')
				p.babelPrefix(&pr, plen)
				p.s(" from ")
				p.babelPrefix(&src, srcPlen)
				p.s(" metric ")
				p.u(uint64(metric))
				p.s(" seqno ")
				p.u(uint64(seq))
				p.s(" interval ")
				p.babelIntervalUpdate(iv)
				if parsed < n {
					p.babelSubTLVs(m+2+parsed, m+2+n, typ)
				}
			}
		case 14:
			if short(" ss-request", "\n\tSS-Request ") {
				if n < 3 {
					return -2
				}
				ae := int(p.u8(m + 2))
				plen, srcPlen := int(p.u8(m+3)), int(p.u8(m+4))
				parsed := 3
				var pr, src [16]byte
				rc := p.babelNetPrefix(ae, plen, 0, m+2+parsed, nil, n-parsed, &pr)
				if rc < 0 {
					return -2
				}
				if ae == 1 {
					plen = (plen + 96) & 0xff
				}
				parsed += rc
				rc = p.babelNetPrefix(ae, srcPlen, 0, m+2+parsed, nil, n-parsed, &src)
				if rc < 0 {
					return -2
				}
				if ae == 1 {
					srcPlen = (srcPlen + 96) & 0xff
				}
				if ae == 0 {
					p.s("for any")
				} else {
					p.s("for (")
					p.babelPrefix(&pr, plen)
					p.s(", ")
					p.babelPrefix(&src, srcPlen)
					p.c(')')
				}
			}
		case 15:
			if short(" ss-mh-request", "\n\tSS-MH-Request ") {
				if n < 14 {
					return -2
				}
				ae := int(p.u8(m + 2))
				plen := int(p.u8(m + 3))
				seq := p.be16(m + 4)
				hops := p.u8(m + 6)
				srcPlen := int(p.u8(m + 7))
				parsed := 14
				var pr, src [16]byte
				rc := p.babelNetPrefix(ae, plen, 0, m+2+parsed, nil, n-parsed, &pr)
				if rc < 0 {
					return -2
				}
				if ae == 1 {
					plen = (plen + 96) & 0xff
				}
				parsed += rc
				rc = p.babelNetPrefix(ae, srcPlen, 0, m+2+parsed, nil, n-parsed, &src)
				if rc < 0 {
					return -2
				}
				if ae == 1 {
					srcPlen = (srcPlen + 96) & 0xff
				}
				p.c('(')
				p.u(uint64(hops))
				p.s(" hops) for (")
				p.babelPrefix(&pr, plen)
				p.s(", ")
				p.check(m+8, 8)
				p.babelPrefix(&src, srcPlen)
				p.s(") seqno ")
				p.u(uint64(seq))
				p.s(" id ")
				p.babelID(m + 8)
			}
		case 16:
			if short(" mac", "\n\tMAC ") {
				p.s("len ")
				p.u(uint64(n))
			}
		case 17:
			if short(" pc", "\n\tPC") {
				if n < 4 {
					return -2
				}
				p.s(" value ")
				p.u(uint64(p.be32(m + 2)))
				p.s(" index len ")
				p.u(uint64(n - 4))
			}
		case 18, 19:
			name, vname := " challenge_request", "\n\tChallenge Request"
			if typ == 19 {
				name, vname = " challenge_reply", "\n\tChallenge Reply"
			}
			if short(name, vname) {
				if n > 192 {
					return -2
				}
				p.s(" len ")
				p.u(uint64(n))
			}
		default:
			if !v {
				p.s(" unknown")
			} else {
				p.s("\n\tUnknown message type ")
				p.u(uint64(typ))
			}
		}
		i += n + 2
	}
	return 0
}

func (p *Printer) babelPrint(cp, length int) {
	p.proto = "babel"
	p.s("babel")
	if !p.localCheck(cp, 4) {
		return
	}
	if p.pkt[cp] != 42 {
		p.s(" invalid header")
		return
	}
	ver := p.pkt[cp+1]
	p.c(' ')
	p.u(uint64(ver))
	if ver != 2 {
		p.s(" unknown version")
		return
	}
	if length < 4 {
		p.invalid()
		return
	}
	body := int(p.be16(cp + 2))
	p.s(" (")
	p.u(uint64(body))
	p.c(')')
	length -= 4
	cp += 4
	if length < body {
		p.invalid()
		return
	}
	switch p.babelTLVs(cp, body, length) {
	case -1:
		p.trunc()
		return
	case -2:
		p.invalid()
		return
	}
	length -= body
	cp += body
	if length != 0 {
		if p.o.Verbose > 0 {
			p.s("\n\t----")
		} else {
			p.s(" |")
		}
		switch p.babelTLVs(cp, length, length) {
		case -1:
			p.trunc()
		case -2:
			p.invalid()
		}
	}
}
