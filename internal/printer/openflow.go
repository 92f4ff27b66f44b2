// OpenFlow (TCP ports 6653 and 6633), as tcpdump 4.99.3's print-openflow.c
// prints it (openflow_print: the version-independent header of every
// message in the segment, of_message_print's length checks against each
// version's message type table, of_bitmap_print, of_data_print and the
// vendor names). The messages of OpenFlow 1.0 and 1.3 are decoded by
// openflow10.go and openflow13.go.

package printer

func init() {
	registerTCP("openflow", func(p *Printer, d portPayload) { p.openflowPrint(d.off, d.length) })
}

// How of_message_print checks the length of a message body (req_what).
const (
	ofReqNone = iota
	ofReqMinLen
	ofReqFixLen
)

// ofMsgType is struct of_msgtypeinfo: a message type's name, the printer
// of its body (called with -v) and the constraint on the body's length.
type ofMsgType struct {
	name string
	f    func(p *Printer, cp, n int)
	req  uint8
	val  int
}

var ofVersionNames = []tokL2{{1, "1.0"}, {2, "1.1"}, {3, "1.2"}, {4, "1.3"}, {5, "1.4"}, {6, "1.5"}}

// ofONFExperimenters is onf_exp_str.
var ofONFExperimenters = []tokL2{
	{0x4f4e4600, "ONF Extensions"},
	{0xff000001, "Budapest University of Technology and Economics"},
	{0xff000002, "NoviFlow"},
	{0xff000003, "L3+ Extensions, Vendor Neutral"},
	{0xff000004, "L4-L7 Extensions"},
	{0xff000005, "Wireless and Mobility Extensions"},
	{0xff000006, "Forwarding Abstractions Extensions"},
	{0xff000007, "Optical Transport Extensions"},
	{0xff000008, "Network Benchmarking Lab, NCTU"},
	{0xff000009, "Mobile Packet Core Extensions"},
	{0xff00000a, "MPLS-TP OpenFlow Extensions for SPTN"},
}

// ofVendor prints " 0x%08x (name)" after a vendor or experimenter label
// (of_vendor_name: an OUI, or an ONF experimenter ID).
func (p *Printer) ofVendor(v uint32) {
	p.s(" 0x")
	p.xpad(uint64(v), 8)
	p.s(" (")
	if v&0xff000000 == 0 {
		p.tokStr(ouiValues, v, "unknown")
	} else {
		p.tokStr(ofONFExperimenters, v, "unknown")
	}
	p.c(')')
}

// ofHex32 prints "0x%08x".
func (p *Printer) ofHex32(v uint32) {
	p.s("0x")
	p.xpad(uint64(v), 8)
}

// ofHex64 prints "0x%016" PRIx64.
func (p *Printer) ofHex64(v uint64) {
	p.s("0x")
	p.xpad(v, 16)
}

// ofBitmap is of_bitmap_print: the names of the assigned bits of v (u is
// the mask of the unassigned ones), and " (bogus)" when unassigned bits
// are set.
func (p *Printer) ofBitmap(t []tokL2, v, u uint32) {
	if v&^u != 0 {
		p.s(" (")
		p.bittok(t, v, ", ")
		p.c(')')
	}
	if v&u != 0 {
		p.s(" (bogus)")
	}
}

// ofHexASCII is hex_and_ascii_print: a dump of what was captured of n
// bytes at off, abandoning the packet when that is less than n.
func (p *Printer) ofHexASCII(ident string, off, n int) {
	avail := p.snapend - off
	if avail < 0 {
		avail = 0
	}
	short := n > avail
	if short {
		n = avail
	}
	if n > 0 {
		p.hexASCII(ident, p.pkt[off:off+n])
	}
	if short {
		panic(truncated{})
	}
}

