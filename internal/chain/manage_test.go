package chain

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

const stageObj = "../testkit/progs/chaintest_bpfel.o"

func showIn(t *testing.T, h testhost.Host) []Stage {
	t.Helper()
	var st []Stage
	if err := h.Do(func() (err error) { st, err = Show(h.Ifindex); return }); err != nil {
		t.Fatalf("Show: %v", err)
	}
	return st
}

// roles renders a chain as "role:slot:id ..." for comparisons.
func roles(st []Stage) string {
	var b []string
	for _, s := range st {
		b = append(b, fmt.Sprintf("%s:%d:%d", s.Role, s.Slot, s.ProgID))
	}
	return strings.Join(b, " ")
}

// stageSeen reads the stage_seen counter of an inserted chaintest_stage.
func stageSeen(t *testing.T, p *ebpf.Program) uint64 {
	t.Helper()
	info, err := p.Info()
	if err != nil {
		t.Fatal(err)
	}
	id, _ := info.ID()
	return testkit.Uint64s(t, testkit.ProgMap(t, id, "stage_seen"), 1)[0]
}

// TestStages: users' stages go into the chain before the original program,
// continue the chain, show up in Show and come out with Remove; List sees
// our program on the device.
func TestStages(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	e := attachExisting(t, p.A, "native", false)
	err := p.A.Do(func() error { _, err := Insert(p.A.Ifindex, stageObj, "chaintest_stage"); return err })
	if err == nil {
		t.Fatal("Insert without a running xdpdump succeeded")
	}
	t.Logf("without xdpdump: %v", err)

	s := startStream(t, p, 100, 500*time.Microsecond)
	st := &stage{filter: "udp"}
	c := attachIn(t, p.A, st)
	ours := c.ProgramID()
	if got, want := roles(showIn(t, p.A)), fmt.Sprintf("xdpdump:-1:%d original:0:%d", ours, e.id); got != want {
		t.Fatalf("Show = %q, want %q", got, want)
	}

	var ifs []IfaceInfo
	if err := p.A.Do(func() (err error) { ifs, err = List(); return }); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, i := range ifs {
		if i.Name == p.A.Dev {
			found = true
			if i.XDP.ProgID != ours || !i.XDP.Xdpdump || i.XDP.Mode != ModeNative || i.XDP.Owner() != "netlink" {
				t.Errorf("List shows %s for %s, want our prog %d (xdpdump, native, netlink)", &i.XDP, i.Name, ours)
			}
		} else if i.Name == "lo" && i.XDP.ProgID != 0 {
			t.Errorf("List shows %s on lo", &i.XDP)
		}
	}
	if !found {
		t.Fatalf("List does not show %s: %+v", p.A.Dev, ifs)
	}

	for _, bad := range []string{"nosuchprog", ""} {
		err := p.A.Do(func() error { _, err := Insert(p.A.Ifindex, stageObj, bad); return err })
		if err == nil {
			t.Errorf("Insert of section %q succeeded", bad)
		}
		t.Logf("section %q: %v", bad, err)
	}
	if err := p.A.Do(func() error { return Remove(p.A.Ifindex, ours) }); err == nil {
		t.Error("Remove of our capture stage succeeded")
	}

	var slot1, slot2 int
	if err := p.A.Do(func() (err error) { slot1, err = Insert(p.A.Ifindex, stageObj, "chaintest_stage"); return }); err != nil {
		t.Fatalf("Insert: %+v", err)
	}
	if err := p.A.Do(func() (err error) { slot2, err = Insert(p.A.Ifindex, stageObj, "chaintest_stage"); return }); err != nil {
		t.Fatalf("second Insert: %+v", err)
	}
	sh := showIn(t, p.A)
	t.Logf("chain:\n%v", sh)
	if len(sh) != 4 || sh[0].ProgID != ours || sh[1].Role != "stage" || sh[1].Slot != slot1 || sh[2].Role != "stage" || sh[2].Slot != slot2 || sh[3].Role != "original" || sh[3].ProgID != e.id {
		t.Fatalf("Show after two inserts = %q", roles(sh))
	}
	s1, s2 := sh[1].ProgID, sh[2].ProgID
	p1, err := ebpf.NewProgramFromID(s1) // keeps it readable after Remove
	if err != nil {
		t.Fatal(err)
	}
	defer p1.Close()
	p2, err := ebpf.NewProgramFromID(s2)
	if err != nil {
		t.Fatal(err)
	}
	defer p2.Close()
	s.waitSent(200)
	if stageSeen(t, p1) == 0 || stageSeen(t, p2) == 0 {
		t.Fatalf("inserted stages saw no packets: %d, %d", stageSeen(t, p1), stageSeen(t, p2))
	}

	if err := p.A.Do(func() error { return Remove(p.A.Ifindex, s1) }); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	sh = showIn(t, p.A)
	if len(sh) != 3 || sh[1].ProgID != s2 || sh[2].ProgID != e.id {
		t.Fatalf("Show after removing the first stage = %q", roles(sh))
	}
	n1, n2 := stageSeen(t, p1), stageSeen(t, p2)
	s.waitSent(200)
	if n := stageSeen(t, p2); n == n2 {
		t.Errorf("remaining stage sees no packets after the other was removed")
	}
	if n := stageSeen(t, p1); n != n1 {
		t.Errorf("removed stage still sees packets (%d -> %d)", n1, n)
	}
	if err := p.A.Do(func() error { return Remove(p.A.Ifindex, s2) }); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	if got, want := roles(showIn(t, p.A)), fmt.Sprintf("xdpdump:-1:%d original:0:%d", ours, e.id); got != want {
		t.Fatalf("Show after removing both = %q, want %q", got, want)
	}
	if err := p.A.Do(func() error { return Remove(p.A.Ifindex, s2) }); err == nil {
		t.Error("removing a stage twice succeeded")
	}

	// A stage is inserted again and stays until xdpdump leaves.
	if err := p.A.Do(func() error { _, err := Insert(p.A.Ifindex, stageObj, "chaintest_stage"); return err }); err != nil {
		t.Fatal(err)
	}
	if got := len(showIn(t, p.A)); got != 3 {
		t.Errorf("Show lists %d programs after re-inserting, want 3", got)
	}
	s.waitSent(100)
	if err := p.A.Do(c.Detach); err != nil {
		t.Fatal(err)
	}
	s.waitSent(100)
	s.finish()
	e.checkRestored(t)
	checkNoPins(t, p.A)
}
