package chain

import (
	"context"
	"errors"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit/progs"
)

// TestInFront: for each way the existing program can be attached, xdpdump
// captures in front of it without changing what it does, loses no packet
// of a running stream while attaching and detaching, and puts it back as it
// was.
func TestInFront(t *testing.T) {
	testhost.Require(t)
	cases := []struct {
		name  string
		how   string
		frags bool
		mtu   int
		size  int // stream payload size
	}{
		{"netlink-native", "native", false, 0, 100},
		{"netlink-generic", "generic", false, 0, 100},
		{"bpf_link", "link", false, 0, 100},
		{"frags-mtu9000", "native", true, 9000, 8000},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := testhost.New(t, testhost.Options{MTU: tc.mtu, NoOffloads: true})
			e := attachExisting(t, p.A, tc.how, tc.frags)
			before := inspectIn(t, p.A)
			if before.ProgID != e.id {
				t.Fatalf("before: %s", before)
			}
			s := startStream(t, p, tc.size, 500*time.Microsecond)
			s.waitSent(200)

			st := &stage{filter: "udp"}
			c := attachIn(t, p.A, st)
			t.Logf("attached %s", c.Describe())
			if !strings.Contains(c.Describe(), "chaintest") {
				t.Errorf("Describe %q does not name the existing program", c.Describe())
			}
			if c.Frags() != tc.frags {
				t.Errorf("loaded frags=%v in front of a frags=%v program", c.Frags(), tc.frags)
			}
			now := inspectIn(t, p.A)
			if now.ProgID != c.ProgramID() || now.Mode != before.Mode || now.LinkID != before.LinkID {
				t.Errorf("while attached the hook shows %s, want our prog %d in %s mode, owner %s", now, c.ProgramID(), before.Mode, before.Owner())
			}

			_, drop0, rewr0 := e.counters(t)
			const nDrop = 25
			sendDrop(t, p, nDrop)
			s.waitSent(300)
			caps := drainRing(t, st, 20*time.Second, func(cs []captured) bool {
				d, a := 0, 0
				for _, c := range cs {
					if c.dport == dropPort {
						d++
					} else if c.dport == streamPort {
						a++
					}
				}
				return d >= nDrop && a >= 100
			})
			var nd, na int
			for _, cp := range caps {
				switch cp.dport {
				case dropPort:
					nd++
				case streamPort:
					na++
					if cp.payload[0] != markSent {
						t.Fatalf("captured payload starts with %q, want %q as sent (before the existing program rewrote it)", cp.payload[0], markSent)
					}
					if cp.origLen != 42+tc.size {
						t.Fatalf("captured frame of %d bytes, want %d", cp.origLen, 42+tc.size)
					}
					if len(cp.payload) != tc.size {
						t.Fatalf("captured %d payload bytes, want %d", len(cp.payload), tc.size)
					}
				}
			}
			if nd < nDrop || na < 100 {
				t.Fatalf("captured %d datagrams to port 9 and %d of the stream, want %d and >= 100", nd, na, nDrop)
			}
			_, drop1, rewr1 := e.counters(t)
			if drop1-drop0 != nDrop {
				t.Errorf("existing program dropped %d datagrams to port 9 while we were in front, want %d", drop1-drop0, nDrop)
			}
			if rewr1 <= rewr0 {
				t.Errorf("existing program rewrote nothing while we were in front")
			}

			s.waitSent(100)
			if err := p.A.Do(c.Detach); err != nil {
				t.Fatalf("Detach: %v", err)
			}
			s.waitSent(100)
			sent := s.finish()
			e.checkRestored(t)
			checkNoPins(t, p.A)

			_, drop2, rewr2 := e.counters(t)
			if drop2 != nDrop {
				t.Errorf("existing program counted %d drops, want %d", drop2, nDrop)
			}
			if rewr2 != uint64(sent) {
				t.Errorf("existing program counted %d rewrites, want one per datagram sent: %d", rewr2, sent)
			}
		})
	}
}

