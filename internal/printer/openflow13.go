// OpenFlow 1.3 messages, as tcpdump 4.99.3's print-openflow-1.3.c prints
// them: the message type table, and with -v the bodies it decodes (hello
// elements, error, echo, experimenter, features reply, switch
// configuration, port status and modification, table modification, queue
// configuration request, role and asynchronous configuration messages).

package printer

var of13Capabilities = []tokL2{{1 << 0, "FLOW_STATS"}, {1 << 1, "TABLE_STATS"}, {1 << 2, "PORT_STATS"},
	{1 << 3, "GROUP_STATS"}, {1 << 5, "IP_REASM"}, {1 << 6, "QUEUE_STATS"}, {1 << 8, "PORT_BLOCKED"}}

const of13CapabilitiesU = ^uint32(0x16f)

var of13ConfigFlags = []tokL2{{0, "FRAG_NORMAL"}, {1, "FRAG_DROP"}, {2, "FRAG_REASM"}}

var of13TableIDs = []tokL2{{0xfe, "MAX"}, {0xff, "ALL"}}

var of13MissSendLens = []tokL2{{0xffe5, "MAX"}, {0xffff, "NO_BUFFER"}}

var of13PortConfig = []tokL2{{1 << 0, "PORT_DOWN"}, {1 << 2, "NO_RECV"}, {1 << 5, "NO_FWD"}, {1 << 6, "NO_PACKET_IN"}}

const of13PortConfigU = ^uint32(0x65)

var of13PortState = []tokL2{{1 << 0, "LINK_DOWN"}, {1 << 1, "BLOCKED"}, {1 << 2, "LIVE"}}

const of13PortStateU = ^uint32(7)

var of13PortFeatures = []tokL2{{1 << 0, "10MB_HD"}, {1 << 1, "10MB_FD"}, {1 << 2, "100MB_HD"},
	{1 << 3, "100MB_FD"}, {1 << 4, "1GB_HD"}, {1 << 5, "1GB_FD"}, {1 << 6, "10GB_FD"}, {1 << 7, "40GB_FD"},
	{1 << 8, "100GB_FD"}, {1 << 9, "1TB_FD"}, {1 << 10, "OTHER"}, {1 << 11, "COPPER"}, {1 << 12, "FIBER"},
	{1 << 13, "AUTONEG"}, {1 << 14, "PAUSE"}, {1 << 15, "PAUSE_ASYM"}}

const of13PortFeaturesU = ^uint32(0xffff)

var of13HelloElements = []tokL2{{1, "VERSIONBITMAP"}}

var of13Ports = []tokL2{{0xffffff00, "MAX"}, {0xfffffff8, "IN_PORT"}, {0xfffffff9, "TABLE"},
	{0xfffffffa, "NORMAL"}, {0xfffffffb, "FLOOD"}, {0xfffffffc, "ALL"}, {0xfffffffd, "CONTROLLER"},
	{0xfffffffe, "LOCAL"}, {0xffffffff, "ANY"}}

var of13Roles = []tokL2{{0, "NOCHANGE"}, {1, "EQUAL"}, {2, "MASTER"}, {3, "SLAVE"}}

var of13VersionBits = []tokL2{{1 << 0, "1.0"}, {1 << 1, "1.1"}, {1 << 2, "1.2"}, {1 << 3, "1.3"},
	{1 << 4, "1.4"}, {1 << 5, "1.5"}}

const of13VersionBitsU = ^uint32(0x3f)

var of13AsyncPacketIn = []tokL2{{1 << 0, "NO_MATCH"}, {1 << 1, "ACTION"}, {1 << 2, "INVALID_TTL"}}

const of13AsyncPacketInU = ^uint32(7)

var of13PortReasons = []tokL2{{0, "ADD"}, {1, "DELETE"}, {2, "MODIFY"}}

var of13AsyncPortReasons = []tokL2{{1 << 0, "ADD"}, {1 << 1, "DELETE"}, {1 << 2, "MODIFY"}}

const of13AsyncPortReasonsU = ^uint32(7)

