package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gopacket/gopacket/pcapgo"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

var binPath string

func TestMain(m *testing.M) {
	binPath = os.Getenv("XDPDUMP_BIN")
	if binPath == "" {
		dir, err := os.MkdirTemp("", "xdpdump-bin")
		if err != nil {
			panic(err)
		}
		binPath = filepath.Join(dir, "xdpdump")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building xdpdump: %v\n%s", err, out)
			os.Exit(1)
		}
		code := m.Run()
		os.RemoveAll(dir)
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// proc is a running xdpdump.
type proc struct {
	cmd    *exec.Cmd
	stderr *syncBuf
	done   chan error
}

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuf) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// start runs xdpdump in h's namespace and waits for its listening line.
func start(t *testing.T, h *testhost.Host, stdout io.Writer, args ...string) *proc {
	t.Helper()
	return startCmd(t, h.Cmd(binPath, args...), stdout, args)
}

// startCmd starts cmd (an xdpdump, or a command that runs one with args)
// and waits for the listening line.
func startCmd(t *testing.T, cmd *exec.Cmd, stdout io.Writer, args []string) *proc {
	t.Helper()
	p := &proc{cmd: cmd, stderr: &syncBuf{}, done: make(chan error, 1)}
	p.cmd.Stderr = p.stderr
	p.cmd.Stdout = stdout
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	deadline := time.After(20 * time.Second)
	for !strings.Contains(p.stderr.String(), "listening on") && !strings.Contains(p.stderr.String(), "bouncing on") && !strings.Contains(p.stderr.String(), "counting flows on") {
		select {
		case err := <-p.done:
			t.Fatalf("xdpdump %v exited before listening: %v\n%s", args, err, p.stderr.String())
		case <-deadline:
			t.Fatalf("xdpdump %v not listening after 20s:\n%s", args, p.stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	return p
}

// stop sends sig (SIGINT if 0) and waits for the exit.
func (p *proc) stop(t *testing.T, sig syscall.Signal) (string, int) {
	t.Helper()
	if sig == 0 {
		sig = syscall.SIGINT
	}
	p.cmd.Process.Signal(sig)
	return p.wait(t)
}

func (p *proc) wait(t *testing.T) (string, int) {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		p.cmd.Process.Kill()
		t.Fatalf("xdpdump did not exit:\n%s", p.stderr.String())
	}
	return p.stderr.String(), p.cmd.ProcessState.ExitCode()
}

// summary reads tcpdump's three exit lines.
func summary(t *testing.T, stderr string) (captured, received, dropped int) {
	t.Helper()
	get := func(what string) int {
		m := regexp.MustCompile(`(?m)^(\d+) packets? ` + what + `$`).FindStringSubmatch(stderr)
		if m == nil {
			t.Fatalf("no %q line in:\n%s", what, stderr)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return get("captured"), get("received by filter"), get("dropped by kernel")
}

// xdpState is what `ip link` says of h's XDP hook.
func xdpState(t *testing.T, h *testhost.Host) string {
	t.Helper()
	out, err := h.Run("ip", "-d", "link", "show", "dev", h.Dev)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "prog/xdp") || strings.Contains(l, "xdp") && strings.Contains(l, "id") {
			return strings.TrimSpace(l)
		}
	}
	return "none"
}

func sendUDP(t *testing.T, p *testhost.Pair, port, n, size int) [][]byte {
	t.Helper()
	return p.SendUDP(port, n, size)
}

func warmARP(t *testing.T, p *testhost.Pair) {
	t.Helper()
	p.Resolve()
}

func TestCaptureToFile(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	file := filepath.Join(t.TempDir(), "out.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", file, "udp", "and", "dst", "port", "5000")
	before := time.Now()
	sent := sendUDP(t, p, 5000, 100, 200)
	sendUDP(t, p, 5001, 20, 200) // not matched
	p.MustRun(&p.B, "ping", "-c", "2", "-i", "0.2", p.A.IP4.String())
	after := time.Now()
	time.Sleep(200 * time.Millisecond)
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	c, r, d := summary(t, stderr)
	if c != 100 || r != 100 || d != 0 {
		t.Fatalf("exit lines say captured %d, received %d, dropped %d; want 100/100/0\n%s", c, r, d, stderr)
	}
	if s := xdpState(t, &p.A); s != "none" {
		t.Fatalf("XDP hook not left as found: %s", s)
	}

	// gopacket reads it, bytes equal what was sent, times in the window.
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ng, err := pcapgo.NewNgReader(f, pcapgo.DefaultNgReaderOptions)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		data, ci, err := ng.ReadPacketData()
		if errors.Is(err, io.EOF) {
			if i != 100 {
				t.Fatalf("file has %d packets, want 100", i)
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data[42:], sent[i]) || ci.Length != 242 || ci.CaptureLength != 242 {
			t.Fatalf("packet %d: %d/%d bytes, payload equal: %v", i, ci.CaptureLength, ci.Length, bytes.Equal(data[42:], sent[i]))
		}
		if ci.Timestamp.Before(before.Add(-time.Millisecond)) || ci.Timestamp.After(after) {
			t.Fatalf("packet %d: timestamp %v outside [%v, %v]", i, ci.Timestamp, before, after)
		}
	}

	// tcpdump reads it without a warning.
	var tout, terr bytes.Buffer
	cmd := exec.Command("tcpdump", "-n", "-r", file)
	cmd.Stdout, cmd.Stderr = &tout, &terr
	if err := cmd.Run(); err != nil {
		t.Fatalf("tcpdump -r: %v\n%s", err, terr.String())
	}
	if n := strings.Count(tout.String(), "\n"); n != 100 {
		t.Fatalf("tcpdump -r printed %d lines, want 100", n)
	}
	if strings.TrimSpace(terr.String()) != "reading from file "+file+", link-type EN10MB (Ethernet), snapshot length 262144" {
		t.Fatalf("tcpdump -r warned: %q", terr.String())
	}

	// tshark sees the per-packet options.
	out, err := exec.Command("tshark", "-r", file, "-T", "fields", "-E", "separator=,",
		"-e", "frame.interface_queue", "-e", "frame.packet_flags_direction", "-e", "frame.packet_id",
		"-e", "frame.interface_name", "-e", "frame.len").Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 100 {
		t.Fatalf("tshark read %d packets", len(lines))
	}
	ids := map[string]bool{}
	for _, l := range lines {
		f := strings.Split(l, ",")
		if len(f) != 5 || f[0] == "" || f[1] != "0x00000001" || f[2] == "" || f[3] != p.A.Dev || f[4] != "242" {
			t.Fatalf("tshark fields %q: want queue, inbound direction, packet id, %s, 242", l, p.A.Dev)
		}
		ids[f[2]] = true
	}
	if len(ids) != 100 {
		t.Fatalf("packet ids are not unique: %d distinct", len(ids))
	}
}

func TestCountLeavesAtN(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	file := filepath.Join(t.TempDir(), "c.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-c", "10", "-w", file, "udp")
	sendUDP(t, p, 6000, 30, 64)
	stderr, code := x.wait(t)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if c, _, _ := summary(t, stderr); c != 10 {
		t.Fatalf("-c 10 captured %d", c)
	}
	out, err := exec.Command("tcpdump", "-n", "-r", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(out), "\n"); n != 10 {
		t.Fatalf("file holds %d packets, want 10", n)
	}
}

func TestNoFilterCountsEveryFrame(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	rx := func() int {
		out := p.MustRun(&p.A, "cat", "/proc/net/dev")
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), p.A.Dev+":") {
				f := strings.Fields(strings.SplitN(l, ":", 2)[1])
				n, _ := strconv.Atoi(f[1])
				return n
			}
		}
		t.Fatal("no counters for " + p.A.Dev)
		return 0
	}
	file := filepath.Join(t.TempDir(), "all.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", file)
	rx0 := rx()
	sendUDP(t, p, 7000, 50, 100)
	p.MustRun(&p.B, "ping", "-c", "3", "-i", "0.2", p.A.IP4.String())
	time.Sleep(100 * time.Millisecond)
	rx1 := rx()
	stderr, _ := x.stop(t, syscall.SIGTERM)
	c, r, d := summary(t, stderr)
	// Every frame that reached the interface between the two readings was
	// captured; frames before rx0 (none expected) may add a few.
	if c < rx1-rx0 || c != r || d != 0 || c < 53 {
		t.Fatalf("captured %d, received %d, dropped %d; interface received %d frames meanwhile", c, r, d, rx1-rx0)
	}
}

