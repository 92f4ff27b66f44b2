// IPv6 fragment headers, as tcpdump 4.99.3's print-frag6.c prints them.

package printer

// frag6 is frag6_print: the fragment header at bp of the IPv6 datagram
// at ip6. It returns the header's length, or -1 after a fragment other
// than the first (there is nothing more to print).
func (p *Printer) frag6(bp, ip6 int) int {
	p.proto = "frag6"
	if p.o.Verbose > 0 {
		p.check(bp, 8)
	}
	offlg := p.be16(bp + 2)
	rest := 40 + uint64(p.be16(ip6+4)) - uint64(bp-ip6) - 8
	if p.o.Verbose > 0 {
		p.s("frag (0x")
		p.xpad(uint64(p.be32(bp+4)), 8)
		p.s(":")
	} else {
		p.s("frag (")
	}
	p.u(uint64(offlg & 0xfff8))
	p.s("|")
	p.u(rest)
	p.s(")")
	if offlg&0xfff8 != 0 {
		return -1
	}
	p.s(" ")
	return 8
}
