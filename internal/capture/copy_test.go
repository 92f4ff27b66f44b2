// Tests of the ways a frame is copied into the ring: every way, in both
// variants of the stage, must pass the verifier and deliver exactly the
// frame, whatever its size, also when the record is padded beyond it.
package capture_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/cilium/ebpf"

	xbpf "github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/stage"
	"github.com/xdpdump/xdpdump/internal/testhost"
)

var copies = []capture.Copy{capture.CopyAuto, capture.CopyScratch, capture.CopyClass, capture.CopyDynptr, capture.CopyBatch}

// TestCopyWays runs the capture stage, with every way of copying, frags
// and not, on frames of sizes on both sides of every size class edge
// (multi-buffer frames in the frags variant), with and without a snap
// length, through the capture's shared maps, and reads each record back:
// it must carry exactly the frame's first cap_len bytes and the frame's
// length, whatever padding its size class adds.
func TestCopyWays(t *testing.T) {
	testhost.Require(t)
	sizes := []int{60, 64, 65, 128, 129, 200, 512, 513, 1500, 1514, 1536, 1537, 3000, 4096, 4097}
	jumbo := []int{5000, 8192, 9000, 9216, 9217, 12000}
	for _, frags := range []bool{false, true} {
		for _, cp := range copies {
			for _, snap := range []uint32{0, 100} {
				t.Run(fmt.Sprintf("%s/frags=%v/snap=%d", cp, frags, snap), func(t *testing.T) {
					sh, err := stage.NewShared(1 << 20)
					if err != nil {
						t.Fatal(err)
					}
					defer sh.Close()
					st, err := capture.Load(capture.Config{Frags: frags, Copy: cp, Shared: sh, Snaplen: snap})
					if err != nil {
						t.Fatalf("load: %v", err)
					}
					defer st.Close()
					rd, err := capture.NewReaderOptions(sh.Ring, capture.ReaderOptions{Poll: 10 * time.Millisecond, Sleeping: sh.Sleeping()})
					if err != nil {
						t.Fatal(err)
					}
					defer rd.Close()
					all := sizes
					if frags {
						all = append(append([]int(nil), sizes...), jumbo...)
					}
					var rec capture.Record
					for i, size := range all {
						frame := udpFrame(size)
						frame[len(frame)-1] = byte(i)
						if _, err := st.Program().Run(&ebpf.RunOptions{Data: frame}); err != nil {
							t.Fatalf("%d B: run: %v", size, err)
						}
						if err := rd.Next(&rec); err != nil {
							t.Fatalf("%d B: %v", size, err)
						}
						want := frame
						if snap != 0 && len(want) > int(snap) {
							want = want[:snap]
						}
						if !bytes.Equal(rec.Data, want) || rec.OrigLen != uint32(len(frame)) {
							t.Fatalf("%d B: record of %d bytes (orig %d), want %d (orig %d)", size, len(rec.Data), rec.OrigLen, len(want), len(frame))
						}
					}
					s, err := st.Stats()
					if err != nil {
						t.Fatal(err)
					}
					if s.Lost != 0 || s.Captured != uint64(len(all)) {
						t.Fatalf("captured %d, lost %d, want %d and 0", s.Captured, s.Lost, len(all))
					}
				})
			}
		}
	}
}

// TestCopyWaysEgress does the same for the TC egress stage, which shares
// the record path: skbs of every size a test run takes (a linear skb in
// one page; GSO super-packets beyond the size classes are internal/egress's
// tests) must come back whole.
func TestCopyWaysEgress(t *testing.T) {
	testhost.Require(t)
	sizes := []int{60, 64, 65, 512, 1514, 1537, 3000, 3500}
	for _, cp := range []capture.Copy{capture.CopyAuto, capture.CopyScratch, capture.CopyClass} {
		t.Run(cp.String(), func(t *testing.T) {
			sh, err := stage.NewShared(1 << 20)
			if err != nil {
				t.Fatal(err)
			}
			defer sh.Close()
			sc := stage.Config{Spec: xbpf.LoadEgress, Program: xbpf.EgressProgXdpdumpEgress, Kind: stage.TC, Shared: sh}
			if cp != capture.CopyAuto {
				sc.Vars = map[string]any{"copy_mode": uint8(cp)}
			}
			st, err := stage.Load(sc)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			defer st.Close()
			rd, err := capture.NewReaderOptions(sh.Ring, capture.ReaderOptions{Poll: 10 * time.Millisecond, Sleeping: sh.Sleeping()})
			if err != nil {
				t.Fatal(err)
			}
			defer rd.Close()
			var rec capture.Record
			for i, size := range sizes {
				frame := udpFrame(size)
				frame[len(frame)-1] = byte(i)
				if _, err := st.Program().Run(&ebpf.RunOptions{Data: frame}); err != nil {
					t.Fatalf("%d B: run: %v", size, err)
				}
				if err := rd.Next(&rec); err != nil {
					t.Fatalf("%d B: %v", size, err)
				}
				if !bytes.Equal(rec.Data, frame) || rec.OrigLen != uint32(len(frame)) || rec.Hook != capture.HookTCEgress {
					t.Fatalf("%d B: record of %d bytes (orig %d, hook %d)", size, len(rec.Data), rec.OrigLen, rec.Hook)
				}
			}
		})
	}
}
