// DHCPv6 (UDP ports 546 and 547), as tcpdump 4.99.3's print-dhcp6.c
// prints it (dhcp6_print and dhcp6opt_print: the message type, with -v
// the transaction id or relay addresses and every option it decodes,
// nested options and relayed messages included).

package printer

func init() {
	registerUDP("dhcp6", func(p *Printer, d portPayload) { p.dhcp6Print(d.off, d.length) })
}

var dhcp6MsgTypes = [...]string{1: "solicit", 2: "advertise", 3: "request", 4: "confirm", 5: "renew",
	6: "rebind", 7: "reply", 8: "release", 9: "decline", 10: "reconfigure", 11: "inf-req",
	12: "relay-fwd", 13: "relay-reply", 14: "leasequery", 15: "leasequery-reply"}

var dhcp6Opts = map[uint16]string{1: "client-ID", 2: "server-ID", 3: "IA_NA", 4: "IA_TA", 5: "IA_ADDR",
	6: "option-request", 7: "preference", 8: "elapsed-time", 9: "relay-message", 11: "authentication",
	12: "server-unicast", 13: "status-code", 14: "rapid-commit", 15: "user-class", 16: "vendor-class",
	17: "vendor-specific-info", 18: "interface-ID", 19: "reconfigure-message", 20: "reconfigure-accept",
	21: "SIP-servers-domain", 22: "SIP-servers-address", 23: "DNS-server", 24: "DNS-search-list",
	25: "IA_PD", 26: "IA_PD-prefix", 27: "NIS-server", 28: "NIS+-server", 29: "NIS-domain-name",
	30: "NIS+-domain-name", 31: "SNTP-servers", 32: "lifetime", 33: "BCMCS-domain-name",
	34: "BCMCS-server", 36: "Geoconf-Civic", 37: "Remote-ID", 38: "Subscriber-ID", 39: "Client-FQDN",
	40: "PANA-agent", 41: "POSIX-timezone", 42: "POSIX-tz-database", 43: "Echo-request-option",
	44: "Lease-query", 45: "LQ-client-data", 46: "Clt-time", 47: "LQ-relay-data", 48: "LQ-client-link",
	56: "NTP-server", 64: "AFTR-Name", 112: "MUD-URL"}

var dhcp6StatusCodes = [...]string{"Success", "UnspecFail", "NoAddrsAvail", "NoBinding", "NotOnLink",
	"UseMulticast", "NoPrefixAvail", "UnknownQueryType", "MalformedQuery", "NotConfigured", "NotAllowed"}

func (p *Printer) dhcp6OptName(t uint16) {
	if n, ok := dhcp6Opts[t]; ok {
		p.s(n)
		return
	}
	p.s("opt_")
	p.u(uint64(t))
}

// hexBytes prints n bytes at off as %02x each.
func (p *Printer) hexBytes(off, n int) {
	for i := 0; i < n; i++ {
		p.hex2(p.u8(off + i))
	}
}

