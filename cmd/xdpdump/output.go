package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/xdpdump/xdpdump/internal/printer"
	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/pcapout"
)

// output is where captured packets go: a pcapng/pcap file (-w), rotated
// files, or printed lines; it keeps the books of the -w file so that a
// failure before the capture leaves the directory as found.
type output struct {
	o       *options
	file    *os.File // -w FILE; nil for stdout, rotation or printing
	created bool     // the file did not exist before: remove it on failure
	sink    session.Sink
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
		_, statErr := os.Stat(o.write)
		f, err := os.OpenFile(o.write, os.O_WRONLY|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o.write, unwrapPathError(err))
		}
		out.file = f
		out.created = errors.Is(statErr, os.ErrNotExist)
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

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// start truncates an existing -w file: the capture really begins.
func (out *output) start() error {
	if fi, err := os.Stat(out.o.write); out.file != nil && err == nil && fi.Mode().IsRegular() {
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
	switch {
	case errors.Is(we.Err, syscall.EPIPE):
		return fmt.Errorf("%s: the reader closed the pipe", name)
	case errors.Is(we.Err, syscall.ENOSPC):
		return fmt.Errorf("%s: no space left on device", name)
	}
	return fmt.Errorf("writing %s: %v", name, we.Err)
}

// abort closes the file; on failure before anything was captured it
// removes a file that xdpdump created, leaving the directory as found.
func (out *output) abort(failed bool) error {
	if out.file == nil {
		return nil
	}
	err := out.file.Close()
	if failed && out.created && !out.done {
		os.Remove(out.o.write)
	}
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
