// Package egress captures the packets an interface sends: a TC program on
// the interface's egress (attached with tcx where the kernel has it, as a
// clsact direct-action bpf filter otherwise) runs the same spliced tcpdump
// filter as the XDP side and writes the same ring buffer records, with hook
// XDPDUMP_HOOK_TC_EGRESS, into the same ring.
//
// The program never changes the packet's fate: it returns TCX_NEXT, which
// is TC_ACT_UNSPEC (-1) as well, so any TC programs that run after it (tcx
// or clsact) see the packet as before. Closing the Egress detaches it and
// leaves the interface as it was found.
package egress

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"

	"github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/internal/stage"
)

// MaxCapture is the most bytes one record carries (XDPDUMP_MAX_CAP).
const MaxCapture = 1 << 17

// Config says where and what to capture.
type Config struct {
	// Ifindex of the interface, in the network namespace of the calling
	// thread (tcx resolves it there).
	Ifindex int
	// Ring is the XDP side's ring buffer map; records go there. Nil makes
	// a ring of our own (Egress.Ring), for egress-only captures.
	Ring *ebpf.Map
	// Filter is a tcpdump expression; empty captures everything.
	Filter string
	// Netmask is what `ip broadcast` compiles with; nil = unknown.
	Netmask *uint32
	// Snaplen caps the bytes kept of each packet; 0 = 262144. Records
	// carry at most MaxCapture bytes whatever the snap length.
	Snaplen uint32
	// WakeupBytes: wake the reader only once this many bytes wait in the
	// ring (0 = the kernel's default), as on the XDP side.
	WakeupBytes uint32
	// First runs our program before the TC programs already attached
	// instead of after them (the default: see what actually leaves).
	First bool
	// Hook picks tcx or clsact; HookAuto (empty) takes tcx where the
	// kernel has it.
	Hook Hook
	// Shared are the capture's maps (ring, control page, packet ids,
	// scratch); nil = the program's own (Ring, if set, replaces the ring).
	Shared *stage.Shared
	// Deadman stops copying once Shared's heartbeat is older than this.
	Deadman time.Duration
}

// Hook is the way the program is attached to the egress.
type Hook string

const (
	// HookAuto is tcx if the kernel has it (Linux 6.6+), clsact if not.
	HookAuto Hook = ""
	// HookTCX is a tcx link (fails on kernels without tcx).
	HookTCX Hook = "tcx"
	// HookClsact is a direct-action bpf filter on a clsact qdisc's egress,
	// the qdisc made if the interface has none.
	HookClsact Hook = "clsact"
)

// check normalises h ("auto" and case are accepted) or says what is wrong.
func (h Hook) check() (Hook, error) {
	switch v := Hook(strings.ToLower(strings.TrimSpace(string(h)))); v {
	case "auto", HookAuto:
		return HookAuto, nil
	case HookTCX, HookClsact:
		return v, nil
	}
	return "", fmt.Errorf("egress hook %q: want auto, tcx or clsact", string(h))
}

// Attachment is a TC program attached to an egress; Close detaches it and
// undoes what attaching did to the interface.
type Attachment interface {
	Close() error
	// Hook is HookTCX or HookClsact: what was used.
	Hook() Hook
}

type tcxAttachment struct{ link.Link }

func (tcxAttachment) Hook() Hook { return HookTCX }

// Egress is an attached egress capture.
type Egress struct {
	st   *stage.Stage
	link Attachment
	cfg  Config // Load's
}

// load loads the egress capture program for c without attaching it: the
// filter spliced in, the ring shared.
func load(c Config) (*Egress, error) {
	sc := stage.Config{
		Spec: bpf.LoadEgress, Program: bpf.EgressProgXdpdumpEgress, Kind: stage.TC,
		Filter: c.Filter, Snaplen: c.Snaplen, Shared: c.Shared, WakeupBytes: c.WakeupBytes,
		Deadman: c.Deadman, Netmask: c.Netmask,
	}
	if c.Ring != nil {
		if c.Ring.Type() != ebpf.RingBuf {
			return nil, fmt.Errorf("egress: Config.Ring is a %v map, not a ring buffer", c.Ring.Type())
		}
		sc.Replace = map[string]*ebpf.Map{stage.MapRing: c.Ring}
	}
	st, err := stage.Load(sc)
	if err != nil {
		return nil, fmt.Errorf("loading egress program: %w", err)
	}
	return &Egress{st: st}, nil
}

