// The IPsec Encapsulating Security Payload, as tcpdump 4.99.3's
// print-esp.c prints it without secrets (-E): the SPI, the sequence
// number and the length.

package printer

func init() {
	registerIPProto(50, "esp", func(p *Printer, d ipPayload) { p.espPrint(d.off, d.length) })
}

func (p *Printer) espPrint(bp, length int) {
	p.proto = "esp"
	if bp+8 >= p.snapend {
		p.trunc()
		return
	}
	p.s("ESP(spi=0x")
	p.xpad(uint64(p.be32(bp)), 8)
	p.s(",seq=0x")
	p.x(uint64(p.be32(bp + 4)))
	p.s("), length ")
	p.u(uint64(uint32(length)))
}
