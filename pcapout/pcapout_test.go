package pcapout

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// ---- test data --------------------------------------------------------

var testIfaces = []Interface{
	{Name: "veth-a", Description: "XDP ingress", Filter: "tcp port 80 or udp", Hardware: "veth", Snaplen: 262144, Ifindex: 7},
	{Name: "eth1", Description: "XDP_TX answers", Filter: "", Hardware: "mlx5_core", Ifindex: 3},
	{Name: "lo0", Ifindex: 1}, // no optional strings at all
}

var baseTime = time.Unix(1700000000, 123456789)

// frame builds an Ethernet frame of exactly n bytes: IPv4/UDP when it fits
// in an IPv4 packet, otherwise an experimental ethertype with random bytes.
func frame(rng *rand.Rand, n int) []byte {
	payload := func(k int) []byte { b := make([]byte, k); rng.Read(b); return b }
	eth := &layers.Ethernet{
		SrcMAC: []byte{2, 0, 0, 0, 0, 1}, DstMAC: []byte{2, 0, 0, 0, 0, 2},
		EthernetType: layers.EthernetTypeIPv4,
	}
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	if n >= 14+20+8 && n-14 <= 65535 {
		ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolUDP,
			SrcIP: []byte{10, 77, 0, 1}, DstIP: []byte{10, 77, 0, 2}}
		udp := &layers.UDP{SrcPort: 40000, DstPort: 5353}
		_ = udp.SetNetworkLayerForChecksum(ip)
		if err := gopacket.SerializeLayers(buf, opts, eth, ip, udp, gopacket.Payload(payload(n-14-20-8))); err != nil {
			panic(err)
		}
	} else {
		eth.EthernetType = 0x88b5 // local experimental
		if err := gopacket.SerializeLayers(buf, opts, eth, gopacket.Payload(payload(n-14))); err != nil {
			panic(err)
		}
	}
	b := buf.Bytes()
	if len(b) != n {
		panic(fmt.Sprintf("frame of %d bytes, want %d", len(b), n))
	}
	return b
}

// mixedPackets: three interfaces, both directions, queues, ids, drop
// counts, an XDP_TX verdict, 64/1500/9000/70000-byte and truncated frames.
func mixedPackets() []Packet {
	rng := rand.New(rand.NewSource(1))
	sizes := []int{64, 1500, 9000, 64, 1500, 70000, 60, 9000, 1500, 64, 1514, 128}
	var ps []Packet
	for i, n := range sizes {
		p := Packet{
			Timestamp: baseTime.Add(time.Duration(i)*1_000_001 + time.Duration(i*7)),
			Data:      frame(rng, n),
			Interface: i % 3,
		}
		switch i % 4 {
		case 0:
			p.Direction = Inbound
		case 1:
			p.Direction = Outbound
		case 2:
			p.Direction = DirUnknown
		case 3:
			p.Direction = Inbound
		}
		if i%3 != 2 {
			p.Queue, p.HasQueue = uint32(i%5), true
		}
		if i%2 == 0 {
			p.PacketID, p.HasPacketID = uint64(1)<<40+uint64(i), true
		}
		if i == 3 || i == 8 {
			p.DropCount = uint64(i * 1000)
		}
		if i == 1 || i == 4 {
			p.Verdict, p.HasVerdict = XDPVerdict(XDPTX), true
			p.Direction = Outbound
		}
		if i == 6 {
			p.Verdict, p.HasVerdict = Verdict{Type: VerdictTC, Value: 2}, true
		}
		if i == 10 { // truncated: 1514 on the wire, 200 captured
			p.OriginalLength = len(p.Data)
			p.Data = p.Data[:200]
		}
		ps = append(ps, p)
	}
	return ps
}

var testStats = []Stats{
	{Received: 1000, Dropped: 1, FilterAccepted: 500, OSDropped: 20, Delivered: 4, Start: baseTime.Add(-time.Second), End: baseTime.Add(time.Minute)},
	{Received: 0, Dropped: NoValue, FilterAccepted: 0, OSDropped: 0, Delivered: 4},
	// none for interface 2
}

