package pcapout

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/gopacket/gopacket/pcapgo"
)

// fullDisk takes limit bytes, the last write in part, then says ENOSPC,
// as write(2) does on a file system that fills up.
type fullDisk struct {
	buf   bytes.Buffer
	limit int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	room := d.limit - d.buf.Len()
	if room <= 0 {
		return 0, syscall.ENOSPC
	}
	if len(p) > room {
		d.buf.Write(p[:room])
		return room, syscall.ENOSPC
	}
	return d.buf.Write(p)
}

// TestFullDiskBooks: whatever byte the disk fills at, Committed is the end
// of a whole block, the bytes up to it read back without an error
// (gopacket, tcpdump), and Delivered counts exactly the packets in them,
// per interface.
func TestFullDiskBooks(t *testing.T) {
	ps := mixedPackets()
	for _, f := range []Format{PcapNG, Pcap} {
		for _, buffered := range []bool{false, true} {
			for _, limit := range []int{0, 10, 100, 300, 5000, 9001, 20000, 70000, 100000, 150000, 400000} {
				d := &fullDisk{limit: limit}
				w, err := NewWriterOptions(d, f, Options{App: "x", PacketBuffered: !buffered, BufferSize: 16384})
				if err != nil {
					t.Fatal(err)
				}
				ifaces := testIfaces
				if f == Pcap {
					ifaces = ifaces[:1]
				}
				for _, ifc := range ifaces {
					ifc.Snaplen = 262144
					if _, err := w.AddInterface(ifc); err != nil {
						t.Fatal(err)
					}
				}
				handed := map[int]uint64{}
				var werr error
				for i := 0; i < 3*len(ps) && werr == nil; i++ {
					p := ps[i%len(ps)]
					p.Interface %= len(ifaces)
					if werr = w.WritePacket(&p); werr == nil {
						handed[p.Interface]++
					}
				}
				if werr == nil {
					werr = w.Flush()
				}
				if limit < 400000 && !errors.Is(werr, syscall.ENOSPC) {
					t.Fatalf("%v limit %d: %v, want ENOSPC", f, limit, werr)
				}
				n := w.Committed()
				if n > int64(d.buf.Len()) {
					t.Fatalf("%v limit %d: committed %d of %d bytes written", f, limit, n, d.buf.Len())
				}
				kept := d.buf.Bytes()[:n]
				var total, want uint64
				for i := range ifaces {
					if w.Delivered(i) > handed[i] {
						t.Fatalf("%v limit %d: interface %d delivered %d of %d handed", f, limit, i, w.Delivered(i), handed[i])
					}
					total += w.Delivered(i)
				}
				got, perIface := readBack(t, f, kept)
				want = uint64(got)
				if total != want {
					t.Fatalf("%v limit %d buffered %v: Delivered %d, the %d committed bytes hold %d packets", f, limit, buffered, total, n, got)
				}
				for i, c := range perIface {
					if w.Delivered(i) != c {
						t.Fatalf("%v limit %d: interface %d: delivered %d, file has %d", f, limit, i, w.Delivered(i), c)
					}
				}
				t.Logf("%v limit %d buffered %v: committed %d, %d packets", f, limit, buffered, n, want)
				if limit == 20000 {
					tcpdumpReads(t, f, kept, int(want))
				}
			}
		}
	}
}

