// whois (TCP port 43), as tcpdump 4.99.3's print-whois.c prints it.

package printer

func init() {
	registerTCP("whois", func(p *Printer, d portPayload) {
		p.s(": ")
		p.proto = "whois"
		p.txtProto(d.off, d.length, nil)
	})
}
