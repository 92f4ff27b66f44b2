// Tests of staged records (capture.Config.BatchGap, CopyBatch): a busy
// CPU's small records go into the ring a batch at a time, and must come
// out whole, in the order the CPU recorded them (also when records of
// other sizes and of other stages of the same CPU go in between), without
// further traffic to push them, and counted exactly when the ring is full.
package capture_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	xbpf "github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/stage"
	"github.com/xdpdump/xdpdump/internal/testhost"
)

// onCPU runs the rest of the test on CPU 0's locked thread: the records of
// one CPU are in order, those of two are not.
func onCPU(t *testing.T) {
	t.Helper()
	runtime.LockOSThread()
	t.Cleanup(runtime.UnlockOSThread)
	var set unix.CPUSet
	set.Set(0)
	if err := unix.SchedSetaffinity(0, &set); err != nil {
		t.Fatal(err)
	}
}

type batchRig struct {
	sh      *stage.Shared
	capture *capture.Stage
	egress  *stage.Stage
	rd      *capture.Reader
}

func newBatchRig(t *testing.T, ringSize int, cfg capture.Config) *batchRig {
	return newBatchRigOptions(t, stage.SharedOptions{RingSize: ringSize}, cfg)
}

func newBatchRigOptions(t *testing.T, o stage.SharedOptions, cfg capture.Config) *batchRig {
	t.Helper()
	sh, err := stage.NewSharedOptions(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sh.Close)
	cfg.Shared = sh
	st, err := capture.Load(cfg)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	eg, err := stage.Load(stage.Config{Spec: xbpf.LoadEgress, Program: xbpf.EgressProgXdpdumpEgress, Kind: stage.TC, Shared: sh})
	if err != nil {
		t.Fatalf("load egress: %v", err)
	}
	t.Cleanup(func() { eg.Close() })
	maps, flags := sh.ReaderRings()
	var rings []capture.Ring
	for i, m := range maps {
		rings = append(rings, capture.Ring{Map: m, Sleeping: flags[i]})
	}
	rd, err := capture.NewRingsReader(rings, capture.ReaderOptions{Poll: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rd.Close() })
	return &batchRig{sh: sh, capture: st, egress: eg, rd: rd}
}

// marked is a frame of size bytes whose last four bytes are i.
func marked(size int, i uint32) []byte {
	f := udpFrame(size)
	binary.BigEndian.PutUint32(f[len(f)-4:], i)
	return f
}

// readAll reads records until none came for 50 ms (the staging timer
// sends within a millisecond).
func readAll(t *testing.T, rd *capture.Reader) []capture.Record {
	t.Helper()
	var out []capture.Record
	var rec capture.Record
	for {
		err := rd.Next(&rec)
		if capture.IsTimeout(err) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		c := rec
		c.Data = append([]byte(nil), rec.Data...)
		out = append(out, c)
		if len(out) > 1<<20 {
			t.Fatal("endless records")
		}
	}
}

// TestBatchOrder records, on one CPU, small frames that are staged,
// larger ones that are not, and egress records of the same CPU in
// between: every record must come back once, whole, in the order it was
// recorded, and most small ones in ring records of several; with one
// ring, and with a ring per CPU.
func TestBatchOrder(t *testing.T) {
	testhost.Require(t)
	for _, perCPU := range []bool{false, true} {
		t.Run(fmt.Sprintf("ring-per-cpu=%v", perCPU), func(t *testing.T) {
			testBatchOrder(t, stage.SharedOptions{RingSize: 1 << 20, PerCPU: perCPU})
		})
	}
}

func testBatchOrder(t *testing.T, o stage.SharedOptions) {
	onCPU(t)
	r := newBatchRigOptions(t, o, capture.Config{Copy: capture.CopyBatch})
	type sent struct {
		frame []byte
		hook  uint16
	}
	var want []sent
	for i := uint32(0); i < 600; i++ {
		var f []byte
		hook := uint16(capture.HookXDP)
		prog := r.capture.Program()
		switch {
		case i%13 == 5:
			f = marked(1000, i) // beyond the staged sizes: alone
		case i%7 == 3:
			f, hook, prog = marked(90, i), capture.HookTCEgress, r.egress.Program()
		default:
			f = marked(60+int(i%200), i)
		}
		if _, err := prog.Run(&ebpf.RunOptions{Data: f}); err != nil {
			t.Fatal(err)
		}
		want = append(want, sent{f, hook})
	}
	got := readAll(t, r.rd)
	if len(got) != len(want) {
		t.Fatalf("read %d records, recorded %d", len(got), len(want))
	}
	for i, g := range got {
		if !bytes.Equal(g.Data, want[i].frame) || g.Hook != want[i].hook || g.OrigLen != uint32(len(want[i].frame)) {
			t.Fatalf("record %d: %d bytes, hook %d, marker %d; want %d bytes, hook %d, marker %d", i,
				len(g.Data), g.Hook, binary.BigEndian.Uint32(g.Data[len(g.Data)-4:]),
				len(want[i].frame), want[i].hook, i)
		}
		if i > 0 && (g.PacketID <= got[i-1].PacketID || g.Mono < got[i-1].Mono) {
			t.Fatalf("record %d: packet id %d at %d after %d at %d", i, g.PacketID, g.Mono, got[i-1].PacketID, got[i-1].Mono)
		}
	}
	if b := r.rd.Stats().Batches; b == 0 {
		t.Fatal("no ring record carried more than one record: nothing was staged")
	}
	t.Logf("%d records in %d batches", len(got), r.rd.Stats().Batches)
}

