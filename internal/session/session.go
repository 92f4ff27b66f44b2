// Package session is one live capture run: configuration in, packets and
// counters out to a Sink.
//
// Open attaches to every interface: on the XDP hook through the chain
// (internal/chain), in front of whatever runs there, the capture stage and
// the bounce stage; at TC egress the egress stage. All of them write one
// ring buffer (internal/stage's Shared maps), numbering their packets in
// one sequence. Run reads the ring with one wakeup per sleep, turns every
// record into a pcapout.Packet (interface, direction, queue, packet id,
// drops since the previous record, verdict) and hands it to the Sink (a
// pcapng or pcap file, rotated files, the printer), then, once the
// capture ends, detaches everything, drains what is left in the ring and
// writes each interface's statistics. --flows runs the flow counters
// instead (OpenFlows).
//
// A session beats a heartbeat while it is open; stages with side effects
// (bounce) stop acting within Config.Deadman of the process dying, without
// anyone cleaning up, and the capture stage stops copying.
package session

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/bounce"
	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/chain"
	"github.com/xdpdump/xdpdump/internal/egress"
	"github.com/xdpdump/xdpdump/internal/promisc"
	"github.com/xdpdump/xdpdump/internal/stage"
)

// Direction says which way packets are captured (tcpdump's -Q).
type Direction uint8

const (
	In    Direction = 1 // XDP ingress
	Out   Direction = 2 // TC egress
	InOut           = In | Out
)

// Interface is one interface to capture on.
type Interface struct {
	Name   string
	Index  int
	Driver string // ethtool driver name, for the pcapng if_hardware ("" = ask the driver)
}

// Bounce configures --bounce.
type Bounce struct {
	Filter string // answer only the SYNs this expression matches
	Rate   uint64 // answers per second, 0 = unlimited
}

// Config is what a capture run does.
type Config struct {
	Interfaces []Interface
	// Filter is the tcpdump expression; empty = everything.
	Filter string
	// Snaplen caps each record; 0 = 262144.
	Snaplen uint32
	// Netmask is what `ip broadcast` compiles with (tcpdump on a live
	// interface: filter.LiveNetmask).
	Netmask uint32
	// Direction: In, Out or InOut (0 = In).
	Direction Direction
	// RingSize in bytes, a power of two; 0 = stage.DefaultRingSize.
	RingSize int
	// RingPerCPU gives every CPU a ring of its own (RingSize shared out
	// between them): see stage.SharedOptions.PerCPU.
	RingPerCPU bool
	// Immediate wakes the reader at every record that finds it asleep
	// (printing to a terminal, -U); otherwise once a sixteenth of the ring
	// waits, or after PollInterval.
	Immediate bool
	// NoCapture: --bounce alone, nothing is recorded.
	NoCapture bool
	// Bounce adds the bounce stage behind the capture stage.
	Bounce *Bounce
	// Exit captures at the exit of the XDP program (exit.go); nil = at
	// entry only.
	Exit *ExitPoint
	// EgressHook picks tcx or clsact for Out.
	EgressHook egress.Hook
	// Deadman: stages stop acting once the process has not beaten its
	// heartbeat for this long; 0 = DefaultDeadman.
	Deadman time.Duration
	// Log receives the chain's progress lines ("put back prog 12 ...").
	Log func(ifname, line string)
	// Privileged runs fn with the privileges the process started with
	// (detaching after -Z); nil runs it directly.
	Privileged func(fn func() error) error
	// NoPromisc leaves promiscuous mode alone (-p); otherwise each
	// interface is in promiscuous mode while it is captured (promisc.go).
	NoPromisc bool
	// Any adds, while capturing, every interface that comes up (-i any:
	// any.go); Interfaces are the ones up at the start.
	Any bool
}

// DefaultDeadman is how long stages go on after their process stopped
// beating its heartbeat.
const DefaultDeadman = 3 * time.Second

// PollInterval bounds how long a record waits in the ring when the reader
// is not woken (quiet links).
const PollInterval = 100 * time.Millisecond

// bounceSlot is the chain slot of the bounce stage: capture -> bounce ->
// slot 0 (the program that was attached before, or pass).
const bounceSlot = 1

// iface is one interface of a session.
type iface struct {
	Interface
	hook    *chain.Chain
	watch   <-chan error
	cancel  func()
	capture *capture.Stage
	bounce  *bounce.Bounce
	egress  *egress.Egress
	variant chain.Variant

	mu         sync.Mutex
	lastXDP    stage.Stats
	lastEgress stage.Stats
	lastBounce bounce.Stats
	written    uint64
	sinkIdx    int

	promisc *promisc.Hold // promisc.go
	gone    bool          // -i any: the interface went away (any.go)
}

