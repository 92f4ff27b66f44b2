package pcapout

import (
	"bytes"
	"errors"
	"io"
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
