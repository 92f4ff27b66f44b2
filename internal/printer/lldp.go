// IEEE 802.1AB Link Layer Discovery Protocol (Ethertype 0x88cc), as
// tcpdump 4.99.3's print-lldp.c prints it: the basic TLVs and the
// organisation-specific ones of IEEE 802.1 (VLANs, DCB), IEEE 802.3
// (MAC/PHY, power, aggregation, MTU), ANSI/TIA-1057 LLDP-MED, DCBX and
// IANA (MUD URL), with hex dumps at -vv.

package printer

var lldpTLVValues = []tokL2{
	{0, "End"}, {1, "Chassis ID"}, {2, "Port ID"}, {3, "Time to Live"},
	{4, "Port Description"}, {5, "System Name"}, {6, "System Description"},
	{7, "System Capabilities"}, {8, "Management Address"}, {127, "Organization specific"},
}

var lldpChassisSubtypeValues = []tokL2{
	{1, "Chassis component"}, {2, "Interface alias"}, {3, "Port component"},
	{4, "MAC address"}, {5, "Network address"}, {6, "Interface name"}, {7, "Local"},
}

var lldpPortSubtypeValues = []tokL2{
	{1, "Interface alias"}, {2, "Port component"}, {3, "MAC address"},
	{4, "Network Address"}, {5, "Interface Name"}, {6, "Agent circuit ID"}, {7, "Local"},
}

var lldpCapValues = []tokL2{
	{1 << 0, "Other"}, {1 << 1, "Repeater"}, {1 << 2, "Bridge"}, {1 << 3, "WLAN AP"},
	{1 << 4, "Router"}, {1 << 5, "Telephone"}, {1 << 6, "Docsis"}, {1 << 7, "Station Only"},
}

var lldp8021SubtypeValues = []tokL2{
	{1, "Port VLAN Id"}, {2, "Port and Protocol VLAN ID"}, {3, "VLAN name"},
	{4, "Protocol Identity"}, {8, "Congestion Notification"}, {9, "ETS Configuration"},
	{10, "ETS Recommendation"}, {11, "Priority Flow Control Configuration"},
	{12, "Application Priority"}, {13, "EVB"}, {14, "CDCP"},
}

var lldp8021PortProtocolIDValues = []tokL2{{1 << 1, "supported"}, {1 << 2, "enabled"}}

var lldp8023SubtypeValues = []tokL2{
	{1, "MAC/PHY configuration/status"}, {2, "Power via MDI"}, {3, "Link aggregation"}, {4, "Max frame size"},
}

var lldpTIASubtypeValues = []tokL2{
	{1, "LLDP-MED Capabilities"}, {2, "Network policy"}, {3, "Location identification"},
	{4, "Extended power-via-MDI"}, {5, "Inventory - hardware revision"},
	{6, "Inventory - firmware revision"}, {7, "Inventory - software revision"},
	{8, "Inventory - serial number"}, {9, "Inventory - manufacturer name"},
	{10, "Inventory - model name"}, {11, "Inventory - asset ID"},
}

var lldpTIALocationAltitudeTypeValues = []tokL2{{1, "meters"}, {2, "floors"}}

var lldpTIALocationLCICATypeValues = []tokL2{
	{1, "national subdivisions (state,canton,region,province,prefecture)"},
	{2, "county, parish, gun, district"}, {3, "city, township, shi"},
	{4, "city division, borough, city district, ward chou"},
	{5, "neighborhood, block"}, {6, "street"},
}

var lldpTIALocationLCIWhatValues = []tokL2{
	{0, "location of DHCP server"},
	{1, "location of the network element believed to be closest to the client"},
	{2, "location of the client"},
}

var lldpMAUTypesValues = []tokL2{
	{0, "Unknown"}, {1, "AUI"}, {2, "10BASE_5"}, {3, "FOIRL"}, {4, "10BASE2"},
	{5, "10BASET duplex mode unknown"}, {6, "10BASEFP"}, {7, "10BASEFB"},
	{8, "10BASEFL duplex mode unknown"}, {9, "10BROAD36"}, {10, "10BASET hdx"},
	{11, "10BASET fdx"}, {12, "10BASEFL hdx"}, {13, "10BASEFL fdx"}, {14, "100BASET4"},
	{15, "100BASETX hdx"}, {16, "100BASETX fdx"}, {17, "100BASEFX hdx"}, {18, "100BASEFX fdx"},
	{19, "100BASET2 hdx"}, {20, "100BASET2 fdx"}, {21, "1000BASEX hdx"}, {22, "1000BASEX fdx"},
	{23, "1000BASELX hdx"}, {24, "1000BASELX fdx"}, {25, "1000BASESX hdx"}, {26, "1000BASESX fdx"},
	{27, "1000BASECX hdx"}, {28, "1000BASECX fdx"}, {29, "1000BASET hdx"}, {30, "1000BASET fdx"},
	{31, "10GBASEX"}, {32, "10GBASELX4"}, {33, "10GBASER"}, {34, "10GBASEER"}, {35, "10GBASELR"},
	{36, "10GBASESR"}, {37, "10GBASEW"}, {38, "10GBASEEW"}, {39, "10GBASELW"}, {40, "10GBASESW"},
}

