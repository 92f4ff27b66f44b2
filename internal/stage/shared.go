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

// Shared are the maps every stage of one capture uses: the ring buffer
// all records go to, the control page (the reader's sleeping flag and
// the owner's heartbeat, mapped into our memory), the per-CPU packet
// sequence and the per-CPU scratch buffer a record is assembled in.
type Shared struct {
	Ring    *ebpf.Map
	Ctl     *ebpf.Map
	PktIDs  *ebpf.Map
	Scratch *ebpf.Map
	// Exit is the capture's exit point (nil = none); the owner closes it.
	Exit   *Exit
	ctlMem []byte
}

// NewShared makes the maps of a capture with a ring of ringSize bytes
// (a power of two, at least a page; 0 = DefaultRingSize).
func NewShared(ringSize int) (*Shared, error) {
	if ringSize == 0 {
		ringSize = DefaultRingSize
	}
	if ringSize < os.Getpagesize() || ringSize&(ringSize-1) != 0 {
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
	s := &Shared{}
	mk := func(name string, size uint32) (*ebpf.Map, error) {
		ms := spec.Maps[name].Copy()
		ms.MaxEntries = size
		ms.Name = "xdpdump_" + name
		if len(ms.Name) > 15 {
			ms.Name = ms.Name[:15]
		}
		m, err := ebpf.NewMap(ms)
		if err != nil {
			return nil, fmt.Errorf("creating the %s map: %w", name, err)
		}
		return m, nil
	}
	for _, x := range []struct {
		m    **ebpf.Map
		name string
		size uint32
	}{
		{&s.Ring, MapRing, uint32(ringSize)},
		{&s.Ctl, MapCtl, 1},
		{&s.PktIDs, MapPktIDs, 1},
		{&s.Scratch, MapScratch, uint32(ncpu)},
	} {
		if *x.m, err = mk(x.name, x.size); err != nil {
			s.Close()
			return nil, err
		}
	}
	s.ctlMem, err = unix.Mmap(s.Ctl.FD(), 0, os.Getpagesize(), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("mapping the control page: %w", err)
	}
	s.Beat()
	return s, nil
}

func (s *Shared) replacements(m map[string]*ebpf.Map) {
	m[MapRing] = s.Ring
	m[MapCtl] = s.Ctl
	m[MapPktIDs] = s.PktIDs
	m[MapScratch] = s.Scratch
	if s.Exit != nil {
		s.Exit.replacements(m)
	}
}

// Sleeping is the reader's flag in the control page
// (struct xdpdump_ctl.reader_sleeping): the reader stores 1 before it
// sleeps, the program that wakes it exchanges it back to 0.
func (s *Shared) Sleeping() *uint32 {
	return (*uint32)(unsafe.Pointer(&s.ctlMem[0]))
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
	for _, m := range []*ebpf.Map{s.Ring, s.Ctl, s.PktIDs, s.Scratch} {
		if m != nil {
			m.Close()
		}
	}
}
