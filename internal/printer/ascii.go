// Hex and ASCII dumps, as tcpdump 4.99.3's print-ascii.c makes them
// (hex_and_ascii_print, hex_print, ascii_print for -X, -x and -A), and the
// dumps built on them: ND_DEFAULTPRINT (ndo_default_print in print.c) and
// print_unknown_data (util-print.c).

package printer

func isGraph(b byte) bool { return b > 0x20 && b < 0x7f }

func (p *Printer) hexASCII(ident string, data []byte) {
	oset := 0
	for len(data) > 0 {
		n := len(data)
		if n > 16 {
			n = 16
		}
		line := data[:n]
		data = data[n:]
		p.s(ident)
		p.s("0x")
		p.xpad(uint64(oset), 4)
		p.s(": ")
		start := len(p.buf)
		for i := 0; i+1 < len(line); i += 2 {
			p.c(' ')
			p.hex2(line[i])
			p.hex2(line[i+1])
		}
		if len(line)&1 == 1 {
			p.c(' ')
			p.hex2(line[len(line)-1])
		}
		for len(p.buf)-start < 40 {
			p.c(' ')
		}
		p.s("  ")
		for _, b := range line {
			if isGraph(b) {
				p.c(b)
			} else {
				p.c('.')
			}
		}
		oset += 16
	}
}

func (p *Printer) hexOnly(ident string, data []byte) {
	oset := 0
	i := 0
	for ; i+1 < len(data); i += 2 {
		if i%16 == 0 {
			p.s(ident)
			p.s("0x")
			p.xpad(uint64(oset), 4)
			p.s(": ")
			oset += 16
		}
		p.c(' ')
		p.hex2(data[i])
		p.hex2(data[i+1])
	}
	if len(data)&1 == 1 {
		if i%16 == 0 {
			p.s(ident)
			p.s("0x")
			p.xpad(uint64(oset), 4)
			p.s(": ")
		}
		p.c(' ')
		p.hex2(data[len(data)-1])
	}
}

func (p *Printer) asciiDump(data []byte) {
	p.c('\n')
	for i := 0; i < len(data); i++ {
		s := data[i]
		length := len(data) - i - 1
		if s == '\r' {
			if length > 1 && data[i+1] != '\n' {
				p.c('.')
			}
		} else if !isGraph(s) && s != '\t' && s != ' ' && s != '\n' {
			p.c('.')
		} else {
			p.c(s)
		}
	}
}

// defaultPrint is tcpdump's ND_DEFAULTPRINT: a hex and ASCII dump of the
// rest of the captured data, unless -q/-x/-X suppress it.
func (p *Printer) defaultPrint(off, n int) {
	if p.suppressDefault {
		return
	}
	if off+n > p.snapend {
		n = p.snapend - off
	}
	if n <= 0 {
		return
	}
	p.hexASCII("\n\t", p.pkt[off:off+n])
}

// unknownData is tcpdump's print_unknown_data (a hex dump).
func (p *Printer) unknownData(off int, ident string, n int) { p.unknownDataOK(off, ident, n) }

// unknownDataOK is print_unknown_data with its result: false when off is
// past the captured data.
func (p *Printer) unknownDataOK(off int, ident string, n int) bool {
	if off > p.snapend {
		p.s(ident)
		p.s("Dissector error: print_unknown_data called with pointer past end of packet")
		return false
	}
	if off+n > p.snapend {
		n = p.snapend - off
	}
	if n <= 0 {
		return true
	}
	p.hexOnly(ident, p.pkt[off:off+n])
	return true
}
