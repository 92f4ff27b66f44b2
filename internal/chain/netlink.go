package chain

import (
	"encoding/binary"
	"fmt"
	"sync"
	"sync/atomic"
	"syscall"

	"golang.org/x/sys/unix"
)

// A raw rtnetlink socket: just enough to read IFLA_XDP and to swap the
// program with XDP_FLAGS_REPLACE + IFLA_XDP_EXPECTED_FD, which
// vishvananda/netlink cannot send.
//
// A netlink socket belongs to the network namespace of the thread that
// opened it, for its whole life: a Chain opens one in Attach (called in the
// device's namespace) and keeps using it from any goroutine.
type nlConn struct {
	mu  sync.Mutex
	fd  int
	seq atomic.Uint32
}

func newNL() (*nlConn, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
	if err != nil {
		return nil, fmt.Errorf("netlink socket: %w", err)
	}
	// Extended acks carry the kernel's reason ("expected ... does not match").
	_ = unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_EXT_ACK, 1)
	_ = unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_CAP_ACK, 1)
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("netlink bind: %w", err)
	}
	return &nlConn{fd: fd}, nil
}

func (c *nlConn) Close() error {
	if c == nil || c.fd < 0 {
		return nil
	}
	err := unix.Close(c.fd)
	c.fd = -1
	return err
}

// NetlinkError is the kernel's refusal of an RTM_SETLINK, with its
// extended-ack message when it sent one.
type NetlinkError struct {
	Errno unix.Errno
	Msg   string
}

func (e *NetlinkError) Error() string {
	if e.Msg != "" {
		return fmt.Sprintf("%s (%v)", e.Msg, e.Errno)
	}
	return e.Errno.Error()
}

func (e *NetlinkError) Unwrap() error { return e.Errno }

func nlAttr(typ uint16, payload []byte) []byte {
	l := unix.SizeofRtAttr + len(payload)
	b := make([]byte, (l+3)&^3)
	binary.NativeEndian.PutUint16(b[0:], uint16(l))
	binary.NativeEndian.PutUint16(b[2:], typ)
	copy(b[unix.SizeofRtAttr:], payload)
	return b
}

func u32(v uint32) []byte {
	b := make([]byte, 4)
	binary.NativeEndian.PutUint32(b, v)
	return b
}

// request sends one message and returns the payloads of the replies
// (for RTM_GETLINK) or nil after a positive ack.
func (c *nlConn) request(typ uint16, flags uint16, body []byte) ([][]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fd < 0 {
		return nil, fmt.Errorf("netlink socket closed")
	}
	seq := c.seq.Add(1)
	msg := make([]byte, unix.SizeofNlMsghdr+len(body))
	binary.NativeEndian.PutUint32(msg[0:], uint32(len(msg)))
	binary.NativeEndian.PutUint16(msg[4:], typ)
	binary.NativeEndian.PutUint16(msg[6:], flags|unix.NLM_F_REQUEST|unix.NLM_F_ACK)
	binary.NativeEndian.PutUint32(msg[8:], seq)
	copy(msg[unix.SizeofNlMsghdr:], body)
	if err := unix.Sendto(c.fd, msg, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		return nil, fmt.Errorf("netlink send: %w", err)
	}
	var out [][]byte
	buf := make([]byte, 1<<16)
	for {
		n, _, err := unix.Recvfrom(c.fd, buf, 0)
		if err != nil {
			if err == unix.EINTR {
				continue
			}
			return nil, fmt.Errorf("netlink receive: %w", err)
		}
		msgs, err := syscall.ParseNetlinkMessage(buf[:n])
		if err != nil {
			return nil, fmt.Errorf("netlink parse: %w", err)
		}
		for _, m := range msgs {
			if m.Header.Seq != seq {
				continue
			}
			switch m.Header.Type {
			case unix.NLMSG_ERROR:
				if len(m.Data) < 4 {
					return nil, fmt.Errorf("netlink: short error message")
				}
				code := int32(binary.NativeEndian.Uint32(m.Data))
				if code == 0 {
					return out, nil
				}
				return nil, &NetlinkError{Errno: unix.Errno(-code), Msg: extAckMsg(m)}
			case unix.NLMSG_DONE:
				return out, nil
			default:
				out = append(out, append([]byte(nil), m.Data...))
			}
		}
	}
}

