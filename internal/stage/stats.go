package stage

import (
	"fmt"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/bpf"
)

// Stats are a stage's counters (struct xdpdump_stats), summed over CPUs.
type Stats struct {
	Seen     uint64 // packets that reached the program
	Matched  uint64 // packets the filter accepted
	Lost     uint64 // matched packets not recorded: ring full, or nobody reads
	Captured uint64 // records written to the ring (flows: packets counted)
}

// Add returns the sum of two counters.
func (s Stats) Add(o Stats) Stats {
	return Stats{s.Seen + o.Seen, s.Matched + o.Matched, s.Lost + o.Lost, s.Captured + o.Captured}
}

// ReadStats sums a per-CPU xdpdump_stats map (any stage's).
func ReadStats(m *ebpf.Map) (Stats, error) {
	var per []bpf.CaptureXdpdumpStats
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
