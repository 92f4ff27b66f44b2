// SNMP (UDP ports 161 and 162), as tcpdump 4.99.3's print-snmp.c prints
// it without libsmi: object identifiers as numbers with -n, else named
// from the compiled-in MIB tree (snmp_mib.go) as tcpdump does; the BER
// decoder (asn1_parse, asn1_print), SNMPv1 and v2c community messages,
// every PDU including the v1 Trap, and SNMPv3 messages with the USM
// security parameters and the scoped PDU.

package printer

func init() {
	registerUDP("snmp", func(p *Printer, d portPayload) { p.snmpPrint(d.off, d.length) })
}

var asnUniversal = [...]string{"U-0", "Boolean", "Integer", "Bitstring", "String", "Null", "ObjID",
	"ObjectDes", "U-8", "U-9", "U-10", "U-11", "U-12", "U-13", "U-14", "U-15", "Sequence", "Set"}

var asnApplication = [...]string{"IpAddress", "Counter", "Gauge", "TimeTicks", "Opaque", "C-5", "Counter64"}

var asnContext = [...]string{"GetRequest", "GetNextRequest", "GetResponse", "SetRequest", "Trap",
	"GetBulk", "Inform", "V2Trap", "Report"}

var asnExceptions = [...]string{"noSuchObject", "noSuchInstance", "endOfMibView"}

var asnClassIDs = [4][]string{asnUniversal[:], asnApplication[:], asnContext[:], {"P-0"}}

var snmpErrorStatus = [...]string{"noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr",
	"noAccess", "wrongType", "wrongLength", "wrongEncoding", "wrongValue", "noCreation",
	"inconsistentValue", "resourceUnavailable", "commitFailed", "undoFailed", "authorizationError",
	"notWritable", "inconsistentName"}

var snmpGenericTrap = [...]string{"coldStart", "warmStart", "linkDown", "linkUp", "authenticationFailure",
	"egpNeighborLoss", "enterpriseSpecific"}

var snmpVersions = [...]string{"SNMPv1", "SNMPv2c", "SNMPv2u", "SNMPv3"}

// BER element types (struct be's type).
const (
	beAny      = 255
	beNull     = 1
	beOctet    = 2
	beOID      = 3
	beInt      = 4
	beUns      = 5
	beStr      = 6
	beSeq      = 7
	beInetAddr = 8
	bePDU      = 9
	beUns64    = 10

	beNoSuchObject = 128
	beNoSuchInst   = 129
	beEndOfMIBView = 130
)

// asnElem is struct be: one decoded BER element.
type asnElem struct {
	asnlen  uint32
	data    int // the contents
	integer int32
	uns     uint32
	uns64   uint64
	id      uint8
	form    uint8
	class   uint8
	typ     uint8
}

