package printer

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// ofMsg builds an OpenFlow message: version, type, length, xid, body.
func ofMsg(ver, typ byte, xid uint32, body ...[]byte) []byte {
	b := cat(body...)
	return cat([]byte{ver, typ}, u16b(uint16(8+len(b))), u32b(xid), b)
}

// ofName is a NUL-padded name of n bytes.
func ofName(s string, n int) []byte {
	b := make([]byte, n)
	copy(b, s)
	return b
}

// of10Match builds a struct ofp_match (40 bytes).
func of10MatchB(wildcards uint32, inPort uint16, vlan uint16, pcp byte, dlType uint16, tos, proto byte, src, dst string, tpSrc, tpDst uint16) []byte {
	return cat(u32b(wildcards), u16b(inPort), macA, macB, u16b(vlan), []byte{pcp, 0}, u16b(dlType),
		[]byte{tos, proto, 0, 0}, ipb(src), ipb(dst), u16b(tpSrc), u16b(tpDst))
}

// of10PhyPortB builds a struct ofp_phy_port (48 bytes).
func of10PhyPortB(no uint16, name string, config, state, curr, adv, supp, peer uint32) []byte {
	return cat(u16b(no), macA, ofName(name, 16), u32b(config), u32b(state), u32b(curr), u32b(adv), u32b(supp), u32b(peer))
}

// of10Action builds an action of type t with its body (the length covers
// the 4-byte header).
func of10Action(t uint16, body ...[]byte) []byte {
	b := cat(body...)
	return cat(u16b(t), u16b(uint16(4+len(b))), b)
}

// of13PortB builds a struct ofp_port (64 bytes).
func of13PortB(no uint32, name string, config, state, curr, adv, supp, peer, cs, ms uint32) []byte {
	return cat(u32b(no), u32b(0), macB, []byte{0, 0}, ofName(name, 16), u32b(config), u32b(state), u32b(curr),
		u32b(adv), u32b(supp), u32b(peer), u32b(cs), u32b(ms))
}

