// MPLS frames for the comparison with tcpdump (print-mpls.c): label
// stacks of one to several entries with the reserved labels, payloads of
// every kind it guesses (IPv4, IPv6, OSI, unknown), a stack without its
// bottom, and captures cut short.

package printer

import (
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

func mplsEntry(label uint32, exp byte, bottom bool, ttl byte) []byte {
	e := label<<12 | uint32(exp&7)<<9 | uint32(ttl)
	if bottom {
		e |= 1 << 8
	}
	return u32b(e)
}

func mplsCorpus() []frame {
	var fs []frame
	add := func(name string, t uint16, b []byte) { fs = append(fs, full(name, pad(cat(macB, macA, u16b(t), b)))) }
	u := udp4To(ip4B, 5000, 6000, []byte("mpls payload"))
	ip := cat([]byte{0x45, 0, 0, byte(20 + len(u)), 0, 1, 0x40, 0, 64, 17, 0, 0}, ip4A, ip4B)
	c := cksum(0, ip)
	ip[10], ip[11] = byte(c>>8), byte(c)
	ip4pkt := cat(ip, u)
	ip6pkt := serialize(ip6(ip6A, ip6B, 17, 64), udpLayer6(), payload6())
	for l := uint32(0); l < 18; l++ {
		add("mpls-label", 0x8847, cat(mplsEntry(l, byte(l), true, byte(64+l)), ip4pkt))
	}
	add("mpls-v6null", 0x8847, cat(mplsEntry(2, 0, true, 1), ip6pkt))
	add("mpls-stack", 0x8847, cat(mplsEntry(1000, 1, false, 255), mplsEntry(1048575, 7, false, 0), mplsEntry(16, 5, true, 9), ip4pkt))
	add("mpls-guess6", 0x8848, cat(mplsEntry(300, 0, false, 64), mplsEntry(301, 0, true, 64), ip6pkt))
	add("mpls-guess4", 0x8848, cat(mplsEntry(299, 0, true, 64), ip4pkt))
	add("mpls-osi", 0x8847, cat(mplsEntry(17, 0, true, 64), []byte{0x83, 0x1b, 1, 0, 0x14, 1, 0, 0}))
	add("mpls-unknown", 0x8847, cat(mplsEntry(18, 0, true, 64), []byte("\x00\x01unknown payload")))
	add("mpls-eth", 0x8847, cat(mplsEntry(19, 0, true, 64), macA, macB, []byte{8, 0}))
	add("mpls-v4null-short", 0x8847, cat(mplsEntry(0, 0, true, 64), []byte{0x45, 0}))
	fs = append(fs, full("mpls-empty", cat(macB, macA, u16b(0x8847), mplsEntry(20, 0, true, 64))))
	fs = append(fs, full("mpls-nobottom", cat(macB, macA, u16b(0x8847), mplsEntry(20, 0, false, 64), mplsEntry(21, 0, false, 64))))
	fs = append(fs, full("mpls-partial", cat(macB, macA, u16b(0x8847), mplsEntry(20, 0, false, 64), []byte{1, 2})))
	fs = append(fs, full("mpls-none", cat(macB, macA, u16b(0x8847))))
	base := full("mpls-cut", pad(cat(macB, macA, u16b(0x8847), mplsEntry(1000, 1, false, 255), mplsEntry(300, 0, true, 64), ip4pkt)))
	for _, n := range []int{14, 16, 18, 20, 22, 23, 30, 40, 50} {
		fs = append(fs, cut(base, n))
	}
	ubase := full("mpls-unknown-cut", pad(cat(macB, macA, u16b(0x8847), mplsEntry(18, 0, true, 64), []byte("\x00\x01unknown payload"))))
	fs = append(fs, cut(ubase, 22), cut(ubase, 23), cut(ubase, 30))
	return fs
}

func udpLayer6() *layers.UDP { return &layers.UDP{SrcPort: 5000, DstPort: 6000} }

func payload6() gopacket.Payload { return gopacket.Payload("mpls v6 payload") }