// readBack reads a whole file (it must end at a block boundary) and counts
// its packets per interface.
func readBack(t *testing.T, f Format, b []byte) (int, map[int]uint64) {
	t.Helper()
	per := map[int]uint64{}
	if len(b) == 0 {
		return 0, per
	}
	n := 0
	if f == Pcap {
		if len(b) < 24 {
			t.Fatalf("%d bytes: not even a header", len(b))
		}
		r, err := pcapgo.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		for {
			_, _, err := r.ReadPacketData()
			if errors.Is(err, io.EOF) {
				return n, per
			}
			if err != nil {
				t.Fatalf("after %d packets: %v", n, err)
			}
			n++
			per[0]++
		}
	}
	r, err := pcapgo.NewNgReader(bytes.NewReader(b), pcapgo.NgReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for {
		_, ci, err := r.ReadPacketData()
		if errors.Is(err, io.EOF) {
			return n, per
		}
		if err != nil {
			t.Fatalf("after %d packets: %v", n, err)
		}
		n++
		per[ci.InterfaceIndex]++
	}
}

func tcpdumpReads(t *testing.T, f Format, b []byte, want int) {
	t.Helper()
	name := filepath.Join(t.TempDir(), "cut."+f.String())
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr := run(t, "tcpdump", "-n", "-r", name)
	if strings.Contains(stderr, "truncated") || strings.Contains(stderr, "warning") {
		t.Fatalf("tcpdump: %s", stderr)
	}
	if got := strings.Count(out, "\n"); got != want {
		t.Fatalf("tcpdump reads %d packets, want %d", got, want)
	}
}

// TestFullDiskEveryCut cuts the stream at every byte near a block's end
// (and every 13th byte between them), with a buffer
// smaller than some blocks (written around it) and with -U: Committed is
// always the end of the last block wholly before the cut, and Delivered
// counts, per interface, exactly the packets of the blocks before it. The
// block ends come from the stream written whole, not from the books.
func TestFullDiskEveryCut(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for _, f := range []Format{PcapNG, Pcap} {
		ifaces := 3
		if f == Pcap {
			ifaces = 1
		}
		ps := randomPackets(rng, 40, ifaces)
		for i := range ps {
			ps[i].Data = ps[i].Data[:min(len(ps[i].Data), 6000)]
			ps[i].OriginalLength = 0
		}
		for _, o := range []Options{{BufferSize: 4096}, {BufferSize: 4096, PacketBuffered: true}} {
			var whole bytes.Buffer
			writeCut(t, &whole, f, o, ps, ifaces)
			type end struct {
				at    int
				iface int
			}
			var ends []end // every block's end, and its packet's interface (-1: none)
			b := whole.Bytes()
			le := binary.LittleEndian
			off := 0
			if f == Pcap {
				off = 24
				ends = append(ends, end{24, -1})
			}
			for k := 0; off < len(b); {
				if f == Pcap {
					off += 16 + int(le.Uint32(b[off+8:]))
					ends = append(ends, end{off, 0})
					continue
				}
				typ := le.Uint32(b[off:])
				off += int(le.Uint32(b[off+4:]))
				iface := -1
				if typ == 6 {
					iface = ps[k].Interface
					k++
				}
				ends = append(ends, end{off, iface})
			}
			// The headers readers need: the pcap header, or the first IDB
			// (the second block).
			readable := ends[0].at
			if f == PcapNG {
				readable = ends[1].at
			}
			// Every byte around each block's end, and every 13th between.
			cuts := map[int]bool{}
			for l := 0; l <= len(b); l += 13 {
				cuts[l] = true
			}
			for _, e := range ends {
				for l := max(0, e.at-3); l <= min(len(b), e.at+3); l++ {
					cuts[l] = true
				}
			}
			for limit := range cuts {
				d := &fullDisk{limit: limit}
				pw := writeCut(t, d, f, o, ps, ifaces)
				want := int64(0)
				delivered := make([]uint64, ifaces)
				for _, e := range ends {
					if e.at > limit {
						break
					}
					want = int64(e.at)
					if e.iface >= 0 {
						delivered[e.iface]++
					}
				}
				if want < int64(readable) {
					want = 0
				}
				if got := pw.Committed(); got != want {
					t.Fatalf("%v %+v cut at %d: Committed %d, want %d", f, o, limit, got, want)
				}
				for i := range delivered {
					if got := pw.Delivered(i); got != delivered[i] {
						t.Fatalf("%v %+v cut at %d: interface %d delivered %d, want %d", f, o, limit, i, got, delivered[i])
					}
				}
			}
		}
	}
}

// writeCut writes ps to w until the first error, flushing now and then,
// and returns the Writer.
func writeCut(t *testing.T, w io.Writer, f Format, o Options, ps []Packet, ifaces int) *Writer {
	t.Helper()
	o.App, o.OS, o.Hardware = "x", "Linux test", "test machine"
	pw, err := NewWriterOptions(w, f, o)
	if err != nil {
		return nil
	}
	for _, ifc := range testIfaces[:ifaces] {
		ifc.Snaplen = MaxSnaplen
		if _, err := pw.AddInterface(ifc); err != nil {
			return pw
		}
	}
	for i := range ps {
		if pw.WritePacket(&ps[i]) != nil {
			return pw
		}
		if i%7 == 0 && pw.Flush() != nil {
			return pw
		}
	}
	_ = pw.Close()
	return pw
}
