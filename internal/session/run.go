package session

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/chain"
	"github.com/xdpdump/xdpdump/pcapout"
)

// Sink is where a session's packets go: a pcapout.Writer, rotated files,
// the printer (PrintSink). Run calls it from one goroutine.
type Sink interface {
	AddInterface(pcapout.Interface) (int, error)
	WritePacket(*pcapout.Packet) error
	WriteStats(iface int, s pcapout.Stats) error
	Flush() error
	Close() error
}

// RunOptions tune Run.
type RunOptions struct {
	// Count ends the capture after this many packets (0 = no limit).
	Count uint64
	// Flush asks for the sink to be flushed (SIGUSR2).
	Flush <-chan struct{}
	// Progress is called about once a second with the packets written so
	// far (tcpdump -v -w's "Got N").
	Progress func(written uint64)
	// Stopped says whether an error of the sink is a clean end of the
	// capture (e.g. rotate.ErrLimit) rather than a failure.
	Stopped func(error) bool
	// Description of each interface block (if_description); nil:
	// "XDP hook of NAME (xdpdump)".
	Description func(ifname string) string
}

// WriteError is a failure of the sink (full disk, closed pipe).
type WriteError struct{ Err error }

func (e *WriteError) Error() string { return e.Err.Error() }
func (e *WriteError) Unwrap() error { return e.Err }

// Run hands every captured packet to sink until ctx ends, Count packets
// are written, a hook is lost under us, or the sink fails. Then it
// detaches from every interface, drains what is still in the ring, writes
// the statistics blocks and closes the sink (unless it failed). It
// returns why the capture ended if that was not ctx or Count.
func (s *Session) Run(ctx context.Context, sink Sink, o RunOptions) error {
	if o.Stopped == nil {
		o.Stopped = func(error) bool { return false }
	}
	desc := o.Description
	if desc == nil {
		desc = func(n string) string { return "XDP hook of " + n + " (xdpdump)" }
	}
	s.desc = desc
	for _, ifc := range s.ifaces() {
		if err := s.declare(ifc, sink); err != nil {
			s.Detach()
			return &WriteError{err}
		}
	}
	if err := s.addExitInterfaces(sink); err != nil {
		s.Detach()
		return &WriteError{err}
	}
	defer s.settleWritten(sink)
	started := time.Now()
	clock := capture.NewClock()
	rings, flags := s.shared.ReaderRings()
	var rr []capture.Ring
	for i, m := range rings {
		rr = append(rr, capture.Ring{Map: m, Sleeping: flags[i]})
	}
	rd, err := capture.NewRingsReader(rr, capture.ReaderOptions{Clock: clock, Poll: PollInterval})
	if err != nil {
		s.Detach()
		return err
	}
	defer rd.Close()
	w := &writer{s: s, sink: sink, lastLost: map[[3]uint32]uint32{}}

	loopErr, stopped := s.loop(ctx, rd, clock, w, o)
	s.stopLinks()
	detachErr := s.Detach()
	if loopErr == nil {
		loopErr, stopped = w.drain(rd, o)
	}
	w.publish()
	// The file is finished (statistics, flush) whenever the sink itself
	// did not fail: also when a hook was lost or the interface went away,
	// so that what was captured until then stays readable.
	var closeErr error
	var we *WriteError
	if loopErr == nil || stopped || !errors.As(loopErr, &we) {
		closeErr = s.finish(sink, started)
	}
	return errors.Join(loopErr, closeErr, detachErr)
}

// declare gives ifc its interface block in sink.
func (s *Session) declare(ifc *iface, sink Sink) error {
	idx, err := sink.AddInterface(pcapout.Interface{
		Name: ifc.Name, Description: s.desc(ifc.Name), Filter: s.cfg.Filter,
		Hardware: ifc.Driver, Snaplen: s.snaplen(), Ifindex: ifc.Index,
	})
	ifc.sinkIdx = idx
	return err
}

func (s *Session) snaplen() uint32 {
	if s.cfg.Snaplen == 0 {
		return 262144
	}
	return s.cfg.Snaplen
}