var lldp8023AutonegValues = []tokL2{{1 << 0, "supported"}, {1 << 1, "enabled"}}

var lldpTIACapabilitiesValues = []tokL2{
	{1 << 0, "LLDP-MED capabilities"}, {1 << 1, "network policy"},
	{1 << 2, "location identification"}, {1 << 3, "extended power via MDI-PSE"},
	{1 << 4, "extended power via MDI-PD"}, {1 << 5, "Inventory"},
}

var lldpTIADeviceTypeValues = []tokL2{
	{1, "endpoint class 1"}, {2, "endpoint class 2"}, {3, "endpoint class 3"}, {4, "network connectivity"},
}

var lldpTIAApplicationTypeValues = []tokL2{
	{1, "voice"}, {2, "voice signaling"}, {3, "guest voice"}, {4, "guest voice signaling"},
	{5, "softphone voice"}, {6, "video conferencing"}, {7, "streaming video"}, {8, "video signaling"},
}

var lldpTIANetworkPolicyBitsValues = []tokL2{{1 << 7, "Unknown"}, {1 << 6, "Tagged"}, {1 << 5, "reserved"}}

var lldpTIALocationDataFormatValues = []tokL2{
	{1, "coordinate-based LCI"}, {2, "civic address LCI"}, {3, "ECS ELIN"},
}

var lldpTIALocationDatumTypeValues = []tokL2{
	{1, "World Geodesic System 1984"}, {2, "North American Datum 1983 (NAVD88)"},
	{3, "North American Datum 1983 (MLLW)"},
}

var lldpTIAPowerSourceValues = []tokL2{
	{1, "PSE - primary power source"}, {2, "local - backup power source"}, {3, "PSE+local - reserved"},
}

var lldpTIAPowerPriorityValues = []tokL2{{1, "critical"}, {2, "high"}, {3, "low"}}

var lldpTIAInventoryValues = []tokL2{
	{5, "Hardware revision"}, {6, "Firmware revision"}, {7, "Software revision"},
	{8, "Serial number"}, {9, "Manufacturer name"}, {10, "Model name"}, {11, "Asset ID"},
}

var lldpPMDCapabilityValues = []tokL2{
	{1 << 14, "10BASE-T hdx"}, {1 << 13, "10BASE-T fdx"}, {1 << 12, "100BASE-T4"},
	{1 << 11, "100BASE-TX hdx"}, {1 << 10, "100BASE-TX fdx"}, {1 << 9, "100BASE-T2 hdx"},
	{1 << 8, "100BASE-T2 fdx"}, {1 << 7, "Pause for fdx links"}, {1 << 6, "Asym PAUSE for fdx"},
	{1 << 5, "Sym PAUSE for fdx"}, {1 << 4, "Asym and Sym PAUSE for fdx"},
	{1 << 3, "1000BASE-{X LX SX CX} hdx"}, {1 << 2, "1000BASE-{X LX SX CX} fdx"},
	{1 << 1, "1000BASE-T hdx"}, {1 << 0, "1000BASE-T fdx"},
}

var lldpMDIValues = []tokL2{{1 << 0, "PSE"}, {1 << 1, "supported"}, {1 << 2, "enabled"}, {1 << 3, "can be controlled"}}

var lldpMDIPowerPairsValues = []tokL2{{1, "signal"}, {2, "spare"}}

var lldpMDIPowerClassValues = []tokL2{{1, "class0"}, {2, "class1"}, {3, "class2"}, {4, "class3"}, {5, "class4"}}

var lldpAggregationValues = []tokL2{{1 << 0, "supported"}, {1 << 1, "enabled"}}

var lldpDCBXSubtypeValues = []tokL2{
	{1, "DCB Capability Exchange Protocol Rev 1"}, {2, "DCB Capability Exchange Protocol Rev 1.01"},
}

var lldpIntfNumbSubtypeValues = []tokL2{{2, "Interface Index"}, {3, "System Port Number"}}

var lldpEVBModeValues = []tokL2{
	{0, "Not Supported"}, {1, "EVB Bridge"}, {2, "EVB Station"}, {3, "Reserved for future Standardization"},
}

var lldpIANASubtypeValues = []tokL2{{1, "MUD-URL"}}

// afValues is af.c's af_values.
var afValues = []tokL2{
	{0, "Reserved"}, {1, "IPv4"}, {2, "IPv6"}, {3, "NSAP"}, {4, "HDLC"}, {5, "BBN 1822"},
	{6, "802"}, {7, "E.163"}, {8, "E.164"}, {9, "F.69"}, {10, "X.121"}, {11, "Novell IPX"},
	{12, "Appletalk"}, {13, "Decnet IV"}, {14, "Banyan Vines"}, {15, "E.164 with NSAP subaddress"},
	{196, "Layer-2 VPN"}, {25, "VPLS"},
}

// padRight is %-nd: v left-justified in n columns.
func (p *Printer) padRight(v uint64, n int) {
	start := len(p.buf)
	p.u(v)
	for len(p.buf)-start < n {
		p.c(' ')
	}
}

