// A capture with one ring per CPU: every CPU's records in its own ring,
// all of them read by one reader, each CPU's in order.
package capture_test

import (
	"bytes"
	"encoding/binary"
	"os"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	xbpf "github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/internal/bounce"
	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/stage"
	"github.com/xdpdump/xdpdump/internal/testhost"
)

// TestPerCPURings runs the capture stage (both variants, every way of
// copying) and the egress stage of a capture with a ring per CPU from a
// thread pinned to each CPU in turn, with numbered frames, and reads them
// back with one reader of all rings: every frame must come back exactly,
// from the ring of the CPU that ran the program (the kernel's own view of
// each ring's producer position says so), each CPU's in the order sent.
func TestPerCPURings(t *testing.T) {
	testhost.Require(t)
	ncpu := runtime.NumCPU()
	if ncpu < 2 {
		t.Skip("needs two CPUs")
	}
	for _, c := range []struct {
		name  string
		load  func(sh *stage.Shared) (*stage.Stage, error)
		sizes []int
	}{
		{"xdp", func(sh *stage.Shared) (*stage.Stage, error) {
			st, err := capture.Load(capture.Config{Frags: false, Shared: sh, WakeupBytes: 4096})
			if err != nil {
				return nil, err
			}
			return st.Stage, nil
		}, []int{60, 1500, 3000}},
		{"xdp.frags/scratch", func(sh *stage.Shared) (*stage.Stage, error) {
			st, err := capture.Load(capture.Config{Frags: true, Shared: sh, Copy: capture.CopyScratch, WakeupBytes: 4096})
			if err != nil {
				return nil, err
			}
			return st.Stage, nil
		}, []int{64, 9000}},
		{"xdp.frags/dynptr", func(sh *stage.Shared) (*stage.Stage, error) {
			st, err := capture.Load(capture.Config{Frags: true, Shared: sh, Copy: capture.CopyDynptr, WakeupBytes: 4096})
			if err != nil {
				return nil, err
			}
			return st.Stage, nil
		}, []int{64, 9000}},
		{"tc", func(sh *stage.Shared) (*stage.Stage, error) {
			return stage.Load(stage.Config{Spec: xbpf.LoadEgress, Program: xbpf.EgressProgXdpdumpEgress, Kind: stage.TC, Shared: sh, WakeupBytes: 4096})
		}, []int{64, 1514}},
	} {
		t.Run(c.name, func(t *testing.T) {
			sh, err := stage.NewSharedOptions(stage.SharedOptions{RingSize: 1 << 20, PerCPU: true})
			if err != nil {
				t.Fatal(err)
			}
			defer sh.Close()
			st, err := c.load(sh)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			defer st.Close()
			rings, flags := sh.ReaderRings()
			if len(rings) != ncpu {
				t.Fatalf("%d rings for %d CPUs", len(rings), ncpu)
			}
			var rr []capture.Ring
			for i := range rings {
				rr = append(rr, capture.Ring{Map: rings[i], Sleeping: flags[i]})
			}
			rd, err := capture.NewRingsReader(rr, capture.ReaderOptions{Poll: 20 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			defer rd.Close()

			const perCPU = 20
			sent := map[uint32][][]byte{}
			for cpu := 0; cpu < ncpu; cpu++ {
				before := make([]uint64, ncpu)
				for i := range rings {
					before[i] = producer(t, rings[i])
				}
				func() {
					defer pinThread(cpu)()
					for i := 0; i < perCPU; i++ {
						f := udpFrame(c.sizes[i%len(c.sizes)])
						binary.BigEndian.PutUint32(f[42:], uint32(cpu<<16|i))
						if _, err := st.Program().Run(&ebpf.RunOptions{Data: f}); err != nil {
							t.Fatal(err)
						}
						sent[uint32(cpu)] = append(sent[uint32(cpu)], f)
					}
				}()
				for i := range rings {
					grew := producer(t, rings[i]) != before[i]
					if grew != (i == cpu) {
						t.Fatalf("frames run on CPU %d: ring %d grew: %v", cpu, i, grew)
					}
				}
			}
			got := map[uint32]int{}
			var rec capture.Record
			for n := 0; n < ncpu*perCPU; n++ {
				if err := rd.Next(&rec); err != nil {
					t.Fatalf("record %d: %v", n, err)
				}
				want := sent[rec.CPU]
				i := got[rec.CPU]
				if i >= len(want) || !bytes.Equal(rec.Data, want[i]) {
					t.Fatalf("record %d from CPU %d: %d bytes, not frame %d of that CPU", n, rec.CPU, len(rec.Data), i)
				}
				got[rec.CPU]++
			}
			if err := rd.Next(&rec); !capture.IsTimeout(err) {
				t.Fatalf("after the last record: %v, want a timeout", err)
			}
		})
	}
}

// producer is the kernel's producer position of a ring (the second page
// of its mapping, mapped read-only on its own).
func producer(t *testing.T, m *ebpf.Map) uint64 {
	t.Helper()
	page := os.Getpagesize()
	b, err := unix.Mmap(m.FD(), int64(page), page, unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Munmap(b)
	return atomic.LoadUint64((*uint64)(unsafe.Pointer(&b[0])))
}

// TestBounceLoadsPerCPU: the bounce stage, which records its answers
// through the same path, passes the verifier with either kind of ring.
func TestBounceLoadsPerCPU(t *testing.T) {
	testhost.Require(t)
	for _, perCPU := range []bool{false, true} {
		for _, frags := range []bool{false, true} {
			sh, err := stage.NewSharedOptions(stage.SharedOptions{RingSize: 1 << 20, PerCPU: perCPU})
			if err != nil {
				t.Fatal(err)
			}
			b, err := bounce.Load(bounce.Config{Shared: sh, RecordTX: true, Frags: frags, WakeupBytes: 4096})
			if err != nil {
				sh.Close()
				t.Fatalf("per-CPU %v, frags %v: %v", perCPU, frags, err)
			}
			b.Close()
			sh.Close()
		}
	}
}
