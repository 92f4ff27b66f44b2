// veth.go tells whether the SYN-ACKs of a bounce on a veth can arrive: a
// veth hands the frames its XDP program sends back with XDP_TX only to a
// peer that runs an XDP program of its own (its NAPI); on this kernel GRO
// on the peer is not enough. Elsewhere the stage would count answers
// that the peer silently drops.
package bounce

import (
	"encoding/binary"
	"fmt"

	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/rtnl"
)

// VethPeer describes the peer of a veth.
type VethPeer struct {
	Name string // the peer's name, in its own namespace
	// OtherNamespace: the peer is in another network namespace.
	OtherNamespace bool
	// XDP: an XDP program runs on the peer.
	XDP bool
}

// PeerOf returns the peer of the veth ifindex (in the calling thread's
// network namespace), or nil when ifindex is not a veth or its peer
// cannot be seen from here.
func PeerOf(ifindex int) (*VethPeer, error) {
	c, err := rtnl.Open()
	if err != nil {
		return nil, err
	}
	defer c.Close()
	a, err := getLink(c, ifindex, -1)
	if err != nil {
		return nil, err
	}
	if rtnl.Str(rtnl.Attrs(a[unix.IFLA_LINKINFO]), unix.IFLA_INFO_KIND) != "veth" {
		return nil, nil
	}
	peer, ok := rtnl.U32(a, unix.IFLA_LINK)
	if !ok || peer == 0 {
		return nil, nil
	}
	nsid := int32(-1)
	if v, ok := rtnl.U32(a, unix.IFLA_LINK_NETNSID); ok {
		nsid = int32(v)
	}
	pa, err := getLink(c, int(peer), nsid)
	if err != nil {
		return nil, nil // the peer's namespace is out of sight
	}
	attached, _ := rtnl.U8(rtnl.Attrs(pa[unix.IFLA_XDP]), unix.IFLA_XDP_ATTACHED)
	return &VethPeer{Name: rtnl.Str(pa, unix.IFLA_IFNAME), OtherNamespace: nsid >= 0, XDP: attached != 0}, nil
}

// getLink asks for one link's attributes; nsid >= 0 asks in the
// namespace of that id (IFLA_TARGET_NETNSID).
func getLink(c *rtnl.Conn, ifindex int, nsid int32) (map[uint16][]byte, error) {
	msg := make([]byte, unix.SizeofIfInfomsg)
	binary.NativeEndian.PutUint32(msg[4:], uint32(ifindex))
	if nsid >= 0 {
		msg = append(msg, rtnl.AttrU32(unix.IFLA_TARGET_NETNSID, uint32(nsid))...)
	}
	replies, err := c.Request(unix.RTM_GETLINK, 0, msg)
	if err != nil {
		return nil, err
	}
	if len(replies) != 1 || len(replies[0]) < unix.SizeofIfInfomsg {
		return nil, fmt.Errorf("RTM_GETLINK of ifindex %d: %d answers", ifindex, len(replies))
	}
	return rtnl.Attrs(replies[0][unix.SizeofIfInfomsg:]), nil
}

// PeerNote is the start-up line for a bounce on ifindex when its answers
// cannot arrive (a veth whose peer runs no XDP program), or "".
func PeerNote(ifindex int) string {
	p, err := PeerOf(ifindex)
	if err != nil || p == nil || p.XDP {
		return ""
	}
	return fmt.Sprintf("warning: its veth peer %s runs no XDP program, and a veth drops what XDP_TX sends to such a peer: the SYN-ACKs will not arrive (attach an XDP program to %s, even one that only passes)", p.Name, p.Name)
}
