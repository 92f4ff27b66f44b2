package chain

import (
	"errors"
	"fmt"
	"os"
	"unsafe"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"
)

// Mode is how a program is attached to the XDP hook.
type Mode int

const (
	ModeNone    Mode = iota // nothing attached
	ModeNative              // driver mode (on a veth: the veth driver's XDP)
	ModeGeneric             // skb mode
	ModeOffload             // offloaded to the NIC
)

func (m Mode) String() string {
	switch m {
	case ModeNone:
		return "none"
	case ModeNative:
		return "native"
	case ModeGeneric:
		return "generic"
	case ModeOffload:
		return "offload"
	}
	return fmt.Sprintf("mode(%d)", int(m))
}

// flags are the XDP_FLAGS_*_MODE bit for m.
func (m Mode) flags() uint32 {
	switch m {
	case ModeNative:
		return unix.XDP_FLAGS_DRV_MODE
	case ModeGeneric:
		return unix.XDP_FLAGS_SKB_MODE
	case ModeOffload:
		return unix.XDP_FLAGS_HW_MODE
	}
	return 0
}

// Frags says whether a program was loaded with the xdp.frags flag (it can
// see multi-buffer frames). The kernel does not report it; Inspect finds it
// by probing which variant of a tiny program may tail-call it.
type Frags int

const (
	FragsUnknown Frags = iota
	FragsNo
	FragsYes
)

func (f Frags) String() string {
	switch f {
	case FragsNo:
		return "no frags"
	case FragsYes:
		return "frags"
	}
	return "frags unknown"
}

// Current is what is attached to a device's XDP hook.
type Current struct {
	Ifindex int
	IfName  string
	ProgID  ebpf.ProgramID // 0: nothing attached
	Mode    Mode
	// LinkID is the bpf_link that holds the hook; 0 means the program was
	// attached through netlink (or nothing is attached).
	LinkID link.ID
	Name   string
	Tag    string
	Frags  Frags
	// AttachType is the expected attach type the program was loaded with
	// (probed with Frags: the kernel reports it nowhere else).
	AttachType ebpf.AttachType
	// ProbeErr says why Frags and AttachType could not be probed (Frags
	// is then FragsUnknown); Inspect and List report it rather than fail.
	ProbeErr error
	// DevBound is set for programs bound to a device (loaded with
	// BPF_F_XDP_DEV_BOUND_ONLY, as XDP metadata kfuncs require, or
	// offloaded): the kernel refuses to tail-call them.
	DevBound bool
	// Xdpdump is set when the program is another xdpdump's front stage
	// (found through the pins).
	Xdpdump bool
}

// Owner is "netlink", "bpf_link N" or "-" when nothing is attached.
func (c *Current) Owner() string {
	switch {
	case c.ProgID == 0:
		return "-"
	case c.LinkID != 0:
		return fmt.Sprintf("bpf_link %d", c.LinkID)
	}
	return "netlink"
}

// progName is "prog ID (name)".
func (c *Current) progName() string {
	if c.Name == "" {
		return fmt.Sprintf("prog %d", c.ProgID)
	}
	return fmt.Sprintf("prog %d (%s)", c.ProgID, c.Name)
}

func (c *Current) String() string {
	if c.ProgID == 0 {
		return "nothing attached"
	}
	name := c.Name
	if name == "" {
		name = "?"
	}
	return fmt.Sprintf("prog %d (%s, %s, %s)", c.ProgID, name, c.Mode, c.Owner())
}

// Inspect reports what is attached to the XDP hook of ifindex: program,
// mode (from netlink IFLA_XDP), owner (a bpf_link of type XDP on ifindex
// holding that program, found by iterating links; otherwise netlink), name,
// tag, frags flag and expected attach type (probed; ProbeErr says why not,
// when they could not be) and whether it is bound to the device.
//
// ifindex is namespace-local: call Inspect in the device's namespace.
func Inspect(ifindex int) (*Current, error) {
	nl, err := newNL()
	if err != nil {
		return nil, err
	}
	defer nl.Close()
	return inspect(nl, ifindex, true)
}