// ofData is of_data_print.
func (p *Printer) ofData(cp, n int) {
	if n == 0 {
		return
	}
	p.s("\n\t data (")
	p.u(uint64(n))
	p.s(" octets)")
	if p.o.Verbose >= 2 {
		p.ofHexASCII("\n\t  ", cp, n)
	} else {
		p.check(cp, n)
	}
}

// ofInvalid is the "invalid" label of tcpdump's OpenFlow printers: the
// mark, then a bounds check of the rest.
func (p *Printer) ofInvalid(cp, n int) {
	p.invalid()
	p.check(cp, n)
}

// ofMessage is of_message_print: the body of n bytes at cp of a message
// of type mt (nil for an unknown version or type).
func (p *Printer) ofMessage(cp, n int, mt *ofMsgType) {
	if mt == nil {
		p.check(cp, n)
		return
	}
	if mt.req == ofReqFixLen && n != mt.val || mt.req == ofReqMinLen && n < mt.val {
		p.ofInvalid(cp, n)
		return
	}
	if p.o.Verbose == 0 || mt.f == nil {
		p.check(cp, n)
		return
	}
	mt.f(p, cp, n)
}

// openflowPrint is openflow_print: the OpenFlow messages of a TCP segment
// of length bytes at cp, which is taken to begin on a message boundary.
func (p *Printer) openflowPrint(cp, length int) {
	p.proto = "openflow"
	p.s(": OpenFlow")
	n := length
	for n > 0 {
		version := p.u8(cp)
		cp++
		n--
		p.s("\n\tversion ")
		p.tokStrX(ofVersionNames, uint32(version), "unknown (0x", 2, ")")
		if n < 1 {
			p.ofPartialHeader(cp, n)
			return
		}
		typ := p.u8(cp)
		cp++
		n--
		var mt *ofMsgType
		switch {
		case version == 1 && int(typ) < len(of10MsgTypes):
			mt = &of10MsgTypes[typ]
		case version == 4 && int(typ) < len(of13MsgTypes):
			mt = &of13MsgTypes[typ]
		}
		if mt != nil && mt.name != "" {
			p.s(", type ")
			p.s(mt.name)
		} else {
			p.s(", type unknown (0x")
			p.xpad(uint64(typ), 2)
			p.c(')')
		}
		if n < 2 {
			p.ofPartialHeader(cp, n)
			return
		}
		mlen := int(p.be16(cp))
		cp += 2
		n -= 2
		p.s(", length ")
		p.u(uint64(mlen))
		if mlen < 8 {
			p.s(" (too short!)")
		}
		if n < 4 {
			p.ofPartialHeader(cp, n)
			return
		}
		p.ofLabelX32(", xid ", p.be32(cp))
		cp += 4
		n -= 4
		if mlen < 8 {
			p.ofInvalid(cp, n)
			return
		}
		p.ofMessage(cp, mlen-8, mt)
		if mlen-8 > n {
			break
		}
		cp += mlen - 8
		n -= mlen - 8
	}
}

// ofPartialHeader is openflow_print's partial_header label.
func (p *Printer) ofPartialHeader(cp, n int) {
	p.s(" (end of TCP payload)")
	p.check(cp, n)
}

// ofLabelX64 prints label and v as 0x%016" PRIx64.
func (p *Printer) ofLabelX64(label string, v uint64) {
	p.s(label)
	p.ofHex64(v)
}

// ofLabelU prints label and v in decimal.
func (p *Printer) ofLabelU(label string, v uint64) {
	p.s(label)
	p.u(v)
}

// ofLabelX32 prints label and v as 0x%08x.
func (p *Printer) ofLabelX32(label string, v uint32) {
	p.s(label)
	p.ofHex32(v)
}

// ofLabelBitmap prints label, v as 0x%08x and of_bitmap_print's names.
func (p *Printer) ofLabelBitmap(label string, v uint32, t []tokL2, u uint32) {
	p.ofLabelX32(label, v)
	p.ofBitmap(t, v, u)
}