// TestNothingAttached: with an empty hook xdpdump uses its own bpf_link and
// leaves the hook empty.
func TestNothingAttached(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	st := &stage{filter: "udp"}
	c := attachIn(t, p.A, st)
	if !strings.Contains(c.Describe(), "nothing was attached") {
		t.Errorf("Describe: %q", c.Describe())
	}
	now := inspectIn(t, p.A)
	if now.ProgID != c.ProgramID() || now.LinkID == 0 {
		t.Errorf("hook shows %s, want our prog %d on a bpf_link", now, c.ProgramID())
	}
	if !c.Frags() {
		t.Errorf("own link should use the frags variant")
	}
	sendDrop(t, p, 5) // no existing program: these reach A's stack
	caps := drainRing(t, st, 10*time.Second, func(cs []captured) bool { return len(cs) >= 5 })
	if len(caps) < 5 {
		t.Fatalf("captured %d of 5", len(caps))
	}
	if err := p.A.Do(c.Detach); err != nil {
		t.Fatal(err)
	}
	if now := inspectIn(t, p.A); now.ProgID != 0 {
		t.Errorf("after Detach the hook holds %s, want nothing", now)
	}
	checkNoPins(t, p.A)
}

// TestCrash: an xdpdump killed with SIGKILL leaves the existing program
// working (the pinned chain keeps it), and Recover or the next Attach puts
// it back.
func TestCrash(t *testing.T) {
	for _, tc := range []struct{ name, how, then string }{
		{"netlink-recover", "native", "recover"},
		{"netlink-attach", "native", "attach"},
		{"bpf_link-recover", "link", "recover"},
		{"generic-attach", "generic", "attach"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := testhost.New(t, testhost.Options{NoOffloads: true})
			e := attachExisting(t, p.A, tc.how, false)
			cmd, childProg := startChild(t, p.A)
			if cur := inspectIn(t, p.A); cur.ProgID != childProg {
				t.Fatalf("hook holds %s, want the child's prog %d", cur, childProg)
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()
			// Wait until the kernel let go of the dead process's objects.
			time.Sleep(200 * time.Millisecond)
			if cur := inspectIn(t, p.A); cur.ProgID != childProg {
				t.Fatalf("after SIGKILL the hook holds %s, want the dead child's prog %d still", cur, childProg)
			}

			s := startStream(t, p, 100, 500*time.Microsecond)
			s.waitSent(200)
			_, drop0, _ := e.counters(t)
			sendDrop(t, p, 10)
			if _, drop1, _ := e.counters(t); drop1-drop0 != 10 {
				t.Errorf("with the dead child in front the existing program dropped %d of 10", drop1-drop0)
			}

			var logs []string
			logf := func(l string) { logs = append(logs, l); t.Log(l) }
			switch tc.then {
			case "recover":
				var rec bool
				err := p.A.Do(func() (err error) { rec, err = Recover(p.A.Ifindex, logf); return })
				if err != nil || !rec {
					t.Fatalf("Recover = %v, %v", rec, err)
				}
				s.waitSent(200)
				e.checkRestored(t)
			case "attach":
				st := &stage{filter: "udp"}
				var c *Chain
				err := p.A.Do(func() (err error) {
					c, err = Attach(p.A.Ifindex, st.loader(t), Options{Log: logf})
					return
				})
				if err != nil {
					t.Fatal(err)
				}
				if c.Before().ProgID != e.id {
					t.Errorf("Attach after the crash stands in front of %d, want the original %d", c.Before().ProgID, e.id)
				}
				s.waitSent(200)
				if err := p.A.Do(c.Detach); err != nil {
					t.Fatal(err)
				}
				e.checkRestored(t)
			}
			if len(logs) == 0 || !strings.Contains(strings.Join(logs, "\n"), "leftovers") {
				t.Errorf("recovery said nothing about the leftovers: %q", logs)
			}
			s.waitSent(100)
			s.finish()
			checkNoPins(t, p.A)
			var rec bool
			if err := p.A.Do(func() (err error) { rec, err = Recover(p.A.Ifindex, nil); return }); err != nil || rec {
				t.Errorf("second Recover = %v, %v; want nothing to do", rec, err)
			}
		})
	}
}

