// A live capture: the command line turned into a session.Config and the
// output's options, signals into the session's context, its counters
// into tcpdump's messages.

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/cli"
	"github.com/xdpdump/xdpdump/internal/egress"
	"github.com/xdpdump/xdpdump/internal/output"
	"github.com/xdpdump/xdpdump/internal/privs"
	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/internal/stage"
)

// live captures on the interfaces until a signal, -c, or an error.
func live(o *options, stdout, stderr io.Writer) (err error) {
	ifs, err := liveInterfaces(o)
	if err != nil {
		return err
	}
	if err := cli.RequireRoot(); err != nil {
		return err
	}
	// Signals: stop on INT/TERM/HUP, counts on USR1, flush on USR2.
	// SIGPIPE is caught so that a closed reader gives EPIPE (and a clean
	// detach), not death.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGPIPE)
	defer signal.Stop(sigs)
	cfg := session.Config{
		Interfaces: ifs, Filter: o.expr, Snaplen: uint32(o.snaplen), Netmask: filter.LiveNetmask,
		Direction: direction(o), RingSize: stage.DefaultRingSize, RingPerCPU: o.rf.perCPU,
		Immediate: o.unbuffered || o.write == "" || o.cf.Immediate,
		NoPromisc: o.cf.NoPromisc || o.any, Any: o.any,
		NoCapture:  !capturing(o),
		EgressHook: egress.Hook(os.Getenv("XDPDUMP_EGRESS_HOOK")),
		Log:        func(ifname, l string) { fmt.Fprintf(stderr, "xdpdump: %s: %s\n", ifname, l) },
		Privileged: privs.Run,
	}
	if o.bufferKiB > 0 {
		cfg.RingSize = cli.RingSize(o.bufferKiB)
	}
	if o.bf.On {
		cfg.Bounce = &session.Bounce{Filter: o.bf.Filter, Rate: o.bf.Rate}
	}
	cfg.Exit = o.ef.Point()
	if o.flf.On {
		return liveFlows(o, cfg, stdout, stderr, sigs)
	}

	// Output before attaching, so that an unwritable path touches nothing;
	// the file is truncated only once the capture really starts. Several
	// interfaces or both directions asked for: lines say which, as tcpdump
	// -i any's do.
	oo := outputOptions(o, stdout, stderr)
	oo.Now, oo.Discard = time.Now, !capturing(o)
	oo.Labelled = o.any || len(ifs) > 1 || o.direction == "inout"
	out, err := output.Open(oo)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(err != nil); err == nil {
			err = cerr
		}
	}()
	sess, err := session.Open(cfg)
	if err != nil {
		return err
	}
	defer sess.Close()
	out.SetStats(sess.PcapStats)
	if err := out.Start(); err != nil {
		sess.Detach()
		return err
	}
	// -Z: attached and the file open, nothing more needs root.
	if err := privs.Drop(o.ff.User, stderr); err != nil {
		sess.Detach()
		return err
	}
	io.WriteString(stderr, cli.Hello{Attached: sess.Attached(), Snaplen: o.snaplen, Capturing: capturing(o),
		Quiet: o.write == "" && o.verbose == 0, Linktype: o.cf.Linktype != "", Bounce: o.bf.On}.String())

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	flush := make(chan struct{}, 1)
	go func() {
		for s := range sigs {
			switch s {
			case syscall.SIGUSR1:
				report(o, stderr, sess.Counters())
			case syscall.SIGUSR2: // tcpdump's: flush the output file
				select {
				case flush <- struct{}{}:
				default:
				}
			case syscall.SIGPIPE:
				// The write that hit the closed pipe reports EPIPE itself.
			default:
				cancel()
			}
		}
	}()
	ro := session.RunOptions{Count: uint64(o.count), Flush: flush, Stopped: output.Limited}
	if o.verbose > 0 && o.write != "" {
		ro.Progress = cli.Progress(stderr)
	}
	runErr := sess.Run(ctx, out.Sink(), ro)
	if out.Stopped(runErr) {
		runErr = nil
	}
	out.Keep()
	// Printing stopped by a signal ends with a newline, as tcpdump's
	// (pcap_breakloop: "perhaps we didn't finish a line").
	if o.write == "" && capturing(o) && ctx.Err() != nil && runErr == nil {
		io.WriteString(stdout, "\n")
	}
	report(o, stderr, sess.Counters())
	return out.Explain(runErr)
}

// report prints what the counters say (cli.Report).
func report(o *options, stderr io.Writer, cs []session.Counters) {
	io.WriteString(stderr, cli.Report{Counters: cs, Capturing: capturing(o), Exit: o.ef.Exiting(), Bounce: o.bf.On}.String())
}

// liveInterfaces looks -i's interfaces up and compiles the expression as
// tcpdump does on a live interface, before anything is touched.
func liveInterfaces(o *options) ([]session.Interface, error) {
	ifs, any, err := cli.Interfaces(o.ifaces)
	if err != nil {
		return nil, err
	}
	o.any = any
	f := cli.Filters{Expr: o.expr, Snaplen: o.snaplen, Direction: direction(o), Bounce: o.bf.On, BounceFilter: o.bf.Filter}
	if err := f.Check(); err != nil {
		return nil, err
	}
	return ifs, nil
}

// direction is -Q; both directions unless -Q says otherwise, as tcpdump.
func direction(o *options) session.Direction {
	switch o.direction {
	case "out":
		return session.Out
	case "in":
		return session.In
	}
	return session.InOut
}
