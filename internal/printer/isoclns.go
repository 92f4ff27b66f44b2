// The OSI network layer, as tcpdump 4.99.3's print-isoclns.c prints it:
// isoclns_print's dispatch on the NLPID and IS-IS (isis_print) with its
// hellos, LSPs, CSNPs and PSNPs and their TLVs and sub-TLVs, the
// Fletcher checksums it verifies and the NSAP and system ID formats;
// CLNP (clnp_print) and ES-IS (esis_print) are decoded too; Q.933 is
// not (its frames get a truthful placeholder and are left out of the
// comparison with tcpdump).

package printer

import "math"

// The indents of the TLV lines and of their sub-TLVs.
const (
	isisIdent  = "\n\t      "
	isisIdent2 = "\n\t        "
)

// appendFloat3 is printf's "%.3f".
func appendFloat3(b []byte, v float64) []byte { return appendCFloat(b, v, 3) }

var nlpidValues = []tokL2{
	{0x00, "NULL"}, {0x08, "Q.933"}, {0x09, "LMI"}, {0x80, "SNAP"}, {0x81, "CLNP"},
	{0x82, "ES-IS"}, {0x83, "IS-IS"}, {0x84, "CONS"}, {0x85, "IDRP"}, {0xc1, "ISIS_SPB"},
	{0xb1, "FRF.15"}, {0xcc, "IPv4"}, {0xcf, "PPP"}, {0x8a, "X25 ES-IS"}, {0x8e, "IPv6"},
}

var isisPDUValues = []tokL2{
	{15, "L1 Lan IIH"}, {16, "L2 Lan IIH"}, {17, "p2p IIH"}, {18, "L1 LSP"}, {20, "L2 LSP"},
	{24, "L1 CSNP"}, {25, "L2 CSNP"}, {26, "L1 PSNP"}, {27, "L2 PSNP"},
}

var isisTLVValues = []tokL2{
	{1, "Area address(es)"}, {2, "IS Reachability"}, {3, "ES Neighbor(s)"}, {4, "Partition DIS"},
	{5, "Prefix Neighbors"}, {6, "IS Neighbor(s)"}, {7, "Instance Identifier"}, {8, "Padding"},
	{9, "LSP entries"}, {10, "Authentication"}, {12, "Checksum"}, {13, "Purge Originator Identifier"},
	{14, "LSP Buffersize"}, {22, "Extended IS Reachability"}, {24, "IS Alias ID"},
	{42, "DECnet Phase IV"}, {66, "Lucent Proprietary"}, {128, "IPv4 Internal Reachability"},
	{129, "Protocols supported"}, {130, "IPv4 External Reachability"},
	{131, "Inter-Domain Information Type"}, {132, "IPv4 Interface address(es)"},
	{133, "IPv4 authentication (deprecated)"}, {134, "Traffic Engineering Router ID"},
	{135, "Extended IPv4 Reachability"}, {138, "Shared Risk Link Group"},
	{143, "Multi-Topology-Aware Port Capability"}, {144, "Multi-Topology Capability"},
	{176, "Nortel Proprietary"}, {177, "Nortel Proprietary"}, {137, "Hostname"},
	{211, "Restart Signaling"}, {222, "Multi Topology IS Reachability"}, {229, "Multi Topology"},
	{232, "IPv6 Interface address(es)"}, {235, "Multi-Topology IPv4 Reachability"},
	{236, "IPv6 reachability"}, {237, "Multi-Topology IP6 Reachability"},
	{240, "Point-to-point Adjacency State"}, {241, "Hello PDU Sequence Number"},
	{242, "IS-IS Router Capability"}, {250, "Vendor Private"},
}

var isisRouterCapFlags = []tokL2{{0x01, "S bit"}, {0x02, "D bit"}}

var isisRouterCapSubTLVValues = []tokL2{{2, "SR-Capabilities"}}

var isisRouterCapSRFlags = []tokL2{{0x80, "ipv4"}, {0x40, "ipv6"}}

var isisExtISReachSubTLVValues = []tokL2{
	{3, "Administrative groups"}, {4, "Link Local/Remote Identifier"}, {5, "Link Remote Identifier"},
	{6, "IPv4 interface address"}, {8, "IPv4 neighbor address"}, {9, "Maximum link bandwidth"},
	{10, "Reservable link bandwidth"}, {11, "Unreserved bandwidth"}, {18, "Traffic Engineering Metric"},
	{19, "Link Attribute"}, {20, "Link Protection Type"}, {21, "Interface Switching Capability"},
	{12, "Bandwidth Constraints (old)"}, {22, "Bandwidth Constraints"},
	{32, "LAN Adjacency Segment Identifier"}, {29, "SPB Metric"},
	{250, "Reserved for cisco specific extensions"}, {251, "Reserved for cisco specific extensions"},
	{252, "Reserved for cisco specific extensions"}, {253, "Reserved for cisco specific extensions"},
	{254, "Reserved for cisco specific extensions"}, {255, "Reserved for future expansion"},
}

var isisExtIPReachSubTLVValues = []tokL2{
	{1, "32-Bit Administrative tag"}, {2, "64-Bit Administrative tag"}, {3, "Prefix SID"},
	{117, "Management Prefix Color"},
}

var prefixSIDFlagValues = []tokL2{
	{0x80, "Readvertisement"}, {0x40, "Node"}, {0x20, "No-PHP"}, {0x10, "Explicit NULL"},
	{0x08, "Value"}, {0x04, "Local"},
}

var prefixSIDAlgoValues = []tokL2{{0, "SPF"}, {1, "strict-SPF"}}

var isisLinkAttributeValues = []tokL2{
	{0x01, "Local Protection Available"}, {0x02, "Link excluded from local protection path"},
	{0x04, "Local maintenance required"},
}

var isisLANAdjSIDFlagValues = []tokL2{
	{0x80, "Address family IPv6"}, {0x40, "Backup"}, {0x20, "Value"}, {0x10, "Local significance"},
	{0x08, "Set of adjacencies"}, {0x04, "Persistent"},
}

var isisAuthValues = []tokL2{
	{1, "simple text password"}, {3, "Generic Crypto key-id"}, {54, "HMAC-MD5 password"},
	{255, "Routing Domain private password"},
}

var isisIDRPValues = []tokL2{{0, "Reserved"}, {1, "Routing-Domain Specific"}, {2, "AS Number Tag"}}

var isisMTPortCapSubTLVValues = []tokL2{{4, "SPB MCID"}, {5, "SPB Digest"}, {6, "SPB BVID"}}

var isisMTCapSubTLVValues = []tokL2{{1, "SPB Instance"}, {3, "SPBM Service Identifier and Unicast Address"}}

var isisMTFlagValues = []tokL2{{0x4000, "ATT bit set"}, {0x8000, "Overload bit set"}}

var isisMTValues = []tokL2{
	{0, "IPv4 unicast"}, {1, "In-Band Management"}, {2, "IPv6 unicast"}, {3, "Multicast"},
	{4095, "Development, Experimental or Proprietary"},
}

var isisCircuitTypeValues = []tokL2{{1, "Level 1 only"}, {2, "Level 2 only"}, {3, "Level 1, Level 2"}}

var isisLSPISTypeValues = []tokL2{
	{0, "Unused 0x0 (invalid)"}, {1, "L1 IS"}, {2, "Unused 0x2 (invalid)"}, {3, "L2 IS"},
}

var isisPTPAdjValues = []tokL2{{0, "Up"}, {1, "Initializing"}, {2, "Down"}}

var isisVirtualValues = []tokL2{{0, "IsNotVirtual"}, {1, "IsVirtual"}}

var isisRestartFlagValues = []tokL2{
	{0x1, "Restart Request"}, {0x2, "Restart Acknowledgement"}, {0x4, "Suppress adjacency advertisement"},
}

var gmplsLinkProtValues = []tokL2{
	{0x01, "Extra Traffic"}, {0x02, "Unprotected"}, {0x04, "Shared"}, {0x08, "Dedicated 1:1"},
	{0x10, "Dedicated 1+1"}, {0x20, "Enhanced"}, {0x40, "Reserved"}, {0x80, "Reserved"},
}

var gmplsSwitchCapValues = []tokL2{
	{1, "Packet-Switch Capable-1"}, {2, "Packet-Switch Capable-2"}, {3, "Packet-Switch Capable-3"},
	{4, "Packet-Switch Capable-4"}, {51, "Layer-2 Switch Capable"}, {100, "Time-Division-Multiplex"},
	{150, "Lambda-Switch Capable"}, {200, "Fiber-Switch Capable"},
}

var gmplsTSCIndicationValues = []tokL2{{0, "Standard SONET/SDH"}, {1, "Arbitrary SONET/SDH"}}

var gmplsEncodingValues = []tokL2{
	{1, "Packet"}, {2, "Ethernet V2/DIX"}, {3, "ANSI/ETSI PDH"}, {4, "Reserved"},
	{5, "SDH ITU-T G.707/SONET ANSI T1.105"}, {6, "Reserved"}, {7, "Digital Wrapper"},
	{8, "Lambda (photonic)"}, {9, "Fiber"}, {10, "Reserved"}, {11, "FiberChannel"},
}

var diffservTEBCValues = []tokL2{{0, "Russian dolls"}, {1, "Maximum allocation"}, {2, "Maximum allocation with reservation"}, {254, "Maximum allocation with E-LSP support"}}

// isoclnsPrint is isoclns_print.
func (p *Printer) isoclnsPrint(off, length int) {
	p.proto = "isoclns"
	nlpid := p.u8(off)
	if p.o.Link {
		p.s("OSI NLPID ")
		p.tokStr(nlpidValues, uint32(nlpid), "Unknown")
		p.s(" (0x")
		p.xpad(uint64(nlpid), 2)
		p.s("): ")
	}
	lenText := func() {
		if !p.o.Link {
			p.s(", ")
		}
		p.s("length: ")
		p.u(uint64(uint32(length)))
	}
	switch nlpid {
	case 0x81:
		if !p.clnpPrint(off, length) {
			p.unknownData(off, "\n\t", length)
		}
	case 0x82:
		p.esisPrint(off, length)
	case 0x08:
		// Q.933: no printer here.
		p.tokStr(nlpidValues, uint32(nlpid), "")
		lenText()
	case 0x83:
		if !p.isisPrint(off, length) {
			p.unknownData(off, "\n\t", length)
		}
	case 0x00:
		lenText()
	case 0xcc:
		p.ipPrint(off+1, length-1)
	case 0x8e:
		p.ip6Print(off+1, length-1)
	case 0xcf:
		p.pppPrint(off+1, length-1)
	default:
		if !p.o.Link {
			p.s("OSI NLPID 0x")
			p.xpad(uint64(nlpid), 2)
			p.s(" unknown")
		}
		lenText()
		if length > 1 {
			p.unknownData(off, "\n\t", length)
		}
	}
}

