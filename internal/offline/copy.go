// -r as a command runs it: the savefiles read (Read) into the output
// (internal/output: printed, -w, rotated), opened once the first packet
// is read, -Z's user taken once it is, the count of --count, and the
// output's failures in one line.

package offline

import (
	"fmt"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/output"
	"github.com/xdpdump/xdpdump/internal/privs"
	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/pcapout"
)

// Copy reads the files of c into the output o says. It sets c's Writing,
// Banner (o.Stderr), Open, Stats and Stopped; rotation follows the
// packets' time stamps, printing the files' link type.
func Copy(c ReadConfig, o output.Options) error {
	var out *output.Output
	c.Writing, c.Banner = o.Name != "", o.Stderr
	c.Open = func(sf *Savefile, first *Frame) (session.Sink, error) {
		var err error
		out, err = openOutput(o, sf, first)
		if err != nil {
			return nil, err
		}
		return out.Sink(), nil
	}
	c.Stats = func(s func() []pcapout.Stats) { out.SetStats(s) }
	c.Stopped = func(err error) bool { return out.Stopped(err) }
	n, err := Read(c)
	if out == nil {
		return err
	}
	if o.CountOnly && err == nil {
		s := "s"
		if n == 1 {
			s = ""
		}
		fmt.Fprintf(o.Stdout, "%d packet%s\n", n, s)
	}
	err = out.Explain(err)
	if cerr := out.Close(err != nil); err == nil {
		err = cerr
	}
	return err
}

// openOutput opens the output of sf once its first packet (if any) is
// read, and starts it.
func openOutput(o output.Options, sf *Savefile, first *Frame) (*output.Output, error) {
	if sf.DLT() == filter.DLTNull && o.Name != "" {
		return nil, fmt.Errorf("%s: writing NULL (BSD loopback) packets with -w is not supported", sf.Name())
	}
	if first != nil {
		o.Start = first.CI.Timestamp
	}
	o.Printer.LinkType = sf.LinkType()
	out, err := output.Open(o)
	if err != nil {
		return nil, err
	}
	if err := out.Start(); err != nil {
		out.Close(true)
		return nil, err
	}
	if err := privs.Drop(o.User, o.Stderr); err != nil {
		out.Close(true)
		return nil, err
	}
	out.Keep()
	return out, nil
}
