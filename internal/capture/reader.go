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
// (no copy) and is valid until the next call to Next or NextBatch.
type Record struct {
	Wall     int64  // wall-clock time, ns since 1970 (Time)
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

// Time is the record's wall-clock time.
func (r *Record) Time() time.Time { return time.Unix(0, r.Wall) }

// Reader reads records straight out of the memory of one BPF ring buffer,
// or of several (one per CPU), from one goroutine: each ring's consumer
// page and data pages are mapped into the process, records are decoded in
// place, and the consumer position is handed back to the kernel only when
// the caller is done with them, in batches. A record costs no copy and no
// system call; the reader sleeps in epoll_wait only when every ring is
// empty, and announces each sleep in the control page so that the stages
// wake it at most once per sleep.
type Reader struct {
	mu     sync.Mutex
	closed atomic.Bool
	epfd   int
	evfd   int // written by Close to wake a sleeping Next
	rings  []*ringState
	next   int // the ring a batch starts with
	clock  *Clock
	poll   time.Duration
	events []unix.EpollEvent

	raised, sleeps, timeouts, batches atomic.Uint64

	// fed are runs of records handed over by Feed, read once the rings
	// are empty; fedSub what is left of the one being read.
	fed    [][]byte
	fedSub []byte
}

// ringState is the reader's view of one ring.
type ringState struct {
	cons    []byte
	prod    []byte
	consPos *uint64 // mmapped, written by us
	prodPos *uint64 // mmapped, written by the kernel
	data    []byte  // the data pages (mapped once)
	wrap    []byte  // a record that wraps, put together
	mask    uint64
	pos     uint64  // next record to read
	end     uint64  // producer position last read: records up to it are reserved
	done    uint64  // consumer position handed back to the kernel
	batch   uint64  // hand room back once this many bytes are read
	sleep   *uint32 // the control page's reader_sleeping flag, or nil
	ahead   uint64  // the position up to which tryNext prefetched the lines ahead
	// sub is what is left to read of a ring record that carries a batch
	// of records (struct xdpdump_rec_hdr.next), and hold the ring
	// position of that ring record, which stays ours until sub is read.
	sub  []byte
	hold uint64
}

// ReaderStats count what a Reader did to wait for records.
type ReaderStats struct {
	// Raised is how often the reader announced a sleep: it found the rings
	// empty and raised their sleeping flags (ReaderOptions.Sleeping). Each
	// announcement takes at most one wakeup from the stages of each ring.
	Raised uint64
	// Sleeps is how often it slept in epoll_wait: Raised, but for the
	// announcements withdrawn because a record arrived in between.
	Sleeps uint64
	// Timeouts is how many sleeps ended at the poll deadline.
	Timeouts uint64
	// Batches is how many ring records carried more than one record (a
	// CPU's staged records, capture.Config.BatchGap).
	Batches uint64
}

// Stats are the reader's counters so far; safe to call at any time.
func (r *Reader) Stats() ReaderStats {
	return ReaderStats{Raised: r.raised.Load(), Sleeps: r.sleeps.Load(), Timeouts: r.timeouts.Load(), Batches: r.batches.Load()}
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

// Ring is one ring buffer for NewRingsReader, with the sleeping flag the
// stages writing it look at (nil: none, they wake the reader the kernel's
// way).
type Ring struct {
	Map      *ebpf.Map
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
	return NewRingsReader([]Ring{{Map: ring, Sleeping: o.Sleeping}}, o)
}

// NewRingsReader reads several rings (a capture's per-CPU rings) as one:
// the records of each ring in order, ring after ring. o.Sleeping is
// ignored: each Ring has its own flag.
func NewRingsReader(rings []Ring, o ReaderOptions) (*Reader, error) {
	if len(rings) == 0 {
		return nil, errors.New("opening the ring buffer: no ring")
	}
	if o.Poll <= 0 {
		o.Poll = 100 * time.Millisecond
	}
	if o.Clock == nil {
		o.Clock = NewClock()
	}
	r := &Reader{epfd: -1, evfd: -1, clock: o.Clock, poll: o.Poll, events: make([]unix.EpollEvent, len(rings)+1)}
	if err := r.open(rings); err != nil {
		r.release()
		return nil, fmt.Errorf("opening the ring buffer: %w", err)
	}
	return r, nil
}

func (r *Reader) open(rings []Ring) error {
	var err error
	if r.epfd, err = unix.EpollCreate1(unix.EPOLL_CLOEXEC); err != nil {
		return fmt.Errorf("epoll_create1: %w", err)
	}
	if r.evfd, err = unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK); err != nil {
		return fmt.Errorf("eventfd: %w", err)
	}
	fds := []int{r.evfd}
	for _, ring := range rings {
		rs, err := mapRing(ring)
		if rs != nil {
			r.rings = append(r.rings, rs)
		}
		if err != nil {
			return err
		}
		fds = append(fds, ring.Map.FD())
	}
	for i, f := range fds {
		ev := unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(i)}
		if err := unix.EpollCtl(r.epfd, unix.EPOLL_CTL_ADD, f, &ev); err != nil {
			return fmt.Errorf("epoll_ctl: %w", err)
		}
	}
	return nil
}

