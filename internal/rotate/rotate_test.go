package rotate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket/pcapgo"

	"github.com/xdpdump/xdpdump/pcapout"
)

func TestStrftimeMatchesDate(t *testing.T) {
	if _, err := exec.LookPath("date"); err != nil {
		t.Skip("no date(1)")
	}
	conv := "Y C y G g m b h B d e j H k I l M S p P a A u w U W V s z Z F T D R r x X c %"
	var parts []string
	for _, c := range strings.Fields(conv) {
		parts = append(parts, "%"+c)
	}
	pattern := "dump-" + strings.Join(parts, "|") + ".pcap"
	times := []time.Time{
		time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2021, 1, 3, 12, 30, 5, 0, time.UTC),    // Sunday, ISO week of 2020
		time.Date(2020, 12, 31, 23, 59, 59, 0, time.UTC), // leap year day 366
		time.Date(2025, 6, 15, 13, 7, 9, 0, time.UTC),
		time.Date(2026, 2, 28, 9, 5, 1, 0, time.UTC),
	}
	for _, tm := range times {
		cmd := exec.Command("date", "-u", "-d", "@"+fmt.Sprint(tm.Unix()), "+"+pattern)
		cmd.Env = append(os.Environ(), "LC_ALL=C", "TZ=UTC")
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(string(out), "\n")
		if got := Strftime(pattern, tm); got != want {
			t.Errorf("%v:\n got %q\nwant %q", tm, got, want)
		}
	}
	if !HasConversion("x-%H%M%S") || HasConversion("x.pcap") || HasConversion("100%%") {
		t.Error("HasConversion")
	}
}

// fakeClock is a controllable wall clock.
type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time { return c.t }

func frame(i int, size int) []byte {
	b := make([]byte, size)
	copy(b, []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x88, 0xb5})
	b[14] = byte(i)
	return b
}

func packet(ts time.Time, i, size int) *pcapout.Packet {
	return &pcapout.Packet{Timestamp: ts, Data: frame(i, size), Direction: pcapout.Inbound,
		HasQueue: true, Queue: 1, HasPacketID: true, PacketID: uint64(i)}
}

// readFile reads a pcapng file with pcapgo and returns its packets' first
// payload bytes and the statistics blocks.
func readFile(t *testing.T, name string) (ids []int, stats []pcapgo.NgInterfaceStatistics) {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewNgReader(f, pcapgo.NgReaderOptions{StatisticsCallback: func(_ int, s pcapgo.NgInterfaceStatistics) {
		stats = append(stats, s)
	}})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for {
		data, _, err := r.ReadPacketData()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ids = append(ids, int(data[14]))
	}
	return ids, stats
}

// tcpdumpReads checks tcpdump reads the file without complaint and returns
// its packet count.
func tcpdumpReads(t *testing.T, name string) int {
	t.Helper()
	if _, err := exec.LookPath("tcpdump"); err != nil {
		return -1
	}
	var stderr bytes.Buffer
	cmd := exec.Command("tcpdump", "-n", "-r", name)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || strings.Contains(stderr.String(), "warning") || strings.Contains(stderr.String(), "truncated") {
		t.Fatalf("tcpdump -r %s: %v\n%s", name, err, stderr.String())
	}
	n := 0
	for _, l := range strings.Split(string(out), "\n") {
		if l != "" && l[0] != ' ' && l[0] != '\t' {
			n++
		}
	}
	return n
}

