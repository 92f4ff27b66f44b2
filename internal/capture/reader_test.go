package capture_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/testhost"
)

// TestReaderWraps runs the capture program on frames of changing sizes
// through a 16 KiB ring, many times around it, and reads every record in
// place: each must carry exactly the frame, in order, also the records
// that straddle the end of the ring (the reader relies on the kernel's
// double mapping there) and after the ring was full (lost, counted).
func TestReaderWraps(t *testing.T) {
	testhost.Require(t)
	st, err := capture.Load(capture.Config{Frags: true, RingSize: 16 << 10})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rd, err := capture.NewReader(st.Ring(), nil, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var rec capture.Record
	sizes := []int{60, 1500, 333, 4000, 64, 9000, 1000}
	for i := 0; i < 100; i++ { // ~30 times around the ring
		frame := udpFrame(sizes[i%len(sizes)])
		frame[len(frame)-1] = byte(i)
		// Two records, so that the ring is read with more than one
		// waiting; one of 9000 B (no room for two).
		runs := 2
		if len(frame) > 8000 {
			runs = 1
		}
		for j := 0; j < runs; j++ {
			runOnce(t, st, frame)
		}
		for j := 0; j < runs; j++ {
			if err := rd.Next(&rec); err != nil {
				t.Fatalf("frame %d record %d: %v", i, j, err)
			}
			if !bytes.Equal(rec.Data, frame) || rec.OrigLen != uint32(len(frame)) {
				t.Fatalf("frame %d record %d: %d bytes (orig %d), want the %d-byte frame", i, j, len(rec.Data), rec.OrigLen, len(frame))
			}
		}
	}
	if err := rd.Next(&rec); !capture.IsTimeout(err) {
		t.Fatalf("after the last record: %v, want a timeout", err)
	}
	// Fill the ring without reading: the kernel loses what does not fit,
	// and the reader still reads what is there, whole.
	frame := udpFrame(1500)
	for j := 0; j < 40; j++ {
		runOnce(t, st, frame)
	}
	n := 0
	for {
		err := rd.Next(&rec)
		if capture.IsTimeout(err) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(rec.Data, frame) {
			t.Fatalf("record %d of a full ring: %d bytes", n, len(rec.Data))
		}
		n++
	}
	s, err := st.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || n >= 40 || s.Lost != uint64(40-n) {
		t.Fatalf("full ring: read %d of 40, %d lost", n, s.Lost)
	}
	if err := rd.Close(); err != nil {
		t.Fatal(err)
	}
	if err := rd.Next(&rec); err == nil {
		t.Fatal("Next after Close: no error")
	}
}

// runOnce runs the capture program on frame exactly once. A test run with
// more repeats can be interrupted by a signal part-way, and cilium/ebpf
// then runs all the repeats again: records would be counted twice.
func runOnce(t *testing.T, st *capture.Stage, frame []byte) {
	t.Helper()
	if _, err := st.Program().Run(&ebpf.RunOptions{Data: frame}); err != nil {
		t.Fatal(err)
	}
}
