package stage

import (
	"encoding/binary"
	"fmt"
	"unsafe"

	"github.com/xdpdump/xdpdump/bpf"
)

// The layout of struct xdpdump_batch (bpf/include/stage.h).
const (
	batchLenOff = int(unsafe.Offsetof(bpf.CaptureXdpdumpBatch{}.Len))
	batchBufOff = int(unsafe.Offsetof(bpf.CaptureXdpdumpBatch{}.Buf))
	batchSize   = int(unsafe.Sizeof(bpf.CaptureXdpdumpBatch{}))
)

// Staged says how many bytes of records the CPUs hold staged (struct
// xdpdump_batch): records a busy CPU counted as captured but has not yet
// sent into the ring. Each CPU's timer sends them within a
// millisecond, once the ring has room.
func (s *Shared) Staged() (int, error) {
	n := 0
	err := s.eachBatch(func(_ int, b []byte) {
		n += int(binary.LittleEndian.Uint32(b[batchLenOff:]))
	})
	return n, err
}

// TakeStaged returns the records still staged, each CPU's as one run of
// records as a ring record carries them (capture.Reader.Feed reads them),
// for the owner to read once no stage and no timer will send them any
// more: after the stages are gone and the timers had their time.
func (s *Shared) TakeStaged() ([][]byte, error) {
	var out [][]byte
	err := s.eachBatch(func(_ int, b []byte) {
		n := int(binary.LittleEndian.Uint32(b[batchLenOff:]))
		if n > 0 && batchBufOff+n <= len(b) {
			out = append(out, append([]byte(nil), b[batchBufOff:batchBufOff+n]...))
		}
	})
	return out, err
}

func (s *Shared) eachBatch(f func(cpu int, b []byte)) error {
	if s.Batch == nil {
		return nil
	}
	b := make([]byte, batchSize)
	for cpu := 0; cpu < int(s.Batch.MaxEntries()); cpu++ {
		if err := s.Batch.Lookup(uint32(cpu), b); err != nil {
			return fmt.Errorf("reading the staged records of CPU %d: %w", cpu, err)
		}
		f(cpu, b)
	}
	return nil
}
