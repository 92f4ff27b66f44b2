// EIGRP (Cisco's Enhanced Interior Gateway Routing Protocol, RFC 7868),
// as tcpdump 4.99.3's print-eigrp.c prints it: the opcode, and with -v
// the header and every TLV (parameters, software version, IPv4 and
// AppleTalk routes; the others dumped in hex).

package printer

func init() {
	registerIPProto(88, "eigrp", func(p *Printer, d ipPayload) { p.eigrpPrint(d.off, d.length) })
}

var eigrpOpcodes = map[uint8]string{1: "Update", 3: "Query", 4: "Reply", 5: "Hello", 6: "IPX SAP", 7: "Probe"}

var eigrpTLVs = map[uint16]string{0x0001: "General Parameters", 0x0002: "Authentication", 0x0003: "Sequence",
	0x0004: "Software Version", 0x0005: "Next Multicast Sequence", 0x0102: "IP Internal routes",
	0x0103: "IP External routes", 0x0202: "AppleTalk Internal routes", 0x0203: "AppleTalk External routes",
	0x0204: "AppleTalk Cable setup", 0x0302: "IPX Internal routes", 0x0303: "IPX External routes"}

var eigrpExtProtos = map[uint8]string{1: "IGRP", 2: "EIGRP", 3: "Static", 4: "RIP", 5: "Hello", 6: "OSPF",
	7: "IS-IS", 8: "EGP", 9: "BGP", 10: "IDRP", 11: "Connected"}

var eigrpFlags = [...]struct {
	bit  uint32
	name string
}{{0x01, "Init"}, {0x02, "Conditionally Received"}, {0x04, "Restart"}, {0x08, "End-of-Table"}}

func (p *Printer) eigrpOpcode(op uint8, unknown string) {
	if n, ok := eigrpOpcodes[op]; ok {
		p.s(n)
		return
	}
	p.s(unknown)
	p.u(uint64(op))
	if unknown == "unknown (" {
		p.c(')')
	}
}

