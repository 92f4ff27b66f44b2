// Package capture loads xdpdump's XDP capture stage and reads what it
// captures from the ring buffer.
//
// A Stage is one loaded capture program (with the tcpdump filter spliced in)
// plus its maps. The caller attaches Stage.Program() to an interface, on
// its own or in front of an existing program (internal/chain). A Reader
// turns ring buffer records into packets with wall-clock timestamps.
package capture

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cilium/ebpf"
	xbpf "github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/filter"
)

// DefaultRingSize is the ring buffer's size when the user does not set -B.
const DefaultRingSize = 8 << 20

// Hook values of a record (bpf/include/xdpdump.h).
const (
	HookXDP      = 0
	HookTCEgress = 1
	HookXDPTX    = 2
)

// Config says how to load a capture stage.
type Config struct {
	Filter  string // tcpdump expression; empty = everything
	Snaplen uint32 // 0 = filter.DefaultSnaplen
	// Netmask is what `ip broadcast` compiles with (filter.LookupNetmask);
	// 0 with HasNetmask false = unknown.
	Netmask    uint32
	HasNetmask bool
	// Frags loads the xdp.frags variant (multi-buffer aware). It must match
	// the program the stage tail-calls; with nothing attached use true, so
	// that jumbo MTUs keep working.
	Frags bool
	// AttachType is the expected attach type to load with (it must match
	// the chain's, chain.Variant); nil = BPF_XDP.
	AttachType *ebpf.AttachType
	// Chain is the prog array shared by all stages of this instance; nil
	// makes a private one (nothing to tail-call: every packet is passed).
	Chain *ebpf.Map
	// NextSlot is the slot of Chain that the stage tail-calls after capture.
	NextSlot uint32
	// Ring is shared with other stages (egress, bounce); nil makes one of
	// RingSize bytes (a power of two, at least a page).
	Ring     *ebpf.Map
	RingSize int
	// WakeupBytes: wake the reader only once this many bytes wait in the
	// ring (the reader also polls on a deadline). 0 = wake for every record
	// the reader has not yet seen (lowest latency, costlier).
	WakeupBytes uint32
}

// Stage is a loaded capture program and its maps.
type Stage struct {
	prog  *ebpf.Program
	ring  *ebpf.Map
	stats *ebpf.Map
	chain *ebpf.Map
	coll  *ebpf.Collection
	// CBPF is the classic program libpcap made from the expression (nil for
	// the empty expression); EBPF the filter body spliced into the program.
	CBPF *filter.Program
}

// Load compiles the filter, splices it and loads the capture stage.
func Load(c Config) (*Stage, error) {
	if c.Snaplen == 0 {
		c.Snaplen = filter.DefaultSnaplen
	}
	mask := uint32(filter.NetmaskUnknown)
	if c.HasNetmask {
		mask = c.Netmask
	}
	body, cbpf, err := filter.CompileNetmask(c.Filter, int(c.Snaplen), filter.XDP, mask)
	if err != nil {
		return nil, err
	}
	spec, err := xbpf.LoadCapture()
	if err != nil {
		return nil, fmt.Errorf("reading the capture program: %w", err)
	}
	keep, drop := "xdpdump_capture", "xdpdump_capture_frags"
	if c.Frags {
		keep, drop = drop, keep
	}
	delete(spec.Programs, drop)
	if c.AttachType != nil {
		spec.Programs[keep].AttachType = *c.AttachType
	}
	if body != nil {
		if err := filter.Splice(spec.Programs[keep], body); err != nil {
			return nil, err
		}
	}
	set := map[string]any{
		"snaplen":        c.Snaplen,
		"filter_enabled": boolU8(body != nil),
		"wakeup_bytes":   c.WakeupBytes,
		"next_slot":      c.NextSlot,
	}
	for name, v := range set {
		if err := spec.Variables[name].Set(v); err != nil {
			return nil, fmt.Errorf("setting %s: %w", name, err)
		}
	}
	ncpu, err := ebpf.PossibleCPU()
	if err != nil {
		return nil, fmt.Errorf("counting CPUs: %w", err)
	}
	spec.Maps["scratch"].MaxEntries = uint32(ncpu)
	if c.RingSize > 0 {
		spec.Maps["ring"].MaxEntries = uint32(c.RingSize)
	} else {
		spec.Maps["ring"].MaxEntries = DefaultRingSize
	}

	repl := map[string]*ebpf.Map{}
	if c.Ring != nil {
		repl["ring"] = c.Ring
	}
	if c.Chain != nil {
		repl["chain"] = c.Chain
	}
	coll, err := ebpf.NewCollectionWithOptions(spec, ebpf.CollectionOptions{MapReplacements: repl})
	if err != nil {
		return nil, loadError(err)
	}
	s := &Stage{
		prog:  coll.Programs[keep],
		ring:  coll.Maps["ring"],
		stats: coll.Maps["stats"],
		chain: coll.Maps["chain"],
		CBPF:  cbpf,
	}
	s.coll = coll
	return s, nil
}

// loadError explains load failures a user can act on.
func loadError(err error) error {
	var ve *ebpf.VerifierError
	switch {
	case errors.As(err, &ve):
		return fmt.Errorf("the kernel's verifier rejected the capture program: %w (log tail: %s)", err, tail(ve.Log, 3))
	case errors.Is(err, ebpf.ErrNotSupported):
		return fmt.Errorf("this kernel lacks a feature xdpdump needs: %w", err)
	}
	return fmt.Errorf("loading the capture program: %w", err)
}

func tail(lines []string, n int) string {
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

func boolU8(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// Program is the capture program, to attach or to put into a chain.
func (s *Stage) Program() *ebpf.Program { return s.prog }

// Ring is the ring buffer the stage writes to.
func (s *Stage) Ring() *ebpf.Map { return s.ring }

// Chain is the stage's prog array.
func (s *Stage) Chain() *ebpf.Map { return s.chain }

// Stats are the kernel's counters of a stage, summed over CPUs.
type Stats struct {
	Seen     uint64 // packets that reached the program
	Matched  uint64 // packets the filter accepted
	Lost     uint64 // matched packets lost: ring full
	Captured uint64 // records written to the ring
}

// Add returns the sum of two counters.
func (s Stats) Add(o Stats) Stats {
	return Stats{s.Seen + o.Seen, s.Matched + o.Matched, s.Lost + o.Lost, s.Captured + o.Captured}
}

// ReadStats sums a per-CPU xdpdump_stats map (any stage's).
func ReadStats(m *ebpf.Map) (Stats, error) {
	var per []xbpf.CaptureXdpdumpStats
	if err := m.Lookup(uint32(0), &per); err != nil {
		return Stats{}, fmt.Errorf("reading counters: %w", err)
	}
	var s Stats
	for _, p := range per {
		s.Seen += p.Seen
		s.Matched += p.Matched
		s.Lost += p.Lost
		s.Captured += p.Captured
	}
	return s, nil
}

// Stats reads the stage's counters.
func (s *Stage) Stats() (Stats, error) { return ReadStats(s.stats) }

// Close unloads the stage. Detach it first.
// Maps given as replacements stay open: their owner closes them.
func (s *Stage) Close() error {
	s.coll.Close()
	return nil
}
