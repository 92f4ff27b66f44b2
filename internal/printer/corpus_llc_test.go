// 802.3/LLC/SNAP and spanning tree frames for the comparison with
// tcpdump (print-llc.c, print-stp.c): every LLC frame format and command,
// SAP names, SNAP OUIs and PIDs, IP over LLC, jumbo and VLAN-tagged 802.3
// frames, length fields that lie, and BPDUs of every version and type,
// malformed and cut short.

package printer

import (
	"net"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

func llcCorpus() []frame {
	var fs []frame
	add := func(name string, b []byte) { fs = append(fs, full(name, b)) }
	llc := func(name string, dsap, ssap byte, ctl []byte, payload []byte) {
		add(name, eth8023(macB, macA, cat([]byte{dsap, ssap}, ctl, payload)))
	}
	data := []byte("llc payload bytes")
	// U frames: every command, command/response, poll/final.
	for _, c := range []byte{0x03, 0xe3, 0xaf, 0x63, 0x43, 0x0f, 0x6f, 0x87, 0x27, 0x13, 0xbf, 0xf3} {
		llc("llc-u", 0x04, 0x04, []byte{c}, data)
		llc("llc-u-resp", 0x04, 0x05, []byte{c}, data)
	}
	llc("llc-xid", 0x00, 0x01, []byte{0xaf}, []byte{0x81, 0x01, 0x02})
	llc("llc-xid-poll", 0x42, 0x42, []byte{0xbf}, []byte{0x81, 0x80, 0x00, 0x00})
	llc("llc-xid-nofi", 0x04, 0x04, []byte{0xaf}, []byte{0x82, 0x01, 0x02})
	add("llc-xid-empty", pad(cat(macB, macA, u16b(3), []byte{0x04, 0x04, 0xaf})))
	add("llc-xid-short", pad(cat(macB, macA, u16b(5), []byte{0x04, 0x04, 0xaf, 0x81, 0x01})))
	add("llc-xid-fi", pad(cat(macB, macA, u16b(4), []byte{0x04, 0x04, 0xaf, 0x81})))
	// S and I frames.
	for _, c := range []uint16{0x0001, 0x0005, 0x0009, 0x000d, 0x0101, 0xfe01, 0x0000, 0x0102, 0xfffe, 0x1234} {
		llc("llc-is", 0xf0, 0xf0, []byte{byte(c), byte(c >> 8)}, data)
		llc("llc-is-resp", 0x06, 0x07, []byte{byte(c), byte(c >> 8)}, data)
	}
	// SAP names and unknown SAPs, group addresses.
	for _, sap := range []byte{0x00, 0x02, 0x03, 0x04, 0x0e, 0x4e, 0x7e, 0x8e, 0xf0, 0x10, 0xe2, 0xfc} {
		llc("llc-sap", sap, sap, []byte{0x03}, data)
		llc("llc-sap-group", sap|1, 0x42, []byte{0x03}, data)
	}
	llc("llc-sap-test", 0x42, 0x42, []byte{0xe3}, data) // STP SAP, not UI
	llc("llc-snap-test", 0xaa, 0xaa, []byte{0xf3}, data)
	llc("llc-ip-i", 0x06, 0x06, []byte{0x00, 0x00}, data)
	// IP over LLC (RFC 948).
	u := udp4To(ip4B, 5000, 6000, []byte("ip over llc"))
	ip := cat([]byte{0x45, 0, 0, byte(20 + len(u)), 0, 1, 0x40, 0, 64, 17, 0, 0}, ip4A, ip4B)
	ipc := cksum(0, ip)
	ip[10], ip[11] = byte(ipc>>8), byte(ipc)
	llc("llc-ip", 0x06, 0x06, []byte{0x03}, cat(ip, u))
	// SNAP.
	snap := func(name string, oui uint32, pid uint16, payload []byte) {
		llc(name, 0xaa, 0xaa, []byte{0x03}, cat([]byte{byte(oui >> 16), byte(oui >> 8), byte(oui)}, u16b(pid), payload))
	}
	snap("snap-ip", 0, 0x0800, cat(ip, u))
	snap("snap-ip-cisco90", 0x0000f8, 0x0800, cat(ip, u))
	arp := cat(u16b(1), u16b(0x0800), []byte{6, 4}, u16b(1), macA, ip4A, make([]byte, 6), ip4B)
	snap("snap-arp", 0, 0x0806, arp)
	snap("snap-unknown-et", 0, 0x88b5, data)
	snap("snap-unknown-et2", 0, 0x9999, data)
	snap("snap-lat", 0, 0x6004, data)
	for _, oui := range []uint32{0x00000c, 0x00005e, 0x000081, 0x0080c2, 0x00a03e, 0x00e02f, 0x080007,
		0x009069, 0x080009, 0x00120f, 0x0012bb, 0x001b21, 0x002320, 0x5c16c7, 0xb0d2f5, 0x002481,
		0x0004ea, 0x748771, 0xa42305, 0x00049f, 0x0015ad, 0x001018, 0x00e004, 0xd0f0db, 0x123456} {
		snap("snap-oui", oui, 0x4242, data)
	}
	for _, pid := range []uint16{0x0002, 0x0008, 0x0005, 0x000b, 0x0042} {
		snap("snap-bridged", 0x0080c2, pid, data)
	}
	snap("snap-cisco-pid", 0x00000c, 0x0102, data)
	snap("snap-apple", 0x080007, 0x80f3, data)
	inner := serialize(eth(macA, macB, layers.EthernetTypeIPv4), ip4(ip4A, ip4B, layers.IPProtocolUDP, 9),
		&layers.UDP{SrcPort: 5000, DstPort: 6000}, gopacket.Payload("bridged"))
	snap("snap-bridged-eth", 0x0080c2, 0x0007, cat([]byte{0, 0}, inner))
	snap("snap-bridged-ethfcs", 0x0080c2, 0x0001, cat([]byte{0, 0}, inner))
	snap("snap-bridged-pad", 0x0080c2, 0x0007, []byte{0})
	// Cut short: the SNAP header, the LLC header, nothing at all.
	add("snap-short", pad(cat(macB, macA, u16b(6), []byte{0xaa, 0xaa, 0x03, 0, 0, 0})))
	add("llc-short2", pad(cat(macB, macA, u16b(2), []byte{0x04, 0x04})))
	add("llc-zero", pad(cat(macB, macA, u16b(0))))
	add("llc-i-short", pad(cat(macB, macA, u16b(3), []byte{0x04, 0x04, 0x00})))
	base := full("llc-cut", eth8023(macB, macA, cat([]byte{0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0}, ip, u)))
	for _, n := range []int{14, 15, 16, 17, 18, 20, 22, 30, 40} {
		fs = append(fs, cut(base, n))
	}
	ibase := full("llc-i-cut", eth8023(macB, macA, cat([]byte{0xf0, 0xf0, 0x00, 0x02}, data)))
	fs = append(fs, cut(ibase, 16), cut(ibase, 17))
	xbase := full("llc-xid-cut", eth8023(macB, macA, []byte{0x04, 0x04, 0xaf, 0x81, 0x01, 0x02}))
	fs = append(fs, cut(xbase, 17), cut(xbase, 18), cut(xbase, 19))
	// The length field: longer than the frame, shorter (padding), zero.
	long := eth8023(macB, macA, cat([]byte{0x04, 0x04, 0x03}, data))
	long[12], long[13] = 0x05, 0xdc
	add("llc-longlen", long)
	short := eth8023(macB, macA, cat([]byte{0x04, 0x04, 0x03}, data))
	short[12], short[13] = 0, 5
	add("llc-shortlen", short)
	// VLAN-tagged 802.3, and an Alteon jumbo frame carrying LLC.
	add("vlan-llc", pad(cat(macB, macA, u16b(0x8100), u16b(0x2064), u16b(20), []byte{0x04, 0x04, 0x03}, data)))
	add("qinq-llc", pad(cat(macB, macA, u16b(0x88a8), u16b(0x0010), u16b(0x8100), u16b(0x0020), u16b(20), []byte{0x42, 0x42, 0x03}, stpConfigBPDU(0, 0, 0x01))))
	add("jumbo-llc", pad(cat(macB, macA, u16b(0x8870), []byte{0x04, 0x04, 0x03}, data)))
	add("jumbo-stp", pad(cat(macB, macA, u16b(0x8870), []byte{0x42, 0x42, 0x03}, stpConfigBPDU(0, 0, 0))))
	add("jumbo-short", pad(cat(macB, macA, u16b(0x8870)))[:16])
	return fs
}

// stpConfigBPDU builds a configuration BPDU of protocol version ver and
// BPDU type typ with flags.
func stpConfigBPDU(ver, typ, flags byte) []byte {
	root := []byte{0x80, 0x00, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55}
	bridge := []byte{0x80, 0x01, 0x02, 0x77, 0x00, 0x00, 0x00, 0x02}
	return cat(u16b(0), []byte{ver, typ, flags}, root, u32b(20000), bridge, u16b(0x8002),
		u16b(0x0100), u16b(20*256), u16b(2*256), u16b(15*256+77))
}

// mstpBPDU builds an MSTP BPDU (ver 3) or, with spb, an SPB one (ver 4)
// with n MSTI records.
func mstpBPDU(flags byte, n int, spb bool) []byte {
	ver := byte(3)
	if spb {
		ver = 4
	}
	b := stpConfigBPDU(ver, 2, flags)
	name := make([]byte, 32)
	copy(name, "region-\x01\xe9")
	digest := []byte{0xac, 0x36, 0x17, 0x7f, 0x50, 0x28, 0x3c, 0xd4, 0xb8, 0x38, 0x21, 0xd8, 0xab, 0x26, 0xde, 0x62}
	v3 := cat([]byte{0}, name, u16b(7), digest, u32b(123456), []byte{0x70, 0x00, 0x02, 0x77, 0, 0, 0, 9}, []byte{20})
	for i := 0; i < n; i++ {
		v3 = append(v3, cat([]byte{[]byte{0x7c, 0x01, 0x40, 0x3e}[i%4]}, []byte{0x80 | byte(i>>8), byte(i + 1), 0x02, 0x77, 0, 0, 0, byte(i)},
			u32b(uint32(2000*i)), []byte{0x80, 0x90, byte(19 - i)})...)
	}
	b = cat(b, []byte{0}, u16b(uint16(len(v3))), v3)
	if spb {
		aux := make([]byte, 32)
		copy(aux, "aux")
		v4 := cat([]byte{1}, aux, u16b(3), digest, []byte{0xfc, 0, 0x12, 0x34}, u16b(99), make([]byte, 8), digest, u32b(0xdeadbeef))
		b = cat(b, u16b(uint16(len(v4))), v4)
	}
	return b
}

func stpCorpus() []frame {
	var fs []frame
	add := func(name string, bpdu []byte) {
		fs = append(fs, full(name, eth8023(stpMulticast, macA, cat([]byte{0x42, 0x42, 0x03}, bpdu))))
	}
	add("stp-config", stpConfigBPDU(0, 0, 0))
	add("stp-config-tc", stpConfigBPDU(0, 0, 0x81))
	add("stp-config-allflags", stpConfigBPDU(0, 0, 0xff))
	add("stp-tcn", []byte{0, 0, 0, 0x80})
	add("stp-tcn-v2", []byte{0, 0, 2, 0x80})
	add("rstp", cat(stpConfigBPDU(2, 2, 0x3c), []byte{0}))
	for _, f := range []byte{0x00, 0x04, 0x08, 0x0e, 0x7f, 0x42} {
		add("rstp-role", cat(stpConfigBPDU(2, 2, f), []byte{0}))
	}
	add("rstp-config", stpConfigBPDU(2, 0, 0x08))
	add("rstp-short", stpConfigBPDU(2, 2, 0x3c))
	add("stp-config-short", stpConfigBPDU(0, 0, 0)[:34])
	add("stp-config-v3", stpConfigBPDU(3, 0, 1))
	add("mstp", mstpBPDU(0x7c, 0, false))
	add("mstp-1", mstpBPDU(0x3c, 1, false))
	add("mstp-3", mstpBPDU(0x01, 3, false))
	m := mstpBPDU(0x3c, 2, false)
	add("mstp-v3long", append(append([]byte(nil), m[:36]...), append([]byte{0x01, 0x00}, m[38:]...)...))
	m1 := mstpBPDU(0x3c, 1, false)
	m1[35] = 1
	add("mstp-v1len", m1)
	add("mstp-short", mstpBPDU(0x3c, 0, false)[:101])
	mp := mstpBPDU(0x3c, 1, false)
	mp[37] += 5 // v3 length not a multiple of 16 past the config
	add("mstp-v3odd", cat(mp, make([]byte, 5)))
	add("spb", mstpBPDU(0x3c, 1, true))
	add("spb-short", mstpBPDU(0x3c, 1, true)[:150])
	add("mstp-v2type", mstpBPDU(0x3c, 0, false)[:40])
	add("stp-v5", stpConfigBPDU(5, 0, 0))
	add("stp-v1", stpConfigBPDU(1, 0, 0))
	add("stp-type7", stpConfigBPDU(0, 7, 0))
	add("stp-type2-v0", stpConfigBPDU(0, 2, 0))
	add("stp-protoid", cat(u16b(1), stpConfigBPDU(0, 0, 0)[2:]))
	add("stp-3", []byte{0, 0, 0})
	add("stp-4", []byte{0, 0, 0, 0})
	// Cut short inside every part.
	base := full("stp-cut", eth8023(stpMulticast, macA, cat([]byte{0x42, 0x42, 0x03}, mstpBPDU(0x3c, 2, true))))
	for _, n := range []int{18, 19, 20, 21, 25, 30, 40, 50, 52, 60, 80, 100, 110, 120, 125, 140, 150, 170, 200, 240, 260} {
		if n < len(base.data) {
			fs = append(fs, cut(base, n))
		}
	}
	cbase := full("stp-config-cut", eth8023(stpMulticast, macA, cat([]byte{0x42, 0x42, 0x03}, stpConfigBPDU(2, 2, 0x3c), []byte{0})))
	for _, n := range []int{22, 30, 40, 45, 50, 52} {
		fs = append(fs, cut(cbase, n))
	}
	// PVST+ and RFC 2684 BPDUs over SNAP.
	pvst := net.HardwareAddr{0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcd}
	fs = append(fs, full("pvst", eth8023(pvst, macA, cat([]byte{0xaa, 0xaa, 0x03, 0, 0, 0x0c, 0x01, 0x0b}, stpConfigBPDU(2, 2, 0x3c), []byte{0}, u16b(0), u16b(2), u16b(100)))))
	fs = append(fs, full("vlanbridge", eth8023(pvst, macA, cat([]byte{0xaa, 0xaa, 0x03, 0, 0, 0x0c, 0x01, 0x0c}, stpConfigBPDU(0, 0, 0)))))
	fs = append(fs, full("bridged-bpdu", eth8023(stpMulticast, macA, cat([]byte{0xaa, 0xaa, 0x03, 0, 0x80, 0xc2, 0, 0x0e}, stpConfigBPDU(0, 0x80, 0)))))
	return fs
}