// Attach loads the egress capture program for c and attaches it to the
// interface's egress (Config.Hook).
func Attach(c Config) (*Egress, error) {
	e, err := Load(c)
	if err != nil {
		return nil, err
	}
	if err := e.Attach(); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

// Load loads the egress capture program for c without attaching it;
// Attach attaches it (both may run on different threads of the network
// namespace Config.Ifindex belongs to). Close frees it either way.
func Load(c Config) (*Egress, error) {
	if c.Ifindex <= 0 {
		return nil, fmt.Errorf("egress: no interface (ifindex %d)", c.Ifindex)
	}
	if _, err := c.Hook.check(); err != nil {
		return nil, err
	}
	e, err := load(c)
	if err != nil {
		return nil, err
	}
	e.cfg = c
	return e, nil
}

// Attach attaches a loaded program to the interface's egress.
func (e *Egress) Attach() error {
	if e.link != nil {
		return errors.New("egress: already attached")
	}
	l, err := AttachTCHook(e.cfg.Ifindex, e.st.Program(), e.cfg.First, e.cfg.Hook)
	if err != nil {
		return err
	}
	e.link = l
	return nil
}

// AttachTC attaches a TC program to the egress of ifindex with tcx, or
// with clsact where the kernel has no tcx: AttachTCHook with HookAuto.
func AttachTC(ifindex int, prog *ebpf.Program, first bool) (Attachment, error) {
	return AttachTCHook(ifindex, prog, first, HookAuto)
}

// attachTCX is link.AttachTCX; tests replace it to play a kernel without
// tcx.
var attachTCX = link.AttachTCX

// AttachTCHook attaches a TC program (direct action, returning TCX_NEXT =
// TC_ACT_UNSPEC to let the packet go on) to the egress of ifindex, an
// interface of the calling thread's network namespace, after the programs
// already there (or before them, if first), the way hook says. HookAuto
// tries tcx and takes clsact when the kernel has no tcx (before Linux 6.6).
func AttachTCHook(ifindex int, prog *ebpf.Program, first bool, hook Hook) (Attachment, error) {
	hook, err := hook.check()
	if err != nil {
		return nil, err
	}
	if hook != HookClsact {
		anchor := link.Tail()
		if first {
			anchor = link.Head()
		}
		l, err := attachTCX(link.TCXOptions{
			Interface: ifindex,
			Program:   prog,
			Attach:    ebpf.AttachTCXEgress,
			Anchor:    anchor,
		})
		switch {
		case err == nil:
			return tcxAttachment{l}, nil
		case errors.Is(err, ebpf.ErrNotSupported) && hook == HookTCX:
			return nil, fmt.Errorf("attaching to the egress of interface %d: this kernel has no tcx (needs Linux 6.6 or later; clsact works without): %w", ifindex, err)
		case !errors.Is(err, ebpf.ErrNotSupported):
			return nil, fmt.Errorf("attaching to the egress of interface %d with tcx: %w", ifindex, err)
		}
	}
	f, err := attachClsact(ifindex, prog, first)
	if err != nil {
		return nil, fmt.Errorf("attaching to the egress of interface %d with clsact: %w", ifindex, err)
	}
	return f, nil
}

// Ring is the ring buffer the records go to: Config.Ring, or the
// program's own when none was given.
func (e *Egress) Ring() *ebpf.Map { return e.st.Map(stage.MapRing) }

// Hook is how the program is attached: HookTCX or HookClsact.
func (e *Egress) Hook() Hook {
	if e.link == nil {
		return ""
	}
	return e.link.Hook()
}

// Program is the loaded TC program.
func (e *Egress) Program() *ebpf.Program { return e.st.Program() }

// Counters sums the per-CPU counters.
func (e *Egress) Counters() (stage.Stats, error) {
	s, err := e.st.Stats()
	if err != nil {
		return s, fmt.Errorf("reading egress stats: %w", err)
	}
	return s, nil
}

// Stats sums the per-CPU counters: packets that reached the program, that
// the filter accepted, that were lost (ring full) and that were written.
func (e *Egress) Stats() (seen, matched, lost, captured uint64, err error) {
	s, err := e.Counters()
	return s.Seen, s.Matched, s.Lost, s.Captured, err
}

// Close detaches the program and frees it; the shared ring stays open for
// its owner.
func (e *Egress) Close() error {
	var err error
	if e.link != nil {
		if cerr := e.link.Close(); cerr != nil {
			err = fmt.Errorf("detaching egress program: %w", cerr)
		}
		e.link = nil
	}
	e.st.Close()
	return err
}
