// OSPFv2 (RFC 2328), as tcpdump 4.99.3's print-ospf.c prints it: the
// packet type and, with -v, the header, authentication, and every packet
// type's contents (Hello, Database Description, LS Request, LS Update
// with Router, Network, Summary, External, NSSA, Multicast Group and
// opaque LSAs (Router Information, Graceful Restart, Traffic
// Engineering), LS Ack) and the link-local signaling block (RFC 4813).
// IP protocol 89 over IPv6 is OSPFv3 (ospf6.go, print-ospf6.c).

package printer

import "strconv"

func init() {
	registerIPProto(89, "ospf", func(p *Printer, d ipPayload) {
		if d.ver == 6 {
			p.ospf6Print(d.off, d.length)
			return
		}
		p.ospfPrint(d.off, d.length)
	})
}

// tokBits is a bittok2str table.
type tokBits []struct {
	bit  uint32
	name string
}

// bits is bittok2str: the names of the bits set in v, ", " between them,
// or none.
func (p *Printer) bits(v uint32, t tokBits, none string) {
	sep := ""
	for _, b := range t {
		if v&b.bit == b.bit && b.bit != 0 {
			p.s(sep)
			p.s(b.name)
			sep = ", "
		}
	}
	if sep == "" {
		p.s(none)
	}
}

// tok prints tok2str's result: the name of v, or def.
func (p *Printer) tok(t map[uint32]string, v uint32, def string) {
	if n, ok := t[v]; ok {
		p.s(n)
		return
	}
	p.s(def)
}

var ospfOptions = tokBits{{0x01, "MultiTopology"}, {0x02, "External"}, {0x04, "Multicast"}, {0x08, "NSSA"},
	{0x10, "LLS"}, {0x20, "Demand Circuit"}, {0x40, "Opaque"}, {0x80, "Up/Down"}}

var ospfAuthTypes = map[uint32]string{0: "none", 1: "simple", 2: "MD5"}

var ospfRLAFlags = tokBits{{0x01, "ABR"}, {0x02, "ASBR"}, {0x04, "Virtual"}, {0x08, "Wildcard"}, {0x10, "Nt"}, {0x80, "Host"}}

var ospfTypes = map[uint32]string{1: "Hello", 2: "Database Description", 3: "LS-Request", 4: "LS-Update", 5: "LS-Ack"}

var ospfLSATypes = map[uint32]string{1: "Router", 2: "Network", 3: "Summary", 4: "ASBR Summary", 5: "External",
	6: "Multicast Group", 7: "NSSA", 9: "Link Local Opaque", 10: "Area Local Opaque", 11: "Domain Wide Opaque"}

var ospfDDFlags = tokBits{{0x04, "Init"}, {0x02, "More"}, {0x01, "Master"}, {0x08, "OOBResync"}}

var ospfOpaqueTypes = map[uint32]string{1: "Traffic Engineering", 3: "Graceful restart", 4: "Router Information"}

var ospfTETLVs = map[uint32]string{1: "Router Address", 2: "Link"}

var ospfTELinkSubTLVs = map[uint32]string{1: "Link Type", 2: "Link ID", 3: "Local Interface IP address",
	4: "Remote Interface IP address", 5: "Traffic Engineering Metric", 6: "Maximum Bandwidth",
	7: "Maximum Reservable Bandwidth", 8: "Unreserved Bandwidth", 9: "Administrative Group",
	11: "Link Local/Remote Identifier", 14: "Link Protection Type", 15: "Interface Switching Capability",
	16: "Shared Risk Link Group", 17: "Bandwidth Constraints"}

var ospfGraceTLVs = map[uint32]string{1: "Grace Period", 2: "Graceful restart Reason", 3: "IPv4 interface address"}

var ospfGraceReasons = map[uint32]string{0: "Unknown", 1: "Software Restart", 2: "Software Reload/Upgrade", 3: "Control Processor Switch"}

var ospfTELinkTypes = map[uint32]string{1: "Point-to-point", 2: "Multi-Access"}