// lldpETSTables prints the priority assignment, TC bandwidth and TSA
// assignment tables of an ETS TLV.
func (p *Printer) lldpETSTables(tptr int) {
	p.s("\n\t    Priority Assignment Table")
	p.s("\n\t     Priority : 0   1   2   3   4   5   6   7")
	p.s("\n\t     Value    : ")
	for i := 0; i < 4; i++ {
		b := p.u8(tptr + 5 + i)
		p.padRight(uint64(b>>4), 3)
		p.c(' ')
		p.padRight(uint64(b&0x0f), 3)
		if i < 3 {
			p.c(' ')
		}
	}
	p.s("\n\t    TC Bandwidth Table")
	p.s("\n\t     TC%   : 0   1   2   3   4   5   6   7")
	p.s("\n\t     Value : ")
	for i := 0; i < 8; i++ {
		p.padRight(uint64(p.u8(tptr+9+i)), 3)
		if i < 7 {
			p.c(' ')
		}
	}
	p.s("\n\t    TSA Assignment Table")
	p.s("\n\t     Traffic Class: 0   1   2   3   4   5   6   7")
	p.s("\n\t     Value        : ")
	for i := 0; i < 8; i++ {
		p.padRight(uint64(p.u8(tptr+17+i)), 3)
		if i < 7 {
			p.c(' ')
		}
	}
}

func (p *Printer) lldpBits8(v byte) {
	for i := 0; i < 8; i++ {
		p.padRight(uint64(v>>i&1), 2)
		p.c(' ')
	}
}