// mapRing maps one ring's consumer page, producer page and data.
func mapRing(ring Ring) (*ringState, error) {
	m := ring.Map
	if m.Type() != ebpf.RingBuf {
		return nil, fmt.Errorf("map type %s is not a ring buffer", m.Type())
	}
	size := int(m.MaxEntries())
	if size == 0 || size&(size-1) != 0 {
		return nil, fmt.Errorf("size %d is not a power of two", size)
	}
	rs := &ringState{mask: uint64(size - 1), sleep: ring.Sleeping, batch: uint64(min(size/8, releaseBatch))}
	page := os.Getpagesize()
	var err error
	if rs.cons, err = unix.Mmap(m.FD(), 0, page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED); err != nil {
		return nil, fmt.Errorf("mapping the consumer page: %w", err)
	}
	// The kernel maps the data pages twice back to back, so that a record
	// that wraps is contiguous; mapping the second copy would double the
	// ring in our RSS (the kernel maps every page at once), so we map the
	// data once and put the rare wrapping record together ourselves.
	if rs.prod, err = unix.Mmap(m.FD(), int64(page), page+size, unix.PROT_READ, unix.MAP_SHARED); err != nil {
		return rs, fmt.Errorf("mapping the data pages: %w", err)
	}
	rs.consPos = (*uint64)(unsafe.Pointer(&rs.cons[0]))
	rs.prodPos = (*uint64)(unsafe.Pointer(&rs.prod[0]))
	rs.data = rs.prod[page:]
	rs.pos = atomic.LoadUint64(rs.consPos)
	rs.done, rs.end = rs.pos, rs.pos
	return rs, nil
}

