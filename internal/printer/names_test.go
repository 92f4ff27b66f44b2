// The oracle for names (tcpdump without -n): the real tcpdump 4.99.3 and
// this printer with the system resolver (sysnames) read the same pcaps in
// the same private mount and network namespace, where /etc is an overlay
// whose hosts names (almost) every address of the corpus, whose services,
// ethers and nsswitch.conf are the test's and whose resolv.conf points at
// 127.0.0.1 in a network namespace with no interface up: no DNS query
// leaves the machine, and glibc answers both programs alike.

package printer_test

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/xdpdump/xdpdump/internal/printer"
	"github.com/xdpdump/xdpdump/internal/printer/sysnames"
)

// nameCase is one tcpdump command line and the printer options it means.
type nameCase struct {
	args []string
	o    printer.Options
}

var nameCases = []nameCase{
	{nil, printer.Options{}},
	{[]string{"-v"}, printer.Options{Verbose: 1}},
	{[]string{"-vv"}, printer.Options{Verbose: 2}},
	{[]string{"-e"}, printer.Options{Link: true}},
	{[]string{"-N"}, printer.Options{}},
	{[]string{"-N", "-e", "-v"}, printer.Options{Link: true, Verbose: 1}},
	{[]string{"-q"}, printer.Options{Quiet: true}},
}

func (c nameCase) noDomain() bool {
	for _, a := range c.args {
		if a == "-N" {
			return true
		}
	}
	return false
}

