// OpenFlow 1.0 messages, as tcpdump 4.99.3's print-openflow-1.0.c prints
// them: the message type table, and with -v every body it decodes (error,
// vendor with the Big Switch Networks extensions, features reply with its
// physical ports, switch configuration, packet in and out, flow removed
// and flow modification with the match and the actions, port status and
// modification, statistics requests and replies of every type, queue
// configuration), the frames of packet in and out decoded with -vvv.

package printer

var of10Ports = []tokL2{{0xff00, "MAX"}, {0xfff8, "IN_PORT"}, {0xfff9, "TABLE"}, {0xfffa, "NORMAL"},
	{0xfffb, "FLOOD"}, {0xfffc, "ALL"}, {0xfffd, "CONTROLLER"}, {0xfffe, "LOCAL"}, {0xffff, "NONE"}}

var of10PortConfig = []tokL2{{1 << 0, "PORT_DOWN"}, {1 << 1, "NO_STP"}, {1 << 2, "NO_RECV"},
	{1 << 3, "NO_RECV_STP"}, {1 << 4, "NO_FLOOD"}, {1 << 5, "NO_FWD"}, {1 << 6, "NO_PACKET_IN"}}

const of10PortConfigU = ^uint32(0x7f)

var of10STPStates = []tokL2{{0 << 8, "STP_LISTEN"}, {1 << 8, "STP_LEARN"}, {2 << 8, "STP_FORWARD"}, {3 << 8, "STP_BLOCK"}}

const of10PortStateU = ^uint32(1 | 3<<8)

var of10PortFeatures = []tokL2{{1 << 0, "10MB_HD"}, {1 << 1, "10MB_FD"}, {1 << 2, "100MB_HD"},
	{1 << 3, "100MB_FD"}, {1 << 4, "1GB_HD"}, {1 << 5, "1GB_FD"}, {1 << 6, "10GB_FD"}, {1 << 7, "COPPER"},
	{1 << 8, "FIBER"}, {1 << 9, "AUTONEG"}, {1 << 10, "PAUSE"}, {1 << 11, "PAUSE_ASYM"}}

const of10PortFeaturesU = ^uint32(0xfff)

var of10QueueProps = []tokL2{{0, "NONE"}, {1, "MIN_RATE"}}

var of10Wildcards = []tokL2{{1 << 0, "IN_PORT"}, {1 << 1, "DL_VLAN"}, {1 << 2, "DL_SRC"}, {1 << 3, "DL_DST"},
	{1 << 4, "DL_TYPE"}, {1 << 5, "NW_PROTO"}, {1 << 6, "TP_SRC"}, {1 << 7, "TP_DST"},
	{1 << 20, "DL_VLAN_PCP"}, {1 << 21, "NW_TOS"}}

const of10WildcardsU = ^uint32(1<<22 - 1)

var of10Actions = []tokL2{{0, "OUTPUT"}, {1, "SET_VLAN_VID"}, {2, "SET_VLAN_PCP"}, {3, "STRIP_VLAN"},
	{4, "SET_DL_SRC"}, {5, "SET_DL_DST"}, {6, "SET_NW_SRC"}, {7, "SET_NW_DST"}, {8, "SET_NW_TOS"},
	{9, "SET_TP_SRC"}, {10, "SET_TP_DST"}, {11, "ENQUEUE"}, {0xffff, "VENDOR"}}

// of10ActionBits is ofpat_bm: the action types as bits, without VENDOR.
var of10ActionBits = []tokL2{{1 << 0, "OUTPUT"}, {1 << 1, "SET_VLAN_VID"}, {1 << 2, "SET_VLAN_PCP"},
	{1 << 3, "STRIP_VLAN"}, {1 << 4, "SET_DL_SRC"}, {1 << 5, "SET_DL_DST"}, {1 << 6, "SET_NW_SRC"},
	{1 << 7, "SET_NW_DST"}, {1 << 8, "SET_NW_TOS"}, {1 << 9, "SET_TP_SRC"}, {1 << 10, "SET_TP_DST"},
	{1 << 11, "ENQUEUE"}}

const of10ActionBitsU = ^uint32(0xfff)

var of10Capabilities = []tokL2{{1 << 0, "FLOW_STATS"}, {1 << 1, "TABLE_STATS"}, {1 << 2, "PORT_STATS"},
	{1 << 3, "STP"}, {1 << 4, "RESERVED"}, {1 << 5, "IP_REASM"}, {1 << 6, "QUEUE_STATS"}, {1 << 7, "ARP_MATCH_IP"}}

const of10CapabilitiesU = ^uint32(0xef)

var of10ConfigFlags = []tokL2{{0, "FRAG_NORMAL"}, {1, "FRAG_DROP"}, {2, "FRAG_REASM"}}

var of10FlowCommands = []tokL2{{0, "ADD"}, {1, "MODIFY"}, {2, "MODIFY_STRICT"}, {3, "DELETE"}, {4, "DELETE_STRICT"}}

var of10BufferIDs = []tokL2{{0xffffffff, "NONE"}}

var of10FlowModFlags = []tokL2{{1 << 0, "SEND_FLOW_REM"}, {1 << 1, "CHECK_OVERLAP"}, {1 << 2, "EMERG"}}

const of10FlowModFlagsU = ^uint32(7)

var of10StatsTypes = []tokL2{{0, "DESC"}, {1, "FLOW"}, {2, "AGGREGATE"}, {3, "TABLE"}, {4, "PORT"},
	{5, "QUEUE"}, {0xffff, "VENDOR"}}

