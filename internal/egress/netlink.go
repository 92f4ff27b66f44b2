package egress

import (
	"encoding/binary"
	"fmt"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// A small rtnetlink client for the clsact fallback: qdiscs and filters
// (RTM_*QDISC, RTM_*TFILTER), which cilium/ebpf does not speak.
//
// A netlink socket belongs to the network namespace of the thread that
// opened it for its whole life, and ifindexes are per namespace: the
// clsact attachment opens its socket in Attach (called in the device's
// namespace) and keeps it until Close, which may run on any thread.

// Constants from linux/pkt_sched.h and linux/pkt_cls.h that x/sys/unix
// does not carry.
const (
	tcHClsact     = 0xfffffff1 // TC_H_CLSACT (== TC_H_INGRESS)
	tcHMinIngress = 0xfff2     // TC_H_MIN_INGRESS
	tcHMinEgress  = 0xfff3     // TC_H_MIN_EGRESS
	clsactHandle  = 0xffff0000 // TC_H_MAKE(TC_H_CLSACT, 0): "ffff:"

	tcaBPFFD    = 6 // TCA_BPF_FD
	tcaBPFName  = 7 // TCA_BPF_NAME
	tcaBPFFlags = 8 // TCA_BPF_FLAGS
	tcaBPFID    = 11

	tcaBPFFlagActDirect = 1 // TCA_BPF_FLAG_ACT_DIRECT

	ethPAll = 0x0003 // ETH_P_ALL, host order

	sizeofTcMsg = 20 // struct tcmsg
)

// tcMsg is struct tcmsg.
type tcMsg struct {
	Ifindex int32
	Handle  uint32
	Parent  uint32
	Info    uint32 // filters: TC_H_MAKE(prio << 16, htons(protocol))
}

func (m tcMsg) bytes() []byte {
	b := make([]byte, sizeofTcMsg)
	b[0] = unix.AF_UNSPEC
	binary.NativeEndian.PutUint32(b[4:], uint32(m.Ifindex))
	binary.NativeEndian.PutUint32(b[8:], m.Handle)
	binary.NativeEndian.PutUint32(b[12:], m.Parent)
	binary.NativeEndian.PutUint32(b[16:], m.Info)
	return b
}

func parseTcMsg(b []byte) (tcMsg, map[uint16][]byte, error) {
	if len(b) < sizeofTcMsg {
		return tcMsg{}, nil, fmt.Errorf("netlink: tcmsg of %d bytes", len(b))
	}
	m := tcMsg{
		Ifindex: int32(binary.NativeEndian.Uint32(b[4:])),
		Handle:  binary.NativeEndian.Uint32(b[8:]),
		Parent:  binary.NativeEndian.Uint32(b[12:]),
		Info:    binary.NativeEndian.Uint32(b[16:]),
	}
	return m, attrs(b[sizeofTcMsg:]), nil
}

// filterInfo is tcm_info for a filter at prio matching every protocol.
func filterInfo(prio uint16) uint32 {
	return uint32(prio)<<16 | uint32(htons(ethPAll))
}

func htons(v uint16) uint16 {
	var b [2]byte
	binary.BigEndian.PutUint16(b[:], v)
	return binary.NativeEndian.Uint16(b[:])
}

func attr(typ uint16, payload []byte) []byte {
	l := unix.SizeofRtAttr + len(payload)
	b := make([]byte, (l+3)&^3)
	binary.NativeEndian.PutUint16(b[0:], uint16(l))
	binary.NativeEndian.PutUint16(b[2:], typ)
	copy(b[unix.SizeofRtAttr:], payload)
	return b
}

func attrU32(typ uint16, v uint32) []byte {
	var b [4]byte
	binary.NativeEndian.PutUint32(b[:], v)
	return attr(typ, b[:])
}

func attrString(typ uint16, s string) []byte {
	return attr(typ, append([]byte(s), 0))
}

// attrs parses a run of rtattrs into type -> payload (the last of a type
// wins; the nested flag is masked off).
func attrs(b []byte) map[uint16][]byte {
	out := map[uint16][]byte{}
	for len(b) >= unix.SizeofRtAttr {
		l := int(binary.NativeEndian.Uint16(b[0:]))
		typ := binary.NativeEndian.Uint16(b[2:]) & 0x3fff
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

func attrStr(a map[uint16][]byte, typ uint16) string {
	v := a[typ]
	for i, c := range v {
		if c == 0 {
			return string(v[:i])
		}
	}
	return string(v)
}

func attrU32Of(a map[uint16][]byte, typ uint16) (uint32, bool) {
	v, ok := a[typ]
	if !ok || len(v) < 4 {
		return 0, false
	}
	return binary.NativeEndian.Uint32(v), true
}

// nlError is the kernel's refusal of a request, with its extended-ack
// message when it sent one.
type nlError struct {
	Errno unix.Errno
	Msg   string
}

func (e *nlError) Error() string {
	if e.Msg != "" {
		return fmt.Sprintf("%s (%v)", e.Msg, e.Errno)
	}
	return e.Errno.Error()
}

func (e *nlError) Unwrap() error { return e.Errno }

type nlConn struct {
	mu  sync.Mutex
	fd  int
	seq uint32
}

func openNetlink() (*nlConn, error) {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_ROUTE)
	if err != nil {
		return nil, fmt.Errorf("netlink socket: %w", err)
	}
	_ = unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_EXT_ACK, 1)
	_ = unix.SetsockoptInt(fd, unix.SOL_NETLINK, unix.NETLINK_CAP_ACK, 1)
	if err := unix.Bind(fd, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("netlink bind: %w", err)
	}
	return &nlConn{fd: fd}, nil
}

func (c *nlConn) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fd >= 0 {
		unix.Close(c.fd)
		c.fd = -1
	}
}

