// DNS (UDP and TCP port 53) and mDNS (UDP port 5353), as tcpdump 4.99.3's
// print-domain.c prints them: offsets are indexes into p.pkt, and -1
// plays the part of tcpdump's NULL pointer. Reads past the snapshot end
// panic(truncated{}) as tcpdump's GET_ macros longjmp, and both end the
// line with " [|domain]".

package printer

func init() {
	registerUDP("domain", func(p *Printer, d portPayload) { p.domainPrint(d.off, d.length, false, false) })
	registerUDP("mdns", func(p *Printer, d portPayload) { p.domainPrint(d.off, d.length, false, true) })
	registerTCP("domain", func(p *Printer, d portPayload) { p.domainPrint(d.off, d.length, true, false) })
}

const nilp = -1

var dnsOps = [16]string{"", " inv_q", " stat", " op3", " notify", " update", " op6", " op7",
	" op8", " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef"}

// dnsResp is tcpdump's ns_resp, including its missing spaces (17, 21).
var dnsResp = [24]string{"", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused",
	" YXDomain", " YXRRSet", " NXRRSet", " NotAuth", " NotZone", " Resp11", " Resp12",
	" Resp13", " Resp14", " NoChange", " BadVers", "Resp17", " Resp18", " Resp19", " Resp20",
	"Resp21", " Resp22", " BadCookie"}

var dnsTypes = map[uint16]string{1: "A", 2: "NS", 3: "MD", 4: "MF", 5: "CNAME", 6: "SOA", 7: "MB",
	8: "MG", 9: "MR", 10: "NULL", 11: "WKS", 12: "PTR", 13: "HINFO", 14: "MINFO", 15: "MX",
	16: "TXT", 17: "RP", 18: "AFSDB", 19: "X25", 20: "ISDN", 21: "RT", 22: "NSAP", 23: "NSAP_PTR",
	24: "SIG", 25: "KEY", 26: "PX", 27: "GPOS", 28: "AAAA", 29: "LOC", 30: "NXT", 31: "EID",
	32: "NIMLOC", 33: "SRV", 34: "ATMA", 35: "NAPTR", 36: "KX", 37: "CERT", 38: "A6", 39: "DNAME",
	40: "SINK", 41: "OPT", 42: "APL", 43: "DS", 44: "SSHFP", 45: "IPSECKEY", 46: "RRSIG",
	47: "NSEC", 48: "DNSKEY", 99: "SPF", 100: "UINFO", 101: "UID", 102: "GID", 103: "UNSPEC",
	104: "UNSPECA", 249: "TKEY", 250: "TSIG", 251: "IXFR", 252: "AXFR", 253: "MAILB",
	254: "MAILA", 255: "ANY", 256: "URI"}

var dnsClasses = map[uint16]string{1: "IN", 3: "CHAOS", 4: "HS", 255: "ANY"}

var ednsOpts = map[uint16]string{1: "LLQ", 2: "UL", 3: "NSID", 5: "DAU", 6: "DHU", 7: "N3U",
	8: "ECS", 9: "EXPIRE", 10: "COOKIE", 11: "KEEPALIVE", 12: "PADDING", 13: "CHAIN",
	14: "KEY-TAG", 16: "CLIENT-TAG", 17: "SERVER-TAG"}

var dauAlgs = map[uint8]string{0: "DELETE", 1: "RSAMD5", 2: "DH", 3: "DS", 5: "RSASHA1",
	6: "DSA-NSEC3-SHA1", 7: "RSASHA1-NSEC3-SHA1", 8: "RSASHA256", 10: "RSASHA512",
	12: "ECC-GOST", 13: "ECDSAP256SHA256", 14: "ECDSAP384SHA384", 15: "ED25519", 16: "ED448",
	252: "INDIRECT", 253: "PRIVATEDNS", 254: "PRIVATEOID"}

