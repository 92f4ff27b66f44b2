// Package chain puts xdpdump in front of whatever XDP program a device
// already runs, without changing what that program does, and puts it back
// exactly as it was afterwards — also after a crash.
//
// The chain: every xdpdump stage tail-calls a slot of a prog array
// (`chain`, 8 slots). Slot 0 holds the program that was attached before
// xdpdump (the end of the chain). Attach
//
//  1. recovers leftovers of xdpdumps that died (Recover),
//  2. reads what is attached (Inspect: program, mode, netlink or bpf_link),
//  3. puts that program into a fresh prog array and probes its xdp.frags
//     flag and expected attach type, so that the Loader loads the variant
//     the kernel lets tail-call it (a device-bound program cannot be
//     tail-called at all: Attach says so and changes nothing),
//  4. pins the prog array and a state record under
//     /sys/fs/bpf/xdpdump/<ifindex>-ns<netns>/<pid>-<rand>/ (see pins.go),
//  5. swaps atomically in the existing program's own mode and owner:
//     netlink RTM_SETLINK with XDP_FLAGS_REPLACE and IFLA_XDP_EXPECTED_FD,
//     BPF_LINK_UPDATE with BPF_F_REPLACE on the owner's bpf_link, or — when
//     nothing is attached — our own bpf_link.
//
// The stages are loaded as the variant (frags flag, expected attach type)
// that the probe found for the existing program; recovery keeps the
// chain's prog array pinned while its front program runs anywhere
// (recover.go); Watch tells a device that moved to another namespace from
// one that was deleted, and Detach deals with either (leaveAway).
//
// Detach swaps back with the same guards. A second xdpdump on the same
// device sees the first one's program as "the existing program" and chains
// in front of it; when the one behind leaves first, it splices itself out of
// the chain of the one in front (that one's slot 0 gets the program at the
// end of its own chain, and its state record is updated), so instances can
// exit in any order.
//
// Attach, Inspect, Recover, List, Show, Insert and Remove use netlink and
// namespace-local ifindexes: call them in the device's network namespace
// (on a locked OS thread). A Chain keeps the netlink socket it opened in
// Attach, so Watch and Detach work from any goroutine.
package chain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/procid"
	xstage "github.com/xdpdump/xdpdump/internal/stage"
)

// Variant is how every stage of a chain must be loaded (internal/stage).
type Variant = xstage.Variant

// Loader loads the front (capture) program against chainMap, which
// already holds the existing program at slot 0 (or nothing), as variant
// v: the program must tail-call through chainMap
// (ebpf.CollectionOptions.MapReplacements{"chain": chainMap}). It may load
// further stages and put them into chainMap (slots 1..7). It returns the
// program to attach; Attach takes its own reference to it, the caller still
// closes what it loaded.
type Loader func(chainMap *ebpf.Map, v Variant) (*ebpf.Program, error)

// Options tune Attach.
type Options struct {
	// Log receives progress lines (for stderr); nil discards them.
	Log func(string)
	// FrontNext is the slot the front program tail-calls first, and
	// Stages the further stages the Loader put into the chain, as
	// slot → the slot each tail-calls (0 = the end of the chain). They
	// are recorded in the state so that Show lists the chain in the order
	// packets run through it (e.g. capture → bounce in slot 1 → slot 0).
	FrontNext uint32
	Stages    map[uint32]uint32
}

// ErrReplaced is wrapped by errors that report that someone else changed
// the XDP hook under us.
var ErrReplaced = errors.New("XDP hook changed by someone else")

// ErrGone is wrapped by Watch's report that the device was deleted (or
// its namespace went away): nothing of xdpdump runs any more, and Detach
// removes the pins.
var ErrGone = errors.New("the interface was deleted")

// ErrMoved is wrapped by Watch's report that the device moved to another
// network namespace. xdpdump's program goes with it and keeps running the
// original behind it; Detach puts the original back where it can without
// netlink (a bpf_link update, a splice into another xdpdump's chain) and
// otherwise keeps the pins, for `xdpdump --recover` in the new namespace.
var ErrMoved = errors.New("the interface moved to another network namespace")

// ErrDevBound is wrapped by Attach's refusal to stand in front of a
// device-bound (or offloaded) program.
var ErrDevBound = errors.New("program is bound to the device and cannot be tail-called")

