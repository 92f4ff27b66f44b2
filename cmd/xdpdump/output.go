package main

import (
	"errors"
	"fmt"
	"io"
	"syscall"

	"github.com/xdpdump/xdpdump/internal/outfile"
	"github.com/xdpdump/xdpdump/internal/printer"
	"github.com/xdpdump/xdpdump/internal/privs"
	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/pcapout"
)

// output is where captured packets go: a pcapng/pcap file (-w), rotated
// files, or printed lines; it keeps the books of the -w file so that a
// failure before the capture leaves the directory as found.
type output struct {
	o    *options
	file *outfile.File // -w FILE; nil for stdout, rotation or printing
	sink session.Sink
	// stats are the interfaces' counters for rotated files' statistics
	// blocks (set once the session is open).
	stats func() []pcapout.Stats
	done  bool // the capture ran: never remove the file
}

// openOutput opens -w's file without truncating it (that waits for start)
// or prepares printing.
func openOutput(o *options, stdout, stderr io.Writer, rot rotateClock) (*output, error) {
	out := &output{o: o}
	if o.ff.rotating() {
		return out, openRotatingOutput(out, rot, stderr)
	}
	var w io.Writer
	switch o.write {
	case "":
		po, err := printerOptions(o)
		if err != nil {
			return nil, err
		}
		out.sink = session.PrintSink{P: printer.New(stdout, po)}
		return out, nil
	case "-":
		w = stdout
	default:
		// As -Z's user, never through a link at the name, never into
		// another user's file: see internal/outfile.
		id, err := privs.FileIdentity(o.ff.user)
		if err != nil {
			return nil, err
		}
		f, err := outfile.Open(o.write, outfile.Options{Identity: id})
		if err != nil {
			return nil, err
		}
		out.file = f
		w = f
	}
	format, err := pcapout.ParseFormat(o.format)
	if err != nil {
		out.abort(true)
		return nil, usageError{err.Error()}
	}
	pw, err := pcapout.NewWriterOptions(w, format, pcapout.Options{
		App:            "xdpdump " + version,
		PacketBuffered: o.unbuffered,
	})
	if err != nil {
		out.abort(true)
		return nil, err
	}
	out.sink = pw
	return out, nil
}

// start truncates an existing -w file: the capture really begins.
func (out *output) start() error {
	if out.file != nil && out.file.Regular && !out.file.Created {
		if err := out.file.Truncate(0); err != nil {
			return fmt.Errorf("%s: %w", out.o.write, err)
		}
	}
	return nil
}

func (out *output) name() string {
	if out.file == nil && !out.o.ff.rotating() {
		return "stdout"
	}
	return out.o.write
}

// explain turns the sink's failures (session.WriteError) into one line
// naming the output.
func (out *output) explain(err error) error {
	var we *session.WriteError
	if err == nil || !errors.As(err, &we) {
		return err
	}
	name := out.name()
	var oe *outfile.Error
	switch {
	case errors.As(we.Err, &oe):
		return oe // a rotated file refused: it names itself
	case errors.Is(we.Err, syscall.EPIPE):
		return fmt.Errorf("%s: the reader closed the pipe", name)
	case errors.Is(we.Err, syscall.ENOSPC):
		return fmt.Errorf("%s: no space left on device", name)
	}
	return writeFailure(name, we.Err)
}

// abort closes the file; on failure before anything was captured it
// removes a file that xdpdump created, leaving the directory as found.
// A file the capture wrote to ends at its last whole block: a full disk
// may have torn the one after it.
func (out *output) abort(failed bool) error {
	if out.file == nil {
		return nil
	}
	remove := failed && out.file.Created && !out.done
	if pw, ok := out.sink.(*pcapout.Writer); ok && out.done && out.file.Regular {
		n := pw.Committed()
		if err := out.file.Truncate(n); err != nil && !failed {
			out.file.Close()
			out.file = nil
			return fmt.Errorf("%s: %w", out.o.write, err)
		}
		// Not even the headers got out: no reader would take the file.
		remove = n == 0 && out.file.Created
	}
	if remove {
		out.file.Remove()
	}
	err := out.file.Close()
	out.file = nil
	return err
}

// nopSink takes packets and keeps nothing (--bounce alone).
type nopSink struct{}

func (nopSink) AddInterface(pcapout.Interface) (int, error) { return 0, nil }
func (nopSink) WritePacket(*pcapout.Packet) error           { return nil }
func (nopSink) WriteStats(int, pcapout.Stats) error         { return nil }
func (nopSink) Flush() error                                { return nil }
func (nopSink) Close() error                                { return nil }
