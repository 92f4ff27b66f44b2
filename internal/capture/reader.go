package capture

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/ringbuf"
)

// HeaderSize is the size of struct xdpdump_rec_hdr.
const HeaderSize = 48

// Record is one captured packet. Data aliases the reader's buffer and is
// valid until the next call to Next.
type Record struct {
	Time     time.Time
	Mono     uint64 // kernel timestamp, CLOCK_MONOTONIC ns
	OrigLen  uint32
	Ifindex  uint32
	RxQueue  uint32
	Hook     uint16
	Verdict  uint16
	Lost     uint32 // records the producing CPU lost so far
	PacketID uint64
	CPU      uint32
	Data     []byte
}

// Reader reads records from a ring buffer.
type Reader struct {
	rd    *ringbuf.Reader
	raw   ringbuf.Record
	clock *Clock
	poll  time.Duration
}

// NewReader reads ring. poll bounds how long a record may wait in the ring
// when the kernel does not wake the reader (adaptive wakeups); 0 = 100ms.
func NewReader(ring *ebpf.Map, clock *Clock, poll time.Duration) (*Reader, error) {
	rd, err := ringbuf.NewReader(ring)
	if err != nil {
		return nil, fmt.Errorf("opening the ring buffer: %w", err)
	}
	if poll <= 0 {
		poll = 100 * time.Millisecond
	}
	if clock == nil {
		clock = NewClock()
	}
	return &Reader{rd: rd, clock: clock, poll: poll}, nil
}

// ErrTimeout is returned by Next when no record arrived within its poll
// interval; the caller may check for signals and call Next again.
var ErrTimeout = os.ErrDeadlineExceeded

// ErrClosed is returned by Next after Close.
var ErrClosed = ringbuf.ErrClosed

// Next fills rec with the next record. It waits at most the poll interval.
func (r *Reader) Next(rec *Record) error {
	r.rd.SetDeadline(time.Now().Add(r.poll))
	if err := r.rd.ReadInto(&r.raw); err != nil {
		return err
	}
	return decode(r.raw.RawSample, r.clock, rec)
}

func decode(b []byte, clock *Clock, rec *Record) error {
	if len(b) < HeaderSize {
		return fmt.Errorf("short ring record: %d bytes", len(b))
	}
	le := binary.LittleEndian
	capLen := le.Uint32(b[12:])
	if int(capLen) > len(b)-HeaderSize {
		return fmt.Errorf("ring record claims %d bytes, carries %d", capLen, len(b)-HeaderSize)
	}
	rec.Mono = le.Uint64(b[0:])
	rec.Time = clock.Wall(rec.Mono)
	rec.OrigLen = le.Uint32(b[8:])
	rec.Ifindex = le.Uint32(b[16:])
	rec.RxQueue = le.Uint32(b[20:])
	rec.Hook = le.Uint16(b[24:])
	rec.Verdict = le.Uint16(b[26:])
	rec.Lost = le.Uint32(b[28:])
	rec.PacketID = le.Uint64(b[32:])
	rec.CPU = le.Uint32(b[40:])
	rec.Data = b[HeaderSize : HeaderSize+int(capLen)]
	return nil
}

// Pending is the number of bytes waiting in the ring.
func (r *Reader) Pending() int { return r.rd.AvailableBytes() }

// Close stops the reader; a blocked Next returns ErrClosed.
func (r *Reader) Close() error { return r.rd.Close() }

// IsTimeout reports whether err is Next's poll timeout.
func IsTimeout(err error) bool { return errors.Is(err, os.ErrDeadlineExceeded) }
