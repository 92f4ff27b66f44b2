// BGP-4 (TCP port 179), as tcpdump 4.99.3's print-bgp.c prints it
// (bgp_print, bgp_pdu_print: OPEN with its optional parameters and
// capabilities, UPDATE with withdrawn routes, path attributes and NLRI,
// MP_REACH/MP_UNREACH for IPv4 and IPv6 unicast, multicast, labeled
// unicast, VPN unicast and route target membership, NOTIFICATION,
// KEEPALIVE and ROUTE-REFRESH; 2- and 4-byte AS numbers, in asdot
// notation with -b).

package printer

import (
	"math"
	"strconv"
)

func init() {
	registerTCP("bgp", func(p *Printer, d portPayload) { p.bgpPrint(d.off, d.length) })
}

var bgpMsgTypes = [...]string{1: "Open", 2: "Update", 3: "Notification", 4: "Keepalive", 5: "Route Refresh"}

func bgpMsgName(t uint8, unknown string) string {
	if int(t) < len(bgpMsgTypes) && bgpMsgTypes[t] != "" {
		return bgpMsgTypes[t]
	}
	return unknown
}

var bgpAttrNames = map[uint8]string{1: "Origin", 2: "AS Path", 17: "AS4 Path", 3: "Next Hop",
	4: "Multi Exit Discriminator", 5: "Local Preference", 6: "Atomic Aggregate", 7: "Aggregator",
	18: "Aggregator4", 8: "Community", 9: "Originator ID", 10: "Cluster List", 11: "DPA",
	12: "Advertisers", 13: "RCID Path / Cluster ID", 14: "Multi-Protocol Reach NLRI",
	15: "Multi-Protocol Unreach NLRI", 16: "Extended Community", 22: "PMSI Tunnel",
	23: "Tunnel Encapsulation", 24: "Traffic Engineering", 25: "IPv6 Extended Community",
	26: "Accumulated IGP Metric", 27: "PE Distinguisher Label", 28: "Entropy Label",
	32: "Large Community", 128: "Attribute Set", 255: "Reserved for development"}

var bgpCapNames = map[uint8]string{1: "Multiprotocol Extensions", 2: "Route Refresh",
	3: "Cooperative Route Filtering", 4: "Multiple Routes to a Destination",
	5: "Extended Next Hop Encoding", 8: "Multiple Labels", 64: "Graceful Restart",
	65: "32-Bit AS Number", 67: "Dynamic Capability", 68: "Multisession BGP", 69: "Multiple Paths",
	70: "Enhanced Route Refresh", 71: "Long-lived Graceful Restart", 128: "Route Refresh (Cisco)"}

var bgpNotifyMajor = [...]string{1: "Message Header Error", 2: "OPEN Message Error",
	3: "UPDATE Message Error", 4: "Hold Timer Expired", 5: "Finite State Machine Error", 6: "Cease",
	7: "Capability Message Error"}

var (
	bgpMinorCease  = map[uint8]string{1: "Maximum Number of Prefixes Reached", 2: "Administrative Shutdown", 3: "Peer Unconfigured", 4: "Administrative Reset", 5: "Connection Rejected", 6: "Other Configuration Change", 7: "Connection Collision Resolution"}
	bgpMinorMsg    = map[uint8]string{1: "Connection Not Synchronized", 2: "Bad Message Length", 3: "Bad Message Type"}
	bgpMinorOpen   = map[uint8]string{1: "Unsupported Version Number", 2: "Bad Peer AS", 3: "Bad BGP Identifier", 4: "Unsupported Optional Parameter", 5: "Authentication Failure", 6: "Unacceptable Hold Time", 7: "Capability Message Error"}
	bgpMinorUpdate = map[uint8]string{1: "Malformed Attribute List", 2: "Unrecognized Well-known Attribute", 3: "Missing Well-known Attribute", 4: "Attribute Flags Error", 5: "Attribute Length Error", 6: "Invalid ORIGIN Attribute", 7: "AS Routing Loop", 8: "Invalid NEXT_HOP Attribute", 9: "Optional Attribute Error", 10: "Invalid Network Field", 11: "Malformed AS_PATH"}
	bgpMinorFSM    = map[uint8]string{0: "Unspecified Error", 1: "In OpenSent State", 2: "In OpenConfirm State", 3: "In Established State"}
	bgpMinorCap    = map[uint8]string{1: "Invalid Action Value", 2: "Invalid Capability Length", 3: "Malformed Capability Value", 4: "Unsupported Capability Code"}
)

var bgpSAFIs = map[uint8]string{0: "Reserved", 1: "Unicast", 2: "Multicast", 3: "Unicast+Multicast",
	4: "labeled Unicast", 64: "Tunnel", 65: "VPLS", 66: "MDT", 70: "EVPN", 128: "labeled VPN Unicast",
	129: "labeled VPN Multicast", 130: "labeled VPN Unicast+Multicast", 132: "Route Target Routing Information",
	5: "Multicast VPN"}

// afNames is af.c's af_values.
var afNames = map[uint16]string{0: "Reserved", 1: "IPv4", 2: "IPv6", 3: "NSAP", 4: "HDLC", 5: "BBN 1822",
	6: "802", 7: "E.163", 8: "E.164", 9: "F.69", 10: "X.121", 11: "Novell IPX", 12: "Appletalk",
	13: "Decnet IV", 14: "Banyan Vines", 15: "E.164 with NSAP subaddress", 196: "Layer-2 VPN", 25: "VPLS"}

var bgpExtCommNames = map[uint16]string{0x0002: "target", 0x0102: "target", 0x0202: "target",
	0x0003: "origin", 0x0103: "origin", 0x0203: "origin", 0x4004: "link-BW", 0x0005: "ospf-domain",
	0x0105: "ospf-domain", 0x0205: "ospf-domain", 0x8005: "ospf-domain", 0x0306: "ospf-route-type",
	0x8000: "ospf-route-type", 0x030c: "encapsulation", 0x0107: "ospf-router-id", 0x8001: "ospf-router-id",
	0x800a: "layer2-info", 0x8800: "eigrp-general-route (flag, tag)",
	0x8801: "eigrp-route-metric (AS, delay)", 0x8802: "eigrp-route-metric (reliability, nexthop, bandwidth)",
	0x8803: "eigrp-route-metric (load, MTU)", 0x8804: "eigrp-external-route (remote-AS, remote-ID)",
	0x8805: "eigrp-external-route (remote-proto, remote-metric)", 0x0009: "source-AS",
	0x010b: "vrf-route-import", 0x000a: "l2vpn-id", 0xf10a: "l2vpn-id"}

