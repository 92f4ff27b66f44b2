package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// directions reads (direction, icmp type) of every packet of a file.
func directions(t *testing.T, file string) map[string]int {
	t.Helper()
	out, err := exec.Command("tshark", "-r", file, "-T", "fields", "-E", "separator=,",
		"-e", "frame.packet_flags_direction", "-e", "icmp.type", "-e", "icmpv6.type").Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	got := map[string]int{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l != "" {
			got[l]++
		}
	}
	return got
}

func TestDirectionInOut(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	file := filepath.Join(t.TempDir(), "io.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-Q", "inout", "-w", file, "icmp")
	if !strings.Contains(x.stderr.String(), "TC egress") {
		t.Fatalf("start-up lines do not mention the egress hook:\n%s", x.stderr.String())
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
		"0x00000001,8,": 3, "0x00000002,0,": 3, // B's pings: request in, reply out
		"0x00000002,8,": 2, "0x00000001,0,": 2, // A's pings: request out, reply in
	}
	for k, n := range want {
		if got[k] != n {
			t.Fatalf("direction,type %q: %d packets, want %d (all: %v)", k, got[k], n, got)
		}
	}
	if c, r, _ := summary(t, stderr); c != 10 || r != 10 {
		t.Fatalf("exit lines: captured %d, received %d; want 10\n%s", c, r, stderr)
	}
	if s := xdpState(t, &p.A); s != "none" {
		t.Fatalf("XDP hook not left as found: %s", s)
	}
	if out, _ := p.A.Run("bpftool", "net", "show", "dev", p.A.Dev); strings.Contains(out, "tcx") {
		t.Fatalf("tcx program left behind:\n%s", out)
	}
}

func TestDirectionOutOnly(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	file := filepath.Join(t.TempDir(), "out.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-Q", "out", "-w", file, "icmp")
	if strings.Contains(x.stderr.String(), ": XDP ") || xdpState(t, &p.A) != "none" {
		t.Fatalf("-Q out attached at XDP:\n%s", x.stderr.String())
	}
	p.MustRun(&p.B, "ping", "-c", "3", "-i", "0.2", p.A.IP4.String())
	time.Sleep(100 * time.Millisecond)
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	got := directions(t, file)
	if got["0x00000002,0,"] != 3 || len(got) != 1 {
		t.Fatalf("-Q out captured %v; want only the 3 echo replies A sent", got)
	}
}

func TestBounceWithQOut(t *testing.T) {
	out, err := exec.Command(binPath, "-i", "lo", "-Q", "out", "--bounce").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "does not go with -Q out") {
		t.Fatalf("--bounce -Q out: %v %q", err, out)
	}
}