func TestStdoutIntoTshark(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	tshark := exec.Command("tshark", "-r", "-", "-T", "fields", "-e", "icmp.seq")
	in, err := tshark.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var tout bytes.Buffer
	tshark.Stdout = &tout
	if err := tshark.Start(); err != nil {
		t.Fatal(err)
	}
	x := start(t, &p.A, in, "-i", p.A.Dev, "-U", "-w", "-", "icmp")
	p.MustRun(&p.B, "ping", "-c", "4", "-i", "0.2", p.A.IP4.String())
	stderr, code := x.stop(t, syscall.SIGHUP)
	in.Close()
	if err := tshark.Wait(); err != nil {
		t.Fatalf("tshark: %v", err)
	}
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Both directions, as tcpdump: each request and its reply.
	if got := strings.Fields(tout.String()); strings.Join(got, " ") != "1 1 2 2 3 3 4 4" {
		t.Fatalf("tshark read seqs %v from the pipe", got)
	}
}

func TestJumboCapturedWhole(t *testing.T) {
	p := testhost.New(t, testhost.Options{MTU: 9000})
	warmARP(t, p)
	file := filepath.Join(t.TempDir(), "j.pcap")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "--format", "pcap", "-w", file, "udp")
	sent := sendUDP(t, p, 9000, 3, 8900)
	time.Sleep(100 * time.Millisecond)
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r := testkit.PcapReader(t, file)
	if r.Resolution().String() != "1ns" && r.Resolution().String() != "1e-09" {
		t.Logf("resolution %v", r.Resolution())
	}
	for i := 0; i < 3; i++ {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
		if ci.Length != 8942 || len(data) != 8942 || !bytes.Equal(data[42:], sent[i]) {
			t.Fatalf("jumbo %d: %d of %d bytes", i, len(data), ci.Length)
		}
	}
}