// Chain is xdpdump attached in front of a device's XDP program.
type Chain struct {
	ifindex int
	netns   uint64
	nl      *nlConn
	in      *instance
	ours    *ebpf.Program
	link    link.Link // our own link, or the owner's link we updated
	before  Current
	variant Variant
	logf    func(string)
	events  *linkEvents // RTM_DELLINK: did the device move or go?

	mu       sync.Mutex
	detached bool
	gone     linkGone // fatePresent until the device left the namespace
	owner    *ownerWatch
}

func nopLog(string) {}

// Attach puts the program that load returns in front of whatever is
// attached to ifindex (see the package comment).
func Attach(ifindex int, load Loader, o Options) (_ *Chain, err error) {
	logf := o.Log
	if logf == nil {
		logf = nopLog
	}
	if ifindex <= 0 {
		return nil, fmt.Errorf("invalid interface index %d", ifindex)
	}
	if err := ensureBPFFS(); err != nil {
		return nil, err
	}
	unlock, err := lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	netns, err := netnsIno()
	if err != nil {
		return nil, err
	}
	nl, err := newNL()
	if err != nil {
		return nil, err
	}
	c := &Chain{ifindex: ifindex, netns: netns, nl: nl, logf: logf}
	// Subscribed before anything is attached, so that no move or deletion
	// of the device can go unseen.
	if c.events, err = newLinkEvents(); err != nil {
		nl.Close()
		return nil, err
	}
	defer func() {
		if err != nil {
			// Nothing of ours is on the hook (every step after the swap
			// only records it): the pins can go.
			if c.in != nil {
				c.in.remove()
			}
			c.closeAll()
		}
	}()

	if _, err := recoverLocked(nl, netns, ifindex, logf); err != nil {
		return nil, fmt.Errorf("recovering leftovers of an earlier xdpdump: %w", err)
	}
	cur, err := inspect(nl, ifindex, false)
	if err != nil {
		return nil, err
	}
	c.before = *cur
	if cur.ProgID != 0 {
		if ins, err := instances(netns, ifindex); err == nil {
			for _, in := range ins {
				if in.st.Ours == uint32(cur.ProgID) {
					c.before.Xdpdump = true
				}
			}
			closeAll(ins)
		}
	}
	if cur.ProgID != 0 {
		if cur.Mode == ModeOffload {
			return nil, fmt.Errorf("ifindex %d runs %s offloaded to the NIC: %w, so xdpdump cannot run in front of it; nothing was changed", ifindex, cur, ErrDevBound)
		}
		if cur.DevBound {
			return nil, fmt.Errorf("ifindex %d runs %s: %w (it uses XDP metadata kfuncs), so xdpdump cannot run in front of it; nothing was changed", ifindex, cur, ErrDevBound)
		}
	}

	chainMap, err := newChainMap()
	if err != nil {
		return nil, err
	}
	defer chainMap.Close()
	var orig *ebpf.Program
	c.variant = xstage.Default
	if cur.ProgID != 0 {
		orig, err = ebpf.NewProgramFromID(cur.ProgID)
		if err != nil {
			return nil, fmt.Errorf("opening the attached program %d: %w", cur.ProgID, err)
		}
		defer orig.Close()
		if why := libxdpOwned(ifindex, orig); why != "" {
			logf(fmt.Sprintf("%s belongs to libxdp (%s): while xdpdump stands in front of it, libxdp's tools (xdp-loader, xdp-filter) will consider their program gone", cur, why))
		}
		if err := putFirst(chainMap, orig); err != nil {
			if errors.Is(err, errNotTailCallable) {
				return nil, fmt.Errorf("ifindex %d runs %s: %w (it uses XDP metadata kfuncs), so xdpdump cannot run in front of it; nothing was changed", ifindex, cur, ErrDevBound)
			}
			return nil, fmt.Errorf("putting %s into the chain: %w", cur, err)
		}
		v, err := probeMapVariant(chainMap)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", cur, err)
		}
		c.before.Frags = fragsOf(v)
		c.before.AttachType = v.AttachType
		c.variant = v
	}
	prog, err := load(chainMap, c.variant)
	if err != nil {
		return nil, fmt.Errorf("loading the %s variant in front of %s: %w", c.variant, cur, err)
	}
	if prog == nil || prog.Type() != ebpf.XDP {
		return nil, fmt.Errorf("the loader did not return an XDP program")
	}
	if c.ours, err = prog.Clone(); err != nil {
		return nil, err
	}
	oursInfo, err := c.ours.Info()
	if err != nil {
		return nil, fmt.Errorf("reading our program's info: %w", err)
	}
	oursID, _ := oursInfo.ID()

	st := stateRec{
		Magic: stateMagic, Version: stateVersion,
		PID: uint32(os.Getpid()), Start: procid.Start(os.Getpid()),
		Orig: uint32(cur.ProgID), Ours: uint32(oursID), Mode: uint32(cur.Mode),
		LinkID: uint32(cur.LinkID), Ifindex: uint32(ifindex), NetnsIno: netns,
	}
	for i := range st.Next {
		st.Next[i] = noSlot
	}
	if o.FrontNext >= chainSlots {
		return nil, fmt.Errorf("front stage's next slot %d is outside the chain (%d slots)", o.FrontNext, chainSlots)
	}
	st.FrontNext = uint8(o.FrontNext)
	for slot, next := range o.Stages {
		if slot == 0 || slot >= chainSlots || next >= chainSlots {
			return nil, fmt.Errorf("stage in slot %d with next slot %d: outside the chain (1..%d)", slot, next, chainSlots-1)
		}
		st.Next[slot] = uint8(next)
	}
	switch {
	case cur.ProgID == 0:
		st.How = howOwnLink
	case cur.LinkID != 0:
		st.How = howLinkUpdate
	default:
		st.How = howNetlink
	}
	// Pinned before the swap: from the moment our program is on the hook,
	// a crash leaves the chain whole and Recover finds it.
	c.in, err = newInstance(netns, ifindex, chainMap, st)
	if err != nil {
		return nil, err
	}

	switch st.How {
	case howOwnLink:
		l, err := link.AttachXDP(link.XDPOptions{Program: c.ours, Interface: ifindex})
		if err != nil {
			return nil, fmt.Errorf("attaching our bpf_link to ifindex %d: %w", ifindex, err)
		}
		c.link = l
		if info, err := l.Info(); err == nil {
			c.in.st.LinkID = uint32(info.ID)
		}
		if now, err := inspect(nl, ifindex, false); err == nil {
			c.in.st.Mode = uint32(now.Mode)
		}
		if err := c.in.writeState(); err != nil {
			return nil, err
		}
	case howNetlink:
		if err := nl.setXDP(ifindex, c.ours.FD(), cur.Mode.flags()|unix.XDP_FLAGS_REPLACE, orig.FD()); err != nil {
			return nil, fmt.Errorf("swapping in front of %s: %w", cur, err)
		}
	case howLinkUpdate:
		l, err := link.NewFromID(cur.LinkID)
		if err != nil {
			return nil, fmt.Errorf("opening bpf_link %d: %w", cur.LinkID, err)
		}
		c.link = l
		if err := linkUpdate(l, c.ours, orig); err != nil {
			return nil, fmt.Errorf("swapping in front of %s: %w", cur, err)
		}
		c.owner = newOwnerWatch(cur.LinkID, c.before.progName())
	}
	return c, nil
}