var ospfRITLVs = map[uint32]string{1: "Router Capabilities"}

var ospfRICaps = tokBits{{1, "Reserved"}, {2, "Reserved"}, {4, "Reserved"}, {8, "Reserved"},
	{16, "graceful restart capable"}, {32, "graceful restart helper"}, {64, "Stub router support"},
	{128, "Traffic engineering"}, {256, "p2p over LAN"}, {512, "path computation server"}}

var ospfLLSTLVs = map[uint32]string{1: "Extended Options", 2: "MD5 Authentication"}

var ospfLLSEOOptions = tokBits{{0x00000001, "LSDB resync"}, {0x00000002, "Restart"}}

var ospfTopologies = map[uint32]string{0: "default", 1: "multicast", 2: "management"}

// The GMPLS tables of tcpdump's gmpls.c.
var gmplsLinkProt = tokBits{{0x01, "Extra Traffic"}, {0x02, "Unprotected"}, {0x04, "Shared"},
	{0x08, "Dedicated 1:1"}, {0x10, "Dedicated 1+1"}, {0x20, "Enhanced"}, {0x40, "Reserved"}, {0x80, "Reserved"}}

var gmplsSwitchCaps = map[uint32]string{1: "Packet-Switch Capable-1", 2: "Packet-Switch Capable-2",
	3: "Packet-Switch Capable-3", 4: "Packet-Switch Capable-4", 51: "Layer-2 Switch Capable",
	100: "Time-Division-Multiplex", 150: "Lambda-Switch Capable", 200: "Fiber-Switch Capable"}

var gmplsEncodings = map[uint32]string{1: "Packet", 2: "Ethernet V2/DIX", 3: "ANSI/ETSI PDH", 4: "Reserved",
	5: "SDH ITU-T G.707/SONET ANSI T1.105", 6: "Reserved", 7: "Digital Wrapper", 8: "Lambda (photonic)",
	9: "Fiber", 10: "Reserved", 11: "FiberChannel"}

var diffservTEBCs = map[uint32]string{0: "Russian dolls", 1: "Maximum allocation", 2: "Maximum allocation with E-LSP support"}

// mbps prints a bandwidth given as an IEEE float of bytes per second in
// megabits per second, with C's float arithmetic ("%.3f Mbps").
func (p *Printer) mbps(bits uint32) {
	f := float32frombits(bits)
	v := f * 8 / 1000000
	p.buf = strconv.AppendFloat(p.buf, float64(v), 'f', 3, 64)
	p.s(" Mbps")
}

func (p *Printer) ospfPrint(bp, length int) {
	p.proto = "ospf2"
	l := uint32(length)
	if p.be16(bp+14) == 2 { // MD5: strip the trailer
		l -= 16
		p.snapend -= 16
	}
	typ := uint32(p.u8(bp + 1))
	version := p.u8(bp)
	p.s("OSPFv")
	p.u(uint64(version))
	p.s(", ")
	n, known := ospfTypes[typ]
	if known {
		p.s(n)
	} else {
		p.s("unknown LS-type ")
		p.u(uint64(typ))
	}
	p.s(", length ")
	p.u(uint64(l))
	if !known || p.o.Verbose == 0 {
		return
	}
	olen := uint32(p.be16(bp + 2))
	if l != olen {
		p.s(" [len ")
		p.u(uint64(olen))
		p.s("]")
	}
	dataend := bp + int(l)
	if l > olen {
		dataend = bp + int(olen)
	}
	p.check(bp+4, 4) // each ND_PRINT reads its fields before it prints
	p.s("\n\tRouter-ID ")
	p.ip4(bp + 4)
	if p.be32(bp+8) != 0 {
		p.s(", Area ")
		p.ip4(bp + 8)
	} else {
		p.s(", Backbone Area")
	}
	p.check(bp+16, 8)
	auth := uint32(p.be16(bp + 14))
	p.s(", Authentication Type: ")
	p.tok(ospfAuthTypes, auth, "unknown")
	p.s(" (")
	p.u(uint64(auth))
	p.s(")")
	switch auth {
	case 0:
	case 1:
		p.s("\n\tSimple text password: ")
		p.printjnp(bp+16, 8)
	case 2:
		p.s("\n\tKey-ID: ")
		p.u(uint64(p.pkt[bp+18]))
		p.s(", Auth-Length: ")
		p.u(uint64(p.pkt[bp+19]))
		p.s(", Crypto Sequence Number: 0x")
		p.xpad(uint64(p.be32(bp+20)), 8)
	default:
		return
	}
	switch version {
	case 2:
		if !p.ospfDecodeV2(bp, dataend) {
			panic(truncated{})
		}
		if l > olen {
			p.ospfLLS(bp, l)
		}
	default:
		p.s(" ospf [version ")
		p.u(uint64(version))
		p.s("]")
	}
}

