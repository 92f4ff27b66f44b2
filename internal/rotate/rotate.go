// Package rotate writes a capture as a sequence of complete pcapng (or
// pcap) files, as tcpdump's -C, -G, -W and -z do, with three changes that
// tcpdump users ask for:
//
//   - -G intervals are aligned to the clock: with -G 60 a file starts at
//     every :00 of the local wall clock, not 60 s after the first packet.
//     The first file starts at start-up and ends at the next boundary.
//   - No file is opened for an interval without packets, unless asked
//     (Config.Empty); a file whose interval ended is closed (and handed to
//     -z) at the boundary even when no packet follows.
//   - -C is a real limit: a file never grows past Size bytes, including
//     the statistics written at its close, unless a single packet does not
//     fit into an empty file (tcpdump checks the size before each packet,
//     so its files overshoot by up to one packet).
//
// Every file is complete on its own: section header, interface
// descriptions, its packets and, at its close, one interface statistics
// block per interface whose counters cover the file's own period.
//
// File names follow tcpdump: with Interval the pattern is passed through
// strftime; with Size a number is appended ("FILE", "FILE1", "FILE2", ...;
// with Files the number is zero-padded to the width of Files-1 and starts
// at 0: "FILE0", "FILE1", ... and wraps around). See Name.
package rotate

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/xdpdump/xdpdump/pcapout"
)

// ErrLimit is returned when -G -W's number of files has been written: the
// capture should end successfully. The packet that hit it is not written.
var ErrLimit = errors.New("maximum file limit reached")

// Config describes the rotation.
type Config struct {
	Pattern  string        // -w FILE; a strftime pattern when Interval is set
	Size     int64         // -C in bytes; 0: no size limit
	Interval time.Duration // -G; 0: no time rotation. Whole seconds.
	Files    int           // -W; 0: no limit
	Empty    bool          // --rotate-empty: a file for every interval, even without packets

	Format  pcapout.Format
	Options pcapout.Options

	// Now is the wall clock for Flush's check of the interval end (live
	// capture). nil: rotation follows the packets' time stamps only (-r).
	Now func() time.Time
	// Start names the first file (the -G interval it starts in). Zero:
	// Now(), or time.Now() without Now.
	Start time.Time
	// Location is the time zone of names and of the -G alignment; nil =
	// time.Local.
	Location *time.Location

	// Stats returns the cumulative counters of each interface (indexed
	// like AddInterface) for the statistics block at a file's close; each
	// file gets the difference since it was opened. nil: only the number
	// of packets the file holds is written.
	Stats func() []pcapout.Stats
	// Create opens a new file for writing, truncating it. nil: os.Create.
	// When the File also has a Remove method, it removes a file that a
	// full disk left without a single whole block; otherwise os.Remove
	// does.
	Create func(name string) (File, error)
	// Closed is called with the name of every file once it is complete,
	// including the last one at Close.
	Closed func(name string)
	// Post runs -z's command for every complete file (after Closed);
	// Close waits for the commands still running.
	Post *Post
}

// File is one file being written (an *os.File, or what Config.Create
// returns).
type File interface {
	io.Writer
	Close() error
	Truncate(size int64) error
}

// Writer writes the rotated files. It is not safe for concurrent use.
type Writer struct {
	c      Config
	loc    *time.Location
	ifaces []pcapout.Interface

	f       File
	cw      countWriter
	pw      *pcapout.Writer
	name    string
	opened  time.Time
	base    []pcapout.Stats // counters when the file was opened
	final   []pcapout.Stats // counters given to WriteStats, for the last close
	perFile []uint64        // packets of each interface in the current file
	done    []uint64        // packets of each interface in files already closed
	pkts    uint64          // packets in the current file
	size    int64           // bytes of the current file, buffered ones included

	interval int64 // -G interval number of the current (or last) file
	seq      int   // -C number within the interval
	created  int   // files created
	width    int   // digits of the -C number
	names    []string
	err      error
	closed   bool
}

// New checks c and creates the first file.
func New(c Config) (*Writer, error) {
	if c.Pattern == "" {
		return nil, errors.New("rotate: no file name")
	}
	if c.Size < 0 || c.Interval < 0 || c.Files < 0 {
		return nil, errors.New("rotate: negative size, interval or file count")
	}
	if c.Interval != 0 && (c.Interval < time.Second || c.Interval%time.Second != 0) {
		return nil, fmt.Errorf("rotate: interval %v is not a whole number of seconds", c.Interval)
	}
	w := &Writer{c: c, loc: c.Location}
	if w.loc == nil {
		w.loc = time.Local
	}
	if c.Size > 0 && c.Files > 0 {
		w.width = len(fmt.Sprint(c.Files - 1))
		if c.Files == 1 {
			w.width = 0
		}
	}
	start := c.Start
	if start.IsZero() {
		start = w.now()
	}
	w.interval = w.intervalOf(start)
	if err := w.open(start); err != nil {
		return nil, err
	}
	return w, nil
}

