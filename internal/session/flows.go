package session

import (
	"errors"
	"fmt"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/internal/chain"
	"github.com/xdpdump/xdpdump/internal/flows"
	"github.com/xdpdump/xdpdump/internal/promisc"
)

// Flows is --flows: the flow counters on every interface, the XDP stage
// standing in the capture stage's place in front of what runs there.
type Flows struct {
	cfg Config
	ifs []*flowIface
}

type flowIface struct {
	name    string
	hook    *chain.Chain
	f       *flows.Flows
	promisc *promisc.Hold
}

// OpenFlows attaches the flow counters for c (Interfaces, Filter,
// Direction, Log, Privileged). On failure every interface is left as
// found.
func OpenFlows(c Config) (_ *Flows, err error) {
	if c.Direction == 0 {
		c.Direction = In
	}
	if c.Privileged == nil {
		c.Privileged = func(fn func() error) error { return fn() }
	}
	if c.Log == nil {
		c.Log = func(string, string) {}
	}
	fs := &Flows{cfg: c}
	defer func() {
		if err != nil {
			fs.Detach()
			fs.Close()
		}
	}()
	for _, ic := range c.Interfaces {
		fi := &flowIface{name: ic.Name}
		fs.ifs = append(fs.ifs, fi)
		open := func(chainMap *ebpf.Map, v chain.Variant) (*ebpf.Program, error) {
			if fi.f != nil {
				fi.f.Close()
			}
			f, err := flows.Open(flows.Config{
				Ifindex: ic.Index, Filter: c.Filter, Ingress: c.Direction&In != 0, Egress: c.Direction&Out != 0,
				Chain: chainMap, Frags: v.Frags, AttachType: &v.AttachType,
			})
			if err != nil {
				return nil, err
			}
			fi.f = f
			return f.XDP(), nil
		}
		if c.Direction&In == 0 {
			if _, err := open(nil, chain.Variant{AttachType: ebpf.AttachXDP}); err != nil {
				return nil, permission(ic.Name+": attaching to TC egress", err)
			}
			continue
		}
		name := ic.Name
		h, err := chain.Attach(ic.Index, func(m *ebpf.Map, v chain.Variant) (*ebpf.Program, error) {
			prog, err := open(m, v)
			return prog, ourLoader(err)
		}, chain.Options{Log: func(l string) { c.Log(name, l) }})
		if err != nil {
			if errors.Is(err, chain.ErrDevBound) {
				return nil, fmt.Errorf("%s: %w: xdpdump cannot stand in front of it, nothing was changed", ic.Name, err)
			}
			return nil, attachError(ic.Name, err)
		}
		fi.hook = h
	}
	// Counted as captured: in promiscuous mode unless -p (promisc.go).
	recoverPromisc(c)
	for i, fi := range fs.ifs {
		if c.NoPromisc {
			break
		}
		if fi.promisc, err = promisc.Acquire(c.Interfaces[i].Index); err != nil {
			return nil, permission(fi.name+": promiscuous mode", err)
		}
	}
	return fs, nil
}

// Snapshots reads every interface's flow table.
func (fs *Flows) Snapshots() ([]flows.Named, error) {
	var out []flows.Named
	for _, fi := range fs.ifs {
		s, err := fi.f.Snapshot()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fi.name, err)
		}
		out = append(out, flows.Named{Name: fi.name, Snapshot: s})
	}
	return out, nil
}

// Detach leaves every interface's XDP hook as it was found (the egress
// counters stay until Close).
func (fs *Flows) Detach() error {
	var errs []error
	for _, fi := range fs.ifs {
		if fi.hook != nil {
			if err := fs.cfg.Privileged(fi.hook.Detach); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", fi.name, err))
			}
			fi.hook = nil
		}
		if fi.promisc != nil {
			if err := fs.cfg.Privileged(fi.promisc.Release); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", fi.name, err))
			}
			fi.promisc = nil
		}
	}
	return errors.Join(errs...)
}

// Close frees the counters (detaching the egress side).
func (fs *Flows) Close() {
	for _, fi := range fs.ifs {
		if fi.f != nil {
			fi.f.Close()
			fi.f = nil
		}
	}
}
