package stage

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/filter"
)

// Kind is the hook a stage runs at, which decides its filter's context.
type Kind int

const (
	// XDP stages take struct xdp_md and exist as xdp and xdp.frags.
	XDP Kind = iota
	// TC stages take struct __sk_buff.
	TC
)

// The names every stage object shares (bpf/include/stage.h,
// bpf/include/xdp_stage.h).
const (
	MapRing    = "ring"
	MapCtl     = "ctl"
	MapPktIDs  = "pkt_ids"
	MapScratch = "scratch"
	MapBatch   = "batch"
	MapStats   = "stats"
	MapChain   = "chain"
)

// Config says what to load.
type Config struct {
	// Spec is the object's bpf2go loader (bpf.LoadCapture, ...).
	Spec func() (*ebpf.CollectionSpec, error)
	// Program is the program to keep. For XDP it is the xdp variant's
	// name; the xdp.frags variant is Program + "_frags".
	Program string
	Kind    Kind
	// Variant of an XDP stage (frags, expected attach type); the zero
	// value is taken as Default.
	Variant *Variant
	// Filter is a tcpdump expression spliced into xdpdump_filter; empty =
	// no filter (filter_enabled 0).
	Filter string
	// Snaplen caps the bytes of each record; 0 = filter.DefaultSnaplen.
	Snaplen uint32
	// Netmask is what `ip broadcast` compiles with; nil = unknown.
	Netmask *uint32
	// Chain is the prog array of an XDP stage (nil: one of its own, empty)
	// and NextSlot the slot it tail-calls when done.
	Chain    *ebpf.Map
	NextSlot uint32
	// Shared are the capture's maps (ring, control page, packet ids,
	// scratch); nil gives the stage maps of its own.
	Shared *Shared
	// RingSize sizes the stage's own ring when Shared is nil; 0 =
	// DefaultRingSize.
	RingSize int
	// WakeupBytes: wake a sleeping reader only once this many bytes wait;
	// 0 = at the first record. It applies with Shared, whose reader raises
	// the sleeping flag of the control page (capture.Reader); a stage with
	// maps of its own wakes its reader the kernel's default way.
	WakeupBytes uint32
	// Deadman stops the stage acting once the capture's heartbeat
	// (Shared.Beat) is older than this; 0 = never.
	Deadman time.Duration
	// Vars are further read-only variables of the object.
	Vars map[string]any
	// MaxEntries sizes maps of the object.
	MaxEntries map[string]uint32
	// Replace are further maps to use instead of the object's own.
	Replace map[string]*ebpf.Map
}

// FilterError is a filter expression that does not compile; its message
// is libpcap's (or the reason it cannot run at the hook).
type FilterError struct{ Err error }

func (e *FilterError) Error() string { return e.Err.Error() }
func (e *FilterError) Unwrap() error { return e.Err }

// Stage is a loaded stage.
type Stage struct {
	prog *ebpf.Program
	coll *ebpf.Collection
	// CBPF is the classic program libpcap made of Config.Filter (nil for
	// the empty expression).
	CBPF *filter.Program
}

// Load compiles the filter, splices it into the program, sets the
// variables and loads the stage with the maps it shares.
func Load(c Config) (*Stage, error) {
	spec, cbpf, name, err := prepare(c)
	if err != nil {
		return nil, err
	}
	repl := map[string]*ebpf.Map{}
	for n, m := range c.Replace {
		repl[n] = m
	}
	if c.Shared != nil {
		c.Shared.replacements(repl)
	}
	if c.Chain != nil {
		repl[MapChain] = c.Chain
	}
	for n, m := range repl {
		ms := spec.Maps[n]
		if ms == nil {
			delete(repl, n) // the program does not use it
			continue
		}
		// A replacement must match the spec: take its size.
		ms.MaxEntries = m.MaxEntries()
	}
	coll, err := ebpf.NewCollectionWithOptions(spec, ebpf.CollectionOptions{MapReplacements: repl})
	if err != nil {
		return nil, loadError(name, err)
	}
	return &Stage{prog: coll.Programs[name], coll: coll, CBPF: cbpf}, nil
}

// Spec returns the configured collection spec without loading it (for
// tests that run a program with BPF_PROG_TEST_RUN on their own maps) and
// the name of the program kept in it.
func Spec(c Config) (*ebpf.CollectionSpec, string, error) {
	spec, _, name, err := prepare(c)
	return spec, name, err
}

