// The exit point, end to end with the real binary and real traffic: a
// program instrumented for cloudflare's xdpcap (drops UDP/9999, rewrites
// UDP/7777 to 7778, passes the rest) with --xdpcap-hook and --capture-at
// both — every packet at entry and at exit with its verdict as tshark
// reads it, the rewrite visible at exit, one packet id per pair, the
// program's behaviour and counters what they are without xdpdump, the
// hook's slots empty after SIGINT and after SIGKILL + the next start or
// --recover —; bounce's SYN-ACKs as the exit copies of the SYNs; and the
// one-line refusal where only fexit could see the verdict.

package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
	"github.com/xdpdump/xdpdump/internal/testkit/progs"
)

// xdpcapFW is the xdpcap-instrumented firewall attached to A, loaded as
// xdpcap's users load theirs: the hook created and pinned first, the
// program loaded against it.
type xdpcapFW struct {
	hookPath string
	hook     *ebpf.Map
	verdicts *ebpf.Map
	id       ebpf.ProgramID
	// A's sockets: what the program passed.
	rx7778, rx9999, rx5555 *udpRecv
}

func attachXdpcapFW(t *testing.T, p *testhost.Pair) *xdpcapFW {
	t.Helper()
	hook, err := ebpf.NewMap(&ebpf.MapSpec{Name: "xdpcap_hook", Type: ebpf.ProgramArray, KeySize: 4, ValueSize: 4, MaxEntries: 5})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hook.Close() })
	var b [4]byte
	rand.Read(b[:])
	fw := &xdpcapFW{hookPath: "/sys/fs/bpf/xdpdump-test-xdpcap-" + hex.EncodeToString(b[:]), hook: hook}
	if err := hook.Pin(fw.hookPath); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(fw.hookPath) })
	spec, err := progs.LoadXdpcapfw()
	if err != nil {
		t.Fatal(err)
	}
	delete(spec.Programs, "xdpcap_fw_frags")
	coll, err := ebpf.NewCollectionWithOptions(spec, ebpf.CollectionOptions{MapReplacements: map[string]*ebpf.Map{"xdpcap_hook": hook}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { coll.Close() })
	prog := coll.Programs["xdpcap_fw"]
	fw.verdicts = coll.Maps["verdicts"]
	info, err := prog.Info()
	if err != nil {
		t.Fatal(err)
	}
	fw.id, _ = info.ID()
	err = p.A.Do(func() error {
		l, err := link.AttachXDP(link.XDPOptions{Program: prog, Interface: p.A.Ifindex})
		if err == nil {
			t.Cleanup(func() { l.Close() })
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fw.rx7778, fw.rx9999, fw.rx5555 = listenUDP(t, &p.A, 7778), listenUDP(t, &p.A, 9999), listenUDP(t, &p.A, 5555)
	return fw
}

// round sends n datagrams each to ports 9999, 7777 and 5555 and checks
// that the program did what it does on its own: n drops and n rewrites
// counted, the 7777 datagrams delivered to port 7778, the 5555 ones to
// 5555, none to 9999.
func (fw *xdpcapFW) round(t *testing.T, p *testhost.Pair, n int) {
	t.Helper()
	d0, w0 := counter(t, fw.verdicts, 1), counter(t, fw.verdicts, 2)
	r0, p0 := fw.rx7778.n(), fw.rx5555.n()
	sendUDP(t, p, 9999, n, 100)
	sent := sendUDP(t, p, 7777, n, 100)
	sendUDP(t, p, 5555, n, 100)
	waitFor(5*time.Second, func() bool { return fw.rx7778.n()-r0 >= n && fw.rx5555.n()-p0 >= n })
	if d, w := counter(t, fw.verdicts, 1)-d0, counter(t, fw.verdicts, 2)-w0; d != uint64(n) || w != uint64(n) {
		t.Fatalf("the program counted %d drops and %d rewrites, want %d and %d", d, w, n, n)
	}
	got := fw.rx7778.since(r0)
	if len(got) != n || fw.rx5555.n()-p0 != n {
		t.Fatalf("A received %d datagrams on 7778 and %d on 5555, want %d each", len(got), fw.rx5555.n()-p0, n)
	}
	for i, g := range got {
		if !bytes.Equal(g, sent[i]) {
			t.Fatalf("datagram %d to 7777 arrived on 7778 as %x..., sent %x...", i, g[:8], sent[i][:8])
		}
	}
	if fw.rx9999.n() != 0 {
		t.Fatalf("%d datagrams to 9999 got through the program that drops them", fw.rx9999.n())
	}
}

func (fw *xdpcapFW) filled() int {
	n := 0
	for a := uint32(0); a < 5; a++ {
		var id uint32
		if fw.hook.Lookup(a, &id) == nil {
			n++
		}
	}
	return n
}

// hookPins are the state records of xdpdumps filling xdpcap hooks.
func hookPins() []string {
	m, _ := filepath.Glob("/sys/fs/bpf/xdpdump/xdpcap/*/state")
	return m
}

func pinsOfPID(pid int) []string {
	var out []string
	for _, p := range hookPins() {
		if strings.HasPrefix(filepath.Base(filepath.Dir(p)), strconv.Itoa(pid)+"-") {
			out = append(out, p)
		}
	}
	return out
}

// record is one packet of a capture file as tshark reads it.
type record struct {
	iface, id, verdict, dport, ckStatus string
}

func tsharkRecords(t *testing.T, file, display string) []record {
	t.Helper()
	out, err := exec.Command("tshark", "-r", file, "-o", "udp.check_checksum:TRUE", "-Y", display, "-T", "fields", "-E", "separator=,",
		"-e", "frame.interface_name", "-e", "frame.packet_id", "-e", "frame.verdict.ebpf_xdp", "-e", "udp.dstport", "-e", "udp.checksum.status").Output()
	if err != nil {
		t.Fatalf("tshark -r %s: %v", file, err)
	}
	var recs []record
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l == "" {
			continue
		}
		f := strings.Split(l, ",")
		for len(f) < 5 {
			f = append(f, "")
		}
		recs = append(recs, record{f[0], f[1], f[2], f[3], f[4]})
	}
	return recs
}

// exitCounts checks the summary's exit line: drop packets dropped, and at
// least pass passed (the veth's own ARP and IPv6 traffic passes too).
func exitCounts(t *testing.T, stderr string, drop, pass int) {
	t.Helper()
	m := regexp.MustCompile(`(?m)^(\d+) packets left the XDP program: (\d+) DROP, (\d+) PASS$`).FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no exit counters in:\n%s", stderr)
	}
	total, _ := strconv.Atoi(m[1])
	d, _ := strconv.Atoi(m[2])
	ps, _ := strconv.Atoi(m[3])
	if d != drop || ps < pass || total != d+ps {
		t.Fatalf("exit counters %q, want %d DROP and at least %d PASS", m[0], drop, pass)
	}
}

func TestExitThroughXdpcapHook(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	warmARP(t, p)
	fw := attachXdpcapFW(t, p)
	fw.round(t, p, 5) // without xdpdump
	file := filepath.Join(t.TempDir(), "exit.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "--xdpcap-hook", fw.hookPath, "--capture-at", "both", "-w", file, "udp")
	if fw.filled() != 5 {
		t.Fatalf("%d of the hook's 5 slots filled while xdpdump runs", fw.filled())
	}
	const n = 20
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
	fw.round(t, p, 5) // and on its own again

	captured, received, dropped := summary(t, stderr)
	if captured != 6*n || received != 6*n || dropped != 0 {
		t.Fatalf("summary says %d captured, %d received by filter, %d dropped, want %d, %d and 0:\n%s", captured, received, dropped, 6*n, 6*n, stderr)
	}
	exitCounts(t, stderr, n, 2*n)
	// tcpdump reads the file: both copies of every datagram.
	if got := countPackets(t, file, "udp"); got != 6*n {
		t.Fatalf("tcpdump reads %d packets, want %d", got, 6*n)
	}
	// tshark: entry copies on A's interface block, exit copies on A@exit
	// with the action as epb_verdict, each pair under one packet id, the
	// rewritten port (with a valid checksum) at exit.
	type pair struct{ entry, exit *record }
	pairs := map[string]*pair{}
	recs := tsharkRecords(t, file, "udp")
	for i := range recs {
		r := &recs[i]
		pr := pairs[r.id]
		if pr == nil {
			pr = &pair{}
			pairs[r.id] = pr
		}
		switch r.iface {
		case p.A.Dev:
			if pr.entry != nil || r.verdict != "" {
				t.Fatalf("entry copy %+v: a second one, or with a verdict", *r)
			}
			pr.entry = r
		case p.A.Dev + "@exit":
			if pr.exit != nil {
				t.Fatalf("a second exit copy for packet id %s", r.id)
			}
			pr.exit = r
		default:
			t.Fatalf("record on interface %q", r.iface)
		}
	}
	want := map[string]struct{ verdict, exitPort string }{"9999": {"1", "9999"}, "7777": {"2", "7778"}, "5555": {"2", "5555"}}
	seen := map[string]int{}
	for id, pr := range pairs {
		if id == "" || pr.entry == nil || pr.exit == nil {
			t.Fatalf("packet id %q without both copies: %+v", id, pr)
		}
		w, ok := want[pr.entry.dport]
		if !ok {
			t.Fatalf("entry copy to port %s", pr.entry.dport)
		}
		if pr.exit.verdict != w.verdict || pr.exit.dport != w.exitPort {
			t.Fatalf("packet to %s left with verdict %s to port %s, want verdict %s to port %s", pr.entry.dport, pr.exit.verdict, pr.exit.dport, w.verdict, w.exitPort)
		}
		if pr.exit.ckStatus != "1" || pr.entry.ckStatus != "1" { // 1 = Good
			t.Fatalf("UDP checksum status %s at entry, %s at exit, want good (1)", pr.entry.ckStatus, pr.exit.ckStatus)
		}
		seen[pr.entry.dport]++
	}
	if seen["9999"] != n || seen["7777"] != n || seen["5555"] != n {
		t.Fatalf("pairs per port: %v, want %d each", seen, n)
	}
}

// --capture-at exit alone: no entry copies; a packet the expression
// matched at entry keeps its exit copy although the program rewrote it
// into one the expression does not match.
func TestExitOnly(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	warmARP(t, p)
	fw := attachXdpcapFW(t, p)
	file := filepath.Join(t.TempDir(), "exit.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "--xdpcap-hook", fw.hookPath, "--capture-at", "exit", "-w", file, "udp", "dst", "port", "7777")
	const n = 10
	fw.round(t, p, n)
	time.Sleep(200 * time.Millisecond)
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	ids := map[string]bool{}
	for _, r := range tsharkRecords(t, file, "udp") {
		if r.iface != p.A.Dev+"@exit" || r.verdict != "2" || r.dport != "7778" || r.id == "" || ids[r.id] {
			t.Fatalf("record %+v: want only exit copies to 7778, verdict 2, each with its own packet id", r)
		}
		ids[r.id] = true
	}
	if len(ids) != n {
		t.Fatalf("%d exit copies, want %d", len(ids), n)
	}
	// Only exit copies are kept: the entry's matches are not counted
	// again in "received by filter".
	if captured, received, _ := summary(t, stderr); captured != n || received != n {
		t.Fatalf("summary says %d captured, %d received by filter, want %d each:\n%s", captured, received, n, stderr)
	}
	exitCounts(t, stderr, n, 2*n)
	if fw.filled() != 0 {
		t.Fatalf("%d slots filled after SIGINT", fw.filled())
	}
}

func TestExitPrintsVerdicts(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	warmARP(t, p)
	fw := attachXdpcapFW(t, p)
	var out syncBuf
	x := start(t, &p.A, &out, "-i", p.A.Dev, "-n", "-v", "--xdpcap-hook", fw.hookPath, "udp")
	fw.round(t, p, 2)
	time.Sleep(200 * time.Millisecond)
	if stderr, code := x.stop(t, 0); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	// -v continues a packet's line on indented lines.
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if strings.HasPrefix(l, " ") && len(lines) > 0 {
			lines[len(lines)-1] += l
			continue
		}
		lines = append(lines, l)
	}
	var entry, drop, pass int
	for _, l := range lines {
		switch {
		case strings.Contains(l, " @exit[DROP] IP ") && strings.Contains(l, ".9999: UDP"):
			drop++
		case strings.Contains(l, " @exit[PASS] IP ") && (strings.Contains(l, ".7778: UDP") || strings.Contains(l, ".5555: UDP")):
			pass++
		case strings.Contains(l, " IP ") && !strings.Contains(l, "@exit"):
			entry++
		}
	}
	if entry != 6 || drop != 2 || pass != 4 {
		t.Fatalf("%d entry lines, %d DROP and %d PASS exit lines, want 6, 2, 4:\n%s", entry, drop, pass, out.String())
	}
}

func TestExitHookEmptiedAfterSIGKILL(t *testing.T) {
	for _, how := range []string{"next start", "--recover"} {
		t.Run(how, func(t *testing.T) {
			p := testhost.New(t, testhost.Options{NoOffloads: true})
			warmARP(t, p)
			fw := attachXdpcapFW(t, p)
			x := start(t, &p.A, nil, "-i", p.A.Dev, "--xdpcap-hook", fw.hookPath, "-w", filepath.Join(t.TempDir(), "a.pcapng"))
			x.stop(t, syscall.SIGKILL)
			if fw.filled() != 5 || len(pinsOfPID(x.cmd.Process.Pid)) != 1 {
				t.Fatalf("after SIGKILL: %d slots filled, pins %v", fw.filled(), pinsOfPID(x.cmd.Process.Pid))
			}
			// The stages left behind still return each slot's action.
			fw.round(t, p, 5)
			var said string
			if how == "--recover" {
				out, err := p.A.Cmd(binPath, "--recover", "-i", p.A.Dev).CombinedOutput()
				if err != nil {
					t.Fatalf("--recover: %v\n%s", err, out)
				}
				said = string(out)
			} else {
				y := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "b.pcapng"))
				said, _ = y.stop(t, 0)
			}
			if !strings.Contains(said, "emptied 5 of the 5 slots of the xdpcap hook "+fw.hookPath) {
				// xdpcap recovery covers every hook of bpffs: an xdpdump of
				// another package's tests, running meanwhile, may have
				// emptied them first. What counts is checked below.
				if strings.Contains(said, "xdpcap") {
					t.Fatalf("recovery said:\n%s", said)
				}
				t.Logf("another xdpdump recovered the hook first; this one said:\n%s", said)
			}
			if fw.filled() != 0 || len(pinsOfPID(x.cmd.Process.Pid)) != 0 {
				t.Fatalf("after the %s: %d slots filled, pins %v", how, fw.filled(), pinsOfPID(x.cmd.Process.Pid))
			}
			if id, _ := hookOf(t, &p.A); ebpf.ProgramID(id) != fw.id {
				t.Fatalf("hook holds prog %d, want the program %d back", id, fw.id)
			}
			fw.round(t, p, 5)
		})
	}
}

