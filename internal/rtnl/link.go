// Links: the interfaces of the namespace with their type, flags and
// address (RTM_GETLINK), changing a flag (RTM_NEWLINK with ifi_change, so
// that only that flag changes), and the link notifications of
// RTNLGRP_LINK (interfaces that appear, come up, go down or go away).

package rtnl

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

// Link is one interface as rtnetlink describes it.
type Link struct {
	Index int
	Name  string
	Type  uint16 // ARPHRD_*: unix.ARPHRD_ETHER, unix.ARPHRD_LOOPBACK, ...
	Flags uint32 // IFF_*, as `ip link` shows them
	Addr  net.HardwareAddr
	// Deleted: the notification says the link went away (RTM_DELLINK).
	Deleted bool
}

// Up reports IFF_UP.
func (l Link) Up() bool { return l.Flags&unix.IFF_UP != 0 }

// ParseLink reads an RTM_NEWLINK/RTM_DELLINK payload (ifinfomsg and
// attributes).
func ParseLink(b []byte) (Link, bool) {
	if len(b) < unix.SizeofIfInfomsg {
		return Link{}, false
	}
	l := Link{
		Type:  binary.NativeEndian.Uint16(b[2:]),
		Index: int(int32(binary.NativeEndian.Uint32(b[4:]))),
		Flags: binary.NativeEndian.Uint32(b[8:]),
	}
	a := Attrs(b[unix.SizeofIfInfomsg:])
	l.Name = Str(a, unix.IFLA_IFNAME)
	if hw, ok := a[unix.IFLA_ADDRESS]; ok {
		l.Addr = append(net.HardwareAddr(nil), hw...)
	}
	return l, true
}

func ifinfomsg(index int, flags, change uint32) []byte {
	b := make([]byte, unix.SizeofIfInfomsg)
	binary.NativeEndian.PutUint32(b[4:], uint32(index))
	binary.NativeEndian.PutUint32(b[8:], flags)
	binary.NativeEndian.PutUint32(b[12:], change)
	return b
}

// Links lists the namespace's interfaces.
func (c *Conn) Links() ([]Link, error) {
	msgs, err := c.Request(unix.RTM_GETLINK, unix.NLM_F_DUMP, ifinfomsg(0, 0, 0))
	if err != nil {
		return nil, fmt.Errorf("listing links: %w", err)
	}
	var out []Link
	for _, m := range msgs {
		if l, ok := ParseLink(m); ok {
			out = append(out, l)
		}
	}
	return out, nil
}

// Link describes interface index.
func (c *Conn) Link(index int) (Link, error) {
	msgs, err := c.Request(unix.RTM_GETLINK, 0, ifinfomsg(index, 0, 0))
	if err != nil {
		return Link{}, err
	}
	for _, m := range msgs {
		if l, ok := ParseLink(m); ok && l.Index == index {
			return l, nil
		}
	}
	return Link{}, fmt.Errorf("link %d: %w", index, unix.ENODEV)
}

// SetFlags sets the flags in change of interface index to their values in
// flags, leaving the others as they are.
func (c *Conn) SetFlags(index int, flags, change uint32) error {
	_, err := c.Request(unix.RTM_NEWLINK, 0, ifinfomsg(index, flags, change))
	return err
}

// LinkWatcher receives the namespace's link notifications.
type LinkWatcher struct{ fd int }

// WatchLinks subscribes to RTNLGRP_LINK in the calling thread's namespace.
func WatchLinks() (*LinkWatcher, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
	if err != nil {
		return nil, fmt.Errorf("netlink socket: %w", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK, Groups: 1 << (unix.RTNLGRP_LINK - 1)}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("netlink bind to link notifications: %w", err)
	}
	// Receives time out, so that Next sees stop.
	tv := unix.Timeval{Usec: 200000}
	if err := unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("netlink receive timeout: %w", err)
	}
	return &LinkWatcher{fd: fd}, nil
}

// Next blocks until notifications arrive and returns them, or returns
// nothing once stop is closed. A nil slice without an error also means
// that notifications were lost (the caller lists the links again).
func (w *LinkWatcher) Next(stop <-chan struct{}) ([]Link, error) {
	buf := make([]byte, 1<<16)
	for {
		select {
		case <-stop:
			return nil, nil
		default:
		}
		n, _, err := unix.Recvfrom(w.fd, buf, 0)
		if errors.Is(err, unix.EINTR) || errors.Is(err, unix.EAGAIN) {
			continue
		}
		if errors.Is(err, unix.ENOBUFS) {
			// Notifications were lost: the caller relists.
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		msgs, err := syscall.ParseNetlinkMessage(buf[:n])
		if err != nil {
			return nil, err
		}
		var out []Link
		for _, m := range msgs {
			if m.Header.Type != unix.RTM_NEWLINK && m.Header.Type != unix.RTM_DELLINK {
				continue
			}
			if l, ok := ParseLink(m.Data); ok {
				l.Deleted = m.Header.Type == unix.RTM_DELLINK
				out = append(out, l)
			}
		}
		if len(out) > 0 {
			return out, nil
		}
	}
}

// Close ends the subscription, once Next has returned.
func (w *LinkWatcher) Close() error { return unix.Close(w.fd) }
