// Helpers the layer-2 printers (LLC, STP, CDP, LLDP, slow protocols,
// IS-IS, MPLS, PPPoE/PPP, MACsec) share, after tcpdump 4.99.3's
// util-print.c (tok2str, bittok2str, nd_printjnp, nd_printjn) and the
// OUI names of oui.c. Everything appends to the line being built without
// allocating.

package printer

import (
	"math"
	"strconv"
)

// tokL2 is one entry of a tcpdump "struct tok" table.
type tokL2 struct {
	v uint32
	s string
}

// tokLookup is tok2str's search: the name of v in t.
func tokLookup(t []tokL2, v uint32) (string, bool) {
	for i := range t {
		if t[i].v == v {
			return t[i].s, true
		}
	}
	return "", false
}

// tokStr is tok2str with a constant fallback string.
func (p *Printer) tokStr(t []tokL2, v uint32, unknown string) {
	if s, ok := tokLookup(t, v); ok {
		p.s(s)
		return
	}
	p.s(unknown)
}

// tokStrU is tok2str with a fallback of the form prefix + "%u" + suffix.
func (p *Printer) tokStrU(t []tokL2, v uint32, prefix, suffix string) {
	if s, ok := tokLookup(t, v); ok {
		p.s(s)
		return
	}
	p.s(prefix)
	p.u(uint64(v))
	p.s(suffix)
}

// tokStrX is tok2str with a fallback of the form prefix + "%0nx" + suffix
// (n = 0: %x).
func (p *Printer) tokStrX(t []tokL2, v uint32, prefix string, n int, suffix string) {
	if s, ok := tokLookup(t, v); ok {
		p.s(s)
		return
	}
	p.s(prefix)
	if n > 0 {
		p.xpad(uint64(v), n)
	} else {
		p.x(uint64(v))
	}
	p.s(suffix)
}

// bittok is bittok2str_internal: the names of the tokens of t whose value
// is one of the bits set in v, separated by sep; false (nothing printed)
// when none is.
func (p *Printer) bittok(t []tokL2, v uint32, sep string) bool {
	printed := false
	for i := range t {
		tv := t[i].v
		for rot := uint32(1); rot != 0; rot <<= 1 {
			if tv == v&rot {
				if printed {
					p.s(sep)
				}
				p.s(t[i].s)
				printed = true
				break
			}
		}
	}
	return printed
}

// bittokOr is bittok2str with ", " between names and a constant string
// when no bit has a name.
func (p *Printer) bittokOr(t []tokL2, v uint32, none string) {
	if !p.bittok(t, v, ", ") {
		p.s(none)
	}
}

// printjnp is nd_printjnp: at most n bytes at off, stopping at a NUL,
// escaped as fn_print_char does; a read past the capture abandons the
// packet.
func (p *Printer) printjnp(off, n int) {
	for ; n > 0; n-- {
		c := p.u8(off)
		if c == 0 {
			return
		}
		p.fnPrintChar(c)
		off++
	}
}

// printjn is nd_printjn: n bytes at off, escaped, NULs included.
func (p *Printer) printjn(off, n int) {
	for ; n > 0; n-- {
		p.fnPrintChar(p.u8(off))
		off++
	}
}

// f2 is printf's "%.2f".
func (p *Printer) f2(v float64) { p.buf = appendCFloat(p.buf, v, 2) }

// f1 is printf's "%.1f".
func (p *Printer) f1(v float64) { p.buf = appendCFloat(p.buf, v, 1) }

// appendCFloat is glibc's "%.Nf": infinities and NaNs as inf, -inf, nan
// and -nan.
func appendCFloat(b []byte, v float64, prec int) []byte {
	switch {
	case math.IsInf(v, 1):
		return append(b, "inf"...)
	case math.IsInf(v, -1):
		return append(b, "-inf"...)
	case math.IsNaN(v):
		if math.Signbit(v) {
			return append(b, "-nan"...)
		}
		return append(b, "nan"...)
	}
	return strconv.AppendFloat(b, v, 'f', prec, 64)
}

