// The link layer a packet starts with, as tcpdump 4.99.3's print.c picks
// the if_printer by the capture's DLT (Ethernet, Linux cooked v1 and v2,
// BSD NULL/LOOP, raw IP), the options that go with it (-K, -T, interface
// names of cooked captures), and PrintCooked: an Ethernet frame printed as
// tcpdump -i any prints it, with the interface and direction in front.

package printer

import (
	"net"
	"strings"
	"time"
)

// LinkType is the link-layer header of the packets given to Print.
type LinkType uint8

const (
	LinkEthernet LinkType = iota // DLT_EN10MB (the zero value)
	LinkNull                     // DLT_NULL: 4-byte address family, capturing host's byte order
	LinkLoop                     // DLT_LOOP: 4-byte address family, network byte order
	LinkRaw                      // DLT_RAW, DLT_IPV4, DLT_IPV6: the IP header first
	LinkSLL                      // DLT_LINUX_SLL: Linux cooked v1 (16 bytes)
	LinkSLL2                     // DLT_LINUX_SLL2: Linux cooked v2 (20 bytes, tcpdump -i any)
)

// LinkTypeOfDLT returns the LinkType of libpcap's DLT dlt; false if this
// package has no printer for it.
func LinkTypeOfDLT(dlt int) (LinkType, bool) {
	switch dlt {
	case 1:
		return LinkEthernet, true
	case 0:
		return LinkNull, true
	case 108:
		return LinkLoop, true
	case 12, 228, 229:
		return LinkRaw, true
	case 113:
		return LinkSLL, true
	case 276:
		return LinkSLL2, true
	}
	return 0, false
}

// LinkOptions are the options of Options that concern the link layer and
// what tcpdump's -K and -T change.
type LinkOptions struct {
	// LinkType of the packets (LinkEthernet unless reading a file of
	// another type).
	LinkType LinkType
	// NoChecksums is -K: IP, TCP and UDP checksums are not verified.
	NoChecksums bool
	// PacketType is -T: UDP and TCP payloads are printed as this type
	// (lower case, one of PacketTypes) whatever their ports.
	PacketType string
	// IfName names the interface of a cooked v2 header's ifindex; nil
	// asks this network namespace (if_indextoname); "" prints "?".
	IfName func(ifindex int) string
}

// packetTypes are the -T types of tcpdump 4.99.3, in its order, with the
// names of the UDP and TCP port rules (udpRules, tcpRules) whose printers
// tcpdump's udp_print and tcp_print call for them; "" where tcpdump prints
// nothing after the addresses (UDP) or the TCP header. Types without a
// port rule (rpc, rtp, rtcp, cnfp, carp, zmtp1, pgm, pgm_zmtp1) are
// printed by what a printer's file puts into registered.
var packetTypes = []struct{ name, udp, tcp string }{
	{"vat", "vat", ""}, {"wb", "wb", ""}, {"rpc", "", ""}, {"rtp", "", ""}, {"rtcp", "", ""},
	{"snmp", "snmp", ""}, {"cnfp", "", ""}, {"tftp", "tftp", ""}, {"aodv", "aodv", ""},
	{"carp", "", ""}, {"radius", "radius", ""}, {"zmtp1", "", ""}, {"vxlan", "vxlan", ""},
	{"pgm", "", ""}, {"pgm_zmtp1", "", ""}, {"lmp", "lmp", ""}, {"resp", "", "resp"},
	{"ptp", "ptp", ""}, {"someip", "someip", ""}, {"domain", "domain", "domain"},
}

// forcedType is what -T TYPE prints UDP and TCP payloads with (nil:
// nothing).
type forcedType struct{ udp, tcp portPrinter }

// registered holds the -T printers of types without a port rule: a
// printer's file adds its own in its init, e.g.
//
//	registered["rtp"] = forcedType{udp: func(p *Printer, d portPayload) { p.rtpPrint(d.off, d.length) }}
var registered = map[string]forcedType{}

// rulePrinter is the registered printer of the port rule called name.
func rulePrinter(t *portTable, name string) portPrinter {
	for i, r := range t.rules {
		if name != "" && r.name == name {
			return t.printers[i]
		}
	}
	return nil
}

// forcedTypeOf returns the printers of -T name; ok is false for a name
// tcpdump does not know.
func forcedTypeOf(name string) (f forcedType, ok bool) {
	for _, k := range packetTypes {
		if k.name == name {
			if r, ok := registered[name]; ok {
				return r, true
			}
			return forcedType{udp: rulePrinter(udpTable, k.udp), tcp: rulePrinter(tcpTable, k.tcp)}, true
		}
	}
	return f, false
}

// PacketType checks a -T value as tcpdump does (case-insensitive) and
// returns it in lower case. known is false for a name tcpdump does not
// know ("unknown packet type"); decoded is false for one this package has
// no printer for.
func PacketType(name string) (t string, known, decoded bool) {
	t = strings.ToLower(name)
	f, known := forcedTypeOf(t)
	return t, known, f.udp != nil || f.tcp != nil
}

// DecodedPacketTypes lists the -T types this package prints.
func DecodedPacketTypes() []string {
	var out []string
	for _, k := range packetTypes {
		if _, _, ok := PacketType(k.name); ok {
			out = append(out, k.name)
		}
	}
	return out
}

