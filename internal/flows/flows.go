// Package flows is xdpdump's flow view (--flows): per-flow packet and byte
// counters kept in the kernel, read and summed here, and shown as a live
// table or as JSON lines.
//
// The kernel side is an XDP chain stage for what arrives (bpf/flows.c,
// SEC xdp and xdp.frags variants that tail-call the next stage like the
// capture stage does) and a TC egress program attached with tcx for what
// leaves (xdpdump_flows_egress in bpf/egress.c). Both run the spliced
// tcpdump filter first, so the expression selects what is counted, and
// both add to one LRU hash of per-CPU counters keyed by the 5-tuple,
// direction and ifindex. Nothing goes through the ring buffer, so counting
// keeps up at packet rates where full capture cannot.
package flows

import (
	"errors"
	"fmt"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"

	"github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/internal/egress"
	"github.com/xdpdump/xdpdump/internal/stage"
)

// DefaultMaxFlows is the size of the flow table unless Config says
// otherwise; the least recently used flows make room for new ones.
const DefaultMaxFlows = 65536

// Config says what to count and where.
type Config struct {
	// Ifindex of the interface, in the calling thread's network
	// namespace. Needed for Egress and for AttachXDP.
	Ifindex int
	// Filter is a tcpdump expression; empty counts everything.
	Filter string
	// Ingress loads the XDP stage (XDP returns it; the caller puts it in
	// its chain or attaches it with AttachXDP). Egress attaches the TC
	// egress program with tcx.
	Ingress, Egress bool
	// Chain is the prog array the XDP stage tail-calls through at
	// NextSlot when it is done (the chain contract of bpf/capture.c). Nil
	// gives the stage a chain of its own, empty: packets go on to
	// XDP_PASS.
	Chain    *ebpf.Map
	NextSlot uint32
	// Frags loads the xdp.frags variant of the XDP stage, for chains of
	// multi-buffer programs (a prog array calls only programs whose frags
	// flag matches).
	Frags bool
	// AttachType is the expected attach type of the XDP stage
	// (chain.Variant); nil = BPF_XDP.
	AttachType *ebpf.AttachType
	// MaxFlows is the size of the LRU flow table; 0 = DefaultMaxFlows.
	MaxFlows uint32
	// EgressFirst runs the egress counter before the tcx programs already
	// on the interface rather than after them.
	EgressFirst bool
}

// Flows is a loaded flow counter.
type Flows struct {
	cfg       Config
	in, out   *stage.Stage // the XDP stage and the TC egress program
	table     *ebpf.Map
	egressL   egress.Attachment
	xdpL      link.Link
	clock     clock
	keyBuf    []bpf.FlowsXdpdumpFlowKey
	valBuf    []bpf.FlowsXdpdumpFlowVal
	batchFail bool
}

