// IEEE 802.2 LLC and SNAP, as tcpdump 4.99.3's print-llc.c prints them
// (llc_print, snap_print): the frames of 802.3 Ethernet (a length in the
// type field) and of Alteon jumbo frames, with the SAP and command names
// of its tables and the dispatch to STP, IS-IS, IP, CDP and the
// Ethertypes a SNAP header carries.

package printer

// LLC SAPs (llc.h).
const (
	llcsapGlobal = 0xff
	llcsapIP     = 0x06
	llcsap8021D  = 0x42
	llcsapSNAP   = 0xaa
	llcsapIPX    = 0xe0
	llcsapISONS  = 0xfe
	llcUI        = 0x03
	llcXID       = 0xaf
	llcXIDFI     = 0x81
)

var llcValues = []tokL2{
	{0x00, "Null"}, {0xff, "Global"}, {0x02, "802.1B I"}, {0x03, "802.1B G"},
	{0x06, "IP"}, {0x04, "SNA"}, {0x0e, "ProWay NM"}, {0x42, "STP"},
	{0x4e, "RS511"}, {0x7e, "ISO8208"}, {0x8e, "ProWay"}, {0xaa, "SNAP"},
	{0xe0, "IPX"}, {0xf0, "NetBeui"}, {0xfe, "OSI"},
}

var llcCmdValues = []tokL2{
	{0x03, "ui"}, {0xe3, "test"}, {0xaf, "xid"}, {0x63, "ua"},
	{0x43, "disc"}, {0x0f, "dm"}, {0x6f, "sabme"}, {0x87, "frmr"},
}

var llcFlagValues = []tokL2{
	{0, "Command"}, {1, "Response"}, {0x10, "Poll"}, {0x11, "Final"},
	{0x100, "Poll"}, {0x101, "Final"},
}

var llcSupervisoryValues = []tokL2{{0, "Receiver Ready"}, {1, "Receiver not Ready"}, {2, "Reject"}}

var ciscoPIDValues = []tokL2{
	{0x2000, "CDP"}, {0x2003, "VTP"}, {0x2004, "DTP"}, {0x0111, "UDLD"},
	{0x010b, "PVST"}, {0x010c, "VLAN Bridge"},
}

var bridgedPIDValues = []tokL2{
	{0x0001, "Ethernet + FCS"}, {0x0007, "Ethernet w/o FCS"},
	{0x0002, "802.4 + FCS"}, {0x0008, "802.4 w/o FCS"},
	{0x0003, "Token Ring + FCS"}, {0x0009, "Token Ring w/o FCS"},
	{0x0004, "FDDI + FCS"}, {0x000a, "FDDI w/o FCS"},
	{0x0005, "802.6 + FCS"}, {0x000b, "802.6 w/o FCS"},
	{0x000e, "BPDU"},
}

// snapPID prints the name of a SNAP protocol ID as oui_to_struct_tok
// picks the table for the OUI.
func (p *Printer) snapPID(oui uint32, et uint16) {
	switch oui {
	case 0x000000, 0x0000f8, 0x080007:
		p.ethertypeName(et, "Unknown")
	case 0x00000c:
		p.tokStr(ciscoPIDValues, uint32(et), "Unknown")
	case 0x0080c2:
		p.tokStr(bridgedPIDValues, uint32(et), "Unknown")
	default:
		p.s("Unknown")
	}
}

// llcEncap is the 802.3 branch of ether_common_print: the type field lt is
// a length. It returns the LLC (and SNAP) header length.
func (p *Printer) llcEncap(off, length, caplen int, lt uint16, printedLength bool, src, dst int) int {
	if int(lt) < length {
		length = int(lt)
		if caplen > length {
			caplen = length
		}
	}
	saved := p.pushSnap(off, length)
	defer func() { p.snapend = saved }()
	if p.o.Link {
		p.s("802.3")
		if !printedLength {
			p.s(", length ")
			p.u(uint64(length))
			p.s(": ")
		}
	}
	return p.llcOrDefault(off, length, caplen, src, dst)
}

// llcOrDefault calls llc_print and dumps the payload when it knows no
// printer for it.
func (p *Printer) llcOrDefault(off, length, caplen, src, dst int) int {
	h := p.llcPrint(off, length, caplen, src, dst)
	if h < 0 {
		p.defaultPrint(off, caplen)
		h = -h
	}
	return h
}