// lldp8021 is lldp_private_8021_print: true when the TLV is to be dumped.
func (p *Printer) lldp8021(tptr, tlvLen int) bool {
	if tlvLen < 4 {
		return false
	}
	subtype := p.u8(tptr + 3)
	p.s("\n\t  ")
	p.tokStr(lldp8021SubtypeValues, uint32(subtype), "unknown")
	p.s(" Subtype (")
	p.u(uint64(subtype))
	p.s(")")
	switch subtype {
	case 1:
		if tlvLen < 6 {
			return false
		}
		p.s("\n\t    port vlan id (PVID): ")
		p.u(uint64(p.be16(tptr + 4)))
	case 2:
		if tlvLen < 7 {
			return false
		}
		p.s("\n\t    port and protocol vlan id (PPVID): ")
		p.u(uint64(p.be16(tptr + 5)))
		p.s(", flags [")
		f := p.u8(tptr + 4)
		p.bittokOr(lldp8021PortProtocolIDValues, uint32(f), "none")
		p.s("] (0x")
		p.xpad(uint64(f), 2)
		p.s(")")
	case 3:
		if tlvLen < 6 {
			return false
		}
		p.s("\n\t    vlan id (VID): ")
		p.u(uint64(p.be16(tptr + 4)))
		if tlvLen < 7 {
			return false
		}
		sublen := int(p.u8(tptr + 6))
		if tlvLen < 7+sublen {
			return false
		}
		p.s("\n\t    vlan name: ")
		p.printjnp(tptr+7, sublen)
	case 4:
		if tlvLen < 5 {
			return false
		}
		sublen := int(p.u8(tptr + 4))
		if tlvLen < 5+sublen {
			return false
		}
		p.s("\n\t    protocol identity: ")
		p.printjnp(tptr+5, sublen)
	case 8:
		if tlvLen < 6 {
			return false
		}
		p.s("\n\t    Pre-Priority CNPV Indicator")
		p.s("\n\t     Priority : 0  1  2  3  4  5  6  7")
		p.s("\n\t     Value    : ")
		p.lldpBits8(p.u8(tptr + 4))
		p.s("\n\t    Pre-Priority Ready Indicator")
		p.s("\n\t     Priority : 0  1  2  3  4  5  6  7")
		p.s("\n\t     Value    : ")
		p.lldpBits8(p.u8(tptr + 5))
	case 9:
		if tlvLen < 25 {
			return false
		}
		tval := p.u8(tptr + 4)
		p.s("\n\t    Willing:")
		p.u(uint64(tval >> 7))
		p.s(", CBS:")
		p.u(uint64(tval >> 6 & 0x02))
		p.s(", RES:")
		p.u(uint64(tval >> 3 & 0x07))
		p.s(", Max TCs:")
		p.u(uint64(tval & 0x07))
		p.lldpETSTables(tptr)
	case 10:
		if tlvLen < 25 {
			return false
		}
		p.s("\n\t    RES: ")
		p.u(uint64(p.u8(tptr + 4)))
		p.lldpETSTables(tptr)
	case 11:
		if tlvLen < 6 {
			return false
		}
		tval := p.u8(tptr + 4)
		p.s("\n\t    Willing: ")
		p.u(uint64(tval >> 7))
		p.s(", MBC: ")
		p.u(uint64(tval >> 6 & 0x01))
		p.s(", RES: ")
		p.u(uint64(tval >> 4 & 0x03))
		p.s(", PFC cap:")
		p.u(uint64(tval & 0x0f))
		p.s(" ")
		p.s("\n\t    PFC Enable")
		p.s("\n\t     Priority : 0  1  2  3  4  5  6  7")
		p.s("\n\t     Value    : ")
		p.lldpBits8(p.u8(tptr + 5))
	case 12:
		if tlvLen < 5 {
			return false
		}
		p.s("\n\t    RES: ")
		p.u(uint64(p.u8(tptr + 4)))
		if tlvLen <= 5 {
			return false
		}
		sublen := tlvLen - 5
		if sublen%3 != 0 {
			return false
		}
		p.s("\n\t    Application Priority Table")
		for i := 0; i < sublen; i += 3 {
			tval := p.u8(tptr + i + 5)
			p.s("\n\t      Priority: ")
			p.u(uint64(tval >> 5))
			p.s(", RES: ")
			p.u(uint64(tval >> 3 & 0x03))
			p.s(", Sel: ")
			p.u(uint64(tval & 0x07))
			p.s(", Protocol ID: ")
			p.u(uint64(p.be16(tptr + i + 6)))
		}
	case 13:
		if tlvLen < 9 {
			return false
		}
		p.s("\n\t    EVB Bridge Status")
		tval := p.u8(tptr + 4)
		p.s("\n\t      RES: ")
		p.u(uint64(tval >> 3))
		p.s(", BGID: ")
		p.u(uint64(tval >> 2 & 1))
		p.s(", RRCAP: ")
		p.u(uint64(tval >> 1 & 1))
		p.s(", RRCTR: ")
		p.u(uint64(tval & 1))
		p.s("\n\t    EVB Station Status")
		tval = p.u8(tptr + 5)
		p.s("\n\t      RES: ")
		p.u(uint64(tval >> 4))
		p.s(", SGID: ")
		p.u(uint64(tval >> 3 & 1))
		p.s(", RRREQ: ")
		p.u(uint64(tval >> 2 & 1))
		p.s(",RRSTAT: ")
		p.u(uint64(tval & 3))
		tval = p.u8(tptr + 6)
		p.s("\n\t    R: ")
		p.u(uint64(tval >> 5))
		p.s(", RTE: ")
		p.u(uint64(tval & 0x1f))
		p.s(", ")
		tval = p.u8(tptr + 7)
		p.s("EVB Mode: ")
		p.tokStr(lldpEVBModeValues, uint32(tval>>6), "unknown")
		p.s(" [")
		p.u(uint64(tval >> 6))
		p.s("]")
		p.s("\n\t    ROL: ")
		p.u(uint64(tval >> 5 & 1))
		p.s(", RWD: ")
		p.u(uint64(tval & 0x1f))
		p.s(", ")
		tval = p.u8(tptr + 8)
		p.s("RES: ")
		p.u(uint64(tval >> 6))
		p.s(", ROL: ")
		p.u(uint64(tval >> 5 & 1))
		p.s(", RKA: ")
		p.u(uint64(tval & 0x1f))
	case 14:
		if tlvLen < 8 {
			return false
		}
		tval := p.u8(tptr + 4)
		p.s("\n\t    Role: ")
		p.u(uint64(tval >> 7))
		p.s(", RES: ")
		p.u(uint64(tval >> 4 & 0x07))
		p.s(", Scomp: ")
		p.u(uint64(tval >> 3 & 1))
		p.s(" ")
		p.s("ChnCap: ")
		p.u(uint64(p.be16(tptr+6) & 0x0fff))
		sublen := tlvLen - 8
		if sublen%3 != 0 {
			return false
		}
		for i := 0; i < sublen; i += 3 {
			v := p.be24(tptr + i + 8)
			p.s("\n\t    SCID: ")
			p.u(uint64(v >> 12))
			p.s(", SVID: ")
			p.u(uint64(v & 0xfff))
		}
	default:
		return true
	}
	return false
}

// lldp8023 is lldp_private_8023_print.
func (p *Printer) lldp8023(tptr, tlvLen int) bool {
	if tlvLen < 4 {
		return false
	}
	subtype := p.u8(tptr + 3)
	p.s("\n\t  ")
	p.tokStr(lldp8023SubtypeValues, uint32(subtype), "unknown")
	p.s(" Subtype (")
	p.u(uint64(subtype))
	p.s(")")
	switch subtype {
	case 1:
		if tlvLen < 9 {
			return false
		}
		a := p.u8(tptr + 4)
		p.s("\n\t    autonegotiation [")
		p.bittokOr(lldp8023AutonegValues, uint32(a), "none")
		p.s("] (0x")
		p.xpad(uint64(a), 2)
		p.s(")")
		c := p.be16(tptr + 5)
		p.s("\n\t    PMD autoneg capability [")
		p.bittokOr(lldpPMDCapabilityValues, uint32(c), "unknown")
		p.s("] (0x")
		p.xpad(uint64(c), 4)
		p.s(")")
		m := p.be16(tptr + 7)
		p.s("\n\t    MAU type ")
		p.tokStr(lldpMAUTypesValues, uint32(m), "unknown")
		p.s(" (0x")
		p.xpad(uint64(m), 4)
		p.s(")")
	case 2:
		if tlvLen < 7 {
			return false
		}
		p.s("\n\t    MDI power support [")
		p.bittokOr(lldpMDIValues, uint32(p.u8(tptr+4)), "none")
		p.s("], power pair ")
		p.tokStr(lldpMDIPowerPairsValues, uint32(p.u8(tptr+5)), "unknown")
		p.s(", power class ")
		p.tokStr(lldpMDIPowerClassValues, uint32(p.u8(tptr+6)), "unknown")
	case 3:
		if tlvLen < 9 {
			return false
		}
		p.s("\n\t    aggregation status [")
		p.bittokOr(lldpAggregationValues, uint32(p.u8(tptr+4)), "none")
		p.s("], aggregation port ID ")
		p.u(uint64(p.be32(tptr + 5)))
	case 4:
		if tlvLen < 6 {
			return false
		}
		p.s("\n\t    MTU size ")
		p.u(uint64(p.be16(tptr + 4)))
	default:
		return true
	}
	return false
}