// Bad input: one line on stderr, non-zero exit, interface/bpffs/file as found.
func TestBadInput(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	dir := t.TempDir()
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"bad expression", []string{"-i", p.A.Dev, "-w", dir + "/a.pcapng", "tcp", "port"}, "xdpdump: can't parse filter expression: syntax error"},
		{"unknown interface", []string{"-i", "nosuchif0", "-w", dir + "/b.pcapng"}, "xdpdump: nosuchif0: No such device exists"},
		{"unwritable path", []string{"-i", p.A.Dev, "-w", dir + "/no/such/dir/c.pcapng"}, "xdpdump: " + dir + "/no/such/dir/c.pcapng: no such file or directory"},
		{"no interface", []string{"-w", dir + "/d.pcapng"}, "xdpdump: no interface given"},
		{"bad flag", []string{"--no-such-flag"}, "xdpdump: unknown flag: --no-such-flag"},
		{"bad format", []string{"-i", p.A.Dev, "--format", "cap", "-w", dir + "/e.pcapng"}, "xdpdump: "},
	}
	for _, c := range cases {
		out, err := p.A.Run(binPath, c.args...)
		if err == nil {
			t.Errorf("%s: exit 0", c.name)
			continue
		}
		first := strings.SplitN(out, "\n", 2)[0]
		if !strings.HasPrefix(first, c.want) {
			t.Errorf("%s: stderr %q, want it to start with %q", c.name, out, c.want)
		}
		if s := xdpState(t, &p.A); s != "none" {
			t.Fatalf("%s: XDP hook changed: %s", c.name, s)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Fatalf("bad input left files behind: %v", ents)
	}
}

func TestFullDisk(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", "/dev/full")
	sendUDP(t, p, 7000, 5, 100)
	stderr, code := x.wait(t)
	if code == 0 || !strings.Contains(stderr, "xdpdump: /dev/full: no space left on device") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if s := xdpState(t, &p.A); s != "none" {
		t.Fatalf("XDP hook changed: %s", s)
	}
}

