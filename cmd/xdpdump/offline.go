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

// readFiles is -r (or -V's list): read savefiles, filter them in user
// space with libpcap's own interpreter, compiled for each file's link
// type, and print them or write them (-w, with rotation).
func readFiles(o *options, stdin io.Reader, stdout, stderr io.Writer) (err error) {
	if len(o.ifaces) > 0 {
		return usageError{"-r and -i together: read a file or capture, not both"}
	}
	names := []string{o.read}
	if o.cf.fileList != "" {
		if names, err = fileList(o.cf.fileList, stdin); err != nil {
			return err
		}
	}
	var out *output
	var w *offline.Writer
	var n uint64
	defer func() {
		if out == nil {
			return
		}
		if w != nil {
			if cerr := w.Close(); err == nil {
				err = cerr
			}
		}
		if o.cf.countOnly && err == nil {
			fmt.Fprintf(stdout, "%s\n", plural(n, "packet"))
		}
		err = out.explain(err)
		if cerr := out.abort(err != nil); err == nil {
			err = cerr
		}
	}()
	dlt := -1
	for _, name := range names {
		sf, closeIn, err := openSavefile(name, stdin)
		if err != nil {
			return err
		}
		defer closeIn()
		if dlt >= 0 && sf.DLT() != dlt && o.write != "" {
			return fmt.Errorf("%s: new dlt does not match original", name)
		}
		dlt = sf.DLT()
		io.WriteString(stderr, sf.Banner())
		var prog *filter.Program
		if o.expr != "" {
			if prog, err = filter.CompileCBPFOptions(o.expr, o.snaplen, sf.Compile(filter.CompileOptions{Netmask: filter.LiveNetmask, NoOptimize: o.cf.noOptimize})); err != nil {
				return err
			}
		}
		// The first packet before the output: with -G its time names the
		// first file.
		var fr offline.Frame
		next := sf.Next(&fr)
		if next != nil && !errors.Is(next, io.EOF) {
			return next
		}
		if out == nil {
			if out, err = openReadOutput(o, sf, next == nil, fr, stdout, stderr); err != nil {
				return err
			}
		}
		if w != nil {
			if err := w.Finish(); err != nil {
				return err
			}
		}
		w = offline.NewWriter(sf, out.sink, o.expr)
		out.stats = w.Stats
		for ; ; next = sf.Next(&fr) {
			if errors.Is(next, io.EOF) {
				break
			}
			if next != nil {
				return next
			}
			if o.count > 0 && n >= uint64(o.count) {
				return nil
			}
			w.Read(fr.Iface)
			if prog != nil && prog.Match(fr.Data, fr.CI.Length) == 0 {
				continue
			}
			if werr := w.Write(&fr); werr != nil {
				if errors.Is(werr, rotate.ErrLimit) {
					fmt.Fprintf(stderr, "Maximum file limit reached: %d\n", o.ff.files)
					return nil
				}
				return werr
			}
			n++
		}
	}
	return nil
}

// openSavefile opens -r's file (- is stdin).
func openSavefile(name string, stdin io.Reader) (*offline.Savefile, func(), error) {
	in, closeIn := stdin, func() {}
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, unwrapPathError(err))
		}
		in, closeIn = f, func() { f.Close() }
	}
	sf, err := offline.Open(name, in)
	if err != nil {
		closeIn()
		return nil, nil, err
	}
	return sf, closeIn, nil
}

// openReadOutput opens the output of -r once the first packet (fr, if
// any) is read: rotation follows the packets' time stamps.
func openReadOutput(o *options, sf *offline.Savefile, has bool, fr offline.Frame, stdout, stderr io.Writer) (*output, error) {
	if sf.DLT() == filter.DLTNull && o.write != "" {
		return nil, fmt.Errorf("%s: writing NULL (BSD loopback) packets with -w is not supported", sf.Name())
	}
	var rot rotateClock
	if has {
		rot.start = fr.CI.Timestamp
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
