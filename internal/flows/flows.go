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
	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/egress"
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
	xdp       *ebpf.Program
	tc        *ebpf.Program
	chain     *ebpf.Map
	table     *ebpf.Map
	statsIn   *ebpf.Map
	statsOut  *ebpf.Map
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
	if c.Chain != nil && c.Chain.Type() != ebpf.ProgramArray {
		return nil, fmt.Errorf("flows: Config.Chain is a %v map, not a prog array", c.Chain.Type())
	}
	xdpInsns, _, err := filter.Compile(c.Filter, filter.DefaultSnaplen, filter.XDP)
	if err != nil {
		return nil, err
	}
	tcInsns, _, err := filter.Compile(c.Filter, filter.DefaultSnaplen, filter.TC)
	if err != nil {
		return nil, err
	}

	f := &Flows{cfg: c, clock: newClock()}
	ok := false
	defer func() {
		if !ok {
			f.Close()
		}
	}()

	if c.Ingress {
		spec, err := bpf.LoadFlows()
		if err != nil {
			return nil, fmt.Errorf("loading flows spec: %w", err)
		}
		name, other := bpf.FlowsProgXdpdumpFlows, bpf.FlowsProgXdpdumpFlowsFrags
		if c.Frags {
			name, other = other, name
		}
		delete(spec.Programs, other)
		if c.AttachType != nil {
			spec.Programs[name].AttachType = *c.AttachType
		}
		if xdpInsns != nil {
			if err := filter.Splice(spec.Programs[name], xdpInsns); err != nil {
				return nil, err
			}
			if err := spec.Variables[bpf.FlowsVarFilterEnabled].Set(uint8(1)); err != nil {
				return nil, err
			}
		}
		if err := spec.Variables[bpf.FlowsVarNextSlot].Set(c.NextSlot); err != nil {
			return nil, err
		}
		spec.Maps[bpf.FlowsMapFlows].MaxEntries = c.MaxFlows
		opts := &ebpf.CollectionOptions{}
		if c.Chain != nil {
			spec.Maps[bpf.FlowsMapChain].MaxEntries = c.Chain.MaxEntries()
			opts.MapReplacements = map[string]*ebpf.Map{bpf.FlowsMapChain: c.Chain}
		}
		coll, err := ebpf.NewCollectionWithOptions(spec, *opts)
		if err != nil {
			return nil, fmt.Errorf("loading the XDP flow stage: %w", err)
		}
		f.xdp = coll.DetachProgram(name)
		f.chain = coll.DetachMap(bpf.FlowsMapChain)
		f.table = coll.DetachMap(bpf.FlowsMapFlows)
		f.statsIn = coll.DetachMap(bpf.FlowsMapFlowStats)
		coll.Close()
	}

	if c.Egress {
		spec, err := bpf.LoadEgress()
		if err != nil {
			return nil, fmt.Errorf("loading egress spec: %w", err)
		}
		if tcInsns != nil {
			if err := filter.Splice(spec.Programs[bpf.EgressProgXdpdumpFlowsEgress], tcInsns); err != nil {
				return nil, err
			}
			if err := spec.Variables[bpf.EgressVarFilterEnabled].Set(uint8(1)); err != nil {
				return nil, err
			}
		}
		spec.Maps[bpf.EgressMapFlows].MaxEntries = c.MaxFlows
		opts := ebpf.CollectionOptions{}
		if f.table != nil {
			opts.MapReplacements = map[string]*ebpf.Map{bpf.EgressMapFlows: f.table}
		}
		var objs struct {
			Prog  *ebpf.Program `ebpf:"xdpdump_flows_egress"`
			Flows *ebpf.Map     `ebpf:"flows"`
			Stats *ebpf.Map     `ebpf:"egress_flow_stats"`
		}
		if err := spec.LoadAndAssign(&objs, &opts); err != nil {
			return nil, fmt.Errorf("loading the egress flow counter: %w", err)
		}
		f.tc = objs.Prog
		f.statsOut = objs.Stats
		if f.table == nil {
			f.table = objs.Flows
		} else {
			objs.Flows.Close()
		}
		f.egressL, err = egress.AttachTC(c.Ifindex, f.tc, c.EgressFirst)
		if err != nil {
			return nil, err
		}
	}
	ok = true
	return f, nil
}

// XDP is the XDP flow stage (nil without Config.Ingress), for the caller's
// chain.
func (f *Flows) XDP() *ebpf.Program { return f.xdp }

// Chain is the prog array the XDP stage tail-calls through (Config.Chain
// or its own).
func (f *Flows) Chain() *ebpf.Map { return f.chain }

// Table is the kernel's flow table.
func (f *Flows) Table() *ebpf.Map { return f.table }

// AttachXDP attaches the XDP stage to Config.Ifindex directly (for use
// without the capture chain). Close detaches it.
func (f *Flows) AttachXDP(flags link.XDPAttachFlags) error {
	if f.xdp == nil {
		return errors.New("flows: no XDP stage loaded (Config.Ingress is off)")
	}
	if f.xdpL != nil {
		return errors.New("flows: XDP stage already attached")
	}
	l, err := link.AttachXDP(link.XDPOptions{Program: f.xdp, Interface: f.cfg.Ifindex, Flags: flags})
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
	if in, err = readStats(f.statsIn); err != nil {
		return
	}
	out, err = readStats(f.statsOut)
	return
}

func readStats(m *ebpf.Map) (Stats, error) {
	var s Stats
	if m == nil {
		return s, nil
	}
	var per []bpf.FlowsXdpdumpStats
	if err := m.Lookup(uint32(0), &per); err != nil {
		return s, fmt.Errorf("reading flow stats: %w", err)
	}
	for _, p := range per {
		s.Seen += p.Seen
		s.Matched += p.Matched
		s.Counted += p.Captured
		s.Lost += p.Lost
	}
	return s, nil
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
	for _, c := range []interface{ Close() error }{f.xdp, f.tc, f.chain, f.table, f.statsIn, f.statsOut} {
		if c != nil && !isNil(c) {
			_ = c.Close()
		}
	}
	f.xdp, f.tc, f.chain, f.table, f.statsIn, f.statsOut = nil, nil, nil, nil, nil, nil
	return errors.Join(errs...)
}

func isNil(c interface{ Close() error }) bool {
	switch v := c.(type) {
	case *ebpf.Program:
		return v == nil
	case *ebpf.Map:
		return v == nil
	}
	return false
}
