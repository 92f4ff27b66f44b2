package outfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testkit"

	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/privs"
	"github.com/xdpdump/xdpdump/internal/testkit/users"
)

// world is a directory like /tmp: root's, world-writable, sticky.
func world(t *testing.T) string {
	t.Helper()
	testkit.NeedRoot(t, "needs root: the files are root's, the attacker another user")
	return testkit.SharedDir(t)
}

func nobody(t *testing.T) privs.Identity {
	t.Helper()
	id, err := privs.FileIdentity("nobody")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func refused(t *testing.T, err error, want string) {
	t.Helper()
	var oe *Error
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("got %v, want a one-line refusal containing %q", err, want)
	}
}

// TestSymlinkAtName: another user's link at the name, dangling or to
// root's file, is never followed, as root or as -Z's user.
func TestSymlinkAtName(t *testing.T) {
	dir := world(t)
	evil := users.New(t)
	vic, data := testkit.Victim(t)
	for _, id := range []privs.Identity{{}, nobody(t)} {
		name := filepath.Join(dir, "cap.pcapng")
		evil.Run(t, "ln", "-sfn", vic, name)
		_, err := Open(name, Options{Identity: id, Truncate: true})
		refused(t, err, "is a symbolic link")
		testkit.Intact(t, vic, data)

		// A dangling link must not create its target either.
		target := filepath.Join(t.TempDir(), "created-through-a-link")
		evil.Run(t, "ln", "-sfn", target, name)
		_, err = Open(name, Options{Identity: id})
		refused(t, err, "is a symbolic link")
		if _, err := os.Lstat(target); err == nil {
			t.Fatal("the dangling link's target was created")
		}
		os.Remove(name)
	}
}

