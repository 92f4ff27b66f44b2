package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/xdpdump/xdpdump/internal/privs"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/offline"
	"github.com/xdpdump/xdpdump/internal/rotate"
)

// readFile is -r: read a savefile, filter it in user space with libpcap's
// own interpreter, and print it or write it (-w, with rotation).
func readFile(o *options, stdin io.Reader, stdout, stderr io.Writer) (err error) {
	if len(o.ifaces) > 0 {
		return usageError{"-r and -i together: read a file or capture, not both"}
	}
	var prog *filter.Program
	if o.expr != "" {
		if prog, err = filter.CompileCBPF(o.expr, o.snaplen); err != nil {
			return err
		}
	}
	var in io.Reader = stdin
	if o.read != "-" {
		f, err := os.Open(o.read)
		if err != nil {
			return fmt.Errorf("%s: %w", o.read, unwrapPathError(err))
		}
		defer f.Close()
		in = f
	}
	sf, err := offline.Open(o.read, in)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "reading from file %s, link-type EN10MB (Ethernet), snapshot length %d\n", o.read, sf.Snaplen())

	// The first packet before the output: with -G its time names the
	// first file.
	var fr offline.Frame
	first := sf.Next(&fr)
	if first != nil && !errors.Is(first, io.EOF) {
		return first
	}
	// Rotation follows the packets' time stamps; the first one names the
	// first file.
	var rot rotateClock
	if first == nil {
		rot.start = fr.CI.Timestamp
	}
	out, err := openOutput(o, stdout, stderr, rot)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.abort(err != nil); err == nil {
			err = cerr
		}
	}()
	w := offline.NewWriter(sf, out.sink, o.expr)
	out.stats = w.Stats
	if err := out.start(); err != nil {
		return err
	}
	if err := privs.Drop(o.ff.user, stderr); err != nil {
		return err
	}
	out.done = true
	var n uint64
	for readErr := first; ; readErr = sf.Next(&fr) {
		if errors.Is(readErr, io.EOF) {
			break
		}
		if readErr != nil {
			err = readErr
			break
		}
		if o.count > 0 && n >= uint64(o.count) {
			break
		}
		w.Read(fr.Iface)
		if prog != nil && prog.Match(fr.Data, fr.CI.Length) == 0 {
			continue
		}
		if werr := w.Write(&fr); werr != nil {
			if errors.Is(werr, rotate.ErrLimit) {
				fmt.Fprintf(stderr, "Maximum file limit reached: %d\n", o.ff.files)
				break
			}
			err = werr
			break
		}
		n++
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return out.explain(err)
}
