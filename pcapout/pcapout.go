// Package pcapout writes captured packets as pcapng (the default) or as
// classic pcap with nanosecond timestamps.
//
// The pcapng writer carries everything xdpdump knows about a packet: one
// interface description block (IDB) per interface with if_name,
// if_description, if_filter, if_hardware, if_tsresol=9 and the 32-bit snap
// length; one enhanced packet block (EPB) per packet with epb_flags
// (direction), epb_queue, epb_packetid, epb_dropcount and epb_verdict; and
// interface statistics blocks (ISB) at the end. Classic pcap can carry none
// of the per-packet options: they are dropped there.
//
// The block encoding is done here rather than by gopacket's pcapgo.NgWriter:
// pcapgo allocates for every packet that has options and cannot write
// if_hardware nor the isb_filteraccept/isb_osdrop/isb_usrdeliv counters.
// The files are checked against pcapgo's readers, tcpdump (libpcap) and
// tshark (wiretap) in the tests.
//
// A Writer is not safe for concurrent use.
package pcapout

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"time"
)

// Format is the output file format.
type Format int

const (
	PcapNG Format = iota // pcapng (draft-ietf-opsawg-pcapng), the default
	Pcap                 // classic pcap, nanosecond magic 0xa1b23c4d
)

// ParseFormat parses the --format value: "pcapng" or "pcap".
func ParseFormat(s string) (Format, error) {
	switch s {
	case "pcapng", "ng", "":
		return PcapNG, nil
	case "pcap":
		return Pcap, nil
	}
	return 0, fmt.Errorf("unknown output format %q (want pcapng or pcap)", s)
}

