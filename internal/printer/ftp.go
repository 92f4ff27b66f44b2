// FTP (TCP port 21), as tcpdump 4.99.3's print-ftp.c prints it.

package printer

func init() {
	registerTCP("ftp", func(p *Printer, d portPayload) {
		p.s(": ")
		p.proto = "ftp"
		p.txtProto(d.off, d.length, nil)
	})
}
