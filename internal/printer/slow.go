// IEEE "slow protocols" (Ethertype 0x8809): LACP and marker (802.3ad) and
// link OAM (802.3ah), as tcpdump 4.99.3's print-slow.c prints them.

package printer

var slowProtoValues = []tokL2{{1, "LACP"}, {2, "MARKER"}, {3, "OAM"}}

var slowOAMFlagValues = []tokL2{
	{0x0001, "Link Fault"}, {0x0002, "Dying Gasp"}, {0x0004, "Critical Event"},
	{0x0008, "Local Evaluating"}, {0x0010, "Local Stable"}, {0x0020, "Remote Evaluating"},
	{0x0040, "Remote Stable"},
}

var slowOAMCodeValues = []tokL2{
	{0x00, "Information"}, {0x01, "Event Notification"}, {0x02, "Variable Request"},
	{0x03, "Variable Response"}, {0x04, "Loopback Control"}, {0xfe, "Vendor Private"},
}

var slowOAMInfoTypeValues = []tokL2{
	{0x00, "End of TLV marker"}, {0x01, "Local"}, {0x02, "Remote"}, {0xfe, "Organization specific"},
}

var slowOAMStateParserValues = []tokL2{{0, "forwarding"}, {1, "looping back"}, {2, "discarding"}, {3, "reserved"}}

var slowOAMStateMuxValues = []tokL2{{0, "forwarding"}, {4, "discarding"}}

var slowOAMConfigValues = []tokL2{
	{0x01, "Active"}, {0x02, "Unidirectional"}, {0x04, "Remote-Loopback"},
	{0x08, "Link-Events"}, {0x10, "Variable-Retrieval"},
}

var slowOAMLinkEventValues = []tokL2{
	{0x00, "End of TLV marker"}, {0x01, "Errored Symbol Period Event"},
	{0x02, "Errored Frame Event"}, {0x03, "Errored Frame Period Event"},
	{0x04, "Errored Frame Seconds Summary Event"}, {0xfe, "Organization specific"},
}

var slowOAMLoopbackCmdValues = []tokL2{{0x01, "Enable OAM Remote Loopback"}, {0x02, "Disable OAM Remote Loopback"}}

var slowTLVValues = []tokL2{
	{1<<8 + 0, "Terminator"}, {1<<8 + 1, "Actor Information"}, {1<<8 + 2, "Partner Information"},
	{1<<8 + 3, "Collector Information"}, {2<<8 + 0, "Terminator"}, {2<<8 + 1, "Marker Information"},
}

var lacpStateValues = []tokL2{
	{0x01, "Activity"}, {0x02, "Timeout"}, {0x04, "Aggregation"}, {0x08, "Synchronization"},
	{0x10, "Collecting"}, {0x20, "Distributing"}, {0x40, "Default"}, {0x80, "Expired"},
}

// slowPrint is slow_print.
func slowPrint(p *Printer, off, length, caplen int) {
	p.proto = "slow"
	tooShort := func() {
		if p.o.Verbose == 0 {
			p.s(" (packet is too short)")
		} else {
			p.s("\n\t\t packet is too short")
		}
	}
	if length < 1 {
		tooShort()
		return
	}
	subtype := p.u8(off)
	printVersion := -1
	switch subtype {
	case 1, 2:
		if length < 2 {
			tooShort()
			return
		}
		if v := p.u8(off + 1); v != 1 {
			if subtype == 1 {
				p.s("LACP")
			} else {
				p.s("MARKER")
			}
			p.s(" version ")
			p.u(uint64(v))
			p.s(" packet not supported")
			return
		}
		printVersion = 1
	case 3:
		printVersion = 0
	}
	if printVersion == 1 {
		v := p.u8(off + 1)
		p.tokStrU(slowProtoValues, uint32(subtype), "unknown (", ")")
		p.s("v")
		p.u(uint64(v))
	} else {
		p.tokStrU(slowProtoValues, uint32(subtype), "unknown (", ")")
	}
	p.s(", length ")
	p.u(uint64(uint32(length)))
	if printVersion == -1 {
		p.unknownData(off, "\n\t", length)
		return
	}
	if p.o.Verbose == 0 {
		return
	}
	if subtype == 3 {
		p.slowOAM(off+1, length-1)
		return
	}
	p.slowMarkerLACP(off+2, length-2, uint32(subtype))
}

