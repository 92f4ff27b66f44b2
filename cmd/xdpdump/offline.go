package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/pcapout"
)

// savefile is an open -r file: classic pcap (any byte order, micro- or
// nanosecond) or pcapng.
type savefile struct {
	name    string
	ng      *pcapgo.NgReader
	pcap    *pcapgo.Reader
	snaplen int
	// Classic pcap records are read here rather than by pcapgo, which
	// refuses a record whose capture length exceeds its original length;
	// tcpdump prints those ("[Invalid header: len(N) < caplen(M)]").
	recs  io.Reader
	order binary.ByteOrder
	nsec  int64 // nanoseconds per unit of the time stamp's fraction
	hdr   [16]byte
}

// frame is one packet read from a savefile with what pcapng said of it.
type frame struct {
	data  []byte
	ci    gopacket.CaptureInfo
	iface int
	opts  pcapgo.NgPacketOptions
}

var (
	magicNG      = []byte{0x0a, 0x0d, 0x0d, 0x0a}
	pcapMagicsLE = map[uint32]bool{0xa1b2c3d4: true, 0xa1b23c4d: true, 0xd4c3b2a1: true, 0x4d3cb2a1: true}
)

// openSavefile detects the format by its magic number and checks that
// the packets are Ethernet, the only link type xdpdump filters and prints.
func openSavefile(name string, r io.Reader) (*savefile, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	magic, err := br.Peek(4)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: truncated dump file; tried to read 4 file header bytes, only got %d", name, len(magic))
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sf := &savefile{name: name}
	var lt layers.LinkType
	switch {
	case string(magic) == string(magicNG):
		sf.ng, err = pcapgo.NewNgReader(br, pcapgo.NgReaderOptions{})
		if err != nil {
			return nil, fmt.Errorf("%s: not a readable pcapng file: %v", name, err)
		}
		lt = sf.ng.LinkType()
		if sf.ng.NInterfaces() > 0 {
			ifc, _ := sf.ng.Interface(0)
			sf.snaplen = int(ifc.SnapLength)
		}
	case pcapMagicsLE[binary.LittleEndian.Uint32(magic)]:
		sf.pcap, err = pcapgo.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: not a readable pcap file: %v", name, err)
		}
		lt = sf.pcap.LinkType()
		sf.snaplen = int(sf.pcap.Snaplen())
		sf.recs, sf.order, sf.nsec = br, binary.LittleEndian, 1000
		switch binary.LittleEndian.Uint32(magic) {
		case 0xd4c3b2a1, 0x4d3cb2a1:
			sf.order = binary.BigEndian
		}
		switch binary.LittleEndian.Uint32(magic) {
		case 0xa1b23c4d, 0x4d3cb2a1:
			sf.nsec = 1
		}
	default:
		return nil, fmt.Errorf("%s: unknown file format", name)
	}
	if sf.ng != nil && sf.ng.NInterfaces() == 0 {
		// An empty section: no packet can follow without an interface;
		// libpcap says the same.
		return nil, fmt.Errorf("%s: the capture file has no Interface Description Blocks", name)
	}
	if lt != layers.LinkTypeEthernet {
		return nil, fmt.Errorf("%s: link-type %s (%d) is not supported: xdpdump reads Ethernet (EN10MB) files only", name, lt, int(lt))
	}
	if sf.snaplen <= 0 || sf.snaplen > filter.DefaultSnaplen {
		// libpcap reports the largest snap length for 0 or a bogus one.
		sf.snaplen = filter.DefaultSnaplen
	}
	return sf, nil
}

// next reads one packet; io.EOF at the end.
func (sf *savefile) next(f *frame) error {
	var err error
	if sf.ng != nil {
		f.data, f.ci, f.opts, err = sf.ng.ReadPacketDataWithOptions()
		f.iface = f.ci.InterfaceIndex
	} else {
		f.data, f.ci, err = sf.readRecord()
		f.iface = 0
	}
	if err == io.EOF {
		return io.EOF
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("%s: truncated dump file", sf.name)
		}
		return fmt.Errorf("%s: %v", sf.name, err)
	}
	return nil
}

// readRecord reads one classic pcap record as pcapgo's ReadPacketData
// does, without its refusal of a capture length above the original length.
func (sf *savefile) readRecord() ([]byte, gopacket.CaptureInfo, error) {
	var ci gopacket.CaptureInfo
	if _, err := io.ReadFull(sf.recs, sf.hdr[:]); err != nil {
		return nil, ci, err
	}
	o := sf.order
	ci.Timestamp = time.Unix(int64(o.Uint32(sf.hdr[0:4])), int64(o.Uint32(sf.hdr[4:8]))*sf.nsec).UTC()
	ci.CaptureLength = int(o.Uint32(sf.hdr[8:12]))
	ci.Length = int(o.Uint32(sf.hdr[12:16]))
	if max := max(int(sf.pcap.Snaplen()), pcapout.MaxSnaplen); ci.CaptureLength > max {
		return nil, ci, fmt.Errorf("capture length exceeds snap length: %d > %d", ci.CaptureLength, sf.pcap.Snaplen())
	}
	data := make([]byte, ci.CaptureLength)
	if _, err := io.ReadFull(sf.recs, data); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, ci, err
	}
	return data, ci, nil
}

