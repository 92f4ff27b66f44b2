// The clsact fallback's pinned books: what an xdpdump added to a clsact
// qdisc, so that the next start (or --recover) removes what a killed one
// left, as the XDP chain's pins let it restore the hook.
package egress

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/xdpdump/xdpdump/internal/netns"
	"github.com/xdpdump/xdpdump/internal/pinroot"
	"github.com/xdpdump/xdpdump/internal/procid"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/rtnl"
)

// Every clsact attachment keeps a one-entry BPF array (bpffs holds only
// BPF objects) pinned at
//
//	<BPFFS>/xdpdump/clsact/<ifindex>-ns<netns cookie>/<pid>-<random>/state
//
// written before each change it records: the process (PID and start time:
// a PID can be reused), the program ID, pref and handle of its filter, and
// whether it created the clsact qdisc (qdiscCreating is written before the
// RTM_NEWQDISC, qdiscOurs once it succeeded). The qdisc belongs to the
// xdpdumps: when the one that created it leaves while other xdpdumps'
// filters are the only ones left on it, it hands the qdisc over to one of
// them (their record says qdiscOurs from then on), so the last xdpdump to
// leave removes it and two instances never leave an empty qdisc behind.
// All changes are made under the flock of the bpffs root, the lock of the
// XDP chain's pins.

// BPFFS is where bpffs is mounted.
var BPFFS = "/sys/fs/bpf"

// Log receives what the clsact attachment's own recovery did (the
// leftovers of killed xdpdumps it removed); nil discards it.
var Log func(string)

const (
	clsactMagic   = 0x43504458 // "XDPC"
	clsactVersion = 1

	qdiscNotOurs  = 0
	qdiscCreating = 1 // RTM_NEWQDISC under way: ours if it exists and is empty
	qdiscOurs     = 2
)

// clsactRec is the pinned record (64 bytes).
type clsactRec struct {
	Magic    uint32
	Version  uint32
	PID      uint32
	Ifindex  uint32
	Start    uint64
	NetnsIno uint64
	ProgID   uint32
	Prio     uint32 // 0: no filter added yet
	Handle   uint32
	Minor    uint32
	Qdisc    uint32
	_        [12]byte
}

func clsactBase() string { return filepath.Join(BPFFS, "xdpdump", "clsact") }

func clsactIfaceDir(netns uint64, ifindex int) string {
	return filepath.Join(clsactBase(), fmt.Sprintf("%d-ns%d", ifindex, netns))
}

// netnsIno names the calling thread's network namespace (internal/netns:
// its cookie, never reused while the machine runs).
func netnsIno() (uint64, error) { return netns.Current() }

// lockPins takes the flock that serialises every change of xdpdump's
// pins (internal/pinroot; internal/chain takes the same).
func lockPins() (func(), error) { return pinroot.Lock(BPFFS) }

func isBPFFS() bool {
	var fs unix.Statfs_t
	return unix.Statfs(BPFFS, &fs) == nil && uint32(fs.Type) == unix.BPF_FS_MAGIC
}

// clsactBook is one attachment's pinned record.
type clsactBook struct {
	dir string
	m   *ebpf.Map
	rec clsactRec
}

func (b *clsactBook) alive() bool {
	return procid.Alive(int(b.rec.PID), b.rec.Start)
}

func (b *clsactBook) write() error {
	if b == nil {
		return nil
	}
	if err := b.m.Put(uint32(0), &b.rec); err != nil {
		return fmt.Errorf("writing %s/state: %w", b.dir, err)
	}
	return nil
}

func (b *clsactBook) read() error {
	if err := b.m.Lookup(uint32(0), &b.rec); err != nil {
		return fmt.Errorf("reading %s/state: %w", b.dir, err)
	}
	if b.rec.Magic != clsactMagic || b.rec.Version != clsactVersion {
		return fmt.Errorf("%s/state: not an xdpdump clsact record", b.dir)
	}
	return nil
}

func (b *clsactBook) close() {
	if b != nil && b.m != nil {
		b.m.Close()
		b.m = nil
	}
}

// remove unpins the record and the directories left empty.
func (b *clsactBook) remove() {
	if b == nil {
		return
	}
	os.Remove(filepath.Join(b.dir, "state"))
	b.close()
	os.Remove(b.dir)
	os.Remove(filepath.Dir(b.dir))
	os.Remove(clsactBase()) // its parent stays (internal/pinroot)
}