var dhuAlgs = map[uint8]string{1: "SHA-1", 2: "SHA-256", 3: "GOST_R_34.11-94", 4: "SHA-384"}

func (p *Printer) dnsType(t uint16) {
	if n, ok := dnsTypes[t]; ok {
		p.s(n)
	} else {
		p.s("Type")
		p.u(uint64(t))
	}
}

func (p *Printer) dnsClass(c uint16) {
	if n, ok := dnsClasses[c]; ok {
		p.s(n)
	} else {
		p.s("(Class ")
		p.u(uint64(c))
		p.s(")")
	}
}

// printn is tcpdump's nd_printn with ep = snapend: true if the string
// ran past the captured data.
func (p *Printer) printn(cp int, n uint64) bool {
	for n > 0 && cp < p.snapend {
		n--
		p.fnPrintChar(p.u8(cp))
		cp++
	}
	return n != 0
}

// nsSkip skips a domain name (ns_nskip).
func (p *Printer) nsSkip(cp int) int {
	if !p.ttest(cp, 1) {
		return nilp
	}
	i := p.u8(cp)
	cp++
	for i != 0 {
		switch i & 0xc0 {
		case 0xc0:
			return cp + 1
		case 0x40:
			if i&0x3f != 1 {
				return nilp
			}
			if !p.ttest(cp, 1) {
				return nilp
			}
			bitlen := int(p.u8(cp))
			if bitlen == 0 {
				bitlen = 256
			}
			cp++
			cp += (bitlen + 7) / 8
		case 0x80:
			return nilp
		default:
			cp += int(i)
		}
		if !p.ttest(cp, 1) {
			return nilp
		}
		i = p.u8(cp)
		cp++
	}
	return cp
}

// blabel prints an EDNS0 bit label (blabel_print).
func (p *Printer) blabel(cp int) int {
	if !p.ttest(cp, 1) {
		return nilp
	}
	bitlen := int(p.u8(cp))
	if bitlen == 0 {
		bitlen = 256
	}
	slen := (bitlen + 3) / 4
	lim := cp + 1 + slen
	p.s("\\[x")
	bitp, b := cp+1, bitlen
	for ; bitp < lim && b > 7; b, bitp = b-8, bitp+1 {
		p.hex2(p.u8(bitp))
	}
	if b > 4 {
		tc := int(p.u8(bitp))
		p.xpad(uint64(tc&(0xff<<(8-b))), 2)
	} else if b > 0 {
		tc := int(p.u8(bitp))
		p.x(uint64(((tc >> 4) & 0x0f) & (0x0f << (4 - b))))
	}
	p.s("/")
	p.u(uint64(bitlen))
	p.s("]")
	return lim
}

// labelLen is tcpdump's labellen; -1 for an error (already printed).
func (p *Printer) labelLen(cp int) int {
	if !p.ttest(cp, 1) {
		return -1
	}
	i := p.u8(cp)
	switch i & 0xc0 {
	case 0x40:
		if elt := i & 0x3f; elt != 1 {
			p.s("<ELT ")
			p.u(uint64(elt))
			p.s(">")
			return -1
		}
		if !p.ttest(cp+1, 1) {
			return -1
		}
		bitlen := int(p.u8(cp + 1))
		if bitlen == 0 {
			bitlen = 256
		}
		return (bitlen+7)/8 + 1
	case 0xc0, 0x00:
		return int(i)
	}
	p.s("<BAD LABEL TYPE>")
	return -1
}

const maxCDName = 255