func (p *Printer) lldpLatLon(off int) uint64 {
	return uint64(p.u8(off)&3)<<32 | uint64(p.be32(off+1))
}

// lldpIANA is lldp_private_iana_print.
func (p *Printer) lldpIANA(tptr, tlvLen int) bool {
	if tlvLen < 8 {
		return false
	}
	subtype := p.u8(tptr + 3)
	p.s("\n\t  ")
	p.tokStr(lldpIANASubtypeValues, uint32(subtype), "unknown")
	p.s(" Subtype (")
	p.u(uint64(subtype))
	p.s(")")
	if subtype == 1 {
		p.s("\n\t  MUD-URL=")
		p.printjn(tptr+4, tlvLen-4)
		return false
	}
	return true
}

// lldpTIA is lldp_private_tia_print.
func (p *Printer) lldpTIA(tptr, tlvLen int) bool {
	if tlvLen < 4 {
		return false
	}
	subtype := p.u8(tptr + 3)
	p.s("\n\t  ")
	p.tokStr(lldpTIASubtypeValues, uint32(subtype), "unknown")
	p.s(" Subtype (")
	p.u(uint64(subtype))
	p.s(")")
	switch subtype {
	case 1:
		if tlvLen < 7 {
			return false
		}
		c := p.be16(tptr + 4)
		p.s("\n\t    Media capabilities [")
		p.bittokOr(lldpTIACapabilitiesValues, uint32(c), "none")
		p.s("] (0x")
		p.xpad(uint64(c), 4)
		p.s(")")
		d := p.u8(tptr + 6)
		p.s("\n\t    Device type [")
		p.tokStr(lldpTIADeviceTypeValues, uint32(d), "unknown")
		p.s("] (0x")
		p.xpad(uint64(d), 2)
		p.s(")")
	case 2:
		if tlvLen < 8 {
			return false
		}
		a := p.u8(tptr + 4)
		p.s("\n\t    Application type [")
		p.tokStr(lldpTIAApplicationTypeValues, uint32(a), "none")
		p.s("] (0x")
		p.xpad(uint64(a), 2)
		p.s(")")
		p.s(", Flags [")
		p.bittokOr(lldpTIANetworkPolicyBitsValues, uint32(p.u8(tptr+5)), "none")
		p.s("]")
		p.s("\n\t    Vlan id ")
		p.u(uint64(p.be16(tptr+5) & 0x1ffe >> 1))
		p.s(", L2 priority ")
		p.u(uint64(p.be16(tptr+6) & 0x01ff >> 6))
		p.s(", DSCP value ")
		p.u(uint64(p.be16(tptr+6) & 0x003f))
	case 3:
		if tlvLen < 5 {
			return false
		}
		lf := p.u8(tptr + 4)
		p.s("\n\t    Location data format ")
		p.tokStr(lldpTIALocationDataFormatValues, uint32(lf), "unknown")
		p.s(" (0x")
		p.xpad(uint64(lf), 2)
		p.s(")")
		switch lf {
		case 1:
			if tlvLen < 21 {
				return false
			}
			p.s("\n\t    Latitude resolution ")
			p.u(uint64(p.u8(tptr+5) >> 2))
			p.s(", latitude value ")
			p.u(p.lldpLatLon(tptr + 5))
			p.s("\n\t    Longitude resolution ")
			p.u(uint64(p.u8(tptr+10) >> 2))
			p.s(", longitude value ")
			p.u(p.lldpLatLon(tptr + 10))
			at := p.u8(tptr+15) >> 4
			p.s("\n\t    Altitude type ")
			p.tokStr(lldpTIALocationAltitudeTypeValues, uint32(at), "unknown")
			p.s(" (")
			p.u(uint64(at))
			p.s(")")
			p.s("\n\t    Altitude resolution ")
			p.u(uint64(p.be16(tptr+15) >> 6 & 0x3f))
			p.s(", altitude value 0x")
			p.x(uint64(p.be32(tptr+16) & 0x3fffffff))
			dt := p.u8(tptr + 20)
			p.s("\n\t    Datum ")
			p.tokStr(lldpTIALocationDatumTypeValues, uint32(dt), "unknown")
			p.s(" (0x")
			p.xpad(uint64(dt), 2)
			p.s(")")
		case 2:
			if tlvLen < 6 {
				return false
			}
			lciLen := int(p.u8(tptr + 5))
			if lciLen < 3 {
				return false
			}
			if tlvLen < 7+lciLen {
				return false
			}
			w := p.u8(tptr + 6)
			p.s("\n\t    LCI length ")
			p.u(uint64(lciLen))
			p.s(", LCI what ")
			p.tokStr(lldpTIALocationLCIWhatValues, uint32(w), "unknown")
			p.s(" (0x")
			p.xpad(uint64(w), 2)
			p.s("), Country-code ")
			p.printjnp(tptr+7, 2)
			lciLen -= 3
			t := tptr + 9
			for lciLen > 0 {
				if lciLen < 2 {
					return false
				}
				caType := p.u8(t)
				caLen := int(p.u8(t + 1))
				t += 2
				lciLen -= 2
				p.s("\n\t      CA type '")
				p.tokStr(lldpTIALocationLCICATypeValues, uint32(caType), "unknown")
				p.s("' (")
				p.u(uint64(caType))
				p.s("), length ")
				p.u(uint64(caLen))
				p.s(": ")
				if caType == 0 || caLen == 0 {
					return false
				}
				if lciLen < caLen {
					return false
				}
				p.printjnp(t, caLen)
				t += caLen
				lciLen -= caLen
			}
		case 3:
			p.s("\n\t    ECS ELIN id ")
			p.printjnp(tptr+5, tlvLen-5)
		default:
			p.s("\n\t    Location ID ")
			p.unknownData(tptr+5, "\n\t      ", tlvLen-5)
		}
	case 4:
		if tlvLen < 7 {
			return false
		}
		b := p.u8(tptr + 4)
		p.s("\n\t    Power type [")
		if b&3 != 0 {
			p.s("PD device")
		} else {
			p.s("PSE device")
		}
		p.s("]")
		p.s(", Power source [")
		p.tokStr(lldpTIAPowerSourceValues, uint32(b&0x30>>4), "none")
		p.s("]")
		p.s("\n\t    Power priority [")
		p.tokStr(lldpTIAPowerPriorityValues, uint32(b&0x0f), "none")
		p.s("] (0x")
		p.xpad(uint64(b&0x0f), 2)
		p.s(")")
		pv := p.be16(tptr + 5)
		if pv < 1024 {
			p.s(", Power ")
			p.f1(float64(float32(pv) / 10))
			p.s(" Watts")
		} else {
			p.s(", Power ")
			p.u(uint64(pv))
			p.s(" (Reserved)")
		}
	case 5, 6, 7, 8, 9, 10, 11:
		p.s("\n\t  ")
		p.tokStr(lldpTIAInventoryValues, uint32(subtype), "unknown")
		p.s(" ")
		p.printjnp(tptr+4, tlvLen-4)
	default:
		return true
	}
	return false
}

