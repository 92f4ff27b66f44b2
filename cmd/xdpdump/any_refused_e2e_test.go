package main

// -i any with an interface xdpdump cannot stand in front of: it is left
// out with one line, and nothing of xdpdump stays on it.

import (
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit/progs"
)

// TestAnyRefusedInterface: a second interface runs a device-bound XDP
// program (which no prog array can tail-call). xdpdump -i any captures the
// first, says once that the second is not captured and why, does not try
// it again when the link watcher lists it, and leaves the second as it
// was: its program on the hook, no egress program of ours, none of its
// packets in the file.
func TestAnyRefusedInterface(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	h := &p.A
	dev2, far2 := peer(t, h, 42)
	progID, _ := devBound(t, h, dev2)

	file := filepath.Join(t.TempDir(), "any.pcapng")
	x := start(t, h, nil, "-i", "any", "-n", "-w", file)
	line := dev2 + ": not captured: "
	if !waitFor(10e9, func() bool { return strings.Contains(x.stderr.String(), line) }) {
		t.Fatalf("no %q line:\n%s", line, x.stderr.String())
	}
	p.MustRun(&p.B, "ping", "-c", "3", "-i", "0.2", h.IP4.String())
	p.MustRun(far2, "ping", "-c", "3", "-i", "0.2", "198.18.42.1")
	// During the capture: the device-bound program is still the hook's,
	// and no program of ours is on the second interface's egress.
	net2, err := exec.Command("nsenter", "--net=/var/run/netns/"+h.NS, "bpftool", "net", "show", "dev", dev2).CombinedOutput()
	if err != nil {
		t.Fatalf("bpftool net show: %v: %s", err, net2)
	}
	tc := string(net2)
	if i := strings.Index(tc, "tc:"); i >= 0 {
		tc = tc[i+3:]
	}
	if j := strings.Index(tc, "flow_dissector:"); j >= 0 {
		tc = tc[:j]
	}
	if !strings.Contains(string(net2), fmt.Sprintf("driver id %d", progID)) || strings.TrimSpace(tc) != "" {
		t.Errorf("%s during the capture (want its own program on XDP, nothing on TC):\n%s", dev2, net2)
	}
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if n := strings.Count(stderr, dev2+": "); n != 1 {
		t.Errorf("%d lines about %s, want the one:\n%s", n, dev2, stderr)
	}
	if strings.Contains(stderr, line+dev2) || strings.Contains(stderr, "came up") {
		t.Errorf("the line names the interface twice or says it came up:\n%s", stderr)
	}
	if !strings.Contains(stderr, "bound to the device") {
		t.Errorf("the line does not say why:\n%s", stderr)
	}
	after, _ := hookOf(t, &testhost.Host{NS: h.NS, Dev: dev2})
	if after != int(progID) {
		t.Errorf("%s's XDP program is %d after the capture, want %d", dev2, after, progID)
	}
	// The file: the first interface's echoes, nothing of the second.
	out, err := exec.Command("tshark", "-r", file, "-Y", "icmp.type == 8 || icmp.type == 0", "-T", "fields", "-e", "frame.interface_name").Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	names := strings.Fields(string(out))
	if len(names) != 6 {
		t.Errorf("%d echoes in the file, want 6 (of %s): %v", len(names), h.Dev, names)
	}
	for _, n := range names {
		if n != h.Dev {
			t.Errorf("an echo of %s in the file", n)
		}
	}
}

// devBound attaches a device-bound XDP program (which no prog array can
// tail-call) to dev in h through a bpf_link; detach takes it off before
// the test ends.
func devBound(t *testing.T, h *testhost.Host, dev string) (id ebpf.ProgramID, detach func()) {
	t.Helper()
	var ifindex int
	if err := h.Do(func() error {
		ifc, err := net.InterfaceByName(dev)
		if err == nil {
			ifindex = ifc.Index
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	spec, err := progs.LoadChaintest()
	if err != nil {
		t.Fatal(err)
	}
	ps := spec.Programs["chaintest_xdp"].Copy()
	ps.Flags |= unix.BPF_F_XDP_DEV_BOUND_ONLY
	ps.Ifindex = uint32(ifindex)
	var l link.Link
	err = h.Do(func() error {
		coll, err := ebpf.NewCollection(&ebpf.CollectionSpec{Programs: map[string]*ebpf.ProgramSpec{"chaintest_xdp": ps}, Maps: spec.Maps})
		if err != nil {
			return err
		}
		t.Cleanup(func() { coll.Close() })
		prog := coll.Programs["chaintest_xdp"]
		if l, err = link.AttachXDP(link.XDPOptions{Program: prog, Interface: ifindex, Flags: link.XDPDriverMode}); err != nil {
			return err
		}
		info, err := prog.Info()
		if err != nil {
			return err
		}
		id, _ = info.ID()
		return nil
	})
	if err != nil {
		t.Fatalf("attaching a device-bound program to %s: %v", dev, err)
	}
	t.Cleanup(func() { l.Close() })
	return id, func() { l.Close() }
}

// TestAnyRefusedThenFreed: an interface -i any could not capture (it ran
// a device-bound program) is tried again once it has gone down and come
// back up, and captured when its hook is free by then.
func TestAnyRefusedThenFreed(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	h := &p.A
	dev2, far2 := peer(t, h, 43)
	_, detach := devBound(t, h, dev2)
	file := filepath.Join(t.TempDir(), "any.pcapng")
	x := start(t, h, nil, "-i", "any", "-n", "-w", file)
	if !waitFor(10e9, func() bool { return strings.Contains(x.stderr.String(), dev2+": not captured: ") }) {
		t.Fatalf("no line saying %s is not captured:\n%s", dev2, x.stderr.String())
	}
	detach()
	p.MustRun(h, "ip", "link", "set", dev2, "down")
	p.MustRun(h, "ip", "link", "set", dev2, "up")
	added := dev2 + ": came up: added to the capture"
	if !waitFor(10e9, func() bool { return strings.Contains(x.stderr.String(), added) }) {
		t.Fatalf("no %q line after %s went down and up with its hook free:\n%s", added, dev2, x.stderr.String())
	}
	p.MustRun(far2, "ping", "-c", "3", "-i", "0.2", "198.18.43.1")
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	out, err := exec.Command("tshark", "-r", file, "-Y", "icmp.type == 8 || icmp.type == 0", "-T", "fields", "-e", "frame.interface_name").Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	n := strings.Count(string(out), dev2)
	if n != 6 {
		t.Errorf("%d echoes of %s in the file, want 6 (3 each way):\n%s\n%s", n, dev2, out, stderr)
	}
	if after, _ := hookOf(t, &testhost.Host{NS: h.NS, Dev: dev2}); after != 0 {
		t.Errorf("%s's hook holds program %d after the capture, want it empty", dev2, after)
	}
}