var of13ErrorTypes = []tokL2{{0, "HELLO_FAILED"}, {1, "BAD_REQUEST"}, {2, "BAD_ACTION"},
	{3, "BAD_INSTRUCTION"}, {4, "BAD_MATCH"}, {5, "FLOW_MOD_FAILED"}, {6, "GROUP_MOD_FAILED"},
	{7, "PORT_MOD_FAILED"}, {8, "TABLE_MOD_FAILED"}, {9, "QUEUE_OP_FAILED"}, {10, "SWITCH_CONFIG_FAILED"},
	{11, "ROLE_REQUEST_FAILED"}, {12, "METER_MOD_FAILED"}, {13, "TABLE_FEATURES_FAILED"},
	{0xffff, "EXPERIMENTER"}}

// of13ErrorCodes is of13_ofpet2tokary (EXPERIMENTER defines no codes).
var of13ErrorCodes = [...][]tokL2{
	{{0, "INCOMPATIBLE"}, {1, "EPERM"}},
	{{0, "BAD_VERSION"}, {1, "BAD_TYPE"}, {2, "BAD_MULTIPART"}, {3, "BAD_EXPERIMENTER"},
		{4, "BAD_EXP_TYPE"}, {5, "EPERM"}, {6, "BAD_LEN"}, {7, "BUFFER_EMPTY"}, {8, "BUFFER_UNKNOWN"},
		{9, "BAD_TABLE_ID"}, {10, "IS_SLAVE"}, {11, "BAD_PORT"}, {12, "BAD_PACKET"},
		{13, "MULTIPART_BUFFER_OVERFLOW"}},
	{{0, "BAD_TYPE"}, {1, "BAD_LEN"}, {2, "BAD_EXPERIMENTER"}, {3, "BAD_EXP_TYPE"}, {4, "BAD_OUT_PORT"},
		{5, "BAD_ARGUMENT"}, {6, "EPERM"}, {7, "TOO_MANY"}, {8, "BAD_QUEUE"}, {9, "BAD_OUT_GROUP"},
		{10, "MATCH_INCONSISTENT"}, {11, "UNSUPPORTED_ORDER"}, {12, "BAD_TAG"}, {13, "BAD_SET_TYPE"},
		{14, "BAD_SET_LEN"}, {15, "BAD_SET_ARGUMENT"}},
	{{0, "UNKNOWN_INST"}, {1, "UNSUP_INST"}, {2, "BAD_TABLE_ID"}, {3, "UNSUP_METADATA"},
		{4, "UNSUP_METADATA_MASK"}, {5, "BAD_EXPERIMENTER"}, {6, "BAD_EXP_TYPE"}, {7, "BAD_LEN"}, {8, "EPERM"}},
	{{0, "BAD_TYPE"}, {1, "BAD_LEN"}, {2, "BAD_TAG"}, {3, "BAD_DL_ADDR_MASK"}, {4, "BAD_NW_ADDR_MASK"},
		{5, "BAD_WILDCARDS"}, {6, "BAD_FIELD"}, {7, "BAD_VALUE"}, {8, "BAD_MASK"}, {9, "BAD_PREREQ"},
		{10, "DUP_FIELD"}, {11, "EPERM"}},
	{{0, "UNKNOWN"}, {1, "TABLE_FULL"}, {2, "BAD_TABLE_ID"}, {3, "OVERLAP"}, {4, "EPERM"},
		{5, "BAD_TIMEOUT"}, {6, "BAD_COMMAND"}, {7, "BAD_FLAGS"}},
	{{0, "GROUP_EXISTS"}, {1, "INVALID_GROUP"}, {2, "WEIGHT_UNSUPPORTED"}, {3, "OUT_OF_GROUPS"},
		{4, "OUT_OF_BUCKETS"}, {5, "CHAINING_UNSUPPORTED"}, {6, "WATCH_UNSUPPORTED"}, {7, "LOOP"},
		{8, "UNKNOWN_GROUP"}, {9, "CHAINED_GROUP"}, {10, "BAD_TYPE"}, {11, "BAD_COMMAND"},
		{12, "BAD_BUCKET"}, {13, "BAD_MATCH"}, {14, "EPERM"}},
	{{0, "BAD_PORT"}, {1, "BAD_HW_ADDR"}, {2, "BAD_CONFIG"}, {3, "BAD_ADVERTISE"}, {4, "EPERM"}},
	{{0, "BAD_TABLE"}, {1, "BAD_CONFIG"}, {2, "EPERM"}},
	{{0, "BAD_PORT"}, {1, "BAD_QUEUE"}, {2, "EPERM"}},
	{{0, "BAD_FLAGS"}, {1, "BAD_LEN"}, {2, "EPERM"}},
	{{0, "STALE"}, {1, "UNSUP"}, {2, "BAD_ROLE"}},
	{{0, "UNKNOWN"}, {1, "METER_EXISTS"}, {2, "INVALID_METER"}, {3, "UNKNOWN_METER"}, {4, "BAD_COMMAND"},
		{5, "BAD_FLAGS"}, {6, "BAD_RATE"}, {7, "BAD_BURST"}, {8, "BAD_BAND"}, {9, "BAD_BAND_VALUE"},
		{10, "OUT_OF_METERS"}, {11, "OUT_OF_BANDS"}},
	{{0, "BAD_TABLE"}, {1, "BAD_METADATA"}, {2, "BAD_TYPE"}, {3, "BAD_LEN"}, {4, "BAD_ARGUMENT"}, {5, "EPERM"}},
}

