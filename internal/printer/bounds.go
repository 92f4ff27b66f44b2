// Bounds checks and truncation, as tcpdump 4.99.3 does them: the
// ND_TTEST_*/ND_TCHECK_* and GET_* macros of netdissect.h and extract.h
// (a read past the snapshot end abandons the packet, as tcpdump's longjmp
// in nd_trunc_longjmp does), nd_print_trunc and nd_print_invalid, and the
// snapshot-end stack of netdissect.c (nd_push_snaplen, nd_pop_packet_info).

package printer

import "math"

// truncated is the panic value printers use to abandon a packet that ends
// too early, as tcpdump's longjmp does.
type truncated struct{}

// localTrunc is panicked inside icmpPrint for tcpdump's ND_TCHECK checks,
// which print " [|icmp]" without abandoning the whole packet.
type localTrunc struct{}

func (p *Printer) trunc() {
	p.s(" [|")
	p.s(p.proto)
	p.s("]")
}

// invalid is nd_print_invalid.
func (p *Printer) invalid() { p.s(" (invalid)") }

func (p *Printer) check(off, n int) {
	if off < 0 || n < 0 || off+n > p.snapend {
		panic(truncated{})
	}
}

func (p *Printer) ttest(off, n int) bool { return off >= 0 && n >= 0 && off+n <= p.snapend }

func (p *Printer) u8(off int) byte { p.check(off, 1); return p.pkt[off] }

func (p *Printer) be16(off int) uint16 {
	p.check(off, 2)
	return uint16(p.pkt[off])<<8 | uint16(p.pkt[off+1])
}

func (p *Printer) be32(off int) uint32 {
	p.check(off, 4)
	b := p.pkt[off : off+4]
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// pushSnap limits the snapshot end to off+n and returns the old end.
func (p *Printer) pushSnap(off, n int) int {
	old := p.snapend
	if off+n < p.snapend {
		p.snapend = off + n
	}
	return old
}

// pushSnapU is pushSnap with tcpdump's unsigned length.
func (p *Printer) pushSnapU(off int, n uint32) int {
	old := p.snapend
	if uint64(n) <= uint64(p.snapend-off) {
		p.snapend = off + int(n)
	}
	return old
}

func (p *Printer) be64(off int) uint64 {
	return uint64(p.be32(off))<<32 | uint64(p.be32(off+4))
}

// float32frombits is math.Float32frombits.
func float32frombits(b uint32) float32 { return math.Float32frombits(b) }