var of10TableIDs = []tokL2{{0xfe, "EMERG"}, {0xff, "ALL"}}

var of10Queues = []tokL2{{0xffffffff, "ALL"}}

var of10StatsReplyFlags = []tokL2{{1, "MORE"}}

var of10PacketInReasons = []tokL2{{0, "NO_MATCH"}, {1, "ACTION"}}

var of10FlowRemovedReasons = []tokL2{{0, "IDLE_TIMEOUT"}, {1, "HARD_TIMEOUT"}, {2, "DELETE"}}

var of10PortReasons = []tokL2{{0, "ADD"}, {1, "DELETE"}, {2, "MODIFY"}}

var of10ErrorTypes = []tokL2{{0, "HELLO_FAILED"}, {1, "BAD_REQUEST"}, {2, "BAD_ACTION"},
	{3, "FLOW_MOD_FAILED"}, {4, "PORT_MOD_FAILED"}, {5, "QUEUE_OP_FAILED"}}

// of10ErrorCodes is of10_ofpet2tokary: the codes of each error type.
var of10ErrorCodes = [...][]tokL2{
	{{0, "INCOMPATIBLE"}, {1, "EPERM"}},
	{{0, "BAD_VERSION"}, {1, "BAD_TYPE"}, {2, "BAD_STAT"}, {3, "BAD_VENDOR"}, {4, "BAD_SUBTYPE"},
		{5, "EPERM"}, {6, "BAD_LEN"}, {7, "BUFFER_EMPTY"}, {8, "BUFFER_UNKNOWN"}},
	{{0, "BAD_TYPE"}, {1, "BAD_LEN"}, {2, "BAD_VENDOR"}, {3, "BAD_VENDOR_TYPE"}, {4, "BAD_OUT_PORT"},
		{5, "BAD_ARGUMENT"}, {6, "EPERM"}, {7, "TOO_MANY"}, {8, "BAD_QUEUE"}},
	{{0, "ALL_TABLES_FULL"}, {1, "OVERLAP"}, {2, "EPERM"}, {3, "BAD_EMERG_TIMEOUT"}, {4, "BAD_COMMAND"},
		{5, "UNSUPPORTED"}},
	{{0, "BAD_PORT"}, {1, "BAD_HW_ADDR"}},
	{{0, "BAD_PORT"}, {1, "BAD_QUEUE"}, {2, "EPERM"}},
}

var of10BSNSubtypes = []tokL2{{0, "SET_IP_MASK"}, {1, "GET_IP_MASK_REQUEST"}, {2, "GET_IP_MASK_REPLY"},
	{3, "SET_MIRRORING"}, {4, "GET_MIRRORING_REQUEST"}, {5, "GET_MIRRORING_REPLY"}, {6, "SHELL_COMMAND"},
	{7, "SHELL_OUTPUT"}, {8, "SHELL_STATUS"}, {9, "GET_INTERFACES_REQUEST"}, {10, "GET_INTERFACES_REPLY"},
	{11, "SET_PKTIN_SUPPRESSION_REQUEST"}, {12, "SET_L2_TABLE_REQUEST"}, {13, "GET_L2_TABLE_REQUEST"},
	{14, "GET_L2_TABLE_REPLY"}, {15, "VIRTUAL_PORT_CREATE_REQUEST"}, {16, "VIRTUAL_PORT_CREATE_REPLY"},
	{17, "VIRTUAL_PORT_REMOVE_REQUEST"}, {18, "BW_ENABLE_SET_REQUEST"}, {19, "BW_ENABLE_GET_REQUEST"},
	{20, "BW_ENABLE_GET_REPLY"}, {21, "BW_CLEAR_DATA_REQUEST"}, {22, "BW_CLEAR_DATA_REPLY"},
	{23, "BW_ENABLE_SET_REPLY"}, {24, "SET_L2_TABLE_REPLY"}, {25, "SET_PKTIN_SUPPRESSION_REPLY"},
	{26, "VIRTUAL_PORT_REMOVE_REPLY"}, {27, "HYBRID_GET_REQUEST"}, {28, "HYBRID_GET_REPLY"},
	{31, "PDU_TX_REQUEST"}, {32, "PDU_TX_REPLY"}, {33, "PDU_RX_REQUEST"}, {34, "PDU_RX_REPLY"},
	{35, "PDU_RX_TIMEOUT"}}

var of10BSNActionSubtypes = []tokL2{{1, "MIRROR"}, {2, "SET_TUNNEL_DST"}, {4, "CHECKSUM"}}

var of10BSNCopyStages = []tokL2{{0, "INGRESS"}, {1, "EGRESS"}}

var of10BSNOnOff = []tokL2{{0, "OFF"}, {1, "ON"}}

const ofOUIBSN = 0x5c16c7

