// encode_test.go checks the bytes of every packet record against a
// reference encoder written from the format specifications (pcapng's
// enhanced packet block with its options, classic pcap's record header),
// and that how the Writer buffers (buffer size, -U) never changes a byte
// of the stream.
package pcapout

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand"
	"testing"
	"time"
)

// refEPB encodes p as an enhanced packet block, option by option in the
// order the Writer documents: epb_flags, epb_dropcount, epb_packetid,
// epb_queue, epb_verdict, opt_endofopt.
func refEPB(p *Packet) []byte {
	le := binary.LittleEndian
	var opts []byte
	opt := func(code uint16, v []byte) {
		opts = le.AppendUint16(opts, code)
		opts = le.AppendUint16(opts, uint16(len(v)))
		opts = append(opts, v...)
		for len(opts)%4 != 0 {
			opts = append(opts, 0)
		}
	}
	if p.Direction != DirUnknown {
		opt(2, le.AppendUint32(nil, uint32(p.Direction)))
	}
	if p.DropCount != 0 {
		opt(4, le.AppendUint64(nil, p.DropCount))
	}
	if p.HasPacketID {
		opt(5, le.AppendUint64(nil, p.PacketID))
	}
	if p.HasQueue {
		opt(6, le.AppendUint32(nil, p.Queue))
	}
	if p.HasVerdict {
		opt(7, le.AppendUint64([]byte{byte(p.Verdict.Type)}, p.Verdict.Value))
	}
	if len(opts) > 0 {
		opts = append(opts, 0, 0, 0, 0)
	}
	orig := p.OriginalLength
	if orig == 0 {
		orig = len(p.Data)
	}
	data := append([]byte(nil), p.Data...)
	for len(data)%4 != 0 {
		data = append(data, 0)
	}
	total := 32 + len(data) + len(opts)
	ts := uint64(p.Time().UnixNano())
	var b []byte
	for _, v := range []uint32{6, uint32(total), uint32(p.Interface), uint32(ts >> 32), uint32(ts), uint32(len(p.Data)), uint32(orig)} {
		b = le.AppendUint32(b, v)
	}
	b = append(b, data...)
	b = append(b, opts...)
	return le.AppendUint32(b, uint32(total))
}

// refPcapRecord encodes p as a classic pcap record (nanosecond magic).
func refPcapRecord(p *Packet) []byte {
	le := binary.LittleEndian
	orig := p.OriginalLength
	if orig == 0 {
		orig = len(p.Data)
	}
	var b []byte
	for _, v := range []uint32{uint32(p.Time().Unix()), uint32(p.Time().Nanosecond()), uint32(len(p.Data)), uint32(orig)} {
		b = le.AppendUint32(b, v)
	}
	return append(b, p.Data...)
}

// randomPackets are n packets of every option combination and sizes from 0
// to past a small buffer, on up to three interfaces, their times in
// Timestamp or UnixNano.
func randomPackets(rng *rand.Rand, n, ifaces int) []Packet {
	sizes := []int{0, 1, 2, 3, 60, 63, 64, 65, 128, 1500, 1514, 4095, 9000, 20000, 70000}
	ps := make([]Packet, n)
	for i := range ps {
		p := &ps[i]
		p.Data = make([]byte, sizes[rng.Intn(len(sizes))])
		rng.Read(p.Data)
		p.Timestamp = baseTime.Add(time.Duration(rng.Int63n(1 << 50)))
		if rng.Intn(2) == 0 { // the same time, as the session hands it
			p.UnixNano, p.Timestamp = p.Timestamp.UnixNano(), time.Time{}
		}
		p.Interface = rng.Intn(ifaces)
		p.Direction = Direction(rng.Intn(3))
		if rng.Intn(2) == 0 {
			p.OriginalLength = len(p.Data) + rng.Intn(100)
		}
		if rng.Intn(3) == 0 {
			p.DropCount = rng.Uint64()>>uint(rng.Intn(64)) | 1
		}
		p.HasPacketID, p.PacketID = rng.Intn(2) == 0, rng.Uint64()
		p.HasQueue, p.Queue = rng.Intn(2) == 0, rng.Uint32()
		if rng.Intn(3) == 0 {
			p.HasVerdict, p.Verdict = true, Verdict{Type: VerdictType(rng.Intn(3)), Value: rng.Uint64()}
		}
	}
	return ps
}

