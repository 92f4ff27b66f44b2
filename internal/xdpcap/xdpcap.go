// Package xdpcap fills the hook of XDP programs instrumented for
// cloudflare's xdpcap with xdpdump's exit stages, and empties it again —
// also after a crash.
//
// The hook: a program instrumented for xdpcap ends with
// `return xdpcap_exit(ctx, &hook, action)`, a tail call into a pinned prog
// array at index action, which returns action itself when that slot is
// empty. The hook's ABI (cloudflare/xdpcap hook.h): a prog array with
// 4-byte keys and values and one slot per XDP action, 5 in all (4, without
// XDP_REDIRECT's, in hooks made by xdpcap.NewHook or as xdpcap's README
// defines them). Attach
//
//  1. empties the slots that xdpdumps that died left filled (Recover),
//  2. opens the pinned hook and checks its ABI exactly,
//  3. checks that an XDP program uses it (the kernel fixes the type, frags
//     flag and expected attach type of a prog array's programs when the
//     first one comes, so probing an unused hook would fix them for the
//     user's program) and that every slot is empty (no other capture reads
//     it),
//  4. probes the variant the kernel lets those programs tail-call
//     (chain.ProbeVariant) and has the Loader load one stage per action in
//     that variant,
//  5. pins a state record under /sys/fs/bpf/xdpdump/xdpcap/ (pins.go) and
//     puts the stages into the slots.
//
// Detach empties exactly the slots that still hold our stages. Each stage
// returns its slot's action, so the program's decisions stand whether a
// slot is filled or not.
package xdpcap

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/chain"
	"github.com/xdpdump/xdpdump/internal/procid"
	"github.com/xdpdump/xdpdump/internal/stage"
)

// Loader loads the exit stage for the XDP action of one slot, as variant
// v. Attach puts the program into the slot; the caller still closes what
// it loaded, after Detach.
type Loader func(action uint32, v stage.Variant) (*ebpf.Program, error)

// Options tune Attach.
type Options struct {
	// Log receives progress lines (for stderr); nil discards them.
	Log func(string)
}

// ErrInUse is wrapped by the refusal of a hook whose slots are filled:
// another capture (xdpcap, another xdpdump) reads it.
var ErrInUse = errors.New("the hook is in use")

// ErrUnused is wrapped by the refusal of a hook that no XDP program uses.
var ErrUnused = errors.New("no XDP program uses the hook")

// Hook is an xdpcap hook whose slots hold our exit stages.
type Hook struct {
	path    string
	m       *ebpf.Map
	id      ebpf.MapID
	variant stage.Variant
	in      *instance
	ours    [Slots]uint32
	logf    func(string)
}

func nopLog(string) {}