// asnParse is asn1_parse: the bytes the element takes, or -1 after
// printing why it cannot be decoded.
func (p *Printer) asnParse(pp, length int, e *asnElem) int {
	e.asnlen = 0
	e.typ = beAny
	if length < 1 {
		p.s("[nothing to parse]")
		return -1
	}
	b := p.u8(pp)
	id := b & 0x1f
	form := (b & 0x20) >> 5
	class := (b & 0xc0) >> 6
	e.form, e.class, e.id = form, class, id
	pp++
	length--
	hdr := 1
	if id == 0x1f {
		id = 0
		for p.u8(pp)&0x80 != 0 {
			if length < 1 {
				p.s("[Xtagfield?]")
				return -1
			}
			id = id<<7 | p.u8(pp)&0x7f
			length--
			hdr++
			pp++
		}
		if length < 1 {
			p.s("[Xtagfield?]")
			return -1
		}
		id = id<<7 | p.u8(pp)
		e.id = id
		length--
		hdr++
		pp++
	}
	if length < 1 {
		p.s("[no asnlen]")
		return -1
	}
	e.asnlen = uint32(p.u8(pp))
	pp++
	length--
	hdr++
	if e.asnlen&0x80 != 0 {
		noct := int(e.asnlen % 0x80)
		e.asnlen = 0
		if length < noct {
			p.s("[asnlen? ")
			p.d(length)
			p.c('<')
			p.d(noct)
			p.c(']')
			return -1
		}
		if !p.localCheck(pp, noct) {
			return -1
		}
		for ; noct != 0; noct-- {
			e.asnlen = e.asnlen<<8 | uint32(p.pkt[pp])
			pp++
			length--
			hdr++
		}
	}
	if uint64(length) < uint64(e.asnlen) {
		p.s("[len")
		p.d(length)
		p.s("<asnlen")
		p.u(uint64(e.asnlen))
		p.c(']')
		return -1
	}
	if int(id) >= len(asnClassIDs[class]) {
		p.s("[id?")
		p.c("PC"[form])
		p.s("/x/")
		p.d(int(id))
		p.c(']')
		return -1
	}
	if !p.localCheck(pp, int(e.asnlen)) {
		return -1
	}
	e.data = pp
	n := int(e.asnlen)
	if form == 0 {
		switch class {
		case 0:
			switch id {
			case 4:
				e.typ = beStr
			case 2:
				e.typ = beInt
				if n == 0 {
					p.s("[asnlen=0]")
					return -1
				}
				var v uint32
				if p.pkt[pp]&0x80 != 0 {
					v = 0xffffffff
				}
				for i := 0; i < n; i++ {
					v = v<<8 | uint32(p.pkt[pp+i])
				}
				e.integer = int32(v)
			case 6:
				e.typ = beOID
			case 5:
				e.typ = beNull
			default:
				e.typ = beOctet
				p.s("[P/U/")
				p.s(asnUniversal[id])
				p.c(']')
			}
		case 1:
			switch id {
			case 0:
				e.typ = beInetAddr
			case 1, 2, 3:
				e.typ = beUns
				var v uint32
				for i := 0; i < n; i++ {
					v = v<<8 + uint32(p.pkt[pp+i])
				}
				e.uns = v
			case 6:
				e.typ = beUns64
				var v uint64
				for i := 0; i < n; i++ {
					v = v<<8 + uint64(p.pkt[pp+i])
				}
				e.uns64 = v
			default:
				e.typ = beOctet
				p.s("[P/A/")
				p.s(asnApplication[id])
				p.c(']')
			}
		case 2:
			switch id {
			case 0:
				e.typ = beNoSuchObject
			case 1:
				e.typ = beNoSuchInst
			case 2:
				e.typ = beEndOfMIBView
			}
		default:
			p.s("[P/x/")
			p.s(asnClassIDs[class][id])
			p.c(']')
			e.typ = beOctet
		}
	} else {
		switch {
		case class == 0 && id == 16:
			e.typ = beSeq
		case class == 0:
			e.typ = beOctet
			p.s("C/U/")
			p.s(asnUniversal[id])
		case class == 2:
			e.typ = bePDU
		default:
			e.typ = beOctet
			p.s("C/x/")
			p.s(asnClassIDs[class][id])
		}
	}
	return n + hdr
}

func (p *Printer) asnPrintOctets(e *asnElem) bool {
	n := int(e.asnlen)
	if !p.localCheck(e.data, n) {
		return false
	}
	for i := 0; i < n; i++ {
		p.c('_')
		p.hex2(p.pkt[e.data+i])
	}
	return true
}

func (p *Printer) asnPrintString(e *asnElem) bool {
	n := int(e.asnlen)
	if !p.localCheck(e.data, n) {
		return false
	}
	printable := true
	for i := 0; i < n; i++ {
		if c := p.pkt[e.data+i]; c < 0x20 || c > 0x7e {
			printable = false
			break
		}
	}
	if printable {
		p.c('"')
		for i := 0; i < n; i++ {
			p.fnPrintChar(p.pkt[e.data+i])
		}
		p.c('"')
		return true
	}
	for i := 0; i < n; i++ {
		if i > 0 {
			p.c('_')
		}
		p.hex2(p.pkt[e.data+i])
	}
	return true
}

// asnPrint is asn1_print.
func (p *Printer) asnPrint(e *asnElem) bool {
	n := int(e.asnlen)
	switch e.typ {
	case beOctet:
		return p.asnPrintOctets(e)
	case beNull:
	case beOID:
		if p.names != nil {
			p.asnPrintOIDNames(e)
			break
		}
		first := -1
		var o uint32
		for i := 0; i < n; i++ {
			b := p.u8(e.data + i)
			o = o<<7 + uint32(b&0x7f)
			if b&0x80 != 0 {
				continue
			}
			if first < 0 {
				first = 0
				s := o / 40
				if s > 2 {
					s = 2
				}
				p.c('.')
				p.u(uint64(s))
				o -= s * 40
			}
			p.c('.')
			p.u(uint64(o))
			if first--; first < 0 {
				first = 0
			}
			o = 0
		}
	case beInt:
		p.d(int(e.integer))
	case beUns:
		p.u(uint64(e.uns))
	case beUns64:
		p.u(e.uns64)
	case beStr:
		return p.asnPrintString(e)
	case beSeq:
		p.s("Seq(")
		p.u(uint64(e.asnlen))
		p.c(')')
	case beInetAddr:
		if n != 4 {
			p.s("[inetaddr len!=4]")
		}
		if !p.localCheck(e.data, n) {
			return false
		}
		for i := 0; i < n; i++ {
			if i > 0 {
				p.c('.')
			}
			p.u(uint64(p.pkt[e.data+i]))
		}
	case beNoSuchObject, beNoSuchInst, beEndOfMIBView:
		p.c('[')
		p.s(asnExceptions[e.id])
		p.c(']')
	case bePDU:
		p.s(asnContext[e.id])
		p.c('(')
		p.u(uint64(e.asnlen))
		p.c(')')
	case beAny:
		p.s("[BE_ANY!?]")
	default:
		p.s("[be!?]")
	}
	return true
}