// llcPrint is llc_print: the header length, negative when the payload was
// not printed. src and dst are the MAC addresses' offsets (-1: none).
func (p *Printer) llcPrint(off, length, caplen, src, dst int) int {
	p.proto = "llc"
	if caplen < 3 {
		p.trunc()
		p.defaultPrintAlways(off, caplen)
		return caplen
	}
	if length < 3 {
		p.trunc()
		p.defaultPrintAlways(off, caplen)
		return length
	}
	dsapField := p.u8(off)
	ssapField := p.u8(off + 1)
	control := uint16(p.u8(off + 2))
	isU := control&3 == 3
	hdrlen := 3
	if !isU {
		if caplen < 4 {
			p.trunc()
			p.defaultPrintAlways(off, caplen)
			return caplen
		}
		if length < 4 {
			p.trunc()
			p.defaultPrintAlways(off, caplen)
			return length
		}
		control = p.le16(off + 2)
		hdrlen = 4
	}
	if ssapField == llcsapGlobal && dsapField == llcsapGlobal {
		// Novell "raw" 802.3 IPX: no printer here.
		if p.o.Link {
			p.s("IPX 802.3: ")
		}
		p.ipxUnsupported(off, length)
		return 0
	}
	dsap := dsapField &^ 1
	ssap := ssapField &^ 1
	if p.o.Link {
		p.s("LLC, dsap ")
		p.tokStr(llcValues, uint32(dsap), "Unknown")
		p.s(" (0x")
		p.xpad(uint64(dsap), 2)
		p.s(") ")
		if dsapField&1 != 0 {
			p.s("Group")
		} else {
			p.s("Individual")
		}
		p.s(", ssap ")
		p.tokStr(llcValues, uint32(ssap), "Unknown")
		p.s(" (0x")
		p.xpad(uint64(ssap), 2)
		p.s(") ")
		p.tokStr(llcFlagValues, uint32(ssapField&1), "Unknown")
		if isU {
			p.s(", ctrl 0x")
			p.xpad(uint64(control), 2)
			p.s(": ")
		} else {
			p.s(", ctrl 0x")
			p.xpad(uint64(control), 4)
			p.s(": ")
		}
	}
	off += hdrlen
	length -= hdrlen
	caplen -= hdrlen

	if ssap == llcsapSNAP && dsap == llcsapSNAP && control == llcUI {
		if !p.snapPrint(off, length, caplen, src, dst, 2) {
			return -(hdrlen + 5)
		}
		return hdrlen + 5
	}
	if ssap == llcsap8021D && dsap == llcsap8021D && control == llcUI {
		p.stpPrint(off, length)
		return hdrlen
	}
	if ssap == llcsapIP && dsap == llcsapIP && control == llcUI {
		p.ipPrint(off, length)
		return hdrlen
	}
	if ssap == llcsapIPX && dsap == llcsapIPX && control == llcUI {
		if p.o.Link {
			p.s("IPX 802.2: ")
		}
		p.ipxUnsupported(off, length)
		return hdrlen
	}
	if ssap == llcsapISONS && dsap == llcsapISONS && control == llcUI {
		p.isoclnsPrint(off, length)
		return hdrlen
	}
	if !p.o.Link {
		if ssap == dsap {
			if src >= 0 && dst >= 0 {
				p.mac(src)
				p.s(" > ")
				p.mac(dst)
				p.c(' ')
			}
			p.tokStrX(llcValues, uint32(dsap), "Unknown DSAP 0x", 2, "")
			p.c(' ')
		} else {
			if src >= 0 && dst >= 0 {
				p.mac(src)
				p.c(' ')
			}
			p.tokStrX(llcValues, uint32(ssap), "Unknown SSAP 0x", 2, "")
			p.s(" > ")
			if src >= 0 && dst >= 0 {
				p.mac(dst)
				p.c(' ')
			}
			p.tokStrX(llcValues, uint32(dsap), "Unknown DSAP 0x", 2, "")
			p.c(' ')
		}
	}
	if isU {
		p.s("Unnumbered, ")
		p.tokStrX(llcCmdValues, uint32(control&0xef), "", 2, "")
		p.s(", Flags [")
		p.tokStr(llcFlagValues, uint32(ssapField&1)|uint32(control&0x10), "?")
		p.s("], length ")
		p.u(uint64(length + hdrlen))
		if control&^0x10 == llcXID {
			if length == 0 {
				return hdrlen
			}
			if caplen < 1 {
				p.trunc()
				return hdrlen
			}
			if p.u8(off) == llcXIDFI {
				if caplen < 3 || length < 3 {
					p.trunc()
					p.defaultPrintAlways(off, caplen)
				} else {
					p.s(": ")
					p.hex2(p.u8(off + 1))
					p.c(' ')
					p.hex2(p.u8(off + 2))
				}
				return hdrlen
			}
		}
	} else {
		flags := uint32(ssapField&1) | uint32(control&0x100)
		if control&1 == 1 {
			p.s("Supervisory, ")
			p.tokStr(llcSupervisoryValues, uint32(control>>2&3), "?")
			p.s(", rcv seq ")
			p.u(uint64(control >> 9 & 0x7f))
			p.s(", Flags [")
			p.tokStr(llcFlagValues, flags, "?")
			p.s("], length ")
			p.u(uint64(length + hdrlen))
			return hdrlen
		}
		p.s("Information, send seq ")
		p.u(uint64(control >> 1 & 0x7f))
		p.s(", rcv seq ")
		p.u(uint64(control >> 9 & 0x7f))
		p.s(", Flags [")
		p.tokStr(llcFlagValues, flags, "?")
		p.s("], length ")
		p.u(uint64(length + hdrlen))
	}
	return -hdrlen
}

