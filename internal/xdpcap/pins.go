// Pins: what an xdpdump filling an xdpcap hook leaves in bpffs, so that
// its slots are emptied after a crash.

package xdpcap

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/chain"
	"github.com/xdpdump/xdpdump/internal/pinroot"
	"github.com/xdpdump/xdpdump/internal/procid"
)

// Every xdpdump that fills a hook keeps, under
//
//	/sys/fs/bpf/xdpdump/xdpcap/<pid>-<random>/state
//
// a one-entry BPF array holding a stateRec (bpffs holds only BPF
// objects): its process, the hook's map ID and path, and the program it
// put into each slot. The hook itself is pinned by its owner; a pin of
// ours would keep it alive after its programs are gone. Programs in a
// pinned prog array outlive their loader, so without the record a killed
// xdpdump's stages would stay in the slots: the program's decisions stand
// either way (each stage returns its slot's action), but the slots would
// stay taken and the stages would keep counting.

const (
	stateMagic   = 0x43504458 // "XDPC"
	stateVersion = 1
	stateSize    = 256
	pathLen      = stateSize - 48
)

// stateRec is the pinned state record (stateSize bytes).
type stateRec struct {
	Magic   uint32
	Version uint32
	PID     uint32
	MapID   uint32 // the hook
	Start   uint64 // start time of PID (clock ticks after boot): PID reuse
	Progs   [Slots]uint32
	_       uint32
	Path    [pathLen]byte // the hook's path, for messages
}

func (s *stateRec) path() string {
	return string(bytes.TrimRight(s.Path[:], "\x00"))
}

func baseDir() string { return filepath.Join(chain.BPFFS, "xdpdump") }

func hooksDir() string { return filepath.Join(baseDir(), "xdpcap") }

func (s *stateRec) alive() bool {
	if s.PID == 0 {
		return false
	}
	return procid.Alive(int(s.PID), s.Start)
}

// ensureBPFFS mounts bpffs at chain.BPFFS unless it is mounted already,
// and makes (or checks) our root-owned directory there (internal/pinroot).
func ensureBPFFS() error { return pinroot.Ensure(chain.BPFFS) }

// lock serialises the hook changes of every xdpdump process with each
// other and with the chain's: the same flock (internal/pinroot).
func lock() (func(), error) { return pinroot.Lock(chain.BPFFS) }

// instance is one xdpdump's pins for a hook.
type instance struct {
	dir      string
	stateMap *ebpf.Map
	st       stateRec
}

func (in *instance) close() {
	if in.stateMap != nil {
		in.stateMap.Close()
		in.stateMap = nil
	}
}

func (in *instance) writeState() error {
	if err := in.stateMap.Put(uint32(0), &in.st); err != nil {
		return fmt.Errorf("writing %s/state: %w", in.dir, err)
	}
	return nil
}

// checkDir refuses a directory of our pins that another user could have
// planted or can change: it must be a directory (not a symbolic link),
// owned by us, and writable by nobody else. bpffs is often mode 1777.
func checkDir(path string) error {
	var st unix.Stat_t
	if err := unix.Lstat(path, &st); err != nil {
		return fmt.Errorf("checking %s: %w", path, err)
	}
	switch {
	case st.Mode&unix.S_IFMT != unix.S_IFDIR:
		return fmt.Errorf("refusing %s: not a directory (a symbolic link or a file someone put there)", path)
	case int(st.Uid) != os.Geteuid():
		return fmt.Errorf("refusing %s: owned by uid %d, not by us", path, st.Uid)
	case st.Mode&0o022 != 0:
		return fmt.Errorf("refusing %s: others may write to it (mode %#o)", path, st.Mode&0o777)
	}
	return nil
}

// checkFile refuses a state record that is a symbolic link or not ours.
func checkFile(path string) error {
	var st unix.Stat_t
	if err := unix.Lstat(path, &st); err != nil {
		return err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG || int(st.Uid) != os.Geteuid() {
		return fmt.Errorf("refusing %s: not a pin of ours (a symbolic link, or owned by uid %d)", path, st.Uid)
	}
	return nil
}

// newInstance creates and pins the state record of a new instance of this
// process.
func newInstance(st stateRec) (*instance, error) {
	name, err := procid.NewName()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(hooksDir(), name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	for _, d := range []string{baseDir(), hooksDir(), dir} {
		if err := checkDir(d); err != nil {
			os.Remove(dir)
			return nil, err
		}
	}
	in := &instance{dir: dir, st: st}
	sm, err := ebpf.NewMap(&ebpf.MapSpec{Name: "xdpdump_hookst", Type: ebpf.Array, KeySize: 4, ValueSize: stateSize, MaxEntries: 1})
	if err != nil {
		in.remove()
		return nil, fmt.Errorf("creating the state record: %w", err)
	}
	in.stateMap = sm
	if err := in.writeState(); err != nil {
		in.remove()
		return nil, err
	}
	if err := sm.Pin(filepath.Join(dir, "state")); err != nil {
		in.remove()
		return nil, fmt.Errorf("pinning the state record: %w", err)
	}
	return in, nil
}

// remove unpins the instance, closes it and removes the directories that
// are left empty (bpffs is left as it was found).
func (in *instance) remove() {
	os.Remove(filepath.Join(in.dir, "state"))
	in.close()
	os.Remove(in.dir)
	os.Remove(hooksDir()) // fails unless empty; baseDir stays (internal/pinroot)
}

// instances opens every instance pinned for any hook. A directory without
// a state record (an xdpdump died while creating it, before it touched a
// hook) is removed.
func instances() ([]*instance, error) {
	ents, err := os.ReadDir(hooksDir())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", hooksDir(), err)
	}
	var out []*instance
	var errs []error
	for _, d := range []string{baseDir(), hooksDir()} {
		if err := checkDir(d); err != nil {
			return nil, err
		}
	}
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		in := &instance{dir: filepath.Join(hooksDir(), e.Name())}
		if err := checkDir(in.dir); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := checkFile(filepath.Join(in.dir, "state")); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				os.Remove(in.dir)
			} else {
				errs = append(errs, err)
			}
			continue
		}
		sm, err := ebpf.LoadPinnedMap(filepath.Join(in.dir, "state"), nil)
		if errors.Is(err, os.ErrNotExist) {
			os.Remove(in.dir)
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("opening %s/state: %w", in.dir, err))
			continue
		}
		in.stateMap = sm
		if sm.Type() != ebpf.Array || sm.ValueSize() != stateSize {
			in.close()
			errs = append(errs, fmt.Errorf("%s/state: not an xdpdump hook record", in.dir))
			continue
		}
		if err := sm.Lookup(uint32(0), &in.st); err != nil {
			in.close()
			errs = append(errs, fmt.Errorf("reading %s/state: %w", in.dir, err))
			continue
		}
		if in.st.Magic != stateMagic || in.st.Version != stateVersion {
			in.close()
			errs = append(errs, fmt.Errorf("%s/state: not an xdpdump hook record (magic %#x version %d)", in.dir, in.st.Magic, in.st.Version))
			continue
		}
		out = append(out, in)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].dir < out[j].dir })
	return out, errors.Join(errs...)
}

func closeAll(ins []*instance) {
	for _, in := range ins {
		in.close()
	}
}
