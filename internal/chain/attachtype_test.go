// The expected attach types of XDP programs: what this kernel takes (every
// 32-bit value at load, every one but BPF_XDP_DEVMAP and BPF_XDP_CPUMAP on
// a device hook), that the probe finds each of them that it tries, with
// either frags flag, and that Attach stands in front of a program with an
// unusual one, over a bpf_link (whose update the kernel refuses unless the
// attach types match), and puts it back.
package chain

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit/progs"
)

func passProg(t *testing.T, at ebpf.AttachType, frags bool) *ebpf.Program {
	t.Helper()
	spec := &ebpf.ProgramSpec{
		Type: ebpf.XDP, AttachType: at, License: "GPL",
		Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, 2), asm.Return()},
	}
	if frags {
		spec.Flags = unix.BPF_F_XDP_HAS_FRAGS
	}
	p, err := ebpf.NewProgram(spec)
	if err != nil {
		t.Fatalf("loading an XDP program with attach type %d (frags %v): %v", at, frags, err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func TestKernelAttachTypes(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	err := p.A.Do(func() error {
		nl, err := newNL()
		if err != nil {
			return err
		}
		defer nl.Close()
		for _, at := range []ebpf.AttachType{0, 1, 32, 33, 34, 35, 36, ebpf.AttachXDP, 57, 58, 300, 1 << 31} {
			prog := passProg(t, at, false)
			err := nl.setXDP(p.A.Ifindex, prog.FD(), unix.XDP_FLAGS_SKB_MODE, 0)
			nl.setXDP(p.A.Ifindex, -1, unix.XDP_FLAGS_SKB_MODE, 0)
			refused := at == ebpf.AttachXDPDevMap || at == ebpf.AttachXDPCPUMap
			if refused != (err != nil) {
				t.Errorf("attach type %d on a device hook: %v", at, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestProbeFindsAttachType(t *testing.T) {
	testhost.Require(t)
	for _, at := range []ebpf.AttachType{ebpf.AttachXDP, 0, 1, 2, 32, 34, 36, 38, 46, 57, 58, 128, probeLimit - 1} {
		for _, frags := range []bool{false, true} {
			fr, got, err := probeFrags(passProg(t, at, frags))
			if err != nil || got != at || (fr == FragsYes) != frags {
				t.Errorf("probe of attach type %d frags %v: %v, attach type %d, %s", at, frags, err, got, fr)
			}
		}
	}
	start := time.Now()
	_, _, err := probeFrags(passProg(t, probeLimit, false))
	if !errors.Is(err, ErrNotProbed) {
		t.Errorf("probe of attach type %d: %v, want ErrNotProbed", probeLimit, err)
	}
	t.Logf("a probe through the whole range: %v", time.Since(start))
}

// Over a bpf_link the kernel updates the program only to one of the same
// attach type: Attach must load its stages as the original's.
func TestAttachTypeOverLink(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	spec, err := progs.LoadChaintest()
	if err != nil {
		t.Fatal(err)
	}
	const at = ebpf.AttachType(46) // BPF_TCX_INGRESS: nonsense for XDP, taken all the same
	spec.Programs["chaintest_xdp"].AttachType = at
	coll, err := ebpf.NewCollection(spec)
	if err != nil {
		t.Fatal(err)
	}
	defer coll.Close()
	e := &existing{prog: coll.Programs["chaintest_xdp"], how: "link", host: p.A}
	e.objs.Verdicts = coll.Maps["verdicts"]
	info, _ := e.prog.Info()
	e.id, _ = info.ID()
	err = p.A.Do(func() error {
		e.link, err = link.AttachXDP(link.XDPOptions{Program: e.prog, Interface: p.A.Ifindex})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	defer e.link.Close()

	st := &stage{filter: "udp"}
	c := attachIn(t, p.A, st)
	if c.Variant().AttachType != at || !strings.Contains(c.Describe(), "attach type 46") {
		t.Fatalf("Attach loaded %s in front of an attach type 46 program: %s", c.Variant(), c.Describe())
	}
	_, d0, _ := e.counters(t)
	sendDrop(t, p, 10)
	caps := drainRing(t, st, 10*time.Second, func(cs []captured) bool { return len(cs) >= 10 })
	if len(caps) < 10 {
		t.Fatalf("captured %d of 10", len(caps))
	}
	if _, d1, _ := e.counters(t); d1-d0 != 10 {
		t.Fatalf("the original dropped %d of 10 behind us", d1-d0)
	}
	if err := p.A.Do(c.Detach); err != nil {
		t.Fatal(err)
	}
	e.checkRestored(t)
	checkNoPins(t, p.A)
}
