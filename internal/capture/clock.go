package capture

import (
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// Clock converts the kernel's CLOCK_MONOTONIC timestamps (bpf_ktime_get_ns)
// into wall-clock time. The offset between the two clocks is measured by
// bracketing a CLOCK_REALTIME read between two CLOCK_MONOTONIC reads and
// keeping the tightest bracket of a few tries; Sync re-measures it, so that
// NTP slewing of the wall clock is followed while a capture runs.
type Clock struct {
	offset atomic.Int64 // realtime - monotonic, ns
	err    atomic.Int64 // half-width of the bracket that measured offset, ns
}

// NewClock measures the offset once.
func NewClock() *Clock {
	c := &Clock{}
	c.Sync()
	return c
}

// Sync measures the offset again.
func (c *Clock) Sync() {
	best := int64(1 << 62)
	var off int64
	for i := 0; i < 8; i++ {
		var m1, r, m2 unix.Timespec
		_ = unix.ClockGettime(unix.CLOCK_MONOTONIC, &m1)
		_ = unix.ClockGettime(unix.CLOCK_REALTIME, &r)
		_ = unix.ClockGettime(unix.CLOCK_MONOTONIC, &m2)
		w := m2.Nano() - m1.Nano()
		if w < best {
			best = w
			off = r.Nano() - (m1.Nano()+m2.Nano())/2
		}
	}
	c.offset.Store(off)
	c.err.Store(best/2 + 1)
}

// Wall converts a CLOCK_MONOTONIC time in ns into wall-clock time.
func (c *Clock) Wall(mono uint64) time.Time {
	return time.Unix(0, int64(mono)+c.offset.Load())
}

// WallNano converts a CLOCK_MONOTONIC time in ns into wall-clock ns
// since 1970: Wall without building a time.Time.
func (c *Clock) WallNano(mono uint64) int64 { return int64(mono) + c.offset.Load() }

// Uncertainty is the half-width of the last measurement's bracket.
func (c *Clock) Uncertainty() time.Duration { return time.Duration(c.err.Load()) }

// Monotonic is the current CLOCK_MONOTONIC time in ns, as the kernel's
// bpf_ktime_get_ns sees it.
func Monotonic() uint64 {
	var ts unix.Timespec
	_ = unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts)
	return uint64(ts.Nano())
}
