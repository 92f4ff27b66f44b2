package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/pcapout"
)

// testFrames builds a mix of Ethernet frames: TCP handshake pieces, UDP
// over IPv4 and IPv6, ICMP echo, ICMPv6, ARP.
func testFrames(t *testing.T) [][]byte {
	t.Helper()
	macA, _ := net.ParseMAC("02:00:00:00:00:01")
	macB, _ := net.ParseMAC("02:00:00:00:00:02")
	ip4A, ip4B := net.IP{10, 77, 0, 1}, net.IP{10, 77, 0, 2}
	ip6A, ip6B := net.ParseIP("2001:db8::1"), net.ParseIP("2001:db8::2")
	ser := func(ls ...gopacket.SerializableLayer) []byte {
		buf := gopacket.NewSerializeBuffer()
		if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, ls...); err != nil {
			t.Fatal(err)
		}
		return append([]byte(nil), buf.Bytes()...)
	}
	eth4 := func(src, dst net.HardwareAddr) *layers.Ethernet {
		return &layers.Ethernet{SrcMAC: src, DstMAC: dst, EthernetType: layers.EthernetTypeIPv4}
	}
	eth6 := &layers.Ethernet{SrcMAC: macB, DstMAC: macA, EthernetType: layers.EthernetTypeIPv6}
	var frames [][]byte
	for i := 0; i < 4; i++ {
		ip := &layers.IPv4{Version: 4, TTL: 64, Id: uint16(100 + i), Protocol: layers.IPProtocolTCP, SrcIP: ip4B, DstIP: ip4A}
		tcp := &layers.TCP{SrcPort: layers.TCPPort(40000 + i), DstPort: 80, Seq: 1000 + uint32(i), SYN: true, Window: 64240}
		tcp.SetNetworkLayerForChecksum(ip)
		frames = append(frames, ser(eth4(macB, macA), ip, tcp))
		ipr := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolTCP, SrcIP: ip4A, DstIP: ip4B}
		tcpr := &layers.TCP{SrcPort: 80, DstPort: layers.TCPPort(40000 + i), Seq: 5000, Ack: 1001 + uint32(i), SYN: true, ACK: true, Window: 65160}
		tcpr.SetNetworkLayerForChecksum(ipr)
		frames = append(frames, ser(eth4(macA, macB), ipr, tcpr))
	}
	for i := 0; i < 5; i++ {
		ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolUDP, SrcIP: ip4B, DstIP: ip4A}
		udp := &layers.UDP{SrcPort: 41000, DstPort: layers.UDPPort(30000 + i)}
		udp.SetNetworkLayerForChecksum(ip)
		frames = append(frames, ser(eth4(macB, macA), ip, udp, gopacket.Payload(bytes.Repeat([]byte{byte(i)}, 20+i*100))))
		ip6 := &layers.IPv6{Version: 6, HopLimit: 64, NextHeader: layers.IPProtocolUDP, SrcIP: ip6B, DstIP: ip6A}
		udp6 := &layers.UDP{SrcPort: 42000, DstPort: 43000}
		udp6.SetNetworkLayerForChecksum(ip6)
		frames = append(frames, ser(eth6, ip6, udp6, gopacket.Payload([]byte("hello xdpdump"))))
	}
	ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolICMPv4, SrcIP: ip4B, DstIP: ip4A}
	frames = append(frames, ser(eth4(macB, macA), ip, &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(8, 0), Id: 7, Seq: 1}, gopacket.Payload(make([]byte, 56))))
	ip6 := &layers.IPv6{Version: 6, HopLimit: 255, NextHeader: layers.IPProtocolICMPv6, SrcIP: ip6B, DstIP: ip6A}
	icmp6 := &layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(128, 0)}
	icmp6.SetNetworkLayerForChecksum(ip6)
	frames = append(frames, ser(eth6, ip6, icmp6, gopacket.Payload([]byte{0, 1, 0, 1, 'p', 'i', 'n', 'g'})))
	arp := &layers.ARP{AddrType: layers.LinkTypeEthernet, Protocol: layers.EthernetTypeIPv4, HwAddressSize: 6, ProtAddressSize: 4,
		Operation: 1, SourceHwAddress: macB, SourceProtAddress: ip4B, DstHwAddress: make([]byte, 6), DstProtAddress: ip4A}
	bcast, _ := net.ParseMAC("ff:ff:ff:ff:ff:ff")
	frames = append(frames, ser(&layers.Ethernet{SrcMAC: macB, DstMAC: bcast, EthernetType: layers.EthernetTypeARP}, arp))
	return frames
}

