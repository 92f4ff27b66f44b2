package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testkit"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit/users"
)

// untouched checks that A's hook and the bpffs are as they were.
func untouched(t *testing.T, p *testhost.Pair) {
	t.Helper()
	if s := xdpState(t, &p.A); s != "none" {
		t.Fatalf("XDP hook changed: %s", s)
	}
	if left := pinsOf(t, &p.A); len(left) > 0 {
		t.Fatalf("pins left: %v", left)
	}
}

// soleLine returns the only line of stderr, failing if there are more.
func soleLine(t *testing.T, stderr string) string {
	t.Helper()
	s := strings.TrimSuffix(stderr, "\n")
	if s == "" || strings.Contains(s, "\n") {
		t.Fatalf("want one line on stderr, got:\n%s", stderr)
	}
	return s
}

// TestSymlinkHijack: an unprivileged user plants a link to root's 0600
// file at the -w name, or at the name of the next rotated file (-C 2k),
// in a shared directory; with and without -Z, xdpdump refuses with one
// line and exit 1, and the victim stays byte for byte (and owner and
// mode) as it was.
func TestSymlinkHijack(t *testing.T) {
	needTcpdump(t)
	evil := users.New(t)
	for _, z := range [][]string{nil, {"-Z", "nobody"}} {
		t.Run(fmt.Sprintf("w%v", z), func(t *testing.T) {
			p := testhost.New(t, testhost.Options{})
			dir := testkit.SharedDir(t)
			vic, data := testkit.Victim(t)
			name := filepath.Join(dir, "cap.pcapng")
			evil.Run(t, "ln", "-s", vic, name)
			_, out, err := nsRun(&p.A, binPath, append(z, "-i", p.A.Dev, "-w", name)...)
			var ee *exec.ExitError
			if err == nil || !errors.As(err, &ee) || ee.ExitCode() != 1 {
				t.Fatalf("exit %v:\n%s", err, out)
			}
			l := soleLine(t, out)
			if l != "xdpdump: "+name+": is a symbolic link: refusing to write through it (give the target's own name, or -w - for the standard output)" {
				t.Fatalf("stderr %q", l)
			}
			testkit.Intact(t, vic, data)
			untouched(t, p)
		})
		t.Run(fmt.Sprintf("C%v", z), func(t *testing.T) {
			p := testhost.New(t, testhost.Options{})
			warmARP(t, p)
			dir := testkit.SharedDir(t)
			vic, data := testkit.Victim(t)
			name := filepath.Join(dir, "cap.pcapng")
			evil.Run(t, "ln", "-s", vic, name+"1")
			x := start(t, &p.A, nil, append(z, "-i", p.A.Dev, "-C", "2k", "-w", name, "udp", "port", "6610")...)
			for i := 0; i < 10 && x.cmd.ProcessState == nil; i++ {
				sendUDP(t, p, 6610, 5, 200)
				time.Sleep(50 * time.Millisecond)
			}
			stderr, code := x.wait(t)
			if code != 1 {
				t.Fatalf("exit %d:\n%s", code, stderr)
			}
			want := "xdpdump: " + name + "1: is a symbolic link: refusing to write through it"
			if strings.Count(stderr, want) != 1 || !strings.HasSuffix(strings.TrimSpace(stderr), "for the standard output)") {
				t.Fatalf("want the last line to be %q...:\n%s", want, stderr)
			}
			testkit.Intact(t, vic, data)
			untouched(t, p)
			// The file before the link is whole, and the summary counts
			// exactly its packets.
			if c, _, _ := summary(t, stderr); c != tcpdumpCount(t, name) || c == 0 {
				t.Fatalf("captured %d, the file holds %d", c, tcpdumpCount(t, name))
			}
		})
	}
}

// TestZFilesAreTheUsers: with -Z, the -w file and every rotated file are
// created as -Z's user (tcpdump users find them theirs); a directory the
// user may not write is refused before anything is attached, with one
// line, as the user's own tcpdump would be refused.
func TestZFilesAreTheUsers(t *testing.T) {
	needTcpdump(t)
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	locked := t.TempDir() // root's, 0700
	_, out, err := nsRun(&p.A, binPath, "-i", p.A.Dev, "-Z", "nobody", "-w", filepath.Join(locked, "z.pcapng"))
	if err == nil {
		t.Fatalf("exit 0:\n%s", out)
	}
	if l := soleLine(t, out); l != "xdpdump: "+filepath.Join(locked, "z.pcapng")+": permission denied (files are opened as nobody, -Z's user)" {
		t.Fatalf("stderr %q", l)
	}
	if ents, _ := os.ReadDir(locked); len(ents) != 0 {
		t.Fatalf("files in root's directory: %v", ents)
	}
	untouched(t, p)

	dir := testkit.SharedDir(t)
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-Z", "nobody", "-C", "4k", "-w", filepath.Join(dir, "z.pcapng"), "udp", "port", "6620")
	sendUDP(t, p, 6620, 60, 200)
	time.Sleep(300 * time.Millisecond)
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	names := listDir(t, dir)
	total := 0
	for _, n := range names {
		fi, _ := os.Stat(filepath.Join(dir, n))
		if st := fi.Sys().(*syscall.Stat_t); st.Uid != 65534 || st.Gid != 65534 {
			t.Errorf("%s belongs to uid %d gid %d, want nobody's", n, st.Uid, st.Gid)
		}
		total += tcpdumpCount(t, filepath.Join(dir, n))
	}
	if c, _, _ := summary(t, stderr); len(names) < 3 || total != 60 || c != 60 {
		t.Fatalf("%d files, %d packets, %d captured", len(names), total, c)
	}
	untouched(t, p)
}

