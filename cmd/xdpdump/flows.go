package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/flows"
	"github.com/xdpdump/xdpdump/internal/session"
)

type flowFlags struct {
	on, json bool
	top      int
	order    string
}

func addFlowFlags(fs *pflag.FlagSet, flf *flowFlags) {
	fs.BoolVar(&flf.on, "flows", false, "count packets and bytes per flow in the kernel and show the top flows each second, instead of capturing")
	fs.BoolVar(&flf.json, "flows-json", false, "with --flows: JSON lines, one object per flow per second, instead of the table")
	fs.IntVar(&flf.top, "flows-top", 20, "with --flows: show the `N` largest flows (0 = all)")
	fs.StringVar(&flf.order, "flows-order", "bytes", "with --flows: rank flows by `bytes` or packets")
}

func checkFlowFlags(o *options) error {
	if !o.flf.on {
		if o.flf.json {
			return usageError{"--flows-json goes with --flows"}
		}
		return nil
	}
	switch {
	case o.write != "" || o.read != "":
		return usageError{"--flows counts instead of capturing: it does not go with -w or -r"}
	case o.bf.on:
		return usageError{"--flows and --bounce together: run them as two xdpdumps"}
	case o.flf.order != "bytes" && o.flf.order != "packets":
		return usageError{fmt.Sprintf("--flows-order %q: bytes or packets", o.flf.order)}
	case o.flf.top < 0:
		return usageError{"--flows-top must be 0 or more"}
	}
	return nil
}

// liveFlows is --flows: attach the counters, show them each second and at
// exit, leave the interfaces as found.
func liveFlows(o *options, cfg session.Config, stdout, stderr io.Writer, sigs <-chan os.Signal) (err error) {
	fs, err := session.OpenFlows(cfg)
	if err != nil {
		return err
	}
	defer fs.Close()
	dir := map[session.Direction]string{session.In: "in", session.Out: "out", session.InOut: "in+out"}[cfg.Direction]
	for _, ifc := range cfg.Interfaces {
		fmt.Fprintf(stderr, "xdpdump: counting flows on %s (%s)\n", ifc.Name, dir)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for s := range sigs {
			if s != syscall.SIGUSR1 && s != syscall.SIGUSR2 && s != syscall.SIGPIPE {
				cancel()
			}
		}
	}()
	so := flows.ShowOptions{Top: o.flf.top, Order: flows.ByBytes, JSON: o.flf.json,
		Title: func(name string) string { return fmt.Sprintf("xdpdump --flows on %s %s", name, o.expr) }}
	if o.flf.order == "packets" {
		so.Order = flows.ByPackets
	}
	return errors.Join(flows.Show(ctx, stdout, fs.Snapshots, so), fs.Detach())
}