// Session is an open capture run.
type Session struct {
	cfg     Config
	shared  *stage.Shared
	ifsMu   sync.Mutex // ifs grows while Run runs with Any
	ifs     []*iface
	byIdx   map[uint32]*iface
	refused map[uint32]bool // -i any: ifindexes skip took out (ifsMu)
	stop    chan struct{}
	stopHB  sync.Once
	wg      sync.WaitGroup
	exit    *exitState

	desc func(ifname string) string // RunOptions.Description
	anyW *anyWatch                  // -i any: any.go

	detachOnce sync.Once
	detachErr  error
	closed     bool
}

// Open attaches to every interface of c. On failure it leaves every
// interface as it found it.
func Open(c Config) (_ *Session, err error) {
	if len(c.Interfaces) == 0 {
		return nil, errors.New("no interface to capture on")
	}
	if c.Direction == 0 {
		c.Direction = In
	}
	if c.Deadman == 0 {
		c.Deadman = DefaultDeadman
	}
	if c.Privileged == nil {
		c.Privileged = func(fn func() error) error { return fn() }
	}
	if c.Log == nil {
		c.Log = func(string, string) {}
	}
	if c.Bounce != nil && c.Direction == Out {
		return nil, errors.New("--bounce answers at XDP, on ingress: it does not go with -Q out")
	}
	s := &Session{cfg: c, byIdx: map[uint32]*iface{}, stop: make(chan struct{})}
	defer func() {
		if err != nil {
			s.Detach()
			s.Close()
		}
	}()
	if s.shared, err = stage.NewSharedOptions(stage.SharedOptions{RingSize: c.RingSize, PerCPU: c.RingPerCPU}); err != nil {
		size := c.RingSize
		if size == 0 {
			size = stage.DefaultRingSize
		}
		return nil, ringError(size, err)
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.shared.Heartbeat(c.Deadman/6, s.stop)
	}()
	recoverPromisc(c)
	if err := s.openExit(); err != nil {
		return nil, err
	}
	for _, ic := range c.Interfaces {
		if ifc, err := s.attach(ic, true); err != nil {
			if !c.Any {
				return nil, err
			}
			s.skip(ifc, err) // any.go
		}
	}
	return s, nil
}

// attach captures on ic too; on an error it returns what it attached of
// ic so far (for skip, or Open's Detach). With parallel the egress stage is attached
// on a thread of its own, which must have the privileges the calling one
// has (before privileges are dropped).
func (s *Session) attach(ic Interface, parallel bool) (*iface, error) {
	c := s.cfg
	if ic.Driver == "" {
		ic.Driver = driverOf(ic.Name)
	}
	ifc := &iface{Interface: ic}
	s.addIface(ifc)
	// What killed xdpdumps left on the interface's clsact egress goes
	// as their XDP leftovers do (chain.Attach recovers those).
	if _, err := egress.RecoverClsact(ic.Index, func(l string) { c.Log(ic.Name, l) }); err != nil {
		return ifc, permission(ic.Name+": removing what an earlier xdpdump left on clsact egress", err)
	}
	// The egress stage is loaded first, then attached on a thread of its
	// own while the XDP side loads: each attachment waits out an RCU grace
	// period holding the RTNL (tcx swapping its program arrays, XDP the
	// BPF dispatcher), 12-25 ms each here, and the XDP side's loading and
	// verifying runs during the egress one instead of after it. (Loading
	// both at once would only share the CPU, and raise the peak heap.)
	var egressDone chan egressResult
	if c.Direction&Out != 0 && !c.NoCapture && !loopbackTwice(ic, c.Direction) {
		eg, err := egress.Load(egress.Config{
			Ifindex: ic.Index, Shared: s.shared, Filter: c.Filter, Netmask: &s.cfg.Netmask, Snaplen: c.Snaplen,
			WakeupBytes: s.wakeupBytes(), Deadman: c.Deadman, Hook: c.EgressHook,
		})
		if err != nil {
			return ifc, permission(ic.Name+": attaching to TC egress", err)
		}
		egressDone = make(chan egressResult, 1)
		attach := func() { egressDone <- egressResult{eg, eg.Attach()} }
		if !parallel {
			attach()
		} else if err := inThisNetns(attach, func(err error) { egressDone <- egressResult{eg, err} }); err != nil {
			eg.Close()
			return ifc, err
		}
	}
	var xdpErr error
	if c.Direction&In != 0 {
		xdpErr = s.attachXDP(ifc)
	}
	if egressDone != nil {
		r := <-egressDone
		if r.err != nil {
			r.eg.Close()
			if xdpErr == nil {
				return ifc, permission(ic.Name+": attaching to TC egress", r.err)
			}
		} else {
			ifc.egress = r.eg // closed by Detach if the XDP side failed
		}
	}
	if xdpErr != nil {
		return ifc, xdpErr
	}
	if err := s.promiscOn(ifc); err != nil {
		return ifc, err
	}
	return ifc, nil
}

