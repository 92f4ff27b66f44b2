package main

import (
	"bufio"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

// TestBounceKilledStopsAnswering: --bounce stands in front of a program
// attached through netlink (so our front stays on the hook after a crash,
// held by the chain's pins) and before a real server on port 8080. While
// xdpdump runs, the bounce stage answers the clients' SYNs itself and the
// server never sees them; after SIGKILL, with nobody running --recover,
// the dead-man switch hands the port back: within 5 s clients reach the
// real server and exchange data with it.
func TestBounceKilledStopsAnswering(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	testkit.PassXDP(t, p.B)
	warmARP(t, p)
	p.MustRun(&p.A, "ip", "link", "set", "dev", p.A.Dev, "xdpdrv", "obj", progsObj(t, "fw"), "sec", "xdp")
	t.Cleanup(func() { p.A.Run("ip", "link", "set", "dev", p.A.Dev, "xdpdrv", "off") })

	// The real server: greets every client with "hello".
	testkit.Serve(testkit.Listen(t, p.A, "tcp4", net.JoinHostPort(p.A.IP4.String(), "8080")), func(c net.Conn) {
		c.Write([]byte("hello\n"))
		c.Close()
	})
	// reached says whether a client got the server's greeting.
	reached := func() bool {
		ok := false
		p.B.Do(func() error {
			c, err := net.DialTimeout("tcp4", net.JoinHostPort(p.A.IP4.String(), "8080"), time.Second)
			if err != nil {
				return nil
			}
			defer c.Close()
			c.SetReadDeadline(time.Now().Add(time.Second))
			l, _ := bufio.NewReader(c).ReadString('\n')
			ok = l == "hello\n"
			return nil
		})
		return ok
	}
	if !reached() {
		t.Fatal("the server is not reachable before xdpdump runs")
	}

	x := start(t, &p.A, nil, "--bounce", "--bounce-filter", "tcp port 8080", "-i", p.A.Dev)
	n := 0
	for i := 0; i < 5; i++ {
		if reached() {
			n++
		}
	}
	if n != 0 {
		t.Fatalf("while --bounce runs, %d/5 clients reached the server behind it", n)
	}
	x.cmd.Process.Signal(syscall.SIGKILL)
	<-x.done
	// Our front stays on the hook (the original was netlink-attached):
	// only the dead-man switch can stop it answering.
	if s := xdpState(t, &p.A); !strings.Contains(s, "xdpdump_bounce") {
		t.Fatalf("hook after SIGKILL: %s; want xdpdump's bounce stage still in front", s)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !reached() {
		if time.Now().After(deadline) {
			t.Fatalf("5 s after SIGKILL, clients still do not reach the server (no --recover ran)")
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The next start puts the original back as --recover would.
	x = start(t, &p.A, nil, "-i", p.A.Dev, "tcp port 1")
	if _, code := x.stop(t, 0); code != 0 {
		t.Fatalf("the next start exited %d:\n%s", code, x.stderr.String())
	}
	if s := xdpState(t, &p.A); !strings.Contains(s, "fw_xdp") {
		t.Fatalf("hook after the next start: %s; want the original fw_xdp back", s)
	}
}
