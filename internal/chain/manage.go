package chain

import (
	"errors"
	"fmt"
	"net"
	"sort"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"golang.org/x/sys/unix"
)

// IfaceInfo is one interface and its XDP program, for `xdpdump -D`.
type IfaceInfo struct {
	Index int
	Name  string
	Flags net.Flags
	XDP   Current // ProgID 0: nothing attached
	// Err says why the interface's XDP hook could not be read at all
	// (XDP is then empty); List goes on with the other interfaces.
	Err error
}

// List reports every interface of the caller's network namespace with
// its XDP program (ID, name, tag, mode, owner, frags, expected attach type,
// xdpdump or not). What it cannot read or probe on one interface is
// reported on that interface (IfaceInfo.Err, Current.ProbeErr), never as a
// failure of the whole list.
func List() ([]IfaceInfo, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("listing interfaces: %w", err)
	}
	nl, err := newNL()
	if err != nil {
		return nil, err
	}
	defer nl.Close()
	all, _ := allInstances() // what cannot be read is simply not marked
	defer closeAllGroups(all)
	var out []IfaceInfo
	for _, ifc := range ifs {
		cur, err := inspect(nl, ifc.Index, true)
		if err != nil {
			out = append(out, IfaceInfo{Index: ifc.Index, Name: ifc.Name, Flags: ifc.Flags, Err: err})
			continue
		}
		if cur.ProgID != 0 {
			// Any device directory: the device may have been elsewhere
			// when that xdpdump attached.
			cur.Xdpdump = findFront(all, nil, cur.ProgID) != nil
		}
		out = append(out, IfaceInfo{Index: ifc.Index, Name: ifc.Name, Flags: ifc.Flags, XDP: *cur})
	}
	return out, nil
}

// Stage is one program of a device's XDP chain, as Show lists it.
type Stage struct {
	ProgID ebpf.ProgramID
	Name   string
	Tag    string
	// Role: "xdpdump" (an xdpdump's front stage), "stage" (a further
	// stage in one of its slots) or "original" (the program that was
	// attached before xdpdump, the end of the chain).
	Role string
	PID  int // the xdpdump instance the stage belongs to (0 for original)
	// Dead: that instance's process is gone (its pins keep the chain
	// until the next start or --recover).
	Dead bool
	Slot int // slot of that instance's chain map; -1 = on the hook itself
	// Orphan marks a slot that is not on the slot-0 path: only a stage
	// whose next_slot names it reaches it (e.g. a Loader's bounce stage).
	Orphan bool
	// For the original: its frags flag and expected attach type, probed
	// (through the chain map that holds it, or on the program itself);
	// ProbeErr says why they could not be.
	Frags      Frags
	AttachType ebpf.AttachType
	ProbeErr   error
}

func (s Stage) String() string {
	where := "hook"
	if s.Slot >= 0 {
		where = fmt.Sprintf("slot %d", s.Slot)
	}
	pid := ""
	if s.PID != 0 {
		pid = fmt.Sprintf(", pid %d", s.PID)
		if s.Dead {
			pid = fmt.Sprintf(", pid %d gone: left by an xdpdump that died, until --recover or the next start", s.PID)
		}
	}
	probe := ""
	switch {
	case s.ProbeErr != nil:
		msg := s.ProbeErr.Error()
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		probe = ", frags flag and attach type not probed: " + msg
	case s.Frags != FragsUnknown:
		probe = fmt.Sprintf(", %s, attach type %s", s.Frags, AttachTypeName(s.AttachType))
	}
	return fmt.Sprintf("%-8s %-8s prog %d (%s, tag %s%s%s)", where, s.Role, s.ProgID, s.Name, s.Tag, pid, probe)
}

// probe fills in the original's frags flag and attach type: through
// m, the chain map whose owner the original made it, or (m nil) on the
// program itself.
func (s *Stage) probe(m *ebpf.Map) {
	if m != nil {
		v, err := probeMapVariant(m)
		if err != nil {
			s.ProbeErr = err
			return
		}
		s.Frags, s.AttachType = fragsOf(v), v.AttachType
		return
	}
	p, err := ebpf.NewProgramFromID(s.ProgID)
	if err != nil {
		s.ProbeErr = err
		return
	}
	defer p.Close()
	s.Frags, s.AttachType, s.ProbeErr = probeFrags(p)
	if errors.Is(s.ProbeErr, errNotTailCallable) {
		s.ProbeErr = fmt.Errorf("device-bound: %w", s.ProbeErr)
	}
}

