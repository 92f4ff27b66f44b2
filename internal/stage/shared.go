package stage

import (
	"fmt"
	"os"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/bpf"
)

// DefaultRingSize is the ring buffer's size when the user does not set -B.
const DefaultRingSize = 8 << 20

// MapRings is the name of the array of per-CPU rings in every stage
// object (bpf/include/stage.h).
const MapRings = "rings"

// MinCPURing is the smallest ring a CPU gets with SharedOptions.PerCPU.
const MinCPURing = 256 << 10

// Shared are the maps every stage of one capture uses: the ring buffer
// all records go to (or one ring per CPU), the control page (the readers'
// sleeping flags and the owner's heartbeat, mapped into our memory), the
// per-CPU packet sequence, the per-CPU scratch buffer a record is
// assembled in and the per-CPU batch small records are staged in.
type Shared struct {
	// Ring is the ring all CPUs share; with PerCPU, the ring of CPU 0
	// (the stages' code refers to a shared ring, never written then).
	Ring *ebpf.Map
	// Rings is the array of per-CPU rings (empty without PerCPU), and
	// CPURings its rings, by CPU.
	Rings    *ebpf.Map
	CPURings []*ebpf.Map
	Ctl      *ebpf.Map
	PktIDs   *ebpf.Map
	Scratch  *ebpf.Map
	Batch    *ebpf.Map
	// Exit is the capture's exit point (nil = none); the owner closes it.
	Exit   *Exit
	ctlMem []byte
	perCPU bool
}

// SharedOptions say how NewSharedOptions makes a capture's maps.
type SharedOptions struct {
	// RingSize is the ring's size in bytes (a power of two, at least a
	// page); 0 = DefaultRingSize. With PerCPU it is the size of all rings
	// together: each CPU's is RingSize / CPUs, rounded down to a power of
	// two, at least MinCPURing.
	RingSize int
	// PerCPU gives every CPU a ring of its own, so that CPUs that capture
	// at the same time never contend for one ring's lock and producer
	// position; records of one CPU stay in order, records of different
	// CPUs are read ring after ring.
	PerCPU bool
}

// NewShared makes the maps of a capture with one ring of ringSize bytes
// (a power of two, at least a page; 0 = DefaultRingSize).
func NewShared(ringSize int) (*Shared, error) {
	return NewSharedOptions(SharedOptions{RingSize: ringSize})
}

// NewSharedOptions makes the maps of a capture as o says.
func NewSharedOptions(o SharedOptions) (*Shared, error) {
	ringSize := o.RingSize
	if ringSize == 0 {
		ringSize = DefaultRingSize
	}
	page := os.Getpagesize()
	if ringSize < page || ringSize&(ringSize-1) != 0 {
		return nil, fmt.Errorf("ring buffer size %d is not a power of two of at least a page", ringSize)
	}
	spec, err := bpf.LoadCapture()
	if err != nil {
		return nil, fmt.Errorf("reading the capture object: %w", err)
	}
	ncpu, err := ebpf.PossibleCPU()
	if err != nil {
		return nil, fmt.Errorf("counting CPUs: %w", err)
	}
	s := &Shared{perCPU: o.PerCPU}
	mk := func(name string, size uint32) (*ebpf.Map, error) {
		ms := spec.Maps[name].Copy()
		ms.MaxEntries = size
		ms.Name = "xdpdump_" + name
		if len(ms.Name) > 15 {
			ms.Name = ms.Name[:15]
		}
		if ms.InnerMap != nil {
			ms.InnerMap.MaxEntries = uint32(page)
		}
		m, err := ebpf.NewMap(ms)
		if err != nil {
			return nil, fmt.Errorf("creating the %s map: %w", name, err)
		}
		return m, nil
	}
	maps := []struct {
		m    **ebpf.Map
		name string
		size uint32
	}{
		{&s.Rings, MapRings, 1},
		// One control entry per CPU: the flag of each CPU's reader.
		{&s.Ctl, MapCtl, uint32(ncpu)},
		{&s.PktIDs, MapPktIDs, 1},
		{&s.Scratch, MapScratch, uint32(ncpu)},
		{&s.Batch, MapBatch, uint32(ncpu)},
	}
	if o.PerCPU {
		maps[0].size = uint32(ncpu)
	} else {
		maps = append(maps, struct {
			m    **ebpf.Map
			name string
			size uint32
		}{&s.Ring, MapRing, uint32(ringSize)})
	}
	for _, x := range maps {
		if *x.m, err = mk(x.name, x.size); err != nil {
			s.Close()
			return nil, err
		}
	}
	if o.PerCPU {
		cpuRing := uint32(max(MinCPURing, ringSize/ncpu))
		for cpuRing&(cpuRing-1) != 0 {
			cpuRing &= cpuRing - 1
		}
		inner := spec.Maps[MapRings].InnerMap.Copy()
		inner.MaxEntries = cpuRing
		for cpu := 0; cpu < ncpu; cpu++ {
			inner.Name = fmt.Sprintf("xdpdump_cpu%d", cpu)
			m, err := ebpf.NewMap(inner)
			if err != nil {
				s.Close()
				return nil, fmt.Errorf("creating the ring of CPU %d: %w", cpu, err)
			}
			s.CPURings = append(s.CPURings, m)
			if err := s.Rings.Put(uint32(cpu), m); err != nil {
				s.Close()
				return nil, fmt.Errorf("putting the ring of CPU %d in place: %w", cpu, err)
			}
		}
		s.Ring = s.CPURings[0]
	}
	ctlLen := (ncpu*ctlEntry + page - 1) / page * page
	s.ctlMem, err = unix.Mmap(s.Ctl.FD(), 0, ctlLen, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("mapping the control page: %w", err)
	}
	s.Beat()
	return s, nil
}

