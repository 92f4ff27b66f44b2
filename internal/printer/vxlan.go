// VXLAN (UDP port 4789), as tcpdump 4.99.3's print-vxlan.c prints it: the
// header, then the Ethernet frame it carries with the outer frame's
// printers.

package printer

func init() {
	registerUDP("vxlan", func(p *Printer, d portPayload) { p.vxlanPrint(d.off, d.length) })
}

func (p *Printer) vxlanPrint(bp, length int) {
	p.proto = "vxlan"
	p.s("VXLAN")
	if length < 8 {
		p.invalid()
		return
	}
	flags := p.u8(bp)
	p.s(", flags [")
	if flags&0x08 != 0 {
		p.s("I")
	} else {
		p.s("invalid")
	}
	p.s("] (0x")
	p.hex2(flags)
	p.s("), ")
	p.check(bp+4, 3)
	p.s("vni ")
	p.u(uint64(p.be32(bp+3) & 0xffffff))
	p.s("\n")
	p.check(bp+7, 1)
	p.etherPrint(bp+8, length-8, p.snapend-(bp+8))
}
