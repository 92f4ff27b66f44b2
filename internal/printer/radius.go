// RADIUS (UDP ports 1645, 1646, 1700, 1812, 1813, 3799), as tcpdump
// 4.99.3's print-radius.c prints it (radius_print and radius_attrs_print:
// the header, then with -v every attribute by its type's printer, with a
// hex dump of each with -vv).

package printer

import "time"

func init() {
	registerUDP("radius", func(p *Printer, d portPayload) { p.radiusPrint(d.off, d.length) })
}

var radiusCodes = map[uint8]string{1: "Access-Request", 2: "Access-Accept", 3: "Access-Reject",
	4: "Accounting-Request", 5: "Accounting-Response", 11: "Access-Challenge", 12: "Status-Server",
	13: "Status-Client", 40: "Disconnect-Request", 41: "Disconnect-ACK", 42: "Disconnect-NAK",
	43: "CoA-Request", 44: "CoA-ACK", 45: "CoA-NAK", 255: "Reserved"}

// smiEnterprises is oui.c's smi_values: SMI private enterprise numbers.
var smiEnterprises = map[uint32]string{0: "IETF (reserved)", 5: "ACC", 9: "Cisco", 11: "Hewlett Packard",
	42: "Sun Microsystems", 61: "Merit", 74: "AT&T", 161: "Motorola", 166: "Shiva", 193: "Ericsson AB",
	255: "Cisco VPN 5000", 307: "Livingston", 311: "Microsoft", 429: "3Com", 529: "Ascend",
	1584: "Bay Networks", 1991: "Foundry", 2180: "Versanet", 2937: "Deutsche Telekom AG", 3054: "Ixia Communications",
	3561: "The Broadband Forum", 3902: "ZTE", 8164: "Starent Networks", 12356: "Fortinet",
	12951: "Verizon Wireless", 26866: "Gigamon Systems", 35632: "ntop", 2352: "Redback", 2636: "Juniper Networks",
	2637: "Aptis", 3076: "Cisco VPN 3000", 3085: "CoSine Communications", 3199: "Shasta",
	3224: "Netscreen", 3309: "Nomadix", 4329: "Siemens", 4491: "CableLabs", 4874: "Unisphere Networks",
	5263: "Cisco BBSM", 5535: "3rd Generation Partnership Project 2 (3GPP2)", 5925: "ipUnplugged",
	5948: "Issanni Communications", 6618: "Quintum", 6728: "Interlink", 8744: "Colubris",
	10415: "3GPP", 10529: "Gemtek-Systems", 11862: "Columbia University", 14122: "Wi-Fi Alliance"}

// radiusValues is a table of an attribute's standard values: names[i]
// names value first+i.
type radiusValues struct {
	names []string
	first uint32
}

