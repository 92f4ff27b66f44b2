package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

// tcState is h's qdiscs and clsact filters as tc prints them.
func tcState(t *testing.T, p *testhost.Pair, h *testhost.Host) string {
	t.Helper()
	return p.MustRun(h, "tc", "qdisc", "show", "dev", h.Dev) +
		"--- egress\n" + p.MustRun(h, "tc", "filter", "show", "dev", h.Dev, "egress") +
		"--- ingress\n" + p.MustRun(h, "tc", "filter", "show", "dev", h.Dev, "ingress")
}

// XDPDUMP_EGRESS_HOOK=clsact -Q inout: directions as with tcx, the
// program shows as a clsact filter while it runs, and after SIGINT the
// interface's tc state is what it was, with or without a clsact qdisc and
// someone's filter on it beforehand.
func TestDirectionInOutClsact(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	t.Setenv("XDPDUMP_EGRESS_HOOK", "clsact")
	run := func(t *testing.T) {
		before := tcState(t, p, &p.A)
		file := filepath.Join(t.TempDir(), "io.pcapng")
		x := start(t, &p.A, nil, "-i", p.A.Dev, "-Q", "inout", "-w", file, "icmp")
		if !strings.Contains(x.stderr.String(), "TC egress through clsact") {
			t.Fatalf("start-up lines do not say clsact:\n%s", x.stderr.String())
		}
		during := tcState(t, p, &p.A)
		if !strings.Contains(during, "qdisc clsact ffff:") || !strings.Contains(during, "xdpdump_egress direct-action") {
			t.Fatalf("no clsact filter of ours while running:\n%s", during)
		}
		if out, _ := p.A.Run("bpftool", "net", "show", "dev", p.A.Dev); strings.Contains(out, "tcx/egress") {
			t.Fatalf("a tcx program although clsact was asked for:\n%s", out)
		}
		p.MustRun(&p.B, "ping", "-c", "3", "-i", "0.2", p.A.IP4.String()) // in: requests, out: replies
		p.MustRun(&p.A, "ping", "-c", "2", "-i", "0.2", p.B.IP4.String()) // out: requests, in: replies
		time.Sleep(100 * time.Millisecond)
		stderr, code := x.stop(t, 0)
		if code != 0 {
			t.Fatalf("exit %d:\n%s", code, stderr)
		}
		got := directions(t, file)
		want := map[string]int{
			"0x00000001,8,": 3, "0x00000002,0,": 3,
			"0x00000002,8,": 2, "0x00000001,0,": 2,
		}
		for k, n := range want {
			if got[k] != n {
				t.Fatalf("direction,type %q: %d packets, want %d (all: %v)", k, got[k], n, got)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("packets beyond the pings: %v", got)
		}
		if c, r, _ := summary(t, stderr); c != 10 || r != 10 {
			t.Fatalf("exit lines: captured %d, received %d; want 10\n%s", c, r, stderr)
		}
		if after := tcState(t, p, &p.A); after != before {
			t.Fatalf("tc state after SIGINT differs:\nbefore:\n%s\nafter:\n%s", before, after)
		}
		if s := xdpState(t, &p.A); s != "none" {
			t.Fatalf("XDP hook not left as found: %s", s)
		}
	}
	t.Run("no clsact before", run)
	// Someone's clsact qdisc with a bpf filter of theirs (it counts and
	// lets the next filter decide) is there before we start, and counts A's
	// packets while we run.
	pin, counter := clsactCounter(t)
	p.MustRun(&p.A, "tc", "qdisc", "add", "dev", p.A.Dev, "clsact")
	p.MustRun(&p.A, "tc", "filter", "add", "dev", p.A.Dev, "egress", "pref", "10", "bpf", "da", "object-pinned", pin)
	var c0 uint64
	if err := counter.Lookup(uint32(0), &c0); err != nil {
		t.Fatal(err)
	}
	t.Run("clsact and a filter before", run)
	var c1 uint64
	if err := counter.Lookup(uint32(0), &c1); err != nil {
		t.Fatal(err)
	}
	if c1-c0 < 5 {
		t.Fatalf("their filter counted %d packets while ours ran, want at least A's 5 pings", c1-c0)
	}
}

// clsactCounter pins a TC program that counts packets in slot 0 of an
// array and returns TC_ACT_UNSPEC (next filter).
func clsactCounter(t *testing.T) (string, *ebpf.Map) {
	t.Helper()
	c := testkit.NewCounter(t, testkit.CounterOptions{Type: ebpf.SchedCLS})
	prog, m := c.Prog, c.Map
	pin := filepath.Join("/sys/fs/bpf", "xdpdump-clsact-test-"+filepath.Base(t.TempDir()))
	if err := prog.Pin(pin); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(pin) })
	return pin, m
}

func TestEgressHookBadValue(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	t.Setenv("XDPDUMP_EGRESS_HOOK", "bogus")
	cmd := p.A.Cmd(binPath, "-i", p.A.Dev, "-Q", "out", "-c", "1", "-w", os.DevNull)
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "auto, tcx or clsact") || strings.Count(strings.TrimSpace(string(out)), "\n") != 0 {
		t.Fatalf("XDPDUMP_EGRESS_HOOK=bogus: %v\n%s", err, out)
	}
	if s := tcState(t, p, &p.A); strings.Contains(s, "clsact") {
		t.Fatalf("a refused start changed tc state:\n%s", s)
	}
}
