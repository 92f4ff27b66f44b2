// QA: the capture stage's dead-man switch (issue 10: "the capture stage
// stops copying when nobody reads"). An xdpdump in front of a program that
// iproute2 attached is SIGKILLed: its capture stage stays on the hook (the
// chain's pins keep the original behind it), and once its heartbeat is
// stale it copies nothing more into the ring — every packet it matches is
// counted lost instead, while the ring has plenty of room — and the
// program behind it still does its work. The next --recover puts the
// program back.

package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/stage"
	"github.com/xdpdump/xdpdump/internal/testhost"
)

func TestQACaptureStopsCopyingWhenNobodyReads(t *testing.T) {
	t.Parallel()
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	p.Resolve()
	o := viaIproute2("fw", "xdp", "xdpdrv")(t, p)
	h0 := hookInfo(t, &p.A)
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "d.pcapng"), "udp")
	o.round(t)
	x.stop(t, syscall.SIGKILL)
	front := hookID(t, p)
	if front == o.id {
		t.Fatalf("xdpdump's capture stage left the hook with its process")
	}
	statsOf := func() stage.Stats {
		t.Helper()
		s, err := stage.ReadStats(progMap(t, front, "stats"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// Once the heartbeat is stale, a matched packet is lost, not copied.
	ok := waitFor(10*time.Second, func() bool {
		s0 := statsOf()
		sendUDP(t, p, 5555, 1, 64)
		time.Sleep(50 * time.Millisecond)
		s1 := statsOf()
		return s1.Lost > s0.Lost
	})
	if !ok {
		t.Fatalf("10 s after SIGKILL the capture stage still copies every packet into a ring nobody reads: %+v", statsOf())
	}
	s0 := statsOf()
	o.round(t) // the firewall behind it still drops, rewrites and passes
	s1 := statsOf()
	const n = 25 // what a round sends
	if s1.Matched-s0.Matched != n || s1.Lost-s0.Lost != n || s1.Captured != s0.Captured {
		t.Fatalf("after the dead-man interval: %d matched, %d lost, %d copied; want %d, %d and none copied",
			s1.Matched-s0.Matched, s1.Lost-s0.Lost, s1.Captured-s0.Captured, n, n)
	}
	out, err := p.A.Run(binPath, "--recover", "-i", p.A.Dev)
	if err != nil || !strings.Contains(out, "found leftovers of xdpdump pid "+strconv.Itoa(x.pid())) {
		t.Fatalf("--recover: %v\n%s", err, out)
	}
	if h := hookInfo(t, &p.A); h != h0 {
		t.Fatalf("after --recover the hook holds %s, want %s", h, h0)
	}
}