// newClsactBook pins a record for this process. Without bpffs there are
// no books: the attachment works as before, only a crash leaves its
// filter behind.
func newClsactBook(netns uint64, rec clsactRec) (*clsactBook, error) {
	if !isBPFFS() {
		return nil, nil
	}
	name, err := procid.NewName()
	if err != nil {
		return nil, err
	}
	b := &clsactBook{dir: filepath.Join(clsactIfaceDir(netns, int(rec.Ifindex)), name), rec: rec}
	if err := os.MkdirAll(b.dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating %s: %w", b.dir, err)
	}
	m, err := ebpf.NewMap(&ebpf.MapSpec{Name: "xdpdump_clsact", Type: ebpf.Array, KeySize: 4, ValueSize: 64, MaxEntries: 1})
	if err != nil {
		b.remove()
		return nil, fmt.Errorf("creating the clsact record: %w", err)
	}
	b.m = m
	if err := b.write(); err != nil {
		b.remove()
		return nil, err
	}
	if err := m.Pin(filepath.Join(b.dir, "state")); err != nil {
		b.remove()
		return nil, fmt.Errorf("pinning the clsact record: %w", err)
	}
	return b, nil
}

// clsactBooks opens the records pinned under d (a clsactIfaceDir), or of
// every device when d is "".
func clsactBooks(d string) []*clsactBook {
	var dirs []string
	if d != "" {
		dirs = []string{d}
	} else {
		ents, _ := os.ReadDir(clsactBase())
		for _, e := range ents {
			if e.IsDir() {
				dirs = append(dirs, filepath.Join(clsactBase(), e.Name()))
			}
		}
	}
	var out []*clsactBook
	for _, dir := range dirs {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			b := &clsactBook{dir: filepath.Join(dir, e.Name())}
			m, err := ebpf.LoadPinnedMap(filepath.Join(b.dir, "state"), nil)
			if err != nil {
				if errors.Is(err, os.ErrNotExist) {
					os.Remove(b.dir) // died before pinning its record
				}
				continue
			}
			b.m = m
			if b.read() != nil {
				b.close()
				continue
			}
			out = append(out, b)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].dir < out[j].dir })
	return out
}

func closeBooks(bs []*clsactBook) {
	for _, b := range bs {
		b.close()
	}
}

// RecoverClsact removes what xdpdumps that died left on the clsact qdisc
// of ifindex (an interface of the calling thread's namespace): their
// xdpdump_egress filters, and the qdisc if an xdpdump created it and
// nothing else is on it; it also drops the records of dead xdpdumps
// elsewhere whose program is gone (their filter went with the qdisc or
// the interface). It says what it did through logf and reports whether
// there was anything to do. The clsact attachment calls it first.
func RecoverClsact(ifindex int, logf func(string)) (bool, error) {
	if logf == nil {
		logf = func(string) {}
	}
	if !isBPFFS() {
		return false, nil
	}
	if _, err := os.Stat(clsactBase()); errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	unlock, err := lockPins()
	if err != nil {
		return false, err
	}
	defer unlock()
	netns, err := netnsIno()
	if err != nil {
		return false, err
	}
	nl, err := openNetlink()
	if err != nil {
		return false, err
	}
	defer nl.Close()
	return recoverClsactLocked(nl, netns, ifindex, logf)
}

func recoverClsactLocked(nl *nlConn, netns uint64, ifindex int, logf func(string)) (bool, error) {
	dir := clsactIfaceDir(netns, ifindex)
	books := clsactBooks(dir)
	defer closeBooks(books)
	found := false
	var errs []error
	for _, b := range books {
		if b.alive() {
			continue
		}
		found = true
		f := &clsactFilter{nl: nl, ifindex: ifindex, prio: uint16(b.rec.Prio), progID: b.rec.ProgID, egressMinor: b.rec.Minor, book: b, netns: netns}
		if f.egressMinor == 0 {
			f.egressMinor = tcHMinEgress
		}
		deleted, err := f.deleteOurFilter(false)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if deleted {
			logf(fmt.Sprintf("removed the clsact egress filter xdpdump_egress (pref %d) left by xdpdump pid %d that is gone", b.rec.Prio, b.rec.PID))
		}
		if b.rec.Qdisc != qdiscNotOurs {
			removed, err := f.leaveQdisc(b.rec.Qdisc == qdiscCreating)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if removed {
				logf(fmt.Sprintf("removed the clsact qdisc that xdpdump pid %d (gone) had added", b.rec.PID))
			}
		}
		b.remove()
	}
	// Elsewhere: dead xdpdumps whose program is gone have nothing left on
	// any qdisc (a filter holds its program).
	for _, b := range clsactBooks("") {
		if filepath.Dir(b.dir) == dir || b.alive() {
			b.close()
			continue
		}
		if p, err := ebpf.NewProgramFromID(ebpf.ProgramID(b.rec.ProgID)); err == nil {
			p.Close()
			b.close()
			continue
		}
		found = true
		logf(fmt.Sprintf("removed the clsact record of xdpdump pid %d that is gone (%s): its filter is gone", b.rec.PID, b.dir))
		b.remove()
	}
	return found, errors.Join(errs...)
}