var (
	radServType = radiusValues{[]string{"Login", "Framed", "Callback Login", "Callback Framed", "Outbound",
		"Administrative", "NAS Prompt", "Authenticate Only", "Callback NAS Prompt", "Call Check",
		"Callback Administrative", "Voice", "Fax", "Modem Relay", "IAPP-Register", "IAPP-AP-Check",
		"Authorize Only", "Framed-Management", "Additional-Authorization"}, 1}
	radFrmProto   = radiusValues{[]string{"PPP", "SLIP", "ARAP", "Gandalf proprietary", "Xylogics IPX/SLIP", "X.75 Synchronous", "GPRS PDP Context"}, 1}
	radFrmRouting = radiusValues{[]string{"None", "Send", "Listen", "Send&Listen"}, 0}
	radFrmComp    = radiusValues{[]string{"None", "VJ TCP/IP", "IPX", "Stac-LZS"}, 0}
	radLoginServ  = radiusValues{[]string{"Telnet", "Rlogin", "TCP Clear", "PortMaster(proprietary)", "LAT",
		"X.25-PAD", "X.25-T3POS", "Unassigned", "TCP Clear Quiet"}, 0}
	radTermAction = radiusValues{[]string{"Default", "RADIUS-Request"}, 0}
	radIngress    = radiusValues{[]string{"Enabled", "Disabled"}, 1}
	radPortType   = radiusValues{[]string{"Async", "Sync", "ISDN Sync", "ISDN Async V.120", "ISDN Async V.110",
		"Virtual", "PIAFS", "HDLC Clear Channel", "X.25", "X.75", "G.3 Fax", "SDSL", "ADSL-CAP", "ADSL-DMT",
		"ISDN-DSL", "Ethernet", "xDSL", "Cable", "Wireless - Other", "Wireless - IEEE 802.11", "Token-Ring",
		"FDDI", "Wireless - CDMA200", "Wireless - UMTS", "Wireless - 1X-EV", "IAPP", "FTTP",
		"Wireless - IEEE 802.16", "Wireless - IEEE 802.20", "Wireless - IEEE 802.22", "PPPoA", "PPPoEoA",
		"PPPoEoE", "PPPoEoVLAN", "PPPoEoQinQ", "xPON", "Wireless - XGP", "WiMAX Pre-Release 8 IWK Function",
		"WIMAX-WIFI-IWK", "WIMAX-SFF", "WIMAX-HA-LMA", "WIMAX-DHCP", "WIMAX-LBS", "WIMAX-WVS"}, 0}
	radAcctStatus = radiusValues{[]string{"Start", "Stop", "Interim-Update", "Unassigned", "Unassigned",
		"Unassigned", "Accounting-On", "Accounting-Off", "Tunnel-Start", "Tunnel-Stop", "Tunnel-Reject",
		"Tunnel-Link-Start", "Tunnel-Link-Stop", "Tunnel-Link-Reject", "Failed"}, 1}
	radAcctAuth = radiusValues{[]string{"RADIUS", "Local", "Remote", "Diameter"}, 1}
	radAcctTerm = radiusValues{[]string{"User Request", "Lost Carrier", "Lost Service", "Idle Timeout",
		"Session Timeout", "Admin Reset", "Admin Reboot", "Port Error", "NAS Error", "NAS Request",
		"NAS Reboot", "Port Unneeded", "Port Preempted", "Port Suspended", "Service Unavailable", "Callback",
		"User Error", "Host Request", "Supplicant Restart", "Reauthentication Failure", "Port Reinitialized",
		"Port Administratively Disabled", "Lost Power"}, 1}
	radTunnelType = radiusValues{[]string{"PPTP", "L2F", "L2TP", "ATMP", "VTP", "AH", "IP-IP", "MIN-IP-IP",
		"ESP", "GRE", "DVS", "IP-in-IP Tunneling", "VLAN"}, 1}
	radTunnelMedium = radiusValues{[]string{"IPv4", "IPv6", "NSAP", "HDLC", "BBN 1822", "802", "E.163",
		"E.164", "F.69", "X.121", "IPX", "Appletalk", "Decnet IV", "Banyan Vines", "E.164 with NSAP subaddress"}, 1}
	radArapZone = radiusValues{[]string{"Only access to dfl zone", "Use zone filter inc.", "Not used", "Use zone filter exc."}, 1}
	radPrompt   = radiusValues{[]string{"No Echo", "Echo"}, 0}
)

// Attribute printers.
const (
	radNone = iota
	radString
	radNum
	radAddr
	radAddr6
	radNetmask6
	radVendor
	radTime
	radStrange
	radVector64
	radMIP6Prefix
	radOperator
	radLocInfo
	radLocData
	radPolicy
)

type radiusAttr struct {
	name string
	f    uint8
	vals *radiusValues
}

