// The printer's API (Options, Printer, Print) and the per-packet entry
// point, which follows tcpdump 4.99.3's print.c (pretty_print_packet: the
// invalid-header checks, the time stamp, the link-layer printer, then the
// -x/-X/-A dumps).

package printer

import (
	"bufio"
	"errors"
	"io"
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
	CARP     bool // -T carp: IP protocol 112 is CARP, not VRRP (nothing else of -T)
	ASDot    bool // -b: BGP AS numbers above 65535 in asdot notation
	NFSRawFH bool // -u: NFS file handles as their words in hex, undecoded

	LineBuffered bool // -l: flush after each packet

	// Names prints host names, port names, MAC addresses' names and IP
	// protocol names as tcpdump does without -n (names.go); nil is -n.
	Names *NameOptions

	// Link, -K, -T and the interface names of cooked captures: linklayer.go.
	LinkOptions
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

	l2buf []byte // scratch for un-escaped PPP frames (ppp.go)

	count   uint64 // packets printed
	refSet  bool   // -ttt/-ttttt reference time stamp
	hmsSec  int64  // the second hmsText holds (default time stamps)
	hmsOK   bool
	hmsText [8]byte // "HH:MM:SS" of hmsSec
	refSec  int64
	refFrac int64

	seq4 map[tcpKey4]tcpSeq
	seq6 map[tcpKey6]tcpSeq

	ll linkState // linklayer.go

	ike ikeCache // ISAKMP initiator cookies (isakmp.go)

	nfs nfsXIDMap // recent NFS calls, to decode their replies (nfs.go)

	point string // printed after the time stamp (PrintExit)

	names *names // nil with -n (names.go)
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
		names:           newNames(o.Names),
	}
}

// Flush writes buffered output.
func (p *Printer) Flush() error { return p.w.Flush() }

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
	p.pointTag()

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
	p.llhdr = p.linkLayer(origLen, caplen)
}
