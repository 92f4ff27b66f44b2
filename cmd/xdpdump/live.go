package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/xdpdump/xdpdump/internal/privs"

	"github.com/xdpdump/xdpdump/filter"
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
		Immediate:  o.unbuffered || o.write == "",
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
	// The start-up lines go out in one write, so that nobody reading
	// stderr sees "listening on" without the lines that follow it.
	var hello bytes.Buffer
	if o.write == "" && o.verbose == 0 && capturing(o) {
		fmt.Fprintln(&hello, "xdpdump: verbose output suppressed, use -v[v]... for full protocol decode")
	}
	for _, a := range sess.Attached() {
		if capturing(o) {
			fmt.Fprintf(&hello, "xdpdump: listening on %s, link-type EN10MB (Ethernet), snapshot length %d bytes\n", a.Name, o.snaplen)
		} else {
			fmt.Fprintf(&hello, "xdpdump: bouncing on %s: every TCP SYN is answered with a SYN-ACK (nothing captured: add -w or an expression)\n", a.Name)
		}
		if a.XDP != "" {
			fmt.Fprintf(&hello, "xdpdump: %s: XDP %s\n", a.Name, a.XDP)
		}
		if a.Egress != "" {
			fmt.Fprintf(&hello, "xdpdump: %s: TC egress through %s, after the programs already there\n", a.Name, a.Egress)
		}
	}
	stderr.Write(hello.Bytes())

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
		ro.Progress = progress(stderr)
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
	report(o, stderr, sess.Counters())
	return out.explain(runErr)
}

// report prints tcpdump's three exit lines and, with --bounce, the
// bounce counters.
func report(o *options, stderr io.Writer, cs []session.Counters) {
	t := session.Total(cs)
	if capturing(o) {
		s := t.XDP.Add(t.Egress)
		s.Lost += t.Exit.Total().Lost
		fmt.Fprintf(stderr, "%s captured\n", plural(t.Written, "packet"))
		fmt.Fprintf(stderr, "%s received by filter\n", plural(s.Matched, "packet"))
		fmt.Fprintf(stderr, "%s dropped by kernel\n", plural(s.Lost, "packet"))
	}
	printExit(stderr, o, t)
	if o.bf.on {
		printBounce(stderr, t)
	}
}

// progress prints tcpdump's "Got N" (with a carriage return, so a
// terminal shows one changing line) when the count changed.
func progress(stderr io.Writer) func(uint64) {
	printed, last := false, uint64(0)
	return func(n uint64) {
		if printed && last == n {
			return
		}
		printed, last = true, n
		fmt.Fprintf(stderr, "Got %d\r", n)
	}
}

// liveInterfaces looks -i's interfaces up and compiles the expression as
// tcpdump does on a live interface, before anything is touched.
func liveInterfaces(o *options) ([]session.Interface, error) {
	if len(o.ifaces) == 0 {
		return nil, usageError{"no interface given: use -i IFACE (xdpdump -D lists them)"}
	}
	var ifs []session.Interface
	seen := map[string]bool{}
	for _, name := range o.ifaces {
		if seen[name] {
			continue
		}
		seen[name] = true
		ni, err := lookupInterface(name)
		if err != nil {
			return nil, err
		}
		ifs = append(ifs, session.Interface{Name: ni.Name, Index: ni.Index})
	}
	if o.expr != "" {
		if _, err := filter.CompileCBPFNetmask(o.expr, o.snaplen, filter.LiveNetmask); err != nil {
			return nil, err
		}
	}
	return ifs, nil
}

func direction(o *options) session.Direction {
	switch o.direction {
	case "out":
		return session.Out
	case "inout":
		return session.InOut
	}
	return session.In
}

func plural(n uint64, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func roundPow2(n int) int {
	p := os.Getpagesize()
	for p < n {
		p <<= 1
	}
	return p
}

// lookupInterface finds -i's interface by name or, as tcpdump allows, by
// its number in the -D list.
func lookupInterface(name string) (*net.Interface, error) {
	if name == "any" {
		return nil, usageError{"any: XDP has no \"any\" device: name the interfaces (-i a,b or -i a -i b)"}
	}
	if ni, err := net.InterfaceByName(name); err == nil {
		return ni, nil
	}
	if n, err := strconv.Atoi(name); err == nil && n > 0 {
		if all, err := net.Interfaces(); err == nil && n <= len(all) {
			return &all[n-1], nil
		}
	}
	return nil, fmt.Errorf("%s: No such device exists", name)
}

func requireRoot() error {
	if os.Geteuid() != 0 {
		return errors.New("you don't have permission to capture at XDP: loading BPF programs needs root (CAP_BPF, CAP_NET_ADMIN and CAP_PERFMON)")
	}
	return nil
}