// TestValuesAsTcpdump runs the real tcpdump and xdpdump with the same
// value of -s, -c, -B, and -i of a device that is down: both accept or
// both refuse, and xdpdump's refusal is tcpdump's own line. Both are run
// with -d, which compiles and prints the filter without capturing, so the
// accepted ones print the same program (a -s of 010 is octal, 8).
func TestValuesAsTcpdump(t *testing.T) {
	needTcpdump(t)
	p := testhost.New(t, testhost.Options{})
	p.MustRun(&p.A, "ip", "link", "add", "dn"+p.A.Dev[2:], "type", "veth", "peer", "name", "dp"+p.A.Dev[2:])
	down := "dn" + p.A.Dev[2:]
	cases := [][]string{
		{"-s", "-5"}, {"-s", "999999999"}, {"-s", "262145"}, {"-s", "262144"}, {"-s", "0"},
		{"-s", "010"}, {"-s", "0x10"}, {"-s", "x"}, {"-s", "5x"}, {"-s", " 7"},
		{"-c", "0"}, {"-c", "-1"}, {"-c", "x"}, {"-c", "1x"}, {"-c", "3"}, {"-c", "4294967297"}, {"-c", "99999999999999999999"},
		{"-B", "0"}, {"-B", "-1"}, {"-B", "x"}, {"-B", "1"}, {"-B", "4"}, {"-B", "1048576"},
		{"-B", "2097151"}, {"-B", "2097152"}, {"-B", "4194305"},
		{"-i", down}, {"-i", p.A.Dev},
	}
	for _, c := range cases {
		args := append(append([]string{}, c...), "-d", "udp")
		tOut, tErr, tRun := nsRun(&p.A, "tcpdump", args...)
		xOut, xErr, xRun := nsRun(&p.A, binPath, args...)
		tcpdumpAccepts, xdpdumpAccepts := tRun == nil, xRun == nil
		if tcpdumpAccepts != xdpdumpAccepts {
			t.Errorf("%v: tcpdump accepts %v (%q), xdpdump %v (%q)", c, tcpdumpAccepts, tErr, xdpdumpAccepts, xErr)
			continue
		}
		if tcpdumpAccepts {
			if tOut != xOut {
				t.Errorf("%v: tcpdump prints\n%s\nxdpdump\n%s", c, tOut, xOut)
			}
			continue
		}
		want := strings.Replace(strings.TrimSpace(tErr), "tcpdump: ", "xdpdump: ", 1)
		if got := soleLine(t, xErr); got != want {
			t.Errorf("%v: xdpdump says %q, tcpdump %q", c, got, want)
		}
	}
	// A live capture on the down device is refused the same way, and
	// touches nothing.
	file := filepath.Join(t.TempDir(), "down.pcapng")
	_, xErr, err := nsRun(&p.A, binPath, "-i", down, "-w", file)
	if err == nil || soleLine(t, xErr) != "xdpdump: "+down+": That device is not up" {
		t.Fatalf("live capture on a down device: %v %q", err, xErr)
	}
	if _, err := os.Stat(file); err == nil {
		t.Fatal("the output file was created")
	}
}

// nsRun runs a command in h's namespace; one that is still running after
// 30 s (a capture that should have been refused) is killed and fails.
func nsRun(h *testhost.Host, name string, args ...string) (string, string, error) {
	c := h.Cmd(name, args...)
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	if err := c.Start(); err != nil {
		return "", "", err
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case err := <-done:
		return out.String(), errb.String(), err
	case <-time.After(30 * time.Second):
		c.Process.Signal(syscall.SIGINT)
		<-done
		return out.String(), errb.String() + "(still running after 30 s: interrupted)\n", errors.New("still running after 30 s")
	}
}