func (p *Printer) slowMarkerLACP(tptr, tlen int, proto uint32) {
	for tlen != 0 {
		if tlen < 2 {
			p.s("\n\t\t packet is too short")
			return
		}
		typ := uint32(p.u8(tptr))
		tl := int(p.u8(tptr + 1))
		p.s("\n\t")
		p.tokStr(slowTLVValues, proto<<8+typ, "Unknown")
		p.s(" TLV (0x")
		p.xpad(uint64(typ), 2)
		p.s("), length ")
		p.u(uint64(tl))
		if typ == 0 {
			return
		}
		if tl < 2 {
			p.s("\n\t    ERROR: illegal length - should be >= 2")
			return
		}
		if tlen < tl {
			p.s("\n\t\t packet is too short")
			return
		}
		p.check(tptr, tl)
		v := tptr + 2
		vl := tl - 2
		switch proto<<8 + typ {
		case 1<<8 + 1, 1<<8 + 2:
			if vl != 18 {
				p.s("\n\t    ERROR: illegal length - should be 20")
				break
			}
			p.s("\n\t  System ")
			p.mac(v + 2)
			p.s(", System Priority ")
			p.u(uint64(p.be16(v)))
			p.s(", Key ")
			p.u(uint64(p.be16(v + 8)))
			p.s(", Port ")
			p.u(uint64(p.be16(v + 12)))
			p.s(", Port Priority ")
			p.u(uint64(p.be16(v + 10)))
			p.s("\n\t  State Flags [")
			p.bittokOr(lacpStateValues, uint32(p.u8(v+14)), "none")
			p.s("]")
		case 1<<8 + 3:
			if vl != 14 {
				p.s("\n\t    ERROR: illegal length - should be 16")
				break
			}
			p.s("\n\t  Max Delay ")
			p.u(uint64(p.be16(v)))
		case 2<<8 + 1:
			if vl != 14 {
				p.s("\n\t    ERROR: illegal length - should be 16")
				break
			}
			p.s("\n\t  Request System ")
			p.mac(v + 2)
			p.s(", Request Port ")
			p.u(uint64(p.be16(v)))
			p.s(", Request Transaction ID 0x")
			p.xpad(uint64(p.be32(v+8)), 8)
		default:
			if p.o.Verbose <= 1 {
				p.unknownData(v, "\n\t  ", vl)
			}
		}
		if p.o.Verbose > 1 {
			p.unknownData(v, "\n\t  ", vl)
		}
		tptr += tl
		tlen -= tl
	}
}