// offline is -r: read a savefile, filter it in user space with libpcap's
// own interpreter, and print it or write it (-w, with rotation).
func offline(o *options, stdin io.Reader, stdout, stderr io.Writer) (err error) {
	if len(o.ifaces) > 0 {
		return usageError{"-r and -i together: read a file or capture, not both"}
	}
	var prog *filter.Program
	if o.expr != "" {
		if prog, err = filter.CompileCBPF(o.expr, o.snaplen); err != nil {
			return err
		}
	}
	var in io.Reader = stdin
	if o.read != "-" {
		f, err := os.Open(o.read)
		if err != nil {
			return fmt.Errorf("%s: %w", o.read, unwrapPathError(err))
		}
		defer f.Close()
		in = f
	}
	sf, err := openSavefile(o.read, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "reading from file %s, link-type EN10MB (Ethernet), snapshot length %d\n", o.read, sf.snaplen)

	// The first packet before the output: with -G its time names the
	// first file.
	var fr frame
	first := sf.next(&fr)
	if first != nil && first != io.EOF {
		return first
	}

	w := &offlineWriter{o: o, sf: sf, stdout: stdout, stderr: stderr}
	if err := w.open(fr.ci.Timestamp, first == io.EOF); err != nil {
		return err
	}
	if err := dropPrivileges(ff.user, stderr); err != nil {
		w.abort()
		return err
	}
	var n uint64
	for readErr := first; ; readErr = sf.next(&fr) {
		if readErr == io.EOF {
			break
		}
		if readErr != nil {
			err = readErr
			break
		}
		if o.count > 0 && n >= uint64(o.count) {
			break
		}
		w.read(fr.iface)
		if prog != nil && prog.Match(fr.data, fr.ci.Length) == 0 {
			continue
		}
		if werr := w.write(&fr); werr != nil {
			if limitReached(werr, stderr) {
				break
			}
			err = werr
			break
		}
		n++
	}
	if cerr := w.close(); err == nil {
		err = cerr
	}
	return err
}

// offlineWriter is -r's output: printed lines, one file or rotated files.
type offlineWriter struct {
	o              *options
	sf             *savefile
	stdout, stderr io.Writer
	pr             linePrinter
	pw             packetWriter
	file           *os.File
	outIdx         map[int]int // savefile interface -> output interface
	ifaceCount     []pcapout.Stats
	pkt            pcapout.Packet
	firstTS        time.Time
	lastTS         time.Time
}

func (w *offlineWriter) open(firstTS time.Time, empty bool) error {
	o := w.o
	if o.write == "" {
		p, err := newLinePrinter(o, w.stdout)
		if err != nil {
			return err
		}
		w.pr = p
		return nil
	}
	format, err := pcapout.ParseFormat(o.format)
	if err != nil {
		return usageError{err.Error()}
	}
	popts := pcapout.Options{App: "xdpdump " + version, PacketBuffered: o.unbuffered}
	w.outIdx = map[int]int{}
	if ff.rotating() {
		if empty {
			firstTS = time.Time{}
		}
		rw, post, err := openRotating(o, format, popts, nil, firstTS, w.stats, w.stderr)
		if err != nil {
			return err
		}
		w.pw = rotating{rw, post}
		return nil
	}
	var out io.Writer = w.stdout
	if o.write != "-" {
		f, err := os.Create(o.write)
		if err != nil {
			return fmt.Errorf("%s: %w", o.write, unwrapPathError(err))
		}
		w.file, out = f, f
	}
	pw, err := pcapout.NewWriterOptions(out, format, popts)
	if err != nil {
		w.abort()
		return err
	}
	w.pw = pw
	return nil
}

// stats are the counters of the statistics blocks of -r -w: packets read
// and packets that matched, per interface.
func (w *offlineWriter) stats() []pcapout.Stats {
	return append([]pcapout.Stats(nil), w.ifaceCount...)
}

func (w *offlineWriter) read(iface int) {
	if w.pw == nil {
		return
	}
	for len(w.ifaceCount) <= iface {
		w.ifaceCount = append(w.ifaceCount, pcapout.Stats{Dropped: pcapout.NoValue, OSDropped: pcapout.NoValue})
	}
	w.ifaceCount[iface].Received++
}

