// Package testkit holds what xdpdump's tests in several packages share:
// small BPF programs built in place (a packet counter, XDP_PASS for a
// peer that must receive XDP_TX'd frames) and attaching them in a test
// host's namespace, removed when the test ends; listeners and servers in
// a test host, stage specs, pcap readers, files an attacker aims at.
package testkit

import (
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// XDP and TC verdicts the programs return.
const (
	XDPPass = 2
	TCXNext = -1 // TCX_NEXT, also TC_ACT_UNSPEC: the next program decides
)

// CounterOptions say what kind of counter to build.
type CounterOptions struct {
	// Type is ebpf.XDP (the default) or ebpf.SchedCLS.
	Type ebpf.ProgramType
	// Verdict is returned for every packet: XDPPass by default for XDP,
	// TCXNext for TC.
	Verdict *int32
	// Frags loads an XDP counter with the xdp.frags flag.
	Frags bool
	// AttachType of an XDP counter; the zero value is BPF_XDP (what a
	// chain of xdpdump's stages tail-calls by default).
	AttachType *ebpf.AttachType
	Name       string
}

// Counter counts every packet it sees in slot 0 of Map and returns its
// verdict: a stand-in for a program that was there before, or a probe of
// what passes.
type Counter struct {
	Prog *ebpf.Program
	Map  *ebpf.Map
}

// NewCounter loads a counter; both are closed when t ends.
func NewCounter(t testing.TB, o CounterOptions) Counter {
	t.Helper()
	m := CounterMap(t)
	typ := o.Type
	if typ == ebpf.UnspecifiedProgram {
		typ = ebpf.XDP
	}
	verdict := int32(XDPPass)
	if typ == ebpf.SchedCLS {
		verdict = TCXNext
	}
	if o.Verdict != nil {
		verdict = *o.Verdict
	}
	spec := &ebpf.ProgramSpec{
		Name:    o.Name,
		Type:    typ,
		License: "GPL",
		Instructions: append(CountInsns(m, "out"),
			asm.Mov.Imm(asm.R0, verdict).WithSymbol("out"),
			asm.Return(),
		),
	}
	if typ == ebpf.XDP {
		spec.AttachType = ebpf.AttachXDP
		if o.AttachType != nil {
			spec.AttachType = *o.AttachType
		}
		if o.Frags {
			spec.Flags = unix.BPF_F_XDP_HAS_FRAGS
		}
	}
	prog, err := ebpf.NewProgram(spec)
	if err != nil {
		t.Fatalf("loading the counter: %+v", err)
	}
	t.Cleanup(func() { prog.Close() })
	return Counter{Prog: prog, Map: m}
}

// CounterMap is an array of one u64 counter, closed when t ends.
func CounterMap(t testing.TB) *ebpf.Map {
	t.Helper()
	m, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.Array, KeySize: 4, ValueSize: 8, MaxEntries: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// CountInsns are instructions that add one to slot 0 of m (a CounterMap)
// and then go on at the instruction labelled next, which the caller
// appends (also when the lookup fails). They clobber R0-R5 and the stack
// word at -4.
func CountInsns(m *ebpf.Map, next string) asm.Instructions {
	return asm.Instructions{
		asm.StoreImm(asm.RFP, -4, 0, asm.Word),
		asm.Mov.Reg(asm.R2, asm.RFP),
		asm.Add.Imm(asm.R2, -4),
		asm.LoadMapPtr(asm.R1, m.FD()),
		asm.FnMapLookupElem.Call(),
		asm.JEq.Imm(asm.R0, 0, next),
		asm.Mov.Imm(asm.R1, 1),
		asm.StoreXAdd(asm.R0, asm.R1, asm.DWord),
	}
}

// Count reads the counter.
func (c Counter) Count(t testing.TB) uint64 {
	t.Helper()
	var v uint64
	if err := c.Map.Lookup(uint32(0), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// PassXDP attaches an XDP_PASS program to h's veth with a bpf_link, until
// t ends. A veth hands the frames its peer sends with XDP_TX (or
// redirects) only to an end that runs NAPI, which an XDP program turns on;
// GRO on is not enough on this kernel, and a real NIC needs nothing of
// the sort.
func PassXDP(t testing.TB, h testhost.Host) {
	t.Helper()
	prog, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Name:         "pass",
		Type:         ebpf.XDP,
		AttachType:   ebpf.AttachXDP,
		License:      "GPL",
		Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, XDPPass), asm.Return()},
	})
	if err != nil {
		t.Fatalf("loading XDP_PASS: %v", err)
	}
	t.Cleanup(func() { prog.Close() })
	AttachXDP(t, h, prog)
}

// AttachXDP attaches prog to h's veth with a bpf_link, until t ends or
// the caller closes the link it returns.
func AttachXDP(t testing.TB, h testhost.Host, prog *ebpf.Program) link.Link {
	t.Helper()
	var l link.Link
	err := h.Do(func() error {
		var err error
		l, err = link.AttachXDP(link.XDPOptions{Program: prog, Interface: h.Ifindex})
		return err
	})
	if err != nil {
		t.Fatalf("attaching %v to %s: %v", prog, h.Dev, err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// ProgMap opens the map called name of the loaded program id (closed when
// t ends): how a test reads the counters of a program someone else
// loaded.
func ProgMap(t testing.TB, id ebpf.ProgramID, name string) *ebpf.Map {
	t.Helper()
	prog, err := ebpf.NewProgramFromID(id)
	if err != nil {
		t.Fatalf("opening prog %d: %v", id, err)
	}
	defer prog.Close()
	info, err := prog.Info()
	if err != nil {
		t.Fatal(err)
	}
	ids, _ := info.MapIDs()
	for _, mid := range ids {
		m, err := ebpf.NewMapFromID(mid)
		if err != nil {
			continue
		}
		if mi, err := m.Info(); err == nil && mi.Name == name {
			t.Cleanup(func() { m.Close() })
			return m
		}
		m.Close()
	}
	t.Fatalf("prog %d has no map %q", id, name)
	return nil
}

// Uint64s reads keys 0..n-1 of an array of u64.
func Uint64s(t testing.TB, m *ebpf.Map, n int) []uint64 {
	t.Helper()
	v := make([]uint64, n)
	for k := range v {
		if err := m.Lookup(uint32(k), &v[k]); err != nil {
			t.Fatal(err)
		}
	}
	return v
}
