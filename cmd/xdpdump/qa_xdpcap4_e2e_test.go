// QA: xdpdump with a hook as cloudflare/xdpcap's own Go package makes it
// (xdpcap.NewHook: 4 slots, none for XDP_REDIRECT; xdpcap's README declares
// the map the same way), used by a program loaded without an expected
// attach type and attached by iproute2: the real binary fills the four
// slots, says in one line that redirects are not seen at exit, records
// every datagram at entry and at exit with its verdict as tshark reads it,
// leaves the program's work unchanged, and empties the slots on exit.

package main

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

func attachXdpcapFW4(t *testing.T, p *testhost.Pair) *xdpcapFW {
	t.Helper()
	var b [4]byte
	rand.Read(b[:])
	name := "qa_hook4_" + hex.EncodeToString(b[:])
	// xdpcap.NewHook: the map is named after the pin's base name.
	hook, err := ebpf.NewMap(&ebpf.MapSpec{Name: name, Type: ebpf.ProgramArray, KeySize: 4, ValueSize: 4, MaxEntries: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hook.Close() })
	fw := &xdpcapFW{hookPath: "/sys/fs/bpf/" + name, hook: hook}
	if err := hook.Pin(fw.hookPath); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(fw.hookPath) })
	coll := testkit.XdpcapFW(t, hook, ebpf.AttachNone)
	fw.verdicts = coll.Maps["verdicts"]
	fw.id = ipAttach(t, p, coll.Programs["xdpcap_fw"], "xdpdrv")
	t.Cleanup(func() { p.A.Run("ip", "link", "set", "dev", p.A.Dev, "xdpdrv", "off") })
	fw.rx7778, fw.rx9999, fw.rx5555 = listenUDP(t, &p.A, 7778), listenUDP(t, &p.A, 9999), listenUDP(t, &p.A, 5555)
	return fw
}

func TestQAFourSlotXdpcapHook(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	warmARP(t, p)
	fw := attachXdpcapFW4(t, p)
	fw.round(t, p, 3)
	file := filepath.Join(t.TempDir(), "exit4.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "--xdpcap-hook", fw.hookPath, "--capture-at", "both", "-w", file, "udp")
	if n := fw.filled(); n != 4 {
		t.Fatalf("%d of the hook's 4 slots filled while xdpdump runs", n)
	}
	if s := x.stderr.String(); strings.Count(s, "none for XDP_REDIRECT") != 1 {
		t.Fatalf("start-up lines do not say once that redirects are not seen at exit:\n%s", s)
	}
	const n = 10
	fw.round(t, p, n)
	time.Sleep(200 * time.Millisecond)
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if fw.filled() != 0 || len(pinsOfPID(x.cmd.Process.Pid)) != 0 {
		t.Fatalf("after SIGINT: %d slots filled, pins %v", fw.filled(), pinsOfPID(x.cmd.Process.Pid))
	}
	if id, _ := hookOf(t, &p.A); ebpf.ProgramID(id) != fw.id {
		t.Fatalf("hook holds prog %d, want the program %d back", id, fw.id)
	}
	fw.round(t, p, 3)
	exitCounts(t, stderr, n, 2*n)
	want := map[string]string{"9999": "1", "7777": "2", "5555": "2"}
	entries, exits := map[string]string{}, map[string]string{}
	for _, r := range tsharkRecords(t, file, "udp") {
		switch r.iface {
		case p.A.Dev:
			entries[r.id] = r.dport
		case p.A.Dev + "@exit":
			exits[r.id] = r.verdict
		default:
			t.Fatalf("record on interface %q", r.iface)
		}
	}
	if len(entries) != 3*n || len(exits) != 3*n {
		t.Fatalf("%d entry and %d exit copies, want %d each", len(entries), len(exits), 3*n)
	}
	for id, port := range entries {
		if exits[id] != want[port] {
			t.Fatalf("packet %s to port %s left with verdict %q, want %s", id, port, exits[id], want[port])
		}
	}
}

// With -e (and no -v), each exit line names the verdict before the link
// header, as xdp-tools prints it.
func TestQAExitLinesWithLinkHeader(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	warmARP(t, p)
	fw := attachXdpcapFW4(t, p)
	var out syncBuf
	x := start(t, &p.A, &out, "-i", p.A.Dev, "-n", "-e", "--xdpcap-hook", fw.hookPath, "udp")
	fw.round(t, p, 2)
	time.Sleep(200 * time.Millisecond)
	if stderr, code := x.stop(t, 0); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	mac := p.B.MAC.String() + " > " + p.A.MAC.String()
	var entry, drop, pass int
	for _, l := range strings.Split(out.String(), "\n") {
		switch {
		case strings.Contains(l, " @exit[DROP] "+mac) && strings.Contains(l, ".9999: UDP"):
			drop++
		case strings.Contains(l, " @exit[PASS] "+mac):
			pass++
		case strings.Contains(l, mac) && !strings.Contains(l, "@exit"):
			entry++
		}
	}
	if entry != 6 || drop != 2 || pass != 4 {
		t.Fatalf("%d entry lines, %d DROP and %d PASS exit lines, want 6, 2 and 4:\n%s", entry, drop, pass, out.String())
	}
}