// deleteOurFilter deletes the filter the record names, if it still
// carries the recorded program; it reports whether it did. strict: a
// filter of someone else's at our pref and handle is an error (Close:
// ours was replaced); otherwise it only means that a killed xdpdump never
// got to add its own there.
func (f *clsactFilter) deleteOurFilter(strict bool) (bool, error) {
	if f.prio == 0 {
		return false, nil
	}
	fs, err := f.nl.filters(f.ifindex, f.egressMinor)
	if errors.Is(err, unix.ENODEV) || errors.Is(err, unix.EINVAL) {
		return false, nil // the interface or the qdisc is gone
	}
	if err != nil {
		return false, fmt.Errorf("detaching the clsact egress filter: %w", err)
	}
	for _, x := range fs {
		if x.chain != 0 || x.prio != f.prio || x.handle != ourHandle {
			continue
		}
		if x.kind != "bpf" || x.progID != f.progID {
			if !strict {
				return false, nil
			}
			return false, fmt.Errorf("the clsact egress filter at pref %d handle %d is no longer ours (%s, program %d): left in place", f.prio, ourHandle, x.kind, x.progID)
		}
		body := tcMsg{
			Ifindex: int32(f.ifindex),
			Handle:  ourHandle,
			Parent:  clsactHandle | f.egressMinor,
			Info:    filterInfo(f.prio),
		}.bytes()
		body = append(body, rtnl.AttrString(unix.TCA_KIND, "bpf")...)
		if _, err := f.nl.Request(unix.RTM_DELTFILTER, 0, body); err != nil && !errors.Is(err, unix.ENOENT) {
			return false, fmt.Errorf("deleting the clsact egress filter at pref %d: %w", f.prio, err)
		}
		return true, nil
	}
	return false, nil
}

// leaveQdisc is what the xdpdump that owns the clsact qdisc does when it
// leaves: remove the qdisc if no filter is left on it; if only other
// xdpdumps' filters are (their records say so), hand it over to one of
// them; if anyone else's filter is there, it stays theirs. maybe marks a
// record written just before RTM_NEWQDISC: the qdisc is ours only if it
// holds nothing. It reports whether it removed the qdisc.
func (f *clsactFilter) leaveQdisc(maybe bool) (bool, error) {
	type leftFilter struct {
		tcFilter
		minor uint32
	}
	var left []leftFilter
	for _, minor := range []uint32{tcHMinIngress, tcHMinEgress} {
		fs, err := f.nl.filters(f.ifindex, minor)
		if errors.Is(err, unix.ENODEV) || errors.Is(err, unix.EINVAL) {
			return false, nil // the interface or the qdisc is gone already
		}
		if err != nil {
			return false, fmt.Errorf("checking the clsact qdisc we added: %w", err)
		}
		for _, x := range fs {
			if x.handle != 0 { // the classifier instance itself has handle 0
				left = append(left, leftFilter{x, minor})
			}
		}
	}
	if len(left) == 0 {
		body := tcMsg{Ifindex: int32(f.ifindex), Handle: clsactHandle, Parent: tcHClsact}.bytes()
		body = append(body, rtnl.AttrString(unix.TCA_KIND, "clsact")...)
		_, err := f.nl.Request(unix.RTM_DELQDISC, 0, body)
		if err != nil && !errors.Is(err, unix.ENOENT) && !errors.Is(err, unix.ENODEV) && !errors.Is(err, unix.EINVAL) {
			return false, fmt.Errorf("removing the clsact qdisc we added: %w", err)
		}
		return err == nil, nil
	}
	if maybe {
		return false, nil
	}
	// Only other xdpdumps' filters left? Then the qdisc is theirs now.
	if f.netns == 0 {
		return false, nil // no records: nobody to hand it to
	}
	others := clsactBooks(clsactIfaceDir(f.netns, f.ifindex))
	defer closeBooks(others)
	var heir *clsactBook
	for _, x := range left {
		var owner *clsactBook
		for _, o := range others {
			if f.book != nil && o.dir == f.book.dir {
				continue
			}
			if x.minor == tcHMinEgress && x.kind == "bpf" && x.chain == 0 && uint32(x.prio) == o.rec.Prio && x.handle == ourHandle && x.progID == o.rec.ProgID {
				owner = o
			}
		}
		if owner == nil {
			return false, nil // someone else's filter: the qdisc stays for them
		}
		if heir == nil || !heir.alive() && owner.alive() {
			heir = owner // a live heir rather than a dead one
		}
	}
	if heir != nil {
		heir.rec.Qdisc = qdiscOurs
		if err := heir.write(); err != nil {
			return false, err
		}
	}
	return false, nil
}