var radiusAttrs = [...]radiusAttr{
	{"", radNone, nil}, {"User-Name", radString, nil}, {"User-Password", radNone, nil},
	{"CHAP-Password", radNone, nil}, {"NAS-IP-Address", radAddr, nil}, {"NAS-Port", radNum, nil},
	{"Service-Type", radNum, &radServType}, {"Framed-Protocol", radNum, &radFrmProto},
	{"Framed-IP-Address", radAddr, nil}, {"Framed-IP-Netmask", radAddr, nil},
	{"Framed-Routing", radNum, &radFrmRouting}, {"Filter-Id", radString, nil}, {"Framed-MTU", radNum, nil},
	{"Framed-Compression", radNum, &radFrmComp}, {"Login-IP-Host", radAddr, nil},
	{"Login-Service", radNum, &radLoginServ}, {"Login-TCP-Port", radNum, nil}, {"Unassigned", radNone, nil},
	{"Reply-Message", radString, nil}, {"Callback-Number", radString, nil}, {"Callback-Id", radString, nil},
	{"Unassigned", radNone, nil}, {"Framed-Route", radString, nil}, {"Framed-IPX-Network", radNum, nil},
	{"State", radString, nil}, {"Class", radString, nil}, {"Vendor-Specific", radVendor, nil},
	{"Session-Timeout", radNum, nil}, {"Idle-Timeout", radNum, nil},
	{"Termination-Action", radNum, &radTermAction}, {"Called-Station-Id", radString, nil},
	{"Calling-Station-Id", radString, nil}, {"NAS-Identifier", radString, nil}, {"Proxy-State", radString, nil},
	{"Login-LAT-Service", radString, nil}, {"Login-LAT-Node", radString, nil},
	{"Login-LAT-Group", radString, nil}, {"Framed-AppleTalk-Link", radNum, nil},
	{"Framed-AppleTalk-Network", radNum, nil}, {"Framed-AppleTalk-Zone", radString, nil},
	{"Acct-Status-Type", radNum, &radAcctStatus}, {"Acct-Delay-Time", radNum, nil},
	{"Acct-Input-Octets", radNum, nil}, {"Acct-Output-Octets", radNum, nil},
	{"Acct-Session-Id", radString, nil}, {"Acct-Authentic", radNum, &radAcctAuth},
	{"Acct-Session-Time", radNum, nil}, {"Acct-Input-Packets", radNum, nil},
	{"Acct-Output-Packets", radNum, nil}, {"Acct-Terminate-Cause", radNum, &radAcctTerm},
	{"Acct-Multi-Session-Id", radString, nil}, {"Acct-Link-Count", radNum, nil},
	{"Acct-Input-Gigawords", radNum, nil}, {"Acct-Output-Gigawords", radNum, nil},
	{"Unassigned", radNone, nil}, {"Event-Timestamp", radTime, nil}, {"Egress-VLANID", radNum, nil},
	{"Ingress-Filters", radNum, &radIngress}, {"Egress-VLAN-Name", radString, nil},
	{"User-Priority-Table", radNone, nil}, {"CHAP-Challenge", radString, nil},
	{"NAS-Port-Type", radNum, &radPortType}, {"Port-Limit", radNum, nil},
	{"Login-LAT-Port", radString, nil}, {"Tunnel-Type", radNum, &radTunnelType},
	{"Tunnel-Medium-Type", radNum, &radTunnelMedium}, {"Tunnel-Client-Endpoint", radString, nil},
	{"Tunnel-Server-Endpoint", radString, nil}, {"Acct-Tunnel-Connection", radString, nil},
	{"Tunnel-Password", radString, nil}, {"ARAP-Password", radStrange, nil},
	{"ARAP-Features", radStrange, nil}, {"ARAP-Zone-Access", radNum, &radArapZone},
	{"ARAP-Security", radString, nil}, {"ARAP-Security-Data", radString, nil},
	{"Password-Retry", radNum, nil}, {"Prompt", radNum, &radPrompt}, {"Connect-Info", radString, nil},
	{"Configuration-Token", radString, nil}, {"EAP-Message", radString, nil},
	{"Message-Authenticator", radString, nil}, {"Tunnel-Private-Group-ID", radString, nil},
	{"Tunnel-Assignment-ID", radString, nil}, {"Tunnel-Preference", radNum, nil},
	{"ARAP-Challenge-Response", radStrange, nil}, {"Acct-Interim-Interval", radNum, nil},
	{"Acct-Tunnel-Packets-Lost", radNum, nil}, {"NAS-Port-Id", radString, nil},
	{"Framed-Pool", radString, nil}, {"CUI", radString, nil}, {"Tunnel-Client-Auth-ID", radString, nil},
	{"Tunnel-Server-Auth-ID", radString, nil}, {"NAS-Filter-Rule", radString, nil},
	{"Unassigned", radNone, nil}, {"Originating-Line-Info", radNone, nil},
	{"NAS-IPv6-Address", radAddr6, nil}, {"Framed-Interface-ID", radNone, nil},
	{"Framed-IPv6-Prefix", radNetmask6, nil}, {"Login-IPv6-Host", radAddr6, nil},
	{"Framed-IPv6-Route", radString, nil}, {"Framed-IPv6-Pool", radString, nil},
	{"Error-Cause", radStrange, nil}, {"EAP-Key-Name", radNone, nil}, {"Digest-Response", radString, nil},
	{"Digest-Realm", radString, nil}, {"Digest-Nonce", radString, nil},
	{"Digest-Response-Auth", radString, nil}, {"Digest-Nextnonce", radString, nil},
	{"Digest-Method", radString, nil}, {"Digest-URI", radString, nil}, {"Digest-Qop", radString, nil},
	{"Digest-Algorithm", radString, nil}, {"Digest-Entity-Body-Hash", radString, nil},
	{"Digest-CNonce", radString, nil}, {"Digest-Nonce-Count", radString, nil},
	{"Digest-Username", radString, nil}, {"Digest-Opaque", radString, nil},
	{"Digest-Auth-Param", radString, nil}, {"Digest-AKA-Auts", radString, nil},
	{"Digest-Domain", radString, nil}, {"Digest-Stale", radString, nil}, {"Digest-HA1", radString, nil},
	{"SIP-AOR", radString, nil}, {"Delegated-IPv6-Prefix", radNetmask6, nil},
	{"MIP6-Feature-Vector", radVector64, nil}, {"MIP6-Home-Link-Prefix", radMIP6Prefix, nil},
	{"Operator-Name", radOperator, nil}, {"Location-Information", radLocInfo, nil},
	{"Location-Data", radLocData, nil}, {"Basic-Location-Policy-Rules", radPolicy, nil},
}