// isisID prints the system, node or LSP ID of idLen bytes at cp
// (isis_print_id); the caller checks the bytes are there.
func (p *Printer) isisID(cp, idLen int) {
	sys := 6
	if sys > idLen {
		sys = idLen
	}
	for i := 1; i <= sys; i++ {
		p.hex2(p.u8(cp))
		cp++
		if i == 2 || i == 4 {
			p.c('.')
		}
	}
	if idLen >= 7 {
		p.c('.')
		p.hex2(p.u8(cp))
		cp++
	}
	if idLen == 8 {
		p.c('-')
		p.hex2(p.u8(cp))
	}
}

// sID prints prefix and an ID, reading the ID first.
func (p *Printer) sID(prefix string, cp, idLen int) {
	p.check(cp, idLen)
	p.s(prefix)
	p.isisID(cp, idLen)
}

// isonsap prints an NSAP of n bytes (isonsap_string).
func (p *Printer) isonsap(cp, n int) {
	if n < 1 || n > 20 {
		p.s("isonsap_string: illegal length")
		return
	}
	for i := 0; i < n; i++ {
		p.hex2(p.pkt[cp+i])
		if i&1 == 0 && i+1 < n {
			p.c('.')
		}
	}
}

func (p *Printer) isisExtIntern(b byte) {
	if b&0x40 != 0 {
		p.s("External")
	} else {
		p.s("Internal")
	}
}

// isisMetricBlock is isis_print_metric_block for the 4 bytes at mb.
func (p *Printer) isisMetricBlock(mb int) {
	d := p.u8(mb)
	p.s(", Default Metric: ")
	p.u(uint64(d & 0x3f))
	p.s(", ")
	p.isisExtIntern(d)
	for i, name := range [...]string{"\n\t\t  Delay Metric: ", "\n\t\t  Expense Metric: ", "\n\t\t  Error Metric: "} {
		m := p.u8(mb + 1 + i)
		if m&0x80 == 0 {
			p.s(name)
			p.u(uint64(m & 0x3f))
			p.s(", ")
			p.isisExtIntern(m)
		}
	}
}

// padIP4 prints four bytes as a dotted quad right-justified in 15
// columns (%15s).
func (p *Printer) padIP4(b []byte) {
	start := len(p.buf)
	p.ip4s(b)
	n := len(p.buf) - start
	if n < 15 {
		pad := 15 - n
		p.buf = append(p.buf, "               "[:pad]...)
		copy(p.buf[start+pad:], p.buf[start:start+n])
		for i := 0; i < pad; i++ {
			p.buf[start+i] = ' '
		}
	}
}

// isisTLVIPReach is isis_print_tlv_ip_reach: false when cut short.
func (p *Printer) isisTLVIPReach(cp int, ident string, length int) bool {
	for length > 0 {
		if length < 12 {
			p.s("short IPv4 Reachability (")
			p.u(uint64(length))
			p.s(" vs 12)")
			return false
		}
		if !p.ttest(cp, 12) {
			return false
		}
		mask := p.be32(cp + 8)
		pl := mask2plen(mask)
		p.s(ident)
		p.s("IPv4 prefix: ")
		if pl == -1 {
			p.ip4(cp + 4)
			p.s(" mask ")
			p.ip4(cp + 8)
		} else {
			p.padIP4(p.pkt[cp+4 : cp+8])
			p.c('/')
			p.u(uint64(pl))
		}
		d := p.pkt[cp]
		p.s(", Distribution: ")
		if d&0x80 != 0 {
			p.s("down")
		} else {
			p.s("up")
		}
		p.s(", Metric: ")
		p.u(uint64(d & 0x3f))
		p.s(", ")
		p.isisExtIntern(d)
		for i, name := range [...]string{"  Delay Metric: ", "  Expense Metric: ", "  Error Metric: "} {
			m := p.pkt[cp+1+i]
			if m&0x80 == 0 {
				p.s(ident)
				p.s(name)
				p.u(uint64(m & 0x3f))
				p.s(", ")
				p.isisExtIntern(m)
			}
		}
		length -= 12
		cp += 12
	}
	return true
}

// isisIPReachSubTLV is isis_print_ip_reach_subtlv: false when cut short.
func (p *Printer) isisIPReachSubTLV(tptr int, subt, subl uint32, ident string) bool {
	p.s(ident)
	p.tokStr(isisExtIPReachSubTLVValues, subt, "unknown")
	p.s(" subTLV #")
	p.u(uint64(subt))
	p.s(", length: ")
	p.u(uint64(subl))
	if !p.ttest(tptr, int(subl)) {
		p.trunc()
		return false
	}
	switch subt {
	case 117, 1:
		for subl >= 4 {
			v := p.be32(tptr)
			p.s(", 0x")
			p.xpad(uint64(v), 8)
			p.s(" (=")
			p.u(uint64(v))
			p.s(")")
			tptr += 4
			subl -= 4
		}
	case 2:
		for subl >= 8 {
			a, b := p.be32(tptr), p.be32(tptr+4)
			p.s(", 0x")
			p.xpad(uint64(a), 8)
			p.xpad(uint64(b), 8)
			tptr += 8
			subl -= 8
		}
	case 3:
		flags := p.u8(tptr)
		algo := p.u8(tptr + 1)
		var sid uint32
		if flags&0x08 != 0 {
			if subl < 5 {
				p.trunc()
				return false
			}
			sid = p.be24(tptr + 2)
		} else {
			if subl < 6 {
				p.trunc()
				return false
			}
			sid = p.be32(tptr + 2)
		}
		p.s(", Flags [")
		p.bittokOr(prefixSIDFlagValues, uint32(flags), "None")
		p.s("], Algo ")
		p.tokStr(prefixSIDAlgoValues, uint32(algo), "Unknown")
		p.s(" (")
		p.u(uint64(algo))
		p.s("), ")
		if flags&0x08 != 0 {
			p.s("label ")
		} else {
			p.s("index ")
		}
		p.u(uint64(sid))
	default:
		if !p.unknownDataOK(tptr, "\n\t\t    ", int(subl)) {
			return false
		}
	}
	return true
}

// bw prints the IEEE float at off as tcpdump's "%.3f Mbps" of f*8/1e6.
func (p *Printer) bw(off int) {
	f := math.Float32frombits(p.be32(off))
	f = f * 8
	f = f / 1000000
	p.buf = appendFloat3(p.buf, float64(f))
	p.s(" Mbps")
}

// isisExtISReach is isis_print_ext_is_reach: the bytes it used, 0 when
// cut short.
func (p *Printer) isisExtISReach(tptr int, ident string, tlvType int, remaining int) int {
	proc := 0
	if !p.ttest(tptr, 7) {
		return 0
	}
	if remaining < 7 {
		return 0
	}
	p.s(ident)
	p.s("IS Neighbor: ")
	p.isisID(tptr, 7)
	tptr += 7
	remaining -= 7
	proc += 7
	if tlvType != 24 {
		if !p.ttest(tptr, 3) {
			return 0
		}
		if remaining < 3 {
			return 0
		}
		p.s(", Metric: ")
		p.u(uint64(p.be24(tptr)))
		tptr += 3
		remaining -= 3
		proc += 3
	}
	if !p.ttest(tptr, 1) {
		return 0
	}
	if remaining < 1 {
		return 0
	}
	sum := int(p.pkt[tptr])
	tptr++
	remaining--
	proc++
	if sum != 0 {
		p.s(", sub-TLVs present")
	} else {
		p.s(", no sub-TLVs present")
	}
	if sum == 0 {
		return proc
	}
	p.s(" (")
	p.u(uint64(sum))
	p.s(")")
	return p.isisExtISSubTLVs(tptr, ident, remaining, sum, proc)
}