func (p *Printer) slowOAM(tptr, tlen int) {
	tooShort := func() { p.s("\n\t\t packet is too short") }
	if tlen < 3 {
		tooShort()
		return
	}
	p.check(tptr, 3)
	flags := p.be16(tptr)
	code := p.u8(tptr + 2)
	tptr += 3
	tlen -= 3
	p.s("\n\tCode ")
	p.tokStrU(slowOAMCodeValues, uint32(code), "Unknown (", ")")
	p.s(" OAM PDU, Flags [")
	p.bittokOr(slowOAMFlagValues, uint32(flags), "none")
	p.s("]")
	switch code {
	case 0x00:
		for tlen != 0 {
			if tlen < 2 {
				tooShort()
				return
			}
			p.check(tptr, 2)
			typ := p.u8(tptr)
			l := int(p.u8(tptr + 1))
			p.s("\n\t  ")
			p.tokStr(slowOAMInfoTypeValues, uint32(typ), "Reserved")
			p.s(" Information Type (")
			p.u(uint64(typ))
			p.s("), length ")
			p.u(uint64(l))
			if typ == 0 {
				return
			}
			if l < 2 {
				p.s("\n\t    ERROR: illegal length - should be >= 2")
				return
			}
			if tlen < l {
				tooShort()
				return
			}
			p.check(tptr, l)
			hexdump := false
			switch typ {
			case 1, 2:
				if p.u8(tptr+1) != 16 {
					p.s("\n\t    ERROR: illegal length - should be 16")
					hexdump = true
					break
				}
				p.s("\n\t    OAM-Version ")
				p.u(uint64(p.u8(tptr + 2)))
				p.s(", Revision ")
				p.u(uint64(p.be16(tptr + 3)))
				st := p.u8(tptr + 5)
				p.s("\n\t    State-Parser-Action ")
				p.tokStr(slowOAMStateParserValues, uint32(st&3), "Reserved")
				p.s(", State-MUX-Action ")
				p.tokStr(slowOAMStateMuxValues, uint32(st&4), "Reserved")
				p.s("\n\t    OAM-Config Flags [")
				p.bittokOr(slowOAMConfigValues, uint32(p.u8(tptr+6)), "none")
				p.s("], OAM-PDU-Config max-PDU size ")
				p.u(uint64(p.be16(tptr+7) & 0x7ff))
				oui := p.be24(tptr + 9)
				p.check(tptr+12, 4)
				p.s("\n\t    OUI ")
				p.tokStr(ouiValues, oui, "Unknown")
				p.s(" (0x")
				p.xpad(uint64(oui), 6)
				p.s("), Vendor-Private 0x")
				p.xpad(uint64(p.be32(tptr+12)), 8)
			default:
				hexdump = true
			}
			if p.o.Verbose > 1 || hexdump {
				p.unknownData(tptr, "\n\t  ", l)
			}
			tlen -= l
			tptr += l
		}
	case 0x01:
		if tlen < 2 {
			tooShort()
			return
		}
		seq := p.be16(tptr)
		p.s("\n\t  Sequence Number ")
		p.u(uint64(seq))
		tlen -= 2
		tptr += 2
		for tlen != 0 {
			if tlen < 2 {
				tooShort()
				return
			}
			p.check(tptr, 2)
			typ := p.u8(tptr)
			l := int(p.u8(tptr + 1))
			p.s("\n\t  ")
			p.tokStr(slowOAMLinkEventValues, uint32(typ), "Reserved")
			p.s(" Link Event Type (")
			p.u(uint64(typ))
			p.s("), length ")
			p.u(uint64(l))
			if typ == 0 {
				return
			}
			if l < 2 {
				p.s("\n\t    ERROR: illegal length - should be >= 2")
				return
			}
			if tlen < l {
				tooShort()
				return
			}
			p.check(tptr, l)
			hexdump := false
			switch typ {
			case 1, 2, 3, 4:
				if p.u8(tptr+1) != 40 {
					p.s("\n\t    ERROR: illegal length - should be 40")
					hexdump = true
					break
				}
				p.check(tptr, 40)
				p.s("\n\t    Timestamp ")
				p.u(uint64(p.be16(tptr+2)) * 100)
				p.s(" ms, Errored Window ")
				p.u(p.be64(tptr + 4))
				p.s("\n\t    Errored Threshold ")
				p.u(p.be64(tptr + 12))
				p.s("\n\t    Errors ")
				p.u(p.be64(tptr + 20))
				p.s("\n\t    Error Running Total ")
				p.u(p.be64(tptr + 28))
				p.s("\n\t    Event Running Total ")
				p.u(uint64(p.be32(tptr + 36)))
			default:
				hexdump = true
			}
			if p.o.Verbose > 1 || hexdump {
				p.unknownData(tptr, "\n\t  ", l)
			}
			tlen -= l
			tptr += l
		}
	case 0x04:
		if tlen < 1 {
			tooShort()
			return
		}
		c := p.u8(tptr)
		p.s("\n\t  Command ")
		p.tokStr(slowOAMLoopbackCmdValues, uint32(c), "Unknown")
		p.s(" (")
		p.u(uint64(c))
		p.s(")")
	default:
		if p.o.Verbose <= 1 {
			p.unknownData(tptr, "\n\t  ", tlen)
		}
	}
}

func init() { registerEtherType(0x8809, "slow", slowPrint) }