func (p *Printer) dhcp6Opts(cp, ep int) {
	for cp < ep {
		if ep < cp+4 {
			p.trunc()
			return
		}
		if !p.localCheck(cp, 4) {
			return
		}
		optlen := int(p.be16(cp + 2))
		if ep < cp+4+optlen {
			p.trunc()
			return
		}
		typ := p.be16(cp)
		p.s(" (")
		p.dhcp6OptName(typ)
		if !p.localCheck(cp+4, optlen) {
			return
		}
		tp := cp + 4
		end := cp + 4 + optlen
		switch typ {
		case 1, 2:
			if optlen < 2 {
				p.s(" ?)")
				break
			}
			switch p.be16(tp) {
			case 1:
				if optlen >= 8 {
					ht, tm := p.be16(tp+2), p.be32(tp+4)
					p.s(" hwaddr/time type ")
					p.u(uint64(ht))
					p.s(" time ")
					p.u(uint64(tm))
					p.c(' ')
					p.hexBytes(tp+8, optlen-8)
					p.c(')')
				} else {
					p.s(" ?)")
				}
			case 2:
				if optlen >= 10 {
					p.s(" vid ")
					p.hexBytes(tp+2, 8)
					p.c(')')
				} else {
					p.s(" ?)")
				}
			case 3:
				if optlen >= 4 {
					ht := p.be16(tp + 2)
					p.s(" hwaddr type ")
					p.u(uint64(ht))
					p.c(' ')
					p.hexBytes(tp+4, optlen-4)
					p.c(')')
				} else {
					p.s(" ?)")
				}
			default:
				p.s(" type ")
				p.u(uint64(p.be16(tp)))
				p.c(')')
			}
		case 5:
			if optlen < 24 {
				p.s(" ?)")
				break
			}
			p.c(' ')
			p.ip6(tp)
			pl, vl := p.be32(tp+16), p.be32(tp+20)
			p.s(" pltime:")
			p.u(uint64(pl))
			p.s(" vltime:")
			p.u(uint64(vl))
			if optlen > 24 {
				p.dhcp6Opts(tp+24, end)
			}
			p.c(')')
		case 6, 43:
			if optlen%2 != 0 {
				p.s(" ?)")
				break
			}
			for i := 0; i < optlen; i += 2 {
				v := p.be16(tp + i)
				p.c(' ')
				p.dhcp6OptName(v)
			}
			p.c(')')
		case 7:
			if optlen != 1 {
				p.s(" ?)")
				break
			}
			p.c(' ')
			p.u(uint64(p.u8(tp)))
			p.c(')')
		case 8:
			if optlen != 2 {
				p.s(" ?)")
				break
			}
			v := p.be16(tp)
			p.c(' ')
			p.u(uint64(v))
			p.c(')')
		case 9:
			p.s(" (")
			old := p.pushSnap(tp, optlen)
			p.dhcp6Print(tp, optlen)
			p.snapend = old
			p.c(')')
		case 11:
			if optlen < 11 {
				p.s(" ?)")
				break
			}
			p.dhcp6Auth(tp, optlen)
		case 14, 20:
			p.c(')')
		case 18, 38:
			p.c(' ')
			for i := 0; i < optlen && i < 10; i++ {
				p.hex2(p.u8(tp + i))
			}
			p.s("...)")
		case 19:
			if optlen != 1 {
				p.s(" ?)")
				break
			}
			switch v := p.u8(tp); v {
			case 5:
				p.s(" for renew)")
			case 11:
				p.s(" for inf-req)")
			default:
				p.s(" for ???(")
				p.hex2(v)
				p.s("))")
			}
		case 22, 23, 31, 27, 28, 34, 40, 48:
			if optlen%16 != 0 {
				p.s(" ?)")
				break
			}
			for i := 0; i < optlen; i += 16 {
				p.check(tp+i, 16)
				p.c(' ')
				p.ip6(tp + i)
			}
			p.c(')')
		case 21, 24:
			for tp < end {
				p.c(' ')
				if tp = p.fqdn(tp, end); tp == nilp {
					p.trunc()
					return
				}
			}
			p.c(')')
		case 13:
			if optlen < 2 {
				p.s(" ?)")
				break
			}
			code := p.be16(tp)
			p.c(' ')
			switch {
			case code > 255:
				p.s("INVALID code")
			case int(code) < len(dhcp6StatusCodes):
				p.s(dhcp6StatusCodes[code])
			default:
				p.s("code")
				p.u(uint64(code))
			}
			p.c(')')
		case 3, 25:
			if optlen < 12 {
				p.s(" ?)")
				break
			}
			a, b, c := p.be32(tp), p.be32(tp+4), p.be32(tp+8)
			p.s(" IAID:")
			p.u(uint64(a))
			p.s(" T1:")
			p.u(uint64(b))
			p.s(" T2:")
			p.u(uint64(c))
			if optlen > 12 {
				p.dhcp6Opts(tp+12, end)
			}
			p.c(')')
		case 4:
			if optlen < 4 {
				p.s(" ?)")
				break
			}
			a := p.be32(tp)
			p.s(" IAID:")
			p.u(uint64(a))
			if optlen > 4 {
				p.dhcp6Opts(tp+4, end)
			}
			p.c(')')
		case 26:
			if optlen < 25 {
				p.s(" ?)")
				break
			}
			p.check(tp+9, 16)
			plen := p.u8(tp + 8)
			p.c(' ')
			p.ip6(tp + 9)
			p.c('/')
			p.u(uint64(plen))
			pl, vl := p.be32(tp), p.be32(tp+4)
			p.s(" pltime:")
			p.u(uint64(pl))
			p.s(" vltime:")
			p.u(uint64(vl))
			if optlen > 25 {
				p.dhcp6Opts(tp+25, end)
			}
			p.c(')')
		case 32, 46:
			if optlen != 4 {
				p.s(" ?)")
				break
			}
			v := p.be32(tp)
			p.c(' ')
			p.u(uint64(v))
			p.c(')')
		case 37:
			if optlen < 4 {
				p.s(" ?)")
				break
			}
			v := p.be32(tp)
			p.c(' ')
			p.u(uint64(v))
			p.c(' ')
			for i := 4; i < optlen && i < 14; i++ {
				p.hex2(p.u8(tp + i))
			}
			p.s("...)")
		case 44:
			if optlen < 17 {
				p.s(" ?)")
				break
			}
			switch qt := p.u8(tp); qt {
			case 1:
				p.s(" by-address")
			case 2:
				p.s(" by-clientID")
			default:
				p.s(" type_")
				p.u(uint64(qt))
			}
			p.check(tp+1, 16)
			p.c(' ')
			p.ip6(tp + 1)
			if optlen > 17 {
				p.dhcp6Opts(tp+17, end)
			}
			p.c(')')
		case 45:
			if optlen > 0 {
				p.dhcp6Opts(tp, end)
			}
			p.c(')')
		case 47:
			if optlen < 16 {
				p.s(" ?)")
				break
			}
			p.check(tp, 16)
			p.c(' ')
			p.ip6(tp)
			p.c(' ')
			for i := 16; i < optlen && i < 26; i++ {
				p.hex2(p.u8(tp + i))
			}
			p.s("...)")
		case 56:
			if optlen < 4 {
				p.s(" ?)")
				break
			}
			for tp < end-4 {
				code := p.be16(tp)
				tp += 2
				sl := int(p.be16(tp))
				tp += 2
				if tp+sl > end {
					p.trunc()
					return
				}
				p.s(" subopt:")
				p.u(uint64(code))
				switch code {
				case 1, 2:
					if sl != 16 {
						p.s(" ?")
						break
					}
					p.check(tp, 16)
					p.c(' ')
					p.ip6(tp)
				case 3:
					p.c(' ')
					if p.fqdn(tp, tp+sl) == nilp {
						p.trunc()
						return
					}
				default:
					p.s(" ?")
				}
				tp += sl
			}
			p.c(')')
		case 64:
			if optlen < 3 {
				p.s(" ?)")
				break
			}
			remain := optlen
			p.c(' ')
			for remain != 0 && p.u8(tp) != 0 {
				ll := int(p.u8(tp))
				tp++
				if ll < remain-1 {
					p.printjnp(tp, ll)
					tp += ll
					remain -= ll + 1
					if p.u8(tp) != 0 {
						p.c('.')
					}
				} else {
					p.s(" ?")
					break
				}
			}
			p.c(')')
		case 41, 42, 112:
			if optlen < 5 {
				p.s(" ?)")
				break
			}
			p.c(' ')
			p.printjnp(tp, optlen)
			p.c(')')
		default:
			p.c(')')
		}
		cp += 4 + optlen
	}
}