// iface returns the output interface of savefile interface i, declaring
// it (and those before it, so the numbers stay) on first use.
func (w *offlineWriter) iface(i int) (int, error) {
	if idx, ok := w.outIdx[i]; ok {
		return idx, nil
	}
	for j := len(w.outIdx); j <= i; j++ {
		ifc := pcapout.Interface{Snaplen: uint32(w.sf.snaplen), Filter: w.o.expr}
		if w.sf.ng != nil {
			in, err := w.sf.ng.Interface(j)
			if err != nil {
				return 0, fmt.Errorf("%s: %v", w.sf.name, err)
			}
			ifc.Name, ifc.Description = in.Name, in.Description
			if in.SnapLength > 0 && in.SnapLength <= pcapout.MaxSnaplen {
				ifc.Snaplen = in.SnapLength
			}
			switch {
			case in.Filter != "" && w.o.expr != "":
				ifc.Filter = "(" + in.Filter + ") and (" + w.o.expr + ")"
			case in.Filter != "":
				ifc.Filter = in.Filter
			}
		}
		idx, err := w.pw.AddInterface(ifc)
		if err != nil {
			return 0, err
		}
		w.outIdx[j] = idx
	}
	return w.outIdx[i], nil
}

func (w *offlineWriter) write(fr *frame) error {
	if w.pr != nil {
		if err := w.pr.Print(fr.ci.Timestamp, fr.data, fr.ci.Length); err != nil {
			return writeError{"stdout", err}
		}
		return nil
	}
	idx, err := w.iface(fr.iface)
	if err != nil {
		return err
	}
	if fr.iface < len(w.ifaceCount) {
		w.ifaceCount[fr.iface].FilterAccepted++
	}
	if w.firstTS.IsZero() {
		w.firstTS = fr.ci.Timestamp
	}
	w.lastTS = fr.ci.Timestamp
	p := &w.pkt
	*p = pcapout.Packet{
		Timestamp:      fr.ci.Timestamp,
		OriginalLength: fr.ci.Length,
		Data:           fr.data,
		Interface:      idx,
	}
	if fr.opts.Flags != nil {
		p.Direction = pcapout.Direction(fr.opts.Flags.Direction & 3)
		if p.Direction > pcapout.Outbound {
			p.Direction = pcapout.DirUnknown
		}
	}
	if fr.opts.Queue != nil {
		p.Queue, p.HasQueue = *fr.opts.Queue, true
	}
	if fr.opts.PacketID != nil {
		p.PacketID, p.HasPacketID = *fr.opts.PacketID, true
	}
	if fr.opts.DropCount != nil {
		p.DropCount = *fr.opts.DropCount
	}
	for _, v := range fr.opts.Verdicts {
		if (v.Type == pcapgo.NgEpbVerdictType(pcapout.VerdictTC) || v.Type == pcapgo.NgEpbVerdictType(pcapout.VerdictXDP)) && len(v.Data) == 8 {
			p.Verdict = pcapout.Verdict{Type: pcapout.VerdictType(v.Type), Value: binary.LittleEndian.Uint64(v.Data)}
			p.HasVerdict = true
			break
		}
	}
	if err := w.pw.WritePacket(p); err != nil {
		if limitReachedErr(err) {
			return err
		}
		return writeError{w.name(), err}
	}
	return nil
}

func (w *offlineWriter) name() string {
	if w.o.write == "-" {
		return "stdout"
	}
	return w.o.write
}

// close writes the statistics blocks and closes the output.
func (w *offlineWriter) close() error {
	if w.pr != nil {
		return w.pr.Flush()
	}
	// A file without packets still declares the savefile's interfaces.
	if w.sf.ng != nil {
		if n := w.sf.ng.NInterfaces(); n > 0 && len(w.outIdx) < n {
			if _, err := w.iface(n - 1); err != nil {
				w.abort()
				return err
			}
		}
	} else if len(w.outIdx) == 0 {
		if _, err := w.iface(0); err != nil {
			w.abort()
			return err
		}
	}
	var err error
	for in := 0; in < len(w.outIdx); in++ {
		idx := w.outIdx[in]
		s := pcapout.Stats{Received: 0, FilterAccepted: 0, Dropped: pcapout.NoValue, OSDropped: pcapout.NoValue, Start: w.firstTS, End: w.lastTS}
		if in < len(w.ifaceCount) {
			s.Received, s.FilterAccepted = w.ifaceCount[in].Received, w.ifaceCount[in].FilterAccepted
			s.Delivered = s.FilterAccepted
		}
		if werr := w.pw.WriteStats(idx, s); werr != nil && err == nil {
			err = writeError{w.name(), werr}
		}
	}
	if cerr := w.pw.Close(); cerr != nil && err == nil {
		err = writeError{w.name(), cerr}
	}
	if w.file != nil {
		if cerr := w.file.Close(); cerr != nil && err == nil {
			err = writeError{w.name(), cerr}
		}
	}
	return err
}

func (w *offlineWriter) abort() {
	if w.file != nil {
		w.file.Close()
		w.file = nil
	}
}