var bgpEncapTunnels = [...]string{1: "L2TPv3 over IP", 2: "GRE", 3: "Transmit Tunnel", 4: "IPsec",
	5: "IP in IP with IPsec", 6: "MPLS in IP with IPsec", 7: "IP in IP", 8: "VXLAN", 9: "NVGRE", 10: "MPLS",
	11: "MPLS in GRE", 12: "VXLAN GPE", 13: "MPLS in UDP", 14: "IPv6", 15: "SR TE", 16: "Bare", 17: "SR"}

var bgpOSPFRouteTypes = map[uint8]string{1: "Router", 2: "Network", 3: "Summary", 5: "External", 7: "NSSA External", 129: "MPLS-VPN Sham"}

// l2vpnEncaps is l2vpn.c's l2vpn_encaps_values.
var l2vpnEncaps = map[uint8]string{0: "Reserved", 1: "Frame Relay", 2: "ATM AAL5 SDU VCC transport",
	3: "ATM transparent cell transport", 4: "Ethernet (VLAN) Tagged Mode", 5: "Ethernet Raw Mode",
	6: "Cisco HDLC", 7: "PPP", 8: "SONET/SDH Circuit Emulation Service over MPLS",
	9: "ATM n-to-one VCC cell transport", 10: "ATM n-to-one VPC cell transport", 11: "IP layer 2 transport",
	15: "Frame Relay Port mode", 17: "Structure-agnostic E1 over packet",
	18: "Structure-agnostic T1 (DS1) over packet", 19: "VPLS", 20: "Structure-agnostic T3 (DS3) over packet",
	21: "Nx64kbit/s Basic Service using Structure-aware", 25: "Frame Relay DLCI",
	40: "Structure-agnostic E3 over packet", 41: "Octet-aligned playload for Structure-agnostic DS1 circuits",
	42: "E1 Nx64kbit/s with CAS using Structure-aware", 43: "DS1 (ESF) Nx64kbit/s with CAS using Structure-aware"}

var bgpPMSITunnels = [...]string{1: "RSVP-TE P2MP LSP", 2: "LDP P2MP LSP", 3: "PIM-SSM Tree", 4: "PIM-SM Tree",
	5: "PIM-Bidir Tree", 6: "Ingress Replication", 7: "LDP MP2MP LSP"}

func (p *Printer) afName(af uint16, unknown string) {
	if n, ok := afNames[af]; ok {
		p.s(n)
	} else {
		p.s(unknown)
	}
}

func (p *Printer) safiName(safi uint8, unknown string) {
	if n, ok := bgpSAFIs[safi]; ok {
		p.s(n)
	} else {
		p.s(unknown)
	}
}

func tok8(m map[uint8]string, v uint8, unknown string) string {
	if n, ok := m[v]; ok {
		return n
	}
	return unknown
}

// bgpAS is as_printf: plain, or asdot for 4-byte numbers with -b.
func (p *Printer) bgpAS(as uint32) {
	if !p.o.ASDot || as <= 0xffff {
		p.u(uint64(as))
		return
	}
	p.u(uint64(as >> 16))
	p.c('.')
	p.u(uint64(as & 0xffff))
}

func (p *Printer) bgpPrint(bp, length int) {
	p.proto = "bgp"
	p.s(": BGP")
	if p.o.Verbose < 1 {
		return
	}
	ep := p.snapend
	pp, start := bp, bp
	for pp < ep {
		if p.pkt[pp] != 0xff {
			pp++
			continue
		}
		if !p.ttest(pp, 16) {
			break
		}
		marker := true
		for i := 0; i < 16; i++ {
			if p.pkt[pp+i] != 0xff {
				marker = false
				break
			}
		}
		if !marker {
			pp++
			continue
		}
		if !p.localCheck(pp, 19) {
			return
		}
		if start != pp {
			p.trunc()
		}
		hlen := int(p.be16(pp + 16))
		if hlen < 19 {
			p.s("\nmessage length ")
			p.u(uint64(hlen))
			p.s(" < 19")
			p.invalid()
			break
		}
		if !p.ttest(pp, hlen) {
			p.s("\n[|BGP ")
			p.s(bgpMsgName(p.pkt[pp+18], "Unknown Message Type"))
			p.s("]")
			break
		}
		if !p.bgpPDU(pp, hlen) {
			return
		}
		pp += hlen
		start = pp
	}
}

func (p *Printer) bgpPDU(dat, length int) bool {
	typ := p.pkt[dat+18]
	p.s("\n\t")
	p.s(bgpMsgName(typ, "Unknown"))
	p.s(" Message (")
	p.u(uint64(typ))
	p.s("), length: ")
	p.u(uint64(length))
	switch typ {
	case 1:
		p.bgpOpen(dat, length)
	case 2:
		p.bgpUpdate(dat, length)
	case 3:
		p.bgpNotification(dat, length)
	case 4:
	case 5:
		p.bgpRouteRefresh(dat, length)
	default:
		p.s("\n\t  no Message ")
		p.u(uint64(typ))
		p.s(" decoder")
		p.unknownData(dat, "\n\t  ", length)
	}
	return true
}

func (p *Printer) bgpOpen(dat, length int) {
	if !p.localCheck(dat, 29) {
		return
	}
	if length < 29 {
		p.trunc()
		return
	}
	p.s("\n\t  Version ")
	p.u(uint64(p.pkt[dat+19]))
	p.s(", my AS ")
	p.bgpAS(uint32(p.be16(dat + 20)))
	p.s(", Holdtime ")
	p.u(uint64(p.be16(dat + 22)))
	p.s("s, ID ")
	p.ip4(dat + 24)
	optslen := int(p.pkt[dat+28])
	p.s("\n\t  Optional parameters, length: ")
	p.u(uint64(optslen))
	opt := dat + 29
	length -= 29
	for i := 0; i < optslen; {
		if !p.localCheck(opt+i, 2) {
			return
		}
		if length < 2+i {
			p.trunc()
			return
		}
		typ, olen := p.pkt[opt+i], int(p.pkt[opt+i+1])
		if 2+i+olen > optslen {
			p.s("\n\t     Option ")
			p.u(uint64(typ))
			p.s(", length: ")
			p.u(uint64(olen))
			p.s(", goes past the end of the options")
			break
		}
		p.s("\n\t    Option ")
		switch typ {
		case 1:
			p.s("Authentication Information")
		case 2:
			p.s("Capabilities Advertisement")
		default:
			p.s("Unknown")
		}
		p.s(" (")
		p.u(uint64(typ))
		p.s("), length: ")
		p.u(uint64(olen))
		if typ == 2 {
			p.bgpCapabilities(opt+2+i, olen)
		} else {
			p.s("\n\t      no decoder for option ")
			p.u(uint64(typ))
		}
		i += 2 + olen
	}
}

