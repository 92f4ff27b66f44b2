package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/cilium/ebpf"
	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/bounce"
	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/chain"
	"github.com/xdpdump/xdpdump/internal/egress"
	"golang.org/x/sys/unix"
)

// iface is one interface being captured on.
type iface struct {
	name       string
	index      int
	driver     string
	stage      *capture.Stage
	bounce     *bounce.Bounce
	lastBounce bounce.Stats
	hook       hook
	outIdx     int    // interface number in the output file
	written    uint64 // packets of this interface written
	netmask    uint32 // for `ip broadcast`, as tcpdump compiles it
	egress     *egress.Egress
	lastSeen   capture.Stats // XDP capture stage
	lastEgress capture.Stats // TC egress
}

// live captures on the interfaces until a signal, -c, or an error.
func live(o *options, stdout, stderr io.Writer) (err error) {
	if len(o.ifaces) == 0 {
		return usageError{"no interface given: use -i IFACE (xdpdump -D lists them)"}
	}
	if o.read != "" {
		return usageError{"-r and -i together: read a file or capture, not both"}
	}
	var ifs []*iface
	seen := map[string]bool{}
	for _, name := range o.ifaces {
		if seen[name] {
			continue
		}
		seen[name] = true
		ni, err := lookupInterface(name)
		if err != nil {
			return err
		}
		ifs = append(ifs, &iface{name: ni.Name, index: ni.Index, driver: driverOf(ni.Name), netmask: filter.LiveNetmask})
	}
	// The expression before anything is touched, compiled as tcpdump does
	// on a live interface.
	for _, ifc := range ifs {
		if _, err := filter.CompileCBPFNetmask(o.expr, o.snaplen, ifc.netmask); err != nil && o.expr != "" {
			return err
		}
	}
	if err := requireRoot(); err != nil {
		return err
	}
	if flf.on {
		sigs := make(chan os.Signal, 4)
		signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGPIPE)
		defer signal.Stop(sigs)
		return liveFlows(o, ifs, stdout, stderr, sigs)
	}

	ringSize := capture.DefaultRingSize
	if o.bufferKiB > 0 {
		ringSize = roundPow2(o.bufferKiB * 1024)
	}
	ring, err := ebpf.NewMap(&ebpf.MapSpec{Name: "xdpdump_ring", Type: ebpf.RingBuf, MaxEntries: uint32(ringSize)})
	if err != nil {
		return privError("creating the ring buffer", err)
	}
	defer ring.Close()

	// Wake the reader for every packet only when asked to (-U) or when
	// printing to a terminal; otherwise once a batch has piled up.
	wakeup := uint32(ringSize / 16)
	if o.unbuffered || o.write == "" {
		wakeup = 0
	}

	// Output before attaching, so that an unwritable path touches nothing;
	// the file is truncated only once the capture really starts.
	out, err := openOutput(o, stdout)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.abort(err != nil); err == nil {
			err = cerr
		}
	}()

	// Signals: stop on INT/TERM/HUP, counts on USR1. SIGPIPE is caught so
	// that a closed reader gives EPIPE (and a clean detach), not death.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGPIPE)
	defer signal.Stop(sigs)

	for _, ifc := range ifs {
		ifc := ifc
		load := func(chainMap *ebpf.Map, v chain.Variant) (*ebpf.Program, error) {
			return loadStages(o, ifc, chainMap, ring, v, wakeup)
		}
		if wantIngress(o) {
			h, err := attach(ifc.index, ifc.name, load, chainLayout(o), stderr)
			if err != nil {
				detachAll(ifs, stderr)
				ifc.closeStages()
				return err
			}
			ifc.hook = h
		}
		if wantEgress(o) {
			eg, err := egress.Attach(egress.Config{
				Ifindex: ifc.index, Ring: ring, Filter: o.expr,
				Snaplen: uint32(o.snaplen), WakeupBytes: wakeup,
				Hook: egress.Hook(os.Getenv("XDPDUMP_EGRESS_HOOK")),
			})
			if err != nil {
				detachAll(ifs, stderr)
				return privError(ifc.name+": attaching to TC egress", err)
			}
			ifc.egress = eg
		}
	}
	defer func() {
		for _, ifc := range ifs {
			ifc.closeStages()
		}
	}()

	for _, ifc := range ifs {
		idx, err := out.addInterface(ifc, o)
		if err != nil {
			detachAll(ifs, stderr)
			return err
		}
		ifc.outIdx = idx
	}
	if err := out.start(); err != nil {
		detachAll(ifs, stderr)
		return err
	}
	// -Z: attached and the file open, nothing more needs root.
	if err := dropPrivileges(ff.user, stderr); err != nil {
		detachAll(ifs, stderr)
		return err
	}
	if o.verbose > 0 && o.write != "" {
		defer startProgress()()
	}
	// The start-up lines go out in one write, so that nobody reading
	// stderr sees "listening on" without the lines that follow it.
	var hello bytes.Buffer
	if o.write == "" && o.verbose == 0 && capturing(o) {
		fmt.Fprintln(&hello, "xdpdump: verbose output suppressed, use -v[v]... for full protocol decode")
	}
	for _, ifc := range ifs {
		if capturing(o) {
			fmt.Fprintf(&hello, "xdpdump: listening on %s, link-type EN10MB (Ethernet), snapshot length %d bytes\n", ifc.name, o.snaplen)
		} else {
			fmt.Fprintf(&hello, "xdpdump: bouncing on %s: every TCP SYN is answered with a SYN-ACK (nothing captured: add -w or an expression)\n", ifc.name)
		}
		if ifc.hook != nil {
			fmt.Fprintf(&hello, "xdpdump: %s: XDP %s\n", ifc.name, ifc.hook.Describe())
		}
		if ifc.egress != nil {
			fmt.Fprintf(&hello, "xdpdump: %s: TC egress through %s, after the programs already there\n", ifc.name, ifc.egress.Hook())
		}
	}
	stderr.Write(hello.Bytes())

	clock := capture.NewClock()
	rd, err := capture.NewReader(ring, clock, 100*time.Millisecond)
	if err != nil {
		detachAll(ifs, stderr)
		return err
	}
	defer rd.Close()

	loopErr := loop(o, ifs, rd, clock, out, sigs, stderr)
	// Detach first, so that nothing more arrives, then drain what waits.
	detachErr := detachAll(ifs, stderr)
	if loopErr == nil {
		loopErr = drain(o, ifs, rd, out)
	}
	stats := totals(ifs)
	var closeErr error
	if loopErr == nil || !isWriteError(loopErr) {
		closeErr = out.finish(ifs, stats)
	}
	if capturing(o) {
		printSummary(stderr, out.written, stats)
	}
	if bf.on {
		printBounce(stderr, ifs)
	}
	return errors.Join(loopErr, closeErr, detachErr)
}

