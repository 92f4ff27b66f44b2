// Package rtnl is a small rtnetlink client: one request at a time over a
// NETLINK_ROUTE socket, with extended acks, and rtattr helpers. xdpdump
// needs messages that vishvananda/netlink cannot send (IFLA_XDP with
// IFLA_XDP_EXPECTED_FD) and qdisc/filter requests cilium/ebpf does not
// speak, and nothing more.
//
// A netlink socket belongs to the network namespace of the thread that
// opened it, for its whole life, and ifindexes are per namespace: open the
// Conn in the device's namespace; it may then be used from any goroutine.
package rtnl

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// Conn is an rtnetlink socket.
type Conn struct {
	mu  sync.Mutex
	fd  int
	seq uint32
}

// Open opens a NETLINK_ROUTE socket in the calling thread's namespace.
func Open() (*Conn, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
	if err != nil {
		return nil, fmt.Errorf("netlink socket: %w", err)
	}
	// Extended acks carry the kernel's reason ("expected ... does not
	// match"); capped acks do not echo the request back.
	_ = unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_EXT_ACK, 1)
	_ = unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_CAP_ACK, 1)
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("netlink bind: %w", err)
	}
	return &Conn{fd: fd}, nil
}

// Close closes the socket; a second Close does nothing.
func (c *Conn) Close() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fd < 0 {
		return nil
	}
	err := unix.Close(c.fd)
	c.fd = -1
	return err
}

// Error is the kernel's refusal of a request, with its extended-ack
// message when it sent one.
type Error struct {
	Errno unix.Errno
	Msg   string
}

func (e *Error) Error() string {
	if e.Msg != "" {
		return fmt.Sprintf("%s (%v)", e.Msg, e.Errno)
	}
	return e.Errno.Error()
}

func (e *Error) Unwrap() error { return e.Errno }

// Request sends one message (NLM_F_REQUEST|NLM_F_ACK are added to flags)
// and returns the payloads of the replies (a GET's answer, a dump's
// messages) once the kernel acks or ends the dump.
func (c *Conn) Request(typ, flags uint16, body []byte) ([][]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fd < 0 {
		return nil, fmt.Errorf("netlink socket closed")
	}
	c.seq++
	seq := c.seq
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
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
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
				return nil, &Error{Errno: unix.Errno(-code), Msg: extAck(m)}
			case unix.NLMSG_DONE:
				if len(m.Data) >= 4 {
					if code := int32(binary.NativeEndian.Uint32(m.Data)); code < 0 {
						return nil, &Error{Errno: unix.Errno(-code), Msg: extAck(m)}
					}
				}
				return out, nil
			default:
				out = append(out, append([]byte(nil), m.Data...))
			}
		}
	}
}

// extAck digs NLMSGERR_ATTR_MSG out of an error (or a dump's done)
// message. With NETLINK_CAP_ACK the request is not echoed: the attributes
// follow the nlmsgerr header directly.
func extAck(m syscall.NetlinkMessage) string {
	if m.Header.Flags&unix.NLM_F_ACK_TLVS == 0 {
		return ""
	}
	off := 4
	if m.Header.Type == unix.NLMSG_ERROR {
		off = 4 + unix.SizeofNlMsghdr
		if m.Header.Flags&unix.NLM_F_CAPPED == 0 && len(m.Data) >= 4+unix.SizeofNlMsghdr {
			off = 4 + int(binary.NativeEndian.Uint32(m.Data[4:]))
		}
	}
	if off > len(m.Data) {
		return ""
	}
	return Str(Attrs(m.Data[off:]), unix.NLMSGERR_ATTR_MSG)
}

// Attr encodes one rtattr, padded to 4 bytes.
func Attr(typ uint16, payload []byte) []byte {
	l := unix.SizeofRtAttr + len(payload)
	b := make([]byte, (l+3)&^3)
	binary.NativeEndian.PutUint16(b[0:], uint16(l))
	binary.NativeEndian.PutUint16(b[2:], typ)
	copy(b[unix.SizeofRtAttr:], payload)
	return b
}

// AttrU32 encodes a u32 rtattr.
func AttrU32(typ uint16, v uint32) []byte {
	var b [4]byte
	binary.NativeEndian.PutUint32(b[:], v)
	return Attr(typ, b[:])
}

// AttrString encodes a NUL-terminated string rtattr.
func AttrString(typ uint16, s string) []byte {
	return Attr(typ, append([]byte(s), 0))
}

// Attrs parses a run of rtattrs into type → payload (the last of a type
// wins; the nested and byte-order flags are masked off).
func Attrs(b []byte) map[uint16][]byte {
	out := map[uint16][]byte{}
	for len(b) >= unix.SizeofRtAttr {
		l := int(binary.NativeEndian.Uint16(b[0:]))
		typ := binary.NativeEndian.Uint16(b[2:]) &^ (unix.NLA_F_NESTED | unix.NLA_F_NET_BYTEORDER)
		if l < unix.SizeofRtAttr || l > len(b) {
			break
		}
		out[typ] = b[unix.SizeofRtAttr:l]
		l = (l + 3) &^ 3
		if l > len(b) {
			break
		}
		b = b[l:]
	}
	return out
}

// Str is a string attribute without its NUL ("" when absent).
func Str(a map[uint16][]byte, typ uint16) string {
	v := a[typ]
	for i, c := range v {
		if c == 0 {
			return string(v[:i])
		}
	}
	return string(v)
}

// U32 is a u32 attribute; false when absent or short.
func U32(a map[uint16][]byte, typ uint16) (uint32, bool) {
	v, ok := a[typ]
	if !ok || len(v) < 4 {
		return 0, false
	}
	return binary.NativeEndian.Uint32(v), true
}

// U8 is a u8 attribute; false when absent or empty.
func U8(a map[uint16][]byte, typ uint16) (uint8, bool) {
	v, ok := a[typ]
	if !ok || len(v) < 1 {
		return 0, false
	}
	return v[0], true
}