func TestExitBounceAnswers(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	testkit.PassXDP(t, p.B)
	warmARP(t, p)
	file := filepath.Join(t.TempDir(), "bounce.pcapng")
	x := start(t, &p.A, nil, "--bounce", "--capture-at", "both", "-i", p.A.Dev, "-w", file, "tcp")
	const n = 10
	if got := dialAll(t, p, p.A.IP4, randomPorts(n)); got != n {
		t.Fatalf("%d/%d handshakes completed", got, n)
	}
	time.Sleep(200 * time.Millisecond)
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	out, err := exec.Command("tshark", "-r", file, "-Y", "tcp", "-T", "fields", "-E", "separator=,",
		"-e", "frame.interface_name", "-e", "frame.packet_id", "-e", "tcp.flags.syn", "-e", "tcp.flags.ack",
		"-e", "frame.verdict.ebpf_xdp", "-e", "frame.packet_flags_direction").Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	syns := map[string]bool{}
	entries := map[string]bool{}
	var exits [][]string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(l, ",")
		switch f[0] {
		case p.A.Dev:
			if f[4] != "" {
				t.Fatalf("entry copy with a verdict: %s", l)
			}
			entries[f[1]] = true
			if f[2] == "1" && f[3] == "0" {
				syns[f[1]] = true
			}
		case p.A.Dev + "@exit":
			exits = append(exits, f)
		default:
			t.Fatalf("record on interface %q: %s", f[0], l)
		}
	}
	synacks := 0
	for _, f := range exits {
		if !entries[f[1]] {
			t.Fatalf("exit copy without an entry copy of the same packet id: %v", f)
		}
		switch {
		case f[2] == "1" && f[3] == "1":
			if f[4] != "3" || f[5] != "0x00000002" || !syns[f[1]] {
				t.Fatalf("SYN-ACK %v: want verdict 3 (TX), outbound, the packet id of a SYN", f)
			}
			synacks++
		case f[4] != "1": // the handshakes' last ACKs and FINs: dropped
			t.Fatalf("exit copy %v: want XDP_DROP", f)
		}
	}
	if len(syns) != n || synacks != n {
		t.Fatalf("%d SYNs at entry and %d SYN-ACKs at exit, want %d each", len(syns), synacks, n)
	}
	t.Logf("%s", stderr)
	if !strings.Contains(stderr, "10 TX") {
		t.Fatalf("exit counters:\n%s", stderr)
	}
}