// loop reads records until a stop signal, -c, a lost hook or an error.
func loop(o *options, ifs []*iface, rd *capture.Reader, clock *capture.Clock, out *output, sigs chan os.Signal, stderr io.Writer) error {
	var rec capture.Record
	lastSync := time.Now()
	var watchErr atomic.Value
	for _, ifc := range ifs {
		ifc := ifc
		if ifc.hook == nil {
			continue
		}
		go func() {
			if err := ifc.hook.Wait(); err != nil {
				watchErr.Store(err)
			}
		}()
	}
	for {
		select {
		case s := <-sigs:
			switch s {
			case syscall.SIGUSR1:
				st := totals(ifs)
				if capturing(o) {
					printSummary(stderr, out.written, st)
				}
				if bf.on {
					printBounce(stderr, ifs)
				}
				continue
			case syscall.SIGUSR2: // tcpdump's: flush the output file
				if err := out.flush(); err != nil && !limitReached(err, stderr) {
					return err
				}
				continue
			case syscall.SIGPIPE:
				// The write that hit the closed pipe reports EPIPE itself.
				continue
			}
			return nil
		default:
		}
		if e := watchErr.Load(); e != nil {
			return e.(error)
		}
		if o.count > 0 && out.written >= uint64(o.count) {
			return nil
		}
		if progressDue.Load() {
			printProgress(stderr, out.written)
		}
		err := rd.Next(&rec)
		if capture.IsTimeout(err) {
			if err := out.flush(); err != nil {
				if limitReached(err, stderr) {
					return nil
				}
				return err
			}
			if time.Since(lastSync) > time.Second {
				clock.Sync()
				lastSync = time.Now()
			}
			continue
		}
		if err != nil {
			return err
		}
		if err := out.write(ifs, &rec); err != nil {
			if limitReached(err, stderr) {
				return nil
			}
			return err
		}
	}
}

