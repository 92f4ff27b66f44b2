package session

import (
	"github.com/xdpdump/xdpdump/internal/printer"
	"github.com/xdpdump/xdpdump/pcapout"
)

// PrintSink prints the packets as tcpdump does instead of writing them.
type PrintSink struct {
	P *printer.Printer
}

// AddInterface implements Sink (interfaces are not printed).
func (ps PrintSink) AddInterface(pcapout.Interface) (int, error) { return 0, nil }

// WritePacket prints one packet.
func (ps PrintSink) WritePacket(p *pcapout.Packet) error {
	return ps.P.Print(p.Time(), p.Data, p.OriginalLength)
}

// WriteStats implements Sink (statistics are not printed).
func (ps PrintSink) WriteStats(int, pcapout.Stats) error { return nil }

// Flush writes out what is buffered.
func (ps PrintSink) Flush() error { return ps.P.Flush() }

// Close flushes.
func (ps PrintSink) Close() error { return ps.P.Flush() }