func inspect(nl *nlConn, ifindex int, probe bool) (*Current, error) {
	st, err := nl.getXDP(ifindex)
	if err != nil {
		return nil, err
	}
	cur := &Current{Ifindex: ifindex, IfName: st.Name}
	switch st.Attached {
	case xdpAttachedNone:
		return cur, nil
	case xdpAttachedDrv:
		cur.Mode, cur.ProgID = ModeNative, ebpf.ProgramID(st.ProgID)
	case xdpAttachedSkb:
		cur.Mode, cur.ProgID = ModeGeneric, ebpf.ProgramID(st.ProgID)
	case xdpAttachedHw:
		cur.Mode, cur.ProgID = ModeOffload, ebpf.ProgramID(st.ProgID)
	case xdpAttachedMulti:
		// Offload plus a native or generic program: we can only stand in
		// front of the one that runs on the host.
		switch {
		case st.DrvID != 0:
			cur.Mode, cur.ProgID = ModeNative, ebpf.ProgramID(st.DrvID)
		case st.SkbID != 0:
			cur.Mode, cur.ProgID = ModeGeneric, ebpf.ProgramID(st.SkbID)
		default:
			cur.Mode, cur.ProgID = ModeOffload, ebpf.ProgramID(st.HwID)
		}
	default:
		return nil, fmt.Errorf("ifindex %d: unknown IFLA_XDP_ATTACHED %d", ifindex, st.Attached)
	}
	if cur.ProgID == 0 {
		return nil, fmt.Errorf("ifindex %d: netlink reports an XDP program but no ID", ifindex)
	}
	cur.LinkID, err = findXDPLink(ifindex, cur.ProgID)
	if err != nil {
		return nil, err
	}
	prog, err := ebpf.NewProgramFromID(cur.ProgID)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("ifindex %d: program %d went away while we looked at it: %w", ifindex, cur.ProgID, err)
		}
		return nil, fmt.Errorf("opening program %d: %w", cur.ProgID, err)
	}
	defer prog.Close()
	if info, err := prog.Info(); err == nil {
		cur.Name, cur.Tag = info.Name, info.Tag
	}
	bound, err := progDevBound(prog)
	if err != nil {
		return nil, err
	}
	cur.DevBound = bound || cur.Mode == ModeOffload
	if probe && !cur.DevBound {
		cur.Frags, cur.AttachType, err = probeFrags(prog)
		switch {
		case errors.Is(err, errNotTailCallable):
			cur.DevBound = true
		case err != nil:
			cur.Frags, cur.ProbeErr = FragsUnknown, err
		}
	}
	return cur, nil
}

// findXDPLink returns the bpf_link of type XDP on ifindex holding prog, or
// 0. Links are global and their ifindex is namespace-local; matching the
// program ID as well makes a mix-up across namespaces practically
// impossible (it needs the same program attached by links in two
// namespaces on devices with the same ifindex).
func findXDPLink(ifindex int, prog ebpf.ProgramID) (link.ID, error) {
	// By ID, not with link.Iterator, which stops at the first link it
	// cannot open: one another process is still setting up (its ID is
	// reserved, the link not yet settled: EAGAIN, for as long as tcx
	// waits for a grace period) or one just freed (ENOENT). Neither is
	// the settled link that attaches the hook's program.
	for id := uint32(0); ; {
		next, err := nextLinkID(id)
		if errors.Is(err, unix.ENOENT) {
			return 0, nil // no more links
		}
		if err != nil {
			return 0, fmt.Errorf("iterating bpf links: %w", err)
		}
		id = next
		l, err := link.NewFromID(link.ID(id))
		if err != nil {
			continue
		}
		info, err := l.Info()
		l.Close()
		if err != nil {
			continue // gone meanwhile, or a type we cannot read
		}
		if info.Type != link.XDPType || info.Program != prog {
			continue
		}
		if x := info.XDP(); x != nil && int(x.Ifindex) == ifindex {
			return info.ID, nil
		}
	}
}

