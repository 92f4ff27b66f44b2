package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/xdpdump/xdpdump/internal/privs"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/cli"
	"github.com/xdpdump/xdpdump/internal/egress"
	"github.com/xdpdump/xdpdump/internal/rotate"
	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/internal/stage"
)

// live captures on the interfaces until a signal, -c, or an error.
func live(o *options, stdout, stderr io.Writer) (err error) {
	ifs, err := liveInterfaces(o)
	if err != nil {
		return err
	}
	if err := requireRoot(); err != nil {
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
		cfg.RingSize = roundPow2(o.bufferKiB * 1024)
	}
	if o.bf.on {
		cfg.Bounce = &session.Bounce{Filter: o.bf.filter, Rate: o.bf.rate}
	}
	cfg.Exit = exitPoint(o)
	if o.flf.on {
		return liveFlows(o, cfg, stdout, stderr, sigs)
	}

	// Output before attaching, so that an unwritable path touches nothing;
	// the file is truncated only once the capture really starts.
	out, err := openOutput(o, stdout, stderr, rotateClock{now: time.Now})
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.abort(err != nil); err == nil {
			err = cerr
		}
	}()
	// Several interfaces or both directions asked for: lines say which, as
	// tcpdump -i any's do.
	out.sink = printSink(o, out.sink, stdout, o.any || len(ifs) > 1 || o.direction == "inout")
	sess, err := session.Open(cfg)
	if err != nil {
		return err
	}
	defer sess.Close()
	out.stats = sess.PcapStats
	if err := out.start(); err != nil {
		sess.Detach()
		return err
	}
	// -Z: attached and the file open, nothing more needs root.
	if err := privs.Drop(o.ff.user, stderr); err != nil {
		sess.Detach()
		return err
	}
	io.WriteString(stderr, cli.Hello{Attached: sess.Attached(), Snaplen: o.snaplen, Capturing: capturing(o),
		Quiet: o.write == "" && o.verbose == 0, Linktype: o.cf.Linktype != ""}.String()+bounceNotes(o, sess.Attached()))

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
	ro := session.RunOptions{Count: uint64(o.count), Flush: flush, Stopped: func(err error) bool { return errors.Is(err, rotate.ErrLimit) }}
	if o.verbose > 0 && o.write != "" {
		ro.Progress = cli.Progress(stderr)
	}
	var sink session.Sink = out.sink
	if !capturing(o) {
		sink = nopSink{}
	}
	runErr := sess.Run(ctx, sink, ro)
	if errors.Is(runErr, rotate.ErrLimit) {
		fmt.Fprintf(stderr, "Maximum file limit reached: %d\n", o.ff.files)
		runErr = nil
	}
	out.done = true
	// Printing stopped by a signal ends with a newline, as tcpdump's
	// (pcap_breakloop: "perhaps we didn't finish a line").
	if o.write == "" && capturing(o) && ctx.Err() != nil && runErr == nil {
		io.WriteString(stdout, "\n")
	}
	report(o, stderr, sess.Counters())
	return out.explain(runErr)
}

// report prints tcpdump's three exit lines and, with --bounce, the
// bounce counters.
func report(o *options, stderr io.Writer, cs []session.Counters) {
	t := session.Total(cs)
	if capturing(o) {
		io.WriteString(stderr, cli.Counts(t))
	}
	printExit(stderr, o, t)
	if o.bf.on {
		printBounce(stderr, t)
	}
}

// liveInterfaces looks -i's interfaces up and compiles the expression as
// tcpdump does on a live interface, before anything is touched.
func liveInterfaces(o *options) ([]session.Interface, error) {
	ifs, any, err := cli.Interfaces(o.ifaces)
	if err != nil {
		return nil, err
	}
	o.any = any
	if err := compileFilters(o); err != nil {
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

func plural(n uint64, word string) string { return cli.Plural(n, word) }

func roundPow2(n int) int {
	p := os.Getpagesize()
	for p < n {
		p <<= 1
	}
	return p
}

func requireRoot() error {
	if os.Geteuid() != 0 {
		return errors.New("you don't have permission to capture at XDP: loading BPF programs needs root (CAP_BPF, CAP_NET_ADMIN and CAP_PERFMON)")
	}
	return nil
}
