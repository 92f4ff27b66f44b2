// QA: an interface that moves to another namespace while xdpdump has it in
// promiscuous mode keeps the flag there (rtnetlink cannot reach it from
// here, and a recovery in the new namespace has no record of it): xdpdump
// says so in its one line about the move, with the command that turns it
// off, and leaves no promiscuous-mode record behind.

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

func TestQAMoveSaysPromiscStaysOn(t *testing.T) {
	t.Parallel()
	p := testhost.New(t, testhost.Options{})
	ns := newNS(t)
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", os.DevNull)
	if !promisc(t, &p.A) {
		t.Fatal("not in promiscuous mode while capturing")
	}
	c := moveTo(t, p, ns)
	stderr, code := x.wait(t)
	var line string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.Contains(l, "moved to another network namespace") {
			line = l
		}
	}
	want := "`ip link set dev " + p.A.Dev + " promisc off` there"
	if code != 1 || !strings.Contains(line, want) {
		t.Fatalf("exit %d; the line about the move does not say %q:\n%s", code, want, stderr)
	}
	if !promisc(t, c) {
		t.Fatalf("the line says the flag stays on, but it is off in the new namespace")
	}
	p.MustRun(c, "ip", "link", "set", "dev", c.Dev, "promisc", "off")
	left, _ := filepath.Glob("/sys/fs/bpf/xdpdump/promisc/*/" + strconv.Itoa(x.pid()) + "-*")
	marks, _ := filepath.Glob("/sys/fs/bpf/xdpdump/promisc/*/set-" + p.A.Dev)
	if left = append(left, marks...); len(left) > 0 {
		t.Fatalf("records left: %v", left)
	}
}
