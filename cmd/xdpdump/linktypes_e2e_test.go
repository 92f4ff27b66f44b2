package main

// -r of what tcpdump -i any writes (Linux cooked v2, and v1 with -y
// LINUX_SLL), of raw IP and of BSD NULL/LOOP captures, against tcpdump
// reading the same files: the lines, -e, the "reading from file" banner,
// and filters compiled for each link type.

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

// anyCapture writes what tcpdump -i any (with args) captures of a ping in
// both directions to file.
func anyCapture(t *testing.T, p *testhost.Pair, file string, args ...string) {
	t.Helper()
	// --immediate-mode: what is still in tcpdump's ring at SIGINT is lost.
	td := startTcpdump(t, &p.A, append([]string{"-i", "any", "-w", file, "-U", "--immediate-mode"}, args...)...)
	p.MustRun(&p.B, "ping", "-c", "3", "-i", "0.2", p.A.IP4.String())
	p.MustRun(&p.A, "ping", "-6", "-c", "2", "-i", "0.2", p.B.IP6.String())
	p.SendUDP(53, 2, 30)
	time.Sleep(500 * time.Millisecond)
	td.stop(t)
}

// rewrite writes the cooked v2 file in as link type lt (raw IP, NULL,
// LOOP), each packet's payload after its own header.
func rewrite(t *testing.T, in, out string, lt layers.LinkType) {
	t.Helper()
	r := testkit.PcapReader(t, in)
	o, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	w := pcapgo.NewWriter(o)
	w.WriteFileHeader(262144, lt)
	for i := 0; ; i++ {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			break
		}
		proto := binary.BigEndian.Uint16(data)
		payload := data[20:]
		var hdr []byte
		switch lt {
		case layers.LinkTypeRaw:
			if proto != 0x0800 && proto != 0x86dd {
				continue
			}
		case layers.LinkTypeNull, layers.LinkTypeLoop:
			fam := uint32(99)
			switch proto {
			case 0x0800:
				fam = 2
			case 0x86dd:
				fam = 24 + 2*uint32(i%3) // 24, 26 is no IPv6: unknown, 28
			}
			hdr = make([]byte, 4)
			if lt == layers.LinkTypeLoop {
				binary.BigEndian.PutUint32(hdr, fam)
			} else {
				binary.LittleEndian.PutUint32(hdr, fam)
			}
		}
		d := append(hdr, payload...)
		ci.CaptureLength, ci.Length = len(d), ci.Length-20+len(hdr)
		if err := w.WritePacket(ci, d); err != nil {
			t.Fatal(err)
		}
	}
}

func runBoth(t *testing.T, h *testhost.Host, args ...string) (ours, theirs string) {
	t.Helper()
	run := func(bin string) string {
		c := h.Cmd(bin, args...)
		c.Env = append(os.Environ(), "TZ=UTC")
		var out, errb bytes.Buffer
		c.Stdout, c.Stderr = &out, &errb
		if err := c.Run(); err != nil {
			t.Fatalf("%s %v: %v\n%s", bin, args, err, errb.String())
		}
		return errb.String() + out.String()
	}
	return run(binPath), run("tcpdump")
}

func TestReadLinkTypes(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	dir := t.TempDir()
	sll2 := filepath.Join(dir, "any.pcap")
	sll := filepath.Join(dir, "any-sll.pcap")
	anyCapture(t, p, sll2)
	anyCapture(t, p, sll, "-y", "LINUX_SLL")
	raw, null, loop := filepath.Join(dir, "raw.pcap"), filepath.Join(dir, "null.pcap"), filepath.Join(dir, "loop.pcap")
	rewrite(t, sll2, raw, layers.LinkTypeRaw)
	rewrite(t, sll2, null, layers.LinkTypeNull)
	rewrite(t, sll2, loop, layers.LinkTypeLoop)
	// Interface names of cooked v2 files come from the reader's namespace:
	// both read in A's.
	for _, file := range []string{sll2, sll, raw, null, loop} {
		for _, args := range [][]string{{}, {"-e"}, {"-v"}, {"-xx"}, {"-e", "-q"}, {"icmp"}, {"ip6"}, {"udp port 53"}, {"-e", "host", p.B.IP4.String()}} {
			ours, theirs := runBoth(t, &p.A, append([]string{"-n", "-r", file}, args...)...)
			name := filepath.Base(file) + " " + strings.Join(args, " ")
			if ours != theirs {
				t.Errorf("%s:\nxdpdump:\n%s\ntcpdump:\n%s", name, ours, theirs)
			} else if strings.Count(ours, "\n")-strings.Count(ours, "reading from file")-strings.Count(ours, "Warning:") < 1 {
				t.Errorf("%s: nothing printed:\n%s", name, ours)
			}
		}
	}
	// -w of a cooked file keeps its link type: tcpdump reads it back the same.
	out := filepath.Join(dir, "copy.pcapng")
	if b, err := exec.Command(binPath, "-r", sll2, "-w", out, "icmp").CombinedOutput(); err != nil {
		t.Fatalf("-r -w: %v\n%s", err, b)
	}
	a, _ := runBoth(t, &p.A, "-n", "-r", sll2, "icmp")
	b, _ := runBoth(t, &p.A, "-n", "-r", out)
	if cut := func(s string) string { return s[strings.Index(s, "\n")+1:] }; cut(a) != cut(b) {
		t.Errorf("the -w copy reads differently:\n%s\n%s", a, b)
	}
	// libpcap's DLT decides the filter: one that needs an Ethernet header
	// is refused on a cooked file, as tcpdump refuses it.
	c := exec.Command(binPath, "-r", sll2, "ether host 01:02:03:04:05:06")
	msg, err := c.CombinedOutput()
	tc := exec.Command("tcpdump", "-r", sll2, "ether host 01:02:03:04:05:06")
	tmsg, terr := tc.CombinedOutput()
	if (err == nil) != (terr == nil) {
		t.Errorf("ether host on a cooked file: xdpdump %v %s; tcpdump %v %s", err, msg, terr, tmsg)
	}
	// A file of a link type xdpdump does not print: one line, exit 1.
	f802 := filepath.Join(dir, "80211.pcap")
	writeEmpty(t, f802, layers.LinkTypeIEEE802_11)
	if b, err := exec.Command(binPath, "-r", f802).CombinedOutput(); err == nil || strings.Count(string(b), "\n") != 1 || !strings.Contains(string(b), "IEEE802_11") {
		t.Errorf("802.11 file: %v %q", err, b)
	}
}

func writeEmpty(t *testing.T, file string, lt layers.LinkType) {
	t.Helper()
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := pcapgo.NewWriter(f)
	w.WriteFileHeader(65535, lt)
	w.WritePacket(gopacket.CaptureInfo{Timestamp: time.Unix(1, 0), CaptureLength: 4, Length: 4}, []byte{1, 2, 3, 4})
}
