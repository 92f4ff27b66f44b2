// The link layers of linklayer.go against the real tcpdump: the corpus's
// Ethernet frames rewritten as Linux cooked v1 and v2, BSD NULL and LOOP
// and raw IP captures, printed with each option set and compared line by
// line with `tcpdump -n -r` of the same file; PrintCooked against tcpdump
// reading the cooked v2 file it stands for; -K and -T against tcpdump.

package printer

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// relink rewrites an Ethernet frame for link type lt (a LINKTYPE_ value);
// i varies the header's fields. ok is false when the frame has no
// equivalent (raw IP of a frame that is not IP).
func relink(d []byte, lt int, i int) ([]byte, bool) {
	if len(d) < 14 {
		return nil, false
	}
	et := binary.BigEndian.Uint16(d[12:])
	payload := d[14:]
	switch lt {
	case 276: // SLL2
		h := make([]byte, 20)
		binary.BigEndian.PutUint16(h[0:], et)
		ifindex := []uint32{1, 999999, 1}[i%3]
		binary.BigEndian.PutUint32(h[4:], ifindex)
		binary.BigEndian.PutUint16(h[8:], []uint16{1, 772, 1, 1}[i%4])
		h[10] = []byte{0, 1, 2, 3, 4, 9}[i%6]
		h[11] = 6
		if i%7 == 5 {
			h[11] = 0
		}
		copy(h[12:], d[6:12])
		return append(h, payload...), true
	case 113: // SLL
		h := make([]byte, 16)
		binary.BigEndian.PutUint16(h[0:], []uint16{0, 1, 2, 3, 4, 9}[i%6])
		binary.BigEndian.PutUint16(h[2:], []uint16{1, 772, 1}[i%3])
		binary.BigEndian.PutUint16(h[4:], 6)
		if i%7 == 5 {
			binary.BigEndian.PutUint16(h[4:], 4)
		}
		copy(h[6:], d[6:12])
		binary.BigEndian.PutUint16(h[14:], et)
		return append(h, payload...), true
	case 0, 108: // NULL, LOOP
		var fam uint32
		switch et {
		case 0x0800:
			fam = 2
		case 0x86dd:
			fam = []uint32{24, 28, 30}[i%3]
		default:
			fam = []uint32{99, 5, 1000}[i%3] // ISO, AppleTalk and IPX have tcpdump printers, not here
		}
		h := make([]byte, 4)
		if lt == 108 || i%5 == 1 {
			binary.BigEndian.PutUint32(h, fam)
		} else {
			binary.LittleEndian.PutUint32(h, fam)
		}
		return append(h, payload...), true
	case 101: // RAW
		if et != 0x0800 && et != 0x86dd {
			return nil, false
		}
		return append([]byte(nil), payload...), true
	}
	return nil, false
}

func writeLinkPcap(t *testing.T, path string, lt int, recs []record) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(MaxSnaplen, layers.LinkType(lt)); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		ci := gopacket.CaptureInfo{Timestamp: r.ts, CaptureLength: len(r.data), Length: r.origLen}
		if err := w.WritePacket(ci, r.data); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLinkTypesMatchTcpdump compares every link type with tcpdump at the
// option sets of TestMatchesTcpdump.
func TestLinkTypesMatchTcpdump(t *testing.T) {
	bin := needTcpdump(t)
	fs := loadCorpus(t)
	dir := t.TempDir()
	types := []struct {
		name string
		lt   int
		link LinkType
	}{{"sll2", 276, LinkSLL2}, {"sll", 113, LinkSLL}, {"null", 0, LinkNull}, {"loop", 108, LinkLoop}, {"raw", 101, LinkRaw}}
	for _, ty := range types {
		t.Run(ty.name, func(t *testing.T) {
			var recs []record
			for i, f := range fs {
				d, ok := relink(f.data, ty.lt, i)
				if !ok {
					continue
				}
				extra := len(d) - len(f.data)
				recs = append(recs, record{ts: timestamp(i), data: d, origLen: f.origLen + extra})
			}
			file := filepath.Join(dir, ty.name+".pcap")
			writeLinkPcap(t, file, ty.lt, recs)
			lines := 0
			for _, c := range optCases {
				if c.nano {
					continue
				}
				want := runTcpdump(t, bin, append(append([]string{"-n"}, c.args...), "-r", file)...)
				var got bytes.Buffer
				o := c.opt
				o.Location = time.UTC
				o.LinkType = ty.link
				p := New(&got, o)
				for _, r := range recs {
					if err := p.Print(r.ts, r.data, r.origLen); err != nil {
						t.Fatal(err)
					}
				}
				p.Flush()
				t.Run(c.name(), func(t *testing.T) { lines += compareLines(t, want, got.Bytes()) })
			}
			t.Logf("%s: %d packets, %d lines compared", ty.name, len(recs), lines)
		})
	}
}