// Attach fills the slots of the hook pinned at path with the stages load
// returns (see the package comment). On failure the hook is as it was.
func Attach(path string, load Loader, o Options) (_ *Hook, err error) {
	logf := o.Log
	if logf == nil {
		logf = nopLog
	}
	if err := ensureBPFFS(); err != nil {
		return nil, err
	}
	unlock, err := lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	if _, err := recoverLocked(logf); err != nil {
		return nil, fmt.Errorf("emptying the hook slots an earlier xdpdump left: %w", err)
	}
	if err := onBPFFS(path); err != nil {
		return nil, err
	}
	m, err := ebpf.LoadPinnedMap(path, nil)
	if err != nil {
		return nil, fmt.Errorf("opening the xdpcap hook %s: %w", path, err)
	}
	h := &Hook{path: path, m: m, logf: logf}
	defer func() {
		if err != nil {
			h.unfill()
			if h.in != nil {
				h.in.remove()
			}
			m.Close()
		}
	}()
	if err := CheckABI(m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	info, err := m.Info()
	if err != nil {
		return nil, fmt.Errorf("%s: reading the map's info: %w", path, err)
	}
	h.id, _ = info.ID()
	typ, err := owner(m)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	switch typ {
	case 0:
		return nil, fmt.Errorf("%s: %w: load the program that tail-calls it first", path, ErrUnused)
	case progTypeXDP:
	default:
		return nil, fmt.Errorf("%s: %w: its programs are of BPF program type %d, not XDP", path, ErrUnused, typ)
	}
	if err := h.checkEmpty(); err != nil {
		return nil, err
	}
	v, err := chain.ProbeVariant(m)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	h.variant = v
	var progs [Slots]*ebpf.Program
	n := int(m.MaxEntries())
	for a := range progs[:n] {
		p, err := load(uint32(a), v)
		if err != nil {
			return nil, fmt.Errorf("loading the %s exit stage (%s) for %s: %w", ActionName(uint32(a)), v, path, err)
		}
		if p == nil || p.Type() != ebpf.XDP {
			return nil, fmt.Errorf("the loader did not return an XDP program")
		}
		pi, err := p.Info()
		if err != nil {
			return nil, fmt.Errorf("reading our program's info: %w", err)
		}
		id, _ := pi.ID()
		progs[a], h.ours[a] = p, uint32(id)
	}
	st := stateRec{
		Magic: stateMagic, Version: stateVersion,
		PID: uint32(os.Getpid()), Start: procid.Start(os.Getpid()),
		MapID: uint32(h.id), Progs: h.ours,
	}
	copy(st.Path[:len(st.Path)-1], path)
	// Pinned before the first slot is filled: from then on a crash leaves
	// a record that Recover finds.
	if h.in, err = newInstance(st); err != nil {
		return nil, err
	}
	for a, p := range progs[:n] {
		if err := m.Put(uint32(a), p); err != nil {
			return nil, fmt.Errorf("putting the %s exit stage into slot %d of %s: %w", ActionName(uint32(a)), a, path, err)
		}
	}
	if n < Slots {
		logf(fmt.Sprintf("the xdpcap hook %s has %d slots, none for XDP_REDIRECT (as xdpcap.NewHook makes it): packets the program redirects are not seen at exit", path, n))
	}
	return h, nil
}

// onBPFFS refuses a path that is not on a BPF filesystem: the kernel
// answers EPERM there, which would read as a want of privileges.
func onBPFFS(path string) error {
	var fs unix.Statfs_t
	if err := unix.Statfs(path, &fs); err != nil {
		return fmt.Errorf("opening the xdpcap hook %s: %w", path, err)
	}
	if uint32(fs.Type) != unix.BPF_FS_MAGIC {
		return fmt.Errorf("%s is not on a BPF filesystem: give the path where the program's loader pinned its xdpcap hook (under /sys/fs/bpf)", path)
	}
	return nil
}

// checkEmpty refuses a hook any of whose slots holds a program.
func (h *Hook) checkEmpty() error {
	ins, _ := instances()
	defer closeAll(ins)
	for a := uint32(0); a < Slots; a++ {
		id, ok := slotID(h.m, a)
		if !ok {
			continue
		}
		who := progDesc(id)
		for _, in := range ins {
			for _, p := range in.st.Progs {
				if p == id && in.st.MapID == uint32(h.id) {
					who = fmt.Sprintf("xdpdump pid %d", in.st.PID)
				}
			}
		}
		return fmt.Errorf("%s: %w: slot %d (%s) holds prog %d, put there by %s; only one capture can read a hook", h.path, ErrInUse, a, ActionName(a), id, who)
	}
	return nil
}

// slotID is the ID of the program in slot a of m (ok false: empty).
func slotID(m *ebpf.Map, a uint32) (uint32, bool) {
	var id uint32
	if err := m.Lookup(a, &id); err != nil {
		return 0, false
	}
	return id, true
}

// progDesc names a program by ID, e.g. `prog 12 (xdpcap_filter)`.
func progDesc(id uint32) string {
	p, err := ebpf.NewProgramFromID(ebpf.ProgramID(id))
	if err != nil {
		return fmt.Sprintf("prog %d", id)
	}
	defer p.Close()
	if info, err := p.Info(); err == nil && info.Name != "" {
		return fmt.Sprintf("%s (prog %d)", info.Name, id)
	}
	return fmt.Sprintf("prog %d", id)
}

// unfill empties the slots that hold our stages; it returns the slots
// someone else filled meanwhile.
func (h *Hook) unfill() []string {
	var others []string
	for a := uint32(0); a < Slots; a++ {
		if h.ours[a] == 0 {
			continue
		}
		id, ok := slotID(h.m, a)
		switch {
		case !ok:
		case id == h.ours[a]:
			if err := h.m.Delete(a); err != nil && !errors.Is(err, ebpf.ErrKeyNotExist) {
				others = append(others, fmt.Sprintf("slot %d: %v", a, err))
			}
		default:
			others = append(others, fmt.Sprintf("slot %d (%s) now holds %s", a, ActionName(a), progDesc(id)))
		}
	}
	return others
}

// Path is where the hook is pinned.
func (h *Hook) Path() string { return h.path }

// Variant is the variant of the hook's programs (and of our stages).
func (h *Hook) Variant() stage.Variant { return h.variant }

// MapID is the hook's map ID.
func (h *Hook) MapID() ebpf.MapID { return h.id }

// Detach empties the slots that hold our stages and removes our pins. A
// slot someone else filled meanwhile is left alone and reported. It is
// safe to call more than once.
func (h *Hook) Detach() error {
	if h.m == nil {
		return nil
	}
	unlock, err := lock()
	if err != nil {
		return err
	}
	defer unlock()
	others := h.unfill()
	if h.in != nil {
		h.in.remove()
		h.in = nil
	}
	h.m.Close()
	h.m = nil
	if len(others) > 0 {
		return fmt.Errorf("xdpcap hook %s: %s: left alone", h.path, strings.Join(others, "; "))
	}
	return nil
}

// Recover empties the hook slots that xdpdumps that died left filled, and
// removes their pins, saying what it did through log. It reports whether
// there was anything to recover.
func Recover(log func(string)) (bool, error) {
	if log == nil {
		log = nopLog
	}
	if _, err := os.Stat(hooksDir()); errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	unlock, err := lock()
	if err != nil {
		return false, err
	}
	defer unlock()
	return recoverLocked(log)
}

func recoverLocked(logf func(string)) (bool, error) {
	ins, err := instances()
	defer closeAll(ins)
	found := false
	for _, in := range ins {
		if in.st.alive() {
			continue
		}
		found = true
		desc := fmt.Sprintf("xdpcap hook %s (map %d)", in.st.path(), in.st.MapID)
		m, merr := ebpf.NewMapFromID(ebpf.MapID(in.st.MapID))
		switch {
		case errors.Is(merr, os.ErrNotExist):
			logf(fmt.Sprintf("found leftovers of xdpdump pid %d that is gone (%s): the %s is gone too; removed its pins", in.st.PID, in.dir, desc))
		case merr != nil:
			err = errors.Join(err, fmt.Errorf("opening the %s that xdpdump pid %d left: %w", desc, in.st.PID, merr))
			continue
		case CheckABI(m) != nil:
			// The ID was reused for another map: ours is gone.
			m.Close()
			logf(fmt.Sprintf("found leftovers of xdpdump pid %d that is gone (%s): the %s is gone too; removed its pins", in.st.PID, in.dir, desc))
		default:
			h := &Hook{path: in.st.path(), m: m, ours: in.st.Progs}
			emptied, slots := 0, min(m.MaxEntries(), Slots)
			for a := uint32(0); a < slots; a++ {
				if id, ok := slotID(m, a); ok && id == in.st.Progs[a] && id != 0 {
					emptied++
				}
			}
			others := h.unfill()
			m.Close()
			msg := fmt.Sprintf("found leftovers of xdpdump pid %d that is gone (%s): emptied %d of the %d slots of the %s", in.st.PID, in.dir, emptied, slots, desc)
			if len(others) > 0 {
				msg += "; left alone: " + strings.Join(others, "; ")
			}
			logf(msg)
		}
		in.remove()
	}
	os.Remove(hooksDir())
	return found, err
}