// isisExtISSubTLVs is the sub-TLV loop of isis_print_ext_is_reach, with
// ident the outer indent (the sub-TLVs are indented two more columns).
func (p *Printer) isisExtISSubTLVs(tptr int, outer string, remaining, sum, proc int) int {
	ident := func() {
		p.s(outer)
		p.s("  ")
	}
	for sum != 0 {
		if !p.ttest(tptr, 2) {
			return 0
		}
		if remaining < 2 {
			ident()
			p.s("Remaining data in TLV shorter than a subTLV header")
			proc += remaining
			break
		}
		if sum < 2 {
			ident()
			p.s("Remaining data in subTLVs shorter than a subTLV header")
			proc += sum
			break
		}
		st := uint32(p.pkt[tptr])
		sl := int(p.pkt[tptr+1])
		tptr += 2
		remaining -= 2
		sum -= 2
		proc += 2
		ident()
		p.tokStr(isisExtISReachSubTLVValues, st, "unknown")
		p.s(" subTLV #")
		p.u(uint64(st))
		p.s(", length: ")
		p.u(uint64(sl))
		if sum < sl {
			p.s(" (remaining data in subTLVs shorter than the current subTLV)")
			proc += sum
			break
		}
		if remaining < sl {
			p.s(" (> remaining tlv length)")
			proc += remaining
			break
		}
		if !p.ttest(tptr, sl) {
			return 0
		}
		switch st {
		case 3, 4, 5:
			if sl >= 4 {
				p.s(", 0x")
				p.xpad(uint64(p.be32(tptr)), 8)
				if sl == 8 {
					p.s(", 0x")
					p.xpad(uint64(p.be32(tptr+4)), 8)
				}
			}
		case 6, 8:
			if sl >= 4 {
				p.s(", ")
				p.ip4(tptr)
			}
		case 9, 10:
			if sl >= 4 {
				p.s(", ")
				p.bw(tptr)
			}
		case 11:
			if sl >= 32 {
				for tc := 0; tc < 8; tc++ {
					ident()
					p.s("  TE-Class ")
					p.u(uint64(tc))
					p.s(": ")
					p.bw(tptr)
					tptr += 4
					sl -= 4
					sum -= 4
					proc += 4
				}
			}
		case 22, 12:
			if sl == 0 {
				break
			}
			m := p.pkt[tptr]
			ident()
			p.s("Bandwidth Constraints Model ID: ")
			p.tokStr(diffservTEBCValues, uint32(m), "unknown")
			p.s(" (")
			p.u(uint64(m))
			p.s(")")
			tptr++
			sl--
			sum--
			proc++
			for tc := 0; sl != 0; tc++ {
				if sl < 4 {
					break
				}
				ident()
				p.s("  Bandwidth constraint CT")
				p.u(uint64(tc))
				p.s(": ")
				p.bw(tptr)
				tptr += 4
				sl -= 4
				sum -= 4
				proc += 4
			}
		case 18:
			if sl >= 3 {
				p.s(", ")
				p.u(uint64(p.be24(tptr)))
			}
		case 19:
			if sl == 2 {
				v := p.be16(tptr)
				p.s(", [ ")
				p.bittokOr(isisLinkAttributeValues, uint32(v), "Unknown")
				p.s(" ] (0x")
				p.xpad(uint64(v), 4)
				p.s(")")
			}
		case 20:
			if sl >= 2 {
				p.s(", ")
				p.bittokOr(gmplsLinkProtValues, uint32(p.pkt[tptr]), "none")
				p.s(", Priority ")
				p.u(uint64(p.pkt[tptr+1]))
			}
		case 29:
			if sl >= 6 {
				p.s(", LM: ")
				p.u(uint64(p.be24(tptr)))
				tptr += 3
				sl -= 3
				sum -= 3
				proc += 3
				p.s(", P: ")
				p.u(uint64(p.pkt[tptr]))
				tptr++
				sl--
				sum--
				proc++
				p.s(", P-ID: ")
				p.u(uint64(p.be16(tptr)))
			}
		case 21:
			if sl >= 36 {
				sc := p.pkt[tptr]
				ident()
				p.s("  Interface Switching Capability:")
				p.tokStr(gmplsSwitchCapValues, uint32(sc), "Unknown")
				p.s(", LSP Encoding: ")
				p.tokStr(gmplsEncodingValues, uint32(p.pkt[tptr+1]), "Unknown")
				tptr += 4
				sl -= 4
				sum -= 4
				proc += 4
				ident()
				p.s("  Max LSP Bandwidth:")
				for pl := 0; pl < 8; pl++ {
					ident()
					p.s("    priority level ")
					p.u(uint64(pl))
					p.s(": ")
					p.bw(tptr)
					tptr += 4
					sl -= 4
					sum -= 4
					proc += 4
				}
				switch sc {
				case 1, 2, 3, 4:
					if sl < 6 {
						break
					}
					ident()
					p.s("  Min LSP Bandwidth: ")
					p.bw(tptr)
					ident()
					p.s("  Interface MTU: ")
					p.u(uint64(p.be16(tptr + 4)))
				case 100:
					if sl < 8 {
						break
					}
					ident()
					p.s("  Min LSP Bandwidth: ")
					p.bw(tptr)
					ident()
					p.s("  Indication ")
					p.tokStrU(gmplsTSCIndicationValues, uint32(p.pkt[tptr+4]), "Unknown (", ")")
				default:
					if sl != 0 {
						if !p.unknownDataOK(tptr, "\n\t\t    ", sl) {
							return 0
						}
					}
				}
			}
		case 32:
			if sl >= 8 {
				f := p.pkt[tptr]
				ident()
				p.s("  Flags: [")
				p.bittokOr(isisLANAdjSIDFlagValues, uint32(f), "none")
				p.s("]")
				vflag, lflag := f&0x20 != 0, f&0x10 != 0
				tptr++
				sl--
				sum--
				proc++
				ident()
				p.s("  Weight: ")
				p.u(uint64(p.pkt[tptr]))
				tptr++
				sl--
				sum--
				proc++
				if sl >= 6 {
					ident()
					p.s("  Neighbor System-ID: ")
					p.isisID(tptr, 6)
				}
				switch {
				case vflag && lflag:
					v := p.be24(tptr + 6)
					ident()
					p.s("  Label: ")
					p.u(uint64(v))
				case !vflag && !lflag:
					v := p.be32(tptr + 6)
					ident()
					p.s("  Index: ")
					p.u(uint64(v))
				default:
					p.invalid()
				}
			}
		default:
			if !p.unknownDataOK(tptr, "\n\t\t    ", sl) {
				return 0
			}
		}
		tptr += sl
		remaining -= sl
		sum -= sl
		proc += sl
	}
	return proc
}

// isisMTID is isis_print_mtid: 2, or 0 when there are fewer bytes.
func (p *Printer) isisMTID(tptr int, ident string, remaining int) int {
	if remaining < 2 {
		return 0
	}
	v := p.be16(tptr)
	p.s(ident)
	p.tokStr(isisMTValues, uint32(v&0x0fff), "Reserved for IETF Consensus")
	p.s(" Topology (0x")
	p.xpad(uint64(v&0x0fff), 3)
	p.s("), Flags: [")
	p.bittokOr(isisMTFlagValues, uint32(v&0xf000), "none")
	p.s("]")
	return 2
}

// isisExtdIPReach is isis_print_extd_ip_reach: the bytes it used, 0 on
// error.
func (p *Printer) isisExtdIPReach(tptr int, ident string, v6 bool) int {
	metric := p.be32(tptr)
	processed := 4
	tptr += 4
	var status, bits byte
	if !v6 {
		status = p.u8(tptr)
		tptr++
		bits = status & 0x3f
		if bits > 32 {
			p.s(ident)
			p.s("IPv4 prefix: bad bit length ")
			p.u(uint64(bits))
			return 0
		}
		processed++
	} else {
		status = p.u8(tptr)
		bits = p.u8(tptr + 1)
		if bits > 128 {
			p.s(ident)
			p.s("IPv6 prefix: bad bit length ")
			p.u(uint64(bits))
			return 0
		}
		tptr += 2
		processed += 2
	}
	n := (int(bits) + 7) / 8
	p.check(tptr, n)
	var prefix [16]byte
	copy(prefix[:], p.pkt[tptr:tptr+n])
	tptr += n
	processed += n
	p.s(ident)
	if !v6 {
		p.s("IPv4 prefix: ")
		p.padIP4(prefix[:4])
	} else {
		p.s("IPv6 prefix: ")
		p.ip6s(prefix[:])
	}
	p.c('/')
	p.u(uint64(bits))
	p.s(", Distribution: ")
	if status&0x80 != 0 {
		p.s("down")
	} else {
		p.s("up")
	}
	p.s(", Metric: ")
	p.u(uint64(metric))
	sub := false
	if !v6 && status&0x40 != 0 {
		p.s(", sub-TLVs present")
		sub = true
	} else if v6 {
		p.s(", ")
		p.isisExtIntern(status)
		if status&0x20 != 0 {
			p.s(", sub-TLVs present")
			sub = true
		}
	}
	if sub {
		sublen := uint32(p.u8(tptr))
		tptr++
		processed += int(sublen) + 1
		p.s(" (")
		p.u(uint64(sublen))
		p.s(")")
		for sublen > 0 {
			st := uint32(p.u8(tptr))
			sl := uint32(p.u8(tptr + 1))
			tptr += 2
			if !p.isisIPReachSubTLV(tptr, st, sl, isisIdent2) {
				return 0
			}
			tptr += int(sl)
			sublen -= sl + 2
		}
	}
	return processed
}

// isisRouterCapSubTLV is isis_print_router_cap_subtlv.
func (p *Printer) isisRouterCapSubTLV(tptr int, tlen uint8) {
	for tlen >= 2 {
		st := p.u8(tptr)
		sl := p.u8(tptr + 1)
		tlen -= 2
		tptr += 2
		p.s("\n\t\t")
		p.tokStr(isisRouterCapSubTLVValues, uint32(st), "unknown")
		p.s(" subTLV #")
		p.u(uint64(st))
		p.s(", length: ")
		p.u(uint64(sl))
		if sl > tlen {
			break
		}
		if !p.ttest(tptr, int(sl)) {
			return
		}
		switch st {
		case 2:
			flags := p.u8(tptr)
			rng := p.be24(tptr + 1)
			p.s(", Flags [")
			p.bittokOr(isisRouterCapSRFlags, uint32(flags), "None")
			p.s("], Range ")
			p.u(uint64(rng))
			sp := tptr + 4
			stl := sl - 4
			for stl >= 5 {
				typ := p.u8(sp)
				l := p.u8(sp + 1)
				stl -= 2
				sp += 2
				if l > stl {
					break
				}
				switch typ {
				case 1:
					switch l {
					case 3:
						v := p.be24(sp)
						p.s(", SID value ")
						p.u(uint64(v))
					case 4:
						v := p.be32(sp)
						p.s(", SID value ")
						p.u(uint64(v))
					default:
						p.s(", Unknown SID length")
						p.u(uint64(l))
					}
				default:
					p.unknownData(sp, "\n\t\t  ", int(l))
				}
				sp += int(l)
				stl -= l
			}
		default:
			p.unknownData(tptr, "\n\t\t", int(sl))
		}
		tlen -= sl
		tptr += int(sl)
	}
}

func (p *Printer) isisMCID(m int) bool {
	if !p.ttest(m, 51) {
		p.trunc()
		return false
	}
	p.s("ID: ")
	p.u(uint64(p.pkt[m]))
	p.s(", Name: ")
	p.printjnp(m+1, 32)
	p.s("\n\t              Lvl: ")
	p.u(uint64(p.be16(m + 33)))
	p.s(", Digest: ")
	for i := 0; i < 16; i++ {
		p.hex2(p.pkt[m+35+i])
		p.c(' ')
	}
	return true
}

