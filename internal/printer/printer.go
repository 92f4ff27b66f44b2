// Package printer prints packets as one-line summaries in the format of
// `tcpdump -n` (tcpdump 4.99.3): Ethernet, 802.1Q, ARP, IPv4, IPv6, TCP,
// UDP, ICMP and ICMPv6, with tcpdump's -e, -q, -v, -x/-xx/-X/-XX/-A/-AA,
// -t..-ttttt, -#, -S options and nanosecond timestamps.
//
// The dissectors follow tcpdump's own printers closely (including its
// handling of truncated packets, " [|proto]"), and a test compares the
// output byte for byte with the tcpdump binary over a corpus of frames.
// Application payloads decoded as tcpdump does: DNS (UDP and TCP port 53,
// mDNS on UDP 5353), NTP (UDP 123), BOOTP/DHCP with every option tcpdump
// knows (UDP 67, 68), the first line of HTTP (TCP 80, 8080),
// RTSP (554, 8554), FTP (21), SMTP (25) and whois (43) (every line with
// -v), and SSH banners (22), with the port chosen in tcpdump's order;
// VXLAN (UDP 4789) and Geneve (6081) with the frame they carry.
// IPv6 extension headers are printed as tcpdump does (hop-by-hop and
// destination options with jumbo payload, router alert and home address,
// routing types 0, 2 and 4, fragments, mobility messages), and ICMPv6
// neighbor discovery (router solicitation and advertisement, neighbor
// solicitation and advertisement, redirect, with all their options), MLDv1
// and MLDv2 queries and reports, home agent discovery and mobile prefix
// messages; ICMPv6 router renumbering, node information and RPL are not
// decoded.
// The -v and -vv checksum verdicts follow tcpdump's (not for fragments or
// datagrams not captured whole).
// Protocols tcpdump decodes that this package does not (SNMP, TFTP, RIP
// and other application protocols on well-known UDP/TCP ports, LLDP, MPLS,
// ...) get a truthful generic line instead (e.g. "UDP, length 40");
// UDPPortDecoded and TCPPortsDecoded say which ports those are.
package printer

import (
	"bufio"
	"errors"
	"io"
	"strconv"
	"time"
)

// Time stamp styles, as selected by tcpdump's repeated -t.
const (
	TimeDefault    = 0 // HH:MM:SS.frac in local time
	TimeNone       = 1 // -t
	TimeUnix       = 2 // -tt: seconds since the epoch
	TimeDelta      = 3 // -ttt: delta since the previous packet
	TimeDate       = 4 // -tttt: date and time in local time
	TimeSinceFirst = 5 // -ttttt: delta since the first packet
)

// Options select the output format. The zero value is `tcpdump -n`.
type Options struct {
	Time     int            // TimeDefault..TimeSinceFirst (number of -t)
	Nano     bool           // --time-stamp-precision=nano: 9 fraction digits
	Location *time.Location // time zone for TimeDefault/TimeDate; nil = time.Local

	Link     bool // -e: print the link-level header
	Quiet    bool // -q: less protocol information
	Verbose  int  // -v count (0, 1 and 2 are matched to tcpdump)
	Hex      int  // -x (1) / -xx (2): hex dump without / with link header
	HexASCII int  // -X (1) / -XX (2): hex and ASCII dump
	ASCII    int  // -A (1) / -AA (2): ASCII dump
	Number   bool // -#: packet number before each line
	AbsSeq   bool // -S: absolute TCP sequence numbers

	LineBuffered bool // -l: flush after each packet
}

// MaxSnaplen is tcpdump's MAXIMUM_SNAPLEN; longer records are reported as
// invalid headers, as tcpdump does.
const MaxSnaplen = 262144

// Printer formats packets. It is not safe for concurrent use.
type Printer struct {
	w   *bufio.Writer
	o   Options
	loc *time.Location

	buf []byte // the line being built

	// per-packet dissection state
	pkt             []byte // captured bytes
	snapend         int    // index in pkt past the last byte printers may read
	proto           string // ndo_protocol: name used for " [|proto]"
	llhdr           int    // link-level header length (for -x/-X/-A)
	suppressDefault bool
	// tcpdump's stack of saved snapshot ends (nd_push_snaplen): its depth
	// and the end saved by the top entry, for nd_change_snaplen.
	snapDepth int
	snapSaved int

	count   uint64 // packets printed
	refSet  bool   // -ttt/-ttttt reference time stamp
	refSec  int64
	refFrac int64

	seq4 map[tcpKey4]tcpSeq
	seq6 map[tcpKey6]tcpSeq
}