// loop reads records until ctx, Count, a lost hook or a sink error. stopped
// reports a clean stop by the sink (RunOptions.Stopped).
func (s *Session) loop(ctx context.Context, rd *capture.Reader, clock *capture.Clock, w *writer, o RunOptions) (error, bool) {
	lastSync, lastProgress := time.Now(), time.Now()
	watch := make(chan error, 16)
	for _, ifc := range s.ifaces() {
		s.watchHook(ifc, watch)
	}
	links := s.watchLinks(ctx) // -i any: any.go
	sinkErr := func(err error) (error, bool) {
		if o.Stopped(err) {
			return err, true
		}
		return &WriteError{err}, false
	}
	// Records are read in batches: the channels, the clock and the
	// reader's lock are taken once per batch, not per record.
	recs := make([]capture.Record, pollEvery)
	for {
		select {
		case <-ctx.Done():
			return nil, false
		case err := <-watch:
			if !s.goneIsFine(err) {
				return err, false
			}
			continue
		case l := <-links:
			if err := s.addLink(l, w.sink, watch); err != nil {
				return sinkErr(err)
			}
			continue
		case <-o.Flush:
			if err := w.sink.Flush(); err != nil {
				return sinkErr(err)
			}
		default:
		}
		if o.Progress != nil && time.Since(lastProgress) >= time.Second {
			lastProgress = time.Now()
			o.Progress(w.count())
		}
		// Once a second, quiet or busy, the clock offset is measured again
		// (NTP steps and slews the wall clock while a capture runs).
		if time.Since(lastSync) > time.Second {
			clock.Sync()
			lastSync = time.Now()
		}
		if o.Count > 0 && w.count() >= o.Count {
			return nil, false
		}
		n, err := rd.NextBatch(recs)
		if capture.IsTimeout(err) {
			w.publish()
			if err := w.sink.Flush(); err != nil {
				return sinkErr(err)
			}
			continue
		}
		if err != nil {
			return err, false
		}
		for i := range recs[:n] {
			if o.Count > 0 && w.count() >= o.Count {
				return nil, false
			}
			if err := w.write(&recs[i]); err != nil {
				return sinkErr(err)
			}
		}
	}
}

// pollEvery is the most records the loop reads between looks at its
// channels, and how often the written counters are published.
const pollEvery = 64

// watchHook reports on watch what happens to ifc's XDP hook.
func (s *Session) watchHook(ifc *iface, watch chan<- error) {
	if ifc.watch == nil {
		return
	}
	// Turned on by us, promiscuous mode moves with the interface, where
	// neither our detach nor a recovery in this namespace reaches it.
	promiscSet := ifc.promisc != nil && ifc.promisc.Set
	go func(ifc *iface, ch <-chan error) {
		name := ifc.Name
		for err := range ch {
			switch {
			case err == nil:
			case errors.Is(err, chain.ErrGone):
				// One line: nothing of xdpdump runs any more, Detach
				// removes the pins.
				watch <- &goneError{ifc, fmt.Errorf("%s: %v while xdpdump ran; its pins are removed", name, err)}
			case errors.Is(err, chain.ErrMoved):
				// Detach says what became of the original.
				msg := fmt.Errorf("%s: %v while xdpdump ran", name, err)
				if promiscSet {
					msg = fmt.Errorf("%w; it is still in the promiscuous mode xdpdump turned on: `ip link set dev %s promisc off` there turns it off", msg, name)
				}
				watch <- &goneError{ifc, msg}
			default:
				watch <- fmt.Errorf("%s: %w", name, err)
			}
		}
	}(ifc, ifc.watch)
}

// writer turns records into packets for the sink.
type writer struct {
	s        *Session
	sink     Sink
	written  atomic.Uint64        // published every pollEvery packets (publish)
	lastLost map[[3]uint32]uint32 // (ifindex, cpu, hook) -> lost seen so far
	pkt      pcapout.Packet
	// The previous record's source, which the next one nearly always
	// shares: no map lookup, lock or atomic operation per record.
	lastKey  [3]uint32
	lastIfc  *iface
	lastSeen uint32 // its lost count
	cached   bool
	pending  uint64 // written to the sink for lastIfc, not yet published
}

// count is how many packets went to the sink.
func (w *writer) count() uint64 { return w.written.Load() + w.pending }

// publish adds the packets written since the last call to the counters
// others read (Counters, the statistics blocks, progress).
func (w *writer) publish() {
	if w.pending == 0 {
		return
	}
	if ifc := w.lastIfc; ifc != nil {
		ifc.mu.Lock()
		ifc.written += w.pending
		ifc.mu.Unlock()
	}
	w.written.Add(w.pending)
	w.pending = 0
}

