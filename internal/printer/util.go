// Output helpers and time stamps, as tcpdump 4.99.3's util-print.c has
// them (ts_print and ts_format, fn_print_char, bittok2str): everything
// appends to the line being built, without allocating.

package printer

import (
	"strconv"
	"time"
)

func (p *Printer) timestamp(ts time.Time) {
	sec := ts.Unix()
	var frac int64
	if p.o.Nano {
		frac = int64(ts.Nanosecond())
	} else {
		frac = int64(ts.Nanosecond() / 1000)
	}
	switch p.o.Time {
	case TimeNone:
	case TimeUnix:
		if uint32(sec)&0x80000000 != 0 {
			p.s("[Error converting time]")
		} else {
			p.u(uint64(uint32(sec)))
			p.frac(frac)
		}
		p.s(" ")
	case TimeDelta, TimeSinceFirst:
		unit := int64(1000000)
		if p.o.Nano {
			unit = 1000000000
		}
		if !p.refSet {
			p.refSet = true
			p.refSec, p.refFrac = sec, frac
		}
		a := sec*unit + frac
		b := p.refSec*unit + p.refFrac
		if a < b {
			p.s("-")
			a, b = b, a
		} else {
			p.s(" ")
		}
		d := a - b
		p.hms(time.Unix(d/unit, 0).UTC(), false, d%unit, d/unit)
		p.s(" ")
		if p.o.Time == TimeDelta {
			p.refSec, p.refFrac = sec, frac
		}
	case TimeDate:
		p.hms(ts.In(p.loc), true, frac, sec)
		p.s(" ")
	default:
		if uint32(sec)&0x80000000 != 0 {
			p.s("[Error converting time] ")
			return
		}
		// Consecutive packets mostly fall in the same second: its
		// "HH:MM:SS" is kept.
		if !p.hmsOK || sec != p.hmsSec {
			h, m, s := ts.In(p.loc).Clock()
			p.hmsText = [8]byte{byte('0' + h/10), byte('0' + h%10), ':', byte('0' + m/10), byte('0' + m%10), ':', byte('0' + s/10), byte('0' + s%10)}
			p.hmsSec, p.hmsOK = sec, true
		}
		p.buf = append(p.buf, p.hmsText[:]...)
		p.frac(frac)
		p.s(" ")
	}
}

func (p *Printer) hms(t time.Time, date bool, frac, sec int64) {
	if uint32(sec)&0x80000000 != 0 {
		p.s("[Error converting time]")
		return
	}
	if date {
		y, mo, d := t.Date()
		p.padUint0(uint64(y), 4)
		p.s("-")
		p.padUint0(uint64(mo), 2)
		p.s("-")
		p.padUint0(uint64(d), 2)
		p.s(" ")
	}
	h, m, s := t.Clock()
	p.padUint0(uint64(h), 2)
	p.s(":")
	p.padUint0(uint64(m), 2)
	p.s(":")
	p.padUint0(uint64(s), 2)
	p.frac(frac)
}

func (p *Printer) frac(f int64) {
	p.s(".")
	if p.o.Nano {
		p.padUint0(uint64(f), 9)
	} else {
		p.padUint0(uint64(f), 6)
	}
}

// ---- output helpers (append to p.buf, no allocations) ----

func (p *Printer) s(str string) { p.buf = append(p.buf, str...) }
func (p *Printer) c(b byte)     { p.buf = append(p.buf, b) }
func (p *Printer) u(v uint64)   { p.buf = strconv.AppendUint(p.buf, v, 10) }

// x appends v in lower-case hex without padding (%x).
func (p *Printer) x(v uint64) { p.buf = strconv.AppendUint(p.buf, v, 16) }

// xpad appends v in lower-case hex padded with zeros to n digits (%0nx).
func (p *Printer) xpad(v uint64, n int) {
	var tmp [16]byte
	i := len(tmp)
	for v > 0 || i > len(tmp)-n {
		i--
		tmp[i] = hexdigits[v&15]
		v >>= 4
		if i == 0 {
			break
		}
	}
	p.buf = append(p.buf, tmp[i:]...)
}

func (p *Printer) padUint0(v uint64, n int) {
	var tmp [20]byte
	i := len(tmp)
	for v > 0 || i > len(tmp)-n {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
		if i == 0 {
			break
		}
	}
	p.buf = append(p.buf, tmp[i:]...)
}

// padUint is %nu: right-aligned with spaces.
func (p *Printer) padUint(v uint64, n int) {
	var tmp [20]byte
	d := strconv.AppendUint(tmp[:0], v, 10)
	for i := len(d); i < n; i++ {
		p.c(' ')
	}
	p.buf = append(p.buf, d...)
}

const hexdigits = "0123456789abcdef"

func (p *Printer) hex2(b byte) { p.buf = append(p.buf, hexdigits[b>>4], hexdigits[b&15]) }

// fnPrintChar is tcpdump's fn_print_char.
func (p *Printer) fnPrintChar(c byte) {
	if c >= 0x80 {
		p.s("M-")
		c &= 0x7f
	}
	if c < 0x20 || c == 0x7f {
		p.c('^')
		p.c(c ^ 0x40)
		return
	}
	p.c(c)
}

type bitName struct {
	bit  uint8
	name string
}

// bits8 is bittok2str with ", " between the names of the bits set.
func (p *Printer) bits8(v uint8, names []bitName, none string) {
	sep := ""
	for _, b := range names {
		if v&b.bit == b.bit {
			p.s(sep)
			p.s(b.name)
			sep = ", "
		}
	}
	if sep == "" {
		p.s(none)
	}
}