// request sends one message and returns the payloads of the replies (a
// dump's messages) once the kernel acks or ends the dump.
func (c *nlConn) request(typ, flags uint16, body []byte) ([][]byte, error) {
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
		if err == unix.EINTR {
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
				return nil, &nlError{Errno: unix.Errno(-code), Msg: extAck(m)}
			case unix.NLMSG_DONE:
				if len(m.Data) >= 4 {
					if code := int32(binary.NativeEndian.Uint32(m.Data)); code < 0 {
						return nil, &nlError{Errno: unix.Errno(-code), Msg: extAck(m)}
					}
				}
				return out, nil
			default:
				out = append(out, append([]byte(nil), m.Data...))
			}
		}
	}
}

// extAck digs NLMSGERR_ATTR_MSG out of an error (or dump's done) message.
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
	return attrStr(attrs(m.Data[off:]), unix.NLMSGERR_ATTR_MSG)
}

// qdisc is one qdisc of an interface.
type qdisc struct {
	kind           string
	handle, parent uint32
}

// qdiscs lists the qdiscs of ifindex.
func (c *nlConn) qdiscs(ifindex int) ([]qdisc, error) {
	msgs, err := c.request(unix.RTM_GETQDISC, unix.NLM_F_DUMP, tcMsg{Ifindex: int32(ifindex)}.bytes())
	if err != nil {
		return nil, fmt.Errorf("listing qdiscs: %w", err)
	}
	var out []qdisc
	for _, b := range msgs {
		m, a, err := parseTcMsg(b)
		if err != nil {
			return nil, err
		}
		if int(m.Ifindex) != ifindex {
			continue
		}
		out = append(out, qdisc{kind: attrStr(a, unix.TCA_KIND), handle: m.Handle, parent: m.Parent})
	}
	return out, nil
}

// tcFilter is one entry of a filter dump: a classifier instance (handle
// 0) or one filter in it.
type tcFilter struct {
	kind   string
	chain  uint32
	prio   uint16
	handle uint32
	progID uint32 // TCA_BPF_ID for bpf filters
}

// filters lists the filters under clsact's ingress or egress (minor
// tcHMinIngress or tcHMinEgress), in every chain.
func (c *nlConn) filters(ifindex int, minor uint32) ([]tcFilter, error) {
	req := tcMsg{Ifindex: int32(ifindex), Parent: tcHClsact&0xffff0000 | minor}
	msgs, err := c.request(unix.RTM_GETTFILTER, unix.NLM_F_DUMP, req.bytes())
	if err != nil {
		return nil, fmt.Errorf("listing filters: %w", err)
	}
	var out []tcFilter
	for _, b := range msgs {
		m, a, err := parseTcMsg(b)
		if err != nil {
			return nil, err
		}
		if int(m.Ifindex) != ifindex {
			continue
		}
		f := tcFilter{kind: attrStr(a, unix.TCA_KIND), prio: uint16(m.Info >> 16), handle: m.Handle}
		f.chain, _ = attrU32Of(a, unix.TCA_CHAIN)
		if f.kind == "bpf" {
			f.progID, _ = attrU32Of(attrs(a[unix.TCA_OPTIONS]), tcaBPFID)
		}
		out = append(out, f)
	}
	return out, nil
}