func writeFile(t *testing.T, f Format, ps []Packet) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "out."+f.String())
	fd, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer fd.Close()
	w, err := NewWriterOptions(fd, f, Options{App: "xdpdump test-1.0"})
	if err != nil {
		t.Fatal(err)
	}
	for i, ifc := range testIfaces {
		idx, err := w.AddInterface(ifc)
		if err != nil {
			t.Fatal(err)
		}
		if idx != i {
			t.Fatalf("AddInterface returned %d, want %d", idx, i)
		}
	}
	for i := range ps {
		if err := w.WritePacket(&ps[i]); err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
	}
	for i, s := range testStats {
		if err := w.WriteStats(i, s); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := fd.Close(); err != nil {
		t.Fatal(err)
	}
	return name
}

func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed", name)
	}
}

func run(t *testing.T, name string, args ...string) (string, string) {
	t.Helper()
	needTool(t, name)
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, errb.String())
	}
	return out.String(), errb.String()
}

// tsharkStderr drops tshark's complaint about running as root.
func tsharkStderr(s string) string {
	var keep []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if l != "" && !strings.HasPrefix(l, "Running as user") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// tcpdumpDump runs tcpdump -r -tt -nn -xx with nanosecond stamps and
// returns each packet's timestamp and bytes.
func tcpdumpDump(t *testing.T, file string) ([]string, [][]byte) {
	t.Helper()
	out, stderr := run(t, "tcpdump", "-r", file, "-tt", "-nn", "-xx", "--time-stamp-precision=nano")
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !strings.HasPrefix(l, "reading from file "+file+", link-type EN10MB (Ethernet), snapshot length 262144") {
			t.Errorf("tcpdump stderr: %q", l)
		}
	}
	var stamps []string
	var data [][]byte
	for _, l := range strings.Split(out, "\n") {
		switch {
		case l == "":
		case strings.HasPrefix(l, "\t0x"):
			_, hexs, ok := strings.Cut(l, ":")
			if !ok || len(data) == 0 {
				t.Fatalf("bad tcpdump line %q", l)
			}
			b, err := hex.DecodeString(strings.ReplaceAll(strings.TrimSpace(hexs), " ", ""))
			if err != nil {
				t.Fatalf("bad hex in %q: %v", l, err)
			}
			data[len(data)-1] = append(data[len(data)-1], b...)
		default:
			stamps = append(stamps, strings.Fields(l)[0])
			data = append(data, nil)
		}
	}
	return stamps, data
}

func stamp(ts time.Time) string {
	return fmt.Sprintf("%d.%09d", ts.Unix(), ts.Nanosecond())
}

func origLen(p *Packet) int {
	if p.OriginalLength != 0 {
		return p.OriginalLength
	}
	return len(p.Data)
}

// ---- pcapng -----------------------------------------------------------

func TestPcapNGTcpdump(t *testing.T) {
	ps := mixedPackets()
	file := writeFile(t, PcapNG, ps)
	stamps, data := tcpdumpDump(t, file)
	if len(data) != len(ps) {
		t.Fatalf("tcpdump read %d packets, want %d", len(data), len(ps))
	}
	for i := range ps {
		if stamps[i] != stamp(ps[i].Timestamp) {
			t.Errorf("packet %d: tcpdump time %s, want %s", i, stamps[i], stamp(ps[i].Timestamp))
		}
		if !bytes.Equal(data[i], ps[i].Data) {
			t.Errorf("packet %d: tcpdump bytes differ (%d vs %d bytes)", i, len(data[i]), len(ps[i].Data))
		}
	}
}

