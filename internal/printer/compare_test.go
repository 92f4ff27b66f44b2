package printer

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// comparable reports whether tcpdump prints the frame with printers this
// package reproduces exactly (see the package documentation), and why not.
func comparable(d []byte) (bool, string) {
	if len(d) < 14 {
		return true, ""
	}
	off := 12
	lt := binary.BigEndian.Uint16(d[off:])
	off += 2
	for lt == 0x8100 || lt == 0x9100 || lt == 0x9200 || lt == 0x88a8 {
		if len(d) < off+4 {
			return true, ""
		}
		lt = binary.BigEndian.Uint16(d[off+2:])
		off += 4
	}
	if ok, why, handled := l2Comparable(d, off, lt); handled {
		return ok, why
	}
	switch {
	case lt == 0x0800:
		return ipComparable(d[off:], 4)
	case lt == 0x86dd:
		return ipComparable(d[off:], 6)
	case lt == 0x0806:
		return true, ""
	}
	if etherTypePrinted(lt) {
		return false, fmt.Sprintf("ethertype 0x%04x has a tcpdump printer", lt)
	}
	return true, ""
}

// tcpdumpEtherTypes are the Ethertypes tcpdump 4.99.3's ethertype_print
// (or ether_common_print) has a printer for.
var tcpdumpEtherTypes = map[uint16]bool{0x0800: true, 0x86dd: true, 0x0806: true, 0x8035: true,
	0x6003: true, 0x809b: true, 0x80f3: true, 0x8137: true, 0xfefe: true, 0x8863: true, 0x8864: true,
	0x3c12: true, 0x3c13: true, 0x888e: true, 0x8899: true, 0x880b: true, 0x8808: true, 0x8809: true,
	0x8902: true, 0xabcd: true, 0x88cc: true, 0x894f: true, 0x9000: true, 0x8847: true, 0x8848: true,
	0x88ca: true, 0x886f: true, 0x0707: true, 0x8947: true, 0x1111: true, 0x88a2: true, 0x88f7: true,
	0x88e5: true, 0x8870: true, 0xd28b: true}

// etherTypesUnverified are Ethertypes with a printer here whose output is
// not yet compared with tcpdump's.
var etherTypesUnverified = map[uint16]bool{}

// etherTypePrinted reports whether tcpdump has a printer for an Ethertype
// that this package does not reproduce.
func etherTypePrinted(lt uint16) bool {
	_, ours := etherTypes[lt]
	return tcpdumpEtherTypes[lt] && (!ours || etherTypesUnverified[lt])
}

// tcpdumpIPProtos are the IP protocols tcpdump 4.99.3's ip_demux_print has
// a printer for.
var tcpdumpIPProtos = map[uint8]bool{1: true, 2: true, 4: true, 6: true, 8: true, 9: true, 17: true,
	33: true, 41: true, 46: true, 47: true, 50: true, 51: true, 55: true, 58: true, 59: true, 77: true,
	88: true, 89: true, 103: true, 108: true, 112: true, 113: true, 132: true, 143: true}

// ipProtosUnverified are IP protocols with a printer here whose output is
// not yet compared with tcpdump's.
var ipProtosUnverified = map[uint8]bool{77: true, 143: true}

// ipProtoPrinted reports whether tcpdump has a printer for an IP protocol
// that this package does not reproduce.
func ipProtoPrinted(nh uint8) bool {
	return tcpdumpIPProtos[nh] && (ipProtos[nh].f == nil || ipProtosUnverified[nh])
}