func (r *Reader) release() {
	for _, rs := range r.rings {
		if rs.prod != nil {
			unix.Munmap(rs.prod)
			rs.prod, rs.data, rs.prodPos = nil, nil, nil
		}
		if rs.cons != nil {
			unix.Munmap(rs.cons)
			rs.cons, rs.consPos = nil, nil
		}
	}
	r.rings = nil
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

// NextBatch fills recs with the records waiting in the rings, as many as
// fit, and returns how many: at least one, for which it waits at most the
// poll interval (then 0 and ErrTimeout). The records stay valid until the
// next call of Next or NextBatch: the room of records read goes back to
// the kernel then, in batches of releaseBatch bytes, and whenever the
// rings are empty. One call takes the reader's lock once for the whole
// batch. With several rings, a batch takes what one ring holds before it
// goes on to the next, and the next batch starts with the ring after.
func (r *Reader) NextBatch(recs []Record) (int, error) {
	if len(recs) == 0 {
		return 0, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed.Load() {
		return 0, ErrClosed
	}
	// What earlier calls returned, the caller is done with.
	for _, rs := range r.rings {
		if rs.pos-rs.done >= rs.batch {
			rs.release()
		}
	}
	var deadline time.Time
	for spins := 0; ; spins++ {
		n := 0
		for k := 0; k < len(r.rings) && n < len(recs); k++ {
			rs := r.rings[(r.next+k)%len(r.rings)]
			for n < len(recs) {
				ok, err := rs.tryNext(&recs[n], r)
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
		}
		if len(r.rings) > 1 {
			r.next = (r.next + 1) % len(r.rings)
		}
		for n < len(recs) {
			ok, err := r.tryFed(&recs[n])
			if err != nil {
				if n > 0 {
					return n, nil
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
		if r.closed.Load() {
			return 0, ErrClosed
		}
		// Empty: what was read goes back before sleeping (the kernel's
		// poll says "readable" while any of it is not given back).
		for _, rs := range r.rings {
			rs.release()
		}
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

// spinLooks is how many times the reader looks at the producer positions
// (a few microseconds) before it announces a sleep.
const spinLooks = 2000

// fetchAhead is how far past the record it decodes the reader prefetches
// every cache line (see tryNext).
const fetchAhead = 1024

func (rs *ringState) tryNext(rec *Record, r *Reader) (bool, error) {
	clock := r.clock
	if len(rs.sub) > 0 {
		return true, takeRecord(&rs.sub, clock, rec)
	}
	for {
		if rs.pos == rs.end {
			// The producer position is read only when the records known
			// to be reserved are all read: the kernel writes it for every
			// record, and each read of it is a cache miss.
			rs.end = atomic.LoadUint64(rs.prodPos)
			if rs.pos == rs.end {
				return false, nil
			}
		}
		if rs.end-rs.pos < rbHdrSize {
			return false, fmt.Errorf("ring buffer: short record header")
		}
		start := rs.pos & rs.mask
		// The length word is read atomically: it is what orders the
		// kernel's writes of the record before our reads of it.
		hdr := atomic.LoadUint32((*uint32)(unsafe.Pointer(&rs.data[start])))
		if hdr&rbBusy != 0 {
			return false, nil // reserved, not yet committed
		}
		n := uint64(hdr &^ (rbBusy | rbDiscard))
		next := rs.pos + rbHdrSize + (n+7)&^7
		if next > rs.end || n > rs.mask+1 {
			return false, fmt.Errorf("ring buffer: record of %d bytes runs past the producer", n)
		}
		off := (start + rbHdrSize) & rs.mask
		cur := rs.pos
		rs.pos = next
		if hdr&rbDiscard != 0 {
			continue
		}
		var b []byte
		if off+n <= rs.mask+1 {
			b = rs.data[off : off+n : off+n]
		} else {
			// The record wraps: its two parts, put together.
			if uint64(cap(rs.wrap)) < n {
				rs.wrap = make([]byte, n)
			}
			b = rs.wrap[:n:n]
			copy(b[copy(b, rs.data[off:]):], rs.data)
		}
		// Every cache line up to fetchAhead bytes past this record, as
		// far as the records known to be there go, is prefetched: the
		// CPU fetches the coming records' lines (from the producing
		// CPU's cache) while it works on this one and the records
		// before, instead of one by one as the header of each gives the
		// position of the next, and the caller's copy finds them there.
		rs.ahead = max(rs.ahead, cur)
		for lim := min(rs.end, next+fetchAhead); rs.ahead < lim; rs.ahead += 64 {
			prefetch(&rs.data[rs.ahead&rs.mask])
		}
		if err := takeRecord(&b, clock, rec); err != nil {
			return false, err
		}
		if len(b) > 0 {
			rs.sub, rs.hold = b, cur
			r.batches.Add(1)
		}
		return true, nil
	}
}

// takeRecord decodes the record *b starts with into rec and leaves in *b
// the records after it in the same ring record, if it carries a batch
// (next > 0), else nothing (what follows a record alone is padding).
func takeRecord(b *[]byte, clock *Clock, rec *Record) error {
	cur := *b
	if len(cur) < HeaderSize {
		*b = nil
		return fmt.Errorf("short ring record: %d bytes", len(cur))
	}
	next := int(binary.LittleEndian.Uint32(cur[44:]))
	if next == 0 || next >= len(cur) {
		*b = nil
	} else {
		if next < HeaderSize {
			*b = nil
			return fmt.Errorf("ring record: next record %d bytes on, inside this one's header", next)
		}
		*b, cur = cur[next:], cur[:next]
	}
	return decode(cur, clock, rec)
}

// Feed hands the reader runs of records as a ring record carries them
// (stage.Shared.TakeStaged), read after what the rings hold.
func (r *Reader) Feed(runs [][]byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, b := range runs {
		if len(b) > 0 {
			r.fed = append(r.fed, b)
		}
	}
}

// tryFed fills rec with the next record handed over by Feed.
func (r *Reader) tryFed(rec *Record) (bool, error) {
	for len(r.fedSub) == 0 {
		if len(r.fed) == 0 {
			return false, nil
		}
		r.fedSub, r.fed = r.fed[0], r.fed[1:]
	}
	return true, takeRecord(&r.fedSub, r.clock, rec)
}

// empty says whether the ring holds nothing the reader has not read (a
// record reserved but not committed is something).
func (rs *ringState) empty() bool { return rs.pos == atomic.LoadUint64(rs.prodPos) }

func (r *Reader) allEmpty() bool {
	for _, rs := range r.rings {
		if !rs.empty() {
			return false
		}
	}
	return true
}

// setSleeping raises or lowers every ring's sleeping flag (XCHG: a full
// barrier).
func (r *Reader) setSleeping(v uint32) {
	for _, rs := range r.rings {
		if rs.sleep != nil {
			atomic.StoreUint32(rs.sleep, v)
		}
	}
}

// wait sleeps in epoll_wait until a ring has data, the deadline passes
// (ErrTimeout) or Close (ErrClosed). It returns at once when a record is
// reserved but not yet committed (the caller looks again).
func (r *Reader) wait(deadline time.Time) error {
	flags := false
	for _, rs := range r.rings {
		flags = flags || rs.sleep != nil
	}
	for {
		if r.closed.Load() {
			return ErrClosed
		}
		// A moment's look first: a record that follows within a few
		// microseconds costs neither a sleep nor a wakeup.
		for i := 0; i < spinLooks; i++ {
			if !r.allEmpty() {
				return nil // being written: no sleep, the flags stay down
			}
		}
		ms := time.Until(deadline).Milliseconds()
		if ms <= 0 {
			return ErrTimeout
		}
		if flags {
			// Raised before the last look at the producers: a record
			// committed after that look finds its flag raised.
			r.setSleeping(1)
			r.raised.Add(1)
			if !r.allEmpty() {
				// A record came in between: no sleep. Lowered, so that
				// records written while we read need not wake us (one of
				// them may have taken a flag already: its wakeup is this
				// announcement's one).
				r.setSleeping(0)
				return nil
			}
		}
		r.sleeps.Add(1)
		n, err := unix.EpollWait(r.epfd, r.events, int(ms))
		if flags {
			// Awake: nobody need wake us until the next announcement.
			r.setSleeping(0)
		}
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return fmt.Errorf("epoll_wait on the ring buffer: %w", err)
		}
		if n == 0 && r.allEmpty() {
			r.timeouts.Add(1)
			return ErrTimeout
		}
	}
}

func (rs *ringState) release() {
	pos := rs.pos
	if len(rs.sub) > 0 {
		pos = rs.hold // the batch being read stays ours
	}
	if rs.done != pos && rs.consPos != nil {
		atomic.StoreUint64(rs.consPos, pos)
		rs.done = pos
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
	rec.Wall = clock.WallNano(rec.Mono)
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

// Pending is the number of bytes waiting in the rings, not yet read.
func (r *Reader) Pending() int {
	if r.closed.Load() {
		return 0
	}
	n := len(r.fedSub)
	for _, b := range r.fed {
		n += len(b)
	}
	for _, rs := range r.rings {
		n += int(atomic.LoadUint64(rs.prodPos)-rs.pos) + len(rs.sub)
	}
	return n
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