func progStage(id ebpf.ProgramID, role string, pid, slot int) Stage {
	s := Stage{ProgID: id, Role: role, PID: pid, Slot: slot}
	if p, err := ebpf.NewProgramFromID(id); err == nil {
		if info, err := p.Info(); err == nil {
			s.Name, s.Tag = info.Name, info.Tag
		}
		p.Close()
	}
	return s
}

func slotID(m *ebpf.Map, slot uint32) (uint32, bool) {
	var id uint32
	if m == nil || m.Lookup(slot, &id) != nil {
		return 0, false
	}
	return id, true
}

// Show lists the stages of ifindex's chain in the order packets run
// through them: the program on the hook (an xdpdump's capture stage), the
// stages in its chain map (further stages reached only through their own
// next_slot first, then the slot-0 path), then the program it stands in
// front of — another xdpdump's, whose chain follows, or the original.
func Show(ifindex int) ([]Stage, error) {
	nl, err := newNL()
	if err != nil {
		return nil, err
	}
	defer nl.Close()
	netns, err := netnsIno()
	if err != nil {
		return nil, err
	}
	cur, err := inspect(nl, ifindex, false)
	if err != nil {
		return nil, err
	}
	ins, err := instances(netns, ifindex)
	if err != nil {
		return nil, err
	}
	defer closeAll(ins)
	byOurs := map[uint32]*instance{}
	for _, in := range ins {
		byOurs[in.st.Ours] = in
	}
	// The device may have been in another namespace (or had another
	// ifindex) when an xdpdump attached to it: its front is found by the
	// program ID, checked against its pinned prog array.
	all, _ := allInstances()
	defer closeAllGroups(all)
	front := func(id uint32) (*instance, bool) {
		if in, ok := byOurs[id]; ok {
			return in, true
		}
		if in := findFront(all, nil, ebpf.ProgramID(id)); in != nil {
			byOurs[id] = in
			return in, true
		}
		return nil, false
	}
	var out []Stage
	id := uint32(cur.ProgID)
	slot := -1
	for hop := 0; id != 0 && hop <= len(ins)+2*chainSlots; hop++ {
		in, ok := front(id)
		if !ok {
			break
		}
		pid := int(in.st.PID)
		first, dead := len(out), !in.st.alive()
		out = append(out, progStage(ebpf.ProgramID(id), "xdpdump", pid, slot))
		onPath := map[uint32]bool{}
		for s, n := uint32(in.st.FrontNext), 0; n < chainSlots; n++ {
			onPath[s] = true
			if s == uint32(in.st.OrigSlot) {
				break
			}
			s = uint32(in.st.Next[s])
			if s >= chainSlots {
				break
			}
		}
		for s := uint32(0); s < chainSlots; s++ {
			if sid, ok := slotID(in.chainMap, s); ok && !onPath[s] {
				st := progStage(ebpf.ProgramID(sid), "stage", pid, int(s))
				st.Orphan = true
				out = append(out, st)
			}
		}
		s := uint32(in.st.FrontNext)
		id = 0
		for n := 0; n < chainSlots; n++ {
			sid, ok := slotID(in.chainMap, s)
			if s == uint32(in.st.OrigSlot) {
				if ok {
					id, slot = sid, int(s)
				}
				break
			}
			if ok {
				out = append(out, progStage(ebpf.ProgramID(sid), "stage", pid, int(s)))
			}
			s = uint32(in.st.Next[s])
			if s >= chainSlots {
				break
			}
		}
		for i := first; i < len(out); i++ {
			out[i].Dead = dead
		}
		if id != 0 {
			if _, more := front(id); !more {
				st := progStage(ebpf.ProgramID(id), "original", 0, slot)
				st.probe(in.chainMap)
				out = append(out, st)
				id = 0
			}
		}
	}
	if len(out) == 0 && cur.ProgID != 0 {
		st := progStage(cur.ProgID, "original", 0, -1)
		st.probe(nil)
		out = append(out, st)
	}
	return out, nil
}

// innermost returns the instance at the end of the device's chain: the one
// whose chain ends in the original program (not another xdpdump's).
func innermost(ins []*instance) *instance {
	ours := map[uint32]bool{}
	for _, in := range ins {
		ours[in.st.Ours] = true
	}
	for _, in := range ins {
		if !ours[in.st.Orig] && in.chainMap != nil {
			return in
		}
	}
	return nil
}

