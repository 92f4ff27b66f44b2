package rtnl

import (
	"encoding/binary"
	"errors"
	"testing"

	"golang.org/x/sys/unix"
)

func TestAttrsRoundTrip(t *testing.T) {
	var b []byte
	b = append(b, AttrU32(1, 0xdeadbeef)...)
	b = append(b, AttrString(2, "xdpdump")...)
	b = append(b, Attr(3|unix.NLA_F_NESTED, AttrU32(4, 7))...)
	b = append(b, Attr(5, []byte{9})...)
	a := Attrs(b)
	if v, ok := U32(a, 1); !ok || v != 0xdeadbeef {
		t.Fatalf("u32: %#x %v", v, ok)
	}
	if s := Str(a, 2); s != "xdpdump" {
		t.Fatalf("string: %q", s)
	}
	if v, ok := U32(Attrs(a[3]), 4); !ok || v != 7 {
		t.Fatalf("nested: %d %v", v, ok)
	}
	if v, ok := U8(a, 5); !ok || v != 9 {
		t.Fatalf("u8: %d %v", v, ok)
	}
	if _, ok := U32(a, 5); ok {
		t.Fatal("a 1-byte attribute read as u32")
	}
	if len(Attrs(b[:len(b)-4])) != 3 { // the last attribute loses a payload byte
		t.Fatal("a cut attribute was not dropped")
	}
}

func ifinfo(ifindex int32) []byte {
	b := make([]byte, unix.SizeofIfInfomsg)
	binary.NativeEndian.PutUint32(b[4:], uint32(ifindex))
	return b
}

func TestRequest(t *testing.T) {
	c, err := Open()
	if err != nil {
		t.Skipf("no netlink here: %v", err)
	}
	defer c.Close()
	msgs, err := c.Request(unix.RTM_GETLINK, 0, ifinfo(1)) // lo is always 1
	if err != nil || len(msgs) != 1 {
		t.Fatalf("RTM_GETLINK lo: %d messages, %v", len(msgs), err)
	}
	if name := Str(Attrs(msgs[0][unix.SizeofIfInfomsg:]), unix.IFLA_IFNAME); name != "lo" {
		t.Fatalf("ifindex 1 is %q", name)
	}
	_, err = c.Request(unix.RTM_GETLINK, 0, ifinfo(0x7ffffff0))
	var ne *Error
	if !errors.As(err, &ne) || !errors.Is(err, unix.ENODEV) {
		t.Fatalf("a missing ifindex: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Request(unix.RTM_GETLINK, 0, ifinfo(1)); err == nil {
		t.Fatal("Request after Close: no error")
	}
	if err := c.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}
