// The dispatch on the IP protocol (next header) number, as tcpdump
// 4.99.3's print-ip-demux.c (ip_demux_print) does it for IPv4 and IPv6
// payloads. Each protocol printer registers itself for its number in its
// own file (registerIPProto); a number without a printer gets tcpdump's
// " ip-proto-N LENGTH".

package printer

import "fmt"

// ipPayload is what ip_demux_print hands a protocol printer.
type ipPayload struct {
	off        int   // the protocol's header
	length     int   // bytes from off to the end of the IP payload
	iph        int   // the IPv4 or IPv6 header
	ver        int   // 4 or 6
	fragmented bool  // a first fragment (more follow)
	ttl        uint8 // the TTL or hop limit (tcpdump's ttl_hl)
}

// ipProtoPrinter prints the payload of one IP protocol.
type ipProtoPrinter func(p *Printer, d ipPayload)

type ipProtoEntry struct {
	name string // tcpdump's ndo_protocol for the printer
	f    ipProtoPrinter
}

// ipProtos holds the registered printers by protocol number.
var ipProtos [256]ipProtoEntry

// registerIPProto makes f, called name, the printer of protocol nh.
func registerIPProto(nh uint8, name string, f ipProtoPrinter) {
	if ipProtos[nh].f != nil {
		panic(fmt.Sprintf("printer: IP protocol %d registered twice", nh))
	}
	ipProtos[nh] = ipProtoEntry{name, f}
}

// ipDemux is ip_demux_print: the payload of length bytes at off, of
// protocol nh, carried by the IPv4 or IPv6 (ver) header at iph.
func (p *Printer) ipDemux(off, length int, ver int, fragmented bool, nh uint8, iph int) {
	if f := ipProtos[nh].f; f != nil {
		ttl := p.pkt[iph+8]
		if ver == 6 {
			ttl = p.pkt[iph+7]
		}
		f(p, ipPayload{off: off, length: length, iph: iph, ver: ver, fragmented: fragmented, ttl: ttl})
		return
	}
	p.s(" ")
	p.ipProtoNumber("ip-proto-", nh)
	p.s(" ")
	p.u(uint64(length))
}

// wrongIPVersion is ip_demux_print's complaint about a protocol carried
// over the other IP version ("[ICMP requires IPv4]").
func (p *Printer) wrongIPVersion(nh uint8, ver int) {
	p.s("[")
	p.protoName(nh)
	p.s(" requires IPv")
	p.u(uint64(ver))
	p.s("]")
	p.invalid()
}

func init() {
	registerIPProto(59, "ip6", func(p *Printer, d ipPayload) { p.s("no next header") })
	registerIPProto(77, "ip", func(p *Printer, d ipPayload) {
		p.s(" nd ")
		p.u(uint64(d.length))
	})
}
