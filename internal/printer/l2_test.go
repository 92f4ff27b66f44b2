// The comparison with tcpdump of the layer-2 printers (LLC/SNAP, STP,
// CDP, LLDP, slow protocols, IS-IS, MPLS, PPPoE/PPP, MACsec): which of
// their frames tcpdump prints with printers this package has, the
// protocol each is reported under, and a run over their corpora and
// mutations at the verbosities the main comparison does not cover
// (-vvv, -v -e, -vv -e), reported per protocol.

package printer

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// l2Corpus returns the frames of the layer-2 printers' corpora.
func l2Corpus() []frame {
	var fs []frame
	fs = append(fs, llcCorpus()...)
	fs = append(fs, stpCorpus()...)
	fs = append(fs, lldpCorpus()...)
	fs = append(fs, slowCorpus()...)
	fs = append(fs, cdpCorpus()...)
	fs = append(fs, mplsCorpus()...)
	fs = append(fs, macsecCorpus()...)
	fs = append(fs, pppoeCorpus()...)
	fs = append(fs, isisCorpus()...)
	fs = append(fs, clnpCorpus()...)
	fs = append(fs, vlanCorpus()...)
	return fs
}

// l2Comparable is comparable for a frame whose type field lt (at off) is a
// length (802.3) or the jumbo type: handled is false for other frames.
func l2Comparable(d []byte, off int, lt uint16) (ok bool, why string, handled bool) {
	b := d[off:]
	if lt > 1500 && lt != 0x8870 {
		if f := l2EtherComparable(lt); f != nil {
			ok, why = f(b)
			return ok, why, true
		}
		return false, "", false
	}
	if lt <= 1500 && int(lt) < len(b) {
		b = b[:lt]
	}
	ok, why = llcComparable(b)
	return ok, why, true
}

// l2EtherComparable holds, by Ethertype, what says whether tcpdump prints
// a payload of a layer-2 printer's Ethertype with printers this package
// has (what the payload carries).
func l2EtherComparable(t uint16) func([]byte) (bool, string) {
	switch t {
	case 0x8847, 0x8848:
		return mplsComparable
	case 0x88e5:
		return macsecComparable
	case 0x8864, 0x3c13:
		return pppoeComparable
	}
	return nil
}

// mplsComparable follows the label stack to what mpls_print guesses
// follows it.
func mplsComparable(b []byte) (bool, string) {
	for {
		if len(b) < 4 {
			return true, ""
		}
		e := binary.BigEndian.Uint32(b)
		b = b[4:]
		if e>>8&1 == 0 {
			continue
		}
		switch e >> 12 {
		case 0, 3:
			return ipComparable(b, 4)
		case 2:
			return ipComparable(b, 6)
		}
		if len(b) == 0 {
			return true, ""
		}
		switch {
		case b[0] >= 0x45 && b[0] <= 0x4f:
			return ipComparable(b, 4)
		case b[0] >= 0x60 && b[0] <= 0x6f:
			return ipComparable(b, 6)
		case b[0] >= 0x81 && b[0] <= 0x83:
			return isoComparable(b)
		}
		return true, ""
	}
}

// macsecComparable: an encrypted payload is dumped; a clear one is the
// frame it protects, without the ICV.
func macsecComparable(b []byte) (bool, string) {
	if len(b) < 6 {
		return true, ""
	}
	tci, sl := b[0], int(b[1]&0x3f)
	n := 6
	if tci&0x20 != 0 {
		n = 14
	}
	if tci&0x0c != 0 || len(b) < n+16 {
		return true, ""
	}
	inner := b[n : len(b)-16]
	if sl != 0 && sl < len(inner) {
		inner = inner[:sl]
	}
	return comparable(cat(make([]byte, 12), inner))
}