// isisMTPortCapSubTLV is isis_print_mt_port_cap_subtlv.
func (p *Printer) isisMTPortCapSubTLV(tptr, length int) {
	for length > 2 {
		st := p.u8(tptr)
		sl := int(p.u8(tptr + 1))
		p.s("\n\t       ")
		p.tokStr(isisMTPortCapSubTLVValues, uint32(st), "unknown")
		p.s(" subTLV #")
		p.u(uint64(st))
		p.s(", length: ")
		p.u(uint64(sl))
		tptr += 2
		length -= 2
		if length < sl {
			p.s(" (> containing TLV length)")
			return
		}
		if !p.ttest(tptr, sl) {
			p.trunc()
			return
		}
		switch st {
		case 4:
			if sl < 102 {
				p.s(" (too short)")
				return
			}
			p.s("\n\t         MCID: ")
			p.isisMCID(tptr)
			p.s("\n\t         AUX-MCID: ")
			p.isisMCID(tptr + 51)
			tptr += 102
			length -= 102
			sl -= 102
		case 5:
			if sl < 33 {
				p.s(" (too short)")
				return
			}
			b := p.pkt[tptr]
			p.s("\n\t        RES: ")
			p.u(uint64(b >> 5))
			p.s(" V: ")
			p.u(uint64(b >> 4 & 1))
			p.s(" A: ")
			p.u(uint64(b >> 2 & 3))
			p.s(" D: ")
			p.u(uint64(b & 3))
			tptr++
			p.s("\n\t         Digest: ")
			for i := 1; i <= 8; i++ {
				p.xpad(uint64(p.be32(tptr)), 8)
				p.c(' ')
				if i%4 == 0 && i != 8 {
					p.s("\n\t                 ")
				}
				tptr += 4
			}
			length -= 33
			sl -= 33
		case 6:
			for sl != 0 {
				if sl < 4 {
					p.s(" (too short)")
					return
				}
				p.s("\n\t           ECT: ")
				p.xpad(uint64(p.be32(tptr)), 8)
				tptr += 4
				length -= 4
				sl -= 4
				if sl < 2 {
					p.s(" (too short)")
					return
				}
				v := p.be16(tptr)
				p.s(" BVID: ")
				p.u(uint64(v >> 4))
				p.s(", U:")
				p.x(uint64(v >> 3 & 1))
				p.s(" M:")
				p.x(uint64(v >> 2 & 1))
				p.s(" ")
				tptr += 2
				length -= 2
				sl -= 2
			}
		}
		tptr += sl
		length -= sl
	}
}

// isisMTCapSubTLV is isis_print_mt_capability_subtlv.
func (p *Printer) isisMTCapSubTLV(tptr, length int) {
	for length > 2 {
		st := p.u8(tptr)
		sl := int(p.u8(tptr + 1))
		tptr += 2
		length -= 2
		p.s("\n\t      ")
		p.tokStr(isisMTCapSubTLVValues, uint32(st), "unknown")
		p.s(" subTLV #")
		p.u(uint64(st))
		p.s(", length: ")
		p.u(uint64(sl))
		if length < sl {
			p.s(" (> containing TLV length)")
			return
		}
		if !p.ttest(tptr, sl) {
			p.trunc()
			return
		}
		switch st {
		case 1:
			if sl < 19 {
				p.s(" (too short)")
				return
			}
			p.s("\n\t        CIST Root-ID: ")
			p.xpad(uint64(p.be32(tptr)), 8)
			p.c(' ')
			p.xpad(uint64(p.be32(tptr+4)), 8)
			p.s(", Path Cost: ")
			p.xpad(uint64(p.be32(tptr+8)), 8)
			p.s(", Prio: ")
			p.u(uint64(p.be16(tptr + 12)))
			v := p.be16(tptr + 14)
			p.s("\n\t        RES: ")
			p.u(uint64(v >> 5))
			p.s(", V: ")
			p.u(uint64(v >> 4 & 1))
			p.s(", SPSource-ID: ")
			p.u(uint64(p.be32(tptr+14) & 0x000fffff))
			trees := p.pkt[tptr+18]
			p.s(", No of Trees: ")
			p.x(uint64(trees))
			tptr += 19
			length -= 19
			sl -= 19
			for ; trees != 0; trees-- {
				if sl < 8 {
					p.trunc()
					return
				}
				b := p.pkt[tptr]
				p.s("\n\t         U:")
				p.u(uint64(b >> 7))
				p.s(", M:")
				p.u(uint64(b >> 6 & 1))
				p.s(", A:")
				p.u(uint64(b >> 5 & 1))
				p.s(", RES:")
				p.u(uint64(b & 0x1f))
				tptr++
				p.s(", ECT: ")
				p.xpad(uint64(p.be32(tptr)), 8)
				tptr += 4
				v := p.be24(tptr)
				p.s(", BVID: ")
				p.u(uint64(v >> 12 & 0xfff))
				p.s(", SPVID: ")
				p.u(uint64(v & 0xfff))
				tptr += 3
				length -= 8
				sl -= 8
			}
		case 3:
			if sl < 8 {
				p.trunc()
				return
			}
			p.s("\n\t        BMAC: ")
			p.xpad(uint64(p.be32(tptr)), 8)
			p.xpad(uint64(p.be16(tptr+4)), 4)
			v := p.be16(tptr + 6)
			p.s(", RES: ")
			p.u(uint64(v >> 12))
			p.s(", VID: ")
			p.u(uint64(v & 0xfff))
			tptr += 8
			length -= 8
			sl -= 8
			for sl >= 4 {
				w := p.be32(tptr)
				p.s("\n\t        T: ")
				p.u(uint64(w >> 31))
				p.s(", R: ")
				p.u(uint64(w >> 30 & 1))
				p.s(", RES: ")
				p.u(uint64(w >> 24 & 0x3f))
				p.s(", ISID: ")
				p.u(uint64(w & 0xffffff))
				tptr += 4
				length -= 4
				sl -= 4
			}
		}
		tptr += sl
		length -= sl
	}
}

// osiCksum is create_osi_cksum: the Fletcher check bytes for length
// bytes at pp with the checksum field at off.
func osiCksum(b []byte, off int) uint16 {
	var c0, c1 uint32
	for i := range b {
		if i == off || i == off+1 {
			c1 += c0
		} else {
			c0 += uint32(b[i])
			c1 += c0
		}
	}
	c0 %= 255
	c1 %= 255
	mul := uint32(len(b)-off) * c0
	x := int32(mul - c0 - c1)
	y := int32(c1 - mul - 1)
	if y >= 0 {
		y++
	}
	if x < 0 {
		x--
	}
	x %= 255
	y %= 255
	if x == 0 {
		x = 255
	}
	if y == 0 {
		y = 255
	}
	y &= 0xff
	return uint16(x<<8 | y)
}

// osiPrintCksum is osi_print_cksum.
func (p *Printer) osiPrintCksum(pp int, sum uint16, off, length int) {
	if sum == 0 || off < 0 || !p.ttest(pp+off, 2) || off > length || !p.ttest(pp, length) {
		p.s(" (unverified)")
		return
	}
	c := osiCksum(p.pkt[pp:pp+length], off)
	if c == sum {
		p.s(" (correct)")
		return
	}
	p.s(" (incorrect should be 0x")
	p.xpad(uint64(c), 4)
	p.s(")")
}