// of10MsgTypes is of10_msgtypeinfo.
var of10MsgTypes = [...]ofMsgType{
	{"HELLO", (*Printer).ofData, ofReqMinLen, 0},
	{"ERROR", (*Printer).of10Error, ofReqMinLen, 4},
	{"ECHO_REQUEST", (*Printer).ofData, ofReqMinLen, 0},
	{"ECHO_REPLY", (*Printer).ofData, ofReqMinLen, 0},
	{"VENDOR", (*Printer).of10VendorMessage, ofReqMinLen, 4},
	{"FEATURES_REQUEST", nil, ofReqFixLen, 0},
	{"FEATURES_REPLY", (*Printer).of10FeaturesReply, ofReqMinLen, 24},
	{"GET_CONFIG_REQUEST", nil, ofReqFixLen, 0},
	{"GET_CONFIG_REPLY", (*Printer).of10SwitchConfig, ofReqFixLen, 4},
	{"SET_CONFIG", (*Printer).of10SwitchConfig, ofReqFixLen, 4},
	{"PACKET_IN", (*Printer).of10PacketIn, ofReqMinLen, 10},
	{"FLOW_REMOVED", (*Printer).of10FlowRemoved, ofReqFixLen, 80},
	{"PORT_STATUS", (*Printer).of10PortStatus, ofReqFixLen, 56},
	{"PACKET_OUT", (*Printer).of10PacketOut, ofReqMinLen, 8},
	{"FLOW_MOD", (*Printer).of10FlowMod, ofReqMinLen, 64},
	{"PORT_MOD", (*Printer).of10PortMod, ofReqFixLen, 24},
	{"STATS_REQUEST", (*Printer).of10StatsRequest, ofReqMinLen, 4},
	{"STATS_REPLY", (*Printer).of10StatsReply, ofReqMinLen, 4},
	{"BARRIER_REQUEST", nil, ofReqFixLen, 0},
	{"BARRIER_REPLY", nil, ofReqFixLen, 0},
	{"QUEUE_GET_CONFIG_REQUEST", (*Printer).of10QueueGetConfigRequest, ofReqFixLen, 4},
	{"QUEUE_GET_CONFIG_REPLY", (*Printer).of10QueueGetConfigReply, ofReqMinLen, 8},
}

// of10Port prints a 16-bit port number or its name.
func (p *Printer) of10Port(v uint16) { p.tokStrU(of10Ports, uint32(v), "", "") }

// of10VLAN is vlan_str.
func (p *Printer) of10VLAN(vid uint16) {
	if vid == 0xffff {
		p.s("NONE")
		return
	}
	p.u(uint64(vid))
	if vid == 0 || vid >= 0x0fff {
		p.s(" (bogus)")
	}
}

// of10PCP is pcp_str.
func (p *Printer) of10PCP(pcp uint8) {
	p.u(uint64(pcp))
	if pcp > 7 {
		p.s(" (bogus)")
	}
}

// of10BSNMessage is of10_bsn_message_print.
func (p *Printer) of10BSNMessage(cp, n int) {
	if n < 4 {
		p.ofInvalid(cp, n)
		return
	}
	subtype := p.be32(cp)
	cp += 4
	n -= 4
	p.s("\n\t subtype ")
	p.tokStrX(of10BSNSubtypes, subtype, "unknown (0x", 8, ")")
	switch subtype {
	case 1: // GET_IP_MASK_REQUEST
		if n != 8 {
			p.ofInvalid(cp, n)
			return
		}
		p.ofLabelU(", index ", uint64(p.u8(cp)))
		p.check(cp+1, 7)
	case 0, 2: // SET_IP_MASK, GET_IP_MASK_REPLY
		if n != 8 {
			p.ofInvalid(cp, n)
			return
		}
		p.ofLabelU(", index ", uint64(p.u8(cp)))
		p.check(cp+4, 4)
		p.s(", mask ")
		p.ip4(cp + 4)
	case 3, 4, 5: // SET_MIRRORING, GET_MIRRORING_REQUEST, GET_MIRRORING_REPLY
		if n != 4 {
			p.ofInvalid(cp, n)
			return
		}
		v := p.u8(cp)
		p.s(", report_mirror_ports ")
		p.tokStrU(of10BSNOnOff, uint32(v), "bogus (", ")")
		p.check(cp+1, 3)
	case 9, 13, 19, 21, 27: // requests without a body
		if n != 0 {
			p.ofInvalid(cp, n)
			return
		}
	case 17: // VIRTUAL_PORT_REMOVE_REQUEST
		if n != 4 {
			p.ofInvalid(cp, n)
			return
		}
		p.ofLabelU(", vport_no ", uint64(p.be32(cp)))
	case 6: // SHELL_COMMAND
		if n < 4 {
			p.ofInvalid(cp, n)
			return
		}
		p.ofLabelU(", service ", uint64(p.be32(cp)))
		p.s(", data '")
		p.printjn(cp+4, n-4)
		p.c('\'')
	case 7: // SHELL_OUTPUT
		p.s(", data '")
		p.printjn(cp, n)
		p.c('\'')
	case 8: // SHELL_STATUS
		if n != 4 {
			p.ofInvalid(cp, n)
			return
		}
		p.ofLabelX32(", status ", p.be32(cp))
	default:
		p.check(cp, n)
	}
}

// of10BSNActions is of10_bsn_actions_print.
func (p *Printer) of10BSNActions(cp, n int) {
	if n < 4 {
		p.ofInvalid(cp, n)
		return
	}
	subtype := p.be32(cp)
	cp += 4
	n -= 4
	p.s("\n\t  subtype ")
	p.tokStrX(of10BSNActionSubtypes, subtype, "unknown (0x", 8, ")")
	if subtype != 1 { // MIRROR
		p.check(cp, n)
		return
	}
	if n != 12 {
		p.ofInvalid(cp, n)
		return
	}
	p.ofLabelU(", dest_port ", uint64(p.be32(cp)))
	tag := p.be32(cp + 4)
	switch tag >> 16 {
	case 0:
		p.s(", vlan_tag none")
	case 0x8100:
		tci := tag & 0xffff
		p.s(", vlan_tag 802.1Q (vlan ")
		p.u(uint64(tci & 0xfff))
		p.s(", p ")
		p.u(uint64(tci >> 13))
		if tci&0x1000 != 0 {
			p.s(", DEI")
		}
		p.c(')')
	default:
		p.s(", vlan_tag unknown (0x")
		p.xpad(uint64(tag>>16), 4)
		p.c(')')
	}
	v := p.u8(cp + 8)
	p.s(", copy_stage ")
	p.tokStrU(of10BSNCopyStages, uint32(v), "unknown (", ")")
	p.check(cp+9, 3)
}