// pppoeComparable follows a PPPoE session frame to what its PPP frame
// carries.
func pppoeComparable(b []byte) (bool, string) {
	if len(b) < 6 || b[1] != 0 {
		return true, ""
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	b = b[6:]
	if n < len(b) {
		b = b[:n]
	}
	return pppComparable(b)
}

// pppComparable is comparable for a PPP frame (ppp_print's view).
func pppComparable(b []byte) (bool, string) {
	if len(b) >= 2 {
		switch binary.BigEndian.Uint16(b) {
		case 0x0003, 0x0103, 0xff03:
			b = b[2:]
		}
	}
	if len(b) < 2 {
		return true, ""
	}
	if b[0] == 0x7e {
		return pppHDLCComparable(b[1:])
	}
	var proto uint16
	if b[0]%2 != 0 {
		proto, b = uint16(b[0]), b[1:]
	} else {
		proto, b = binary.BigEndian.Uint16(b), b[2:]
	}
	switch proto {
	case 0x0800, 0x002f, 0x0021:
		return ipComparable(b, 4)
	case 0x86dd, 0x0057:
		return ipComparable(b, 6)
	case 0x8137, 0x002b:
		return false, "IPX"
	case 0x0023:
		return isoComparable(b)
	case 0x0281, 0x0283:
		return mplsComparable(b)
	}
	return true, ""
}

// pppHDLCComparable un-escapes an RFC 1662 frame as ppp_hdlc does and
// looks at what it carries.
func pppHDLCComparable(b []byte) (bool, string) {
	var u []byte
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == 0x7d {
			if i+1 >= len(b) {
				break
			}
			i++
			c = b[i] ^ 0x20
		}
		u = append(u, c)
	}
	if len(u) >= 1 {
		switch u[0] {
		case 0x21:
			return ipComparable(u[1:], 4)
		case 0x57:
			return ipComparable(u[1:], 6)
		}
	}
	if len(u) >= 2 && u[0] == 0xff && u[1] == 0x03 {
		u = u[2:]
	}
	if len(u) >= 2 && u[0] == 0x7e {
		return true, ""
	}
	return pppComparable(u)
}

// llcComparable says whether tcpdump prints the LLC frame b with printers
// this package has.
func llcComparable(b []byte) (bool, string) {
	if len(b) < 3 {
		return true, ""
	}
	dsapF, ssapF, ctl := b[0], b[1], b[2]
	if dsapF == 0xff && ssapF == 0xff {
		return false, "IPX"
	}
	dsap, ssap := dsapF&^1, ssapF&^1
	if ctl&3 != 3 {
		return true, ""
	}
	if ctl != 3 || dsap != ssap {
		return true, ""
	}
	switch dsap {
	case 0xe0:
		return false, "IPX"
	case 0xfe:
		return isoComparable(b[3:])
	case 0x06:
		return ipComparable(b[3:], 4)
	case 0xaa:
		if len(b) < 8 {
			return true, ""
		}
		oui := uint32(b[3])<<16 | uint32(b[4])<<8 | uint32(b[5])
		pid := binary.BigEndian.Uint16(b[6:])
		return snapComparable(oui, pid, b[8:])
	}
	return true, ""
}

func snapComparable(oui uint32, pid uint16, b []byte) (bool, string) {
	switch oui {
	case 0x000000, 0x0000f8:
		return etherTypeComparable(pid, b)
	case 0x080007:
		if pid == 0x809b {
			return false, "Appletalk"
		}
	case 0x00000c:
		switch pid {
		case 0x2000:
			return cdpComparable(b)
		case 0x2003, 0x2004, 0x0111:
			return false, "VTP/DTP/UDLD"
		}
	case 0x0080c2:
		switch pid {
		case 0x0001, 0x0007:
			if len(b) < 2 {
				return true, ""
			}
			return comparable(b[2:])
		case 0x0003, 0x0009, 0x0004, 0x000a:
			return false, "Token Ring/FDDI"
		}
	}
	return true, ""
}

// etherTypeComparable is comparable for a payload of Ethertype t.
func etherTypeComparable(t uint16, b []byte) (bool, string) {
	switch t {
	case 0x0800:
		return ipComparable(b, 4)
	case 0x86dd:
		return ipComparable(b, 6)
	}
	if f := l2EtherComparable(t); f != nil {
		return f(b)
	}
	if etherTypePrinted(t) {
		return false, fmt.Sprintf("ethertype 0x%04x has a tcpdump printer", t)
	}
	return true, ""
}

