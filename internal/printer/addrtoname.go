// Address formatting, as tcpdump 4.99.3's addrtoname.c and addrtostr.c
// print addresses with -n, and with names (names.go) without it (ipaddr_string, ip6addr_string and addrtostr6,
// etheraddr_string, linkaddr_string), and the "src > dst" of the IPv4 and
// IPv6 headers that tcp_print and udpipaddr_print put before a payload.

package printer

func (p *Printer) ip4(off int) {
	p.check(off, 4)
	if p.names != nil {
		p.ip4Name(p.pkt[off : off+4])
		return
	}
	p.ip4b(p.pkt[off : off+4])
}

// ip4b prints four bytes as a dotted quad.
func (p *Printer) ip4b(b []byte) {
	_ = b[3]
	p.dec8(b[0])
	p.c('.')
	p.dec8(b[1])
	p.c('.')
	p.dec8(b[2])
	p.c('.')
	p.dec8(b[3])
}

// ip4n prints the IPv4 address at off as a number whatever the options
// (tcpdump's intoa and addrtostr, which never look a name up).
func (p *Printer) ip4n(off int) {
	p.check(off, 4)
	p.ip4b(p.pkt[off : off+4])
}

// ip4s prints four bytes as ipaddr_string does: a name without -n.
func (p *Printer) ip4s(b []byte) {
	if p.names != nil {
		p.ip4Name(b)
		return
	}
	p.ip4b(b)
}

// ip6s prints 16 bytes as ip6addr_string does: a name without -n.
func (p *Printer) ip6s(b []byte) {
	if p.names != nil {
		p.ip6Name(b)
		return
	}
	p.ip6b(b)
}

// dec8 appends a byte in decimal.
func (p *Printer) dec8(v byte) {
	switch {
	case v >= 100:
		p.buf = append(p.buf, '0'+v/100, '0'+v/10%10, '0'+v%10)
	case v >= 10:
		p.buf = append(p.buf, '0'+v/10, '0'+v%10)
	default:
		p.buf = append(p.buf, '0'+v)
	}
}

// hex16 appends v in lower-case hex without leading zeros (%x).
func (p *Printer) hex16(v uint16) {
	switch {
	case v >= 0x1000:
		p.buf = append(p.buf, hexdigits[v>>12], hexdigits[v>>8&15], hexdigits[v>>4&15], hexdigits[v&15])
	case v >= 0x100:
		p.buf = append(p.buf, hexdigits[v>>8], hexdigits[v>>4&15], hexdigits[v&15])
	case v >= 0x10:
		p.buf = append(p.buf, hexdigits[v>>4], hexdigits[v&15])
	default:
		p.buf = append(p.buf, hexdigits[v])
	}
}

func (p *Printer) mac(off int) {
	p.check(off, 6)
	if p.names != nil {
		p.macName(p.pkt[off : off+6])
		return
	}
	p.macb(p.pkt[off : off+6])
}

// macb prints six bytes as a MAC address.
func (p *Printer) macb(b []byte) {
	_ = b[5]
	for i := 0; i < 6; i++ {
		if i > 0 {
			p.c(':')
		}
		p.hex2(b[i])
	}
}

// ip6 prints an IPv6 address as tcpdump's addrtostr6 does.
func (p *Printer) ip6(off int) {
	p.check(off, 16)
	if p.names != nil {
		p.ip6Name(p.pkt[off : off+16])
		return
	}
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
		p.hex16(w[i])
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

// addrPort prints "addr.port" with the port a number (SCTP; TCP and UDP
// use tcpAddrPort and udpAddrPort for their ports' names).
func (p *Printer) addrPort(iph int, v6, src bool, port uint16) {
	p.addr(iph, v6, src)
	p.c('.')
	p.u(uint64(port))
}

// tcpAddrPort prints "addr.port" with tcpport_string's port.
func (p *Printer) tcpAddrPort(iph int, v6, src bool, port uint16) {
	p.addr(iph, v6, src)
	p.c('.')
	p.tcpPort(port)
}

// udpAddrPort prints "addr.port" with udpport_string's port.
func (p *Printer) udpAddrPort(iph int, v6, src bool, port uint16) {
	p.addr(iph, v6, src)
	p.c('.')
	p.udpPort(port)
}

// addr prints the source or destination address of the IP header at iph.
func (p *Printer) addr(iph int, v6, src bool) {
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
}

// q922 is q922_string: the DLCI of the Q.922 address of n bytes at off
// ("DLCI 16"), "<Invalid DLCI>" or "<Truncated>" (print-fr.c's
// parse_q922_header).
func (p *Printer) q922(off, n int) {
	dlci, r := p.q922DLCI(off, n)
	switch r {
	case 1:
		p.s("DLCI ")
		p.u(uint64(dlci))
	case 0:
		p.s("<Invalid DLCI>")
	default:
		p.s("<Truncated>")
	}
}

// q922DLCI is parse_q922_header: the DLCI and 1, or 0 for an invalid
// address, -1 for one cut short.
func (p *Printer) q922DLCI(off, n int) (uint32, int) {
	if !p.ttest(off, 1) || n < 1 {
		return 0, -1
	}
	if p.pkt[off]&1 != 0 {
		return 0, 0
	}
	if !p.ttest(off+1, 1) || n < 2 {
		return 0, -1
	}
	dlci := uint32(p.pkt[off]&0xfc)<<2 | uint32(p.pkt[off+1]&0xf0)>>4
	if p.pkt[off+1]&1 != 0 {
		return dlci, 1
	}
	off += 2
	n -= 2
	if !p.ttest(off, 1) || n < 1 {
		return 0, -1
	}
	if p.pkt[off]&1 == 0 {
		dlci = dlci<<7 | uint32(p.pkt[off]>>1)
		off++
		n--
	}
	if !p.ttest(off, 1) || n < 1 {
		return 0, -1
	}
	if p.pkt[off]&1 == 0 {
		return 0, 0
	}
	return dlci<<6 | uint32(p.pkt[off]>>2), 1
}

// ip4Width prints four bytes as a dotted quad right-aligned in width
// characters (printf's %15s).
func (p *Printer) ip4Width(b []byte, width int) {
	start := len(p.buf)
	p.ip4s(b)
	if n := len(p.buf) - start; n < width {
		pad := width - n
		for i := 0; i < pad; i++ {
			p.c(' ')
		}
		copy(p.buf[start+pad:], p.buf[start:start+n])
		for i := 0; i < pad; i++ {
			p.buf[start+i] = ' '
		}
	}
}
