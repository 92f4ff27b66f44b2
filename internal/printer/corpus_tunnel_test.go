package printer

import (
	"encoding/binary"
	"net"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// innerFrames returns Ethernet frames to carry in tunnels.
func innerFrames() [][]byte {
	macC := net.HardwareAddr{0x02, 0x42, 0xac, 0x11, 0x00, 0x02}
	macD := net.HardwareAddr{0x02, 0x42, 0xac, 0x11, 0x00, 0x03}
	c4, d4 := net.IPv4(172, 17, 0, 2).To4(), net.IPv4(172, 17, 0, 3).To4()
	var out [][]byte
	out = append(out, serialize(eth(macC, bcast, layers.EthernetTypeARP), &layers.ARP{AddrType: layers.LinkTypeEthernet,
		Protocol: layers.EthernetTypeIPv4, HwAddressSize: 6, ProtAddressSize: 4, Operation: 1,
		SourceHwAddress: macC, SourceProtAddress: c4, DstHwAddress: make([]byte, 6), DstProtAddress: d4}))
	out = append(out, serialize(eth(macC, macD, layers.EthernetTypeIPv4), ip4(c4, d4, layers.IPProtocolICMPv4, 0x4242),
		&layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(8, 0), Id: 7, Seq: 1}, gopacket.Payload([]byte("inner ping"))))
	out = append(out, serialize(eth(macD, macC, layers.EthernetTypeIPv4), ip4(d4, c4, layers.IPProtocolTCP, 0x4243),
		&layers.TCP{SrcPort: 80, DstPort: 41000, SYN: true, ACK: true, Seq: 77, Ack: 1001, Window: 65160, Options: synOpts(5, 4)}))
	out = append(out, serialize(eth(macC, macD, layers.EthernetTypeIPv6), ip6(ip6A, ip6B, layers.IPProtocolUDP, 64),
		&layers.UDP{SrcPort: 40000, DstPort: 53}, gopacket.Payload(cat(dnsHdr(9, 0x0100, 1, 0, 0, 0), dq(dname("inner.example."), 28, 1)))))
	out = append(out, serialize(eth(macC, macD, layers.EthernetTypeDot1Q), &layers.Dot1Q{VLANIdentifier: 42, Type: layers.EthernetTypeIPv4},
		ip4(c4, d4, layers.IPProtocolUDP, 0x4244), &layers.UDP{SrcPort: 68, DstPort: 67},
		gopacket.Payload(bootpMsg{op: 1, htype: 1, hlen: 6, xid: 5, chaddr: macC}.bytes(dhcpCookie, dopt(53, 1), []byte{255}))))
	return out
}

func vxlanHdr(flags byte, vni uint32) []byte {
	return cat([]byte{flags, 0, 0, 0}, u32b(vni<<8))
}

// geneveHdr builds a Geneve header with options opts (a multiple of 4
// bytes) for an inner protocol.
func geneveHdr(ver, flags byte, proto uint16, vni uint32, rsvd byte, opts []byte) []byte {
	return cat([]byte{ver<<6 | byte(len(opts)/4), flags}, u16b(proto), u32b(vni<<8|uint32(rsvd)), opts)
}

func geneveOpt(class uint16, typ byte, data []byte) []byte {
	return cat(u16b(class), []byte{typ, byte(len(data) / 4)}, data)
}

