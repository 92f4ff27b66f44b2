package main

// A tcpdump user's first hour (issue 12), against the real tcpdump and
// tshark: a ping with no flags prints what tcpdump prints; promiscuous
// mode as `ip link show` reports it, during a capture and after SIGINT,
// SIGKILL + the next start, --recover, -p and a second xdpdump; -i any on
// two veths plus one created while capturing, lines compared with
// tcpdump -i any's, interface blocks read by tshark; readable pcapng
// packet ids; the version; chain -i after a kill.

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// runningTool is a tcpdump (or any program) running in a namespace until
// stopped.
type runningTool struct {
	cmd    *exec.Cmd
	stdout *syncBuf
	stderr *syncBuf
	done   chan error
}

// startTcpdump runs tcpdump with args in h's namespace and waits until it
// listens. -l is added (it changes no line): tcpdump's output to a pipe
// is otherwise buffered until exit, and what its kernel ring still holds
// at SIGINT is lost.
func startTcpdump(t *testing.T, h *testhost.Host, args ...string) *runningTool {
	t.Helper()
	r := &runningTool{cmd: h.Cmd("tcpdump", append([]string{"-l"}, args...)...), stdout: &syncBuf{}, stderr: &syncBuf{}, done: make(chan error, 1)}
	r.cmd.Stdout, r.cmd.Stderr = r.stdout, r.stderr
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { r.done <- r.cmd.Wait() }()
	t.Cleanup(func() {
		if r.cmd.ProcessState == nil {
			r.cmd.Process.Kill()
			<-r.done
		}
	})
	deadline := time.After(20 * time.Second)
	for !strings.Contains(r.stderr.String(), "listening on") {
		select {
		case err := <-r.done:
			t.Fatalf("tcpdump %v exited: %v\n%s", args, err, r.stderr.String())
		case <-deadline:
			t.Fatalf("tcpdump %v not listening:\n%s", args, r.stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	return r
}

// waitEchoes waits until r printed n ICMP echo lines.
func (r *runningTool) waitEchoes(t *testing.T, n int) {
	t.Helper()
	if !waitFor(20*time.Second, func() bool { return strings.Count(r.stdout.String(), "ICMP echo") >= n }) {
		t.Fatalf("tcpdump printed %d echo lines, want %d:\n%s", strings.Count(r.stdout.String(), "ICMP echo"), n, r.stdout.String())
	}
}

func (r *runningTool) stop(t *testing.T) string {
	t.Helper()
	r.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-r.done:
	case <-time.After(20 * time.Second):
		r.cmd.Process.Kill()
		t.Fatalf("tcpdump did not exit")
	}
	return r.stdout.String()
}

// tsRE is tcpdump's default time stamp at the start of a line.
var tsRE = regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{6} `)

// echoLines are the ICMP echo lines of out without their time stamps
// (each must have one).
func echoLines(t *testing.T, out string) []string {
	t.Helper()
	var ls []string
	for _, l := range strings.Split(out, "\n") {
		if !strings.Contains(l, "ICMP echo") {
			continue
		}
		if !tsRE.MatchString(l) {
			t.Fatalf("line without tcpdump's time stamp: %q", l)
		}
		ls = append(ls, tsRE.ReplaceAllString(l, ""))
	}
	return ls
}

func TestDefaultPingMatchesTcpdump(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	var out syncBuf
	x := start(t, &p.A, &out, "-i", p.A.Dev)
	td := startTcpdump(t, &p.A, "-i", p.A.Dev)
	p.MustRun(&p.B, "ping", "-c", "3", "-i", "0.2", p.A.IP4.String())
	td.waitEchoes(t, 6)
	stderr, code := x.stop(t, 0)
	tout := td.stop(t)
	theirs := echoLines(t, tout)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	ours := echoLines(t, out.String())
	if len(theirs) != 6 {
		t.Fatalf("tcpdump printed %d echo lines, want 3 requests and 3 replies:\n%s\n%s", len(theirs), tout, td.stderr.String())
	}
	if strings.Join(ours, "\n") != strings.Join(theirs, "\n") {
		t.Fatalf("xdpdump (no flags):\n%s\ntcpdump -i %s:\n%s", strings.Join(ours, "\n"), p.A.Dev, strings.Join(theirs, "\n"))
	}
	if c, _, _ := summary(t, stderr); c < 6 {
		t.Fatalf("%d captured, want at least 6", c)
	}
}

// On loopback what is sent is received again: both directions (the
// default) still show each packet once, as tcpdump -i lo does.
func TestLoopbackOnce(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	lo := p.A
	lo.Dev = "lo"
	var out syncBuf
	x := start(t, &lo, &out, "-n", "-i", "lo", "icmp")   // as tcpdump -n below
	td := startTcpdump(t, &lo, "-n", "-i", "lo", "icmp") // -n: /etc/hosts names 127.0.0.1
	p.MustRun(&p.A, "ping", "-c", "2", "-i", "0.2", "127.0.0.1")
	td.waitEchoes(t, 4)
	x.stop(t, 0)
	ours, theirs := echoLines(t, out.String()), echoLines(t, td.stop(t))
	if len(theirs) != 4 || strings.Join(ours, "\n") != strings.Join(theirs, "\n") {
		t.Fatalf("xdpdump -i lo:\n%s\ntcpdump -i lo:\n%s", strings.Join(ours, "\n"), strings.Join(theirs, "\n"))
	}
}

// promisc reports whether `ip link show` lists PROMISC among h's flags.
func promisc(t *testing.T, h *testhost.Host) bool {
	t.Helper()
	out, err := h.Run("ip", "link", "show", "dev", h.Dev)
	// Just after a veth moved, iproute2 can fail to name its peer's
	// namespace ("Peer netns reference is invalid"): ask again.
	for i := 0; err != nil && strings.Contains(out, "netns reference") && i < 20; i++ {
		time.Sleep(50 * time.Millisecond)
		out, err = h.Run("ip", "link", "show", "dev", h.Dev)
	}
	if err != nil {
		t.Fatalf("ip link show: %v: %s", err, out)
	}
	first := strings.SplitN(out, "\n", 2)[0]
	i, j := strings.IndexByte(first, '<'), strings.IndexByte(first, '>')
	if i < 0 || j < i {
		t.Fatalf("ip link show: %q", first)
	}
	for _, f := range strings.Split(first[i+1:j], ",") {
		if f == "PROMISC" {
			return true
		}
	}
	return false
}

func TestPromiscuousMode(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	h := &p.A
	want := func(on bool, when string) {
		t.Helper()
		if got := promisc(t, h); got != on {
			t.Fatalf("%s: PROMISC %v, want %v", when, got, on)
		}
	}
	want(false, "before")
	cap := func(args ...string) *proc {
		return start(t, h, nil, append([]string{"-i", h.Dev, "-w", os.DevNull}, args...)...)
	}

	x := cap()
	want(true, "during a capture")
	if _, code := x.stop(t, syscall.SIGINT); code != 0 {
		t.Fatal("exit", code)
	}
	want(false, "after SIGINT")

	x = cap("-p")
	want(false, "during a capture with -p")
	x.stop(t, 0)
	want(false, "after a capture with -p")

	// SIGKILL: the flag stays (nothing of ours runs to clear it) until
	// the next start, here one with -p that sets nothing itself.
	x = cap()
	x.stop(t, syscall.SIGKILL)
	want(true, "after SIGKILL")
	x = cap("-p")
	want(false, "after SIGKILL and the next start")
	x.stop(t, 0)

	// SIGKILL, then --recover.
	x = cap()
	x.stop(t, syscall.SIGKILL)
	want(true, "after SIGKILL")
	if out, err := h.Run(binPath, "--recover", "-i", h.Dev); err != nil || !strings.Contains(out, "promiscuous mode turned off") {
		t.Fatalf("--recover: %v\n%s", err, out)
	}
	want(false, "after SIGKILL and --recover")

	// Two captures: the flag stays until the last one leaves.
	x1 := cap()
	x2 := cap()
	x1.stop(t, 0)
	want(true, "after the first of two captures left")
	x2.stop(t, 0)
	want(false, "after both left")

	// On before: left on, as found.
	p.MustRun(h, "ip", "link", "set", "dev", h.Dev, "promisc", "on")
	x = cap()
	x.stop(t, 0)
	want(true, "after a capture on an interface that was promiscuous before")
	p.MustRun(h, "ip", "link", "set", "dev", h.Dev, "promisc", "off")
}

// peer adds a veth pair between h's namespace and a new one (dev in h's,
// with 198.18.<subnet>.1/24; its peer .2), removed with the test.
func peer(t *testing.T, h *testhost.Host, subnet int) (dev string, far *testhost.Host) {
	t.Helper()
	var b [3]byte
	rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	far = &testhost.Host{NS: "xdq" + id, Dev: "vq" + id}
	dev = "vp" + id
	t.Cleanup(func() { exec.Command("ip", "netns", "delete", far.NS).Run() })
	run := func(name string, args ...string) {
		t.Helper()
		if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v: %s", name, args, err, out)
		}
	}
	run("ip", "netns", "add", far.NS)
	run("ip", "link", "add", dev, "netns", h.NS, "type", "veth", "peer", "name", far.Dev, "netns", far.NS)
	run("nsenter", "--net=/var/run/netns/"+h.NS, "ip", "addr", "add", fmt.Sprintf("198.18.%d.1/24", subnet), "dev", dev)
	run("nsenter", "--net=/var/run/netns/"+h.NS, "ip", "link", "set", dev, "up")
	run("nsenter", "--net=/var/run/netns/"+far.NS, "ip", "addr", "add", fmt.Sprintf("198.18.%d.2/24", subnet), "dev", far.Dev)
	run("nsenter", "--net=/var/run/netns/"+far.NS, "ip", "link", "set", far.Dev, "up")
	return dev, far
}

func TestAnyInterface(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	h := &p.A
	dev2, far2 := peer(t, h, 40)
	file := filepath.Join(t.TempDir(), "any.pcapng")
	var plain, link syncBuf
	xs := []*proc{
		start(t, h, &plain, "-i", "any", "-n"),
		start(t, h, &link, "-i", "any", "-n", "-e"),
		start(t, h, nil, "-i", "any", "-w", file),
	}
	tds := []*runningTool{startTcpdump(t, h, "-i", "any", "-n"), startTcpdump(t, h, "-i", "any", "-n", "-e")}

	p.MustRun(&p.B, "ping", "-c", "3", "-i", "0.2", h.IP4.String())
	p.MustRun(far2, "ping", "-c", "3", "-i", "0.2", "198.18.40.1")
	// A third interface comes up while capturing.
	dev3, far3 := peer(t, h, 41)
	for _, x := range xs {
		if !waitFor(20*time.Second, func() bool { return strings.Contains(x.stderr.String(), dev3+": came up: added to the capture") }) {
			t.Fatalf("%s not added:\n%s", dev3, x.stderr.String())
		}
	}
	p.MustRun(far3, "ping", "-c", "3", "-i", "0.2", "198.18.41.1")
	for _, td := range tds {
		td.waitEchoes(t, 18)
	}
	for _, x := range xs {
		if stderr, code := x.stop(t, 0); code != 0 {
			t.Fatalf("exit %d:\n%s", code, stderr)
		}
	}
	for i, out := range []string{plain.String(), link.String()} {
		ours, theirs := echoLines(t, out), echoLines(t, tds[i].stop(t))
		if len(theirs) != 18 {
			t.Fatalf("tcpdump -i any printed %d echo lines, want 18:\n%s", len(theirs), strings.Join(theirs, "\n"))
		}
		if strings.Join(ours, "\n") != strings.Join(theirs, "\n") {
			t.Fatalf("xdpdump -i any:\n%s\ntcpdump -i any:\n%s", strings.Join(ours, "\n"), strings.Join(theirs, "\n"))
		}
		for _, dev := range []string{h.Dev, dev2, dev3} {
			if n := strings.Count(strings.Join(ours, "\n"), dev); n != 6 {
				t.Errorf("%d lines of %s, want 6", n, dev)
			}
		}
	}
	// The file: every echo of each interface, in that interface's block.
	out, err := exec.Command("tshark", "-r", file, "-Y", "icmp.type == 8 || icmp.type == 0",
		"-T", "fields", "-e", "frame.interface_id", "-e", "frame.interface_name", "-e", "frame.packet_flags_direction", "-e", "icmp.type").Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	count := map[string]int{}
	ids := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(l, "\t")
		if len(f) != 4 {
			t.Fatalf("tshark line %q", l)
		}
		if prev, ok := ids[f[1]]; ok && prev != f[0] {
			t.Fatalf("%s in interface blocks %s and %s", f[1], prev, f[0])
		}
		ids[f[1]] = f[0]
		count[f[1]+" "+f[2]+" "+f[3]]++
	}
	for _, dev := range []string{h.Dev, dev2, dev3} {
		// Direction 1 inbound (requests, type 8), 2 outbound (replies).
		if count[dev+" 0x00000001 8"] != 3 || count[dev+" 0x00000002 0"] != 3 {
			t.Errorf("%s: %v", dev, count)
		}
	}
	if len(ids) != 3 || ids[h.Dev] == ids[dev2] || ids[dev2] == ids[dev3] || ids[h.Dev] == ids[dev3] {
		t.Errorf("interface blocks: %v", ids)
	}
}

func TestPacketIDsReadable(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	file := filepath.Join(t.TempDir(), "ids.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", file, "icmp")
	p.MustRun(&p.B, "ping", "-c", "5", "-i", "0.1", p.A.IP4.String())
	time.Sleep(200 * time.Millisecond)
	x.stop(t, 0)
	out, err := exec.Command("tshark", "-r", file, "-T", "fields", "-e", "frame.packet_id").Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	var ids []int
	seen := map[int]bool{}
	for _, l := range strings.Fields(string(out)) {
		var id int
		if _, err := fmt.Sscan(l, &id); err != nil {
			t.Fatalf("tshark shows packet id %q", l)
		}
		if seen[id] || id < 1 || id > 1000 {
			t.Fatalf("packet ids %v: %d repeated or not a small number", ids, id)
		}
		seen[id] = true
		ids = append(ids, id)
	}
	if len(ids) != 10 {
		t.Fatalf("%d packets with ids (%v), want 10", len(ids), ids)
	}
	sort.Ints(ids)
	t.Logf("packet ids as tshark shows them: %v", ids)
}

func TestVersion(t *testing.T) {
	out, err := exec.Command(binPath, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	bi, err := exec.Command("go", "version", "-m", binPath).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "dev"
	if m := regexp.MustCompile(`main\.version=(\S+)`).FindSubmatch(bi); m != nil && string(m[1]) != "dev" {
		want = strings.Trim(string(m[1]), `"'`)
	} else if m := regexp.MustCompile(`vcs\.revision=([0-9a-f]{12})`).FindSubmatch(bi); m != nil {
		want = string(m[1])
		if strings.Contains(string(bi), "vcs.modified=true") {
			want += "-dirty"
		}
	}
	if lines[0] != "xdpdump version "+want {
		t.Errorf("--version says %q, the build says %q:\n%s", lines[0], want, bi)
	}
	td, err := exec.Command("tcpdump", "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if tl := strings.Split(string(td), "\n"); len(lines) < 2 || lines[1] != tl[1] {
		t.Errorf("libpcap line %q, tcpdump's %q", lines[1:], tl[1])
	}
}

func TestChainShowsDeadInstance(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	// In front of a netlink-owned program, the chain outlives a kill.
	attachExisting(t, p, "xdpgeneric")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", os.DevNull)
	pid := x.cmd.Process.Pid
	show := func() string {
		out, err := p.A.Run(binPath, "chain", "-i", p.A.Dev)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if out := show(); !strings.Contains(out, fmt.Sprintf("pid %d)", pid)) || strings.Contains(out, "gone") {
		t.Fatalf("while it runs:\n%s", out)
	}
	x.stop(t, syscall.SIGKILL)
	if out := show(); !strings.Contains(out, fmt.Sprintf("pid %d gone", pid)) {
		t.Fatalf("after SIGKILL the pid is listed as alive:\n%s", out)
	}
	if out, err := p.A.Run(binPath, "--recover", "-i", p.A.Dev); err != nil {
		t.Fatalf("--recover: %v\n%s", err, out)
	}
}
