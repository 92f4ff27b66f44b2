// Package printer prints packets as one-line summaries in the format of
// `tcpdump -n` (tcpdump 4.99.3), or with names as tcpdump without -n when
// Options.Names is set (names.go; SNMP object identifiers from tcpdump's MIB table): Ethernet, 802.1Q, ARP, IPv4, IPv6, TCP,
// UDP, ICMP and ICMPv6, with tcpdump's -e, -q, -v, -x/-xx/-X/-XX/-A/-AA,
// -t..-ttttt, -#, -S options and nanosecond timestamps.
//
// The dissectors follow tcpdump's own printers closely (including its
// handling of truncated packets, " [|proto]"), and a test compares the
// output byte for byte with the tcpdump binary over a corpus of frames.
// Application payloads decoded as tcpdump does: DNS (UDP and TCP port 53,
// mDNS on UDP 5353), NTP (UDP 123), BOOTP/DHCP with every option tcpdump
// knows (UDP 67, 68), the first line of HTTP (TCP 80, 8080),
// RTSP (554, 8554), FTP (21), SMTP (25) and whois (43) (every line with
// -v), and SSH banners (22), with the port chosen in tcpdump's order;
// VXLAN (UDP 4789) and Geneve (6081) with the frame they carry; BGP-4
// (TCP 179, AS numbers in asdot with Options.ASDot, tcpdump's -b), BFD
// (UDP 3784, 4784, 6784, 3785), DHCPv6 (546, 547), ISAKMP/IKEv1/IKEv2
// (500, 4500 with the non-ESP marker, 7500, 8500), SNMP v1/v2c/v3 (161,
// 162; object identifiers named as tcpdump without libsmi does), syslog (514),
// RADIUS with EAP inside (1645, 1646, 1700, 1812, 1813, 3799), TFTP
// (69), RIP (520), RIPng (521), L2TP (1701; in data messages only the
// PPP frames that carry IPv4 or IPv6 are decoded further), sFlow v5
// (6343), Babel (6696, 6697), OpenFlow 1.0 and 1.3 (TCP 6653, 6633; the
// frames of packet-in and packet-out decoded with -vvv) and NFS v2/v3
// over Sun RPC (UDP and TCP 2049; a reply's results decoded when its
// call was seen, as tcpdump does).
// IPv6 extension headers are printed as tcpdump does (hop-by-hop and
// destination options with jumbo payload, router alert and home address,
// routing types 0, 2 and 4, fragments, mobility messages), and ICMPv6
// neighbor discovery (router solicitation and advertisement, neighbor
// solicitation and advertisement, redirect, with all their options), MLDv1
// and MLDv2 queries and reports, home agent discovery and mobile prefix
// messages, router renumbering, node information queries and replies and
// RPL (DIS, DIO, DAO, DAO-ACK). ICMP router advertisements and timestamps,
// the IPv4 options (timestamps, record and source routes, router alert,
// ...), ARP with ATM (ATMARP) and Frame Relay hardware, and the TCP
// options tcpdump decodes (MPTCP v0 and v1, TFO, TCP-AO, MD5, SCPS, ...)
// are printed as tcpdump prints them.
// IP protocols decoded: SCTP (addresses, ports and every chunk), GRE
// (v0 with the frame it carries, v1/PPTP), AH, ESP, IGMP v1-v3 (with the
// PIMv1 messages it carries), PIMv2, VRRP, OSPFv2, OSPFv3 and EIGRP;
// Cisco Auto-RP on UDP 496. CARP shares IP protocol 112 with VRRP and is
// printed instead of VRRP when Options.CARP is set (tcpdump's -T carp).
// The -v and -vv checksum verdicts follow tcpdump's (not for fragments or
// datagrams not captured whole).
// Layer 2: 802.3 frames with 802.2 LLC and SNAP (llc.go), spanning tree
// BPDUs (stp.go), CDP, LLDP with its organisation-specific TLVs, LACP,
// marker and OAM (slow.go), IS-IS, CLNP and ES-IS (isoclns.go), MPLS
// label stacks, PPPoE discovery and session with PPP's control protocols
// (pppoe.go, ppp.go) and MACsec; l2util.go holds what they share.
// Protocols tcpdump decodes that this package does not (application
// protocols on other well-known UDP/TCP ports, IPX, ...) get a truthful generic line instead (e.g. "UDP, length 40");
// UDPPortDecoded and TCPPortsDecoded say which ports those are.
//
// The files follow tcpdump's own split: one file per print-*.c (ether.go
// for print-ether.c, icmp6.go for print-icmp6.c, ...), each opening with
// the tcpdump source it follows, and bounds.go (the ND_TCHECK and GET_
// machinery), addrtoname.go, ascii.go (the dumps), cksum.go and util.go
// for what print.c, netdissect.c and util-print.c share. The dispatch on
// Ethertypes, IP protocols and UDP/TCP ports is done by tables that each
// printer's file fills in from its init function with one line:
//
//	func init() { registerEtherType(0x88cc, "lldp", lldpPrint) }
//	func init() { registerIPProto(47, "gre", grePrint) }
//	func init() { registerUDP("snmp", snmpPrint) }
//
// The UDP and TCP chains of port tests (udpRules, tcpRules in udp.go and
// tcp.go) already list every test of tcpdump's udp_print and tcp_print in
// its order; a printer registers for its rule by name.
package printer