type rawUpdater interface {
	UpdateArgs(link.RawLinkUpdateOptions) error
}

// linkUpdate swaps a bpf_link's program from old to new with
// BPF_F_REPLACE: the kernel refuses (EPERM) if old is no longer the
// link's program.
func linkUpdate(l link.Link, new, old *ebpf.Program) error {
	u, ok := l.(rawUpdater)
	if !ok {
		return fmt.Errorf("bpf_link of type %T cannot be updated", l)
	}
	if err := u.UpdateArgs(link.RawLinkUpdateOptions{New: new, Old: old, Flags: unix.BPF_F_REPLACE}); err != nil {
		if errors.Is(err, unix.EPERM) {
			return fmt.Errorf("%w: the link no longer holds the expected program: %w", ErrReplaced, err)
		}
		return err
	}
	return nil
}

// Describe says what the chain stands in front of, for the start-up line.
func (c *Chain) Describe() string {
	if c.before.ProgID == 0 {
		return "with its own bpf_link, nothing was attached"
	}
	name := c.before.Name
	if name == "" {
		name = "?"
	}
	kind := ""
	if c.before.Xdpdump {
		kind = "another xdpdump's "
	}
	return fmt.Sprintf("in front of %sprog %d (%s, %s, %s, %s, attach type %s)", kind, c.before.ProgID, name, c.before.Mode, c.before.Owner(), c.before.Frags, AttachTypeName(c.before.AttachType))
}

