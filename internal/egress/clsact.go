package egress

import (
	"errors"
	"fmt"
	"os"
	"sort"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/procid"
	"github.com/xdpdump/xdpdump/internal/rtnl"
)

// The clsact fallback: where tcx is missing (before Linux 6.6), or when
// asked for, the program goes in as a direct-action bpf filter on the egress
// of a clsact qdisc, as `tc filter add dev X egress bpf da` would put it.
//
//   - The clsact qdisc is created only if the interface has none; Close
//     removes it only if an xdpdump created it and no filter other than
//     ours was added to it meanwhile (ingress or egress, any chain); if
//     only other xdpdumps' filters are left, it passes to them.
//   - Every change is recorded in a pinned record first (clsact_state.go),
//     so the next start or `xdpdump --recover` removes what a killed
//     xdpdump left: its filter, and the qdisc it created.
//   - Our filter gets a preference (prio) of its own that no filter of the
//     interface's egress uses: after the highest one there (runs last: see
//     what actually leaves), or before the lowest one with first. It is
//     the only filter at that prio, with handle 1, so Close deletes exactly
//     it, and only if it still carries our program.
//   - The program returns TC_ACT_UNSPEC (-1, the same value as TCX_NEXT):
//     under clsact that is "no verdict, go on with the next filter", so the
//     filters after ours run as before.
//
// Unlike a tcx link, which the kernel detaches when its last fd closes, a
// filter stays when the process dies without Close: hence the records. It
// can also be told by its name (the program's, "xdpdump_egress" or
// "xdpdump_flows_e") and removed with tc filter del.

const (
	ourHandle = 1
	// defaultPrio is where tc puts a filter when no prio is given and the
	// hook has none (0xC000 = 49152).
	defaultPrio = 0xc000
)

type clsactFilter struct {
	nl          *nlConn
	ifindex     int
	prio        uint16
	progID      uint32
	ownQdisc    bool
	closed      bool
	egressMinor uint32
	book        *clsactBook // the pinned record (nil without bpffs)
	netns       uint64      // of the device: Close may run on any thread
}

func (f *clsactFilter) Hook() Hook { return HookClsact }

// attachClsact adds prog as a direct-action bpf filter to the egress of
// ifindex (a device in the calling thread's namespace). It first removes
// what killed xdpdumps left on that clsact (RecoverClsact), and records
// each change in a pinned record before making it.
func attachClsact(ifindex int, prog *ebpf.Program, first bool) (_ *clsactFilter, err error) {
	info, err := prog.Info()
	if err != nil {
		return nil, fmt.Errorf("reading the program's info: %w", err)
	}
	id, ok := info.ID()
	if !ok {
		return nil, errors.New("the kernel does not report program IDs")
	}
	name := info.Name
	if name == "" {
		name = "xdpdump"
	}
	nl, err := openNetlink()
	if err != nil {
		return nil, err
	}
	f := &clsactFilter{nl: nl, ifindex: ifindex, progID: uint32(id), egressMinor: tcHMinEgress}
	if isBPFFS() {
		unlock, err := lockPins()
		if err != nil {
			nl.Close()
			return nil, err
		}
		defer unlock()
		netns, err := netnsIno()
		if err != nil {
			nl.Close()
			return nil, err
		}
		f.netns = netns
		logf := Log
		if logf == nil {
			logf = func(string) {}
		}
		if _, err := recoverClsactLocked(nl, netns, ifindex, logf); err != nil {
			nl.Close()
			return nil, fmt.Errorf("removing what an earlier xdpdump left on clsact: %w", err)
		}
		f.book, err = newClsactBook(netns, clsactRec{
			Magic: clsactMagic, Version: clsactVersion,
			PID: uint32(os.Getpid()), Start: procid.Start(os.Getpid()),
			Ifindex: uint32(ifindex), NetnsIno: netns,
			ProgID: uint32(id), Handle: ourHandle, Minor: tcHMinEgress,
		})
		if err != nil {
			nl.Close()
			return nil, err
		}
	}
	defer func() {
		if err != nil {
			_ = f.removeQdisc()
			f.book.remove()
			nl.Close()
		}
	}()
	if err := f.ensureQdisc(); err != nil {
		return nil, err
	}
	// Another process may take the prio we picked between the listing and
	// the add: pick again then.
	for try := 0; ; try++ {
		prio, err := f.freePrio(first)
		if err != nil {
			return nil, err
		}
		if f.book != nil {
			f.book.rec.Prio = uint32(prio)
			if err := f.book.write(); err != nil {
				return nil, err
			}
		}
		opts := append(rtnl.AttrU32(tcaBPFFD, uint32(prog.FD())), rtnl.AttrString(tcaBPFName, name)...)
		opts = append(opts, rtnl.AttrU32(tcaBPFFlags, tcaBPFFlagActDirect)...)
		body := tcMsg{
			Ifindex: int32(ifindex),
			Handle:  ourHandle,
			Parent:  clsactHandle | f.egressMinor,
			Info:    filterInfo(prio),
		}.bytes()
		body = append(body, rtnl.AttrString(unix.TCA_KIND, "bpf")...)
		body = append(body, rtnl.Attr(unix.TCA_OPTIONS|unix.NLA_F_NESTED, opts)...)
		_, err = nl.Request(unix.RTM_NEWTFILTER, unix.NLM_F_CREATE|unix.NLM_F_EXCL, body)
		if err == nil {
			f.prio = prio
			return f, nil
		}
		if try < 3 && (errors.Is(err, unix.EEXIST) || errors.Is(err, unix.EINVAL)) {
			if again, _ := f.prioUsed(prio); again {
				continue
			}
		}
		return nil, fmt.Errorf("adding the bpf filter to clsact egress at pref %d: %w", prio, err)
	}
}