// of10VendorAction is of10_vendor_action_print.
func (p *Printer) of10VendorAction(cp, n int) {
	if n < 4 {
		p.ofInvalid(cp, n)
		return
	}
	vendor := p.be32(cp)
	p.s(", vendor")
	p.ofVendor(vendor)
	if vendor == ofOUIBSN {
		p.of10BSNActions(cp+4, n-4)
	} else {
		p.ofData(cp+4, n-4)
	}
}

// of10VendorMessage is of10_vendor_message_print.
func (p *Printer) of10VendorMessage(cp, n int) {
	vendor := p.be32(cp)
	p.s(", vendor")
	p.ofVendor(vendor)
	if vendor == ofOUIBSN {
		p.of10BSNMessage(cp+4, n-4)
	} else {
		p.ofData(cp+4, n-4)
	}
}

// of10VendorData is of10_vendor_data_print: a vendor ID and optional data.
func (p *Printer) of10VendorData(cp, n int) {
	if n < 4 {
		p.ofInvalid(cp, n)
		return
	}
	vendor := p.be32(cp)
	p.s(", vendor")
	p.ofVendor(vendor)
	p.ofData(cp+4, n-4)
}

// of10PacketData is of10_packet_data_print: the frame of a packet in or
// out, decoded with -vvv (at the verbosity less 3).
func (p *Printer) of10PacketData(cp, n int) {
	if n == 0 {
		return
	}
	p.ofLabelU("\n\t data (", uint64(n))
	p.s(" octets)")
	if p.o.Verbose < 3 {
		p.check(cp, n)
		return
	}
	p.o.Verbose -= 3
	defer func() { p.o.Verbose += 3 }()
	p.s(", frame decoding below\n")
	saved := p.snapend
	if cp+n < p.snapend {
		p.snapend = cp + n
	}
	avail := p.snapend - cp
	if avail < 0 {
		avail = 0
	}
	p.etherPrint(cp, n, avail)
	p.snapend = saved
}

// of10PhyPort is of10_phy_port_print.
func (p *Printer) of10PhyPort(cp int) {
	v := p.be16(cp)
	p.s("\n\t  port_no ")
	p.of10Port(v)
	p.check(cp+2, 6)
	p.s(", hw_addr ")
	p.mac(cp + 2)
	p.s(", name '")
	p.printjnp(cp+8, 16)
	p.c('\'')
	cp += 24
	if p.o.Verbose < 2 {
		p.check(cp, 24)
		return
	}
	p.ofLabelBitmap("\n\t   config ", p.be32(cp), of10PortConfig, of10PortConfigU)
	state := p.be32(cp + 4)
	p.ofLabelX32("\n\t   state ", state)
	p.s(" (")
	p.tokStr(of10STPStates, state&(3<<8), "")
	if state&1 != 0 {
		p.s(", LINK_DOWN")
	}
	p.c(')')
	if state&of10PortStateU != 0 {
		p.s(" (bogus)")
	}
	for i, name := range [...]string{"\n\t   curr ", "\n\t   advertised ", "\n\t   supported ", "\n\t   peer "} {
		p.ofLabelBitmap(name, p.be32(cp+8+4*i), of10PortFeatures, of10PortFeaturesU)
	}
}

// of10QueueProps is of10_queue_props_print.
func (p *Printer) of10QueueProps(cp, n int) {
	for n > 0 {
		if n < 8 {
			p.ofInvalid(cp, n)
			return
		}
		property := p.be16(cp)
		p.s("\n\t   property ")
		p.tokStrX(of10QueueProps, uint32(property), "invalid (0x", 4, ")")
		plen := int(p.be16(cp + 2))
		cp += 4
		n -= 4
		p.ofLabelU(", len ", uint64(plen))
		if plen < 8 || plen > n+4 {
			p.ofInvalid(cp, n)
			return
		}
		p.check(cp, 4)
		cp += 4
		n -= 4
		bogus, skip := false, false
		switch property {
		case 0:
			bogus = plen != 8
		case 1:
			bogus = plen != 16
		default:
			skip = true
		}
		if bogus {
			p.s(" (bogus)")
			skip = true
		}
		if skip {
			p.check(cp, plen-8)
			cp += plen - 8
			n -= plen - 8
			continue
		}
		if property == 1 {
			rate := p.be16(cp)
			cp += 2
			n -= 2
			if rate > 1000 {
				p.s(", rate disabled")
			} else {
				p.ofLabelU(", rate ", uint64(rate/10))
				p.c('.')
				p.u(uint64(rate % 10))
				p.c('%')
			}
			p.check(cp, 6)
			cp += 6
			n -= 6
		}
	}
}

// of10Queues is of10_queues_print.
func (p *Printer) of10Queues(cp, n int) {
	for n > 0 {
		if n < 8 {
			p.ofInvalid(cp, n)
			return
		}
		p.ofLabelU("\n\t  queue_id ", uint64(p.be32(cp)))
		desclen := int(p.be16(cp + 4))
		cp += 6
		n -= 6
		p.ofLabelU(", len ", uint64(desclen))
		if desclen < 8 || desclen > n+6 {
			p.ofInvalid(cp, n)
			return
		}
		p.check(cp, 2)
		cp += 2
		n -= 2
		if p.o.Verbose >= 2 {
			p.of10QueueProps(cp, desclen-8)
		} else {
			p.check(cp, desclen-8)
		}
		cp += desclen - 8
		n -= desclen - 8
	}
}

