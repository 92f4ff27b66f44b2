// TFTP (UDP port 69), as tcpdump 4.99.3's print-tftp.c prints it
// (tftp_print: opcode, file name and mode, options, block numbers, error
// codes and messages).

package printer

func init() {
	registerUDP("tftp", func(p *Printer, d portPayload) { p.tftpPrint(d.off, d.length) })
}

var tftpOps = [...]string{1: "RRQ", 2: "WRQ", 3: "DATA", 4: "ACK", 5: "ERROR", 6: "OACK"}

var tftpErrs = [...]string{"EUNDEF", "ENOTFOUND", "EACCESS", "ENOSPACE", "EBADOP", "EBADID", "EEXISTS", "ENOUSER"}

// printztnN is nd_printztn: it prints the NUL-terminated string in the n
// bytes at off and returns the bytes it took (the NUL included), or 0 when
// there is no NUL within n bytes or the capture ends first.
func (p *Printer) printztnN(off, n int) int {
	taken := 0
	for {
		if n == 0 || off >= p.snapend {
			return 0
		}
		c := p.u8(off)
		off++
		taken++
		n--
		if c == 0 {
			return taken
		}
		p.fnPrintChar(c)
	}
}

func (p *Printer) tftpPrint(bp, length int) {
	p.proto = "tftp"
	p.s("TFTP, length ")
	p.u(uint64(uint32(length)))
	if length < 2 {
		p.trunc()
		return
	}
	op := p.be16(bp)
	p.s(", ")
	if int(op) >= len(tftpOps) || tftpOps[op] == "" {
		p.s("tftp-#")
		p.u(uint64(op))
		return
	}
	p.s(tftpOps[op])
	bp += 2
	length -= 2
	opts := func() bool {
		for length != 0 {
			if p.u8(bp) != 0 {
				p.c(' ')
			}
			n := p.printztnN(bp, length)
			if n == 0 {
				return false
			}
			bp += n
			length -= n
		}
		return true
	}
	switch op {
	case 1, 2:
		if length == 0 {
			p.trunc()
			return
		}
		p.s(" \"")
		n := p.printztnN(bp, length)
		p.c('"')
		if n == 0 {
			p.trunc()
			return
		}
		bp += n
		length -= n
		if length == 0 {
			p.trunc()
			return
		}
		p.c(' ')
		if n = p.printztnN(bp, length); n == 0 {
			p.trunc()
			return
		}
		bp += n
		length -= n
		if !opts() {
			p.trunc()
		}
	case 6:
		if !opts() {
			p.trunc()
		}
	case 3, 4:
		if length < 2 {
			p.trunc()
			return
		}
		p.s(" block ")
		p.u(uint64(p.be16(bp)))
	case 5:
		if length < 2 {
			p.trunc()
			return
		}
		code := p.be16(bp)
		p.c(' ')
		if int(code) < len(tftpErrs) {
			p.s(tftpErrs[code])
		} else {
			p.s("tftp-err-#")
			p.u(uint64(code))
			p.s(" \"")
		}
		bp += 2
		length -= 2
		if length == 0 {
			p.trunc()
			return
		}
		p.s(" \"")
		n := p.printztnN(bp, length)
		p.c('"')
		if n == 0 {
			p.trunc()
		}
	}
}