// TestNamesChild prints a pcap with names inside the namespace
// TestNamesMatchTcpdump prepared; it does nothing on its own.
func TestNamesChild(t *testing.T) {
	file := os.Getenv("XDPDUMP_NAMES_FILE")
	if file == "" {
		t.Skip("run by TestNamesMatchTcpdump")
	}
	i, _ := strconv.Atoi(os.Getenv("XDPDUMP_NAMES_CASE"))
	c := nameCases[i]
	o := c.o
	o.Location = time.UTC
	o.Names = &printer.NameOptions{Resolver: sysnames.Resolver{}, NoDomain: c.noDomain()}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(os.Getenv("XDPDUMP_NAMES_OUT"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	p := printer.New(out, o)
	for {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			break
		}
		if err := p.Print(ci.Timestamp, data, ci.Length); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Flush(); err != nil {
		t.Fatal(err)
	}
}

// TestNamesMatchTcpdump compares the printer with names to tcpdump
// without -n, byte for byte, over the corpus and frames to well-known
// ports, with each of nameCases.
func TestNamesMatchTcpdump(t *testing.T) {
	bin, err := exec.LookPath("tcpdump")
	if err != nil {
		t.Skip("tcpdump not installed")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root for a private mount namespace")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.pcap")
	n, _ := printer.WriteCorpusPcap(t, corpus, func([]byte) bool { return false })
	extra := filepath.Join(dir, "names.pcap")
	writeNamesPcap(t, extra)
	up, work := filepath.Join(dir, "up"), filepath.Join(dir, "work")
	for _, d := range []string{up, work} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// Every address tcpdump -n prints, most of them named.
	addrs := map[netip.Addr]bool{}
	for _, f := range []string{corpus, extra} {
		for _, v := range []string{"-n", "-nv", "-nvv"} {
			collectAddrs(runIn(t, nil, bin, v, "-r", f), addrs)
		}
	}
	hosts, named := hostsFile(addrs)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(up, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("hosts", hosts)
	write("resolv.conf", "nameserver 127.0.0.1\n")
	write("nsswitch.conf", "hosts: files dns\nservices: files\nethers: files\nprotocols: files\n")
	write("ethers", "02:77:00:00:00:01 ethhost-a.example.test\n00:00:0c:00:00:07 cisco-named\nff:ff:ff:ff:ff:ff\tall-ones\n")
	write("services", servicesFile(t))
	t.Logf("%d frames of corpus, %d addresses, %d named", n, len(addrs), named)
	ns := []string{"unshare", "--mount", "--net", "--propagation", "private", "--", "sh", "-c",
		`mount -t overlay overlay -o "lowerdir=/etc,upperdir=$1,workdir=$2" /etc && shift 2 && exec "$@"`,
		"sh", up, work}
	if out, err := exec.Command(ns[0], append(ns[1:], "true")...).CombinedOutput(); err != nil {
		t.Skipf("no private mount namespace with an overlay on /etc: %v %s", err, out)
	}
	total, diffs := 0, 0
	var dump *os.File // XDPDUMP_NAMES_DIFFS=FILE: every difference, for study
	if path := os.Getenv("XDPDUMP_NAMES_DIFFS"); path != "" {
		if dump, err = os.Create(path); err != nil {
			t.Fatal(err)
		}
		defer dump.Close()
	}
	for i, c := range nameCases {
		for _, f := range []string{corpus, extra} {
			want := runIn(t, ns, bin, append(append([]string{}, c.args...), "-r", f)...)
			outFile := filepath.Join(dir, fmt.Sprintf("out-%d", i))
			self, _ := os.Executable()
			cmd := exec.Command(ns[0], append(ns[1:], self, "-test.run=^TestNamesChild$", "-test.count=1")...)
			cmd.Env = append(os.Environ(), "XDPDUMP_NAMES_FILE="+f, "XDPDUMP_NAMES_CASE="+strconv.Itoa(i), "XDPDUMP_NAMES_OUT="+outFile)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			got, err := os.ReadFile(outFile)
			if err != nil {
				t.Fatal(err)
			}
			w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
			if len(w) != len(g) {
				t.Errorf("%v %s: tcpdump printed %d lines, the printer %d", c.args, filepath.Base(f), len(w), len(g))
			}
			shown := 0
			for j := 0; j < len(w) && j < len(g); j++ {
				total++
				if w[j] != g[j] {
					diffs++
					if dump != nil {
						fmt.Fprintf(dump, "%v %s %d\n< %s\n> %s\n", c.args, filepath.Base(f), j+1, w[j], g[j])
					}
					if shown < 8 {
						t.Errorf("%v %s line %d:\ntcpdump: %s\nprinter: %s", c.args, filepath.Base(f), j+1, w[j], g[j])
					}
					shown++
				}
			}
			if f == corpus && i == 0 && !strings.Contains(string(want), " system.sysDescr.0") {
				t.Errorf("%s: tcpdump named no SNMP object: the SNMP frames are not in the comparison", filepath.Base(f))
			}
			if strings.Contains(string(want), "example.test") == false && i == 0 {
				t.Errorf("%s: tcpdump printed no name at all: the namespace did not take", filepath.Base(f))
			}
		}
	}
	t.Logf("%d lines compared over %d option sets, %d differ", total, len(nameCases), diffs)
}

// runIn runs bin with args (in the namespace command ns, if any) with
// TZ=UTC and returns its standard output.
func runIn(t *testing.T, ns []string, bin string, args ...string) []byte {
	t.Helper()
	argv := append(append(append([]string{}, ns...), bin), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "TZ=UTC")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %v\n%s", argv, err, errb.String())
	}
	return out.Bytes()
}

// collectAddrs adds every IPv4 and IPv6 address in tcpdump's text to m.
func collectAddrs(text []byte, m map[netip.Addr]bool) {
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		for _, tok := range strings.FieldsFunc(sc.Text(), func(r rune) bool {
			return r == ' ' || r == ',' || r == '(' || r == ')' || r == '[' || r == ']' || r == '{' || r == '}' || r == '=' || r == '\t' || r == '/' || r == '"'
		}) {
			tok = strings.TrimRight(tok, ":;")
			for k := 0; k < 2; k++ {
				if a, err := netip.ParseAddr(tok); err == nil && a.Zone() == "" {
					m[a] = true
					break
				}
				// addr.port
				if i := strings.LastIndexByte(tok, '.'); i > 0 {
					tok = tok[:i]
				}
			}
		}
	}
}

// hostsFile names the addresses: most with a domain, some without, some
// with several names or lines (glibc returns the first), a few not at all.
func hostsFile(addrs map[netip.Addr]bool) (string, int) {
	var list []netip.Addr
	for a := range addrs {
		list = append(list, a)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Less(list[j]) })
	var b strings.Builder
	named := 0
	for i, a := range list {
		switch i % 6 {
		case 5:
			continue // numeric
		case 3:
			fmt.Fprintf(&b, "%s h%d\n", a, i)
		case 4:
			fmt.Fprintf(&b, "%s h%d.sub.example.test alias%d.example.test\n%s second%d.example.test\n", a, i, i, a, i)
		default:
			fmt.Fprintf(&b, "%s h%d.example.test\n", a, i)
		}
		named++
	}
	return b.String(), named
}