// of10Match is of10_match_print: the fields of struct ofp_match that are
// not wildcarded, each after pfx.
func (p *Printer) of10Match(pfx string, cp int) {
	wildcards := p.be32(cp)
	if wildcards&of10WildcardsU != 0 {
		p.s(pfx)
		p.ofLabelX32("wildcards ", wildcards)
		p.s(" (bogus)")
	}
	cp += 4
	if wildcards&(1<<0) == 0 {
		v := p.be16(cp)
		p.s(pfx)
		p.s("match in_port ")
		p.of10Port(v)
	}
	cp += 2
	if wildcards&(1<<2) == 0 {
		p.check(cp, 6)
		p.s(pfx)
		p.s("match dl_src ")
		p.mac(cp)
	}
	cp += 6
	if wildcards&(1<<3) == 0 {
		p.check(cp, 6)
		p.s(pfx)
		p.s("match dl_dst ")
		p.mac(cp)
	}
	cp += 6
	if wildcards&(1<<1) == 0 {
		v := p.be16(cp)
		p.s(pfx)
		p.s("match dl_vlan ")
		p.of10VLAN(v)
	}
	cp += 2
	if wildcards&(1<<20) == 0 {
		v := p.u8(cp)
		p.s(pfx)
		p.s("match dl_vlan_pcp ")
		p.of10PCP(v)
	}
	cp += 2
	dlType := p.be16(cp)
	cp += 2
	if wildcards&(1<<4) == 0 {
		p.s(pfx)
		p.s("match dl_type 0x")
		p.xpad(uint64(dlType), 4)
	}
	if wildcards&(1<<21) == 0 {
		v := p.u8(cp)
		p.s(pfx)
		p.s("match nw_tos 0x")
		p.xpad(uint64(v), 2)
	}
	cp++
	nwProto := p.u8(cp)
	cp++
	if wildcards&(1<<5) == 0 {
		p.s(pfx)
		if wildcards&(1<<4) == 0 && dlType == 0x0806 {
			p.s("match arp_opcode ")
		} else {
			p.s("match nw_proto ")
		}
		p.u(uint64(nwProto))
	}
	cp += 2
	if bits := (wildcards >> 8) & 0x3f; bits < 32 {
		p.check(cp, 4)
		p.s(pfx)
		p.s("match nw_src ")
		p.ip4(cp)
		p.c('/')
		p.u(uint64(32 - bits))
	}
	cp += 4
	if bits := (wildcards >> 14) & 0x3f; bits < 32 {
		p.check(cp, 4)
		p.s(pfx)
		p.s("match nw_dst ")
		p.ip4(cp)
		p.c('/')
		p.u(uint64(32 - bits))
	}
	cp += 4
	icmp := wildcards&(1<<4) == 0 && dlType == 0x0800 && wildcards&(1<<5) == 0 && nwProto == 1
	if wildcards&(1<<6) == 0 {
		v := p.be16(cp)
		p.s(pfx)
		if icmp {
			p.s("match icmp_type ")
		} else {
			p.s("match tp_src ")
		}
		p.u(uint64(v))
	}
	cp += 2
	if wildcards&(1<<7) == 0 {
		v := p.be16(cp)
		p.s(pfx)
		if icmp {
			p.s("match icmp_code ")
		} else {
			p.s("match tp_dst ")
		}
		p.u(uint64(v))
	} else {
		p.check(cp, 2)
	}
}

// of10ActionsList is of10_actions_print.
func (p *Printer) of10ActionsList(pfx string, cp, n int) {
	for n > 0 {
		if n < 8 {
			p.ofInvalid(cp, n)
			return
		}
		typ := p.be16(cp)
		p.s(pfx)
		p.s("action type ")
		p.tokStrX(of10Actions, uint32(typ), "invalid (0x", 4, ")")
		alen := int(p.be16(cp + 2))
		cp += 4
		n -= 4
		p.ofLabelU(", len ", uint64(alen))
		if alen < 8 || alen > n+4 {
			p.ofInvalid(cp, n)
			return
		}
		bogus, skip := false, false
		switch typ {
		case 0, 1, 2, 3, 6, 7, 8, 9, 10:
			bogus = alen != 8
		case 4, 5, 11:
			bogus = alen != 16
		case 0xffff:
			bogus = alen%8 != 0
		default:
			skip = true
		}
		if bogus {
			p.s(" (bogus)")
			skip = true
		}
		if skip {
			p.check(cp, alen-4)
			cp += alen - 4
			n -= alen - 4
			continue
		}
		step := 4 // the bytes of the action read below
		switch typ {
		case 0: // OUTPUT
			port := p.be16(cp)
			p.s(", port ")
			p.of10Port(port)
			if port == 0xfffd {
				p.ofLabelU(", max_len ", uint64(p.be16(cp+2)))
			} else {
				p.check(cp+2, 2)
			}
		case 1: // SET_VLAN_VID
			v := p.be16(cp)
			p.s(", vlan_vid ")
			p.of10VLAN(v)
			p.check(cp+2, 2)
		case 2: // SET_VLAN_PCP
			v := p.u8(cp)
			p.s(", vlan_pcp ")
			p.of10PCP(v)
			p.check(cp+1, 3)
		case 4, 5: // SET_DL_SRC, SET_DL_DST
			p.check(cp, 6)
			p.s(", dl_addr ")
			p.mac(cp)
			p.check(cp+6, 6)
			step = 12
		case 6, 7: // SET_NW_SRC, SET_NW_DST
			p.check(cp, 4)
			p.s(", nw_addr ")
			p.ip4(cp)
		case 8: // SET_NW_TOS
			v := p.u8(cp)
			p.s(", nw_tos 0x")
			p.xpad(uint64(v), 2)
			p.check(cp+1, 3)
		case 9, 10: // SET_TP_SRC, SET_TP_DST
			p.ofLabelU(", tp_port ", uint64(p.be16(cp)))
			p.check(cp+2, 2)
		case 11: // ENQUEUE
			v := p.be16(cp)
			p.s(", port ")
			p.of10Port(v)
			q := p.be32(cp + 8)
			p.s(", queue_id ")
			p.tokStrU(of10Queues, q, "", "")
			step = 12
		case 0xffff: // VENDOR
			p.of10VendorAction(cp, alen-4)
			step = alen - 4
		case 3: // STRIP_VLAN
			p.check(cp, 4)
		}
		cp += step
		n -= step
	}
}

