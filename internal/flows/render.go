package flows

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// Rate is a flow with its rates over an interval.
type Rate struct {
	Flow
	PPS float64 // packets per second
	BPS float64 // bits per second
}

// Rates computes each flow's rate of cur against prev, the snapshot taken
// one interval before. Without prev (the first frame, or the final table)
// the rate is the average over the flow's life, First to the snapshot.
// A flow whose counters went down was evicted and made anew meanwhile:
// all its counts are new.
func Rates(prev *Snapshot, cur Snapshot) []Rate {
	var before map[Key]Flow
	if prev != nil {
		before = make(map[Key]Flow, len(prev.Flows))
		for _, f := range prev.Flows {
			before[f.Key] = f
		}
	}
	out := make([]Rate, len(cur.Flows))
	for i, f := range cur.Flows {
		r := Rate{Flow: f}
		var dt float64
		dp, db := f.Packets, f.Bytes
		if prev != nil {
			dt = cur.Time.Sub(prev.Time).Seconds()
			if b, ok := before[f.Key]; ok && b.Packets <= f.Packets && b.Bytes <= f.Bytes {
				dp, db = f.Packets-b.Packets, f.Bytes-b.Bytes
			}
		} else if !f.First.IsZero() {
			dt = cur.Time.Sub(f.First).Seconds()
		}
		if dt > 0 {
			r.PPS = float64(dp) / dt
			r.BPS = float64(db) * 8 / dt
		}
		out[i] = r
	}
	return out
}

// TableOptions shape a table.
type TableOptions struct {
	Top   int   // rows; 0 = all
	Order Order // rank by bytes or packets (in the interval when rates are given)
	// NoClear leaves out the ANSI clear-screen that starts a frame written
	// to a terminal by RenderTable (never written to anything else).
	NoClear bool
	// Title goes on the first line (e.g. the interface and the filter).
	Title string
	// Note follows the totals on the first line (e.g. what the rates are).
	Note string
	// Time is printed on the first line; zero leaves it out.
	Time time.Time
	// IfName names interfaces; nil uses the calling thread's namespace.
	IfName func(ifindex int) string
	// Width, when not 0, is the most columns a line may take: columns are
	// left out (PACKETS, PKT/S, IF, DIR, in that order), then addresses
	// shortened, so that every row fits whole.
	Width int
	// Height, when not 0, is the most lines in all (a terminal's
	// height): the flows that do not fit are counted on the last line.
	Height int
}

