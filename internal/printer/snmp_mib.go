// The MIB tree tcpdump 4.99.3 compiles in (its mib.h, from RFC 1156 and
// the SNMPv3 framework, MPD and USM MIBs) and its list of abbreviated
// prefixes (print-snmp.c's obj_abrev_list): without -n and without
// libsmi, asn1_print names the sub-identifiers of an object identifier
// from this tree. Static data, built once when the package loads.

package printer

// mibObj is one node of the tree: its name, its sub-identifier under its
// parent and its children.
type mibObj struct {
	name string
	oid  uint8
	kids []mibObj
}

// mibSeq numbers names 1, 2, 3, ... as leaves.
func mibSeq(names ...string) []mibObj {
	kids := make([]mibObj, len(names))
	for i, n := range names {
		kids[i] = mibObj{name: n, oid: uint8(i + 1)}
	}
	return kids
}

// mibWith gives the node of kids with sub-identifier oid the children sub.
func mibWith(kids []mibObj, oid uint8, sub []mibObj) []mibObj {
	for i := range kids {
		if kids[i].oid == oid {
			kids[i].kids = sub
		}
	}
	return kids
}

// mibMgmtMIB is the children of mgmt.mib (1.3.6.1.2.1), MIB-I.
var mibMgmtMIB = []mibObj{
	{"system", 1, mibSeq("sysDescr", "sysObjectID", "sysUpTime", "sysContact", "sysName", "sysLocation", "sysServices")},
	{"interfaces", 2, []mibObj{
		{"ifNumber", 1, nil},
		{"ifTable", 2, []mibObj{{"ifEntry", 1, mibSeq("ifIndex", "ifDescr", "ifType", "ifMtu", "ifSpeed",
			"ifPhysAddress", "ifAdminStatus", "ifOperStatus", "ifLastChange", "ifInOctets", "ifInUcastPkts",
			"ifInNUcastPkts", "ifInDiscards", "ifInErrors", "ifInUnknownProtos", "ifOutOctets", "ifOutUcastPkts",
			"ifOutNUcastPkts", "ifOutDiscards", "ifOutErrors", "ifOutQLen", "ifSpecific")}}},
	}},
	{"at", 3, []mibObj{{"atTable", 1, []mibObj{{"atEntry", 1, mibSeq("atIfIndex", "atPhysAddress", "atNetAddress")}}}}},
	{"ip", 4, append(mibSeq("ipForwarding", "ipDefaultTTL", "ipInReceives", "ipInHdrErrors", "ipInAddrErrors",
		"ipForwDatagrams", "ipInUnknownProtos", "ipInDiscards", "ipInDelivers", "ipOutRequests", "ipOutDiscards",
		"ipOutNoRoutes", "ipReasmTimeout", "ipReasmReqds", "ipReasmOKs", "ipReasmFails", "ipFragOKs", "ipFragFails",
		"ipFragCreates"),
		mibObj{"ipAddrTable", 20, []mibObj{{"ipAddrEntry", 1, mibSeq("ipAdEntAddr", "ipAdEntIfIndex", "ipAdEntNetMask",
			"ipAdEntBcastAddr", "ipAdEntReasmMaxSize")}}},
		mibObj{"ipRoutingTable", 21, []mibObj{{"ipRouteEntry", 1, mibSeq("ipRouteDest", "ipRouteIfIndex",
			"ipRouteMetric1", "ipRouteMetric2", "ipRouteMetric3", "ipRouteMetric4", "ipRouteNextHop", "ipRouteType",
			"ipRouteProto", "ipRouteAge", "ipRouteMask")}}},
		mibObj{"ipNetToMediaTable", 22, []mibObj{{"ipNetToMediaEntry", 1, mibSeq("ipNetToMediaIfIndex",
			"ipNetToMediaPhysAddress", "ipNetToMediaNetAddress", "ipNetToMediaType")}}})},
	{"icmp", 5, mibSeq("icmpInMsgs", "icmpInErrors", "icmpInDestUnreachs", "icmpInTimeExcds", "icmpInParmProbs",
		"icmpInSrcQuenchs", "icmpInRedirects", "icmpInEchos", "icmpInEchoReps", "icmpInTimestamps",
		"icmpInTimestampReps", "icmpInAddrMasks", "icmpInAddrMaskReps", "icmpOutMsgs", "icmpOutErrors",
		"icmpOutDestUnreachs", "icmpOutTimeExcds", "icmpOutParmProbs", "icmpOutSrcQuenchs", "icmpOutRedirects",
		"icmpOutEchos", "icmpOutEchoReps", "icmpOutTimestamps", "icmpOutTimestampReps", "icmpOutAddrMasks",
		"icmpOutAddrMaskReps")},
	{"tcp", 6, mibWith(mibSeq("tcpRtoAlgorithm", "tcpRtoMin", "tcpRtoMax", "tcpMaxConn", "tcpActiveOpens",
		"tcpPassiveOpens", "tcpAttemptFails", "tcpEstabResets", "tcpCurrEstab", "tcpInSegs", "tcpOutSegs",
		"tcpRetransSegs", "tcpConnTable", "tcpInErrs", "tcpOutRsts"), 13,
		[]mibObj{{"tcpConnEntry", 1, mibSeq("tcpConnState", "tcpConnLocalAddress", "tcpConnLocalPort",
			"tcpConnRemAddress", "tcpConnRemPort")}})},
	{"udp", 7, mibWith(mibSeq("udpInDatagrams", "udpNoPorts", "udpInErrors", "udpOutDatagrams", "udpTable"), 5,
		[]mibObj{{"udpEntry", 1, mibSeq("udpLocalAddress", "udpLocalPort")}})},
	{"egp", 8, mibWith(mibSeq("egpInMsgs", "egpInErrors", "egpOutMsgs", "egpOutErrors", "egpNeighTable", "egpAs"), 5,
		[]mibObj{{"egpNeighEntry", 1, mibSeq("egpNeighState", "egpNeighAddr", "egpNeighAs", "egpNeighInMsgs",
			"egpNeighInErrs", "egpNeighOutMsgs", "egpNeighOutErrs", "egpNeighInErrMsgs", "egpNeighOutErrMsgs",
			"egpNeighStateUps", "egpNeighStateDowns", "egpNeighIntervalHello", "egpNeighIntervalPoll",
			"egpNeighMode", "egpNeighEventTrigger")}})},
	{"transmission", 10, nil},
	{"snmp", 11, mibSeq("snmpInPkts", "snmpOutPkts", "snmpInBadVersions", "snmpInBadCommunityNames",
		"snmpInBadCommunityUses", "snmpInASNParseErrs", "snmpInBadTypes", "snmpInTooBigs", "snmpInNoSuchNames",
		"snmpInBadValues", "snmpInReadOnlys", "snmpInGenErrs", "snmpInTotalReqVars", "snmpInTotalSetVars",
		"snmpInGetRequests", "snmpInGetNexts", "snmpInSetRequests", "snmpInGetResponses", "snmpInTraps",
		"snmpOutTooBigs", "snmpOutNoSuchNames", "snmpOutBadValues", "snmpOutReadOnlys", "snmpOutGenErrs",
		"snmpOutGetRequests", "snmpOutGetNexts", "snmpOutSetRequests", "snmpOutGetResponses", "snmpOutTraps",
		"snmpEnableAuthTraps")},
}

