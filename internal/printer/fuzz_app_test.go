package printer

import (
	"testing"
	"time"
)

// fuzzPayload fuzzes one application printer: the fuzzer's bytes go in a
// UDP datagram (or TCP segment) between sport and dport, over IPv4, and
// are printed at every verbosity with and without -e; each output must be
// one packet's text ending in a newline.
func fuzzPayload(f *testing.F, tcp bool, sport, dport uint16, seeds ...[]byte) {
	for _, s := range seeds {
		f.Add(s)
	}
	var ps []*Printer
	for v := 0; v <= 3; v++ {
		ps = append(ps, New(nil, Options{Verbose: v}), New(nil, Options{Verbose: v, Link: true, HexASCII: 1}))
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		var fr []byte
		if tcp {
			fr = tcpSeg(false, true, sport, dport, 1, payload).data
		} else {
			fr = udpFrame(false, sport, dport, payload)
		}
		for _, p := range ps {
			for _, n := range []int{len(fr), len(fr) - len(payload)/2} {
				out := p.AppendPacket(nil, time.Unix(0, 0), fr[:n], len(fr))
				if len(out) == 0 || out[len(out)-1] != '\n' {
					t.Fatalf("output %q does not end in a newline", out)
				}
			}
		}
	})
}

func FuzzTFTP(f *testing.F) {
	fuzzPayload(f, false, 40000, 69, []byte("\x00\x01file\x00octet\x00blksize\x00512\x00"), []byte("\x00\x05\x00\x01oops\x00"))
}

func FuzzSyslog(f *testing.F) {
	fuzzPayload(f, false, 40514, 514, []byte("<34>Oct 11 22:14:15 host su: failed"), []byte("<1"))
}

func FuzzBFD(f *testing.F) {
	fuzzPayload(f, false, 49153, 3784, bfdCtl(1, 0, 0xc4, 3, 1, 2, 300000, 300000, 50000, []byte{2, 24, 1, 0, 0, 0, 0, 1}))
}

func FuzzRADIUS(f *testing.F) {
	fuzzPayload(f, false, 40000, 1812, radMsg(1, 1, rattr(1, 'a'), rattr(26, 0, 0, 0, 9, 1, 3, 'x'), rattr(97, 0, 64, 0x20)))
}

func FuzzDHCP6(f *testing.F) {
	fuzzPayload(f, false, 546, 547, d6msg(1, 7, d6opt(1, u16b(3), u16b(1), macA), d6opt(9, d6msg(1, 1, d6opt(8, u16b(1))))))
}

func FuzzBGP(f *testing.F) {
	fuzzPayload(f, true, 40179, 179, bgpMsg(4), bgpOpen(1, 3, "1.1.1.1", bgpCaps(bgpCap(65, 0, 1, 0, 0))),
		bgpUpdate(nil, [][]byte{battr(0x40, 1, []byte{0}), battr(0x90, 14, u16b(2), []byte{1, 0, 0, 8, 0x20})}, []byte{8, 10}))
}

func FuzzSNMP(f *testing.F) {
	fuzzPayload(f, false, 40161, 161, snmpV12(0, "public", snmpPDU(0xa0, 1, 0, 0, snmpVB(berOID(1, 3, 6, 1, 2, 1, 1, 1, 0), []byte{5, 0}))))
}

func FuzzISAKMP(f *testing.F) {
	fuzzPayload(f, false, 500, 500, ikeHdr(1, 0, 1, 0x10, 2, 0, 0, ikePay(0, 0, u32b(1), u32b(1), ikePay(0, 0, []byte{1, 1, 0, 1},
		ikePay(0, 0, []byte{1, 1, 0, 0}, ikeAttrB(1, 7))))), ikeHdr(2, 0, 33, 0x20, 34, 8, 0, ikePay(0, 0, []byte{1, 2})))
}

func FuzzISAKMPNATT(f *testing.F) {
	fuzzPayload(f, false, 4500, 4500, []byte{0xff}, cat(u32b(0), ikeHdr(2, 0, 46, 0x20, 35, 8, 1, ikePay(0, 0, []byte{1}))))
}

func FuzzRIP(f *testing.F) {
	fuzzPayload(f, false, 520, 520, cat([]byte{2, 2, 0, 0}, ripEntry(2, 0, "10.1.0.0", "255.255.0.0", "0.0.0.0", 1)))
}

func FuzzRIPng(f *testing.F) {
	fuzzPayload(f, false, 521, 521, cat([]byte{2, 1, 0, 0}, ip6b16("2001:db8::"), []byte{0, 0, 32, 1}))
}

func FuzzL2TP(f *testing.F) {
	fuzzPayload(f, false, 1701, 1701, l2ctl(1, 0, 0, 0, l2avp(0x8000, 0, 0, u16b(1)), l2avp(0, 0, 7, []byte("lac"))),
		cat(u16b(0x0002), u16b(9), u16b(10), []byte{0xff, 0x03, 0, 0x21, 0x45}))
}

func FuzzSFlow(f *testing.F) {
	fuzzPayload(f, false, 50343, 6343, sflowDgram(false, 1, sfSample(2, u32b(9), []byte{0, 0, 0, 7}, u32b(1), sfRecord(5, make([]byte, 28)))))
}

func FuzzBabel(f *testing.F) {
	fuzzPayload(f, false, 6696, 6696, babelPkt(2, nil, btlv(4, u16b(0), u16b(17), u16b(400)), btlv(8, []byte{1, 0x80, 24, 0}, u16b(1600), u16b(7), u16b(96), []byte{10, 1, 2})))
}