// Before is what was attached when Attach ran.
func (c *Chain) Before() Current { return c.before }

// Frags says whether the xdp.frags variant was loaded.
func (c *Chain) Frags() bool { return c.variant.Frags }

// Variant is how the chain's stages were loaded.
func (c *Chain) Variant() Variant { return c.variant }

// ProgramID is the ID of our program on the hook.
func (c *Chain) ProgramID() ebpf.ProgramID { return ebpf.ProgramID(c.in.st.Ours) }

// PinDir is the bpffs directory of this instance's pins.
func (c *Chain) PinDir() string { return c.in.dir }

// Watch checks about every interval (default 1s) whether our program is
// still on the hook — directly, or behind other xdpdumps chained in front
// of it. If someone replaced it, the channel receives one error (wrapping
// ErrReplaced) and is closed; it is also closed when ctx ends or the chain
// is detached.
func (c *Chain) Watch(ctx context.Context, interval time.Duration) <-chan error {
	if interval <= 0 {
		interval = time.Second
	}
	ch := make(chan error, 1)
	go func() {
		defer close(ch)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			c.mu.Lock()
			if c.detached {
				c.mu.Unlock()
				return
			}
			err := c.check()
			c.mu.Unlock()
			if err != nil {
				ch <- err
				return
			}
		}
	}()
	return ch
}

// check returns an error if our program is no longer reachable from the
// hook. Transient failures to read pins count as reachable.
func (c *Chain) check() error {
	if err := c.checkGone(false); err != nil {
		return err
	}
	st, err := c.nl.getXDP(c.ifindex)
	if err != nil {
		if err := c.checkGone(true); err != nil {
			return err
		}
		return fmt.Errorf("%w: ifindex %d: %w", ErrReplaced, c.ifindex, err)
	}
	if c.owner != nil {
		c.owner.check(c.logf)
	}
	ours := c.in.st.Ours
	id := hookID(st)
	if id == ours {
		return nil
	}
	if id != 0 {
		ins, err := instances(c.netns, c.ifindex)
		if err != nil {
			return nil
		}
		defer closeAll(ins)
		next := map[uint32]uint32{}
		for _, in := range ins {
			next[in.st.Ours] = in.st.Orig
		}
		for seen := 0; seen < len(ins) && id != 0; seen++ {
			var ok bool
			if id, ok = next[id]; !ok {
				break
			}
			if id == ours {
				return nil
			}
		}
	}
	what := "nothing"
	if h := hookID(st); h != 0 {
		what = fmt.Sprintf("prog %d", h)
		if p, err := ebpf.NewProgramFromID(ebpf.ProgramID(h)); err == nil {
			if info, err := p.Info(); err == nil && info.Name != "" {
				what += " (" + info.Name + ")"
			}
			p.Close()
		}
	}
	orig := ""
	if c.before.ProgID != 0 {
		orig = fmt.Sprintf("; %s, which xdpdump stood in front of, is no longer on it either", c.before.progName())
	}
	return fmt.Errorf("%w: it now holds %s instead of xdpdump's prog %d%s", ErrReplaced, what, ours, orig)
}

// checkGone finds out whether the device left the namespace and how
// (c.gone), from the link events, or with probe also by asking for the
// device (fate), and returns the error Watch reports for it.
func (c *Chain) checkGone(probe bool) error {
	if c.gone.fate == fatePresent {
		if g, ok := c.events.fate(c.ifindex); ok {
			c.gone = g
		} else if probe {
			c.gone = c.fate()
		}
	}
	switch c.gone.fate {
	case fateDeleted:
		return fmt.Errorf("%w", ErrGone)
	case fateMoved:
		if c.gone.newIfindex > 0 {
			return fmt.Errorf("%w (ifindex %d there)", ErrMoved, c.gone.newIfindex)
		}
		return fmt.Errorf("%w", ErrMoved)
	case fateUnknown:
		return fmt.Errorf("%w, or was deleted (no event told which)", ErrMoved)
	}
	return nil
}

