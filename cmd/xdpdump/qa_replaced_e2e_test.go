// QA: someone detaches the XDP program while xdpdump stands in front of
// the one iproute2 attached (`ip link set dev X xdpdrv off`, which takes
// whatever is on the hook): xdpdump leaves with one line that names the
// interface and says the original went too, puts nothing back over the
// other's change, and leaves no pins and no promiscuous mode behind.

package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

func TestQAHookEmptiedUnderXdpdump(t *testing.T) {
	t.Parallel()
	p := testhost.New(t, testhost.Options{})
	o := viaIproute2("fw", "xdp", "xdpdrv")(t, p)
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", os.DevNull)
	p.MustRun(&p.A, "ip", "link", "set", "dev", p.A.Dev, "xdpdrv", "off")
	stderr, code := x.wait(t)
	var said []string
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if strings.Contains(l, "changed by someone else") {
			said = append(said, l)
		}
	}
	if code != 1 || len(said) != 1 || !strings.HasPrefix(said[0], "xdpdump: "+p.A.Dev+": ") ||
		!strings.Contains(said[0], "now holds nothing") || !strings.Contains(said[0], "fw_xdp") {
		t.Fatalf("exit %d; want one line naming %s and the original fw_xdp (prog %d):\n%s", code, p.A.Dev, o.id, stderr)
	}
	time.Sleep(200 * time.Millisecond)
	if h := hookInfo(t, &p.A); h.id != 0 {
		t.Fatalf("the hook holds %s after someone emptied it; xdpdump must not undo their change", h)
	}
	if left := pinsOfPIDs(x.pid()); len(left) > 0 {
		t.Fatalf("pins left: %v", left)
	}
	if promisc(t, &p.A) {
		t.Fatalf("%s left in promiscuous mode", p.A.Dev)
	}
}
