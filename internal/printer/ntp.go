// NTP (UDP port 123), as tcpdump 4.99.3's print-ntp.c prints it (and
// ntp.c's time stamp formatting).

package printer

import "time"

func init() {
	registerUDP("ntp", func(p *Printer, d portPayload) { p.ntpPrint(d.off, d.length) })
}

var ntpModes = [8]string{"unspecified", "symmetric active", "symmetric passive", "Client",
	"Server", "Broadcast", "Control Message", "Reserved"}

var ntpLeap = [4]string{"", "+1s", "-1s", "clock unsynchronized"}

func (p *Printer) ntpPrint(bp, length int) {
	p.proto = "ntp"
	status := p.u8(bp)
	p.s("NTPv")
	p.u(uint64((status & 0x38) >> 3))
	mode := status & 7
	p.s(", ")
	p.s(ntpModes[mode])
	p.s(", length ")
	p.u(uint64(length))
	if p.o.Verbose == 0 {
		return
	}
	p.s("\n\tLeap indicator: ")
	p.s(ntpLeap[status>>6])
	p.s(" (")
	p.u(uint64(status & 0xc0))
	p.s(")")
	switch mode {
	case 0, 1, 2, 3, 4, 5:
		p.ntpTime(bp, length)
	case 6:
		p.ntpControl(bp, length)
	}
}

// ntpInvalid is the "invalid" label: " (invalid)", then " [|ntp]" if
// the message is not all captured.
func (p *Printer) ntpInvalid(bp, length int) {
	p.invalid()
	if !p.ttest(bp, length) {
		p.trunc()
	}
}

func (p *Printer) ntpTime(bp, length int) {
	if length < 48 {
		p.ntpInvalid(bp, length)
		return
	}
	stratum := p.u8(bp + 1)
	p.s(", Stratum ")
	p.u(uint64(stratum))
	switch {
	case stratum == 0:
		p.s(" (unspecified)")
	case stratum == 1:
		p.s(" (primary reference)")
	case stratum >= 2 && stratum <= 15:
		p.s(" (secondary reference)")
	default:
		p.s(" (reserved)")
	}
	poll := int(int8(p.u8(bp + 2))) // read before the label, as tcpdump's arguments are
	p.s(", poll ")
	p.d(poll)
	if poll > -32 && poll < 32 {
		if poll >= 0 {
			p.s(" (")
			p.u(uint64(uint32(1) << poll))
			p.s("s)")
		} else {
			p.s(" (1/")
			p.u(uint64(uint32(1) << -poll))
			p.s("s)")
		}
	}
	prec := int(int8(p.u8(bp + 3)))
	p.s(", precision ")
	p.d(prec)
	if !p.ttest(bp+4, 4) {
		p.trunc()
		return
	}
	p.s("\n\tRoot Delay: ")
	p.ntpSfix(bp + 4)
	if !p.ttest(bp+8, 4) {
		p.trunc()
		return
	}
	p.s(", Root dispersion: ")
	p.ntpSfix(bp + 8)
	if !p.ttest(bp+12, 4) {
		p.trunc()
		return
	}
	p.s(", Reference-ID: ")
	switch stratum {
	case 0:
		p.s("(unspec)")
	case 1:
		if p.printn(bp+12, 4) {
			p.trunc()
			return
		}
	case 62:
		p.ip4(bp + 12)
		p.s(" INFO_QUERY")
		return
	case 63:
		p.ip4(bp + 12)
		p.s(" INFO_REPLY")
		return
	default:
		p.s("0x")
		p.xpad(uint64(p.be32(bp+12)), 8)
	}
	for k, name := range [4]string{"\n\t  Reference Timestamp:  ", "\n\t  Originator Timestamp: ",
		"\n\t  Receive Timestamp:    ", "\n\t  Transmit Timestamp:   "} {
		if !p.ttest(bp+16+8*k, 8) {
			p.trunc()
			return
		}
		p.s(name)
		p.ntpTimestamp(bp + 16 + 8*k)
	}
	p.s("\n\t    Originator - Receive Timestamp:  ")
	p.ntpDelta(bp+24, bp+32)
	p.s("\n\t    Originator - Transmit Timestamp: ")
	p.ntpDelta(bp+24, bp+40)
	switch {
	case length == 48+4:
		key := p.be32(bp + 48)
		p.s("\n\tKey id: ")
		p.u(uint64(key))
	case length == 48+4+16 || length == 48+4+20:
		key := p.be32(bp + 48)
		p.s("\n\tKey id: ")
		p.u(uint64(key))
		n := length - 52
		if !p.ttest(bp+52, n) {
			p.trunc()
			return
		}
		p.s("\n\tAuthentication: ")
		for i := 0; i < n; i += 4 {
			p.xpad(uint64(p.be32(bp+52+i)), 8)
		}
	case length > 48:
		p.s("\n\t(")
		p.u(uint64(length - 48))
		p.s(" more bytes after the header)")
	}
}