// nextLinkID is BPF_LINK_GET_NEXT_ID: the first link ID above start
// (ENOENT: none).
func nextLinkID(start uint32) (uint32, error) {
	attr := struct{ start, next, flags uint32 }{start: start}
	_, _, errno := unix.Syscall(unix.SYS_BPF, unix.BPF_LINK_GET_NEXT_ID, uintptr(unsafe.Pointer(&attr)), unsafe.Sizeof(attr))
	if errno != 0 {
		return 0, errno
	}
	return attr.next, nil
}

// progDevBound reads bpf_prog_info.ifindex, which the kernel fills in only
// for programs bound to a device (dev-bound XDP or offloaded).
func progDevBound(prog *ebpf.Program) (bool, error) {
	var info [232]byte // struct bpf_prog_info (Linux 6.x)
	attr := struct {
		fd      uint32
		infoLen uint32
		info    uint64
	}{uint32(prog.FD()), uint32(len(info)), uint64(uintptr(unsafe.Pointer(&info[0])))}
	_, _, errno := unix.Syscall(unix.SYS_BPF, unix.BPF_OBJ_GET_INFO_BY_FD, uintptr(unsafe.Pointer(&attr)), unsafe.Sizeof(attr))
	if errno != 0 {
		return false, fmt.Errorf("BPF_OBJ_GET_INFO_BY_FD: %w", errno)
	}
	if attr.infoLen < 84 {
		return false, nil
	}
	ifindex := *(*uint32)(unsafe.Pointer(&info[80]))
	return ifindex != 0, nil
}

// newChainMap makes a prog array shaped like bpf/capture.c's `chain`.
func newChainMap() (*ebpf.Map, error) {
	m, err := ebpf.NewMap(&ebpf.MapSpec{
		Name:       "chain",
		Type:       ebpf.ProgramArray,
		KeySize:    4,
		ValueSize:  4,
		MaxEntries: chainSlots,
	})
	if err != nil {
		return nil, fmt.Errorf("creating the chain prog array: %w", err)
	}
	return m, nil
}

// probeFrags finds prog's xdp.frags flag: a prog array takes on the
// properties of the first program put into it, and loading a program that
// tail-calls through the array fails with EINVAL when its frags flag
// differs.
func probeFrags(prog *ebpf.Program) (Frags, ebpf.AttachType, error) {
	m, err := newChainMap()
	if err != nil {
		return FragsUnknown, 0, err
	}
	defer m.Close()
	if err := putFirst(m, prog); err != nil {
		return FragsUnknown, 0, err
	}
	v, err := probeMapVariant(m)
	if err != nil {
		return FragsUnknown, 0, err
	}
	return fragsOf(v), v.AttachType, nil
}

func fragsOf(v Variant) Frags {
	if v.Frags {
		return FragsYes
	}
	return FragsNo
}

// errNotTailCallable: the kernel refuses to put the program into an empty
// prog array. For an XDP program that means it is bound to a device
// (BPF_F_XDP_DEV_BOUND_ONLY, which XDP metadata kfuncs require): the
// kernel does not report that flag in bpf_prog_info (only offloaded
// programs show an ifindex there), so this refusal is how we find out.
var errNotTailCallable = errors.New("the kernel refuses to tail-call it")

// putFirst puts prog into slot 0 of an empty prog array.
func putFirst(m *ebpf.Map, prog *ebpf.Program) error {
	if err := m.Put(uint32(0), prog); err != nil {
		if errors.Is(err, unix.EINVAL) {
			return fmt.Errorf("%w (%w)", errNotTailCallable, err)
		}
		return fmt.Errorf("putting the program into a prog array: %w", err)
	}
	return nil
}