// snapPrint is snap_print: false when it knows no printer for the
// OUI/PID (the caller dumps the payload).
func (p *Printer) snapPrint(off, length, caplen, src, dst, bridgePad int) bool {
	p.proto = "snap"
	if !p.ttest(off, 5) || caplen < 5 || length < 5 {
		p.trunc()
		return true
	}
	oui := p.be24(off)
	et := p.be16(off + 3)
	if p.o.Link {
		p.s("oui ")
		p.tokStr(ouiValues, oui, "Unknown")
		p.s(" (0x")
		p.xpad(uint64(oui), 6)
		p.s("), ")
		if oui == 0 {
			p.s("ethertype ")
		} else {
			p.s("pid ")
		}
		p.snapPID(oui, et)
		p.s(" (0x")
		p.xpad(uint64(et), 4)
		p.s("), length ")
		p.u(uint64(uint32(length - 5)))
		p.s(": ")
	}
	off += 5
	length -= 5
	caplen -= 5
	switch oui {
	case 0x000000, 0x0000f8:
		if p.ethertypePrint(et, off, length, caplen) {
			return true
		}
	case 0x080007:
		if et == 0x809b && p.ethertypePrint(et, off, length, caplen) {
			return true
		}
	case 0x00000c:
		switch et {
		case 0x2000:
			p.cdpPrint(off, length)
			return true
		case 0x2004, 0x0111, 0x2003:
			// DTP, UDLD, VTP: no printer here.
			p.ciscoUnsupported(et, off, length)
			return true
		case 0x010b, 0x010c:
			p.stpPrint(off, length)
			return true
		}
	case 0x0080c2:
		switch et {
		case 0x0001, 0x0007:
			if !p.ttest(off, bridgePad) {
				p.trunc()
				return true
			}
			p.etherPrint(off+bridgePad, length-bridgePad, caplen-bridgePad)
			return true
		case 0x0003, 0x0009, 0x0004, 0x000a:
			// Token Ring, FDDI: no printer here.
			if !p.ttest(off, bridgePad) {
				p.trunc()
			}
			return true
		case 0x000e:
			p.stpPrint(off, length)
			return true
		}
	}
	if !p.o.Link {
		if src >= 0 && dst >= 0 {
			p.mac(src)
			p.s(" > ")
			p.mac(dst)
			p.c(' ')
		}
		if oui == 0 {
			p.s("SNAP, ethertype ")
			p.ethertypeName(et, "Unknown")
			p.s(" (0x")
			p.xpad(uint64(et), 4)
			p.s("), length ")
		} else {
			p.s("SNAP, oui ")
			p.tokStr(ouiValues, oui, "Unknown")
			p.s(" (0x")
			p.xpad(uint64(oui), 6)
			p.s("), pid ")
			p.snapPID(oui, et)
			p.s(" (0x")
			p.xpad(uint64(et), 4)
			p.s("), length ")
		}
		p.u(uint64(uint32(length)))
		p.s(": ")
	}
	return false
}

// ipxUnsupported stands for ipx_print, which this package does not have;
// the frames that reach it are left out of the comparison with tcpdump.
func (p *Printer) ipxUnsupported(off, length int) {
	p.s("IPX")
	p.s(", length ")
	p.u(uint64(uint32(length)))
}

// ciscoUnsupported stands for the DTP, UDLD and VTP printers, which this
// package does not have; those frames are left out of the comparison.
func (p *Printer) ciscoUnsupported(pid uint16, off, length int) {
	p.tokStr(ciscoPIDValues, uint32(pid), "Cisco")
	p.s(", length ")
	p.u(uint64(uint32(length)))
}