func (p *Printer) eigrpPrint(bp, length int) {
	p.proto = "eigrp"
	l := uint32(length)
	if !p.ttest(bp, 20) {
		p.trunc()
		return
	}
	version, op := p.pkt[bp], p.pkt[bp+1]
	if version != 2 {
		p.s("EIGRP version ")
		p.u(uint64(version))
		p.s(" packet not supported")
		return
	}
	if p.o.Verbose < 1 {
		p.s("EIGRP ")
		p.eigrpOpcode(op, "unknown (")
		p.s(", length: ")
		p.u(uint64(l))
		return
	}
	if l < 20 {
		p.s("EIGRP ")
		p.eigrpOpcode(op, "unknown (")
		p.s(", length: ")
		p.u(uint64(l))
		p.s(" (too short, < 20)")
		return
	}
	tlen := l - 20
	p.s("\n\tEIGRP v")
	p.u(uint64(version))
	p.s(", opcode: ")
	p.eigrpOpcode(op, "unknown, type: ")
	p.s(" (")
	p.u(uint64(op))
	p.s("), chksum: 0x")
	p.xpad(uint64(p.be16(bp+2)), 4)
	p.s(", Flags: [")
	fl := p.be32(bp + 4)
	sep := ""
	for _, f := range eigrpFlags {
		if fl&f.bit != 0 {
			p.s(sep)
			p.s(f.name)
			sep = ", "
		}
	}
	if sep == "" {
		p.s("none")
	}
	p.s("]\n\tseq: 0x")
	p.xpad(uint64(p.be32(bp+8)), 8)
	p.s(", ack: 0x")
	p.xpad(uint64(p.be32(bp+12)), 8)
	p.s(", VRID: ")
	p.u(uint64(p.be16(bp + 16)))
	p.s(", AS: ")
	p.u(uint64(p.be16(bp + 18)))
	p.s(", length: ")
	p.u(uint64(tlen))
	tp := bp + 20
	for tlen > 0 {
		if !p.ttest(tp, 4) {
			p.trunc()
			return
		}
		typ := p.be16(tp)
		tl := uint32(p.be16(tp + 2))
		if tl < 4 || tl > tlen {
			p.unknownData(tp+4, "\n\t    ", int(tlen))
			return
		}
		p.s("\n\t  ")
		if n, ok := eigrpTLVs[typ]; ok {
			p.s(n)
		} else {
			p.s("Unknown")
		}
		p.s(" TLV (0x")
		p.xpad(uint64(typ), 4)
		p.s("), length: ")
		p.u(uint64(tl))
		v := tp + 4
		vl := tl - 4
		if !p.ttest(tp, int(tl)) {
			p.trunc()
			return
		}
		short := func(n uint32) bool {
			if vl < n {
				p.s(" (too short, < ")
				p.u(uint64(4 + n))
				p.s(")")
				return true
			}
			return false
		}
		switch typ {
		case 0x0001:
			if short(8) {
				break
			}
			p.s("\n\t    holdtime: ")
			p.u(uint64(p.be16(v + 6)))
			p.s("s, k1 ")
			p.u(uint64(p.pkt[v]))
			p.s(", k2 ")
			p.u(uint64(p.pkt[v+1]))
			p.s(", k3 ")
			p.u(uint64(p.pkt[v+2]))
			p.s(", k4 ")
			p.u(uint64(p.pkt[v+3]))
			p.s(", k5 ")
			p.u(uint64(p.pkt[v+4]))
		case 0x0004:
			if short(4) {
				break
			}
			p.s("\n\t    IOS version: ")
			p.u(uint64(p.pkt[v]))
			p.c('.')
			p.u(uint64(p.pkt[v+1]))
			p.s(", EIGRP version ")
			p.u(uint64(p.pkt[v+2]))
			p.c('.')
			p.u(uint64(p.pkt[v+3]))
		case 0x0102, 0x0103:
			ext := typ == 0x0103
			min, m := uint32(22), v // the metric follows m's 4 bytes
			if ext {
				min, m = 42, v+20
			}
			if short(min) {
				break
			}
			plen := p.pkt[m+20]
			if plen > 32 {
				p.s("\n\t    illegal prefix length ")
				p.u(uint64(plen))
				break
			}
			var prefix [4]byte
			n := (int(plen) + 7) / 8
			p.check(m+21, n)
			copy(prefix[:], p.pkt[m+21:m+21+n])
			p.s("\n\t    IPv4 prefix: ")
			p.ip4Width(prefix[:], 15)
			p.c('/')
			p.u(uint64(plen))
			p.s(", nexthop: ")
			if p.be32(v) == 0 {
				p.s("self")
			} else {
				p.ip4(v)
			}
			if ext {
				p.s("\n\t      origin-router ")
				p.ip4(v + 4)
				p.s(", origin-as ")
				p.u(uint64(p.be32(v + 8)))
				p.s(", origin-proto ")
				if n, ok := eigrpExtProtos[p.pkt[v+22]]; ok {
					p.s(n)
				} else {
					p.s("unknown")
				}
				p.s(", flags [0x")
				p.hex2(p.pkt[v+23])
				p.s("], tag 0x")
				p.xpad(uint64(p.be32(v+12)), 8)
				p.s(", metric ")
				p.u(uint64(p.be32(v + 16)))
			}
			p.eigrpMetric(m + 4)
		case 0x0204:
			if short(8) {
				break
			}
			p.s("\n\t    Cable-range: ")
			p.u(uint64(p.be16(v)))
			p.c('-')
			p.u(uint64(p.be16(v + 2)))
			p.s(", Router-ID ")
			p.u(uint64(p.be32(v + 4)))
		case 0x0202, 0x0203:
			ext := typ == 0x0203
			min, m, cable := uint32(24), v, v+20
			if ext {
				min, m, cable = 40, v+16, v+36
			}
			if short(min) {
				break
			}
			p.s("\n\t     Cable-Range: ")
			p.u(uint64(p.be16(cable)))
			p.c('-')
			p.u(uint64(p.be16(cable + 2)))
			p.s(", nexthop: ")
			if p.be32(v) == 0 {
				p.s("self")
			} else {
				p.u(uint64(p.be16(v)))
				p.c('.')
				p.u(uint64(p.be16(v + 2)))
			}
			if ext {
				p.s("\n\t      origin-router ")
				p.u(uint64(p.be32(v + 4)))
				p.s(", origin-as ")
				p.u(uint64(p.be32(v + 8)))
				p.s(", origin-proto ")
				if n, ok := eigrpExtProtos[p.pkt[v+16]]; ok {
					p.s(n)
				} else {
					p.s("unknown")
				}
				p.s(", flags [0x")
				p.hex2(p.pkt[v+17])
				p.s("], tag 0x")
				p.xpad(uint64(p.be32(v+12)), 8)
				p.s(", metric ")
				p.u(uint64(p.be16(v + 18)))
			}
			p.eigrpMetric(m + 4)
		default:
			if p.o.Verbose <= 1 {
				p.unknownData(v, "\n\t    ", int(vl))
			}
		}
		if p.o.Verbose > 1 {
			p.unknownData(v, "\n\t    ", int(tl-4))
		}
		tp += int(tl)
		tlen -= tl
	}
}

// eigrpMetric prints the delay, bandwidth, MTU, hop count, reliability
// and load of a route TLV, at m.
func (p *Printer) eigrpMetric(m int) {
	p.s("\n\t      delay ")
	p.u(uint64(p.be32(m) / 100))
	p.s(" ms, bandwidth ")
	p.u(uint64(p.be32(m + 4)))
	p.s(" Kbps, mtu ")
	p.u(uint64(p.be32(m+8) >> 8))
	p.s(", hop ")
	p.u(uint64(p.pkt[m+11]))
	p.s(", reliability ")
	p.u(uint64(p.pkt[m+12]))
	p.s(", load ")
	p.u(uint64(p.pkt[m+13]))
}