// mibEnterprises is the children of private.enterprises (1.3.6.1.4.1).
var mibEnterprises = append(mibSeq("proteon", "ibm", "cmu", "unix", "acc", "twg", "cayman", "nysernet", "cisco",
	"nsc", "hp", "epilogue", "utennessee", "bbn", "xylogics", "unisys", "canstar", "wellfleet", "trw", "mit",
	"eon", "spartacus", "excelan", "spider", "nsfnet", "sytek", "intergraph", "interlan", "vitalink", "ulana",
	"nswc", "santacruzoperation", "xyplex", "cray", "bellnorthernresearch", "dec", "touch",
	"networkresearchcorp", "baylor", "nmfeccllnl", "sri", "sun", "3com", "cmc", "synoptics", "cheyenne",
	"prime", "mcnc", "chipcom", "opticaldatasystems", "gated", "cabletron", "apollo", "desktalksystems",
	"ssds", "castlerock", "mips", "tgv", "silicongraphics", "ubc", "merit", "fibercom", "apple", "gandalf",
	"dartmouth", "davidsystems", "reuter", "cornell", "tmac", "locus", "nasa", "retix", "boeing", "att",
	"ungermannbass", "digitalanalysis", "hplanman", "netlabs", "icl", "auspex", "lannet", "ncd", "raycom",
	"pirellifocom", "datability", "networkappltech", "link", "nyu", "rnd", "intercon", "learningtree",
	"webstercomputer", "frontier", "nokia", "allenbradley", "cern", "sigma", "emergingtech", "snmpresearch",
	"ohiostate", "ultra"), mibObj{"ccur", 136, nil})