func (f Format) String() string {
	switch f {
	case PcapNG:
		return "pcapng"
	case Pcap:
		return "pcap"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// DefaultSnaplen is the snap length written when an Interface leaves
// Snaplen at 0.
const DefaultSnaplen = 262144

// MaxSnaplen is the largest snap length AddInterface accepts: libpcap's
// and Wireshark's limit for Ethernet and raw IP. Both refuse files with a
// packet of more captured bytes ("invalid packet capture length").
const MaxSnaplen = 262144

// Link types (www.tcpdump.org/linktypes.html).
const (
	LinkTypeEthernet = 1   // LINKTYPE_ETHERNET (DLT_EN10MB)
	LinkTypeRaw      = 101 // LINKTYPE_RAW: packets start with an IPv4/IPv6 header
)

// Interface describes one capture interface (one IDB in pcapng).
type Interface struct {
	Name        string // if_name, e.g. "eth0"
	Description string // if_description, free text (e.g. "XDP ingress")
	Filter      string // if_filter, the tcpdump expression (filter type 0)
	Hardware    string // if_hardware, e.g. the ethtool driver name
	Snaplen     uint32 // 0 = DefaultSnaplen
	LinkType    uint16 // 0 = LinkTypeEthernet
	// Ifindex is not written to the file; it is kept for the caller's
	// lookups (see Interfaces).
	Ifindex int
}

// Direction of a packet, written to bits 0-1 of epb_flags.
type Direction uint8

const (
	DirUnknown Direction = 0 // no epb_flags written
	Inbound    Direction = 1
	Outbound   Direction = 2
)

// VerdictType is the first octet of epb_verdict.
type VerdictType uint8

const (
	VerdictHardware VerdictType = 0 // hardware verdict (here always 8 bytes of Value)
	VerdictTC       VerdictType = 1 // Linux eBPF TC action (TC_ACT_*)
	VerdictXDP      VerdictType = 2 // Linux eBPF XDP action (XDP_*)
)

// XDP actions, the values of an XDP verdict.
const (
	XDPAborted  = 0
	XDPDrop     = 1
	XDPPass     = 2
	XDPTX       = 3
	XDPRedirect = 4
)

// Verdict is an epb_verdict: a type and a 64-bit action.
type Verdict struct {
	Type  VerdictType
	Value uint64
}

// XDPVerdict returns the verdict for an XDP action (e.g. XDPTX).
func XDPVerdict(action uint32) Verdict { return Verdict{Type: VerdictXDP, Value: uint64(action)} }

// Packet is one packet to write. Zero values of the optional fields mean
// "not known": nothing is written for them.
type Packet struct {
	Timestamp time.Time
	// UnixNano, when not 0, is the time stamp in nanoseconds since 1970
	// instead of Timestamp, for a caller that has it so (a kernel clock):
	// no time.Time to build and take apart per packet. Time returns
	// either.
	UnixNano       int64
	CaptureLength  int // 0 = len(Data); otherwise must equal len(Data)
	OriginalLength int // length on the wire; 0 = CaptureLength
	Data           []byte
	Interface      int // index returned by AddInterface
	Direction      Direction
	Queue          uint32 // epb_queue, written when HasQueue
	HasQueue       bool
	PacketID       uint64 // epb_packetid, written when HasPacketID
	HasPacketID    bool
	DropCount      uint64 // epb_dropcount: lost since the previous packet of this interface; 0 = omit
	Verdict        Verdict
	HasVerdict     bool
}

// Time is the packet's time stamp: UnixNano's when set, else Timestamp.
func (p *Packet) Time() time.Time {
	if p.UnixNano != 0 {
		return time.Unix(0, p.UnixNano)
	}
	return p.Timestamp
}

// NoValue in a Stats counter means "unknown": the option is not written.
const NoValue = math.MaxUint64

// Stats are the counters of one interface statistics block. Counters set
// to NoValue are left out; a zero time is left out.
type Stats struct {
	Received       uint64 // isb_ifrecv: packets the hook saw
	Dropped        uint64 // isb_ifdrop: packets the interface dropped
	FilterAccepted uint64 // isb_filteraccept: packets that matched the filter
	OSDropped      uint64 // isb_osdrop: matched but lost (ring full, ...)
	Delivered      uint64 // isb_usrdeliv: packets written to this file
	Start, End     time.Time
}

// Options configure a Writer. Empty strings are filled from the running
// system (uname, /proc/cpuinfo).
type Options struct {
	App      string // shb_userappl, e.g. "xdpdump 1.2.3"
	OS       string // shb_os; "" = "Linux <release>"
	Hardware string // shb_hardware; "" = "<CPU model> (<machine>)"
	Comment  string // opt_comment of the section header, "" = none
	// PacketBuffered flushes after every packet (tcpdump -U), so a reader
	// at the other end of a pipe sees each packet at once.
	PacketBuffered bool
	BufferSize     int // 0 = 256 KiB
}

// ErrClosed is returned for use of a Writer after Close.
var ErrClosed = errors.New("pcapout: writer is closed")

const (
	blockSHB = 0x0A0D0D0A
	blockIDB = 1
	blockISB = 5
	blockEPB = 6

	optEnd     = 0
	optComment = 1

	shbHardware = 2
	shbOS       = 3
	shbUserAppl = 4

	ifName        = 2
	ifDescription = 3
	ifTsresol     = 9
	ifFilter      = 11
	ifHardware    = 15

	epbFlags     = 2
	epbDropCount = 4
	epbPacketID  = 5
	epbQueue     = 6
	epbVerdict   = 7

	isbStartTime    = 2
	isbEndTime      = 3
	isbIfRecv       = 4
	isbIfDrop       = 5
	isbFilterAccept = 6
	isbOSDrop       = 7
	isbUsrDeliv     = 8

	pcapMagicNanos = 0xa1b23c4d
	pcapHeaderLen  = 24 // the file header
	pcapRecordHdr  = 16 // a record's header: seconds, nanoseconds, caplen, len

	// epbFixed is the EPB header (8) + interface id, ts (8), caplen, len;
	// epbMaxTail is the largest tail we ever write: data padding (3),
	// options flags (8), dropcount (12), packetid (12), queue (8),
	// verdict (16), end (4), and the trailing length (4).
	epbFixed   = 28
	epbMaxTail = 3 + 8 + 12 + 12 + 8 + 16 + 4 + 4

	maxOptLen = 0xffff
)

// Writer writes one capture file. Blocks are buffered; Flush (or
// Options.PacketBuffered) pushes them out. Any write error is sticky: the
// call that hit it and every later call return it.
type Writer struct {
	buf     []byte // whole blocks, not yet written (books.go)
	n       int    // bytes in buf
	books   books  // what of the stream reached the io.Writer
	format  Format
	opts    Options
	ifaces  []Interface
	closed  bool
	wroteHd bool // pcap: file header written
	hdSnap  uint32
	hdLink  uint16
	err     error

	// A block larger than the buffer is put together here, around its
	// packet's data.
	hdr [epbFixed]byte
	opt [epbMaxTail]byte
}

// NewWriter is NewWriterOptions with only the application name set; app
// goes into shb_userappl (e.g. "xdpdump 1.2.3").
func NewWriter(w io.Writer, f Format, app string) (*Writer, error) {
	return NewWriterOptions(w, f, Options{App: app})
}

// NewWriterOptions starts a file on w: for pcapng the section header block
// is written to the buffer now; for pcap the file header is written when
// the first packet is written or at the first Flush (its snap length and
// link type come from the interfaces added by then). w is not closed by
// Close.
func NewWriterOptions(w io.Writer, f Format, o Options) (*Writer, error) {
	if w == nil {
		return nil, errors.New("pcapout: nil io.Writer")
	}
	if f != PcapNG && f != Pcap {
		return nil, fmt.Errorf("pcapout: unknown format %v", f)
	}
	if o.BufferSize <= 0 {
		o.BufferSize = 256 << 10
	}
	if o.BufferSize < 4096 {
		o.BufferSize = 4096
	}
	if o.OS == "" {
		o.OS = systemOS()
	}
	if o.Hardware == "" {
		o.Hardware = systemHardware()
	}
	wr := &Writer{format: f, opts: o}
	wr.books.w = w
	wr.buf = make([]byte, o.BufferSize)
	if f == PcapNG {
		for _, s := range []string{o.App, o.OS, o.Hardware, o.Comment} {
			if len(s) > maxOptLen {
				return nil, fmt.Errorf("pcapout: section header option too long (%d bytes)", len(s))
			}
		}
		opts := optionList{
			{optComment, []byte(o.Comment)},
			{shbHardware, []byte(o.Hardware)},
			{shbOS, []byte(o.OS)},
			{shbUserAppl, []byte(o.App)},
		}
		body := make([]byte, 16, 16+opts.size())
		binary.LittleEndian.PutUint32(body[0:4], 0x1A2B3C4D)
		binary.LittleEndian.PutUint16(body[4:6], 1) // version 1.0
		binary.LittleEndian.PutUint16(body[6:8], 0)
		binary.LittleEndian.PutUint64(body[8:16], math.MaxUint64) // section length unknown
		body = opts.append(body)
		if err := wr.writeBlock(blockSHB, body); err != nil {
			return nil, err
		}
	}
	return wr, nil
}

// Format returns the writer's format.
func (w *Writer) Format() Format { return w.format }

// Interfaces returns the interfaces added so far, by index. The slice must
// not be modified.
func (w *Writer) Interfaces() []Interface { return w.ifaces }

// AddInterface declares an interface and returns the index that packets of
// this interface must use in Packet.Interface. In pcapng it writes an IDB.
// All interfaces of a file must have the same link type and snap length:
// libpcap refuses pcapng files that mix them, and classic pcap has one
// file header for all (written at the first packet or Flush, from the first
// interface, or DefaultSnaplen/Ethernet if none was added).
func (w *Writer) AddInterface(ifc Interface) (int, error) {
	if w.closed {
		return 0, ErrClosed
	}
	if w.err != nil {
		return 0, w.err
	}
	if ifc.Snaplen == 0 {
		ifc.Snaplen = DefaultSnaplen
	}
	if ifc.LinkType == 0 {
		ifc.LinkType = LinkTypeEthernet
	}
	if ifc.Snaplen > MaxSnaplen {
		return 0, fmt.Errorf("pcapout: interface %q: snap length %d exceeds %d, the largest libpcap and Wireshark read", ifc.Name, ifc.Snaplen, MaxSnaplen)
	}
	idx := len(w.ifaces)
	// libpcap (tcpdump) refuses pcapng files whose interfaces differ in
	// link type or snap length, and classic pcap has one header for all.
	if idx > 0 {
		first := &w.ifaces[0]
		if ifc.LinkType != first.LinkType {
			return 0, fmt.Errorf("pcapout: interface %q: link type %d differs from %d of interface %q; one file holds one link type",
				ifc.Name, ifc.LinkType, first.LinkType, first.Name)
		}
		if ifc.Snaplen != first.Snaplen {
			return 0, fmt.Errorf("pcapout: interface %q: snap length %d differs from %d of interface %q; one file holds one snap length",
				ifc.Name, ifc.Snaplen, first.Snaplen, first.Name)
		}
	}
	switch w.format {
	case Pcap:
		if w.wroteHd && (ifc.Snaplen != w.hdSnap || ifc.LinkType != w.hdLink) {
			return 0, fmt.Errorf("pcapout: interface %q: snap length %d / link type %d differ from the pcap header already written (%d / %d)",
				ifc.Name, ifc.Snaplen, ifc.LinkType, w.hdSnap, w.hdLink)
		}
	case PcapNG:
		for _, s := range []string{ifc.Name, ifc.Description, ifc.Hardware} {
			if len(s) > maxOptLen {
				return 0, fmt.Errorf("pcapout: interface %q: option too long (%d bytes)", ifc.Name, len(s))
			}
		}
		if len(ifc.Filter)+1 > maxOptLen {
			return 0, fmt.Errorf("pcapout: interface %q: filter too long (%d bytes)", ifc.Name, len(ifc.Filter))
		}
		var filter []byte
		if ifc.Filter != "" {
			filter = append([]byte{0}, ifc.Filter...) // type 0: libpcap filter string
		}
		opts := optionList{
			{ifName, []byte(ifc.Name)},
			{ifDescription, []byte(ifc.Description)},
			{ifTsresol, []byte{9}}, // nanoseconds
			{ifFilter, filter},
			{ifHardware, []byte(ifc.Hardware)},
		}
		body := make([]byte, 8, 8+opts.size())
		binary.LittleEndian.PutUint16(body[0:2], ifc.LinkType)
		binary.LittleEndian.PutUint32(body[4:8], ifc.Snaplen)
		body = opts.append(body)
		if err := w.writeBlock(blockIDB, body); err != nil {
			return 0, err
		}
		w.headers()
	}
	w.books.addInterface()
	w.ifaces = append(w.ifaces, ifc)
	return idx, nil
}

// WritePacket writes one packet. It does not allocate. With
// Options.PacketBuffered it also flushes.
func (w *Writer) WritePacket(p *Packet) error {
	if w.closed {
		return ErrClosed
	}
	if w.err != nil {
		return w.err
	}
	if p.Interface < 0 || p.Interface >= len(w.ifaces) {
		return fmt.Errorf("pcapout: packet for interface %d, but %d interfaces were added", p.Interface, len(w.ifaces))
	}
	ifc := &w.ifaces[p.Interface]
	caplen := len(p.Data)
	if p.CaptureLength != 0 && p.CaptureLength != caplen {
		return fmt.Errorf("pcapout: capture length %d but %d bytes of data", p.CaptureLength, caplen)
	}
	origlen := p.OriginalLength
	if origlen == 0 {
		origlen = caplen
	}
	if origlen < caplen || origlen > math.MaxUint32 {
		return fmt.Errorf("pcapout: original length %d invalid for capture length %d", p.OriginalLength, caplen)
	}
	if uint64(caplen) > uint64(ifc.Snaplen) {
		return fmt.Errorf("pcapout: capture length %d exceeds interface %q snap length %d", caplen, ifc.Name, ifc.Snaplen)
	}
	if p.Direction > Outbound {
		return fmt.Errorf("pcapout: invalid direction %d", p.Direction)
	}
	ts, ok := w.stamp(p)
	if !ok {
		return fmt.Errorf("pcapout: timestamp %v out of range", p.Time())
	}
	var err error
	if w.format == Pcap {
		err = w.writePcapPacket(p, caplen, origlen, ts)
	} else {
		err = w.writeEPB(p, caplen, origlen, ts)
	}
	if err == nil && w.opts.PacketBuffered {
		err = w.flushBuffer()
	}
	if err != nil {
		return w.fail("writing packet", err)
	}
	return nil
}

// stamp is p's time stamp in nanoseconds since 1970, and whether format
// f can hold it.
func (w *Writer) stamp(p *Packet) (uint64, bool) {
	if p.UnixNano != 0 {
		return uint64(p.UnixNano), p.UnixNano > 0 && (w.format == PcapNG || p.UnixNano/1e9 <= math.MaxUint32)
	}
	sec, nsec := p.Timestamp.Unix(), p.Timestamp.Nanosecond()
	if !inRange(w.format, sec, nsec) {
		return 0, false
	}
	return uint64(sec)*1e9 + uint64(nsec), true
}

// inRange says whether a time of sec seconds and nsec nanoseconds since
// 1970 can be written in format f: pcapng's 64-bit nanoseconds end in
// 2262 (time.Time.UnixNano's limit too), classic pcap's 32-bit seconds in
// 2106.
func inRange(f Format, sec int64, nsec int) bool {
	const maxSec, maxNsec = math.MaxInt64 / 1_000_000_000, math.MaxInt64 % 1_000_000_000
	if f == Pcap {
		return sec >= 0 && sec <= math.MaxUint32
	}
	return sec >= 0 && (sec < maxSec || sec == maxSec && nsec < maxNsec)
}

func (w *Writer) writePcapPacket(p *Packet, caplen, origlen int, ts uint64) error {
	if err := w.pcapHeader(); err != nil {
		return err
	}
	size := pcapRecordHdr + caplen
	b, err := w.room(size)
	if err != nil {
		return err
	}
	h := w.hdr[:pcapRecordHdr]
	if b != nil {
		h = b[:pcapRecordHdr]
	}
	binary.LittleEndian.PutUint32(h[0:4], uint32(ts/1e9))
	binary.LittleEndian.PutUint32(h[4:8], uint32(ts%1e9))
	binary.LittleEndian.PutUint32(h[8:12], uint32(caplen))
	binary.LittleEndian.PutUint32(h[12:16], uint32(origlen))
	if b == nil {
		return w.writeDirect(p.Interface, h, p.Data)
	}
	copy(b[pcapRecordHdr:], p.Data)
	w.appended(size, p.Interface)
	return nil
}

// pcapHeader writes the classic pcap file header once, with the first
// interface's snap length and link type.
func (w *Writer) pcapHeader() error {
	if w.wroteHd {
		return nil
	}
	w.hdSnap, w.hdLink = DefaultSnaplen, LinkTypeEthernet
	if len(w.ifaces) > 0 {
		w.hdSnap, w.hdLink = w.ifaces[0].Snaplen, w.ifaces[0].LinkType
	}
	b, err := w.room(pcapHeaderLen) // the buffer is at least 4096 bytes
	if err != nil {
		return err
	}
	clear(b)
	binary.LittleEndian.PutUint32(b[0:4], pcapMagicNanos)
	binary.LittleEndian.PutUint16(b[4:6], 2)
	binary.LittleEndian.PutUint16(b[6:8], 4)
	// thiszone and sigfigs stay 0.
	binary.LittleEndian.PutUint32(b[16:20], w.hdSnap)
	binary.LittleEndian.PutUint32(b[20:24], uint32(w.hdLink))
	w.wroteHd = true
	w.appended(pcapHeaderLen, -1)
	w.headers()
	return nil
}

func (w *Writer) writeEPB(p *Packet, caplen, origlen int, ts uint64) error {
	pad := (4 - caplen&3) & 3
	opts := 0
	if p.Direction != DirUnknown {
		opts += 8
	}
	if p.DropCount != 0 {
		opts += 12
	}
	if p.HasPacketID {
		opts += 12
	}
	if p.HasQueue {
		opts += 8
	}
	if p.HasVerdict {
		opts += 16
	}
	if opts > 0 {
		opts += 4 // opt_endofopt
	}
	tail := pad + opts + 4
	total := epbFixed + caplen + tail // caplen <= MaxSnaplen: fits
	// The block is put together in the buffer itself: the header, the
	// data, the tail (padding, options, trailing length).
	b, err := w.room(total)
	if err != nil {
		return err
	}
	var h *[epbFixed]byte
	var t []byte
	if b != nil {
		h, t = (*[epbFixed]byte)(b), b[epbFixed+caplen:]
		copy(b[epbFixed:], p.Data)
	} else {
		h, t = &w.hdr, w.opt[:tail]
	}
	// Two 32-bit fields at a time: block type and length, interface and
	// the time stamp's high word, its low word and the captured length.
	le := binary.LittleEndian
	le.PutUint64(h[0:8], blockEPB|uint64(total)<<32)
	le.PutUint64(h[8:16], uint64(uint32(p.Interface))|(ts>>32)<<32)
	le.PutUint64(h[16:24], uint64(uint32(ts))|uint64(caplen)<<32)
	le.PutUint32(h[24:28], uint32(origlen))
	putEPBTail(t, p, pad, total)
	if b == nil {
		return w.writeDirect(p.Interface, h[:], p.Data, t)
	}
	w.appended(total, p.Interface)
	return nil
}

// putEPBTail writes an EPB's tail into t, exactly its size: pad zeros
// after the data, the options, opt_endofopt and the trailing length.
func putEPBTail(t []byte, p *Packet, pad, total int) {
	le := binary.LittleEndian
	i := 0
	for ; i < pad; i++ {
		t[i] = 0
	}
	// Each option header is its code and length, two 16-bit words; a
	// 4-byte option and its header are one 64-bit store.
	if p.Direction != DirUnknown {
		le.PutUint64(t[i:], epbFlags|4<<16|uint64(p.Direction)<<32)
		i += 8
	}
	if p.DropCount != 0 {
		le.PutUint32(t[i:], epbDropCount|8<<16)
		le.PutUint64(t[i+4:], p.DropCount)
		i += 12
	}
	if p.HasPacketID {
		le.PutUint32(t[i:], epbPacketID|8<<16)
		le.PutUint64(t[i+4:], p.PacketID)
		i += 12
	}
	if p.HasQueue {
		le.PutUint64(t[i:], epbQueue|4<<16|uint64(p.Queue)<<32)
		i += 8
	}
	if p.HasVerdict {
		le.PutUint32(t[i:], epbVerdict|9<<16)
		t[i+4] = byte(p.Verdict.Type)
		le.PutUint64(t[i+5:], p.Verdict.Value)
		t[i+13], t[i+14], t[i+15] = 0, 0, 0 // 9 -> 12
		i += 16
	}
	if i > pad {
		le.PutUint64(t[i:], optEnd|uint64(total)<<32)
		return
	}
	le.PutUint32(t[i:], uint32(total))
}

// WriteStats writes an interface statistics block for interface iface
// (pcapng; a no-op for pcap). Call it before Close, typically once per
// interface at the end of the capture.
func (w *Writer) WriteStats(iface int, s Stats) error {
	if w.closed {
		return ErrClosed
	}
	if w.err != nil {
		return w.err
	}
	if iface < 0 || iface >= len(w.ifaces) {
		return fmt.Errorf("pcapout: statistics for interface %d, but %d interfaces were added", iface, len(w.ifaces))
	}
	if w.format == Pcap {
		return nil
	}
	for _, t := range []time.Time{s.Start, s.End} {
		if !t.IsZero() && !inRange(PcapNG, t.Unix(), t.Nanosecond()) {
			return fmt.Errorf("pcapout: statistics time %v out of range", t)
		}
	}
	var opts optionList
	tsopt := func(code uint16, t time.Time) {
		if !t.IsZero() {
			opts = append(opts, option{code, tsBytes(t)})
		}
	}
	cnt := func(code uint16, v uint64) {
		if v != NoValue {
			opts = append(opts, option{code, binary.LittleEndian.AppendUint64(nil, v)})
		}
	}
	tsopt(isbStartTime, s.Start)
	tsopt(isbEndTime, s.End)
	cnt(isbIfRecv, s.Received)
	cnt(isbIfDrop, s.Dropped)
	cnt(isbFilterAccept, s.FilterAccepted)
	cnt(isbOSDrop, s.OSDropped)
	cnt(isbUsrDeliv, s.Delivered)
	when := s.End
	if when.IsZero() {
		when = time.Now()
	}
	body := make([]byte, 0, 12+opts.size())
	body = binary.LittleEndian.AppendUint32(body, uint32(iface))
	body = append(body, tsBytes(when)...)
	body = opts.append(body)
	return w.writeBlock(blockISB, body)
}

// tsBytes encodes a timestamp in if_tsresol=9 units, high word first.
func tsBytes(t time.Time) []byte {
	ts := uint64(t.UnixNano())
	b := binary.LittleEndian.AppendUint32(nil, uint32(ts>>32))
	return binary.LittleEndian.AppendUint32(b, uint32(ts))
}

// Flush writes out everything buffered (for pcap, at least the file
// header).
func (w *Writer) Flush() error {
	if w.closed {
		return ErrClosed
	}
	if w.err != nil {
		return w.err
	}
	if w.format == Pcap {
		if err := w.pcapHeader(); err != nil {
			return w.fail("writing pcap header", err)
		}
	}
	if err := w.flushBuffer(); err != nil {
		return w.fail("flushing", err)
	}
	return nil
}

// Close flushes and marks the writer closed. It does not close the
// underlying io.Writer. A second Close returns nil.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	err := w.Flush()
	w.closed = true
	return err
}

func (w *Writer) fail(what string, err error) error {
	if w.err == nil {
		w.err = fmt.Errorf("pcapout: %s: %w", what, err)
	}
	return w.err
}

// writeBlock writes a pcapng block: type, length, body (a multiple of 4
// bytes), length.
func (w *Writer) writeBlock(typ uint32, body []byte) error {
	if len(body)&3 != 0 {
		return fmt.Errorf("pcapout: internal error: block body of %d bytes is not 32-bit aligned", len(body))
	}
	total := 12 + len(body)
	b := make([]byte, 0, total)
	b = binary.LittleEndian.AppendUint32(b, typ)
	b = binary.LittleEndian.AppendUint32(b, uint32(total))
	b = append(b, body...)
	b = binary.LittleEndian.AppendUint32(b, uint32(total))
	room, err := w.room(total)
	if err == nil && room == nil {
		err = w.writeDirect(-1, b)
	} else if err == nil {
		copy(room, b)
		w.appended(total, -1)
	}
	if err != nil {
		return w.fail("writing block", err)
	}
	return nil
}

type option struct {
	code  uint16
	value []byte // empty: option left out
}

type optionList []option

func (l optionList) size() int {
	n := 0
	for _, o := range l {
		if len(o.value) > 0 {
			n += 4 + (len(o.value)+3)&^3
		}
	}
	if n > 0 {
		n += 4
	}
	return n
}

func (l optionList) append(b []byte) []byte {
	wrote := false
	for _, o := range l {
		if len(o.value) == 0 {
			continue
		}
		wrote = true
		b = putOptHdr(b, o.code, uint16(len(o.value)))
		b = append(b, o.value...)
		for i := len(o.value); i&3 != 0; i++ {
			b = append(b, 0)
		}
	}
	if wrote {
		b = putOptHdr(b, optEnd, 0)
	}
	return b
}

func putOptHdr(b []byte, code, length uint16) []byte {
	b = binary.LittleEndian.AppendUint16(b, code)
	return binary.LittleEndian.AppendUint16(b, length)
}
