// Recovery: putting back what xdpdumps that died left on the hook, and
// the invariant that keeps the original program alive meanwhile.
//
// The invariant: while the front program of an xdpdump instance is
// attached anywhere — on the device it was pinned for, on the same device
// after it moved to another network namespace or got another ifindex, or
// behind another xdpdump — the instance's prog array stays pinned, because
// the kernel empties a prog array when its last user-space reference goes
// and the original would then be bypassed. Recovery removes an instance's
// pins only after it put the original back, or once nothing of the
// instance runs any more (its front program is gone, or the bpf_link that
// held it is gone, detached from a deleted device or holds another
// program: frontRunning). Front programs are found by program ID and
// bpf_link ID, which are global, so a recovery run in any namespace finds
// the leftovers of a device that moved there.
package chain

import (
	"errors"
	"fmt"
	"os"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// Recover finds leftovers of xdpdumps that died on ifindex (pins whose
// process is gone) and restores the program each stood in front of,
// saying what it did through log. It also finds the leftovers of an
// xdpdump that ran on this device while it was in another namespace (or
// had another ifindex), by the program on its hook, and removes the pins
// of dead xdpdumps anywhere of which nothing runs any more. Attach calls
// it first. It reports whether there was anything to recover.
func Recover(ifindex int, log func(string)) (bool, error) {
	if log == nil {
		log = nopLog
	}
	if err := ensureBPFFS(); err != nil {
		return false, err
	}
	unlock, err := lock()
	if err != nil {
		return false, err
	}
	defer unlock()
	netns, err := netnsIno()
	if err != nil {
		return false, err
	}
	nl, err := newNL()
	if err != nil {
		return false, err
	}
	defer nl.Close()
	return recoverLocked(nl, netns, ifindex, log)
}

func recoverLocked(nl *nlConn, netns uint64, ifindex int, logf func(string)) (bool, error) {
	dir := ifaceDir(netns, ifindex)
	// Directories without a state record: an instance died while pinning,
	// before it touched the hook.
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			d := dir + "/" + e.Name()
			if _, err := os.Stat(d + "/state"); errors.Is(err, os.ErrNotExist) {
				os.Remove(d + "/chain")
				os.Remove(d)
			}
		}
	}
	all, err := allInstances()
	defer closeAllGroups(all)
	if err != nil && len(all[dir]) == 0 {
		if _, err2 := instances(netns, ifindex); err2 != nil {
			return false, err2
		}
	}
	found := false
	var errs []error
	removed := map[string]bool{}

	// 1. The device's own directory.
	ins := all[dir]
	for _, in := range ins {
		if in.st.alive() {
			continue
		}
		found = true
		logf(fmt.Sprintf("found leftovers of xdpdump pid %d that is gone (%s)", in.st.PID, in.dir))
		keep, err := recoverOne(nl, ifindex, in, ins, all, logf)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !keep {
			in.remove()
			removed[in.dir] = true
		}
	}

	// 2. The hook runs the front program of a dead xdpdump pinned for
	// another directory: the device was in another namespace (or had
	// another ifindex) when that xdpdump ran.
	for hop := 0; hop < 2*chainSlots; hop++ {
		cur, err := inspect(nl, ifindex, false)
		if err != nil || cur.ProgID == 0 {
			break
		}
		in := findFront(all, removed, cur.ProgID)
		if in == nil || in.st.alive() {
			break
		}
		found = true
		where := fmt.Sprintf("ifindex %d of network namespace %d: it moved here since", in.st.Ifindex, in.st.NetnsIno)
		if in.st.NetnsIno == netns {
			where = fmt.Sprintf("ifindex %d of this namespace", in.st.Ifindex)
		}
		logf(fmt.Sprintf("found leftovers of xdpdump pid %d that is gone, pinned when this interface was %s (%s)", in.st.PID, where, in.dir))
		err = leave(nl, ifindex, in, groupOf(all, in), nil, logf)
		if err != nil && !errors.Is(err, ErrReplaced) {
			errs = append(errs, err)
			break
		}
		in.remove()
		removed[in.dir] = true
	}

	// 3. Dead xdpdumps anywhere of which nothing runs any more: their pins
	// keep nothing alive that any hook uses.
	for d, group := range all {
		if d == dir {
			continue
		}
		for _, in := range group {
			if removed[in.dir] || in.st.alive() {
				continue
			}
			if running, _ := in.frontRunning(all); running {
				continue
			}
			found = true
			logf(fmt.Sprintf("removed the pins of xdpdump pid %d that is gone (%s): nothing of it runs any more", in.st.PID, in.dir))
			in.remove()
			removed[in.dir] = true
		}
	}
	for d := range all {
		os.Remove(d) // fails unless empty
	}
	return found, errors.Join(errs...)
}

