// Helpers for the traffic of tests: listening, serving and connecting in
// a test host's namespace.

package testkit

import (
	"net"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// Listen opens a listener (net.Listen's network and address) in h's
// namespace; it is closed when t ends, if the test has not closed it.
func Listen(t testing.TB, h testhost.Host, network, addr string) net.Listener {
	t.Helper()
	var ln net.Listener
	err := h.Do(func() error {
		var err error
		ln, err = net.Listen(network, addr)
		return err
	})
	if err != nil {
		t.Fatalf("listening on %s %s in %s: %v", network, addr, h.NS, err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln
}

// Serve accepts connections on ln until it is closed, each handled by
// handle in a goroutine of its own.
func Serve(ln net.Listener, handle func(net.Conn)) {
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go handle(c)
		}
	}()
}

// AcceptOne accepts one connection on ln in a goroutine of its own and
// hands it to handle with a deadline d ahead, closing it once handle
// returns; handle gets a nil connection and the error if Accept fails.
func AcceptOne(ln net.Listener, d time.Duration, handle func(net.Conn, error)) {
	go func() {
		c, err := ln.Accept()
		if err != nil {
			handle(nil, err)
			return
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(d))
		handle(c, nil)
	}()
}

// Dial connects to addr (net.DialTimeout's network and address, giving
// up after timeout) from h's namespace; the connection is closed when t
// ends, if the test has not closed it.
func Dial(t testing.TB, h testhost.Host, network, addr string, timeout time.Duration) net.Conn {
	t.Helper()
	var c net.Conn
	err := h.Do(func() error {
		var err error
		c, err = net.DialTimeout(network, addr, timeout)
		return err
	})
	if err != nil {
		t.Fatalf("connecting to %s %s from %s: %v", network, addr, h.NS, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