// TestBufferSizes: -B at 4 KiB (one page), 64 KiB and 1 GiB captures:
// every packet sent reaches the file.
func TestBufferSizes(t *testing.T) {
	needTcpdump(t)
	for _, kib := range []string{"4", "64", "1048576"} {
		t.Run(kib, func(t *testing.T) {
			p := testhost.New(t, testhost.Options{})
			warmARP(t, p)
			file := filepath.Join(t.TempDir(), "b.pcapng")
			x := start(t, &p.A, nil, "-i", p.A.Dev, "-B", kib, "-w", file, "udp", "port", "6630")
			for i := 0; i < 10; i++ {
				sendUDP(t, p, 6630, 3, 300)
				time.Sleep(20 * time.Millisecond)
			}
			time.Sleep(300 * time.Millisecond)
			stderr, code := x.stop(t, 0)
			if code != 0 {
				t.Fatalf("exit %d:\n%s", code, stderr)
			}
			c, _, d := summary(t, stderr)
			if n := tcpdumpCount(t, file); n != 30 || c != 30 || d != 0 {
				t.Fatalf("-B %s: file %d, captured %d, dropped %d of 30\n%s", kib, n, c, d, stderr)
			}
		})
	}
}

// bigFilter is an expression whose eBPF is about 40,800 instructions:
// a sum of 2,400 packet bytes. (A long `host A or host B ...` is as large
// but takes libpcap's optimizer minutes; this takes it a moment.)
func bigFilter() string {
	var terms []string
	for i := 0; i < 2400; i++ {
		terms = append(terms, fmt.Sprintf("ether[%d]", i%1500))
	}
	return strings.Join(terms, "+") + " = 1"
}

// TestFilterTooLarge: a filter too large for XDP is refused in one line
// that names its size and the limit; the interface, the bpffs and the
// output file (an existing one, or none) are as they were.
func TestFilterTooLarge(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	dir := t.TempDir()
	old := filepath.Join(dir, "old.pcapng")
	keep := []byte("an earlier capture that must survive")
	if err := os.WriteFile(old, keep, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{old, filepath.Join(dir, "new.pcapng")} {
		for _, q := range []string{"in", "inout"} {
			_, stderr, err := nsRun(&p.A, binPath, "-i", p.A.Dev, "-Q", q, "-w", out, bigFilter())
			if err == nil {
				t.Fatal("exit 0")
			}
			l := soleLine(t, stderr)
			if !regexp.MustCompile(`^xdpdump: the filter is too large for XDP: it compiles to \d{5} eBPF instructions \(from \d+ classic BPF instructions\), and a filter can have at most 32768 \(the reach of an eBPF jump\)$`).MatchString(l) {
				t.Fatalf("stderr %q", l)
			}
			untouched(t, p)
		}
	}
	if b, _ := os.ReadFile(old); !bytes.Equal(b, keep) {
		t.Fatalf("the existing file became %q", b)
	}
	if names := listDir(t, dir); len(names) != 1 {
		t.Fatalf("files: %v", names)
	}
	// --dump-ebpf refuses it too; -d prints libpcap's program, as tcpdump.
	if _, stderr, err := nsRun(&p.A, binPath, "--dump-ebpf", bigFilter()); err == nil || !strings.Contains(soleLine(t, stderr), "too large for XDP") {
		t.Fatalf("--dump-ebpf: %v %q", err, stderr)
	}
}

// TestDiskFull: a capture on a small tmpfs until it is full. The exit
// line's count is what tcpdump reads back from the files, which end at a
// whole block (tcpdump reads them without a word of warning).
func TestDiskFull(t *testing.T) {
	needTcpdump(t)
	for _, extra := range [][]string{nil, {"--format", "pcap"}, {"-C", "100k"}} {
		t.Run(fmt.Sprint(extra), func(t *testing.T) {
			p := testhost.New(t, testhost.Options{})
			warmARP(t, p)
			mnt := t.TempDir()
			if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k,mode=0755", "tmpfs", mnt).CombinedOutput(); err != nil {
				t.Skipf("mount tmpfs: %v: %s", err, out)
			}
			t.Cleanup(func() {
				if exec.Command("umount", mnt).Run() != nil {
					exec.Command("umount", "-l", mnt).Run()
				}
			})
			name := filepath.Join(mnt, "full.pcapng")
			x := start(t, &p.A, nil, append(extra, "-i", p.A.Dev, "-w", name, "udp", "port", "6640")...)
			for i := 0; i < 200; i++ {
				select {
				case <-time.After(10 * time.Millisecond):
				case err := <-x.done:
					x.done <- err
					i = 200
					continue
				}
				sendUDP(t, p, 6640, 20, 1000)
			}
			stderr, code := x.wait(t)
			if code != 1 || !strings.Contains(stderr, "no space left on device") {
				t.Fatalf("exit %d:\n%s", code, stderr)
			}
			c, _, _ := summary(t, stderr)
			total := 0
			for _, n := range listDir(t, mnt) {
				total += tcpdumpCount(t, filepath.Join(mnt, n))
			}
			if c != total || c == 0 {
				t.Fatalf("captured %d, the files hold %d\n%s", c, total, stderr)
			}
			untouched(t, p)
		})
	}
}