var radiusErrorCauses = map[uint32]string{201: "Residual Session Context Removed",
	202: "Invalid EAP Packet (Ignored)", 401: "Unsupported Attribute", 402: "Missing Attribute",
	403: "NAS Identification Mismatch", 404: "Invalid Request", 405: "Unsupported Service",
	406: "Unsupported Extension", 407: "Invalid Attribute Value", 501: "Administratively Prohibited",
	502: "Request Not Routable (Proxy)", 503: "Session Context Not Found",
	504: "Session Context Not Removable", 505: "Other Proxy Processing Error", 506: "Resources Unavailable",
	507: "Request Initiated", 508: "Multiple Session Selection Unsupported", 509: "Location Info Required"}

var radiusMIP6Features = [...]struct {
	bit  uint64
	name string
}{{0x1, "MIP6_INTEGRATED"}, {0x2, "LOCAL_HOME_AGENT_ASSIGNMENT"}, {0x10000000000, "PMIP6_SUPPORTED"},
	{0x20000000000, "IP4_HOA_SUPPORTED"}, {0x40000000000, "LOCAL_MAG_ROUTING_SUPPORTED"},
	{0x80000000000, "ASSIGN_LOCAL_IP"}, {0x100000000000, "MIP4_SUPPORTED"},
	{0x200000000000, "OPTIMIZED_IDLE_MODE_MOBILITY"}, {0x400000000000, "GTPv2_SUPPORTED"},
	{0x800000000000, "IP4_TRANSPORT_SUPPORTED"}, {0x1000000000000, "IP4_HOA_ONLY_SUPPORTED"},
	{0x2000000000000, "INTER_MAG_ROUTING_SUPPORTED"}}

var radiusPolicyBits = []bitName16{{0x0001, "MBZ-15"}, {0x0002, "MBZ-14"}, {0x0004, "MBZ-13"},
	{0x0008, "MBZ-12"}, {0x0010, "MBZ-11"}, {0x0020, "MBZ-10"}, {0x0040, "MBZ-9"}, {0x0080, "MBZ-8"},
	{0x0100, "MBZ-7"}, {0x0200, "MBZ-6"}, {0x0400, "MBZ-5"}, {0x0800, "MBZ-4"}, {0x1000, "MBZ-3"},
	{0x2000, "MBZ-2"}, {0x4000, "MBZ-1"}, {0x8000, "Retransmission Allowed"}}

