// The exit capture point of a session (--capture-at exit|both): the packet
// as the XDP program left it, with the program's action as the verdict,
// sharing its packet id with the entry copy.
//
// Who knows the action (bpf/include/exit.h): the exit stages xdpdump puts
// into the slots of the program's xdpcap hook (--xdpcap-hook, through
// internal/xdpcap), and xdpdump's own stages where they decide (bounce's
// answers and drops, the end of the chain when nothing is attached). A
// program that is attached and feeds no hook could only be seen through
// fexit, which Open tries and, where the kernel refuses it, refuses with
// the alternatives in one line before anything is changed.

package session

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/chain"
	"github.com/xdpdump/xdpdump/internal/stage"
	"github.com/xdpdump/xdpdump/internal/xdpcap"
	"github.com/xdpdump/xdpdump/pcapout"
)

// ExitPoint configures the exit capture point.
type ExitPoint struct {
	// Entry records the entry copy too (--capture-at both); otherwise
	// only the exit copy is (--capture-at exit).
	Entry bool
	// Hook is the pinned xdpcap hook of the attached programs
	// (--xdpcap-hook); "" = only xdpdump's own stages decide.
	Hook string
}

// ExitCounters are one interface's counters at the exit point.
type ExitCounters struct {
	// Actions, indexed by XDP action: Seen = packets that left with it,
	// Matched = recorded (the filter matched at entry or at exit),
	// Captured = written to the ring, Lost = not (ring full, owner gone).
	Actions [stage.Actions]stage.Stats
	Written uint64 // exit copies handed to the sink
}

// Total sums the actions.
func (e ExitCounters) Total() stage.Stats {
	var t stage.Stats
	for _, a := range e.Actions {
		t = t.Add(a)
	}
	return t
}

// Summary says how many packets left the XDP program with each verdict,
// as xdp-tools names them: "30 packets left the XDP program: 10 DROP,
// 20 PASS".
func (e ExitCounters) Summary() string {
	var parts []string
	var n uint64
	for a, st := range e.Actions {
		if st.Seen > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", st.Seen, xdpcap.ActionName(uint32(a))))
			n += st.Seen
		}
	}
	line := fmt.Sprintf("%d packets left the XDP program", n)
	if n == 1 {
		line = "1 packet left the XDP program"
	}
	if len(parts) > 0 {
		line += ": " + strings.Join(parts, ", ")
	}
	return line
}

func (e ExitCounters) add(o ExitCounters) ExitCounters {
	for i := range e.Actions {
		e.Actions[i] = e.Actions[i].Add(o.Actions[i])
	}
	e.Written += o.Written
	return e
}

// exitState is the exit point of an open session.
type exitState struct {
	cfg       ExitPoint
	ifindexes []int
	maps      *stage.Exit
	hook      *xdpcap.Hook
	stages    []*stage.Stage // the hook's, one per action

	mu      sync.Mutex
	sinkIdx map[uint32]int // ifindex → the exit interface block
	written map[uint32]uint64
	last    map[uint32][stage.Actions]stage.Stats
}

// exitSink is a Sink that shows exit copies its own way (the printer
// names the verdict).
type exitSink interface {
	WriteExit(*pcapout.Packet) error
}

// WriteExit prints an exit copy; with -v or -e the line names the
// verdict.
func (ps PrintSink) WriteExit(p *pcapout.Packet) error {
	return ps.P.PrintExit(p.Time(), p.Data, p.OriginalLength, p.Verdict.Value)
}

// openExit recovers dead xdpdumps' hook slots, then sets up the exit
// point before any stage is loaded: it refuses
// what cannot be seen, makes the exit maps (every stage loaded with
// s.shared then records exits) and fills the xdpcap hook.
func (s *Session) openExit() error {
	// What killed xdpdumps left in xdpcap hooks goes at every start, as
	// what they left on the interfaces does.
	if _, err := xdpcap.Recover(func(l string) { s.cfg.Log("xdpcap", l) }); err != nil {
		return permission("emptying the xdpcap hook slots an earlier xdpdump left", err)
	}
	e := s.cfg.Exit
	if e == nil {
		return nil
	}
	if s.cfg.Direction&In == 0 {
		return errors.New("--capture-at exit is the exit of the XDP program: it does not go with -Q out")
	}
	if s.cfg.NoCapture {
		return errors.New("--capture-at: nothing is captured (--bounce without -w or an expression)")
	}
	var attached []*chain.Current
	for _, ic := range s.cfg.Interfaces {
		cur, err := chain.Inspect(ic.Index)
		if err != nil {
			return permission(ic.Name+": reading its XDP hook", err)
		}
		if cur.ProgID == 0 {
			continue
		}
		if e.Hook == "" {
			return fexitRefusal(ic.Name, cur)
		}
		cur.IfName = ic.Name
		attached = append(attached, cur)
	}
	x := &exitState{cfg: *e, sinkIdx: map[uint32]int{}, written: map[uint32]uint64{}, last: map[uint32][stage.Actions]stage.Stats{}}
	var idx []int
	for _, ic := range s.cfg.Interfaces {
		idx = append(idx, ic.Index)
	}
	x.ifindexes = idx
	maps, err := stage.NewExit(idx, e.Entry)
	if err != nil {
		return permission("creating the exit point's maps", err)
	}
	x.maps = maps
	s.exit = x
	s.shared.Exit = maps
	if e.Hook == "" {
		return nil
	}
	h, err := xdpcap.Attach(e.Hook, s.loadExitStage, xdpcap.Options{Log: func(l string) { s.cfg.Log(e.Hook, l) }})
	if err != nil {
		return permission("--xdpcap-hook", err)
	}
	x.hook = h
	for _, cur := range attached {
		if !usesMap(cur.ProgID, h.MapID()) {
			s.cfg.Log(cur.IfName, fmt.Sprintf("%s does not use the xdpcap hook %s itself: exit copies appear only for packets that reach a program that does", cur, e.Hook))
		}
	}
	return nil
}