// fqdn prints a domain name at cp of the message starting at bp
// (fqdn_print) and returns the offset after it, or nilp.
func (p *Printer) fqdn(cp, bp int) int {
	l := p.labelLen(cp)
	if l == -1 {
		return nilp
	}
	if !p.ttest(cp, 1) {
		return nilp
	}
	maxOffset := uint32(cp - bp)
	i := p.u8(cp)
	cp++
	rp := nilp
	compress := false
	if i&0xc0 != 0xc0 {
		rp = cp + l
	}
	if i == 0 {
		p.s(".")
		return rp
	}
	nameChars := 0
	for i != 0 && cp < p.snapend {
		switch i & 0xc0 {
		case 0xc0:
			if !compress {
				rp = cp + 1
				compress = true
			}
			if !p.ttest(cp, 1) {
				return nilp
			}
			offset := (uint32(i)<<8 | uint32(p.u8(cp))) & 0x3fff
			if offset >= maxOffset {
				p.s("<BAD PTR>")
				return nilp
			}
			maxOffset = offset
			cp = bp + int(offset)
			if !p.ttest(cp, 1) {
				return nilp
			}
			i = p.u8(cp)
			if l = p.labelLen(cp); l == -1 {
				return nilp
			}
			cp++
			continue
		case 0x40:
			if elt := i & 0x3f; elt == 1 {
				if p.blabel(cp) == nilp {
					return nilp
				}
			} else {
				p.s("<ELT ")
				p.u(uint64(elt))
				p.s(">")
				return nilp
			}
		case 0x80:
			p.s("<BAD LABEL TYPE>")
			return nilp
		default:
			if nameChars+l <= maxCDName {
				if p.printn(cp, uint64(l)) {
					return nilp
				}
			} else if nameChars < maxCDName {
				if p.printn(cp, uint64(maxCDName-nameChars)) {
					return nilp
				}
			}
			nameChars += l
		}
		cp += l
		if nameChars <= maxCDName {
			p.s(".")
		}
		nameChars++
		if !p.ttest(cp, 1) {
			return nilp
		}
		i = p.u8(cp)
		if l = p.labelLen(cp); l == -1 {
			return nilp
		}
		cp++
		if !compress {
			rp += l + 1
		}
	}
	if nameChars > maxCDName {
		p.s("<DOMAIN NAME TOO LONG>")
	}
	return rp
}

// cstring prints a <character-string> (ns_cprint).
func (p *Printer) cstring(cp int) int {
	if !p.ttest(cp, 1) {
		return nilp
	}
	i := int(p.u8(cp))
	cp++
	if p.printn(cp, uint64(i)) {
		return nilp
	}
	return cp + i
}

func (p *Printer) ednsECS(cp, dataLen int) {
	if dataLen < 4 {
		p.invalid()
		return
	}
	family := p.be16(cp)
	srcLen := int(p.u8(cp + 2))
	scopeLen := int(p.u8(cp + 3))
	cp += 4
	var bits int
	switch family {
	case 1:
		bits = 32
	case 2:
		bits = 128
	default:
		p.invalid()
		return
	}
	if dataLen-4 > bits/8 || srcLen > bits || scopeLen > bits || (srcLen+7)/8 != dataLen-4 {
		p.invalid()
		return
	}
	var padded [16]byte
	copy(padded[:], p.pkt[cp:cp+dataLen-4])
	if family == 1 {
		p.ip4b(padded[:4])
	} else {
		p.ip6b(padded[:])
	}
	p.c('/')
	p.u(uint64(srcLen))
	p.c('/')
	p.u(uint64(scopeLen))
}