func (p *Printer) bgpAFISAFI(afOff, safiOff int) {
	af := p.be16(afOff)
	safi := p.u8(safiOff)
	p.s("AFI ")
	p.afName(af, "Unknown")
	p.s(" (")
	p.u(uint64(af))
	p.s("), SAFI ")
	p.safiName(safi, "Unknown")
	p.s(" (")
	p.u(uint64(safi))
	p.s(")")
}

func (p *Printer) bgpCapabilities(opt, capsLen int) {
	for i := 0; i < capsLen; {
		if !p.localCheck(opt+i, 2) {
			return
		}
		typ, clen := p.pkt[opt+i], int(p.pkt[opt+i+1])
		p.s("\n\t      ")
		p.s(tok8(bgpCapNames, typ, "Unknown"))
		p.s(" (")
		p.u(uint64(typ))
		p.s("), length: ")
		p.u(uint64(clen))
		if !p.localCheck(opt+2+i, clen) {
			return
		}
		c := opt + i + 2
		switch typ {
		case 1:
			if clen < 4 {
				p.s(" (too short, < 4)")
				return
			}
			p.s("\n\t\t")
			p.bgpAFISAFI(c, c+3)
		case 8:
			for off := 0; clen-off >= 4; off += 4 {
				p.s("\n\t\t")
				p.bgpAFISAFI(c+off, c+off+2)
				p.s(", Count: ")
				p.u(uint64(p.pkt[c+off+3]))
			}
		case 64:
			if clen < 2 {
				p.s(" (too short, < 2)")
				return
			}
			p.s("\n\t\tRestart Flags: [")
			if p.pkt[c]&0x80 != 0 {
				p.s("R")
			} else {
				p.s("none")
			}
			p.s("], Restart Time ")
			p.u(uint64(p.be16(c) & 0xfff))
			p.s("s")
			for off := 2; clen-off >= 4; off += 4 {
				p.s("\n\t\t  ")
				p.bgpAFISAFI(c+off, c+off+2)
				p.s(", Forwarding state preserved: ")
				if p.pkt[c+off+3]&0x80 != 0 {
					p.s("yes")
				} else {
					p.s("no")
				}
			}
		case 2, 71, 128:
		case 65:
			if clen < 4 {
				p.s(" (too short, < 4)")
				return
			}
			p.s("\n\t\t 4 Byte AS ")
			p.bgpAS(p.be32(c))
		case 69:
			if clen == 0 {
				p.s(" (bogus)")
				break
			}
			for off := 0; off < clen; off += 4 {
				if clen-off < 4 {
					p.invalid()
					break
				}
				p.s("\n\t\t")
				p.bgpAFISAFI(c+off, c+off+2)
				p.s(", Send/Receive: ")
				switch v := p.pkt[c+off+3]; v {
				case 1:
					p.s("Receive")
				case 2:
					p.s("Send")
				case 3:
					p.s("Both")
				default:
					p.s("Bogus (0x")
					p.hex2(v)
					p.s(")")
				}
			}
		default:
			p.s("\n\t\tno decoder for Capability ")
			p.u(uint64(typ))
			if p.o.Verbose <= 1 {
				p.unknownData(c, "\n\t\t", clen)
			}
		}
		if p.o.Verbose > 1 && clen != 0 {
			p.unknownData(c, "\n\t\t", clen)
		}
		i += 2 + clen
	}
}

// bgpPrefix is decode_prefix4 (alen 4) and decode_prefix6 (alen 16):
// the bytes taken, -1 for an illegal prefix length, -2 when itemlen is too
// short; it leaves the prefix in addr and its length in plen.
func (p *Printer) bgpPrefix(pp, itemlen, alen int, addr *[16]byte) (int, int) {
	if itemlen < 1 {
		return -2, 0
	}
	plen := int(p.u8(pp))
	if plen > alen*8 {
		return -1, 0
	}
	itemlen--
	*addr = [16]byte{}
	n := (plen + 7) / 8
	if itemlen < n {
		return -2, 0
	}
	p.check(pp+1, n)
	copy(addr[:], p.pkt[pp+1:pp+1+n])
	if plen%8 != 0 {
		addr[n-1] &= byte(uint(0xff00) >> uint(plen%8))
	}
	return 1 + n, plen
}

func (p *Printer) bgpPrintPrefix(addr *[16]byte, alen, plen int) {
	if alen == 4 {
		p.ip4s(addr[:4])
	} else {
		p.ip6s(addr[:])
	}
	p.c('/')
	p.u(uint64(plen))
}

// bgpRD is bgp_vpn_rd_print.
func (p *Printer) bgpRD(pp int) {
	switch p.be16(pp) {
	case 0:
		a, b := p.be16(pp+2), p.be32(pp+4)
		p.u(uint64(a))
		p.c(':')
		p.u(uint64(b))
		p.s(" (= ")
		p.ip4n(pp + 4)
		p.c(')')
	case 1:
		p.check(pp, 8)
		p.ip4n(pp + 2)
		p.c(':')
		p.u(uint64(p.be16(pp + 6)))
	case 2:
		as, n := p.be32(pp+2), p.be16(pp+6)
		p.bgpAS(as)
		p.c(':')
		p.u(uint64(n))
		p.s(" (")
		p.ip4n(pp + 2)
		p.c(':')
		p.u(uint64(n))
		p.c(')')
	default:
		p.s("unknown RD format")
	}
}

// bgpLabel prints ", label:N (bottom)" for the 3-byte label at pp.
func (p *Printer) bgpLabel(pp int) {
	l := p.be24(pp)
	p.s(", label:")
	p.u(uint64(l >> 4))
	if l&1 == 0 {
		p.s(" (BOGUS: Bottom of Stack NOT set!)")
	} else {
		p.s(" (bottom)")
	}
}

// bgpAFKnown reports whether tcpdump has an NLRI decoder for af/safi.
func bgpAFKnown(af uint16, safi uint8) bool {
	switch af {
	case 1:
		switch safi {
		case 1, 2, 3, 4, 132, 128, 129, 130, 5, 66:
			return true
		}
	case 2:
		switch safi {
		case 1, 2, 3, 4, 128, 129, 130:
			return true
		}
	case 3:
		switch safi {
		case 1, 2, 3, 128, 129, 130:
			return true
		}
	case 196:
		switch safi {
		case 128, 129, 130:
			return true
		}
	case 25:
		return safi == 65
	}
	return false
}

