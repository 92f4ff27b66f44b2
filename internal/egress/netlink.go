package egress

import (
	"encoding/binary"
	"fmt"

	"github.com/xdpdump/xdpdump/internal/rtnl"

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
	return m, rtnl.Attrs(b[sizeofTcMsg:]), nil
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

// nlConn is an rtnetlink socket (internal/rtnl) with the qdisc and
// filter dumps the clsact fallback needs.
type nlConn struct{ *rtnl.Conn }

func openNetlink() (*nlConn, error) {
	c, err := rtnl.Open()
	if err != nil {
		return nil, err
	}
	return &nlConn{c}, nil
}

// qdisc is one qdisc of an interface.
type qdisc struct {
	kind           string
	handle, parent uint32
}

// qdiscs lists the qdiscs of ifindex.
func (c *nlConn) qdiscs(ifindex int) ([]qdisc, error) {
	msgs, err := c.Request(unix.RTM_GETQDISC, unix.NLM_F_DUMP, tcMsg{Ifindex: int32(ifindex)}.bytes())
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
		out = append(out, qdisc{kind: rtnl.Str(a, unix.TCA_KIND), handle: m.Handle, parent: m.Parent})
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
	msgs, err := c.Request(unix.RTM_GETTFILTER, unix.NLM_F_DUMP, req.bytes())
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
		f := tcFilter{kind: rtnl.Str(a, unix.TCA_KIND), prio: uint16(m.Info >> 16), handle: m.Handle}
		f.chain, _ = rtnl.U32(a, unix.TCA_CHAIN)
		if f.kind == "bpf" {
			f.progID, _ = rtnl.U32(rtnl.Attrs(a[unix.TCA_OPTIONS]), tcaBPFID)
		}
		out = append(out, f)
	}
	return out, nil
}