// ctlEntry is the size of struct xdpdump_ctl.
const ctlEntry = 16

// PerCPU says whether every CPU has a ring of its own.
func (s *Shared) PerCPU() bool { return s.perCPU }

// ReaderRings are the rings a reader of the capture reads, each with the
// sleeping flag its stages look at: the shared ring, or every CPU's.
func (s *Shared) ReaderRings() (rings []*ebpf.Map, sleeping []*uint32) {
	if !s.perCPU {
		return []*ebpf.Map{s.Ring}, []*uint32{s.Sleeping()}
	}
	for cpu, m := range s.CPURings {
		rings = append(rings, m)
		sleeping = append(sleeping, s.flag(cpu))
	}
	return rings, sleeping
}

func (s *Shared) replacements(m map[string]*ebpf.Map) {
	m[MapRing] = s.Ring
	m[MapRings] = s.Rings
	m[MapCtl] = s.Ctl
	m[MapPktIDs] = s.PktIDs
	m[MapScratch] = s.Scratch
	m[MapBatch] = s.Batch
	if s.Exit != nil {
		s.Exit.replacements(m)
	}
}

// Sleeping is the reader's flag in the control page
// (struct xdpdump_ctl.reader_sleeping): the reader stores 1 before it
// sleeps, the program that wakes it exchanges it back to 0.
func (s *Shared) Sleeping() *uint32 { return s.flag(0) }

// flag is the reader_sleeping flag of control entry i.
func (s *Shared) flag(i int) *uint32 {
	return (*uint32)(unsafe.Pointer(&s.ctlMem[i*ctlEntry]))
}

// Beat refreshes the heartbeat that stages with a dead-man switch check
// (Config.Deadman): call it more often than the dead-man interval.
func (s *Shared) Beat() {
	atomic.StoreUint64((*uint64)(unsafe.Pointer(&s.ctlMem[8])), monotonic())
}

// Heartbeat keeps beating every interval until stop is closed.
func (s *Shared) Heartbeat(interval time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			s.Beat()
		}
	}
}

func monotonic() uint64 {
	var ts unix.Timespec
	_ = unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts)
	return uint64(ts.Nano())
}

// Close frees the maps (stages that use them keep their own references).
func (s *Shared) Close() {
	if s.ctlMem != nil {
		unix.Munmap(s.ctlMem)
		s.ctlMem = nil
	}
	ms := []*ebpf.Map{s.Rings, s.Ctl, s.PktIDs, s.Scratch, s.Batch}
	if s.perCPU {
		ms = append(ms, s.CPURings...) // Ring is one of them
	} else {
		ms = append(ms, s.Ring)
	}
	for _, m := range ms {
		if m != nil {
			m.Close()
		}
	}
}