// snmpExpect parses an element and checks its type, printing tcpdump's
// complaint and the element when it is not of the type wanted.
func (p *Printer) snmpExpect(pp, length int, e *asnElem, typ uint8, complaint string) int {
	n := p.asnParse(pp, length, e)
	if n < 0 {
		return -1
	}
	if e.typ != typ {
		p.s(complaint)
		p.asnPrint(e)
		return -1
	}
	return n
}

func (p *Printer) snmpVarbinds(pduid uint8, np, length int) {
	var e asnElem
	n := p.snmpExpect(np, length, &e, beSeq, "[!SEQ of varbind]")
	if n < 0 {
		return
	}
	if n < length {
		p.c('[')
		p.d(length - n)
		p.s(" extra after SEQ of varbind]")
	}
	length = int(e.asnlen)
	np = e.data
	read := pduid == 0 || pduid == 1 || pduid == 5
	for length != 0 {
		p.c(' ')
		n = p.snmpExpect(np, length, &e, beSeq, "[!varbind]")
		if n < 0 {
			return
		}
		vbend := np + n
		vblen := length - n
		length = int(e.asnlen)
		np = e.data
		n = p.snmpExpect(np, length, &e, beOID, "[objName!=OID]")
		if n < 0 {
			return
		}
		if !p.asnPrint(&e) {
			return
		}
		length -= n
		np += n
		if !read {
			p.c('=')
		}
		if n = p.asnParse(np, length, &e); n < 0 {
			return
		}
		if read {
			if e.typ != beNull {
				p.s("[objVal!=NULL]")
				if !p.asnPrint(&e) {
					return
				}
			}
		} else if e.typ != beNull {
			if !p.asnPrint(&e) {
				return
			}
		}
		length = vblen
		np = vbend
	}
}

func (p *Printer) snmpErrorStatus(v int32) {
	if v >= 0 && int(v) < len(snmpErrorStatus) {
		p.s(snmpErrorStatus[v])
		return
	}
	p.s("err=")
	p.u(uint64(uint32(v)))
}

func (p *Printer) snmpPDU(pduid uint8, np, length int) {
	var e asnElem
	n := p.snmpExpect(np, length, &e, beInt, "[reqId!=INT]")
	if n < 0 {
		return
	}
	if p.o.Verbose > 0 {
		p.s("R=")
		p.d(int(e.integer))
		p.c(' ')
	}
	length -= n
	np += n
	if n = p.snmpExpect(np, length, &e, beInt, "[errorStatus!=INT]"); n < 0 {
		return
	}
	strict := pduid == 0 || pduid == 1 || pduid == 3 || pduid == 6 || pduid == 7 || pduid == 8
	var errStatus int32
	switch {
	case strict && e.integer != 0:
		p.s("[errorStatus(")
		p.snmpErrorStatus(e.integer)
		p.s(")!=0]")
	case pduid == 5:
		p.s(" N=")
		p.d(int(e.integer))
	case e.integer != 0:
		p.c(' ')
		p.snmpErrorStatus(e.integer)
		errStatus = e.integer
	}
	length -= n
	np += n
	if n = p.snmpExpect(np, length, &e, beInt, "[errorIndex!=INT]"); n < 0 {
		return
	}
	switch {
	case strict && e.integer != 0:
		p.s("[errorIndex(")
		p.d(int(e.integer))
		p.s(")!=0]")
	case pduid == 5:
		p.s(" M=")
		p.d(int(e.integer))
	case e.integer != 0:
		if errStatus == 0 {
			p.s("[errorIndex(")
			p.d(int(e.integer))
			p.s(") w/o errorStatus]")
		} else {
			p.c('@')
			p.d(int(e.integer))
		}
	case errStatus != 0:
		p.s("[errorIndex==0]")
	}
	length -= n
	np += n
	p.snmpVarbinds(pduid, np, length)
}