func (w *Writer) now() time.Time {
	if w.c.Now != nil {
		return w.c.Now()
	}
	return time.Now()
}

// intervalOf is the number of t's -G interval: intervals are aligned to
// multiples of Interval since the epoch in local time, so -G 3600 starts
// files at the full hours and -G 86400 at local midnight.
func (w *Writer) intervalOf(t time.Time) int64 {
	if w.c.Interval == 0 {
		return 0
	}
	_, off := t.In(w.loc).Zone()
	s := t.Unix() + int64(off)
	g := int64(w.c.Interval / time.Second)
	if s < 0 {
		return (s - g + 1) / g
	}
	return s / g
}

// intervalStart is the wall time at which interval k begins.
func (w *Writer) intervalStart(k int64, near time.Time) time.Time {
	g := int64(w.c.Interval / time.Second)
	_, off := near.In(w.loc).Zone()
	return time.Unix(k*g-int64(off), 0)
}

// Name is the file name tcpdump gives to file number seq (of -C) of the
// interval that starts at t (of -G).
func (w *Writer) Name(t time.Time, seq int) string {
	name := w.c.Pattern
	if w.c.Interval > 0 {
		name = Strftime(name, t.In(w.loc))
	}
	if w.c.Size > 0 && (seq != 0 || w.width != 0) {
		name = fmt.Sprintf("%s%0*d", name, w.width, seq)
	}
	return name
}

// Names returns the files created so far, in order (a name appears again
// when a ring of -W files wraps around).
func (w *Writer) Names() []string { return w.names }

// Current returns the file being written, "" between intervals.
func (w *Writer) Current() string {
	if w.pw == nil {
		return ""
	}
	return w.name
}

