// Package outfile opens the files a capture writes (-w FILE and every
// rotated file) so that no other user can redirect them.
//
// The name's directory is walked one component at a time relative to the
// directory reached so far (openat with O_PATH|O_NOFOLLOW); a symbolic
// link on the way is followed only if it belongs to root or to the user
// the file is written as, so a link someone else planted in a shared
// directory such as /tmp cannot lead the walk into another directory.
// The last component is never followed:
//
//   - a new file is created with O_CREAT|O_EXCL|O_NOFOLLOW, relative to
//     the directory's descriptor: it is always a new inode, the writer's;
//   - an existing name is looked at without opening it for writing
//     (O_PATH): a symbolic link, a directory, a socket, a regular file
//     with more than one hard link, or a regular file or FIFO owned by
//     someone other than root, the writer or the directory's owner is
//     refused; only then is it opened for writing (without O_TRUNC), and
//     the descriptor must still be the same inode. Regular files, FIFOs
//     and character devices (/dev/null) are what tcpdump users write to.
//
// Open runs as Options.Identity (-Z's user, on a thread with that user's
// file system identity and no capabilities), so the file belongs to that
// user and is opened with that user's rights only.
package outfile

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/privs"
)

// Options say how to open.
type Options struct {
	// Identity is the user the file is opened as and must belong to.
	Identity privs.Identity
	// Truncate empties an existing regular file once it is open (rotated
	// files); -w FILE waits until the capture starts (File.Truncate).
	Truncate bool
	// Perm of a new file (before the umask); 0 = 0644.
	Perm uint32
}

// File is an open output file.
type File struct {
	*os.File
	// Created: the name did not exist, the file is new.
	Created bool
	// Regular: a regular file (it can be truncated and its size counts);
	// false for a FIFO or a character device.
	Regular bool

	dir      int // the directory, for Remove
	base     string
	dev, ino uint64
	id       privs.Identity
}

// Error is a refusal of a name, for one line: "NAME: REASON".
type Error struct {
	Name   string
	Reason string
	Err    error // the system's error, if any
}

func (e *Error) Error() string { return e.Name + ": " + e.Reason }
func (e *Error) Unwrap() error { return e.Err }

