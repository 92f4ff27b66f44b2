package main

// Every option of tcpdump(8) 4.99.3 and what xdpdump does with it, checked
// against the real tcpdump wherever tcpdump can run it without capturing
// (-r of a small savefile, with -n: names are TestNamesMatchTcpdump's;
// -d; -L/-J of lo): "same" rows compare standard
// output, standard error (without the program's name) and the exit
// status; "refused" rows expect one line that says why and exit 1;
// "elsewhere" rows name the test that checks a live or file-writing
// option against its oracle. The table's completeness is checked against
// the options the installed tcpdump(8) manual lists.

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

type optRow struct {
	opts []string // the options of tcpdump(8) the row covers
	args []string // F: the savefile, N: its nanosecond twin, V: a -V list, X: a -F file
	how  string   // same, refused, elsewhere
	note string   // refused: words the line must hold; elsewhere: the test
}

var optTable = []optRow{
	{[]string{"-A"}, []string{"-A", "-r", "F"}, "same", ""},
	{[]string{"-b"}, []string{"-b", "-r", "F"}, "same", "on BGP with 4-byte AS numbers: TestQABgpAsdot"},
	{[]string{"-B", "--buffer-size"}, []string{"-B", "1024", "--buffer-size=2048", "-r", "F"}, "same", ""},
	{[]string{"-c"}, []string{"-c", "3", "-r", "F"}, "same", ""},
	{[]string{"--count"}, []string{"--count", "-r", "F", "udp or icmp"}, "same", ""},
	{[]string{"-C"}, nil, "elsewhere", "TestRotateSize (rotate_test.go)"},
	{[]string{"-d"}, []string{"-d", "tcp port 80 or icmp6"}, "same", ""},
	{[]string{"-dd"}, []string{"-dd", "ip broadcast or udp"}, "same", "netmask 0, as tcpdump"},
	{[]string{"-dd"}, []string{"-dd", "udp"}, "same", ""},
	{[]string{"-ddd"}, []string{"-ddd", "arp"}, "same", ""},
	{[]string{"-D", "--list-interfaces"}, nil, "elsewhere", "TestListAndShow (chain_e2e_test.go): interfaces with their XDP programs"},
	{[]string{"-e"}, []string{"-e", "-r", "F"}, "same", ""},
	{[]string{"-E"}, []string{"-E", "esp-secret", "-r", "F"}, "refused", "ESP"},
	{[]string{"-f"}, []string{"-f", "-r", "F"}, "same", "refused with -r, as tcpdump does; names: TestNamesMatchTcpdump"},
	{[]string{"-F"}, []string{"-F", "X", "-r", "F"}, "same", ""},
	{[]string{"-G"}, nil, "elsewhere", "rotate_test.go"},
	{[]string{"-h", "--help"}, []string{"--help"}, "exit0", ""},
	{[]string{"--version"}, nil, "elsewhere", "TestVersion"},
	{[]string{"-H"}, []string{"-H", "-r", "F"}, "same", ""},
	{[]string{"-i", "--interface"}, nil, "elsewhere", "TestDefaultPingMatchesTcpdump, TestAnyInterface"},
	{[]string{"-I", "--monitor-mode"}, []string{"-I", "-i", "lo"}, "refused", "monitor mode"},
	{[]string{"--immediate-mode"}, []string{"--immediate-mode", "-r", "F"}, "same", ""},
	{[]string{"-j", "--time-stamp-type"}, []string{"-j", "host", "--time-stamp-type=host", "-r", "F"}, "same", ""},
	{[]string{"-j"}, []string{"-j", "sundial", "-r", "F"}, "same", "an unknown type"},
	{[]string{"-j"}, []string{"-j", "adapter", "-i", "lo"}, "refused", "host's clock"},
	{[]string{"-J", "--list-time-stamp-types"}, []string{"-J", "-i", "lo"}, "same", ""},
	{[]string{"--time-stamp-precision"}, []string{"--time-stamp-precision=nano", "-r", "N"}, "same", ""},
	{[]string{"--time-stamp-precision"}, []string{"--time-stamp-precision=pico", "-r", "N"}, "same", ""},
	{[]string{"--micro"}, []string{"--micro", "-r", "N"}, "same", ""},
	{[]string{"--nano"}, []string{"--nano", "-tt", "-r", "F"}, "same", ""},
	{[]string{"-K", "--dont-verify-checksums"}, []string{"-K", "-vv", "-r", "F"}, "same", ""},
	{[]string{"-K"}, []string{"--dont-verify-checksums", "-v", "-r", "F"}, "same", ""},
	{[]string{"-l"}, []string{"-l", "-r", "F"}, "same", ""},
	{[]string{"-L", "--list-data-link-types"}, []string{"-L", "-i", "lo"}, "same", ""},
	{[]string{"-m"}, []string{"-m", "SNMPv2-MIB", "-r", "F"}, "same", "tcpdump's warning (no libsmi)"},
	{[]string{"-M"}, []string{"-M", "secret", "-r", "F"}, "refused", "TCP-MD5"},
	{[]string{"-n"}, []string{"-n", "-r", "F"}, "same", ""},
	{[]string{"-N"}, []string{"-N", "-r", "F"}, "same", "with names (no -n) in a private /etc: TestNamesMatchTcpdump (names_test.go)"},
	{[]string{"-#", "--number"}, []string{"-#", "-r", "F"}, "same", ""},
	{[]string{"--number"}, []string{"--number", "-r", "F"}, "same", ""},
	{[]string{"-O", "--no-optimize"}, []string{"-O", "-d", "tcp port 80 or udp port 53 or icmp"}, "same", ""},
	{[]string{"--no-optimize"}, []string{"--no-optimize", "-r", "F", "udp port 53 or icmp"}, "same", ""},
	{[]string{"-p", "--no-promiscuous-mode"}, []string{"-p", "--no-promiscuous-mode", "-r", "F"}, "same", "live: TestPromiscuousMode"},
	{[]string{"--print"}, []string{"--print", "-w", os.DevNull, "-r", "F"}, "same", ""},
	{[]string{"-Q", "--direction"}, []string{"-Q", "in", "--direction=inout", "-r", "F"}, "same", "live: TestAnyInterface, egress_e2e_test.go"},
	{[]string{"-Q"}, []string{"-Q", "sideways", "-r", "F"}, "same", "an unknown direction"},
	{[]string{"-q"}, []string{"-q", "-r", "F"}, "same", ""},
	{[]string{"-r"}, []string{"-r", "F", "arp or tcp"}, "same", ""},
	{[]string{"-S", "--absolute-tcp-sequence-numbers"}, []string{"-S", "-r", "F"}, "same", ""},
	{[]string{"-s", "--snapshot-length"}, []string{"-s", "60", "--snapshot-length=60", "-r", "F"}, "same", ""},
	{[]string{"-T"}, []string{"-T", "domain", "-r", "F"}, "same", ""},
	{[]string{"-T"}, []string{"-T", "vxlan", "-r", "F", "udp port 4789 or udp port 9999"}, "same", ""},
	{[]string{"-T"}, []string{"-T", "smoke", "-r", "F"}, "same", "an unknown type"},
	{[]string{"-T"}, []string{"-T", "rtp", "-r", "F"}, "refused", "does not decode rtp"},
	{[]string{"-t"}, []string{"-t", "-r", "F"}, "same", ""},
	{[]string{"-tt"}, []string{"-tt", "-r", "F"}, "same", ""},
	{[]string{"-ttt"}, []string{"-ttt", "-r", "F"}, "same", ""},
	{[]string{"-tttt"}, []string{"-tttt", "-r", "F"}, "same", ""},
	{[]string{"-ttttt"}, []string{"-ttttt", "-r", "F"}, "same", ""},
	{[]string{"-u"}, []string{"-u", "-r", "F"}, "same", ""},
	{[]string{"-U", "--packet-buffered"}, []string{"-U", "--packet-buffered", "-r", "F"}, "same", ""},
	{[]string{"-v"}, []string{"-v", "-r", "F"}, "same", ""},
	{[]string{"-vv"}, []string{"-vv", "-r", "F"}, "same", ""},
	{[]string{"-vvv"}, []string{"-vvv", "-r", "F"}, "same", ""},
	{[]string{"-V"}, []string{"-V", "V"}, "same", ""},
	{[]string{"-V"}, []string{"-V", "V", "-r", "F"}, "same", "with -r"},
	{[]string{"-w"}, nil, "elsewhere", "TestCaptureToFile (tcpdump and gopacket read the file)"},
	{[]string{"-W"}, nil, "elsewhere", "rotate_test.go"},
	{[]string{"-x"}, []string{"-x", "-r", "F"}, "same", ""},
	{[]string{"-xx"}, []string{"-xx", "-r", "F"}, "same", ""},
	{[]string{"-X"}, []string{"-X", "-r", "F"}, "same", ""},
	{[]string{"-XX"}, []string{"-XX", "-r", "F"}, "same", ""},
	{[]string{"-y", "--linktype"}, []string{"-y", "EN10MB", "-d", "ip"}, "same", ""},
	{[]string{"-y"}, []string{"--linktype=LINUX_SLL2", "-d", "ip6"}, "same", ""},
	{[]string{"-y"}, []string{"-y", "NOSUCH", "-d", "ip"}, "same", ""},
	{[]string{"-y"}, []string{"-y", "LINUX_SLL2", "-i", "lo"}, "refused", "only data link type is EN10MB"},
	{[]string{"-z"}, nil, "elsewhere", "rotate_test.go"},
	{[]string{"-Z", "--relinquish-privileges"}, nil, "elsewhere", "rotate_test.go (-Z)"},
	{[]string{"-a"}, []string{"-a", "-r", "F"}, "same", "tcpdump's old -a"},
	{[]string{"--fp-type"}, []string{"--fp-type"}, "refused", "floating-point"},
}