func (p *Printer) snmpTrap(np, length int) {
	var e asnElem
	p.c(' ')
	n := p.snmpExpect(np, length, &e, beOID, "[enterprise!=OID]")
	if n < 0 || !p.asnPrint(&e) {
		return
	}
	length -= n
	np += n
	p.c(' ')
	if n = p.snmpExpect(np, length, &e, beInetAddr, "[agent-addr!=INETADDR]"); n < 0 || !p.asnPrint(&e) {
		return
	}
	length -= n
	np += n
	if n = p.snmpExpect(np, length, &e, beInt, "[generic-trap!=INT]"); n < 0 {
		return
	}
	generic := e.integer
	p.c(' ')
	if generic >= 0 && int(generic) < len(snmpGenericTrap) {
		p.s(snmpGenericTrap[generic])
	} else {
		p.s("gt=")
		p.d(int(generic))
	}
	length -= n
	np += n
	if n = p.snmpExpect(np, length, &e, beInt, "[specific-trap!=INT]"); n < 0 {
		return
	}
	if generic != 6 {
		if e.integer != 0 {
			p.s("[specific-trap(")
			p.d(int(e.integer))
			p.s(")!=0]")
		}
	} else {
		p.s(" s=")
		p.d(int(e.integer))
	}
	length -= n
	np += n
	p.c(' ')
	if n = p.snmpExpect(np, length, &e, beUns, "[time-stamp!=TIMETICKS]"); n < 0 || !p.asnPrint(&e) {
		return
	}
	length -= n
	np += n
	p.snmpVarbinds(4, np, length)
}

func (p *Printer) snmpPDUs(np, length, version int) {
	var pdu asnElem
	n := p.asnParse(np, length, &pdu)
	if n < 0 {
		return
	}
	if pdu.typ != bePDU {
		p.s("[no PDU]")
		return
	}
	if n < length {
		p.c('[')
		p.d(length - n)
		p.s(" extra after PDU]")
	}
	if p.o.Verbose > 0 {
		p.s("{ ")
	}
	if !p.asnPrint(&pdu) {
		return
	}
	p.c(' ')
	length = int(pdu.asnlen)
	np = pdu.data
	if version == 0 && (pdu.id == 5 || pdu.id == 6 || pdu.id == 7 || pdu.id == 8) {
		p.s("[v2 PDU in v1 message]")
		return
	}
	if version == 1 && pdu.id == 4 {
		p.s("[v1 PDU in v2 message]")
		return
	}
	if pdu.id == 4 {
		p.snmpTrap(np, length)
	} else {
		p.snmpPDU(pdu.id, np, length)
	}
	if p.o.Verbose > 0 {
		p.s(" } ")
	}
}

func (p *Printer) snmpScopedPDU(np, length int) {
	var e asnElem
	n := p.snmpExpect(np, length, &e, beSeq, "[!scoped PDU]")
	if n < 0 {
		return
	}
	length = int(e.asnlen)
	np = e.data
	if n = p.snmpExpect(np, length, &e, beStr, "[contextEngineID!=STR]"); n < 0 {
		return
	}
	length -= n
	np += n
	p.s("E=")
	if !p.asnPrintOctets(&e) {
		return
	}
	p.c(' ')
	if n = p.snmpExpect(np, length, &e, beStr, "[contextName!=STR]"); n < 0 {
		return
	}
	length -= n
	np += n
	p.s("C=")
	if !p.asnPrintString(&e) {
		return
	}
	p.c(' ')
	p.snmpPDUs(np, length, 3)
}

func (p *Printer) snmpCommunity(np, length, version int) {
	var e asnElem
	n := p.snmpExpect(np, length, &e, beStr, "[comm!=STR]")
	if n < 0 {
		return
	}
	if !(e.asnlen == 6 && string(p.pkt[e.data:e.data+6]) == "public") {
		p.s("C=")
		if !p.asnPrintString(&e) {
			return
		}
		p.c(' ')
	}
	length -= n
	np += n
	p.snmpPDUs(np, length, version)
}