// ospfLSHdr is ospf_print_lshdr: an LSA header; it returns the LSA's
// length, or -1.
func (p *Printer) ospfLSHdr(h int) int {
	ln := int(p.be16(h + 18))
	if ln < 20 {
		p.s("\n\t    Bogus length ")
		p.u(uint64(ln))
		p.s(" < header (20)")
		return -1
	}
	p.check(h, 20)
	p.s("\n\t  Advertising Router ")
	p.ip4(h + 8)
	p.s(", seq 0x")
	p.xpad(uint64(p.be32(h+12)), 8)
	p.s(", age ")
	p.u(uint64(p.be16(h)))
	p.s("s, length ")
	p.u(uint64(ln - 20))
	typ := uint32(p.pkt[h+3])
	p.s("\n\t    ")
	p.tok(ospfLSATypes, typ, "unknown")
	p.s(" LSA (")
	p.u(uint64(typ))
	p.s("), ")
	switch typ {
	case 9, 10, 11:
		ot := uint32(p.pkt[h+4])
		p.s("Opaque-Type ")
		p.tok(ospfOpaqueTypes, ot, "unknown")
		p.s(" LSA (")
		p.u(uint64(ot))
		p.s("), Opaque-ID ")
		p.u(uint64(p.be32(h+4) & 0xffffff))
	default:
		p.s("LSA-ID: ")
		p.ip4(h + 4)
	}
	p.s("\n\t    Options: [")
	p.bits(uint32(p.pkt[h+2]), ospfOptions, "none")
	p.s("]")
	return ln
}

// ospfTOSMetrics is ospf_print_tos_metrics for the router link at l.
func (p *Printer) ospfTOSMetrics(tos int) {
	count := int(p.u8(tos+1)) + 1
	for i := 0; count != 0; i++ {
		t := uint32(0)
		if i > 0 {
			t = uint32(p.u8(tos))
		}
		metric := p.be16(tos + 2)
		p.s("\n\t\ttopology ")
		p.tok(ospfTopologies, t, "Unknown")
		p.s(" (")
		p.u(uint64(t))
		p.s("), metric ")
		p.u(uint64(metric))
		tos += 4
		count--
	}
}