func (p *Printer) dhcp6Auth(tp, optlen int) {
	proto := p.u8(tp)
	switch proto {
	case 2:
		p.s(" proto: delayed")
	case 3:
		p.s(" proto: reconfigure")
	default:
		p.s(" proto: ")
		p.u(uint64(proto))
	}
	alg := p.u8(tp + 1)
	if alg == 1 {
		p.s(", alg: HMAC-MD5")
	} else {
		p.s(", alg: ")
		p.u(uint64(alg))
	}
	rdm := p.u8(tp + 2)
	if rdm == 0 {
		p.s(", RDM: mono")
	} else {
		p.s(", RDM: ")
		p.u(uint64(rdm))
	}
	p.s(", RD:")
	tp += 3
	for i := 0; i < 4; i++ {
		v := p.be16(tp)
		p.c(' ')
		p.xpad(uint64(v), 4)
		tp += 2
	}
	info := optlen - 11
	switch proto {
	case 2:
		if info == 0 {
			break
		}
		if info < 20 {
			p.s(" ??")
			break
		}
		realm := info - 20
		if realm > 0 {
			p.s(", realm: ")
		}
		for i := 0; i < realm; i++ {
			p.hex2(p.u8(tp))
			tp++
		}
		k := p.be32(tp)
		p.s(", key ID: ")
		p.xpad(uint64(k), 8)
		tp += 4
		p.s(", HMAC-MD5:")
		for i := 0; i < 4; i++ {
			v := p.be32(tp)
			p.c(' ')
			p.xpad(uint64(v), 8)
			tp += 4
		}
	case 3:
		if info != 17 {
			p.s(" ??")
			break
		}
		switch p.u8(tp) {
		case 1:
			p.s(" reconfig-key")
		case 2:
			p.s(" type: HMAC-MD5")
		default:
			p.s(" type: ??")
		}
		tp++
		p.s(" value:")
		for i := 0; i < 4; i++ {
			v := p.be32(tp)
			p.c(' ')
			p.xpad(uint64(v), 8)
			tp += 4
		}
	default:
		p.s(" ??")
	}
	p.c(')')
}

func (p *Printer) dhcp6Print(cp, length int) {
	p.proto = "dhcp6"
	p.s("dhcp6")
	ep := p.snapend
	if cp+length < ep {
		ep = cp + length
	}
	if !p.localCheck(cp, 4) {
		return
	}
	mt := p.pkt[cp]
	name := func() {
		if int(mt) < len(dhcp6MsgTypes) && dhcp6MsgTypes[mt] != "" {
			p.s(dhcp6MsgTypes[mt])
		} else {
			p.s("msgtype-")
			p.u(uint64(mt))
		}
	}
	p.c(' ')
	name()
	if p.o.Verbose == 0 {
		return
	}
	p.s(" (")
	if mt != 12 && mt != 13 {
		p.s("xid=")
		p.x(uint64(p.be32(cp) & 0xffffff))
		p.dhcp6Opts(cp+4, ep)
	} else {
		p.check(cp+2, 16)
		p.s("linkaddr=")
		p.ip6(cp + 2)
		p.check(cp+18, 16)
		p.s(" peeraddr=")
		p.ip6(cp + 18)
		p.dhcp6Opts(cp+34, ep)
	}
	p.c(')')
}
