package chain

import (
	"encoding/binary"
	"errors"
	"fmt"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/rtnl"
)

// nlConn is an rtnetlink socket (internal/rtnl) with the two messages
// the chain needs: read IFLA_XDP, and swap the program with
// XDP_FLAGS_REPLACE + IFLA_XDP_EXPECTED_FD, which vishvananda/netlink
// cannot send.
//
// A netlink socket belongs to the network namespace of the thread that
// opened it, for its whole life: a Chain opens one in Attach (called in the
// device's namespace) and keeps using it from any goroutine.
type nlConn struct{ *rtnl.Conn }

func newNL() (*nlConn, error) {
	c, err := rtnl.Open()
	if err != nil {
		return nil, err
	}
	return &nlConn{c}, nil
}

// NetlinkError is the kernel's refusal of an RTM_SETLINK, with its
// extended-ack message when it sent one.
type NetlinkError = rtnl.Error

func ifinfomsg(ifindex int) []byte {
	b := make([]byte, unix.SizeofIfInfomsg)
	b[0] = unix.AF_UNSPEC
	binary.NativeEndian.PutUint32(b[4:], uint32(int32(ifindex)))
	return b
}

// IFLA_XDP_ATTACHED values (linux/if_link.h).
const (
	xdpAttachedNone  = 0
	xdpAttachedDrv   = 1
	xdpAttachedSkb   = 2
	xdpAttachedHw    = 3
	xdpAttachedMulti = 4
)

// xdpState is what IFLA_XDP says about a device.
type xdpState struct {
	Name     string // IFLA_IFNAME
	Attached uint8  // XDP_ATTACHED_*
	ProgID   uint32 // IFLA_XDP_PROG_ID (the single program, if one)
	DrvID    uint32
	SkbID    uint32
	HwID     uint32
}

func (c *nlConn) getXDP(ifindex int) (*xdpState, error) {
	msgs, err := c.Request(unix.RTM_GETLINK, 0, ifinfomsg(ifindex))
	if err != nil {
		return nil, fmt.Errorf("reading XDP state of ifindex %d: %w", ifindex, err)
	}
	for _, m := range msgs {
		if len(m) < unix.SizeofIfInfomsg {
			continue
		}
		if int(int32(binary.NativeEndian.Uint32(m[4:]))) != ifindex {
			continue
		}
		a := rtnl.Attrs(m[unix.SizeofIfInfomsg:])
		x := rtnl.Attrs(a[unix.IFLA_XDP])
		st := &xdpState{Name: rtnl.Str(a, unix.IFLA_IFNAME)}
		st.Attached, _ = rtnl.U8(x, unix.IFLA_XDP_ATTACHED)
		st.ProgID, _ = rtnl.U32(x, unix.IFLA_XDP_PROG_ID)
		st.DrvID, _ = rtnl.U32(x, unix.IFLA_XDP_DRV_PROG_ID)
		st.SkbID, _ = rtnl.U32(x, unix.IFLA_XDP_SKB_PROG_ID)
		st.HwID, _ = rtnl.U32(x, unix.IFLA_XDP_HW_PROG_ID)
		return st, nil
	}
	return nil, fmt.Errorf("reading XDP state of ifindex %d: no such device", ifindex)
}

// setXDP sends RTM_SETLINK with IFLA_XDP {FD, FLAGS[, EXPECTED_FD]}.
// fd -1 detaches. With XDP_FLAGS_REPLACE the kernel swaps only if the
// program now attached is expectedFD's (-1: only if none is attached).
func (c *nlConn) setXDP(ifindex, fd int, flags uint32, expectedFD int) error {
	var nested []byte
	nested = append(nested, rtnl.AttrU32(unix.IFLA_XDP_FD, uint32(int32(fd)))...)
	nested = append(nested, rtnl.AttrU32(unix.IFLA_XDP_FLAGS, flags)...)
	if flags&unix.XDP_FLAGS_REPLACE != 0 {
		nested = append(nested, rtnl.AttrU32(unix.IFLA_XDP_EXPECTED_FD, uint32(int32(expectedFD)))...)
	}
	body := append(ifinfomsg(ifindex), rtnl.Attr(unix.IFLA_XDP|unix.NLA_F_NESTED, nested)...)
	if _, err := c.Request(unix.RTM_SETLINK, 0, body); err != nil {
		return fmt.Errorf("RTM_SETLINK IFLA_XDP on ifindex %d: %w", ifindex, err)
	}
	return nil
}

// What became of a device that left the namespace of a Chain.
type devFate int

const (
	fatePresent devFate = iota // still here
	fateDeleted                // unregistered: deleted, or its namespace went
	fateMoved                  // moved to another network namespace
	fateUnknown                // gone from here, and no event told how
)

// linkEvents is a NETLINK_ROUTE socket subscribed to RTNLGRP_LINK. The
// kernel announces a device leaving a namespace with RTM_DELLINK there;
// when it moved rather than went away, the message carries
// IFLA_NEW_NETNSID (the id of the new namespace as seen from the old one)
// and IFLA_NEW_IFINDEX. Nothing else tells a move from a deletion once the
// device is gone from the old namespace.
type linkEvents struct {
	fd   int
	lost bool // the socket overflowed: events may be missing
	// what was seen, per ifindex
	seen map[int]linkGone
}

type linkGone struct {
	fate       devFate
	newIfindex int
}

func newLinkEvents() (*linkEvents, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, unix.NETLINK_ROUTE)
	if err != nil {
		return nil, fmt.Errorf("netlink socket: %w", err)
	}
	_ = unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF, 1<<20)
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK, Groups: unix.RTMGRP_LINK}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("netlink bind to link events: %w", err)
	}
	return &linkEvents{fd: fd, seen: map[int]linkGone{}}, nil
}

func (e *linkEvents) Close() {
	if e != nil && e.fd >= 0 {
		unix.Close(e.fd)
		e.fd = -1
	}
}

// drain reads every queued event without blocking.
func (e *linkEvents) drain() {
	if e == nil || e.fd < 0 {
		return
	}
	buf := make([]byte, 1<<16)
	for {
		n, _, err := unix.Recvfrom(e.fd, buf, 0)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if errors.Is(err, unix.ENOBUFS) {
			e.lost = true
			continue
		}
		if err != nil || n <= 0 {
			return
		}
		msgs, err := syscall.ParseNetlinkMessage(buf[:n])
		if err != nil {
			continue
		}
		for _, m := range msgs {
			if m.Header.Type != unix.RTM_DELLINK || len(m.Data) < unix.SizeofIfInfomsg {
				continue
			}
			idx := int(int32(binary.NativeEndian.Uint32(m.Data[4:])))
			a := rtnl.Attrs(m.Data[unix.SizeofIfInfomsg:])
			g := linkGone{fate: fateDeleted}
			if _, ok := a[unix.IFLA_NEW_NETNSID]; ok {
				g.fate = fateMoved
				if v, ok := rtnl.U32(a, unix.IFLA_NEW_IFINDEX); ok {
					g.newIfindex = int(int32(v))
				}
			}
			e.seen[idx] = g
		}
	}
}

// fate says what an RTM_DELLINK told of ifindex, if one came.
func (e *linkEvents) fate(ifindex int) (linkGone, bool) {
	if e == nil {
		return linkGone{}, false
	}
	e.drain()
	g, ok := e.seen[ifindex]
	return g, ok
}
