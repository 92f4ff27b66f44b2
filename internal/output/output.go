// Package output is where the packets of a capture (or of -r) go: a
// pcapng or pcap file (-w FILE, opened through internal/outfile so that
// nobody can redirect it), the standard output (-w -), rotated files
// (-C, -G, -W, -z: internal/rotate) or printed lines (internal/printer),
// labelled or teed as tcpdump's; and the one line that explains a failed
// write. A failure before the capture starts leaves the directory as it
// was found.
package output

import (
	"errors"
	"fmt"
	"io"
	"syscall"
	"time"

	"github.com/xdpdump/xdpdump/internal/outfile"
	"github.com/xdpdump/xdpdump/internal/printer"
	"github.com/xdpdump/xdpdump/internal/privs"
	"github.com/xdpdump/xdpdump/internal/rotate"
	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/pcapout"
)

// Options say where the packets go.
type Options struct {
	// Name is -w's: "" prints the packets, "-" writes to Stdout.
	Name           string
	Format         string // pcapng or pcap
	App            string // the application the pcapng section names
	PacketBuffered bool   // -U: every packet written out at once
	User           string // -Z: files are opened as this user
	Rotate         Rotation
	// Now and Start are the clock rotation follows: Now (the wall clock)
	// for a live capture, so that files end on time in quiet periods;
	// Start (the first packet's time, zero without packets) for -r.
	Now   func() time.Time
	Start time.Time

	Printer   printer.Options
	Print     bool // --print: the packets written to Name are printed too
	CountOnly bool // --count: nothing printed
	Labelled  bool // several interfaces or directions: lines say which
	Discard   bool // nothing is captured (--bounce alone): Sink keeps nothing

	Stdout, Stderr io.Writer
}

// Rotation is how -w is split into several files.
type Rotation struct {
	Size     int64         // -C, in bytes
	Interval time.Duration // -G
	Files    int           // -W
	Post     string        // -z: run on every finished file
	Empty    bool          // --rotate-empty: a file for every interval
}

// On says whether -w is split.
func (r Rotation) On() bool { return r.Size > 0 || r.Interval > 0 }

// Output is an open output; it keeps the books of the -w file so that a
// failure before the capture leaves the directory as it was found.
type Output struct {
	o    Options
	file *outfile.File // -w FILE; nil for stdout, rotation or printing
	sink session.Sink
	// stats are the interfaces' counters for rotated files' statistics
	// blocks (SetStats).
	stats func() []pcapout.Stats
	kept  bool // the capture ran: never remove the file
}

// Open opens -w's file without truncating it (Start does) or the first
// rotated file, or prepares printing.
func Open(o Options) (*Output, error) {
	out := &Output{o: o}
	open := out.openFile
	if o.Rotate.On() {
		open = out.openRotating
	}
	if err := open(); err != nil {
		return nil, err
	}
	out.sink = out.printSink(out.sink)
	return out, nil
}

func (out *Output) openFile() error {
	o := out.o
	var w io.Writer
	switch o.Name {
	case "":
		out.sink = session.PrintSink{P: printer.New(o.Stdout, o.Printer)}
		return nil
	case "-":
		w = o.Stdout
	default:
		// As -Z's user, never through a link at the name, never into
		// another user's file: see internal/outfile.
		id, err := privs.FileIdentity(o.User)
		if err != nil {
			return err
		}
		f, err := outfile.Open(o.Name, outfile.Options{Identity: id})
		if err != nil {
			return err
		}
		out.file = f
		w = f
	}
	format, err := pcapout.ParseFormat(o.Format)
	if err != nil {
		out.Close(true)
		return err
	}
	pw, err := pcapout.NewWriterOptions(w, format, pcapout.Options{App: o.App, PacketBuffered: o.PacketBuffered})
	if err != nil {
		out.Close(true)
		return err
	}
	out.sink = pw
	return nil
}

// Sink is where the packets go.
func (out *Output) Sink() session.Sink {
	if out.o.Discard {
		return discard{}
	}
	return out.sink
}

// SetStats gives rotated files the counters of their statistics blocks.
func (out *Output) SetStats(stats func() []pcapout.Stats) { out.stats = stats }

// Start truncates an existing -w file: the capture really begins.
func (out *Output) Start() error {
	if out.file != nil && out.file.Regular && !out.file.Created {
		if err := out.file.Truncate(0); err != nil {
			return fmt.Errorf("%s: %w", out.o.Name, err)
		}
	}
	return nil
}

// Keep says that the capture ran: Close keeps the file whatever happens.
func (out *Output) Keep() { out.kept = true }

// Limited says whether err is the clean end of rotation: -W's last file
// of -G is full.
func Limited(err error) bool { return errors.Is(err, rotate.ErrLimit) }

// Stopped is Limited, and then says so on Stderr as tcpdump does.
func (out *Output) Stopped(err error) bool {
	if !Limited(err) {
		return false
	}
	fmt.Fprintf(out.o.Stderr, "Maximum file limit reached: %d\n", out.o.Rotate.Files)
	return true
}

func (out *Output) name() string {
	if out.file == nil && !out.o.Rotate.On() {
		return "stdout"
	}
	return out.o.Name
}

// Explain turns the sink's failures (session.WriteError) into one line
// naming the output: the system's reason when there is one, without the
// writer's layers.
func (out *Output) Explain(err error) error {
	var we *session.WriteError
	if err == nil || !errors.As(err, &we) {
		return err
	}
	name := out.name()
	var oe *outfile.Error
	var errno syscall.Errno
	switch {
	case errors.As(we.Err, &oe):
		return oe // a rotated file refused: it names itself
	case errors.Is(we.Err, syscall.EPIPE):
		return fmt.Errorf("%s: the reader closed the pipe", name)
	case errors.Is(we.Err, syscall.ENOSPC):
		return fmt.Errorf("%s: no space left on device", name)
	case errors.As(we.Err, &errno):
		return fmt.Errorf("%s: %v", name, errno)
	}
	return fmt.Errorf("writing %s: %v", name, we.Err)
}

// Close closes the file; on failure before anything was captured it
// removes a file that xdpdump created, leaving the directory as found.
// A file the capture wrote to ends at its last whole block: a full disk
// may have torn the one after it.
func (out *Output) Close(failed bool) error {
	if out.file == nil {
		return nil
	}
	remove := failed && out.file.Created && !out.kept
	if pw, ok := out.sink.(*pcapout.Writer); ok && out.kept && out.file.Regular {
		n := pw.Committed()
		if err := out.file.Truncate(n); err != nil && !failed {
			out.file.Close()
			out.file = nil
			return fmt.Errorf("%s: %w", out.o.Name, err)
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