// servicesFile is the system's /etc/services (or a few lines of it) with
// lines that test the rules: the first entry of a port and protocol wins,
// and TCP, UDP and SCTP each have their own.
func servicesFile(t *testing.T) string {
	sys, err := os.ReadFile("/etc/services")
	if err != nil {
		sys = []byte("ssh 22/tcp\ndomain 53/tcp\ndomain 53/udp\nhttp 80/tcp www\nhttps 443/tcp\nhttps 443/udp\n")
	}
	return string(sys) + "\nshadow-http 80/tcp\ntcp-only-40001 40001/tcp\nudp-only-40002 40002/udp\nsctp-eighty 80/sctp\nsctp-ssh 22/sctp\nddp-thing 5/ddp\n"
}

// writeNamesPcap writes frames with the addresses, ports and MAC
// addresses the names apply to.
func writeNamesPcap(t *testing.T, path string) {
	macA := net.HardwareAddr{0x02, 0x77, 0, 0, 0, 1}
	macB := net.HardwareAddr{0x02, 0x77, 0, 0, 0, 2}
	cisco := net.HardwareAddr{0x00, 0x00, 0x0c, 0x00, 0x00, 0x07}
	ciscoAnon := net.HardwareAddr{0x00, 0x00, 0x0c, 0x12, 0x34, 0x56}
	bc := net.HardwareAddr{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	a4, b4 := net.IPv4(198, 18, 0, 1).To4(), net.IPv4(198, 18, 0, 2).To4()
	a6, b6 := net.ParseIP("2001:db8::1"), net.ParseIP("2001:db8::2")
	mapped := net.ParseIP("::ffff:198.18.0.1")
	var frames [][]byte
	ser := func(ls ...gopacket.SerializableLayer) {
		buf := gopacket.NewSerializeBuffer()
		opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
		for _, l := range ls {
			switch n := l.(type) {
			case *layers.TCP:
				for _, nl := range ls {
					if nl4, ok := nl.(*layers.IPv4); ok {
						n.SetNetworkLayerForChecksum(nl4)
					}
					if nl6, ok := nl.(*layers.IPv6); ok {
						n.SetNetworkLayerForChecksum(nl6)
					}
				}
			case *layers.UDP:
				for _, nl := range ls {
					if nl4, ok := nl.(*layers.IPv4); ok {
						n.SetNetworkLayerForChecksum(nl4)
					}
					if nl6, ok := nl.(*layers.IPv6); ok {
						n.SetNetworkLayerForChecksum(nl6)
					}
				}
			}
		}
		if err := gopacket.SerializeLayers(buf, opts, ls...); err != nil {
			t.Fatal(err)
		}
		frames = append(frames, append([]byte(nil), buf.Bytes()...))
	}
	eth := func(src, dst net.HardwareAddr, et layers.EthernetType) *layers.Ethernet {
		return &layers.Ethernet{SrcMAC: src, DstMAC: dst, EthernetType: et}
	}
	v4 := func(src, dst net.IP, p layers.IPProtocol) *layers.IPv4 {
		return &layers.IPv4{Version: 4, TTL: 64, Protocol: p, SrcIP: src, DstIP: dst, Id: 7}
	}
	v6 := func(src, dst net.IP, p layers.IPProtocol) *layers.IPv6 {
		return &layers.IPv6{Version: 6, HopLimit: 64, NextHeader: p, SrcIP: src, DstIP: dst}
	}
	ports := [][2]uint16{{22, 50412}, {50412, 22}, {40000, 80}, {443, 40000}, {8080, 3306}, {40001, 40002}, {40002, 40001}, {7, 9}, {65535, 1}}
	for _, pp := range ports {
		tcp := &layers.TCP{SrcPort: layers.TCPPort(pp[0]), DstPort: layers.TCPPort(pp[1]), SYN: true, Seq: 1, Window: 1024}
		ser(eth(macA, macB, layers.EthernetTypeIPv4), v4(a4, b4, layers.IPProtocolTCP), tcp)
		tcp6 := &layers.TCP{SrcPort: layers.TCPPort(pp[0]), DstPort: layers.TCPPort(pp[1]), SYN: true, Seq: 1, Window: 1024}
		ser(eth(cisco, macA, layers.EthernetTypeIPv6), v6(a6, b6, layers.IPProtocolTCP), tcp6)
		udp := &layers.UDP{SrcPort: layers.UDPPort(pp[0]), DstPort: layers.UDPPort(pp[1])}
		ser(eth(ciscoAnon, macB, layers.EthernetTypeIPv4), v4(b4, a4, layers.IPProtocolUDP), udp, gopacket.Payload([]byte("x")))
		udp6 := &layers.UDP{SrcPort: layers.UDPPort(pp[0]), DstPort: layers.UDPPort(pp[1])}
		ser(eth(macB, macA, layers.EthernetTypeIPv6), v6(mapped, b6, layers.IPProtocolUDP), udp6, gopacket.Payload([]byte("x")))
		sctp := &layers.SCTP{SrcPort: layers.SCTPPort(pp[0]), DstPort: layers.SCTPPort(pp[1]), VerificationTag: 1}
		ser(eth(macA, macB, layers.EthernetTypeIPv4), v4(a4, b4, layers.IPProtocolSCTP), sctp,
			&layers.SCTPInit{SCTPChunk: layers.SCTPChunk{Type: layers.SCTPChunkTypeInit}, InitiateTag: 5, AdvertisedReceiverWindowCredit: 1000, OutboundStreams: 1, InboundStreams: 1, InitialTSN: 9})
	}
	// ARP to the broadcast address, an IP protocol without a printer, an
	// ICMP port unreachable quoting UDP and TCP.
	ser(eth(macA, bc, layers.EthernetTypeARP), &layers.ARP{AddrType: layers.LinkTypeEthernet, Protocol: layers.EthernetTypeIPv4,
		HwAddressSize: 6, ProtAddressSize: 4, Operation: 1, SourceHwAddress: macA, SourceProtAddress: a4,
		DstHwAddress: make([]byte, 6), DstProtAddress: b4})
	ser(eth(macA, macB, layers.EthernetTypeIPv4), v4(a4, b4, 253), gopacket.Payload([]byte("abcd")))
	ser(eth(macA, macB, layers.EthernetTypeIPv6), v6(a6, b6, 253), gopacket.Payload([]byte("abcd")))
	for _, q := range []gopacket.SerializableLayer{&layers.UDP{SrcPort: 40000, DstPort: 53}, &layers.TCP{SrcPort: 40000, DstPort: 22, SYN: true}} {
		inner := gopacket.NewSerializeBuffer()
		proto := layers.IPProtocolUDP
		if _, ok := q.(*layers.TCP); ok {
			proto = layers.IPProtocolTCP
		}
		if err := gopacket.SerializeLayers(inner, gopacket.SerializeOptions{FixLengths: true}, v4(a4, b4, proto), q); err != nil {
			t.Fatal(err)
		}
		ser(eth(macB, macA, layers.EthernetTypeIPv4), v4(b4, a4, layers.IPProtocolICMPv4),
			&layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(3, 3)}, gopacket.Payload(inner.Bytes()[:28]))
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	for i, d := range frames {
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(1700000000+int64(i), 0), CaptureLength: len(d), Length: len(d)}
		if err := w.WritePacket(ci, d); err != nil {
			t.Fatal(err)
		}
	}
}
