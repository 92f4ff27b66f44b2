// RIPng (UDP port 521), as tcpdump 4.99.3's print-ripng.c prints it
// (ripng_print: requests, full-table requests and responses with their
// prefixes, tags and metrics).

package printer

func init() {
	registerUDP("ripng", func(p *Printer, d portPayload) { p.ripngPrint(d.off, d.length) })
}

func (p *Printer) ripngEntry(ni int, metric bool) {
	p.check(ni, 16)
	plen := p.u8(ni + 18)
	p.ip6(ni)
	p.c('/')
	p.u(uint64(plen))
	if tag := p.be16(ni + 16); tag != 0 {
		p.s(" [")
		p.u(uint64(tag))
		p.c(']')
	}
	if m := p.u8(ni + 19); m != 0 && metric {
		p.s(" (")
		p.u(uint64(m))
		p.c(')')
	}
}

func (p *Printer) ripngPrint(bp, length int) {
	p.proto = "ripng"
	vers := p.u8(bp + 1)
	if vers != 1 {
		p.s(" [vers ")
		p.u(uint64(vers))
		p.s("]")
		p.invalid()
		return
	}
	cmd := p.u8(bp)
	if cmd != 1 && cmd != 2 {
		p.s(" ripng-")
		p.u(uint64(cmd))
		p.s(" ?? ")
		p.u(uint64(uint32(length)))
		p.invalid()
		return
	}
	if length < 4 {
		p.invalid()
		return
	}
	left := length - 4
	j := left / 20
	if cmd == 1 && j == 1 && p.u8(bp+4+19) == 16 {
		zero := true
		for _, b := range p.pkt[bp+4 : bp+20] {
			if b != 0 {
				zero = false
			}
		}
		if zero {
			p.s(" ripng-req dump")
			return
		}
	}
	if cmd == 1 {
		p.s(" ripng-req ")
	} else {
		p.s(" ripng-resp ")
	}
	p.u(uint64(j))
	if j*20 != left {
		p.c('[')
		p.u(uint64(uint32(length)))
		p.c(']')
	}
	p.c(':')
	for ni := bp + 4; left >= 20; left, ni = left-20, ni+20 {
		if p.o.Verbose > 1 {
			p.s("\n\t")
		} else {
			p.c(' ')
		}
		p.ripngEntry(ni, cmd == 2)
	}
	if left != 0 {
		p.invalid()
	}
}
