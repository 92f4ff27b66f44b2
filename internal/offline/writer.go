package offline

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/gopacket/gopacket/pcapgo"

	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/pcapout"
)

// Writer copies a savefile's packets to a sink (-r -w, or the printer),
// with their pcapng options, declaring the file's interfaces as they come
// and counting what each read and what matched.
type Writer struct {
	sf         *Savefile
	sink       session.Sink
	filter     string
	outIdx     map[int]int // savefile interface -> sink interface
	ifaceCount []pcapout.Stats
	pkt        pcapout.Packet
	firstTS    time.Time
	lastTS     time.Time
}

// NewWriter copies sf's packets that filter (the expression, for the
// interface blocks) matched to sink.
func NewWriter(sf *Savefile, sink session.Sink, filter string) *Writer {
	return &Writer{sf: sf, sink: sink, filter: filter, outIdx: map[int]int{}}
}

// Stats are the counters of the statistics blocks: packets read and
// packets that matched, per interface (for rotate.Config.Stats).
func (w *Writer) Stats() []pcapout.Stats {
	return append([]pcapout.Stats(nil), w.ifaceCount...)
}

// Read counts a packet read from savefile interface iface.
func (w *Writer) Read(iface int) {
	for len(w.ifaceCount) <= iface {
		w.ifaceCount = append(w.ifaceCount, pcapout.Stats{Dropped: pcapout.NoValue, OSDropped: pcapout.NoValue})
	}
	w.ifaceCount[iface].Received++
}

// iface returns the sink interface of savefile interface i, declaring it
// (and those before it, so the numbers stay) on first use.
func (w *Writer) iface(i int) (int, error) {
	if idx, ok := w.outIdx[i]; ok {
		return idx, nil
	}
	for j := len(w.outIdx); j <= i; j++ {
		ifc := pcapout.Interface{Snaplen: uint32(w.sf.snaplen), Filter: w.filter, LinkType: uint16(w.sf.linktype)}
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
			case in.Filter != "" && w.filter != "":
				ifc.Filter = "(" + in.Filter + ") and (" + w.filter + ")"
			case in.Filter != "":
				ifc.Filter = in.Filter
			}
		}
		idx, err := w.sink.AddInterface(ifc)
		if err != nil {
			return 0, &session.WriteError{Err: err}
		}
		w.outIdx[j] = idx
	}
	return w.outIdx[i], nil
}

// Write copies one packet that matched. A failure of the sink is a
// *session.WriteError.
func (w *Writer) Write(fr *Frame) error {
	idx, err := w.iface(fr.Iface)
	if err != nil {
		return err
	}
	if fr.Iface < len(w.ifaceCount) {
		w.ifaceCount[fr.Iface].FilterAccepted++
	}
	if w.firstTS.IsZero() {
		w.firstTS = fr.CI.Timestamp
	}
	w.lastTS = fr.CI.Timestamp
	p := &w.pkt
	*p = pcapout.Packet{
		Timestamp:      fr.CI.Timestamp,
		OriginalLength: fr.CI.Length,
		Data:           fr.Data,
		Interface:      idx,
	}
	if fr.Opts.Flags != nil {
		p.Direction = pcapout.Direction(fr.Opts.Flags.Direction & 3)
		if p.Direction > pcapout.Outbound {
			p.Direction = pcapout.DirUnknown
		}
	}
	if fr.Opts.Queue != nil {
		p.Queue, p.HasQueue = *fr.Opts.Queue, true
	}
	if fr.Opts.PacketID != nil {
		p.PacketID, p.HasPacketID = *fr.Opts.PacketID, true
	}
	if fr.Opts.DropCount != nil {
		p.DropCount = *fr.Opts.DropCount
	}
	for _, v := range fr.Opts.Verdicts {
		if (v.Type == pcapgo.NgEpbVerdictType(pcapout.VerdictTC) || v.Type == pcapgo.NgEpbVerdictType(pcapout.VerdictXDP)) && len(v.Data) == 8 {
			p.Verdict = pcapout.Verdict{Type: pcapout.VerdictType(v.Type), Value: binary.LittleEndian.Uint64(v.Data)}
			p.HasVerdict = true
			break
		}
	}
	if err := w.sink.WritePacket(p); err != nil {
		return &session.WriteError{Err: err}
	}
	return nil
}

// Close is Finish, then closes the sink.
func (w *Writer) Close() error {
	err := w.Finish()
	if cerr := w.sink.Close(); cerr != nil && err == nil {
		err = &session.WriteError{Err: cerr}
	}
	return err
}

// Finish declares the savefile's interfaces that no packet used (a file
// without packets still has them) and writes the statistics blocks; the
// sink stays open for the next savefile (-V).
func (w *Writer) Finish() error {
	if w.sf.ng != nil {
		if n := w.sf.ng.NInterfaces(); n > 0 && len(w.outIdx) < n {
			if _, err := w.iface(n - 1); err != nil {
				return err
			}
		}
	} else if len(w.outIdx) == 0 {
		if _, err := w.iface(0); err != nil {
			return err
		}
	}
	var err error
	for in := 0; in < len(w.outIdx); in++ {
		s := pcapout.Stats{Dropped: pcapout.NoValue, OSDropped: pcapout.NoValue, Start: w.firstTS, End: w.lastTS}
		if in < len(w.ifaceCount) {
			s.Received, s.FilterAccepted = w.ifaceCount[in].Received, w.ifaceCount[in].FilterAccepted
			s.Delivered = s.FilterAccepted
		}
		if werr := w.sink.WriteStats(w.outIdx[in], s); werr != nil && err == nil {
			err = &session.WriteError{Err: werr}
		}
	}
	return err
}