// of10FeaturesReply is of10_features_reply_print.
func (p *Printer) of10FeaturesReply(cp, n int) {
	p.ofLabelX64("\n\t dpid ", p.be64(cp))
	p.ofLabelU(", n_buffers ", uint64(p.be32(cp+8)))
	p.ofLabelU(", n_tables ", uint64(p.u8(cp+12)))
	p.ofLabelBitmap("\n\t capabilities ", p.be32(cp+16), of10Capabilities, of10CapabilitiesU)
	p.ofLabelBitmap("\n\t actions ", p.be32(cp+20), of10ActionBits, of10ActionBitsU)
	cp += 24
	n -= 24
	for n > 0 {
		if n < 48 {
			p.ofInvalid(cp, n)
			return
		}
		p.of10PhyPort(cp)
		cp += 48
		n -= 48
	}
}

// of10SwitchConfig is of10_switch_config_msg_print.
func (p *Printer) of10SwitchConfig(cp, _ int) {
	v := p.be16(cp)
	p.s("\n\t flags ")
	p.tokStrX(of10ConfigFlags, uint32(v), "invalid (0x", 4, ")")
	p.ofLabelU(", miss_send_len ", uint64(p.be16(cp+2)))
}

// of10FlowMod is of10_flow_mod_print.
func (p *Printer) of10FlowMod(cp, n int) {
	p.of10Match("\n\t ", cp)
	cp += 40
	n -= 40
	p.ofLabelX64("\n\t cookie ", p.be64(cp))
	command := p.be16(cp + 8)
	p.s(", command ")
	p.tokStrX(of10FlowCommands, uint32(command), "invalid (0x", 4, ")")
	cp += 10
	for _, name := range [...]string{", idle_timeout ", ", hard_timeout ", ", priority "} {
		if v := p.be16(cp); v != 0 {
			p.ofLabelU(name, uint64(v))
		}
		cp += 2
	}
	if command <= 2 { // ADD, MODIFY, MODIFY_STRICT
		v := p.be32(cp)
		p.s(", buffer_id ")
		p.tokStrX(of10BufferIDs, v, "0x", 8, "")
	}
	cp += 4
	if command == 3 || command == 4 { // DELETE, DELETE_STRICT
		v := p.be16(cp)
		p.s(", out_port ")
		p.of10Port(v)
	}
	cp += 2
	flags := p.be16(cp)
	p.s(", flags 0x")
	p.xpad(uint64(flags), 4)
	p.ofBitmap(of10FlowModFlags, uint32(flags), of10FlowModFlagsU)
	cp += 2
	n -= 24
	p.of10ActionsList("\n\t ", cp, n)
}

// of10PortMod is of10_port_mod_print.
func (p *Printer) of10PortMod(cp, _ int) {
	v := p.be16(cp)
	p.s("\n\t port_no ")
	p.of10Port(v)
	p.check(cp+2, 6)
	p.s(", hw_addr ")
	p.mac(cp + 2)
	p.ofLabelBitmap("\n\t config ", p.be32(cp+8), of10PortConfig, of10PortConfigU)
	p.ofLabelBitmap("\n\t mask ", p.be32(cp+12), of10PortConfig, of10PortConfigU)
	p.ofLabelBitmap("\n\t advertise ", p.be32(cp+16), of10PortFeatures, of10PortFeaturesU)
	p.check(cp+20, 4)
}

// of10QueueGetConfigRequest is of10_queue_get_config_request_print.
func (p *Printer) of10QueueGetConfigRequest(cp, _ int) {
	v := p.be16(cp)
	p.s("\n\t port ")
	p.of10Port(v)
	p.check(cp+2, 2)
}

// of10QueueGetConfigReply is of10_queue_get_config_reply_print.
func (p *Printer) of10QueueGetConfigReply(cp, n int) {
	v := p.be16(cp)
	p.s("\n\t port ")
	p.of10Port(v)
	p.check(cp+2, 6)
	p.of10Queues(cp+8, n-8)
}