// ensureQdisc makes sure the interface has a clsact qdisc, creating it if
// it has none (and recording that, before and after).
func (f *clsactFilter) ensureQdisc() error {
	qs, err := f.nl.qdiscs(f.ifindex)
	if errors.Is(err, unix.ENODEV) {
		return fmt.Errorf("no interface with index %d: %w", f.ifindex, err)
	}
	if err != nil {
		return err
	}
	for _, q := range qs {
		if q.parent != tcHClsact && q.handle != clsactHandle {
			continue
		}
		if q.kind == "clsact" {
			return nil
		}
		return fmt.Errorf("interface %d has an %q qdisc where clsact would go (tc qdisc del dev ... %s, or use tcx)", f.ifindex, q.kind, q.kind)
	}
	if f.book != nil {
		f.book.rec.Qdisc = qdiscCreating
		if err := f.book.write(); err != nil {
			return err
		}
	}
	body := tcMsg{Ifindex: int32(f.ifindex), Handle: clsactHandle, Parent: tcHClsact}.bytes()
	body = append(body, rtnl.AttrString(unix.TCA_KIND, "clsact")...)
	_, err = f.nl.Request(unix.RTM_NEWQDISC, unix.NLM_F_CREATE|unix.NLM_F_EXCL, body)
	record := func(q uint32) error {
		if f.book == nil {
			return nil
		}
		f.book.rec.Qdisc = q
		return f.book.write()
	}
	switch {
	case err == nil:
		f.ownQdisc = true
		return record(qdiscOurs)
	case errors.Is(err, unix.EEXIST):
		// Someone else made it in the meantime: it is theirs.
		if err := record(qdiscNotOurs); err != nil {
			return err
		}
		return f.ensureQdisc()
	case errors.Is(err, unix.ENODEV):
		record(qdiscNotOurs)
		return fmt.Errorf("no interface with index %d: %w", f.ifindex, err)
	}
	record(qdiscNotOurs)
	return fmt.Errorf("adding a clsact qdisc: %w", err)
}

// freePrio picks a prio no filter in chain 0 of the egress uses: just after
// the highest one (or before the lowest, if first); defaultPrio when there
// are none; any free one if that end is full.
func (f *clsactFilter) freePrio(first bool) (uint16, error) {
	fs, err := f.nl.filters(f.ifindex, f.egressMinor)
	if err != nil {
		return 0, err
	}
	used := map[uint16]bool{}
	var prios []int
	for _, x := range fs {
		if x.chain == 0 && !used[x.prio] {
			used[x.prio] = true
			prios = append(prios, int(x.prio))
		}
	}
	if len(prios) == 0 {
		return defaultPrio, nil
	}
	sort.Ints(prios)
	lo, hi := prios[0], prios[len(prios)-1]
	if first && lo > 1 {
		return uint16(lo - 1), nil
	}
	if !first && hi < 0xffff {
		return uint16(hi + 1), nil
	}
	// That end is taken: the free prio nearest to it.
	if first {
		for p := 1; p <= 0xffff; p++ {
			if !used[uint16(p)] {
				return uint16(p), nil
			}
		}
	} else {
		for p := 0xffff; p >= 1; p-- {
			if !used[uint16(p)] {
				return uint16(p), nil
			}
		}
	}
	return 0, errors.New("every filter preference of clsact egress is taken")
}

func (f *clsactFilter) prioUsed(prio uint16) (bool, error) {
	fs, err := f.nl.filters(f.ifindex, f.egressMinor)
	if err != nil {
		return false, err
	}
	for _, x := range fs {
		if x.chain == 0 && x.prio == prio {
			return true, nil
		}
	}
	return false, nil
}

// Close deletes our filter (if it still carries our program) and the
// clsact qdisc if an xdpdump created it and nothing else is on it; if
// other xdpdumps' filters are, the qdisc passes to them (see
// clsact_state.go).
func (f *clsactFilter) Close() error {
	if f.closed {
		return nil
	}
	f.closed = true
	defer f.nl.Close()
	if f.book != nil {
		unlock, err := lockPins()
		if err != nil {
			return err
		}
		defer unlock()
		if err := f.book.read(); err == nil {
			// Handed over by the xdpdump that created it, maybe.
			f.ownQdisc = f.book.rec.Qdisc == qdiscOurs
		}
	}
	err := errors.Join(f.deleteFilter(), f.removeQdisc())
	if err == nil {
		f.book.remove()
	} else {
		f.book.close()
	}
	return err
}

func (f *clsactFilter) deleteFilter() error {
	_, err := f.deleteOurFilter(true)
	return err
}

// removeQdisc leaves the clsact qdisc if it is ours (leaveQdisc).
func (f *clsactFilter) removeQdisc() error {
	if !f.ownQdisc {
		return nil
	}
	f.ownQdisc = false
	_, err := f.leaveQdisc(false)
	return err
}
