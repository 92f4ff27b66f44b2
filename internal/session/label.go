// Printing several interfaces or directions as tcpdump -i any prints
// them (each line starts with the interface and In/Out/B/M/P: LabelSink),
// and --print's printing of the packets written to -w (TeeSink).

package session

import (
	"errors"
	"net"

	"github.com/xdpdump/xdpdump/internal/printer"
	"github.com/xdpdump/xdpdump/pcapout"
)

// LabelSink prints each packet as tcpdump -i any does: its interface and
// packet type first (the kernel's: In, Out, B for broadcast, M for
// multicast, P for another host's), and with -e the cooked header.
type LabelSink struct {
	P   *printer.Printer
	ifs []printer.Cooked
	mac []net.HardwareAddr
}

// AddInterface implements Sink: it remembers the interface's name, type
// and address, from which the packet type of what arrives follows.
func (ls *LabelSink) AddInterface(i pcapout.Interface) (int, error) {
	c := printer.Cooked{Ifindex: i.Ifindex, Ifname: i.Name}
	var mac net.HardwareAddr
	if ni, err := net.InterfaceByIndex(i.Ifindex); err == nil {
		mac = ni.HardwareAddr
		c.Loopback = ni.Flags&net.FlagLoopback != 0
	}
	ls.ifs = append(ls.ifs, c)
	ls.mac = append(ls.mac, mac)
	return len(ls.ifs) - 1, nil
}

// WritePacket prints one packet with its label.
func (ls *LabelSink) WritePacket(p *pcapout.Packet) error {
	if p.Interface < 0 || p.Interface >= len(ls.ifs) {
		return ls.P.Print(p.Time(), p.Data, p.OriginalLength)
	}
	c := ls.ifs[p.Interface]
	if p.Direction == pcapout.Outbound {
		c.PktType = printer.PktOutgoing
	} else {
		c.PktType = printer.PktTypeOf(p.Data, ls.mac[p.Interface])
	}
	return ls.P.PrintCooked(p.Time(), p.Data, p.OriginalLength, c)
}

// WriteStats implements Sink (statistics are not printed).
func (ls *LabelSink) WriteStats(int, pcapout.Stats) error { return nil }

// Flush writes out what is buffered.
func (ls *LabelSink) Flush() error { return ls.P.Flush() }

// Close flushes.
func (ls *LabelSink) Close() error { return ls.P.Flush() }

// TeeSink writes every packet to W (the -w file) and prints it with P
// (--print).
type TeeSink struct {
	W, P Sink
	idx  map[int]int // W's interface -> P's
	pkt  pcapout.Packet
}

// AddInterface declares i to both.
func (t *TeeSink) AddInterface(i pcapout.Interface) (int, error) {
	a, err := t.W.AddInterface(i)
	if err != nil {
		return a, err
	}
	b, err := t.P.AddInterface(i)
	if t.idx == nil {
		t.idx = map[int]int{}
	}
	t.idx[a] = b
	return a, err
}

// WritePacket writes p, then prints it.
func (t *TeeSink) WritePacket(p *pcapout.Packet) error {
	if err := t.W.WritePacket(p); err != nil {
		return err
	}
	t.pkt = *p
	t.pkt.Interface = t.idx[p.Interface]
	return t.P.WritePacket(&t.pkt)
}

// WriteStats writes the statistics to W.
func (t *TeeSink) WriteStats(i int, s pcapout.Stats) error { return t.W.WriteStats(i, s) }

// Flush flushes both.
func (t *TeeSink) Flush() error { return errors.Join(t.W.Flush(), t.P.Flush()) }

// Close closes both.
func (t *TeeSink) Close() error { return errors.Join(t.W.Close(), t.P.Close()) }