// optFiles writes the savefiles the table reads: a few Ethernet frames of
// the protocols the printer decodes, one UDP checksum spoiled.
func optFiles(t *testing.T) map[string]string {
	dir := t.TempDir()
	// tcpdump drops root (to its own user) once the first file is open.
	os.Chmod(dir, 0o755)
	os.Chmod(filepath.Dir(dir), 0o755)
	src, dst := net.HardwareAddr{2, 0, 0, 0, 0, 1}, net.HardwareAddr{2, 0, 0, 0, 0, 2}
	a, b := net.IP{198, 18, 9, 1}, net.IP{198, 18, 9, 2}
	a6, b6 := net.ParseIP("2001:db8::1"), net.ParseIP("2001:db8::2")
	ser := func(ls ...gopacket.SerializableLayer) []byte {
		buf := gopacket.NewSerializeBuffer()
		for _, l := range ls {
			if n, ok := l.(interface {
				SetNetworkLayerForChecksum(gopacket.NetworkLayer) error
			}); ok {
				for _, nl := range ls {
					if ip, ok := nl.(gopacket.NetworkLayer); ok {
						n.SetNetworkLayerForChecksum(ip)
					}
				}
			}
		}
		if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, ls...); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	eth := func(t layers.EthernetType) *layers.Ethernet {
		return &layers.Ethernet{SrcMAC: src, DstMAC: dst, EthernetType: t}
	}
	ip4 := func(p layers.IPProtocol) *layers.IPv4 {
		return &layers.IPv4{Version: 4, TTL: 64, Id: 7, Flags: layers.IPv4DontFragment, Protocol: p, SrcIP: a, DstIP: b}
	}
	dns := []byte{0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, 1, 0, 1}
	frames := [][]byte{
		ser(eth(layers.EthernetTypeARP), &layers.ARP{AddrType: 1, Protocol: 0x0800, HwAddressSize: 6, ProtAddressSize: 4, Operation: 1,
			SourceHwAddress: src, SourceProtAddress: a, DstHwAddress: make([]byte, 6), DstProtAddress: b}),
		ser(eth(layers.EthernetTypeIPv4), ip4(layers.IPProtocolICMPv4), &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(8, 0), Id: 9, Seq: 1}, gopacket.Payload(bytes.Repeat([]byte{'p'}, 32))),
		ser(eth(layers.EthernetTypeIPv4), ip4(layers.IPProtocolTCP), &layers.TCP{SrcPort: 40000, DstPort: 80, Seq: 1000, SYN: true, Window: 64240,
			Options: []layers.TCPOption{{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: []byte{5, 0xb4}}}}),
		ser(eth(layers.EthernetTypeIPv4), ip4(layers.IPProtocolTCP), &layers.TCP{SrcPort: 40000, DstPort: 80, Seq: 1001, Ack: 5, ACK: true, PSH: true, Window: 502},
			gopacket.Payload("GET / HTTP/1.1\r\nHost: x\r\n\r\n")),
		ser(eth(layers.EthernetTypeIPv4), ip4(layers.IPProtocolUDP), &layers.UDP{SrcPort: 5353, DstPort: 53}, gopacket.Payload(dns)),
		ser(eth(layers.EthernetTypeIPv4), ip4(layers.IPProtocolUDP), &layers.UDP{SrcPort: 41000, DstPort: 4789},
			gopacket.Payload(append([]byte{8, 0, 0, 0, 0, 0, 100, 0}, ser(eth(layers.EthernetTypeIPv4), ip4(layers.IPProtocolICMPv4), &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(0, 0), Id: 9, Seq: 1})...))),
		ser(eth(layers.EthernetTypeIPv6), &layers.IPv6{Version: 6, HopLimit: 64, NextHeader: layers.IPProtocolICMPv6, SrcIP: a6, DstIP: b6},
			&layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(128, 0)}, gopacket.Payload([]byte{0, 1, 0, 2, 'x', 'y'})),
	}
	bad := ser(eth(layers.EthernetTypeIPv4), ip4(layers.IPProtocolUDP), &layers.UDP{SrcPort: 41000, DstPort: 9999}, gopacket.Payload("spoilt"))
	bad[len(bad)-1] ^= 0xff
	bad[24] ^= 0x01 // the IPv4 header checksum too
	frames = append(frames, bad)
	files := map[string]string{"F": filepath.Join(dir, "f.pcap"), "N": filepath.Join(dir, "n.pcap"), "V": filepath.Join(dir, "list"), "X": filepath.Join(dir, "expr")}
	for _, nano := range []bool{false, true} {
		name := files["F"]
		if nano {
			name = files["N"]
		}
		f, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w := pcapgo.NewWriter(f)
		if nano {
			w = pcapgo.NewWriterNanos(f)
		}
		w.WriteFileHeader(262144, layers.LinkTypeEthernet)
		for i, d := range frames {
			ts := time.Unix(1700000000+int64(i), int64(i)*123456789+987)
			w.WritePacket(gopacket.CaptureInfo{Timestamp: ts, CaptureLength: len(d), Length: len(d)}, d)
		}
		f.Close()
	}
	os.WriteFile(files["V"], []byte(files["F"]+"\n"+files["N"]+"\n"), 0o644)
	os.WriteFile(files["X"], []byte("icmp or arp # the filter\n"), 0o644)
	return files
}