func (p *Printer) dcbxInfo(tptr int) {
	p.s("\n\t      Oper_Version: ")
	p.u(uint64(p.u8(tptr)))
	p.s("\n\t      Max_Version: ")
	p.u(uint64(p.u8(tptr + 1)))
	tval := p.u8(tptr + 2)
	p.s("\n\t      Info block(0x")
	p.hex2u(tval)
	p.s("): ")
	p.s("Enable bit: ")
	p.u(uint64(tval >> 7 & 1))
	p.s(", Willing bit: ")
	p.u(uint64(tval >> 6 & 1))
	p.s(", Error Bit: ")
	p.u(uint64(tval >> 5 & 1))
	p.s("\n\t      SubType: ")
	p.u(uint64(p.u8(tptr + 3)))
}

// hex2u is %02X.
func (p *Printer) hex2u(b byte) {
	const digits = "0123456789ABCDEF"
	p.buf = append(p.buf, digits[b>>4], digits[b&15])
}

// lldpDCBX is lldp_private_dcbx_print.
func (p *Printer) lldpDCBX(pptr, length int) bool {
	hexdump := false
	if length < 4 {
		return hexdump
	}
	subtype := p.u8(pptr + 3)
	p.s("\n\t  ")
	p.tokStr(lldpDCBXSubtypeValues, uint32(subtype), "unknown")
	p.s(" Subtype (")
	p.u(uint64(subtype))
	p.s(")")
	if subtype == 1 {
		return true
	}
	tptr := pptr + 4
	tlen := length - 4
	for tlen >= 2 {
		if !p.ttest(tptr, 2) {
			return hexdump
		}
		tlv := p.be16(tptr)
		typ := int(tlv >> 9)
		tl := int(tlv & 0x1ff)
		hexdump = false
		tlen -= 2
		tptr += 2
		if typ == 0 || tl == 0 {
			break
		}
		if !p.ttest(tptr, tl) || tlen < tl {
			return hexdump
		}
		switch typ {
		case 1:
			if tl < 10 {
				return hexdump
			}
			p.s("\n\t    Control - Protocol Control (type 0x1, length ")
			p.u(uint64(tl))
			p.s(")")
			p.s("\n\t      Oper_Version: ")
			p.u(uint64(p.u8(tptr)))
			p.s("\n\t      Max_Version: ")
			p.u(uint64(p.u8(tptr + 1)))
			p.s("\n\t      Sequence Number: ")
			p.u(uint64(p.be32(tptr + 2)))
			p.s("\n\t      Acknowledgement Number: ")
			p.u(uint64(p.be32(tptr + 6)))
		case 2:
			if tl < 17 {
				return hexdump
			}
			p.s("\n\t    Feature - Priority Group (type 0x2, length ")
			p.u(uint64(tl))
			p.s(")")
			p.dcbxInfo(tptr)
			p.s("\n\t      Priority Allocation")
			pg := p.be32(tptr + 4)
			for i := 0; i <= 7; i++ {
				p.s("\n\t          PgId_")
				p.u(uint64(i))
				p.s(": ")
				p.u(uint64(pg >> (28 - 4*uint(i)) & 0xf))
			}
			p.s("\n\t      Priority Group Allocation")
			for i := 0; i <= 7; i++ {
				p.s("\n\t          Pg percentage[")
				p.u(uint64(i))
				p.s("]: ")
				p.u(uint64(p.u8(tptr + 8 + i)))
			}
			p.s("\n\t      NumTCsSupported: ")
			p.u(uint64(p.u8(tptr + 16)))
		case 3:
			if tl < 6 {
				return hexdump
			}
			p.s("\n\t    Feature - Priority Flow Control")
			p.s(" (type 0x3, length ")
			p.u(uint64(tl))
			p.s(")")
			p.dcbxInfo(tptr)
			tval := p.u8(tptr + 4)
			p.s("\n\t      PFC Config (0x")
			p.hex2u(tval)
			p.s(")")
			for i := 0; i <= 7; i++ {
				p.s("\n\t          Priority Bit ")
				p.u(uint64(i))
				if tval&(1<<uint(i)) != 0 {
					p.s(": Enabled")
				} else {
					p.s(": Disabled")
				}
			}
			p.s("\n\t      NumTCPFCSupported: ")
			p.u(uint64(p.u8(tptr + 5)))
		case 4:
			if tl < 4 {
				return hexdump
			}
			p.s("\n\t    Feature - Application (type 0x4, length ")
			p.u(uint64(tl))
			p.s(")")
			p.dcbxInfo(tptr)
			tval := tl - 4
			m := tptr + 4
			for tval >= 6 {
				p.s("\n\t      Application Value")
				p.s("\n\t          Application Protocol ID: 0x")
				p.xpad(uint64(p.be16(m)), 4)
				uval := p.be24(m + 2)
				p.s("\n\t          SF (0x")
				p.x(uint64(uval >> 22))
				p.s(") Application Protocol ID is ")
				if uval>>22 != 0 {
					p.s("Socket Number")
				} else {
					p.s("L2 EtherType")
				}
				p.s("\n\t          OUI: 0x")
				p.xpad(uint64(uval&0x3fffff), 6)
				p.s("\n\t          User Priority Map: 0x")
				p.xpad(uint64(p.u8(m+5)), 2)
				tval -= 6
				m += 6
			}
		default:
			hexdump = true
		}
		if p.o.Verbose > 1 || (p.o.Verbose > 0 && hexdump) {
			p.unknownData(tptr, "\n\t    ", tl)
		}
		tlen -= tl
		tptr += tl
	}
	return hexdump
}