// forcedUDP prints d as -T says, if -T is given: tcpdump's udp_print
// switch on ndo_packettype, whose cases print the addresses and the
// payload (a type without a case prints nothing). It reports whether -T
// was given (the datagram is then done).
func (p *Printer) forcedUDP(d portPayload, v6 bool) bool {
	if p.o.PacketType == "" {
		return false
	}
	if f, _ := forcedTypeOf(p.o.PacketType); f.udp != nil {
		p.udpAddrs(d.iph, v6, int(d.sport), int(d.dport))
		f.udp(p, d)
	}
	return true
}

// forcedTCP is tcp_print's switch on ndo_packettype for the payload.
func (p *Printer) forcedTCP(d portPayload) bool {
	if p.o.PacketType == "" {
		return false
	}
	if f, _ := forcedTypeOf(p.o.PacketType); f.tcp != nil {
		f.tcp(p, d)
	}
	return true
}

// linkLayer is the if_printer of the capture's link type; it returns the
// link-level header length (ndo_ll_hdr_len).
func (p *Printer) linkLayer(origLen, caplen int) int {
	switch p.o.LinkType {
	case LinkNull, LinkLoop:
		return p.nullIf(origLen, caplen)
	case LinkRaw:
		p.rawIf(origLen)
		return 0
	case LinkSLL:
		return p.sllIf(origLen, caplen)
	case LinkSLL2:
		return p.sll2If(origLen, caplen)
	}
	p.proto = "ether"
	return p.ether(0, origLen, caplen)
}

// Packet types of a cooked header (the kernel's PACKET_* values).
const (
	PktHost      = 0 // to us: "In"
	PktBroadcast = 1 // "B"
	PktMulticast = 2 // "M"
	PktOtherHost = 3 // to another host (promiscuous): "P"
	PktOutgoing  = 4 // sent by us: "Out"
)

// Cooked is what tcpdump -i any's cooked v2 header says of a packet that
// xdpdump captured as an Ethernet frame.
type Cooked struct {
	Ifindex  int
	Ifname   string
	PktType  uint8 // PktHost..PktOutgoing
	Loopback bool  // ARPHRD_LOOPBACK rather than ARPHRD_ETHER
}

// PktTypeOf is the packet type the kernel gives a frame that arrived on an
// interface with address local: broadcast, multicast, to us, or to another
// host.
func PktTypeOf(frame []byte, local net.HardwareAddr) uint8 {
	if len(frame) < 6 {
		return PktHost
	}
	dst := frame[:6]
	switch {
	case dst[0]&1 != 0 && string(dst) == "\xff\xff\xff\xff\xff\xff":
		return PktBroadcast
	case dst[0]&1 != 0:
		return PktMulticast
	case len(local) == 6 && string(dst) != string(local):
		return PktOtherHost
	}
	return PktHost
}

// PrintCooked prints an Ethernet frame as tcpdump -i any prints it: the
// Ethernet header becomes the cooked v2 header libpcap makes of it
// (protocol, interface, packet type, the source address), so the line
// starts with the interface name and In/Out/B/M/P, -e adds the cooked
// header's fields and -xx dumps it.
func (p *Printer) PrintCooked(ts time.Time, frame []byte, origLen int, c Cooked) error {
	if len(frame) < 14 {
		return p.Print(ts, frame, origLen)
	}
	b := append(p.ll.cooked[:0], make([]byte, 20)...)
	copy(b[0:2], frame[12:14]) // protocol
	b[4], b[5], b[6], b[7] = byte(c.Ifindex>>24), byte(c.Ifindex>>16), byte(c.Ifindex>>8), byte(c.Ifindex)
	b[9] = 1 // ARPHRD_ETHER
	if c.Loopback {
		b[8], b[9] = 772>>8, 772&0xff
	}
	b[10], b[11] = c.PktType, 6
	copy(b[12:18], frame[6:12])
	b = append(b, frame[14:]...)
	p.ll.cooked = b
	saved := p.o.LinkType
	p.o.LinkType = LinkSLL2
	p.ll.name, p.ll.named = c.Ifname, true
	err := p.Print(ts, b, origLen-14+20)
	p.o.LinkType = saved
	p.ll.named = false
	return err
}

// linkState is the Printer's scratch for PrintCooked.
type linkState struct {
	cooked []byte // the cooked frame being printed
	name   string // its interface name, when named
	named  bool
	names  map[int]string // this namespace's names, looked up once
}

// ifName is if_indextoname as the cooked v2 printer uses it: the name
// PrintCooked was given, Options.IfName, or this namespace's.
func (p *Printer) ifName(ifindex int) string {
	switch {
	case p.ll.named:
		return p.ll.name
	case p.o.IfName != nil:
		return p.o.IfName(ifindex)
	}
	if n, ok := p.ll.names[ifindex]; ok {
		return n
	}
	if p.ll.names == nil {
		p.ll.names = map[int]string{}
	}
	n := ""
	if ifc, err := net.InterfaceByIndex(ifindex); err == nil {
		n = ifc.Name
	}
	p.ll.names[ifindex] = n
	return n
}