// New returns a Printer writing to w.
func New(w io.Writer, o Options) *Printer {
	loc := o.Location
	if loc == nil {
		loc = time.Local
	}
	return &Printer{
		w:               bufio.NewWriterSize(w, 64<<10),
		o:               o,
		loc:             loc,
		buf:             make([]byte, 0, 1024),
		suppressDefault: o.Quiet || o.Hex > 0 || o.HexASCII > 0,
		seq4:            make(map[tcpKey4]tcpSeq),
		seq6:            make(map[tcpKey6]tcpSeq),
	}
}

// Flush writes buffered output.
func (p *Printer) Flush() error { return p.w.Flush() }

// truncated is the panic value printers use to abandon a packet that ends
// too early, as tcpdump's longjmp does.
type truncated struct{}

// ErrBadLength is returned for a negative original length.
var ErrBadLength = errors.New("printer: negative packet length")

// Print formats one Ethernet frame captured at ts: data holds the captured
// bytes and origLen the length on the wire (origLen >= len(data) normally).
func (p *Printer) Print(ts time.Time, data []byte, origLen int) error {
	if origLen < 0 {
		return ErrBadLength
	}
	p.buf = p.AppendPacket(p.buf[:0], ts, data, origLen)
	if _, err := p.w.Write(p.buf); err != nil {
		return err
	}
	if p.o.LineBuffered {
		return p.w.Flush()
	}
	return nil
}

// AppendPacket appends the text for one packet (including the trailing
// newline) to dst and returns it.
func (p *Printer) AppendPacket(dst []byte, ts time.Time, data []byte, origLen int) []byte {
	p.buf = dst
	p.count++
	if p.o.Number {
		p.padUint(p.count, 5)
		p.s("  ")
	}
	caplen := len(data)
	invalid := false
	sep := func() {
		if !invalid {
			invalid = true
			p.s("[Invalid header:")
		} else {
			p.s(",")
		}
	}
	if caplen == 0 {
		invalid = true
		p.s("[Invalid header: caplen==0")
	}
	if origLen == 0 {
		sep()
		p.s(" len==0")
	} else if origLen < caplen {
		sep()
		p.s(" len(")
		p.u(uint64(origLen))
		p.s(") < caplen(")
		p.u(uint64(caplen))
		p.s(")")
	}
	if caplen > MaxSnaplen {
		sep()
		p.s(" caplen(")
		p.u(uint64(caplen))
		p.s(") > 262144")
	}
	if origLen > MaxSnaplen {
		sep()
		p.s(" len(")
		p.u(uint64(origLen))
		p.s(") > 262144")
	}
	if invalid {
		p.s("]\n")
		return p.buf
	}
	p.timestamp(ts)

	p.pkt = data
	p.snapend = caplen
	p.proto = ""
	p.llhdr = 0
	p.snapDepth, p.snapSaved = 0, 0
	p.dissect(origLen, caplen)
	p.snapend = caplen

	hdr := p.llhdr
	switch {
	case p.o.HexASCII > 0:
		if p.o.HexASCII > 1 {
			p.hexASCII("\n\t", data)
		} else if caplen > hdr {
			p.hexASCII("\n\t", data[hdr:])
		}
	case p.o.Hex > 0:
		if p.o.Hex > 1 {
			p.hexOnly("\n\t", data)
		} else if caplen > hdr {
			p.hexOnly("\n\t", data[hdr:])
		}
	case p.o.ASCII > 0:
		if p.o.ASCII > 1 {
			p.asciiDump(data)
		} else if caplen > hdr {
			p.asciiDump(data[hdr:])
		}
	}
	p.s("\n")
	p.pkt = nil
	return p.buf
}

func (p *Printer) dissect(origLen, caplen int) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(truncated); !ok {
				panic(r)
			}
			p.trunc()
			p.llhdr = 0
		}
	}()
	p.proto = "ether"
	p.llhdr = p.ether(0, origLen, caplen)
}

// ---- time stamps ----

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
		p.hms(ts.In(p.loc), false, frac, sec)
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

func (p *Printer) trunc() {
	p.s(" [|")
	p.s(p.proto)
	p.s("]")
}

// ---- bounds-checked reads: panic(truncated{}) past the snapshot end ----

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

// ---- addresses ----

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

// ---- dumps, as tcpdump's print-ascii.c ----

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