// ednsOpt prints one EDNS option (eopt_print).
func (p *Printer) ednsOpt(cp int) int {
	if !p.ttest(cp, 2) {
		return nilp
	}
	opt := p.be16(cp)
	cp += 2
	if n, ok := ednsOpts[opt]; ok {
		p.s(n)
	} else {
		p.s("Opt")
		p.u(uint64(opt))
	}
	if !p.ttest(cp, 2) {
		return nilp
	}
	dataLen := int(p.be16(cp))
	cp += 2
	if !p.ttest(cp, dataLen) {
		return nilp
	}
	if dataLen == 0 {
		return cp
	}
	p.c(' ')
	switch opt {
	case 8:
		p.ednsECS(cp, dataLen)
	case 10:
		if dataLen < 8 || (dataLen > 8 && dataLen < 16) || dataLen > 40 {
			p.invalid()
		} else {
			for i := 0; i < dataLen; i++ {
				if i == 8 {
					p.c(' ')
				}
				p.hex2(p.u8(cp + i))
			}
		}
	case 11:
		if dataLen != 2 {
			p.invalid()
		} else {
			v := p.be16(cp)
			// "%0.1f" of v/10.0: v/10 and one decimal digit, exactly.
			p.u(uint64(v / 10))
			p.c('.')
			p.u(uint64(v % 10))
			p.s(" sec")
		}
	case 9:
		if dataLen != 4 {
			p.invalid()
		} else {
			p.u(uint64(p.be32(cp)))
			p.s(" sec")
		}
	case 12:
		p.c('(')
		p.u(uint64(dataLen))
		p.c(')')
	case 14:
		if dataLen%2 != 0 {
			p.invalid()
		} else {
			for i := 0; i < dataLen; i += 2 {
				if i > 0 {
					p.c(' ')
				}
				p.u(uint64(p.be16(cp + i)))
			}
		}
	case 5, 6, 7:
		for i := 0; i < dataLen; i++ {
			if i > 0 {
				p.c(' ')
			}
			a := p.u8(cp + i)
			var n string
			var ok bool
			switch opt {
			case 5:
				n, ok = dauAlgs[a]
			case 6:
				n, ok = dhuAlgs[a]
			default:
				n, ok = "SHA-1", a == 1
			}
			if ok {
				p.s(n)
			} else {
				p.s("Alg_")
				p.u(uint64(a))
			}
		}
	case 13:
		p.fqdn(cp, cp+dataLen)
	default:
		for i := 0; i < dataLen; i++ {
			p.hex2(p.u8(cp + i))
		}
	}
	return cp + dataLen
}

// dnsQuestion prints a question (ns_qprint).
func (p *Printer) dnsQuestion(cp, bp int, mdns bool) int {
	np := cp
	cp = p.nsSkip(cp)
	if cp == nilp || !p.ttest(cp, 4) {
		return nilp
	}
	p.c(' ')
	p.dnsType(p.be16(cp))
	i := p.be16(cp + 2)
	class := i
	if mdns {
		class &^= 0x8000
	}
	if class != 1 {
		p.c(' ')
		p.dnsClass(class)
	}
	if mdns {
		if i&0x8000 != 0 {
			p.s(" (QU)")
		} else {
			p.s(" (QM)")
		}
	}
	p.s("? ")
	cp = p.fqdn(np, bp)
	if cp == nilp {
		return nilp
	}
	return cp + 4
}

// relts is tcpdump's unsigned_relts_print.
func (p *Printer) relts(secs uint32) {
	if secs == 0 {
		p.s("0s")
		return
	}
	units := [6]uint32{31536000, 604800, 86400, 3600, 60, 1}
	names := "ywdhms"
	for k := 0; secs > 0; k++ {
		if secs >= units[k] {
			p.u(uint64(secs / units[k]))
			p.c(names[k])
			secs -= (secs / units[k]) * units[k]
		}
	}
}