// TestPrintCookedMatchesTcpdump prints Ethernet frames with PrintCooked and
// compares with tcpdump reading the cooked v2 file libpcap would have
// written for them.
func TestPrintCookedMatchesTcpdump(t *testing.T) {
	bin := needTcpdump(t)
	fs := loadCorpus(t)
	var recs []record
	var cooked []Cooked
	for i, f := range fs {
		if len(f.data) < 14 {
			continue
		}
		c := Cooked{Ifindex: 1, Ifname: "lo", PktType: []uint8{PktHost, PktOutgoing, PktBroadcast, PktMulticast, PktOtherHost}[i%5], Loopback: i%4 == 1}
		cooked = append(cooked, c)
		recs = append(recs, record{ts: timestamp(i), data: f.data, origLen: f.origLen})
	}
	var sll []record
	for i, r := range recs {
		h := make([]byte, 20)
		copy(h[0:2], r.data[12:14])
		binary.BigEndian.PutUint32(h[4:], 1)
		binary.BigEndian.PutUint16(h[8:], 1)
		if cooked[i].Loopback {
			binary.BigEndian.PutUint16(h[8:], 772)
		}
		h[10], h[11] = cooked[i].PktType, 6
		copy(h[12:], r.data[6:12])
		sll = append(sll, record{ts: r.ts, data: append(h, r.data[14:]...), origLen: r.origLen + 6})
	}
	file := filepath.Join(t.TempDir(), "cooked.pcap")
	writeLinkPcap(t, file, 276, sll)
	for _, c := range optCases {
		if c.nano {
			continue
		}
		want := runTcpdump(t, bin, append(append([]string{"-n"}, c.args...), "-r", file)...)
		var got bytes.Buffer
		o := c.opt
		o.Location = time.UTC
		p := New(&got, o)
		for i, r := range recs {
			if err := p.PrintCooked(r.ts, r.data, r.origLen, cooked[i]); err != nil {
				t.Fatal(err)
			}
		}
		p.Flush()
		t.Run(c.name(), func(t *testing.T) { compareLines(t, want, got.Bytes()) })
	}
}

// TestChecksumsAndTypesMatchTcpdump compares -K and every -T type the
// printer decodes (and one it does not know the payload of) with tcpdump.
func TestChecksumsAndTypesMatchTcpdump(t *testing.T) {
	bin := needTcpdump(t)
	fs := loadCorpus(t)
	var recs []record
	for i, f := range fs {
		d := append([]byte(nil), f.data...)
		// Spoil the checksums of every third frame.
		if i%3 == 0 && len(d) > 40 {
			d[len(d)-1] ^= 0x5a
			if len(d) > 25 {
				d[25] ^= 0x11
			}
		}
		recs = append(recs, record{ts: timestamp(i), data: d, origLen: f.origLen})
	}
	file := filepath.Join(t.TempDir(), "k.pcap")
	writeLinkPcap(t, file, 1, recs)
	cases := []struct {
		args []string
		opt  Options
	}{
		{[]string{"-K", "-v"}, Options{Verbose: 1, LinkOptions: LinkOptions{NoChecksums: true}}},
		{[]string{"-K", "-vv"}, Options{Verbose: 2, LinkOptions: LinkOptions{NoChecksums: true}}},
		{[]string{"-v"}, Options{Verbose: 1}},
	}
	for _, ty := range DecodedPacketTypes() {
		for _, v := range []int{0, 1} {
			args := []string{"-T", strings.ToUpper(ty)}
			if v > 0 {
				args = append(args, "-v")
			}
			cases = append(cases, struct {
				args []string
				opt  Options
			}{args, Options{Verbose: v, LinkOptions: LinkOptions{PacketType: ty}}})
		}
	}
	// -T vxlan decodes the inner frame of every UDP datagram; tcpdump's LLC
	// printer (inner frames with a length field, or cut short) has no match
	// here.
	var vx []record
	for _, r := range recs {
		if ok, _ := comparable(r.data); ok && !innerLLC(r.data) && len(r.data) == r.origLen {
			vx = append(vx, r)
		}
	}
	vxFile := filepath.Join(t.TempDir(), "vx.pcap")
	writeLinkPcap(t, vxFile, 1, vx)
	for _, c := range cases {
		file, recs := file, recs
		if c.opt.PacketType == "vxlan" {
			file, recs = vxFile, vx
		}
		want := runTcpdump(t, bin, append(append([]string{"-n"}, c.args...), "-r", file)...)
		var got bytes.Buffer
		o := c.opt
		o.Location = time.UTC
		p := New(&got, o)
		for _, r := range recs {
			if err := p.Print(r.ts, r.data, r.origLen); err != nil {
				t.Fatal(err)
			}
		}
		p.Flush()
		t.Run(strings.Join(c.args, " "), func(t *testing.T) { compareLines(t, want, got.Bytes()) })
	}
	if len(DecodedPacketTypes()) == 0 {
		t.Fatal("no -T type decoded")
	}
	t.Logf("-T types decoded: %v", DecodedPacketTypes())
}

// innerLLC reports whether a frame may carry, as -T vxlan decodes it, an
// inner Ethernet frame with a length field: anything but an untagged IPv4
// or IPv6 UDP datagram whose inner frame has an Ethertype.
func innerLLC(d []byte) bool {
	if len(d) < 14 {
		return false
	}
	var udp []byte
	switch binary.BigEndian.Uint16(d[12:]) {
	case 0x0800:
		if len(d) < 34 || d[23] != 17 {
			return len(d) > 23 && d[23] == 1 // -v decodes the UDP an ICMP error quotes
		}
		if hl := 14 + int(d[14]&15)*4; hl <= len(d) {
			udp = d[hl:]
		}
	case 0x86dd:
		if len(d) < 62 || d[20] != 17 {
			return d[20] == 17 || d[20] == 0 || d[20] == 43 || d[20] == 44 || d[20] == 60 || d[20] == 58
		}
		udp = d[54:]
	case 0x0806:
		return false
	default:
		return true
	}
	// Tunnels in tunnels are decoded again at every level.
	if len(udp) >= 4 && (binary.BigEndian.Uint16(udp[2:]) == 4789 || binary.BigEndian.Uint16(udp) == 4789) {
		return true
	}
	if len(udp) < 8+8+14 || binary.BigEndian.Uint16(udp[8+8+12:]) <= 1500 {
		return true
	}
	// An inner UDP datagram is decoded as VXLAN in turn.
	return innerLLC(udp[16:]) || len(udp) >= 16+34 && (udp[16+23] == 17 || udp[16+20] == 17)
}