// IsTerminal says whether w writes to a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// RenderTable writes one frame of the flow table: a title line with the
// totals, a header, and the top flows with their counters and rates. The
// frame starts with a clear-screen only when w is a terminal (and not
// o.NoClear).
func RenderTable(w io.Writer, rates []Rate, o TableOptions) error {
	bw := bufio.NewWriter(w)
	if !o.NoClear && IsTerminal(w) {
		bw.WriteString("\x1b[H\x1b[2J")
	}
	for _, l := range TableLines(rates, o) {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// column is one column of the table: its header, whether it is right
// aligned, when it is left out to fit a width (0: never; 1 first), and
// its value for a flow.
type column struct {
	head  string
	right bool
	drop  int
	addr  bool
	val   func(r Rate) string
}

// TableLines is the table as lines: the title with the totals, the
// header, the flows ranked (Top, Rows), and how many more there are.
func TableLines(rates []Rate, o TableOptions) []string {
	ranked := append([]Rate(nil), rates...)
	sortRates(ranked, o.Order)
	var tp, tb uint64
	var tpps, tbps float64
	for _, r := range rates {
		tp += r.Packets
		tb += r.Bytes
		tpps += r.PPS
		tbps += r.BPS
	}
	// The time and the totals first: a narrow window cuts the title.
	var head []string
	if !o.Time.IsZero() {
		head = append(head, o.Time.Format("15:04:05"))
	}
	head = append(head, fmt.Sprintf("%d flows, %d packets, %s, %s pkt/s, %s", len(rates), tp, humanBytes(tb), humanNum(tpps), humanBits(tbps)))
	if o.Title != "" {
		head = append(head, o.Title)
	}
	top := []string{strings.Join(head, "  ")}
	if o.Note != "" {
		top = append(top, o.Note)
	}
	name := o.IfName
	if name == nil {
		name = ifName
	}
	cols := []column{
		{head: "DIR", drop: 4, val: func(r Rate) string { return r.Dir.String() }},
		{head: "IF", drop: 3, val: func(r Rate) string { return name(r.Ifindex) }},
		{head: "PROTO", val: func(r Rate) string { return ProtoName(r.Key) }},
		{head: "SRC", addr: true, val: func(r Rate) string { return addrStr(r.Src) }},
		{head: "SPORT", right: true, val: func(r Rate) string { return portStr(r.Key, r.Sport) }},
		{head: "DST", addr: true, val: func(r Rate) string { return addrStr(r.Dst) }},
		{head: "DPORT", right: true, val: func(r Rate) string { return portStr(r.Key, r.Dport) }},
		{head: "PACKETS", right: true, drop: 1, val: func(r Rate) string { return strconv.FormatUint(r.Packets, 10) }},
		{head: "BYTES", right: true, val: func(r Rate) string { return humanBytes(r.Bytes) }},
		{head: "PKT/S", right: true, drop: 2, val: func(r Rate) string { return humanNum(r.PPS) }},
		{head: "BIT/S", right: true, val: func(r Rate) string { return humanBits(r.BPS) }},
	}
	n := len(ranked)
	if o.Top > 0 && n > o.Top {
		n = o.Top
	}
	more := len(ranked) - n
	if rows := o.Height - len(top) - 1; o.Height > 0 && n+min(more, 1) > rows {
		// The last line says how many more there are.
		n = max(rows-1, 0)
		more = len(ranked) - n
	}
	cells := make([][]string, n)
	for i, r := range ranked[:n] {
		for _, c := range cols {
			cells[i] = append(cells[i], c.val(r))
		}
	}
	widths := make([]int, len(cols))
	for j, c := range cols {
		widths[j] = len(c.head)
		for _, row := range cells {
			widths[j] = max(widths[j], len(row[j]))
		}
	}
	shown := fit(cols, widths, o.Width)
	line := func(vals []string) string {
		var b strings.Builder
		for j, c := range cols {
			if !shown[j] {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			v := vals[j]
			if len(v) > widths[j] {
				v = v[:max(widths[j]-1, 0)] + "~"
			}
			if c.right {
				fmt.Fprintf(&b, "%*s", widths[j], v)
			} else {
				fmt.Fprintf(&b, "%-*s", widths[j], v)
			}
		}
		return strings.TrimRight(b.String(), " ")
	}
	var heads []string
	for _, c := range cols {
		heads = append(heads, c.head)
	}
	out := append(top, line(heads))
	for _, row := range cells {
		out = append(out, line(row))
	}
	if more > 0 {
		out = append(out, fmt.Sprintf("... %d more flows", more))
	}
	if o.Width > 0 {
		for i, l := range out {
			if len(l) > o.Width {
				out[i] = l[:o.Width]
			}
		}
	}
	return out
}

// fit picks the columns to show in width (0: all) and shortens the
// address columns if that is not enough.
func fit(cols []column, widths []int, width int) []bool {
	shown := make([]bool, len(cols))
	for j := range shown {
		shown[j] = true
	}
	if width <= 0 {
		return shown
	}
	total := func() int {
		t := -1
		for j, w := range widths {
			if shown[j] {
				t += w + 1
			}
		}
		return t
	}
	for d := 1; d <= 4 && total() > width; d++ {
		for j, c := range cols {
			if c.drop == d {
				shown[j] = false
			}
		}
	}
	for total() > width {
		shrunk := false
		for j, c := range cols {
			if c.addr && widths[j] > 8 && total() > width {
				widths[j]--
				shrunk = true
			}
		}
		if !shrunk {
			break
		}
	}
	return shown
}

// sortRates ranks by the interval's rate, then by the totals, then by
// key, so that equal rows keep their order from frame to frame.
func sortRates(rs []Rate, o Order) {
	sort.Slice(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if o == ByPackets {
			if a.PPS != b.PPS {
				return a.PPS > b.PPS
			}
			if a.Packets != b.Packets {
				return a.Packets > b.Packets
			}
		}
		if a.BPS != b.BPS {
			return a.BPS > b.BPS
		}
		if a.Bytes != b.Bytes {
			return a.Bytes > b.Bytes
		}
		if a.Packets != b.Packets {
			return a.Packets > b.Packets
		}
		return a.Key.less(b.Key)
	})
}

// View is the live table or JSON output across intervals: it keeps the
// previous snapshot for the rates.
type View struct {
	Table TableOptions
	prev  *Snapshot
}

// Frame renders s as one table frame with rates against the previous
// frame's snapshot.
func (v *View) Frame(w io.Writer, s Snapshot) error {
	rates := Rates(v.prev, s)
	v.prev = &s
	o := v.Table
	o.Time = s.Time
	return RenderTable(w, rates, o)
}

// JSON writes s as JSON lines, one object per flow, with rates against the
// previous snapshot given to Frame or JSON.
func (v *View) JSON(w io.Writer, s Snapshot) error {
	rates := Rates(v.prev, s)
	v.prev = &s
	name := v.Table.IfName
	if name == nil {
		name = ifName
	}
	return WriteJSON(w, s.Time, rates, name)
}

// FinalNote is what the table at exit says of its rates.
const FinalNote = "at exit: PKT/S and BIT/S are averages over the whole run (each flow's since its first packet)"

// Final renders the table at exit: every flow (or Top), never a
// clear-screen, rates averaged over each flow's life.
func (v *View) Final(w io.Writer, s Snapshot) error {
	o := v.Table
	o.NoClear = true
	o.Time = s.Time
	o.Note = FinalNote
	return RenderTable(w, Rates(nil, s), o)
}

// JSONFlow is one line of --flows-json.
type JSONFlow struct {
	Time      string  `json:"time"`
	Ifindex   int     `json:"ifindex"`
	Ifname    string  `json:"ifname"`
	Dir       string  `json:"dir"`
	EtherType uint16  `json:"ethertype"`
	Proto     string  `json:"proto"`
	ProtoNum  uint8   `json:"proto_num"`
	Src       string  `json:"src,omitempty"`
	Sport     uint16  `json:"sport"`
	Dst       string  `json:"dst,omitempty"`
	Dport     uint16  `json:"dport"`
	Packets   uint64  `json:"packets"`
	Bytes     uint64  `json:"bytes"`
	PPS       float64 `json:"pps"`
	BPS       float64 `json:"bps"`
	First     string  `json:"first"`
	Last      string  `json:"last"`
}

// WriteJSON writes one JSON object per flow, a line each: totals so far
// and the rates over the interval. For ICMP, sport is the type and dport
// the code. ifname names the interfaces.
func WriteJSON(w io.Writer, t time.Time, rates []Rate, ifname func(int) string) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	ts := t.UTC().Format(time.RFC3339Nano)
	for _, r := range rates {
		j := JSONFlow{
			Time: ts, Ifindex: r.Ifindex, Ifname: ifname(r.Ifindex), Dir: r.Dir.String(), EtherType: r.EtherType,
			Proto: ProtoName(r.Key), ProtoNum: r.Proto, Sport: r.Sport, Dport: r.Dport,
			Packets: r.Packets, Bytes: r.Bytes, PPS: round(r.PPS), BPS: round(r.BPS),
			First: r.First.UTC().Format(time.RFC3339Nano), Last: r.Last.UTC().Format(time.RFC3339Nano),
		}
		if r.Src.IsValid() {
			j.Src, j.Dst = r.Src.String(), r.Dst.String()
		}
		if err := enc.Encode(&j); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func round(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }

// ProtoName names a flow's protocol as tcpdump would: tcp, udp, icmp,
// icmp6, sctp, an IP protocol number, or for frames that are not IP arp or
// the EtherType in hex.
func ProtoName(k Key) string {
	if k.EtherType != EtherTypeIPv4 && k.EtherType != EtherTypeIPv6 {
		switch k.EtherType {
		case 0x0806:
			return "arp"
		case 0x8035:
			return "rarp"
		}
		return fmt.Sprintf("0x%04x", k.EtherType)
	}
	switch k.Proto {
	case 6:
		return "tcp"
	case 17:
		return "udp"
	case 1:
		return "icmp"
	case 58:
		return "icmp6"
	case 132:
		return "sctp"
	case 136:
		return "udplite"
	case 47:
		return "gre"
	case 50:
		return "esp"
	case 51:
		return "ah"
	case 2:
		return "igmp"
	}
	return strconv.Itoa(int(k.Proto))
}

func hasPorts(k Key) bool {
	if k.EtherType != EtherTypeIPv4 && k.EtherType != EtherTypeIPv6 {
		return false
	}
	switch k.Proto {
	case 6, 17, 132, 136, 1, 58:
		return true
	}
	return false
}

func portStr(k Key, p uint16) string {
	if !hasPorts(k) {
		return "-"
	}
	return strconv.Itoa(int(p))
}

func addrStr(a interface {
	IsValid() bool
	String() string
}) string {
	if !a.IsValid() {
		return "-"
	}
	return a.String()
}

func ifName(i int) string {
	if ifc, err := net.InterfaceByIndex(i); err == nil {
		return ifc.Name
	}
	return strconv.Itoa(i)
}

func humanBytes(b uint64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1fGiB", float64(b)/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1fMiB", float64(b)/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1fKiB", float64(b)/(1<<10))
	}
	return fmt.Sprintf("%dB", b)
}

func humanNum(f float64) string {
	switch {
	case f >= 1e9:
		return fmt.Sprintf("%.1fG", f/1e9)
	case f >= 1e6:
		return fmt.Sprintf("%.1fM", f/1e6)
	case f >= 1e3:
		return fmt.Sprintf("%.1fk", f/1e3)
	}
	return fmt.Sprintf("%.0f", f)
}

func humanBits(f float64) string { return humanNum(f) + "b/s" }
