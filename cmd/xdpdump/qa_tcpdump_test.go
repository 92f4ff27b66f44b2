// QA: tcpdump habits checked against the real tcpdump 4.99.3 where the
// option table's savefile cannot tell: -b on BGP with 4-byte AS numbers
// and -u on NFS file handles (the printer decodes BGP and NFS, so these
// must change what it prints, as tcpdump's do), and --help naming no
// argument for flags that take none.

package main

import (
	"encoding/binary"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/spf13/pflag"
)

// bgpFile writes a savefile of BGP messages carrying 4-byte AS numbers:
// an OPEN with the 4-octet AS capability and an UPDATE whose AS_PATH and
// AGGREGATOR hold ASes above 65535.
func bgpFile(t *testing.T) string {
	t.Helper()
	marker := func(typ byte, body []byte) []byte {
		m := make([]byte, 19, 19+len(body))
		for i := 0; i < 16; i++ {
			m[i] = 0xff
		}
		binary.BigEndian.PutUint16(m[16:], uint16(19+len(body)))
		m[18] = typ
		return append(m, body...)
	}
	// OPEN: version 4, AS_TRANS, hold 180, ID, one capability parameter
	// (4-octet AS 4200000000).
	open := []byte{4, 0x5b, 0xa0, 0, 180, 198, 18, 7, 1, 8, 2, 6, 65, 4}
	open = binary.BigEndian.AppendUint32(open, 4200000000)
	// UPDATE: no withdrawn routes; ORIGIN, AS_PATH (one AS_SEQUENCE of
	// 65536, 4200000000, 70000), NEXT_HOP, AGGREGATOR (4-byte AS); NLRI
	// 198.18.64.0/18.
	attrs := []byte{0x40, 1, 1, 0}
	path := []byte{2, 3}
	for _, as := range []uint32{65536, 4200000000, 70000} {
		path = binary.BigEndian.AppendUint32(path, as)
	}
	attrs = append(attrs, 0x40, 2, byte(len(path)))
	attrs = append(attrs, path...)
	attrs = append(attrs, 0x40, 3, 4, 198, 18, 7, 1)
	attrs = append(attrs, 0xc0, 7, 8)
	attrs = binary.BigEndian.AppendUint32(attrs, 131072)
	attrs = append(attrs, 198, 18, 7, 1)
	upd := []byte{0, 0}
	upd = binary.BigEndian.AppendUint16(upd, uint16(len(attrs)))
	upd = append(upd, attrs...)
	upd = append(upd, 18, 198, 18, 64)
	file := filepath.Join(t.TempDir(), "bgp.pcap")
	os.Chmod(filepath.Dir(file), 0o755) // tcpdump drops root to read it
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := pcapgo.NewWriter(f)
	w.WriteFileHeader(262144, layers.LinkTypeEthernet)
	for i, msg := range [][]byte{marker(1, open), marker(2, upd)} {
		eth := &layers.Ethernet{SrcMAC: net.HardwareAddr{2, 0, 0, 0, 7, 1}, DstMAC: net.HardwareAddr{2, 0, 0, 0, 7, 2}, EthernetType: layers.EthernetTypeIPv4}
		ip := &layers.IPv4{Version: 4, TTL: 64, Id: uint16(i + 1), Protocol: layers.IPProtocolTCP, SrcIP: net.IP{198, 18, 7, 1}, DstIP: net.IP{198, 18, 7, 2}}
		tcp := &layers.TCP{SrcPort: 40000, DstPort: 179, Seq: 1000 + uint32(i)*200, Ack: 1, ACK: true, PSH: true, Window: 502}
		tcp.SetNetworkLayerForChecksum(ip)
		buf := gopacket.NewSerializeBuffer()
		if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, eth, ip, tcp, gopacket.Payload(msg)); err != nil {
			t.Fatal(err)
		}
		d := buf.Bytes()
		w.WritePacket(gopacket.CaptureInfo{Timestamp: time.Unix(1700000000+int64(i), 0), CaptureLength: len(d), Length: len(d)}, d)
	}
	return file
}

func TestQABgpAsdot(t *testing.T) {
	needTcpdump(t)
	file := bgpFile(t)
	for _, args := range [][]string{{"-v"}, {"-v", "-b"}, {"-vv", "-b"}, {"-b"}} {
		a := append([]string{"-n", "-r", file}, args...)
		ours, theirs := runOpt(binPath, a), runOpt("tcpdump", a)
		if ours != theirs {
			t.Errorf("xdpdump %v:\n%+v\ntcpdump:\n%+v", args, ours, theirs)
		}
		if len(args) > 1 && !strings.Contains(theirs.stdout, "64086.59904") {
			t.Errorf("tcpdump %v printed no ASDOT number: the case checks nothing:\n%s", args, theirs.stdout)
		}
	}
}