// be24 reads a 24-bit big-endian value (GET_BE_U_3).
func (p *Printer) be24(off int) uint32 {
	p.check(off, 3)
	return uint32(p.pkt[off])<<16 | uint32(p.pkt[off+1])<<8 | uint32(p.pkt[off+2])
}

// le16 reads a 16-bit little-endian value (GET_LE_U_2).
func (p *Printer) le16(off int) uint16 {
	p.check(off, 2)
	return uint16(p.pkt[off]) | uint16(p.pkt[off+1])<<8
}

// ouiValues is oui.c's oui_values.
var ouiValues = []tokL2{
	{0x000000, "Ethernet"}, {0x00000c, "Cisco"}, {0x00005e, "IANA"},
	{0x000081, "Nortel Networks SONMP"}, {0x0000f8, "Cisco bridged"},
	{0x0080c2, "Ethernet bridged"}, {0x00a03e, "ATM Forum"},
	{0x00e02f, "DOCSIS Spanning Tree"}, {0x080007, "Appletalk"},
	{0x009069, "Juniper"}, {0x080009, "Hewlett-Packard"},
	{0x0080c2, "IEEE 802.1 Private"}, {0x00120f, "IEEE 802.3 Private"},
	{0x0012bb, "ANSI/TIA"}, {0x001b21, "DCBX"}, {0x002320, "Nicira Networks"},
	{0x5c16c7, "Big Switch Networks"}, {0xb0d2f5, "Vello Systems"},
	{0x002481, "HP"}, {0x0004ea, "HP-Labs"}, {0x748771, "Infoblox Inc"},
	{0xa42305, "Open Networking Lab"}, {0x00049f, "Freescale"},
	{0x0015ad, "Netronome"}, {0x001018, "Broadcom"}, {0x00e004, "PMC-Sierra"},
	{0xd0f0db, "Ericsson"},
}

// ethertypeTok is ethertype_values as a tok table (the names ether.go
// prints).
func (p *Printer) ethertypeName(t uint16, unknown string) {
	if s, ok := ethertypeNames[t]; ok {
		p.s(s)
		return
	}
	p.s(unknown)
}

// defaultPrintAlways is ND_DEFAULTPRINT called without the caller's test
// of ndo_suppress_default_print: the dump is printed even with -q or -x.
func (p *Printer) defaultPrintAlways(off, n int) {
	if off+n > p.snapend {
		n = p.snapend - off
	}
	if n <= 0 || off < 0 {
		return
	}
	p.hexASCII("\n\t", p.pkt[off:off+n])
}

// defaultPrintLen is ND_DEFAULTPRINT of length bytes, unless -q/-x/-X
// suppress it: hex_and_ascii_print dumps what was captured of them and
// abandons the packet (nd_trunc_longjmp) when that is less.
func (p *Printer) defaultPrintLen(off, length int) {
	if p.suppressDefault {
		return
	}
	n := length
	short := false
	if off+n > p.snapend {
		n = p.snapend - off
		short = true
	}
	if n > 0 {
		p.hexASCII("\n\t", p.pkt[off:off+n])
	}
	if short {
		panic(truncated{})
	}
}

// The helpers below read a field before printing the text in front of
// it, as one printf of tcpdump's does: a field past the capture abandons
// the packet with nothing of that printf printed.

func (p *Printer) su8(prefix string, off int) {
	v := p.u8(off)
	p.s(prefix)
	p.u(uint64(v))
}

func (p *Printer) su16(prefix string, off int) {
	v := p.be16(off)
	p.s(prefix)
	p.u(uint64(v))
}

func (p *Printer) su32(prefix string, off int) {
	v := p.be32(off)
	p.s(prefix)
	p.u(uint64(v))
}

// sx16 and sx32 print prefix and the field in n hex digits.
func (p *Printer) sx16(prefix string, off, n int) {
	v := p.be16(off)
	p.s(prefix)
	p.xpad(uint64(v), n)
}

func (p *Printer) sx32(prefix string, off, n int) {
	v := p.be32(off)
	p.s(prefix)
	p.xpad(uint64(v), n)
}
