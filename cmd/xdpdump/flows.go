package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"

	"github.com/cilium/ebpf"
	"github.com/spf13/pflag"
	"github.com/xdpdump/xdpdump/internal/chain"
	"github.com/xdpdump/xdpdump/internal/flows"
)

type flowFlags struct {
	on, json bool
	top      int
	order    string
}

var flf flowFlags

func addFlowFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&flf.on, "flows", false, "count packets and bytes per flow in the kernel and show the top flows each second, instead of capturing")
	fs.BoolVar(&flf.json, "flows-json", false, "with --flows: JSON lines, one object per flow per second, instead of the table")
	fs.IntVar(&flf.top, "flows-top", 20, "with --flows: show the `N` largest flows (0 = all)")
	fs.StringVar(&flf.order, "flows-order", "bytes", "with --flows: rank flows by `bytes` or packets")
}

func checkFlowFlags(o *options) error {
	if !flf.on {
		if flf.json {
			return usageError{"--flows-json goes with --flows"}
		}
		return nil
	}
	switch {
	case o.write != "" || o.read != "":
		return usageError{"--flows counts instead of capturing: it does not go with -w or -r"}
	case bf.on:
		return usageError{"--flows and --bounce together: run them as two xdpdumps"}
	case flf.order != "bytes" && flf.order != "packets":
		return usageError{fmt.Sprintf("--flows-order %q: bytes or packets", flf.order)}
	case flf.top < 0:
		return usageError{"--flows-top must be 0 or more"}
	}
	return nil
}

// liveFlows is --flows: attach the counters, show them each second and at
// exit, leave the interfaces as found.
func liveFlows(o *options, ifs []*iface, stdout, stderr io.Writer, sigs <-chan os.Signal) (err error) {
	type flowIface struct {
		*iface
		f    *flows.Flows
		view flows.View
	}
	var fis []*flowIface
	order := flows.ByBytes
	if flf.order == "packets" {
		order = flows.ByPackets
	}
	closeAll := func() error {
		var errs []error
		for _, fi := range fis {
			if fi.hook != nil {
				if err := privileged(fi.hook.Detach); err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", fi.name, err))
				}
				fi.hook = nil
			}
		}
		return errors.Join(errs...)
	}
	defer func() {
		for _, fi := range fis {
			if fi.f != nil {
				fi.f.Close()
			}
		}
	}()
	for _, ifc := range ifs {
		fi := &flowIface{iface: ifc}
		fi.view.Table = flows.TableOptions{Top: flf.top, Order: order, NoClear: !flows.IsTerminal(stdout),
			Title: fmt.Sprintf("xdpdump --flows on %s %s", ifc.name, o.expr)}
		fis = append(fis, fi)
		open := func(chainMap *ebpf.Map, v chain.Variant) (*ebpf.Program, error) {
			if fi.f != nil {
				fi.f.Close()
			}
			f, err := flows.Open(flows.Config{
				Ifindex: ifc.index, Filter: o.expr, Ingress: wantIngress(o), Egress: wantEgress(o),
				Chain: chainMap, Frags: v.Frags, AttachType: &v.AttachType,
			})
			if err != nil {
				return nil, err
			}
			fi.f = f
			return f.XDP(), nil
		}
		if wantIngress(o) {
			h, err := attach(ifc.index, ifc.name, open, chain.Options{}, stderr)
			if err != nil {
				closeAll()
				return err
			}
			fi.hook = h
		} else if _, err := open(nil, chain.Variant{AttachType: ebpf.AttachXDP}); err != nil {
			closeAll()
			return privError(ifc.name+": attaching to TC egress", err)
		}
		fmt.Fprintf(stderr, "xdpdump: counting flows on %s (%s)\n", ifc.name, map[bool]string{true: "in", false: "out"}[wantIngress(o)]+
			map[bool]string{true: "+out", false: ""}[wantIngress(o) && wantEgress(o)])
	}

	show := func(final bool) error {
		for _, fi := range fis {
			snap, err := fi.f.Snapshot()
			if err != nil {
				return err
			}
			switch {
			case flf.json:
				err = fi.view.JSON(stdout, snap)
			case final:
				err = fi.view.Final(stdout, snap)
			default:
				err = fi.view.Frame(stdout, snap)
			}
			if err != nil {
				return writeError{"stdout", err}
			}
		}
		return nil
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var loopErr error
loop:
	for {
		select {
		case s := <-sigs:
			if s == syscall.SIGUSR1 || s == syscall.SIGUSR2 || s == syscall.SIGPIPE {
				continue
			}
			break loop
		case <-tick.C:
			if loopErr = show(false); loopErr != nil {
				break loop
			}
		}
	}
	if loopErr == nil && !flf.json {
		loopErr = show(true)
	}
	return errors.Join(loopErr, closeAll())
}