// TestCrashOwnLink: an xdpdump that attached with its own bpf_link (hook
// empty before) and was killed leaves the hook empty; Recover removes its
// pins.
func TestCrashOwnLink(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	cmd, childProg := startChild(t, p.A)
	if cur := inspectIn(t, p.A); cur.ProgID != childProg || cur.LinkID == 0 {
		t.Fatalf("hook holds %s, want the child's prog %d on a bpf_link", cur, childProg)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	deadline := time.Now().Add(10 * time.Second)
	for inspectIn(t, p.A).ProgID != 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if cur := inspectIn(t, p.A); cur.ProgID != 0 {
		t.Fatalf("after the child died the hook holds %s, want nothing", cur)
	}
	var rec bool
	if err := p.A.Do(func() (err error) { rec, err = Recover(p.A.Ifindex, func(l string) { t.Log(l) }); return }); err != nil || !rec {
		t.Fatalf("Recover = %v, %v", rec, err)
	}
	checkNoPins(t, p.A)
}

// TestTwoInstances: two xdpdumps on one device both capture; they exit in
// either order and the original program is back at the end.
func TestTwoInstances(t *testing.T) {
	for _, tc := range []struct {
		name            string
		how             string // "" = nothing attached
		firstExitsFirst bool
	}{
		{"netlink-first-exits-first", "native", true},
		{"netlink-second-exits-first", "native", false},
		{"link-first-exits-first", "link", true},
		{"link-second-exits-first", "link", false},
		{"empty-first-exits-first", "", true},
		{"empty-second-exits-first", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := testhost.New(t, testhost.Options{NoOffloads: true})
			var e *existing
			if tc.how != "" {
				e = attachExisting(t, p.A, tc.how, false)
			}
			s := startStream(t, p, 100, 500*time.Microsecond)
			s.waitSent(100)
			st1, st2 := &stage{filter: "udp"}, &stage{filter: "udp"}
			c1 := attachIn(t, p.A, st1)
			s.waitSent(100)
			c2 := attachIn(t, p.A, st2)
			if c2.Before().ProgID != c1.ProgramID() || !c2.Before().Xdpdump {
				t.Errorf("second instance stands in front of %+v, want the first's prog %d", c2.Before(), c1.ProgramID())
			}
			s.waitSent(200)
			for i, st := range []*stage{st1, st2} {
				caps := drainRing(t, st, 20*time.Second, func(cs []captured) bool { return len(cs) >= 50 })
				if len(caps) < 50 {
					t.Fatalf("instance %d captured %d datagrams, want >= 50", i+1, len(caps))
				}
				for _, cp := range caps {
					if cp.dport == streamPort && cp.payload[0] != markSent {
						t.Fatalf("instance %d captured a rewritten datagram", i+1)
					}
				}
			}
			first, second := c1, c2
			if !tc.firstExitsFirst {
				first, second = c2, c1
			}
			if err := p.A.Do(first.Detach); err != nil {
				t.Fatalf("first Detach: %v", err)
			}
			s.waitSent(200)
			// The one still running still captures.
			stLeft := st2
			if !tc.firstExitsFirst {
				stLeft = st1
			}
			caps := drainRing(t, stLeft, 20*time.Second, func(cs []captured) bool { return len(cs) >= 50 })
			if len(caps) < 50 {
				t.Fatalf("remaining instance captured %d datagrams after the other left, want >= 50", len(caps))
			}
			if err := p.A.Do(second.Detach); err != nil {
				t.Fatalf("second Detach: %v", err)
			}
			s.waitSent(100)
			if e != nil {
				s.finish()
				e.checkRestored(t)
			} else {
				close(s.stop)
				<-s.sendDone
				if cur := inspectIn(t, p.A); cur.ProgID != 0 {
					t.Errorf("hook holds %s at the end, want nothing", cur)
				}
			}
			checkNoPins(t, p.A)
		})
	}
}

