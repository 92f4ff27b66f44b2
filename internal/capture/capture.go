// Package capture loads xdpdump's XDP capture stage and reads what it
// captures from the ring buffer.
//
// A Stage is one loaded capture program (with the tcpdump filter spliced in)
// plus its maps. The caller attaches Stage.Program() to an interface, on
// its own or in front of an existing program (internal/chain). A Reader
// turns ring buffer records into packets with wall-clock timestamps.
package capture

import (
	"fmt"
	"time"

	"github.com/cilium/ebpf"

	xbpf "github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/internal/stage"
)

// DefaultRingSize is the ring buffer's size when the user does not set -B.
const DefaultRingSize = stage.DefaultRingSize

// Hook values of a record (bpf/include/xdpdump.h).
const (
	HookXDP      = 0
	HookTCEgress = 1
	HookXDPTX    = 2
	HookXDPExit  = 3 // the packet as the XDP program left it; Verdict = its action
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
	// WakeupBytes: wake the sleeping reader only once this many bytes wait
	// in the ring (the reader also polls on a deadline). 0 = at the first
	// record.
	WakeupBytes uint32
	// Shared are the capture's maps (ring, control page, packet ids,
	// scratch), shared with the other stages; nil = the stage's own.
	Shared *stage.Shared
	// Deadman stops copying once Shared's heartbeat is older than this.
	Deadman time.Duration
	// Copy forces one way of copying frames into the ring (benchmarks and
	// tests); CopyAuto, the default, takes the fastest for each size.
	Copy Copy
	// BatchGap stages the records of small linear frames (up to 256
	// bytes) per CPU and sends them into the ring a batch at a time, while
	// the CPU records one at least every BatchGap; 0 = never (every record
	// goes alone). It needs Shared, whose Batch map holds the staged
	// records, and whose owner reads what is left staged at the end
	// (Shared.Staged, Shared.TakeStaged). DefaultBatchGap is xdpdump's.
	BatchGap time.Duration
	// BatchTick is how long a staged record waits, at most, when no
	// further record comes (each CPU's timer); 0 = 1 ms.
	BatchTick time.Duration
}

// DefaultBatchGap is the BatchGap of xdpdump's captures: a CPU that
// records 100,000 small frames a second or more stages them.
const DefaultBatchGap = 10 * time.Microsecond

// Copy is how the stage copies a frame into the ring (enum xdpdump_copy,
// bpf/include/stage.h).
type Copy uint8

const (
	// CopyAuto takes the fastest way for the frame: a reservation of the
	// record's size class for linear frames up to 9216 bytes, scratch for
	// multi-buffer frames and beyond.
	CopyAuto Copy = iota
	// CopyScratch loads the frame into a per-CPU scratch buffer, then
	// bpf_ringbuf_output copies it into the ring: two copies.
	CopyScratch
	// CopyClass reserves a record of the smallest size class that holds
	// the frame and loads the frame straight into it: one copy, the record
	// padded beyond the captured length.
	CopyClass
	// CopyDynptr reserves a record of the exact size as a dynptr and copies
	// the frame into it from the packet's dynptr: one copy. It loads a
	// build of the stage of its own (bpf.LoadCaptureDynptr), whose kfuncs
	// make loading read the kernel's BTF: for the benchmarks.
	CopyDynptr
	// CopyBatch stages every small linear frame's record whatever the
	// rate (Config.BatchGap says when xdpdump does): for the benchmarks.
	CopyBatch
)

func (c Copy) String() string {
	switch c {
	case CopyAuto:
		return "auto"
	case CopyScratch:
		return "scratch"
	case CopyClass:
		return "class"
	case CopyDynptr:
		return "dynptr"
	case CopyBatch:
		return "batch"
	}
	return fmt.Sprintf("copy(%d)", uint8(c))
}

// Stage is a loaded capture program and its maps.
type Stage struct {
	*stage.Stage
}

// Load compiles the filter, splices it and loads the capture stage.
func Load(c Config) (*Stage, error) {
	v := stage.Variant{Frags: c.Frags, AttachType: ebpf.AttachXDP}
	if c.AttachType != nil {
		v.AttachType = *c.AttachType
	}
	spec := xbpf.LoadCapture
	if c.Copy == CopyDynptr {
		spec = xbpf.LoadCaptureDynptr
	}
	sc := stage.Config{
		Spec: spec, Program: xbpf.CaptureProgXdpdumpCapture, Kind: stage.XDP,
		Variant: &v, Filter: c.Filter, Snaplen: c.Snaplen,
		Chain: c.Chain, NextSlot: c.NextSlot, Shared: c.Shared, RingSize: c.RingSize,
		WakeupBytes: c.WakeupBytes, Deadman: c.Deadman,
	}
	sc.Vars = map[string]any{}
	if c.Copy != CopyAuto {
		sc.Vars["copy_mode"] = uint8(c.Copy)
	}
	if c.BatchGap > 0 {
		if c.Shared == nil {
			return nil, fmt.Errorf("staging records needs the capture's shared maps")
		}
		sc.Vars["batch_gap_ns"] = uint64(c.BatchGap.Nanoseconds())
	}
	if c.BatchTick > 0 {
		sc.Vars["batch_tick_ns"] = uint64(c.BatchTick.Nanoseconds())
	}
	if c.HasNetmask {
		sc.Netmask = &c.Netmask
	}
	if c.Ring != nil {
		sc.Replace = map[string]*ebpf.Map{stage.MapRing: c.Ring}
	}
	st, err := stage.Load(sc)
	if err != nil {
		return nil, err
	}
	return &Stage{st}, nil
}

// Ring is the ring buffer the stage writes to.
func (s *Stage) Ring() *ebpf.Map { return s.Map(stage.MapRing) }

// Chain is the stage's prog array.
func (s *Stage) Chain() *ebpf.Map { return s.Map(stage.MapChain) }

// Stats are the kernel's counters of a stage, summed over CPUs.
type Stats = stage.Stats

// ReadStats sums a per-CPU xdpdump_stats map (any stage's).
func ReadStats(m *ebpf.Map) (Stats, error) { return stage.ReadStats(m) }
