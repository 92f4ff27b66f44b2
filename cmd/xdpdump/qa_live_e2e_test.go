// QA: what a tcpdump user's scripts read from xdpdump's standard output,
// byte for byte against the real tcpdump on the same veth and traffic (time
// stamps aside, which each takes at its own hook): lines and the newline
// tcpdump prints when a signal stops it, with -c (no such newline) and
// with --count (the newline alone).

package main

import (
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// lineTS is tcpdump's default time stamp at the start of a line.
var lineTS = regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d\.\d{6} `)

func TestQAStdoutBytesMatchTcpdump(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	for _, c := range []struct {
		name string
		args []string
		wait int // echo lines tcpdump prints before both are stopped
	}{
		{"SIGINT", []string{"-nn", "icmp"}, 6},
		{"SIGINT -v", []string{"-nn", "-v", "icmp"}, 6},
		{"-c", []string{"-nn", "-c", "4", "icmp"}, 4},
		{"--count", []string{"-nn", "--count", "icmp"}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			var ours syncBuf
			x := start(t, &p.A, &ours, append([]string{"-i", p.A.Dev}, c.args...)...)
			td := startTcpdump(t, &p.A, append([]string{"-i", p.A.Dev}, c.args...)...)
			p.MustRun(&p.B, "ping", "-c", "3", "-i", "0.2", p.A.IP4.String())
			if c.wait > 0 {
				td.waitEchoes(t, c.wait)
				if !waitFor(10*time.Second, func() bool { return strings.Count(ours.String(), "ICMP echo") >= c.wait }) {
					t.Fatalf("xdpdump printed:\n%s", ours.String())
				}
			} else {
				time.Sleep(500 * time.Millisecond)
			}
			var code int
			if c.name == "-c" {
				_, code = x.wait(t)
			} else {
				_, code = x.stop(t, syscall.SIGINT)
			}
			var theirs string
			if c.name == "-c" {
				select {
				case <-td.done:
				case <-time.After(20 * time.Second):
					t.Fatal("tcpdump -c did not exit")
				}
				theirs = td.stdout.String()
			} else {
				theirs = td.stop(t)
			}
			if code != 0 {
				t.Fatalf("exit %d:\n%s", code, x.stderr.String())
			}
			a, b := lineTS.ReplaceAllString(ours.String(), ""), lineTS.ReplaceAllString(theirs, "")
			if a != b {
				t.Fatalf("xdpdump %v wrote %q\ntcpdump wrote %q", c.args, a, b)
			}
		})
	}
}