// loadExitStage is the xdpcap.Loader: the exit stage of action a.
func (s *Session) loadExitStage(a uint32, v stage.Variant) (*ebpf.Program, error) {
	mask := s.cfg.Netmask
	st, err := stage.Load(stage.Config{
		Spec: bpf.LoadExit, Program: bpf.ExitProgXdpdumpExit, Kind: stage.XDP, Variant: &v,
		Filter: s.cfg.Filter, Snaplen: s.cfg.Snaplen, Netmask: &mask, Shared: s.shared,
		WakeupBytes: s.wakeupBytes(), Deadman: s.cfg.Deadman,
		Vars: map[string]any{bpf.ExitVarAction: a},
	})
	if err != nil {
		return nil, err
	}
	s.exit.stages = append(s.exit.stages, st)
	return st.Program(), nil
}

// usesMap reports whether program prog refers to map id (true when it
// cannot be told).
func usesMap(prog ebpf.ProgramID, id ebpf.MapID) bool {
	p, err := ebpf.NewProgramFromID(prog)
	if err != nil {
		return true
	}
	defer p.Close()
	info, err := p.Info()
	if err != nil {
		return true
	}
	ids, ok := info.MapIDs()
	if !ok {
		return true
	}
	for _, m := range ids {
		if m == id {
			return true
		}
	}
	return false
}

// fexitRefusal tries what xdp-tools does to see the verdict of the
// program cur runs — an fexit program on its main function — and explains
// in one line why the exit point cannot be captured that way and what to
// do instead.
func fexitRefusal(ifname string, cur *chain.Current) error {
	why := tryFexit(cur.ProgID)
	return fmt.Errorf("%s: --capture-at exit: %s, so the verdict of %s cannot be seen; give the xdpcap hook the program feeds with --xdpcap-hook PATH, or capture where xdpdump's own stages decide (--bounce, or an interface without an XDP program); nothing was changed", ifname, why, cur)
}

// tryFexit loads a minimal fexit program on the main function of prog and
// says how it went.
func tryFexit(id ebpf.ProgramID) string {
	prog, err := ebpf.NewProgramFromID(id)
	if err != nil {
		return fmt.Sprintf("prog %d cannot be opened for fexit (%v)", id, err)
	}
	defer prog.Close()
	info, err := prog.Info()
	if err != nil {
		return fmt.Sprintf("prog %d cannot be read for fexit (%v)", id, err)
	}
	fns, err := info.FuncInfos()
	if err != nil || len(fns) == 0 || fns[0].Func == nil {
		return "the program carries no BTF, which fexit needs"
	}
	fe, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Name: "xdpdump_fexit", Type: ebpf.Tracing, AttachType: ebpf.AttachTraceFExit,
		AttachTarget: prog, AttachTo: fns[0].Func.Name, License: "Dual BSD/GPL",
		Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, 0), asm.Return()},
	})
	switch {
	case err == nil:
		fe.Close()
		return "this kernel allows fexit, but xdpdump does not capture through it (yet)"
	case errors.Is(err, unix.EPERM):
		return "this kernel refuses fexit (EPERM)"
	}
	return fmt.Sprintf("this kernel refuses fexit (%v)", err)
}

// detachExit empties the xdpcap hook.
func (s *Session) detachExit() error {
	if s.exit == nil || s.exit.hook == nil {
		return nil
	}
	s.exit.snapshot()
	return s.cfg.Privileged(s.exit.hook.Detach)
}

// closeExit frees the exit stages and maps; detachExit first.
func (s *Session) closeExit() {
	if s.exit == nil {
		return
	}
	s.exit.snapshot()
	for _, st := range s.exit.stages {
		st.Close()
	}
	s.exit.stages = nil
	if s.exit.maps != nil {
		s.exit.maps.Close()
		s.exit.maps = nil
	}
}

