// The wakeup contract between the stages and the reader: at most one
// wakeup per sleep the reader announces, whatever its lag, and no record
// left waiting while it sleeps.
package capture_test

import (
	"fmt"
	"math/rand"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/stage"
	"github.com/xdpdump/xdpdump/internal/testhost"
)

// TestOneWakeupPerSleep runs the capture stage with BPF_PROG_RUN from a
// thread on one CPU, in batches of 1 to 2000 frames of 64 or 1500 bytes
// with pauses of every length between them, while a reader on the other
// CPU reads with every kind of lag: at once, then sleeping in the middle
// of a full ring (a reader blocked in write(2) sleeps that way), so that
// the ring goes from empty to full and back. The kernel's own count of
// IRQ-work interrupts on the producing thread (each ring buffer wakeup is
// one) must not exceed the sleeps the reader announced, minus the
// background the same thread takes with a stage that records nothing.
// With wakeups at the first record (wakeup_bytes 0) and a poll deadline of
// an hour, the reader must also get every record: a sleep whose wakeup was
// lost would leave it waiting.
func TestOneWakeupPerSleep(t *testing.T) {
	testhost.Require(t)
	if _, err := countIRQWork(0); err != nil {
		t.Skipf("cannot count IRQ work: %v", err)
	}
	for _, wb := range []uint32{0, 64 << 10} {
		t.Run(fmt.Sprintf("wakeup_bytes=%d", wb), func(t *testing.T) {
			sh, err := stage.NewShared(1 << 20)
			if err != nil {
				t.Fatal(err)
			}
			defer sh.Close()
			st, err := capture.Load(capture.Config{Frags: true, Shared: sh, WakeupBytes: wb})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			none, err := capture.Load(capture.Config{Frags: true, Shared: sh, WakeupBytes: wb, Filter: "udp port 1"})
			if err != nil {
				t.Fatal(err)
			}
			defer none.Close()
			poll := time.Hour
			if wb != 0 {
				poll = 20 * time.Millisecond // below wakeup_bytes only the deadline wakes it
			}
			rd, err := capture.NewReaderOptions(sh.Ring, capture.ReaderOptions{Poll: poll, Sleeping: sh.Sleeping()})
			if err != nil {
				t.Fatal(err)
			}
			defer rd.Close()

			var read atomic.Uint64
			readerDone := make(chan error, 1)
			go func() {
				defer pinThread(1)()
				rng := rand.New(rand.NewSource(2))
				var rec capture.Record
				var n uint64
				for {
					err := rd.Next(&rec)
					if capture.IsTimeout(err) {
						continue
					}
					if err != nil {
						readerDone <- err
						return
					}
					n++
					read.Store(n)
					// Now and then the reader stops for a while with the
					// ring as it is (often full), like one blocked in a
					// slow write.
					if rng.Intn(3000) == 0 {
						time.Sleep(time.Duration(rng.Intn(3000)) * time.Microsecond)
					}
				}
			}()

			run := func(s *capture.Stage, d time.Duration) (ipis uint64, runs int) {
				defer pinThread(0)()
				c, err := countIRQWork(0)
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close()
				rng := rand.New(rand.NewSource(1))
				frames := [][]byte{udpFrame(64), udpFrame(1500)}
				end := time.Now().Add(d)
				for time.Now().Before(end) {
					n := []int{1, 1, 3, 10, 100, 2000}[rng.Intn(6)]
					if _, _, err := s.Program().Benchmark(frames[rng.Intn(2)], n, nil); err != nil {
						t.Fatal(err)
					}
					runs += n
					switch rng.Intn(4) {
					case 0:
					case 1:
						time.Sleep(time.Duration(rng.Intn(200)) * time.Microsecond)
					case 2:
						time.Sleep(time.Duration(rng.Intn(3)) * time.Millisecond)
					case 3:
						for t0 := time.Now(); time.Since(t0) < 20*time.Microsecond; {
						}
					}
				}
				return c.Count(), runs
			}
			const d = 700 * time.Millisecond
			background, _ := run(none, d)
			ipis, runs := run(st, d)

			s, err := st.Stats()
			if err != nil {
				t.Fatal(err)
			}
			// Every record written must reach the reader.
			deadline := time.Now().Add(10 * time.Second)
			for {
				n := read.Load()
				if n >= s.Captured {
					break
				}
				select {
				case err := <-readerDone:
					t.Fatalf("reader: %v", err)
				default:
				}
				if time.Now().After(deadline) {
					t.Fatalf("the reader got %d of %d records: a record was left waiting while it slept", n, s.Captured)
				}
				time.Sleep(10 * time.Millisecond)
			}
			rs := rd.Stats()
			t.Logf("%d runs: %d recorded, %d lost; reader: %d sleeps announced, %d slept, %d timeouts; IRQ work on the producer: %d (background %d)",
				runs, s.Captured, s.Lost, rs.Raised, rs.Sleeps, rs.Timeouts, ipis, background)
			if rs.Raised < 10 || ipis == 0 {
				t.Fatalf("the reader hardly slept (%d announced, %d IRQ work): the test did not test", rs.Raised, ipis)
			}
			if ipis > rs.Raised+background {
				t.Fatalf("%d wakeups (IRQ work on the producer, %d of them background) for %d announced sleeps", ipis, background, rs.Raised)
			}
			if s.Lost == 0 {
				t.Fatalf("the ring never filled: the reader did not lag")
			}
		})
	}
}