// The expected attach types an XDP program on a device hook can carry.
// Measured on Linux 6.18: BPF_PROG_LOAD accepts every 32-bit value as the
// expected attach type of an XDP program (the kernel checks it only for
// other program types), and a device hook — netlink or bpf_link, native
// or generic — takes every one of them except BPF_XDP_DEVMAP (33) and
// BPF_XDP_CPUMAP (35). The kernel reports the value nowhere (not in
// bpf_prog_info, not in fdinfo), and a prog array lets a program tail-call
// another only if both carry the same value, so it is found by probing:
// the likely values first — BPF_XDP (libbpf's SEC("xdp"), cilium/ebpf
// with AttachXDP, xdp-tools), 0 (no attach type: raw bpf(), BCC,
// cilium/ebpf without one, iproute2 and bpftool from a section libbpf does
// not know) — then every other value below probeLimit. Each probe is one
// small program load (about 0.3 ms), so the whole range costs well under
// a second; beyond it, probing every 32-bit value is not possible, and
// xdpdump says so.
const probeLimit = 256

// probeAttachTypes is the order in which the expected attach types are
// probed.
var probeAttachTypes = func() []ebpf.AttachType {
	out := []ebpf.AttachType{ebpf.AttachXDP, ebpf.AttachNone}
	for at := ebpf.AttachType(1); at < probeLimit; at++ {
		switch at {
		case ebpf.AttachXDP, ebpf.AttachXDPDevMap, ebpf.AttachXDPCPUMap:
			continue
		}
		out = append(out, at)
	}
	return out
}()

// ErrNotProbed is wrapped by the error of a probe that found no variant
// whose programs may tail-call the program: its expected attach type is
// outside the probed range (or the kernel refuses tail calls for a
// reason of its own).
var ErrNotProbed = errors.New("no variant of xdpdump's stages may tail-call it")

// AttachTypeName names an expected attach type as the kernel's headers do
// for the values XDP programs commonly carry, and by number otherwise.
func AttachTypeName(at ebpf.AttachType) string {
	switch at {
	case ebpf.AttachXDP:
		return "BPF_XDP"
	case ebpf.AttachNone:
		return "0 (none)"
	}
	return fmt.Sprintf("%d", uint32(at))
}

// probeMapVariant finds the variant (frags flag and expected attach type)
// whose programs may tail-call through m: a tiny program that tail-calls
// through the array is loaded as each in turn (probeAttachTypes, frags
// first); the kernel refuses (EINVAL) every other.
func probeMapVariant(m *ebpf.Map) (Variant, error) {
	for _, at := range probeAttachTypes {
		for _, frags := range []bool{true, false} {
			ok, err := probeOne(m, Variant{Frags: frags, AttachType: at})
			if err != nil {
				return Variant{}, err
			}
			if ok {
				return Variant{Frags: frags, AttachType: at}, nil
			}
		}
	}
	return Variant{}, fmt.Errorf("%w: its expected attach type is none of 0..%d (the kernel does not report it, and the probe cannot try every 32-bit value)", ErrNotProbed, probeLimit-1)
}

// probeOne reports whether a program of variant v may tail-call through m.
func probeOne(m *ebpf.Map, v Variant) (bool, error) {
	spec := &ebpf.ProgramSpec{
		Name:       "xdpdump_probe",
		Type:       ebpf.XDP,
		AttachType: v.AttachType,
		License:    "Dual BSD/GPL",
		Instructions: asm.Instructions{
			asm.LoadMapPtr(asm.R2, m.FD()),
			asm.Mov.Imm(asm.R3, 0),
			asm.FnTailCall.Call(),
			asm.Mov.Imm(asm.R0, 2), // XDP_PASS
			asm.Return(),
		},
	}
	if v.Frags {
		spec.Flags = unix.BPF_F_XDP_HAS_FRAGS
	}
	p, err := ebpf.NewProgram(spec)
	if err == nil {
		p.Close()
		return true, nil
	}
	if errors.Is(err, unix.EINVAL) {
		return false, nil
	}
	return false, fmt.Errorf("probing the frags flag and attach type: %w", err)
}