type runResult struct {
	stdout, stderr string
	code           int
}

func runOpt(bin string, args []string) runResult {
	c := exec.Command(bin, args...)
	c.Env = append(os.Environ(), "TZ=UTC")
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	c.Run()
	// The program's name starts its own lines.
	e := regexp.MustCompile(`(?m)^(tcpdump|xdpdump): `).ReplaceAllString(errb.String(), "")
	return runResult{out.String(), e, c.ProcessState.ExitCode()}
}

func TestTcpdumpOptions(t *testing.T) {
	if _, err := exec.LookPath("tcpdump"); err != nil {
		t.Skip("no tcpdump")
	}
	if os.Geteuid() != 0 {
		t.Skip("-L/-J need root, as tcpdump's")
	}
	files := optFiles(t)
	for _, r := range optTable {
		args := append([]string(nil), r.args...)
		reads := false
		for i, a := range args {
			if f, ok := files[a]; ok {
				args[i], reads = f, true
			}
		}
		if reads && r.opts[0] != "-n" {
			// -n for both: names come from this machine's /etc/hosts and
			// DNS, which TestNamesMatchTcpdump replaces with its own.
			args = append([]string{"-n"}, args...)
		}
		name := strings.Join(r.args, " ")
		t.Run(name, func(t *testing.T) {
			switch r.how {
			case "same":
				ours, theirs := runOpt(binPath, args), runOpt("tcpdump", args)
				if ours != theirs {
					t.Errorf("xdpdump %s:\n%+v\ntcpdump:\n%+v", name, ours, theirs)
				}
				if theirs.code == 0 && theirs.stdout == "" && !strings.Contains(theirs.stderr, "types for") {
					t.Errorf("tcpdump printed nothing: the row checks nothing")
				}
			case "refused":
				ours := runOpt(binPath, args)
				if ours.code != 1 || strings.Count(ours.stderr, "\n") != 1 || !strings.Contains(ours.stderr, r.note) || ours.stdout != "" {
					t.Errorf("xdpdump %s: want one line with %q and exit 1, got %+v", name, r.note, ours)
				}
			case "exit0":
				if ours := runOpt(binPath, args); ours.code != 0 || ours.stdout == "" {
					t.Errorf("xdpdump %s: %+v", name, ours)
				}
			}
		})
	}
}