// fate says whether the device is still in our namespace and, if not,
// whether it moved or was deleted: an RTM_DELLINK tells. The device may
// vanish from RTM_GETLINK a moment before the event is queued, so a
// missing device waits up to a second for it; without one, a bpf_link
// holding our program still tells (its ifindex is 0 once its device is
// deleted).
func (c *Chain) fate() linkGone {
	if g, ok := c.events.fate(c.ifindex); ok {
		return g
	}
	if _, err := c.nl.getXDP(c.ifindex); !errors.Is(err, unix.ENODEV) {
		return linkGone{fate: fatePresent}
	}
	for i := 0; i < 20; i++ {
		time.Sleep(50 * time.Millisecond)
		if g, ok := c.events.fate(c.ifindex); ok {
			return g
		}
	}
	if c.link != nil {
		if info, err := c.link.Info(); err == nil {
			if x := info.XDP(); x != nil {
				if x.Ifindex == 0 {
					return linkGone{fate: fateDeleted}
				}
				return linkGone{fate: fateMoved, newIfindex: int(x.Ifindex)}
			}
		}
	}
	return linkGone{fate: fateUnknown}
}

func hookID(st *xdpState) uint32 {
	switch {
	case st.ProgID != 0:
		return st.ProgID
	case st.DrvID != 0:
		return st.DrvID
	case st.SkbID != 0:
		return st.SkbID
	}
	return 0
}

// Detach puts back what was attached before, with the same guards as
// Attach: if someone else changed the hook meanwhile, it says so (the
// error wraps ErrReplaced) and leaves their program alone. The pins are
// removed either way, unless the swap back failed for another reason
// (then a later Recover can still finish the job).
func (c *Chain) Detach() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.detached {
		return nil
	}
	unlock, err := lock()
	if err != nil {
		return err
	}
	defer unlock()
	if c.gone.fate == fatePresent {
		c.gone = c.fate()
	}
	switch c.gone.fate {
	case fateDeleted:
		// Nothing of ours runs any more: the device took our program
		// (or the bpf_link holding it is defunct) with it.
		c.detached = true
		c.in.remove()
		c.closeAll()
		return nil
	case fateMoved, fateUnknown:
		return c.leaveAway()
	}
	ins, err := instances(c.netns, c.ifindex)
	if err != nil {
		return err
	}
	defer closeAll(ins)
	err = leave(c.nl, c.ifindex, c.in, ins, c.ours, c.logf)
	if err != nil && !errors.Is(err, ErrReplaced) {
		return err
	}
	c.detached = true
	c.in.remove()
	// What we put back may be the front of an xdpdump that died behind
	// us: restore what it stood in front of too, as the next start would.
	if _, rerr := recoverLocked(c.nl, c.netns, c.ifindex, c.logf); rerr != nil {
		c.logf(fmt.Sprintf("recovering an xdpdump that died behind us: %v", rerr))
	}
	if c.in.st.How == howLinkUpdate && c.link != nil {
		// Our descriptor of the owner's link goes now: if the owner let
		// go of it while we ran, the kernel detaches it (and the original).
		c.link.Close()
		c.link = nil
		c.reportReleased()
	}
	c.closeAll()
	return err
}