// extAckMsg digs NLMSGERR_ATTR_MSG out of an error message. With
// NETLINK_CAP_ACK the original request is not echoed: the attributes follow
// the nlmsgerr header directly.
func extAckMsg(m syscall.NetlinkMessage) string {
	if m.Header.Flags&unix.NLM_F_ACK_TLVS == 0 {
		return ""
	}
	off := 4 + unix.SizeofNlMsghdr
	if m.Header.Flags&unix.NLM_F_CAPPED == 0 && len(m.Data) >= 4+unix.SizeofNlMsghdr {
		off = 4 + int(binary.NativeEndian.Uint32(m.Data[4:]))
	}
	if off > len(m.Data) {
		return ""
	}
	for _, a := range parseAttrs(m.Data[off:]) {
		if a.typ == unix.NLMSGERR_ATTR_MSG {
			s := a.val
			for len(s) > 0 && s[len(s)-1] == 0 {
				s = s[:len(s)-1]
			}
			return string(s)
		}
	}
	return ""
}

type rtAttr struct {
	typ uint16
	val []byte
}

func parseAttrs(b []byte) []rtAttr {
	var out []rtAttr
	for len(b) >= unix.SizeofRtAttr {
		l := int(binary.NativeEndian.Uint16(b[0:]))
		typ := binary.NativeEndian.Uint16(b[2:]) &^ (unix.NLA_F_NESTED | unix.NLA_F_NET_BYTEORDER)
		if l < unix.SizeofRtAttr || l > len(b) {
			break
		}
		out = append(out, rtAttr{typ: typ, val: b[unix.SizeofRtAttr:l]})
		al := (l + 3) &^ 3
		if al > len(b) {
			break
		}
		b = b[al:]
	}
	return out
}

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
	msgs, err := c.request(unix.RTM_GETLINK, 0, ifinfomsg(ifindex))
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
		st := &xdpState{}
		for _, a := range parseAttrs(m[unix.SizeofIfInfomsg:]) {
			switch a.typ {
			case unix.IFLA_IFNAME:
				s := a.val
				for len(s) > 0 && s[len(s)-1] == 0 {
					s = s[:len(s)-1]
				}
				st.Name = string(s)
			case unix.IFLA_XDP:
				for _, x := range parseAttrs(a.val) {
					switch x.typ {
					case unix.IFLA_XDP_ATTACHED:
						if len(x.val) >= 1 {
							st.Attached = x.val[0]
						}
					case unix.IFLA_XDP_PROG_ID, unix.IFLA_XDP_DRV_PROG_ID, unix.IFLA_XDP_SKB_PROG_ID, unix.IFLA_XDP_HW_PROG_ID:
						if len(x.val) < 4 {
							continue
						}
						v := binary.NativeEndian.Uint32(x.val)
						switch x.typ {
						case unix.IFLA_XDP_PROG_ID:
							st.ProgID = v
						case unix.IFLA_XDP_DRV_PROG_ID:
							st.DrvID = v
						case unix.IFLA_XDP_SKB_PROG_ID:
							st.SkbID = v
						case unix.IFLA_XDP_HW_PROG_ID:
							st.HwID = v
						}
					}
				}
			}
		}
		return st, nil
	}
	return nil, fmt.Errorf("reading XDP state of ifindex %d: no such device", ifindex)
}

// setXDP sends RTM_SETLINK with IFLA_XDP {FD, FLAGS[, EXPECTED_FD]}.
// fd -1 detaches. With XDP_FLAGS_REPLACE the kernel swaps only if the
// program now attached is expectedFD's (-1: only if none is attached).
func (c *nlConn) setXDP(ifindex, fd int, flags uint32, expectedFD int) error {
	var nested []byte
	nested = append(nested, nlAttr(unix.IFLA_XDP_FD, u32(uint32(int32(fd))))...)
	nested = append(nested, nlAttr(unix.IFLA_XDP_FLAGS, u32(flags))...)
	if flags&unix.XDP_FLAGS_REPLACE != 0 {
		nested = append(nested, nlAttr(unix.IFLA_XDP_EXPECTED_FD, u32(uint32(int32(expectedFD))))...)
	}
	body := append(ifinfomsg(ifindex), nlAttr(unix.IFLA_XDP|unix.NLA_F_NESTED, nested)...)
	if _, err := c.request(unix.RTM_SETLINK, 0, body); err != nil {
		return fmt.Errorf("RTM_SETLINK IFLA_XDP on ifindex %d: %w", ifindex, err)
	}
	return nil
}