// of10StatsRequest is of10_stats_request_print.
func (p *Printer) of10StatsRequest(cp, n int) {
	typ := p.be16(cp)
	p.s("\n\t type ")
	p.tokStrX(of10StatsTypes, uint32(typ), "invalid (0x", 4, ")")
	flags := p.be16(cp + 2)
	p.s(", flags 0x")
	p.xpad(uint64(flags), 4)
	if flags != 0 {
		p.s(" (bogus)")
	}
	cp += 4
	n -= 4
	switch typ {
	case 0, 3: // DESC, TABLE
		if n != 0 {
			p.ofInvalid(cp, n)
		}
	case 1, 2: // FLOW, AGGREGATE
		if n != 44 {
			p.ofInvalid(cp, n)
			return
		}
		p.of10Match("\n\t ", cp)
		t := p.u8(cp + 40)
		p.s("\n\t table_id ")
		p.tokStrU(of10TableIDs, uint32(t), "", "")
		v := p.be16(cp + 42)
		p.s(", out_port ")
		p.of10Port(v)
	case 4: // PORT
		if n != 8 {
			p.ofInvalid(cp, n)
			return
		}
		v := p.be16(cp)
		p.s("\n\t port_no ")
		p.of10Port(v)
		p.check(cp+2, 6)
	case 5: // QUEUE
		if n != 8 {
			p.ofInvalid(cp, n)
			return
		}
		v := p.be16(cp)
		p.s("\n\t port_no ")
		p.of10Port(v)
		q := p.be32(cp + 4)
		p.s(", queue_id ")
		p.tokStrU(of10Queues, q, "", "")
	case 0xffff: // VENDOR
		p.of10VendorData(cp, n)
	}
}

// of10DescString prints one of the NUL-padded strings of a description.
func (p *Printer) of10DescString(label string, cp, n int) {
	p.s(label)
	p.printjnp(cp, n)
	p.c('\'')
}

// of10DescStatsReply is of10_desc_stats_reply_print.
func (p *Printer) of10DescStatsReply(cp, n int) {
	if n != 1056 {
		p.ofInvalid(cp, n)
		return
	}
	p.of10DescString("\n\t  mfr_desc '", cp, 256)
	p.of10DescString("\n\t  hw_desc '", cp+256, 256)
	p.of10DescString("\n\t  sw_desc '", cp+512, 256)
	p.of10DescString("\n\t  serial_num '", cp+768, 32)
	p.of10DescString("\n\t  dp_desc '", cp+800, 256)
}

// of10FlowStatsReply is of10_flow_stats_reply_print.
func (p *Printer) of10FlowStatsReply(cp, n int) {
	for n > 0 {
		if n < 88 {
			p.ofInvalid(cp, n)
			return
		}
		entry := int(p.be16(cp))
		p.ofLabelU("\n\t length ", uint64(entry))
		if entry < 88 || entry > n {
			p.ofInvalid(cp, n)
			return
		}
		t := p.u8(cp + 2)
		p.s(", table_id ")
		p.tokStrU(of10TableIDs, uint32(t), "", "")
		p.of10Match("\n\t  ", cp+4)
		cp += 44
		p.ofLabelU("\n\t  duration_sec ", uint64(p.be32(cp)))
		p.ofLabelU(", duration_nsec ", uint64(p.be32(cp+4)))
		p.ofLabelU(", priority ", uint64(p.be16(cp+8)))
		p.ofLabelU(", idle_timeout ", uint64(p.be16(cp+10)))
		p.ofLabelU(", hard_timeout ", uint64(p.be16(cp+12)))
		p.ofLabelX64(", cookie ", p.be64(cp+20))
		p.ofLabelU(", packet_count ", p.be64(cp+28))
		p.ofLabelU(", byte_count ", p.be64(cp+36))
		cp += 44
		n -= 88
		p.of10ActionsList("\n\t  ", cp, entry-88)
		cp += entry - 88
		n -= entry - 88
	}
}

// of10AggregateStatsReply is of10_aggregate_stats_reply_print.
func (p *Printer) of10AggregateStatsReply(cp, n int) {
	if n != 24 {
		p.ofInvalid(cp, n)
		return
	}
	p.ofLabelU("\n\t packet_count ", p.be64(cp))
	p.ofLabelU(", byte_count ", p.be64(cp+8))
	p.ofLabelU(", flow_count ", uint64(p.be32(cp+16)))
	p.check(cp+20, 4)
}

// of10TableStatsReply is of10_table_stats_reply_print.
func (p *Printer) of10TableStatsReply(cp, n int) {
	for n > 0 {
		if n < 64 {
			p.ofInvalid(cp, n)
			return
		}
		t := p.u8(cp)
		p.s("\n\t table_id ")
		p.tokStrU(of10TableIDs, uint32(t), "", "")
		p.s(", name '")
		p.printjnp(cp+4, 32)
		p.c('\'')
		cp += 36
		p.ofLabelBitmap("\n\t  wildcards ", p.be32(cp), of10Wildcards, of10WildcardsU)
		p.ofLabelU("\n\t  max_entries ", uint64(p.be32(cp+4)))
		p.ofLabelU(", active_count ", uint64(p.be32(cp+8)))
		p.ofLabelU(", lookup_count ", p.be64(cp+12))
		p.ofLabelU(", matched_count ", p.be64(cp+20))
		cp += 28
		n -= 64
	}
}

// of10PortStatsNames are the counters of struct ofp_port_stats.
var of10PortStatsNames = [...]string{", rx_packets ", ", tx_packets ", ", rx_bytes ", ", tx_bytes ",
	", rx_dropped ", ", tx_dropped ", ", rx_errors ", ", tx_errors ", ", rx_frame_err ", ", rx_over_err ",
	", rx_crc_err ", ", collisions "}