// ospfLSA is ospf_print_lsa: one LSA; it returns the offset past it, or
// -1 when truncated or bogus.
func (p *Printer) ospfLSA(lsa int) int {
	ret := p.ospfLSHdr(lsa)
	if ret < 0 {
		return -1
	}
	end := lsa + ret
	ln := ret - 20
	body := lsa + 20
	switch p.u8(lsa + 3) {
	case 1: // Router
		fl := p.u8(body)
		p.s("\n\t    Router LSA Options: [")
		p.bits(uint32(fl), ospfRLAFlags, "none")
		p.s("]")
		count := int(p.be16(body + 2))
		if !p.ttest(body+4, 12) {
			return -1
		}
		rl := body + 4
		for i := count; i != 0; i-- {
			if !p.ttest(rl, 12) {
				return -1
			}
			switch t := p.pkt[rl+8]; t {
			case 4, 1, 2, 3:
				p.s("\n\t      ")
				switch t {
				case 4:
					p.s("Virtual Link: Neighbor Router-ID: ")
				case 1:
					p.s("Neighbor Router-ID: ")
				case 2:
					p.s("Neighbor Network-ID: ")
				case 3:
					p.s("Stub Network: ")
				}
				p.ip4(rl)
				if t == 3 {
					p.s(", Mask: ")
				} else {
					p.s(", Interface Address: ")
				}
				p.ip4(rl + 4)
			default:
				p.s("\n\t      Unknown Router Link Type (")
				p.u(uint64(t))
				p.s(")")
				return end
			}
			p.ospfTOSMetrics(rl + 8)
			rl += 12 + int(p.pkt[rl+9])*4
		}
	case 2: // Network
		p.check(body, 4)
		p.s("\n\t    Mask ")
		p.ip4(body)
		p.s("\n\t    Connected Routers:")
		for a := body + 4; a < end; a += 4 {
			p.check(a, 4)
			p.s("\n\t      ")
			p.ip4(a)
		}
	case 3, 4: // Summary, ASBR Summary
		if p.pkt[lsa+3] == 3 {
			if !p.ttest(body, 4) {
				return -1
			}
			p.s("\n\t    Mask ")
			p.ip4(body)
		}
		if !p.ttest(body+4, 4) {
			return -1
		}
		for lp := body + 4; lp < end; lp += 4 {
			ul := p.be32(lp)
			t := (ul & 0x7f000000) >> 24
			p.s("\n\t\ttopology ")
			p.tok(ospfTopologies, t, "Unknown")
			p.s(" (")
			p.u(uint64(t))
			p.s(") metric ")
			p.u(uint64(ul & 0xffffff))
		}
	case 5, 7: // External, NSSA
		if !p.ttest(body, 4) {
			return -1
		}
		p.s("\n\t    Mask ")
		p.ip4(body)
		if !p.ttest(body+4, 4) {
			return -1
		}
		for m := body + 4; m < end; m += 12 {
			ul := p.be32(m)
			t := (ul & 0x7f000000) >> 24
			p.s("\n\t\ttopology ")
			p.tok(ospfTopologies, t, "Unknown")
			p.s(" (")
			p.u(uint64(t))
			p.s("), type ")
			if ul&0x80000000 != 0 {
				p.c('2')
			} else {
				p.c('1')
			}
			p.s(", metric")
			if ul&0xffffff == 0xffffff {
				p.s(" infinite")
			} else {
				p.c(' ')
				p.u(uint64(ul & 0xffffff))
			}
			if p.be32(m+4) != 0 {
				p.s(", forward ")
				p.ip4(m + 4)
			}
			if p.be32(m+8) != 0 {
				p.s(", tag ")
				p.ip4(m + 8)
			}
		}
	case 6: // Multicast group
		for m := body; m < end; m += 8 {
			switch vt := p.be32(m); vt {
			case 1:
				p.check(m+4, 4)
				p.s("\n\t    Router Router-ID ")
				p.ip4(m + 4)
			case 2:
				p.check(m+4, 4)
				p.s("\n\t    Network Designated Router ")
				p.ip4(m + 4)
			default:
				p.s("\n\t    unknown VertexType (")
				p.u(uint64(vt))
				p.s(")")
			}
		}
	case 9, 10, 11:
		switch p.u8(lsa + 4) {
		case 4: // Router Information
			tp := body
			rem := uint32(ln)
			for rem != 0 {
				if !p.ttest(tp, 4) {
					return -1
				}
				if rem < 4 {
					p.s("\n\t    Remaining LS length ")
					p.u(uint64(rem))
					p.s(" < 4")
					return end
				}
				tt := uint32(p.be16(tp))
				tl := uint32(p.be16(tp + 2))
				tp += 4
				rem -= 4
				p.s("\n\t    ")
				p.tok(ospfRITLVs, tt, "unknown")
				p.s(" TLV (")
				p.u(uint64(tt))
				p.s("), length: ")
				p.u(uint64(tl))
				p.s(", value: ")
				if tl > rem {
					p.s("\n\t    Bogus length ")
					p.u(uint64(tl))
					p.s(" > remaining LS length ")
					p.u(uint64(rem))
					return end
				}
				if !p.ttest(tp, int(tl)) {
					return -1
				}
				switch tt {
				case 1:
					if tl != 4 {
						p.s("\n\t    Bogus length ")
						p.u(uint64(tl))
						p.s(" != 4")
						return end
					}
					p.s("Capabilities: ")
					p.bits(p.be32(tp), ospfRICaps, "Unknown")
				default:
					if p.o.Verbose <= 1 && !p.unknownDataOK(tp, "\n\t      ", int(tl)) {
						return end
					}
				}
				tp += int(tl)
				rem -= tl
			}
		case 3:
			if !p.ospfGraceLSA(body, uint32(ln)) {
				return end
			}
		case 1:
			if !p.ospfTELSA(body, uint32(ln)) {
				return end
			}
		default:
			if p.o.Verbose <= 1 && !p.unknownDataOK(body, "\n\t    ", ln) {
				return end
			}
		}
	}
	if p.o.Verbose > 1 && !p.unknownDataOK(body, "\n\t    ", ln) {
		return end
	}
	return end
}

