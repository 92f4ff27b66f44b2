package printer

import (
	"bytes"
	"encoding/binary"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// nfsUDPFrame builds a UDP datagram from the client (A) or the server (B).
func nfsUDPFrame(v6, fromA bool, sp, dp uint16, payload []byte) []byte {
	src, dst := macA, macB
	s4, d4, s6, d6 := ip4A, ip4B, ip6A, ip6B
	if !fromA {
		src, dst = macB, macA
		s4, d4, s6, d6 = ip4B, ip4A, ip6B, ip6A
	}
	u := &layers.UDP{SrcPort: layers.UDPPort(sp), DstPort: layers.UDPPort(dp)}
	if v6 {
		return pad(serialize(eth(src, dst, layers.EthernetTypeIPv6), ip6(s6, d6, layers.IPProtocolUDP, 64), u, gopacket.Payload(payload)))
	}
	return pad(serialize(eth(src, dst, layers.EthernetTypeIPv4), ip4(s4, d4, layers.IPProtocolUDP, 64), u, gopacket.Payload(payload)))
}

// xdrOpaque is an XDR variable-length opaque: length, bytes, padding.
func xdrOpaque(b []byte) []byte {
	out := cat(u32b(uint32(len(b))), b)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	return out
}

// rpcAuth is an opaque_auth of a flavor.
func rpcAuth(flavor uint32, body []byte) []byte { return cat(u32b(flavor), xdrOpaque(body)) }

// rpcAuthUnix is an AUTH_UNIX credential.
var rpcAuthUnix = rpcAuth(1, cat(u32b(0x5f5e1000), xdrOpaque([]byte("client.example")), u32b(1000), u32b(1000),
	u32b(2), u32b(4), u32b(27)))

// nfsCallB builds an NFS call with an AUTH_UNIX credential.
func nfsCallB(xid, vers, proc uint32, args ...[]byte) []byte {
	return cat(u32b(xid), u32b(0), u32b(2), u32b(100003), u32b(vers), u32b(proc), rpcAuthUnix, rpcAuth(0, nil), cat(args...))
}

// nfsReplyB builds an accepted, successful RPC reply with its results.
func nfsReplyB(xid uint32, res ...[]byte) []byte {
	return cat(u32b(xid), u32b(1), u32b(0), rpcAuth(0, nil), u32b(0), cat(res...))
}

// nfsFH2 is a version 2 handle (32 bytes) from its first bytes.
func nfsFH2(b ...byte) []byte {
	fh := make([]byte, 32)
	copy(fh, b)
	return fh
}

// nfsFH3 is a version 3 handle: its length, then its bytes.
func nfsFH3(b []byte) []byte { return cat(u32b(uint32(len(b))), b) }

// nfsFattr3 is a version 3 fattr3 (84 bytes).
func nfsFattr3(typ, mode uint32) []byte {
	return cat(u32b(typ), u32b(mode), u32b(2), u32b(1000), u32b(0xfffffffe), u64b(123456789), u64b(8192),
		u32b(8), u32b(1), u64b(0x1234567890), u64b(0xabcdef), u32b(1700000000), u32b(123456789),
		u32b(1700000001), u32b(999999999), u32b(1700000002), u32b(5))
}

// nfsFattr2 is a version 2 fattr (68 bytes).
func nfsFattr2(typ, mode uint32) []byte {
	return cat(u32b(typ), u32b(mode), u32b(1), u32b(0), u32b(0), u32b(4096), u32b(4096), u32b(0x0801),
		u32b(8), u32b(0x7f01), u32b(0x1234), u32b(1600000000), u32b(1), u32b(1600000001), u32b(999999),
		u32b(1600000002), u32b(12))
}

// nfsPostOp is a post_op_attr with attributes.
func nfsPostOp(typ uint32) []byte { return cat(u32b(1), nfsFattr3(typ, 0644)) }

// nfsWcc is a wcc_data with both pre- and post-operation attributes.
var nfsWcc = cat(u32b(1), u64b(4096), u32b(1700000000), u32b(1), u32b(1700000000), u32b(2), nfsPostOp(2))

// nfsCorpus returns NFS calls and replies over UDP and TCP port 2049:
// every procedure of versions 2 and 3 with its arguments and results,
// file handles of every layout parsenfsfh.c recognizes, RPC rejections,
// errors, unmatched replies, short and cut messages.
func nfsCorpus() []frame {
	fs, _ := nfsBuild()
	return fs
}

// nfsReplyStress returns calls, each followed by its reply cut or with
// bytes of its results changed (replies are decoded only after their
// calls).
func nfsReplyStress() []frame {
	_, pairs := nfsBuild()
	var fs []frame
	rng := rand.New(rand.NewSource(2049))
	for i, pr := range pairs {
		call, rep := pr[0], pr[1]
		off := offIP4L4 + 8
		if rep.data[23] == 6 {
			off = offIP4L4 + 20
		}
		if i%2 == 1 {
			for _, c := range []int{12, 24, 32, 48, 72, 100, 130, 160, 200, 240} {
				if off+c < len(rep.data) {
					fs = append(fs, call, cut(rep, off+c))
				}
			}
		}
		for k := 0; k < 4; k++ {
			d := append([]byte(nil), rep.data...)
			for j := rng.Intn(3); j >= 0; j-- {
				if len(d) > off+24 {
					d[off+24+rng.Intn(len(d)-off-24)] = byte(rng.Intn(256))
				}
			}
			fs = append(fs, call, frame{name: rep.name + "/mut", data: d, origLen: rep.origLen})
		}
	}
	return fs
}

// TestMatchesTcpdumpNFS compares nfsReplyStress with tcpdump at default,
// -v, -vv, -vvv and -e, and reports it per protocol.
func TestMatchesTcpdumpNFS(t *testing.T) {
	bin := needTcpdump(t)
	fs := nfsReplyStress()
	path := filepath.Join(t.TempDir(), "nfs.pcap")
	writePcap(t, path, false, fs)
	recs := readRecords(t, path)
	rep := newProtoReport()
	for _, c := range []optCase{
		{[]string{}, Options{}, false},
		{[]string{"-v"}, Options{Verbose: 1}, false},
		{[]string{"-vv"}, Options{Verbose: 2}, false},
		{[]string{"-vvv"}, Options{Verbose: 3}, false},
		{[]string{"-e"}, Options{Link: true}, false},
	} {
		t.Run(strings.Join(append([]string{"opts"}, c.args...), " "), func(t *testing.T) {
			t.Logf("%d lines compared", compareRun(t, bin, path, recs, fs, c, rep))
		})
	}
	rep.log(t)
}

// nfsBuild builds nfsCorpus and the calls and replies of its pairs.
func nfsBuild() ([]frame, [][2]frame) {
	var fs []frame
	seq := uint32(3000)
	udp := func(v6, call bool, m []byte) {
		if call {
			fs = append(fs, full("nfs", nfsUDPFrame(v6, true, 800, 2049, m)))
		} else {
			fs = append(fs, full("nfs", nfsUDPFrame(v6, false, 2049, 800, m)))
		}
	}
	tcp := func(v6, call bool, m []byte) {
		seq += 977
		rec := cat(u32b(0x80000000|uint32(len(m))), m)
		if call {
			fs = append(fs, tcpSeg(v6, true, 901, 2049, seq, rec))
		} else {
			fs = append(fs, tcpSeg(v6, false, 2049, 901, seq, rec))
		}
	}
	xid := uint32(0x10000)
	// pair sends a call and its reply, over UDP, then again over TCP
	// (with other xids).
	var pairs [][2]frame // calls and their replies
	pair := func(vers, proc uint32, args, res []byte) {
		for _, t := range []func(bool, bool, []byte){udp, tcp} {
			xid++
			t(false, true, nfsCallB(xid, vers, proc, args))
			t(false, false, nfsReplyB(xid, res))
			pairs = append(pairs, [2]frame{fs[len(fs)-2], fs[len(fs)-1]})
		}
	}
	fh2 := nfsFH2(1, 2, 0, 0, 0, 0, 0, 0, 0x0a, 0, 0, 0, 0x39, 0x30, 0, 0)
	fh3 := nfsFH3(bytes.Repeat([]byte{1, 0, 1, 0, 7, 0, 0, 0}, 4))
	name := func(s string) []byte { return xdrOpaque([]byte(s)) }
	sattr3 := cat(u32b(1), u32b(0755), u32b(1), u32b(1001), u32b(1), u32b(100), u32b(1), u64b(0),
		u32b(2), u32b(1700000000), u32b(42), u32b(2), u32b(1700000001), u32b(43))
	sattr3min := cat(u32b(0), u32b(0), u32b(0), u32b(0), u32b(1), u32b(0))

	// Version 3: every procedure, successful.
	pair(3, 0, nil, nil)
	pair(3, 1, fh3, cat(u32b(0), nfsFattr3(1, 0100644)))
	pair(3, 2, cat(fh3, sattr3, u32b(0)), cat(u32b(0), nfsWcc))
	pair(3, 3, cat(fh3, name("passwd")), cat(u32b(0), fh3, nfsPostOp(1), nfsPostOp(2)))
	pair(3, 4, cat(fh3, u32b(0x1f)), cat(u32b(0), nfsPostOp(1), u32b(0x1f)))
	pair(3, 4, cat(fh3, u32b(0x3f)), cat(u32b(0), u32b(0), u32b(0x3f)))
	pair(3, 4, cat(fh3, u32b(0x21)), cat(u32b(13), nfsPostOp(1)))
	pair(3, 4, cat(fh3, u32b(0x40)), cat(u32b(0), u32b(0), u32b(0x40)))
	pair(3, 5, fh3, cat(u32b(0), nfsPostOp(5), name("../target")))
	pair(3, 6, cat(fh3, u64b(1<<33), u32b(4096)), cat(u32b(0), nfsPostOp(1), u32b(4096), u32b(1), xdrOpaque(make([]byte, 16))))
	pair(3, 6, cat(fh3, u64b(0), u32b(10)), cat(u32b(0), nfsPostOp(1), u32b(10), u32b(0)))
	pair(3, 7, cat(fh3, u64b(8192), u32b(512), u32b(2), xdrOpaque(make([]byte, 12))),
		cat(u32b(0), nfsWcc, u32b(512), u32b(2), u64b(0x0102030405060708)))
	pair(3, 7, cat(fh3, u64b(0), u32b(1), u32b(7), xdrOpaque([]byte{1})), cat(u32b(0), nfsWcc, u32b(1), u32b(9), u64b(1)))
	pair(3, 8, cat(fh3, name("newfile"), u32b(0), sattr3), cat(u32b(0), u32b(1), fh3, nfsPostOp(1), nfsWcc))
	pair(3, 8, cat(fh3, name("noattrs"), u32b(1), sattr3min), cat(u32b(0), u32b(0), nfsWcc))
	pair(3, 9, cat(fh3, name("dir"), sattr3), cat(u32b(0), u32b(1), fh3, u32b(0), nfsWcc))
	pair(3, 10, cat(fh3, name("link"), sattr3, name("/etc/hosts")), cat(u32b(0), u32b(1), fh3, nfsPostOp(5), nfsWcc))
	pair(3, 10, cat(fh3, name("l2"), sattr3min, name("x")), cat(u32b(17), nfsWcc))
	pair(3, 11, cat(fh3, name("dev"), u32b(4), sattr3, u32b(8), u32b(1)), cat(u32b(0), u32b(1), fh3, nfsPostOp(4), nfsWcc))
	pair(3, 11, cat(fh3, name("blk"), u32b(3), sattr3min, u32b(8), u32b(2)), cat(u32b(0), u32b(0), nfsWcc))
	pair(3, 11, cat(fh3, name("fifo"), u32b(7), sattr3min), cat(u32b(0), u32b(0), nfsWcc))
	pair(3, 11, cat(fh3, name("sock"), u32b(6), sattr3min), cat(u32b(0), u32b(0), nfsWcc))
	pair(3, 11, cat(fh3, name("bad"), u32b(99), sattr3min), cat(u32b(0), u32b(0), nfsWcc))
	pair(3, 12, cat(fh3, name("old")), cat(u32b(0), nfsWcc))
	pair(3, 13, cat(fh3, name("olddir")), cat(u32b(66), nfsWcc))
	pair(3, 14, cat(fh3, name("a"), fh3, name("b")), cat(u32b(0), nfsWcc, nfsWcc))
	pair(3, 15, cat(fh3, fh3, name("hard")), cat(u32b(0), nfsPostOp(1), nfsWcc))
	pair(3, 16, cat(fh3, u64b(0), u64b(0x1122334455667788), u32b(4096)),
		cat(u32b(0), nfsPostOp(2), u64b(0xaabbccdd11223344), u32b(0)))
	pair(3, 16, cat(fh3, u64b(0xffffffffffffffff), u64b(0), u32b(512)), cat(u32b(10003), u32b(0)))
	pair(3, 17, cat(fh3, u64b(5), u64b(6), u32b(1024), u32b(8192)), cat(u32b(0), nfsPostOp(2), u64b(7)))
	pair(3, 18, fh3, cat(u32b(0), nfsPostOp(2), u64b(1<<40), u64b(1<<39), u64b(1<<38), u64b(1000000), u64b(999999), u64b(999998), u32b(0)))
	pair(3, 18, fh3, cat(u32b(70), u32b(0), make([]byte, 52)))
	pair(3, 19, fh3, cat(u32b(0), nfsPostOp(2), u32b(1048576), u32b(65536), u32b(4096), u32b(1048576), u32b(65536),
		u32b(4096), u32b(4096), u64b(0x7fffffffffffffff), u32b(0), u32b(1), u32b(0x1b)))
	pair(3, 19, fh3, cat(u32b(5), u32b(0)))
	pair(3, 20, fh3, cat(u32b(0), nfsPostOp(2), u32b(32000), u32b(255), u32b(1), u32b(1), u32b(0), u32b(1)))
	pair(3, 20, fh3, cat(u32b(0), u32b(0), u32b(1), u32b(255), u32b(0), u32b(0), u32b(1), u32b(0)))
	pair(3, 20, fh3, cat(u32b(2), u32b(0)))
	pair(3, 21, cat(fh3, u64b(0), u32b(0)), cat(u32b(0), nfsWcc, u64b(0xfeedfacecafebeef)))
	pair(3, 22, []byte("lease"), cat(u32b(0)))
	pair(3, 25, nil, nil)
	pair(3, 99, []byte("unknown procedure"), []byte("res"))

	// Version 3 errors of every status.
	for _, st := range []uint32{1, 2, 5, 6, 11, 12, 13, 17, 18, 19, 20, 21, 22, 26, 27, 28, 30, 31, 45, 62, 63, 66,
		69, 70, 71, 99, 10001, 10002, 10003, 10004, 10005, 10006, 10007, 10008, 3, 10009} {
		pair(3, 1, fh3, cat(u32b(st)))
	}
	pair(3, 3, cat(fh3, name("missing")), cat(u32b(2), nfsPostOp(2)))
	pair(3, 3, cat(fh3, name("missing")), cat(u32b(2), u32b(0)))
	pair(3, 6, cat(fh3, u64b(0), u32b(10)), cat(u32b(5), u32b(0)))
	pair(3, 7, cat(fh3, u64b(0), u32b(1), u32b(0), xdrOpaque([]byte{1})), cat(u32b(28), nfsWcc))
	pair(3, 8, cat(fh3, name("exists"), u32b(1), sattr3min), cat(u32b(17), nfsWcc))
	pair(3, 14, cat(fh3, name("a"), fh3, name("b")), cat(u32b(18), nfsWcc, nfsWcc))
	pair(3, 15, cat(fh3, fh3, name("hard")), cat(u32b(31), u32b(0), nfsWcc))
	pair(3, 17, cat(fh3, u64b(5), u64b(6), u32b(1024), u32b(8192)), cat(u32b(10003), u32b(0)))
	pair(3, 21, cat(fh3, u64b(0), u32b(0)), cat(u32b(5), nfsWcc, u64b(1)))

	// Version 2: every procedure.
	fa2 := nfsFattr2(1, 0100600)
	pair(2, 0, nil, nil)
	pair(2, 1, fh2, cat(u32b(0), fa2))
	pair(2, 2, cat(fh2, make([]byte, 32)), cat(u32b(0), fa2))
	pair(2, 3, nil, nil)
	pair(2, 4, cat(fh2, name("motd")), cat(u32b(0), fh2, nfsFattr2(2, 040755)))
	pair(2, 5, fh2, cat(u32b(0), name("/usr/lib")))
	pair(2, 6, cat(fh2, u32b(8192), u32b(8192), u32b(0)), cat(u32b(0), fa2, xdrOpaque([]byte("data"))))
	pair(2, 7, nil, nil)
	pair(2, 8, cat(fh2, u32b(0), u32b(4096), u32b(4096), xdrOpaque([]byte("abcd"))), cat(u32b(0), fa2))
	pair(2, 9, cat(fh2, name("created"), make([]byte, 32)), cat(u32b(0), fh2, fa2))
	pair(2, 10, cat(fh2, name("gone")), u32b(0))
	pair(2, 11, cat(fh2, name("x"), fh2, name("y")), u32b(0))
	pair(2, 12, cat(fh2, fh2, name("l")), u32b(0))
	pair(2, 13, cat(fh2, name("s"), name("/target"), make([]byte, 32)), u32b(0))
	pair(2, 14, cat(fh2, name("d"), make([]byte, 32)), cat(u32b(0), fh2, nfsFattr2(2, 040700)))
	pair(2, 15, cat(fh2, name("d")), u32b(66))
	pair(2, 16, cat(fh2, u32b(0xffffffff), u32b(4096)), cat(u32b(0), u32b(1), u32b(7), xdrOpaque([]byte(".")), u32b(1), u32b(0), u32b(1)))
	pair(2, 16, cat(fh2, u32b(0), u32b(4096)), cat(u32b(0), u32b(0), u32b(0)))
	pair(2, 17, fh2, cat(u32b(0), u32b(8192), u32b(4096), u32b(1000), u32b(500), u32b(400)))
	pair(2, 17, fh2, u32b(70))
	pair(2, 18, []byte("v2 procedure 18"), u32b(0))
	pair(2, 30, nil, nil)
	for _, st := range []uint32{1, 2, 13, 70} {
		pair(2, 4, cat(fh2, name("e")), u32b(st))
		pair(2, 8, cat(fh2, u32b(0), u32b(0), u32b(4), xdrOpaque([]byte("abcd"))), u32b(st))
	}

	// File handles of every layout (version 3 LOOKUPs and GETATTRs).
	handles := [][]byte{
		nil,
		{1, 2, 3, 4, 5, 6, 7, 8},
		{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
		nfsFH2(0, 0, 0, 0, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 1, 2),                                                     // Auspex
		nfsFH2(0, 0, 1, 0, 5, 0, 0, 0, 12, 0, 0, 0, 0x10, 0x20, 0, 0),                                              // DECOSF
		nfsFH2(0, 0, 1, 2, 0, 8, 0, 0, 0, 0, 0x12, 0x34),                                                           // IRIX4
		nfsFH2(0, 0, 1, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0x56, 0x78),                                               // SunOS4
		nfsFH2(7, 3, 0, 0, 9, 9, 0, 0, 1, 2, 3, 4, 0x44, 0x33, 0x22, 0x11),                                         // BSD44
		nfsFH2(7, 3, 0, 0, 0x11, 0x22, 0x33, 0x44),                                                                 // Ultrix
		nfsFH2(7, 3, 0, 0, 1, 1, 1, 1, 1, 10, 1, 1, 0, 0, 0, 9, 1, 1, 1, 1, 1, 1, 1, 1),                            // SunOS5 (2,3 = 0)
		nfsFH2(7, 3, 0, 0, 1, 1, 1, 1, 1, 11, 1, 1, 0, 0, 0, 9, 1, 1, 1, 1, 1, 1, 1, 1),                            // Unknown
		nfsFH2(1, 2, 3, 4, 5, 6, 7, 8, 12, 0, 0, 0, 0, 0, 0, 1),                                                    // DECOSF
		nfsFH2(1, 2, 3, 4, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 5),                                                    // HPUX9
		nfsFH2(1, 2, 3, 4, 0, 0, 0, 2, 0, 10, 0, 0, 0, 0, 0, 6),                                                    // SunOS5
		nfsFH2(0x10, 0x40, 0x33, 0x44, 1, 0, 0, 3, 0, 10, 0, 0, 0, 0, 0, 7),                                        // SunOS5
		append([]byte{9}, append([]byte("DKA0 DISK"), make([]byte, 18)...)...),                                     // VMS UCX
		append([]byte{9}, append([]byte("USERS$\x00\x00\x00\x00\x00\x00\x00"), bytes.Repeat([]byte{1}, 15)...)...), // VMS UCX
		append([]byte{9}, append([]byte("USERS$\x00\x00\x00\x00X\x00\x00"), bytes.Repeat([]byte{1}, 15)...)...),    // Unknown
		bytes.Repeat([]byte{0xfe, 0xdc, 0xba, 0x98}, 16),                                                           // Unknown, 64 bytes
		bytes.Repeat([]byte{0xfe, 0xdc, 0xba, 0x98}, 5),                                                            // Unknown, 20 bytes
		bytes.Repeat([]byte{0xfe, 0xdc, 0xba, 0x98}, 17),                                                           // Unknown, 68 bytes
		nfsFH2(0xfe, 0xdc, 0xba, 0x98, 1, 2, 3, 4, 5, 6)[:30],                                                      // not a multiple of 4
	}
	for _, h := range handles {
		pair(3, 3, cat(nfsFH3(h), name("f")), cat(u32b(0), nfsFH3(h), u32b(0), u32b(0)))
	}
	for _, h := range handles[3:18] {
		pair(2, 1, h[:32], cat(u32b(0), fa2))
	}

	// RPC rejections and odd replies; replies to calls not seen.
	rej := func(b ...[]byte) []byte { xid++; return cat(u32b(xid), u32b(1), cat(b...)) }
	udp(false, false, rej(u32b(1), u32b(0), u32b(2), u32b(2)))
	udp(false, false, rej(u32b(1), u32b(0), u32b(2)))
	for why := uint32(0); why <= 8; why++ {
		udp(false, false, rej(u32b(1), u32b(1), u32b(why)))
	}
	udp(false, false, rej(u32b(1), u32b(1)))
	udp(false, false, rej(u32b(1), u32b(2), u32b(9)))
	udp(false, false, rej(u32b(1)))
	udp(false, false, rej(u32b(2), u32b(0)))
	udp(false, false, rej(u32b(0xffffffff)))
	udp(false, false, rej())
	tcp(false, false, rej(u32b(1), u32b(1), u32b(3)))
	udp(false, false, nfsReplyB(0xdead, u32b(0), fa2))
	for _, astat := range []uint32{1, 2, 3, 4, 5, 6} {
		xid++
		udp(false, true, nfsCallB(xid, 3, 1, fh3))
		udp(false, false, cat(u32b(xid), u32b(1), u32b(0), rpcAuth(0, nil), u32b(astat), u32b(2), u32b(3)))
	}
	// A verifier in the reply, a reply whose verifier is too long.
	xid++
	udp(false, true, nfsCallB(xid, 3, 1, fh3))
	udp(false, false, cat(u32b(xid), u32b(1), u32b(0), rpcAuth(6, []byte("verifier!")), u32b(0), u32b(0), nfsFattr3(2, 0755)))
	xid++
	udp(false, true, nfsCallB(xid, 3, 1, fh3))
	udp(false, false, cat(u32b(xid), u32b(1), u32b(0), u32b(6), u32b(400), u32b(0)))

	// Calls with odd credentials and verifiers.
	call := func(cred, verf []byte, proc uint32, args ...[]byte) []byte {
		xid++
		return cat(u32b(xid), u32b(0), u32b(2), u32b(100003), u32b(3), u32b(proc), cred, verf, cat(args...))
	}
	udp(false, true, call(rpcAuth(0, nil), rpcAuth(0, nil), 1, fh3))
	udp(false, true, call(rpcAuth(6, bytes.Repeat([]byte{7}, 37)), rpcAuth(6, []byte("gss-verifier")), 3, fh3, name("kerberized")))
	udp(false, true, call(cat(u32b(1), u32b(0xfffffff0)), nil, 1))
	udp(false, true, call(cat(u32b(1), u32b(0xfffffffe)), rpcAuth(0, nil), 1, fh3))
	udp(false, true, call(cat(u32b(1), u32b(400)), make([]byte, 40), 1))
	udp(false, true, call(rpcAuthUnix, cat(u32b(0), u32b(200)), 1, fh3))
	udp(false, true, call(rpcAuthUnix, rpcAuth(0, nil), 1))
	udp(false, true, call(rpcAuthUnix, rpcAuth(0, nil), 3, fh3, u32b(0xfffffffe)))
	udp(false, true, call(rpcAuthUnix, rpcAuth(0, nil), 3, fh3, u32b(0xfffffffc), []byte("xx")))
	udp(false, true, call(rpcAuthUnix, rpcAuth(0, nil), 3, fh3, u32b(100), []byte("short")))
	udp(false, true, call(rpcAuthUnix, rpcAuth(0, nil), 3, fh3, name("ctl\x01\x7f\xff")))
	udp(false, true, call(rpcAuthUnix, rpcAuth(0, nil), 3, u32b(200), fh3))
	udp(false, true, call(rpcAuthUnix, rpcAuth(0, nil), 4, fh3))
	udp(false, true, call(rpcAuthUnix, rpcAuth(0, nil), 10, fh3, name("s"), u32b(1)))
	udp(false, true, call(rpcAuthUnix, rpcAuth(0, nil), 11, fh3, name("s"), u32b(4), sattr3min, u32b(1)))
	udp(false, true, []byte{0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1, 0x86, 0xa3, 0, 0, 0, 3})
	udp(false, true, []byte{0, 0, 0, 1, 0, 0, 0, 0})
	udp(false, true, []byte{0, 0, 0, 1, 0, 0})
	udp(false, true, []byte{0, 0, 0, 1, 0, 0, 0, 1})
	udp(false, false, []byte{0, 0, 0, 1, 0, 0, 0, 0, 1, 2})
	udp(false, false, []byte{0, 0, 0, 1, 0, 0, 0, 1, 0, 0})
	udp(false, false, []byte{0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0})
	fs = append(fs, full("nfs", nfsUDPFrame(false, true, 2049, 2049, nfsCallB(7, 3, 1, fh3))))
	fs = append(fs, full("nfs", nfsUDPFrame(false, false, 2049, 2049, nfsReplyB(7, u32b(0), nfsFattr3(1, 0)))))
	fs = append(fs, full("nfs", nfsUDPFrame(false, true, 2049, 800, nfsCallB(8, 3, 1, fh3))))
	fs = append(fs, full("nfs", nfsUDPFrame(false, false, 800, 2049, nfsReplyB(8, u32b(0)))))
	// IPv6, TCP records of other lengths and shapes.
	xid++
	udp(true, true, nfsCallB(xid, 3, 6, cat(fh3, u64b(0), u32b(1))))
	udp(true, false, nfsReplyB(xid, u32b(0), nfsPostOp(1), u32b(1), u32b(1)))
	xid++
	tcp(true, true, nfsCallB(xid, 3, 1, fh3))
	tcp(true, false, nfsReplyB(xid, u32b(0), nfsFattr3(1, 0)))
	seq += 1000
	fs = append(fs, tcpSeg(false, true, 901, 2049, seq, cat(u32b(20), nfsCallB(xid, 3, 1, fh3))))
	fs = append(fs, tcpSeg(false, true, 901, 2049, seq, cat(u32b(0x8000ffff), nfsCallB(xid, 3, 1, fh3))))
	fs = append(fs, tcpSeg(false, true, 901, 2049, seq, []byte{0x80, 0, 0}))
	fs = append(fs, tcpSeg(false, true, 901, 2049, seq, []byte{0x80, 0, 0, 8, 0, 0, 0, 1}))
	fs = append(fs, tcpSeg(false, true, 901, 2049, seq, []byte{0x80, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 1}))
	fs = append(fs, tcpSeg(false, false, 2049, 901, seq, []byte{0x80, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 0}))

	// Cut captures of calls and replies.
	n := len(fs)
	for _, i := range []int{3, 5, 7, 21, 23, 25, 29, 33, 37, 41, 45, 49, 53, 57, 61, 65, 69, 73, 77, 85, 97, 121, 141, 161, 181, 201} {
		if i >= n {
			continue
		}
		f := fs[i]
		for _, c := range []int{4, 8, 12, 20, 28, 40, 52, 60, 72, 84, 100, 120, 140, 160, 200} {
			off := offIP4L4 + 8
			if f.data[12] == 0x86 {
				off = offIP6L4 + 8
			}
			if f.data[23] == 6 {
				off = offIP4L4 + 20
			}
			if off+c < len(f.data) {
				fs = append(fs, cut(f, off+c))
			}
		}
	}
	return fs, pairs
}

func FuzzNFS(f *testing.F) {
	fh3 := nfsFH3(bytes.Repeat([]byte{1, 0, 1, 0}, 8))
	fuzzPayload(f, false, 800, 2049, nfsCallB(1, 3, 8, fh3, xdrOpaque([]byte("n")), u32b(0), u32b(1), u32b(0755)),
		nfsCallB(2, 2, 4, make([]byte, 32), xdrOpaque([]byte("x"))))
}

// FuzzNFSReply prints an NFS call of the fuzzer's procedure and version,
// then the fuzzer's bytes as the reply to it (the call's xid taken from
// them), at every verbosity, whole and cut.
func FuzzNFSReply(f *testing.F) {
	f.Add(byte(7), true, nfsReplyB(1, u32b(0), nfsWcc, u32b(1), u32b(2), u64b(3)))
	f.Add(byte(1), false, nfsReplyB(2, u32b(0), nfsFattr2(1, 0)))
	f.Add(byte(19), true, nfsReplyB(3, u32b(0), u32b(0), make([]byte, 48)))
	var ps []*Printer
	for v := 0; v <= 3; v++ {
		ps = append(ps, New(nil, Options{Verbose: v}), New(nil, Options{Verbose: v, Link: true, Hex: 1}))
	}
	f.Fuzz(func(t *testing.T, proc byte, v3 bool, reply []byte) {
		xid := uint32(0)
		if len(reply) >= 4 {
			xid = binary.BigEndian.Uint32(reply)
		}
		vers := uint32(2)
		if v3 {
			vers = 3
		}
		call := nfsUDPFrame(false, true, 800, 2049, nfsCallB(xid, vers, uint32(proc), make([]byte, 64)))
		rep := nfsUDPFrame(false, false, 2049, 800, reply)
		for _, p := range ps {
			p.AppendPacket(nil, time.Unix(0, 0), call, len(call))
			for _, n := range []int{len(rep), len(rep) - len(reply)/2} {
				out := p.AppendPacket(nil, time.Unix(0, 0), rep[:n], len(rep))
				if len(out) == 0 || out[len(out)-1] != '\n' {
					t.Fatalf("output %q does not end in a newline", out)
				}
			}
		}
	})
}