// bgpMPAF is bgp_mp_af_print: 0, -1 (no decoder, dumped) or -2 (cut).
func (p *Printer) bgpMPAF(tp, tlen int) (uint16, uint8, int) {
	af := p.be16(tp)
	safi := p.u8(tp + 2)
	p.s("\n\t    AFI: ")
	p.afName(af, "Unknown AFI")
	p.s(" (")
	p.u(uint64(af))
	p.s("), ")
	if safi > 128 {
		p.s("vendor specific ")
	}
	p.s("SAFI: ")
	p.safiName(safi, "Unknown SAFI")
	p.s(" (")
	p.u(uint64(safi))
	p.s(")")
	if !bgpAFKnown(af, safi) {
		if !p.ttest(tp, tlen) {
			return af, safi, -2
		}
		p.s("\n\t    no AFI ")
		p.u(uint64(af))
		p.s(" / SAFI ")
		p.u(uint64(safi))
		p.s(" decoder")
		if p.o.Verbose <= 1 {
			p.unknownData(tp, "\n\t    ", tlen)
		}
		return af, safi, -1
	}
	return af, safi, 0
}

// bgpNLRI is bgp_nlri_print: the bytes taken or a negative code (-2: cut).
func (p *Printer) bgpNLRI(af uint16, safi uint8, tp, ln int, ap4, ap6 bool) int {
	var addr [16]byte
	key := uint32(af)<<8 | uint32(safi)
	switch key {
	case 1<<8 | 1, 1<<8 | 2, 1<<8 | 3, 2<<8 | 1, 2<<8 | 2, 2<<8 | 3:
		alen, ap := 4, ap4
		if af == 2 {
			alen, ap = 16, ap6
		}
		var pathID uint32
		if ap {
			pathID = p.be32(tp)
			tp += 4
		}
		adv, plen := p.bgpPrefix(tp, ln, alen, &addr)
		switch adv {
		case -1:
			p.s("\n\t    (illegal prefix length)")
		case -2:
		default:
			p.s("\n\t      ")
			p.bgpPrintPrefix(&addr, alen, plen)
		}
		if ap {
			p.s("   Path Id: ")
			p.u(uint64(pathID))
			adv += 4
		}
		return adv
	case 1<<8 | 4, 2<<8 | 4:
		alen := 4
		if af == 2 {
			alen = 16
		}
		if !p.ttest(tp, 4) {
			return -2
		}
		if ln < 4 {
			return 0 // -3: bytes left, but not enough
		}
		plen := int(p.pkt[tp])
		if plen < 24 {
			p.s("\n\t    (illegal prefix length)")
			return -1
		}
		plen -= 24
		if plen > alen*8 {
			p.s("\n\t    (illegal prefix length)")
			return -1
		}
		n := (plen + 7) / 8
		if af == 1 && ln-4 < n {
			return 0
		}
		p.check(tp+4, n)
		copy(addr[:], p.pkt[tp+4:tp+4+n])
		if plen%8 != 0 {
			addr[n-1] &= byte(uint(0xff00) >> uint(plen%8))
		}
		l := p.be24(tp + 1)
		_ = l
		p.s("\n\t      ")
		p.bgpPrintPrefix(&addr, alen, plen)
		p.bgpLabel(tp + 1)
		return 4 + n
	case 1<<8 | 128, 1<<8 | 129, 1<<8 | 130, 2<<8 | 128, 2<<8 | 129, 2<<8 | 130:
		alen := 4
		if af == 2 {
			alen = 16
		}
		plen := int(p.u8(tp))
		if plen < 88 {
			p.s("\n\t    (illegal prefix length)")
			return -1
		}
		plen -= 88
		if plen > alen*8 {
			p.s("\n\t    (illegal prefix length)")
			return -1
		}
		n := (plen + 7) / 8
		p.check(tp+12, n)
		copy(addr[:], p.pkt[tp+12:tp+12+n])
		if plen%8 != 0 {
			addr[n-1] &= byte(uint(0xff00) >> uint(plen%8))
		}
		p.check(tp+4, 8)
		p.be24(tp + 1)
		p.s("\n\t      RD: ")
		p.bgpRD(tp + 4)
		p.s(", ")
		p.bgpPrintPrefix(&addr, alen, plen)
		p.bgpLabel(tp + 1)
		return 12 + n
	case 1<<8 | 132:
		return p.bgpRTRoutingInfo(tp)
	case 1<<8 | 66:
		if p.u8(tp) != 128 {
			p.s("\n\t    (illegal prefix length)")
			return -1
		}
		if !p.ttest(tp+1, 8) {
			return -2
		}
		p.check(tp+9, 8)
		p.s("\n\t      RD: ")
		p.bgpRD(tp + 1)
		p.s(", VPN IP Address: ")
		p.ip4(tp + 9)
		p.s(", MC Group Address: ")
		p.ip4(tp + 13)
		return 17
	}
	// The decoders this package does not have (multicast VPN, L2VPN,
	// NSAP) stop the attribute as a cut one would.
	return -2
}

