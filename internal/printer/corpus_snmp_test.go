package printer

import (
	"bytes"
	"testing"
	"time"
)

// ber encodes one BER element (short or long length form).
func ber(tag byte, content ...[]byte) []byte {
	c := cat(content...)
	n := len(c)
	switch {
	case n < 128:
		return cat([]byte{tag, byte(n)}, c)
	case n < 256:
		return cat([]byte{tag, 0x81, byte(n)}, c)
	default:
		return cat([]byte{tag, 0x82, byte(n >> 8), byte(n)}, c)
	}
}

// berInt encodes an INTEGER (two's complement, minimal).
func berInt(tag byte, v int64) []byte {
	var b []byte
	for {
		b = append([]byte{byte(v)}, b...)
		if (v >= -128 && v < 128) || len(b) == 8 {
			break
		}
		v >>= 8
	}
	return ber(tag, b)
}

// berOID encodes an OBJECT IDENTIFIER.
func berOID(ids ...uint32) []byte {
	b := []byte{byte(ids[0]*40 + ids[1])}
	for _, id := range ids[2:] {
		var t []byte
		t = append(t, byte(id&0x7f))
		for id >>= 7; id > 0; id >>= 7 {
			t = append([]byte{byte(id&0x7f | 0x80)}, t...)
		}
		b = append(b, t...)
	}
	return ber(6, b)
}

func snmpVB(oid []byte, val []byte) []byte { return ber(0x30, oid, val) }

func snmpV12(version int64, community string, pdu []byte) []byte {
	return ber(0x30, berInt(2, version), ber(4, []byte(community)), pdu)
}

func snmpPDU(tag byte, reqID, errStatus, errIndex int64, vbs ...[]byte) []byte {
	return ber(tag, berInt(2, reqID), berInt(2, errStatus), berInt(2, errIndex), ber(0x30, vbs...))
}

