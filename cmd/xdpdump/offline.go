package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/xdpdump/xdpdump/internal/privs"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/cli"
	"github.com/xdpdump/xdpdump/internal/offline"
	"github.com/xdpdump/xdpdump/internal/rotate"
	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/pcapout"
)

// readFiles is -r (or -V's list): internal/offline reads, filters and
// copies; the output is this command's (printing, -w, rotation).
func readFiles(o *options, stdin io.Reader, stdout, stderr io.Writer) (err error) {
	if len(o.ifaces) > 0 {
		return usageError{"-r and -i together: read a file or capture, not both"}
	}
	names := []string{o.read}
	if o.cf.FileList != "" {
		if names, err = cli.FileList(o.cf.FileList, stdin); err != nil {
			return err
		}
	}
	var out *output
	n, err := offline.Read(offline.ReadConfig{
		Names: names, Stdin: stdin, Expr: o.expr, Snaplen: o.snaplen, NoOptimize: o.cf.NoOptimize,
		Count: uint64(o.count), Writing: o.write != "", Banner: stderr,
		Open: func(sf *offline.Savefile, first *offline.Frame) (session.Sink, error) {
			var err error
			out, err = openReadOutput(o, sf, first, stdout, stderr)
			if err != nil {
				return nil, err
			}
			return out.sink, nil
		},
		Stats: func(s func() []pcapout.Stats) { out.stats = s },
		Stopped: func(err error) bool {
			if errors.Is(err, rotate.ErrLimit) {
				fmt.Fprintf(stderr, "Maximum file limit reached: %d\n", o.ff.files)
				return true
			}
			return false
		},
	})
	if out == nil {
		return err
	}
	if o.cf.CountOnly && err == nil {
		fmt.Fprintf(stdout, "%s\n", plural(n, "packet"))
	}
	err = out.explain(err)
	if cerr := out.abort(err != nil); err == nil {
		err = cerr
	}
	return err
}

// openReadOutput opens the output of -r once the first packet (if any)
// is read: rotation follows the packets' time stamps.
func openReadOutput(o *options, sf *offline.Savefile, first *offline.Frame, stdout, stderr io.Writer) (*output, error) {
	if sf.DLT() == filter.DLTNull && o.write != "" {
		return nil, fmt.Errorf("%s: writing NULL (BSD loopback) packets with -w is not supported", sf.Name())
	}
	var rot rotateClock
	if first != nil {
		rot.start = first.CI.Timestamp
	}
	o.pf.linkType = sf.LinkType()
	out, err := openOutput(o, stdout, stderr, rot)
	if err != nil {
		return nil, err
	}
	out.sink = printSink(o, out.sink, stdout, false)
	if err := out.start(); err != nil {
		out.abort(true)
		return nil, err
	}
	if err := privs.Drop(o.ff.user, stderr); err != nil {
		out.abort(true)
		return nil, err
	}
	out.done = true
	return out, nil
}