// reportReleased says, at exit, what became of an original whose owner
// released its bpf_link while xdpdump ran (noticed by Watch or not).
func (c *Chain) reportReleased() {
	id := link.ID(c.in.st.LinkID)
	if !linkGoneAfterUs(id) {
		return
	}
	hook := "the hook is empty"
	for i := 0; ; i++ {
		st, err := c.nl.getXDP(c.ifindex)
		if err == nil && hookID(st) == 0 {
			break
		}
		if i == 20 {
			hook = "the hook has not emptied yet"
			if err == nil {
				hook = fmt.Sprintf("the hook holds prog %d", hookID(st))
			}
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	c.logf(fmt.Sprintf("its owner had released bpf_link %d while xdpdump ran; with xdpdump's reference gone the kernel detached the link and %s with it, as it would have without xdpdump: %s", id, c.before.progName(), hook))
}

// leaveAway is Detach for a device that left our namespace (c.gone):
// netlink cannot reach it from here, but maps and bpf_links are global. If
// another xdpdump stands in front of us, we splice ourselves out of its
// chain; if a bpf_link holds our program, the link gets back the program
// at the end of our chain (or, our own link, is closed: nothing was
// attached before). Otherwise our netlink-attached program keeps running
// the original on the device in its new namespace, and the pins stay (out
// of the device directory) until `xdpdump --recover` runs there. Called
// with c.mu and the lock held.
func (c *Chain) leaveAway() error {
	ins, err := instances(c.netns, c.ifindex)
	if err != nil {
		return err
	}
	defer closeAll(ins)
	if err := c.in.readState(); err != nil {
		return err
	}
	end, err := progAt(c.in.chainMap, uint32(c.in.st.OrigSlot))
	if err != nil {
		return err
	}
	if end != nil {
		defer end.Close()
	}
	endDesc := "nothing"
	if end != nil {
		endDesc = progDesc(end)
	}
	done := func() error {
		c.detached = true
		c.in.remove()
		c.closeAll()
		return nil
	}
	if ok, err := spliceOut(c.in, ins, end, c.logf); ok {
		if err != nil {
			return err
		}
		return done()
	}
	if c.link != nil {
		if info, err := c.link.Info(); err == nil && info.Program == ebpf.ProgramID(c.in.st.Ours) {
			if c.in.st.How == howOwnLink || end == nil {
				// Closing our own link takes our program off the device.
				c.logf(fmt.Sprintf("removed xdpdump's prog %d from the interface in its new namespace; its hook is empty there, as it was", c.in.st.Ours))
				return done()
			}
			err := linkUpdate(c.link, end, c.ours)
			if err == nil {
				c.logf(fmt.Sprintf("put back %s on bpf_link %d, on the interface in its new namespace", endDesc, info.ID))
				return done()
			}
			c.logf(fmt.Sprintf("putting back %s on bpf_link %d failed: %v", endDesc, info.ID, err))
		}
	}
	if err := c.in.moveAway(); err != nil {
		return err
	}
	name := c.before.IfName
	if name == "" {
		name = "<interface>"
	}
	c.logf(fmt.Sprintf("xdpdump's prog %d stays on the interface in its new namespace, in front of %s, which keeps running behind it; run `xdpdump --recover -i %s` there to put %s back (the pins in %s stay until then)", c.in.st.Ours, endDesc, name, endDesc, c.in.dir))
	c.detached = true
	c.closeAll()
	return nil
}

func (c *Chain) closeAll() {
	if c.link != nil {
		c.link.Close()
		c.link = nil
	}
	if c.ours != nil {
		c.ours.Close()
		c.ours = nil
	}
	if c.in != nil {
		c.in.close()
	}
	c.nl.Close()
	c.events.Close()
}

// progAt returns the program in slot of m, or nil for an empty slot.
func progAt(m *ebpf.Map, slot uint32) (*ebpf.Program, error) {
	if m == nil {
		return nil, nil
	}
	var id uint32
	if err := m.Lookup(slot, &id); err != nil {
		if errors.Is(err, ebpf.ErrKeyNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("reading chain slot %d: %w", slot, err)
	}
	p, err := ebpf.NewProgramFromID(ebpf.ProgramID(id))
	if err != nil {
		return nil, fmt.Errorf("opening program %d of chain slot %d: %w", id, slot, err)
	}
	return p, nil
}

// leave takes instance in out of the device's chain: if its program is on
// the hook, the hook gets back the program at the end of its chain;
// if another instance stands in front of it, that one's chain is spliced
// to skip it. ours may be nil (a dead instance's program is found by ID).
// others are all instances of the device (in among them or not).
func leave(nl *nlConn, ifindex int, in *instance, others []*instance, ours *ebpf.Program, logf func(string)) error {
	if err := in.readState(); err != nil {
		return err
	}
	st := in.st
	cur, err := inspect(nl, ifindex, false)
	if err != nil {
		return err
	}
	end, err := progAt(in.chainMap, uint32(st.OrigSlot))
	if err != nil {
		return err
	}
	if end != nil {
		defer end.Close()
	}
	endDesc := "nothing"
	if end != nil {
		endDesc = progDesc(end)
	}

	if uint32(cur.ProgID) == st.Ours {
		if ours == nil {
			if ours, err = ebpf.NewProgramFromID(cur.ProgID); err != nil {
				return fmt.Errorf("opening our program %d: %w", cur.ProgID, err)
			}
			defer ours.Close()
		}
		if cur.LinkID != 0 {
			l, err := link.NewFromID(cur.LinkID)
			if err != nil {
				return fmt.Errorf("opening bpf_link %d: %w", cur.LinkID, err)
			}
			defer l.Close()
			if end != nil {
				if err := linkUpdate(l, end, ours); err != nil {
					return fmt.Errorf("putting back %s on bpf_link %d: %w", endDesc, cur.LinkID, err)
				}
			} else if err := l.Detach(); err != nil {
				return fmt.Errorf("detaching bpf_link %d: %w", cur.LinkID, err)
			}
		} else {
			fd := -1
			if end != nil {
				fd = end.FD()
			}
			if err := nl.setXDP(ifindex, fd, cur.Mode.flags()|unix.XDP_FLAGS_REPLACE, ours.FD()); err != nil {
				if errors.Is(err, unix.EEXIST) {
					return fmt.Errorf("%w: putting back %s: %w", ErrReplaced, endDesc, err)
				}
				return fmt.Errorf("putting back %s: %w", endDesc, err)
			}
		}
		if end == nil {
			logf(fmt.Sprintf("removed xdpdump's prog %d; the hook is empty, as it was", st.Ours))
		} else {
			logf(fmt.Sprintf("put back %s (%s, %s)", endDesc, cur.Mode, cur.Owner()))
		}
		return nil
	}

	if done, err := spliceOut(in, others, end, logf); done || err != nil {
		return err
	}
	if cur.ProgID == 0 && end == nil {
		// Our own link ended with its process: the hook is empty, as it
		// was before.
		logf("hook is empty, as it was before")
		return nil
	}
	return fmt.Errorf("%w: ifindex %d now runs %s, not xdpdump's prog %d; leaving it alone (it was in front of %s)", ErrReplaced, ifindex, cur, st.Ours, endDesc)
}

func progDesc(p *ebpf.Program) string {
	info, err := p.Info()
	if err != nil {
		return "a program"
	}
	id, _ := info.ID()
	if info.Name == "" {
		return fmt.Sprintf("prog %d", id)
	}
	return fmt.Sprintf("prog %d (%s)", id, info.Name)
}

// spliceOut takes in out of the chain of the instance among others that
// stands in front of it (whose state names in's program as its original):
// that one's end-of-chain slot gets end, the program at the end of in's
// chain, in one map update, and its state record follows. It reports
// whether such an instance was found. Only maps change: it works whatever
// namespace the device is in.
func spliceOut(in *instance, others []*instance, end *ebpf.Program, logf func(string)) (bool, error) {
	endDesc := "nothing"
	if end != nil {
		endDesc = progDesc(end)
	}
	for _, o := range others {
		if o.dir == in.dir || o.st.Orig != in.st.Ours || o.chainMap == nil || o.stateMap == nil {
			continue
		}
		if end != nil {
			if err := o.chainMap.Put(uint32(o.st.OrigSlot), end); err != nil {
				return true, fmt.Errorf("splicing %s into the chain of %s: %w", endDesc, o.dir, err)
			}
		} else if err := o.chainMap.Delete(uint32(o.st.OrigSlot)); err != nil && !errors.Is(err, ebpf.ErrKeyNotExist) {
			return true, fmt.Errorf("splicing %s out of %s: %w", in.dir, o.dir, err)
		}
		o.st.Orig = 0
		if end != nil {
			if info, err := end.Info(); err == nil {
				id, _ := info.ID()
				o.st.Orig = uint32(id)
			}
		}
		if err := o.writeState(); err != nil {
			return true, err
		}
		logf(fmt.Sprintf("the xdpdump in front (pid %d) now runs directly in front of %s", o.st.PID, endDesc))
		return true, nil
	}
	return false, nil
}