func TestNames(t *testing.T) {
	at := time.Date(2024, 3, 5, 10, 20, 30, 0, time.UTC)
	cases := []struct {
		c    Config
		seqs []int
		want []string
	}{
		{Config{Pattern: "f.pcap", Size: 1}, []int{0, 1, 2, 10}, []string{"f.pcap", "f.pcap1", "f.pcap2", "f.pcap10"}},
		{Config{Pattern: "f", Size: 1, Files: 10}, []int{0, 1, 9}, []string{"f0", "f1", "f9"}},
		{Config{Pattern: "f", Size: 1, Files: 11}, []int{0, 1, 10}, []string{"f00", "f01", "f10"}},
		{Config{Pattern: "f", Size: 1, Files: 100}, []int{0, 99}, []string{"f00", "f99"}},
		{Config{Pattern: "f", Size: 1, Files: 101}, []int{0}, []string{"f000"}},
		{Config{Pattern: "f", Size: 1, Files: 1}, []int{0}, []string{"f"}},
		{Config{Pattern: "d-%Y%m%d-%H%M%S", Interval: time.Second}, []int{0}, []string{"d-20240305-102030"}},
		{Config{Pattern: "d-%H%M%S.", Interval: time.Second, Size: 1}, []int{0, 1}, []string{"d-102030.", "d-102030.1"}},
		{Config{Pattern: "d-%H%M%S.", Interval: time.Second, Size: 1, Files: 3}, []int{0, 2}, []string{"d-102030.0", "d-102030.2"}},
		{Config{Pattern: "100%%", Size: 1}, []int{1}, []string{"100%%1"}}, // no -G: no strftime, as tcpdump
	}
	for _, c := range cases {
		c.c.Location = time.UTC
		w := &Writer{c: c.c, loc: time.UTC}
		if c.c.Size > 0 && c.c.Files > 1 {
			w.width = len(fmt.Sprint(c.c.Files - 1))
		}
		for i, s := range c.seqs {
			if got := w.Name(at, s); got != c.want[i] {
				t.Errorf("%+v seq %d: %q, want %q", c.c, s, got, c.want[i])
			}
		}
	}
}

