package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testkit"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// countPackets reads a capture file with tcpdump, which must not warn,
// and returns the number of packets.
func tcpdumpCount(t *testing.T, name string) int {
	t.Helper()
	out, serr, err := runCmd(t, nil, "tcpdump", "-n", "-r", name)
	if err != nil || strings.Contains(serr, "warning") || strings.Contains(serr, "truncated") {
		t.Fatalf("tcpdump -r %s: %v\n%s", name, err, serr)
	}
	return strings.Count(out, "\n")
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// TestRotateSeconds: -G 1 over about 3 s of traffic gives 3 to 5 files,
// named by the second they start in, each complete for tcpdump, whose
// packets add up to what was sent.
func TestRotateSeconds(t *testing.T) {
	needTcpdump(t)
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	dir := t.TempDir()
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-G", "1", "-w", filepath.Join(dir, "g-%H%M%S.pcapng"), "udp", "port", "6100")
	sent := 0
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		sendUDP(t, p, 6100, 10, 100)
		sent += 10
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	names := listDir(t, dir)
	if len(names) < 3 || len(names) > 5 {
		t.Fatalf("%d files: %v", len(names), names)
	}
	total := 0
	re := regexp.MustCompile(`^g-\d{6}\.pcapng$`)
	for i, n := range names {
		if !re.MatchString(n) {
			t.Fatalf("file name %q", n)
		}
		c := tcpdumpCount(t, filepath.Join(dir, n))
		if c == 0 && i > 0 {
			t.Errorf("%s is empty: no empty files without --rotate-empty", n)
		}
		total += c
	}
	if c, _, _ := summary(t, stderr); total != sent || c != sent {
		t.Fatalf("files hold %d packets, %d captured, %d sent", total, c, sent)
	}
}

// TestRotateSizeAndRing: -C with a small size (k suffix) gives files that
// never pass it; with -W they form a ring of exactly W files.
func TestRotateSizeAndRing(t *testing.T) {
	needTcpdump(t)
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	dir, ring := t.TempDir(), t.TempDir()
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-C", "8k", "-w", filepath.Join(dir, "c.pcapng"), "udp", "port", "6200")
	y := start(t, &p.A, nil, "-i", p.A.Dev, "-C", "8k", "-W", "4", "-w", filepath.Join(ring, "r"), "udp", "port", "6200")
	sendUDP(t, p, 6200, 300, 300)
	time.Sleep(300 * time.Millisecond)
	for _, z := range []*proc{x, y} {
		if stderr, code := z.stop(t, 0); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	names := listDir(t, dir)
	total := 0
	for i := range names {
		n := "c.pcapng"
		if i > 0 {
			n += strconv.Itoa(i)
		}
		fi, err := os.Stat(filepath.Join(dir, n))
		if err != nil {
			t.Fatalf("files %v: no %s", names, n)
		}
		if fi.Size() > 8192 {
			t.Errorf("%s: %d bytes > 8192", n, fi.Size())
		}
		total += tcpdumpCount(t, filepath.Join(dir, n))
	}
	if total != 300 || len(names) < 10 {
		t.Fatalf("%d files with %d packets, sent 300", len(names), total)
	}
	if got := strings.Join(listDir(t, ring), " "); got != "r0 r1 r2 r3" {
		t.Fatalf("-W 4 ring: %s", got)
	}
}

// TestRotateFileLimit: -G 1 -W 2 stops by itself after two files, with
// exit status 0, tcpdump's message and the usual counts.
func TestRotateFileLimit(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	dir := t.TempDir()
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-G", "1", "-W", "2", "--rotate-empty", "-w", filepath.Join(dir, "w-%s.pcapng"))
	stderr, code := x.wait(t)
	if code != 0 || !strings.Contains(stderr, "Maximum file limit reached: 2\n") || !regexp.MustCompile(`(?m)^\d+ packets? captured$`).MatchString(stderr) {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	names := listDir(t, dir)
	if len(names) != 2 {
		t.Fatalf("files %v, want 2", names)
	}
	// Consecutive seconds: the second file starts at a full second.
	a, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(names[0], "w-"), ".pcapng"))
	b, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(names[1], "w-"), ".pcapng"))
	if b != a+1 {
		t.Fatalf("files %v are not consecutive seconds", names)
	}
	for _, n := range names {
		tcpdumpCount(t, filepath.Join(dir, n))
	}
}

// procStatus returns the Uid line and CapEff of every thread of pid.
func procStatus(t *testing.T, pid int) (uids, capEffs []string) {
	t.Helper()
	tasks, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/status", pid, task.Name()))
		if err != nil {
			continue
		}
		for _, l := range strings.Split(string(b), "\n") {
			f := strings.Fields(l)
			switch {
			case strings.HasPrefix(l, "Uid:"):
				uids = append(uids, strings.Join(f[1:], " "))
			case strings.HasPrefix(l, "CapEff:"):
				capEffs = append(capEffs, f[1])
			}
		}
	}
	return uids, capEffs
}