// of13MsgTypes is of13_msgtypeinfo.
var of13MsgTypes = [...]ofMsgType{
	{"HELLO", (*Printer).of13HelloElements, ofReqMinLen, 0},
	{"ERROR", (*Printer).of13Error, ofReqMinLen, 4},
	{"ECHO_REQUEST", (*Printer).ofData, ofReqMinLen, 0},
	{"ECHO_REPLY", (*Printer).ofData, ofReqMinLen, 0},
	{"EXPERIMENTER", (*Printer).of13Experimenter, ofReqMinLen, 8},
	{"FEATURES_REQUEST", nil, ofReqFixLen, 0},
	{"FEATURES_REPLY", (*Printer).of13FeaturesReply, ofReqFixLen, 24},
	{"GET_CONFIG_REQUEST", nil, ofReqFixLen, 0},
	{"GET_CONFIG_REPLY", (*Printer).of13SwitchConfig, ofReqFixLen, 4},
	{"SET_CONFIG", (*Printer).of13SwitchConfig, ofReqFixLen, 4},
	{"PACKET_IN", nil, ofReqNone, 0},
	{"FLOW_REMOVED", nil, ofReqNone, 0},
	{"PORT_STATUS", (*Printer).of13PortStatus, ofReqFixLen, 72},
	{"PACKET_OUT", nil, ofReqNone, 0},
	{"FLOW_MOD", nil, ofReqNone, 0},
	{"GROUP_MOD", nil, ofReqNone, 0},
	{"PORT_MOD", (*Printer).of13PortMod, ofReqFixLen, 32},
	{"TABLE_MOD", (*Printer).of13TableMod, ofReqFixLen, 8},
	{"MULTIPART_REQUEST", nil, ofReqNone, 0},
	{"MULTIPART_REPLY", nil, ofReqNone, 0},
	{"BARRIER_REQUEST", nil, ofReqFixLen, 0},
	{"BARRIER_REPLY", nil, ofReqFixLen, 0},
	{"QUEUE_GET_CONFIG_REQUEST", (*Printer).of13QueueGetConfigRequest, ofReqFixLen, 8},
	{"QUEUE_GET_CONFIG_REPLY", nil, ofReqNone, 0},
	{"ROLE_REQUEST", (*Printer).of13RoleMsg, ofReqFixLen, 16},
	{"ROLE_REPLY", (*Printer).of13RoleMsg, ofReqFixLen, 16},
	{"GET_ASYNC_REQUEST", nil, ofReqFixLen, 0},
	{"GET_ASYNC_REPLY", (*Printer).of13AsyncMsg, ofReqFixLen, 24},
	{"SET_ASYNC", (*Printer).of13AsyncMsg, ofReqFixLen, 24},
	{"METER_MOD", nil, ofReqNone, 0},
}

