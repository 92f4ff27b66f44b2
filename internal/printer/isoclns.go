// OSI network layer (CLNP, ES-IS, IS-IS), as tcpdump 4.99.3's
// print-isoclns.c prints it.

package printer

// isoclnsPrint is isoclns_print.
func (p *Printer) isoclnsPrint(off, length int) {
	p.proto = "isoclns"
	p.s("OSI, length ")
	p.u(uint64(uint32(length)))
}
