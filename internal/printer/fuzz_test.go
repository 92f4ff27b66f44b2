// Fuzz targets, one per decoder: each wraps the fuzzed bytes in the
// frame its decoder is reached through (an IPv4 or IPv6 datagram of its
// protocol, a TCP header's options, an ARP frame) and prints it with
// several option sets; a panic, an allocation that escapes to a crash,
// or output that does not end in a newline fails. The seeds are the
// decoder's corpus. `go test -fuzz=FuzzSCTP` and so on.

package printer

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"
)

// fuzzPrinters are the option sets every fuzz target prints with.
func fuzzPrinters() []*Printer {
	var ps []*Printer
	for _, o := range []Options{{}, {Verbose: 1, Link: true, HexASCII: 1}, {Verbose: 3}, {Verbose: 2, CARP: true, Hex: 2}, {Quiet: true}} {
		ps = append(ps, New(&bytes.Buffer{}, o))
	}
	return ps
}

func fuzzFrame(t *testing.T, ps []*Printer, frame []byte, origLen int) {
	for _, p := range ps {
		out := p.AppendPacket(nil, time.Unix(0, 0), frame, origLen)
		if len(out) == 0 || out[len(out)-1] != '\n' {
			t.Fatalf("output %q does not end in a newline", out)
		}
	}
}

// l4Payload returns the payload of protocol proto of an IPv4 or IPv6
// frame of the corpus (after the IPv6 extension headers the corpus puts
// before it), or nil.
func l4Payload(d []byte, proto byte) []byte {
	if len(d) < 14 {
		return nil
	}
	switch binary.BigEndian.Uint16(d[12:]) {
	case 0x0800:
		if len(d) >= 34 && d[14+9] == proto {
			if hl := int(d[14]&15) * 4; len(d) >= 14+hl {
				return d[14+hl:]
			}
		}
	case 0x86dd:
		if len(d) >= 54 && d[14+6] == proto {
			return d[54:]
		}
	}
	return nil
}

// fuzzIPProto fuzzes the printer of IP protocol proto: the fuzzed bytes
// are its payload in an IPv4 datagram (v6 false) or an IPv6 one, cut to
// caplen bytes of the frame when caplen is smaller.
func fuzzIPProto(f *testing.F, proto byte, seeds []frame) {
	for _, fr := range seeds {
		if pl := l4Payload(fr.data, proto); pl != nil {
			f.Add(pl, binary.BigEndian.Uint16(fr.data[12:]) == 0x86dd, uint16(len(fr.data)))
		}
	}
	ps := fuzzPrinters()
	f.Fuzz(func(t *testing.T, payload []byte, v6 bool, caplen uint16) {
		var fr []byte
		if v6 {
			fr = raw6(ip6A, ip6B, proto, 64, payload)
		} else {
			fr = raw4(proto, nil, payload)
		}
		orig := len(fr)
		if int(caplen) < len(fr) {
			fr = fr[:caplen]
		}
		fuzzFrame(t, ps, fr, orig)
	})
}

func FuzzSCTP(f *testing.F)  { fuzzIPProto(f, 132, sctpCorpus()) }
func FuzzAH(f *testing.F)    { fuzzIPProto(f, 51, ipsecCorpus()) }
func FuzzESP(f *testing.F)   { fuzzIPProto(f, 50, ipsecCorpus()) }
func FuzzIGMP(f *testing.F)  { fuzzIPProto(f, 2, ipsecCorpus()) }
func FuzzVRRP(f *testing.F)  { fuzzIPProto(f, 112, ipsecCorpus()) }
func FuzzICMP(f *testing.F)  { fuzzIPProto(f, 1, icmpCorpus()) }
func FuzzICMP6(f *testing.F) { fuzzIPProto(f, 58, icmp6Corpus()) }
func FuzzGRE(f *testing.F)   { fuzzIPProto(f, 47, greCorpus()) }
func FuzzEIGRP(f *testing.F) { fuzzIPProto(f, 88, eigrpCorpus()) }
func FuzzOSPF(f *testing.F)  { fuzzIPProto(f, 89, ospfCorpus()) }
func FuzzPIM(f *testing.F)   { fuzzIPProto(f, 103, pimCorpus()) }
func FuzzOSPF6(f *testing.F) { fuzzIPProto(f, 89, ospf6Corpus()) }

// FuzzPIMv1 fuzzes PIMv1, which IGMP carries.
func FuzzPIMv1(f *testing.F) { fuzzIPProto(f, 2, pimCorpus()) }

// FuzzTCPOptions fuzzes the TCP options printers (MPTCP, TFO, TCP-AO,
// ...): the fuzzed bytes are the options of a segment with these flags.
func FuzzTCPOptions(f *testing.F) {
	for _, fr := range tcpOptCorpus() {
		if l4 := l4Payload(fr.data, 6); len(l4) >= 20 {
			if hl := int(l4[12]>>4) * 4; hl > 20 && hl <= len(l4) {
				f.Add(l4[20:hl], l4[13], uint16(len(fr.data)))
			}
		}
	}
	ps := fuzzPrinters()
	f.Fuzz(func(t *testing.T, opts []byte, flags byte, caplen uint16) {
		if len(opts) > 40 {
			opts = opts[:40]
		}
		fr := tcpRaw(false, flags, opts, []byte("payload"))
		orig := len(fr)
		if int(caplen) < len(fr) {
			fr = fr[:caplen]
		}
		fuzzFrame(t, ps, fr, orig)
	})
}

// FuzzIPOptions fuzzes the IPv4 options printers.
func FuzzIPOptions(f *testing.F) {
	for _, fr := range ipOptCorpus() {
		if len(fr.data) >= 34 {
			if hl := int(fr.data[14]&15) * 4; hl > 20 && len(fr.data) >= 14+hl {
				f.Add(fr.data[34:14+hl], uint16(len(fr.data)))
			}
		}
	}
	ps := fuzzPrinters()
	f.Fuzz(func(t *testing.T, opts []byte, caplen uint16) {
		if len(opts) > 40 {
			opts = opts[:40]
		}
		fr := raw4(17, opts, udp4To(ip4B, 1, 2, []byte("x")))
		orig := len(fr)
		if int(caplen) < len(fr) {
			fr = fr[:caplen]
		}
		fuzzFrame(t, ps, fr, orig)
	})
}

// FuzzARP fuzzes the ARP printers (Ethernet, Frame Relay and ATM
// hardware types): the fuzzed bytes follow the Ethernet header.
func FuzzARP(f *testing.F) {
	for _, fr := range arpCorpus() {
		f.Add(fr.data[14:], binary.BigEndian.Uint16(fr.data[12:]) == 0x8035)
	}
	ps := fuzzPrinters()
	f.Fuzz(func(t *testing.T, body []byte, rarp bool) {
		et := []byte{0x08, 0x06}
		if rarp {
			et = []byte{0x80, 0x35}
		}
		fuzzFrame(t, ps, cat(bcast, macA, et, body), 14+len(body))
	})
}