func (p *Printer) snmpUSM(np, length int) {
	var e asnElem
	n := p.snmpExpect(np, length, &e, beSeq, "[!usm]")
	if n < 0 {
		return
	}
	length = int(e.asnlen)
	np = e.data
	if n = p.snmpExpect(np, length, &e, beStr, "[msgAuthoritativeEngineID!=STR]"); n < 0 {
		return
	}
	length -= n
	np += n
	if n = p.snmpExpect(np, length, &e, beInt, "[msgAuthoritativeEngineBoots!=INT]"); n < 0 {
		return
	}
	if p.o.Verbose > 0 {
		p.s("B=")
		p.d(int(e.integer))
		p.c(' ')
	}
	length -= n
	np += n
	if n = p.snmpExpect(np, length, &e, beInt, "[msgAuthoritativeEngineTime!=INT]"); n < 0 {
		return
	}
	if p.o.Verbose > 0 {
		p.s("T=")
		p.d(int(e.integer))
		p.c(' ')
	}
	length -= n
	np += n
	if n = p.snmpExpect(np, length, &e, beStr, "[msgUserName!=STR]"); n < 0 {
		return
	}
	length -= n
	np += n
	p.s("U=")
	if !p.asnPrintString(&e) {
		return
	}
	p.c(' ')
	if n = p.snmpExpect(np, length, &e, beStr, "[msgAuthenticationParameters!=STR]"); n < 0 {
		return
	}
	length -= n
	np += n
	if n = p.snmpExpect(np, length, &e, beStr, "[msgPrivacyParameters!=STR]"); n < 0 {
		return
	}
	length -= n
	if n < length {
		p.c('[')
		p.d(length - n)
		p.s(" extra after usm SEQ]")
	}
}

func (p *Printer) snmpV3(np, length int) {
	var e asnElem
	xnp, xlength := np, length
	n := p.snmpExpect(np, length, &e, beSeq, "[!message]")
	if n < 0 {
		return
	}
	length = int(e.asnlen)
	np = e.data
	if p.o.Verbose > 0 {
		p.s("{ ")
	}
	if n = p.snmpExpect(np, length, &e, beInt, "[msgID!=INT]"); n < 0 {
		return
	}
	length -= n
	np += n
	if n = p.snmpExpect(np, length, &e, beInt, "[msgMaxSize!=INT]"); n < 0 {
		return
	}
	length -= n
	np += n
	if n = p.snmpExpect(np, length, &e, beStr, "[msgFlags!=STR]"); n < 0 {
		return
	}
	if e.asnlen != 1 {
		p.s("[msgFlags size ")
		p.d(int(int32(e.asnlen)))
		p.c(']')
		return
	}
	flags := p.u8(e.data)
	switch flags {
	case 0, 1, 3, 4, 5, 7:
	default:
		p.s("[msgFlags=0x")
		p.c("0123456789ABCDEF"[flags>>4])
		p.c("0123456789ABCDEF"[flags&15])
		p.c(']')
		return
	}
	length -= n
	np += n
	p.s("F=")
	if flags&1 != 0 {
		p.c('a')
	}
	if flags&2 != 0 {
		p.c('p')
	}
	if flags&4 != 0 {
		p.c('r')
	}
	p.c(' ')
	if n = p.snmpExpect(np, length, &e, beInt, "[msgSecurityModel!=INT]"); n < 0 {
		return
	}
	model := e.integer
	length -= n
	np += n
	if n < length {
		p.c('[')
		p.d(length - n)
		p.s(" extra after message SEQ]")
	}
	if p.o.Verbose > 0 {
		p.s("} ")
	}
	if model != 3 {
		p.s("[security model ")
		p.d(int(model))
		p.c(']')
		return
	}
	if p.o.Verbose > 0 {
		p.s("{ USM ")
	}
	length = xlength - (np - xnp)
	if n = p.snmpExpect(np, length, &e, beStr, "[msgSecurityParameters!=STR]"); n < 0 {
		return
	}
	length -= n
	np += n
	p.snmpUSM(e.data, int(e.asnlen))
	if p.o.Verbose > 0 {
		p.s("} { ScopedPDU ")
	}
	p.snmpScopedPDU(np, length)
	if p.o.Verbose > 0 {
		p.s("} ")
	}
}

func (p *Printer) snmpPrint(np, length int) {
	p.proto = "snmp"
	p.c(' ')
	var e asnElem
	n := p.snmpExpect(np, length, &e, beSeq, "[!init SEQ]")
	if n < 0 {
		return
	}
	if n < length {
		p.c('[')
		p.d(length - n)
		p.s(" extra after iSEQ]")
	}
	length = int(e.asnlen)
	np = e.data
	if n = p.snmpExpect(np, length, &e, beInt, "[version!=INT]"); n < 0 {
		return
	}
	version := int(e.integer)
	switch version {
	case 0, 1, 3:
		if p.o.Verbose > 0 {
			p.s("{ ")
			p.s(snmpVersions[version])
			p.c(' ')
		}
	default:
		p.s("SNMP [version = ")
		p.d(version)
		p.c(']')
		return
	}
	length -= n
	np += n
	if version == 3 {
		p.snmpV3(np, length)
	} else {
		p.snmpCommunity(np, length, version)
	}
	if p.o.Verbose > 0 {
		p.s("} ")
	}
}