func ipComparable(d []byte, ver int) (bool, string) {
	var proto uint8
	var l4 []byte
	if ver == 4 {
		if len(d) < 20 {
			return true, ""
		}
		if d[0]>>4 != 4 {
			return true, ""
		}
		hl := int(d[0]&15) * 4
		proto = d[9]
		if binary.BigEndian.Uint16(d[6:])&0x1fff != 0 {
			return true, "" // later fragment: only addresses
		}
		if len(d) >= hl {
			l4 = d[hl:]
		}
	} else {
		if len(d) < 40 {
			return true, ""
		}
		proto = d[6]
		l4 = d[40:]
		// Follow the extension headers as ip6_print does.
	ext:
		for {
			switch proto {
			case 0, 43, 60:
				if len(l4) < 2 || len(l4) < (int(l4[1])+1)*8 {
					return true, ""
				}
				proto, l4 = l4[0], l4[(int(l4[1])+1)*8:]
			case 44:
				if len(l4) < 8 || binary.BigEndian.Uint16(l4[2:])&0xfff8 != 0 {
					return true, ""
				}
				proto, l4 = l4[0], l4[8:]
			case 135, 62:
				return true, "" // the mobility header ends the chain
			default:
				break ext
			}
		}
	}
	// AH is followed by the protocol it authenticates.
	for proto == 51 && len(l4) >= 2 && len(l4) >= (int(l4[1])+2)*4 {
		proto, l4 = l4[0], l4[(int(l4[1])+2)*4:]
	}
	if ipProtoPrinted(proto) {
		return false, fmt.Sprintf("IP protocol %d has a tcpdump printer", proto)
	}
	switch proto {
	case 4:
		return ipComparable(l4, 4)
	case 41:
		return ipComparable(l4, 6)
	case 17:
		if len(l4) < 4 {
			break
		}
		sp, dp := binary.BigEndian.Uint16(l4), binary.BigEndian.Uint16(l4[2:])
		if UDPPortDecoded(sp, dp) {
			return false, "UDP port decoded by tcpdump"
		}
		// The frame inside a tunnel must be comparable too.
		switch udpTable.name(portPayload{sport: sp, dport: dp}) {
		case "vxlan":
			if len(l4) > 16 {
				return comparable(l4[16:])
			}
		case "geneve":
			if len(l4) < 16 {
				break
			}
			inner := l4[16:]
			if n := int(l4[8]&0x3f) * 4; n <= len(inner) {
				inner = inner[n:]
			} else {
				inner = nil
			}
			switch et := binary.BigEndian.Uint16(l4[10:]); et {
			case 0x0800:
				return ipComparable(inner, 4)
			case 0x86dd:
				return ipComparable(inner, 6)
			case 0x6558:
				return comparable(inner)
			default:
				if etherTypePrinted(et) {
					return false, fmt.Sprintf("Geneve protocol 0x%04x has a tcpdump printer", et)
				}
			}
		}
	case 6:
		if len(l4) >= 13 {
			hl := int(l4[12]>>4) * 4
			if len(l4) > hl && TCPPortsDecoded(binary.BigEndian.Uint16(l4), binary.BigEndian.Uint16(l4[2:])) {
				// Payload on a decoded port (padding counts too: we can
				// not tell it from payload without the IP length).
				return false, "TCP port decoded by tcpdump"
			}
		}
	case 47:
		return greComparable(l4)
	case 2:
		if len(l4) >= 1 && l4[0] == 0x13 {
			return false, "IGMP DVMRP decoded by tcpdump"
		}
	case 132:
		// DATA chunks for M3UA (-vv) and ForCES go to printers this
		// package does not have.
		if len(l4) >= 4 && (isForCESPort(binary.BigEndian.Uint16(l4)) || isForCESPort(binary.BigEndian.Uint16(l4[2:]))) {
			return false, "SCTP ForCES port"
		}
		for c := 12; c+16 <= len(l4); {
			n := int(binary.BigEndian.Uint16(l4[c+2:]))
			if l4[c] == 0 {
				if ppid := binary.BigEndian.Uint32(l4[c+12:]); ppid == 3 || ppid >= 21 && ppid <= 23 {
					return false, "SCTP M3UA or ForCES payload"
				}
			}
			if n < 4 {
				break
			}
			c += (n + 3) &^ 3
		}
	case 1:
		if len(l4) >= 8 && (l4[0] == 3 || l4[0] == 4 || l4[0] == 5 || l4[0] == 11 || l4[0] == 12) {
			// -v prints the quoted datagram.
			return ipComparable(l4[8:], 4)
		}
	case 58:
		if len(l4) >= 1 {
			_ = l4
		}
	}
	return true, ""
}

// loadCorpus returns the generated frames plus comparable frames from
// capture files found on the machine.
func loadCorpus(t testing.TB) []frame {
	var fs []frame
	skipped := map[string]int{}
	add := func(f frame) {
		if ok, why := comparable(f.data); !ok {
			skipped[why]++
			return
		}
		fs = append(fs, f)
	}
	for _, f := range corpus() {
		add(f)
	}
	files := externalPcaps()
	for _, p := range files {
		ext, err := readPcap(p)
		if err != nil {
			t.Fatalf("reading %s: %v", p, err)
		}
		for _, f := range ext {
			add(f)
		}
	}
	t.Logf("corpus: %d frames (external files: %v); left out: %v", len(fs), files, skipped)
	return fs
}

