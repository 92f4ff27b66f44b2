// EAP, as tcpdump 4.99.3's print-eap.c prints it (eap_print: the code,
// identifier and length, and the request/response types with their
// identity, notification, NAK list, TLS/TTLS/FAST flags and SIM/AKA
// subtypes), for the RADIUS EAP-Message attribute.

package printer

var eapCodes = [...]string{1: "Request", 2: "Response", 3: "Success", 4: "Failure"}

var eapTypes = map[uint8]string{0: "No proposed", 1: "Identity", 2: "Notification", 3: "Nak",
	4: "MD5-challenge", 5: "OTP", 6: "GTC", 13: "TLS", 18: "SIM", 21: "TTLS", 23: "AKA", 43: "FAST",
	254: "Expanded types", 255: "Experimental"}

var eapTLSFlags = []bitName{{0x80, "L bit"}, {0x40, "More fragments bit"}, {0x20, "Start bit"}}

var eapAKASubtypes = map[uint8]string{1: "Challenge", 2: "Auth reject", 4: "Sync failure", 5: "Identity",
	10: "Start", 11: "Challenge", 12: "Notification", 13: "Reauth", 14: "Client error"}

func (p *Printer) eapType(t uint8) {
	if n, ok := eapTypes[t]; ok {
		p.s(n)
	} else {
		p.s("unknown")
	}
}

func (p *Printer) eapPrint(cp, length int) {
	typ := p.u8(cp)
	ln := int(p.be16(cp + 2))
	if ln != length {
		p.s("EAP fragment?")
		return
	}
	id := p.u8(cp + 1)
	if int(typ) < len(eapCodes) && eapCodes[typ] != "" {
		p.s(eapCodes[typ])
	} else {
		p.s("unknown")
	}
	p.s(" (")
	p.u(uint64(typ))
	p.s("), id ")
	p.u(uint64(id))
	p.s(", len ")
	p.u(uint64(ln))
	if ln < 4 {
		p.s(" (too short for EAP header)")
		return
	}
	if !p.localCheck(cp, ln) {
		return
	}
	if typ != 1 && typ != 2 {
		return
	}
	if ln < 5 {
		p.s(" (too short for EAP request/response)")
		return
	}
	sub := p.u8(cp + 4)
	p.s("\n\t\t Type ")
	p.eapType(sub)
	p.s(" (")
	p.u(uint64(sub))
	p.s(")")
	switch sub {
	case 1:
		if ln > 5 {
			p.s(", Identity: ")
			p.printjnp(cp+5, ln-5)
		}
	case 2:
		if ln < 6 {
			p.s(" (too short for EAP Notification request/response)")
			return
		}
		p.s(", Notification: ")
		p.printjnp(cp+5, ln-5)
	case 3:
		if ln < 6 {
			p.s(" (too short for EAP Legacy NAK request/response)")
			return
		}
		sep := ""
		for i := 5; i < ln; i++ {
			t := p.u8(cp + i)
			p.s(sep)
			p.c(' ')
			p.eapType(t)
			p.s(" (")
			p.u(uint64(t))
			p.s(")")
			sep = ","
		}
	case 13, 21, 43:
		if ln < 6 {
			switch sub {
			case 43:
				p.s(" (too short for EAP FAST request/response)")
			default:
				p.s(" (too short for EAP TLS/TTLS request/response)")
			}
			return
		}
		f := p.u8(cp + 5)
		switch sub {
		case 21:
			p.s(" TTLSv")
			p.u(uint64(f & 7))
		case 43:
			p.s(" FASTv")
			p.u(uint64(f & 7))
		}
		p.s(" flags [")
		p.bits8(f, eapTLSFlags, "none")
		p.s("] 0x")
		p.xpad(uint64(f), 2)
		if f&0x80 != 0 {
			if ln < 10 {
				if sub == 43 {
					p.s(" (too short for EAP FAST request/response with length)")
				} else {
					p.s(" (too short for EAP TLS/TTLS request/response with length)")
				}
				return
			}
			v := p.be32(cp + 6)
			p.s(", len ")
			p.u(uint64(v))
		}
	case 18, 23:
		if ln < 6 {
			p.s(" (too short for EAP SIM/AKA request/response)")
			return
		}
		s := p.u8(cp + 5)
		p.s(" subtype [")
		if n, ok := eapAKASubtypes[s]; ok {
			p.s(n)
		} else {
			p.s("unknown")
		}
		p.s("] 0x")
		p.xpad(uint64(s), 2)
	}
}
