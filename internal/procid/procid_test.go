// Tests of procid against real processes: this one, and a child that has
// exited and been reaped.
package procid

import (
	"os"
	"os/exec"
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