// TestBatchSentWithoutTraffic stages a few records and sends nothing
// after them: the timer must bring them to a sleeping reader, and leave
// nothing staged.
func TestBatchSentWithoutTraffic(t *testing.T) {
	testhost.Require(t)
	onCPU(t)
	r := newBatchRig(t, 1<<20, capture.Config{BatchGap: time.Millisecond})
	frame := udpFrame(64)
	var rec capture.Record
	// The process's first test run is slow (cilium/ebpf probes the
	// kernel): one before, read back, so that the records below wait.
	if _, err := r.capture.Program().Run(&ebpf.RunOptions{Data: frame}); err != nil {
		t.Fatal(err)
	}
	if err := r.rd.Next(&rec); err != nil {
		t.Fatal(err)
	}
	before := r.rd.Stats()
	start := time.Now()
	for i := 0; i < 5; i++ {
		// Runs of their own: a run that repeats takes the kernel 20 ms
		// to set up here, by which time the timer has sent the batch.
		if _, err := r.capture.Program().Run(&ebpf.RunOptions{Data: frame}); err != nil {
			t.Fatal(err)
		}
	}
	ran := time.Since(start)
	for i := 0; i < 5; i++ {
		if err := r.rd.Next(&rec); err != nil {
			t.Fatalf("record %d of 5: %v", i+1, err)
		}
		if !bytes.Equal(rec.Data, frame) {
			t.Fatalf("record %d: %d bytes", i+1, len(rec.Data))
		}
	}
	after := r.rd.Stats()
	t.Logf("run took %v; 5 records read %v after its start, %d batches, %d sleeps",
		ran, time.Since(start), after.Batches-before.Batches, after.Sleeps-before.Sleeps)
	if after.Batches == before.Batches {
		t.Fatal("the 5 records were not staged")
	}
	if n, err := r.sh.Staged(); err != nil || n != 0 {
		t.Fatalf("%d bytes still staged (%v)", n, err)
	}
}

// TestBatchRingFull stages records into a ring nobody reads until it is
// full: what is counted captured must be what is read, the rest lost,
// and the records read must be in order.
func TestBatchRingFull(t *testing.T) {
	testhost.Require(t)
	onCPU(t)
	page := 4096
	r := newBatchRig(t, 4*page, capture.Config{Copy: capture.CopyBatch})
	const n = 2000
	for i := uint32(0); i < n; i++ {
		if _, err := r.capture.Program().Run(&ebpf.RunOptions{Data: marked(64, i)}); err != nil {
			t.Fatal(err)
		}
	}
	got := readAll(t, r.rd)
	// What stayed staged while the ring was full goes once there is room.
	got = append(got, readAll(t, r.rd)...)
	st, err := r.capture.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Captured+st.Lost != n || st.Captured != uint64(len(got)) || st.Lost == 0 {
		t.Fatalf("captured %d, lost %d, read %d, of %d", st.Captured, st.Lost, len(got), n)
	}
	last := int64(-1)
	for i, g := range got {
		m := int64(binary.BigEndian.Uint32(g.Data[len(g.Data)-4:]))
		if m <= last {
			t.Fatalf("record %d: marker %d after %d", i, m, last)
		}
		last = m
	}
	t.Logf("ring of %d bytes: %d read, %d lost", 4*page, len(got), st.Lost)
}

// TestBatchLeftovers stages records whose timer will not come in time (a
// tick of an hour), as when the stages are gone before it: the owner finds
// them staged (Shared.Staged) and reads them from the map (TakeStaged,
// Feed), whole and in order, after what the ring held.
func TestBatchLeftovers(t *testing.T) {
	testhost.Require(t)
	onCPU(t)
	r := newBatchRig(t, 1<<20, capture.Config{Copy: capture.CopyBatch, BatchTick: time.Hour})
	var want [][]byte
	for i := uint32(0); i < 12; i++ {
		size := 64
		if i == 3 {
			size = 1000 // alone, into the ring: the 3 before it go first
		}
		f := marked(size, i)
		if _, err := r.capture.Program().Run(&ebpf.RunOptions{Data: f}); err != nil {
			t.Fatal(err)
		}
		want = append(want, f)
	}
	n, err := r.sh.Staged()
	if err != nil {
		t.Fatal(err)
	}
	if per := capture.HeaderSize + 64; n != 8*per {
		t.Fatalf("%d bytes staged, want 8 records of %d", n, per)
	}
	got := readAll(t, r.rd)
	if len(got) != 4 {
		t.Fatalf("the ring held %d records, want the 4 up to the large one", len(got))
	}
	runs, err := r.sh.TakeStaged()
	if err != nil {
		t.Fatal(err)
	}
	r.rd.Feed(runs)
	if p := r.rd.Pending(); p != n {
		t.Fatalf("reader has %d bytes pending after Feed, want %d", p, n)
	}
	got = append(got, readAll(t, r.rd)...)
	if len(got) != len(want) {
		t.Fatalf("read %d records, recorded %d", len(got), len(want))
	}
	for i, g := range got {
		if !bytes.Equal(g.Data, want[i]) {
			t.Fatalf("record %d: %d bytes, not the %d-byte frame recorded %d", i, len(g.Data), len(want[i]), i)
		}
	}
}