func TestPcapNGTshark(t *testing.T) {
	ps := mixedPackets()
	file := writeFile(t, PcapNG, ps)
	fields := []string{"frame.interface_queue", "frame.packet_flags_direction", "frame.packet_id",
		"frame.drop_count", "frame.interface_name", "frame.len", "frame.cap_len",
		"frame.verdict.ebpf_xdp", "frame.verdict.ebpf_tc", "frame.interface_description", "frame.time_epoch", "frame.interface_id"}
	args := []string{"-r", file, "-T", "fields"}
	for _, f := range fields {
		args = append(args, "-e", f)
	}
	out, stderr := run(t, "tshark", args...)
	if s := tsharkStderr(stderr); s != "" {
		t.Errorf("tshark stderr: %s", s)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != len(ps) {
		t.Fatalf("tshark read %d packets, want %d:\n%s", len(lines), len(ps), out)
	}
	for i, l := range lines {
		p := &ps[i]
		got := strings.Split(l, "\t")
		if len(got) != len(fields) {
			t.Fatalf("line %q: %d fields", l, len(got))
		}
		want := make([]string, len(fields))
		if p.HasQueue {
			want[0] = strconv.Itoa(int(p.Queue))
		}
		if p.Direction != DirUnknown {
			want[1] = fmt.Sprintf("0x%08x", uint32(p.Direction))
		}
		if p.HasPacketID {
			want[2] = strconv.FormatUint(p.PacketID, 10)
		}
		if p.DropCount != 0 {
			want[3] = strconv.FormatUint(p.DropCount, 10)
		}
		want[4] = testIfaces[p.Interface].Name
		want[5] = strconv.Itoa(origLen(p))
		want[6] = strconv.Itoa(len(p.Data))
		if p.HasVerdict && p.Verdict.Type == VerdictXDP {
			want[7] = strconv.FormatUint(p.Verdict.Value, 10)
		}
		if p.HasVerdict && p.Verdict.Type == VerdictTC {
			want[8] = strconv.FormatUint(p.Verdict.Value, 10)
		}
		want[9] = testIfaces[p.Interface].Description
		want[10] = stamp(p.Timestamp)
		want[11] = strconv.Itoa(p.Interface)
		for k := range fields {
			if got[k] != want[k] {
				t.Errorf("packet %d %s = %q, want %q", i, fields[k], got[k], want[k])
			}
		}
	}
}

// capinfos shows the section header and the interface blocks.
func TestPcapNGCapinfos(t *testing.T) {
	file := writeFile(t, PcapNG, mixedPackets())
	out, _ := run(t, "capinfos", file)
	want := []string{
		"Capture oper-sys:    " + systemOS(),
		"Capture hardware:    " + systemHardware(),
		"Capture application: xdpdump test-1.0",
		"Number of interfaces in file: 3",
		"File timestamp precision:  nanoseconds (9)",
		"Number of packets:   12",
	}
	for i, ifc := range testIfaces {
		var b strings.Builder
		fmt.Fprintf(&b, "Interface #%d info:\n", i)
		if ifc.Name != "" {
			fmt.Fprintf(&b, "                     Name = %s\n", ifc.Name)
		}
		if ifc.Description != "" {
			fmt.Fprintf(&b, "                     Description = %s\n", ifc.Description)
		}
		fmt.Fprintf(&b, "                     Encapsulation = Ethernet (1 - ether)\n")
		if ifc.Hardware != "" {
			fmt.Fprintf(&b, "                     Hardware = %s\n", ifc.Hardware)
		}
		fmt.Fprintf(&b, "                     Capture length = 262144\n")
		fmt.Fprintf(&b, "                     Time precision = nanoseconds (9)\n")
		want = append(want, b.String())
		if ifc.Filter != "" {
			want = append(want, fmt.Sprintf("Interface #%d info:\n", i)) // order only
			want = append(want, "Filter string = "+ifc.Filter+"\n")
		}
		nstat := 0
		if i < len(testStats) {
			nstat = 1
		}
		want = append(want, fmt.Sprintf("Number of stat entries = %d\n                     Number of packets = 4\n", nstat))
	}
	rest := out
	for _, w := range want[:6] {
		if !strings.Contains(out, w) {
			t.Errorf("capinfos lacks %q", w)
		}
	}
	for _, w := range want[6:] {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Errorf("capinfos lacks (in order) %q", w)
			continue
		}
		rest = rest[i:]
	}
	if t.Failed() {
		t.Log(out)
	}
	if !strings.HasPrefix(systemOS(), "Linux ") {
		t.Errorf("shb_os %q does not start with Linux", systemOS())
	}
}