// bitName16 names a bit of a 16-bit field for bits16.
type bitName16 struct {
	bit  uint16
	name string
}

// bits16 is bittok2str for 16-bit fields.
func (p *Printer) bits16(v uint16, names []bitName16, none string) {
	sep := ""
	for _, b := range names {
		if v&b.bit == b.bit {
			p.s(sep)
			p.s(b.name)
			sep = ", "
		}
	}
	if sep == "" {
		p.s(none)
	}
}

// radiusPrintable prints c if printable ASCII, else '.'.
func (p *Printer) radiusPrintable(c byte) {
	if c >= 0x20 && c <= 0x7e {
		p.c(c)
	} else {
		p.c('.')
	}
}

func (p *Printer) radiusTag(v byte) {
	if v != 0 {
		p.s("Tag[")
		p.u(uint64(v))
		p.s("] ")
	} else {
		p.s("Tag[Unused] ")
	}
}

func (p *Printer) radiusErrLen(format string, n int, want string) {
	p.s(format)
	p.u(uint64(uint32(n)))
	p.s(want)
}

// localCheck is ND_TCHECK_LEN jumping to a printer's own trunc label:
// false, after " [|proto]", when the n bytes at off are not all captured.
func (p *Printer) localCheck(off, n int) bool {
	if p.ttest(off, n) {
		return true
	}
	p.trunc()
	return false
}

func (p *Printer) radiusString(bp, n int, code uint8) {
	if !p.localCheck(bp, n) {
		return
	}
	switch code {
	case 69:
		if n < 3 {
			p.trunc()
			return
		}
		v := p.u8(bp)
		if v != 0 && v <= 0x1f {
			p.s("Tag[")
			p.u(uint64(v))
			p.s("] ")
		} else {
			p.s("Tag[Unused] ")
		}
		p.s("Salt ")
		p.u(uint64(p.be16(bp + 1)))
		p.s(" ")
		bp += 3
		n -= 3
	case 66, 67, 81, 82, 90, 91:
		if p.u8(bp) <= 0x1f {
			p.radiusTag(p.u8(bp))
			bp++
			n--
		}
	case 79:
		p.eapPrint(bp, n)
		return
	case 58:
		v := p.u8(bp)
		switch v {
		case 0x31:
			p.s("Tagged")
		case 0x32:
			p.s("Untagged")
		default:
			p.s("Unknown tag")
		}
		p.s(" (0x")
		p.xpad(uint64(v), 2)
		p.s(") ")
		bp++
		n--
	}
	for i := 0; i < n && p.u8(bp) != 0; i++ {
		p.radiusPrintable(p.u8(bp))
		bp++
	}
}

func (p *Printer) radiusVendor(bp, n int) {
	if n < 4 {
		p.trunc()
		return
	}
	id := p.be32(bp)
	bp += 4
	n -= 4
	p.s("Vendor: ")
	if name, ok := smiEnterprises[id]; ok {
		p.s(name)
	} else {
		p.s("Unknown")
	}
	p.s(" (")
	p.u(uint64(id))
	p.s(")")
	for n >= 2 {
		typ := p.u8(bp)
		vl := int(p.u8(bp + 1))
		if vl < 2 {
			p.s("\n\t    Vendor Attribute: ")
			p.u(uint64(typ))
			p.s(", Length: ")
			p.u(uint64(vl))
			p.s(" (bogus, must be >= 2)")
			return
		}
		if vl > n {
			p.s("\n\t    Vendor Attribute: ")
			p.u(uint64(typ))
			p.s(", Length: ")
			p.u(uint64(vl))
			p.s(" (bogus, goes past end of vendor-specific attribute)")
			return
		}
		bp += 2
		vl -= 2
		n -= 2
		if !p.localCheck(bp, vl) {
			return
		}
		p.s("\n\t    Vendor Attribute: ")
		p.u(uint64(typ))
		p.s(", Length: ")
		p.u(uint64(vl))
		p.s(", Value: ")
		for i := 0; i < vl; i++ {
			p.radiusPrintable(p.pkt[bp])
			bp++
		}
		n -= vl
	}
}