// Insert puts a user's XDP program (objPath, an ELF object; section is a
// section or program name, empty if the object has a single XDP program)
// into the chain of the xdpdump running on ifindex, at the end of the chain
// just before the original program, and returns its slot.
//
// The stage contract is the one xdpdump's own stages follow: a
// BPF_MAP_TYPE_PROG_ARRAY named `chain` (Insert replaces it with the
// pinned chain map) and `const volatile __u32 next_slot` (set to the slot
// that holds the rest of the chain), ending with
// `bpf_tail_call(ctx, &chain, next_slot); return XDP_PASS;`. A program
// without that tail call would end the chain and cut the original program
// off: Insert refuses it (ErrEndsChain) and changes nothing. The stage is
// loaded as the chain's variant (the frags flag and expected attach type
// of the program the chain stands in front of, probed on the pinned chain
// map), whatever its section says, since a prog array runs only programs
// of one variant. Stages live as long as the xdpdump they were inserted
// into.
func Insert(ifindex int, objPath, section string) (int, error) {
	spec, err := ebpf.LoadCollectionSpec(objPath)
	if err != nil {
		return 0, fmt.Errorf("reading %s: %w", objPath, err)
	}
	name, err := pickProgram(spec, section)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", objPath, err)
	}
	ps := spec.Programs[name]
	if ms, ok := spec.Maps["chain"]; ok && ms.Type != ebpf.ProgramArray {
		return 0, fmt.Errorf("%s: map `chain` is a %s, want a prog array", objPath, ms.Type)
	}
	if _, ok := spec.Variables["next_slot"]; !ok || !tailCallsChain(ps.Instructions) {
		return 0, fmt.Errorf("%w: %s in %s does not tail-call through a prog array named `chain` at `next_slot`, so the original program would no longer run behind it; nothing was changed", ErrEndsChain, name, objPath)
	}
	unlock, err := lock()
	if err != nil {
		return 0, err
	}
	defer unlock()
	netns, err := netnsIno()
	if err != nil {
		return 0, err
	}
	ins, err := instances(netns, ifindex)
	if err != nil {
		return 0, err
	}
	defer closeAll(ins)
	in := innermost(ins)
	if in == nil {
		return 0, fmt.Errorf("no xdpdump runs on ifindex %d: start one first (stages live in its chain)", ifindex)
	}
	j := uint32(in.st.OrigSlot)
	used := map[uint32]bool{j: true}
	for s := uint32(0); s < chainSlots; s++ {
		if _, ok := slotID(in.chainMap, s); ok {
			used[s] = true
		}
		if n := in.st.Next[s]; n != noSlot {
			used[uint32(n)] = true
		}
	}
	k := uint32(chainSlots)
	for s := uint32(1); s < chainSlots; s++ {
		if !used[s] {
			k = s
			break
		}
	}
	if k == chainSlots {
		return 0, fmt.Errorf("the chain on ifindex %d is full (%d slots)", ifindex, chainSlots)
	}
	v, err := probeMapVariant(in.chainMap)
	if err != nil {
		return 0, fmt.Errorf("the chain on ifindex %d: %w", ifindex, err)
	}

	for n := range spec.Programs {
		if n != name {
			delete(spec.Programs, n)
		}
	}
	ps.AttachType = v.AttachType
	ps.Flags &^= unix.BPF_F_XDP_HAS_FRAGS
	if v.Frags {
		ps.Flags |= unix.BPF_F_XDP_HAS_FRAGS
	}
	if err := spec.Variables["next_slot"].Set(k); err != nil {
		return 0, fmt.Errorf("%s: setting next_slot: %w", objPath, err)
	}
	coll, err := ebpf.NewCollectionWithOptions(spec, ebpf.CollectionOptions{MapReplacements: map[string]*ebpf.Map{"chain": in.chainMap}})
	if err != nil {
		return 0, fmt.Errorf("loading %s from %s as %s: %+v", name, objPath, variantDesc(v), err)
	}
	defer coll.Close()
	prog := coll.Programs[name]

	// Move the end of the chain to slot k, record it, then let slot j run
	// the stage: each step leaves a chain that a crash cannot break.
	end, err := progAt(in.chainMap, j)
	if err != nil {
		return 0, err
	}
	if end != nil {
		defer end.Close()
		if err := in.chainMap.Put(k, end); err != nil {
			return 0, fmt.Errorf("moving the end of the chain to slot %d: %w", k, err)
		}
	}
	in.st.OrigSlot = uint8(k)
	in.st.Next[j] = uint8(k)
	if err := in.writeState(); err != nil {
		return 0, err
	}
	if err := in.chainMap.Put(j, prog); err != nil {
		return 0, fmt.Errorf("putting %s into slot %d (the chain runs %s programs): %w", name, j, variantDesc(v), err)
	}
	return int(j), nil
}

