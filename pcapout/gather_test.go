package pcapout

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// refPackets are packets of sizes around refMin and the buffer size, each
// with its own bytes.
func refPackets() []Packet {
	var ps []Packet
	for i, n := range []int{60, refMin - 1, refMin, 1500, 9000, 60, 70000, 1500, 3, 100000} {
		d := make([]byte, n)
		for j := range d {
			d[j] = byte(i*31 + j)
		}
		ps = append(ps, Packet{Timestamp: baseTime.Add(time.Duration(i) * time.Microsecond), Data: d,
			Direction: Inbound, Queue: uint32(i), HasQueue: true, PacketID: uint64(i), HasPacketID: true})
	}
	return ps
}

// TestWritePacketRefSameBytes writes the same packets with WritePacketRef
// to a real file (writev path, with a buffer small enough that it also
// flushes by itself) and with WritePacket to memory: the files must be
// byte for byte the same, and the referenced bytes may change after Flush.
func TestWritePacketRefSameBytes(t *testing.T) {
	for _, f := range []Format{PcapNG, Pcap} {
		for _, bufSize := range []int{0, 4096} {
			name := filepath.Join(t.TempDir(), "ref")
			fd, err := os.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			opts := Options{App: "x", OS: "y", Hardware: "z", BufferSize: bufSize}
			ref, err := NewWriterOptions(fd, f, opts)
			if err != nil {
				t.Fatal(err)
			}
			var mem bytes.Buffer
			cp, err := NewWriterOptions(&mem, f, opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range []*Writer{ref, cp} {
				if _, err := w.AddInterface(Interface{Name: "a"}); err != nil {
					t.Fatal(err)
				}
			}
			for round := 0; round < 300; round++ { // > IOV_MAX references
				ps := refPackets()
				for i := range ps {
					if err := ref.WritePacketRef(&ps[i]); err != nil {
						t.Fatal(err)
					}
					if err := cp.WritePacket(&ps[i]); err != nil {
						t.Fatal(err)
					}
				}
				if round%7 == 0 {
					if err := ref.Flush(); err != nil {
						t.Fatal(err)
					}
					// Released: scribbling over them changes nothing.
					for i := range ps {
						clear(ps[i].Data)
					}
				}
			}
			for _, w := range []*Writer{ref, cp} {
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
			}
			fd.Close()
			got, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, mem.Bytes()) {
				t.Errorf("%v buffer %d: WritePacketRef wrote %d bytes, WritePacket %d, not the same", f, bufSize, len(got), mem.Len())
			}
		}
	}
}

// TestWritePacketRefErrors: ENOSPC and EPIPE from writev come back from
// Flush and stay.
func TestWritePacketRefErrors(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer full.Close()
	r, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	defer pw.Close()
	for _, c := range []struct {
		fd   *os.File
		want error
	}{{full, syscall.ENOSPC}, {pw, syscall.EPIPE}} {
		w, err := NewWriter(c.fd, PcapNG, "x")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.AddInterface(Interface{Name: "a"}); err != nil {
			t.Fatal(err)
		}
		ps := refPackets()
		for i := range ps {
			if err := w.WritePacketRef(&ps[i]); err != nil && !errors.Is(err, c.want) {
				t.Fatalf("%s: %v", c.fd.Name(), err)
			}
		}
		if err := w.Flush(); !errors.Is(err, c.want) {
			t.Errorf("%s: Flush: %v, want %v", c.fd.Name(), err, c.want)
		}
		if err := w.WritePacketRef(&ps[3]); !errors.Is(err, c.want) {
			t.Errorf("%s: after the error: %v, want %v", c.fd.Name(), err, c.want)
		}
	}
}

func TestWritePacketRefNoAllocs(t *testing.T) {
	fd, err := os.Create(filepath.Join(t.TempDir(), "a"))
	if err != nil {
		t.Fatal(err)
	}
	defer fd.Close()
	w, err := NewWriter(fd, PcapNG, "x")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.AddInterface(Interface{Name: "a"}); err != nil {
		t.Fatal(err)
	}
	p := &Packet{Timestamp: baseTime, Data: make([]byte, 1500), Direction: Inbound, PacketID: 5, HasPacketID: true}
	n := 0
	allocs := testing.AllocsPerRun(5000, func() {
		if err := w.WritePacketRef(p); err != nil {
			t.Fatal(err)
		}
		if n++; n%100 == 0 {
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per packet", allocs)
	}
}