// ospfGraceLSA is ospf_grace_lsa_print; false for tcpdump's -1.
func (p *Printer) ospfGraceLSA(tp int, ln uint32) bool {
	for ln > 0 {
		if !p.ttest(tp, 4) {
			return false
		}
		if ln < 4 {
			p.s("\n\t    Remaining LS length ")
			p.u(uint64(ln))
			p.s(" < 4")
			return false
		}
		tt := uint32(p.be16(tp))
		tl := uint32(p.be16(tp + 2))
		tp += 4
		ln -= 4
		p.s("\n\t    ")
		p.tok(ospfGraceTLVs, tt, "unknown")
		p.s(" TLV (")
		p.u(uint64(tt))
		p.s("), length ")
		p.u(uint64(tl))
		p.s(", value: ")
		if tl > ln {
			p.s("\n\t    Bogus length ")
			p.u(uint64(tl))
			p.s(" > ")
			p.u(uint64(ln))
			return false
		}
		if tt == 0 || tl == 0 {
			return false
		}
		if !p.ttest(tp, int(tl)) {
			return false
		}
		switch tt {
		case 1, 3:
			if tl != 4 {
				p.s("\n\t    Bogus length ")
				p.u(uint64(tl))
				p.s(" != 4")
				return false
			}
			if tt == 1 {
				p.u(uint64(p.be32(tp)))
				p.c('s')
			} else {
				p.ip4(tp)
			}
		case 2:
			if tl != 1 {
				p.s("\n\t    Bogus length ")
				p.u(uint64(tl))
				p.s(" != 1")
				return false
			}
			r := uint32(p.pkt[tp])
			p.tok(ospfGraceReasons, r, "Unknown")
			p.s(" (")
			p.u(uint64(r))
			p.s(")")
		default:
			if p.o.Verbose <= 1 && !p.unknownDataOK(tp, "\n\t      ", int(tl)) {
				return false
			}
		}
		if tl%4 != 0 {
			tl += 4 - tl%4
		}
		ln -= tl
		tp += int(tl)
	}
	return true
}

