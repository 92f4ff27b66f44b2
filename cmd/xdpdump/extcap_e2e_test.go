// xdpdump as a Wireshark extcap, driven by the real tshark: the link in a
// personal extcap folder of a temporary HOME, tshark -D, a capture of
// real traffic between the test namespaces, the interface restored, a
// bad capture filter answered with libpcap's message.

package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// extcapHome makes a HOME whose Wireshark personal extcap folders hold a
// link to xdpdump, and returns the environment that points tshark at it
// (never at the real HOME).
func extcapHome(t *testing.T) []string {
	t.Helper()
	home := t.TempDir()
	env := append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
	c := exec.Command("tshark", "-G", "folders")
	c.Env = env
	out, err := c.Output()
	if err != nil {
		t.Fatalf("tshark -G folders: %v", err)
	}
	// Wireshark 4.0 looks in "<personal configuration>/extcap", 4.2 and
	// later in their "Personal Extcap path" as well.
	var dirs []string
	for _, l := range strings.Split(string(out), "\n") {
		k, v, ok := strings.Cut(l, ":")
		v = strings.TrimSpace(v)
		switch {
		case !ok || !strings.HasPrefix(v, home):
		case k == "Personal configuration":
			dirs = append(dirs, filepath.Join(v, "extcap"))
		case k == "Personal Extcap path":
			dirs = append(dirs, v)
		}
	}
	if len(dirs) == 0 {
		t.Fatalf("tshark -G folders names no personal folder under %s:\n%s", home, out)
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(binPath, filepath.Join(d, "xdpdump")); err != nil {
			t.Fatal(err)
		}
	}
	return env
}

// runTshark runs tshark in h's namespace with env and returns its stdout,
// stderr and error.
func runTshark(t *testing.T, h *testhost.Host, env []string, args ...string) (string, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	c := exec.CommandContext(ctx, "nsenter", append([]string{"--net=/var/run/netns/" + h.NS, "--", "tshark"}, args...)...)
	c.Env = env
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	err := c.Run()
	return stdout.String(), stderr.String(), err
}

