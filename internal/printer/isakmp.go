// ISAKMP/IKE (UDP ports 500, 4500 with RFC 3948's non-ESP marker, 7500
// and 8500), as tcpdump 4.99.3's print-isakmp.c prints it: the header
// (version, message id, cookies), IKEv1 exchanges with the initiator
// cookie cache and every payload (SA, proposal, transform with the
// Oakley and IPsec attribute maps, KE, ID, CERT, CR, HASH, SIG, NONCE,
// notify, delete, vendor id) and IKEv2 payloads (SA, proposals and
// transforms, KE, IDi/IDr, AUTH, nonce, notify, VID, TS, encrypted, CP,
// EAP); ESP in UDP by esp.go's esp_print.

package printer

func init() {
	registerUDP("isakmp", func(p *Printer, d portPayload) { p.isakmpPrint(d.off, d.length, d.iph) })
	registerUDP("isakmp-natt", func(p *Printer, d portPayload) { p.isakmpNATT(d.off, d.length, d.iph) })
	registerUDP("isakmp-user", func(p *Printer, d portPayload) { p.isakmpPrint(d.off, d.length, d.iph) })
}

// ikeCookie is one entry of tcpdump's initiator cookie cache.
type ikeCookie struct {
	initiator    [8]byte
	version      int
	iaddr, raddr [16]byte
}

// ikeCache is print-isakmp.c's cookiecache and ninitiator.
type ikeCache struct {
	c [20]ikeCookie
	n int
}

var ikeNPNames = [...]string{"none", "sa", "p", "t", "ke", "id", "cert", "cr", "hash", "sig", "nonce", "n", "d", "vid",
	"pay14", "pay15", "pay16", "pay17", "pay18", "pay19", "pay20", "pay21", "pay22", "pay23", "pay24", "pay25",
	"pay26", "pay27", "pay28", "pay29", "pay30", "pay31", "pay32", "v2sa", "v2ke", "v2IDi", "v2IDr", "v2cert",
	"v2cr", "v2auth", "v2nonce", "v2n", "v2d", "v2vid", "v2TSi", "v2TSr", "v2e", "v2cp", "v2eap"}

var ikeEtypes = [...]string{0: "none", 1: "base", 2: "ident", 3: "auth", 4: "agg", 5: "inf", 32: "oakley-quick",
	33: "oakley-newgroup", 34: "ikev2_init", 35: "ikev2_auth", 36: "child_sa", 37: "inf2"}

var ikeProtoIDs = [...]string{1: "isakmp", 2: "ipsec-ah", 3: "ipsec-esp", 4: "ipcomp"}

// strOrID is STR_OR_ID: the table's name, or "#N".
func (p *Printer) strOrID(v uint32, tab []string) {
	if int(v) < len(tab) && tab[v] != "" && v < uint32(len(tab)) {
		p.s(tab[v])
		return
	}
	p.c('#')
	p.u(uint64(v))
}

func (p *Printer) ikeNP(np uint8) { p.strOrID(uint32(np), ikeNPNames[:]) }

var (
	ikev1PMap   = []string{"", "ike"}
	ikev2TTypes = []string{"", "encr", "prf", "integ", "dh", "esn"}
	ikeAHMap    = []string{"", "(reserved)", "md5", "sha", "1des", "sha2-256", "sha2-384", "sha2-512"}
	ikePRFMap   = []string{"", "hmac-md5", "hmac-sha", "hmac-tiger", "aes128_xcbc"}
	ikeIntegMap = []string{"", "hmac-md5", "hmac-sha", "dec-mac", "kpdk-md5", "aes-xcbc"}
	ikeESNMap   = []string{"no-esn", "esn"}
	ikeDHMap    = []string{"", "modp768", "modp1024", "EC2N 2^155", "EC2N 2^185", "modp1536", "iana-grp06",
		"iana-grp07", "iana-grp08", "iana-grp09", "iana-grp10", "iana-grp11", "iana-grp12", "iana-grp13",
		"modp2048", "modp3072", "modp4096", "modp6144", "modp8192"}
	ikeESPMap    = []string{"", "1des-iv64", "1des", "3des", "rc5", "idea", "cast", "blowfish", "3idea", "1des-iv32", "rc4", "null", "aes"}
	ikeIPCompMap = []string{"", "oui", "deflate", "lzs"}
	ikeCertTypes = []string{"none", "pkcs7", "pgp", "dns", "x509sign", "x509ke", "kerberos", "crl", "arl", "spki", "x509attr"}
	ikeIDTypes   = []string{"", "IPv4", "FQDN", "user FQDN", "IPv4net", "IPv6", "IPv6net", "IPv4range", "IPv6range",
		"ASN1 DN", "ASN1 GN", "keyid"}
	ikeV2Auth = []string{"invalid", "rsasig", "shared-secret", "dsssig"}
)

// ikeAttrMap is struct attrmap: an attribute's name and value names (as
// many as its nvalue says: the group description maps stop before
// modp8192).
type ikeAttrMap struct {
	typ    string
	values []string
}

var ikeIPsecTMap = []ikeAttrMap{{}, {"lifetype", []string{"", "sec", "kb"}}, {"life", nil},
	{"group desc", ikeDHMap[:18]}, {"enc mode", []string{"", "tunnel", "transport"}},
	{"auth", []string{"", "hmac-md5", "hmac-sha1", "1des-mac", "keyed"}}, {"keylen", nil}, {"rounds", nil},
	{"dictsize", nil}, {"privalg", nil}}

