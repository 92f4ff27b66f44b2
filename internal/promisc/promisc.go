// Package promisc puts an interface into promiscuous mode for a capture,
// as tcpdump does unless -p, and back to the state it was found in when
// the capture ends, also after the capturing process was killed.
//
// The flag is IFF_PROMISC as `ip link set promisc on` sets it (the
// interface's own flag, which `ip link show` reports as PROMISC), not the
// promiscuity counter of an AF_PACKET membership (PACKET_MR_PROMISC, what
// libpcap uses), which `ip link show` does not show and which dies with
// its socket. Because the flag outlives a killed process, what xdpdump
// changed is recorded before it changes it, in directories under bpffs
// (which holds nothing but BPF objects and directories), like the chain's
// pins:
//
//	<BPFFS>/xdpdump/promisc/<ifindex>-ns<netns cookie>/   (promisc/ itself removed when empty)
//	    <pid>-<start time>/   one per xdpdump capturing on the interface
//	    set-<ifname>/         xdpdump turned IFF_PROMISC on: the last one
//	                          to leave turns it off again
//
// Several xdpdumps on one interface share the change: the one that finds
// the flag off turns it on and marks it; whichever leaves last (or the
// next start, or --recover, once every recorded process is gone) turns it
// off. All changes are made under a flock of the promisc directory.
package promisc

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xdpdump/xdpdump/internal/netns"
	"github.com/xdpdump/xdpdump/internal/pinroot"
	"github.com/xdpdump/xdpdump/internal/procid"

	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/rtnl"
)

// BPFFS is where bpffs is mounted.
var BPFFS = "/sys/fs/bpf"

func base() string { return filepath.Join(BPFFS, "xdpdump", "promisc") }

// Hold is one capture's use of promiscuous mode on one interface.
type Hold struct {
	dir  string
	user string
	name string
	// Set says that this capture found the flag off and turned it on.
	Set bool
}

// lock takes the flock that serialises every change of xdpdump's records
// in bpffs (internal/pinroot; the chain's and clsact's take the same), and
// makes base(). Its unlock removes base() again when it is left empty, so
// that bpffs holds nothing of ours but the root directory while no
// xdpdump runs.
func lock() (func(), error) {
	unlock, err := pinroot.Lock(BPFFS)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(base(), 0o700); err != nil {
		unlock()
		return nil, fmt.Errorf("creating %s: %w", base(), err)
	}
	return func() {
		os.Remove(base()) // fails unless empty
		unlock()
	}, nil
}

// netnsIno names the calling thread's network namespace (internal/netns:
// its cookie, never reused while the machine runs).
func netnsIno() (uint64, error) { return netns.Current() }

// self names this process's entry: its PID and start time (a PID can be
// reused).
func self() string {
	pid, start := procid.Self()
	return fmt.Sprintf("%d-%d", pid, start)
}

// alive reports whether the process an entry names still runs.
func alive(entry string) bool {
	pid, start, ok := strings.Cut(entry, "-")
	if !ok {
		return false
	}
	p, err1 := strconv.Atoi(pid)
	s, err2 := strconv.ParseUint(start, 10, 64)
	return err1 == nil && err2 == nil && procid.Alive(p, s)
}

// devDir is the directory of interface ifindex of this namespace.
func devDir(netns uint64, ifindex int) string {
	return filepath.Join(base(), fmt.Sprintf("%d-ns%d", ifindex, netns))
}

