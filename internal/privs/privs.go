// Package privs is -Z: switching the whole process to an unprivileged
// user once xdpdump is attached, while one OS thread keeps the
// capabilities that detaching needs, and, before the switch, opening the
// user's files as that user (AsUser): a file system identity on one
// thread, without any capability.
package privs

import (
	"fmt"
	"io"
	"os/user"
	"runtime"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// User is the -Z user.
type User struct {
	name     string
	uid, gid int
	groups   []int
}

// Lookup finds -Z's user, with tcpdump's message when there is none.
func Lookup(name string) (*User, error) {
	u, err := user.Lookup(name)
	if err != nil {
		if _, nerr := strconv.Atoi(name); nerr == nil {
			u, err = user.LookupId(name)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("Couldn't find user '%.32s'", name)
	}
	p := &User{name: name}
	p.uid, _ = strconv.Atoi(u.Uid)
	p.gid, _ = strconv.Atoi(u.Gid)
	if gids, err := u.GroupIds(); err == nil {
		for _, g := range gids {
			if n, err := strconv.Atoi(g); err == nil {
				p.groups = append(p.groups, n)
			}
		}
	}
	return p, nil
}

// keptCaps are the capabilities the privileged thread keeps after -Z,
// all of them for the detach: CAP_NET_ADMIN to put a chained program back
// on the XDP hook through netlink, CAP_BPF and CAP_PERFMON for BPF
// commands on the way out, CAP_SYS_ADMIN because the detach looks up
// links by ID (BPF_LINK_GET_NEXT_ID/GET_FD_BY_ID need it), and
// CAP_DAC_OVERRIDE to remove xdpdump's pins in bpffs (root's 0700
// directories under /sys/fs/bpf/xdpdump). The thread opens no path a
// user names: output files are opened as the user (AsUser, or after the
// switch by any other thread), never through Run.
var keptCaps = []uint{unix.CAP_NET_ADMIN, unix.CAP_BPF, unix.CAP_PERFMON, unix.CAP_SYS_ADMIN, unix.CAP_DAC_OVERRIDE}

// privThread runs functions on the one OS thread that kept keptCaps;
// nil before -Z (then privileged runs them directly).
var privThread chan func()

// Run runs fn with the privileges xdpdump started with, or, after -Z,
// with keptCaps: on the thread that kept them. Only the detach goes
// through it.
func Run(fn func() error) error {
	if privThread == nil {
		return fn()
	}
	done := make(chan error, 1)
	privThread <- func() { done <- fn() }
	return <-done
}

// Drop switches the whole process to -Z's user (setgroups,
// setgid, setuid: Go applies them to every thread) after the programs
// are attached and the output is open. Every thread loses all
// capabilities except one, locked to a goroutine that serves privileged:
// it set PR_SET_KEEPCAPS before the switch and raises keptCaps again
// after it. The capabilities are per thread in Linux, so code running on
// any other thread (all of the capture) runs as the plain user.
// Drop does nothing for an empty name, for root, or when not root.
func Drop(name string, stderr io.Writer) error {
	if name == "" || privThread != nil {
		return nil
	}
	u, err := Lookup(name)
	if err != nil {
		return err
	}
	if syscall.Geteuid() != 0 {
		// As tcpdump: -Z only means something to root.
		return nil
	}
	if u.uid == 0 {
		return nil // -Z root: keep everything, as tcpdump
	}
	ch := make(chan func())
	ready := make(chan error)
	go func() {
		// Never unlocked: if this goroutine ended, its thread would end
		// with it rather than go back to the pool with capabilities.
		runtime.LockOSThread()
		ready <- switchUser(u)
		for fn := range ch {
			fn()
		}
	}()
	if err := <-ready; err != nil {
		return err
	}
	privThread = ch
	fmt.Fprintf(stderr, "dropped privs to %s\n", name)
	return nil
}

// switchUser runs on the locked thread.
func switchUser(u *User) error {
	fail := func(err error) error {
		return fmt.Errorf("Couldn't change to '%.32s' uid=%d gid=%d: %v", u.name, u.uid, u.gid, err)
	}
	if err := unix.Prctl(unix.PR_SET_KEEPCAPS, 1, 0, 0, 0); err != nil {
		return fail(err)
	}
	groups := u.groups
	if len(groups) == 0 {
		groups = []int{u.gid}
	}
	if err := syscall.Setgroups(groups); err != nil {
		return fail(err)
	}
	if err := syscall.Setgid(u.gid); err != nil {
		return fail(err)
	}
	if err := syscall.Setuid(u.uid); err != nil {
		return fail(err)
	}
	// Back to 0 so that no later thread created here would inherit it.
	unix.Prctl(unix.PR_SET_KEEPCAPS, 0, 0, 0, 0)
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	for _, c := range keptCaps {
		data[c/32].Effective |= 1 << (c % 32)
		data[c/32].Permitted |= 1 << (c % 32)
	}
	if err := unix.Capset(&hdr, &data[0]); err != nil {
		return fail(fmt.Errorf("keeping CAP_NET_ADMIN on the detaching thread: %w", err))
	}
	return nil
}
