package main

import (
	"fmt"
	"io"

	"github.com/xdpdump/xdpdump/internal/output"
	"github.com/xdpdump/xdpdump/internal/privs"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/cli"
	"github.com/xdpdump/xdpdump/internal/offline"
	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/pcapout"
)

// readFiles is -r (or -V's list): internal/offline reads, filters and
// copies; the output is this command's (printing, -w, rotation).
func readFiles(o *options, stdin io.Reader, stdout, stderr io.Writer) (err error) {
	names := []string{o.read}
	if o.cf.FileList != "" {
		if names, err = cli.FileList(o.cf.FileList, stdin); err != nil {
			return err
		}
	}
	var out *output.Output
	n, err := offline.Read(offline.ReadConfig{
		Names: names, Stdin: stdin, Expr: o.expr, Snaplen: o.snaplen, NoOptimize: o.cf.NoOptimize,
		Count: uint64(o.count), Writing: o.write != "", Banner: stderr,
		Open: func(sf *offline.Savefile, first *offline.Frame) (session.Sink, error) {
			var err error
			out, err = openReadOutput(o, sf, first, stdout, stderr)
			if err != nil {
				return nil, err
			}
			return out.Sink(), nil
		},
		Stats:   func(s func() []pcapout.Stats) { out.SetStats(s) },
		Stopped: func(err error) bool { return out.Stopped(err) },
	})
	if out == nil {
		return err
	}
	if o.cf.CountOnly && err == nil {
		fmt.Fprintf(stdout, "%s\n", plural(n, "packet"))
	}
	err = out.Explain(err)
	if cerr := out.Close(err != nil); err == nil {
		err = cerr
	}
	return err
}

// openReadOutput opens the output of -r once the first packet (if any)
// is read: rotation follows the packets' time stamps.
func openReadOutput(o *options, sf *offline.Savefile, first *offline.Frame, stdout, stderr io.Writer) (*output.Output, error) {
	if sf.DLT() == filter.DLTNull && o.write != "" {
		return nil, fmt.Errorf("%s: writing NULL (BSD loopback) packets with -w is not supported", sf.Name())
	}
	oo := outputOptions(o, stdout, stderr)
	if first != nil {
		oo.Start = first.CI.Timestamp
	}
	oo.Printer.LinkType = sf.LinkType()
	out, err := output.Open(oo)
	if err != nil {
		return nil, err
	}
	if err := out.Start(); err != nil {
		out.Close(true)
		return nil, err
	}
	if err := privs.Drop(o.ff.User, stderr); err != nil {
		out.Close(true)
		return nil, err
	}
	out.Keep()
	return out, nil
}