// addExitInterfaces adds one interface block per interface for its exit
// point, named as xdp-tools names its capture points (NAME@exit).
func (s *Session) addExitInterfaces(sink Sink) error {
	if s.exit == nil {
		return nil
	}
	for _, ifc := range s.ifs {
		desc := "exit of the XDP program on " + ifc.Name + " (xdpdump): the packet as it left, with the program's verdict"
		if s.exit.hook != nil {
			desc += "; verdicts through the xdpcap hook " + s.exit.hook.Path()
		}
		idx, err := sink.AddInterface(pcapout.Interface{
			Name: ifc.Name + "@exit", Description: desc, Filter: s.cfg.Filter,
			Hardware: ifc.Driver, Snaplen: s.snaplen(), Ifindex: ifc.Index,
		})
		if err != nil {
			return err
		}
		s.exit.sinkIdx[uint32(ifc.Index)] = idx
	}
	return nil
}

// exitPacket makes p the exit copy rec: the exit interface block, the
// action as epb_verdict (Linux eBPF XDP), outbound when the action sent
// it back out (XDP_TX).
func (s *Session) exitPacket(p *pcapout.Packet, rec *capture.Record) {
	if s.exit == nil {
		return
	}
	if idx, ok := s.exit.sinkIdx[rec.Ifindex]; ok {
		p.Interface = idx
	}
	p.Verdict = pcapout.XDPVerdict(uint32(rec.Verdict))
	p.HasVerdict = true
	if rec.Verdict == pcapout.XDPTX {
		p.Direction = pcapout.Outbound
	}
}

// writePacket hands p to the sink: exit copies through its WriteExit when
// it has one.
func (w *writer) writePacket(p *pcapout.Packet, rec *capture.Record) error {
	if rec.Hook != capture.HookXDPExit || w.s.exit == nil {
		return w.sink.WritePacket(p)
	}
	var err error
	if es, ok := w.sink.(exitSink); ok {
		err = es.WriteExit(p)
	} else {
		err = w.sink.WritePacket(p)
	}
	if err == nil {
		w.s.exit.mu.Lock()
		w.s.exit.written[rec.Ifindex]++
		w.s.exit.mu.Unlock()
	}
	return err
}

// snapshot reads the exit counters of every interface, keeping the last
// reading for when the maps are gone.
func (x *exitState) snapshot() {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.maps == nil {
		return
	}
	for _, ifindex := range x.ifindexes {
		if st, err := x.maps.ReadStats(ifindex); err == nil {
			x.last[uint32(ifindex)] = st
		}
	}
}

// exitCounters are ifc's exit counters (zero without an exit point).
func (s *Session) exitCounters(ifc *iface) ExitCounters {
	x := s.exit
	if x == nil {
		return ExitCounters{}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	k := uint32(ifc.Index)
	if x.maps != nil {
		if st, err := x.maps.ReadStats(ifc.Index); err == nil {
			x.last[k] = st
		}
	}
	return ExitCounters{Actions: x.last[k], Written: x.written[k]}
}

// exitWritten is how many of ifc's written packets were exit copies.
func (s *Session) exitWritten(ifc *iface) uint64 {
	if s.exit == nil {
		return 0
	}
	s.exit.mu.Lock()
	defer s.exit.mu.Unlock()
	return s.exit.written[uint32(ifc.Index)]
}

// exitPcapStats adds the cumulative counters of the exit interface blocks
// to out (PcapStats, for rotated files).
func (s *Session) exitPcapStats(out []pcapout.Stats) []pcapout.Stats {
	if s.exit == nil {
		return out
	}
	for _, ifc := range s.ifs {
		idx, ok := s.exit.sinkIdx[uint32(ifc.Index)]
		if !ok {
			continue
		}
		for len(out) <= idx {
			out = append(out, pcapout.Stats{Received: pcapout.NoValue, Dropped: pcapout.NoValue, FilterAccepted: pcapout.NoValue, OSDropped: pcapout.NoValue})
		}
		t := s.exitCounters(ifc).Total()
		out[idx] = pcapout.Stats{Received: t.Seen, Dropped: pcapout.NoValue, FilterAccepted: t.Matched, OSDropped: t.Lost}
	}
	return out
}

// finishExit writes the statistics block of each exit interface block.
func (s *Session) finishExit(sink Sink, started, end time.Time) error {
	if s.exit == nil {
		return nil
	}
	for _, ifc := range s.ifs {
		idx, ok := s.exit.sinkIdx[uint32(ifc.Index)]
		if !ok {
			continue
		}
		c := s.exitCounters(ifc)
		t := c.Total()
		if err := sink.WriteStats(idx, pcapout.Stats{
			Received: t.Seen, FilterAccepted: t.Matched, OSDropped: t.Lost,
			Dropped: pcapout.NoValue, Delivered: c.Written, Start: started, End: end,
		}); err != nil {
			return &WriteError{err}
		}
	}
	return nil
}
