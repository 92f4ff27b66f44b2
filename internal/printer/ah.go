// The IPsec Authentication Header, as tcpdump 4.99.3's print-ah.c prints
// it; ip_demux_print then goes on with the protocol the header carries.

package printer

func init() {
	registerIPProto(51, "ah", func(p *Printer, d ipPayload) {
		if !p.ttest(d.off, 1) {
			p.proto = "ah"
			p.trunc()
			return
		}
		nh := p.pkt[d.off]
		adv := p.ahPrint(d.off)
		if adv <= 0 {
			return
		}
		// ip_demux_print's "goto again", with its unsigned length.
		p.ipDemux(d.off+adv, int(uint32(d.length-adv)), d.ver, d.fragmented, nh, d.iph)
	})
}

// ahPrint is ah_print: "AH(...): " with the length (-v), a non-zero
// reserved field, SPI, sequence number and ICV; it returns the header's
// length.
func (p *Printer) ahPrint(bp int) int {
	p.proto = "ah"
	p.s("AH")
	l := int(p.u8(bp + 1))
	hdr := (l + 2) * 4
	p.c('(')
	if p.o.Verbose > 0 {
		p.s("length=")
		p.u(uint64(l))
		p.c('(')
		p.u(uint64(hdr))
		p.s("-bytes),")
	}
	if r := p.be16(bp + 2); r != 0 {
		p.s("reserved=0x")
		p.x(uint64(r))
		p.s("[MustBeZero],")
	}
	// Each of tcpdump's ND_PRINTs reads its fields before it prints.
	spi := p.be32(bp + 4)
	p.s("spi=0x")
	p.xpad(uint64(spi), 8)
	p.c(',')
	seq := p.be32(bp + 8)
	p.s("seq=0x")
	p.x(uint64(seq))
	p.s(",icv=0x")
	for i := bp + 12; i < bp+hdr; i++ {
		p.hex2(p.u8(i))
	}
	p.s("): ")
	return hdr
}