func writePcap(t testing.TB, path string, nano bool, fs []frame) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var w *pcapgo.Writer
	if nano {
		w = pcapgo.NewWriterNanos(f)
	} else {
		w = pcapgo.NewWriter(f)
	}
	if err := w.WriteFileHeader(MaxSnaplen, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	for i, fr := range fs {
		ci := gopacket.CaptureInfo{Timestamp: timestamp(i), CaptureLength: len(fr.data), Length: fr.origLen}
		if err := w.WritePacket(ci, fr.data); err != nil {
			t.Fatal(err)
		}
	}
}

type record struct {
	ts      time.Time
	data    []byte
	origLen int
}

func readRecords(t testing.TB, path string) []record {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var out []record
	for {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			break
		}
		out = append(out, record{ci.Timestamp, append([]byte(nil), data...), ci.Length})
	}
	return out
}

func needTcpdump(t testing.TB) string {
	p, err := exec.LookPath("tcpdump")
	if err != nil {
		t.Skip("tcpdump not installed")
	}
	return p
}

func runTcpdump(t testing.TB, bin string, args ...string) []byte {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "TZ=UTC")
	var out, errb bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("tcpdump %v: %v\n%s", args, err, errb.String())
	}
	return out.Bytes()
}

type optCase struct {
	args []string
	opt  Options
	nano bool
}

var optCases = []optCase{
	{[]string{}, Options{}, false},
	{[]string{"-e"}, Options{Link: true}, false},
	{[]string{"-q"}, Options{Quiet: true}, false},
	{[]string{"-q", "-e"}, Options{Quiet: true, Link: true}, false},
	{[]string{"-v"}, Options{Verbose: 1}, false},
	{[]string{"-vv"}, Options{Verbose: 2}, false},
	{[]string{"-vvv"}, Options{Verbose: 3}, false},
	{[]string{"-vv", "-e", "-X"}, Options{Verbose: 2, Link: true, HexASCII: 1}, false},
	{[]string{"-x"}, Options{Hex: 1}, false},
	{[]string{"-xx"}, Options{Hex: 2}, false},
	{[]string{"-X"}, Options{HexASCII: 1}, false},
	{[]string{"-XX"}, Options{HexASCII: 2}, false},
	{[]string{"-A"}, Options{ASCII: 1}, false},
	{[]string{"-AA"}, Options{ASCII: 2}, false},
	{[]string{"-t"}, Options{Time: TimeNone}, false},
	{[]string{"-tt"}, Options{Time: TimeUnix}, false},
	{[]string{"-ttt"}, Options{Time: TimeDelta}, false},
	{[]string{"-tttt"}, Options{Time: TimeDate}, false},
	{[]string{"-ttttt"}, Options{Time: TimeSinceFirst}, false},
	{[]string{"-#"}, Options{Number: true}, false},
	{[]string{"-S"}, Options{AbsSeq: true}, false},
	{[]string{"-e", "-v", "-XX", "-#", "-tttt"}, Options{Link: true, Verbose: 1, HexASCII: 2, Number: true, Time: TimeDate}, false},
	{[]string{"-e", "-x"}, Options{Link: true, Hex: 1}, false},
	{[]string{"--time-stamp-precision=nano"}, Options{Nano: true}, true},
	{[]string{"--time-stamp-precision=nano", "-tt"}, Options{Nano: true, Time: TimeUnix}, true},
	{[]string{"--time-stamp-precision=nano", "-ttt"}, Options{Nano: true, Time: TimeDelta}, true},
	{[]string{"--time-stamp-precision=nano", "-ttttt"}, Options{Nano: true, Time: TimeSinceFirst}, true},
	{[]string{"--time-stamp-precision=nano", "-tttt"}, Options{Nano: true, Time: TimeDate}, true},
}