// writeStream writes ps, flushing now and then, and the statistics blocks
// through a Writer with options o, and checks Delivered.
func writeStream(t *testing.T, w io.Writer, f Format, o Options, ps []Packet, ifaces int) {
	t.Helper()
	o.App = "xdpdump test"
	o.OS, o.Hardware = "Linux test", "test machine"
	pw, err := NewWriterOptions(w, f, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, ifc := range testIfaces[:ifaces] {
		ifc.Snaplen = MaxSnaplen
		if _, err := pw.AddInterface(ifc); err != nil {
			t.Fatal(err)
		}
	}
	for i := range ps {
		if err := pw.WritePacket(&ps[i]); err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
		if i%97 == 0 {
			if err := pw.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := 0; i < ifaces; i++ {
		if err := pw.WriteStats(i, testStats[0]); err != nil {
			t.Fatal(err)
		}
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < ifaces; i++ {
		want := uint64(0)
		for j := range ps {
			if ps[j].Interface == i {
				want++
			}
		}
		if got := pw.Delivered(i); got != want {
			t.Fatalf("interface %d: Delivered %d, wrote %d", i, got, want)
		}
	}
}

// TestRecordBytes: every packet record in the stream is the reference
// encoding of its packet, and the stream is the same byte for byte
// whatever the buffer size or -U.
func TestRecordBytes(t *testing.T) {
	rng := rand.New(rand.NewSource(17))
	for _, f := range []Format{PcapNG, Pcap} {
		ifaces := 3
		if f == Pcap {
			ifaces = 1
		}
		ps := randomPackets(rng, 600, ifaces)
		var first []byte
		for _, o := range []Options{{}, {BufferSize: 4096}, {BufferSize: 5000}, {BufferSize: 16384}, {PacketBuffered: true}} {
			name := fmt.Sprintf("%v buffer %d -U %v", f, o.BufferSize, o.PacketBuffered)
			out := &bytes.Buffer{}
			writeStream(t, out, f, o, ps, ifaces)
			b := out.Bytes()
			if first == nil {
				first = append([]byte(nil), b...)
				checkRecords(t, f, b, ps)
			} else if !bytes.Equal(b, first) {
				t.Fatalf("%s: the stream differs from the first one's (%d bytes against %d)", name, len(b), len(first))
			}
		}
	}
}

// checkRecords walks the stream and compares each packet record with the
// reference encoding of the next packet.
func checkRecords(t *testing.T, f Format, b []byte, ps []Packet) {
	t.Helper()
	le := binary.LittleEndian
	k := 0
	if f == Pcap {
		b = b[24:]
		for len(b) > 0 {
			want := refPcapRecord(&ps[k])
			if !bytes.HasPrefix(b, want) {
				t.Fatalf("pcap record %d differs from the reference", k)
			}
			b = b[len(want):]
			k++
		}
	} else {
		for len(b) > 0 {
			typ, n := le.Uint32(b), int(le.Uint32(b[4:]))
			if typ == 6 {
				if want := refEPB(&ps[k]); !bytes.Equal(b[:n], want) {
					t.Fatalf("EPB %d (%d bytes of data): %x, want %x", k, len(ps[k].Data), b[:min(n, 200)], want[:min(len(want), 200)])
				}
				k++
			}
			b = b[n:]
		}
	}
	if k != len(ps) {
		t.Fatalf("%d packet records, want %d", k, len(ps))
	}
}