// TestDevBound: a device-bound program cannot be tail-called; Attach says
// so and changes nothing.
func TestDevBound(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	spec, err := progs.LoadChaintest()
	if err != nil {
		t.Fatal(err)
	}
	ps := spec.Programs["chaintest_xdp"]
	ps.Flags |= unix.BPF_F_XDP_DEV_BOUND_ONLY
	ps.Ifindex = uint32(p.A.Ifindex)
	var prog *ebpf.Program
	err = p.A.Do(func() error {
		coll, err := ebpf.NewCollectionWithOptions(&ebpf.CollectionSpec{Programs: map[string]*ebpf.ProgramSpec{"chaintest_xdp": ps}, Maps: spec.Maps}, ebpf.CollectionOptions{})
		if err != nil {
			return err
		}
		t.Cleanup(func() { coll.Close() })
		prog = coll.Programs["chaintest_xdp"]
		nl, err := newNL()
		if err != nil {
			return err
		}
		defer nl.Close()
		return nl.setXDP(p.A.Ifindex, prog.FD(), unix.XDP_FLAGS_DRV_MODE, 0)
	})
	if err != nil {
		t.Fatalf("attaching a dev-bound program: %v", err)
	}
	before := inspectIn(t, p.A)
	if !before.DevBound {
		t.Fatalf("Inspect does not see that %s is dev-bound", before)
	}
	st := &stage{filter: ""}
	err = p.A.Do(func() error {
		_, err := Attach(p.A.Ifindex, st.loader(t), Options{})
		return err
	})
	if !errors.Is(err, ErrDevBound) {
		t.Fatalf("Attach in front of a dev-bound program: %v, want ErrDevBound", err)
	}
	t.Logf("refused: %v", err)
	if st.st != nil {
		t.Errorf("the loader ran although nothing can be chained")
	}
	if now := inspectIn(t, p.A); now.ProgID != before.ProgID {
		t.Errorf("hook changed to %s", now)
	}
	checkNoPins(t, p.A)
}

// TestReplacedUnderUs: Watch notices a third party replacing our program,
// and Detach leaves the third party's program alone.
func TestReplacedUnderUs(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	e := attachExisting(t, p.A, "native", false)
	st := &stage{filter: "udp"}
	c := attachIn(t, p.A, st)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := c.Watch(ctx, 200*time.Millisecond)
	select {
	case err := <-w:
		t.Fatalf("Watch reported %v before anything changed", err)
	case <-time.After(time.Second):
	}
	// The third party: another chaintest instance, attached over us.
	var other progs.ChaintestObjects
	if err := progs.LoadChaintestObjects(&other, nil); err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	err := p.A.Do(func() error {
		nl, err := newNL()
		if err != nil {
			return err
		}
		defer nl.Close()
		return nl.setXDP(p.A.Ifindex, other.ChaintestXdp.FD(), unix.XDP_FLAGS_DRV_MODE, 0)
	})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-w:
		if !errors.Is(err, ErrReplaced) {
			t.Fatalf("Watch: %v, want ErrReplaced", err)
		}
		t.Logf("Watch: %v", err)
	case <-time.After(15 * time.Second):
		t.Fatal("Watch did not notice the replacement")
	}
	err = p.A.Do(c.Detach)
	if !errors.Is(err, ErrReplaced) {
		t.Fatalf("Detach: %v, want ErrReplaced", err)
	}
	info, _ := other.ChaintestXdp.Info()
	oid, _ := info.ID()
	if now := inspectIn(t, p.A); now.ProgID != oid {
		t.Errorf("Detach overwrote the third party's program: hook holds %s, want %d", now, oid)
	}
	_ = e
	checkNoPins(t, p.A)
}

// TestCrashThenReplaced: an xdpdump died, then someone attached their own
// program over its leftover; Recover leaves that program alone and only
// removes the pins, and a new Attach stands in front of it.
func TestCrashThenReplaced(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	attachExisting(t, p.A, "native", false)
	cmd, _ := startChild(t, p.A)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	var other progs.ChaintestObjects
	if err := progs.LoadChaintestObjects(&other, nil); err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	info, _ := other.ChaintestXdp.Info()
	oid, _ := info.ID()
	err := p.A.Do(func() error {
		nl, err := newNL()
		if err != nil {
			return err
		}
		defer nl.Close()
		return nl.setXDP(p.A.Ifindex, other.ChaintestXdp.FD(), unix.XDP_FLAGS_DRV_MODE, 0)
	})
	if err != nil {
		t.Fatal(err)
	}
	st := &stage{filter: "udp"}
	c := attachIn(t, p.A, st)
	if c.Before().ProgID != oid {
		t.Errorf("Attach stands in front of %d, want the newly attached %d", c.Before().ProgID, oid)
	}
	if err := p.A.Do(c.Detach); err != nil {
		t.Fatal(err)
	}
	if cur := inspectIn(t, p.A); cur.ProgID != oid {
		t.Errorf("hook holds %s, want %d", cur, oid)
	}
	checkNoPins(t, p.A)
}