// ospfTELSA is ospf_te_lsa_print; false for tcpdump's -1.
func (p *Printer) ospfTELSA(tp int, ln uint32) bool {
	for ln != 0 {
		if !p.ttest(tp, 4) {
			return false
		}
		if ln < 4 {
			p.s("\n\t    Remaining LS length ")
			p.u(uint64(ln))
			p.s(" < 4")
			return false
		}
		tt := uint32(p.be16(tp))
		tl := uint32(p.be16(tp + 2))
		tp += 4
		ln -= 4
		p.s("\n\t    ")
		p.tok(ospfTETLVs, tt, "unknown")
		p.s(" TLV (")
		p.u(uint64(tt))
		p.s("), length: ")
		p.u(uint64(tl))
		if tl > ln {
			p.s("\n\t    Bogus length ")
			p.u(uint64(tl))
			p.s(" > ")
			p.u(uint64(ln))
			return false
		}
		if tt == 0 || tl == 0 {
			return false
		}
		switch tt {
		case 2:
			for tl != 0 {
				if tl < 4 {
					p.s("\n\t    Remaining TLV length ")
					p.u(uint64(tl))
					p.s(" < 4")
					return false
				}
				st := uint32(p.be16(tp))
				sl := uint32(p.be16(tp + 2))
				tp += 4
				tl -= 4
				if st == 0 || sl == 0 {
					p.invalid()
					return false
				}
				p.s("\n\t      ")
				p.tok(ospfTELinkSubTLVs, st, "unknown")
				p.s(" subTLV (")
				p.u(uint64(st))
				p.s("), length: ")
				p.u(uint64(sl))
				if tl < sl {
					p.s("\n\t    Remaining TLV length ")
					p.u(uint64(tl + 4))
					p.s(" < ")
					p.u(uint64(sl + 4))
					return false
				}
				if !p.ttest(tp, int(sl)) {
					return false
				}
				extra, ok := p.ospfTESubTLV(st, sl, tp)
				if !ok {
					p.invalid()
					return false
				}
				tp += extra // the shared risk groups advance the pointer twice
				if sl%4 != 0 {
					sl += 4 - sl%4
				}
				if tl < sl {
					p.s("\n\t    Remaining TLV length ")
					p.u(uint64(tl + 4))
					p.s(" < ")
					p.u(uint64(sl + 4))
					return false
				}
				tl -= sl
				tp += int(sl)
			}
		case 1:
			if tl < 4 {
				p.s("\n\t    TLV length ")
				p.u(uint64(tl))
				p.s(" < 4")
				return false
			}
			p.check(tp, 4)
			p.s(", ")
			p.ip4(tp)
		default:
			if p.o.Verbose <= 1 && !p.unknownDataOK(tp, "\n\t      ", int(tl)) {
				return false
			}
		}
		if tl%4 != 0 {
			tl += 4 - tl%4
		}
		if tl > ln {
			p.s("\n\t    Bogus padded length ")
			p.u(uint64(tl))
			p.s(" > ")
			p.u(uint64(ln))
			return false
		}
		ln -= tl
		tp += int(tl)
	}
	return true
}

