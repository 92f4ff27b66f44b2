package printer

import (
	"encoding/binary"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// frame is one corpus record: captured bytes and the length on the wire.
type frame struct {
	name    string
	data    []byte
	origLen int
}

var (
	macA    = net.HardwareAddr{0x02, 0x77, 0x00, 0x00, 0x00, 0x01}
	macB    = net.HardwareAddr{0x02, 0x77, 0x00, 0x00, 0x00, 0x02}
	bcast   = net.HardwareAddr{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	ip4A    = net.IPv4(10, 77, 0, 1).To4()
	ip4B    = net.IPv4(10, 77, 0, 2).To4()
	ip6A    = net.ParseIP("fd77::1")
	ip6B    = net.ParseIP("fd77::2")
	ip6LL   = net.ParseIP("fe80::77:ff:fe00:1")
	ip6SolB = net.ParseIP("ff02::1:ff00:2")
	ip6AllR = net.ParseIP("ff02::2")
)

func serialize(ls ...gopacket.SerializableLayer) []byte {
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	for _, l := range ls {
		switch n := l.(type) {
		case *layers.TCP:
			for _, m := range ls {
				if nl, ok := m.(gopacket.NetworkLayer); ok {
					n.SetNetworkLayerForChecksum(nl)
				}
			}
		case *layers.UDP:
			for _, m := range ls {
				if nl, ok := m.(gopacket.NetworkLayer); ok {
					n.SetNetworkLayerForChecksum(nl)
				}
			}
		case *layers.ICMPv6:
			for _, m := range ls {
				if nl, ok := m.(gopacket.NetworkLayer); ok {
					n.SetNetworkLayerForChecksum(nl)
				}
			}
		}
	}
	if err := gopacket.SerializeLayers(buf, opts, ls...); err != nil {
		panic(err)
	}
	return append([]byte(nil), buf.Bytes()...)
}

func eth(src, dst net.HardwareAddr, t layers.EthernetType) *layers.Ethernet {
	return &layers.Ethernet{SrcMAC: src, DstMAC: dst, EthernetType: t}
}

func ip4(src, dst net.IP, proto layers.IPProtocol, id uint16) *layers.IPv4 {
	return &layers.IPv4{Version: 4, IHL: 5, TTL: 64, Id: id, Flags: layers.IPv4DontFragment,
		Protocol: proto, SrcIP: src, DstIP: dst}
}

func ip6(src, dst net.IP, nh layers.IPProtocol, hlim uint8) *layers.IPv6 {
	return &layers.IPv6{Version: 6, HopLimit: hlim, NextHeader: nh, SrcIP: src, DstIP: dst}
}

func synOpts(tsval, tsecr uint32) []layers.TCPOption {
	ts := make([]byte, 8)
	binary.BigEndian.PutUint32(ts, tsval)
	binary.BigEndian.PutUint32(ts[4:], tsecr)
	return []layers.TCPOption{
		{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: []byte{0x05, 0xb4}},
		{OptionType: layers.TCPOptionKindSACKPermitted, OptionLength: 2},
		{OptionType: layers.TCPOptionKindTimestamps, OptionLength: 10, OptionData: ts},
		{OptionType: layers.TCPOptionKindNop},
		{OptionType: layers.TCPOptionKindWindowScale, OptionLength: 3, OptionData: []byte{7}},
	}
}

func tsOpts(tsval, tsecr uint32) []layers.TCPOption {
	ts := make([]byte, 8)
	binary.BigEndian.PutUint32(ts, tsval)
	binary.BigEndian.PutUint32(ts[4:], tsecr)
	return []layers.TCPOption{
		{OptionType: layers.TCPOptionKindNop},
		{OptionType: layers.TCPOptionKindNop},
		{OptionType: layers.TCPOptionKindTimestamps, OptionLength: 10, OptionData: ts},
	}
}

func full(name string, b []byte) frame { return frame{name: name, data: b, origLen: len(b)} }

// pad pads an Ethernet frame to the 60-byte minimum, as a NIC does.
func pad(b []byte) []byte {
	for len(b) < 60 {
		b = append(b, 0)
	}
	return b
}

// cut keeps the first n bytes of a frame as a capture with a snaplen would.
func cut(f frame, n int) frame {
	f.name += "/cut" + itoa(n)
	f.data = f.data[:n]
	return f
}

func itoa(n int) string {
	b := []byte{}
	if n == 0 {
		return "0"
	}
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// tcpConv builds a TCP conversation (handshake, data both ways, SACK, FIN
// and RST) between a and b over IPv4 or IPv6.
func tcpConv(v6 bool, sport, dport uint16, isnC, isnS uint32) []frame {
	var out []frame
	id := uint16(1000)
	mk := func(fromClient bool, t *layers.TCP, payload []byte) frame {
		src, dst := macA, macB
		var s4, d4, s6, d6 = ip4A, ip4B, ip6A, ip6B
		t.SrcPort, t.DstPort = layers.TCPPort(sport), layers.TCPPort(dport)
		if !fromClient {
			src, dst = macB, macA
			s4, d4, s6, d6 = ip4B, ip4A, ip6B, ip6A
			t.SrcPort, t.DstPort = layers.TCPPort(dport), layers.TCPPort(sport)
		}
		id++
		ls := []gopacket.SerializableLayer{}
		if v6 {
			ls = append(ls, eth(src, dst, layers.EthernetTypeIPv6), ip6(s6, d6, layers.IPProtocolTCP, 64), t)
		} else {
			ls = append(ls, eth(src, dst, layers.EthernetTypeIPv4), ip4(s4, d4, layers.IPProtocolTCP, id), t)
		}
		if payload != nil {
			ls = append(ls, gopacket.Payload(payload))
		}
		return full("tcp", pad(serialize(ls...)))
	}
	c, s := isnC, isnS
	out = append(out, mk(true, &layers.TCP{SYN: true, Seq: c, Window: 64240, Options: synOpts(1, 0)}, nil))
	out = append(out, mk(false, &layers.TCP{SYN: true, ACK: true, Seq: s, Ack: c + 1, Window: 65160, Options: synOpts(2, 1)}, nil))
	out = append(out, mk(true, &layers.TCP{ACK: true, Seq: c + 1, Ack: s + 1, Window: 502, Options: tsOpts(3, 2)}, nil))
	req := []byte("GET /index.html HTTP/1.1\r\nHost: test\r\n\r\n")
	out = append(out, mk(true, &layers.TCP{PSH: true, ACK: true, Seq: c + 1, Ack: s + 1, Window: 502, Options: tsOpts(4, 2)}, req))
	c += uint32(len(req))
	resp := make([]byte, 300)
	for i := range resp {
		resp[i] = byte(i)
	}
	out = append(out, mk(false, &layers.TCP{ACK: true, Seq: s + 1, Ack: c + 1, Window: 509, Options: tsOpts(5, 4)}, resp))
	// A SACK block acknowledging data beyond a hole.
	sack := make([]byte, 8)
	binary.BigEndian.PutUint32(sack, s+1+300+100)
	binary.BigEndian.PutUint32(sack[4:], s+1+300+200)
	out = append(out, mk(true, &layers.TCP{ACK: true, Seq: c + 1, Ack: s + 301, Window: 500, Options: []layers.TCPOption{
		{OptionType: layers.TCPOptionKindNop}, {OptionType: layers.TCPOptionKindNop},
		{OptionType: layers.TCPOptionKindSACK, OptionLength: 10, OptionData: sack}}}, nil))
	out = append(out, mk(false, &layers.TCP{PSH: true, ACK: true, URG: true, Urgent: 3, Seq: s + 301, Ack: c + 1, Window: 509}, []byte("urgent")))
	out = append(out, mk(true, &layers.TCP{FIN: true, ACK: true, Seq: c + 1, Ack: s + 307, Window: 500}, nil))
	out = append(out, mk(false, &layers.TCP{FIN: true, ACK: true, Seq: s + 307, Ack: c + 2, Window: 509}, nil))
	out = append(out, mk(true, &layers.TCP{ACK: true, Seq: c + 2, Ack: s + 308, Window: 500}, nil))
	out = append(out, mk(false, &layers.TCP{RST: true, Seq: s + 308, Window: 0}, nil))
	out = append(out, mk(true, &layers.TCP{RST: true, ACK: true, Seq: c + 2, Ack: s + 308, Window: 0}, []byte("connection reset\x01\xff")))
	out = append(out, mk(true, &layers.TCP{ECE: true, CWR: true, SYN: true, Seq: c + 5000, Window: 1024}, nil))
	out = append(out, mk(true, &layers.TCP{Window: 1024, Seq: 7}, nil)) // no flags
	return out
}

// corpus returns the generated frames. Extend it by appending frames.
func corpus() []frame {
	var fs []frame
	fs = append(fs, tcpConv(false, 40000, 5201, 1000000, 3000000000)...)
	fs = append(fs, tcpConv(true, 40001, 443, 4294967000, 42)...)
	// Same port on both sides (tcpdump orders the conversation by address).
	fs = append(fs, tcpConv(false, 7777, 7777, 5, 6)...)

	// UDP: plain, empty, IPv6, bad length, to a port tcpdump does not decode.
	udp := func(v6 bool, sp, dp uint16, payload []byte) []byte {
		u := &layers.UDP{SrcPort: layers.UDPPort(sp), DstPort: layers.UDPPort(dp)}
		if v6 {
			return pad(serialize(eth(macA, macB, layers.EthernetTypeIPv6), ip6(ip6A, ip6B, layers.IPProtocolUDP, 1), u, gopacket.Payload(payload)))
		}
		return pad(serialize(eth(macA, macB, layers.EthernetTypeIPv4), ip4(ip4A, ip4B, layers.IPProtocolUDP, 7), u, gopacket.Payload(payload)))
	}
	fs = append(fs, full("udp4", udp(false, 5000, 6000, []byte("hello, world"))))
	fs = append(fs, full("udp4-empty", udp(false, 5000, 6001, nil)))
	fs = append(fs, full("udp6", udp(true, 5000, 6000, make([]byte, 100))))
	bad := udp(false, 5000, 6002, make([]byte, 40))
	binary.BigEndian.PutUint16(bad[14+20+4:], 200) // UDP length larger than the IP payload
	fs = append(fs, full("udp4-badlen", bad))
	short := udp(false, 5000, 6003, make([]byte, 40))
	binary.BigEndian.PutUint16(short[14+20+4:], 4) // below the header size
	fs = append(fs, full("udp4-shortlen", short))
	fs = append(fs, full("udp4-dns", udp(false, 5353, 53, make([]byte, 30)))) // decoded by tcpdump: excluded

	// ICMP
	icmp := func(tc layers.ICMPv4TypeCode, id, seq uint16, payload []byte) []byte {
		return pad(serialize(eth(macA, macB, layers.EthernetTypeIPv4), ip4(ip4A, ip4B, layers.IPProtocolICMPv4, 9),
			&layers.ICMPv4{TypeCode: tc, Id: id, Seq: seq}, gopacket.Payload(payload)))
	}
	ping := make([]byte, 56)
	for i := range ping {
		ping[i] = byte(0x10 + i)
	}
	fs = append(fs, full("echo", icmp(layers.CreateICMPv4TypeCode(8, 0), 0x1234, 1, ping)))
	fs = append(fs, full("echo-reply", icmp(layers.CreateICMPv4TypeCode(0, 0), 0x1234, 1, ping)))
	// Port unreachable quoting the original IPv4+UDP header.
	quoted := serialize(ip4(ip4B, ip4A, layers.IPProtocolUDP, 77), &layers.UDP{SrcPort: 33434, DstPort: 33435}, gopacket.Payload(make([]byte, 20)))
	fs = append(fs, full("unreach-port", icmp(layers.CreateICMPv4TypeCode(3, 3), 0, 0, quoted)))
	quotedTCP := serialize(ip4(ip4B, ip4A, layers.IPProtocolTCP, 78), &layers.TCP{SrcPort: 40000, DstPort: 5201, SYN: true, Seq: 1, Window: 10})
	fs = append(fs, full("unreach-tcp", icmp(layers.CreateICMPv4TypeCode(3, 3), 0, 0, quotedTCP)))
	fs = append(fs, full("unreach-host", icmp(layers.CreateICMPv4TypeCode(3, 1), 0, 0, quoted)))
	fs = append(fs, full("unreach-admin", icmp(layers.CreateICMPv4TypeCode(3, 13), 0, 0, quoted)))
	fs = append(fs, full("needfrag", icmp(layers.CreateICMPv4TypeCode(3, 4), 0, 1400, quoted)))
	fs = append(fs, full("timxceed", icmp(layers.CreateICMPv4TypeCode(11, 0), 0, 0, quoted)))
	fs = append(fs, full("redirect", icmp(layers.CreateICMPv4TypeCode(5, 1), 0x0a4d, 0x0003, quoted)))
	fs = append(fs, full("icmp-other", icmp(layers.CreateICMPv4TypeCode(42, 0), 0, 0, nil)))
	badck := icmp(layers.CreateICMPv4TypeCode(8, 0), 1, 2, ping)
	badck[14+20+2] ^= 0x55
	fs = append(fs, full("echo-badcksum", badck))

	// ICMPv6
	icmp6 := func(src, dst net.IP, tc layers.ICMPv6TypeCode, body []byte, hlim uint8) []byte {
		return pad(serialize(eth(macA, macB, layers.EthernetTypeIPv6), ip6(src, dst, layers.IPProtocolICMPv6, hlim),
			&layers.ICMPv6{TypeCode: tc}, gopacket.Payload(body)))
	}
	echo6 := append([]byte{0x00, 0x2a, 0x00, 0x07}, ping...)
	fs = append(fs, full("echo6", icmp6(ip6A, ip6B, layers.CreateICMPv6TypeCode(128, 0), echo6, 64)))
	fs = append(fs, full("echo6-reply", icmp6(ip6B, ip6A, layers.CreateICMPv6TypeCode(129, 0), echo6, 64)))
	ns := append([]byte{0, 0, 0, 0}, ip6B.To16()...)
	ns = append(ns, 1, 1)
	ns = append(ns, macA...)
	fs = append(fs, full("ns", icmp6(ip6A, ip6SolB, layers.CreateICMPv6TypeCode(135, 0), ns, 255)))
	na := append([]byte{0x60, 0, 0, 0}, ip6B.To16()...)
	na = append(na, 2, 1)
	na = append(na, macB...)
	fs = append(fs, full("na", icmp6(ip6B, ip6A, layers.CreateICMPv6TypeCode(136, 0), na, 255)))
	rs := append([]byte{0, 0, 0, 0}, 1, 1)
	rs = append(rs, macA...)
	fs = append(fs, full("rs", icmp6(ip6LL, ip6AllR, layers.CreateICMPv6TypeCode(133, 0), rs, 255)))
	q6 := serialize(ip6(ip6B, ip6A, layers.IPProtocolUDP, 64), &layers.UDP{SrcPort: 5000, DstPort: 6000}, gopacket.Payload(make([]byte, 8)))
	fs = append(fs, full("unreach6-port", icmp6(ip6A, ip6B, layers.CreateICMPv6TypeCode(1, 4), append([]byte{0, 0, 0, 0}, q6...), 64)))
	fs = append(fs, full("unreach6-addr", icmp6(ip6A, ip6B, layers.CreateICMPv6TypeCode(1, 3), append([]byte{0, 0, 0, 0}, q6...), 64)))
	fs = append(fs, full("toobig6", icmp6(ip6A, ip6B, layers.CreateICMPv6TypeCode(2, 0), append([]byte{0, 0, 0x05, 0x00}, q6...), 64)))
	fs = append(fs, full("timex6", icmp6(ip6A, ip6B, layers.CreateICMPv6TypeCode(3, 0), append([]byte{0, 0, 0, 0}, q6...), 64)))

	// ARP request (broadcast) and reply, padded to 60 bytes.
	arp := func(op uint16, src, dst net.HardwareAddr, sha net.HardwareAddr, spa net.IP, tha net.HardwareAddr, tpa net.IP) []byte {
		return pad(serialize(eth(src, dst, layers.EthernetTypeARP), &layers.ARP{AddrType: layers.LinkTypeEthernet,
			Protocol: layers.EthernetTypeIPv4, HwAddressSize: 6, ProtAddressSize: 4, Operation: op,
			SourceHwAddress: sha, SourceProtAddress: spa, DstHwAddress: tha, DstProtAddress: tpa}))
	}
	zero := net.HardwareAddr{0, 0, 0, 0, 0, 0}
	fs = append(fs, full("arp-req", arp(1, macA, bcast, macA, ip4A, zero, ip4B)))
	fs = append(fs, full("arp-reply", arp(2, macB, macA, macB, ip4B, macA, ip4A)))
	fs = append(fs, full("arp-req-tha", arp(1, macA, macB, macA, ip4A, macB, ip4B)))

	// 802.1Q-tagged IPv4 UDP and ARP, and a double (QinQ) tag.
	dot1q := func(vid uint16, prio uint8, inner layers.EthernetType, ls ...gopacket.SerializableLayer) []byte {
		all := append([]gopacket.SerializableLayer{eth(macA, macB, layers.EthernetTypeDot1Q),
			&layers.Dot1Q{Priority: prio, VLANIdentifier: vid, Type: inner}}, ls...)
		return pad(serialize(all...))
	}
	fs = append(fs, full("vlan-udp", dot1q(100, 0, layers.EthernetTypeIPv4, ip4(ip4A, ip4B, layers.IPProtocolUDP, 5),
		&layers.UDP{SrcPort: 1111, DstPort: 2222}, gopacket.Payload([]byte("vlan")))))
	fs = append(fs, full("vlan-tcp6", dot1q(4094, 5, layers.EthernetTypeIPv6, ip6(ip6A, ip6B, layers.IPProtocolTCP, 64),
		&layers.TCP{SrcPort: 3333, DstPort: 4444, SYN: true, Seq: 99, Window: 100, Options: synOpts(9, 0)})))
	fs = append(fs, full("vlan-arp", dot1q(7, 3, layers.EthernetTypeARP, &layers.ARP{AddrType: layers.LinkTypeEthernet,
		Protocol: layers.EthernetTypeIPv4, HwAddressSize: 6, ProtAddressSize: 4, Operation: 1,
		SourceHwAddress: macA, SourceProtAddress: ip4A, DstHwAddress: zero, DstProtAddress: ip4B})))
	qinq := serialize(&layers.Ethernet{SrcMAC: macA, DstMAC: macB, EthernetType: layers.EthernetTypeQinQ},
		&layers.Dot1Q{VLANIdentifier: 10, Type: layers.EthernetTypeDot1Q},
		&layers.Dot1Q{VLANIdentifier: 20, Priority: 1, DropEligible: true, Type: layers.EthernetTypeIPv4},
		ip4(ip4A, ip4B, layers.IPProtocolICMPv4, 6), &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(8, 0), Id: 1, Seq: 2})
	fs = append(fs, full("qinq", pad(qinq)))

	// IPv4 fragments of a UDP datagram, and an IPv6 fragment pair.
	big := make([]byte, 1400)
	du := &layers.UDP{SrcPort: 5000, DstPort: 6000}
	du.SetNetworkLayerForChecksum(ip4(ip4A, ip4B, layers.IPProtocolUDP, 4242))
	dgram := serialize(du, gopacket.Payload(big))
	fr1 := ip4(ip4A, ip4B, layers.IPProtocolUDP, 4242)
	fr1.Flags = layers.IPv4MoreFragments
	fs = append(fs, full("frag1", serialize(eth(macA, macB, layers.EthernetTypeIPv4), fr1, gopacket.Payload(dgram[:800]))))
	fr2 := ip4(ip4A, ip4B, layers.IPProtocolUDP, 4242)
	fr2.Flags = 0
	fr2.FragOffset = 100
	fs = append(fs, full("frag2", serialize(eth(macA, macB, layers.EthernetTypeIPv4), fr2, gopacket.Payload(dgram[800:]))))
	f6 := func(off uint16, more bool, part []byte) []byte {
		return serialize(eth(macA, macB, layers.EthernetTypeIPv6), ip6(ip6A, ip6B, layers.IPProtocolIPv6Fragment, 64),
			&layers.IPv6Fragment{NextHeader: layers.IPProtocolUDP, FragmentOffset: off, MoreFragments: more, Identification: 0xabcdef},
			gopacket.Payload(part))
	}
	fs = append(fs, full("frag6-1", f6(0, true, dgram[:800])))
	fs = append(fs, full("frag6-2", f6(100, false, dgram[800:])))

	// IPv4 with options (router alert) and with a bad header checksum.
	ra := ip4(ip4A, ip4B, layers.IPProtocolUDP, 31)
	ra.Options = []layers.IPv4Option{{OptionType: 148, OptionLength: 4, OptionData: []byte{0, 0}}}
	fs = append(fs, full("ip-ra", pad(serialize(eth(macA, macB, layers.EthernetTypeIPv4), ra, &layers.UDP{SrcPort: 9, DstPort: 10}, gopacket.Payload([]byte("x"))))))
	badip := udp(false, 5000, 6000, []byte("bad ip checksum"))
	badip[14+10] ^= 0xff
	fs = append(fs, full("ip-badsum", badip))
	badtcp := tcpConv(false, 41000, 5201, 1, 2)[0]
	badtcp.data[14+20+16] ^= 0x0f
	badtcp.name = "tcp-badsum"
	fs = append(fs, badtcp)
	// Diffserv/ECN and TTL 1.
	tos := ip4(ip4A, ip4B, layers.IPProtocolUDP, 32)
	tos.TOS = 0xb8 | 2
	tos.TTL = 1
	fs = append(fs, full("ip-tos", pad(serialize(eth(macA, macB, layers.EthernetTypeIPv4), tos, &layers.UDP{SrcPort: 9999, DstPort: 9998}, gopacket.Payload([]byte("tos"))))))
	// IPv6 traffic class and flow label.
	fl := ip6(ip6A, ip6B, layers.IPProtocolUDP, 3)
	fl.TrafficClass = 0x2e
	fl.FlowLabel = 0x12345
	fs = append(fs, full("ip6-flow", pad(serialize(eth(macA, macB, layers.EthernetTypeIPv6), fl, &layers.UDP{SrcPort: 9999, DstPort: 9998}, gopacket.Payload([]byte("flow"))))))

	// An IP protocol tcpdump has no printer for.
	fs = append(fs, full("ipproto-253", pad(serialize(eth(macA, macB, layers.EthernetTypeIPv4), ip4(ip4A, ip4B, 253, 33), gopacket.Payload(make([]byte, 24))))))
	// An Ethertype with no printer (local experimental 0x88b5).
	fs = append(fs, full("ethertype-88b5", pad(serialize(eth(macA, macB, 0x88b5), gopacket.Payload([]byte("experimental ethertype payload"))))))

	// Truncated captures (caplen < len) at interesting places.
	conv := tcpConv(false, 40002, 5201, 10, 20)
	syn := conv[0]
	fs = append(fs, cut(syn, 10))      // inside the Ethernet header
	fs = append(fs, cut(syn, 14))      // exactly the Ethernet header
	fs = append(fs, cut(syn, 30))      // inside the IPv4 header
	fs = append(fs, cut(syn, 36))      // inside the TCP ports
	fs = append(fs, cut(syn, 50))      // inside the TCP header
	fs = append(fs, cut(syn, 58))      // inside the TCP options
	fs = append(fs, cut(syn, 64))      // inside the TS option
	fs = append(fs, cut(conv[4], 100)) // data segment, payload cut
	fs = append(fs, cut(conv[11], 70)) // RST with data, cut
	fs = append(fs, cut(full("u", udp(false, 5000, 6000, make([]byte, 64))), 40))
	fs = append(fs, cut(full("u", udp(false, 5000, 6000, make([]byte, 64))), 60))
	fs = append(fs, cut(full("e", icmp(layers.CreateICMPv4TypeCode(8, 0), 1, 2, ping)), 36))
	fs = append(fs, cut(full("ur", icmp(layers.CreateICMPv4TypeCode(3, 3), 0, 0, quoted)), 50))
	fs = append(fs, cut(full("e6", icmp6(ip6A, ip6B, layers.CreateICMPv6TypeCode(128, 0), echo6, 64)), 58))
	fs = append(fs, cut(full("ns", icmp6(ip6A, ip6SolB, layers.CreateICMPv6TypeCode(135, 0), ns, 255)), 70))
	fs = append(fs, cut(full("arp", arp(1, macA, bcast, macA, ip4A, zero, ip4B)), 30))
	fs = append(fs, cut(full("vlan", dot1q(100, 0, layers.EthernetTypeIPv4, ip4(ip4A, ip4B, layers.IPProtocolUDP, 5),
		&layers.UDP{SrcPort: 1111, DstPort: 2222})), 16))
	fs = append(fs, cut(full("ip6", udp(true, 5000, 6000, make([]byte, 100))), 40))
	// Captured length shorter than the IP total length but the frame itself
	// is whole: the IP header lies (claims 100 more bytes).
	lie := udp(false, 5000, 6000, []byte("liar"))
	binary.BigEndian.PutUint16(lie[14+2:], binary.BigEndian.Uint16(lie[14+2:])+100)
	fs = append(fs, full("ip-lie", lie))
	// Jumbo original length (a GRO aggregate captured with a snaplen).
	jumbo := tcpConv(false, 40003, 5201, 10, 20)[4]
	jumbo.origLen = 64000
	jumbo.name = "gro"
	fs = append(fs, jumbo)
	fs = append(fs, appCorpus()...)
	fs = append(fs, vvCorpus()...)
	fs = append(fs, ip6ExtCorpus()...)
	fs = append(fs, arpCorpus()...)
	fs = append(fs, ipOptCorpus()...)
	fs = append(fs, tcpOptCorpus()...)
	fs = append(fs, sctpCorpus()...)
	fs = append(fs, icmp6Corpus()...)
	fs = append(fs, icmpCorpus()...)
	fs = append(fs, ipsecCorpus()...)
	fs = append(fs, greCorpus()...)
	fs = append(fs, eigrpCorpus()...)
	fs = append(fs, ospfCorpus()...)
	fs = append(fs, pimCorpus()...)
	fs = append(fs, ospf6Corpus()...)
	fs = append(fs, l2Corpus()...)
	fs = append(fs, appProtoCorpus()...)
	return fs
}

// externalPcaps lists capture files found on the machine that can be
// added to the corpus (gopacket's own test captures, from the module
// cache). Files that do not exist are skipped.
func externalPcaps() []string {
	mc := os.Getenv("GOMODCACHE")
	if mc == "" {
		mc = filepath.Join(os.Getenv("HOME"), "go", "pkg", "mod")
		if _, err := os.Stat(mc); err != nil {
			mc = "/root/go/pkg/mod"
		}
	}
	base := filepath.Join(mc, "github.com", "gopacket", "gopacket@v1.7.7")
	var out []string
	for _, f := range []string{"pcap/test_ethernet.pcap", "pcap/test_dns.pcap", "layers/testdata/ethernetIP.pcap"} {
		p := filepath.Join(base, f)
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// readPcap returns the Ethernet frames of a pcap file.
func readPcap(path string) ([]frame, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		return nil, err
	}
	if r.LinkType() != layers.LinkTypeEthernet {
		return nil, nil
	}
	var out []frame
	for {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			break
		}
		out = append(out, frame{name: filepath.Base(path), data: append([]byte(nil), data...), origLen: ci.Length})
	}
	return out, nil
}

var corpusBase = time.Date(2024, 1, 2, 3, 4, 5, 123456789, time.UTC)

// timestamps gives packet i a time stamp: mostly increasing with varied
// gaps (sub-microsecond, seconds, hours), once going backwards.
func timestamp(i int) time.Time {
	t := corpusBase.Add(time.Duration(i) * 1234567 * time.Nanosecond)
	switch {
	case i%17 == 5:
		t = t.Add(-3 * time.Second) // out of order
	case i%13 == 7:
		t = t.Add(time.Duration(i) * time.Hour)
	case i%11 == 3:
		t = t.Add(999 * time.Nanosecond)
	}
	return t
}

// appCorpus returns the frames for the application printers (DNS, ...).
func appCorpus() []frame {
	return append(append(append(append(dnsCorpus(), textCorpus()...), ntpCorpus()...), dhcpCorpus()...), tunnelCorpus()...)
}