// Open loads what c asks for and attaches the egress side. The XDP stage
// is loaded but not attached: see XDP and AttachXDP.
func Open(c Config) (*Flows, error) {
	if !c.Ingress && !c.Egress {
		return nil, errors.New("flows: neither ingress nor egress asked for")
	}
	if c.Egress && c.Ifindex <= 0 {
		return nil, fmt.Errorf("flows: no interface for egress (ifindex %d)", c.Ifindex)
	}
	if c.MaxFlows == 0 {
		c.MaxFlows = DefaultMaxFlows
	}
	f := &Flows{cfg: c, clock: newClock()}
	ok := false
	defer func() {
		if !ok {
			f.Close()
		}
	}()
	sizes := map[string]uint32{bpf.FlowsMapFlows: c.MaxFlows}
	if c.Ingress {
		v := stage.Variant{Frags: c.Frags, AttachType: ebpf.AttachXDP}
		if c.AttachType != nil {
			v.AttachType = *c.AttachType
		}
		st, err := stage.Load(stage.Config{
			Spec: bpf.LoadFlows, Program: bpf.FlowsProgXdpdumpFlows, Kind: stage.XDP, Variant: &v,
			Filter: c.Filter, Chain: c.Chain, NextSlot: c.NextSlot, MaxEntries: sizes,
		})
		if err != nil {
			return nil, fmt.Errorf("loading the XDP flow stage: %w", err)
		}
		f.in = st
		f.table = st.Map(bpf.FlowsMapFlows)
	}
	if c.Egress {
		sc := stage.Config{
			Spec: bpf.LoadFlowsEgress, Program: bpf.FlowsEgressProgXdpdumpFlowsEgress, Kind: stage.TC,
			Filter: c.Filter, MaxEntries: sizes,
		}
		if f.table != nil {
			sc.Replace = map[string]*ebpf.Map{bpf.FlowsMapFlows: f.table}
		}
		st, err := stage.Load(sc)
		if err != nil {
			return nil, fmt.Errorf("loading the egress flow counter: %w", err)
		}
		f.out = st
		if f.table == nil {
			f.table = st.Map(bpf.FlowsMapFlows)
		}
		f.egressL, err = egress.AttachTC(c.Ifindex, st.Program(), c.EgressFirst)
		if err != nil {
			return nil, err
		}
	}
	ok = true
	return f, nil
}

// XDP is the XDP flow stage (nil without Config.Ingress), for the caller's
// chain.
func (f *Flows) XDP() *ebpf.Program {
	if f.in == nil {
		return nil
	}
	return f.in.Program()
}

// Chain is the prog array the XDP stage tail-calls through (Config.Chain
// or its own).
func (f *Flows) Chain() *ebpf.Map {
	if f.in == nil {
		return nil
	}
	return f.in.Map(stage.MapChain)
}

// Table is the kernel's flow table.
func (f *Flows) Table() *ebpf.Map { return f.table }

// AttachXDP attaches the XDP stage to Config.Ifindex directly (for use
// without the capture chain). Close detaches it.
func (f *Flows) AttachXDP(flags link.XDPAttachFlags) error {
	if f.in == nil {
		return errors.New("flows: no XDP stage loaded (Config.Ingress is off)")
	}
	if f.xdpL != nil {
		return errors.New("flows: XDP stage already attached")
	}
	l, err := link.AttachXDP(link.XDPOptions{Program: f.in.Program(), Interface: f.cfg.Ifindex, Flags: flags})
	if err != nil {
		return fmt.Errorf("attaching the XDP flow stage to interface %d: %w", f.cfg.Ifindex, err)
	}
	f.xdpL = l
	return nil
}

// Stats are a side's counters: packets that reached the program, that the
// filter accepted, that were counted into a flow, and that could not be.
type Stats struct {
	Seen, Matched, Counted, Lost uint64
}

// Stats sums the per-CPU counters of the ingress and egress programs.
func (f *Flows) Stats() (in, out Stats, err error) {
	if in, err = readStats(f.in); err != nil {
		return
	}
	out, err = readStats(f.out)
	return
}

func readStats(st *stage.Stage) (Stats, error) {
	if st == nil {
		return Stats{}, nil
	}
	s, err := st.Stats()
	if err != nil {
		return Stats{}, fmt.Errorf("reading flow stats: %w", err)
	}
	return Stats{Seen: s.Seen, Matched: s.Matched, Counted: s.Captured, Lost: s.Lost}, nil
}

// Close detaches and frees everything Open made (a Config.Chain stays).
func (f *Flows) Close() error {
	var errs []error
	for _, l := range []interface{ Close() error }{f.xdpL, f.egressL} {
		if l != nil {
			if err := l.Close(); err != nil {
				errs = append(errs, fmt.Errorf("detaching flow counter: %w", err))
			}
		}
	}
	f.xdpL, f.egressL = nil, nil
	for _, st := range []*stage.Stage{f.in, f.out} {
		if st != nil {
			st.Close()
		}
	}
	f.in, f.out, f.table = nil, nil, nil
	return errors.Join(errs...)
}
