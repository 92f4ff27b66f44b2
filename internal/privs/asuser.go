// asuser.go opens files as -Z's user before the process switches to it:
// one OS thread takes the user's file system identity (fsuid, fsgid,
// supplementary groups) and drops every capability, runs the function
// and ends with its thread, so that what it creates belongs to the user
// and what it opens is checked against the user's rights alone.
package privs

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"time"

	"golang.org/x/sys/unix"
)

// Identity says as whom files are opened: the -Z user, or the process
// itself.
type Identity struct {
	user *User // nil: as the process is
}

// FileIdentity is the identity xdpdump's files are opened with: -Z's user
// when the process runs as root and name is a user other than root, the
// process itself otherwise (no -Z, -Z root, or not root).
func FileIdentity(name string) (Identity, error) {
	if name == "" || unix.Geteuid() != 0 {
		return Identity{}, nil
	}
	u, err := Lookup(name)
	if err != nil {
		return Identity{}, err
	}
	if u.uid == 0 {
		return Identity{}, nil
	}
	return Identity{user: u}, nil
}

// UID is the user files are created for and must belong to.
func (id Identity) UID() int {
	if id.user != nil {
		return id.user.uid
	}
	return unix.Geteuid()
}

// Name is the user's name ("" for the process itself).
func (id Identity) Name() string {
	if id.user != nil {
		return id.user.name
	}
	return ""
}

// Do runs fn as the identity: directly when it is the process itself or
// the process already switched to the user (Drop), otherwise on a thread
// of its own that has the user's file system identity and no
// capabilities. That thread is never reused: fn's goroutine stays locked
// to it, so it ends with the goroutine.
func (id Identity) Do(fn func() error) error {
	if id.user == nil || unix.Geteuid() != 0 {
		return fn()
	}
	type result struct {
		err error
		tid int
	}
	done := make(chan result, 1)
	go func() {
		runtime.LockOSThread()
		// Never unlocked: the thread goes with the goroutine.
		tid := unix.Gettid()
		if tid == unix.Getpid() {
			// Go never ends the main thread: a locked goroutine that
			// exits there leaves it wedged, with the user's identity
			// and no capabilities, and the setuid of a later Drop
			// (applied to every thread) would fail on it and abort the
			// process. The program locks its main goroutine to the main
			// thread (cmd/xdpdump does, in init) so that this cannot be.
			done <- result{errors.New("privs: Identity.Do ran on the main thread: lock the main goroutine to it first"), 0}
			return
		}
		if err := becomeFileUser(id.user); err != nil {
			done <- result{err, tid}
			return
		}
		done <- result{fn(), tid}
	}()
	r := <-done
	waitThreadGone(r.tid)
	return r.err
}

// waitThreadGone waits (at most 2 s) until thread tid of this process
// has ended: until then it has the user's identity and no capabilities,
// and a Drop meanwhile would fail on it as on a wedged main thread.
func waitThreadGone(tid int) {
	if tid == 0 {
		return
	}
	task := fmt.Sprintf("/proc/self/task/%d", tid)
	for i := 0; i < 2000; i++ {
		if _, err := os.Stat(task); errors.Is(err, os.ErrNotExist) {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// becomeFileUser gives the calling thread u's file system identity and
// clears all its capabilities. Linux keeps credentials per thread; the
// raw system calls (unlike libc's, which apply them to every thread)
// change only this one.
func becomeFileUser(u *User) error {
	fail := func(err error) error {
		return fmt.Errorf("Couldn't open files as '%.32s' uid=%d gid=%d: %v", u.name, u.uid, u.gid, err)
	}
	groups := u.groups
	if len(groups) == 0 {
		groups = []int{u.gid}
	}
	if err := unix.Setgroups(groups); err != nil {
		return fail(err)
	}
	if err := unix.Setfsgid(u.gid); err != nil {
		return fail(err)
	}
	if err := unix.Setfsuid(u.uid); err != nil {
		return fail(err)
	}
	// setfsuid reports no failure: read both back.
	if got, _ := unix.SetfsuidRetUid(-1); got != u.uid {
		return fail(fmt.Errorf("fsuid is %d", got))
	}
	if got, _ := unix.SetfsgidRetGid(-1); got != u.gid {
		return fail(fmt.Errorf("fsgid is %d", got))
	}
	// A non-zero fsuid already clears the file capabilities
	// (CAP_DAC_OVERRIDE, CAP_FOWNER, ...); clear the rest too.
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if err := unix.Capset(&hdr, &data[0]); err != nil {
		return fail(err)
	}
	return nil
}
