package rotate

import (
	"fmt"
	"io"
	"os/exec"
	"sync"
	"syscall"
)

// Post runs tcpdump's -z CMD FILE for every finished file, in the
// background at the lowest priority; Wait waits for the commands still
// running (xdpdump exits only when every file is finished).
type Post struct {
	cmd    string
	stderr io.Writer
	wg     sync.WaitGroup
}

// NewPost runs cmd for finished files; its output and failures go to
// stderr.
func NewPost(cmd string, stderr io.Writer) *Post { return &Post{cmd: cmd, stderr: stderr} }

// Run starts the command for the file name (Config.Closed).
func (p *Post) Run(name string) {
	c := exec.Command(p.cmd, name)
	c.Stdout, c.Stderr = p.stderr, p.stderr
	if err := c.Start(); err != nil {
		fmt.Fprintf(p.stderr, "xdpdump: -z %s %s: %v\n", p.cmd, name, err)
		return
	}
	syscall.Setpriority(syscall.PRIO_PROCESS, c.Process.Pid, 19)
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		if err := c.Wait(); err != nil {
			fmt.Fprintf(p.stderr, "xdpdump: -z %s %s: %v\n", p.cmd, name, err)
		}
	}()
}

// Wait waits for the commands started so far.
func (p *Post) Wait() { p.wg.Wait() }