// dnsRR prints a resource record (ns_rprint).
func (p *Printer) dnsRR(cp, bp int, mdns bool) int {
	if p.o.Verbose > 0 {
		p.c(' ')
		if cp = p.fqdn(cp, bp); cp == nilp {
			return nilp
		}
	} else {
		cp = p.nsSkip(cp)
	}
	if cp == nilp || !p.ttest(cp, 10) {
		return p.snapend
	}
	typ := p.be16(cp)
	i := p.be16(cp + 2)
	cp += 4
	class := i
	if mdns {
		class &^= 0x8000
	}
	if class != 1 && typ != 41 {
		p.c(' ')
		p.dnsClass(class)
	}
	if mdns && i&0x8000 != 0 {
		p.s(" (Cache flush)")
	}
	var optFlags uint16
	if typ == 41 {
		cp += 2
		optFlags = p.be16(cp)
		cp += 2
	} else if p.o.Verbose > 2 {
		p.s(" [")
		p.relts(p.be32(cp))
		p.s("]")
		cp += 4
	} else {
		cp += 4
	}
	ln := int(p.be16(cp))
	cp += 2
	rp := cp + ln
	p.c(' ')
	p.dnsType(typ)
	if rp > p.snapend {
		return nilp
	}
	switch typ {
	case 1:
		if !p.ttest(cp, 4) {
			return nilp
		}
		p.c(' ')
		p.check(cp, 4)
		p.ip4b(p.pkt[cp : cp+4]) // intoa: never a name
	case 2, 5, 12, 39:
		p.c(' ')
		if p.fqdn(cp, bp) == nilp {
			return nilp
		}
	case 6:
		if p.o.Verbose == 0 {
			break
		}
		p.c(' ')
		if cp = p.fqdn(cp, bp); cp == nilp {
			return nilp
		}
		p.c(' ')
		if cp = p.fqdn(cp, bp); cp == nilp {
			return nilp
		}
		if !p.ttest(cp, 20) {
			return nilp
		}
		for k := 0; k < 5; k++ {
			p.c(' ')
			p.u(uint64(p.be32(cp + 4*k)))
		}
	case 15:
		p.c(' ')
		if !p.ttest(cp, 2) {
			return nilp
		}
		if p.fqdn(cp+2, bp) == nilp {
			return nilp
		}
		p.c(' ')
		p.u(uint64(p.be16(cp)))
	case 16:
		for cp < rp {
			p.s(" \"")
			if cp = p.cstring(cp); cp == nilp {
				return nilp
			}
			p.c('"')
		}
	case 33:
		p.c(' ')
		if !p.ttest(cp, 6) {
			return nilp
		}
		if p.fqdn(cp+6, bp) == nilp {
			return nilp
		}
		p.c(':')
		p.u(uint64(p.be16(cp + 4)))
		p.c(' ')
		p.u(uint64(p.be16(cp)))
		p.c(' ')
		p.u(uint64(p.be16(cp + 2)))
	case 28:
		if !p.ttest(cp, 16) {
			return nilp
		}
		p.c(' ')
		p.check(cp, 16)
		p.ip6b(p.pkt[cp : cp+16]) // addrtostr6: never a name
	case 38:
		if !p.ttest(cp, 1) {
			return nilp
		}
		pbit := int(p.u8(cp))
		pbyte := (pbit &^ 7) / 8
		if pbit > 128 {
			p.c(' ')
			p.u(uint64(pbit))
			p.s("(bad plen)")
			break
		} else if pbit < 128 {
			var a [16]byte
			p.check(cp+1, 16-pbyte)
			copy(a[pbyte:], p.pkt[cp+1:cp+1+16-pbyte])
			p.c(' ')
			p.u(uint64(pbit))
			p.c(' ')
			p.ip6b(a[:])
		}
		if pbit > 0 {
			p.c(' ')
			if p.fqdn(cp+1+16-pbyte, bp) == nilp {
				return nilp
			}
		}
	case 256:
		if !p.ttest(cp, ln) {
			return nilp
		}
		prio, weight := p.be16(cp), p.be16(cp+2) // read before printing, as tcpdump's arguments are
		p.c(' ')
		p.u(uint64(prio))
		p.c(' ')
		p.u(uint64(weight))
		p.c(' ')
		if p.printn(cp+4, uint64(uint32(ln-4))) {
			return nilp
		}
	case 41:
		p.s(" UDPsize=")
		p.u(uint64(class))
		if optFlags&0x8000 != 0 {
			p.s(" DO")
		}
		if cp < rp {
			p.s(" [")
			for cp < rp {
				if cp = p.ednsOpt(cp); cp == nilp {
					return nilp
				}
				if cp < rp {
					p.c(',')
				}
			}
			p.c(']')
		}
	case 104:
		if !p.ttest(cp, ln) {
			return nilp
		}
		if p.printn(cp, uint64(ln)) {
			return nilp
		}
	case 250:
		if cp+ln > p.snapend {
			return nilp
		}
		if p.o.Verbose == 0 {
			break
		}
		p.c(' ')
		if cp = p.fqdn(cp, bp); cp == nilp {
			return nilp
		}
		cp += 6
		for k, name := range [4]string{" fudge=", " maclen=", " origid=", " error="} {
			if !p.ttest(cp, 2) {
				return nilp
			}
			p.s(name)
			v := int(p.be16(cp))
			p.u(uint64(v))
			cp += 2
			if k == 1 {
				cp += v
			}
		}
		if !p.ttest(cp, 2) {
			return nilp
		}
		p.s(" otherlen=")
		p.u(uint64(p.be16(cp)))
	}
	return rp
}

