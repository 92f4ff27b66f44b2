package chain

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"

	"github.com/xdpdump/xdpdump/internal/netns"
	"github.com/xdpdump/xdpdump/internal/pinroot"
	"github.com/xdpdump/xdpdump/internal/procid"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
)

// Pins. Every xdpdump instance on a device keeps, under
//
//	/sys/fs/bpf/xdpdump/<ifindex>-ns<netns cookie>/<pid>-<random>/
//
// (bpffs refuses names with dots).
//
// its prog array (`chain`, slot OrigSlot holds the program it stands in
// front of) and its state record (`state`, a one-entry BPF array holding a
// stateRec: bpffs holds only BPF objects). The netns cookie is part of the
// name because ifindexes are per namespace while bpffs is not.
//
// The pinned prog array keeps the chain whole if xdpdump dies: a prog array
// that loses its last user-space reference is emptied by the kernel, and the
// program we stand in front of would be silently bypassed.

// BPFFS is where bpffs is (or gets) mounted.
var BPFFS = "/sys/fs/bpf"

const (
	chainSlots   = 8
	stateMagic   = 0x44504458 // "XDPD"
	stateVersion = 2
	noSlot       = 0xff
)

// How an instance took the hook.
const (
	howNetlink    = 1 // RTM_SETLINK with XDP_FLAGS_REPLACE
	howLinkUpdate = 2 // BPF_LINK_UPDATE with BPF_F_REPLACE on the owner's link
	howOwnLink    = 3 // nothing was attached: our own bpf_link
)

// stateRec is the pinned state record (64 bytes).
type stateRec struct {
	Magic     uint32
	Version   uint32
	PID       uint32
	How       uint32
	Start     uint64 // start time of PID (clock ticks after boot): PID reuse
	Orig      uint32 // program at the end of this chain (slot OrigSlot); 0 = none
	Ours      uint32 // our front program, the one put on the hook
	Mode      uint32 // Mode of the hook
	LinkID    uint32 // bpf_link holding the hook (how = link update / own link)
	Ifindex   uint32
	OrigSlot  uint8 // slot of the end of the chain
	FrontNext uint8 // slot the front program tail-calls first (Options.FrontNext)
	_         [2]uint8
	NetnsIno  uint64
	Next      [chainSlots]uint8 // next slot of the stage in each slot; noSlot = none
}

func baseDir() string { return filepath.Join(BPFFS, "xdpdump") }

// awayDir holds the instances whose device left the namespace it was
// pinned for while their front program still ran on it (see moveAway).
func awayDir() string { return filepath.Join(baseDir(), "away") }

func ifaceDir(netns uint64, ifindex int) string {
	return filepath.Join(baseDir(), fmt.Sprintf("%d-ns%d", ifindex, netns))
}

// netnsIno names the calling thread's network namespace (internal/netns:
// its cookie, never reused while the machine runs).
func netnsIno() (uint64, error) { return netns.Current() }

// ensureBPFFS mounts bpffs at BPFFS unless it is mounted already, and
// makes (or checks) our root-owned directory there (internal/pinroot).
func ensureBPFFS() error { return pinroot.Ensure(BPFFS) }

// lock serialises all changes of xdpdump's pins, of every process: the
// flock of internal/pinroot, on our own directory (never removed; nobody
// else can open it).
func lock() (func(), error) { return pinroot.Lock(BPFFS) }

func (s *stateRec) alive() bool {
	if s.PID == 0 {
		return false
	}
	return procid.Alive(int(s.PID), s.Start)
}

// instance is one xdpdump's pins on a device.
type instance struct {
	dir      string
	stateMap *ebpf.Map
	chainMap *ebpf.Map
	st       stateRec
}

func (in *instance) close() {
	if in.stateMap != nil {
		in.stateMap.Close()
		in.stateMap = nil
	}
	if in.chainMap != nil {
		in.chainMap.Close()
		in.chainMap = nil
	}
}

func (in *instance) readState() error {
	if err := in.stateMap.Lookup(uint32(0), &in.st); err != nil {
		return fmt.Errorf("reading %s/state: %w", in.dir, err)
	}
	if in.st.Magic != stateMagic || in.st.Version != stateVersion {
		return fmt.Errorf("%s/state: not an xdpdump state record (magic %#x version %d)", in.dir, in.st.Magic, in.st.Version)
	}
	return nil
}