// isisPrint is isis_print: false when the caller is to dump the PDU.
func (p *Printer) isisPrint(bp, length int) bool {
	p.proto = "isis"
	packetLen := length
	optr := bp
	trunc := func() bool {
		p.trunc()
		return true
	}
	if !p.ttest(bp, 8) {
		return trunc()
	}
	if length < 8 {
		return trunc()
	}
	pptr := bp + 8
	if !p.o.Link {
		p.s("IS-IS")
	}
	version := p.pkt[bp+2]
	if version != 1 {
		p.s("version ")
		p.u(uint64(version))
		p.s(" packet not supported")
		return false
	}
	pduIDLen := p.pkt[bp+3]
	if pduIDLen != 6 && pduIDLen != 0 {
		p.s("system ID length of ")
		p.u(uint64(pduIDLen))
		p.s(" is not supported")
		return false
	}
	pduVersion := p.pkt[bp+5]
	if pduVersion != 1 {
		p.s("version ")
		p.u(uint64(pduVersion))
		p.s(" packet not supported")
		return false
	}
	fixedLen := int(p.pkt[bp+1])
	if length < fixedLen {
		p.s("fixed header length ")
		p.u(uint64(fixedLen))
		p.s(" > packet length ")
		p.u(uint64(uint32(length)))
		return false
	}
	if fixedLen < 8 {
		p.s("fixed header length ")
		p.u(uint64(fixedLen))
		p.s(" < minimum header size 8")
		return false
	}
	pduMaxArea := p.pkt[bp+7]
	maxArea := pduMaxArea
	switch pduMaxArea {
	case 0:
		maxArea = 3
	case 255:
		p.s("bad packet -- 255 areas")
		return false
	}
	idLen := pduIDLen
	if pduIDLen == 0 {
		idLen = 6
	}
	pduType := p.pkt[bp+4]
	sep := func() {
		if !p.o.Link {
			p.s(", ")
		}
	}
	if p.o.Verbose == 0 {
		sep()
		p.tokStrU(isisPDUValues, uint32(pduType), "unknown PDU-Type ", "")
	} else {
		sep()
		p.s("length ")
		p.u(uint64(uint32(length)))
		p.s("\n\t")
		p.tokStrU(isisPDUValues, uint32(pduType), "unknown, type ", "")
		p.s(", hlen: ")
		p.u(uint64(fixedLen))
		p.s(", v: ")
		p.u(uint64(version))
		p.s(", pdu-v: ")
		p.u(uint64(pduVersion))
		p.s(", sys-id-len: ")
		p.u(uint64(idLen))
		p.s(" (")
		p.u(uint64(pduIDLen))
		p.s("), max-area: ")
		p.u(uint64(maxArea))
		p.s(" (")
		p.u(uint64(pduMaxArea))
		p.s(")")
		if p.o.Verbose > 1 && !p.unknownDataOK(optr, "\n\t", 8) {
			return false
		}
	}
	lenTail := func() {
		p.s(", length ")
		p.u(uint64(uint32(length)))
	}
	invalidOrDecrement := func(n int) bool {
		if packetLen < n {
			p.s(" [packet length ")
			p.u(uint64(uint32(packetLen)))
			p.s(" < ")
			p.u(uint64(n))
			p.s("]")
			p.invalid()
			return false
		}
		packetLen -= n
		return true
	}
	bogus := func(should int) bool {
		p.s(", bogus fixed header length ")
		p.u(uint64(fixedLen))
		p.s(" should be ")
		p.u(uint64(should))
		return false
	}
	limit := func(pduLen int) {
		if packetLen > pduLen {
			packetLen = pduLen
			length = pduLen
		}
	}
	switch pduType {
	case 15, 16:
		if fixedLen != 27 {
			return bogus(27)
		}
		if !p.ttest(pptr, 19) {
			return trunc()
		}
		if length < 27 {
			return trunc()
		}
		if p.o.Verbose == 0 {
			p.sID(", src-id ", pptr+1, 6)
			p.sID(", lan-id ", pptr+12, 7)
			p.s(", prio ")
			p.u(uint64(p.pkt[pptr+11]))
			lenTail()
			return true
		}
		pduLen := int(p.be16(pptr + 9))
		limit(pduLen)
		p.sID("\n\t  source-id: ", pptr+1, 6)
		p.s(",  holding time: ")
		p.u(uint64(p.be16(pptr + 7)))
		p.s("s, Flags: [")
		p.tokStrX(isisCircuitTypeValues, uint32(p.pkt[pptr]), "unknown circuit type 0x", 2, "")
		p.s("]")
		p.sID("\n\t  lan-id:    ", pptr+12, 7)
		p.s(", Priority: ")
		p.u(uint64(p.pkt[pptr+11] & 0x7f))
		p.s(", PDU length: ")
		p.u(uint64(pduLen))
		if p.o.Verbose > 1 && !p.unknownDataOK(pptr, "\n\t  ", 19) {
			return false
		}
		if !invalidOrDecrement(27) {
			return true
		}
		pptr = bp + 27
	case 17:
		if fixedLen != 20 {
			return bogus(20)
		}
		if !p.ttest(pptr, 12) {
			return trunc()
		}
		if length < 20 {
			return trunc()
		}
		if p.o.Verbose == 0 {
			p.sID(", src-id ", pptr+1, 6)
			lenTail()
			return true
		}
		pduLen := int(p.be16(pptr + 9))
		limit(pduLen)
		p.sID("\n\t  source-id: ", pptr+1, 6)
		p.s(", holding time: ")
		p.u(uint64(p.be16(pptr + 7)))
		p.s("s, Flags: [")
		p.tokStrX(isisCircuitTypeValues, uint32(p.pkt[pptr]), "unknown circuit type 0x", 2, "")
		p.s("]")
		p.s("\n\t  circuit-id: 0x")
		p.xpad(uint64(p.pkt[pptr+11]), 2)
		p.s(", PDU length: ")
		p.u(uint64(pduLen))
		if p.o.Verbose > 1 && !p.unknownDataOK(pptr, "\n\t  ", 12) {
			return false
		}
		if !invalidOrDecrement(20) {
			return true
		}
		pptr = bp + 20
	case 18, 20:
		if fixedLen != 27 {
			p.s(", bogus fixed header length ")
			p.u(uint64(fixedLen))
			p.s(" should be 19")
			return false
		}
		if !p.ttest(pptr, 19) {
			return trunc()
		}
		if length < 27 {
			return trunc()
		}
		if p.o.Verbose == 0 {
			p.sID(", lsp-id ", pptr+4, 8)
			p.s(", seq 0x")
			p.xpad(uint64(p.be32(pptr+12)), 8)
			p.s(", lifetime ")
			p.padUint(uint64(p.be16(pptr+2)), 5)
			p.s("s")
			lenTail()
			return true
		}
		pduLen := int(p.be16(pptr))
		limit(pduLen)
		sum := p.be16(pptr + 16)
		p.sID("\n\t  lsp-id: ", pptr+4, 8)
		p.s(", seq: 0x")
		p.xpad(uint64(p.be32(pptr+12)), 8)
		p.s(", lifetime: ")
		p.padUint(uint64(p.be16(pptr+2)), 5)
		p.s("s\n\t  chksum: 0x")
		p.xpad(uint64(sum), 4)
		p.osiPrintCksum(pptr+4, sum, 12, length-12)
		tb := p.pkt[pptr+18]
		p.s(", PDU length: ")
		p.u(uint64(pduLen))
		p.s(", Flags: [ ")
		if tb&0x4 != 0 {
			p.s("Overload bit set, ")
		}
		if tb&0x78 != 0 {
			if tb&0x8 != 0 {
				p.s("default ")
			}
			if tb&0x10 != 0 {
				p.s("delay ")
			}
			if tb&0x20 != 0 {
				p.s("expense ")
			}
			if tb&0x40 != 0 {
				p.s("error ")
			}
			p.s("ATT bit set, ")
		}
		if tb&0x80 != 0 {
			p.s("P bit set, ")
		}
		p.tokStrX(isisLSPISTypeValues, uint32(tb&3), "Unknown(0x", 0, ")")
		p.s(" ]")
		if p.o.Verbose > 1 && !p.unknownDataOK(pptr, "\n\t  ", 19) {
			return false
		}
		if !invalidOrDecrement(27) {
			return true
		}
		pptr = bp + 27
	case 24, 25:
		if fixedLen != 33 {
			return bogus(33)
		}
		if !p.ttest(pptr, 25) {
			return trunc()
		}
		if length < 33 {
			return trunc()
		}
		if p.o.Verbose == 0 {
			p.sID(", src-id ", pptr+2, 7)
			lenTail()
			return true
		}
		pduLen := int(p.be16(pptr))
		limit(pduLen)
		p.sID("\n\t  source-id:    ", pptr+2, 7)
		p.s(", PDU length: ")
		p.u(uint64(pduLen))
		p.sID("\n\t  start lsp-id: ", pptr+9, 8)
		p.sID("\n\t  end lsp-id:   ", pptr+17, 8)
		if p.o.Verbose > 1 && !p.unknownDataOK(pptr, "\n\t  ", 25) {
			return false
		}
		if !invalidOrDecrement(33) {
			return true
		}
		pptr = bp + 33
	case 26, 27:
		if fixedLen != 17 {
			p.s("- bogus fixed header length ")
			p.u(uint64(fixedLen))
			p.s(" should be 17")
			return false
		}
		if !p.ttest(pptr, 9) {
			return trunc()
		}
		if length < 17 {
			return trunc()
		}
		if p.o.Verbose == 0 {
			p.sID(", src-id ", pptr+2, 7)
			lenTail()
			return true
		}
		pduLen := int(p.be16(pptr))
		limit(pduLen)
		p.sID("\n\t  source-id:    ", pptr+2, 7)
		p.s(", PDU length: ")
		p.u(uint64(pduLen))
		if p.o.Verbose > 1 && !p.unknownDataOK(pptr, "\n\t  ", 9) {
			return false
		}
		if !invalidOrDecrement(17) {
			return true
		}
		pptr = bp + 17
	default:
		if p.o.Verbose == 0 {
			lenTail()
			return true
		}
		p.unknownData(pptr, "\n\t  ", length)
		return false
	}
	return p.isisTLVs(optr, pptr, packetLen, length)
}

// isisTLVs is the TLV loop of isis_print.
func (p *Printer) isisTLVs(optr, pptr, packetLen, length int) bool {
	trunc := func() bool {
		p.trunc()
		return true
	}
	for packetLen > 0 {
		if !p.ttest(pptr, 2) {
			return trunc()
		}
		if packetLen < 2 {
			return trunc()
		}
		tlvType := p.pkt[pptr]
		tlvLen := p.pkt[pptr+1]
		pptr += 2
		packetLen -= 2
		tlen := tlvLen
		tptr := pptr
		p.s("\n\t    ")
		p.tokStr(isisTLVValues, uint32(tlvType), "unknown")
		p.s(" TLV #")
		p.u(uint64(tlvType))
		p.s(", length: ")
		p.u(uint64(tlvLen))
		if packetLen < int(tlvLen) {
			return trunc()
		}
		r := p.isisTLV(optr, pptr, tptr, tlvType, tlvLen, tlen, length)
		switch r {
		case tlvStopTrunc:
			return trunc()
		case tlvReturnTrue:
			return true
		case tlvReturnFalse:
			return false
		}
		if p.o.Verbose > 1 && !p.unknownDataOK(pptr, "\n\t      ", int(tlvLen)) {
			return false
		}
		pptr += int(tlvLen)
		packetLen -= int(tlvLen)
	}
	if packetLen != 0 {
		p.s("\n\t      ")
		p.u(uint64(uint32(packetLen)))
		p.s(" straggler bytes")
	}
	return true
}

// What one TLV's printer tells the loop.
const (
	tlvNext        = iota // go on (after the -vv dump)
	tlvStopTrunc          // goto trunc
	tlvReturnTrue         // return 1
	tlvReturnFalse        // return 0
)

// isisExtLoop runs one of the loops of extended IS or IP reachability
// entries over tlen bytes at tptr.
func (p *Printer) isisExtLoop(tptr int, tlen uint8, f func(tptr int, tlen uint8) int) int {
	for tlen != 0 {
		n := f(tptr, tlen)
		if n == 0 {
			return tlvStopTrunc
		}
		if int(tlen) < n {
			p.s(" [remaining tlv length ")
			p.u(uint64(tlen))
			p.s(" < ")
			p.u(uint64(n))
			p.s("]")
			p.invalid()
			break
		}
		tlen -= uint8(n)
		tptr += int(uint8(n))
	}
	return tlvNext
}