// drain writes what is still in the ring after the hooks are gone.
func drain(o *options, ifs []*iface, rd *capture.Reader, out *output) error {
	var rec capture.Record
	for rd.Pending() > 0 {
		if o.count > 0 && out.written >= uint64(o.count) {
			break
		}
		err := rd.Next(&rec)
		if capture.IsTimeout(err) {
			break
		}
		if err != nil {
			return err
		}
		if err := out.write(ifs, &rec); err != nil {
			if limitReachedErr(err) {
				break
			}
			return err
		}
	}
	return out.flush()
}

func detachAll(ifs []*iface, stderr io.Writer) error {
	var errs []error
	for _, ifc := range ifs {
		if ifc.egress != nil {
			ifc.lastEgress = egressStats(ifc.egress, ifc.lastEgress)
			if err := ifc.egress.Close(); err != nil {
				errs = append(errs, fmt.Errorf("%s: TC egress: %w", ifc.name, err))
			}
			ifc.egress = nil
		}
		if ifc.hook == nil {
			continue
		}
		if err := privileged(ifc.hook.Detach); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", ifc.name, err))
		}
		ifc.hook = nil
	}
	return errors.Join(errs...)
}

// totals are the kernel's counters of all hooks of all interfaces; the
// last reading of each is kept for when its maps are gone.
func totals(ifs []*iface) capture.Stats {
	var t capture.Stats
	for _, ifc := range ifs {
		if ifc.stage != nil {
			if s, err := ifc.stage.Stats(); err == nil {
				ifc.lastSeen = s
			}
		}
		if ifc.egress != nil {
			ifc.lastEgress = egressStats(ifc.egress, ifc.lastEgress)
		}
		t = t.Add(ifc.lastSeen).Add(ifc.lastEgress)
	}
	return t
}

func egressStats(e *egress.Egress, last capture.Stats) capture.Stats {
	seen, matched, lost, captured, err := e.Stats()
	if err != nil {
		return last
	}
	return capture.Stats{Seen: seen, Matched: matched, Lost: lost, Captured: captured}
}

func wantIngress(o *options) bool { return o.direction != "out" }
func wantEgress(o *options) bool  { return o.direction == "out" || o.direction == "inout" }

func plural(n uint64, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// printSummary prints tcpdump's three exit lines.
func printSummary(w io.Writer, captured uint64, s capture.Stats) {
	fmt.Fprintf(w, "%s captured\n", plural(captured, "packet"))
	fmt.Fprintf(w, "%s received by filter\n", plural(s.Matched, "packet"))
	fmt.Fprintf(w, "%s dropped by kernel\n", plural(s.Lost, "packet"))
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

// driverOf asks the interface's driver for its name (ethtool -i), for
// the pcapng if_hardware option. Empty when the driver does not say.
func driverOf(name string) string {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return ""
	}
	defer unix.Close(fd)
	info, err := unix.IoctlGetEthtoolDrvinfo(fd, name)
	if err != nil {
		return ""
	}
	return unix.ByteSliceToString(info.Driver[:])
}

func requireRoot() error {
	if os.Geteuid() != 0 {
		return errors.New("you don't have permission to capture at XDP: loading BPF programs needs root (CAP_BPF, CAP_NET_ADMIN and CAP_PERFMON)")
	}
	return nil
}

func privError(what string, err error) error {
	if errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EPERM) {
		return fmt.Errorf("%s: permission denied: loading BPF programs needs root (CAP_BPF, CAP_NET_ADMIN)", what)
	}
	return fmt.Errorf("%s: %w", what, err)
}
