// The user-space side of a capture on its own: what one record costs from
// the ring to the pcapng writer's buffer, without the kernel.
package session

import (
	"fmt"
	"io"
	"runtime"
	"sort"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/stage"
	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/pcapout"
)

// BenchmarkRecordPath fills the capture's ring with records of 64 and 1500
// bytes (BPF_PROG_RUN of the capture stage, not timed), then times what
// the capture loop does with each: Reader.NextBatch, the record -> packet
// conversion and pcapout's encoding into its buffer (written to
// io.Discard, so no write(2) counts). It reports ns per record for the
// whole path and for the reader alone, medians over batches measured in
// the same run. With two CPUs or more the stage runs on one and the reader
// on another, as live (the ring is written on the receiving CPU): the
// reader's cost is then mostly the records' cache lines coming from the
// other CPU's cache.
func BenchmarkRecordPath(b *testing.B) {
	testhost.Require(b)
	onCPU := func(_ int, f func()) { f() }
	if runtime.NumCPU() > 1 {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		var old unix.CPUSet
		if err := unix.SchedGetaffinity(0, &old); err != nil {
			b.Fatal(err)
		}
		defer unix.SchedSetaffinity(0, &old)
		pin := func(cpu int) {
			var set unix.CPUSet
			set.Set(cpu)
			if err := unix.SchedSetaffinity(0, &set); err != nil {
				b.Fatal(err)
			}
		}
		pin(1)
		onCPU = func(cpu int, f func()) {
			done := make(chan struct{})
			go func() {
				defer close(done)
				runtime.LockOSThread() // the thread ends with the goroutine
				pin(cpu)
				f()
			}()
			<-done
		}
	}
	for _, size := range []int{64, 1500} {
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) {
			sh, err := stage.NewShared(0)
			if err != nil {
				b.Fatal(err)
			}
			defer sh.Close()
			st, err := capture.Load(capture.Config{Frags: true, Shared: sh})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			rd, err := capture.NewReaderOptions(sh.Ring, capture.ReaderOptions{Poll: time.Millisecond, Sleeping: sh.Sleeping()})
			if err != nil {
				b.Fatal(err)
			}
			defer rd.Close()
			pw, err := pcapout.NewWriter(io.Discard, pcapout.PcapNG, "bench")
			if err != nil {
				b.Fatal(err)
			}
			idx, err := pw.AddInterface(pcapout.Interface{Name: "bench0", Snaplen: 262144})
			if err != nil {
				b.Fatal(err)
			}
			ifc := &iface{Interface: Interface{Name: "bench0", Index: 1}, sinkIdx: idx}
			s := &Session{byIdx: map[uint32]*iface{1: ifc}, ifs: []*iface{ifc}}
			w := &writer{s: s, sink: pw, lastLost: map[[3]uint32]uint32{}}
			frame := make([]byte, size)
			frame[12], frame[13] = 0x08, 0x00
			n := min(20000, int(sh.Ring.MaxEntries())/2/(size+capture.HeaderSize+8+512))
			fill := func() {
				var err error
				onCPU(0, func() { _, _, err = st.Program().Benchmark(frame, n, nil) })
				if err != nil {
					b.Fatal(err)
				}
			}
			recs := make([]capture.Record, pollEvery)
			const batches = 50
			var whole, next []float64
			for i := 0; i < b.N; i++ {
				for j := 0; j < batches; j++ {
					fill()
					t0 := time.Now()
					k := 0
					for rd.Pending() > 0 {
						m, err := rd.NextBatch(recs)
						if err != nil {
							b.Fatal(err)
						}
						for i := range recs[:m] {
							if err := w.write(&recs[i]); err != nil {
								b.Fatal(err)
							}
						}
						k += m
					}
					whole = append(whole, float64(time.Since(t0).Nanoseconds())/float64(k))
					fill()
					t0 = time.Now()
					for rd.Pending() > 0 {
						if _, err := rd.NextBatch(recs); err != nil {
							b.Fatal(err)
						}
					}
					next = append(next, float64(time.Since(t0).Nanoseconds())/float64(k))
				}
			}
			b.ReportMetric(median(whole), "ns/record")
			b.ReportMetric(median(next), "reader-ns/record")
		})
	}
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

// BenchmarkWriteRecord times what the capture loop does with one decoded
// record, without the kernel or the ring: the record -> packet conversion
// and pcapout's encoding into its buffer, written out to io.Discard (so no
// write(2) counts) through the same books as a file. Records are 64 bytes
// as in BenchmarkCapture's pass-64 case, from one source with its packet
// id, queue and now and then a drop. It must not allocate.
func BenchmarkWriteRecord(b *testing.B) {
	for _, size := range []int{64, 1500} {
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) {
			pw, err := pcapout.NewWriter(io.Discard, pcapout.PcapNG, "bench")
			if err != nil {
				b.Fatal(err)
			}
			idx, err := pw.AddInterface(pcapout.Interface{Name: "bench0", Snaplen: 262144})
			if err != nil {
				b.Fatal(err)
			}
			ifc := &iface{Interface: Interface{Name: "bench0", Index: 1}, sinkIdx: idx}
			s := &Session{byIdx: map[uint32]*iface{1: ifc}, ifs: []*iface{ifc}}
			w := &writer{s: s, sink: pw, lastLost: map[[3]uint32]uint32{}}
			clock := capture.NewClock()
			recs := make([]capture.Record, pollEvery)
			data := make([]byte, size)
			mono := capture.Monotonic()
			for i := range recs {
				recs[i] = capture.Record{Mono: mono, Wall: clock.WallNano(mono), OrigLen: uint32(size), Ifindex: 1, RxQueue: 0, Hook: capture.HookXDP, Data: data}
			}
			b.ReportAllocs()
			var id uint64
			for b.Loop() {
				for i := range recs {
					id++
					r := &recs[i]
					r.PacketID = id
					r.Mono++
					r.Wall = clock.WallNano(r.Mono)
					if id%4096 == 0 {
						r.Lost++
					}
					if err := w.write(r); err != nil {
						b.Fatal(err)
					}
				}
			}
			if err := pw.Flush(); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(recs)), "ns/record")
		})
	}
}