// isisTLV prints one TLV (the switch of isis_print's TLV loop).
func (p *Printer) isisTLV(optr, pptr, tptr int, tlvType, tlvLen, tlen uint8, length int) int {
	const ident = isisIdent
	switch tlvType {
	case 1:
		for tlen != 0 {
			alen := p.u8(tptr)
			tptr++
			tlen--
			if tlen < alen {
				return tlvNext
			}
			p.check(tptr, int(alen))
			p.s("\n\t      Area address (length: ")
			p.u(uint64(alen))
			p.s("): ")
			p.isonsap(tptr, int(alen))
			tptr += int(alen)
			tlen -= alen
		}
	case 6:
		for tlen != 0 {
			if tlen < 6 {
				return tlvNext
			}
			if !p.ttest(tptr, 6) {
				return tlvStopTrunc
			}
			p.s("\n\t      SNPA: ")
			p.isisID(tptr, 6)
			tlen -= 6
			tptr += 6
		}
	case 7:
		if tlen < 4 {
			return tlvNext
		}
		n := int(tlen-2) / 2
		id := p.be16(tptr)
		p.s("\n\t      Instance ID: ")
		p.u(uint64(id))
		p.s(", ITIDs(")
		p.u(uint64(n))
		p.s(")")
		if n != 0 {
			p.s(":")
		}
		p.s(" ")
		tptr += 2
		for i := 0; i < n; i++ {
			p.u(uint64(p.be16(tptr)))
			if i < n-1 {
				p.s(", ")
			}
			tptr += 2
		}
	case 8:
	case 222:
		n := p.isisMTID(tptr, ident, int(tlen))
		if n == 0 {
			return tlvStopTrunc
		}
		tptr += n
		tlen -= uint8(n)
		return p.isisExtLoop(tptr, tlen, func(t int, l uint8) int { return p.isisExtISReach(t, ident, int(tlvType), int(l)) })
	case 24, 22:
		return p.isisExtLoop(tptr, tlen, func(t int, l uint8) int { return p.isisExtISReach(t, ident, int(tlvType), int(l)) })
	case 2:
		if tlen < 1 {
			return tlvNext
		}
		v := p.u8(tptr)
		p.s("\n\t      ")
		p.tokStrX(isisVirtualValues, uint32(v), "bogus virtual flag 0x", 2, "")
		tptr++
		tlen--
		for tlen != 0 {
			if tlen < 11 {
				return tlvNext
			}
			if !p.ttest(tptr, 11) {
				return tlvStopTrunc
			}
			p.s("\n\t      IS Neighbor: ")
			p.isisID(tptr+4, 7)
			p.isisMetricBlock(tptr)
			tlen -= 11
			tptr += 11
		}
	case 3:
		for tlen != 0 {
			if tlen < 10 {
				return tlvNext
			}
			if !p.ttest(tptr, 10) {
				return tlvStopTrunc
			}
			p.s("\n\t      ES Neighbor: ")
			p.isisID(tptr+4, 6)
			p.isisMetricBlock(tptr)
			tlen -= 10
			tptr += 10
		}
	case 128, 130:
		if !p.isisTLVIPReach(pptr, ident, int(tlvLen)) {
			return tlvReturnTrue
		}
	case 135:
		return p.isisExtLoop(tptr, tlen, func(t int, l uint8) int { return p.isisExtdIPReach(t, ident, false) })
	case 235, 237:
		n := p.isisMTID(tptr, ident, int(tlen))
		if n == 0 {
			return tlvStopTrunc
		}
		tptr += n
		tlen -= uint8(n)
		v6 := tlvType == 237
		return p.isisExtLoop(tptr, tlen, func(t int, l uint8) int { return p.isisExtdIPReach(t, ident, v6) })
	case 236:
		return p.isisExtLoop(tptr, tlen, func(t int, l uint8) int { return p.isisExtdIPReach(t, ident, true) })
	case 232:
		for tlen != 0 {
			if tlen < 16 {
				return tlvNext
			}
			p.check(tptr, 16)
			p.s("\n\t      IPv6 interface address: ")
			p.ip6(tptr)
			tptr += 16
			tlen -= 16
		}
	case 10:
		if tlen < 1 {
			return tlvNext
		}
		at := p.u8(tptr)
		tptr++
		tlen--
		p.s("\n\t      ")
		p.tokStrX(isisAuthValues, uint32(at), "unknown Authentication type 0x", 2, "")
		p.s(": ")
		switch at {
		case 1:
			p.printjnp(tptr, int(tlen))
		case 54:
			for i := 0; i < int(tlen); i++ {
				p.hex2(p.u8(tptr + i))
			}
			if tlen != 16 {
				p.s(", (invalid subTLV) ")
			}
			p.s(" (unchecked)")
		case 3:
			if tlen < 2 {
				return tlvNext
			}
			k := p.be16(tptr)
			p.u(uint64(k))
			p.s(", password: ")
			tptr += 2
			tlen -= 2
			for i := 0; i < int(tlen); i++ {
				p.hex2(p.u8(tptr + i))
			}
		default:
			if !p.unknownDataOK(tptr, "\n\t\t  ", int(tlen)) {
				return tlvReturnFalse
			}
		}
	case 240:
		if tlen >= 1 {
			st := p.u8(tptr)
			p.s("\n\t      Adjacency State: ")
			p.tokStr(isisPTPAdjValues, uint32(st), "unknown")
			p.s(" (")
			p.u(uint64(st))
			p.s(")")
			tlen--
		}
		if tlen > 4 {
			p.sx32("\n\t      Extended Local circuit-ID: 0x", tptr+1, 8)
			tlen -= 4
		}
		if tlen >= 6 {
			if !p.ttest(tptr+5, 6) {
				return tlvStopTrunc
			}
			p.s("\n\t      Neighbor System-ID: ")
			p.isisID(tptr+5, 6)
			tlen -= 6
		}
		if tlen >= 4 {
			p.sx32("\n\t      Neighbor Extended Local circuit-ID: 0x", tptr+11, 8)
		}
	case 129:
		p.s("\n\t      NLPID(s): ")
		for tlen != 0 {
			v := p.u8(tptr)
			p.tokStr(nlpidValues, uint32(v), "unknown")
			p.s(" (0x")
			p.xpad(uint64(v), 2)
			p.s(")")
			if tlen > 1 {
				p.s(", ")
			}
			tptr++
			tlen--
		}
	case 143:
		if tlen < 2 {
			return tlvNext
		}
		v := p.be16(tptr)
		p.s("\n\t       RES: ")
		p.u(uint64(v >> 12))
		p.s(", MTID(s): ")
		p.u(uint64(v & 0xfff))
		tptr += 2
		tlen -= 2
		if tlen != 0 {
			p.isisMTPortCapSubTLV(tptr, int(tlen))
		}
	case 144:
		if tlen < 2 {
			return tlvNext
		}
		v := p.be16(tptr)
		p.s("\n\t      O: ")
		p.u(uint64(v >> 15 & 1))
		p.s(", RES: ")
		p.u(uint64(v >> 12 & 7))
		p.s(", MTID(s): ")
		p.u(uint64(v & 0xfff))
		tptr += 2
		tlen -= 2
		if tlen != 0 {
			p.isisMTCapSubTLV(tptr, int(tlen))
		}
	case 134:
		if tlen < 4 {
			return tlvNext
		}
		p.check(pptr, 4)
		p.s("\n\t      Traffic Engineering Router ID: ")
		p.ip4(pptr)
	case 132:
		for tlen != 0 {
			if tlen < 4 {
				return tlvNext
			}
			p.check(tptr, 4)
			p.s("\n\t      IPv4 interface address: ")
			p.ip4(tptr)
			tptr += 4
			tlen -= 4
		}
	case 137:
		p.s("\n\t      Hostname: ")
		p.printjnp(tptr, int(tlen))
	case 138:
		if tlen < 7 {
			break
		}
		if !p.ttest(tptr, 7) {
			return tlvStopTrunc
		}
		p.s("\n\t      IS Neighbor: ")
		p.isisID(tptr, 7)
		tptr += 7
		tlen -= 7
		if tlen < 1 {
			break
		}
		f := p.u8(tptr)
		p.s(", Flags: [")
		if f&1 != 0 {
			p.s("numbered")
		} else {
			p.s("unnumbered")
		}
		p.s("]")
		tptr++
		tlen--
		if tlen < 4 {
			break
		}
		p.check(tptr, 4)
		p.s("\n\t      IPv4 interface address: ")
		p.ip4(tptr)
		tptr += 4
		tlen -= 4
		if tlen < 4 {
			break
		}
		p.check(tptr, 4)
		p.s("\n\t      IPv4 neighbor address: ")
		p.ip4(tptr)
		tptr += 4
		tlen -= 4
		for tlen != 0 {
			if tlen < 4 {
				return tlvNext
			}
			p.sx32("\n\t      Link-ID: 0x", tptr, 8)
			tptr += 4
			tlen -= 4
		}
	case 9:
		for tlen != 0 {
			if tlen < 16 {
				return tlvNext
			}
			if !p.ttest(tptr+2+7, 1) {
				return tlvStopTrunc
			}
			p.sID("\n\t      lsp-id: ", tptr+2, 8)
			p.sx32(", seq: 0x", tptr+10, 8)
			lt := p.be16(tptr)
			p.s(", lifetime: ")
			p.padUint(uint64(lt), 5)
			p.s("s")
			p.sx16(", chksum: 0x", tptr+14, 4)
			tlen -= 16
			tptr += 16
		}
	case 12:
		if tlen < 2 {
			break
		}
		if !p.ttest(tptr, 2) {
			return tlvStopTrunc
		}
		sum := p.be16(tptr)
		p.s("\n\t      checksum: 0x")
		p.xpad(uint64(sum), 4)
		p.s(" ")
		p.osiPrintCksum(optr, sum, tptr-optr, length)
	case 13:
		if tlen < 1 {
			return tlvNext
		}
		n := p.u8(tptr)
		tptr++
		tlen--
		if n == 0 {
			p.s(" No system IDs supplied")
			break
		}
		if tlen < 6 {
			return tlvNext
		}
		if !p.ttest(tptr, 6) {
			return tlvStopTrunc
		}
		p.s("\n\t      Purge Originator System-ID: ")
		p.isisID(tptr, 6)
		tptr += 6
		tlen -= 6
		if n > 1 {
			if tlen < 6 {
				return tlvNext
			}
			if !p.ttest(tptr, 6) || !p.ttest(tptr, 13) {
				return tlvStopTrunc
			}
			p.s("\n\t      Received from System-ID: ")
			p.isisID(tptr, 6)
		}
	case 229:
		for tlen != 0 {
			if tlen != 1 {
				n := p.isisMTID(tptr, ident, int(tlen))
				if n == 0 {
					return tlvStopTrunc
				}
				tptr += n
				tlen -= uint8(n)
			} else {
				p.s("\n\t      invalid MT-ID")
				break
			}
		}
	case 211:
		if tlen < 1 {
			break
		}
		if !p.ttest(tptr, 1) {
			return tlvStopTrunc
		}
		p.s("\n\t      Flags [")
		p.bittokOr(isisRestartFlagValues, uint32(p.pkt[tptr]), "none")
		p.s("]")
		tptr++
		tlen--
		if tlen == 0 || tlen < 2 {
			break
		}
		if !p.ttest(tptr, 2) {
			return tlvStopTrunc
		}
		p.s(", Remaining holding time ")
		p.u(uint64(p.be16(tptr)))
		p.s("s")
		tptr += 2
		tlen -= 2
		if tlen == 6 {
			if !p.ttest(tptr, 6) {
				return tlvStopTrunc
			}
			p.s(", for ")
			p.isisID(tptr, 6)
		}
	case 131:
		if tlen < 1 {
			break
		}
		t := p.u8(tptr)
		p.s("\n\t      Inter-Domain Information Type: ")
		p.tokStrX(isisIDRPValues, uint32(t), "Unknown (0x", 2, ")")
		tptr++
		tlen--
		switch t {
		case 2:
			if tlen < 2 {
				return tlvNext
			}
			p.su16("AS Number: ", tptr)
		default:
			if !p.unknownDataOK(tptr, "\n\t      ", int(tlen)) {
				return tlvReturnFalse
			}
		}
	case 14:
		if tlen < 2 {
			break
		}
		p.su16("\n\t      LSP Buffersize: ", tptr)
	case 4:
		for tlen != 0 {
			if tlen < 6 {
				return tlvNext
			}
			if !p.ttest(tptr, 6) {
				return tlvStopTrunc
			}
			p.s("\n\t      ")
			p.isisID(tptr, 6)
			tptr += 6
			tlen -= 6
		}
	case 5:
		if tlen < 4 {
			break
		}
		if !p.ttest(tptr, 4) {
			return tlvStopTrunc
		}
		p.s("\n\t      Metric Block")
		p.isisMetricBlock(tptr)
		tptr += 4
		tlen -= 4
		for tlen != 0 {
			pl := p.u8(tptr)
			tptr++
			tlen--
			if pl < 2 {
				p.s("\n\t\tAddress: prefix length ")
				p.u(uint64(pl))
				p.s(" < 2")
				break
			}
			if tlen < pl/2 {
				break
			}
			p.check(tptr, int(pl/2))
			p.s("\n\t\tAddress: ")
			p.isonsap(tptr, int(pl/2))
			p.c('/')
			p.u(uint64(pl) * 4)
			tptr += int(pl / 2)
			tlen -= pl / 2
		}
	case 241:
		if tlen < 4 {
			break
		}
		p.su32("\n\t      Sequence number: ", tptr)
	case 242:
		if tlen < 5 {
			p.s(" [object length ")
			p.u(uint64(tlen))
			p.s(" < 5]")
			p.invalid()
			break
		}
		p.check(tptr, 4)
		p.s("\n\t      Router-ID ")
		p.ip4(tptr)
		f := p.u8(tptr + 4)
		p.s(", Flags [")
		p.bittokOr(isisRouterCapFlags, uint32(f), "none")
		p.s("]")
		if tlen > 5 {
			p.isisRouterCapSubTLV(tptr+5, tlen-5)
		}
	case 250:
		if tlen < 3 {
			break
		}
		v := p.be24(tptr)
		p.s("\n\t      Vendor: ")
		p.tokStr(ouiValues, v, "Unknown")
		p.s(" (")
		p.u(uint64(v))
		p.s(")")
		tptr += 3
		tlen -= 3
		if tlen != 0 && !p.unknownDataOK(tptr, "\n\t\t", int(tlen)) {
			return tlvReturnFalse
		}
	default:
		if p.o.Verbose <= 1 && !p.unknownDataOK(pptr, "\n\t\t", int(tlvLen)) {
			return tlvReturnFalse
		}
	}
	return tlvNext
}