// mibSNMPModules is the children of snmpV2.snmpModules (1.3.6.1.6.3).
var mibSNMPModules = []mibObj{
	{"snmpFrameworkMIB", 10, []mibObj{
		{"snmpFrameworkAdmin", 1, nil},
		{"snmpFrameworkMIBObjects", 2, []mibObj{{"snmpEngine", 1, mibSeq("snmpEngineID", "snmpEngineBoots",
			"snmpEngineTime", "snmpEngineMaxMessageSize")}}},
		{"snmpFrameworkMIBConformance", 3, nil},
	}},
	{"snmpMPDMIB", 11, []mibObj{
		{"snmpMPDAdmin", 1, nil},
		{"snmpMPDMIBObjects", 2, []mibObj{{"snmpMPDStats", 1, mibSeq("snmpUnknownSecurityModels",
			"snmpInvalidMsgs", "snmpUnknownPDUHandlers")}}},
		{"snmpMPDMIBConformance", 3, mibSeq("snmpMPDMIBCompliances", "snmpMPDMIBGroups")},
	}},
	{"snmpUsmMIB", 15, []mibObj{
		{"usmMIBObjects", 1, []mibObj{
			{"usmStats", 1, mibSeq("usmStatsUnsupportedSecLevels", "usmStatsNotInTimeWindows",
				"usmStatsUnknownUserNames", "usmStatsUnknownEngineIDs", "usmStatsWrongDigests",
				"usmStatsDecryptionErrors")},
			{"usmUser", 2, []mibObj{
				{"usmUserSpinLock", 1, nil},
				{"usmUserTable", 2, []mibObj{{"usmUserEntry", 1, mibSeq("usmUserEngineID", "usmUserName",
					"usmUserSecurityName", "usmUserCloneFrom", "usmUserAuthProtocol", "usmUserAuthKeyChange",
					"usmUserOwnAuthKeyChange", "usmUserPrivProtocol", "usmUserPrivKeyChange",
					"usmUserOwnPrivKeyChange", "usmUserPublic", "usmUserStorageType", "usmUserStatus")}}},
			}},
		}},
		{"usmMIBConformance", 2, mibSeq("usmMIBCompliances", "usmMIBGroups")},
	}},
}

// mibRoot is mibroot: iso and everything under it.
var mibRoot = []mibObj{{"iso", 1, []mibObj{{"org", 3, []mibObj{{"dod", 6, []mibObj{{"internet", 1, []mibObj{
	{"directory", 1, nil},
	{"mgmt", 2, []mibObj{{"mib", 1, mibMgmtMIB}}},
	{"experimental", 3, nil},
	{"private", 4, []mibObj{{"enterprises", 1, mibEnterprises}}},
	{"security", 5, nil},
	{"snmpV2", 6, []mibObj{{"snmpModules", 3, mibSNMPModules}}},
}}}}}}}}}

// mibAbbrev is obj_abrev_list: an OID whose encoding starts with oid is
// printed as prefix and the rest named from the children of the node at
// that prefix.
var mibAbbrev = [...]struct {
	prefix string
	oid    string // BER contents
	kids   []mibObj
}{
	{"", "\x2b\x06\x01\x02\x01", mibMgmtMIB},       // .iso.org.dod.internet.mgmt.mib
	{"E:", "\x2b\x06\x01\x04\x01", mibEnterprises}, // .iso.org.dod.internet.private.enterprises
	{"X:", "\x2b\x06\x01\x03", nil},                // .iso.org.dod.internet.experimental
	{"S:", "\x2b\x06\x01\x06\x03", mibSNMPModules}, // .iso.org.dod.internet.snmpV2.snmpModules
}

// mibStep is OBJ_PRINT: the sub-identifier o named among kids when one
// of them has it (and the walk goes on below it), else as a number (and
// the walk is over). dot says whether a '.' comes first.
func (p *Printer) mibStep(kids []mibObj, o uint32, dot bool) []mibObj {
	if dot {
		p.c('.')
	}
	for i := range kids {
		if uint32(kids[i].oid) == o {
			p.s(kids[i].name)
			return kids[i].kids
		}
	}
	p.u(uint64(o))
	return nil
}

// asnPrintOIDNames is asn1_print's BE_OID case without -n.
func (p *Printer) asnPrintOIDNames(e *asnElem) {
	n := int(e.asnlen)
	pp := e.data
	first := -1
	var objs []mibObj
	if n > 2 {
		for _, a := range mibAbbrev {
			if n < len(a.oid) || string(p.pkt[pp:pp+len(a.oid)]) != a.oid {
				continue
			}
			objs = a.kids
			n -= len(a.oid)
			pp += len(a.oid)
			p.s(a.prefix)
			first = 1
			break
		}
	}
	var o uint32
	for ; n > 0; n, pp = n-1, pp+1 {
		b := p.u8(pp)
		o = o<<7 + uint32(b&0x7f)
		if b&0x80 != 0 {
			continue
		}
		if first < 0 {
			objs = mibRoot
			first = 0
			s := o / 40
			if s > 2 {
				s = 2
			}
			objs = p.mibStep(objs, s, true)
			o -= s * 40
		}
		objs = p.mibStep(objs, o, first == 0)
		if first--; first < 0 {
			first = 0
		}
		o = 0
	}
}