// d appends a signed decimal.
func (p *Printer) d(v int) {
	if v < 0 {
		p.c('-')
		p.u(uint64(-v))
		return
	}
	p.u(uint64(v))
}

func (p *Printer) ntpSfix(off int) {
	i := int(p.be16(off))
	ff := float64(p.be16(off+2)) / 65536.0
	f := int(ff * 1000000.0)
	p.d(i)
	p.c('.')
	p.padUint0(uint64(f), 6)
}

// ntpTimestamp is tcpdump's p_ntp_time.
func (p *Printer) ntpTimestamp(off int) {
	i := p.be32(off)
	ff := float64(p.be32(off + 4))
	ff = ff / 4294967296.0
	f := uint32(ff * 1000000000.0)
	p.u(uint64(i))
	p.c('.')
	p.padUint0(uint64(f), 9)
	if i == 0 {
		return
	}
	t := time.Unix(int64(i)-2208988800, 0).UTC()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	p.s(" (")
	p.padUint0(uint64(y), 4)
	p.c('-')
	p.padUint0(uint64(mo), 2)
	p.c('-')
	p.padUint0(uint64(d), 2)
	p.c('T')
	p.padUint0(uint64(h), 2)
	p.c(':')
	p.padUint0(uint64(mi), 2)
	p.c(':')
	p.padUint0(uint64(s), 2)
	p.s("Z)")
}

// ntpDelta is tcpdump's p_ntp_delta: lfp - olfp.
func (p *Printer) ntpDelta(olfp, lfp int) {
	u, ou := p.be32(lfp), p.be32(olfp)
	uf, ouf := p.be32(lfp+4), p.be32(olfp+4)
	if ou == 0 && ouf == 0 {
		p.ntpTimestamp(lfp)
		return
	}
	var i, f uint32
	neg := false
	switch {
	case u > ou:
		i, f = u-ou, uf-ouf
		if ouf > uf {
			i--
		}
	case u < ou:
		neg = true
		i, f = ou-u, ouf-uf
		if uf > ouf {
			i--
		}
	default:
		if uf > ouf {
			f = uf - ouf
		} else {
			neg = true
			f = ouf - uf
		}
	}
	ff := float64(f)
	ff = ff / 4294967296.0
	f = uint32(ff * 1000000000.0)
	if neg {
		p.c('-')
	} else {
		p.c('+')
	}
	p.u(uint64(i))
	p.c('.')
	p.padUint0(uint64(f), 9)
}

func (p *Printer) ntpControl(bp, length int) {
	if length < 12 {
		p.ntpInvalid(bp, length)
		return
	}
	control := p.u8(bp + 1)
	p.s(", ")
	if control&0x80 != 0 {
		p.s("Response, ")
	} else {
		p.s("Request, ")
	}
	if control&0x40 != 0 {
		p.s("Error, ")
	} else {
		p.s("OK, ")
	}
	if control&0x20 != 0 {
		p.s("More")
	} else {
		p.s("Last")
	}
	p.s(", OpCode=")
	p.u(uint64(control & 0x1f))
	p.s("\n") // printed with the opcode, before the sequence is read
	seq := p.be16(bp + 2)
	p.s("\tSequence=")
	p.u(uint64(seq))
	status := p.be16(bp + 4)
	p.s(", Status=")
	if status != 0 {
		p.s("0x")
		p.x(uint64(status))
	} else {
		p.c('0')
	}
	assoc := p.be16(bp + 6)
	p.s(", Assoc.=")
	p.u(uint64(assoc))
	offset := p.be16(bp + 8)
	p.s(", Offset=")
	p.u(uint64(offset))
	count := int(p.be16(bp + 10))
	p.s(", Count=")
	p.u(uint64(count))
	if 12+count > length {
		p.ntpInvalid(bp, length)
		return
	}
	if count != 0 {
		if !p.ttest(bp+12, count) {
			p.trunc()
			return
		}
		p.s("\n\tTO-BE-DONE: data not interpreted")
	}
}