func (p *Printer) radiusTimeout(t uint32) {
	switch {
	case t < 60:
		p.padUint0(uint64(t), 2)
		p.s(" secs")
	case t < 3600:
		p.padUint0(uint64(t/60), 2)
		p.c(':')
		p.padUint0(uint64(t%60), 2)
		p.s(" min")
	default:
		p.padUint0(uint64(t/3600), 2)
		p.c(':')
		p.padUint0(uint64(t%3600/60), 2)
		p.c(':')
		p.padUint0(uint64(t%60), 2)
		p.s(" hours")
	}
}

func (p *Printer) radiusNum(bp, n int, code uint8) {
	if n != 4 {
		p.radiusErrLen("ERROR: length ", n, " != 4")
		return
	}
	if t := radiusAttrs[code].vals; t != nil {
		var v uint32
		if code == 64 || code == 65 {
			p.radiusTag(p.u8(bp))
			v = p.be24(bp + 1)
		} else {
			v = p.be32(bp)
		}
		if v >= t.first && v-t.first < uint32(len(t.names)) {
			p.s(t.names[v-t.first])
		} else {
			p.c('#')
			p.u(uint64(v))
		}
		return
	}
	switch code {
	case 23:
		if v := p.be32(bp); v == 0xfffffffe {
			p.s("NAS Select")
		} else {
			p.u(uint64(v))
		}
	case 27, 28, 41, 46, 85:
		p.radiusTimeout(p.be32(bp))
	case 37:
		if v := p.be32(bp); v != 0 {
			p.u(uint64(v))
		} else {
			p.s("Unnumbered")
		}
	case 38:
		if v := p.be32(bp); v != 0 {
			p.u(uint64(v))
		} else {
			p.s("NAS assigned")
		}
	case 83:
		p.radiusTag(p.u8(bp))
		p.u(uint64(p.be24(bp + 1)))
	case 56:
		v := p.u8(bp)
		switch v {
		case 0x31:
			p.s("Tagged")
		case 0x32:
			p.s("Untagged")
		default:
			p.s("Unknown tag")
		}
		p.s(" (0x")
		p.xpad(uint64(v), 2)
		p.s(") ")
		p.u(uint64(p.be24(bp + 1)))
	default:
		p.u(uint64(p.be32(bp)))
	}
}

func (p *Printer) radiusHex(bp, n int) {
	for i := 0; i < n; i++ {
		b := p.u8(bp + i)
		p.c("0123456789ABCDEF"[b>>4])
		p.c("0123456789ABCDEF"[b&15])
	}
}

func (p *Printer) radiusStrange(bp, n int, code uint8) {
	switch code {
	case 70:
		if n != 16 {
			p.radiusErrLen("ERROR: length ", n, " != 16")
			return
		}
		p.s("User_challenge (")
		p.radiusHex(bp, 8)
		p.s(") User_resp(")
		p.radiusHex(bp+8, 8)
		p.s(")")
	case 71:
		if n != 14 {
			p.radiusErrLen("ERROR: length ", n, " != 14")
			return
		}
		if p.u8(bp) != 0 {
			p.s("User can change password")
		} else {
			p.s("User cannot change password")
		}
		v := p.u8(bp + 1)
		p.s(", Min password length: ")
		p.u(uint64(v))
		p.s(", created at: ")
		p.radiusHex(bp+2, 4)
		p.s(", expires in: ")
		p.radiusHex(bp+6, 4)
		p.s(", Current Time: ")
		p.radiusHex(bp+10, 4)
	case 84:
		if n < 8 {
			p.radiusErrLen("ERROR: length ", n, " != 8")
			return
		}
		p.radiusHex(bp, 8)
	case 101:
		if n != 4 {
			p.radiusErrLen("Error: length ", n, " != 4")
			return
		}
		v := p.be32(bp)
		p.s("Error cause ")
		p.u(uint64(v))
		p.s(": ")
		if name, ok := radiusErrorCauses[v]; ok {
			p.s(name)
		} else {
			p.s("Error-Cause ")
			p.u(uint64(v))
			p.s(" not known")
		}
	}
}

