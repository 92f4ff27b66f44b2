package main

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

// TestExitHookNobodyFeeds: --xdpcap-hook names a hook that a loaded
// program uses (the xdpcap-instrumented firewall, attached nowhere) but
// the program on the interface (a plain XDP_PASS one) never calls:
// xdpdump says so at start, rather than leaving the exit point silently
// empty, and the file holds the entry copies only. (A hook that no
// program uses is refused: internal/xdpcap's tests.)
func TestExitHookNobodyFeeds(t *testing.T) {
	needTcpdump(t)
	p := testhost.New(t, testhost.Options{})
	testkit.PassXDP(t, p.A)
	warmARP(t, p)
	hook, err := ebpf.NewMap(&ebpf.MapSpec{Name: "xdpcap_hook", Type: ebpf.ProgramArray, KeySize: 4, ValueSize: 4, MaxEntries: 5})
	if err != nil {
		t.Fatal(err)
	}
	defer hook.Close()
	var b [4]byte
	rand.Read(b[:])
	path := "/sys/fs/bpf/xdpdump-test-unfed-" + hex.EncodeToString(b[:])
	if err := hook.Pin(path); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(path)
	testkit.XdpcapFW(t, hook, ebpf.AttachXDP)
	file := filepath.Join(t.TempDir(), "x.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "--xdpcap-hook", path, "--capture-at", "both", "-w", file, "udp", "port", "6640")
	sendUDP(t, p, 6640, 5, 64)
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "does not use the xdpcap hook "+path+" itself: exit copies appear only for packets that reach a program that does") {
		t.Fatalf("no notice that the hook is not fed:\n%s", stderr)
	}
	if n := countPackets(t, file, "udp port 6640"); n != 5 {
		t.Fatalf("%d packets in the file, want the 5 entry copies only\n%s", n, stderr)
	}
}