// of13Port prints a 32-bit port number or its name.
func (p *Printer) of13Port(v uint32) { p.tokStrU(of13Ports, v, "", "") }

// of13PortDesc is of13_port_print.
func (p *Printer) of13PortDesc(cp int) {
	v := p.be32(cp)
	p.s("\n\t  port_no ")
	p.of13Port(v)
	p.check(cp+8, 6)
	p.s(", hw_addr ")
	p.mac(cp + 8)
	p.s(", name '")
	p.printjnp(cp+16, 16)
	p.c('\'')
	cp += 32
	if p.o.Verbose < 2 {
		p.check(cp, 32)
		return
	}
	p.ofLabelBitmap("\n\t   config ", p.be32(cp), of13PortConfig, of13PortConfigU)
	p.ofLabelBitmap("\n\t   state ", p.be32(cp+4), of13PortState, of13PortStateU)
	for i, name := range [...]string{"\n\t   curr ", "\n\t   advertised ", "\n\t   supported ", "\n\t   peer "} {
		p.ofLabelBitmap(name, p.be32(cp+8+4*i), of13PortFeatures, of13PortFeaturesU)
	}
	p.ofLabelU("\n\t   curr_speed ", uint64(p.be32(cp+24)))
	p.s("kbps")
	p.ofLabelU("\n\t   max_speed ", uint64(p.be32(cp+28)))
	p.s("kbps")
}

// of13FeaturesReply is of13_features_reply_print.
func (p *Printer) of13FeaturesReply(cp, _ int) {
	p.ofLabelX64("\n\t dpid ", p.be64(cp))
	p.ofLabelU(", n_buffers ", uint64(p.be32(cp+8)))
	p.ofLabelU(", n_tables ", uint64(p.u8(cp+12)))
	p.ofLabelU(", auxiliary_id ", uint64(p.u8(cp+13)))
	p.ofLabelBitmap("\n\t capabilities ", p.be32(cp+16), of13Capabilities, of13CapabilitiesU)
	p.check(cp+20, 4)
}

// of13SwitchConfig is of13_switch_config_msg_print.
func (p *Printer) of13SwitchConfig(cp, _ int) {
	v := p.be16(cp)
	p.s("\n\t flags ")
	p.tokStrX(of13ConfigFlags, uint32(v), "invalid (0x", 4, ")")
	v = p.be16(cp + 2)
	p.s(", miss_send_len ")
	p.tokStrU(of13MissSendLens, uint32(v), "", "")
}

// of13TableMod is of13_table_mod_print.
func (p *Printer) of13TableMod(cp, _ int) {
	v := p.u8(cp)
	p.s("\n\t table_id ")
	p.tokStrU(of13TableIDs, uint32(v), "", "")
	p.ofLabelX32(", config ", p.be32(cp+4))
}

// of13RoleMsg is of13_role_msg_print.
func (p *Printer) of13RoleMsg(cp, _ int) {
	v := p.be32(cp)
	p.s("\n\t role ")
	p.tokStrX(of13Roles, v, "invalid (0x", 8, ")")
	p.ofLabelX64(", generation_id ", p.be64(cp+8))
}