// TestUnprivilegedMessages: what an unprivileged user gets from -D, the
// chain command and --recover while xdpdump captures: -D lists the
// interfaces as tcpdump -D does and says a program is attached; the
// others refuse in one line that says what they need, with no library's
// words (no "get next link ID").
func TestUnprivilegedMessages(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "u.pcapng"))
	asNobody := func(args ...string) (string, string, error) {
		return nsRun(&p.A, "setpriv", append([]string{"--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", binPath}, args...)...)
	}
	out, stderr, err := asNobody("-D")
	if err != nil || stderr != "" || !strings.Contains(out, "."+p.A.Dev+" [Up, Running] an XDP program is attached (only root can read which one)") {
		t.Fatalf("-D: %v\nstdout:\n%s\nstderr:\n%s", err, out, stderr)
	}
	for _, args := range [][]string{{"chain", "-i", p.A.Dev}, {"--recover", "-i", p.A.Dev}} {
		_, stderr, err := asNobody(args...)
		l := soleLine(t, stderr)
		if err == nil || !strings.Contains(l, "you don't have permission") || !strings.Contains(l, "needs root") {
			t.Errorf("%v: %v %q", args, err, l)
		}
	}
	if stderr, code := x.stop(t, 0); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
}

// TestPinDirectoryOthersMade: bpffs is sticky and world-writable on many
// machines (this one too). An unprivileged user who makes
// /sys/fs/bpf/xdpdump before root does could later rename what root
// pins there; xdpdump refuses to use it with one line, and leaves the
// hook and the output file as they were. A user's flock on the bpffs root
// (anyone can take one) never makes xdpdump wait. Each case runs in a
// mount namespace of its own with a fresh sticky bpffs at /sys/fs/bpf, so
// the machine's is never touched.
func TestPinDirectoryOthersMade(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	nobody := "setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all"
	const ownBPFFS = "mount -t bpf -o mode=1777 bpf /sys/fs/bpf || exit 99\n"
	const runAndLeave = "\n\"$0\" \"$@\"; rc=$?\nkill $(pgrep -P $held) $held 2>/dev/null\nexit $rc"

	out := filepath.Join(t.TempDir(), "o.pcapng")
	// exec: nsRun's SIGINT, if xdpdump ever ran on, reaches it.
	_, stderr, err := nsRun(&p.A, "unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
		ownBPFFS+nobody+" mkdir /sys/fs/bpf/xdpdump || exit 98\nexec \"$0\" \"$@\"", binPath, "-i", p.A.Dev, "-w", out)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("with nobody's /sys/fs/bpf/xdpdump: %v\n%s", err, stderr)
	}
	if l := soleLine(t, stderr); !strings.HasPrefix(l, "xdpdump: "+p.A.Dev+": ") || !strings.HasSuffix(l, ": /sys/fs/bpf/xdpdump belongs to uid 65534, not to root: another user may have made it to tamper with xdpdump's state; remove it and start again") {
		t.Fatalf("said %q", l)
	}
	if s := xdpState(t, &p.A); s != "none" {
		t.Fatalf("XDP hook changed: %s", s)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("%s exists: %v", out, err)
	}

	// nobody holds a flock on the bpffs root meanwhile (flock(1) has it
	// once it runs sleep); xdpdump starts, captures 5 packets and leaves.
	args := []string{"-i", p.A.Dev, "-c", "5", "-w", out, "udp", "port", "6631"}
	cmd := p.A.Cmd("unshare", append([]string{"--mount", "--propagation", "private", "--", "sh", "-c", ownBPFFS + nobody + ` flock /sys/fs/bpf sleep 60 </dev/null >/dev/null 2>&1 & held=$!
while ! pgrep -P $held sleep >/dev/null; do sleep 0.05; done
` + runAndLeave, binPath}, args...)...)
	// Whatever happens, nothing of it outlives the test.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	t.Cleanup(func() {
		if cmd.Process != nil {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	})
	x := startCmd(t, cmd, nil, args)
	sendUDP(t, p, 6631, 5, 64)
	if stderr, code := x.wait(t); code != 0 {
		t.Fatalf("with nobody's flock on /sys/fs/bpf: exit %d\n%s", code, stderr)
	}
	if n := countPackets(t, out, "udp port 6631"); n != 5 {
		t.Fatalf("%d packets in the file, want 5", n)
	}
	if s := xdpState(t, &p.A); s != "none" {
		t.Fatalf("XDP hook left: %s", s)
	}
}
