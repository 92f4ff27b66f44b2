// Reading savefiles one after the other (-r, or -V's list): each file's
// banner, its filter compiled for its link type, the matching packets
// copied to one sink.

package offline

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/pcapout"
)

// ReadConfig is one run over savefiles.
type ReadConfig struct {
	Names []string  // the files; "-" reads Stdin
	Stdin io.Reader // for "-"
	// Expr is the tcpdump expression, compiled for each file as tcpdump
	// compiles it (Snaplen, NoOptimize: -O).
	Expr       string
	Snaplen    int
	NoOptimize bool
	// Count stops after this many matching packets (-c; 0 = all).
	Count uint64
	// Writing: the packets go to a file (-w), so the files must share a
	// link type, as tcpdump requires.
	Writing bool
	// Banner receives tcpdump's "reading from file" lines.
	Banner io.Writer
	// Open gives the sink once the first file's first packet is read
	// (nil if it has none): with -G its time names the first file.
	Open func(sf *Savefile, first *Frame) (session.Sink, error)
	// Stats is told each file's counters (rotated files' statistics
	// blocks); nil ignores them.
	Stats func(func() []pcapout.Stats)
	// Stopped says whether a sink error ends the run cleanly (a -W limit).
	Stopped func(error) bool
}

// OpenFile opens savefile name ("-": stdin) and returns a function that
// closes it.
func OpenFile(name string, stdin io.Reader) (*Savefile, func(), error) {
	in, closeIn := stdin, func() {}
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		in, closeIn = f, func() { f.Close() }
	}
	sf, err := Open(name, in)
	if err != nil {
		closeIn()
		return nil, nil, err
	}
	return sf, closeIn, nil
}

// Read copies the matching packets of every file to the sink Open gives,
// then closes it; it returns how many matched. A failure of the sink is a
// *session.WriteError.
func Read(c ReadConfig) (n uint64, err error) {
	var sink session.Sink
	var w *Writer
	defer func() {
		if w != nil {
			if cerr := w.Close(); err == nil {
				err = cerr
			}
		}
	}()
	dlt := -1
	for _, name := range c.Names {
		sf, closeIn, err := OpenFile(name, c.Stdin)
		if err != nil {
			return n, err
		}
		defer closeIn()
		if dlt >= 0 && sf.DLT() != dlt && c.Writing {
			return n, fmt.Errorf("%s: new dlt does not match original", name)
		}
		dlt = sf.DLT()
		io.WriteString(c.Banner, sf.Banner())
		var prog *filter.Program
		if c.Expr != "" {
			if prog, err = filter.CompileCBPFOptions(c.Expr, c.Snaplen, sf.Compile(filter.CompileOptions{Netmask: filter.LiveNetmask, NoOptimize: c.NoOptimize})); err != nil {
				return n, err
			}
		}
		var fr Frame
		next := sf.Next(&fr)
		if next != nil && !errors.Is(next, io.EOF) {
			return n, next
		}
		if sink == nil {
			first := &fr
			if next != nil {
				first = nil
			}
			if sink, err = c.Open(sf, first); err != nil {
				return n, err
			}
		}
		if w != nil {
			if err := w.Finish(); err != nil {
				return n, err
			}
		}
		w = NewWriter(sf, sink, c.Expr)
		if c.Stats != nil {
			c.Stats(w.Stats)
		}
		for ; ; next = sf.Next(&fr) {
			if errors.Is(next, io.EOF) {
				break
			}
			if next != nil {
				return n, next
			}
			if c.Count > 0 && n >= c.Count {
				return n, nil
			}
			w.Read(fr.Iface)
			if prog != nil && prog.Match(fr.Data, fr.CI.Length) == 0 {
				continue
			}
			if werr := w.Write(&fr); werr != nil {
				if c.Stopped != nil && c.Stopped(werr) {
					return n, nil
				}
				return n, werr
			}
			n++
		}
	}
	return n, nil
}