// snmpCorpus returns SNMP messages on UDP ports 161 and 162: v1, v2c
// and v3 messages with every PDU, every value type, errors, traps, USM
// parameters, malformed BER and cut messages.
func snmpCorpus() []frame {
	var fs []frame
	add := func(dp uint16, m []byte) { fs = append(fs, full("snmp", udpFrame(len(fs)%4 == 3, 40161, dp, m))) }
	sysDescr := berOID(1, 3, 6, 1, 2, 1, 1, 1, 0)
	ent := berOID(1, 3, 6, 1, 4, 1, 9, 1, 1208)
	null := []byte{5, 0}
	vals := [][]byte{berInt(2, 42), berInt(2, -1), berInt(2, 0x7fffffff), berInt(2, -2147483648), berInt(2, 1<<40),
		ber(4, []byte("Linux router 6.1")), ber(4, []byte{0, 1, 0xff}), ber(4), berOID(1, 3, 6, 1, 6, 3, 1, 1, 5, 1),
		berOID(2, 999, 16384, 1), ber(0x40, []byte{10, 77, 0, 1}), ber(0x40, []byte{1, 2, 3}), berInt(0x41, 123456),
		ber(0x42, []byte{0xff, 0xff, 0xff, 0xff}), ber(0x43, []byte{0, 1, 0xe2, 0x40}), ber(0x46, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9}),
		ber(0x44, []byte{0x9f, 0x78, 4, 0x40, 0x49, 0x0f, 0xdb}), ber(0x45, []byte{1}), null, ber(0x80), ber(0x81), ber(0x82),
		ber(0x83), ber(0x01, []byte{1}), ber(0x03, []byte{0, 0xf0}), ber(0x30, berInt(2, 1)), ber(0x31, berInt(2, 1)),
		ber(0xa0, berInt(2, 1)), ber(0x61, []byte{1}), ber(0xc0, []byte{1}), ber(0xe0, []byte{1})}
	var vbs [][]byte
	for i, v := range vals {
		vbs = append(vbs, snmpVB(berOID(1, 3, 6, 1, 2, 1, 2, 2, 1, uint32(i)), v))
	}
	add(161, snmpV12(0, "public", snmpPDU(0xa0, 1, 0, 0, snmpVB(sysDescr, null), snmpVB(berOID(1, 3, 6, 1, 2, 1, 1, 3, 0), null))))
	add(161, snmpV12(0, "private", snmpPDU(0xa1, 2, 0, 0, snmpVB(sysDescr, null))))
	add(161, snmpV12(1, "public", snmpPDU(0xa2, 3, 0, 0, vbs[:16]...)))
	add(161, snmpV12(1, "public", snmpPDU(0xa2, 3, 0, 0, vbs[16:]...)))
	add(161, snmpV12(1, "secret\x01", snmpPDU(0xa3, 4, 0, 0, snmpVB(sysDescr, ber(4, []byte("new"))))))
	add(161, snmpV12(1, "public", snmpPDU(0xa5, 5, 0, 10, snmpVB(sysDescr, null))))
	add(162, snmpV12(1, "public", snmpPDU(0xa6, 6, 0, 0, snmpVB(berOID(1, 3, 6, 1, 2, 1, 1, 3, 0), ber(0x43, []byte{1, 2})))))
	add(162, snmpV12(1, "public", snmpPDU(0xa7, 7, 0, 0, snmpVB(berOID(1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0), berOID(1, 3, 6, 1, 6, 3, 1, 1, 5, 3)))))
	add(161, snmpV12(1, "public", snmpPDU(0xa8, 8, 0, 0)))
	// Object identifiers for the MIB names without -n: each prefix of
	// obj_abrev_list whole, with more after it and as a near miss, walks
	// that leave the tree, sub-identifiers above 255, short, empty and
	// unfinished encodings.
	oids := [][]byte{berOID(1, 3, 6, 1, 2, 1), berOID(1, 3, 6, 1, 4, 1), berOID(1, 3, 6, 1, 3), berOID(1, 3, 6, 1, 6, 3),
		berOID(1, 3, 6, 1, 2, 1, 2, 2, 1, 10, 3), berOID(1, 3, 6, 1, 2, 1, 4, 21, 1, 7, 10, 0, 0, 1),
		berOID(1, 3, 6, 1, 2, 1, 6, 13, 1, 1, 198, 18, 0, 1, 80), berOID(1, 3, 6, 1, 2, 1, 11, 30, 0), berOID(1, 3, 6, 1, 2, 1, 10, 7),
		berOID(1, 3, 6, 1, 2, 1, 9, 1), berOID(1, 3, 6, 1, 2, 1, 257, 1), berOID(1, 3, 6, 1, 2, 1, 1, 129), berOID(1, 3, 6, 1, 2, 1, 31, 1, 1),
		berOID(1, 3, 6, 1, 4, 1, 9, 9, 13), berOID(1, 3, 6, 1, 4, 1, 136, 2), berOID(1, 3, 6, 1, 4, 1, 101), berOID(1, 3, 6, 1, 4, 1, 102),
		berOID(1, 3, 6, 1, 4, 1, 8072, 3, 2, 10), berOID(1, 3, 6, 1, 3, 94, 1), berOID(1, 3, 6, 1, 6, 3, 15, 1, 1, 4, 0),
		berOID(1, 3, 6, 1, 6, 3, 15, 1, 2, 2, 1, 13, 5), berOID(1, 3, 6, 1, 6, 3, 10, 2, 1, 1, 0), berOID(1, 3, 6, 1, 6, 3, 11, 2, 1, 3),
		berOID(1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0), berOID(1, 3, 6, 1, 6, 3, 12), berOID(1, 3, 6, 1, 6, 1), berOID(1, 3, 6, 1, 5, 5, 7),
		berOID(1, 3, 6, 1, 1), berOID(1, 3, 6, 2, 1), berOID(1, 3, 7), berOID(1, 2, 840, 10040), berOID(0, 0, 17), berOID(2, 5, 4, 3),
		berOID(2, 999, 3), berOID(1, 3), berOID(1, 3, 6), berOID(1, 3, 6, 1), ber(6, []byte{0x2b}), ber(6), ber(6, []byte{0x2b, 6, 1, 2, 1, 0x81}),
		ber(6, []byte{0x2b, 6, 1, 0x82}), ber(6, []byte{0x81, 0x2b, 6}), ber(6, []byte{0x2b, 6, 1, 2, 1, 0x80, 1, 3})}
	var oidVBs [][]byte
	for i, o := range oids {
		oidVBs = append(oidVBs, snmpVB(o, oids[len(oids)-1-i]))
	}
	add(161, snmpV12(1, "public", snmpPDU(0xa2, 12, 0, 0, oidVBs[:22]...)))
	add(161, snmpV12(1, "public", snmpPDU(0xa2, 12, 0, 0, oidVBs[22:]...)))
	add(161, snmpV12(1, "public", snmpPDU(0xa1, 13, 0, 0, snmpVB(oids[4], null), snmpVB(oids[14], null), snmpVB(oids[2], null))))
	add(162, snmpV12(0, "public", ber(0xa4, berOID(1, 3, 6, 1, 4, 1, 8072, 3, 2, 10), ber(0x40, []byte{198, 18, 0, 1}), berInt(2, 6), berInt(2, 3),
		ber(0x43, []byte{1}), ber(0x30, snmpVB(oids[7], berInt(2, 1))))))
	// Walks of the tree from each prefix with sub-identifiers that are in
	// it, next to it, and take more than one byte (a fixed sequence).
	subs := []uint32{0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 13, 15, 20, 22, 30, 31, 101, 102, 127, 128, 136, 255, 256, 265, 16384, 1 << 28}
	heads := [][]uint32{{1, 3, 6, 1, 2, 1}, {1, 3, 6, 1, 4, 1}, {1, 3, 6, 1, 6, 3}, {1, 3, 6, 1, 3}, {1, 3, 6, 1}, {1, 3}, {0}, {2}}
	seq := uint32(7)
	for m := 0; m < 8; m++ {
		var walk [][]byte
		for k := 0; k < 12; k++ {
			ids := append([]uint32(nil), heads[(m+k)%len(heads)]...)
			if len(ids) == 1 {
				ids = append(ids, subs[seq%uint32(len(subs))]%40)
			}
			for d := 0; d < 1+k%7; d++ {
				seq = seq*1103515245 + 12345
				ids = append(ids, subs[(seq>>16)%uint32(len(subs))])
			}
			walk = append(walk, snmpVB(berOID(ids...), null))
		}
		add(161, snmpV12(1, "public", snmpPDU(0xa1, int64(20+m), 0, 0, walk...)))
	}
	add(162, snmpV12(0, "public", ber(0xa4, berOID(1, 3, 6, 1, 6, 3, 1, 1, 5), ber(0x40, []byte{198, 18, 0, 1}), berInt(2, 0), berInt(2, 0),
		ber(0x43, []byte{1}), ber(0x30))))
	for es := int64(0); es < 21; es += 4 {
		add(161, snmpV12(0, "public", snmpPDU(0xa2, 9, es, es%3, snmpVB(sysDescr, null))))
	}
	for _, tag := range []byte{0xa0, 0xa1, 0xa3, 0xa5, 0xa6, 0xa7, 0xa8} {
		add(161, snmpV12(1, "public", snmpPDU(tag, 10, 2, 1, snmpVB(sysDescr, berInt(2, 1)))))
		add(161, snmpV12(1, "public", snmpPDU(tag, 10, 0, 0, snmpVB(sysDescr, berInt(2, 1)))))
	}
	add(161, snmpV12(1, "public", snmpPDU(0xa2, 11, 0, 3)))
	add(161, snmpV12(1, "public", snmpPDU(0xa2, 11, 2, 0)))
	add(161, snmpV12(1, "public", snmpPDU(0xa2, 11, -5, 0)))
	// v1 traps.
	for gt := int64(0); gt <= 7; gt++ {
		add(162, snmpV12(0, "public", ber(0xa4, ent, ber(0x40, []byte{10, 77, 0, 1}), berInt(2, gt), berInt(2, gt%2*7),
			ber(0x43, []byte{0, 0, 0x30, 0x39}), ber(0x30, snmpVB(sysDescr, ber(4, []byte("x")))))))
	}
	add(162, snmpV12(0, "public", ber(0xa4, berInt(2, 1))))
	add(162, snmpV12(0, "public", ber(0xa4, ent, berInt(2, 1))))
	add(162, snmpV12(0, "public", ber(0xa4, ent, ber(0x40, []byte{1, 2, 3, 4}), ber(4))))
	add(162, snmpV12(0, "public", ber(0xa4, ent, ber(0x40, []byte{1, 2, 3, 4}), berInt(2, 6), ber(4))))
	add(162, snmpV12(0, "public", ber(0xa4, ent, ber(0x40, []byte{1, 2, 3, 4}), berInt(2, 6), berInt(2, 1), berInt(2, 5))))
	add(162, snmpV12(1, "public", ber(0xa4, ent)))
	add(161, snmpV12(0, "public", snmpPDU(0xa5, 1, 0, 0)))
	add(161, snmpV12(0, "public", snmpPDU(0xa8, 1, 0, 0)))
	// v3.
	usm := ber(0x30, ber(4, []byte{0x80, 0, 0x1f, 0x88, 4, 1, 2, 3}), berInt(2, 5), berInt(2, 123456), ber(4, []byte("admin")),
		ber(4, make([]byte, 12)), ber(4, []byte{1, 2, 3, 4, 5, 6, 7, 8}))
	scoped := ber(0x30, ber(4, []byte{0x80, 0, 0x1f, 0x88, 4}), ber(4, []byte("ctx")), snmpPDU(0xa0, 77, 0, 0, snmpVB(sysDescr, null)))
	v3 := func(flags []byte, model int64, sec []byte, sp []byte) []byte {
		return ber(0x30, berInt(2, 3), ber(0x30, berInt(2, 100), berInt(2, 65507), ber(4, flags), berInt(2, model)), ber(4, sec), sp)
	}
	for _, f := range []byte{0, 1, 3, 4, 5, 7, 2, 0xff} {
		add(161, v3([]byte{f}, 3, usm, scoped))
	}
	add(161, v3([]byte{1, 2}, 3, usm, scoped))
	add(161, v3([]byte{4}, 2, usm, scoped))
	add(161, v3([]byte{4}, 3, ber(0x30, ber(4)), scoped))
	add(161, v3([]byte{4}, 3, ber(4), scoped))
	add(161, v3([]byte{4}, 3, usm, ber(4, []byte("encrypted"))))
	add(161, v3([]byte{4}, 3, usm, ber(0x30, ber(4), ber(4), snmpPDU(0xa8, 1, 0, 0))))
	add(161, ber(0x30, berInt(2, 3), ber(0x30, berInt(2, 100), berInt(2, 65507), ber(4, []byte{4}), berInt(2, 3), berInt(2, 9)), ber(4, usm), scoped))
	add(161, ber(0x30, berInt(2, 3), ber(0x30, berInt(2, 100))))
	add(161, ber(0x30, berInt(2, 3), berInt(2, 5)))
	// Malformed BER.
	add(161, ber(0x31, berInt(2, 0)))
	add(161, ber(0x30, ber(4, []byte("x"))))
	add(161, ber(0x30, berInt(2, 2), ber(4, []byte("public"))))
	add(161, ber(0x30, berInt(2, 9), ber(4, []byte("public"))))
	add(161, ber(0x30, berInt(2, 0), berInt(2, 5)))
	add(161, ber(0x30, berInt(2, 0), ber(4, []byte("public")), berInt(2, 1)))
	add(161, cat(snmpV12(0, "public", snmpPDU(0xa0, 1, 0, 0)), []byte{9, 9}))
	add(161, snmpV12(0, "public", cat(snmpPDU(0xa0, 1, 0, 0), []byte{0})))
	add(161, ber(0x30, berInt(2, 0), ber(4, []byte("public")), ber(0xa0, berInt(2, 1), berInt(2, 0), berInt(2, 0), ber(0x30, berInt(2, 1)))))
	add(161, ber(0x30, berInt(2, 0), ber(4, []byte("public")), ber(0xa0, berInt(2, 1), berInt(2, 0), berInt(2, 0), cat(ber(0x30), []byte{1}))))
	add(161, ber(0x30, berInt(2, 0), ber(4, []byte("public")), ber(0xa0, berInt(2, 1), berInt(2, 0), berInt(2, 0), ber(0x30, ber(0x30, berInt(2, 1))))))
	add(161, ber(0x30, berInt(2, 0), ber(4, []byte("public")), ber(0xa0, ber(4), berInt(2, 0), berInt(2, 0))))
	add(161, ber(0x30, berInt(2, 0), ber(4, []byte("public")), ber(0xa0, berInt(2, 0), ber(4), berInt(2, 0))))
	add(161, ber(0x30, berInt(2, 0), ber(4, []byte("public")), ber(0xa0, berInt(2, 0), berInt(2, 0), ber(4))))
	add(161, ber(0x30, berInt(2, 0), ber(4, []byte("public")), ber(0xa0, berInt(2, 0), berInt(2, 0), berInt(2, 0), ber(0x30, snmpVB(sysDescr, berInt(2, 3))))))
	add(161, []byte{0x30, 0x84, 0, 0, 0, 10, 2, 1, 0})
	add(161, []byte{0x30, 0x85, 0, 0})
	add(161, []byte{0x30, 0x20, 2, 1, 0})
	add(161, []byte{0x30, 5, 2, 0})
	add(161, []byte{0x3f, 0x81, 0x01, 0})
	add(161, []byte{0x3f, 0x10, 0})
	add(161, []byte{0x1f, 0x81})
	add(161, []byte{0x30})
	add(161, []byte{0x30, 3, 0x9f, 0x81, 0x01})
	add(161, nil)
	n := len(fs)
	for _, i := range []int{0, 2, 3, 12, n - 40, n - 30} {
		f := fs[i]
		off := offIP4L4 + 8
		if f.data[12] == 0x86 {
			off = offIP6L4 + 8
		}
		for _, c := range []int{1, 2, 3, 5, 8, 12, 17, 25, 33, 40, 60} {
			if off+c < len(f.data) {
				fs = append(fs, cut(f, off+c))
			}
		}
	}
	return fs
}

