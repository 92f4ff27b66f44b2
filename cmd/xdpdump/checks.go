// checks.go compiles the expressions of a live capture before anything
// is touched.
package main

import (
	"fmt"
	"strings"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/session"
)

// compileFilters compiles the expression (and --bounce-filter) into the
// eBPF of every hook the capture uses, before anything is opened or
// attached, so that one too large for XDP, or using what the hook lacks,
// is refused with the interface, the bpffs and the output as they were.
func compileFilters(o *options) error {
	d := direction(o)
	check := func(expr, flag string, hooks ...filter.Hook) error {
		if strings.TrimSpace(expr) == "" || len(hooks) == 0 {
			return nil
		}
		// libpcap once (its optimizer is what takes time), eBPF per hook.
		prog, err := filter.CompileCBPFNetmask(expr, o.snaplen, filter.LiveNetmask)
		for _, h := range hooks {
			if err == nil {
				_, err = filter.ToEBPF(prog, h)
			}
		}
		if err != nil && flag != "" {
			return fmt.Errorf("%s: %w", flag, err)
		}
		return err
	}
	var hooks []filter.Hook
	if d&session.In != 0 {
		hooks = append(hooks, filter.XDP)
	}
	if d&session.Out != 0 {
		hooks = append(hooks, filter.TC)
	}
	if err := check(o.expr, "", hooks...); err != nil {
		return err
	}
	if o.bf.on {
		return check(o.bf.filter, "--bounce-filter", filter.XDP)
	}
	return nil
}