// bgpRTRoutingInfo is decode_rt_routing_info (RFC 4684).
func (p *Printer) bgpRTRoutingInfo(tp int) int {
	plen := int(p.u8(tp))
	if plen == 0 {
		p.s("\n\t      default route target")
		return 1
	}
	if plen < 32 {
		p.s("\n\t      (illegal prefix length)")
		return -1
	}
	origin := p.be32(tp + 1)
	plen -= 32
	if plen > 64 {
		p.s("\n\t      (illegal prefix length)")
		return -1
	}
	var rt [8]byte
	n := (plen + 7) / 8
	p.check(tp+5, n)
	copy(rt[:], p.pkt[tp+5:tp+5+n])
	if plen%8 != 0 {
		rt[n-1] &= byte(uint(0xff00) >> uint(plen%8))
	}
	p.s("\n\t      origin AS: ")
	p.bgpAS(origin)
	p.s(", ")
	if plen == 0 {
		p.s("route-target: 0:0/0")
		return 5 + n
	}
	hexPart := func() {
		for i := 0; i < n; i++ {
			p.hex2(rt[i])
			if i%2 == 1 && i < n-1 {
				p.c(' ')
			}
		}
	}
	if plen < 16 {
		p.s("route-target: partial-type: (")
		hexPart()
		p.c('/')
		p.u(uint64(plen))
		p.c(')')
		return 5 + n
	}
	ec := uint16(rt[0])<<8 | uint16(rt[1])
	switch ec {
	case 0x0002:
		p.s("route-target: ")
		p.u(uint64(uint16(rt[2])<<8 | uint16(rt[3])))
		p.c(':')
		p.u(uint64(uint32(rt[4])<<24 | uint32(rt[5])<<16 | uint32(rt[6])<<8 | uint32(rt[7])))
		p.c('/')
		p.u(uint64(plen))
		p.s(" (")
		hexPart()
		p.c(')')
	case 0x0102:
		p.s("route-target: ")
		p.ip4b(rt[2:6])
		p.c(':')
		p.u(uint64(uint16(rt[6])<<8 | uint16(rt[7])))
		p.c('/')
		p.u(uint64(plen))
		p.s(" (")
		hexPart()
		p.c(')')
	case 0x0202:
		p.s("route-target: ")
		p.bgpAS(uint32(rt[2])<<24 | uint32(rt[3])<<16 | uint32(rt[4])<<8 | uint32(rt[5]))
		p.c(':')
		p.u(uint64(uint16(rt[6])<<8 | uint16(rt[7])))
		p.c('/')
		p.u(uint64(plen))
		p.s(" (")
		hexPart()
		p.c(')')
	default:
		p.s("route target: unknown-type(")
		p.xpad(uint64(ec), 4)
		p.s(") (")
		hexPart()
		p.c('/')
		p.u(uint64(plen))
		p.c(')')
	}
	return 5 + n
}

// bgpASSize is bgp_attr_get_as_size.
func (p *Printer) bgpASSize(atype uint8, pp, ln int) int {
	if atype == 17 {
		return 4
	}
	tp := pp
	for tp < pp+ln {
		if !p.ttest(tp, 1) {
			panic(truncated{})
		}
		if t := p.pkt[tp]; t < 1 || t > 4 {
			return 4
		}
		tp += 2 + int(p.u8(tp+1))*2
	}
	if tp == pp+ln {
		return 2
	}
	return 4
}

// bgpCheckAddPath is check_add_path.
func (p *Printer) bgpCheckAddPath(pp, length, maxLen int) bool {
	if length < 5 {
		return false
	}
	off := 0
	for off < length {
		off += 4
		if !p.ttest(pp+off, 1) {
			break
		}
		pl := int(p.pkt[pp+off])
		if pl > maxLen {
			return false
		}
		off += 1 + (pl+7)/8
	}
	if off > length {
		return false
	}
	for off = 0; off < length; {
		if !p.ttest(pp+off, 1) {
			break
		}
		pl := int(p.pkt[pp+off])
		if pl < 1 || pl > maxLen {
			return true
		}
		off += 1 + (pl+7)/8
	}
	return off > length
}

func (p *Printer) bgpAttrHeader(indent string, aflags, atype uint8, alen int) {
	p.s(indent)
	p.s(tok8(bgpAttrNames, atype, "Unknown Attribute"))
	p.s(" (")
	p.u(uint64(atype))
	p.s("), length: ")
	p.u(uint64(alen))
	if aflags != 0 {
		p.s(", Flags [")
		if aflags&0x80 != 0 {
			p.c('O')
		}
		if aflags&0x40 != 0 {
			p.c('T')
		}
		if aflags&0x20 != 0 {
			p.c('P')
		}
		if aflags&0x10 != 0 {
			p.c('E')
		}
		if aflags&0xf != 0 {
			p.c('+')
			p.x(uint64(aflags & 0xf))
		}
	}
}