// Where only fexit could see the verdict, and the kernel refuses fexit:
// one line with the alternatives, exit 1, nothing changed.
func TestExitWithoutHookRefused(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	e := attachExisting(t, p, "link")
	before := hookInfo(t, &p.A)
	file := filepath.Join(t.TempDir(), "never.pcapng")
	c := p.A.Cmd(binPath, "--capture-at", "exit", "-i", p.A.Dev, "-w", file)
	var stderr bytes.Buffer
	c.Stderr = &stderr
	err := c.Run()
	if c.ProcessState.ExitCode() != 1 {
		t.Fatalf("exit %v, want 1:\n%s", err, stderr.String())
	}
	msg := stderr.String()
	t.Logf("%s", msg)
	if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "refuses fexit (EPERM)") ||
		!strings.Contains(msg, "--xdpcap-hook PATH") || !strings.Contains(msg, "--bounce") || !strings.Contains(msg, "nothing was changed") {
		t.Fatalf("want one line naming fexit and both alternatives, got:\n%s", msg)
	}
	if after := hookInfo(t, &p.A); after != before || after.id != int(e.id) {
		t.Fatalf("hook changed: %v, was %v", after, before)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Fatalf("%s exists after the refusal: %v", file, err)
	}
	if left := pinsOf(t, &p.A); len(left) != 0 {
		t.Fatalf("pins left: %v", left)
	}
}

func TestExitFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-i", "lo", "--capture-at", "middle"}, "xdpdump: unknown capture point `middle': entry, exit or both\n"},
		{[]string{"-i", "lo", "--capture-at", "entry", "--xdpcap-hook", "/sys/fs/bpf/x"}, "xdpdump: --xdpcap-hook shows the verdicts at exit: it does not go with --capture-at entry\n"},
		{[]string{"-i", "lo", "--capture-at", "exit", "-Q", "out"}, "xdpdump: --capture-at exit is the exit of the XDP program: it does not go with -Q out\n"},
		{[]string{"-r", "x.pcap", "--capture-at", "both"}, "xdpdump: --capture-at is a point of a live XDP program: it does not go with -r\n"},
		{[]string{"-i", "lo", "--bounce", "--capture-at", "both"}, "xdpdump: --capture-at: --bounce without -w or an expression captures nothing\n"},
	} {
		out, err := exec.Command(binPath, c.args...).CombinedOutput()
		if err == nil || string(out) != c.msg {
			t.Errorf("%v: %v %q, want %q", c.args, err, out, c.msg)
		}
	}
}