// egressResult is what attaching the egress stage gave.
type egressResult struct {
	eg  *egress.Egress
	err error
}

// inThisNetns runs fn on a new thread in the network namespace of the
// calling thread (interface indexes are resolved there), or fail if that
// thread cannot enter it, and returns without waiting for either. The
// thread ends with fn: a thread whose namespace was changed never serves
// other goroutines.
func inThisNetns(fn func(), fail func(error)) error {
	ns, err := os.Open("/proc/thread-self/ns/net")
	if err != nil {
		return fmt.Errorf("opening this thread's network namespace: %w", err)
	}
	go func() {
		defer ns.Close()
		runtime.LockOSThread() // never unlocked: the thread goes with the goroutine
		if err := unix.Setns(int(ns.Fd()), unix.CLONE_NEWNET); err != nil {
			fail(fmt.Errorf("entering the capture's network namespace: %w", err))
			return
		}
		fn()
	}()
	return nil
}

func (s *Session) wakeupBytes() uint32 {
	if s.cfg.Immediate {
		return 0
	}
	return uint32(s.shared.Ring.MaxEntries() / 16)
}

// batchTick is the staging timer's period (capture.Config.BatchTick); 0 =
// capture's default. Tests lengthen it to make the timer miss the end.
var batchTick time.Duration

// batchGap is when a busy CPU stages its small records and sends them a
// batch at a time (capture.Config.BatchGap): never with --immediate-mode,
// where each record is to reach the reader at once.
func (s *Session) batchGap() time.Duration {
	if s.cfg.Immediate {
		return 0
	}
	return capture.DefaultBatchGap
}

// attachXDP puts the capture (and bounce) stage in front of what runs on
// ifc's XDP hook.
func (s *Session) attachXDP(ifc *iface) error {
	o := chain.Options{Log: func(l string) { s.cfg.Log(ifc.Name, l) }}
	if s.cfg.Bounce != nil && !s.cfg.NoCapture {
		o.FrontNext, o.Stages = bounceSlot, map[uint32]uint32{bounceSlot: 0}
	}
	c, err := chain.Attach(ifc.Index, func(m *ebpf.Map, v chain.Variant) (*ebpf.Program, error) {
		prog, err := s.loadXDP(ifc, m, v)
		return prog, ourLoader(err)
	}, o)
	if err != nil {
		if errors.Is(err, chain.ErrDevBound) {
			return fmt.Errorf("%s: %w: xdpdump cannot stand in front of it, nothing was changed", ifc.Name, err)
		}
		return attachError(ifc.Name, err)
	}
	ifc.hook = c
	ctx, cancel := contextWithCancel()
	ifc.cancel = cancel
	ifc.watch = c.Watch(ctx, time.Second)
	return nil
}