// TestOtherUsersFile: a file another user left in a shared directory is
// not written into (it would read the capture); root's own file is, and
// is truncated only when asked.
func TestOtherUsersFile(t *testing.T) {
	dir := world(t)
	evil := users.New(t)
	name := filepath.Join(dir, "cap.pcapng")
	evil.Run(t, "sh", "-c", "echo planted > "+name+" && chmod 666 "+name)
	_, err := Open(name, Options{})
	refused(t, err, "belongs to user "+evil.Name)
	if b, _ := os.ReadFile(name); string(b) != "planted\n" {
		t.Fatalf("planted file changed: %q", b)
	}
	os.Remove(name)

	if err := os.WriteFile(name, []byte("old capture"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(name, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Created || !f.Regular {
		t.Fatalf("existing file: created %v regular %v", f.Created, f.Regular)
	}
	f.Close()
	if b, _ := os.ReadFile(name); string(b) != "old capture" {
		t.Fatalf("opened without Truncate, the file became %q", b)
	}
	f, err = Open(name, Options{Truncate: true})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if fi, _ := os.Stat(name); fi.Size() != 0 {
		t.Fatalf("Truncate left %d bytes", fi.Size())
	}
}

// TestHardLink: a second name of root's file (planted where hard links
// to others' files are allowed) is refused.
func TestHardLink(t *testing.T) {
	dir := world(t)
	vic := filepath.Join(dir, "secret")
	data := []byte("root's secret, not a capture\n")
	if err := os.WriteFile(vic, data, 0o600); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "cap.pcapng")
	if err := os.Link(vic, name); err != nil {
		t.Fatal(err)
	}
	_, err := Open(name, Options{Truncate: true})
	refused(t, err, "has 2 hard links")
	testkit.Intact(t, vic, data)
}

// TestSymlinkedDirectory: a directory link of another user on the way is
// refused; root's links (like /var/run -> /run) are followed.
func TestSymlinkedDirectory(t *testing.T) {
	dir := world(t)
	evil := users.New(t)
	vic, data := testkit.Victim(t)
	evil.Run(t, "ln", "-s", filepath.Dir(vic), filepath.Join(dir, "d"))
	_, err := Open(filepath.Join(dir, "d", "secret"), Options{Truncate: true})
	refused(t, err, "goes through a symbolic link (d) that belongs to user "+evil.Name)
	testkit.Intact(t, vic, data)

	real := t.TempDir()
	if err := os.Symlink(real, filepath.Join(dir, "rootlink")); err != nil {
		t.Fatal(err)
	}
	f, err := Open(filepath.Join(dir, "rootlink", "x.pcapng"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := os.Stat(filepath.Join(real, "x.pcapng")); err != nil {
		t.Fatalf("root's link not followed: %v", err)
	}
}

// TestAsUser: as -Z's user, a new file is the user's, and a directory
// only root may write is refused (no capability helps the thread).
func TestAsUser(t *testing.T) {
	dir := world(t)
	id := nobody(t)
	name := filepath.Join(dir, "z.pcapng")
	f, err := Open(name, Options{Identity: id})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	fi, _ := os.Stat(name)
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 65534 || st.Gid != 65534 {
		t.Fatalf("created as uid %d gid %d, want nobody's", st.Uid, st.Gid)
	}
	// The thread's identity must not leak to the caller's.
	if got, _ := unix.SetfsuidRetUid(-1); got != 0 {
		t.Fatalf("the caller's thread now has fsuid %d", got)
	}

	locked := t.TempDir() // 0700, root's
	_, err = Open(filepath.Join(locked, "z.pcapng"), Options{Identity: id})
	refused(t, err, "permission denied (files are opened as nobody, -Z's user)")
	if ents, _ := os.ReadDir(locked); len(ents) != 0 {
		t.Fatalf("created %v in root's directory", ents)
	}
	// Root's existing file in a shared directory: the user's rights
	// decide, and they do not allow writing.
	rootFile := filepath.Join(dir, "root.pcapng")
	if err := os.WriteFile(rootFile, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Open(rootFile, Options{Identity: id, Truncate: true})
	refused(t, err, "permission denied")
}

// TestFIFOAndDevices: a FIFO is written to once its reader comes, as
// tcpdump does; /dev/null is fine; a directory or a socket is not.
func TestFIFOAndDevices(t *testing.T) {
	dir := world(t)
	fifo := filepath.Join(dir, "fifo")
	if err := unix.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte, 1)
	go func() {
		time.Sleep(100 * time.Millisecond) // the writer waits for its reader
		b, _ := os.ReadFile(fifo)
		got <- b
	}()
	f, err := Open(fifo, Options{Truncate: true})
	if err != nil {
		t.Fatal(err)
	}
	if f.Regular || f.Created {
		t.Fatalf("fifo: regular %v created %v", f.Regular, f.Created)
	}
	f.Write([]byte("through the fifo"))
	f.Close()
	if b := <-got; string(b) != "through the fifo" {
		t.Fatalf("reader got %q", b)
	}

	before, _ := os.Stat("/dev/null")
	f, err = Open("/dev/null", Options{Identity: nobody(t)})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if fi, _ := os.Stat("/dev/null"); fi.Sys().(*syscall.Stat_t).Uid != before.Sys().(*syscall.Stat_t).Uid || fi.Mode() != before.Mode() {
		t.Fatal("/dev/null changed owner or mode")
	}

	_, err = Open(t.TempDir(), Options{})
	refused(t, err, "is a directory")
	sock := filepath.Join(dir, "sock")
	fd, _ := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	defer unix.Close(fd)
	if err := unix.Bind(fd, &unix.SockaddrUnix{Name: sock}); err != nil {
		t.Fatal(err)
	}
	_, err = Open(sock, Options{})
	refused(t, err, "is neither a regular file")
}

// TestRemove removes only the file it created, not what replaced it.
func TestRemove(t *testing.T) {
	dir := world(t)
	name := filepath.Join(dir, "r.pcapng")
	f, err := Open(name, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Remove(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := os.Lstat(name); err == nil {
		t.Fatal("not removed")
	}

	f, err = Open(name, Options{})
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(name)
	if err := os.WriteFile(name, []byte("someone else's"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.Remove()
	f.Close()
	if b, _ := os.ReadFile(name); string(b) != "someone else's" {
		t.Fatalf("Remove removed a file it did not create: %q", b)
	}
}