// radiusCtime prints a time as ctime does (without the newline).
func (p *Printer) radiusCtime(secs uint32) {
	t := time.Unix(int64(secs), 0).In(p.loc)
	p.s(t.Weekday().String()[:3])
	p.c(' ')
	p.s(t.Month().String()[:3])
	p.c(' ')
	p.padUint(uint64(t.Day()), 2)
	p.c(' ')
	h, m, s := t.Clock()
	p.padUint0(uint64(h), 2)
	p.c(':')
	p.padUint0(uint64(m), 2)
	p.c(':')
	p.padUint0(uint64(s), 2)
	p.c(' ')
	p.u(uint64(t.Year()))
}

func (p *Printer) radiusAttrValue(bp, n int, code uint8) {
	switch radiusAttrs[code].f {
	case radString:
		p.radiusString(bp, n, code)
	case radNum:
		p.radiusNum(bp, n, code)
	case radAddr:
		if n != 4 {
			p.radiusErrLen("ERROR: length ", n, " != 4")
			return
		}
		v := p.be32(bp)
		if (code == 8 || code == 14) && v == 0xffffffff {
			p.s("User Selected")
		} else if (code == 8 || code == 14) && v == 0xfffffffe {
			p.s("NAS Select")
		} else {
			p.ip4(bp)
		}
	case radAddr6:
		if n != 16 {
			p.radiusErrLen("ERROR: length ", n, " != 16")
			return
		}
		p.ip6(bp)
	case radNetmask6:
		if n < 2 || n > 18 {
			p.radiusErrLen("ERROR: length ", n, " not in range (2..18)")
			return
		}
		if !p.localCheck(bp, n) {
			return
		}
		plen := p.u8(bp + 1)
		if plen > 128 {
			p.s("ERROR: netmask ")
			p.u(uint64(plen))
			p.s(" not in range (0..128)")
			return
		}
		var a [16]byte
		copy(a[:], p.pkt[bp+2:bp+n])
		p.ip6b(a[:])
		p.c('/')
		p.u(uint64(plen))
		if int(plen) > 8*(n-2) {
			p.s(" (inconsistent prefix length)")
		}
	case radVendor:
		p.radiusVendor(bp, n)
	case radTime:
		if n != 4 {
			p.radiusErrLen("ERROR: length ", n, " != 4")
			return
		}
		p.radiusCtime(p.be32(bp))
	case radStrange:
		p.radiusStrange(bp, n, code)
	case radVector64:
		if n != 8 {
			p.radiusErrLen("ERROR: length ", n, " != 8")
			return
		}
		p.s("[")
		v := p.be64(bp)
		sep := ""
		for _, f := range radiusMIP6Features {
			if v&f.bit != 0 {
				p.s(sep)
				p.s(f.name)
				sep = ", "
			}
		}
		p.s("]")
	case radMIP6Prefix:
		if n != 17 {
			p.radiusErrLen("ERROR: length ", n, " != 17")
			return
		}
		if !p.localCheck(bp, n) {
			return
		}
		plen := p.u8(bp)
		if plen > 128 {
			p.s("ERROR: netmask ")
			p.u(uint64(plen))
			p.s(" not in range (0..128)")
			return
		}
		p.ip6(bp + 1)
		p.c('/')
		p.u(uint64(plen))
	case radOperator:
		if !p.localCheck(bp, n) {
			return
		}
		if n < 2 {
			p.radiusErrLen("ERROR: length ", n, " < 2")
			return
		}
		ns := p.u8(bp)
		p.c('[')
		switch ns {
		case 0x30:
			p.s("TADIG")
		case 0x31:
			p.s("REALM")
		case 0x32:
			p.s("E212")
		case 0x33:
			p.s("ICC")
		default:
			p.s("unknown namespace ")
			p.u(uint64(ns))
		}
		p.s("] ")
		p.nprintn(bp+1, n-1)
	case radLocInfo:
		if !p.localCheck(bp, n) {
			return
		}
		if n < 21 {
			p.radiusErrLen("ERROR: length ", n, " < 21")
			return
		}
		idx := p.be16(bp)
		code, ent := p.u8(bp+2), p.u8(bp+3)
		p.s("index ")
		p.u(uint64(idx))
		p.s(", code ")
		switch code {
		case 0:
			p.s("Civic")
		case 1:
			p.s("Geospatial")
		default:
			p.s("Unknown (")
			p.u(uint64(code))
			p.s(")")
		}
		p.s(", entity ")
		switch ent {
		case 0:
			p.s("User")
		case 1:
			p.s("RADIUS")
		default:
			p.s("Unknown (")
			p.u(uint64(ent))
			p.s(")")
		}
		p.s(", sighting time ")
		p.ntpTimestamp(bp + 4)
		p.s(", time to live ")
		p.ntpTimestamp(bp + 12)
		p.s(", method \"")
		p.nprintn(bp+20, n-20)
		p.s("\"")
	case radLocData:
		if !p.localCheck(bp, n) {
			return
		}
		if n < 3 {
			p.radiusErrLen("ERROR: length ", n, " < 3")
			return
		}
		p.s("index ")
		p.u(uint64(p.be16(bp)))
		p.s(", location")
		p.hexASCII("\n\t    ", p.pkt[bp+2:bp+n])
	case radPolicy:
		if !p.localCheck(bp, n) {
			return
		}
		if n < 10 {
			p.radiusErrLen("ERROR: length ", n, " < 10")
			return
		}
		p.s("flags [")
		p.bits16(p.be16(bp), radiusPolicyBits, "none")
		p.s("], retention expires ")
		p.ntpTimestamp(bp + 2)
		if n > 10 {
			p.s(", note well \"")
			p.nprintn(bp+10, n-10)
			p.s("\"")
		}
	}
}