var esisOptionValues = []tokL2{
	{129, "Protocols supported"}, {195, "QoS Maintenance"}, {197, "Security"},
	{198, "ES Configuration Time"}, {205, "Priority"}, {225, "Addressk Mask"}, {226, "SNPA Mask"},
}

var clnpOptionValues = []tokL2{
	{193, "Discard Reason"}, {205, "Priority"}, {195, "QoS Maintenance"}, {197, "Security"},
	{200, "Source Routing"}, {203, "Route Recording"}, {204, "Padding"},
}

var clnpRFDClassValues = []tokL2{
	{0x0, "General"}, {0x8, "Address"}, {0x9, "Source Routeing"}, {0xa, "Lifetime"},
	{0xb, "PDU Discarded"}, {0xc, "Reassembly"},
}

var clnpRFDErrorClass = [16][]tokL2{
	0: {{0x0, "Reason not specified"}, {0x1, "Protocol procedure error"}, {0x2, "Incorrect checksum"},
		{0x3, "PDU discarded due to congestion"}, {0x4, "Header syntax error (cannot be parsed)"},
		{0x5, "Segmentation needed but not permitted"}, {0x6, "Incomplete PDU received"}, {0x7, "Duplicate option"}},
	8:  {{0x0, "Destination address unreachable"}, {0x1, "Destination address unknown"}},
	9:  {{0x0, "Unspecified source routeing error"}, {0x1, "Syntax error in source routeing field"}, {0x2, "Unknown address in source routeing field"}, {0x3, "Path not acceptable"}},
	10: {{0x0, "Lifetime expired while data unit in transit"}, {0x1, "Lifetime expired during reassembly"}},
	11: {{0x0, "Unsupported option not specified"}, {0x1, "Unsupported protocol version"}, {0x2, "Unsupported security option"}, {0x3, "Unsupported source routeing option"}, {0x4, "Unsupported recording of route option"}},
	12: {{0x0, "Reassembly interference"}},
}

var clnpOptionScopeValues = []tokL2{{0x40, "Source Address Specific"}, {0x80, "Destination Address Specific"}, {0xc0, "Globally unique"}}

var clnpOptionSRRRValues = []tokL2{{0x0, "partial"}, {0x1, "complete"}}

var clnpOptionSRRRStringValues = []tokL2{{200, "source routing"}, {203, "recording of route in progress"}}

var clnpOptionQoSGlobalValues = []tokL2{
	{0x20, "reserved"}, {0x10, "sequencing vs. delay"}, {0x08, "congested"},
	{0x04, "delay vs. cost"}, {0x02, "error vs. delay"}, {0x01, "error vs. cost"},
}

var clnpFlagValues = []tokL2{{0x80, "Segmentation permitted"}, {0x40, "more Segments"}, {0x20, "request Error Report"}}

var clnpPDUValues = []tokL2{{1, "Error Report"}, {29, "MD"}, {28, "Data"}, {30, "Echo Request"}, {31, "Echo Response"}}

var esisPDUValues = []tokL2{{6, "redirect"}, {2, "ESH"}, {4, "ISH"}}

// sNSAP prints prefix and the NSAP of n bytes at cp, reading it first.
func (p *Printer) sNSAP(prefix string, cp, n int) {
	p.check(cp, n)
	p.s(prefix)
	p.isonsap(cp, n)
}

// hexRest prints the bytes from cp to the end of the capture as %02X.
func (p *Printer) hexRest(cp int) {
	for ; cp < p.snapend; cp++ {
		p.hex2u(p.pkt[cp])
	}
}

// clnpPrint is clnp_print: false when the caller is to dump the PDU.
func (p *Printer) clnpPrint(pptr, length int) bool {
	p.proto = "clnp"
	if !p.ttest(pptr, 9) {
		p.trunc()
		return true
	}
	li := int(p.pkt[pptr+1])
	liRem := li
	optr := pptr
	if !p.o.Link {
		p.s("CLNP")
	}
	if v := p.pkt[pptr+2]; v != 1 {
		p.s("version ")
		p.u(uint64(v))
		p.s(" packet not supported")
		return false
	}
	if li > length {
		p.s(" length indicator(")
		p.u(uint64(li))
		p.s(") > PDU size (")
		p.u(uint64(uint32(length)))
		p.s(")!")
		return false
	}
	if li < 9 {
		p.s(" length indicator ")
		p.u(uint64(li))
		p.s(" < min PDU size:")
		p.hexRest(pptr)
		return false
	}
	typ := p.pkt[pptr+4]
	pduType := typ & 0x1f
	flags := typ & 0xe0
	pptr += 9
	liRem -= 9
	short := func() bool {
		p.s("li < size of fixed part of CLNP header and addresses")
		return false
	}
	if liRem < 1 {
		return short()
	}
	dstLen := int(p.u8(pptr))
	pptr++
	liRem--
	if liRem < dstLen {
		return short()
	}
	if !p.ttest(pptr, dstLen) {
		p.trunc()
		return true
	}
	dst := pptr
	pptr += dstLen
	liRem -= dstLen
	if liRem < 1 {
		return short()
	}
	srcLen := int(p.u8(pptr))
	pptr++
	liRem--
	if liRem < srcLen {
		return short()
	}
	if !p.ttest(pptr, srcLen) {
		p.trunc()
		return true
	}
	src := pptr
	pptr += srcLen
	liRem -= srcLen
	sep := func() {
		if !p.o.Link {
			p.s(", ")
		}
	}
	if p.o.Verbose < 1 {
		sep()
		p.isonsap(src, srcLen)
		p.s(" > ")
		p.isonsap(dst, dstLen)
		p.s(", ")
		p.tokStrU(clnpPDUValues, uint32(pduType), "unknown (", ")")
		p.s(", length ")
		p.u(uint64(uint32(length)))
		return true
	}
	sep()
	p.s("length ")
	p.u(uint64(uint32(length)))
	sum := p.be16(optr + 7)
	lt := p.pkt[optr+3]
	p.s("\n\t")
	p.tokStrU(clnpPDUValues, uint32(pduType), "unknown (", ")")
	p.s(" PDU, hlen: ")
	p.u(uint64(li))
	p.s(", v: 1, lifetime: ")
	p.u(uint64(lt / 2))
	p.c('.')
	p.u(uint64(lt%2) * 5)
	p.s("s, Segment PDU length: ")
	p.u(uint64(p.be16(optr + 5)))
	p.s(", checksum: 0x")
	p.xpad(uint64(sum), 4)
	p.osiPrintCksum(optr, sum, 7, li)
	p.s("\n\tFlags [")
	p.bittokOr(clnpFlagValues, uint32(flags), "none")
	p.s("]")
	p.s("\n\tsource address (length ")
	p.u(uint64(srcLen))
	p.s("): ")
	p.isonsap(src, srcLen)
	p.s("\n\tdest   address (length ")
	p.u(uint64(dstLen))
	p.s("): ")
	p.isonsap(dst, dstLen)
	if flags&0x80 != 0 {
		if liRem < 6 {
			p.s("li < size of fixed part of CLNP header, addresses, and segment part")
			return false
		}
		if !p.ttest(pptr, 6) {
			p.trunc()
			return true
		}
		p.s("\n\tData Unit ID: 0x")
		p.xpad(uint64(p.be16(pptr)), 4)
		p.s(", Segment Offset: ")
		p.u(uint64(p.be16(pptr + 2)))
		p.s(", Total PDU Length: ")
		p.u(uint64(p.be16(pptr + 4)))
		pptr += 6
		liRem -= 6
	}
	for liRem != 0 {
		if liRem < 2 {
			p.s(", bad opts/li")
			return false
		}
		op := p.u8(pptr)
		opli := int(p.u8(pptr + 1))
		pptr += 2
		liRem -= 2
		if opli > liRem {
			p.s(", opt (")
			p.u(uint64(op))
			p.s(") too long")
			return false
		}
		if !p.ttest(pptr, opli) {
			p.trunc()
			return true
		}
		liRem -= opli
		tptr, tlen := pptr, opli
		p.s("\n\t  ")
		p.tokStr(clnpOptionValues, uint32(op), "Unknown")
		p.s(" Option #")
		p.u(uint64(op))
		p.s(", length ")
		p.u(uint64(opli))
		p.s(", value: ")
		badLen := func() bool {
			p.s(", bad opt len")
			return false
		}
		switch op {
		case 203, 200:
			if tlen < 2 {
				return badLen()
			}
			p.tokStr(clnpOptionSRRRValues, uint32(p.pkt[tptr]), "Unknown")
			p.c(' ')
			p.tokStrU(clnpOptionSRRRStringValues, uint32(op), "Unknown Option ", "")
			off := int(p.pkt[tptr+1])
			if off == 0 {
				p.s(" Bad NSAP offset (0)")
				break
			}
			off--
			if off > tlen {
				p.s(" Bad NSAP offset (past end of option)")
				break
			}
			tptr += off
			tlen -= off
			for tlen > 0 {
				al := int(p.u8(tptr))
				if tlen < al+1 {
					p.s("\n\t    NSAP address goes past end of option")
					break
				}
				if al > 0 {
					p.check(tptr+1, al)
					p.s("\n\t    NSAP address (length ")
					p.u(uint64(al))
					p.s("): ")
					p.isonsap(tptr+1, al)
				}
				tlen -= al + 1
			}
		case 205:
			if tlen < 1 {
				return badLen()
			}
			p.s("0x")
			p.x(uint64(p.pkt[tptr] & 0x0f))
		case 195:
			if tlen < 1 {
				return badLen()
			}
			b := p.pkt[tptr]
			p.s("\n\t    Format Code: ")
			p.tokStr(clnpOptionScopeValues, uint32(b&0xc0), "Reserved")
			if b&0xc0 == 0xc0 {
				p.s("\n\t    QoS Flags [")
				p.bittokOr(clnpOptionQoSGlobalValues, uint32(b&0x3f), "none")
				p.s("]")
			}
		case 197:
			if tlen < 2 {
				return badLen()
			}
			p.s("\n\t    Format Code: ")
			p.tokStr(clnpOptionScopeValues, uint32(p.pkt[tptr]&0xc0), "Reserved")
			p.s(", Security-Level ")
			p.u(uint64(p.pkt[tptr+1]))
		case 193:
			if tlen < 1 {
				return badLen()
			}
			e := p.pkt[tptr]
			maj, min := e>>4, e&0x0f
			p.s("\n\t    Class: ")
			p.tokStr(clnpRFDClassValues, uint32(maj), "Unknown")
			p.s(" Error (0x")
			p.x(uint64(maj))
			p.s("), ")
			p.tokStr(clnpRFDErrorClass[maj], uint32(min), "Unknown")
			p.s(" (0x")
			p.x(uint64(min))
			p.s(")")
		case 204:
			p.s("padding data")
		default:
			p.unknownData(tptr, "\n\t  ", opli)
		}
		if p.o.Verbose > 1 {
			p.unknownData(pptr, "\n\t  ", opli)
		}
		pptr += opli
	}
	if (pduType == 1 || pduType == 31) && p.u8(pptr) == 0x81 {
		p.s("\n\t-----original packet-----\n\t")
		p.clnpPrint(pptr, length-li)
		return true
	}
	if length > pptr-optr {
		p.s("\n\t  undecoded non-header data, length ")
		p.u(uint64(uint32(length - li)))
		p.unknownData(pptr, "\n\t  ", length-(pptr-optr))
	}
	return true
}