// noNames is a Resolver that knows no name: the printer falls back to
// numbers for addresses and to its MIB table for object identifiers.
type noNames struct{}

func (noNames) HostByAddr([]byte) (string, bool) { return "", false }
func (noNames) EtherHost([6]byte) (string, bool) { return "", false }
func (noNames) Services() []Service              { return []Service{{"snmp", 161, "udp"}} }

// TestNoAllocsSNMPNames checks that naming object identifiers from the
// MIB table (without -n) allocates nothing per packet once the printer's
// name caches know the addresses.
func TestNoAllocsSNMPNames(t *testing.T) {
	fs := snmpCorpus()
	ts := time.Unix(1700000000, 0)
	for _, v := range []int{0, 1, 2} {
		p := New(&bytes.Buffer{}, Options{Verbose: v, Names: &NameOptions{Resolver: noNames{}}})
		var buf []byte
		named := false
		for _, f := range fs {
			buf = p.AppendPacket(buf[:0], ts, f.data, f.origLen)
			named = named || bytes.Contains(buf, []byte(".snmp: ")) && bytes.Contains(buf, []byte(" system.sysDescr.0"))
		}
		if !named {
			t.Fatalf("-v%d: no object named from the MIB table", v)
		}
		buf = make([]byte, 0, 1<<16)
		allocs := testing.AllocsPerRun(5, func() {
			for _, f := range fs {
				buf = p.AppendPacket(buf[:0], ts, f.data, f.origLen)
			}
		})
		if allocs != 0 {
			t.Errorf("-v%d: %.1f allocations per pass over %d frames", v, allocs, len(fs))
		}
	}
}