// ErrEndsChain is wrapped by Insert's refusal of a stage that would not
// continue the chain.
var ErrEndsChain = errors.New("stage would end the chain")

// tailCallsChain reports whether insns (a program with its subprograms)
// tail-call through the map `chain`: a bpf_tail_call whose map argument
// (R2) was last loaded from the map reference `chain`.
func tailCallsChain(insns asm.Instructions) bool {
	for i, ins := range insns {
		if !ins.IsBuiltinCall() || ins.Constant != int64(asm.FnTailCall) {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			p := insns[j]
			if p.OpCode.JumpOp() == asm.Call || p.OpCode.JumpOp() == asm.Exit {
				break
			}
			if p.Dst != asm.R2 || !writesDst(p) {
				continue
			}
			if p.IsLoadFromMap() && p.Reference() == "chain" {
				return true
			}
			break
		}
	}
	return false
}

// writesDst reports whether ins writes its destination register (ALU,
// loads), as opposed to stores and jumps, which only read it.
func writesDst(ins asm.Instruction) bool {
	switch ins.OpCode.Class() {
	case asm.ALUClass, asm.ALU64Class, asm.LdClass, asm.LdXClass:
		return true
	}
	return false
}

// variantDesc says how a chain's programs are loaded, for messages.
func variantDesc(v Variant) string {
	f := "xdp"
	if v.Frags {
		f = "xdp.frags"
	}
	return fmt.Sprintf("%s with expected attach type %s", f, AttachTypeName(v.AttachType))
}

func pickProgram(spec *ebpf.CollectionSpec, section string) (string, error) {
	var xdp []string
	for n, p := range spec.Programs {
		if p.Type != ebpf.XDP {
			continue
		}
		if section != "" && (n == section || p.SectionName == section) {
			xdp = append(xdp, n)
		} else if section == "" {
			xdp = append(xdp, n)
		}
	}
	sort.Strings(xdp)
	switch {
	case len(xdp) == 1:
		return xdp[0], nil
	case len(xdp) == 0 && section != "":
		return "", fmt.Errorf("no XDP program named or in section %q", section)
	case len(xdp) == 0:
		return "", fmt.Errorf("no XDP program")
	}
	return "", fmt.Errorf("several XDP programs (%s): name one with :NAME", strings.Join(xdp, ", "))
}

// Remove takes the stage with program id out of the chain of ifindex: the
// slot that ran it runs what it tail-called instead. xdpdump's capture
// stages and the original program cannot be removed this way.
func Remove(ifindex int, id ebpf.ProgramID) error {
	unlock, err := lock()
	if err != nil {
		return err
	}
	defer unlock()
	netns, err := netnsIno()
	if err != nil {
		return err
	}
	ins, err := instances(netns, ifindex)
	if err != nil {
		return err
	}
	defer closeAll(ins)
	for _, in := range ins {
		if in.st.Ours == uint32(id) {
			return fmt.Errorf("prog %d is the capture stage of xdpdump pid %d: stop that xdpdump instead", id, in.st.PID)
		}
	}
	for _, in := range ins {
		for j := uint32(0); j < chainSlots; j++ {
			sid, ok := slotID(in.chainMap, j)
			if !ok || sid != uint32(id) {
				continue
			}
			if j == uint32(in.st.OrigSlot) {
				return fmt.Errorf("prog %d is the program xdpdump stands in front of, not a stage", id)
			}
			n := uint32(in.st.Next[j])
			if n >= chainSlots {
				// A Loader's own stage: not ours to splice.
				return fmt.Errorf("prog %d in slot %d is a stage xdpdump loaded itself; it goes with that xdpdump", id, j)
			}
			next, err := progAt(in.chainMap, n)
			if err != nil {
				return err
			}
			if next != nil {
				err = in.chainMap.Put(j, next)
				next.Close()
			} else {
				err = in.chainMap.Delete(j)
			}
			if err != nil {
				return fmt.Errorf("splicing prog %d out of slot %d: %w", id, j, err)
			}
			in.st.Next[j] = in.st.Next[n]
			if n == uint32(in.st.OrigSlot) {
				in.st.OrigSlot = uint8(j)
			}
			in.st.Next[n] = noSlot
			if err := in.writeState(); err != nil {
				return err
			}
			if err := in.chainMap.Delete(n); err != nil && !errors.Is(err, ebpf.ErrKeyNotExist) {
				return fmt.Errorf("clearing slot %d: %w", n, err)
			}
			return nil
		}
	}
	return fmt.Errorf("prog %d is not a stage of the chain on ifindex %d", id, ifindex)
}