// bgpAttr is bgp_attr_print: false when it stopped at a cut (its trunc
// label).
func (p *Printer) bgpAttr(atype uint8, pp, ln int, level int) bool {
	tp, tlen := pp, ln
	invalid := func() { p.s("invalid len") }
	switch atype {
	case 1:
		if ln != 1 {
			invalid()
			break
		}
		switch p.u8(tp) {
		case 0:
			p.s("IGP")
		case 1:
			p.s("EGP")
		case 2:
			p.s("Incomplete")
		default:
			p.s("Unknown Origin Typecode")
		}
	case 2, 17:
		if ln%2 != 0 {
			invalid()
			break
		}
		if ln == 0 {
			p.s("empty")
			break
		}
		size := p.bgpASSize(atype, pp, ln)
		for tp < pp+ln {
			seg := p.u8(tp)
			open, close := "?", "?"
			switch seg {
			case 1:
				open, close = "{ ", "}"
			case 2:
				open, close = "", ""
			case 3:
				open, close = "( ", ")"
			case 4:
				open, close = "({ ", "})"
			}
			p.s(open)
			for i := 0; i < int(p.u8(tp+1))*size; i += size {
				if !p.ttest(tp+2+i, size) {
					return false
				}
				if size == 2 {
					p.bgpAS(uint32(p.be16(tp + 2 + i)))
				} else {
					p.bgpAS(p.be32(tp + 2 + i))
				}
				p.c(' ')
			}
			p.s(close)
			tp += 2 + int(p.u8(tp+1))*size
		}
	case 3:
		if ln != 4 {
			invalid()
			break
		}
		p.ip4(tp)
	case 4, 5:
		if ln != 4 {
			invalid()
			break
		}
		p.u(uint64(p.be32(tp)))
	case 6:
		if ln != 0 {
			invalid()
		}
	case 7:
		if ln != 6 && ln != 8 {
			invalid()
			break
		}
		if !p.ttest(tp, ln) {
			return false
		}
		p.s(" AS #")
		if ln == 6 {
			p.bgpAS(uint32(p.be16(tp)))
			p.s(", origin ")
			p.ip4(tp + 2)
		} else {
			p.bgpAS(p.be32(tp))
			p.s(", origin ")
			p.ip4(tp + 4)
		}
	case 18:
		if ln != 8 {
			invalid()
			break
		}
		as := p.be32(tp)
		p.check(tp+4, 4)
		p.s(" AS #")
		p.bgpAS(as)
		p.s(", origin ")
		p.ip4(tp + 4)
	case 8:
		if ln%4 != 0 {
			invalid()
			break
		}
		for tlen != 0 {
			if !p.ttest(tp, 4) {
				return false
			}
			comm := p.be32(tp)
			switch comm {
			case 0xffffff01:
				p.s(" NO_EXPORT")
			case 0xffffff02:
				p.s(" NO_ADVERTISE")
			case 0xffffff03:
				p.s(" NO_EXPORT_SUBCONFED")
			default:
				p.u(uint64(comm >> 16))
				p.c(':')
				p.u(uint64(comm & 0xffff))
				if tlen > 4 {
					p.s(", ")
				}
			}
			tlen -= 4
			tp += 4
		}
	case 9:
		if ln != 4 {
			invalid()
			break
		}
		p.ip4(tp)
	case 10:
		if ln%4 != 0 {
			invalid()
			break
		}
		for tlen != 0 {
			p.ip4(tp)
			if tlen > 4 {
				p.s(", ")
			}
			tlen -= 4
			tp += 4
		}
	case 14:
		if !p.ttest(tp, 3) {
			return false
		}
		if tlen < 3 {
			return false
		}
		af, safi, ret := p.bgpMPAF(tp, tlen)
		if ret == -2 {
			return false
		}
		if ret < 0 {
			break
		}
		tp += 3
		tlen -= 3
		if !p.ttest(tp, 1) || tlen < 1 {
			return false
		}
		nhlen := int(p.pkt[tp])
		tp++
		tlen--
		if nhlen != 0 {
			tn := nhlen
			if tlen < tn {
				return false
			}
			p.s("\n\t    nexthop: ")
			nnh := 0
			for tn != 0 {
				if nnh > 0 {
					p.s(", ")
				}
				nnh++
				var need int
				var rd bool
				switch {
				case af == 1 && (safi == 128 || safi == 129 || safi == 130):
					need, rd = 12, true
				case af == 2 && (safi == 128 || safi == 129 || safi == 130):
					need, rd = 24, true
				case af == 2:
					need = 16
				case af == 1, af == 196, af == 25:
					need = 4
				default:
					// NSAP next hops: not decoded here.
					return false
				}
				if tn < need {
					invalid()
					tp += tn
					tlen -= tn
					tn = 0
					continue
				}
				if rd {
					p.check(tp, 8)
					if need == 12 {
						p.check(tp+8, 4)
					} else {
						p.check(tp+8, 16)
					}
					p.s("RD: ")
					p.bgpRD(tp)
					p.s(", ")
					if need == 12 {
						p.ip4(tp + 8)
					} else {
						p.ip6(tp + 8)
					}
				} else if need == 16 {
					p.ip6(tp)
				} else {
					p.ip4(tp)
				}
				tp += need
				tlen -= need
				tn -= need
			}
		}
		p.s(", nh-length: ")
		p.u(uint64(nhlen))
		if tlen < 1 {
			return false
		}
		snpa := int(p.u8(tp))
		tp++
		tlen--
		if snpa != 0 {
			p.s("\n\t    ")
			p.u(uint64(snpa))
			p.s(" SNPA")
			for ; snpa != 0; snpa-- {
				if tlen < 1 {
					return false
				}
				sl := int(p.u8(tp))
				p.s("\n\t      ")
				p.u(uint64(sl))
				p.s(" bytes")
				tp++
				tlen--
				if tlen < sl || !p.ttest(tp, sl) {
					return false
				}
				tp += sl
				tlen -= sl
			}
		} else {
			p.s(", no SNPA")
		}
		if !p.bgpNLRIs(af, safi, pp, tp, ln) {
			return false
		}
	case 15:
		if !p.ttest(tp, 3) {
			return false
		}
		af, safi, ret := p.bgpMPAF(tp, tlen)
		if ret == -2 {
			return false
		}
		if ret < 0 {
			break
		}
		if ln == 3 {
			p.s("\n\t      End-of-Rib Marker (empty NLRI)")
		}
		tp += 3
		if !p.bgpNLRIs(af, safi, pp, tp, ln) {
			return false
		}
	case 16:
		if ln%8 != 0 {
			invalid()
			break
		}
		for tlen != 0 {
			if !p.ttest(tp, 2) || tlen < 2 {
				return false
			}
			ec := p.be16(tp)
			p.s("\n\t    ")
			if n, ok := bgpExtCommNames[ec]; ok {
				p.s(n)
			} else {
				p.s("unknown extd community typecode")
			}
			p.s(" (0x")
			p.xpad(uint64(ec), 4)
			p.s("), Flags [")
			switch {
			case ec&0xc000 == 0xc000:
				p.s("vendor-specific, non-transitive")
			case ec&0x8000 != 0:
				p.s("vendor-specific")
			case ec&0x4000 != 0:
				p.s("non-transitive")
			default:
				p.s("none")
			}
			p.s("]")
			if !p.ttest(tp, 8) || tlen < 8 {
				return false
			}
			p.s(": ")
			p.bgpExtCommunity(tp)
			tlen -= 8
			tp += 8
		}
	case 22:
		if !p.ttest(tp, 5) || tlen < 5 {
			return false
		}
		flags, tt := p.pkt[tp], p.pkt[tp+1]
		p.s("\n\t    Tunnel-type ")
		if int(tt) < len(bgpPMSITunnels) && bgpPMSITunnels[tt] != "" {
			p.s(bgpPMSITunnels[tt])
		} else {
			p.s("Unknown")
		}
		p.s(" (")
		p.u(uint64(tt))
		p.s("), Flags [")
		if flags&1 != 0 {
			p.s("Leaf Information required")
		} else {
			p.s("none")
		}
		p.s("], MPLS Label ")
		p.u(uint64(p.be24(tp+2) >> 4))
		tp += 5
		tlen -= 5
		switch tt {
		case 4, 5, 3:
			p.check(tp, 8)
			if tt == 3 {
				p.s("\n\t      Root-Node ")
			} else {
				p.s("\n\t      Sender ")
			}
			p.ip4(tp)
			p.s(", P-Group ")
			p.ip4(tp + 4)
		case 6:
			p.check(tp, 4)
			p.s("\n\t      Tunnel-Endpoint ")
			p.ip4(tp)
		case 2, 7, 1:
			p.check(tp, 8)
			if tt == 1 {
				p.s("\n\t      Extended-Tunnel-ID ")
			} else {
				p.s("\n\t      Root-Node ")
			}
			p.ip4(tp)
			if tt == 1 {
				p.s(", P2MP-ID 0x")
			} else {
				p.s(", LSP-ID 0x")
			}
			p.xpad(uint64(p.be32(tp+4)), 8)
		default:
			if p.o.Verbose <= 1 {
				p.unknownData(tp, "\n\t      ", tlen)
			}
		}
	case 26:
		for tlen >= 3 {
			typ := p.u8(tp)
			l := int(p.be16(tp + 1))
			tp += 3
			tlen -= 3
			p.s("\n\t    ")
			if typ == 1 {
				p.s("AIGP")
			} else {
				p.s("Unknown")
			}
			p.s(" TLV (")
			p.u(uint64(typ))
			p.s("), length ")
			p.u(uint64(l))
			if l < 3 {
				return false
			}
			l -= 3
			if tlen < l {
				return false
			}
			if typ == 1 {
				if l < 8 {
					return false
				}
				v := p.be64(tp)
				p.s(", metric ")
				p.u(v)
			} else if p.o.Verbose <= 1 {
				p.unknownData(tp, "\n\t      ", l)
			}
			tp += l
			tlen -= l
		}
	case 128:
		if !p.ttest(tp, 4) || ln < 4 {
			return false
		}
		p.s("\n\t    Origin AS: ")
		p.bgpAS(p.be32(tp))
		tp += 4
		ln -= 4
		for ln != 0 {
			if !p.ttest(tp, 2) {
				return false
			}
			if ln < 2 {
				p.s(" [path attr too short]")
				break
			}
			aflags, at := p.pkt[tp], p.pkt[tp+1]
			tp += 2
			ln -= 2
			ll := 1
			if aflags&0x10 != 0 {
				ll = 2
			}
			if !p.ttest(tp, ll) {
				return false
			}
			if ln < ll {
				p.s(" [path attr too short]")
				break
			}
			al := int(p.pkt[tp])
			if ll == 2 {
				al = int(p.be16(tp))
			}
			tp += ll
			ln -= ll
			p.bgpAttrHeader("\n\t      ", aflags, at, al)
			if aflags != 0 {
				p.s("]")
			}
			p.s(": ")
			if ln < al {
				p.s(" [path attr too short]")
				break
			}
			if level == 10 {
				p.s("(too many nested levels, not recursing)")
			} else if !p.bgpAttr(at, tp, al, level+1) {
				return false
			}
			tp += al
			ln -= al
		}
	case 32:
		if ln == 0 || ln%12 != 0 {
			invalid()
			break
		}
		p.s("\n\t    ")
		for ln != 0 {
			a, b, c := p.be32(tp), p.be32(tp+4), p.be32(tp+8)
			p.u(uint64(a))
			p.c(':')
			p.u(uint64(b))
			p.c(':')
			p.u(uint64(c))
			if ln > 12 {
				p.s(", ")
			}
			tp += 12
			ln -= 12
		}
	default:
		if !p.ttest(pp, ln) {
			return false
		}
		p.s("\n\t    no Attribute ")
		p.u(uint64(atype))
		p.s(" decoder")
		if p.o.Verbose <= 1 {
			p.unknownData(pp, "\n\t    ", ln)
		}
	}
	if p.o.Verbose > 1 && ln != 0 {
		if !p.ttest(pp, ln) {
			return false
		}
		p.unknownData(pp, "\n\t    ", ln)
	}
	return true
}

