package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"

	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/pcapout"
)

// output is where captured packets go: a pcapng/pcap file (-w) or printed
// lines.
type output struct {
	o        *options
	file     *os.File // -w FILE; nil for stdout or printing
	created  bool     // the file did not exist before: remove it on failure
	w        io.Writer
	pw       packetWriter // *pcapout.Writer, or rotating files (-C/-G)
	pr       linePrinter
	written  uint64
	byIndex  map[uint32]*iface
	lastLost map[[3]uint32]uint32 // (ifindex, cpu, hook) -> lost seen so far
	pkt      pcapout.Packet
	started  time.Time
}

// linePrinter prints one packet as a line (or lines) of text.
type linePrinter interface {
	Print(ts time.Time, data []byte, origLen int) error
	Flush() error
}

// openOutput opens -w's file without truncating it (that waits for start)
// or prepares printing.
func openOutput(o *options, stdout io.Writer) (*output, error) {
	out := &output{o: o, byIndex: map[uint32]*iface{}, lastLost: map[[3]uint32]uint32{}}
	if ff.rotating() {
		return openRotatingOutput(out, o)
	}
	switch o.write {
	case "":
		p, err := newLinePrinter(o, stdout)
		if err != nil {
			return nil, err
		}
		out.pr = p
		out.w = stdout
		return out, nil
	case "-":
		out.w = stdout
	default:
		_, statErr := os.Stat(o.write)
		f, err := os.OpenFile(o.write, os.O_WRONLY|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o.write, unwrapPathError(err))
		}
		out.file = f
		out.created = errors.Is(statErr, os.ErrNotExist)
		out.w = f
	}
	format, err := pcapout.ParseFormat(o.format)
	if err != nil {
		out.abort(true)
		return nil, usageError{err.Error()}
	}
	pw, err := pcapout.NewWriterOptions(out.w, format, pcapout.Options{
		App:            "xdpdump " + version,
		PacketBuffered: o.unbuffered,
	})
	if err != nil {
		out.abort(true)
		return nil, err
	}
	out.pw = pw
	return out, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (out *output) addInterface(ifc *iface, o *options) (int, error) {
	out.byIndex[uint32(ifc.index)] = ifc
	if out.pw == nil {
		return 0, nil
	}
	return out.pw.AddInterface(pcapout.Interface{
		Name:        ifc.name,
		Description: "XDP hook of " + ifc.name + " (xdpdump)",
		Filter:      o.expr,
		Hardware:    ifc.driver,
		Snaplen:     uint32(o.snaplen),
		Ifindex:     ifc.index,
	})
}

// start truncates an existing -w file: the capture really begins.
func (out *output) start() error {
	out.started = time.Now()
	if fi, err := os.Stat(out.o.write); out.file != nil && err == nil && fi.Mode().IsRegular() {
		if err := out.file.Truncate(0); err != nil {
			return fmt.Errorf("%s: %w", out.o.write, err)
		}
	}
	return nil
}

func (out *output) write(ifs []*iface, rec *capture.Record) error {
	ifc := out.byIndex[rec.Ifindex]
	if ifc == nil && len(ifs) == 1 {
		ifc = ifs[0]
	}
	key := [3]uint32{rec.Ifindex, rec.CPU, uint32(rec.Hook)}
	drops := uint64(rec.Lost - out.lastLost[key])
	out.lastLost[key] = rec.Lost

	if ifc != nil {
		ifc.written++
	}
	if out.pr != nil {
		if err := out.pr.Print(rec.Time, rec.Data, int(rec.OrigLen)); err != nil {
			return writeError{"stdout", err}
		}
		out.written++
		return nil
	}
	p := &out.pkt
	*p = pcapout.Packet{
		Timestamp:      rec.Time,
		OriginalLength: int(rec.OrigLen),
		Data:           rec.Data,
		Queue:          rec.RxQueue,
		HasQueue:       true,
		PacketID:       rec.PacketID,
		HasPacketID:    true,
		DropCount:      drops,
		Direction:      pcapout.Inbound,
	}
	if ifc != nil {
		p.Interface = ifc.outIdx
	}
	switch rec.Hook {
	case capture.HookTCEgress:
		p.Direction = pcapout.Outbound
		p.HasQueue = false
		p.PacketID |= 1 << 54 // apart from the XDP side's ids (bounce uses bit 55)
	case capture.HookXDPTX:
		p.Direction = pcapout.Outbound
		p.Verdict = pcapout.XDPVerdict(uint32(rec.Verdict))
		p.HasVerdict = true
	}
	if err := out.pw.WritePacket(p); err != nil {
		return writeError{out.name(), err}
	}
	out.written++
	return nil
}

func (out *output) name() string {
	if out.file == nil && !ff.rotating() {
		return "stdout"
	}
	return out.o.write
}

func (out *output) flush() error {
	var err error
	if out.pw != nil {
		err = out.pw.Flush()
	} else if out.pr != nil {
		err = out.pr.Flush()
	}
	if err != nil {
		return writeError{out.name(), err}
	}
	return nil
}

// finish writes the statistics blocks and flushes.
func (out *output) finish(ifs []*iface, _ capture.Stats) error {
	if out.pw != nil {
		end := time.Now()
		for _, ifc := range ifs {
			s := ifc.lastSeen.Add(ifc.lastEgress)
			// The interface's own drops are not ours to know: left out.
			if err := out.pw.WriteStats(ifc.outIdx, pcapout.Stats{
				Received: s.Seen, FilterAccepted: s.Matched, OSDropped: s.Lost,
				Dropped: pcapout.NoValue, Delivered: ifc.written, Start: out.started, End: end,
			}); err != nil {
				return writeError{out.name(), err}
			}
		}
		if err := out.pw.Close(); err != nil {
			return writeError{out.name(), err}
		}
		return nil
	}
	return out.flush()
}

// abort closes the file; on failure before anything was captured it
// removes a file that xdpdump created, leaving the directory as found.
func (out *output) abort(failed bool) error {
	if out.file == nil {
		return nil
	}
	err := out.file.Close()
	if failed && out.created && out.written == 0 {
		os.Remove(out.o.write)
	}
	out.file = nil
	return err
}

// writeError is a failure to write the output (full disk, closed pipe).
type writeError struct {
	name string
	err  error
}

func (e writeError) Error() string {
	switch {
	case errors.Is(e.err, syscall.EPIPE):
		return fmt.Sprintf("%s: the reader closed the pipe", e.name)
	case errors.Is(e.err, syscall.ENOSPC):
		return fmt.Sprintf("%s: no space left on device", e.name)
	}
	return fmt.Sprintf("writing %s: %v", e.name, e.err)
}
func (e writeError) Unwrap() error { return e.err }

func isWriteError(err error) bool {
	var we writeError
	return errors.As(err, &we)
}