// TestMatchesTcpdump prints the corpus with each option set and compares
// the output line by line with `TZ=UTC tcpdump -n -r FILE` for the same
// file; at default, -v, -vv and -e it also compares packet by packet and
// reports per protocol.
func TestMatchesTcpdump(t *testing.T) {
	bin := needTcpdump(t)
	fs := loadCorpus(t)
	dir := t.TempDir()
	micro := filepath.Join(dir, "corpus.pcap")
	nano := filepath.Join(dir, "corpus-nano.pcap")
	writePcap(t, micro, false, fs)
	writePcap(t, nano, true, fs)
	recs := map[bool][]record{false: readRecords(t, micro), true: readRecords(t, nano)}
	total := 0
	rep := newProtoReport()
	for _, c := range optCases {
		t.Run(c.name(), func(t *testing.T) {
			file := micro
			if c.nano {
				file = nano
			}
			n := compareRun(t, bin, file, recs[c.nano], fs, c, rep)
			total += n
			t.Logf("%d lines compared", n)
		})
	}
	t.Logf("%d lines compared in total over %d option sets, %d packets each", total, len(optCases), len(fs))
	rep.log(t)
}

func (c optCase) name() string {
	if len(c.args) == 0 {
		return "default"
	}
	return strings.Join(c.args, " ")
}

// reported are the option sets compared packet by packet and reported per
// protocol.
var reported = []string{"default", "-v", "-vv", "-vvv", "-e"}

// compareRun prints recs (the records of file, made from fs) with c's
// options and compares the output with tcpdump's for the same file: line
// by line, and for the reported option sets packet by packet, adding to
// rep. It returns the number of lines compared.
func compareRun(t *testing.T, bin, file string, recs []record, fs []frame, c optCase, rep *protoReport) int {
	t.Helper()
	want := runTcpdump(t, bin, append(append([]string{"-n"}, c.args...), "-r", file)...)
	var got bytes.Buffer
	o := c.opt
	o.Location = time.UTC
	p := New(&got, o)
	ends := make([]int, 0, len(recs))
	for _, r := range recs {
		if err := p.Print(r.ts, r.data, r.origLen); err != nil {
			t.Fatal(err)
		}
		ends = append(ends, got.Len()+p.w.Buffered())
	}
	if err := p.Flush(); err != nil {
		t.Fatal(err)
	}
	out := got.String()
	pkts := make([][]string, len(recs))
	start := 0
	for i, end := range ends {
		pkts[i] = strings.Split(strings.TrimSuffix(out[start:end], "\n"), "\n")
		start = end
	}
	n := compareLines(t, want, got.Bytes())
	for _, name := range reported {
		if name == c.name() {
			comparePackets(t, name, splitPackets(want, recs), pkts, recs, fs, rep)
		}
	}
	return n
}

// protoStats counts what the packet-by-packet comparison covered for one
// protocol and option set.
type protoStats struct{ frames, lines, badFrames, badLines int }

// protoReport holds protoStats by protocol and option set.
type protoReport struct {
	stats map[string]map[string]*protoStats
}

func newProtoReport() *protoReport { return &protoReport{stats: map[string]map[string]*protoStats{}} }

func (r *protoReport) get(proto, opts string) *protoStats {
	m := r.stats[proto]
	if m == nil {
		m = map[string]*protoStats{}
		r.stats[proto] = m
	}
	s := m[opts]
	if s == nil {
		s = &protoStats{}
		m[opts] = s
	}
	return s
}

