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
	// to a terminal (never written to anything else).
	NoClear bool
	// Title goes on the first line (e.g. the interface and the filter).
	Title string
	// Time is printed on the first line; zero leaves it out.
	Time time.Time
	// IfName names interfaces; nil uses the calling thread's namespace.
	IfName func(ifindex int) string
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
	var head []string
	if o.Title != "" {
		head = append(head, o.Title)
	}
	if !o.Time.IsZero() {
		head = append(head, o.Time.Format("15:04:05"))
	}
	head = append(head, fmt.Sprintf("%d flows, %d packets, %s, %s pkt/s, %s", len(rates), tp, humanBytes(tb), humanNum(tpps), humanBits(tbps)))
	fmt.Fprintln(bw, strings.Join(head, "  "))

	name := o.IfName
	if name == nil {
		name = ifName
	}
	const rowf = "%-3s %-10s %-6s %-39s %5s  %-39s %5s %10s %10s %9s %10s\n"
	fmt.Fprintf(bw, rowf, "DIR", "IF", "PROTO", "SRC", "SPORT", "DST", "DPORT", "PACKETS", "BYTES", "PKT/S", "BIT/S")
	n := len(ranked)
	if o.Top > 0 && n > o.Top {
		n = o.Top
	}
	for _, r := range ranked[:n] {
		sp, dp := portStr(r.Key, r.Sport), portStr(r.Key, r.Dport)
		fmt.Fprintf(bw, rowf, r.Dir, name(r.Ifindex), ProtoName(r.Key), addrStr(r.Src), sp, addrStr(r.Dst), dp,
			strconv.FormatUint(r.Packets, 10), humanBytes(r.Bytes), humanNum(r.PPS), humanBits(r.BPS))
	}
	if len(ranked) > n {
		fmt.Fprintf(bw, "... %d more flows\n", len(ranked)-n)
	}
	return bw.Flush()
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
	return WriteJSON(w, s.Time, rates)
}

// Final renders the table at exit: every flow (or Top), never a
// clear-screen, rates averaged over each flow's life.
func (v *View) Final(w io.Writer, s Snapshot) error {
	o := v.Table
	o.NoClear = true
	o.Time = s.Time
	return RenderTable(w, Rates(nil, s), o)
}

// JSONFlow is one line of --flows-json.
type JSONFlow struct {
	Time      string  `json:"time"`
	Ifindex   int     `json:"ifindex"`
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
// the code.
func WriteJSON(w io.Writer, t time.Time, rates []Rate) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	ts := t.UTC().Format(time.RFC3339Nano)
	for _, r := range rates {
		j := JSONFlow{
			Time: ts, Ifindex: r.Ifindex, Dir: r.Dir.String(), EtherType: r.EtherType,
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
