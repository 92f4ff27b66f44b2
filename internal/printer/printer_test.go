package printer

import (
	"bytes"
	"errors"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

func TestBadInput(t *testing.T) {
	var out bytes.Buffer
	p := New(&out, Options{})
	if err := p.Print(time.Unix(0, 0), []byte{1, 2, 3}, -1); !errors.Is(err, ErrBadLength) {
		t.Fatalf("negative length: got %v, want ErrBadLength", err)
	}
	// Every prefix of every corpus frame, with random corruption, must
	// print one line without panicking.
	rng := rand.New(rand.NewSource(1))
	n := 0
	for _, f := range corpus() {
		for cut := 0; cut <= len(f.data); cut++ {
			d := append([]byte(nil), f.data[:cut]...)
			for i := 0; i < 3; i++ {
				out.Reset()
				if err := p.Print(time.Unix(1, 0), d, f.origLen); err != nil {
					t.Fatal(err)
				}
				if err := p.Flush(); err != nil {
					t.Fatal(err)
				}
				if !bytes.HasSuffix(out.Bytes(), []byte("\n")) {
					t.Fatalf("%s cut %d: no newline: %q", f.name, cut, out.String())
				}
				n++
				if len(d) > 0 {
					d[rng.Intn(len(d))] = byte(rng.Intn(256))
				}
			}
		}
	}
	t.Logf("%d corrupted/truncated frames printed without panic", n)
}

func FuzzPrint(f *testing.F) {
	for _, fr := range corpus() {
		f.Add(fr.data, fr.origLen)
	}
	ps := []*Printer{New(&bytes.Buffer{}, Options{Verbose: 1, Link: true, HexASCII: 1}),
		New(&bytes.Buffer{}, Options{Verbose: 3})}
	f.Fuzz(func(t *testing.T, data []byte, origLen int) {
		if origLen < 0 {
			origLen = -origLen
		}
		for _, p := range ps {
			out := p.AppendPacket(nil, time.Unix(0, 0), data, origLen)
			if len(out) == 0 || out[len(out)-1] != '\n' {
				t.Fatalf("output %q does not end in a newline", out)
			}
		}
	})
}

type countWriter struct{ writes int }

func (c *countWriter) Write(b []byte) (int, error) { c.writes++; return len(b), nil }

func TestLineBuffered(t *testing.T) {
	fs := corpus()[:5]
	for _, lb := range []bool{false, true} {
		var cw countWriter
		p := New(&cw, Options{LineBuffered: lb})
		for i, f := range fs {
			if err := p.Print(timestamp(i), f.data, f.origLen); err != nil {
				t.Fatal(err)
			}
		}
		if lb && cw.writes != len(fs) {
			t.Errorf("-l: %d writes for %d packets", cw.writes, len(fs))
		}
		if !lb && cw.writes != 0 {
			t.Errorf("buffered: %d writes before Flush", cw.writes)
		}
	}
}

// TestNoAllocs checks the per-packet path allocates nothing once the TCP
// conversation table has its entries.
func TestNoAllocs(t *testing.T) {
	fs := corpus()
	p := New(&bytes.Buffer{}, Options{Verbose: 1, HexASCII: 1})
	ts := time.Unix(1700000000, 0)
	for _, f := range fs {
		p.AppendPacket(nil, ts, f.data, f.origLen)
	}
	buf := make([]byte, 0, 1<<16)
	allocs := testing.AllocsPerRun(20, func() {
		for _, f := range fs {
			buf = p.AppendPacket(buf[:0], ts, f.data, f.origLen)
		}
	})
	if allocs != 0 {
		t.Fatalf("%.1f allocations per corpus pass (%d frames)", allocs, len(fs))
	}
}

// TestLocalTime checks the default time stamp uses the configured zone.
func TestLocalTime(t *testing.T) {
	loc := time.FixedZone("X", 5*3600+30*60)
	var out bytes.Buffer
	p := New(&out, Options{Location: loc})
	f := corpus()[0]
	p.Print(time.Date(2024, 1, 2, 3, 4, 5, 6000, time.UTC), f.data, f.origLen)
	p.Flush()
	if !strings.HasPrefix(out.String(), "08:34:05.000006 IP ") {
		t.Fatalf("got %q", out.String())
	}
}

const benchPackets = 200000

// benchFile writes a pcap of benchPackets frames cycling through the corpus.
func benchFile(b *testing.B) (string, []record) {
	fs := corpus()
	var keep []frame
	for _, f := range fs {
		if ok, _ := comparable(f.data); ok {
			keep = append(keep, f)
		}
	}
	path := filepath.Join(b.TempDir(), "bench.pcap")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := pcapgo.NewWriter(f)
	w.WriteFileHeader(MaxSnaplen, layers.LinkTypeEthernet)
	recs := make([]record, 0, benchPackets)
	base := time.Unix(1700000000, 0)
	for i := 0; i < benchPackets; i++ {
		fr := keep[i%len(keep)]
		ts := base.Add(time.Duration(i) * 1500 * time.Nanosecond).Truncate(time.Microsecond)
		w.WritePacket(gopacket.CaptureInfo{Timestamp: ts, CaptureLength: len(fr.data), Length: fr.origLen}, fr.data)
		recs = append(recs, record{ts, fr.data, fr.origLen})
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path, recs
}

// BenchmarkPrint reports the printer's ns/packet and, as the reference
// measured in the same run, `tcpdump -n -r FILE > /dev/null` over the same
// 200k-packet file (process time per packet, including reading the file),
// and gopacket's DecodingLayerParser decoding the same frames.
func BenchmarkPrint(b *testing.B) {
	path, recs := benchFile(b)
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}

	var tcpdumpNs float64
	if bin, err := exec.LookPath("tcpdump"); err == nil {
		best := time.Duration(1 << 62)
		for i := 0; i < 3; i++ {
			cmd := exec.Command(bin, "-n", "-r", path)
			devnull, _ := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
			cmd.Stdout = devnull
			start := time.Now()
			if err := cmd.Run(); err != nil {
				b.Fatal(err)
			}
			d := time.Since(start)
			devnull.Close()
			if d < best {
				best = d
			}
		}
		tcpdumpNs = float64(best.Nanoseconds()) / benchPackets
	}

	devnull, _ := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	defer devnull.Close()

	// gopacket decoding reference: Ethernet/IP/TCP/UDP with preallocated layers.
	var eth layers.Ethernet
	var d1q layers.Dot1Q
	var ip4 layers.IPv4
	var ip6 layers.IPv6
	var tcp layers.TCP
	var udp layers.UDP
	var icmp4 layers.ICMPv4
	var icmp6 layers.ICMPv6
	var arp layers.ARP
	var pl gopacket.Payload
	parser := gopacket.NewDecodingLayerParser(layers.LayerTypeEthernet, &eth, &d1q, &ip4, &ip6, &tcp, &udp, &icmp4, &icmp6, &arp, &pl)
	parser.IgnoreUnsupported = true
	decoded := make([]gopacket.LayerType, 0, 10)
	start := time.Now()
	for _, r := range recs {
		parser.DecodeLayers(r.data, &decoded)
	}
	gopacketNs := float64(time.Since(start).Nanoseconds()) / benchPackets

	b.ResetTimer()
	// Like tcpdump's, our times are the best of three passes (the machine
	// may be busy with other work).
	printNs, readPrintNs := math.Inf(1), math.Inf(1)
	for i := 0; i < b.N*3; i++ {
		// Printing only (records in memory).
		p := New(devnull, Options{})
		start := time.Now()
		for _, r := range recs {
			if err := p.Print(r.ts, r.data, r.origLen); err != nil {
				b.Fatal(err)
			}
		}
		p.Flush()
		printNs = math.Min(printNs, float64(time.Since(start).Nanoseconds())/benchPackets)

		// Reading the file and printing, like `tcpdump -r`.
		start = time.Now()
		rd, err := pcapgo.NewReader(bytes.NewReader(raw))
		if err != nil {
			b.Fatal(err)
		}
		p = New(devnull, Options{})
		for {
			data, ci, err := rd.ZeroCopyReadPacketData()
			if err != nil {
				break
			}
			p.Print(ci.Timestamp, data, ci.Length)
		}
		p.Flush()
		readPrintNs = math.Min(readPrintNs, float64(time.Since(start).Nanoseconds())/benchPackets)
	}
	b.StopTimer()
	b.ReportMetric(printNs, "ns/pkt")
	b.ReportMetric(readPrintNs, "read+print-ns/pkt")
	b.ReportMetric(gopacketNs, "gopacket-decode-ns/pkt")
	if tcpdumpNs > 0 {
		b.ReportMetric(tcpdumpNs, "tcpdump-ns/pkt")
		b.ReportMetric(tcpdumpNs/readPrintNs, "x-faster-than-tcpdump")
	}
}