// tunnelCorpus returns VXLAN and Geneve datagrams with inner frames the
// printers decode, malformed headers and truncated captures.
func tunnelCorpus() []frame {
	var fs []frame
	add := func(name string, v6 bool, sp, dp uint16, payload []byte) {
		fs = append(fs, full(name, udpFrame(v6, sp, dp, payload)))
	}
	inner := innerFrames()
	for i, f := range inner {
		add("vxlan", i == 3, uint16(50000+i), 4789, cat(vxlanHdr(0x08, uint32(100+i)), f))
	}
	add("vxlan-flags0", false, 50010, 4789, cat(vxlanHdr(0x00, 0xffffff), inner[1]))
	add("vxlan-flags", false, 4789, 50011, cat(vxlanHdr(0xff, 1), inner[2]))
	add("vxlan-short", false, 50012, 4789, []byte{0x08, 0, 0, 0, 0, 0})
	add("vxlan-noinner", false, 50013, 4789, vxlanHdr(0x08, 5))
	add("vxlan-innershort", false, 50014, 4789, cat(vxlanHdr(0x08, 5), inner[1][:10]))
	add("vxlan-vxlan", false, 50015, 4789, cat(vxlanHdr(0x08, 6), udpFrame(false, 50016, 4789, cat(vxlanHdr(0x08, 7), inner[0]))))
	add("vxlan-ptp", false, 320, 4789, cat(vxlanHdr(0x08, 8), inner[0]))  // VXLAN is tested before PTP
	add("vxlan-otv", false, 8472, 4789, cat(vxlanHdr(0x08, 8), inner[0])) // OTV before VXLAN: not comparable
	// A UDP length shorter than the IP payload: inner length < caplen.
	shortU := udpFrame(false, 50017, 4789, cat(vxlanHdr(0x08, 9), inner[1]))
	binary.BigEndian.PutUint16(shortU[offIP4L4+4:], uint16(8+8+len(inner[1])-4))
	fs = append(fs, full("vxlan-ulen", shortU))
	base := full("vxlan-cut", udpFrame(false, 50018, 4789, cat(vxlanHdr(0x08, 10), inner[2])))
	for _, c := range []int{43, 46, 48, 49, 50, 55, 64, 70, 80, 100} {
		fs = append(fs, cut(base, c))
	}

	// Geneve.
	ovs := geneveOpt(0x0101, 0x80, []byte{1, 2, 3, 4})
	opts := cat(ovs, geneveOpt(0x0100, 0x01, nil), geneveOpt(0x0050, 0x7f, make([]byte, 8)),
		geneveOpt(0xfff3, 0x02, []byte{0xde, 0xad, 0xbe, 0xef}), geneveOpt(0x0102, 3, nil), geneveOpt(0x0103, 3, nil),
		geneveOpt(0x0104, 3, nil), geneveOpt(0x1234, 3, nil))
	add("geneve-teb", false, 50100, 6081, cat(geneveHdr(0, 0, 0x6558, 0x123456, 0, nil), inner[1]))
	add("geneve-opts", false, 50101, 6081, cat(geneveHdr(0, 0xc0, 0x6558, 1, 0, opts), inner[0]))
	add("geneve-ip4", false, 6081, 50102, cat(geneveHdr(0, 0x80, 0x0800, 2, 7, ovs), inner[2][14:]))
	add("geneve-ip6", true, 50103, 6081, cat(geneveHdr(0, 0x3f, 0x86dd, 3, 0, nil), inner[3][14:]))
	add("geneve-arp", false, 50104, 6081, cat(geneveHdr(0, 0, 0x0806, 4, 0, nil), inner[0][14:]))
	add("geneve-proto", false, 50105, 6081, cat(geneveHdr(0, 0, 0x1234, 5, 0, nil), []byte("payload")))
	add("geneve-lat", false, 50106, 6081, cat(geneveHdr(0, 0, 0x6004, 5, 0, nil), []byte("payload")))
	add("geneve-mpls", false, 50107, 6081, cat(geneveHdr(0, 0, 0x8847, 5, 0, nil), []byte("payload"))) // not comparable
	add("geneve-v1", false, 50108, 6081, cat(geneveHdr(1, 0, 0x6558, 6, 0, nil), inner[0]))
	add("geneve-short", false, 50109, 6081, []byte{0, 0, 0x65, 0x58, 0, 0})
	add("geneve-optlen", false, 50110, 6081, cat([]byte{0x0f, 0}, u16b(0x6558), u32b(7<<8), ovs))
	add("geneve-badopt", false, 50111, 6081, cat(geneveHdr(0, 0, 0x6558, 8, 0, geneveOpt(0x0101, 1, []byte{1, 2, 3, 4})[:4]), inner[0]))
	bad := cat(geneveHdr(0, 0, 0x6558, 9, 0, cat(geneveOpt(0x0101, 1, nil), []byte{0x01, 0x01, 0x01, 0x1f})), inner[0])
	add("geneve-optover", false, 50112, 6081, bad)
	gbase := full("geneve-cut", udpFrame(false, 50113, 6081, cat(geneveHdr(0, 0, 0x6558, 10, 0, opts), inner[1])))
	for _, c := range []int{44, 49, 50, 55, 60, 80, 90, 100} {
		fs = append(fs, cut(gbase, c))
	}
	return fs
}