// of13AsyncMsg is of13_async_msg_print.
func (p *Printer) of13AsyncMsg(cp, _ int) {
	p.ofLabelBitmap("\n\t packet_in_mask[EM] ", p.be32(cp), of13AsyncPacketIn, of13AsyncPacketInU)
	p.ofLabelBitmap("\n\t packet_in_mask[S] ", p.be32(cp+4), of13AsyncPacketIn, of13AsyncPacketInU)
	p.ofLabelBitmap("\n\t port_status_mask[EM] ", p.be32(cp+8), of13AsyncPortReasons, of13AsyncPortReasonsU)
	p.ofLabelBitmap("\n\t port_status_mask[S] ", p.be32(cp+12), of13AsyncPortReasons, of13AsyncPortReasonsU)
	p.ofLabelBitmap("\n\t flow_removed_mask[EM] ", p.be32(cp+16), of13AsyncPortReasons, of13AsyncPortReasonsU)
	p.ofLabelBitmap("\n\t flow_removed_mask[S] ", p.be32(cp+20), of13AsyncPortReasons, of13AsyncPortReasonsU)
}

// of13PortMod is of13_port_mod_print.
func (p *Printer) of13PortMod(cp, _ int) {
	v := p.be32(cp)
	p.s("\n\t port_no ")
	p.of13Port(v)
	p.check(cp+8, 6)
	p.s(", hw_addr ")
	p.mac(cp + 8)
	p.ofLabelBitmap("\n\t  config ", p.be32(cp+16), of13PortConfig, of13PortConfigU)
	p.ofLabelBitmap("\n\t  mask ", p.be32(cp+20), of13PortConfig, of13PortConfigU)
	p.ofLabelBitmap("\n\t  advertise ", p.be32(cp+24), of13PortFeatures, of13PortFeaturesU)
	p.check(cp+28, 4)
}

// of13PortStatus is of13_port_status_print.
func (p *Printer) of13PortStatus(cp, _ int) {
	v := p.u8(cp)
	p.s("\n\t reason ")
	// tcpdump's format lacks its %: an unknown reason prints literally.
	p.tokStr(of13PortReasons, uint32(v), "invalid (0x02x)")
	p.of13PortDesc(cp + 8)
}

// of13HelloElements is of13_hello_elements_print.
func (p *Printer) of13HelloElements(cp, n int) {
	for n > 0 {
		if n < 4 {
			p.ofInvalid(cp, n)
			return
		}
		typ := p.be16(cp)
		p.s("\n\t type ")
		p.tokStrX(of13HelloElements, uint32(typ), "unknown (0x", 4, ")")
		bmlen := int(p.be16(cp + 2))
		cp += 4
		n -= 4
		p.ofLabelU(", length ", uint64(bmlen))
		if bmlen < 4 || bmlen > 4+n {
			p.ofInvalid(cp, n)
			return
		}
		if typ == 1 && bmlen == 8 {
			bitmap := p.be32(cp)
			p.ofLabelX32(", bitmap ", bitmap)
			p.ofBitmap(of13VersionBits, bitmap, of13VersionBitsU)
		} else {
			if typ == 1 {
				p.s(" (bogus)")
			}
			p.check(cp, bmlen-4)
		}
		cp += bmlen - 4
		n -= bmlen - 4
	}
}

// of13Experimenter is of13_experimenter_message_print.
func (p *Printer) of13Experimenter(cp, n int) {
	e := p.be32(cp)
	p.s("\n\t experimenter")
	p.ofVendor(e)
	p.ofLabelX32(", exp_type ", p.be32(cp+4))
	p.ofData(cp+8, n-8)
}

// of13QueueGetConfigRequest is of13_queue_get_config_request_print.
func (p *Printer) of13QueueGetConfigRequest(cp, _ int) {
	v := p.be32(cp)
	p.s("\n\t port ")
	p.of13Port(v)
	p.check(cp+4, 4)
}

// of13Error is of13_error_print.
func (p *Printer) of13Error(cp, n int) {
	typ := p.be16(cp)
	p.s("\n\t type ")
	p.tokStrX(of13ErrorTypes, uint32(typ), "invalid (0x", 4, ")")
	code := p.be16(cp + 2)
	if int(typ) < len(of13ErrorCodes) {
		p.s(", code ")
		p.tokStrX(of13ErrorCodes[typ], uint32(code), "invalid (0x", 4, ")")
	} else {
		p.s(", code invalid (0x")
		p.xpad(uint64(code), 4)
		p.c(')')
	}
	p.ofData(cp+4, n-4)
}
