// Syslog (UDP port 514), as tcpdump 4.99.3's print-syslog.c prints it
// (syslog_print: the <PRI> facility and severity, the message with -v and
// a hex dump of the datagram with -vv).

package printer

func init() {
	registerUDP("syslog", func(p *Printer, d portPayload) { p.syslogPrint(d.off, d.length) })
}

var syslogSeverities = [8]string{"emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"}

var syslogFacilities = [24]string{"kernel", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
	"uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "cron", "local0", "local1",
	"local2", "local3", "local4", "local5", "local6", "local7"}

// nprintn is nd_printn without an end pointer: n characters, abandoning
// the packet where the capture ends.
func (p *Printer) nprintn(off, n int) {
	for ; n > 0; n-- {
		p.fnPrintChar(p.u8(off))
		off++
	}
}

func (p *Printer) syslogFacility(f uint16) {
	if int(f) < len(syslogFacilities) {
		p.s(syslogFacilities[f])
		return
	}
	p.s("unknown (")
	p.u(uint64(f))
	p.s(")")
}

func (p *Printer) syslogPrint(bp, length int) {
	p.proto = "syslog"
	if p.u8(bp) != '<' {
		p.invalid()
		return
	}
	off := 1
	pri := uint16(0)
	for off <= 3 {
		c := p.u8(bp + off)
		if c < '0' || c > '9' {
			break
		}
		pri = pri*10 + uint16(c-'0')
		off++
	}
	if p.u8(bp+off) != '>' {
		p.invalid()
		return
	}
	off++
	fac := (pri & 0x3f8) >> 3
	sev := pri & 7
	if p.o.Verbose < 1 {
		p.s("SYSLOG ")
		p.syslogFacility(fac)
		p.c('.')
		p.s(syslogSeverities[sev])
		p.s(", length: ")
		p.u(uint64(uint32(length)))
		return
	}
	p.s("SYSLOG, length: ")
	p.u(uint64(uint32(length)))
	p.s("\n\tFacility ")
	p.syslogFacility(fac)
	p.s(" (")
	p.u(uint64(fac))
	p.s("), Severity ")
	p.s(syslogSeverities[sev])
	p.s(" (")
	p.u(uint64(sev))
	p.s(")\n\tMsg: ")
	if length > off {
		p.nprintn(bp+off, length-off)
	}
	if p.o.Verbose > 1 {
		p.unknownData(bp, "\n\t", length)
	}
}
