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

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/xdpdump/xdpdump/filter"
)

// Savefile is an open -r file: classic pcap (any byte order, micro- or
// nanosecond) or pcapng.
type Savefile struct {
	name    string
	ng      *pcapgo.NgReader
	pcap    *pcapgo.Reader
	snaplen int
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

// Open detects the format by its magic number and checks that
// the packets are Ethernet, the only link type xdpdump filters and prints.
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

// Next reads one packet; io.EOF at the end.
func (sf *Savefile) Next(f *Frame) error {
	var err error
	if sf.ng != nil {
		f.Data, f.CI, f.Opts, err = sf.ng.ReadPacketDataWithOptions()
		f.Iface = f.CI.InterfaceIndex
	} else {
		f.Data, f.CI, err = sf.pcap.ReadPacketData()
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