// waitRestored waits until h's XDP hook is as it was: the same ip(8)
// line, the original program's ID, no pins of ours left.
func waitRestored(t *testing.T, h *testhost.Host, before string, id int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		now := xdpState(t, h)
		got, _ := hookOf(t, h)
		left := pinsOf(t, h)
		if now == before && got == id && len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not restored after the capture:\nbefore: %s\nnow:    %s (prog %d, want %d), pins %v", h.Dev, before, now, got, id, left)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestExtcapTshark(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	// A program already runs on the hook: restored means that one is back.
	e := attachExisting(t, p, "xdpgeneric")
	before := xdpState(t, &p.A)
	if int(e.id) == 0 || !strings.Contains(before, "xdp") {
		t.Fatalf("no existing program on %s: %s", p.A.Dev, before)
	}
	env := extcapHome(t)
	entry := "xdp:" + p.A.Dev

	list, errs, err := runTshark(t, &p.A, env, "-D")
	if err != nil {
		t.Fatalf("tshark -D: %v\n%s", err, errs)
	}
	if !strings.Contains(list, ". "+entry+" ("+p.A.Dev+" (XDP))\n") {
		t.Fatalf("tshark -D lists no %s:\n%s", entry, list)
	}

	// 20 packets of real traffic: B pings A until the capture is over.
	warmARP(t, p)
	ping := p.B.Cmd("ping", "-i", "0.05", "-c", "2000", p.A.IP4.String())
	if err := ping.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { ping.Process.Kill(); ping.Wait() }()
	file := filepath.Join(t.TempDir(), "x.pcapng")
	// The capture filter goes to xdpdump as --extcap-capture-filter.
	expr := "icmp and src host " + p.B.IP4.String()
	_, errs, err = runTshark(t, &p.A, env, "-i", entry, "-f", expr, "-a", "packets:20", "-w", file)
	if err != nil {
		t.Fatalf("tshark -i %s -f %q -a packets:20: %v\n%s", entry, expr, err, errs)
	}
	if strings.Contains(errs, "extcap") {
		t.Fatalf("tshark reports an extcap error on a good capture:\n%s", errs)
	}
	waitRestored(t, &p.A, before, int(e.id))
	// tcpdump reads what tshark wrote: 20 echo requests from B to A, and
	// nothing the filter refuses (IPv6 multicast listener reports).
	out, err := exec.Command("tcpdump", "-n", "-r", file).Output()
	if err != nil {
		t.Fatalf("tcpdump -r: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 20 {
		t.Fatalf("tshark wrote %d packets, want 20:\n%s", len(lines), out)
	}
	for _, l := range lines {
		if !strings.Contains(l, p.B.IP4.String()+" > "+p.A.IP4.String()+": ICMP echo request") {
			t.Fatalf("not B's echo request: %s", l)
		}
	}
	// The program xdpdump stood in front of saw the packets too.
	if other, _, _ := e.counts(t); other < 20 {
		t.Fatalf("the existing program counted %d packets during the capture", other)
	}

	// The dialog's settings, as tshark passes them (-o
	// extcap.IFACE.CALL:VALUE). The exit of a program xdpdump did not
	// load is out of sight on this kernel (no fexit): the session's
	// refusal reaches tshark, and the hook is as it was.
	pref := func(entry, call, value string) string {
		return "extcap." + strings.ReplaceAll(entry, ":", "_") + "." + call + ":" + value
	}
	_, errs, err = runTshark(t, &p.A, env, "-i", entry, "-o", pref(entry, "captureat", "both"), "-a", "packets:1")
	if err == nil || !strings.Contains(errs, "Error by extcap pipe: xdpdump: "+p.A.Dev+": --capture-at exit: ") {
		t.Fatalf("--capture-at both behind a program: %v\n%s", err, errs)
	}
	if now, left := xdpState(t, &p.A), pinsOf(t, &p.A); now != before || len(left) > 0 {
		t.Fatalf("a refused capture changed the hook: %s, was %s; pins %v", now, before, left)
	}
	// On an interface without a program of its own, xdpdump's stages
	// decide: with the capture point both each echo request comes twice,
	// as it arrived and as it left XDP, with its verdict (XDP_PASS).
	q := testhost.New(t, testhost.Options{})
	warmARP(t, q)
	qping := q.B.Cmd("ping", "-i", "0.05", "-c", "2000", q.A.IP4.String())
	if err := qping.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { qping.Process.Kill(); qping.Wait() }()
	qentry := "xdp:" + q.A.Dev
	qexpr := "icmp and src host " + q.B.IP4.String()
	_, errs, err = runTshark(t, &q.A, env, "-i", qentry, "-o", pref(qentry, "captureat", "both"), "-f", qexpr, "-a", "packets:20", "-w", file)
	if err != nil || strings.Contains(errs, "extcap") {
		t.Fatalf("tshark -o captureat:both: %v\n%s", err, errs)
	}
	waitRestored(t, &q.A, "none", 0)
	verdicts, err := exec.Command("tshark", "-r", file, "-T", "fields", "-e", "frame.verdict.ebpf_xdp", "-e", "icmp.seq").Output()
	if err != nil {
		t.Fatalf("tshark -r: %v", err)
	}
	entries, exits := map[string]bool{}, map[string]bool{}
	for _, l := range strings.Split(strings.Trim(string(verdicts), "\n"), "\n") {
		v, seq, _ := strings.Cut(l, "\t")
		switch v {
		case "":
			entries[seq] = true
		case "2": // XDP_PASS
			exits[seq] = true
		default:
			t.Fatalf("verdict %q at exit", l)
		}
	}
	if len(entries) < 9 || len(exits) < 9 {
		t.Fatalf("--capture-at both through tshark: %d entry copies, %d exit copies:\n%s", len(entries), len(exits), verdicts)
	}

	qping.Process.Kill()
	qping.Wait()

	// A quiet capture that tshark ends by time: xdpdump learns that
	// Wireshark let go without a packet to write, and restores.
	ping.Process.Kill()
	ping.Wait()
	if _, errs, err = runTshark(t, &p.A, env, "-i", entry, "-a", "duration:2", "-w", file); err != nil {
		t.Fatalf("tshark -a duration:2: %v\n%s", err, errs)
	}
	if strings.Contains(errs, "extcap") {
		t.Fatalf("tshark reports an extcap error on a quiet capture:\n%s", errs)
	}
	waitRestored(t, &p.A, before, int(e.id))

	// A bad capture filter: libpcap's message, as tcpdump prints it after
	// "tcpdump: ", through the extcap's stderr into tshark's; nothing is
	// attached.
	const bad = "tcp portt 80"
	tcpd, _ := exec.Command("tcpdump", "-d", bad).CombinedOutput()
	var msg string
	for _, l := range strings.Split(string(tcpd), "\n") {
		if m, ok := strings.CutPrefix(l, "tcpdump: "); ok {
			msg = m
		}
	}
	if msg == "" {
		t.Fatalf("tcpdump -d %q: %q", bad, tcpd)
	}
	_, errs, err = runTshark(t, &p.A, env, "-i", entry, "-f", bad, "-a", "packets:1")
	if err == nil || !strings.Contains(errs, "Error by extcap pipe: xdpdump: "+msg) {
		t.Fatalf("tshark -f %q: %v, want libpcap's %q in:\n%s", bad, err, msg, errs)
	}
	if now := xdpState(t, &p.A); now != before {
		t.Fatalf("a refused filter changed the hook: %s, was %s", now, before)
	}
}

// Wireshark run by a user without privileges still lists the XDP
// interfaces, and a capture says in one line why it cannot start.
func TestExtcapUnprivileged(t *testing.T) {
	testhost.Require(t)
	dir, err := os.MkdirTemp("", "xdpdump-extcap")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chown(fifo, 65534, 65534)
	nobody := func(args ...string) (string, string, error) {
		c := exec.Command("setpriv", append([]string{"--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", binPath}, args...)...)
		var stdout, stderr bytes.Buffer
		c.Stdout, c.Stderr = &stdout, &stderr
		err := c.Run()
		return stdout.String(), stderr.String(), err
	}
	out, errs, err := nobody("--extcap-interfaces", "--extcap-version=4.0")
	if err != nil || !strings.Contains(out, "interface {value=xdp:lo}{display=lo (XDP)}\n") || errs != "" {
		t.Fatalf("--extcap-interfaces as nobody: %v %q %q", err, out, errs)
	}
	got := make(chan []byte, 1)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- b
	}()
	_, errs, err = nobody("--capture", "--extcap-interface", "xdp:lo", "--fifo", fifo)
	if err == nil || errs != "xdpdump: you don't have permission to capture at XDP: loading BPF programs needs root (CAP_BPF, CAP_NET_ADMIN and CAP_PERFMON)\n" {
		t.Fatalf("--capture as nobody: %v %q", err, errs)
	}
	if b := <-got; len(b) != 0 {
		t.Fatalf("the reader got %q", b)
	}
}

