package main

// --flows on a real terminal: tmux at 80x24, then resized to 200x50; what
// tmux's screen shows (capture-pane) must hold the header and whole rows,
// and after exit the shell's screen comes back with the table at exit.

import (
	"crypto/rand"
	"encoding/hex"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// rowRE is a whole flow row as the table prints it: the protocol, the
// addresses and ports, and the bit rate at the end of the line.
var rowRE = regexp.MustCompile(`(icmp|udp|tcp|icmp6|arp)\s+\S+\s+\S+\s+\S+\s+\S+.*\S+b/s$`)

func TestFlowsTerminalView(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed (scripts/deps.sh installs it)")
	}
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	var b [4]byte
	rand.Read(b[:])
	sock := "xdpdump-test-" + hex.EncodeToString(b[:])
	tmux := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", append([]string{"-L", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v: %s", args, err, out)
		}
		return string(out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-L", sock, "kill-server").Run() })
	cmd := "echo shell-before; nsenter --net=/var/run/netns/" + p.A.NS + " " + binPath + " --flows -i " + p.A.Dev + "; echo exit=$?; sleep 60"
	tmux("new-session", "-d", "-s", "v", "-x", "80", "-y", "24", cmd)
	pane := func() []string {
		return strings.Split(strings.TrimRight(tmux("capture-pane", "-p", "-t", "v"), "\n"), "\n")
	}
	// Traffic: several ICMP and UDP flows, so that rows and addresses fill
	// the width.
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			p.B.Run("ping", "-c", "1", "-W", "1", p.A.IP4.String())
			p.B.Run("ping", "-6", "-c", "1", "-W", "1", p.A.IP6.String())
			p.SendUDP(5000+i%4, 2, 100)
			time.Sleep(100 * time.Millisecond)
		}
	}()
	defer func() { close(stop); <-done }()

	check := func(width, height int) []string {
		t.Helper()
		var ls []string
		ok := waitFor(15*time.Second, func() bool {
			ls = pane()
			rows := 0
			for _, l := range ls {
				if rowRE.MatchString(l) {
					rows++
				}
			}
			return len(ls) >= 2 && strings.Contains(ls[0], "flows,") && rows >= 4
		})
		if !ok {
			t.Fatalf("%dx%d: no header and rows on the screen:\n%s", width, height, strings.Join(ls, "\n"))
		}
		if len(ls) > height {
			t.Fatalf("%dx%d: %d lines on the screen", width, height, len(ls))
		}
		if !strings.HasPrefix(ls[1], "DIR") && !strings.HasPrefix(ls[1], "PROTO") {
			t.Fatalf("%dx%d: header line %q", width, height, ls[1])
		}
		for i, l := range ls[2:] {
			if l == "" || strings.HasPrefix(l, "... ") {
				continue
			}
			if len(l) > width || !rowRE.MatchString(l) {
				t.Fatalf("%dx%d: line %d is not a whole row (wrapped?): %q\n%s", width, height, i+3, l, strings.Join(ls, "\n"))
			}
		}
		for _, l := range ls {
			if strings.Contains(l, "shell-before") {
				t.Fatalf("%dx%d: the view is not on the alternate screen:\n%s", width, height, strings.Join(ls, "\n"))
			}
		}
		return ls
	}
	small := check(80, 24)
	tmux("resize-window", "-t", "v", "-x", "200", "-y", "50")
	var big []string
	if !waitFor(15*time.Second, func() bool {
		big = check(200, 50)
		return strings.Contains(big[1], "PACKETS") && strings.Contains(big[1], "PKT/S")
	}) {
		t.Fatalf("after resizing to 200x50 the header still lacks columns:\n%s", strings.Join(big, "\n"))
	}
	for _, col := range []string{"DIR", "IF", "PROTO", "SRC", "SPORT", "DST", "DPORT", "PACKETS", "BYTES", "PKT/S", "BIT/S"} {
		if !strings.Contains(big[1], col) {
			t.Errorf("200 columns: header %q lacks %s", big[1], col)
		}
	}
	t.Logf("80x24:\n%s\n200x50:\n%s", strings.Join(small, "\n"), strings.Join(big, "\n"))

	// Exit: the normal screen again (the shell's line above), then the
	// table at exit, which says what its rates are.
	// Ctrl-C, as a user stops it.
	tmux("send-keys", "-t", "v", "C-c")
	var ls []string
	if !waitFor(15*time.Second, func() bool { ls = pane(); return strings.Contains(strings.Join(ls, "\n"), "exit=0") }) {
		t.Fatalf("no exit:\n%s", strings.Join(ls, "\n"))
	}
	all := strings.Join(ls, "\n")
	if !strings.Contains(all, "shell-before") || !strings.Contains(all, "averages over the whole run") {
		t.Fatalf("after exit:\n%s", all)
	}
}
