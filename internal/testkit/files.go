package testkit

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// NeedRoot skips the test unless it runs as root, saying why it needs to.
func NeedRoot(t testing.TB, why string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip(why)
	}
}

// SharedDir is a directory like /tmp: root's, world-writable, sticky, in
// which another user can plant links; removed when t ends.
func SharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "xdpdump-shared")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o1777); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Victim is a root-owned 0600 file with known contents, in a directory
// only root reads: what an attacker's link points at.
func Victim(t testing.TB) (string, []byte) {
	t.Helper()
	name := filepath.Join(t.TempDir(), "secret")
	data := []byte("root's secret: never a capture\n")
	if err := os.WriteFile(name, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return name, data
}

// Intact fails t unless the victim still holds data and is still root's,
// mode 0600.
func Intact(t testing.TB, name string, data []byte) {
	t.Helper()
	got, err := os.ReadFile(name)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("%s changed: %q, %v", name, got, err)
	}
	fi, _ := os.Stat(name)
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 0 || st.Gid != 0 || fi.Mode().Perm() != 0o600 {
		t.Fatalf("%s is now uid %d gid %d mode %v", name, st.Uid, st.Gid, fi.Mode())
	}
}