// Open opens name for writing as described in the package comment.
func Open(name string, o Options) (*File, error) {
	var f *File
	err := o.Identity.Do(func() error {
		var err error
		f, err = open(name, o)
		return err
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

func open(name string, o Options) (*File, error) {
	if name == "" {
		return nil, &Error{Name: name, Reason: "empty file name"}
	}
	dirName, base := filepath.Split(name)
	if base == "" || base == "." || base == ".." {
		return nil, &Error{Name: name, Reason: "is a directory"}
	}
	w := walker{uid: o.Identity.UID(), name: name, id: o.Identity}
	dir, err := w.openDir(dirName)
	if err != nil {
		return nil, err
	}
	f := &File{dir: dir, base: base, id: o.Identity}
	// f.dir is closed by Close, or below when the open fails.
	ok := false
	defer func() {
		if !ok {
			unix.Close(dir)
		}
	}()
	perm := o.Perm
	if perm == 0 {
		perm = 0o644
	}
	// A name that appears or goes between the two attempts (another
	// program at work in the directory) is tried again, a few times.
	for try := 0; try < 4; try++ {
		fd, err := unix.Openat(dir, base, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_NOCTTY|unix.O_CLOEXEC, perm)
		if err == nil {
			f.Created, f.Regular = true, true
			if err := f.adopt(fd, name); err != nil {
				return nil, err
			}
			ok = true
			return f, nil
		}
		if !errors.Is(err, unix.EEXIST) {
			return nil, sysError(name, err, o.Identity)
		}
		fd, err = w.openExisting(dir, base, f)
		if errors.Is(err, unix.ENOENT) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := f.adopt(fd, name); err != nil {
			return nil, err
		}
		if o.Truncate && f.Regular {
			if err := f.Truncate(0); err != nil {
				f.File.Close()
				return nil, sysError(name, err, o.Identity)
			}
		}
		ok = true
		return f, nil
	}
	return nil, &Error{Name: name, Reason: "appears and disappears while it is opened: another program is at work in its directory"}
}

func (f *File) adopt(fd int, name string) error {
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return sysError(name, err, f.id)
	}
	f.dev, f.ino = st.Dev, st.Ino
	f.File = os.NewFile(uintptr(fd), name)
	return nil
}

// Remove removes the file's name if it still names this file (a capture
// that failed before it wrote anything leaves the directory as found).
// The file stays open; Close closes it.
func (f *File) Remove() error {
	if f.dir < 0 {
		return nil
	}
	return f.id.Do(func() error {
		var st unix.Stat_t
		if err := unix.Fstatat(f.dir, f.base, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
			return err
		}
		if st.Dev != f.dev || st.Ino != f.ino {
			return nil // someone else's now: not ours to remove
		}
		return unix.Unlinkat(f.dir, f.base, 0)
	})
}

// Close closes the file and its directory.
func (f *File) Close() error {
	if f.dir >= 0 {
		unix.Close(f.dir)
		f.dir = -1
	}
	return f.File.Close()
}

// walker resolves the directory of a name.
type walker struct {
	uid   int    // the writer
	name  string // for messages
	id    privs.Identity
	links int
}

// maxLinks is the kernel's limit of symbolic links in one resolution.
const maxLinks = 40

// openDir returns an O_PATH descriptor of dir ("" = the working
// directory), walked component by component.
func (w *walker) openDir(dir string) (int, error) {
	start := "."
	if strings.HasPrefix(dir, "/") {
		start = "/"
	}
	fd, err := unix.Open(start, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, w.dirError(err)
	}
	comps := split(dir)
	for len(comps) > 0 {
		c := comps[0]
		comps = comps[1:]
		next, err := unix.Openat(fd, c, unix.O_PATH|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		if err != nil {
			unix.Close(fd)
			return -1, w.dirError(err)
		}
		var st unix.Stat_t
		if err := unix.Fstat(next, &st); err != nil {
			unix.Close(next)
			unix.Close(fd)
			return -1, w.dirError(err)
		}
		switch st.Mode & unix.S_IFMT {
		case unix.S_IFDIR:
			unix.Close(fd)
			fd = next
		case unix.S_IFLNK:
			target, err := w.follow(fd, next, c, &st)
			unix.Close(next)
			if err != nil {
				unix.Close(fd)
				return -1, err
			}
			if strings.HasPrefix(target, "/") {
				unix.Close(fd)
				if fd, err = unix.Open("/", unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0); err != nil {
					return -1, w.dirError(err)
				}
			}
			comps = append(split(target), comps...)
		default:
			unix.Close(next)
			unix.Close(fd)
			return -1, &Error{Name: w.name, Reason: "not a directory on the way", Err: unix.ENOTDIR}
		}
	}
	return fd, nil
}

// follow reads the link lnk (named c in the directory dir) if it may be
// followed: it belongs to root or to the writer and has one name.
func (w *walker) follow(dir, lnk int, c string, st *unix.Stat_t) (string, error) {
	if w.links++; w.links > maxLinks {
		return "", &Error{Name: w.name, Reason: "too many levels of symbolic links", Err: unix.ELOOP}
	}
	if (st.Uid != 0 && int(st.Uid) != w.uid) || st.Nlink > 1 {
		return "", &Error{Name: w.name, Reason: fmt.Sprintf("the directory on the way goes through a symbolic link (%s) that belongs to %s: xdpdump follows only root's and its own user's links (give the real directory)", c, owner(st.Uid))}
	}
	buf := make([]byte, unix.PathMax)
	n, err := unix.Readlinkat(lnk, "", buf)
	if err != nil {
		return "", w.dirError(err)
	}
	return string(buf[:n]), nil
}

func (w *walker) dirError(err error) error {
	return sysError(w.name, err, w.id)
}

// openExisting opens the existing entry base of dir for writing once it
// has been found acceptable, and fills f.Regular.
func (w *walker) openExisting(dir int, base string, f *File) (int, error) {
	pfd, err := unix.Openat(dir, base, unix.O_PATH|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, sysError(w.name, err, w.id)
	}
	var st, dst unix.Stat_t
	err = unix.Fstat(pfd, &st)
	unix.Close(pfd)
	if err == nil {
		err = unix.Fstat(dir, &dst)
	}
	if err != nil {
		return -1, sysError(w.name, err, w.id)
	}
	if err := w.acceptable(&st, &dst); err != nil {
		return -1, err
	}
	f.Regular = st.Mode&unix.S_IFMT == unix.S_IFREG
	// Opened without blocking first: a FIFO without a reader gives
	// ENXIO, and is then opened as tcpdump opens it, waiting for its
	// reader.
	flags := unix.O_WRONLY | unix.O_NOFOLLOW | unix.O_NOCTTY | unix.O_CLOEXEC
	fd, err := unix.Openat(dir, base, flags|unix.O_NONBLOCK, 0)
	if errors.Is(err, unix.ENXIO) && st.Mode&unix.S_IFMT == unix.S_IFIFO {
		fd, err = unix.Openat(dir, base, flags, 0)
	} else if err == nil {
		if _, err2 := unix.FcntlInt(uintptr(fd), unix.F_SETFL, 0); err2 != nil {
			unix.Close(fd)
			return -1, sysError(w.name, err2, w.id)
		}
	}
	if errors.Is(err, unix.ELOOP) {
		return -1, symlinkError(w.name)
	}
	if err != nil {
		return -1, sysError(w.name, err, w.id)
	}
	var now unix.Stat_t
	if err := unix.Fstat(fd, &now); err != nil || now.Dev != st.Dev || now.Ino != st.Ino {
		unix.Close(fd)
		return -1, &Error{Name: w.name, Reason: "was replaced while it was opened: refusing to write to it"}
	}
	return fd, nil
}

// acceptable says whether an existing entry (st, in the directory dst)
// may be written to.
func (w *walker) acceptable(st, dst *unix.Stat_t) error {
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFLNK:
		return symlinkError(w.name)
	case unix.S_IFDIR:
		return &Error{Name: w.name, Reason: "is a directory", Err: unix.EISDIR}
	case unix.S_IFREG:
		if st.Nlink > 1 {
			return &Error{Name: w.name, Reason: fmt.Sprintf("has %d hard links: refusing to overwrite a file that has other names", st.Nlink)}
		}
	case unix.S_IFCHR:
		// Only root makes device nodes (CAP_MKNOD), and a hard link to
		// one cannot leave its device file system: whoever owns the node
		// (Debian's tcpdump chowns /dev/null to its user), nobody planted
		// it here.
		return nil
	case unix.S_IFIFO:
	default:
		return &Error{Name: w.name, Reason: "is neither a regular file, a FIFO nor a character device"}
	}
	if st.Uid != 0 && int(st.Uid) != w.uid && st.Uid != dst.Uid {
		return &Error{Name: w.name, Reason: fmt.Sprintf("exists and belongs to %s, in a directory of %s: refusing to write into another user's file (remove it, or choose another name)", owner(st.Uid), owner(dst.Uid))}
	}
	return nil
}

func symlinkError(name string) error {
	return &Error{Name: name, Reason: "is a symbolic link: refusing to write through it (give the target's own name, or -w - for the standard output)", Err: unix.ELOOP}
}

// sysError is a system call's failure on name, one line.
func sysError(name string, err error, id privs.Identity) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	reason := err.Error()
	if errors.Is(err, unix.EACCES) && id.Name() != "" {
		reason += fmt.Sprintf(" (files are opened as %s, -Z's user)", id.Name())
	}
	return &Error{Name: name, Reason: reason, Err: err}
}

func owner(uid uint32) string {
	if u, err := user.LookupId(strconv.Itoa(int(uid))); err == nil {
		return "user " + u.Username
	}
	return fmt.Sprintf("uid %d", uid)
}

// split cuts a path into its components, "" and "." left out.
func split(p string) []string {
	var out []string
	for _, c := range strings.Split(p, "/") {
		if c != "" && c != "." {
			out = append(out, c)
		}
	}
	return out
}
