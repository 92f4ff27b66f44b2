package pcapout

import (
	"bufio"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// BenchmarkWritePacket measures WritePacket per packet (into io.Discard,
// so only encoding and buffering count) for 64 and 1500-byte packets:
// pcapng with every EPB option set, and classic pcap, next to gopacket's
// plain pcapgo.Writer (classic pcap, no options: the reference) and
// pcapgo.NgWriter writing the same options. Each iteration writes a batch
// of packets, so -benchtime 1x still gives stable numbers.
func BenchmarkWritePacket(b *testing.B) {
	const batch = 200_000
	for _, size := range []int{64, 1500} {
		b.Run(map[int]string{64: "64B", 1500: "1500B"}[size], func(b *testing.B) {
			data := make([]byte, size)
			for i := range data {
				data[i] = byte(i)
			}
			ts := time.Unix(1700000000, 0)

			ours := func(f Format) func() {
				w, err := NewWriter(io.Discard, f, "bench")
				if err != nil {
					b.Fatal(err)
				}
				if _, err := w.AddInterface(Interface{Name: "eth0"}); err != nil {
					b.Fatal(err)
				}
				p := &Packet{Timestamp: ts, Data: data, Direction: Inbound, Queue: 1, HasQueue: true,
					HasPacketID: true, Verdict: XDPVerdict(XDPPass), HasVerdict: true}
				return func() {
					for i := 0; i < batch; i++ {
						p.PacketID = uint64(i)
						p.Timestamp = ts.Add(time.Duration(i))
						if err := w.WritePacket(p); err != nil {
							b.Fatal(err)
						}
					}
					if err := w.Flush(); err != nil {
						b.Fatal(err)
					}
				}
			}
			refPcap := func() func() {
				bw := bufio.NewWriterSize(io.Discard, 256<<10)
				w := pcapgo.NewWriterNanos(bw)
				if err := w.WriteFileHeader(DefaultSnaplen, layers.LinkTypeEthernet); err != nil {
					b.Fatal(err)
				}
				return func() {
					for i := 0; i < batch; i++ {
						ci := gopacket.CaptureInfo{Timestamp: ts.Add(time.Duration(i)), CaptureLength: size, Length: size}
						if err := w.WritePacket(ci, data); err != nil {
							b.Fatal(err)
						}
					}
					if err := bw.Flush(); err != nil {
						b.Fatal(err)
					}
				}
			}
			refNg := func() func() {
				w, err := pcapgo.NewNgWriter(io.Discard, layers.LinkTypeEthernet)
				if err != nil {
					b.Fatal(err)
				}
				return func() {
					q := uint32(1)
					for i := 0; i < batch; i++ {
						id := uint64(i)
						ci := gopacket.CaptureInfo{Timestamp: ts.Add(time.Duration(i)), CaptureLength: size, Length: size}
						o := pcapgo.NgPacketOptions{
							Flags:    &pcapgo.NgEpbFlags{Direction: pcapgo.NgEpbFlagDirectionInbound},
							PacketID: &id, Queue: &q,
							Verdicts: []pcapgo.NgEpbVerdict{{Type: pcapgo.NgEpbVerdictTypeLinuxeBPFXDP, Data: []byte{2, 0, 0, 0, 0, 0, 0, 0}}},
						}
						if err := w.WritePacketWithOptions(ci, data, o); err != nil {
							b.Fatal(err)
						}
					}
					if err := w.Flush(); err != nil {
						b.Fatal(err)
					}
				}
			}

			runs := []struct {
				name string
				fn   func()
			}{
				{"pcapgo-pcap", refPcap()},
				{"pcapgo-ng-opts", refNg()},
				{"pcapng", ours(PcapNG)},
				{"pcap", ours(Pcap)},
			}
			ns := make([]float64, len(runs))
			allocs := make([]float64, len(runs))
			b.ReportAllocs()
			b.ResetTimer()
			for n := 0; n < b.N; n++ {
				for k, r := range runs {
					var m0, m1 runtime.MemStats
					runtime.ReadMemStats(&m0)
					start := time.Now()
					r.fn()
					ns[k] += float64(time.Since(start).Nanoseconds())
					runtime.ReadMemStats(&m1)
					allocs[k] += float64(m1.Mallocs - m0.Mallocs)
				}
			}
			b.StopTimer()
			total := float64(b.N) * batch
			for k, r := range runs {
				b.ReportMetric(ns[k]/total, "ns/pkt-"+r.name)
			}
			b.ReportMetric(allocs[2]/total, "allocs/pkt-pcapng")
			b.ReportMetric(allocs[1]/total, "allocs/pkt-pcapgo-ng-opts")
			b.ReportMetric(ns[2]/ns[0], "pcapng/pcapgo-pcap")
			b.ReportMetric(ns[3]/ns[0], "pcap/pcapgo-pcap")
			b.ReportMetric(ns[2]/ns[1], "pcapng/pcapgo-ng-opts")
		})
	}
}