// cdpComparable: CDP frames are all printed here; isoComparable: OSI
// frames are, but for Q.933, which has no printer here.
func cdpComparable(b []byte) (bool, string) { return true, "" }
func isoComparable(b []byte) (bool, string) {
	if len(b) == 0 {
		return true, ""
	}
	switch b[0] {
	case 0x08:
		return false, "Q.933"
	case 0xcc:
		return ipComparable(b[1:], 4)
	case 0x8e:
		return ipComparable(b[1:], 6)
	case 0xcf:
		return pppComparable(b[1:])
	}
	return true, ""
}

// l2Label is protoLabel for an 802.3 (or jumbo) frame whose LLC header
// is b.
func l2Label(b []byte) string {
	if len(b) < 3 {
		return "llc"
	}
	dsap, ssap, ctl := b[0]&^1, b[1]&^1, b[2]
	if ctl != 3 || dsap != ssap {
		return "llc"
	}
	switch dsap {
	case 0x42:
		return "stp"
	case 0xfe:
		return "isoclns"
	case 0xaa:
		if len(b) < 8 {
			return "snap"
		}
		oui := uint32(b[3])<<16 | uint32(b[4])<<8 | uint32(b[5])
		pid := binary.BigEndian.Uint16(b[6:])
		switch {
		case oui == 0x00000c && pid == 0x2000:
			return "cdp"
		case oui == 0x00000c && (pid == 0x010b || pid == 0x010c), oui == 0x0080c2 && pid == 0x000e:
			return "stp"
		}
		return "snap"
	}
	return "llc"
}

// eth8023 builds an 802.3 frame: the length field says len(payload).
func eth8023(dst, src []byte, payload []byte) []byte {
	return pad(cat(dst, src, u16b(uint16(len(payload))), payload))
}

// stpMulticast is the bridge group address BPDUs go to.
var stpMulticast = []byte{0x01, 0x80, 0xc2, 0x00, 0x00, 0x00}

// TestL2MatchesTcpdump prints the layer-2 corpora and their mutations at
// the option sets TestMatchesTcpdump does not compare for them (-vvv,
// -v -e, -vv -e, and the mutations at default, -v, -vv and -e too) and
// compares with tcpdump line by line and packet by packet, per protocol.
func TestL2MatchesTcpdump(t *testing.T) {
	bin := needTcpdump(t)
	var fs []frame
	skipped := map[string]int{}
	base := l2Corpus()
	seed := int64(77)
	if v, err := strconv.ParseInt(os.Getenv("XDPDUMP_L2_SEED"), 10, 64); err == nil {
		seed = v // explore other mutations: XDPDUMP_L2_SEED=N go test -run TestL2MatchesTcpdump
	}
	all := append(append([]frame(nil), base...), mutatedFrom(base, 6*len(base), seed, 14)...)
	for _, f := range all {
		if ok, why := comparable(f.data); !ok {
			skipped[why]++
			continue
		}
		fs = append(fs, f)
	}
	t.Logf("%d frames (%d generated), left out: %v", len(fs), len(base), skipped)
	path := filepath.Join(t.TempDir(), "l2.pcap")
	writePcap(t, path, false, fs)
	recs := readRecords(t, path)
	rep := newProtoReport()
	saved := reported
	reported = []string{"default", "-v", "-vv", "-vvv", "-e", "-v -e", "-vv -e", "-vvv -e"}
	defer func() { reported = saved }()
	for _, c := range []optCase{
		{[]string{}, Options{}, false},
		{[]string{"-v"}, Options{Verbose: 1}, false},
		{[]string{"-vv"}, Options{Verbose: 2}, false},
		{[]string{"-vvv"}, Options{Verbose: 3}, false},
		{[]string{"-e"}, Options{Link: true}, false},
		{[]string{"-v", "-e"}, Options{Verbose: 1, Link: true}, false},
		{[]string{"-vv", "-e"}, Options{Verbose: 2, Link: true}, false},
		{[]string{"-vvv", "-e"}, Options{Verbose: 3, Link: true}, false},
	} {
		t.Run(c.name(), func(t *testing.T) {
			t.Logf("%d lines compared", compareRun(t, bin, path, recs, fs, c, rep))
		})
	}
	rep.log(t)
}