// recoverOne deals with the leftovers of a dead instance pinned for this
// device: it puts back the original (or splices the instance out of the
// chain of the xdpdump in front of it), or, if its front program is no
// longer here but still runs elsewhere, keeps its pins (keep) and moves
// them out of the device's directory.
func recoverOne(nl *nlConn, ifindex int, in *instance, group []*instance, all map[string][]*instance, logf func(string)) (keep bool, err error) {
	cur, err := inspect(nl, ifindex, false)
	if err != nil && !errors.Is(err, unix.ENODEV) {
		return false, err
	}
	onHook := err == nil && cur.ProgID != 0 && uint32(cur.ProgID) == in.st.Ours
	if onHook {
		if p, err := ebpf.NewProgramFromID(cur.ProgID); err == nil {
			onHook = in.isFront(p)
			p.Close()
		}
	}
	behind := false
	for _, o := range group {
		if o.dir != in.dir && o.st.Orig == in.st.Ours {
			behind = true
		}
	}
	if onHook || behind {
		if err := leave(nl, ifindex, in, group, nil, logf); err != nil {
			if !errors.Is(err, ErrReplaced) {
				return false, err
			}
			logf(fmt.Sprintf("%v; removed the dead xdpdump's pins", err))
		}
		return false, nil
	}
	end, _ := progAt(in.chainMap, uint32(in.st.OrigSlot))
	endDesc := "nothing"
	if end != nil {
		endDesc = progDesc(end)
		end.Close()
	}
	if running, where := in.frontRunning(all); running {
		if err := in.moveAway(); err != nil {
			return true, err
		}
		logf(fmt.Sprintf("its prog %d is no longer on ifindex %d here but still runs (%s): its pins stay (now in %s), so that %s behind it keeps running; `xdpdump --recover -i <interface>` in the namespace the interface is in now puts %s back", in.st.Ours, ifindex, where, in.dir, endDesc, endDesc))
		return true, nil
	}
	switch {
	case err != nil:
		logf(fmt.Sprintf("ifindex %d is gone, and nothing of the dead xdpdump runs any more; removed its pins", ifindex))
	case cur.ProgID == 0 && end == nil:
		logf("hook is empty, as it was before")
	default:
		logf(fmt.Sprintf("ifindex %d now runs %s, not xdpdump's prog %d, which no longer runs anywhere; left it alone and removed the dead xdpdump's pins (it stood in front of %s)", ifindex, cur, in.st.Ours, endDesc))
	}
	return false, nil
}

// findFront returns the instance (of any device directory) whose front
// program is prog, or nil.
func findFront(all map[string][]*instance, removed map[string]bool, prog ebpf.ProgramID) *instance {
	p, err := ebpf.NewProgramFromID(prog)
	if err != nil {
		return nil
	}
	defer p.Close()
	for _, group := range all {
		for _, in := range group {
			if !removed[in.dir] && in.st.Ours == uint32(prog) && in.isFront(p) {
				return in
			}
		}
	}
	return nil
}

// groupOf returns the instances pinned in the same directory as in.
func groupOf(all map[string][]*instance, in *instance) []*instance {
	for _, group := range all {
		for _, o := range group {
			if o == in {
				return group
			}
		}
	}
	return []*instance{in}
}
