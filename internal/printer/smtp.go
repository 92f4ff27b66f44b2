// SMTP (TCP port 25), as tcpdump 4.99.3's print-smtp.c prints it.

package printer

func init() {
	registerTCP("smtp", func(p *Printer, d portPayload) {
		p.s(": ")
		p.proto = "smtp"
		p.txtProto(d.off, d.length, nil)
	})
}