// of10PortStatsReply is of10_port_stats_reply_print.
func (p *Printer) of10PortStatsReply(cp, n int) {
	for n > 0 {
		if n < 104 {
			p.ofInvalid(cp, n)
			return
		}
		v := p.be16(cp)
		p.s("\n\t  port_no ")
		p.of10Port(v)
		cp += 2
		n -= 2
		if p.o.Verbose < 2 {
			p.check(cp, 102)
			cp += 102
			n -= 102
			continue
		}
		cp += 6
		for _, name := range of10PortStatsNames {
			p.ofLabelU(name, p.be64(cp))
			cp += 8
		}
		n -= 102
	}
}

// of10QueueStatsReply is of10_queue_stats_reply_print.
func (p *Printer) of10QueueStatsReply(cp, n int) {
	for n > 0 {
		if n < 32 {
			p.ofInvalid(cp, n)
			return
		}
		v := p.be16(cp)
		p.s("\n\t  port_no ")
		p.of10Port(v)
		p.ofLabelU(", queue_id ", uint64(p.be32(cp+4)))
		p.ofLabelU(", tx_bytes ", p.be64(cp+8))
		p.ofLabelU(", tx_packets ", p.be64(cp+16))
		p.ofLabelU(", tx_errors ", p.be64(cp+24))
		cp += 32
		n -= 32
	}
}

// of10StatsReply is of10_stats_reply_print.
func (p *Printer) of10StatsReply(cp, n int) {
	typ := p.be16(cp)
	p.s("\n\t type ")
	p.tokStrX(of10StatsTypes, uint32(typ), "invalid (0x", 4, ")")
	flags := p.be16(cp + 2)
	p.s(", flags 0x")
	p.xpad(uint64(flags), 4)
	p.ofBitmap(of10StatsReplyFlags, uint32(flags), ^uint32(1))
	cp += 4
	n -= 4
	if p.o.Verbose > 0 {
		switch typ {
		case 0:
			p.of10DescStatsReply(cp, n)
			return
		case 1:
			p.of10FlowStatsReply(cp, n)
			return
		case 2:
			p.of10AggregateStatsReply(cp, n)
			return
		case 3:
			p.of10TableStatsReply(cp, n)
			return
		case 4:
			p.of10PortStatsReply(cp, n)
			return
		case 5:
			p.of10QueueStatsReply(cp, n)
			return
		case 0xffff:
			p.of10VendorData(cp, n)
			return
		}
	}
	p.check(cp, n)
}

// of10PacketOut is of10_packet_out_print.
func (p *Printer) of10PacketOut(cp, n int) {
	p.ofLabelX32("\n\t buffer_id ", p.be32(cp))
	v := p.be16(cp + 4)
	p.s(", in_port ")
	p.of10Port(v)
	actionsLen := int(p.be16(cp + 6))
	cp += 8
	n -= 8
	if actionsLen > n {
		p.ofInvalid(cp, n)
		return
	}
	p.of10ActionsList("\n\t ", cp, actionsLen)
	cp += actionsLen
	n -= actionsLen
	p.of10PacketData(cp, n)
}

// of10PacketIn is of10_packet_in_print.
func (p *Printer) of10PacketIn(cp, n int) {
	b := p.be32(cp)
	p.s("\n\t buffer_id ")
	p.tokStrX(of10BufferIDs, b, "0x", 8, "")
	p.ofLabelU(", total_len ", uint64(p.be16(cp+4)))
	v := p.be16(cp + 6)
	p.s(", in_port ")
	p.of10Port(v)
	r := p.u8(cp + 8)
	p.s(", reason ")
	p.tokStrX(of10PacketInReasons, uint32(r), "invalid (0x", 2, ")")
	p.check(cp+9, 1)
	p.of10PacketData(cp+10, n-10)
}

// of10FlowRemoved is of10_flow_removed_print.
func (p *Printer) of10FlowRemoved(cp, _ int) {
	p.of10Match("\n\t ", cp)
	cp += 40
	p.ofLabelX64("\n\t cookie ", p.be64(cp))
	cp += 8
	if v := p.be16(cp); v != 0 {
		p.ofLabelU(", priority ", uint64(v))
	}
	r := p.u8(cp + 2)
	p.s(", reason ")
	p.tokStrX(of10FlowRemovedReasons, uint32(r), "unknown (0x", 2, ")")
	cp += 4
	p.ofLabelU(", duration_sec ", uint64(p.be32(cp)))
	p.ofLabelU(", duration_nsec ", uint64(p.be32(cp+4)))
	cp += 8
	if v := p.be16(cp); v != 0 {
		p.ofLabelU(", idle_timeout ", uint64(v))
	}
	cp += 4
	p.ofLabelU(", packet_count ", p.be64(cp))
	p.ofLabelU(", byte_count ", p.be64(cp+8))
}

// of10PortStatus is of10_port_status_print.
func (p *Printer) of10PortStatus(cp, _ int) {
	r := p.u8(cp)
	p.s("\n\t reason ")
	p.tokStrX(of10PortReasons, uint32(r), "invalid (0x", 2, ")")
	p.of10PhyPort(cp + 8)
}

// of10Error is of10_error_print.
func (p *Printer) of10Error(cp, n int) {
	typ := p.be16(cp)
	p.s("\n\t type ")
	p.tokStrX(of10ErrorTypes, uint32(typ), "invalid (0x", 4, ")")
	code := p.be16(cp + 2)
	if int(typ) < len(of10ErrorCodes) {
		p.s(", code ")
		p.tokStrX(of10ErrorCodes[typ], uint32(code), "invalid (0x", 4, ")")
	} else {
		p.s(", code invalid (0x")
		p.xpad(uint64(code), 4)
		p.c(')')
	}
	p.ofData(cp+4, n-4)
}