// openflowCorpus returns OpenFlow messages on TCP ports 6653 and 6633:
// every OpenFlow 1.0 message type with its bodies (errors of every type,
// vendor messages and actions with the Big Switch Networks extensions,
// features with ports, matches with every wildcard, every action,
// statistics of every type, queue properties, packet in and out with the
// frames they carry), every OpenFlow 1.3 message type with the bodies
// tcpdump decodes, other versions, several messages in a segment,
// partial headers, bad lengths, and cut captures.
func openflowCorpus() []frame {
	var fs []frame
	seq := uint32(77000)
	add := func(v6 bool, sport, dport uint16, msgs ...[]byte) {
		seq += 4099
		fs = append(fs, tcpSeg(v6, sport != 6653 && sport != 6633, sport, dport, seq, cat(msgs...)))
	}
	of := func(msgs ...[]byte) { add(false, 40000, 6653, msgs...) }

	// OpenFlow 1.0: messages without a body, and with a body they must
	// not have.
	for _, t := range []byte{5, 7, 18, 19} {
		of(ofMsg(1, t, uint32(t)))
		of(ofMsg(1, t, 0xffffffff, []byte{1, 2, 3, 4}))
	}
	of(ofMsg(1, 0, 1))
	of(ofMsg(1, 0, 2, []byte("hello data\x00\x01")))
	of(ofMsg(1, 2, 3, []byte("ping")), ofMsg(1, 3, 3, []byte("pong 0123456789abcdef")))
	of(ofMsg(1, 2, 4))
	// Errors of every type and code, unknown ones, with and without data.
	for typ := uint16(0); typ <= 6; typ++ {
		for _, code := range []uint16{0, 1, 5, 8, 9, 0x1234} {
			of(ofMsg(1, 1, uint32(typ), u16b(typ), u16b(code), []byte{1, 0, 0, 8}))
		}
	}
	of(ofMsg(1, 1, 7, u16b(1), u16b(6)))
	of(ofMsg(1, 1, 7, u16b(1)))
	of(ofMsg(1, 1, 7, u16b(0xffff), u16b(1), bytes.Repeat([]byte{0xab}, 40)))
	// Vendor messages: OUIs, ONF experimenters, unknown IDs, Big Switch.
	for _, v := range []uint32{0x002320, 0x00000c, 0x123456, 0x4f4e4600, 0xff000001, 0xff000007, 0xff000008,
		0xff00000a, 0xff00000b, 0x80000000} {
		of(ofMsg(1, 4, v, u32b(v), []byte("vendor-data")))
	}
	of(ofMsg(1, 4, 1, u32b(0x002320)))
	of(ofMsg(1, 4, 1, []byte{0, 0x23}))
	bsn := func(sub uint32, body ...[]byte) []byte {
		return ofMsg(1, 4, sub, u32b(0x5c16c7), u32b(sub), cat(body...))
	}
	of(ofMsg(1, 4, 1, u32b(0x5c16c7)))
	of(ofMsg(1, 4, 1, u32b(0x5c16c7), []byte{0, 0}))
	of(bsn(0, []byte{3, 0, 0, 0}, ipb("255.255.0.0")))
	of(bsn(2, []byte{7, 0, 0, 0}, ipb("255.255.255.0")))
	of(bsn(1, []byte{9, 0, 0, 0, 0, 0, 0, 0}))
	of(bsn(1, []byte{9, 0, 0, 0}))
	of(bsn(0, []byte{3, 0, 0}))
	for _, sub := range []uint32{3, 4, 5} {
		for _, onoff := range []byte{0, 1, 7} {
			of(bsn(sub, []byte{onoff, 0, 0, 0}))
		}
	}
	of(bsn(3, []byte{1, 0}))
	for _, sub := range []uint32{9, 13, 19, 21, 27} {
		of(bsn(sub))
		of(bsn(sub, []byte{0}))
	}
	of(bsn(17, u32b(42)))
	of(bsn(17, u32b(42), []byte{0}))
	of(bsn(6, u32b(1), []byte("ls -l\x00\x7f\xe9")))
	of(bsn(6, u32b(2)))
	of(bsn(6, []byte{0, 0}))
	of(bsn(7, []byte("total 0\nok\r\n")))
	of(bsn(7))
	of(bsn(8, u32b(0xdeadbeef)))
	of(bsn(8, u32b(1), u32b(2)))
	for _, sub := range []uint32{10, 11, 12, 14, 16, 20, 28, 29, 31, 35, 36, 0xffffffff} {
		of(bsn(sub, []byte{1, 2, 3}))
	}
	// Features reply: capabilities, actions, ports.
	port1 := of10PhyPortB(1, "eth1", 0, 0, 0x2a0, 0x2bf, 0xfff, 0)
	port2 := of10PhyPortB(0xfffe, "br0-with-a-long-name", 0x7f, 0x301, 0x1000, 0xffffffff, 0x80, 0x40)
	port3 := of10PhyPortB(0xff00, "p\x01\xff", 0x80, 0x100, 0, 0, 0, 0)
	port4 := of10PhyPortB(7, "", 1, 0x200, 1, 2, 4, 8)
	feat := func(caps, acts uint32, ports ...[]byte) []byte {
		return ofMsg(1, 6, caps, u64b(0x0000020000000001), u32b(256), []byte{254, 0, 0, 0}, u32b(caps), u32b(acts), cat(ports...))
	}
	of(feat(0xc7, 0xfff))
	of(feat(0xef, 0x1fff, port1))
	of(feat(0x10, 0, port1, port2, port3, port4))
	of(feat(0x11, 0xf000, port2, []byte{1, 2, 3}))
	of(ofMsg(1, 6, 1, u64b(1), u32b(1)))
	// Switch configuration.
	for _, fl := range []uint16{0, 1, 2, 3} {
		of(ofMsg(1, 8, 1, u16b(fl), u16b(128)))
		of(ofMsg(1, 9, 2, u16b(fl), u16b(0xffff)))
	}
	of(ofMsg(1, 9, 2, u16b(0)))
	// Matches: everything wildcarded, nothing, ARP, ICMP, bogus bits,
	// address prefixes.
	matches := [][]byte{
		of10MatchB(0x3fffff, 1, 10, 3, 0x0800, 0x10, 6, "10.0.0.1", "10.0.0.2", 80, 443),
		of10MatchB(0, 3, 100, 5, 0x0800, 0xb8, 6, "10.0.0.1", "10.0.0.2", 80, 443),
		of10MatchB(0, 0xfffd, 0xffff, 9, 0x0806, 0, 2, "192.0.2.1", "192.0.2.2", 0, 0),
		of10MatchB(0x20, 0xfff8, 0, 0, 0x0806, 0, 2, "192.0.2.1", "192.0.2.2", 0, 0),
		of10MatchB(0, 9, 4095, 7, 0x0800, 0, 1, "198.51.100.1", "198.51.100.2", 8, 0),
		of10MatchB(0x10, 9, 4094, 7, 0x0800, 0, 1, "198.51.100.1", "198.51.100.2", 8, 0),
		of10MatchB(0xffc00000|0x3fffff, 1, 1, 1, 0x86dd, 0, 17, "0.0.0.0", "0.0.0.0", 53, 53),
		of10MatchB(0x300000|0xff|8<<8|24<<14, 1, 1, 1, 0x0800, 0, 17, "10.1.2.3", "10.4.5.6", 53, 53),
		of10MatchB(0x3000ff|31<<8|32<<14, 1, 1, 1, 0x0800, 0, 17, "10.1.2.3", "10.4.5.6", 53, 53),
		of10MatchB(0x3000ff|63<<8|1<<14, 1, 1, 1, 0x0800, 0, 17, "10.1.2.3", "10.4.5.6", 53, 53),
		of10MatchB(0x0fffff&^0x40, 1, 1, 1, 0x0800, 0, 17, "10.1.2.3", "10.4.5.6", 5353, 5353),
		of10MatchB(0x3fff7f, 1, 1, 1, 0x0800, 0, 17, "10.1.2.3", "10.4.5.6", 5353, 5354),
	}
	// Actions: every type, bogus lengths, unknown types, vendor actions.
	acts := [][]byte{
		of10Action(0, u16b(1), u16b(0)),
		of10Action(0, u16b(0xfffd), u16b(128)),
		of10Action(0, u16b(0xfffb), u16b(64)),
		of10Action(1, u16b(100), u16b(0)),
		of10Action(1, u16b(0xffff), u16b(0)),
		of10Action(1, u16b(0), u16b(0)),
		of10Action(2, []byte{3, 0, 0, 0}),
		of10Action(2, []byte{9, 0, 0, 0}),
		of10Action(3, u32b(0)),
		of10Action(4, macA, make([]byte, 6)),
		of10Action(5, macB, make([]byte, 6)),
		of10Action(6, ipb("10.9.8.7")),
		of10Action(7, ipb("10.9.8.6")),
		of10Action(8, []byte{0xfc, 0, 0, 0}),
		of10Action(9, u16b(8080), u16b(0)),
		of10Action(10, u16b(22), u16b(0)),
		of10Action(11, u16b(2), make([]byte, 6), u32b(7)),
		of10Action(11, u16b(0xfff8), make([]byte, 6), u32b(0xffffffff)),
		of10Action(0xffff, u32b(0x002320), u32b(0x12345678)),
		of10Action(0xffff, u32b(0x5c16c7), u32b(1), u32b(3), u32b(0), []byte{0, 0, 0, 0}),
		of10Action(0xffff, u32b(0x5c16c7), u32b(1), u32b(3), u32b(0x81002064), []byte{1, 0, 0, 0}),
		of10Action(0xffff, u32b(0x5c16c7), u32b(1), u32b(3), u32b(0x8100f123), []byte{7, 0, 0, 0}),
		of10Action(0xffff, u32b(0x5c16c7), u32b(1), u32b(3), u32b(0x88a80001), []byte{0, 0, 0, 0}),
		of10Action(0xffff, u32b(0x5c16c7), u32b(1), u32b(3), u32b(0x81000001), []byte{0, 0, 0, 0}, make([]byte, 8)),
		of10Action(0xffff, u32b(0x5c16c7), u32b(2), u32b(0x0a000001)),
		of10Action(0xffff, u32b(0x5c16c7), u32b(4), u32b(0)),
		of10Action(0xffff, u32b(0x5c16c7), u32b(0x10)),
		of10Action(0xffff, u32b(0x5c16c7)),
		of10Action(0xffff, []byte{0, 0, 0, 0}),
	}
	bogusActs := [][]byte{
		of10Action(0, u16b(1), u16b(0), u32b(0)),
		of10Action(4, macA, make([]byte, 2)),
		of10Action(0xffff, u32b(0x002320), u32b(1), u16b(1)),
		of10Action(12, u32b(0)),
		of10Action(0x1234, u32b(0), u32b(1)),
	}
	flowMod := func(m []byte, cmd, idle, hard, prio uint16, buf uint32, out, flags uint16, as ...[]byte) []byte {
		return ofMsg(1, 14, uint32(cmd), m, u64b(0x1122334455667788), u16b(cmd), u16b(idle), u16b(hard), u16b(prio),
			u32b(buf), u16b(out), u16b(flags), cat(as...))
	}
	for i, m := range matches {
		of(flowMod(m, uint16(i%6), uint16(i*10), uint16(i), uint16(i*1000), 0xffffffff-uint32(i%2), 0xffff-uint16(i%3), uint16(i)))
	}
	for _, a := range acts {
		of(flowMod(matches[1], 0, 0, 0, 0x8000, 0x100, 0, 1, a))
	}
	of(flowMod(matches[0], 1, 60, 300, 1, 0xffffffff, 0, 7, acts[0:6]...))
	of(flowMod(matches[0], 2, 60, 300, 1, 0xffffffff, 0, 8, acts[6:12]...))
	of(flowMod(matches[0], 3, 0, 0, 0, 0, 3, 0, acts[12:18]...))
	of(flowMod(matches[0], 4, 0, 0, 0, 0, 0xfffd, 0xffff, acts[18:]...))
	for _, a := range bogusActs {
		of(flowMod(matches[0], 0, 0, 0, 0, 0, 0, 0, a, acts[0]))
	}
	of(flowMod(matches[0], 0, 0, 0, 0, 0, 0, 0, u16b(0), u16b(8), u16b(1)))
	of(flowMod(matches[0], 0, 0, 0, 0, 0, 0, 0, u16b(0), u16b(4), u32b(0)))
	of(flowMod(matches[0], 0, 0, 0, 0, 0, 0, 0, u16b(0), u16b(16), u32b(0)))
	of(flowMod(matches[0], 0, 0, 0, 0, 0, 0, 0, []byte{0, 0, 0}))
	of(ofMsg(1, 14, 1, matches[0], u64b(1), u16b(0)))
	// Flow removed, port status, port modification.
	for i, m := range matches[:4] {
		of(ofMsg(1, 11, 1, m, u64b(uint64(i)<<60|7), u16b(uint16(i)*100), []byte{byte(i), 0}, u32b(3600), u32b(999999999),
			u16b(uint16(i)), u16b(0), u64b(1<<40), u64b(1<<50)))
	}
	of(ofMsg(1, 11, 1, matches[0], make([]byte, 40)))
	for _, r := range []byte{0, 1, 2, 3} {
		of(ofMsg(1, 12, 1, []byte{r, 0, 0, 0, 0, 0, 0, 0}, port2))
	}
	of(ofMsg(1, 12, 1, []byte{0, 0, 0, 0, 0, 0, 0, 0}, port1, []byte{0}))
	of(ofMsg(1, 15, 1, u16b(3), macB, u32b(0x25), u32b(0x7f), u32b(0x2000), u32b(0)))
	of(ofMsg(1, 15, 1, u16b(0xfffe), macB, u32b(0xff), u32b(0x100), u32b(0xf000), u32b(0)))
	of(ofMsg(1, 15, 1, u16b(3), macB))
	// Statistics requests of every type.
	sreq := func(typ, flags uint16, body ...[]byte) []byte {
		return ofMsg(1, 16, uint32(typ), u16b(typ), u16b(flags), cat(body...))
	}
	of(sreq(0, 0))
	of(sreq(0, 1))
	of(sreq(0, 0, []byte{0}))
	of(sreq(3, 0))
	of(sreq(1, 0, matches[1], []byte{0xff, 0}, u16b(0xffff)))
	of(sreq(2, 0, matches[4], []byte{0xfe, 0}, u16b(4)))
	of(sreq(1, 0, matches[1], []byte{3, 0}, u16b(4), []byte{0}))
	of(sreq(4, 0, u16b(0xffff), make([]byte, 6)))
	of(sreq(4, 0, u16b(3), make([]byte, 2)))
	of(sreq(5, 0, u16b(0xfffc), u16b(0), u32b(0xffffffff)))
	of(sreq(5, 0, u16b(1), u16b(0), u32b(5)))
	of(sreq(5, 0, u16b(1)))
	of(sreq(0xffff, 0, u32b(0x002320), []byte("stats")))
	of(sreq(0xffff, 0, u32b(0x5c16c7)))
	of(sreq(0xffff, 0, u16b(1)))
	of(sreq(6, 0, []byte{1, 2, 3, 4}))
	of(ofMsg(1, 16, 1, u16b(0)))
	// Statistics replies of every type.
	srep := func(typ, flags uint16, body ...[]byte) []byte {
		return ofMsg(1, 17, uint32(typ), u16b(typ), u16b(flags), cat(body...))
	}
	desc := cat(ofName("Nicira, Inc.", 256), ofName("Open vSwitch", 256), ofName("2.17.0\x01", 256), ofName("None", 32), ofName("dp0", 256))
	of(srep(0, 0, desc))
	of(srep(0, 1, desc[:1000]))
	of(srep(0, 2, bytes.Repeat([]byte{'x'}, 1056)))
	flowStats := func(table byte, m []byte, as ...[]byte) []byte {
		a := cat(as...)
		return cat(u16b(uint16(88+len(a))), []byte{table, 0}, m, u32b(12), u32b(345), u16b(100), u16b(10), u16b(20),
			make([]byte, 6), u64b(0xfedcba9876543210), u64b(1234567890123), u64b(1<<63), a)
	}
	of(srep(1, 0, flowStats(0, matches[1], acts[0], acts[11]), flowStats(0xfe, matches[4]), flowStats(0xff, matches[2], acts[18])))
	of(srep(1, 0, flowStats(1, matches[1]), []byte{0, 10}))
	fsBad := flowStats(1, matches[1])
	binary.BigEndian.PutUint16(fsBad, 200)
	of(srep(1, 0, fsBad))
	fsBad2 := flowStats(1, matches[1])
	binary.BigEndian.PutUint16(fsBad2, 80)
	of(srep(1, 0, fsBad2))
	of(srep(2, 0, u64b(100), u64b(200000), u32b(3), u32b(0)))
	of(srep(2, 0, u64b(100)))
	tableStats := func(id byte, name string, w uint32) []byte {
		return cat([]byte{id, 0, 0, 0}, ofName(name, 32), u32b(w), u32b(1000000), u32b(12), u64b(99999), u64b(8888))
	}
	of(srep(3, 0, tableStats(0, "classifier", 0x3fffff), tableStats(0xfe, "emergency-table-with-long-name-xx", 0x400000), tableStats(0xff, "", 0xff)))
	of(srep(3, 0, tableStats(1, "t1", 0), []byte{1, 2}))
	portStats := func(no uint16) []byte {
		b := u16b(no)
		b = append(b, make([]byte, 6)...)
		for i := 0; i < 12; i++ {
			b = append(b, u64b(uint64(i)*1000003+uint64(no))...)
		}
		return b
	}
	of(srep(4, 0, portStats(1), portStats(0xfffe)))
	of(srep(4, 0, portStats(2), make([]byte, 50)))
	queueStats := cat(u16b(1), u16b(0), u32b(7), u64b(1000), u64b(10), u64b(0))
	of(srep(5, 0, queueStats, queueStats))
	of(srep(5, 0, queueStats, []byte{1}))
	of(srep(0xffff, 1, u32b(0xff000002), []byte("reply")))
	of(srep(0xffff, 0, []byte{1}))
	of(srep(0x77, 3, []byte("what")))
	// Packet in and out, with the frames they carry.
	inner := []frame{
		full("of-inner-udp", udpFrame(false, 33333, 44444, []byte("inner datagram"))),
		tcpSeg(false, true, 40123, 5001, 1, []byte("inner segment")),
		full("of-inner-udp6", udpFrame(true, 33333, 44444, []byte("six"))),
	}
	for i, in := range inner {
		d := in.data
		of(ofMsg(1, 10, uint32(i), u32b(0xffffffff-uint32(i)), u16b(uint16(len(d))), u16b(uint16(i+1)), []byte{byte(i), 0}, d))
		of(ofMsg(1, 13, uint32(i), u32b(0x100+uint32(i)), u16b(0xfffe), u16b(16), acts[0], acts[11], d))
	}
	of(ofMsg(1, 10, 9, u32b(1), u16b(100), u16b(1), []byte{0, 0}, inner[0].data[:30]))
	of(ofMsg(1, 10, 9, u32b(1), u16b(100), u16b(1), []byte{0, 0}, inner[0].data[:10]))
	of(ofMsg(1, 10, 9, u32b(1), u16b(100), u16b(1), []byte{1, 0}))
	of(ofMsg(1, 10, 9, u32b(1), u16b(100), u16b(1), []byte{0}))
	of(ofMsg(1, 13, 9, u32b(1), u16b(1), u16b(100), acts[0]))
	of(ofMsg(1, 13, 9, u32b(1), u16b(1), u16b(0)))
	of(ofMsg(1, 13, 9, u32b(1), u16b(1), u16b(6), []byte{0, 0, 0, 6, 0, 0}, inner[0].data[:20]))
	of(ofMsg(1, 10, 1, u32b(1), u16b(60), u16b(1), []byte{0, 0}, inner[0].data), ofMsg(1, 2, 2))
	// Queue configuration.
	prop := func(t, l uint16, body ...[]byte) []byte { return cat(u16b(t), u16b(l), u32b(0), cat(body...)) }
	queue := func(id uint32, props ...[]byte) []byte {
		ps := cat(props...)
		return cat(u32b(id), u16b(uint16(8+len(ps))), u16b(0), ps)
	}
	of(ofMsg(1, 20, 1, u16b(1), u16b(0)))
	of(ofMsg(1, 20, 1, u16b(0xfff8), u16b(0), u16b(1)))
	of(ofMsg(1, 21, 1, u16b(1), make([]byte, 6), queue(1, prop(1, 16, u16b(500), make([]byte, 6)), prop(0, 8)),
		queue(2, prop(1, 16, u16b(1001), make([]byte, 6))), queue(3)))
	of(ofMsg(1, 21, 1, u16b(2), make([]byte, 6), queue(1, prop(1, 8), prop(0, 16, make([]byte, 8)), prop(7, 12, u32b(1)), prop(1, 16, u16b(999), make([]byte, 6)))))
	of(ofMsg(1, 21, 1, u16b(2), make([]byte, 6), queue(1, prop(1, 40, u16b(5), make([]byte, 6)))))
	of(ofMsg(1, 21, 1, u16b(2), make([]byte, 6), queue(1, prop(1, 4)), queue(2)))
	of(ofMsg(1, 21, 1, u16b(2), make([]byte, 6), queue(1, []byte{0, 1, 0})))
	of(ofMsg(1, 21, 1, u16b(2), make([]byte, 6), u32b(1), u16b(100), u16b(0)))
	of(ofMsg(1, 21, 1, u16b(2), make([]byte, 6), u32b(1), u16b(4), u16b(0)))
	of(ofMsg(1, 21, 1, u16b(2), make([]byte, 6), []byte{1, 2, 3}))
	of(ofMsg(1, 21, 1, u16b(2)))
	// Unknown 1.0 types.
	of(ofMsg(1, 22, 1, []byte{1, 2}), ofMsg(1, 0xff, 2))

	// OpenFlow 1.3.
	of13 := func(msgs ...[]byte) { add(false, 6653, 40001, msgs...) }
	hello := func(elems ...[]byte) []byte { return ofMsg(4, 0, 1, cat(elems...)) }
	elem := func(t uint16, body ...[]byte) []byte {
		b := cat(body...)
		return cat(u16b(t), u16b(uint16(4+len(b))), b)
	}
	of13(hello())
	of13(hello(elem(1, u32b(0x12))))
	of13(hello(elem(1, u32b(0x3e))))
	of13(hello(elem(1, u32b(0x80000010))))
	of13(hello(elem(1, u32b(0xffffffc0))))
	of13(hello(elem(1, u32b(0)), elem(1, u32b(1), u32b(0)), elem(1), elem(9, []byte{1, 2, 3, 4, 5}), elem(0)))
	of13(hello(elem(1, u32b(0x10)), []byte{0, 1}))
	of13(hello([]byte{0, 1, 0, 2}))
	of13(hello([]byte{0, 1, 0, 40, 0, 0, 0, 0}))
	for typ := uint16(0); typ <= 14; typ++ {
		of13(ofMsg(4, 1, uint32(typ), u16b(typ), u16b(typ), []byte{4, 0, 0, 8}))
		of13(ofMsg(4, 1, uint32(typ), u16b(typ), u16b(0x99)))
	}
	of13(ofMsg(4, 1, 1, u16b(0xffff), u16b(1), []byte("exp error data with more than sixteen bytes")))
	of13(ofMsg(4, 1, 1, u16b(0xfffe), u16b(1)))
	of13(ofMsg(4, 1, 1, u16b(1)))
	of13(ofMsg(4, 2, 2, []byte("echo")), ofMsg(4, 3, 2))
	for _, e := range []uint32{0x4f4e4600, 0xff000003, 0xff000009, 0x00d0f0db, 0x002320, 0x00aaaaaa} {
		of13(ofMsg(4, 4, e, u32b(e), u32b(0xc), []byte{1, 2, 3}))
	}
	of13(ofMsg(4, 4, 1, u32b(0xff000004), u32b(0)))
	of13(ofMsg(4, 4, 1, u32b(0xff000004)))
	for _, t := range []byte{5, 7, 20, 21, 26} {
		of13(ofMsg(4, t, uint32(t)))
		of13(ofMsg(4, t, uint32(t), []byte{0}))
	}
	for _, caps := range []uint32{0, 0x16f, 0x10, 0x80000001} {
		of13(ofMsg(4, 6, caps, u64b(0xabcdef0123456789), u32b(0), []byte{255, 3, 0, 0}, u32b(caps), u32b(0)))
	}
	of13(ofMsg(4, 6, 1, u64b(1), u32b(1)))
	for _, fl := range []uint16{0, 1, 2, 3} {
		for _, msl := range []uint16{0, 128, 0xffe5, 0xffff} {
			of13(ofMsg(4, 8+byte(fl&1), 1, u16b(fl), u16b(msl)))
		}
	}
	of13(ofMsg(4, 9, 1, u16b(0)))
	for _, r := range []byte{0, 1, 2, 3} {
		of13(ofMsg(4, 12, 1, []byte{r, 0, 0, 0, 0, 0, 0, 0},
			of13PortB(uint32(r)+1, "s1-eth1", 0x65, 7, 0x2840, 0xffff, 0x10000, 0x1, 10000000, 100000000)))
	}
	of13(ofMsg(4, 12, 1, make([]byte, 8), of13PortB(0xfffffffe, "br-int-long-name-0123", 0x9a, 0x8, 0, 0, 0, 0xffff0000, 0, 0)))
	of13(ofMsg(4, 12, 1, make([]byte, 8), of13PortB(0xffffff00, "x", 0, 0, 0, 0, 0, 0, 1, 2)[:60]))
	of13(ofMsg(4, 16, 1, u32b(0xfffffffd), u32b(0), macA, []byte{0, 0}, u32b(0x41), u32b(0x65), u32b(0x8820), u32b(0)))
	of13(ofMsg(4, 16, 1, u32b(9), u32b(0), macA, []byte{0, 0}, u32b(0x2), u32b(0x100), u32b(0x10000), u32b(0)))
	of13(ofMsg(4, 16, 1, u32b(9)))
	for _, tid := range []byte{0, 0xfe, 0xff} {
		of13(ofMsg(4, 17, 1, []byte{tid, 0, 0, 0}, u32b(3)))
	}
	of13(ofMsg(4, 17, 1, []byte{1, 0, 0, 0}))
	of13(ofMsg(4, 22, 1, u32b(0xffffffff), u32b(0)))
	of13(ofMsg(4, 22, 1, u32b(17), u32b(0)))
	of13(ofMsg(4, 22, 1, u32b(17)))
	for _, role := range []uint32{0, 1, 2, 3, 4} {
		of13(ofMsg(4, 24+byte(role&1), 1, u32b(role), u32b(0), u64b(0x0102030405060708+uint64(role))))
	}
	of13(ofMsg(4, 24, 1, u32b(2)))
	of13(ofMsg(4, 27, 1, u32b(7), u32b(1), u32b(7), u32b(2), u32b(5), u32b(0)))
	of13(ofMsg(4, 28, 1, u32b(8), u32b(0xf), u32b(0), u32b(0x80000000), u32b(3), u32b(4)))
	of13(ofMsg(4, 28, 1, u32b(1)))
	for _, t := range []byte{10, 11, 13, 14, 15, 18, 19, 23, 29} {
		of13(ofMsg(4, t, uint32(t), []byte("body of a message tcpdump does not decode")))
		of13(ofMsg(4, t, uint32(t)))
	}
	of13(ofMsg(4, 30, 1, []byte{1}), ofMsg(4, 0xff, 2))

	// Other versions, several messages, partial headers, bad lengths.
	for _, ver := range []byte{0, 2, 3, 5, 6, 7, 0x81} {
		of(ofMsg(ver, 0, 1), ofMsg(ver, 6, 2, []byte{1, 2, 3, 4}))
	}
	of(ofMsg(1, 0, 1), ofMsg(4, 0, 2), ofMsg(1, 2, 3), ofMsg(4, 5, 4), ofMsg(1, 18, 5))
	of(ofMsg(4, 0, 1), []byte{4})
	of(ofMsg(4, 0, 1), []byte{4, 0})
	of(ofMsg(4, 0, 1), []byte{4, 0, 0})
	of(ofMsg(4, 0, 1), []byte{4, 0, 0, 8, 0, 0})
	of(ofMsg(4, 0, 1), []byte{4, 0, 0, 8, 0, 0, 0, 1})
	of([]byte{1, 0, 0, 4, 0, 0, 0, 1}, ofMsg(1, 0, 2))
	of([]byte{4, 2, 0, 0, 0, 0, 0, 1, 9, 9})
	of([]byte{1, 2, 0, 7, 0, 0, 0, 1})
	of([]byte{1, 2, 0, 100, 0, 0, 0, 1}, []byte("short echo"))
	of([]byte{4, 3, 0, 9, 0, 0, 0, 1})
	of([]byte{1, 6, 0, 40, 0, 0, 0, 1}, u64b(1))
	add(false, 6633, 40002, ofMsg(1, 0, 7))
	add(false, 40003, 6633, ofMsg(4, 2, 7, []byte{0}))
	add(true, 40004, 6653, ofMsg(1, 6, 1, u64b(0x10), u32b(1), []byte{1, 0, 0, 0}, u32b(0xc7), u32b(0xfff), port1))
	add(true, 6653, 40005, ofMsg(4, 12, 1, make([]byte, 8), of13PortB(1, "s1-eth1", 0, 4, 0x2840, 0, 0, 0, 10000000, 10000000)))
	add(false, 6653, 6633, ofMsg(1, 5, 1))
	add(false, 40006, 6653, []byte{1})

	// Cut captures of some of the messages above.
	n := len(fs)
	for _, i := range []int{2, 5, 40, 70, 90, 100, 140, 160, 200, 230, 260, n - 60, n - 40, n - 30, n - 12} {
		if i < 0 || i >= n {
			continue
		}
		f := fs[i]
		off := offIP4L4 + 20
		if f.data[12] == 0x86 {
			off = offIP6L4 + 20
		}
		for _, c := range []int{1, 3, 7, 8, 9, 11, 14, 20, 30, 45, 60, 90, 130} {
			if off+c < len(f.data) {
				fs = append(fs, cut(f, off+c))
			}
		}
	}
	return fs
}

func FuzzOpenFlow(f *testing.F) {
	fuzzPayload(f, true, 40000, 6653, ofMsg(1, 14, 1, of10MatchB(0, 1, 1, 1, 0x0800, 0, 1, "10.0.0.1", "10.0.0.2", 8, 0),
		make([]byte, 24), of10Action(0xffff, u32b(0x5c16c7), u32b(1), u32b(3), u32b(0x81000001), []byte{0, 0, 0, 0})),
		ofMsg(4, 0, 1, []byte{0, 1, 0, 8, 0, 0, 0, 0x10}), ofMsg(1, 10, 1, u32b(1), u16b(20), u16b(1), []byte{0, 0}, make([]byte, 20)))
}