// bgpNLRIs prints the NLRI of an MP_REACH or MP_UNREACH attribute (at pp,
// ln bytes) from tp on.
func (p *Printer) bgpNLRIs(af uint16, safi uint8, pp, tp, ln int) bool {
	ap4 := p.bgpCheckAddPath(tp, ln-(tp-pp), 32)
	ap6 := p.bgpCheckAddPath(tp, ln-(tp-pp), 128)
	for tp < pp+ln {
		adv := p.bgpNLRI(af, safi, tp, ln, ap4, ap6)
		if adv == -2 {
			return false
		}
		if adv < 0 {
			break
		}
		if adv == 0 {
			break
		}
		tp += adv
	}
	return true
}

func (p *Printer) bgpExtCommunity(pp int) {
	switch p.be16(pp) {
	case 0x0002, 0x0003, 0x000a:
		a, b := p.be16(pp+2), p.be32(pp+4)
		p.u(uint64(a))
		p.c(':')
		p.u(uint64(b))
		p.s(" (= ")
		p.ip4(pp + 4)
		p.c(')')
	case 0x0102, 0x0103, 0xf10a, 0x010b:
		p.ip4(pp + 2)
		p.c(':')
		p.u(uint64(p.be16(pp + 6)))
	case 0x0202, 0x0203:
		as, n := p.be32(pp+2), p.be16(pp+6)
		p.bgpAS(as)
		p.c(':')
		p.u(uint64(n))
	case 0x4004:
		f := math.Float32frombits(p.be32(pp + 4))
		v := f * 8 / 1000000
		p.s("bandwidth: ")
		p.buf = strconv.AppendFloat(p.buf, float64(v), 'f', 3, 64)
		p.s(" Mbps")
	case 0x0005, 0x0105, 0x0205, 0x8005, 0x0107, 0x8001:
		p.ip4(pp + 2)
	case 0x0306, 0x8000:
		p.check(pp, 8)
		p.s("area:")
		p.ip4(pp + 2)
		p.s(", router-type:")
		rt := p.pkt[pp+6]
		if n, ok := bgpOSPFRouteTypes[rt]; ok {
			p.s(n)
		} else {
			p.s("unknown (0x")
			p.hex2(rt)
			p.s(")")
		}
		p.s(", metric-type:")
		if p.pkt[pp+7]&1 != 0 {
			p.s("E2")
		}
		if rt == 5 || rt == 7 {
			p.s("E1")
		}
	case 0x800a:
		p.check(pp, 6)
		p.s(tok8(l2vpnEncaps, p.pkt[pp+2], "unknown encaps"))
		p.s(" Control Flags [0x")
		p.hex2(p.pkt[pp+3])
		p.s("]:MTU ")
		p.u(uint64(p.be16(pp + 4)))
	case 0x0009:
		p.s("AS ")
		p.u(uint64(p.be16(pp + 2)))
	case 0x030c:
		t := p.be16(pp + 6)
		p.s("Tunnel type: ")
		if int(t) < len(bgpEncapTunnels) && bgpEncapTunnels[t] != "" {
			p.s(bgpEncapTunnels[t])
		} else {
			p.s("unknown encaps")
		}
	default:
		p.check(pp, 8)
		for i := 2; i < 8; i++ {
			p.hex2(p.pkt[pp+i])
		}
	}
}

