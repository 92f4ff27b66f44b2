// Address formatting, as tcpdump 4.99.3's addrtoname.c and addrtostr.c
// print addresses with -n (ipaddr_string, ip6addr_string and addrtostr6,
// etheraddr_string, linkaddr_string), and the "src > dst" of the IPv4 and
// IPv6 headers that tcp_print and udpipaddr_print put before a payload.

package printer

func (p *Printer) ip4(off int) {
	p.check(off, 4)
	p.ip4b(p.pkt[off : off+4])
}

// ip4b prints four bytes as a dotted quad.
func (p *Printer) ip4b(b []byte) {
	p.u(uint64(b[0]))
	p.c('.')
	p.u(uint64(b[1]))
	p.c('.')
	p.u(uint64(b[2]))
	p.c('.')
	p.u(uint64(b[3]))
}

func (p *Printer) mac(off int) {
	p.check(off, 6)
	for i := 0; i < 6; i++ {
		if i > 0 {
			p.c(':')
		}
		p.hex2(p.pkt[off+i])
	}
}

// ip6 prints an IPv6 address as tcpdump's addrtostr6 does.
func (p *Printer) ip6(off int) {
	p.check(off, 16)
	p.ip6b(p.pkt[off : off+16])
}

// ip6b prints 16 bytes as an IPv6 address (tcpdump's addrtostr6).
func (p *Printer) ip6b(b []byte) {
	var w [8]uint16
	for i := range w {
		w[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	bestBase, bestLen, curBase, curLen := -1, 0, -1, 0
	for i := 0; i < 8; i++ {
		if w[i] == 0 {
			if curBase == -1 {
				curBase, curLen = i, 1
			} else {
				curLen++
			}
		} else if curBase != -1 {
			if bestBase == -1 || curLen > bestLen {
				bestBase, bestLen = curBase, curLen
			}
			curBase = -1
		}
	}
	if curBase != -1 && (bestBase == -1 || curLen > bestLen) {
		bestBase, bestLen = curBase, curLen
	}
	if bestBase != -1 && bestLen < 2 {
		bestBase = -1
	}
	for i := 0; i < 8; i++ {
		if bestBase != -1 && i >= bestBase && i < bestBase+bestLen {
			if i == bestBase {
				p.c(':')
			}
			continue
		}
		if i != 0 {
			p.c(':')
		}
		if i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff)) {
			p.ip4b(b[12:16])
			break
		}
		p.x(uint64(w[i]))
	}
	if bestBase != -1 && bestBase+bestLen == 8 {
		p.c(':')
	}
}

func (p *Printer) linkAddr(off, n int) {
	if n == 0 {
		p.s("<empty>")
		return
	}
	p.check(off, n)
	for i := 0; i < n; i++ {
		if i > 0 {
			p.c(':')
		}
		p.hex2(p.pkt[off+i])
	}
}

// ipAddrs prints "src > dst" of the IPv4 or IPv6 header at iph.
func (p *Printer) ipAddrs(iph int, v6 bool) {
	if v6 {
		p.ip6(iph + 8)
		p.s(" > ")
		p.ip6(iph + 24)
	} else {
		p.ip4(iph + 12)
		p.s(" > ")
		p.ip4(iph + 16)
	}
}

func (p *Printer) addrPort(iph int, v6, src bool, port uint16) {
	switch {
	case v6 && src:
		p.ip6(iph + 8)
	case v6:
		p.ip6(iph + 24)
	case src:
		p.ip4(iph + 12)
	default:
		p.ip4(iph + 16)
	}
	p.c('.')
	p.u(uint64(port))
}