// ospfTESubTLV prints one Link TLV sub-TLV; false for tcpdump's
// "invalid" (having printed why). It returns how far tcpdump moves its
// pointer while printing (besides the sub-TLV's length).
func (p *Printer) ospfTESubTLV(st, sl uint32, tp int) (int, bool) {
	start := tp
	want := func(n uint32, msg string) bool {
		if sl != n {
			p.s(msg)
			return false
		}
		return true
	}
	switch st {
	case 9:
		if !want(4, " != 4") {
			return 0, false
		}
		p.s(", 0x")
		p.xpad(uint64(p.be32(tp)), 8)
	case 2, 11:
		if sl != 4 && sl != 8 {
			p.s(" != 4 && != 8")
			return 0, false
		}
		p.s(", ")
		p.ip4(tp)
		p.s(" (0x")
		p.xpad(uint64(p.be32(tp)), 8)
		p.s(")")
		if sl == 8 {
			p.s(", ")
			p.ip4(tp + 4)
			p.s(" (0x")
			p.xpad(uint64(p.be32(tp+4)), 8)
			p.s(")")
		}
	case 3, 4:
		if !want(4, " != 4") {
			return 0, false
		}
		p.s(", ")
		p.ip4(tp)
	case 6, 7:
		if !want(4, " != 4") {
			return 0, false
		}
		p.s(", ")
		p.mbps(p.be32(tp))
	case 8:
		if !want(32, " != 32") {
			return 0, false
		}
		for c := 0; c < 8; c++ {
			p.s("\n\t\tTE-Class ")
			p.u(uint64(c))
			p.s(": ")
			p.mbps(p.be32(tp + c*4))
		}
	case 17:
		if sl < 4 {
			p.s(" < 4")
			return 0, false
		}
		m := uint32(p.pkt[tp])
		p.s("\n\t\tBandwidth Constraints Model ID: ")
		p.tok(diffservTEBCs, m, "unknown")
		p.s(" (")
		p.u(uint64(m))
		p.s(")")
		if sl%4 != 0 {
			p.s("\n\t\tlength ")
			p.u(uint64(sl))
			p.s(" != N x 4")
			return 0, false
		}
		if sl > 36 {
			p.s("\n\t\tlength ")
			p.u(uint64(sl))
			p.s(" > 36")
			return 0, false
		}
		for c := 0; c < int(sl-4)/4; c++ {
			p.s("\n\t\t  Bandwidth constraint CT")
			p.u(uint64(c))
			p.s(": ")
			p.mbps(p.be32(tp + 4 + c*4))
		}
	case 5:
		if !want(4, " != 4") {
			return 0, false
		}
		p.s(", Metric ")
		p.u(uint64(p.be32(tp)))
	case 14:
		if !want(4, " != 4") {
			return 0, false
		}
		p.s(", ")
		p.bits(uint32(p.pkt[tp]), gmplsLinkProt, "none")
	case 15:
		if sl < 36 {
			p.s(" < 36")
			return 0, false
		}
		p.s("\n\t\tInterface Switching Capability: ")
		p.tok(gmplsSwitchCaps, uint32(p.pkt[tp]), "Unknown")
		p.s("\n\t\tLSP Encoding: ")
		p.tok(gmplsEncodings, uint32(p.pkt[tp+1]), "Unknown")
		p.s("\n\t\tMax LSP Bandwidth:")
		for l := 0; l < 8; l++ {
			p.s("\n\t\t  priority level ")
			p.u(uint64(l))
			p.s(": ")
			p.mbps(p.be32(tp + 4 + l*4))
		}
	case 1:
		if !want(1, " != 1") {
			return 0, false
		}
		t := uint32(p.pkt[tp])
		p.s(", ")
		p.tok(ospfTELinkTypes, t, "unknown")
		p.s(" (")
		p.u(uint64(t))
		p.s(")")
	case 16:
		if sl%4 != 0 {
			p.s(" != N x 4")
			return 0, false
		}
		n := sl / 4
		if n != 0 {
			p.s("\n\t\t  Shared risk group: ")
		}
		for ; n > 0; n-- {
			p.u(uint64(p.be32(tp)))
			tp += 4
			if n > 1 {
				p.s(", ")
			}
		}
	default:
		if p.o.Verbose <= 1 {
			p.unknownDataOK(tp, "\n\t\t", int(sl))
		}
	}
	return tp - start, true
}

// ospfLLS is ospf_decode_lls: the link-local signaling data block after
// a Hello or Database Description with the L option.
func (p *Printer) ospfLLS(op int, length uint32) {
	switch p.u8(op + 1) {
	case 1:
		if p.u8(op+30)&0x10 == 0 {
			return
		}
	case 2:
		if p.u8(op+26)&0x10 == 0 {
			return
		}
	default:
		return
	}
	l2 := uint32(p.be16(op + 2))
	dp := op + int(l2)
	dataend := op + int(length)
	if p.be16(op+14) == 2 {
		a := p.u8(op + 19)
		dp += int(a)
		l2 += uint32(a)
	}
	if l2 >= length {
		p.s("\n\t[LLS truncated]")
		return
	}
	ck := p.be16(dp)
	p.s("\n\t  LLS: checksum: 0x")
	p.xpad(uint64(ck), 4)
	dp += 2
	l2 = uint32(p.be16(dp))
	p.s(", length: ")
	p.u(uint64(l2))
	dp += 2
	for dp < dataend {
		t := uint32(p.be16(dp))
		p.s("\n\t    ")
		p.tok(ospfLLSTLVs, t, "Unknown TLV")
		p.s(" (")
		p.u(uint64(t))
		p.s(")")
		dp += 2
		ll := uint32(p.be16(dp))
		p.s(", length: ")
		p.u(uint64(ll))
		dp += 2
		switch t {
		case 1:
			if ll != 4 {
				p.s(" [should be 4]")
				ll = 4
			}
			fl := p.be32(dp)
			p.s("\n\t      Options: 0x")
			p.xpad(uint64(fl), 8)
			p.s(" [")
			p.bits(fl, ospfLLSEOOptions, "?")
			p.s("]")
		case 2:
			if ll != 20 {
				p.s(" [should be 20]")
				ll = 20
			}
			sq := p.be32(dp)
			p.s("\n\t      Sequence number: 0x")
			p.xpad(uint64(sq), 8)
		}
		dp += int(ll)
	}
}