// dnsRRs prints count records, separated by ",", after prefix; it
// returns the offset after them and the number left unprinted.
func (p *Printer) dnsRRs(cp, bp int, count uint32, prefix string, mdns bool) (int, uint32) {
	if count == 0 || (prefix != "" && cp >= p.snapend) {
		return cp, count
	}
	p.s(prefix)
	if cp = p.dnsRR(cp, bp, mdns); cp == nilp {
		return nilp, count
	}
	count--
	for cp < p.snapend && count > 0 {
		p.c(',')
		if cp = p.dnsRR(cp, bp, mdns); cp == nilp {
			return nilp, count
		}
		count--
	}
	return cp, count
}

// domainPrint is tcpdump's domain_print for the message at bp of the
// given length (including the two-byte prefix over TCP).
func (p *Printer) domainPrint(bp, length int, overTCP, mdns bool) {
	p.proto = "domain"
	if overTCP {
		if length < 2 {
			p.s(" [DNS over TCP: length ")
			p.u(uint64(length))
			p.s(" < 2]")
			p.invalid()
			return
		}
		length -= 2
		if pl := int(p.be16(bp)); pl != length {
			p.s(" [prefix length(")
			p.u(uint64(pl))
			p.s(") != length(")
			p.u(uint64(length))
			p.s(")]")
			p.invalid()
			return
		}
		bp += 2
		p.c(' ')
	}
	if length < 12 {
		p.s("domain [length ")
		p.u(uint64(length))
		p.s(" < 12]")
		p.invalid()
		return
	}
	if !p.ttest(bp, 12) {
		p.trunc()
		return
	}
	flags := p.be16(bp + 2)
	qd := uint32(p.be16(bp + 4))
	an := uint32(p.be16(bp + 6))
	ns := uint32(p.be16(bp + 8))
	ar := uint32(p.be16(bp + 10))

	// Find the OPT record for the extended rcode.
	rcode := uint32(flags & 0xf)
	cp := bp + 12
	func() {
		for i := uint32(0); i < qd; i++ {
			if cp = p.nsSkip(cp); cp == nilp {
				return
			}
			cp += 4
			if cp >= p.snapend {
				return
			}
		}
		for i := uint32(0); i < an+ns; i++ {
			if cp = p.nsSkip(cp); cp == nilp {
				return
			}
			cp += 8
			if cp+2 > p.snapend {
				return
			}
			cp += 2 + int(p.be16(cp))
			if cp >= p.snapend {
				return
			}
		}
		for i := uint32(0); i < ar; i++ {
			if cp = p.nsSkip(cp); cp == nilp {
				return
			}
			if cp+2 > p.snapend {
				return
			}
			typ := p.be16(cp)
			cp += 4
			if cp+1 > p.snapend {
				return
			}
			if typ == 41 {
				rcode |= uint32(p.u8(cp)) << 4
				return
			}
			cp += 4
			if cp+2 > p.snapend {
				return
			}
			cp += 2 + int(p.be16(cp))
			if cp >= p.snapend {
				return
			}
		}
	}()

	id := p.be16(bp)
	opcode := (flags >> 11) & 0xf
	if flags&0x8000 != 0 {
		p.u(uint64(id))
		p.s(dnsOps[opcode])
		rcode &= 0xffff // tcpdump keeps the rcode in a uint16_t
		if rcode < uint32(len(dnsResp)) {
			p.s(dnsResp[rcode])
		} else {
			p.s(" Resp")
			p.u(uint64(rcode & 0xfff))
		}
		if flags&0x0400 != 0 {
			p.c('*')
		}
		if flags&0x0080 == 0 {
			p.c('-')
		}
		if flags&0x0200 != 0 {
			p.c('|')
		}
		if flags&0x0020 != 0 {
			p.c('$')
		}
		if qd != 1 {
			p.s(" [")
			p.u(uint64(qd))
			p.s("q]")
		}
		cp = bp + 12
		for i := uint32(0); i < qd; i++ {
			if i != 0 {
				p.c(',')
			}
			if p.o.Verbose > 1 {
				p.s(" q:")
				if cp = p.dnsQuestion(cp, bp, mdns); cp == nilp {
					p.trunc()
					return
				}
			} else {
				if cp = p.nsSkip(cp); cp == nilp {
					p.trunc()
					return
				}
				cp += 4
			}
		}
		p.c(' ')
		p.u(uint64(an))
		p.c('/')
		p.u(uint64(ns))
		p.c('/')
		p.u(uint64(ar))
		var left uint32
		if cp, left = p.dnsRRs(cp, bp, an, "", mdns); left != 0 {
			p.trunc()
			return
		}
		if p.o.Verbose > 1 {
			if cp, left = p.dnsRRs(cp, bp, ns, " ns:", mdns); left != 0 {
				p.trunc()
				return
			}
			if _, left = p.dnsRRs(cp, bp, ar, " ar:", mdns); left != 0 {
				p.trunc()
				return
			}
		}
	} else {
		p.u(uint64(id))
		p.s(dnsOps[opcode])
		if flags&0x0100 != 0 {
			p.c('+')
		}
		if flags&0x0010 != 0 {
			p.c('%')
		}
		if flags&0x6cf != 0 {
			p.s(" [b2&3=0x")
			p.x(uint64(flags))
			p.s("]")
		}
		count := func(n uint32, suffix string) {
			p.s(" [")
			p.u(uint64(n))
			p.s(suffix)
		}
		if opcode == 1 {
			if qd != 0 {
				count(qd, "q]")
			}
			if an != 1 {
				count(an, "a]")
			}
		} else {
			if an != 0 {
				count(an, "a]")
			}
			if qd != 1 {
				count(qd, "q]")
			}
		}
		if ns != 0 {
			count(ns, "n]")
		}
		if ar != 0 {
			count(ar, "au]")
		}
		cp = bp + 12
		if qd > 0 {
			if cp = p.dnsQuestion(cp, bp, mdns); cp == nilp {
				p.trunc()
				return
			}
			qd--
			for cp < p.snapend && qd > 0 {
				if cp = p.dnsQuestion(cp, bp, mdns); cp == nilp {
					p.trunc()
					return
				}
				qd--
			}
		}
		if qd != 0 {
			p.trunc()
			return
		}
		if p.o.Verbose > 1 {
			var left uint32
			if an > 0 {
				if cp, left = p.dnsRRs(cp, bp, an, "", mdns); left != 0 {
					p.trunc()
					return
				}
			}
			if cp, left = p.dnsRRs(cp, bp, ns, " ns:", mdns); left != 0 {
				p.trunc()
				return
			}
			if _, left = p.dnsRRs(cp, bp, ar, " ar:", mdns); left != 0 {
				p.trunc()
				return
			}
		}
	}
	p.s(" (")
	p.u(uint64(length))
	p.c(')')
}