func (w *Writer) open(t time.Time) error {
	name := w.Name(t, w.seq)
	create := w.c.Create
	if create == nil {
		create = func(name string) (File, error) { return os.Create(name) }
	}
	f, err := create(name)
	if err != nil {
		if strings.HasPrefix(err.Error(), name+": ") {
			return err // it names the file already
		}
		return fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	w.f, w.name = f, name
	w.cw = countWriter{w: f}
	w.pw, err = pcapout.NewWriterOptions(&w.cw, w.c.Format, w.c.Options)
	if err != nil {
		f.Close()
		w.f, w.pw = nil, nil
		return err
	}
	for _, ifc := range w.ifaces {
		if _, err := w.pw.AddInterface(ifc); err != nil {
			w.abandon()
			return err
		}
	}
	// Headers out now: the size count starts from what is on disk. A
	// pcap file header waits for the first interface (its snap length).
	if w.c.Format == pcapout.Pcap && len(w.ifaces) == 0 {
		w.size = 24
	} else {
		if err := w.pw.Flush(); err != nil {
			w.abandon()
			return fmt.Errorf("%s: %w", name, err)
		}
		w.size = w.cw.n
	}
	w.opened = w.now()
	w.base = w.stats()
	w.perFile = make([]uint64, len(w.ifaces))
	w.pkts = 0
	w.created++
	w.names = append(w.names, name)
	return nil
}

func (w *Writer) stats() []pcapout.Stats {
	if w.c.Stats == nil {
		return nil
	}
	return w.c.Stats()
}

// AddInterface declares an interface in the current file and in every
// file after it.
func (w *Writer) AddInterface(ifc pcapout.Interface) (int, error) {
	if w.closed {
		return 0, pcapout.ErrClosed
	}
	if w.pw != nil {
		if _, err := w.pw.AddInterface(ifc); err != nil {
			return 0, err
		}
		w.perFile = append(w.perFile, 0)
		if w.c.Format == pcapout.PcapNG {
			if err := w.pw.Flush(); err != nil {
				return 0, w.fail(err)
			}
			w.size = w.cw.n
		}
	}
	w.ifaces = append(w.ifaces, ifc)
	return len(w.ifaces) - 1, nil
}

// isbMax is the size of the largest statistics block written at a close:
// header and trailer (12), interface and time stamp (12), two times and
// five counters (7 x 12), end of options (4).
const isbMax = 12 + 12 + 7*12 + 4

// reserve is what the file's close will add.
func (w *Writer) reserve() int64 {
	if w.c.Format != pcapout.PcapNG {
		return 0
	}
	return int64(len(w.ifaces)) * isbMax
}

// PacketSize is the number of bytes WritePacket adds to a file of format
// f for p (pcapout's encoding; the tests check the two agree).
func PacketSize(f pcapout.Format, p *pcapout.Packet) int64 {
	n := int64(len(p.Data))
	if f == pcapout.Pcap {
		return 16 + n
	}
	opts := int64(0)
	if p.Direction != pcapout.DirUnknown {
		opts += 8
	}
	if p.DropCount != 0 {
		opts += 12
	}
	if p.HasPacketID {
		opts += 12
	}
	if p.HasQueue {
		opts += 8
	}
	if p.HasVerdict {
		opts += 16
	}
	if opts > 0 {
		opts += 4
	}
	return 28 + (n+3)&^3 + opts + 4
}

// WritePacket writes p into the file its time stamp and size call for,
// rotating first if needed.
func (w *Writer) WritePacket(p *pcapout.Packet) error {
	if w.closed {
		return pcapout.ErrClosed
	}
	if w.err != nil {
		return w.err
	}
	if w.c.Interval > 0 {
		k := w.intervalOf(p.Time())
		if w.pw == nil || k > w.interval {
			if k <= w.interval {
				// A late packet after its interval's file was closed:
				// never reopen (and overwrite) a finished file.
				k = w.interval + 1
			}
			if err := w.newInterval(k, w.intervalStart(k, p.Time())); err != nil {
				return err
			}
		}
	}
	if w.c.Size > 0 && w.pkts > 0 && w.size+PacketSize(w.c.Format, p)+w.reserve() > w.c.Size {
		if err := w.closeFile(nil); err != nil {
			return err
		}
		w.seq++
		if w.c.Files > 0 && w.seq >= w.c.Files {
			w.seq = 0
		}
		if err := w.open(w.intervalStart(w.interval, p.Time())); err != nil {
			return w.fail(err)
		}
	}
	if err := w.pw.WritePacket(p); err != nil {
		return w.fail(err)
	}
	w.size += PacketSize(w.c.Format, p)
	if p.Interface >= 0 && p.Interface < len(w.perFile) {
		w.perFile[p.Interface]++
	}
	w.pkts++
	return nil
}

// newInterval closes the current file (if any) and opens the one of
// interval k, which starts at t; with -W (and no -C) it returns ErrLimit
// instead once Files files were written.
func (w *Writer) newInterval(k int64, t time.Time) error {
	if w.pw != nil {
		if err := w.closeFile(nil); err != nil {
			return err
		}
	}
	w.interval = k
	w.seq = 0
	if w.c.Size == 0 && w.c.Files > 0 && w.created >= w.c.Files {
		return w.fail(ErrLimit)
	}
	if err := w.open(t); err != nil {
		return w.fail(err)
	}
	return nil
}

// Flush writes out what is buffered. With Config.Now it first ends the
// current file when its -G interval is over (and, with Empty, opens the
// next one), so that files are closed on time in quiet periods too.
// After ErrLimit there is nothing to flush: it returns nil.
func (w *Writer) Flush() error {
	if w.closed {
		return pcapout.ErrClosed
	}
	if errors.Is(w.err, ErrLimit) {
		return nil
	}
	if w.err != nil {
		return w.err
	}
	if w.c.Interval > 0 && w.c.Now != nil {
		now := w.c.Now()
		if k := w.intervalOf(now); k > w.interval {
			if w.c.Empty {
				if err := w.newInterval(k, w.intervalStart(k, now)); err != nil {
					return err
				}
			} else if w.pw != nil {
				if err := w.closeFile(nil); err != nil {
					return err
				}
				if w.c.Size == 0 && w.c.Files > 0 && w.created >= w.c.Files {
					return w.fail(ErrLimit)
				}
			}
		}
	}
	if w.pw == nil {
		return nil
	}
	if err := w.pw.Flush(); err != nil {
		return w.fail(err)
	}
	w.size = w.cw.n
	return nil
}

// WriteStats records the final cumulative counters of interface i for
// the statistics block of the last file (Close). Delivered is ignored:
// each file counts its own packets.
func (w *Writer) WriteStats(i int, s pcapout.Stats) error {
	if i < 0 || i >= len(w.ifaces) {
		return fmt.Errorf("rotate: statistics for interface %d, but %d interfaces were added", i, len(w.ifaces))
	}
	if w.final == nil {
		w.final = make([]pcapout.Stats, len(w.ifaces))
		for j := range w.final {
			w.final[j] = pcapout.Stats{Received: pcapout.NoValue, Dropped: pcapout.NoValue, FilterAccepted: pcapout.NoValue, OSDropped: pcapout.NoValue}
		}
	}
	w.final[i] = s
	return nil
}

// Close closes the last file with its statistics and reports it to
// Config.Closed. A second Close returns nil.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	var err error
	if w.pw != nil && (w.err == nil || errors.Is(w.err, ErrLimit)) {
		err = w.closeFile(w.final)
	} else if w.f != nil {
		w.abandon()
	}
	w.closed = true
	if w.c.Post != nil {
		w.c.Post.Wait()
	}
	return err
}

