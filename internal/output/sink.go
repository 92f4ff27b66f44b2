// The sinks around the file or the printer: lines labelled as tcpdump -i
// any labels them, the -w file's packets printed too (--print), nothing
// printed (--count, --bounce alone).

package output

import (
	"github.com/xdpdump/xdpdump/internal/printer"
	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/pcapout"
)

// printSink is what sink, the file or the printer, becomes: nothing
// printed with --count, lines labelled when several interfaces or both
// directions are printed, and with --print the -w file's packets printed
// too.
func (out *Output) printSink(sink session.Sink) session.Sink {
	o := out.o
	if o.Name != "" && !o.Print {
		return sink
	}
	ps := sink
	if o.Labelled || o.Name != "" {
		p := printer.New(o.Stdout, o.Printer)
		ps = session.PrintSink{P: p}
		if o.Labelled {
			ps = &session.LabelSink{P: p}
		}
	}
	switch {
	case o.CountOnly && o.Name == "":
		return discard{}
	case o.CountOnly:
		return sink
	case o.Name != "":
		return &session.TeeSink{W: sink, P: ps}
	}
	return ps
}

// discard takes packets and keeps nothing.
type discard struct{}

func (discard) AddInterface(pcapout.Interface) (int, error) { return 0, nil }
func (discard) WritePacket(*pcapout.Packet) error           { return nil }
func (discard) WriteStats(int, pcapout.Stats) error         { return nil }
func (discard) Flush() error                                { return nil }
func (discard) Close() error                                { return nil }
