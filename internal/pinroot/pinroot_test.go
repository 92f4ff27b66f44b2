package pinroot_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/pinroot"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

// sharedBPFFS mounts a bpffs of its own, world-writable and sticky as
// /sys/fs/bpf is on many machines (this one included).
func sharedBPFFS(t *testing.T) string {
	t.Helper()
	testkit.NeedRoot(t, "needs root")
	d := t.TempDir()
	if err := os.Chmod(filepath.Dir(d), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mount("bpf", d, "bpf", 0, "mode=1777"); err != nil {
		t.Fatalf("mounting a bpffs: %v", err)
	}
	t.Cleanup(func() { _ = unix.Unmount(d, unix.MNT_DETACH) })
	return d
}

// asNobody runs a command as an unprivileged user.
func asNobody(name string, args ...string) *exec.Cmd {
	return exec.Command("setpriv", append([]string{"--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", name}, args...)...)
}

// The directory is made root's and 0700, and what another user made
// first (a directory of theirs, a link; bpffs holds no plain files) or a
// world-writable directory is
// refused with one line that says what to do: never used.
func TestRefusesWhatOthersMade(t *testing.T) {
	bpffs := sharedBPFFS(t)
	d := pinroot.Dir(bpffs)
	if err := pinroot.Ensure(bpffs); err != nil {
		t.Fatal(err)
	}
	var st unix.Stat_t
	if err := unix.Lstat(d, &st); err != nil || st.Uid != 0 || st.Mode&0o7777 != 0o700 {
		t.Fatalf("made %s: uid %d mode %o, %v", d, st.Uid, st.Mode&0o7777, err)
	}
	// Another user cannot even look inside.
	if out, err := asNobody("ls", d).CombinedOutput(); err == nil {
		t.Fatalf("nobody listed %s: %s", d, out)
	}
	if err := os.Remove(d); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name  string
		plant []string // run as nobody
		want  string
	}{
		{"their directory", []string{"mkdir", d}, "belongs to uid 65534"},
		{"their link", []string{"ln", "-s", "/tmp", d}, "is not a directory"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if out, err := asNobody(c.plant[0], c.plant[1:]...).CombinedOutput(); err != nil {
				t.Fatalf("planting as nobody: %v: %s", err, out)
			}
			defer os.RemoveAll(d)
			for _, f := range []func() error{
				func() error { return pinroot.Ensure(bpffs) },
				func() error {
					unlock, err := pinroot.Lock(bpffs)
					if err == nil {
						unlock()
					}
					return err
				},
			} {
				err := f()
				if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("got %v, want one line with %q", err, c.want)
				}
			}
			if c.plant[0] == "mkdir" {
				if ents, _ := os.ReadDir(d); len(ents) != 0 {
					t.Fatalf("something was made in nobody's %s: %v", d, ents)
				}
			}
		})
	}
	t.Run("writable by others", func(t *testing.T) {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(d)
		if err := os.Chmod(d, 0o777); err != nil {
			t.Fatal(err)
		}
		if err := pinroot.Ensure(bpffs); err == nil || !strings.Contains(err.Error(), "may be written by others") {
			t.Fatalf("got %v", err)
		}
	})
}

// Anyone may open a sticky world-writable bpffs root and hold a flock on
// it for as long as they like; the lock is on our own directory, which
// nobody else can open, so xdpdump never waits for them.
func TestAnotherUsersFlockDoesNotBlock(t *testing.T) {
	bpffs := sharedBPFFS(t)
	holder := asNobody("flock", bpffs, "sleep", "60")
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = holder.Process.Kill(); _ = holder.Wait() }()
	// The holder has the lock once flock(1) has run sleep under it.
	for i := 0; ; i++ {
		out, _ := exec.Command("pgrep", "-P", strconv.Itoa(holder.Process.Pid), "sleep").Output()
		if len(out) > 0 {
			break
		}
		if i == 100 {
			t.Fatal("flock(1) never held the bpffs root")
		}
		time.Sleep(20 * time.Millisecond)
	}
	got := make(chan error, 1)
	go func() {
		unlock, err := pinroot.Lock(bpffs)
		if err == nil {
			unlock()
		}
		got <- err
	}()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Lock waited for another user's flock of the bpffs root")
	}
	// And nobody cannot take ours.
	if out, err := asNobody("flock", "-n", pinroot.Dir(bpffs), "true").CombinedOutput(); err == nil {
		t.Fatalf("nobody locked %s: %s", pinroot.Dir(bpffs), out)
	}
}

// The lock serialises: a second process waits while one holds it.
func TestLockExcludesAnotherProcess(t *testing.T) {
	bpffs := sharedBPFFS(t)
	unlock, err := pinroot.Lock(bpffs)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("flock", "-n", pinroot.Dir(bpffs), "true").CombinedOutput()
	unlock()
	if ee, ok := err.(*exec.ExitError); !ok || ee.Sys().(syscall.WaitStatus).ExitStatus() != 1 {
		t.Fatalf("flock -n while we held the lock: %v: %s", err, out)
	}
	if out, err := exec.Command("flock", "-n", pinroot.Dir(bpffs), "true").CombinedOutput(); err != nil {
		t.Fatalf("flock -n after unlock: %v: %s", err, out)
	}
}
