// Tests of procid against real processes: this one, and a child that has
// exited and been reaped.

package procid

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"testing"
)

func TestSelfAlive(t *testing.T) {
	pid, start := Self()
	if int(pid) != os.Getpid() || start == 0 {
		t.Fatalf("Self() = %d, %d; want our PID %d and a start time", pid, start, os.Getpid())
	}
	if !Alive(int(pid), start) {
		t.Fatal("this process is not alive by its own PID and start time")
	}
	if Alive(int(pid), start+1) {
		t.Fatal("a different start time (a reused PID) counts as alive")
	}
	if Alive(0, start) || Alive(int(pid), 0) {
		t.Fatal("PID 0 or start time 0 counts as alive")
	}
}

func TestExitedChild(t *testing.T) {
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Skip(err)
	}
	pid := cmd.Process.Pid
	start := Start(pid)
	if start == 0 || !Alive(pid, start) {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("running child %d: start %d, not alive", pid, start)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if Alive(pid, start) {
		t.Fatalf("child %d alive after it was killed and reaped", pid)
	}
}

func TestNewName(t *testing.T) {
	a, err := NewName()
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewName()
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(fmt.Sprintf(`^%d-[0-9a-f]{8}$`, os.Getpid()))
	if !re.MatchString(a) || !re.MatchString(b) || a == b {
		t.Fatalf("NewName() = %q, %q: want two different <pid>-<8 hex digits>", a, b)
	}
}