// TestOptionTableComplete checks that the table covers every option the
// installed tcpdump(8) manual lists.
func TestOptionTableComplete(t *testing.T) {
	out, err := exec.Command("man", "-P", "cat", "tcpdump").Output()
	if err != nil || len(out) == 0 {
		t.Skip("no tcpdump manual:", err)
	}
	// Strip overstrike (bold, underline) formatting.
	text := regexp.MustCompile(".\b").ReplaceAllString(string(out), "")
	i, j := strings.Index(text, "\nOPTIONS"), strings.Index(text, "\nEXAMPLES")
	if i < 0 || j < i {
		t.Fatal("no OPTIONS section in the manual")
	}
	covered := map[string]bool{}
	for _, r := range optTable {
		for _, o := range r.opts {
			covered[o] = true
		}
	}
	var missing []string
	re := regexp.MustCompile(`(?m)^\s{7}((?:-[-\w#]+))`)
	n := 0
	for _, m := range re.FindAllStringSubmatch(text[i:j], -1) {
		o := strings.TrimRight(strings.SplitN(m[1], "=", 2)[0], ",")
		n++
		if !covered[o] {
			missing = append(missing, o)
		}
	}
	if n < 60 {
		t.Fatalf("only %d options found in the manual", n)
	}
	if len(missing) > 0 {
		t.Errorf("options of tcpdump(8) without a row: %v", missing)
	}
	t.Logf("%d options of tcpdump(8), all in the table", n)
}
