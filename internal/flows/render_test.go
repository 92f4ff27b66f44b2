package flows

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"
)

func testFlows(t0 time.Time) (prev, cur Snapshot) {
	a, b := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("fd00::2")
	kTCP := Key{Ifindex: 7, Dir: Ingress, EtherType: EtherTypeIPv4, Proto: 6, Src: a, Dst: a.Next(), Sport: 1234, Dport: 80}
	kUDP := Key{Ifindex: 7, Dir: Egress, EtherType: EtherTypeIPv6, Proto: 17, Src: b, Dst: b.Next(), Sport: 53, Dport: 5353}
	kICMP := Key{Ifindex: 7, Dir: Ingress, EtherType: EtherTypeIPv4, Proto: 1, Src: a, Dst: a.Next(), Sport: 8}
	kARP := Key{Ifindex: 7, Dir: Ingress, EtherType: 0x0806}
	first := t0.Add(-10 * time.Second)
	prev = Snapshot{Time: t0, Flows: []Flow{
		{Key: kTCP, Packets: 100, Bytes: 100000, First: first, Last: t0},
		{Key: kUDP, Packets: 50, Bytes: 5000, First: first, Last: t0},
		{Key: kICMP, Packets: 10, Bytes: 980, First: first, Last: t0},
	}}
	cur = Snapshot{Time: t0.Add(2 * time.Second), Flows: []Flow{
		{Key: kTCP, Packets: 120, Bytes: 130000, First: first, Last: t0.Add(2 * time.Second)},
		{Key: kUDP, Packets: 4, Bytes: 400, First: t0.Add(time.Second), Last: t0.Add(2 * time.Second)}, // evicted and made anew
		{Key: kICMP, Packets: 10, Bytes: 980, First: first, Last: t0},
		{Key: kARP, Packets: 2, Bytes: 84, First: t0.Add(time.Second), Last: t0.Add(time.Second)},
	}}
	return prev, cur
}

func TestRates(t *testing.T) {
	prev, cur := testFlows(time.Unix(1700000000, 0))
	rs := Rates(&prev, cur)
	want := map[uint8][2]float64{
		6:  {10, 30000 * 8 / 2},
		17: {2, 400 * 8 / 2},
		1:  {0, 0},
		0:  {1, 84 * 8 / 2},
	}
	for _, r := range rs {
		w := want[r.Proto]
		if r.PPS != w[0] || r.BPS != w[1] {
			t.Errorf("%s: %v pkt/s %v bit/s, want %v %v", ProtoName(r.Key), r.PPS, r.BPS, w[0], w[1])
		}
	}
	// Without a previous snapshot: averages over each flow's life.
	for _, r := range Rates(nil, cur) {
		if r.Proto == 6 && (r.PPS != 10 || r.BPS != 130000.0*8/12) {
			t.Errorf("lifetime rate of tcp: %v pkt/s %v bit/s", r.PPS, r.BPS)
		}
	}
}

func TestRenderTable(t *testing.T) {
	prev, cur := testFlows(time.Unix(1700000000, 0))
	var buf bytes.Buffer
	v := &View{Table: TableOptions{Top: 2, Title: "eth0", IfName: func(int) string { return "eth0" }}}
	if err := v.Frame(&buf, prev); err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := v.Frame(&buf, cur); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "\x1b[") {
		t.Errorf("clear-screen written to something that is not a terminal: %q", out)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("want title, header, 2 rows, more-line; got\n%s", out)
	}
	if !strings.Contains(lines[0], "eth0") || !strings.Contains(lines[0], "4 flows") || !strings.Contains(lines[0], "136 packets") {
		t.Errorf("title line: %q", lines[0])
	}
	if !strings.HasPrefix(lines[1], "DIR") {
		t.Errorf("header: %q", lines[1])
	}
	// Top by bit/s in the interval: tcp (120 kb/s) then udp (1.6 kb/s).
	if f := strings.Fields(lines[2]); f[0] != "in" || f[2] != "tcp" || f[4] != "1234" || f[7] != "120" || f[9] != "10" || f[10] != "120.0kb/s" {
		t.Errorf("first row: %q", lines[2])
	}
	if f := strings.Fields(lines[3]); f[0] != "out" || f[2] != "udp" || f[3] != "fd00::2" {
		t.Errorf("second row: %q", lines[3])
	}
	if lines[4] != "... 2 more flows" {
		t.Errorf("last line: %q", lines[4])
	}

	buf.Reset()
	v.Table.Order = ByPackets
	v.Table.Top = 0
	if err := v.Final(&buf, cur); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "\n"); n != 7 {
		t.Errorf("final table: %d lines, want 7 (title, note, header, 4 flows):\n%s", n, buf.String())
	}
	if !strings.Contains(buf.String(), "averages over the whole run") {
		t.Errorf("final table does not say its rates are whole-run averages:\n%s", buf.String())
	}
	if !strings.Contains(buf.String(), "arp") || !strings.Contains(buf.String(), "icmp") {
		t.Errorf("final table lacks arp or icmp:\n%s", buf.String())
	}
}

func TestIsTerminal(t *testing.T) {
	if IsTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is a terminal")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if IsTerminal(w) {
		t.Error("a pipe is a terminal")
	}
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skip("no /dev/ptmx:", err)
	}
	defer ptmx.Close()
	if !IsTerminal(ptmx) {
		t.Error("a pty is not a terminal")
	}
}

func TestJSONLines(t *testing.T) {
	prev, cur := testFlows(time.Unix(1700000000, 0))
	var buf bytes.Buffer
	v := &View{}
	if err := v.JSON(&bytes.Buffer{}, prev); err != nil {
		t.Fatal(err)
	}
	if err := v.JSON(&buf, cur); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&buf)
	n := 0
	for sc.Scan() {
		n++
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d: %v: %s", n, err, sc.Text())
		}
		for _, f := range []string{"time", "ifindex", "ifname", "dir", "proto", "sport", "dport", "packets", "bytes", "pps", "bps"} {
			if _, ok := m[f]; !ok {
				t.Errorf("line %d lacks %q: %s", n, f, sc.Text())
			}
		}
		if m["time"] != "2023-11-14T22:13:22Z" {
			t.Errorf("time %v", m["time"])
		}
		if m["proto"] == "tcp" && (m["src"] != "10.0.0.1" || m["dport"] != 80.0 || m["pps"] != 10.0 || m["bps"] != 120000.0 || m["dir"] != "in") {
			t.Errorf("tcp line: %s", sc.Text())
		}
		if m["proto"] == "arp" && m["src"] != nil {
			t.Errorf("arp line has addresses: %s", sc.Text())
		}
	}
	if n != 4 {
		t.Errorf("%d lines, want 4", n)
	}
}