func (p *Printer) radiusAttrs(bp, length int) {
	for length > 0 {
		if length < 2 {
			p.trunc()
			return
		}
		if !p.localCheck(bp, 2) {
			return
		}
		typ := p.pkt[bp]
		alen := int(p.pkt[bp+1])
		p.s("\n\t  ")
		if typ != 0 && int(typ) < len(radiusAttrs) {
			p.s(radiusAttrs[typ].name)
		} else {
			p.s("Unknown")
		}
		p.s(" Attribute (")
		p.u(uint64(typ))
		p.s("), length: ")
		p.u(uint64(alen))
		if alen < 2 {
			p.s(" (bogus, must be >= 2)")
			return
		}
		if alen > length {
			p.s(" (bogus, goes past end of packet)")
			return
		}
		p.s(", Value: ")
		if int(typ) < len(radiusAttrs) && alen > 2 {
			p.radiusAttrValue(bp+2, alen-2, typ)
		}
		if p.o.Verbose > 1 {
			p.unknownData(bp+2, "\n\t    ", alen-2)
		}
		length -= alen
		bp += alen
	}
}

func (p *Printer) radiusPrint(bp, length int) {
	p.proto = "radius"
	if !p.localCheck(bp, 20) {
		return
	}
	n := int(p.be16(bp + 2))
	if n < 20 {
		p.trunc()
		return
	}
	if n > length {
		n = length
	}
	code := p.pkt[bp]
	name, ok := radiusCodes[code]
	if !ok {
		name = "Unknown Command"
	}
	if p.o.Verbose < 1 {
		p.s("RADIUS, ")
		p.s(name)
		p.s(" (")
		p.u(uint64(code))
		p.s("), id: 0x")
		p.xpad(uint64(p.pkt[bp+1]), 2)
		p.s(" length: ")
		p.u(uint64(n))
		return
	}
	p.s("RADIUS, length: ")
	p.u(uint64(n))
	p.s("\n\t")
	p.s(name)
	p.s(" (")
	p.u(uint64(code))
	p.s("), id: 0x")
	p.xpad(uint64(p.pkt[bp+1]), 2)
	p.s(", Authenticator: ")
	for i := 0; i < 16; i++ {
		p.hex2(p.pkt[bp+4+i])
	}
	if n > 20 {
		p.radiusAttrs(bp+20, n-20)
	}
}