// loadXDP loads what runs on ifc's hook against chainMap: the capture
// stage (unless NoCapture) and the bounce stage (with Bounce). It returns
// the program to attach in front.
func (s *Session) loadXDP(ifc *iface, chainMap *ebpf.Map, v chain.Variant) (*ebpf.Program, error) {
	ifc.closeStages()
	ifc.variant = v
	var next uint32
	if b := s.cfg.Bounce; b != nil {
		// The SYNs Linux would not answer are not answered (internal/bounce):
		// its IPv4 prefixes tell the interface's broadcast addresses, and a
		// veth hands over partial TCP checksums.
		nets, _ := bounce.InterfaceNets(ifc.Index)
		bs, err := bounce.Load(bounce.Config{
			Chain: chainMap, NextSlot: 0, Shared: s.shared, RecordTX: !s.cfg.NoCapture,
			WakeupBytes: s.wakeupBytes(), Frags: v.Frags, AttachType: &v.AttachType,
			Filter: b.Filter, Netmask: s.cfg.Netmask, HasNetmask: true, Rate: b.Rate,
			Snaplen: s.cfg.Snaplen, Deadman: s.cfg.Deadman,
			Nets: nets, PartialChecksums: ifc.Driver == "veth",
		})
		if err != nil {
			var fe *stage.FilterError
			if errors.As(err, &fe) {
				return nil, err // "--bounce-filter: ..."
			}
			return nil, fmt.Errorf("--bounce: %w", err)
		}
		ifc.bounce = bs
		if s.cfg.NoCapture {
			return bs.Program(), nil
		}
		if err := chainMap.Update(uint32(bounceSlot), bs.Program(), ebpf.UpdateAny); err != nil {
			return nil, fmt.Errorf("--bounce: putting the stage into the chain: %w", err)
		}
		next = bounceSlot
	}
	st, err := capture.Load(capture.Config{
		Filter: s.cfg.Filter, Snaplen: s.cfg.Snaplen, Frags: v.Frags, AttachType: &v.AttachType,
		Netmask: s.cfg.Netmask, HasNetmask: true, Chain: chainMap, NextSlot: next,
		Shared: s.shared, WakeupBytes: s.wakeupBytes(), Deadman: s.cfg.Deadman,
		BatchGap: s.batchGap(), BatchTick: batchTick,
	})
	if err != nil {
		return nil, err
	}
	ifc.capture = st
	return st.Program(), nil
}

func (ifc *iface) closeStages() {
	if ifc.capture != nil {
		ifc.capture.Close()
		ifc.capture = nil
	}
	if ifc.bounce != nil {
		ifc.bounce.Close()
		ifc.bounce = nil
	}
}

// Attached describes how the session stands on one interface, for the
// start-up lines.
type Attached struct {
	Name string
	// XDP says what the chain stands in front of ("" without ingress).
	XDP string
	// Egress is the TC hook used ("" without egress).
	Egress egress.Hook
}

// Attached lists the interfaces in the order of Config.Interfaces.
func (s *Session) Attached() []Attached {
	var out []Attached
	for _, ifc := range s.ifaces() {
		a := Attached{Name: ifc.Name}
		if ifc.hook != nil {
			a.XDP = ifc.hook.Describe()
		}
		if ifc.egress != nil {
			a.Egress = ifc.egress.Hook()
		}
		out = append(out, a)
	}
	return out
}

// Detach leaves every interface as it was found (the counters are read a
// last time first). It is safe to call more than once.
func (s *Session) Detach() error {
	s.detachOnce.Do(func() {
		var errs []error
		for _, ifc := range s.ifaces() {
			if err := s.detachIface(ifc); err != nil {
				errs = append(errs, err)
			}
		}
		if err := s.detachExit(); err != nil {
			errs = append(errs, err)
		}
		s.detachErr = errors.Join(errs...)
	})
	return s.detachErr
}

// detachIface leaves ifc as it was found.
func (s *Session) detachIface(ifc *iface) error {
	var errs []error
	ifc.snapshot()
	if ifc.egress != nil {
		if err := ifc.egress.Close(); err != nil && !ifc.gone {
			errs = append(errs, fmt.Errorf("%s: TC egress: %w", ifc.Name, err))
		}
		ifc.mu.Lock()
		ifc.egress = nil
		ifc.mu.Unlock()
	}
	if ifc.hook != nil {
		ifc.cancel()
		if err := s.cfg.Privileged(ifc.hook.Detach); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", ifc.Name, err))
		}
		ifc.hook = nil
	}
	if err := s.promiscOff(ifc); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// stopHeartbeat stops beating: from then on the stages act as if the
// process had died (the dead-man switch).
func (s *Session) stopHeartbeat() { s.stopHB.Do(func() { close(s.stop) }) }

// Close frees what Open loaded; Detach first.
func (s *Session) Close() {
	if s.closed {
		return
	}
	s.closed = true
	s.stopHeartbeat()
	s.wg.Wait()
	for _, ifc := range s.ifaces() {
		ifc.mu.Lock()
		ifc.closeStages()
		ifc.mu.Unlock()
	}
	s.closeExit()
	if s.shared != nil {
		s.shared.Close()
	}
}

// driverOf asks the interface's driver for its name (ethtool -i), for
// the pcapng if_hardware option. Empty when the driver does not say.
func driverOf(name string) string {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return ""
	}
	defer unix.Close(fd)
	info, err := unix.IoctlGetEthtoolDrvinfo(fd, name)
	if err != nil {
		return ""
	}
	return unix.ByteSliceToString(info.Driver[:])
}
