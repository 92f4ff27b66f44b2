// Package offline reads savefiles (-r): classic pcap in either byte order
// with micro- or nanosecond time stamps, and pcapng with its per-packet
// options, and copies their packets to a sink (-r -w), keeping each
// interface's counts for the statistics blocks.
package offline

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/pcapout"
)

// Savefile is an open -r file: classic pcap (any byte order, micro- or
// nanosecond) or pcapng.
type Savefile struct {
	name     string
	dlt      int  // libpcap's DLT of the packets (linktype.go)
	linktype int  // the file's LINKTYPE_ value
	swapped  bool // written in the other byte order than this machine's
	ng       *pcapgo.NgReader
	pcap     *pcapgo.Reader
	snaplen  int
	// Classic pcap records are read here rather than by pcapgo, which
	// refuses a record whose capture length exceeds its original length;
	// tcpdump prints those ("[Invalid header: len(N) < caplen(M)]").
	recs  io.Reader
	order binary.ByteOrder
	nsec  int64 // nanoseconds per unit of the time stamp's fraction
	hdr   [16]byte
}

// Snaplen is the file's snapshot length, as libpcap reports it.
func (sf *Savefile) Snaplen() int { return sf.snaplen }

// Frame is one packet read from a savefile with what pcapng said of it.
type Frame struct {
	Data  []byte
	CI    gopacket.CaptureInfo
	Iface int
	Opts  pcapgo.NgPacketOptions
}

var (
	magicNG      = []byte{0x0a, 0x0d, 0x0d, 0x0a}
	pcapMagicsLE = map[uint32]bool{0xa1b2c3d4: true, 0xa1b23c4d: true, 0xd4c3b2a1: true, 0x4d3cb2a1: true}
)

// Open detects the format by its magic number and checks that the
// packets' link type is one xdpdump filters and prints (Readable).
func Open(name string, r io.Reader) (*Savefile, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	magic, err := br.Peek(4)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: truncated dump file; tried to read 4 file header bytes, only got %d", name, len(magic))
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sf := &Savefile{name: name}
	var lt layers.LinkType
	switch {
	case string(magic) == string(magicNG):
		if b, err := br.Peek(12); err == nil {
			// The section's byte-order magic, as this machine reads it.
			sf.swapped = binary.NativeEndian.Uint32(b[8:]) != 0x1a2b3c4d
		}
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
		sf.swapped = binary.NativeEndian.Uint32(magic) != 0xa1b2c3d4 && binary.NativeEndian.Uint32(magic) != 0xa1b23c4d
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
	sf.linktype, sf.dlt = int(lt), filter.DLTOfLinkType(int(lt))
	if !readable(sf.dlt) {
		return nil, fmt.Errorf("%s: link-type %s is not supported: xdpdump reads Ethernet, Linux cooked (v1 and v2), raw IP and BSD loopback (NULL, LOOP) files", name, linkTypeName(sf.dlt))
	}
	if sf.snaplen <= 0 || sf.snaplen > filter.DefaultSnaplen {
		// libpcap reports the largest snap length for 0 or a bogus one.
		sf.snaplen = filter.DefaultSnaplen
	}
	return sf, nil
}

// Next reads one packet; io.EOF at the end.
func (sf *Savefile) Next(f *Frame) error {
	var err error
	if sf.ng != nil {
		f.Data, f.CI, f.Opts, err = sf.ng.ReadPacketDataWithOptions()
		f.Iface = f.CI.InterfaceIndex
	} else {
		f.Data, f.CI, err = sf.readRecord()
		f.Iface = 0
	}
	if errors.Is(err, io.EOF) {
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
func (sf *Savefile) readRecord() ([]byte, gopacket.CaptureInfo, error) {
	var ci gopacket.CaptureInfo
	if _, err := io.ReadFull(sf.recs, sf.hdr[:]); err != nil {
		return nil, ci, err
	}
	o := sf.order
	ci.Timestamp = time.Unix(int64(o.Uint32(sf.hdr[0:4])), int64(o.Uint32(sf.hdr[4:8]))*sf.nsec).UTC()
	ci.CaptureLength = int(o.Uint32(sf.hdr[8:12]))
	ci.Length = int(o.Uint32(sf.hdr[12:16]))
	if limit := max(int(sf.pcap.Snaplen()), pcapout.MaxSnaplen); ci.CaptureLength > limit {
		return nil, ci, fmt.Errorf("capture length exceeds snap length: %d > %d", ci.CaptureLength, sf.pcap.Snaplen())
	}
	data := make([]byte, ci.CaptureLength)
	if _, err := io.ReadFull(sf.recs, data); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, ci, err
	}
	return data, ci, nil
}