// lldpNetworkAddr is lldp_network_addr_print: false when the address is
// too short for its family.
func (p *Printer) lldpNetworkAddr(tptr, length int) bool {
	if length < 1 {
		return false
	}
	length--
	af := p.u8(tptr)
	kind := 0
	switch af {
	case 1:
		if length < 4 {
			return false
		}
		kind = 4
	case 2:
		if length < 16 {
			return false
		}
		kind = 6
	case 6:
		if length < 6 {
			return false
		}
		kind = 1
	}
	p.s("AFI ")
	p.tokStr(afValues, uint32(af), "Unknown")
	p.s(" (")
	p.u(uint64(af))
	switch kind {
	case 0:
		p.s("), no AF printer !")
	case 4:
		p.s("): ")
		p.ip4(tptr + 1)
	case 6:
		p.s("): ")
		p.ip6(tptr + 1)
	default:
		p.s("): ")
		p.mac(tptr + 1)
	}
	return true
}

// lldpMgmtAddr is lldp_mgmt_addr_tlv_print.
func (p *Printer) lldpMgmtAddr(pptr, length int) bool {
	tlen := length
	tptr := pptr
	if tlen < 1 {
		return false
	}
	alen := int(p.u8(tptr))
	tptr++
	tlen--
	if tlen < alen {
		return false
	}
	// The address is formatted before anything is printed.
	mark := len(p.buf)
	p.s("\n\t  Management Address length ")
	p.u(uint64(alen))
	p.s(", ")
	if !p.lldpNetworkAddr(tptr, alen) {
		p.buf = p.buf[:mark]
		return false
	}
	tptr += alen
	tlen -= alen
	if tlen < 5 {
		return false
	}
	st := p.u8(tptr)
	p.s("\n\t  ")
	p.tokStr(lldpIntfNumbSubtypeValues, uint32(st), "Unknown")
	p.s(" Interface Numbering (")
	p.u(uint64(st))
	p.s("): ")
	p.u(uint64(p.be32(tptr + 1)))
	tptr += 5
	tlen -= 5
	if tlen > 0 {
		oidLen := int(p.u8(tptr))
		if tlen < 1+oidLen {
			return false
		}
		if oidLen > 0 {
			p.s("\n\t  OID length ")
			p.u(uint64(oidLen))
			p.printjnp(tptr+1, oidLen)
		}
	}
	return true
}