func TestReaderClosesPipe(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := start(t, &p.A, w, "-i", p.A.Dev, "-U", "-w", "-")
	w.Close()
	r.Close() // the reader goes away
	sendUDP(t, p, 7000, 5, 100)
	stderr, code := x.wait(t)
	if code == 0 || !strings.Contains(stderr, "xdpdump: stdout: the reader closed the pipe") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if s := xdpState(t, &p.A); s != "none" {
		t.Fatalf("XDP hook changed: %s", s)
	}
}

func TestUnprivileged(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	out, err := p.A.Run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", binPath, "-i", p.A.Dev, "-w", "/tmp/xdpdump-unpriv-never.pcapng")
	if err == nil || !strings.HasPrefix(out, "xdpdump: ") || strings.Count(strings.TrimSpace(out), "\n") != 0 || !strings.Contains(out, "permission") {
		t.Fatalf("unprivileged run: err %v, output %q", err, out)
	}
	if _, err := os.Stat("/tmp/xdpdump-unpriv-never.pcapng"); err == nil {
		os.Remove("/tmp/xdpdump-unpriv-never.pcapng")
		t.Fatal("unprivileged run created the output file")
	}
}

func TestSIGUSR1PrintsCounts(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "u.pcapng"), "udp")
	sendUDP(t, p, 7000, 7, 100)
	time.Sleep(300 * time.Millisecond)
	x.cmd.Process.Signal(syscall.SIGUSR1)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(x.stderr.String(), "7 packets received by filter") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	stderr, _ := x.stop(t, 0)
	if strings.Count(stderr, "packets received by filter") != 2 || !strings.Contains(stderr, "7 packets received by filter") {
		t.Fatalf("SIGUSR1 did not print the counts:\n%s", stderr)
	}
}

// -d with -i compiles as tcpdump -i does (the interface's netmask), and
// `ip broadcast` then captures real broadcasts.
func TestIPBroadcastLikeTcpdump(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	for _, flag := range []string{"-d", "-dd", "-ddd"} {
		ours, err := p.A.Run(binPath, "-i", p.A.Dev, flag, "ip broadcast or udp port 53")
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := p.A.Run("tcpdump", "-i", p.A.Dev, flag, "ip broadcast or udp port 53")
		if err != nil {
			t.Fatal(err)
		}
		if ours != theirs {
			t.Fatalf("%s differs from tcpdump:\n%s\ntcpdump:\n%s", flag, ours, theirs)
		}
	}
	warmARP(t, p)
	file := filepath.Join(t.TempDir(), "b.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", file, "ip broadcast")
	// A ignores broadcast echo requests, so ping exits 1: only sending
	// counts. With tcpdump's live netmask (0) only the all-ones broadcast
	// matches, not the subnet's.
	p.B.Run("ping", "-b", "-c", "2", "-i", "0.2", "-W", "1", "-I", p.B.Dev, "255.255.255.255")
	p.B.Run("ping", "-b", "-c", "2", "-i", "0.2", "-W", "1", "198.18.0.255")
	sendUDP(t, p, 5000, 3, 10) // unicast: not matched
	time.Sleep(100 * time.Millisecond)
	stderr, code := x.stop(t, 0)
	if c, _, _ := summary(t, stderr); code != 0 || c != 2 {
		t.Fatalf("ip broadcast captured %d (exit %d), want the 2 broadcast pings\n%s", c, code, stderr)
	}
}

// Several interfaces in one run: one interface block each, each packet on
// the interface it arrived on.
func TestTwoInterfaces(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	// A second link between the same two hosts.
	a2, b2 := p.A.Dev+"m", p.B.Dev+"m"
	p.MustRun(&p.A, "ip", "link", "add", a2, "type", "veth", "peer", "name", b2, "netns", p.B.NS)
	p.MustRun(&p.A, "ip", "addr", "add", "198.19.0.1/24", "dev", a2)
	p.MustRun(&p.B, "ip", "addr", "add", "198.19.0.2/24", "dev", b2)
	p.MustRun(&p.A, "ip", "link", "set", a2, "up")
	p.MustRun(&p.B, "ip", "link", "set", b2, "up")
	warmARP(t, p)
	p.MustRun(&p.B, "ping", "-c", "1", "-W", "2", "198.19.0.1")

	file := filepath.Join(t.TempDir(), "two.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev+","+a2, "-w", file, "icmp")
	p.MustRun(&p.B, "ping", "-c", "3", "-i", "0.2", p.A.IP4.String())
	p.MustRun(&p.B, "ping", "-c", "2", "-i", "0.2", "198.19.0.1")
	time.Sleep(100 * time.Millisecond)
	stderr, code := x.stop(t, 0)
	if code != 0 || strings.Count(stderr, "listening on") != 2 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	out, err := exec.Command("tshark", "-r", file, "-T", "fields", "-e", "frame.interface_name", "-e", "ip.dst").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		got[l]++
	}
	// Both directions, as tcpdump: the requests and the replies.
	if got[p.A.Dev+"\t198.18.0.1"] != 3 || got[a2+"\t198.19.0.1"] != 2 || got[p.A.Dev+"\t198.18.0.2"] != 3 || got[a2+"\t198.19.0.2"] != 2 || len(got) != 4 {
		t.Fatalf("packets per interface: %v", got)
	}
}