// nfsFile writes a savefile of NFS calls over UDP (v3 GETATTR, v2
// GETATTR, v3 LOOKUP), each with a 32-byte file handle of no layout
// tcpdump's Parse_fh knows.
func nfsFile(t *testing.T) string {
	t.Helper()
	fh := make([]byte, 32)
	for i := range fh {
		fh[i] = byte(0x10 + i)
	}
	call := func(xid, vers, proc uint32, args []byte) []byte {
		var b []byte
		for _, v := range []uint32{xid, 0, 2, 100003, vers, proc, 0, 0, 0, 0} {
			b = binary.BigEndian.AppendUint32(b, v)
		}
		return append(b, args...)
	}
	v3fh := append(binary.BigEndian.AppendUint32(nil, 32), fh...)
	lookup := append(append([]byte(nil), v3fh...), 0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o', 0, 0, 0)
	file := filepath.Join(t.TempDir(), "nfs.pcap")
	os.Chmod(filepath.Dir(file), 0o755)
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := pcapgo.NewWriter(f)
	w.WriteFileHeader(262144, layers.LinkTypeEthernet)
	for i, msg := range [][]byte{call(0x1001, 3, 1, v3fh), call(0x1002, 2, 1, fh), call(0x1003, 3, 3, lookup)} {
		eth := &layers.Ethernet{SrcMAC: net.HardwareAddr{2, 0, 0, 0, 8, 1}, DstMAC: net.HardwareAddr{2, 0, 0, 0, 8, 2}, EthernetType: layers.EthernetTypeIPv4}
		ip := &layers.IPv4{Version: 4, TTL: 64, Id: uint16(i + 1), Protocol: layers.IPProtocolUDP, SrcIP: net.IP{198, 18, 8, 1}, DstIP: net.IP{198, 18, 8, 2}}
		udp := &layers.UDP{SrcPort: 800, DstPort: 2049}
		udp.SetNetworkLayerForChecksum(ip)
		buf := gopacket.NewSerializeBuffer()
		if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, eth, ip, udp, gopacket.Payload(msg)); err != nil {
			t.Fatal(err)
		}
		d := buf.Bytes()
		w.WritePacket(gopacket.CaptureInfo{Timestamp: time.Unix(1700000000+int64(i), 0), CaptureLength: len(d), Length: len(d)}, d)
	}
	return file
}

func TestQANFSRawHandles(t *testing.T) {
	needTcpdump(t)
	file := nfsFile(t)
	for _, args := range [][]string{{}, {"-u"}, {"-v", "-u"}, {"-vv", "-u"}, {"-u", "-s", "100"}} {
		a := append([]string{"-n", "-r", file}, args...)
		ours, theirs := runOpt(binPath, a), runOpt("tcpdump", a)
		if ours != theirs {
			t.Errorf("xdpdump %v:\n%+v\ntcpdump:\n%+v", args, ours, theirs)
		}
		if len(args) > 0 && !strings.Contains(theirs.stdout, "fh[10111213:") {
			t.Errorf("tcpdump %v printed no undecoded handle: the case checks nothing:\n%s", args, theirs.stdout)
		}
	}
}

// Flags that take no argument (bool and count flags, -d and -n among
// them) show none in --help.
func TestQAHelpShowsNoArgumentForCountFlags(t *testing.T) {
	out, _, err := runCmd(t, nil, binPath, "--help")
	if err != nil {
		t.Fatal(err)
	}
	var o options
	n := 0
	newFlags(&o).VisitAll(func(f *pflag.Flag) {
		if f.Hidden || (f.Value.Type() != "bool" && f.Value.Type() != "count") {
			return
		}
		n++
		re := regexp.MustCompile(`(?m)^ *(-` + regexp.QuoteMeta(f.Shorthand) + `, )?--` + regexp.QuoteMeta(f.Name) + `( \S+)?  `)
		m := re.FindStringSubmatch(out)
		if m == nil {
			t.Errorf("--help has no line for --%s", f.Name)
		} else if m[2] != "" {
			t.Errorf("--help shows --%s with an argument %q; it takes none", f.Name, strings.TrimSpace(m[2]))
		}
	})
	if n < 10 {
		t.Fatalf("only %d flags without an argument", n)
	}
}