func (in *instance) writeState() error {
	if err := in.stateMap.Put(uint32(0), &in.st); err != nil {
		return fmt.Errorf("writing %s/state: %w", in.dir, err)
	}
	return nil
}

// newInstance creates and pins the state record and chainMap for a new
// instance of this process.
func newInstance(netns uint64, ifindex int, chainMap *ebpf.Map, st stateRec) (*instance, error) {
	name, err := procid.NewName()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(ifaceDir(netns, ifindex), name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	in := &instance{dir: dir, st: st}
	sm, err := ebpf.NewMap(&ebpf.MapSpec{Name: "xdpdump_state", Type: ebpf.Array, KeySize: 4, ValueSize: 64, MaxEntries: 1})
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
	cm, err := chainMap.Clone()
	if err != nil {
		in.remove()
		return nil, err
	}
	in.chainMap = cm
	if err := cm.Pin(filepath.Join(dir, "chain")); err != nil {
		in.remove()
		return nil, fmt.Errorf("pinning the chain prog array: %w", err)
	}
	return in, nil
}

// remove unpins the instance, closes it and removes the directories that
// are left empty (bpffs is left as it was found).
func (in *instance) remove() {
	os.Remove(filepath.Join(in.dir, "chain"))
	os.Remove(filepath.Join(in.dir, "state"))
	in.close()
	os.Remove(in.dir)
	os.Remove(filepath.Dir(in.dir)) // fails unless empty; baseDir stays (internal/pinroot)
}

// instances opens every instance pinned for the device.
func instances(netns uint64, ifindex int) ([]*instance, error) {
	return instancesIn(ifaceDir(netns, ifindex))
}

// instancesIn opens every instance pinned under d, an ifaceDir.
func instancesIn(d string) ([]*instance, error) {
	ents, err := os.ReadDir(d)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", d, err)
	}
	var out []*instance
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		in := &instance{dir: filepath.Join(d, e.Name())}
		sm, err := ebpf.LoadPinnedMap(filepath.Join(in.dir, "state"), nil)
		if err != nil {
			// A directory without a state record: an instance that died
			// while creating it. Nothing can be attached through it.
			if errors.Is(err, os.ErrNotExist) {
				os.Remove(filepath.Join(in.dir, "chain"))
				os.Remove(in.dir)
				continue
			}
			closeAll(out)
			return nil, fmt.Errorf("opening %s/state: %w", in.dir, err)
		}
		in.stateMap = sm
		if err := in.readState(); err != nil {
			in.close()
			closeAll(out)
			return nil, err
		}
		cm, err := ebpf.LoadPinnedMap(filepath.Join(in.dir, "chain"), nil)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			in.close()
			closeAll(out)
			return nil, fmt.Errorf("opening %s/chain: %w", in.dir, err)
		}
		in.chainMap = cm
		out = append(out, in)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].dir < out[j].dir })
	return out, nil
}

// ifaceDirRE matches the name of an ifaceDir: <ifindex>-ns<netns cookie>.
var ifaceDirRE = regexp.MustCompile(`^([0-9]+)-ns([0-9]+)$`)

// allInstances opens the instances of every device of every network
// namespace, grouped by device directory. A directory whose pins cannot
// be read is skipped (its error is returned with the rest).
func allInstances() (map[string][]*instance, error) {
	ents, err := os.ReadDir(baseDir())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", baseDir(), err)
	}
	out := map[string][]*instance{}
	var errs []error
	for _, e := range ents {
		if !e.IsDir() || !ifaceDirRE.MatchString(e.Name()) && e.Name() != "away" {
			continue
		}
		d := filepath.Join(baseDir(), e.Name())
		ins, err := instancesIn(d)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if len(ins) > 0 {
			out[d] = ins
		}
	}
	return out, errors.Join(errs...)
}

func closeAllGroups(g map[string][]*instance) {
	for _, ins := range g {
		closeAll(ins)
	}
}