// writeTestFile writes frames as a pcapng (two interfaces, epb options)
// or pcap file; every third frame is cut to snaplen 64 when snap is set.
func writeTestFile(t *testing.T, name string, format pcapout.Format, snap bool) int {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := pcapout.NewWriter(f, format, "test")
	if err != nil {
		t.Fatal(err)
	}
	snaplen := uint32(262144)
	if snap {
		snaplen = 64
	}
	w.AddInterface(pcapout.Interface{Name: "veth-a", Snaplen: snaplen})
	if format == pcapout.PcapNG {
		w.AddInterface(pcapout.Interface{Name: "veth-b", Snaplen: snaplen})
	}
	base := time.Date(2025, 5, 6, 7, 8, 9, 123456789, time.Local)
	frames := testFrames(t)
	for i, fr := range frames {
		p := &pcapout.Packet{Timestamp: base.Add(time.Duration(i) * 137 * time.Millisecond), Data: fr, OriginalLength: len(fr),
			Direction: pcapout.Inbound, Queue: uint32(i % 3), HasQueue: true, PacketID: uint64(1000 + i), HasPacketID: true}
		if format == pcapout.PcapNG {
			p.Interface = i % 2
			if i%5 == 0 {
				p.Direction = pcapout.Outbound
				p.Verdict, p.HasVerdict = pcapout.XDPVerdict(pcapout.XDPTX), true
			}
		}
		if snap && len(p.Data) > 64 {
			p.Data = p.Data[:64]
		}
		if err := w.WritePacket(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return len(frames)
}

func needTcpdump(t *testing.T) {
	if _, err := exec.LookPath("tcpdump"); err != nil {
		t.Skip("no tcpdump")
	}
}

// runBoth runs xdpdump and tcpdump with the same arguments and returns
// their standard output and error.
func runCmd(t *testing.T, stdin io.Reader, name string, args ...string) (string, string, error) {
	t.Helper()
	c := exec.Command(name, args...)
	c.Env = append(os.Environ(), "TZ=Europe/Berlin")
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr, c.Stdin = &out, &errb, stdin
	err := c.Run()
	return out.String(), errb.String(), err
}

func TestReadPrintsAsTcpdump(t *testing.T) {
	needTcpdump(t)
	dir := t.TempDir()
	files := map[string]pcapout.Format{"a.pcapng": pcapout.PcapNG, "b.pcap": pcapout.Pcap}
	for n, f := range files {
		writeTestFile(t, filepath.Join(dir, n), f, false)
	}
	writeTestFile(t, filepath.Join(dir, "snap.pcapng"), pcapout.PcapNG, true)
	cases := [][]string{
		{},
		{"udp"},
		{"tcp[tcpflags] & tcp-syn != 0 and not tcp[tcpflags] & tcp-ack != 0"},
		{"ip6"},
		{"arp", "or", "icmp"},
		{"-e", "-tttt"},
		{"-x", "-#", "udp"},
		{"-X", "-tt", "icmp6"},
		{"-c", "3"},
		{"-q", "-ttt"},
		{"-v"},
		{"-A", "--time-stamp-precision=nano", "tcp"},
		{"port 7000"}, // no match at all
		{"port 43000"},
	}
	for _, file := range []string{"a.pcapng", "b.pcap", "snap.pcapng"} {
		for _, c := range cases {
			args := append([]string{"-n", "-r", filepath.Join(dir, file)}, c...)
			want, wantErr, err := runCmd(t, nil, "tcpdump", args...)
			if err != nil {
				t.Fatalf("tcpdump %v: %v\n%s", args, err, wantErr)
			}
			got, gotErr, err := runCmd(t, nil, binPath, args...)
			if err != nil {
				t.Fatalf("xdpdump %v: %v\n%s", args, err, gotErr)
			}
			if got != want {
				t.Errorf("xdpdump %v differs from tcpdump:\n--- xdpdump\n%s--- tcpdump\n%s", args, got, want)
			}
			if gotErr != wantErr {
				t.Errorf("xdpdump %v stderr %q, tcpdump %q", args, gotErr, wantErr)
			}
			if len(c) == 0 && strings.Count(got, "\n") < 20 {
				t.Fatalf("only %d lines printed", strings.Count(got, "\n"))
			}
		}
	}
	// Standard input.
	for _, file := range []string{"a.pcapng", "b.pcap"} {
		b, _ := os.ReadFile(filepath.Join(dir, file))
		want, wantErr, _ := runCmd(t, bytes.NewReader(b), "tcpdump", "-n", "-r", "-", "udp")
		got, gotErr, err := runCmd(t, bytes.NewReader(b), binPath, "-n", "-r", "-", "udp")
		if err != nil || got != want || gotErr != wantErr {
			t.Errorf("-r - %s: err %v\n%s%s--- tcpdump\n%s%s", file, err, gotErr, got, wantErr, want)
		}
	}
}

func TestReadWrite(t *testing.T) {
	needTcpdump(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pcapng")
	writeTestFile(t, in, pcapout.PcapNG, false)
	for _, c := range []struct {
		format string
		expr   []string
	}{
		{"pcapng", []string{"udp"}},
		{"pcapng", nil},
		{"pcap", []string{"tcp", "or", "icmp6"}},
	} {
		out := filepath.Join(dir, "out."+c.format)
		args := append([]string{"-r", in, "--format", c.format, "-w", out}, c.expr...)
		if _, stderr, err := runCmd(t, nil, binPath, args...); err != nil {
			t.Fatalf("xdpdump %v: %v\n%s", args, err, stderr)
		}
		want, _, err := runCmd(t, nil, "tcpdump", append([]string{"-n", "-r", in}, c.expr...)...)
		if err != nil {
			t.Fatal(err)
		}
		got, gotErr, err := runCmd(t, nil, "tcpdump", "-n", "-r", out)
		if err != nil || strings.Contains(gotErr, "warning") {
			t.Fatalf("tcpdump -r %s: %v %s", out, err, gotErr)
		}
		if got != want || want == "" {
			t.Fatalf("%v: tcpdump -r of the output:\n%s--- tcpdump with the expression on the input:\n%s", args, got, want)
		}
		if c.format != "pcapng" {
			continue
		}
		// Interface names, direction, queue, packet id and verdict
		// survive; time stamps keep their nanoseconds.
		orig := readNg(t, in)
		rewritten := readNg(t, out)
		j := 0
		for _, p := range orig {
			if c.expr != nil && !p.udp {
				continue
			}
			q := rewritten[j]
			j++
			if q.ts != p.ts || q.iface != p.iface || q.dir != p.dir || q.queue != p.queue || q.id != p.id || q.verdict != p.verdict || q.origLen != p.origLen {
				t.Fatalf("packet %d rewritten as %+v, was %+v", j-1, q, p)
			}
		}
		if j != len(rewritten) {
			t.Fatalf("%d packets rewritten, %d expected", len(rewritten), j)
		}
	}
}

type ngPacket struct {
	ts      time.Time
	iface   string
	dir     int
	queue   uint32
	id      uint64
	verdict string
	origLen int
	udp     bool
}

func readNg(t *testing.T, name string) []ngPacket {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewNgReader(f, pcapgo.NgReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var out []ngPacket
	for {
		data, ci, opts, err := r.ReadPacketDataWithOptions()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		ifc, _ := r.Interface(ci.InterfaceIndex)
		p := ngPacket{ts: ci.Timestamp, iface: ifc.Name, origLen: ci.Length}
		if opts.Flags != nil {
			p.dir = int(opts.Flags.Direction)
		}
		if opts.Queue != nil {
			p.queue = *opts.Queue
		}
		if opts.PacketID != nil {
			p.id = *opts.PacketID
		}
		for _, v := range opts.Verdicts {
			p.verdict += string(rune('0'+v.Type)) + ":" + string(rune('0'+binary.LittleEndian.Uint64(v.Data)))
		}
		pk := gopacket.NewPacket(data, layers.LayerTypeEthernet, gopacket.Default)
		p.udp = pk.Layer(layers.LayerTypeUDP) != nil
		out = append(out, p)
	}
}

func TestReadBadInput(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.pcapng")
	writeTestFile(t, good, pcapout.PcapNG, false)
	b, _ := os.ReadFile(good)
	os.WriteFile(filepath.Join(dir, "trunc.pcapng"), b[:len(b)-40], 0o644)
	os.WriteFile(filepath.Join(dir, "garbage"), []byte("this is not a capture file at all"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty"), nil, 0o644)
	// A classic pcap of 802.11 frames (link type 105), which xdpdump does
	// not print (raw IP, cooked and loopback files it does: linktypes_e2e_test.go).
	var raw bytes.Buffer
	pw := pcapgo.NewWriter(&raw)
	pw.WriteFileHeader(65535, layers.LinkTypeIEEE802_11)
	os.WriteFile(filepath.Join(dir, "wifi.pcap"), raw.Bytes(), 0o644)

	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-r", filepath.Join(dir, "nosuch")}, "xdpdump: " + dir + "/nosuch: no such file or directory"},
		{[]string{"-r", filepath.Join(dir, "garbage")}, "xdpdump: " + dir + "/garbage: unknown file format"},
		{[]string{"-r", filepath.Join(dir, "empty")}, "xdpdump: " + dir + "/empty: truncated dump file"},
		{[]string{"-r", filepath.Join(dir, "wifi.pcap")}, "xdpdump: " + dir + "/wifi.pcap: link-type IEEE802_11 (802.11) is not supported"},
		{[]string{"-r", good, "tcp", "port"}, "xdpdump: can't parse filter expression: syntax error"},
		{[]string{"-r", good, "-i", "lo"}, "xdpdump: -r and -i together"},
		{[]string{"-r", good, "-w", dir + "/no/such/dir/x"}, "xdpdump: " + dir + "/no/such/dir/x: no such file or directory"},
		{[]string{"-r", good, "-Z", "nosuchuser"}, "xdpdump: Couldn't find user 'nosuchuser'"},
		{[]string{"-r", good, "-Q", "sideways"}, "xdpdump: unknown capture direction `sideways'"},
		{[]string{"-r", good, "-G", "1"}, "xdpdump: -C and -G split the -w file: give -w FILE"},
		{[]string{"-r", good, "-C", "0", "-w", dir + "/c"}, "xdpdump: invalid file size 0"},
		{[]string{"-r", good, "-C", "-3", "-w", dir + "/c"}, "xdpdump: invalid file size -3"},
		{[]string{"-r", good, "-C", "1q", "-w", dir + "/c"}, "xdpdump: invalid file size 1q"},
		{[]string{"-r", good, "-G", "-1", "-w", dir + "/c"}, "xdpdump: invalid number of seconds -1"},
		{[]string{"-r", good, "-W", "3", "-w", dir + "/c"}, "xdpdump: -W counts the files of -C or -G"},
		{[]string{"-r", good, "-W", "0", "-C", "1", "-w", dir + "/c"}, "xdpdump: invalid number of output files 0"},
		{[]string{"-r", good, "-z", "gzip", "-w", dir + "/c"}, "xdpdump: -z runs after each rotation: give -C or -G"},
		{[]string{"-r", good, "-z", "no-such-command-xyz", "-C", "1", "-w", dir + "/c"}, "xdpdump: -z no-such-command-xyz: command not found"},
		{[]string{"-r", good, "-C", "1", "-w", "-"}, "xdpdump: -C and -G cannot split the standard output"},
		{[]string{"-r", good, "--rotate-empty", "-C", "1", "-w", dir + "/c"}, "xdpdump: --rotate-empty needs -G"},
	}
	for _, c := range cases {
		_, stderr, err := runCmd(t, nil, binPath, c.args...)
		if err == nil {
			t.Errorf("%v: exit 0", c.args)
			continue
		}
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		last := lines[len(lines)-1]
		if !strings.HasPrefix(last, c.want) || strings.Contains(stderr, "panic") {
			t.Errorf("%v: stderr %q, want %q", c.args, stderr, c.want)
		}
	}
	// Truncated: the packets before the cut are printed, then the error.
	out, stderr, err := runCmd(t, nil, binPath, "-n", "-r", filepath.Join(dir, "trunc.pcapng"))
	if err == nil || !strings.Contains(stderr, "truncated dump file") || strings.Count(out, "\n") < 10 {
		t.Errorf("truncated file: err %v, %d lines, stderr %q", err, strings.Count(out, "\n"), stderr)
	}
	for _, n := range []string{"c", "c1"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("a refused command line left %s behind", n)
		}
	}
}

// TestReadUnprivileged: -r needs no root.
func TestReadUnprivileged(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to switch to nobody")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o777)
	os.Chmod(filepath.Dir(dir), 0o755)
	in := filepath.Join(dir, "in.pcap")
	writeTestFile(t, in, pcapout.Pcap, false)
	os.Chmod(in, 0o644)
	out, stderr, err := runCmd(t, nil, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all",
		binPath, "-r", in, "-w", filepath.Join(dir, "out.pcapng"), "udp")
	if err != nil {
		t.Fatalf("unprivileged -r: %v\n%s%s", err, out, stderr)
	}
	if got := len(readNg(t, filepath.Join(dir, "out.pcapng"))); got != 10 {
		t.Fatalf("%d packets written, want 10", got)
	}
}

// TestReadRotate splits a file by the packets' own time stamps (-G) and
// by size (-C), and -z runs on every file including the last.
func TestReadRotate(t *testing.T) {
	needTcpdump(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pcapng")
	n := writeTestFile(t, in, pcapout.PcapNG, false) // 137 ms apart from 07:08:09.123
	_, stderr, err := runCmd(t, nil, binPath, "-r", in, "-G", "1", "-w", filepath.Join(dir, "g-%H%M%S.pcapng"))
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	total := 0
	var names []string
	berlin, err := time.LoadLocation("Europe/Berlin") // runCmd's TZ
	if err != nil {
		t.Skip(err)
	}
	for i := 0; ; i++ {
		ts := time.Date(2025, 5, 6, 7, 8, 9+i, 0, time.Local).In(berlin)
		name := filepath.Join(dir, "g-"+ts.Format("150405")+".pcapng")
		if _, err := os.Stat(name); err != nil {
			break
		}
		names = append(names, name)
		out, serr, err := runCmd(t, nil, "tcpdump", "-n", "-r", name)
		if err != nil || strings.Contains(serr, "warning") {
			t.Fatalf("%s: %v %s", name, err, serr)
		}
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if l != "" && !strings.HasPrefix(l, ts.Format("15:04:05")) {
				t.Fatalf("%s holds a packet of another second: %s", name, l)
			}
			total++
		}
	}
	if want := (time.Duration(n-1)*137*time.Millisecond+123*time.Millisecond)/time.Second + 1; len(names) != int(want) || total != n {
		t.Fatalf("-G 1: %d files with %d packets; want %d files with %d", len(names), total, want, n)
	}

	// -C 1k with -z gzip: FILE, FILE1, ... each compressed, the last one
	// too, and xdpdump returns once gzip is done.
	_, stderr, err = runCmd(t, nil, binPath, "-r", in, "-C", "1k", "-z", "gzip", "-w", filepath.Join(dir, "c"))
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var gz []string
	packets := 0
	for i := 0; ; i++ {
		name := filepath.Join(dir, "c")
		if i > 0 {
			name += strconv.Itoa(i)
		}
		if _, err := os.Stat(name); err == nil {
			t.Fatalf("%s left uncompressed", name)
		}
		b, err := os.ReadFile(name + ".gz")
		if err != nil {
			break
		}
		gz = append(gz, name)
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(zr)
		if len(raw) > 1024 {
			t.Fatalf("%s: %d bytes > -C 1k", name, len(raw))
		}
		out, serr, err := runCmd(t, bytes.NewReader(raw), "tcpdump", "-n", "-r", "-")
		if err != nil || strings.Contains(serr, "warning") {
			t.Fatalf("%s: %v %s", name, err, serr)
		}
		packets += strings.Count(out, "\n")
	}
	if len(gz) < 3 || packets != n {
		t.Fatalf("-C 1k -z gzip: %d files, %d packets; want >= 3 files, %d packets", len(gz), packets, n)
	}

	// -W 3: a ring of c0 c1 c2 holding the newest packets.
	rdir := t.TempDir()
	_, stderr, err = runCmd(t, nil, binPath, "-r", in, "-C", "1k", "-W", "3", "-w", filepath.Join(rdir, "r"))
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	ents, _ := os.ReadDir(rdir)
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != "r0 r1 r2" {
		t.Fatalf("-W 3: files %v", got)
	}
	last := 0
	for _, name := range got {
		out, _, _ := runCmd(t, nil, "tcpdump", "-n", "-r", filepath.Join(rdir, name))
		if strings.Contains(out, "ARP, Request") {
			last++
		}
	}
	if last != 1 {
		t.Fatalf("the last packet is in %d ring files, want 1", last)
	}
}

// TestHelpAndManPage: --help lists every flag once, in tcpdump-like
// groups; the man page documents every long flag and renders without
// groff warnings; -Q takes tcpdump's values in any case.
func TestHelpAndManPage(t *testing.T) {
	out, _, err := runCmd(t, nil, binPath, "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []string{"\nCapture:\n", "\nFilter:\n", "\nOutput file:\n", "\nPrinting:\n", "\nInformation:\n"} {
		if !strings.Contains(out, g) {
			t.Errorf("--help has no %q group", strings.TrimSpace(g))
		}
	}
	if strings.Contains(out, "\nOther:\n") {
		t.Errorf("--help has flags outside the groups:\n%s", out[strings.Index(out, "\nOther:\n"):])
	}
	man, err := os.ReadFile("../../docs/xdpdump.8")
	if err != nil {
		t.Fatal(err)
	}
	manText := strings.ReplaceAll(string(man), `\-`, "-")
	var o options
	fs := newFlags(&o)
	n := 0
	fs.VisitAll(func(f *pflag.Flag) {
		n++
		// tcpdump's options that do not apply are hidden from --help (it
		// names their short forms) and documented in the man page.
		if c := strings.Count(out, "--"+f.Name+" ") + strings.Count(out, "--"+f.Name+"\n"); c != 1 && !f.Hidden {
			t.Errorf("--help lists --%s %d times", f.Name, c)
		}
		if !strings.Contains(manText, "-"+f.Name) {
			t.Errorf("the man page does not document --%s", f.Name)
		}
		if f.Shorthand != "" && !strings.Contains(manText, "-"+f.Shorthand) {
			t.Errorf("the man page does not document -%s", f.Shorthand)
		}
	})
	if n < 30 {
		t.Fatalf("only %d flags", n)
	}
	if _, err := exec.LookPath("groff"); err == nil {
		_, serr, err := runCmd(t, nil, "groff", "-man", "-Tutf8", "-ww", "../../docs/xdpdump.8")
		if err != nil || serr != "" {
			t.Fatalf("groff: %v\n%s", err, serr)
		}
	}
	for _, q := range []string{"in", "OUT", "InOut"} {
		if _, serr, err := runCmd(t, nil, binPath, "-Q", q, "-d", "ip"); err != nil {
			t.Errorf("-Q %s refused: %v %s", q, err, serr)
		}
	}
}

// TestReadCaplenOverLen: classic pcap records whose capture length exceeds
// their original length (or whose original length is 0) are printed as
// tcpdump prints them, in both byte orders and time stamp precisions.
func TestReadCaplenOverLen(t *testing.T) {
	needTcpdump(t)
	frame := testFrames(t)[0]
	dir := t.TempDir()
	for _, c := range []struct {
		name  string
		order binary.ByteOrder
		magic uint32
	}{{"le-micro", binary.LittleEndian, 0xa1b2c3d4}, {"be-nano", binary.BigEndian, 0xa1b23c4d}} {
		var b bytes.Buffer
		h := make([]byte, 24)
		c.order.PutUint32(h, c.magic)
		c.order.PutUint16(h[4:], 2)
		c.order.PutUint16(h[6:], 4)
		c.order.PutUint32(h[16:], 262144)
		c.order.PutUint32(h[20:], 1)
		b.Write(h)
		for i, orig := range []int{len(frame), len(frame) - 10, 1, 0, len(frame) + 100} {
			r := make([]byte, 16)
			c.order.PutUint32(r, uint32(1700000000+i))
			c.order.PutUint32(r[4:], uint32(1234*i))
			c.order.PutUint32(r[8:], uint32(len(frame)))
			c.order.PutUint32(r[12:], uint32(orig))
			b.Write(r)
			b.Write(frame)
		}
		name := filepath.Join(dir, c.name+".pcap")
		if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"-n", "-r", name}, {"-n", "-v", "-r", name}} {
			want, wantErr, err := runCmd(t, nil, "tcpdump", args...)
			if err != nil {
				t.Fatalf("tcpdump %v: %v\n%s", args, err, wantErr)
			}
			got, gotErr, err := runCmd(t, nil, binPath, args...)
			if err != nil || got != want || gotErr != wantErr {
				t.Errorf("xdpdump %v: err %v\n%s%s--- tcpdump\n%s%s", args, err, gotErr, got, wantErr, want)
			}
			if !strings.Contains(got, "< caplen(") {
				t.Errorf("%v: no invalid-header line:\n%s", args, got)
			}
		}
	}
}
