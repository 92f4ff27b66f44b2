// Multipath TCP options (RFC 6824 and RFC 8684, versions 0 and 1), as
// tcpdump 4.99.3's print-mptcp.c prints them inside tcp_print's options.

package printer

var mptcpSubtypes = [...]string{"capable", "join", "dss", "add-addr", "rem-addr", "prio", "fail", "fast-close", "unknown"}

// mptcpAddrEcho is mptcp_addr_subecho_bits: the low bits of ADD_ADDR's
// subtype byte.
var mptcpAddrEcho = map[uint8]string{0x6: "v0-ip6", 0x4: "v0-ip4", 0x1: "v1-echo", 0x0: "v1"}

// mptcpPrint is mptcp_print: the MPTCP option of ln bytes at cp (kind and
// length included) of a segment with these flags; false for a malformed
// option (tcp_print's "[bad opt]").
func (p *Printer) mptcpPrint(cp, ln int, flags uint8) bool {
	p.proto = "mptcp"
	if ln < 3 {
		return false
	}
	sub := int(p.u8(cp+2) >> 4)
	if sub > 8 {
		sub = 8
	}
	p.c(' ')
	p.u(uint64(ln))
	p.c(' ')
	p.s(mptcpSubtypes[sub])
	syn, ack := flags&0x02 != 0, flags&0x10 != 0
	switch sub {
	case 0: // MP_CAPABLE
		if !((ln == 12 || ln == 4) && syn) && !((ln == 20 || ln == 22) && ack && !syn) {
			return false
		}
		v := p.u8(cp+2) & 0xf
		if v > 1 {
			p.s(" Unknown Version (")
			p.u(uint64(v))
			p.s(")")
			return true
		}
		p.s(" v")
		p.u(uint64(v))
		if p.u8(cp+3)&0x80 != 0 {
			p.s(" csum")
		}
		if ln == 12 || ln >= 20 {
			p.s(" {0x")
			p.x(p.be64(cp + 4))
			if ln >= 20 {
				p.s(",0x")
				p.x(p.be64(cp + 12))
			}
			p.s("}")
		}
	case 1: // MP_JOIN
		if !(ln == 12 && syn) && !(ln == 16 && syn && ack) && !(ln == 24 && ack) {
			return false
		}
		if ln != 24 {
			if p.u8(cp+2)&1 != 0 {
				p.s(" backup")
			}
			p.s(" id ")
			p.u(uint64(p.u8(cp + 3)))
		}
		switch ln {
		case 12:
			p.s(" token 0x")
			p.x(uint64(p.be32(cp + 4)))
			p.s(" nonce 0x")
			p.x(uint64(p.be32(cp + 8)))
		case 16:
			p.s(" hmac 0x")
			p.x(p.be64(cp + 4))
			p.s(" nonce 0x")
			p.x(uint64(p.be32(cp + 12)))
		case 24:
			p.s(" hmac 0x")
			for i := 0; i < 20; i++ {
				p.hex2(p.u8(cp + 4 + i))
			}
		}
	case 2: // DSS
		if ln < 4 || syn {
			return false
		}
		fl := p.u8(cp + 3)
		if fl&0x10 != 0 {
			p.s(" fin")
		}
		o, n := cp+4, ln-4
		num := func(wide bool) bool {
			if wide {
				if n < 8 {
					return false
				}
				p.u(p.be64(o))
				o, n = o+8, n-8
				return true
			}
			if n < 4 {
				return false
			}
			p.u(uint64(p.be32(o)))
			o, n = o+4, n-4
			return true
		}
		if fl&0x01 != 0 {
			p.s(" ack ")
			if !num(fl&0x02 != 0) {
				return false
			}
		}
		if fl&0x04 != 0 {
			p.s(" seq ")
			if !num(fl&0x08 != 0) {
				return false
			}
			if n < 4 {
				return false
			}
			p.s(" subseq ")
			p.u(uint64(p.be32(o)))
			o, n = o+4, n-4
			if n < 2 {
				return false
			}
			p.s(" len ")
			p.u(uint64(p.be16(o)))
			o, n = o+2, n-2
			if n >= 2 {
				p.s(" csum 0x")
				p.x(uint64(p.be16(o)))
				n -= 2
			}
		}
		return n == 0
	case 3: // ADD_ADDR
		switch ln {
		case 8, 10, 16, 18, 20, 22, 28, 30:
		default:
			return false
		}
		p.c(' ')
		if n, ok := mptcpAddrEcho[p.u8(cp+2)&0xf]; ok {
			p.s(n)
		} else {
			p.s("[bad version/echo]")
		}
		p.s(" id ")
		p.u(uint64(p.u8(cp + 3)))
		if ln <= 18 {
			p.c(' ')
			p.ip4(cp + 4)
			if ln == 10 || ln == 18 {
				p.c(':')
				p.u(uint64(p.be16(cp + 8)))
			}
			switch ln {
			case 16:
				p.s(" hmac 0x")
				p.x(p.be64(cp + 8))
			case 18:
				p.s(" hmac 0x")
				p.x(p.be64(cp + 10))
			}
		} else {
			p.c(' ')
			p.ip6(cp + 4)
			if ln == 22 || ln == 30 {
				p.c(':')
				p.u(uint64(p.be16(cp + 20)))
			}
			switch ln {
			case 28:
				p.s(" hmac 0x")
				p.x(p.be64(cp + 20))
			case 30:
				p.s(" hmac 0x")
				p.x(p.be64(cp + 22))
			}
		}
	case 4: // REMOVE_ADDR
		if ln < 4 {
			return false
		}
		p.s(" id")
		for i := 0; i < ln-3; i++ {
			p.c(' ')
			p.u(uint64(p.u8(cp + 3 + i)))
		}
	case 5: // MP_PRIO
		if ln != 3 && ln != 4 {
			return false
		}
		if p.u8(cp+2)&1 != 0 {
			p.s(" backup")
		} else {
			p.s(" non-backup")
		}
		if ln == 4 {
			p.s(" id ")
			p.u(uint64(p.u8(cp + 3)))
		}
	case 6: // MP_FAIL
		if ln != 12 {
			return false
		}
		p.s(" seq ")
		p.u(p.be64(cp + 4))
	case 7: // MP_FASTCLOSE
		if ln != 12 {
			return false
		}
		p.s(" key 0x")
		p.x(p.be64(cp + 4))
	}
	return true
}
