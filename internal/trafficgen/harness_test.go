package trafficgen

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// TestCountFile writes generator frames (with a duplicate, another run's
// frame, a frame past the run's end and a foreign frame) to pcap and
// pcapng files and counts them back.
func TestCountFile(t *testing.T) {
	c := testConfig()
	var frames [][]byte
	add := func(runID uint32, seq uint64) {
		c := c
		c.RunID = runID
		f := frame(c)
		for i := 0; i < 8; i++ {
			f[HeaderOffset+8+i] = byte(seq >> (56 - 8*i))
		}
		frames = append(frames, f)
	}
	for seq := uint64(0); seq < 5; seq++ {
		add(c.RunID, seq)
	}
	add(c.RunID, 2)    // duplicate
	add(c.RunID+1, 0)  // another run
	add(c.RunID, 1000) // beyond what was sent
	frames = append(frames, make([]byte, 60))

	dir := t.TempDir()
	write := func(name string, ng bool) string {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var w interface {
			WritePacket(gopacket.CaptureInfo, []byte) error
		}
		if ng {
			nw, err := pcapgo.NewNgWriter(f, layers.LinkTypeEthernet)
			if err != nil {
				t.Fatal(err)
			}
			defer nw.Flush()
			w = nw
		} else {
			pw := pcapgo.NewWriter(f)
			if err := pw.WriteFileHeader(65536, layers.LinkTypeEthernet); err != nil {
				t.Fatal(err)
			}
			w = pw
		}
		for _, fr := range frames {
			ci := gopacket.CaptureInfo{Timestamp: time.Unix(1, 0), CaptureLength: len(fr), Length: len(fr)}
			if err := w.WritePacket(ci, fr); err != nil {
				t.Fatal(err)
			}
		}
		return path
	}
	for _, path := range []string{write("x.pcap", false), write("x.pcapng", true)} {
		records, ours, err := CountFile(path, c.RunID, 5)
		if err != nil {
			t.Fatal(err)
		}
		if records != 9 || ours != 5 {
			t.Errorf("%s: %d records, %d ours; want 9, 5", filepath.Base(path), records, ours)
		}
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, []byte("not a capture file at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := CountFile(empty, 1, 1); err == nil {
		t.Errorf("CountFile accepted a file that is no capture")
	}
}

// TestMeasure runs the harness at a rate every capture keeps up with: no
// capture, tcpdump and (with XDPDUMP_BIN) xdpdump must all see every frame
// sent, and the harness must read the tool's costs and exit lines.
func TestMeasure(t *testing.T) {
	p := quietPair(t)
	tools, skipped := benchTools()
	const n = 5000
	for _, tool := range tools {
		if tool.Name == "tcpdump-B64M" {
			continue
		}
		t.Run(tool.Name, func(t *testing.T) {
			c := PairConfig(p, 128, 10_000, 0)
			c.Count = n
			m, err := Measure(p, tool, c)
			if err != nil {
				t.Fatalf("%+v", err)
			}
			t.Logf("%+v", m)
			if m.Sent != n || m.Delivered != n {
				t.Fatalf("sent %d, delivered %d; want %d", m.Sent, m.Delivered, n)
			}
			if tool.Argv == nil {
				return
			}
			if m.Written != n || m.Ours != n || m.Lost != 0 {
				t.Errorf("file holds %d records, %d of them ours, %d lost; want %d, %d, 0", m.Written, m.Ours, m.Lost, n, n)
			}
			if m.Captured != n {
				t.Errorf("%s says %d packets captured, want %d (output: %s)", tool.Name, m.Captured, n, m.Stderr)
			}
			if m.Startup <= 0 || m.MaxRSS <= 0 || m.CPU() <= 0 {
				t.Errorf("start-up %v, peak RSS %d, CPU %v: all must be positive", m.Startup, m.MaxRSS, m.CPU())
			}
		})
	}
	if skipped != "" {
		t.Run("xdpdump", func(t *testing.T) { t.Skip(skipped) })
	}
}

// TestFullRateStaged runs xdpdump in front of an XDP_DROP program while the
// generator sends 64-byte frames as fast as it can: far above the rate at
// which a CPU stages its records and sends them a batch at a time
// (capture.DefaultBatchGap), and the tool is stopped as soon as the last
// frame is sent, while its CPU still holds records staged. Every frame
// must be in the file exactly once and in the order it was sent, or be
// counted lost; the tool's own count must be what the file holds.
func TestFullRateStaged(t *testing.T) {
	p := quietPair(t)
	tools, skipped := benchTools()
	if skipped != "" {
		t.Skip(skipped)
	}
	var tool Tool
	for _, tl := range tools {
		if tl.Name == "xdpdump" {
			tool = tl
		}
	}
	detach, err := AttachTarget(p, TargetDrop)
	if err != nil {
		t.Fatal(err)
	}
	defer detach()
	const n = 400_000
	c := PairConfig(p, 64, 0, 0)
	c.Count = n
	m, err := Measure(p, tool, c)
	if err != nil {
		t.Fatalf("%+v", err)
	}
	t.Logf("sent %d at %.2f Mpps, written %d, ours %d, lost %d, backwards %d, tool: %d captured, %d dropped",
		m.Sent, m.Rate/1e6, m.Written, m.Ours, m.Lost, m.Backwards, m.Captured, m.DroppedByKernel)
	if m.Sent != n || m.Delivered != n {
		t.Fatalf("sent %d, delivered %d; want %d", m.Sent, m.Delivered, n)
	}
	if m.Rate < 200_000 {
		// Frames 5 µs apart and closer are staged (capture.DefaultBatchGap).
		t.Skipf("the generator reached only %.0f frames/s: records were not staged", m.Rate)
	}
	if m.Ours != m.Written || m.Backwards != 0 {
		t.Errorf("file holds %d records, %d of them distinct frames of the run, %d out of order", m.Written, m.Ours, m.Backwards)
	}
	if m.Captured != int64(m.Written) || uint64(m.DroppedByKernel)+m.Written != n {
		t.Errorf("%s says %d captured, %d dropped by kernel; the file holds %d of %d (output: %s)",
			tool.Name, m.Captured, m.DroppedByKernel, m.Written, n, m.Stderr)
	}
}