// Acquire turns IFF_PROMISC on for interface ifindex of the calling
// thread's namespace unless it is on already, recording it first.
func Acquire(ifindex int) (*Hold, error) {
	nl, err := rtnl.Open()
	if err != nil {
		return nil, err
	}
	defer nl.Close()
	l, err := nl.Link(ifindex)
	if err != nil {
		return nil, err
	}
	netns, err := netnsIno()
	if err != nil {
		return nil, err
	}
	unlock, err := lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	dir := devDir(netns, ifindex)
	if _, err := settle(nl, dir, ifindex, nil); err != nil {
		return nil, err
	}
	h := &Hold{dir: dir, user: self(), name: l.Name}
	if err := os.MkdirAll(filepath.Join(dir, h.user), 0o700); err != nil {
		return nil, fmt.Errorf("recording promiscuous mode: %w", err)
	}
	if l.Flags&unix.IFF_PROMISC != 0 {
		// On already: by someone else (left alone), or by another xdpdump
		// (whose mark the last of us clears).
		return h, nil
	}
	// The mark goes first: a crash between the two leaves a mark that the
	// next start clears (turning off a flag that is off).
	if err := os.Mkdir(filepath.Join(dir, "set-"+l.Name), 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		os.Remove(filepath.Join(dir, h.user))
		return nil, fmt.Errorf("recording promiscuous mode: %w", err)
	}
	if err := nl.SetFlags(ifindex, unix.IFF_PROMISC, unix.IFF_PROMISC); err != nil {
		os.Remove(filepath.Join(dir, "set-"+l.Name))
		os.Remove(filepath.Join(dir, h.user))
		os.Remove(dir)
		return nil, fmt.Errorf("%s: setting promiscuous mode: %w", l.Name, err)
	}
	h.Set = true
	return h, nil
}

// mark returns the name of dir's set-<ifname> entry.
func mark(dir string) (string, bool) {
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if n, ok := strings.CutPrefix(e.Name(), "set-"); ok {
			return n, true
		}
	}
	return "", false
}

// settle removes dir's entries of processes that are gone, except keep,
// and, when no xdpdump is left on the interface, turns IFF_PROMISC off if
// an xdpdump turned it on, then removes dir. It reports whether it turned
// the flag off.
func settle(nl *rtnl.Conn, dir string, ifindex int, keep map[string]bool) (bool, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	users := 0
	for _, e := range ents {
		n := e.Name()
		if strings.HasPrefix(n, "set-") {
			continue
		}
		if keep[n] || alive(n) {
			users++
			continue
		}
		os.Remove(filepath.Join(dir, n))
	}
	if users > 0 {
		return false, nil
	}
	off := false
	if name, ok := mark(dir); ok {
		// Only the interface the mark names: an ifindex may have been
		// given to another device since.
		if l, err := nl.Link(ifindex); err == nil && l.Name == name && l.Flags&unix.IFF_PROMISC != 0 {
			if err := nl.SetFlags(ifindex, 0, unix.IFF_PROMISC); err != nil {
				return false, fmt.Errorf("%s: turning promiscuous mode off: %w", name, err)
			}
			off = true
		}
		os.Remove(filepath.Join(dir, "set-"+name))
	}
	os.Remove(dir)
	return off, nil
}

// Release ends h: the last xdpdump on the interface turns IFF_PROMISC off
// again if an xdpdump turned it on.
func (h *Hold) Release() error {
	if h == nil || h.dir == "" {
		return nil
	}
	nl, err := rtnl.Open()
	if err != nil {
		return err
	}
	defer nl.Close()
	unlock, err := lock()
	if err != nil {
		return err
	}
	defer unlock()
	os.Remove(filepath.Join(h.dir, h.user))
	ifindex, _ := strconv.Atoi(strings.SplitN(filepath.Base(h.dir), "-", 2)[0])
	_, err = settle(nl, h.dir, ifindex, nil)
	h.dir = ""
	return err
}

// Recover turns promiscuous mode off where xdpdumps that are gone turned
// it on, on the interfaces of the calling thread's namespace (all of them
// when ifindex is 0), and returns the names of the interfaces it turned
// off; interfaces that no longer exist lose their records.
func Recover(ifindex int) ([]string, error) {
	if _, err := os.Stat(base()); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	netns, err := netnsIno()
	if err != nil {
		return nil, err
	}
	nl, err := rtnl.Open()
	if err != nil {
		return nil, err
	}
	defer nl.Close()
	unlock, err := lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	ents, err := os.ReadDir(base())
	if err != nil {
		return nil, err
	}
	var out []string
	suffix := fmt.Sprintf("-ns%d", netns)
	for _, e := range ents {
		idx, ok := strings.CutSuffix(e.Name(), suffix)
		if !ok {
			continue
		}
		n, err := strconv.Atoi(idx)
		if err != nil || ifindex != 0 && n != ifindex {
			continue
		}
		dir := filepath.Join(base(), e.Name())
		name, _ := mark(dir)
		off, err := settle(nl, dir, n, map[string]bool{self(): true})
		if err != nil {
			return out, err
		}
		if off {
			out = append(out, name)
		}
	}
	return out, nil
}