func TestSizeLimit(t *testing.T) {
	for _, format := range []pcapout.Format{pcapout.PcapNG, pcapout.Pcap} {
		t.Run(format.String(), func(t *testing.T) {
			dir := t.TempDir()
			var closed []string
			const limit = 10000
			w, err := New(Config{Pattern: filepath.Join(dir, "c.pcap"), Size: limit, Format: format, Closed: func(n string) { closed = append(closed, n) }})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.AddInterface(pcapout.Interface{Name: "veth0", Snaplen: 65535}); err != nil {
				t.Fatal(err)
			}
			ts := time.Unix(1700000000, 0)
			sizes := []int{60, 333, 1514, 97, 800}
			n := 200
			for i := 0; i < n; i++ {
				p := packet(ts.Add(time.Duration(i)*time.Millisecond), i, sizes[i%len(sizes)])
				before := w.cw.n
				name := w.Current()
				if err := w.WritePacket(p); err != nil {
					t.Fatal(err)
				}
				if err := w.pw.Flush(); err != nil {
					t.Fatal(err)
				}
				if w.size != w.cw.n {
					t.Fatalf("packet %d: size %d, on disk %d", i, w.size, w.cw.n)
				}
				if w.Current() == name && w.pkts > 1 {
					if got, want := w.cw.n-before, PacketSize(format, p); got != want {
						t.Fatalf("packet %d: wrote %d bytes, PacketSize says %d", i, got, want)
					}
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			names := w.Names()
			if len(names) < 10 || !equal(names, closed) {
				t.Fatalf("files %v, closed %v", names, closed)
			}
			total := 0
			var all []int
			for i, name := range names {
				if want := filepath.Join(dir, "c.pcap") + map[bool]string{true: "", false: fmt.Sprint(i)}[i == 0]; name != want {
					t.Fatalf("file %d named %s, want %s", i, name, want)
				}
				fi, err := os.Stat(name)
				if err != nil {
					t.Fatal(err)
				}
				if fi.Size() > limit {
					t.Errorf("%s: %d bytes > %d", name, fi.Size(), limit)
				}
				if i < len(names)-1 && fi.Size() < limit-1600-isbMax {
					t.Errorf("%s: only %d bytes: rotated too early", name, fi.Size())
				}
				c := tcpdumpReads(t, name)
				if format == pcapout.PcapNG {
					ids, stats := readFile(t, name)
					if c >= 0 && c != len(ids) {
						t.Fatalf("%s: tcpdump sees %d packets, pcapgo %d", name, c, len(ids))
					}
					if len(stats) != 1 {
						t.Fatalf("%s: %d statistics blocks, want 1", name, len(stats))
					}
					// Without Config.Stats only isb_usrdeliv (which pcapgo
					// does not expose) is written, never a received count.
					if stats[0].PacketsReceived != pcapgo.NgNoValue64 {
						t.Fatalf("%s: isb_ifrecv %d written without Config.Stats", name, stats[0].PacketsReceived)
					}
					all = append(all, ids...)
					total += len(ids)
				} else {
					total += c
				}
			}
			if total != n {
				t.Fatalf("%d packets in the files, wrote %d", total, n)
			}
			for i, id := range all {
				if id != i%256 {
					t.Fatalf("packet %d has id %d: out of order or lost", i, id)
				}
			}
		})
	}
}

func TestSizeRing(t *testing.T) {
	dir := t.TempDir()
	w, err := New(Config{Pattern: filepath.Join(dir, "r"), Size: 2000, Files: 3, Format: pcapout.PcapNG})
	if err != nil {
		t.Fatal(err)
	}
	w.AddInterface(pcapout.Interface{Name: "x"})
	ts := time.Unix(1700000000, 0)
	for i := 0; i < 40; i++ {
		if err := w.WritePacket(packet(ts.Add(time.Duration(i)*time.Second), i, 500)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if !equal(got, []string{"r0", "r1", "r2"}) {
		t.Fatalf("files %v, want r0 r1 r2", got)
	}
	// The newest packets survive: the last file written holds packet 39
	// and the three files together are the last packets in order.
	last := filepath.Base(w.Names()[len(w.Names())-1])
	ids, _ := readFile(t, filepath.Join(dir, last))
	if ids[len(ids)-1] != 39 {
		t.Fatalf("%s ends with packet %d", last, ids[len(ids)-1])
	}
}

func TestIntervalAligned(t *testing.T) {
	dir := t.TempDir()
	loc := time.FixedZone("X", 3600)
	clk := &fakeClock{time.Date(2024, 3, 5, 10, 0, 42, 0, loc)}
	var closed []string
	cum := []pcapout.Stats{{Received: 0, FilterAccepted: 0, OSDropped: 0, Dropped: pcapout.NoValue}}
	w, err := New(Config{
		Pattern: filepath.Join(dir, "g-%H%M%S.pcapng"), Interval: time.Minute, Format: pcapout.PcapNG,
		Now: clk.Now, Location: loc, Closed: func(n string) { closed = append(closed, filepath.Base(n)) },
		Stats: func() []pcapout.Stats { return append([]pcapout.Stats(nil), cum...) },
	})
	if err != nil {
		t.Fatal(err)
	}
	w.AddInterface(pcapout.Interface{Name: "x"})
	write := func(at time.Time, id int) {
		t.Helper()
		clk.t = at
		if err := w.WritePacket(packet(at, id, 100)); err != nil {
			t.Fatal(err)
		}
		cum[0].Received += 2
		cum[0].FilterAccepted++
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	base := time.Date(2024, 3, 5, 10, 0, 0, 0, loc)
	write(base.Add(50*time.Second), 1)
	write(base.Add(59*time.Second+999*time.Millisecond), 2)
	write(base.Add(60*time.Second), 3) // 10:01:00 starts a file
	write(base.Add(61*time.Second), 4)
	// Quiet from 10:01:01 to 10:04:30: at 10:02:00 the file is closed,
	// and no files exist for 10:02 and 10:03.
	clk.t = base.Add(119 * time.Second)
	w.Flush()
	if len(closed) != 1 {
		t.Fatalf("closed %v before the boundary", closed)
	}
	clk.t = base.Add(120*time.Second + 100*time.Millisecond)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if !equal(closed, []string{"g-100042.pcapng", "g-100100.pcapng"}) || w.Current() != "" {
		t.Fatalf("closed %v, current %q: the 10:01 file must close at 10:02:00", closed, w.Current())
	}
	clk.t = base.Add(200 * time.Second)
	w.Flush()
	write(base.Add(270*time.Second), 5) // 10:04:30
	// A late packet stamped 10:03:59 must not reopen anything.
	if err := w.WritePacket(packet(base.Add(239*time.Second), 6, 100)); err != nil {
		t.Fatal(err)
	}
	clk.t = base.Add(300 * time.Second)
	write(base.Add(300*time.Second), 7)
	if err := w.WriteStats(0, cum[0]); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want := []string{"g-100042.pcapng", "g-100100.pcapng", "g-100400.pcapng", "g-100500.pcapng"}
	if !equal(closed, want) {
		t.Fatalf("closed %v, want %v", closed, want)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 4 {
		t.Fatalf("%d files in %s, want 4 (no empty ones)", len(ents), dir)
	}
	wantIDs := [][]int{{1, 2}, {3, 4}, {5, 6}, {7}}
	for i, n := range want {
		ids, stats := readFile(t, filepath.Join(dir, n))
		if fmt.Sprint(ids) != fmt.Sprint(wantIDs[i]) {
			t.Errorf("%s holds %v, want %v", n, ids, wantIDs[i])
		}
		// Each file's counters cover its own period: 2 received and
		// 1 accepted per packet written while it was open (packet 6 did
		// not move the counters).
		counted := len(wantIDs[i])
		if n == "g-100400.pcapng" {
			counted = 1
		}
		if len(stats) != 1 || stats[0].PacketsReceived != uint64(2*counted) {
			t.Errorf("%s: statistics %+v", n, stats)
		}
		tcpdumpReads(t, filepath.Join(dir, n))
	}
}

func TestIntervalEmptyAndLimit(t *testing.T) {
	dir := t.TempDir()
	clk := &fakeClock{time.Date(2024, 3, 5, 10, 0, 0, 500e6, time.UTC)}
	w, err := New(Config{Pattern: filepath.Join(dir, "e-%S"), Interval: 2 * time.Second, Files: 3,
		Empty: true, Now: clk.Now, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	w.AddInterface(pcapout.Interface{Name: "x"})
	var err2 error
	for i := 0; i < 100 && err2 == nil; i++ {
		clk.t = clk.t.Add(100 * time.Millisecond)
		err2 = w.Flush()
	}
	if !errors.Is(err2, ErrLimit) || w.Flush() != nil {
		t.Fatalf("Flush: %v, want ErrLimit", err2)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !equal(w.Names(), []string{dir + "/e-00", dir + "/e-02", dir + "/e-04"}) {
		t.Fatalf("files %v", w.Names())
	}
	for _, n := range w.Names() {
		if c := tcpdumpReads(t, n); c > 0 {
			t.Fatalf("%s: %d packets", n, c)
		}
	}
	// Without -W the packets' own times drive rotation (-r): no clock.
	w, err = New(Config{Pattern: filepath.Join(dir, "p-%M%S"), Interval: time.Second, Size: 2000, Files: 2,
		Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	w.AddInterface(pcapout.Interface{Name: "x"})
	for i := 0; i < 9; i++ {
		// three packets of 600 bytes a second: two files a second, the
		// second numbered 1; -W 2 bounds the ring within each second.
		ts := time.Date(2024, 1, 1, 0, 0, i/3, 0, time.UTC)
		if err := w.WritePacket(packet(ts, i, 600)); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	want := []string{"p-00000", "p-00001", "p-00010", "p-00011", "p-00020", "p-00021"}
	for i := range want {
		want[i] = filepath.Join(dir, want[i])
	}
	if !equal(w.Names(), want) {
		t.Fatalf("files %v, want %v", w.Names(), want)
	}
}

func TestCreateFails(t *testing.T) {
	_, err := New(Config{Pattern: "/nonexistent-dir/x-%S", Interval: time.Second})
	if err == nil || !strings.Contains(err.Error(), "/nonexistent-dir/x-") || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("err %v", err)
	}
	if _, err := New(Config{Pattern: "x", Interval: 1500 * time.Millisecond}); err == nil {
		t.Fatal("fractional interval accepted")
	}
}

func equal(a, b []string) bool {
	a, b = append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(a)
	sort.Strings(b)
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}