var ikeEncrTMap = []ikeAttrMap{{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {"keylen", nil}}

var ikeOakleyTMap = []ikeAttrMap{{}, {"enc", []string{"", "1des", "idea", "blowfish", "rc5", "3des", "cast", "aes"}},
	{"hash", []string{"", "md5", "sha1", "tiger", "sha2-256", "sha2-384", "sha2-512"}},
	{"auth", []string{"", "preshared", "dss", "rsa sig", "rsa enc", "rsa enc revised"}},
	{"group desc", ikeDHMap[:18]}, {"group type", []string{"", "MODP", "ECP", "EC2N"}}, {"group prime", nil},
	{"group gen1", nil}, {"group gen2", nil}, {"group curve A", nil}, {"group curve B", nil},
	{"lifetype", []string{"", "sec", "kb"}}, {"lifeduration", nil}, {"prf", nil}, {"keylen", nil},
	{"field", nil}, {"order", nil}}

// rawprint prints n bytes in hex; false when they are not all captured.
func (p *Printer) ikeRaw(off, n int) bool {
	if !p.ttest(off, n) {
		return false
	}
	for i := 0; i < n; i++ {
		p.hex2(p.pkt[off+i])
	}
	return true
}

// ikeSomeData is ike_show_somedata.
func (p *Printer) ikeSomeData(cp, ep int) bool {
	end, elen := ep-20, 20
	n := ep - cp
	if n > 10 {
		n = 10
	}
	if end < cp+n {
		end = cp + n
		elen = ep - end
	}
	p.s(" data=(")
	if !p.ikeRaw(cp, n) {
		return false
	}
	p.s("...")
	if elen != 0 && !p.ikeRaw(end, elen) {
		return false
	}
	p.s(")")
	return true
}

// ikeAttr is ikev1_attrmap_print (with a map) and ikev1_attr_print:
// the next offset, or -1 when cut.
func (p *Printer) ikeAttr(cp, ep2 int, m []ikeAttrMap) int {
	tot := 4
	if p.u8(cp)&0x80 == 0 {
		tot = 4 + int(p.be16(cp+2))
	}
	if ep2 < cp+tot {
		p.s("[|attr]")
		return ep2 + 1
	}
	p.s("(")
	t := int(p.be16(cp) & 0x7fff)
	if m != nil && t < len(m) && m[t].typ != "" {
		p.s("type=")
		p.s(m[t].typ)
		p.c(' ')
	} else {
		p.s("type=#")
		p.u(uint64(t))
		p.c(' ')
	}
	if p.u8(cp)&0x80 != 0 {
		p.s("value=")
		v := int(p.be16(cp + 2))
		if m != nil && t < len(m) && v < len(m[t].values) && m[t].values[v] != "" {
			p.s(m[t].values[v])
		} else if !p.ikeRaw(cp+2, 2) {
			p.s(")")
			return -1
		}
	} else {
		p.s("len=")
		p.u(uint64(tot - 4))
		p.s(" value=")
		if !p.ikeRaw(cp+4, tot-4) {
			p.s(")")
			return -1
		}
	}
	p.s(")")
	return cp + tot
}

// ikeTrunc prints " [|np]" and returns -1 (NULL).
func (p *Printer) ikeTrunc(np uint8) int {
	p.s(" [|")
	p.ikeNP(np)
	p.s("]")
	return -1
}

// ikePayload calls the npfunc entry for np: the next offset or -1.
func (p *Printer) ikePayload(np uint8, ext, itemLen, ep int, phase, doi, proto uint32, depth int) int {
	switch np {
	case 1:
		return p.ikev1SA(ext, ep, phase, proto, depth)
	case 2:
		return p.ikev1P(ext, ep, phase, doi, depth)
	case 3:
		return p.ikev1T(ext, itemLen, ep, proto)
	case 4, 8, 9, 13:
		p.ikeNP(np)
		p.s(":")
		if !p.ttest(ext, 4) {
			return p.ikeTrunc(np)
		}
		if np == 4 {
			p.s(" key len=")
		} else {
			p.s(" len=")
		}
		p.u(uint64(uint32(itemLen - 4)))
		if p.o.Verbose > 2 && itemLen > 4 {
			p.c(' ')
			if !p.ikeRaw(ext+4, itemLen-4) {
				return p.ikeTrunc(np)
			}
		}
		return ext + itemLen
	case 5:
		return p.ikev1ID(ext, itemLen, phase)
	case 6, 7:
		p.ikeNP(np)
		p.s(":")
		if !p.ttest(ext, 6) {
			return p.ikeTrunc(np)
		}
		p.s(" len=")
		p.u(uint64(uint32(itemLen - 4)))
		p.s(" type=")
		p.strOrID(uint32(p.pkt[ext+4]), ikeCertTypes)
		if p.o.Verbose > 2 && itemLen > 4 {
			p.c(' ')
			if !p.ikeRaw(ext+4, itemLen-4) {
				return p.ikeTrunc(np)
			}
		}
		return ext + itemLen
	case 10:
		p.s("nonce:")
		if !p.ttest(ext, 4) {
			return p.ikeTrunc(np)
		}
		p.s(" n len=")
		p.u(uint64(uint32(itemLen - 4)))
		if itemLen > 4 {
			if p.o.Verbose > 2 {
				p.c(' ')
				if !p.ikeRaw(ext+4, itemLen-4) {
					return p.ikeTrunc(np)
				}
			} else if p.o.Verbose > 1 {
				p.c(' ')
				if !p.ikeSomeData(ext+4, ep) {
					return p.ikeTrunc(np)
				}
			}
		}
		return ext + itemLen
	case 11:
		return p.ikev1N(ext, itemLen, ep)
	case 12:
		return p.ikev1D(ext)
	case 33:
		return p.ikev2SA(np, ext, ep, depth)
	case 34:
		return p.ikev2KE(np, ext, itemLen)
	case 35, 36:
		return p.ikev2ID(np, ext, itemLen)
	case 37, 38, 42, 44, 45, 47, 48:
		return p.ikev2Gen(np, ext, itemLen)
	case 39:
		return p.ikev2Auth(np, ext, itemLen, ep)
	case 40:
		return p.ikev2Nonce(np, ext, itemLen, ep)
	case 41:
		return p.ikev2N(ext, itemLen, ep)
	case 43:
		return p.ikev2VID(np, ext, itemLen)
	}
	p.ikeNP(np)
	return ext + itemLen
}

func (p *Printer) ikev1SA(ext, ep int, phase, proto0 uint32, depth int) int {
	p.s("sa:")
	if !p.ttest(ext, 12) {
		return p.ikeTrunc(1)
	}
	doi, sit := p.be32(ext+4), p.be32(ext+8)
	if doi != 1 {
		p.s(" doi=")
		p.u(uint64(doi))
		p.s(" situation=")
		p.u(uint64(sit))
		return ext + 12
	}
	p.s(" doi=ipsec situation=")
	t := false
	if sit&1 != 0 {
		p.s("identity")
		t = true
	}
	if sit&2 != 0 {
		if t {
			p.c('+')
		}
		p.s("secrecy")
		t = true
	}
	if sit&4 != 0 {
		if t {
			p.c('+')
		}
		p.s("integrity")
	}
	np := ext + 12
	if sit != 1 {
		p.s(" ident=")
		p.u(uint64(p.be32(ext + 4)))
		np += 4
	}
	if !p.ttest(np, 4) {
		return p.ikeTrunc(1)
	}
	return p.ikev1Sub(2, np, ep, phase, doi, proto0, depth)
}

func (p *Printer) ikev1P(ext, ep int, phase, doi0 uint32, depth int) int {
	p.s("p:")
	if !p.ttest(ext, 8) {
		return p.ikeTrunc(2)
	}
	p.s(" #")
	p.u(uint64(p.pkt[ext+4]))
	p.s(" protoid=")
	p.strOrID(uint32(p.pkt[ext+5]), ikeProtoIDs[:])
	p.s(" transform=")
	p.u(uint64(p.pkt[ext+7]))
	spi := int(p.pkt[ext+6])
	if spi != 0 {
		p.s(" spi=")
		if !p.ikeRaw(ext+8, spi) {
			return p.ikeTrunc(2)
		}
	}
	next := ext + 8 + spi
	if !p.ttest(next, 4) {
		return p.ikeTrunc(2)
	}
	return p.ikev1Sub(3, next, ep, phase, doi0, uint32(p.pkt[ext+5]), depth)
}

func (p *Printer) ikev1T(ext, itemLen, ep int, proto uint32) int {
	p.s("t:")
	if !p.ttest(ext, 8) {
		return p.ikeTrunc(3)
	}
	tid := uint32(p.pkt[ext+5])
	var tab []string
	var m []ikeAttrMap
	switch proto {
	case 1:
		tab, m = ikev1PMap, ikeOakleyTMap
	case 2:
		tab, m = ikeAHMap, ikeIPsecTMap
	case 3:
		tab, m = ikeESPMap, ikeIPsecTMap
	case 4:
		tab, m = ikeIPCompMap, ikeIPsecTMap
	}
	p.s(" #")
	p.u(uint64(p.pkt[ext+4]))
	p.s(" id=")
	if tab != nil {
		p.strOrID(tid, tab)
	} else {
		p.u(uint64(tid))
	}
	p.c(' ')
	cp := ext + 8
	ep2 := ext + itemLen
	for cp < ep && cp < ep2 {
		if cp = p.ikeAttr(cp, ep2, m); cp < 0 {
			return p.ikeTrunc(3)
		}
	}
	if ep < ep2 {
		p.s("...")
	}
	return cp
}

func (p *Printer) ikev1ID(ext, itemLen int, phase uint32) int {
	p.s("id:")
	if !p.ttest(ext, 8) {
		return p.ikeTrunc(5)
	}
	data, n := -1, 0
	if itemLen > 8 {
		data, n = ext+8, itemLen-8
	}
	typ, proto := p.pkt[ext+4], p.pkt[ext+5]
	p.s(" idtype=")
	p.strOrID(uint32(typ), ikeIDTypes)
	p.s(" protoid=")
	if proto != 0 { // a protocol ID of 0 is no protocol, never "hopopt"
		p.ipProtoNumber("", proto)
	} else {
		p.u(uint64(proto))
	}
	p.s(" port=")
	p.u(uint64(p.be16(ext + 6)))
	if n != 0 {
		if !p.ttest(data, n) {
			return p.ikeTrunc(5)
		}
		bad := func(min int) bool {
			if n < min {
				p.s(" len=")
				p.u(uint64(n))
				p.s(" [bad: < ")
				p.u(uint64(min))
				p.s("]")
				return true
			}
			p.s(" len=")
			p.u(uint64(n))
			p.c(' ')
			return false
		}
		switch typ {
		case 1:
			if !bad(4) {
				p.ip4(data)
			}
			n = 0
		case 2, 3:
			p.s(" len=")
			p.u(uint64(n))
			p.c(' ')
			for i := 0; i < n; i++ {
				p.fnPrintChar(p.pkt[data+i])
			}
			n = 0
		case 4:
			if !bad(8) {
				p.ip4(data)
				p.c('/')
				p.ip4n(data + 4) // the mask: numbers in print-isakmp.c
			}
			n = 0
		case 5:
			if !bad(16) {
				p.ip6(data)
			}
			n = 0
		case 6:
			if !bad(32) {
				p.ip6(data)
				p.s("/0x")
				for i := 16; i < 32; i++ {
					p.hex2(p.pkt[data+i])
				}
			}
			n = 0
		case 7:
			if !bad(8) {
				p.ip4(data)
				p.c('-')
				p.ip4(data + 4)
			}
			n = 0
		case 8:
			if !bad(32) {
				p.ip6(data)
				p.c('-')
				p.ip6(data + 16)
			}
			n = 0
		}
	}
	if data >= 0 && n != 0 {
		p.s(" len=")
		p.u(uint64(n))
		if p.o.Verbose > 2 {
			p.c(' ')
			if !p.ikeRaw(data, n) {
				return p.ikeTrunc(5)
			}
		}
	}
	return ext + itemLen
}

var (
	ikeNotifyErrors = []string{"", "INVALID-PAYLOAD-TYPE", "DOI-NOT-SUPPORTED", "SITUATION-NOT-SUPPORTED",
		"INVALID-COOKIE", "INVALID-MAJOR-VERSION", "INVALID-MINOR-VERSION", "INVALID-EXCHANGE-TYPE",
		"INVALID-FLAGS", "INVALID-MESSAGE-ID", "INVALID-PROTOCOL-ID", "INVALID-SPI", "INVALID-TRANSFORM-ID",
		"ATTRIBUTES-NOT-SUPPORTED", "NO-PROPOSAL-CHOSEN", "BAD-PROPOSAL-SYNTAX", "PAYLOAD-MALFORMED",
		"INVALID-KEY-INFORMATION", "INVALID-ID-INFORMATION", "INVALID-CERT-ENCODING", "INVALID-CERTIFICATE",
		"CERT-TYPE-UNSUPPORTED", "INVALID-CERT-AUTHORITY", "INVALID-HASH-INFORMATION", "AUTHENTICATION-FAILED",
		"INVALID-SIGNATURE", "ADDRESS-NOTIFICATION", "NOTIFY-SA-LIFETIME", "CERTIFICATE-UNAVAILABLE",
		"UNSUPPORTED-EXCHANGE-TYPE", "UNEQUAL-PAYLOAD-LENGTHS"}
	ikeIPsecNotifyErrors = []string{"RESERVED"}
	ikeNotifyStatus      = []string{"CONNECTED"}
	ikeIPsecNotifyStatus = []string{"RESPONDER-LIFETIME", "REPLAY-STATUS", "INITIAL-CONTACT"}
)

func (p *Printer) ikev1N(ext, itemLen, ep int) int {
	p.s("n:")
	if !p.ttest(ext, 12) {
		return p.ikeTrunc(11)
	}
	doi := p.be32(ext + 4)
	proto := uint32(p.pkt[ext+8])
	typ := uint32(p.be16(ext + 10))
	spi := int(p.pkt[ext+9])
	if doi != 1 {
		p.s(" doi=")
		p.u(uint64(doi))
		p.s(" proto=")
		p.u(uint64(proto))
		p.s(" type=")
		switch {
		case typ < 8192:
			p.strOrID(typ, ikeNotifyErrors)
		case typ < 16384:
			p.c('#')
			p.u(uint64(typ))
		case typ < 24576:
			p.strOrID(typ-16384, ikeNotifyStatus)
		default:
			p.c('#')
			p.u(uint64(typ))
		}
		if spi != 0 {
			p.s(" spi=")
			if !p.ikeRaw(ext+12, spi) {
				return p.ikeTrunc(11)
			}
		}
		return ext + 12 + spi
	}
	p.s(" doi=ipsec proto=")
	p.strOrID(proto, ikeProtoIDs[:])
	p.s(" type=")
	switch {
	case typ < 8192:
		p.strOrID(typ, ikeNotifyErrors)
	case typ < 16384:
		p.strOrID(typ-8192, ikeIPsecNotifyErrors)
	case typ < 24576:
		p.strOrID(typ-16384, ikeNotifyStatus)
	case typ < 32768:
		p.strOrID(typ-24576, ikeIPsecNotifyStatus)
	default:
		p.c('#')
		p.u(uint64(typ))
	}
	if spi != 0 {
		p.s(" spi=")
		if !p.ikeRaw(ext+12, spi) {
			return p.ikeTrunc(11)
		}
	}
	cp := ext + 12 + spi
	ep2 := ext + itemLen
	if cp < ep {
		switch typ {
		case 24576:
			p.s(" attrs=(")
			for cp < ep && cp < ep2 {
				if cp = p.ikeAttr(cp, ep2, ikeOakleyTMap); cp < 0 {
					p.s(")")
					return p.ikeTrunc(11)
				}
			}
			p.s(")")
		case 24577:
			p.s(" status=(")
			if p.be32(cp) != 0 {
				p.s("replay detection enabled")
			} else {
				p.s("replay detection disabled")
			}
			p.s(")")
		default:
			if p.o.Verbose > 3 {
				p.s(" data=(")
				if !p.ikeRaw(cp, ep-cp) {
					return p.ikeTrunc(11)
				}
				p.s(")")
			} else if !p.ikeSomeData(cp, ep) {
				return p.ikeTrunc(11)
			}
		}
	}
	return ext + itemLen
}

func (p *Printer) ikev1D(ext int) int {
	p.s("d:")
	if !p.ttest(ext, 12) {
		return p.ikeTrunc(12)
	}
	doi := p.be32(ext + 4)
	proto := uint32(p.pkt[ext+8])
	if doi != 1 {
		p.s(" doi=")
		p.u(uint64(doi))
		p.s(" proto=")
		p.u(uint64(proto))
	} else {
		p.s(" doi=ipsec proto=")
		p.strOrID(proto, ikeProtoIDs[:])
	}
	spi := int(p.pkt[ext+9])
	p.s(" spilen=")
	p.u(uint64(spi))
	nspi := int(p.be16(ext + 10))
	p.s(" nspi=")
	p.u(uint64(nspi))
	p.s(" spi=")
	q := ext + 12
	for i := 0; i < nspi; i++ {
		if i != 0 {
			p.c(',')
		}
		if !p.ikeRaw(q, spi) {
			return p.ikeTrunc(12)
		}
		q += spi
	}
	return q
}

// ikev1Sub is ikev1_sub_print.
func (p *Printer) ikev1Sub(np uint8, ext, ep int, phase, doi, proto uint32, depth int) int {
	cp := ext
	for np != 0 {
		if !p.ttest(ext, 4) {
			return p.ikeTrunc(np)
		}
		itemLen := int(p.be16(ext + 2))
		if !p.ttest(ext, itemLen) {
			return p.ikeTrunc(np)
		}
		depth++
		p.c('\n')
		for i := 0; i < depth; i++ {
			p.s("    ")
		}
		p.c('(')
		cp = p.ikeSub0(np, ext, ep, phase, doi, proto, depth, false)
		p.c(')')
		depth--
		if cp < 0 {
			return -1
		}
		np = p.pkt[ext]
		ext = cp
	}
	return cp
}

// ikeSub0 is ike_sub0_print (v2 false) and ikev2_sub0_print (v2 true).
func (p *Printer) ikeSub0(np uint8, ext, ep int, phase, doi, proto uint32, depth int, v2 bool) int {
	if !p.ttest(ext, 4) {
		p.trunc()
		return -1
	}
	itemLen := int(p.be16(ext + 2))
	if itemLen <= 4 {
		return -1
	}
	if v2 && np == 46 {
		return p.ikev2E(np, ext, itemLen)
	}
	return p.ikePayload(np, ext, itemLen, ep, phase, doi, proto, depth)
}

func (p *Printer) ikev2Pay(name string, critical uint8) {
	p.s(name)
	if critical&0x80 != 0 {
		p.s("[C]")
	}
	p.c(':')
}

func (p *Printer) ikev2PayNP(np uint8, critical uint8) {
	p.ikeNP(np)
	if critical&0x80 != 0 {
		p.s("[C]")
	}
	p.c(':')
}

func (p *Printer) ikev2Gen(np uint8, ext, itemLen int) int {
	if !p.ttest(ext, 4) {
		return p.ikeTrunc(np)
	}
	p.ikev2PayNP(np, p.pkt[ext+1])
	p.s(" len=")
	p.u(uint64(uint32(itemLen - 4)))
	if p.o.Verbose > 2 && itemLen > 4 {
		p.c(' ')
		if !p.ikeRaw(ext+4, itemLen-4) {
			return p.ikeTrunc(np)
		}
	}
	return ext + itemLen
}

func (p *Printer) ikev2T(tcount int, ext, itemLen, ep int) int {
	if !p.ttest(ext, 8) {
		return p.ikeTrunc(3)
	}
	p.ikev2PayNP(3, p.pkt[ext+1])
	tid := uint32(p.be16(ext + 6))
	ttype := p.pkt[ext+4]
	var tab []string
	var m []ikeAttrMap
	switch ttype {
	case 1:
		tab, m = ikeESPMap, ikeEncrTMap
	case 2:
		tab = ikePRFMap
	case 3:
		tab = ikeIntegMap
	case 4:
		tab = ikeDHMap
	case 5:
		tab = ikeESNMap
	}
	p.s(" #")
	p.u(uint64(tcount))
	p.s(" type=")
	p.strOrID(uint32(ttype), ikev2TTypes)
	p.s(" id=")
	if tab != nil {
		p.strOrID(tid, tab)
	} else {
		p.u(uint64(tid))
	}
	p.c(' ')
	cp := ext + 8
	ep2 := ext + itemLen
	for cp < ep && cp < ep2 {
		if cp = p.ikeAttr(cp, ep2, m); cp < 0 {
			return p.ikeTrunc(3)
		}
	}
	if ep < ep2 {
		p.s("...")
	}
	return cp
}

func (p *Printer) ikev2P(ext, opropLen, ep, depth int) int {
	if !p.ttest(ext, 8) {
		return p.ikeTrunc(2)
	}
	p.ikev2PayNP(2, p.pkt[ext+1])
	propLen := opropLen - 4
	p.s(" #")
	p.u(uint64(p.pkt[ext+4]))
	p.s(" protoid=")
	p.strOrID(uint32(p.pkt[ext+5]), ikeProtoIDs[:])
	p.s(" transform=")
	p.u(uint64(p.pkt[ext+7]))
	p.s(" len=")
	p.u(uint64(opropLen))
	cp := ext + 8
	toolong := func() int {
		cp += propLen
		p.s(" [|p]")
		return cp
	}
	if spi := int(p.pkt[ext+6]); spi != 0 {
		if propLen < spi {
			return toolong()
		}
		p.s(" spi=")
		if !p.ikeRaw(cp, spi) {
			return p.ikeTrunc(2)
		}
		cp += spi
		propLen -= spi
	}
	tcount := 0
	for np := uint8(3); np != 0; np = p.pkt[ext] {
		tcount++
		ext = cp
		if propLen < 4 {
			return toolong()
		}
		if !p.ttest(ext, 4) {
			return p.ikeTrunc(2)
		}
		itemLen := int(p.be16(ext + 2))
		if itemLen <= 4 {
			return p.ikeTrunc(2)
		}
		if propLen < itemLen {
			return toolong()
		}
		if !p.ttest(cp, itemLen) {
			return p.ikeTrunc(2)
		}
		depth++
		p.c('\n')
		for i := 0; i < depth; i++ {
			p.s("    ")
		}
		p.c('(')
		if np == 3 {
			if cp = p.ikev2T(tcount, ext, itemLen, ep); cp < 0 {
				return -1
			}
		} else {
			p.ikeNP(np)
			cp += itemLen
		}
		p.c(')')
		depth--
		propLen -= itemLen
	}
	return cp
}

func (p *Printer) ikev2SA(tpay uint8, ext1, ep, depth int) int {
	if !p.ttest(ext1, 4) {
		return p.ikeTrunc(tpay)
	}
	p.ikev2Pay("sa", p.pkt[ext1+1])
	saLen := int(p.be16(ext1+2)) - 4
	p.s(" len=")
	p.u(uint64(uint32(saLen)))
	cp := ext1 + 4
	var ext int
	pcount := 0
	for np := uint8(2); np != 0; np = p.pkt[ext] {
		pcount++
		ext = cp
		if saLen < 4 {
			cp += saLen
			return p.ikeTruncAt(tpay, cp)
		}
		if !p.ttest(ext, 4) {
			return p.ikeTrunc(tpay)
		}
		itemLen := int(p.be16(ext + 2))
		if itemLen <= 4 {
			return p.ikeTrunc(tpay)
		}
		if saLen < itemLen {
			cp += saLen
			return p.ikeTruncAt(tpay, cp)
		}
		if !p.ttest(cp, itemLen) {
			return p.ikeTrunc(tpay)
		}
		depth++
		p.c('\n')
		for i := 0; i < depth; i++ {
			p.s("    ")
		}
		p.c('(')
		if np == 2 {
			if cp = p.ikev2P(ext, itemLen, ep, depth); cp < 0 {
				return -1
			}
		} else {
			p.ikeNP(np)
			cp += itemLen
		}
		p.c(')')
		depth--
		saLen -= itemLen
	}
	return cp
}

// ikeTruncAt prints " [|np]" and returns cp (a "too long" item skipped).
func (p *Printer) ikeTruncAt(np uint8, cp int) int {
	p.ikeTrunc(np)
	return cp
}

func (p *Printer) ikev2KE(tpay uint8, ext, itemLen int) int {
	if !p.ttest(ext, 8) {
		return p.ikeTrunc(tpay)
	}
	p.ikev2PayNP(tpay, p.pkt[ext+1])
	if itemLen < 8 {
		p.s(" len=")
		p.u(uint64(itemLen))
		p.s(" < 8")
		return ext + itemLen
	}
	p.s(" len=")
	p.u(uint64(itemLen - 8))
	p.s(" group=")
	p.strOrID(uint32(p.be16(ext+4)), ikeDHMap)
	if p.o.Verbose > 2 && itemLen > 8 {
		p.c(' ')
		if !p.ikeRaw(ext+8, itemLen-8) {
			return p.ikeTrunc(tpay)
		}
	}
	return ext + itemLen
}

func (p *Printer) ikev2ID(tpay uint8, ext, itemLen int) int {
	if !p.ttest(ext, 8) {
		return p.ikeTrunc(tpay)
	}
	p.ikev2PayNP(tpay, p.pkt[ext+1])
	p.s(" len=")
	p.u(uint64(uint32(itemLen - 4)))
	if p.o.Verbose > 2 && itemLen > 4 {
		p.c(' ')
		if !p.ikeRaw(ext+4, itemLen-4) {
			return p.ikeTrunc(tpay)
		}
	}
	n := itemLen - 8
	data := ext + 8
	ascii, hex := false, false
	switch p.pkt[ext+4] {
	case 1:
		p.s(" ipv4:")
		hex = true
	case 2:
		p.s(" fqdn:")
		ascii = true
	case 3:
		p.s(" rfc822:")
		ascii = true
	case 5:
		p.s(" ipv6:")
		hex = true
	case 9:
		p.s(" dn:")
		hex = true
	case 10:
		p.s(" gn:")
		hex = true
	case 11:
		p.s(" keyid:")
		hex = true
	}
	if ascii {
		if n < 0 || !p.ttest(data, n) {
			return p.ikeTrunc(tpay)
		}
		for i := 0; i < n; i++ {
			if c := p.pkt[data+i]; c >= 0x20 && c <= 0x7e {
				p.c(c)
			} else {
				p.c('.')
			}
		}
	}
	if hex {
		if n < 0 || !p.ikeRaw(data, n) {
			return p.ikeTrunc(tpay)
		}
	}
	return ext + itemLen
}

func (p *Printer) ikev2Auth(tpay uint8, ext, itemLen, ep int) int {
	if !p.ttest(ext, 8) {
		return p.ikeTrunc(tpay)
	}
	p.ikev2PayNP(tpay, p.pkt[ext+1])
	p.s(" len=")
	p.u(uint64(uint32(itemLen - 4)))
	p.s(" method=")
	p.strOrID(uint32(p.pkt[ext+4]), ikeV2Auth)
	if itemLen > 4 {
		if p.o.Verbose > 1 {
			p.s(" authdata=(")
			if itemLen-8 < 0 || !p.ikeRaw(ext+8, itemLen-8) {
				return p.ikeTrunc(tpay)
			}
			p.s(") ")
		} else if p.o.Verbose > 0 {
			if !p.ikeSomeData(ext+8, ep) {
				return p.ikeTrunc(tpay)
			}
		}
	}
	return ext + itemLen
}

func (p *Printer) ikev2Nonce(tpay uint8, ext, itemLen, ep int) int {
	if !p.ttest(ext, 4) {
		return p.ikeTrunc(tpay)
	}
	p.ikev2Pay("nonce", p.pkt[ext+1])
	p.s(" len=")
	p.u(uint64(uint32(itemLen - 4)))
	if p.o.Verbose > 1 && itemLen > 4 {
		p.s(" nonce=(")
		if !p.ikeRaw(ext+4, itemLen-4) {
			return p.ikeTrunc(tpay)
		}
		p.s(") ")
	} else if p.o.Verbose > 0 && itemLen > 4 {
		if !p.ikeSomeData(ext+4, ep) {
			return p.ikeTrunc(tpay)
		}
	}
	return ext + itemLen
}

var ikev2Notify = map[uint16]struct {
	name    string
	showSPI bool
}{1: {"unsupported_critical_payload", false}, 4: {"invalid_ike_spi", true}, 5: {"invalid_major_version", false},
	7: {"invalid_syntax", true}, 9: {"invalid_message_id", true}, 11: {"invalid_spi", true},
	14: {"no_protocol_chosen", true}, 17: {"invalid_ke_payload", true}, 24: {"authentication_failed", true},
	34: {"single_pair_required", true}, 35: {"no_additional_sas", false}, 36: {"internal_address_failure", false},
	37: {"failed:cp_required", false}, 39: {"invalid_selectors", false}, 16384: {"initial_contact", false},
	16385: {"set_window_size", false}, 16386: {"additional_ts_possible", false},
	16387: {"ipcomp_supported", false}, 16388: {"nat_detection_source_ip", true},
	16389: {"nat_detection_destination_ip", true}, 16390: {"cookie", true},
	16391: {"use_transport_mode", false}, 16392: {"http_cert_lookup_supported", false},
	16393: {"rekey_sa", true}, 16394: {"tfc_padding_not_supported", false},
	16395: {"non_first_fragment_also", false}}

func (p *Printer) ikev2N(ext, itemLen, ep int) int {
	if !p.ttest(ext, 8) {
		return p.ikeTrunc(11)
	}
	p.ikev2PayNP(11, p.pkt[ext+1])
	p.s(" prot_id=")
	p.strOrID(uint32(p.pkt[ext+4]), ikeProtoIDs[:])
	typ := p.be16(ext + 6)
	showSPI, someData := true, false
	name := ""
	if n, ok := ikev2Notify[typ]; ok {
		name, showSPI = n.name, n.showSPI
		someData = typ == 16390
	} else {
		switch {
		case typ < 8192:
			name = "error"
		case typ < 16384:
			name = "private-error"
		case typ < 40960:
			name = "status"
		default:
			name = "private-status"
		}
	}
	p.s(" type=")
	p.u(uint64(typ))
	p.c('(')
	p.s(name)
	p.c(')')
	spi := int(p.pkt[ext+5])
	if showSPI && spi != 0 {
		p.s(" spi=")
		if !p.ikeRaw(ext+8, spi) {
			return p.ikeTrunc(11)
		}
	}
	cp := ext + 8 + spi
	if cp < ep {
		if p.o.Verbose > 3 || (someData && ep-cp < 30) {
			p.s(" data=(")
			if !p.ikeRaw(cp, ep-cp) {
				return p.ikeTrunc(11)
			}
			p.s(")")
		} else if someData {
			if !p.ikeSomeData(cp, ep) {
				return p.ikeTrunc(11)
			}
		}
	}
	return ext + itemLen
}

func (p *Printer) ikev2VID(tpay uint8, ext, itemLen int) int {
	if !p.ttest(ext, 4) {
		return p.ikeTrunc(tpay)
	}
	p.ikev2PayNP(tpay, p.pkt[ext+1])
	n := itemLen - 4
	p.s(" len=")
	p.u(uint64(uint32(n)))
	p.s(" vid=")
	if !p.ttest(ext+4, n) {
		return p.ikeTrunc(tpay)
	}
	for i := 0; i < n; i++ {
		if c := p.pkt[ext+4+i]; c >= 0x20 && c <= 0x7e {
			p.c(c)
		} else {
			p.c('.')
		}
	}
	if p.o.Verbose > 2 && n > 4 {
		p.c(' ')
		if !p.ikeRaw(ext+4, n) {
			return p.ikeTrunc(tpay)
		}
	}
	return ext + itemLen
}

func (p *Printer) ikev2E(tpay uint8, ext, itemLen int) int {
	if !p.ttest(ext, 4) {
		return p.ikeTrunc(tpay)
	}
	p.ikev2PayNP(tpay, p.pkt[ext+1])
	dlen := itemLen - 4
	p.s(" len=")
	p.u(uint64(uint32(dlen)))
	if p.o.Verbose > 2 && dlen > 4 {
		p.c(' ')
		if !p.ikeRaw(ext+4, dlen) {
			return p.ikeTrunc(tpay)
		}
	}
	if !p.ttest(ext+4, dlen) {
		return p.ikeTrunc(tpay)
	}
	return -1
}

// ikev2Sub is ikev2_sub_print.
func (p *Printer) ikev2Sub(np uint8, ext, ep int, phase uint32, depth int) int {
	cp := ext
	for np != 0 {
		if !p.ttest(ext, 4) || !p.ttest(ext, int(p.be16(ext+2))) {
			return p.ikeTrunc(np)
		}
		depth++
		p.c('\n')
		for i := 0; i < depth; i++ {
			p.s("    ")
		}
		p.c('(')
		cp = p.ikeSub0(np, ext, ep, phase, 0, 0, depth, true)
		p.c(')')
		depth--
		if cp < 0 {
			return -1
		}
		np = p.pkt[ext]
		ext = cp
	}
	return cp
}

func (p *Printer) ikeCookieFind(off int) int {
	for i := range p.ike.c {
		if string(p.ike.c[i].initiator[:]) == string(p.pkt[off:off+8]) {
			return i
		}
	}
	return -1
}

func (p *Printer) ikeCookieRecord(off, iph int) {
	if i := p.ikeCookieFind(off); i >= 0 {
		p.ike.n = (i + 1) % len(p.ike.c)
		return
	}
	e := &p.ike.c[p.ike.n]
	switch p.pkt[iph] >> 4 {
	case 4:
		e.version = 4
		copy(e.iaddr[:4], p.pkt[iph+12:iph+16])
		copy(e.raddr[:4], p.pkt[iph+16:iph+20])
	case 6:
		e.version = 6
		copy(e.iaddr[:], p.pkt[iph+8:iph+24])
		copy(e.raddr[:], p.pkt[iph+24:iph+40])
	default:
		return
	}
	copy(e.initiator[:], p.pkt[off:off+8])
	p.ike.n = (p.ike.n + 1) % len(p.ike.c)
}

func (p *Printer) ikeCookieSide(i, iph int, initiator bool) bool {
	e := &p.ike.c[i]
	a := e.raddr[:]
	if initiator {
		a = e.iaddr[:]
	}
	switch p.pkt[iph] >> 4 {
	case 4:
		return e.version == 4 && string(p.pkt[iph+12:iph+16]) == string(a[:4])
	case 6:
		return e.version == 6 && string(p.pkt[iph+8:iph+24]) == string(a)
	}
	return false
}

func (p *Printer) ikev1Print(bp, length, iph int) {
	ep := p.snapend
	phase := uint32(2)
	if p.be32(bp+20) == 0 {
		phase = 1
		p.s(" phase 1")
	} else {
		p.s(" phase 2/others")
	}
	if i := p.ikeCookieFind(bp); i < 0 {
		zero := true
		for k := 8; k < 16; k++ {
			if p.pkt[bp+k] != 0 {
				zero = false
			}
		}
		if zero {
			p.s(" I")
			p.ikeCookieRecord(bp, iph)
		} else {
			p.s(" ?")
		}
	} else {
		switch {
		case p.ikeCookieSide(i, iph, true):
			p.s(" I")
		case p.ikeCookieSide(i, iph, false):
			p.s(" R")
		default:
			p.s(" ?")
		}
	}
	p.c(' ')
	p.strOrID(uint32(p.pkt[bp+18]), ikeEtypes[:])
	flags := p.pkt[bp+19]
	if flags != 0 {
		p.c('[')
		if flags&1 != 0 {
			p.c('E')
		}
		if flags&2 != 0 {
			p.c('C')
		}
		p.c(']')
	}
	if p.o.Verbose > 0 {
		p.c(':')
		np := p.pkt[bp+16]
		if flags&1 != 0 {
			p.s(" [encrypted ")
			p.ikeNP(np)
			p.s("]")
		} else {
			p.ikev1Sub(np, bp+28, ep, phase, 0, 0, 0)
		}
		p.ikeLenMismatch(bp, length)
	}
}

func (p *Printer) ikeLenMismatch(bp, length int) {
	if l := p.be32(bp + 24); l != uint32(length) {
		p.s(" (len mismatch: isakmp ")
		p.u(uint64(l))
		p.s("/ip ")
		p.u(uint64(uint32(length)))
		p.s(")")
	}
}

func (p *Printer) ikev2Print(bp, length int) {
	ep := p.snapend
	phase := uint32(2)
	if p.be32(bp+20) == 0 {
		phase = 1
		p.s(" parent_sa")
	} else {
		p.s(" child_sa ")
	}
	p.c(' ')
	p.strOrID(uint32(p.pkt[bp+18]), ikeEtypes[:])
	flags := p.pkt[bp+19]
	if flags != 0 {
		p.c('[')
		if flags&0x08 != 0 {
			p.c('I')
		}
		if flags&0x10 != 0 {
			p.c('V')
		}
		if flags&0x20 != 0 {
			p.c('R')
		}
		p.c(']')
	}
	if p.o.Verbose > 0 {
		p.c(':')
		np := p.pkt[bp+16]
		if flags&1 != 0 {
			p.s(" [encrypted ")
			p.ikeNP(np)
			p.s("]")
		} else {
			p.ikev2Sub(np, bp+28, ep, phase, 0)
		}
		p.ikeLenMismatch(bp, length)
	}
}

func (p *Printer) isakmpPrint(bp, length, iph int) {
	p.proto = "isakmp"
	if p.snapend < bp+28 {
		p.trunc()
		return
	}
	p.s("isakmp")
	v := p.pkt[bp+17]
	major, minor := v>>4, v&0xf
	if p.o.Verbose > 0 {
		p.c(' ')
		p.u(uint64(major))
		p.c('.')
		p.u(uint64(minor))
		p.s(" msgid ")
		for i := 20; i < 24; i++ {
			p.hex2(p.pkt[bp+i])
		}
	}
	if p.o.Verbose > 1 {
		p.s(" cookie ")
		for i := 0; i < 8; i++ {
			p.hex2(p.pkt[bp+i])
		}
		p.s("->")
		for i := 8; i < 16; i++ {
			p.hex2(p.pkt[bp+i])
		}
	}
	p.c(':')
	switch major {
	case 1:
		p.ikev1Print(bp, length, iph)
	case 2:
		p.ikev2Print(bp, length)
	}
}

// isakmpNATT is isakmp_rfc3948_print (UDP port 4500).
func (p *Printer) isakmpNATT(bp, length, iph int) {
	p.proto = "isakmp_rfc3948"
	if length == 1 && p.u8(bp) == 0xff {
		p.s("isakmp-nat-keep-alive")
		return
	}
	if length < 4 {
		p.trunc()
		return
	}
	if p.be32(bp) == 0 {
		p.s("NONESP-encap: ")
		p.isakmpPrint(bp+4, length-4, iph)
		return
	}
	p.s("UDP-encap: ")
	p.espPrint(bp, length)
}