// lldpPrint is lldp_print.
func lldpPrint(p *Printer, off, length, caplen int) {
	p.proto = "lldp"
	tptr := off
	tlen := length
	p.s("LLDP, length ")
	p.u(uint64(uint32(length)))
	for tlen >= 2 {
		if !p.ttest(tptr, 2) {
			p.trunc()
			return
		}
		tlv := p.be16(tptr)
		typ := int(tlv >> 9)
		tl := int(tlv & 0x1ff)
		hexdump := false
		tlen -= 2
		tptr += 2
		if p.o.Verbose > 0 {
			p.s("\n\t")
			p.tokStr(lldpTLVValues, uint32(typ), "Unknown")
			p.s(" TLV (")
			p.u(uint64(typ))
			p.s("), length ")
			p.u(uint64(tl))
		}
		if typ == 0 || tl == 0 {
			break
		}
		if !p.ttest(tptr, tl) || tlen < tl {
			p.trunc()
			return
		}
		v := p.o.Verbose > 0
		switch typ {
		case 1, 2:
			if !v {
				break
			}
			if tl < 2 {
				p.trunc()
				return
			}
			st := p.u8(tptr)
			p.s("\n\t  Subtype ")
			mac, net := byte(4), byte(5)
			if typ == 1 {
				p.tokStr(lldpChassisSubtypeValues, uint32(st), "Unknown")
			} else {
				p.tokStr(lldpPortSubtypeValues, uint32(st), "Unknown")
				mac, net = 3, 4
			}
			p.s(" (")
			p.u(uint64(st))
			p.s("): ")
			switch {
			case st == mac:
				if tl < 7 {
					p.trunc()
					return
				}
				p.mac(tptr + 1)
			case st == net:
				mark := len(p.buf)
				if !p.lldpNetworkAddr(tptr+1, tl-1) {
					p.buf = p.buf[:mark]
					p.trunc()
					return
				}
			case st >= 1 && st <= 7:
				p.printjnp(tptr+1, tl-1)
			default:
				hexdump = true
			}
		case 3:
			if v {
				if tl < 2 {
					p.trunc()
					return
				}
				p.s(": TTL ")
				p.u(uint64(p.be16(tptr)))
				p.s("s")
			}
		case 4:
			if v {
				p.s(": ")
				p.printjnp(tptr, tl)
			}
		case 5:
			p.s(": ")
			p.printjnp(tptr, tl)
		case 6:
			if v {
				p.s("\n\t  ")
				p.printjnp(tptr, tl)
			}
		case 7:
			if v {
				if tl < 4 {
					p.trunc()
					return
				}
				c, e := p.be16(tptr), p.be16(tptr+2)
				p.s("\n\t  System  Capabilities [")
				p.bittokOr(lldpCapValues, uint32(c), "none")
				p.s("] (0x")
				p.xpad(uint64(c), 4)
				p.s(")")
				p.s("\n\t  Enabled Capabilities [")
				p.bittokOr(lldpCapValues, uint32(e), "none")
				p.s("] (0x")
				p.xpad(uint64(e), 4)
				p.s(")")
			}
		case 8:
			if v && !p.lldpMgmtAddr(tptr, tl) {
				p.trunc()
				return
			}
		case 127:
			if !v {
				break
			}
			if tl < 3 {
				p.trunc()
				return
			}
			oui := p.be24(tptr)
			p.s(": OUI ")
			p.tokStr(ouiValues, oui, "Unknown")
			p.s(" (0x")
			p.xpad(uint64(oui), 6)
			p.s(")")
			switch oui {
			case 0x0080c2:
				hexdump = p.lldp8021(tptr, tl)
			case 0x00120f:
				hexdump = p.lldp8023(tptr, tl)
			case 0x00005e:
				hexdump = p.lldpIANA(tptr, tl)
			case 0x0012bb:
				hexdump = p.lldpTIA(tptr, tl)
			case 0x001b21:
				hexdump = p.lldpDCBX(tptr, tl)
			default:
				hexdump = true
			}
		default:
			hexdump = true
		}
		if p.o.Verbose > 1 || (p.o.Verbose > 0 && hexdump) {
			p.unknownData(tptr, "\n\t  ", tl)
		}
		tlen -= tl
		tptr += tl
	}
}

func init() { registerEtherType(0x88cc, "lldp", lldpPrint) }