func (p *Printer) bgpUpdate(dat, length int) {
	var addr [16]byte
	pp := dat + 19
	length -= 19
	if !p.localCheck(pp, 2) {
		return
	}
	if length < 2 {
		p.trunc()
		return
	}
	wlen := int(p.be16(pp))
	pp += 2
	length -= 2
	if wlen > 1 {
		if !p.localCheck(pp, wlen) {
			return
		}
		if length < wlen {
			p.trunc()
			return
		}
		p.s("\n\t  Withdrawn routes:")
		ap := p.bgpCheckAddPath(pp, wlen, 32)
		for wlen != 0 {
			var pathID uint32
			if ap {
				if wlen < 4 {
					pp += wlen
					length -= wlen
					break
				}
				pathID = p.be32(pp)
				pp += 4
				length -= 4
				wlen -= 4
			}
			n, plen := p.bgpPrefix(pp, wlen, 4, &addr)
			if n == -1 {
				p.s("\n\t    (illegal prefix length)")
				break
			} else if n == -2 {
				p.trunc()
				return
			}
			p.s("\n\t    ")
			p.bgpPrintPrefix(&addr, 4, plen)
			if ap {
				p.s("   Path Id: ")
				p.u(uint64(pathID))
			}
			pp += n
			length -= n
			wlen -= n
		}
	} else {
		if !p.localCheck(pp, wlen) {
			return
		}
		if length < wlen {
			p.trunc()
			return
		}
		pp += wlen
		length -= wlen
	}
	if !p.localCheck(pp, 2) {
		return
	}
	if length < 2 {
		p.trunc()
		return
	}
	alen := int(p.be16(pp))
	pp += 2
	length -= 2
	if wlen == 0 && alen == 0 && length == 0 {
		p.s("\n\t  End-of-Rib Marker (empty NLRI)")
		return
	}
	if alen != 0 {
		if length < alen {
			p.trunc()
			return
		}
		for alen != 0 {
			if !p.localCheck(pp, 2) {
				return
			}
			if length < 2 {
				p.trunc()
				return
			}
			if alen < 2 {
				p.s("\n\t  [path attrs too short]")
				pp += alen
				length -= alen
				break
			}
			aflags, atype := p.pkt[pp], p.pkt[pp+1]
			pp += 2
			alen -= 2
			length -= 2
			ll := 1
			if aflags&0x10 != 0 {
				ll = 2
			}
			if !p.localCheck(pp, ll) {
				return
			}
			if length < ll {
				p.trunc()
				return
			}
			if alen < ll {
				p.s("\n\t  [path attrs too short]")
				pp += alen
				length -= alen
				break
			}
			al := int(p.pkt[pp])
			if ll == 2 {
				al = int(p.be16(pp))
			}
			pp += ll
			alen -= ll
			length -= ll
			p.bgpAttrHeader("\n\t  ", aflags, atype, al)
			if aflags != 0 {
				p.s("]: ")
			}
			if alen < al {
				p.s(" [path attrs too short]")
				pp += alen
				length -= alen
				break
			}
			if length < al {
				p.trunc()
				return
			}
			if !p.bgpAttr(atype, pp, al, 0) {
				p.trunc()
				return
			}
			pp += al
			alen -= al
			length -= al
		}
	}
	if length != 0 {
		ap := p.bgpCheckAddPath(pp, length, 32)
		p.s("\n\t  Updated routes:")
		for length != 0 {
			var pathID uint32
			if ap {
				if !p.localCheck(pp, 4) {
					return
				}
				if length < 4 {
					p.trunc()
					return
				}
				pathID = p.be32(pp)
				pp += 4
				length -= 4
			}
			n, plen := p.bgpPrefix(pp, length, 4, &addr)
			if n == -1 {
				p.s("\n\t    (illegal prefix length)")
				break
			} else if n == -2 {
				p.trunc()
				return
			}
			p.s("\n\t    ")
			p.bgpPrintPrefix(&addr, 4, plen)
			if ap {
				p.s("   Path Id: ")
				p.u(uint64(pathID))
			}
			pp += n
			length -= n
		}
	}
}

func (p *Printer) bgpNotification(dat, length int) {
	if !p.localCheck(dat, 21) {
		return
	}
	if length < 21 {
		return
	}
	major, minor := p.pkt[dat+19], p.pkt[dat+20]
	p.s(", ")
	if int(major) < len(bgpNotifyMajor) && bgpNotifyMajor[major] != "" {
		p.s(bgpNotifyMajor[major])
	} else {
		p.s("Unknown Error")
	}
	p.s(" (")
	p.u(uint64(major))
	p.s(")")
	sub := func(sep string, m map[uint8]string) {
		p.s(sep)
		p.s("subcode ")
		p.s(tok8(m, minor, "Unknown"))
		p.s(" (")
		p.u(uint64(minor))
		p.s(")")
	}
	switch major {
	case 1:
		sub(", ", bgpMinorMsg)
	case 2:
		sub(", ", bgpMinorOpen)
	case 3:
		sub(", ", bgpMinorUpdate)
	case 5:
		sub(" ", bgpMinorFSM)
	case 7:
		sub(" ", bgpMinorCap)
	case 6:
		sub(", ", bgpMinorCease)
		tp := dat + 21
		if minor == 1 && length >= 28 {
			af, safi, mx := p.be16(tp), p.u8(tp+2), p.be32(tp+3)
			p.s(", AFI ")
			p.afName(af, "Unknown")
			p.s(" (")
			p.u(uint64(af))
			p.s("), SAFI ")
			p.safiName(safi, "Unknown")
			p.s(" (")
			p.u(uint64(safi))
			p.s("), Max Prefixes: ")
			p.u(uint64(mx))
		}
		if (minor == 2 || minor == 4) && length >= 22 {
			cl := int(p.u8(tp))
			rem := 0
			switch {
			case cl > length-22:
				p.s(", invalid Shutdown Communication length")
			case cl == 0:
				p.s(", empty Shutdown Communication")
				rem++
			default:
				p.s(", Shutdown Communication (length: ")
				p.u(uint64(cl))
				p.s("): \"")
				p.nprintn(tp+1, cl)
				p.s("\"")
				rem += cl + 1
			}
			if n := length - (rem + 21); n > 0 {
				p.s(", Data: (length: ")
				p.u(uint64(n))
				p.s(")")
				p.check(tp+rem, n)
				p.hexOnly("\n\t\t", p.pkt[tp+rem:tp+rem+n])
			}
		}
	}
}

func (p *Printer) bgpRouteRefresh(pp, length int) {
	if !p.localCheck(pp, 23) {
		return
	}
	if length < 23 {
		return
	}
	p.s("\n\t  ")
	p.bgpAFISAFI(pp+19, pp+22)
	if p.o.Verbose > 1 {
		if !p.localCheck(pp, length) {
			return
		}
		p.unknownData(pp, "\n\t  ", length)
	}
}