func TestFilterFileAndSnaplen(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	dir := t.TempDir()
	ff := filepath.Join(dir, "filter")
	if err := os.WriteFile(ff, []byte("# only the datagrams to 5000\nudp and\n  dst port 5000 # trailing comment\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "s.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-F", ff, "-s", "100", "-w", file)
	sendUDP(t, p, 5000, 4, 500)
	sendUDP(t, p, 5001, 4, 500)
	time.Sleep(100 * time.Millisecond)
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out, err := exec.Command("tshark", "-r", file, "-T", "fields", "-e", "frame.cap_len", "-e", "frame.len", "-e", "udp.dstport").Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 4 {
		t.Fatalf("-F captured %d packets, want 4:\n%s", len(lines), out)
	}
	for _, l := range lines {
		if l != "100\t542\t5000" {
			t.Fatalf("-s 100: %q, want 100 of 542 bytes to port 5000", l)
		}
	}
	// -F and an expression on the command line together are refused.
	if out, err := p.A.Run(binPath, "-i", p.A.Dev, "-F", ff, "udp"); err == nil || !strings.HasPrefix(out, "xdpdump: ") {
		t.Fatalf("-F with an expression: %v %q", err, out)
	}
}

func TestVersionAndDumpEBPF(t *testing.T) {
	out, err := exec.Command(binPath, "--version").Output()
	if err != nil || !strings.HasPrefix(string(out), "xdpdump version ") || !strings.Contains(string(out), "libpcap version 1.") {
		t.Fatalf("--version: %v %q", err, out)
	}
	out, err = exec.Command(binPath, "--dump-ebpf", "tcp port 80").Output()
	if err != nil || !strings.Contains(string(out), "xdpdump_filter_result") || strings.Count(string(out), "\n") < 10 {
		t.Fatalf("--dump-ebpf: %v\n%s", err, out)
	}
	out, err = exec.Command(binPath, "--dump-ebpf").Output()
	if err != nil || !strings.Contains(string(out), "every packet matches") {
		t.Fatalf("--dump-ebpf with no expression: %v %q", err, out)
	}
	out, err = exec.Command(binPath, "--dump-ebpf", "protochain 6").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "protochain") {
		t.Fatalf("--dump-ebpf protochain: %v %q", err, out)
	}
}

func TestInterfaceByNumberAndAny(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	list := p.MustRun(&p.A, binPath, "-D")
	num := ""
	for _, l := range strings.Split(list, "\n") {
		if i := strings.Index(l, "."+p.A.Dev+" "); i > 0 {
			num = l[:i]
		}
	}
	if num == "" {
		t.Fatalf("-D does not list %s:\n%s", p.A.Dev, list)
	}
	warmARP(t, p)
	x := start(t, &p.A, nil, "-i", num, "-w", filepath.Join(t.TempDir(), "n.pcapng"), "icmp")
	if !strings.Contains(x.stderr.String(), "listening on "+p.A.Dev+",") {
		t.Fatalf("-i %s did not pick %s:\n%s", num, p.A.Dev, x.stderr.String())
	}
	x.stop(t, 0)
	// any is in the list too, and its number picks it (TestAnyInterface
	// captures on it).
	if !strings.Contains(list, ".any (Pseudo-device that captures on all interfaces)") {
		t.Fatalf("-D does not list any:\n%s", list)
	}
}