// ospfDecodeV2 is ospf_decode_v2; false when truncated.
func (p *Printer) ospfDecodeV2(op, dataend int) bool {
	switch p.u8(op + 1) {
	case 1: // Hello
		opts := p.u8(op + 30)
		p.s("\n\tOptions [")
		p.bits(uint32(opts), ospfOptions, "none")
		p.s("]")
		p.check(op+24, 12)
		p.s("\n\t  Hello Timer ")
		p.u(uint64(p.be16(op + 28)))
		p.s("s, Dead Timer ")
		p.u(uint64(p.be32(op + 32)))
		p.s("s, Mask ")
		p.ip4(op + 24)
		p.s(", Priority ")
		p.u(uint64(p.pkt[op+31]))
		if p.be32(op+36) != 0 {
			p.s("\n\t  Designated Router ")
			p.ip4(op + 36)
		}
		if p.be32(op+40) != 0 {
			p.s(", Backup Designated Router ")
			p.ip4(op + 40)
		}
		a := op + 44
		if a < dataend {
			p.s("\n\t  Neighbor List:")
		}
		for ; a < dataend; a += 4 {
			p.check(a, 4)
			p.s("\n\t    ")
			p.ip4(a)
		}
	case 2: // Database Description
		opts := p.u8(op + 26)
		p.s("\n\tOptions [")
		p.bits(uint32(opts), ospfOptions, "none")
		p.s("]")
		fl := p.u8(op + 27)
		p.s(", DD Flags [")
		p.bits(uint32(fl), ospfDDFlags, "none")
		p.s("]")
		if mtu := p.be16(op + 24); mtu != 0 {
			p.s(", MTU: ")
			p.u(uint64(mtu))
		}
		sq := p.be32(op + 28)
		p.s(", Sequence: 0x")
		p.xpad(uint64(sq), 8)
		for h := op + 32; h < dataend && p.ospfLSHdr(h) != -1; h += 20 {
		}
	case 3: // LS Request
		for r := op + 24; r < dataend; r += 12 {
			if !p.ttest(r, 12) {
				return false
			}
			t := p.be32(r)
			p.s("\n\t  Advertising Router: ")
			p.ip4(r + 8)
			p.s(", ")
			p.tok(ospfLSATypes, t, "unknown")
			p.s(" LSA (")
			p.u(uint64(t))
			p.s(")")
			switch t {
			case 9, 10, 11:
				ot := uint32(p.pkt[r+4])
				p.s(", Opaque-Type: ")
				p.tok(ospfOpaqueTypes, ot, "unknown")
				p.s(" LSA (")
				p.u(uint64(ot))
				p.s("), Opaque-ID: ")
				p.u(uint64(p.be32(r+4) & 0xffffff))
			default:
				p.s(", LSA-ID: ")
				p.ip4(r + 4)
			}
		}
	case 4: // LS Update
		n := p.be32(op + 24)
		p.s(", ")
		p.u(uint64(n))
		p.s(" LSA")
		if n != 1 {
			p.c('s')
		}
		lsa := op + 28
		for i := uint32(1); i <= n && i != 0; i++ {
			p.s("\n\t  LSA #")
			p.u(uint64(i))
			if lsa = p.ospfLSA(lsa); lsa < 0 {
				return false
			}
		}
	case 5: // LS Ack: tcpdump 4.99.3 goes on to the end of the capture
		for h := op + 24; p.ospfLSHdr(h) != -1; h += 20 {
		}
	}
	return true
}