func prepare(c Config) (*ebpf.CollectionSpec, *filter.Program, string, error) {
	if c.Snaplen == 0 {
		c.Snaplen = filter.DefaultSnaplen
	}
	mask := uint32(filter.NetmaskUnknown)
	if c.Netmask != nil {
		mask = *c.Netmask
	}
	target := filter.XDP
	if c.Kind == TC {
		target = filter.TC
	}
	body, cbpf, err := filter.CompileNetmask(c.Filter, int(c.Snaplen), target, mask)
	if err != nil {
		return nil, nil, "", &FilterError{err}
	}
	spec, err := c.Spec()
	if err != nil {
		return nil, nil, "", fmt.Errorf("reading the BPF object of %s: %w", c.Program, err)
	}
	name := c.Program
	v := Default
	if c.Variant != nil {
		v = *c.Variant
	}
	if c.Kind == XDP && v.Frags {
		name += "_frags"
	}
	ps := spec.Programs[name]
	if ps == nil {
		return nil, nil, "", fmt.Errorf("program %s missing from its BPF object", name)
	}
	for n := range spec.Programs {
		if n != name {
			delete(spec.Programs, n)
		}
	}
	if c.Kind == XDP {
		v.Apply(ps)
	}
	if body != nil {
		if err := filter.Splice(ps, body); err != nil {
			return nil, nil, "", err
		}
	}
	ncpu, err := ebpf.PossibleCPU()
	if err != nil {
		return nil, nil, "", fmt.Errorf("counting CPUs: %w", err)
	}
	vars := map[string]any{
		"filter_enabled": boolU8(body != nil),
		"snaplen":        c.Snaplen,
		"wakeup_bytes":   c.WakeupBytes,
		"reader_flag":    boolU8(c.Shared != nil),
		"ring_per_cpu":   boolU8(c.Shared != nil && c.Shared.PerCPU()),
		"deadman_ns":     uint64(c.Deadman.Nanoseconds()),
		"nr_cpus":        uint32(ncpu),
		"next_slot":      c.NextSlot,
	}
	if c.Shared != nil && c.Shared.Exit != nil {
		for n, val := range c.Shared.Exit.vars() {
			vars[n] = val
		}
	}
	for n, val := range c.Vars {
		if spec.Variables[n] == nil {
			return nil, nil, "", fmt.Errorf("%s has no variable %s", name, n)
		}
		vars[n] = val
	}
	for n, val := range vars {
		if sv := spec.Variables[n]; sv != nil {
			if err := sv.Set(val); err != nil {
				return nil, nil, "", fmt.Errorf("setting %s of %s: %w", n, name, err)
			}
		}
	}
	dropUnused(spec, ps)
	for _, n := range []string{MapScratch, MapBatch} {
		if ms := spec.Maps[n]; ms != nil {
			ms.MaxEntries = uint32(ncpu)
		}
	}
	if ms := spec.Maps[MapRing]; ms != nil {
		ms.MaxEntries = DefaultRingSize
		if c.RingSize > 0 {
			ms.MaxEntries = uint32(c.RingSize)
		}
	}
	if ms := spec.Maps[MapChain]; ms != nil {
		slots := ms.MaxEntries
		if c.Chain != nil {
			if c.Chain.Type() != ebpf.ProgramArray {
				return nil, nil, "", fmt.Errorf("the chain of %s is a %s, not a prog array", name, c.Chain.Type())
			}
			slots = c.Chain.MaxEntries()
		}
		if c.NextSlot >= slots {
			return nil, nil, "", fmt.Errorf("next slot %d of %s is outside the chain's %d slots", c.NextSlot, name, slots)
		}
	}
	for n, size := range c.MaxEntries {
		ms := spec.Maps[n]
		if ms == nil {
			return nil, nil, "", fmt.Errorf("%s has no map %s", name, n)
		}
		ms.MaxEntries = size
	}
	return spec, cbpf, name, nil
}

// dropUnused removes the maps no instruction of ps refers to: stage.h
// declares every shared map, and a stage that does not write the ring
// must not make one of its own.
func dropUnused(spec *ebpf.CollectionSpec, ps *ebpf.ProgramSpec) {
	used := map[string]bool{}
	for _, ins := range ps.Instructions {
		if ins.OpCode.IsDWordLoad() {
			if r := ins.Reference(); r != "" {
				used[r] = true
			}
		}
	}
	for n := range spec.Maps {
		if !strings.HasPrefix(n, ".") && !used[n] {
			delete(spec.Maps, n)
		}
	}
}

func boolU8(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// loadError explains load failures a user can act on, in one line with
// the cause last.
func loadError(name string, err error) error {
	var ve *ebpf.VerifierError
	switch {
	case errors.As(err, &ve):
		return &VerifierError{Program: name, Cause: verifierCause(ve.Log), Err: err}
	case errors.Is(err, ebpf.ErrNotSupported):
		return fmt.Errorf("this kernel lacks a feature xdpdump needs: %w", err)
	}
	return fmt.Errorf("the kernel refused xdpdump's program %s: %w", name, err)
}

// VerifierError is a program the kernel's verifier refused.
type VerifierError struct {
	Program string
	Cause   string // the verifier's own words, one line
	Err     error  // cilium/ebpf's error, with the whole log
}

func (e *VerifierError) Error() string {
	return fmt.Sprintf("the kernel's verifier refused xdpdump's program %s: %s", e.Program, e.Cause)
}

func (e *VerifierError) Unwrap() error { return e.Err }

// verifierCause picks the line of a verifier log that says why: the last
// one that is not a statistic. A program with too many paths gets the
// limit in words a user can act on.
func verifierCause(log []string) string {
	for i := len(log) - 1; i >= 0; i-- {
		l := strings.TrimSpace(log[i])
		switch {
		case l == "", strings.HasPrefix(l, "processed "), strings.HasPrefix(l, "verification time"),
			strings.HasPrefix(l, "stack depth"), strings.HasPrefix(l, "peak_states"), strings.HasPrefix(l, "mark_read"):
			continue
		case strings.HasPrefix(l, "BPF program is too large"):
			return "the filter has too many paths for it (" + l + "): make the expression simpler"
		}
		return l
	}
	return "no reason given"
}

// Program is the stage's program, to attach or to put into a chain.
func (s *Stage) Program() *ebpf.Program { return s.prog }

// Map is one of the stage's maps (its own or a shared one), nil if it
// has none of that name.
func (s *Stage) Map(name string) *ebpf.Map { return s.coll.Maps[name] }

// Stats reads the stage's counters (its `stats` map).
func (s *Stage) Stats() (Stats, error) {
	m := s.Map(MapStats)
	if m == nil {
		return Stats{}, fmt.Errorf("the stage has no counters")
	}
	return ReadStats(m)
}

// Close unloads the stage. Detach it first. Shared and replaced maps stay
// open for their owner.
func (s *Stage) Close() error {
	s.coll.Close()
	return nil
}