// TestDropPrivileges: -Z nobody switches every thread to nobody once the
// program is attached; only one thread keeps
// CAP_NET_ADMIN/CAP_BPF/CAP_PERFMON/CAP_SYS_ADMIN/CAP_DAC_OVERRIDE, for
// the detach (the pins in bpffs); capture, rotation into nobody's own
// directory (0700: root's rights are not needed), and the detach at the
// end still work, and every file, the first one included, is nobody's.
func TestDropPrivileges(t *testing.T) {
	needTcpdump(t)
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	parent, err := os.MkdirTemp("", "xdpdump-z")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(parent) })
	os.Chmod(parent, 0o755)
	dir := filepath.Join(parent, "nobodys")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dir, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-Z", "nobody", "-C", "4k", "-w", filepath.Join(dir, "z.pcapng"), "udp", "port", "6300")
	if !strings.Contains(x.stderr.String(), "dropped privs to nobody") {
		t.Fatalf("stderr:\n%s", x.stderr.String())
	}
	// The process is nsenter's child: find xdpdump itself.
	pid := x.cmd.Process.Pid
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid)); err == nil && strings.TrimSpace(string(b)) != "xdpdump" {
		out, _ := exec.Command("pgrep", "-P", strconv.Itoa(pid), "xdpdump").Output()
		if n, err := strconv.Atoi(strings.TrimSpace(string(out))); err == nil {
			pid = n
		}
	}
	uids, caps := procStatus(t, pid)
	privileged := 0
	for i := range uids {
		if uids[i] != "65534 65534 65534 65534" {
			t.Fatalf("thread %d runs as uid %q", i, uids[i])
		}
		if caps[i] != "0000000000000000" {
			v, _ := strconv.ParseUint(caps[i], 16, 64)
			want := uint64(1)<<12 | 1<<39 | 1<<38 | 1<<21 | 1<<1 // NET_ADMIN, BPF, PERFMON, SYS_ADMIN, DAC_OVERRIDE
			if v != want {
				t.Fatalf("thread %d has capabilities %s", i, caps[i])
			}
			privileged++
		}
	}
	if len(uids) < 2 || privileged != 1 {
		t.Fatalf("%d threads, %d with capabilities; want exactly one", len(uids), privileged)
	}
	sendUDP(t, p, 6300, 100, 200)
	time.Sleep(300 * time.Millisecond)
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if c, _, _ := summary(t, stderr); c != 100 {
		t.Fatalf("captured %d, want 100\n%s", c, stderr)
	}
	if s := xdpState(t, &p.A); s != "none" {
		t.Fatalf("XDP hook not left as found after -Z: %s", s)
	}
	total := 0
	names := listDir(t, dir)
	for _, n := range names {
		fi, _ := os.Stat(filepath.Join(dir, n))
		st := fi.Sys().(*syscall.Stat_t)
		if st.Uid != 65534 {
			t.Errorf("%s owned by %d, want nobody (-Z's user)", n, st.Uid)
		}
		total += tcpdumpCount(t, filepath.Join(dir, n))
	}
	if len(names) < 3 || total != 100 {
		t.Fatalf("%d files with %d packets", len(names), total)
	}
}

// TestVerboseProgressAndFlush: -v with -w prints "Got N" once a second;
// SIGUSR2 pushes buffered packets into the file at once.
func TestVerboseProgressAndFlush(t *testing.T) {
	needTcpdump(t)
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	file := filepath.Join(t.TempDir(), "v.pcapng")
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-v", "-w", file, "udp", "port", "6400")
	sendUDP(t, p, 6400, 5, 100)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(x.stderr.String(), "Got 5\r") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(x.stderr.String(), "Got 5\r") {
		t.Fatalf("no progress line:\n%q", x.stderr.String())
	}
	// The file is flushed on idle anyway; SIGUSR2 must not disturb it and
	// the packets must be readable while xdpdump still runs.
	x.cmd.Process.Signal(syscall.SIGUSR2)
	time.Sleep(300 * time.Millisecond)
	out, _, _ := runCmd(t, nil, "tcpdump", "-n", "-r", file)
	if got := strings.Count(out, "\n"); got != 5 {
		t.Fatalf("while running, the file holds %d packets, want 5", got)
	}
	stderr, code := x.stop(t, 0)
	if code != 0 || strings.Count(stderr, "Got 5\r") != 1 {
		t.Fatalf("exit %d; 'Got 5' must be printed once (only changes are):\n%q", code, stderr)
	}
}

// TestDropPrivilegesChained: after -Z, putting a netlink-attached program
// back on the hook (CAP_NET_ADMIN, link lookups) still works through the
// thread that kept the capabilities.
func TestDropPrivilegesChained(t *testing.T) {
	for _, mode := range []string{"xdpdrv", "link"} {
		t.Run(mode, func(t *testing.T) {
			p := testhost.New(t, testhost.Options{})
			warmARP(t, p)
			e := attachExisting(t, p, mode)
			id0, mode0 := hookOf(t, &p.A)
			file := filepath.Join(testkit.SharedDir(t), "z.pcapng") // -Z's user creates it
			x := start(t, &p.A, nil, "-i", p.A.Dev, "-Z", "nobody", "-w", file, "udp", "port", "6500")
			if !strings.Contains(x.stderr.String(), fmt.Sprintf("in front of prog %d", e.id)) {
				t.Fatalf("not chained:\n%s", x.stderr.String())
			}
			sendUDP(t, p, 6500, 20, 100)
			time.Sleep(200 * time.Millisecond)
			stderr, code := x.stop(t, 0)
			if code != 0 || !strings.Contains(stderr, "dropped privs to nobody") {
				t.Fatalf("exit %d:\n%s", code, stderr)
			}
			if id, m := hookOf(t, &p.A); id != id0 || m != mode0 {
				t.Fatalf("hook holds %d (%s), was %d (%s)", id, m, id0, mode0)
			}
			if left := pinsOf(t, &p.A); len(left) > 0 {
				t.Fatalf("pins left behind: %v", left)
			}
			if n := tcpdumpCount(t, file); n != 20 {
				t.Fatalf("captured %d of 20", n)
			}
		})
	}
}
