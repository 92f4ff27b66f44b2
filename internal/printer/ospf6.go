// OSPFv3 (RFC 5340), as tcpdump 4.99.3's print-ospf6.c prints it.

package printer

// ospf6Decoded says whether OSPFv3 is decoded as tcpdump does (the
// comparison leaves it out until then).
const ospf6Decoded = false

func (p *Printer) ospf6Print(bp, length int) {
	p.proto = "ospf3"
	p.s("OSPFv3, length ")
	p.u(uint64(uint32(length)))
}
