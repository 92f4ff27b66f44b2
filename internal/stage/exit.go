// The maps and variables of a capture's exit point (--capture-at
// exit|both; bpf/include/exit.h), shared by every stage of the capture
// through Shared.Exit.

package stage

import (
	"fmt"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/bpf"
)

// Actions is the number of XDP actions an exit record can carry
// (XDP_ABORTED .. XDP_REDIRECT), one slot each in an xdpcap hook.
const Actions = 5

// The names of bpf/include/exit.h.
const (
	MapEntryIDs  = "entry_ids"
	MapExitIfs   = "exit_ifs"
	MapExitStats = "exit_stats"
	varExitPoint = "exit_point"
	varRecEntry  = "record_entry"
)

// Exit is the exit point of a capture: the per-CPU packet id the capture
// stage leaves for the exit copy of the same packet, the interfaces whose
// packets are recorded at exit, and the exit counters per interface and
// action. Set it as Shared.Exit before loading the stages: every stage
// that includes exit.h then uses these maps and has exit_point set.
type Exit struct {
	EntryIDs *ebpf.Map
	Ifaces   *ebpf.Map // ifindex → its slot in Stats
	Stats    *ebpf.Map // per CPU, per (slot, action): struct xdpdump_stats
	// RecordEntry: the entry copy is recorded too (--capture-at both).
	RecordEntry bool
	slots       map[int]uint32
}

// NewExit makes the exit point's maps for the interfaces ifindexes.
func NewExit(ifindexes []int, recordEntry bool) (_ *Exit, err error) {
	if len(ifindexes) == 0 {
		return nil, fmt.Errorf("an exit point needs an interface")
	}
	spec, err := bpf.LoadExit()
	if err != nil {
		return nil, fmt.Errorf("reading the exit stage's object: %w", err)
	}
	e := &Exit{RecordEntry: recordEntry, slots: map[int]uint32{}}
	defer func() {
		if err != nil {
			e.Close()
		}
	}()
	mk := func(name, kname string, size uint32) (*ebpf.Map, error) {
		ms := spec.Maps[name].Copy()
		ms.MaxEntries = size
		ms.Name = kname
		m, err := ebpf.NewMap(ms)
		if err != nil {
			return nil, fmt.Errorf("creating the %s map: %w", name, err)
		}
		return m, nil
	}
	n := uint32(len(ifindexes))
	if e.EntryIDs, err = mk(MapEntryIDs, "xdpdump_entry", 1); err != nil {
		return nil, err
	}
	if e.Ifaces, err = mk(MapExitIfs, "xdpdump_exitifs", n); err != nil {
		return nil, err
	}
	if e.Stats, err = mk(MapExitStats, "xdpdump_exitst", n*Actions); err != nil {
		return nil, err
	}
	for i, ifindex := range ifindexes {
		if _, dup := e.slots[ifindex]; dup {
			return nil, fmt.Errorf("ifindex %d given twice", ifindex)
		}
		e.slots[ifindex] = uint32(i)
		if err := e.Ifaces.Put(uint32(ifindex), uint32(i)); err != nil {
			return nil, fmt.Errorf("adding ifindex %d to the exit point: %w", ifindex, err)
		}
	}
	return e, nil
}

func (e *Exit) vars() map[string]any {
	return map[string]any{varExitPoint: uint8(1), varRecEntry: boolU8(e.RecordEntry)}
}

func (e *Exit) replacements(m map[string]*ebpf.Map) {
	m[MapEntryIDs] = e.EntryIDs
	m[MapExitIfs] = e.Ifaces
	m[MapExitStats] = e.Stats
}

// ReadStats returns the exit counters of ifindex, indexed by XDP action.
func (e *Exit) ReadStats(ifindex int) ([Actions]Stats, error) {
	var out [Actions]Stats
	slot, ok := e.slots[ifindex]
	if !ok {
		return out, fmt.Errorf("ifindex %d has no exit point", ifindex)
	}
	for a := range out {
		var per []bpf.CaptureXdpdumpStats
		if err := e.Stats.Lookup(slot*Actions+uint32(a), &per); err != nil {
			return out, fmt.Errorf("reading the exit counters: %w", err)
		}
		for _, p := range per {
			out[a] = out[a].Add(Stats{p.Seen, p.Matched, p.Lost, p.Captured})
		}
	}
	return out, nil
}

// Close frees the maps (stages that use them keep their own references).
func (e *Exit) Close() {
	for _, m := range []*ebpf.Map{e.EntryIDs, e.Ifaces, e.Stats} {
		if m != nil {
			m.Close()
		}
	}
}
