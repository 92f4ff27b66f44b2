package rotate

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/pcapout"
)

// disk is a file system with room for a fixed number of bytes, shared by
// every file created on it; the write that fills it is cut short.
type disk struct{ room int }

type diskFile struct {
	*os.File
	d *disk
}

func (f *diskFile) Write(p []byte) (int, error) {
	if f.d.room <= 0 {
		return 0, syscall.ENOSPC
	}
	if len(p) > f.d.room {
		n, _ := f.File.Write(p[:f.d.room])
		f.d.room -= n
		return n, syscall.ENOSPC
	}
	n, err := f.File.Write(p)
	f.d.room -= n
	return n, err
}

// TestFullDisk: the disk fills up in the middle of a rotated file, or as
// a new one starts. Every file left behind reads whole (its torn block
// cut off; a file without one whole block removed), and Delivered is
// the number of packets the files hold.
func TestFullDisk(t *testing.T) {
	for _, room := range []int{100, 3000, 4100, 9000, 9500, 20000} {
		dir := t.TempDir()
		d := &disk{room: room}
		clk := &fakeClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
		w, err := New(Config{
			Pattern: filepath.Join(dir, "f"), Size: 4000, Now: clk.Now,
			Create: func(name string) (File, error) {
				f, err := os.Create(name)
				if err != nil {
					return nil, err
				}
				return &diskFile{File: f, d: d}, nil
			},
		})
		if err != nil {
			if room < 300 && errors.Is(err, syscall.ENOSPC) {
				if ents, _ := os.ReadDir(dir); len(ents) != 0 {
					t.Fatalf("room %d: a file without a whole block was left: %v", room, ents)
				}
				continue
			}
			t.Fatalf("room %d: %v", room, err)
		}
		if _, err := w.AddInterface(pcapout.Interface{Name: "x"}); err != nil && !errors.Is(err, syscall.ENOSPC) {
			t.Fatal(err)
		}
		var werr error
		for i := 0; i < 100 && werr == nil; i++ {
			werr = w.WritePacket(packet(clk.t, i, 300))
			if i%3 == 0 && werr == nil {
				werr = w.Flush()
			}
		}
		w.Close()
		if !errors.Is(werr, syscall.ENOSPC) {
			t.Fatalf("room %d: %v, want ENOSPC", room, werr)
		}
		total := 0
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			fi, _ := e.Info()
			t.Logf("room %d: %s %d bytes", room, e.Name(), fi.Size())
			ids, _ := readFile(t, filepath.Join(dir, e.Name()))
			total += len(ids)
		}
		if uint64(total) != w.Delivered(0) {
			t.Fatalf("room %d: %d files hold %d packets, Delivered says %d", room, len(ents), total, w.Delivered(0))
		}
		t.Logf("room %d: %d files, %d packets", room, len(ents), total)
	}
}
