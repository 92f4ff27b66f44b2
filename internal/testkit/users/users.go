// Package users makes the unprivileged local users that security tests
// attack with: a real account (useradd) with a name unique to the test,
// removed when the test ends, and commands run as it with no
// capabilities at all (setpriv).
package users

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os/exec"
	"os/user"
	"strconv"
	"strings"
	"testing"
	"time"
)

// User is a local account made for one test.
type User struct {
	Name     string
	UID, GID int
}

// New makes a user for t (skipping unless root) and deletes it when t
// ends.
func New(t testing.TB) *User {
	t.Helper()
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := "xdpsec" + hex.EncodeToString(b[:])
	// useradd takes the password file's lock; a parallel test holding it
	// makes it fail with exit 10: try again.
	var out []byte
	var err error
	for try := 0; try < 20; try++ {
		out, err = exec.Command("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group", name).CombinedOutput()
		if err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("useradd %s: %v: %s", name, err, out)
	}
	t.Cleanup(func() {
		for try := 0; try < 20; try++ {
			if exec.Command("userdel", name).Run() == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Errorf("userdel %s failed", name)
	})
	u, err := user.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &User{Name: name, UID: uid, GID: gid}
}

// Nobody is the system's nobody (65534), for -Z.
func Nobody() *User { return &User{Name: "nobody", UID: 65534, GID: 65534} }

// Command runs name as u, with no capabilities and no supplementary
// groups.
func (u *User) Command(name string, args ...string) *exec.Cmd {
	a := []string{fmt.Sprintf("--reuid=%d", u.UID), fmt.Sprintf("--regid=%d", u.GID), "--clear-groups",
		"--inh-caps=-all", "--bounding-set=-all", "--", name}
	return exec.Command("setpriv", append(a, args...)...)
}

// Run runs a command as u and fails t if it fails.
func (u *User) Run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := u.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("as %s: %s %s: %v: %s", u.Name, name, strings.Join(args, " "), err, out)
	}
	return string(out)
}
