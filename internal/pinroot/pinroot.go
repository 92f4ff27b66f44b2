// Package pinroot keeps the directory under which every xdpdump keeps its
// pins (chain, clsact records, promiscuous-mode records, xdpcap hook
// slots), <bpffs>/xdpdump, and the lock that serialises their changes.
//
// bpffs is often mounted world-writable with the sticky bit (mode 1777):
// any local user may create <bpffs>/xdpdump before root does, and then
// rename or replace whatever root puts inside, and anyone who can open the
// bpffs root can hold a flock on it for ever. So the directory is made
// with mode 0700, refused unless it is a real directory that belongs to
// us and that nobody else may write, never removed, and the lock is a
// flock on it (nobody else can open it).
package pinroot

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/sys/unix"
)

// Name is the directory's name under the bpffs mount point.
const Name = "xdpdump"

// Dir is <bpffs>/xdpdump.
func Dir(bpffs string) string { return filepath.Join(bpffs, Name) }

// Mount mounts bpffs at bpffs (mode 0700) unless a BPF filesystem is
// mounted there already.
func Mount(bpffs string) error {
	var fs unix.Statfs_t
	if err := unix.Statfs(bpffs, &fs); err == nil && uint32(fs.Type) == unix.BPF_FS_MAGIC {
		return nil
	}
	if err := os.MkdirAll(bpffs, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", bpffs, err)
	}
	if err := unix.Mount("bpf", bpffs, "bpf", 0, "mode=0700"); err != nil {
		return fmt.Errorf("mounting bpffs at %s: %w", bpffs, err)
	}
	return nil
}

// Ensure mounts bpffs if needed and makes <bpffs>/xdpdump, or checks the
// one that is there: a directory (not a link) of root's (or of our
// effective user's) that neither its group nor others may write.
func Ensure(bpffs string) error {
	if err := Mount(bpffs); err != nil {
		return err
	}
	d := Dir(bpffs)
	if err := unix.Mkdir(d, 0o700); err != nil && !errors.Is(err, unix.EEXIST) {
		return fmt.Errorf("creating %s: %w", d, err)
	}
	var st unix.Stat_t
	if err := unix.Lstat(d, &st); err != nil {
		return fmt.Errorf("reading %s: %w", d, err)
	}
	return check(d, &st)
}

// check refuses a directory that another user could change.
func check(d string, st *unix.Stat_t) error {
	switch {
	case st.Mode&unix.S_IFMT != unix.S_IFDIR:
		return fmt.Errorf("%s is not a directory: xdpdump keeps its state there; remove it and start again", d)
	case st.Uid != 0 && int(st.Uid) != os.Geteuid():
		// root's, or ours when we run as another user with capabilities
		// (after -Z, the thread that detaches keeps them and is nobody).
		return fmt.Errorf("%s belongs to uid %d, not to root: another user may have made it to tamper with xdpdump's state; remove it and start again", d, st.Uid)
	case st.Mode&0o022 != 0:
		return fmt.Errorf("%s may be written by others (mode %04o): xdpdump keeps its state there; chmod 0700 it and start again", d, st.Mode&0o7777)
	}
	return nil
}

var procLock sync.Mutex

// Lock ensures <bpffs>/xdpdump and takes the flock on it that serialises
// every change of xdpdump's pins among all xdpdump processes (and procLock
// among the goroutines of this one). Locks do not nest: the caller must
// not hold one already.
func Lock(bpffs string) (unlock func(), err error) {
	procLock.Lock()
	defer func() {
		if err != nil {
			procLock.Unlock()
		}
	}()
	if err := Ensure(bpffs); err != nil {
		return nil, err
	}
	d := Dir(bpffs)
	fd, err := unix.Open(d, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", d, err)
	}
	// The directory cannot have been swapped since Ensure looked (its
	// parent is ours, or sticky and the directory ours), but what is
	// locked is what was checked.
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("reading %s: %w", d, err)
	}
	if err := check(d, &st); err != nil {
		unix.Close(fd)
		return nil, err
	}
	if err := flock(fd, d); err != nil {
		unix.Close(fd)
		return nil, err
	}
	return func() {
		unix.Close(fd) // releases the flock
		procLock.Unlock()
	}, nil
}

// flock takes an exclusive flock on fd, the open directory d (named in
// the error), waiting as long as another holds it; a signal that
// interrupts the wait does not end it.
func flock(fd int, d string) error {
	for {
		err := unix.Flock(fd, unix.LOCK_EX)
		if err == nil {
			return nil
		}
		if !errors.Is(err, unix.EINTR) {
			return fmt.Errorf("locking %s: %w", d, err)
		}
	}
}
