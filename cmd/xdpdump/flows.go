// --flows' flags (internal/cli checks them) and its run: the counters
// attached (internal/session), shown each second (internal/flows).

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/cli"
	"github.com/xdpdump/xdpdump/internal/flows"
	"github.com/xdpdump/xdpdump/internal/session"
)

func addFlowFlags(fs *pflag.FlagSet, f *cli.Flows) {
	fs.BoolVar(&f.On, "flows", false, "count packets and bytes per flow in the kernel and show the top flows each second, instead of capturing")
	fs.BoolVar(&f.JSON, "flows-json", false, "with --flows: JSON lines, one object per flow per second, instead of the table")
	fs.IntVar(&f.Top, "flows-top", 20, "with --flows: show the `N` largest flows (0 = all)")
	fs.StringVar(&f.Order, "flows-order", "bytes", "with --flows: rank flows by `bytes` or packets")
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
	return errors.Join(flows.Show(ctx, stdout, fs.Snapshots, o.flf.ShowOptions(o.expr)), fs.Detach())
}
