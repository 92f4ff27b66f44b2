package bounce

import (
	"encoding/binary"
	"math/bits"
	"net"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// seg describes a TCP segment for the tests to build.
type seg struct {
	v6             bool
	vlans          []uint16 // outer first; two tags: 802.1ad outside 802.1Q
	srcMAC, dstMAC net.HardwareAddr
	src, dst       net.IP
	sport, dport   uint16
	seq, ack       uint32
	syn, ack_, rst bool
	fin, psh       bool
	opts           []layers.TCPOption
	payload        []byte
	ipv4Opts       []layers.IPv4Option
	ipFlags        layers.IPv4Flag
	fragOff        uint16
	pad            int // bytes of trailing (Ethernet) padding
}

var (
	macA = net.HardwareAddr{0x02, 0, 0, 0, 0, 0xa}
	macB = net.HardwareAddr{0x02, 0, 0, 0, 0, 0xb}
)

// linuxSYNOpts are the options of a SYN from Linux.
func linuxSYNOpts(mss uint16, tsval uint32) []layers.TCPOption {
	ts := make([]byte, 8)
	binary.BigEndian.PutUint32(ts, tsval)
	return []layers.TCPOption{
		{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: []byte{byte(mss >> 8), byte(mss)}},
		{OptionType: layers.TCPOptionKindSACKPermitted, OptionLength: 2},
		{OptionType: layers.TCPOptionKindTimestamps, OptionLength: 10, OptionData: ts},
		{OptionType: layers.TCPOptionKindNop},
		{OptionType: layers.TCPOptionKindWindowScale, OptionLength: 3, OptionData: []byte{7}},
	}
}

// syn returns a client SYN from B to A's port dport.
func syn(v6 bool, sport, dport uint16) seg {
	s := seg{v6: v6, srcMAC: macB, dstMAC: macA, sport: sport, dport: dport, seq: 0x12345678, syn: true,
		opts: linuxSYNOpts(1460, 0xdeadbeef)}
	if v6 {
		s.src, s.dst = net.ParseIP("2001:db8::2"), net.ParseIP("2001:db8::1")
	} else {
		s.src, s.dst = net.ParseIP("198.18.0.2").To4(), net.ParseIP("198.18.0.1").To4()
	}
	return s
}

func (s seg) frame(t testing.TB) []byte {
	t.Helper()
	var ls []gopacket.SerializableLayer
	ipType := layers.EthernetTypeIPv4
	if s.v6 {
		ipType = layers.EthernetTypeIPv6
	}
	eth := &layers.Ethernet{SrcMAC: s.srcMAC, DstMAC: s.dstMAC, EthernetType: ipType}
	ls = append(ls, eth)
	for i, id := range s.vlans {
		if i == 0 {
			if len(s.vlans) > 1 {
				eth.EthernetType = layers.EthernetTypeQinQ
			} else {
				eth.EthernetType = layers.EthernetTypeDot1Q
			}
		}
		next := ipType
		if i+1 < len(s.vlans) {
			next = layers.EthernetTypeDot1Q
		}
		ls = append(ls, &layers.Dot1Q{VLANIdentifier: id, Type: next})
	}
	tcp := &layers.TCP{SrcPort: layers.TCPPort(s.sport), DstPort: layers.TCPPort(s.dport), Seq: s.seq, Ack: s.ack,
		SYN: s.syn, ACK: s.ack_, RST: s.rst, FIN: s.fin, PSH: s.psh, Window: 64240, Options: s.opts}
	if s.v6 {
		ip := &layers.IPv6{Version: 6, NextHeader: layers.IPProtocolTCP, HopLimit: 63, SrcIP: s.src, DstIP: s.dst}
		tcp.SetNetworkLayerForChecksum(ip)
		ls = append(ls, ip)
	} else {
		ip := &layers.IPv4{Version: 4, TTL: 63, Protocol: layers.IPProtocolTCP, SrcIP: s.src, DstIP: s.dst,
			Flags: s.ipFlags, FragOffset: s.fragOff, Options: s.ipv4Opts, Id: 4242}
		tcp.SetNetworkLayerForChecksum(ip)
		ls = append(ls, ip)
	}
	ls = append(ls, tcp)
	if len(s.payload) > 0 {
		ls = append(ls, gopacket.Payload(s.payload))
	}
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, ls...); err != nil {
		t.Fatalf("building frame: %v", err)
	}
	out := append([]byte(nil), buf.Bytes()...)
	return append(out, make([]byte, s.pad)...)
}