// TestExtcapAny: tshark -D lists xdp:any, and a capture on it through the
// real tshark takes the packets of every interface that is up, each under
// its own interface in the file, and leaves every hook as it was.
func TestExtcapAny(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	h := &p.A
	dev2, far2 := peer(t, h, 44)
	env := extcapHome(t)
	list, errs, err := runTshark(t, h, env, "-D")
	if err != nil {
		t.Fatalf("tshark -D: %v\n%s", err, errs)
	}
	if !strings.Contains(list, ". xdp:any (any (XDP, every interface that is up))\n") {
		t.Fatalf("tshark -D lists no xdp:any:\n%s", list)
	}
	warmARP(t, p)
	pings := []*exec.Cmd{
		p.B.Cmd("ping", "-i", "0.05", "-c", "2000", h.IP4.String()),
		far2.Cmd("ping", "-i", "0.05", "-c", "2000", "198.18.44.1"),
	}
	for _, c := range pings {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		defer func(c *exec.Cmd) { c.Process.Kill(); c.Wait() }(c)
	}
	file := filepath.Join(t.TempDir(), "any.pcapng")
	_, errs, err = runTshark(t, h, env, "-i", "xdp:any", "-f", "icmp[icmptype] == icmp-echo", "-a", "packets:30", "-w", file)
	if err != nil || strings.Contains(errs, "extcap") {
		t.Fatalf("tshark -i xdp:any: %v\n%s", err, errs)
	}
	for _, dev := range []string{h.Dev, dev2} {
		waitRestored(t, &testhost.Host{NS: h.NS, Dev: dev}, "none", 0)
	}
	out, err := exec.Command("tshark", "-r", file, "-T", "fields", "-e", "frame.interface_name", "-e", "ip.src").Output()
	if err != nil {
		t.Fatalf("tshark -r: %v", err)
	}
	from := map[string]string{h.Dev: p.B.IP4.String(), dev2: "198.18.44.2"}
	n := map[string]int{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		dev, src, _ := strings.Cut(l, "\t")
		if from[dev] != src {
			t.Fatalf("an echo request from %s under interface %q:\n%s", src, dev, out)
		}
		n[dev]++
	}
	if n[h.Dev] < 5 || n[dev2] < 5 || n[h.Dev]+n[dev2] != 30 {
		t.Fatalf("echo requests in the file by interface: %v, want 30 of both:\n%s", n, out)
	}
}
