package capture

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// HeaderSize is the size of struct xdpdump_rec_hdr.
const HeaderSize = 48

// Record is one captured packet. Data points into the ring buffer itself
// (no copy) and is valid until the next call to Next.
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

// Reader reads records straight out of a BPF ring buffer's memory: the
// consumer page and the data pages are mapped into the process, records are decoded in place, and the consumer position is
// handed back to the kernel only when the caller is done with them, in
// batches. A record costs no copy and no system call; the reader sleeps in
// epoll_wait only when the ring is empty, and announces each sleep in the
// control page so that the stages wake it at most once per sleep.
type Reader struct {
	mu      sync.Mutex
	closed  atomic.Bool
	epfd    int
	evfd    int // written by Close to wake a sleeping Next
	cons    []byte
	prod    []byte
	consPos *uint64 // mmapped, written by us
	prodPos *uint64 // mmapped, written by the kernel
	data    []byte  // the data pages (mapped once)
	wrap    []byte  // a record that wraps, put together
	mask    uint64
	pos     uint64 // next record to read
	end     uint64 // producer position last read: records up to it are reserved
	done    uint64 // consumer position handed back to the kernel
	batch   uint64 // hand room back once this many bytes are read
	clock   *Clock
	poll    time.Duration
	sleep   *uint32 // the control page's reader_sleeping flag, or nil
	events  [2]unix.EpollEvent

	raised, sleeps, timeouts atomic.Uint64
}

// ReaderStats count what a Reader did to wait for records.
type ReaderStats struct {
	// Raised is how often the reader announced a sleep: it found the ring
	// empty and raised the sleeping flag (ReaderOptions.Sleeping). Each
	// announcement takes at most one wakeup from the stages.
	Raised uint64
	// Sleeps is how often it slept in epoll_wait: Raised, but for the
	// announcements withdrawn because a record arrived in between.
	Sleeps uint64
	// Timeouts is how many sleeps ended at the poll deadline.
	Timeouts uint64
}

// Stats are the reader's counters so far; safe to call at any time.
func (r *Reader) Stats() ReaderStats {
	return ReaderStats{Raised: r.raised.Load(), Sleeps: r.sleeps.Load(), Timeouts: r.timeouts.Load()}
}

// ReaderOptions tune NewReaderOptions.
type ReaderOptions struct {
	// Clock converts the records' time stamps; nil = NewClock().
	Clock *Clock
	// Poll bounds how long a record may wait in the ring when the kernel
	// does not wake the reader; 0 = 100ms.
	Poll time.Duration
	// Sleeping is the reader_sleeping flag of the capture's control page
	// (stage.Shared.Sleeping): raised before every sleep, so that the
	// stages wake the reader at most once per sleep. Nil: the stages wake
	// the reader the kernel's way.
	Sleeping *uint32
}

// Ring buffer record header bits (include/uapi/linux/bpf.h).
const (
	rbBusy    = 1 << 31
	rbDiscard = 1 << 30
	rbHdrSize = 8
)

// NewReader reads ring. poll bounds how long a record may wait in the ring
// when the kernel does not wake the reader (adaptive wakeups); 0 = 100ms.
func NewReader(ring *ebpf.Map, clock *Clock, poll time.Duration) (*Reader, error) {
	return NewReaderOptions(ring, ReaderOptions{Clock: clock, Poll: poll})
}

// NewReaderOptions reads ring as o says.
func NewReaderOptions(ring *ebpf.Map, o ReaderOptions) (*Reader, error) {
	clock, poll := o.Clock, o.Poll
	if ring.Type() != ebpf.RingBuf {
		return nil, fmt.Errorf("opening the ring buffer: map type %s is not a ring buffer", ring.Type())
	}
	size := int(ring.MaxEntries())
	if size == 0 || size&(size-1) != 0 {
		return nil, fmt.Errorf("opening the ring buffer: size %d is not a power of two", size)
	}
	if poll <= 0 {
		poll = 100 * time.Millisecond
	}
	if clock == nil {
		clock = NewClock()
	}
	r := &Reader{epfd: -1, evfd: -1, clock: clock, poll: poll, mask: uint64(size - 1), sleep: o.Sleeping,
		batch: uint64(min(size/8, releaseBatch))}
	if err := r.open(ring.FD(), size); err != nil {
		r.release()
		return nil, fmt.Errorf("opening the ring buffer: %w", err)
	}
	return r, nil
}