// closeFile writes the statistics blocks and closes the current file.
// cur are the cumulative counters now (nil: ask Config.Stats).
func (w *Writer) closeFile(cur []pcapout.Stats) error {
	if cur == nil {
		cur = w.stats()
	}
	end := w.now()
	for i := range w.ifaces {
		s := pcapout.Stats{
			Received: pcapout.NoValue, Dropped: pcapout.NoValue,
			FilterAccepted: pcapout.NoValue, OSDropped: pcapout.NoValue,
			Start: w.opened, End: end,
		}
		if i < len(cur) {
			var b pcapout.Stats
			if i < len(w.base) {
				b = w.base[i]
			}
			s.Received = delta(cur[i].Received, b.Received)
			s.Dropped = delta(cur[i].Dropped, b.Dropped)
			s.FilterAccepted = delta(cur[i].FilterAccepted, b.FilterAccepted)
			s.OSDropped = delta(cur[i].OSDropped, b.OSDropped)
		}
		if i < len(w.perFile) {
			s.Delivered = w.perFile[i]
		}
		if err := w.pw.WriteStats(i, s); err != nil {
			w.abandon()
			return w.fail(fmt.Errorf("%s: %w", w.name, err))
		}
	}
	if err := w.pw.Close(); err != nil {
		w.abandon()
		return w.fail(fmt.Errorf("%s: %w", w.name, err))
	}
	w.count()
	err := w.f.Close()
	w.f, w.pw = nil, nil
	if err != nil {
		return w.fail(fmt.Errorf("%s: %w", w.name, err))
	}
	if w.c.Post != nil {
		w.c.Post.Run(w.name)
	}
	if w.c.Closed != nil {
		w.c.Closed(w.name)
	}
	return nil
}

func delta(cur, base uint64) uint64 {
	if cur == pcapout.NoValue {
		return pcapout.NoValue
	}
	if base == pcapout.NoValue || base > cur {
		return cur
	}
	return cur - base
}

func (w *Writer) fail(err error) error {
	if w.err == nil {
		w.err = err
	}
	if w.pw != nil && !errors.Is(err, ErrLimit) {
		w.abandon()
	}
	return err
}

// count adds the packets of the current file that reached it to done.
func (w *Writer) count() {
	for i := range w.ifaces {
		for len(w.done) <= i {
			w.done = append(w.done, 0)
		}
		w.done[i] += w.pw.Delivered(i)
	}
}

// abandon closes the current file after a failure: it is cut back to the
// end of its last whole block (after a full disk, the last block may be
// torn), or removed when not one block is whole; its packets that
// reached it are counted.
func (w *Writer) abandon() {
	if w.f == nil {
		return
	}
	if w.pw != nil {
		w.count()
		n := w.pw.Committed()
		if n == 0 {
			w.remove()
		} else {
			_ = w.f.Truncate(n) // a FIFO or a device cannot be cut: nothing to do
		}
	}
	w.f.Close()
	w.f, w.pw = nil, nil
}

func (w *Writer) remove() {
	if r, ok := w.f.(interface{ Remove() error }); ok {
		_ = r.Remove()
		return
	}
	_ = os.Remove(w.name)
}

// Delivered is the number of packets of interface i (AddInterface's
// index) that reached the files whole: those of the files already closed
// and those of the current file that left its buffer.
func (w *Writer) Delivered(i int) uint64 {
	var n uint64
	if i >= 0 && i < len(w.done) {
		n = w.done[i]
	}
	if w.pw != nil {
		n += w.pw.Delivered(i)
	}
	return n
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
