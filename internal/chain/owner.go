// The owner of a bpf_link-owned original: who, besides xdpdump, holds
// the link, so that xdpdump can tell when the owner let go of it.
//
// A bpf_link lives as long as a file descriptor or a bpffs pin refers to
// it; the device does not hold it. When xdpdump stands in front of a
// link-owned program it updates the owner's link and holds a descriptor of
// it too, so if the owner unpins the link (or its process exits) the link
// — with the original behind xdpdump — stays attached only because of
// xdpdump, until xdpdump exits and the kernel detaches it. The kernel
// reports no reference count, so the holders are found once (pins in
// bpffs, descriptors in /proc/*/fd whose fdinfo names the link) and
// watched; when none is left a full scan confirms it and Watch says so.
package chain

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/procid"
)

// ownerWatch follows the holders of the bpf_link that owns the original.
type ownerWatch struct {
	linkID   link.ID
	orig     string // the original, for messages
	holders  []holder
	released bool // noticed: nobody but xdpdump holds the link any more
}

// holder is a pin of the link or a descriptor of it in another process.
type holder struct {
	pin      string
	dev, ino uint64
	pid, fd  int
	start    uint64
}

func (h holder) String() string {
	if h.pin != "" {
		return h.pin
	}
	return fmt.Sprintf("fd %d of pid %d", h.fd, h.pid)
}

// newOwnerWatch finds the holders of linkID. It returns nil if it finds
// none (some holder is out of sight, e.g. in another PID namespace: the
// link could not exist otherwise), so that nothing is reported falsely.
func newOwnerWatch(linkID link.ID, orig string) *ownerWatch {
	w := &ownerWatch{linkID: linkID, orig: orig}
	w.holders = findHolders(linkID)
	if len(w.holders) == 0 {
		return nil
	}
	return w
}

// check says once, when it notices, that the owner let go of the link.
func (w *ownerWatch) check(logf func(string)) {
	if w == nil || w.released {
		return
	}
	for _, h := range w.holders {
		if h.holds(w.linkID) {
			return
		}
	}
	if w.holders = findHolders(w.linkID); len(w.holders) > 0 {
		return
	}
	w.released = true
	logf(fmt.Sprintf("bpf_link %d, which attaches %s behind xdpdump, is no longer pinned or held by any process but xdpdump: its owner released it; it stays attached only while xdpdump runs", w.linkID, w.orig))
}

func (h holder) holds(id link.ID) bool {
	if h.pin != "" {
		var st unix.Stat_t
		return unix.Lstat(h.pin, &st) == nil && st.Dev == h.dev && st.Ino == h.ino
	}
	if procid.Start(h.pid) != h.start {
		return false
	}
	lid, ok := fdLinkID(h.pid, h.fd)
	return ok && lid == id
}

// findHolders scans bpffs (outside xdpdump's own pins) and the descriptors
// of every other process, leaving out the xdpdumps that stand in front of
// the same link (each holds it as this one does).
func findHolders(id link.ID) []holder {
	skip := map[int]bool{os.Getpid(): true}
	if all, _ := allInstances(); all != nil {
		for _, ins := range all {
			for _, in := range ins {
				if in.st.LinkID == uint32(id) && in.st.alive() {
					skip[int(in.st.PID)] = true
				}
			}
		}
		closeAllGroups(all)
	}
	var out []holder
	_ = filepath.WalkDir(BPFFS, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p == baseDir() {
				return filepath.SkipDir
			}
			return nil
		}
		l, err := link.LoadPinnedLink(p, nil) // links refuse read-only opens
		if err != nil {
			return nil
		}
		defer l.Close()
		info, err := l.Info()
		if err != nil || info.ID != id {
			return nil
		}
		var st unix.Stat_t
		if unix.Lstat(p, &st) == nil {
			out = append(out, holder{pin: p, dev: st.Dev, ino: st.Ino})
		}
		return nil
	})
	procs, _ := os.ReadDir("/proc")
	for _, pe := range procs {
		pid, err := strconv.Atoi(pe.Name())
		if err != nil || skip[pid] {
			continue
		}
		fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
		if err != nil {
			continue
		}
		for _, fe := range fds {
			fd, err := strconv.Atoi(fe.Name())
			if err != nil {
				continue
			}
			target, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%d", pid, fd))
			if err != nil || target != "anon_inode:bpf_link" {
				continue
			}
			if lid, ok := fdLinkID(pid, fd); ok && lid == id {
				out = append(out, holder{pid: pid, fd: fd, start: procid.Start(pid)})
			}
		}
	}
	return out
}

// fdLinkID reads the link_id line of a bpf_link descriptor's fdinfo.
func fdLinkID(pid, fd int) (link.ID, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/fdinfo/%d", pid, fd))
	if err != nil {
		return 0, false
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && k == "link_id" {
			n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 32)
			return link.ID(n), err == nil
		}
	}
	return 0, false
}

// linkGoneAfterUs reports, after xdpdump closed its descriptor of the
// owner's link, whether the link is gone: nobody else held it.
func linkGoneAfterUs(id link.ID) bool {
	l, err := link.NewFromID(id)
	if err == nil {
		l.Close()
		return false
	}
	return errors.Is(err, os.ErrNotExist)
}