// gopacket's NgReader is a third independent reader: packets, options,
// interfaces and the ISB fields it knows (start, end, ifrecv, ifdrop).
func TestPcapNGGopacket(t *testing.T) {
	ps := mixedPackets()
	file := writeFile(t, PcapNG, ps)
	fd, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer fd.Close()
	stats := map[int]pcapgo.NgInterfaceStatistics{}
	r, err := pcapgo.NewNgReader(fd, pcapgo.NgReaderOptions{
		StatisticsCallback: func(i int, s pcapgo.NgInterfaceStatistics) { stats[i] = s },
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range ps {
		p := &ps[i]
		data, ci, o, err := r.ReadPacketDataWithOptions()
		if err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
		if !bytes.Equal(data, p.Data) || ci.CaptureLength != len(p.Data) || ci.Length != origLen(p) ||
			ci.InterfaceIndex != p.Interface || !ci.Timestamp.Equal(p.Timestamp) {
			t.Errorf("packet %d: ci %+v differs", i, ci)
		}
		if got := o.Flags != nil; got != (p.Direction != DirUnknown) {
			t.Errorf("packet %d: flags present %v", i, got)
		} else if got && o.Flags.Direction != pcapgo.NgEpbFlag(p.Direction) {
			t.Errorf("packet %d: direction %v want %v", i, o.Flags.Direction, p.Direction)
		}
		if (o.Queue != nil) != p.HasQueue || (p.HasQueue && *o.Queue != p.Queue) {
			t.Errorf("packet %d: queue %v", i, o.Queue)
		}
		if (o.PacketID != nil) != p.HasPacketID || (p.HasPacketID && *o.PacketID != p.PacketID) {
			t.Errorf("packet %d: packet id %v", i, o.PacketID)
		}
		if (o.DropCount != nil) != (p.DropCount != 0) || (o.DropCount != nil && *o.DropCount != p.DropCount) {
			t.Errorf("packet %d: drop count %v", i, o.DropCount)
		}
		if p.HasVerdict {
			want := binary.LittleEndian.AppendUint64(nil, p.Verdict.Value)
			if len(o.Verdicts) != 1 || o.Verdicts[0].Type != pcapgo.NgEpbVerdictType(p.Verdict.Type) || !bytes.Equal(o.Verdicts[0].Data, want) {
				t.Errorf("packet %d: verdicts %+v", i, o.Verdicts)
			}
		} else if len(o.Verdicts) != 0 {
			t.Errorf("packet %d: unexpected verdicts %+v", i, o.Verdicts)
		}
	}
	if _, _, err := r.ReadPacketData(); !errors.Is(err, io.EOF) {
		t.Fatalf("after last packet: %v, want EOF", err)
	}
	if r.NInterfaces() != len(testIfaces) {
		t.Fatalf("%d interfaces", r.NInterfaces())
	}
	for i, want := range testIfaces {
		got, _ := r.Interface(i)
		if got.Name != want.Name || got.Description != want.Description || got.Filter != want.Filter ||
			got.SnapLength != 262144 || got.LinkType != layers.LinkTypeEthernet || got.TimestampResolution != 9 {
			t.Errorf("interface %d: %+v", i, got)
		}
	}
	if len(stats) != len(testStats) {
		t.Fatalf("read %d statistics blocks, want %d", len(stats), len(testStats))
	}
	for i, want := range testStats {
		got := stats[i]
		if got.PacketsReceived != want.Received || got.PacketsDropped != want.Dropped ||
			!got.StartTime.Equal(want.Start) || !got.EndTime.Equal(want.End) {
			t.Errorf("ISB %d: %+v, want %+v", i, got, want)
		}
	}
}

// The ISB counters gopacket does not know (filteraccept, osdrop, usrdeliv)
// are checked by walking the blocks by hand.
func TestPcapNGStatsBlocks(t *testing.T) {
	file := writeFile(t, PcapNG, mixedPackets())
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var isbs []map[uint16][]byte
	var ifaceOf []uint32
	for off := 0; off < len(raw); {
		typ := binary.LittleEndian.Uint32(raw[off:])
		n := int(binary.LittleEndian.Uint32(raw[off+4:]))
		if n < 12 || n%4 != 0 || off+n > len(raw) || binary.LittleEndian.Uint32(raw[off+n-4:]) != uint32(n) {
			t.Fatalf("bad block at %d: type %#x length %d", off, typ, n)
		}
		if typ == blockISB {
			body := raw[off+8 : off+n-4]
			ifaceOf = append(ifaceOf, binary.LittleEndian.Uint32(body))
			opts := map[uint16][]byte{}
			for o := body[12:]; len(o) >= 4; {
				code, l := binary.LittleEndian.Uint16(o), int(binary.LittleEndian.Uint16(o[2:]))
				if code == 0 {
					break
				}
				opts[code] = o[4 : 4+l]
				o = o[4+(l+3)&^3:]
			}
			isbs = append(isbs, opts)
		}
		off += n
	}
	if len(isbs) != len(testStats) {
		t.Fatalf("%d ISBs", len(isbs))
	}
	for i, want := range testStats {
		if ifaceOf[i] != uint32(i) {
			t.Errorf("ISB %d for interface %d", i, ifaceOf[i])
		}
		for code, v := range map[uint16]uint64{isbIfRecv: want.Received, isbIfDrop: want.Dropped,
			isbFilterAccept: want.FilterAccepted, isbOSDrop: want.OSDropped, isbUsrDeliv: want.Delivered} {
			got, ok := isbs[i][code]
			if v == NoValue {
				if ok {
					t.Errorf("ISB %d option %d written for NoValue", i, code)
				}
				continue
			}
			if !ok || len(got) != 8 || binary.LittleEndian.Uint64(got) != v {
				t.Errorf("ISB %d option %d = %x, want %d", i, code, got, v)
			}
		}
	}
}

// ---- classic pcap -----------------------------------------------------

func TestPcapNanos(t *testing.T) {
	ps := mixedPackets()
	file := writeFile(t, Pcap, ps)
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if m := binary.LittleEndian.Uint32(raw); m != 0xa1b23c4d {
		t.Fatalf("magic %#x", m)
	}
	if s, l := binary.LittleEndian.Uint32(raw[16:]), binary.LittleEndian.Uint32(raw[20:]); s != 262144 || l != 1 {
		t.Fatalf("snaplen %d linktype %d", s, l)
	}
	stamps, data := tcpdumpDump(t, file)
	if len(data) != len(ps) {
		t.Fatalf("tcpdump read %d packets, want %d", len(data), len(ps))
	}
	for i := range ps {
		if stamps[i] != stamp(ps[i].Timestamp) || !bytes.Equal(data[i], ps[i].Data) {
			t.Errorf("packet %d: tcpdump %s / %d bytes, want %s / %d bytes", i, stamps[i], len(data[i]), stamp(ps[i].Timestamp), len(ps[i].Data))
		}
	}
	out, stderr := run(t, "tshark", "-r", file, "-T", "fields", "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.time_epoch")
	if s := tsharkStderr(stderr); s != "" {
		t.Errorf("tshark stderr: %s", s)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != len(ps) {
		t.Fatalf("tshark read %d packets", len(lines))
	}
	for i, l := range lines {
		want := fmt.Sprintf("%d\t%d\t%s", origLen(&ps[i]), len(ps[i].Data), stamp(ps[i].Timestamp))
		if l != want {
			t.Errorf("packet %d: tshark %q, want %q", i, l, want)
		}
	}
	fd, _ := os.Open(file)
	defer fd.Close()
	r, err := pcapgo.NewReader(fd)
	if err != nil {
		t.Fatal(err)
	}
	if r.Resolution().Exponent != -9 {
		t.Errorf("gopacket resolution %v", r.Resolution())
	}
	for i := range ps {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, ps[i].Data) || ci.Length != origLen(&ps[i]) || !ci.Timestamp.Equal(ps[i].Timestamp) {
			t.Errorf("packet %d: gopacket %+v", i, ci)
		}
	}
}

// An empty capture is still a file the tools read.
func TestEmptyFiles(t *testing.T) {
	for _, f := range []Format{PcapNG, Pcap} {
		name := filepath.Join(t.TempDir(), "empty."+f.String())
		fd, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w, err := NewWriter(fd, f, "xdpdump test")
		if err != nil {
			t.Fatal(err)
		}
		if f == PcapNG {
			if _, err := w.AddInterface(Interface{Name: "x"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		fd.Close()
		out, stderr := run(t, "tcpdump", "-n", "-r", name)
		if out != "" || !strings.HasPrefix(stderr, "reading from file "+name+", link-type EN10MB (Ethernet), snapshot length 262144") {
			t.Errorf("%v: tcpdump: %q %q", f, out, stderr)
		}
	}
}

// ---- streams ----------------------------------------------------------

// A packet-buffered writer into `tshark -r -`: tshark prints the first
// packet before the second is written, and reads all of them.
func TestPipeToTshark(t *testing.T) {
	for _, f := range []Format{PcapNG, Pcap} {
		t.Run(f.String(), func(t *testing.T) {
			needTool(t, "tshark")
			ps := mixedPackets()
			cmd := exec.Command("tshark", "-l", "-r", "-", "-T", "fields", "-e", "frame.number", "-e", "frame.cap_len")
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
			lines := make(chan string, 100)
			go func() {
				s := bufio.NewScanner(stdout)
				for s.Scan() {
					lines <- s.Text()
				}
				close(lines)
			}()
			w, err := NewWriterOptions(stdin, f, Options{App: "xdpdump test", PacketBuffered: true})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.AddInterface(Interface{Name: "veth-a"}); err != nil {
				t.Fatal(err)
			}
			for i := range ps {
				ps[i].Interface = 0
				if err := w.WritePacket(&ps[i]); err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					select {
					case l := <-lines:
						if l != fmt.Sprintf("1\t%d", len(ps[0].Data)) {
							t.Fatalf("first line %q", l)
						}
					case <-time.After(60 * time.Second):
						t.Fatal("tshark did not see the first packet while the stream was open")
					}
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			stdin.Close()
			n := 1
			for l := range lines {
				n++
				if l != fmt.Sprintf("%d\t%d", n, len(ps[n-1].Data)) {
					t.Errorf("line %q", l)
				}
			}
			if n != len(ps) {
				t.Errorf("tshark read %d packets, want %d", n, len(ps))
			}
		})
	}
}

// The path of `xdpdump -w - | wireshark -k -i -`: tshark -i - reads the
// stream through dumpcap's pipe capture, with the interface name kept.
func TestPipeToTsharkLive(t *testing.T) {
	for _, f := range []Format{PcapNG, Pcap} {
		t.Run(f.String(), func(t *testing.T) {
			needTool(t, "tshark")
			ps := mixedPackets()
			cmd := exec.Command("tshark", "-l", "-i", "-", "-T", "fields", "-e", "frame.number", "-e", "frame.cap_len", "-e", "frame.interface_name")
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			var out, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			w, err := NewWriterOptions(stdin, f, Options{App: "xdpdump test"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.AddInterface(Interface{Name: "veth-a"}); err != nil {
				t.Fatal(err)
			}
			for i := range ps {
				ps[i].Interface = 0
				if err := w.WritePacket(&ps[i]); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			stdin.Close()
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("tshark -i -: %v\n%s", err, stderr.String())
				}
			case <-time.After(120 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("tshark -i - did not end after the stream closed\n%s", stderr.String())
			}
			name := "veth-a"
			if f == Pcap {
				name = "-" // classic pcap carries no interface name
			}
			lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
			if len(lines) != len(ps) {
				t.Fatalf("tshark -i - read %d packets, want %d:\n%s\n%s", len(lines), len(ps), out.String(), stderr.String())
			}
			for i, l := range lines {
				if want := fmt.Sprintf("%d\t%d\t%s", i+1, len(ps[i].Data), name); l != want {
					t.Errorf("line %q, want %q", l, want)
				}
			}
		})
	}
}

func writeUntilError(w *Writer, n int) error {
	ps := mixedPackets()
	for i := 0; i < n; i++ {
		p := ps[i%len(ps)]
		p.Interface = 0
		if err := w.WritePacket(&p); err != nil {
			return err
		}
	}
	return w.Flush()
}

func TestDevFull(t *testing.T) {
	for _, f := range []Format{PcapNG, Pcap} {
		for _, buffered := range []bool{false, true} {
			fd, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
			if err != nil {
				t.Skip(err)
			}
			w, err := NewWriterOptions(fd, f, Options{PacketBuffered: !buffered})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.AddInterface(Interface{Name: "x"}); err != nil {
				t.Fatal(err)
			}
			err = writeUntilError(w, 1000)
			if !errors.Is(err, syscall.ENOSPC) {
				t.Errorf("%v buffered=%v: error %v, want ENOSPC", f, buffered, err)
			}
			// Sticky: later calls fail too, Close included.
			p := mixedPackets()[0]
			if err2 := w.WritePacket(&p); !errors.Is(err2, syscall.ENOSPC) {
				t.Errorf("WritePacket after failure: %v", err2)
			}
			if err2 := w.Close(); !errors.Is(err2, syscall.ENOSPC) {
				t.Errorf("Close after failure: %v", err2)
			}
			fd.Close()
		}
	}
}

// A small packet sits in the buffer: only Flush, or Close, can see the
// error, and they must report it.
func TestErrorOnlyAtFlush(t *testing.T) {
	for _, f := range []Format{PcapNG, Pcap} {
		for _, viaClose := range []bool{false, true} {
			fd, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
			if err != nil {
				t.Skip(err)
			}
			w, err := NewWriter(fd, f, "x")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.AddInterface(Interface{Name: "x"}); err != nil {
				t.Fatal(err)
			}
			p := mixedPackets()[0]
			p.Interface = 0
			if err := w.WritePacket(&p); err != nil {
				t.Fatalf("buffered WritePacket: %v", err)
			}
			if viaClose {
				err = w.Close()
			} else {
				err = w.Flush()
			}
			if !errors.Is(err, syscall.ENOSPC) {
				t.Errorf("%v close=%v: %v, want ENOSPC", f, viaClose, err)
			}
			fd.Close()
		}
	}
}

// `xdpdump -w - | head -c 100`: Go kills a program that writes to a broken
// pipe on fd 1 unless it asks for SIGPIPE with signal.Notify. With that,
// the write fails with EPIPE and the error comes back from the Writer, so
// the caller can detach its programs and exit cleanly. The child is this
// test binary, with its stdout a pipe whose reader goes away.
func TestStdoutBrokenPipe(t *testing.T) {
	if os.Getenv("PCAPOUT_STDOUT_CHILD") == "1" {
		signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
		w, err := NewWriter(os.Stdout, PcapNG, "x")
		if err == nil {
			_, err = w.AddInterface(Interface{Name: "x"})
		}
		if err == nil {
			err = writeUntilError(w, 1_000_000)
		}
		fmt.Fprintf(os.Stderr, "child error: %v\n", err)
		if errors.Is(err, syscall.EPIPE) {
			os.Exit(3)
		}
		os.Exit(4)
	}
	r, wp, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestStdoutBrokenPipe$")
	cmd.Env = append(os.Environ(), "PCAPOUT_STDOUT_CHILD=1")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = wp, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	wp.Close()
	// Read the section header, then go away like `head -c 100`.
	if _, err := io.ReadFull(r, make([]byte, 100)); err != nil {
		t.Fatal(err)
	}
	r.Close()
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 || !strings.Contains(stderr.String(), "broken pipe") {
		t.Fatalf("child: %v, stderr %q; want exit 3 after an EPIPE error", err, stderr.String())
	}
}

func TestClosedPipe(t *testing.T) {
	for _, f := range []Format{PcapNG, Pcap} {
		r, wp, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		w, err := NewWriter(wp, f, "x")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.AddInterface(Interface{Name: "x"}); err != nil {
			t.Fatal(err)
		}
		if err := writeUntilError(w, 100); !errors.Is(err, syscall.EPIPE) {
			t.Errorf("%v: error %v, want EPIPE", f, err)
		}
		wp.Close()
	}
}

// ---- bad input --------------------------------------------------------

func TestBadInput(t *testing.T) {
	newW := func(f Format) *Writer {
		w, err := NewWriter(io.Discard, f, "x")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.AddInterface(Interface{Name: "a", Snaplen: 1000}); err != nil {
			t.Fatal(err)
		}
		return w
	}
	data := make([]byte, 100)
	for _, f := range []Format{PcapNG, Pcap} {
		cases := map[string]Packet{
			"no such interface":  {Timestamp: baseTime, Data: data, Interface: 1},
			"negative interface": {Timestamp: baseTime, Data: data, Interface: -1},
			"caplen mismatch":    {Timestamp: baseTime, Data: data, CaptureLength: 99},
			"orig < cap":         {Timestamp: baseTime, Data: data, OriginalLength: 50},
			"over snaplen":       {Timestamp: baseTime, Data: make([]byte, 1001)},
			"zero time":          {Data: data},
			"bad direction":      {Timestamp: baseTime, Data: data, Direction: 3},
			"before 1970":        {Timestamp: time.Unix(-1, 0), Data: data},
			"far future":         {Timestamp: time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC), Data: data},
			"ns before 1970":     {UnixNano: -1, Data: data},
		}
		for name, p := range cases {
			w := newW(f)
			if err := w.WritePacket(&p); err == nil {
				t.Errorf("%v %s: no error", f, name)
			}
			// A rejected packet leaves the writer usable.
			good := Packet{Timestamp: baseTime, Data: data}
			if err := w.WritePacket(&good); err != nil {
				t.Errorf("%v %s: good packet after bad: %v", f, name, err)
			}
		}
		// 2200: past classic pcap's 32-bit seconds, within pcapng's range.
		late := Packet{UnixNano: time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano(), Data: data}
		if err := newW(f).WritePacket(&late); (err == nil) != (f == PcapNG) {
			t.Errorf("%v: a packet of 2200 in UnixNano: %v", f, err)
		}
		w := newW(f)
		if _, err := w.AddInterface(Interface{Name: "b", Snaplen: 2000}); err == nil {
			t.Errorf("%v: mixed snap lengths accepted", f)
		}
		if _, err := w.AddInterface(Interface{Name: "b", Snaplen: 1000, LinkType: LinkTypeRaw}); err == nil {
			t.Errorf("%v: mixed link types accepted", f)
		}
		w2, err := NewWriter(io.Discard, f, "x")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w2.AddInterface(Interface{Name: "big", Snaplen: MaxSnaplen + 1}); err == nil {
			t.Errorf("%v: snap length %d accepted", f, MaxSnaplen+1)
		}
		if err := w.WriteStats(5, Stats{}); err == nil {
			t.Errorf("%v: stats for missing interface accepted", f)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		p := Packet{Timestamp: baseTime, Data: data}
		if err := w.WritePacket(&p); !errors.Is(err, ErrClosed) {
			t.Errorf("%v: write after close: %v", f, err)
		}
		if err := w.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
	}
	w := newW(PcapNG)
	if _, err := w.AddInterface(Interface{Name: "b", Snaplen: 1000, Filter: strings.Repeat("x", 70000)}); err == nil {
		t.Error("70000-byte filter accepted")
	}
	if _, err := NewWriter(nil, PcapNG, "x"); err == nil {
		t.Error("nil writer accepted")
	}
	if _, err := NewWriter(io.Discard, Format(7), "x"); err == nil {
		t.Error("format 7 accepted")
	}
	if _, err := ParseFormat("pcapx"); err == nil {
		t.Error("ParseFormat(pcapx) accepted")
	}
	for s, want := range map[string]Format{"pcap": Pcap, "pcapng": PcapNG} {
		if f, err := ParseFormat(s); err != nil || f != want {
			t.Errorf("ParseFormat(%q) = %v, %v", s, f, err)
		}
	}
}

// WritePacket must not allocate, with every option set.
func TestWritePacketNoAllocs(t *testing.T) {
	for _, f := range []Format{PcapNG, Pcap} {
		w, err := NewWriter(io.Discard, f, "x")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.AddInterface(Interface{Name: "a"}); err != nil {
			t.Fatal(err)
		}
		p := &Packet{Timestamp: baseTime, Data: make([]byte, 1500), OriginalLength: 1600, Direction: Outbound,
			Queue: 1, HasQueue: true, PacketID: 5, HasPacketID: true, DropCount: 3, Verdict: XDPVerdict(XDPTX), HasVerdict: true}
		allocs := testing.AllocsPerRun(1000, func() {
			if err := w.WritePacket(p); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("%v: %v allocations per packet", f, allocs)
		}
	}
}