func (r *Reader) open(fd, size int) error {
	page := os.Getpagesize()
	var err error
	if r.cons, err = unix.Mmap(fd, 0, page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED); err != nil {
		return fmt.Errorf("mapping the consumer page: %w", err)
	}
	// The kernel maps the data pages twice back to back, so that a record
	// that wraps is contiguous; mapping the second copy would double the
	// ring in our RSS (the kernel maps every page at once), so we map the
	// data once and put the rare wrapping record together ourselves.
	if r.prod, err = unix.Mmap(fd, int64(page), page+size, unix.PROT_READ, unix.MAP_SHARED); err != nil {
		return fmt.Errorf("mapping the data pages: %w", err)
	}
	r.consPos = (*uint64)(unsafe.Pointer(&r.cons[0]))
	r.prodPos = (*uint64)(unsafe.Pointer(&r.prod[0]))
	r.data = r.prod[page:]
	r.pos = atomic.LoadUint64(r.consPos)
	r.done, r.end = r.pos, r.pos
	if r.epfd, err = unix.EpollCreate1(unix.EPOLL_CLOEXEC); err != nil {
		return fmt.Errorf("epoll_create1: %w", err)
	}
	if r.evfd, err = unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK); err != nil {
		return fmt.Errorf("eventfd: %w", err)
	}
	for i, f := range []int{fd, r.evfd} {
		ev := unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(i)}
		if err := unix.EpollCtl(r.epfd, unix.EPOLL_CTL_ADD, f, &ev); err != nil {
			return fmt.Errorf("epoll_ctl: %w", err)
		}
	}
	return nil
}

func (r *Reader) release() {
	if r.prod != nil {
		unix.Munmap(r.prod)
		r.prod, r.data, r.prodPos = nil, nil, nil
	}
	if r.cons != nil {
		unix.Munmap(r.cons)
		r.cons, r.consPos = nil, nil
	}
	if r.epfd >= 0 {
		unix.Close(r.epfd)
		r.epfd = -1
	}
	if r.evfd >= 0 {
		unix.Close(r.evfd)
		r.evfd = -1
	}
}

// ErrTimeout is returned by Next when no record arrived within its poll
// interval; the caller may check for signals and call Next again.
var ErrTimeout = os.ErrDeadlineExceeded

// ErrClosed is returned by Next after Close.
var ErrClosed = errors.New("ring buffer reader closed")

// Next fills rec with the next record. It waits at most the poll interval
// (then ErrTimeout). The record stays valid until the next call of Next or
// NextBatch.
func (r *Reader) Next(rec *Record) error {
	_, err := r.NextBatch(unsafe.Slice(rec, 1))
	return err
}