func (w *writer) write(rec *capture.Record) error {
	// Exit records count their losses per action (bpf/include/exit.h).
	key := [3]uint32{rec.Ifindex, rec.CPU, uint32(rec.Hook) | uint32(rec.Verdict)<<16}
	if !w.cached || key != w.lastKey {
		w.publish()
		if w.cached {
			w.lastLost[w.lastKey] = w.lastSeen
		}
		w.lastIfc = w.s.byIdx[rec.Ifindex]
		if w.lastIfc == nil && len(w.s.ifs) == 1 {
			w.lastIfc = w.s.ifs[0]
		}
		w.lastKey, w.lastSeen, w.cached = key, w.lastLost[key], true
	}
	ifc := w.lastIfc
	drops := uint64(rec.Lost - w.lastSeen)
	w.lastSeen = rec.Lost

	// Field by field: the packet is reused, and a whole-struct copy costs
	// a write-barrier check of every pointer in it.
	p := &w.pkt
	p.UnixNano = rec.Wall // no time.Time per record: Packet.Time builds one
	p.OriginalLength = int(rec.OrigLen)
	p.Data = rec.Data
	p.Queue, p.HasQueue = rec.RxQueue, true
	p.PacketID, p.HasPacketID = rec.PacketID, rec.PacketID != 0
	p.DropCount = drops
	p.Direction = pcapout.Inbound
	p.HasVerdict = false
	if ifc != nil {
		p.Interface = ifc.sinkIdx
	}
	switch rec.Hook {
	case capture.HookTCEgress:
		p.Direction = pcapout.Outbound
		p.HasQueue = false
	case capture.HookXDPTX:
		p.Direction = pcapout.Outbound
		p.Verdict = pcapout.XDPVerdict(uint32(rec.Verdict))
		p.HasVerdict = true
	case capture.HookXDPExit:
		w.s.exitPacket(p, rec)
	}
	if err := w.writePacket(p, rec); err != nil {
		return err
	}
	if w.pending++; w.pending >= pollEvery {
		w.publish()
	}
	return nil
}

// drain writes what is still in the ring once the hooks are gone, and
// the records the CPUs still hold staged (capture.Config.BatchGap): their
// timers send them into the ring within a millisecond; what is
// still staged after stagedWait is read from the map itself.
func (w *writer) drain(rd *capture.Reader, o RunOptions) (error, bool) {
	recs := make([]capture.Record, pollEvery)
	deadline := time.Now().Add(stagedWait)
	fed := false
	for {
		for rd.Pending() > 0 {
			if o.Count > 0 && w.count() >= o.Count {
				return w.flush()
			}
			n, err := rd.NextBatch(recs)
			if capture.IsTimeout(err) {
				break
			}
			if err != nil {
				return err, false
			}
			for i := range recs[:n] {
				if o.Count > 0 && w.count() >= o.Count {
					break
				}
				if err := w.write(&recs[i]); err != nil {
					if o.Stopped(err) {
						return nil, false
					}
					return &WriteError{err}, false
				}
			}
		}
		if fed {
			break
		}
		staged, err := w.s.shared.Staged()
		if err != nil {
			break
		}
		if staged == 0 {
			// A timer may have sent the last batch since the ring was
			// last found empty.
			if rd.Pending() == 0 {
				break
			}
			continue
		}
		if time.Now().After(deadline) {
			runs, err := w.s.shared.TakeStaged()
			if err != nil {
				break
			}
			rd.Feed(runs)
			fed = true
			continue
		}
		time.Sleep(200 * time.Microsecond)
	}
	return w.flush()
}

// stagedWait is how long drain waits for the CPUs' timers to send what
// they hold staged before it reads it from the map.
const stagedWait = 100 * time.Millisecond

func (w *writer) flush() (error, bool) {
	if err := w.sink.Flush(); err != nil {
		return &WriteError{err}, false
	}
	return nil, false
}

// finish writes one statistics block per interface and closes the sink.
func (s *Session) finish(sink Sink, started time.Time) error {
	end := time.Now()
	// The statistics count what reached the output: flush it first.
	if err := sink.Flush(); err != nil {
		return &WriteError{err}
	}
	s.settleWritten(sink)
	for _, ifc := range s.ifaces() {
		c := ifc.counters()
		st := c.XDP.Add(c.Egress)
		if err := sink.WriteStats(ifc.sinkIdx, pcapout.Stats{
			Received: st.Seen, FilterAccepted: st.Matched, OSDropped: st.Lost,
			Dropped: pcapout.NoValue, Delivered: c.Written - s.exitWritten(ifc), Start: started, End: end,
		}); err != nil {
			return &WriteError{err}
		}
	}
	if err := s.finishExit(sink, started, end); err != nil {
		return err
	}
	if err := sink.Close(); err != nil {
		return &WriteError{err}
	}
	return nil
}