// esisPrint is esis_print.
// esisNET prints one length-prefixed NET of an ESH or ISH at *pptr,
// within *li bytes of header, and moves both past it; false (after the
// truncation marker, or bad: ", bad esh/li") when it does not fit.
func (p *Printer) esisNET(pptr, li *int, bad string) bool {
	if !p.ttest(*pptr, 1) {
		p.trunc()
		return false
	}
	if *li < 1 {
		p.s(bad)
		return false
	}
	al := int(p.pkt[*pptr])
	*pptr++
	*li--
	if !p.ttest(*pptr, al) {
		p.trunc()
		return false
	}
	if *li < al {
		p.s(bad)
		return false
	}
	p.s("\n\t  NET (length: ")
	p.u(uint64(al))
	p.s("): ")
	p.isonsap(*pptr, al)
	*pptr += al
	*li -= al
	return true
}

func (p *Printer) esisPrint(pptr, length int) {
	p.proto = "esis"
	if !p.o.Link {
		p.s("ES-IS")
	}
	if length <= 2 {
		if p.o.Quiet {
			p.s("bad pkt!")
		} else {
			p.s("no header at all!")
		}
		return
	}
	if !p.ttest(pptr, 9) {
		p.trunc()
		return
	}
	li := int(p.pkt[pptr+1])
	optr := pptr
	version := p.pkt[pptr+2]
	if version != 1 {
		p.s(" version ")
		p.u(uint64(version))
		p.s(" packet not supported")
		return
	}
	if li > length {
		p.s(" length indicator(")
		p.u(uint64(li))
		p.s(") > PDU size (")
		p.u(uint64(uint32(length)))
		p.s(")!")
		return
	}
	if li < 11 {
		p.s(" length indicator ")
		p.u(uint64(li))
		p.s(" < min PDU size:")
		p.hexRest(pptr)
		return
	}
	typ := p.pkt[pptr+4] & 0x1f
	if p.o.Verbose < 1 {
		if !p.o.Link {
			p.s(", ")
		}
		p.tokStrU(esisPDUValues, uint32(typ), "unknown type (", ")")
		p.s(", length ")
		p.u(uint64(uint32(length)))
		return
	}
	if !p.o.Link {
		p.s(", ")
	}
	p.s("length ")
	p.u(uint64(uint32(length)))
	p.s("\n\t")
	p.tokStrU(esisPDUValues, uint32(typ), "unknown type: ", "")
	p.s(" (")
	p.u(uint64(typ))
	p.s(")")
	p.s(", v: 1")
	sum := p.be16(pptr + 7)
	p.s(", checksum: 0x")
	p.xpad(uint64(sum), 4)
	p.osiPrintCksum(pptr, sum, 7, li)
	p.s(", holding time: ")
	p.u(uint64(p.be16(pptr + 5)))
	p.s("s, length indicator: ")
	p.u(uint64(li))
	if p.o.Verbose > 1 {
		p.unknownData(optr, "\n\t", 9)
	}
	pptr += 9
	li -= 9
	tr := func() { p.trunc() }
	switch typ {
	case 6:
		if !p.ttest(pptr, 1) {
			tr()
			return
		}
		bad := func() { p.s(", bad redirect/li") }
		if li < 1 {
			bad()
			return
		}
		dstl := int(p.pkt[pptr])
		pptr++
		li--
		if !p.ttest(pptr, dstl) {
			tr()
			return
		}
		if li < dstl {
			bad()
			return
		}
		dst := pptr
		pptr += dstl
		li -= dstl
		p.sNSAP("\n\t  ", dst, dstl)
		if !p.ttest(pptr, 1) {
			tr()
			return
		}
		if li < 1 {
			bad()
			return
		}
		snpal := int(p.pkt[pptr])
		pptr++
		li--
		if !p.ttest(pptr, snpal) {
			tr()
			return
		}
		if li < snpal {
			bad()
			return
		}
		snpa := pptr
		pptr += snpal
		li -= snpal
		if !p.ttest(pptr, 1) {
			tr()
			return
		}
		if li < 1 {
			bad()
			return
		}
		netal := int(p.pkt[pptr])
		pptr++
		if !p.ttest(pptr, netal) {
			tr()
			return
		}
		if li < netal {
			bad()
			return
		}
		neta := pptr
		pptr += netal
		li -= netal
		p.s("\n\t  SNPA (length: ")
		p.u(uint64(snpal))
		p.s("): ")
		if snpal == 6 && p.names != nil {
			p.mac(snpa) // linkaddr_string's MAC-48 goes to etheraddr_string
		} else {
			p.linkAddr(snpa, snpal)
		}
		if netal != 0 {
			p.s("\n\t  NET (length: ")
			p.u(uint64(netal))
			p.s(") ")
			p.isonsap(neta, netal)
		}
	case 2:
		if !p.ttest(pptr, 1) {
			tr()
			return
		}
		if li < 1 {
			p.s(", bad esh/li")
			return
		}
		n := p.pkt[pptr]
		pptr++
		li--
		p.s("\n\t  Number of Source Addresses: ")
		p.u(uint64(n))
		for ; n > 0; n-- {
			if !p.esisNET(&pptr, &li, ", bad esh/li") {
				return
			}
		}
	case 4:
		if !p.esisNET(&pptr, &li, ", bad ish/li") {
			return
		}
	default:
		if p.o.Verbose <= 1 {
			if p.ttest(pptr, 1) {
				p.unknownData(pptr, "\n\t  ", p.snapend-pptr)
			}
		}
		return
	}
	for li != 0 {
		if li < 2 {
			p.s(", bad opts/li")
			return
		}
		op := p.u8(pptr)
		opli := int(p.u8(pptr + 1))
		pptr += 2
		li -= 2
		if opli > li {
			p.s(", opt (")
			p.u(uint64(op))
			p.s(") too long")
			return
		}
		li -= opli
		tptr := pptr
		p.s("\n\t  ")
		p.tokStr(esisOptionValues, uint32(op), "Unknown")
		p.s(" Option #")
		p.u(uint64(op))
		p.s(", length ")
		p.u(uint64(opli))
		p.s(", value: ")
		switch op {
		case 198:
			if opli == 2 {
				if !p.ttest(pptr, 2) {
					tr()
					return
				}
				p.u(uint64(p.be16(tptr)))
				p.s("s")
			} else {
				p.s("(bad length)")
			}
		case 129:
			// The loop uses up opli: no -vv dump, and pptr stays.
			for ; opli > 0; opli-- {
				v := p.u8(tptr)
				p.tokStr(nlpidValues, uint32(v), "unknown")
				p.s(" (0x")
				p.xpad(uint64(v), 2)
				p.s(")")
				if opli > 1 {
					p.s(", ")
				}
				tptr++
			}
		default:
			p.unknownData(tptr, "\n\t  ", opli)
		}
		if p.o.Verbose > 1 {
			p.unknownData(pptr, "\n\t  ", opli)
		}
		pptr += opli
	}
}