// NextBatch fills recs with the records waiting in the ring, as many as
// fit, and returns how many: at least one, for which it waits at most the
// poll interval (then 0 and ErrTimeout). The records stay valid until the
// next call of Next or NextBatch: the room of records read goes back to
// the kernel then, in batches of releaseBatch bytes, and whenever the ring
// is empty. One call takes the reader's lock once for the whole batch.
func (r *Reader) NextBatch(recs []Record) (int, error) {
	if len(recs) == 0 {
		return 0, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	// What earlier calls returned, the caller is done with.
	if r.pos-r.done >= r.batch {
		r.releaseLocked()
	}
	var deadline time.Time
	for spins := 0; ; spins++ {
		n := 0
		for n < len(recs) {
			ok, err := r.tryNext(&recs[n])
			if err != nil {
				if n > 0 {
					return n, nil // the error comes again on the next call
				}
				return 0, err
			}
			if !ok {
				break
			}
			n++
		}
		if n > 0 {
			return n, nil
		}
		// Empty: what was read goes back before sleeping (the kernel's
		// poll says "readable" while any of it is not given back).
		r.releaseLocked()
		if deadline.IsZero() {
			deadline = time.Now().Add(r.poll)
		}
		if spins > 64 {
			// A record reserved but not committed for long: its
			// producer was interrupted.
			runtime.Gosched()
		}
		if err := r.wait(deadline); err != nil {
			return 0, err
		}
	}
}

// releaseBatch is how many bytes of read records the reader keeps before
// it hands their room back to the kernel (and always before it sleeps):
// every store of the consumer position costs the producing CPUs a cache
// miss on their next reservation.
const releaseBatch = 64 << 10

// spinLooks is how many times the reader looks at the producer position
// (a few microseconds) before it announces a sleep.
const spinLooks = 2000

func (r *Reader) tryNext(rec *Record) (bool, error) {
	if r.closed.Load() {
		return false, ErrClosed
	}
	for {
		if r.pos == r.end {
			// The producer position is read only when the records known
			// to be reserved are all read: the kernel writes it for every
			// record, and each read of it is a cache miss.
			r.end = atomic.LoadUint64(r.prodPos)
			if r.pos == r.end {
				return false, nil
			}
		}
		if r.end-r.pos < rbHdrSize {
			return false, fmt.Errorf("ring buffer: short record header")
		}
		start := r.pos & r.mask
		// The length word is read atomically: it is what orders the
		// kernel's writes of the record before our reads of it.
		hdr := atomic.LoadUint32((*uint32)(unsafe.Pointer(&r.data[start])))
		if hdr&rbBusy != 0 {
			return false, nil // reserved, not yet committed
		}
		n := uint64(hdr &^ (rbBusy | rbDiscard))
		next := r.pos + rbHdrSize + (n+7)&^7
		if next > r.end || n > r.mask+1 {
			return false, fmt.Errorf("ring buffer: record of %d bytes runs past the producer", n)
		}
		off := (start + rbHdrSize) & r.mask
		r.pos = next
		if hdr&rbDiscard != 0 {
			continue
		}
		var b []byte
		if off+n <= r.mask+1 {
			b = r.data[off : off+n : off+n]
		} else {
			// The record wraps: its two parts, put together.
			if uint64(cap(r.wrap)) < n {
				r.wrap = make([]byte, n)
			}
			b = r.wrap[:n:n]
			copy(b[copy(b, r.data[off:]):], r.data)
		}
		if err := decode(b, r.clock, rec); err != nil {
			return false, err
		}
		return true, nil
	}
}

// wait sleeps in epoll_wait until the ring has data, the deadline passes
// (ErrTimeout) or Close (ErrClosed). It returns at once when a record is
// reserved but not yet committed (the caller looks again).
func (r *Reader) wait(deadline time.Time) error {
	for {
		if r.closed.Load() {
			return ErrClosed
		}
		// A moment's look first: a record that follows within a few
		// microseconds costs neither a sleep nor a wakeup.
		for i := 0; i < spinLooks; i++ {
			if r.pos != atomic.LoadUint64(r.prodPos) {
				return nil // being written: no sleep, the flag stays down
			}
		}
		ms := time.Until(deadline).Milliseconds()
		if ms <= 0 {
			return ErrTimeout
		}
		if r.sleep != nil {
			// Raised before the last look at the producer (a full barrier:
			// XCHG): a record committed after that look finds it raised.
			atomic.StoreUint32(r.sleep, 1)
			r.raised.Add(1)
			if r.pos != atomic.LoadUint64(r.prodPos) {
				// A record came in between: no sleep. Lowered, so that
				// records written while we read need not wake us (one of
				// them may have taken the flag already: its wakeup is this
				// announcement's one).
				atomic.StoreUint32(r.sleep, 0)
				return nil
			}
		}
		r.sleeps.Add(1)
		n, err := unix.EpollWait(r.epfd, r.events[:], int(ms))
		if r.sleep != nil {
			// Awake: nobody need wake us until the next announcement.
			atomic.StoreUint32(r.sleep, 0)
		}
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return fmt.Errorf("epoll_wait on the ring buffer: %w", err)
		}
		if n == 0 && r.pos == atomic.LoadUint64(r.prodPos) {
			r.timeouts.Add(1)
			return ErrTimeout
		}
	}
}

func (r *Reader) releaseLocked() {
	if r.done != r.pos && r.consPos != nil {
		atomic.StoreUint64(r.consPos, r.pos)
		r.done = r.pos
	}
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
	rec.Data = b[HeaderSize : HeaderSize+int(capLen) : HeaderSize+int(capLen)]
	return nil
}

// Pending is the number of bytes waiting in the ring, not yet read.
func (r *Reader) Pending() int {
	if r.closed.Load() {
		return 0
	}
	return int(atomic.LoadUint64(r.prodPos) - r.pos)
}

// Close stops the reader; a blocked Next returns ErrClosed.
func (r *Reader) Close() error {
	if r.closed.Swap(true) {
		return nil
	}
	var one [8]byte
	one[0] = 1
	unix.Write(r.evfd, one[:])
	r.mu.Lock()
	defer r.mu.Unlock()
	r.release()
	return nil
}

// IsTimeout reports whether err is Next's poll timeout.
func IsTimeout(err error) bool { return errors.Is(err, os.ErrDeadlineExceeded) }
