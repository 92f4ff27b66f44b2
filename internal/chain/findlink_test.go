package chain

import (
	"sync"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// TestFindXDPLinkWhileLinksSettle: while another thread keeps attaching
// and closing tcx links (each link's ID is reserved but unusable, EAGAIN,
// for the grace period tcx waits out under the RTNL), findXDPLink still
// finds the bpf_link that holds A's XDP program, and says "no link" for a
// program attached without one (a netlink attachment: the walk goes past
// every link, the settling ones too), every time.
func TestFindXDPLinkWhileLinksSettle(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	prog := func(typ ebpf.ProgramType, ret int32) *ebpf.Program {
		pr, err := ebpf.NewProgram(&ebpf.ProgramSpec{Type: typ, License: "GPL",
			Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, ret), asm.Return()}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { pr.Close() })
		return pr
	}
	xdp := prog(ebpf.XDP, 2)
	tc := prog(ebpf.SchedCLS, -1)
	var l link.Link
	if err := p.A.Do(func() (err error) {
		l, err = link.AttachXDP(link.XDPOptions{Program: xdp, Interface: p.A.Ifindex, Flags: link.XDPGenericMode})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	info, err := l.Info()
	if err != nil {
		t.Fatal(err)
	}
	pinfo, _ := xdp.Info()
	pid, _ := pinfo.ID()
	tinfo, _ := tc.Info()
	tcID, _ := tinfo.ID() // attached by no link to A's XDP hook

	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = p.B.Do(func() error {
			for {
				select {
				case <-stop:
					return nil
				default:
				}
				tl, err := link.AttachTCX(link.TCXOptions{Interface: p.B.Ifindex, Program: tc, Attach: ebpf.AttachTCXEgress})
				if err != nil {
					return err
				}
				tl.Close()
			}
		})
	}()
	deadline := time.Now().Add(3 * time.Second)
	n := 0
	for ; time.Now().Before(deadline); n++ {
		var id link.ID
		err := p.A.Do(func() (err error) { id, err = findXDPLink(p.A.Ifindex, pid); return err })
		if err != nil {
			close(stop)
			wg.Wait()
			t.Fatalf("lookup %d: %v", n, err)
		}
		if id != info.ID {
			close(stop)
			wg.Wait()
			t.Fatalf("lookup %d found link %d, want %d", n, id, info.ID)
		}
		err = p.A.Do(func() (err error) { id, err = findXDPLink(p.A.Ifindex, tcID); return err })
		if err != nil || id != 0 {
			close(stop)
			wg.Wait()
			t.Fatalf("lookup %d of a program without a link: link %d, %v", n, id, err)
		}
	}
	close(stop)
	wg.Wait()
	t.Logf("%d lookups while tcx links came and went", n)
}
