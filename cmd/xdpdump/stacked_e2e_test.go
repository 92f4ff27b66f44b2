package main

import (
	"strings"
	"syscall"
	"testing"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// TestLeaveInFrontOfDeadInstance: xdpdump A stands in front of a program
// iproute2 attached, xdpdump B in front of A; A is killed, then B exits.
// B puts back what it stood in front of, A's front, whose process is
// gone: B restores what A stood in front of as well, so the original is
// on the hook again with nobody running --recover.
func TestLeaveInFrontOfDeadInstance(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	p.MustRun(&p.A, "ip", "link", "set", "dev", p.A.Dev, "xdpdrv", "obj", progsObj(t, "fw"), "sec", "xdp")
	t.Cleanup(func() { p.A.Run("ip", "link", "set", "dev", p.A.Dev, "xdpdrv", "off") })
	before := xdpState(t, &p.A)
	a := start(t, &p.A, nil, "-i", p.A.Dev, "udp port 1")
	b := start(t, &p.A, nil, "-i", p.A.Dev, "udp port 2")
	a.cmd.Process.Signal(syscall.SIGKILL)
	<-a.done
	if stderr, code := b.stop(t, 0); code != 0 {
		t.Fatalf("B exited %d:\n%s", code, stderr)
	}
	if after := xdpState(t, &p.A); after != before || !strings.Contains(after, "fw_xdp") {
		t.Fatalf("hook after B left:\n%s\nwant as before xdpdump:\n%s\n(B said:\n%s)", after, before, b.stderr.String())
	}
}
