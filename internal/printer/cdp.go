// Cisco Discovery Protocol, as tcpdump 4.99.3's print-cdp.c prints it.

package printer

// cdpPrint is cdp_print.
func (p *Printer) cdpPrint(off, length int) {
	p.proto = "cdp"
	p.s("CDP, length ")
	p.u(uint64(uint32(length)))
}