// log writes the report: for each protocol and reported option set, the
// frames and tcpdump's lines compared and how many of them differ.
func (r *protoReport) log(t *testing.T) {
	protos := make([]string, 0, len(r.stats))
	for p := range r.stats {
		protos = append(protos, p)
	}
	sort.Strings(protos)
	var b strings.Builder
	fmt.Fprintf(&b, "per protocol: frames/lines compared, differing frames/lines\n%-14s", "protocol")
	for _, o := range reported {
		fmt.Fprintf(&b, " %22s", o)
	}
	b.WriteString("\n")
	tot := make([]protoStats, len(reported))
	for _, p := range protos {
		fmt.Fprintf(&b, "%-14s", p)
		for i, o := range reported {
			s := r.stats[p][o]
			if s == nil {
				s = &protoStats{}
			}
			fmt.Fprintf(&b, " %9s %12s", fmt.Sprintf("%d/%d", s.frames, s.lines), fmt.Sprintf("%d/%d", s.badFrames, s.badLines))
			tot[i].frames += s.frames
			tot[i].lines += s.lines
			tot[i].badFrames += s.badFrames
			tot[i].badLines += s.badLines
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%-14s", "total")
	for _, s := range tot {
		fmt.Fprintf(&b, " %9s %12s", fmt.Sprintf("%d/%d", s.frames, s.lines), fmt.Sprintf("%d/%d", s.badFrames, s.badLines))
	}
	t.Log(b.String())
}

// comparePackets compares tcpdump's lines with the printer's packet by
// packet, counting per protocol (protoLabel) into rep under opts.
func comparePackets(t *testing.T, opts string, want, got [][]string, recs []record, fs []frame, rep *protoReport) {
	t.Helper()
	shown := 0
	for i := range recs {
		proto := protoLabel(recs[i].data)
		s := rep.get(proto, opts)
		s.frames++
		s.lines += len(want[i])
		bad := 0
		for k := 0; k < len(want[i]) || k < len(got[i]); k++ {
			var w, g string
			if k < len(want[i]) {
				w = want[i][k]
			}
			if k < len(got[i]) {
				g = got[i][k]
			}
			if w != g {
				bad++
			}
		}
		if bad > 0 {
			s.badFrames++
			s.badLines += bad
			if shown++; shown <= 10 {
				t.Errorf("%s: packet %d (%s, %s) differs:\ntcpdump: %q\nprinter: %q", opts, i+1, fs[i].name, proto, want[i], got[i])
			}
		}
	}
}

// protoLabel names the protocol a frame is counted under in the
// per-protocol report: the printer its Ethertype, IP protocol and port
// lead to (a tunnel counting as the tunnel protocol).
func protoLabel(d []byte) string {
	if len(d) < 14 {
		return "ether"
	}
	lt := binary.BigEndian.Uint16(d[12:])
	off := 14
	for lt == 0x8100 || lt == 0x9100 || lt == 0x9200 || lt == 0x88a8 {
		if len(d) < off+4 {
			return "vlan"
		}
		lt = binary.BigEndian.Uint16(d[off+2:])
		off += 4
	}
	if lt <= 1500 || lt == 0x8870 {
		return l2Label(d[off:])
	}
	if lt == 0x88e5 {
		return "macsec"
	}
	e, ok := etherTypes[lt]
	switch {
	case !ok:
		return "ether"
	case lt == 0x0800:
		return ipLabel(d[off:], 4)
	case lt == 0x86dd:
		return ipLabel(d[off:], 6)
	}
	return e.name
}

// ipLabel is protoLabel for an IPv4 or IPv6 datagram.
func ipLabel(d []byte, ver int) string {
	name := "ip"
	if ver == 6 {
		name = "ip6"
	}
	var proto uint8
	var l4 []byte
	if ver == 4 {
		if len(d) < 20 || d[0]>>4 != 4 || binary.BigEndian.Uint16(d[6:])&0x1fff != 0 {
			return name
		}
		hl := int(d[0]&15) * 4
		if len(d) < hl || hl < 20 {
			return name
		}
		proto, l4 = d[9], d[hl:]
	} else {
		if len(d) < 40 {
			return name
		}
		proto, l4 = d[6], d[40:]
	ext:
		for {
			switch proto {
			case 0, 43, 60:
				if len(l4) < 2 || len(l4) < (int(l4[1])+1)*8 {
					return name
				}
				proto, l4 = l4[0], l4[(int(l4[1])+1)*8:]
			case 44:
				if len(l4) < 8 || binary.BigEndian.Uint16(l4[2:])&0xfff8 != 0 {
					return name
				}
				proto, l4 = l4[0], l4[8:]
			case 135, 62:
				return "mobility"
			default:
				break ext
			}
		}
	}
	e := ipProtos[proto]
	if e.f == nil {
		return name
	}
	if proto == 89 && ver == 6 {
		return "ospf3"
	}
	var table *portTable
	switch proto {
	case 17:
		table = udpTable
		if len(l4) <= 8 {
			return e.name
		}
	case 6:
		table = tcpTable
		if len(l4) < 13 || len(l4) <= int(l4[12]>>4)*4 {
			return e.name
		}
	default:
		return e.name
	}
	pp := portPayload{sport: binary.BigEndian.Uint16(l4), dport: binary.BigEndian.Uint16(l4[2:])}
	if proto == 17 && udpNFS != nil && (pp.sport == 2049 || pp.dport == 2049) {
		return "nfs"
	}
	if f, _ := table.printer(nil, pp); f != nil {
		return table.name(pp)
	}
	return e.name
}

func compareLines(t *testing.T, want, got []byte) int {
	t.Helper()
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	bad := 0
	n := len(wl)
	if len(gl) > n {
		n = len(gl)
	}
	for i := 0; i < n; i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			bad++
			if bad <= 25 {
				t.Errorf("line %d differs:\ntcpdump: %q\nprinter: %q", i+1, w, g)
			}
		}
	}
	if bad > 25 {
		t.Errorf("... %d differing lines in all", bad)
	}
	if len(wl) != len(gl) {
		t.Errorf("tcpdump printed %d lines, printer %d", len(wl), len(gl))
	}
	return len(wl) - 1
}

