package session

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/gopacket/gopacket/pcapgo"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/trafficgen"
	"github.com/xdpdump/xdpdump/pcapout"
)

// TestStagedLeftoversAtEnd: the generator sends frames at full rate, so
// that A's CPU stages their records, and the capture ends right after the
// last; the staging timer (an hour here) does not come, so the records
// still staged at the end reach the file only because the session reads
// them from the map after its wait. Every frame must be in the file once,
// in the order sent, and counted written.
func TestStagedLeftoversAtEnd(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	closer, err := trafficgen.Prepare(p)
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	detach, err := trafficgen.AttachTarget(p, trafficgen.TargetDrop)
	if err != nil {
		t.Fatal(err)
	}
	defer detach()
	old := batchTick
	batchTick = time.Hour
	defer func() { batchTick = old }()

	const n = 20_000
	c := trafficgen.PairConfig(p, 64, 0, 0)
	c.Count = n
	gen, err := trafficgen.New(c)
	if err != nil {
		t.Fatal(err)
	}
	defer gen.Close()
	var buf bytes.Buffer
	w, err := pcapout.NewWriter(&buf, pcapout.PcapNG, "staged test")
	if err != nil {
		t.Fatal(err)
	}
	var s *Session
	err = p.A.Do(func() error {
		var err error
		s, err = Open(Config{Interfaces: []Interface{{Name: p.A.Dev, Index: p.A.Ifindex}}, Direction: In})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, w, RunOptions{}) }()
	res, err := trafficgen.RunOnCPU0(p.B, gen)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if res.Sent != n {
		t.Fatalf("the generator sent %d of %d", res.Sent, n)
	}
	rate := float64(res.Sent) / res.Active.Seconds()
	r, err := pcapgo.NewNgReader(&buf, pcapgo.DefaultNgReaderOptions)
	if err != nil {
		t.Fatal(err)
	}
	var ours, backwards uint64
	next := uint64(0)
	for {
		data, _, err := r.ReadPacketData()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		id, seq, ok := trafficgen.Parse(data)
		if !ok || id != c.RunID {
			continue
		}
		if seq != next {
			backwards++
		}
		next = seq + 1
		ours++
	}
	written := s.Counters()[0].Written
	t.Logf("sent %d at %.2f Mpps; the file holds %d of them, %d out of sequence; written %d", res.Sent, rate/1e6, ours, backwards, written)
	if rate < 200_000 {
		// Frames 5 µs apart and closer are staged (DefaultBatchGap).
		t.Skipf("the generator reached only %.0f frames/s: too slow to stage", rate)
	}
	if ours != n || backwards != 0 || written != n {
		t.Fatalf("the file holds %d of %d frames, %d out of sequence; %d counted written", ours, n, backwards, written)
	}
}