// l3Offset is where the IP header of a frame built from s starts.
func (s seg) l3Offset() int { return 14 + 4*len(s.vlans) }

// sipHash24 is SipHash-2-4 (Aumasson and Bernstein) of msg under key,
// written from the paper, to check the sequence numbers of the answers.
func sipHash24(key [16]byte, msg []byte) uint64 {
	k0 := binary.LittleEndian.Uint64(key[:8])
	k1 := binary.LittleEndian.Uint64(key[8:])
	v0 := k0 ^ 0x736f6d6570736575
	v1 := k1 ^ 0x646f72616e646f6d
	v2 := k0 ^ 0x6c7967656e657261
	v3 := k1 ^ 0x7465646279746573
	round := func() {
		v0 += v1
		v1 = bits.RotateLeft64(v1, 13)
		v1 ^= v0
		v0 = bits.RotateLeft64(v0, 32)
		v2 += v3
		v3 = bits.RotateLeft64(v3, 16)
		v3 ^= v2
		v0 += v3
		v3 = bits.RotateLeft64(v3, 21)
		v3 ^= v0
		v2 += v1
		v1 = bits.RotateLeft64(v1, 17)
		v1 ^= v2
		v2 = bits.RotateLeft64(v2, 32)
	}
	n := len(msg)
	for len(msg) >= 8 {
		m := binary.LittleEndian.Uint64(msg)
		v3 ^= m
		round()
		round()
		v0 ^= m
		msg = msg[8:]
	}
	var last [8]byte
	copy(last[:], msg)
	last[7] = byte(n)
	m := binary.LittleEndian.Uint64(last[:])
	v3 ^= m
	round()
	round()
	v0 ^= m
	v2 ^= 0xff
	round()
	round()
	round()
	round()
	return v0 ^ v1 ^ v2 ^ v3
}

// expectedISN is the sequence number the stage must choose for a client
// at (src, sport) connecting to (dst, dport).
func expectedISN(key [16]byte, src, dst net.IP, sport, dport uint16) uint32 {
	msg := make([]byte, 40)
	v6 := src.To4() == nil
	if v6 {
		copy(msg[0:16], src.To16())
		copy(msg[16:32], dst.To16())
	} else {
		copy(msg[0:4], src.To4())
		copy(msg[16:20], dst.To4())
	}
	binary.BigEndian.PutUint16(msg[32:], sport)
	binary.BigEndian.PutUint16(msg[34:], dport)
	if v6 {
		msg[36] = 1
	}
	return uint32(sipHash24(key, msg))
}

// csum is the Internet checksum's one's-complement sum of b (not inverted).
func csum(sum uint32, b []byte) uint32 {
	for len(b) >= 2 {
		sum += uint32(binary.BigEndian.Uint16(b))
		b = b[2:]
	}
	if len(b) == 1 {
		sum += uint32(b[0]) << 8
	}
	for sum > 0xffff {
		sum = (sum & 0xffff) + sum>>16
	}
	return sum
}

// checksumsOK verifies, by its own arithmetic, the IPv4 header checksum
// and the TCP checksum (pseudo-header included) of the frame whose IP
// header starts at l3.
func checksumsOK(t testing.TB, frame []byte, l3 int) {
	t.Helper()
	var pseudo []byte
	var tcp []byte
	switch frame[l3] >> 4 {
	case 4:
		ihl := int(frame[l3]&0xf) * 4
		if got := csum(0, frame[l3:l3+ihl]); got != 0xffff {
			t.Errorf("IPv4 header checksum wrong (sum %#x)", got)
		}
		tot := int(binary.BigEndian.Uint16(frame[l3+2:]))
		tcp = frame[l3+ihl : l3+tot]
		pseudo = append(pseudo, frame[l3+12:l3+20]...)
		pseudo = append(pseudo, 0, 6, byte(len(tcp)>>8), byte(len(tcp)))
	case 6:
		plen := int(binary.BigEndian.Uint16(frame[l3+4:]))
		tcp = frame[l3+40 : l3+40+plen]
		pseudo = append(pseudo, frame[l3+8:l3+40]...)
		pseudo = append(pseudo, 0, 0, byte(len(tcp)>>8), byte(len(tcp)), 0, 0, 0, 6)
	default:
		t.Fatalf("no IP header at %d", l3)
	}
	if got := csum(csum(0, pseudo), tcp); got != 0xffff {
		t.Errorf("TCP checksum wrong (sum %#x)", got)
	}
}