// splitPackets cuts the output of tcpdump (or of the printer) with the
// default time stamps into each packet's lines: packet i's text begins at
// the first line, after packet i-1's, that starts with its time stamp
// (tcpdump ran with TZ=UTC).
func splitPackets(out []byte, recs []record) [][]string {
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(out) == 0 {
		lines = nil
	}
	res := make([][]string, len(recs))
	k := -1 // the packet whose lines are being collected
	for _, l := range lines {
		if k+1 < len(recs) && strings.HasPrefix(l, recs[k+1].ts.UTC().Format("15:04:05.000000 ")) {
			k++
		}
		if k < 0 {
			k = 0
		}
		res[k] = append(res[k], l)
	}
	return res
}

// TestMatchesTcpdumpCARP compares IP protocol 112 (VRRP's number) printed
// as CARP with `tcpdump -T carp`, which decodes it so.
func TestMatchesTcpdumpCARP(t *testing.T) {
	bin := needTcpdump(t)
	var fs []frame
	for _, f := range append(ipsecCorpus(), mutatedFrom(ipsecCorpus(), 1000, 53, 14+20)...) {
		if len(f.data) > 14+9 && binary.BigEndian.Uint16(f.data[12:]) == 0x0800 && f.data[14+9] == 112 {
			fs = append(fs, f)
		}
	}
	path := filepath.Join(t.TempDir(), "carp.pcap")
	writePcap(t, path, false, fs)
	recs := readRecords(t, path)
	rep := newProtoReport()
	for _, c := range []optCase{
		{[]string{"-T", "carp"}, Options{CARP: true}, false},
		{[]string{"-T", "carp", "-v"}, Options{CARP: true, Verbose: 1}, false},
		{[]string{"-T", "carp", "-e"}, Options{CARP: true, Link: true}, false},
	} {
		t.Run(c.name(), func(t *testing.T) {
			t.Logf("%d lines compared", compareRun(t, bin, path, recs, fs, c, rep))
		})
	}
}

// greComparable is comparable for a GRE packet: the protocols GRE hands
// to printers this package does not have are left out, and the frame
// GRE carries must be comparable itself.
func greComparable(g []byte) (bool, string) {
	if len(g) < 4 {
		return true, ""
	}
	flags, prot := binary.BigEndian.Uint16(g), binary.BigEndian.Uint16(g[2:])
	off := 4
	switch flags & 7 {
	case 0:
		if flags&0xc000 != 0 {
			off += 4
		}
		if flags&0x2000 != 0 {
			off += 4
		}
		if flags&0x1000 != 0 {
			off += 4
		}
		if flags&0x4000 != 0 { // source route entries, to the empty one
			for {
				if off+4 > len(g) {
					return true, ""
				}
				af, n := binary.BigEndian.Uint16(g[off:]), int(g[off+3])
				off += 4 + n
				if af == 0 && n == 0 {
					break
				}
			}
		}
	case 1:
		if prot == 0x880b {
			if _, ok := etherTypes[prot]; !ok {
				return false, "GRE PPP decoded by tcpdump"
			}
		}
		return true, ""
	default:
		return true, ""
	}
	if off > len(g) {
		return true, ""
	}
	inner := g[off:]
	switch prot {
	case 0x0800:
		return ipComparable(inner, 4)
	case 0x86dd:
		return ipComparable(inner, 6)
	case 0x6558:
		return comparable(inner)
	case 0x8847, 0x8137, 0x809b:
		if _, ok := etherTypes[prot]; !ok {
			return false, fmt.Sprintf("GRE protocol 0x%04x has a tcpdump printer", prot)
		}
	case 0x00fe:
		if greISO == nil {
			return false, "GRE OSI has a tcpdump printer"
		}
	}
	return true, ""
}