// chainMapID is the ID of the instance's pinned prog array (0 if unknown).
func (in *instance) chainMapID() ebpf.MapID {
	if in.chainMap == nil {
		return 0
	}
	info, err := in.chainMap.Info()
	if err != nil {
		return 0
	}
	id, _ := info.ID()
	return id
}

// isFront reports whether the program with ID id is this instance's front
// program: its ID is the one recorded, and — so that a reused ID is not
// taken for ours — the program tail-calls through this instance's chain
// map (every front program does). When the maps cannot be told, the ID
// alone decides.
func (in *instance) isFront(p *ebpf.Program) bool {
	info, err := p.Info()
	if err != nil {
		return true
	}
	if id, ok := info.ID(); ok && uint32(id) != in.st.Ours {
		return false
	}
	cm := in.chainMapID()
	ids, ok := info.MapIDs()
	if !ok || cm == 0 {
		return true
	}
	for _, m := range ids {
		if m == cm {
			return true
		}
	}
	return false
}

// frontRunning reports whether the front program of in may still be on an
// XDP hook somewhere, in any network namespace, and says where it was
// found. It errs on the side of running: only what proves the program
// gone (it no longer exists, or the bpf_link that held it is gone,
// detached from a deleted device, or holds another program) counts as not
// running. all are the instances of every device (allInstances): a front
// program can also run behind another xdpdump, from that one's chain.
func (in *instance) frontRunning(all map[string][]*instance) (bool, string) {
	for _, ins := range all {
		for _, o := range ins {
			if o.dir == in.dir || o.st.Orig != in.st.Ours {
				continue
			}
			if id, ok := slotID(o.chainMap, uint32(o.st.OrigSlot)); ok && id == in.st.Ours {
				return true, fmt.Sprintf("behind xdpdump pid %d (%s)", o.st.PID, o.dir)
			}
		}
	}
	switch in.st.How {
	case howLinkUpdate, howOwnLink:
		l, err := link.NewFromID(link.ID(in.st.LinkID))
		if errors.Is(err, os.ErrNotExist) {
			return false, ""
		}
		if err != nil {
			return true, fmt.Sprintf("bpf_link %d (unreadable: %v)", in.st.LinkID, err)
		}
		defer l.Close()
		info, err := l.Info()
		if err != nil {
			return true, fmt.Sprintf("bpf_link %d (unreadable: %v)", in.st.LinkID, err)
		}
		if info.Program != ebpf.ProgramID(in.st.Ours) {
			return false, ""
		}
		x := info.XDP()
		if x == nil || x.Ifindex == 0 {
			return false, "" // defunct: its device is gone
		}
		return true, fmt.Sprintf("on bpf_link %d (ifindex %d of the namespace it is in now)", in.st.LinkID, x.Ifindex)
	}
	p, err := ebpf.NewProgramFromID(ebpf.ProgramID(in.st.Ours))
	if errors.Is(err, os.ErrNotExist) {
		return false, ""
	}
	if err != nil {
		return true, fmt.Sprintf("prog %d (unreadable: %v)", in.st.Ours, err)
	}
	defer p.Close()
	if !in.isFront(p) {
		return false, ""
	}
	return true, fmt.Sprintf("prog %d, still loaded (netlink-attached, on an interface of another namespace or another ifindex)", in.st.Ours)
}

func closeAll(ins []*instance) {
	for _, in := range ins {
		in.close()
	}
}

// moveAway renames the instance's directory into awayDir: its device left
// the namespace (or the ifindex) it was pinned for, while its front
// program still runs there. Out of the device directory, the pins are no
// business of whatever device gets that ifindex next (nothing recovers
// them by mistake), while a recovery run where the device is now finds
// them by its hook's program (bpffs is shared by all namespaces).
func (in *instance) moveAway() error {
	if filepath.Dir(in.dir) == awayDir() {
		return nil
	}
	if err := os.MkdirAll(awayDir(), 0o700); err != nil {
		return fmt.Errorf("creating %s: %w", awayDir(), err)
	}
	to := filepath.Join(awayDir(), filepath.Base(in.dir))
	if err := os.Rename(in.dir, to); err != nil {
		return fmt.Errorf("moving %s to %s: %w", in.dir, to, err)
	}
	os.Remove(filepath.Dir(in.dir)) // fails unless empty
	in.dir = to
	return nil
}
