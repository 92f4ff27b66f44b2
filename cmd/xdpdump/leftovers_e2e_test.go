// What killed xdpdumps leave on clsact (XDPDUMP_EGRESS_HOOK=clsact, the
// hook of kernels without tcx): the next start and --recover remove it as
// exactly as they restore the XDP hook, and two instances never leave an
// empty clsact qdisc behind. tc itself is the oracle: its listing of the
// qdiscs and filters must be what it was before the first start.
package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// startWith is start with more environment.
func startWith(t *testing.T, h *testhost.Host, env []string, stdout io.Writer, args ...string) *proc {
	t.Helper()
	x := &proc{cmd: h.Cmd(binPath, args...), stderr: &syncBuf{}, done: make(chan error, 1)}
	x.cmd.Env = append(os.Environ(), env...)
	x.cmd.Stderr, x.cmd.Stdout = x.stderr, stdout
	if err := x.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { x.done <- x.cmd.Wait() }()
	t.Cleanup(func() {
		if x.cmd.ProcessState == nil {
			x.cmd.Process.Kill()
			<-x.done
		}
	})
	if !waitFor(20*time.Second, func() bool {
		select {
		case <-x.done:
			t.Fatalf("xdpdump %v exited before listening:\n%s", args, x.stderr.String())
		default:
		}
		return strings.Contains(x.stderr.String(), "listening on")
	}) {
		t.Fatalf("xdpdump %v not listening after 20s:\n%s", args, x.stderr.String())
	}
	return x
}

var clsactEnv = []string{"XDPDUMP_EGRESS_HOOK=clsact"}

func TestClsactKilledFiveTimes(t *testing.T) {
	t.Parallel()
	for _, theirs := range []bool{false, true} {
		name := "no-qdisc"
		if theirs {
			name = "their-qdisc-and-filter"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := testhost.New(t, testhost.Options{})
			if theirs {
				pin, _ := clsactCounter(t)
				p.MustRun(&p.A, "tc", "qdisc", "add", "dev", p.A.Dev, "clsact")
				p.MustRun(&p.A, "tc", "filter", "add", "dev", p.A.Dev, "egress", "bpf", "direct-action", "object-pinned", pin)
			}
			before := tcState(t, p, &p.A)
			dir := t.TempDir()
			var pids []int
			for i := 0; i < 5; i++ {
				x := startWith(t, &p.A, clsactEnv, nil, "-i", p.A.Dev, "-Q", "inout", "-w", filepath.Join(dir, "k.pcapng"))
				if !strings.Contains(tcState(t, p, &p.A), "xdpdump_egress") {
					t.Fatalf("run %d: no xdpdump_egress filter while running", i)
				}
				x.stop(t, syscall.SIGKILL)
				pids = append(pids, x.pid())
				if i > 0 && !strings.Contains(x.stderr.String(), "removed the clsact egress filter xdpdump_egress") {
					t.Fatalf("run %d did not remove what run %d left:\n%s", i, i-1, x.stderr.String())
				}
			}
			if !strings.Contains(tcState(t, p, &p.A), "xdpdump_egress") {
				t.Fatal("the last killed run left no filter: nothing to show")
			}
			x := startWith(t, &p.A, clsactEnv, nil, "-i", p.A.Dev, "-Q", "inout", "-w", filepath.Join(dir, "n.pcapng"))
			stderr, code := x.stop(t, syscall.SIGINT)
			if code != 0 || !strings.Contains(stderr, "removed the clsact egress filter xdpdump_egress") {
				t.Fatalf("the next start (exit %d) did not say it removed the leftovers:\n%s", code, stderr)
			}
			if after := tcState(t, p, &p.A); after != before {
				t.Fatalf("tc state after 5 SIGKILLs and the next start:\n%s\nwant, as before the first start:\n%s", after, before)
			}
			if left := pinsOfPIDs(append(pids, x.pid())...); len(left) > 0 {
				t.Fatalf("pins left: %v", left)
			}
		})
	}
}

// --recover removes a killed xdpdump's clsact filter and qdisc too.
func TestClsactRecover(t *testing.T) {
	t.Parallel()
	p := testhost.New(t, testhost.Options{})
	before := tcState(t, p, &p.A)
	x := startWith(t, &p.A, clsactEnv, nil, "-i", p.A.Dev, "-Q", "out", "-w", filepath.Join(t.TempDir(), "r.pcapng"))
	x.stop(t, syscall.SIGKILL)
	out, err := p.A.Run(binPath, "--recover", "-i", p.A.Dev)
	if err != nil || !strings.Contains(out, "removed the clsact egress filter xdpdump_egress") || !strings.Contains(out, "removed the clsact qdisc") {
		t.Fatalf("--recover: %v\n%s", err, out)
	}
	if after := tcState(t, p, &p.A); after != before {
		t.Fatalf("tc state after SIGKILL and --recover:\n%s\nwant:\n%s", after, before)
	}
	if left := pinsOfPIDs(x.pid()); len(left) > 0 {
		t.Fatalf("pins left: %v", left)
	}
}

// Two instances, the one that made the qdisc leaves first: the qdisc
// passes to the other, which removes it when it leaves; killed, the other
// leaves the qdisc to the next recovery.
func TestClsactTwoInstances(t *testing.T) {
	t.Parallel()
	for _, kill := range []bool{false, true} {
		name := "both-stop"
		if kill {
			name = "first-killed"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := testhost.New(t, testhost.Options{})
			before := tcState(t, p, &p.A)
			dir := t.TempDir()
			x1 := startWith(t, &p.A, clsactEnv, nil, "-i", p.A.Dev, "-Q", "out", "-w", filepath.Join(dir, "1.pcapng"))
			x2 := startWith(t, &p.A, clsactEnv, nil, "-i", p.A.Dev, "-Q", "out", "-w", filepath.Join(dir, "2.pcapng"))
			if n := strings.Count(tcState(t, p, &p.A), "name xdpdump_egress"); n != 2 {
				t.Fatalf("%d xdpdump_egress filters, want 2", n)
			}
			if kill {
				x1.stop(t, syscall.SIGKILL)
			} else if _, code := x1.stop(t, syscall.SIGINT); code != 0 {
				t.Fatalf("first: exit %d", code)
			}
			if _, code := x2.stop(t, syscall.SIGINT); code != 0 {
				t.Fatalf("second: exit %d\n%s", code, x2.stderr.String())
			}
			if kill {
				if out, err := p.A.Run(binPath, "--recover", "-i", p.A.Dev); err != nil {
					t.Fatalf("--recover: %v\n%s", err, out)
				}
			}
			if after := tcState(t, p, &p.A); after != before {
				t.Fatalf("tc state at the end:\n%s\nwant:\n%s", after, before)
			}
			if left := pinsOfPIDs(x1.pid(), x2.pid()); len(left) > 0 {
				t.Fatalf("pins left: %v", left)
			}
		})
	}
}
