package egress

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// tcShow is A's qdiscs and clsact filters as tc prints them.
func tcShow(t *testing.T, p *testhost.Pair) string {
	t.Helper()
	return p.MustRun(&p.A, "tc", "qdisc", "show", "dev", p.A.Dev) +
		"--- egress\n" + p.MustRun(&p.A, "tc", "filter", "show", "dev", p.A.Dev, "egress") +
		"--- ingress\n" + p.MustRun(&p.A, "tc", "filter", "show", "dev", p.A.Dev, "ingress")
}

// pinCounter pins a counter program for tc to load with object-pinned.
func pinCounter(t *testing.T, p *testhost.Pair, name string) *ebpf.Map {
	t.Helper()
	prog, m := counterProg(t)
	pin := fmt.Sprintf("/sys/fs/bpf/xdpdump-test-%s-%s", p.A.NS, name)
	if err := prog.Pin(pin); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(pin) })
	return m
}

func addTCFilter(t *testing.T, p *testhost.Pair, dir, name string, args ...string) {
	t.Helper()
	pin := fmt.Sprintf("/sys/fs/bpf/xdpdump-test-%s-%s", p.A.NS, name)
	cmd := append([]string{"filter", "add", "dev", p.A.Dev, dir}, args...)
	cmd = append(cmd, "bpf", "direct-action", "object-pinned", pin)
	p.MustRun(&p.A, "tc", cmd...)
}

var prefRE = regexp.MustCompile(`pref (\d+) bpf chain 0 handle 0x1 xdpdump_egress`)

// ourPref finds the pref of our filter in tc's listing.
func ourPref(t *testing.T, show string) int {
	t.Helper()
	m := prefRE.FindAllStringSubmatch(show, -1)
	if len(m) != 1 {
		t.Fatalf("want exactly one xdpdump_egress filter, tc shows:\n%s", show)
	}
	n, _ := strconv.Atoi(m[0][1])
	return n
}

// With clsact forced on an interface that has no clsact qdisc: egress
// capture gets exactly what A sent, and the qdisc and filters are as they
// were once we are gone.
func TestClsactEgress(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	before := tcShow(t, p)
	if strings.Contains(before, "clsact") {
		t.Fatalf("a fresh veth already has clsact:\n%s", before)
	}
	var e *Egress
	if err := p.A.Do(func() error {
		var err error
		e, err = Attach(Config{Ifindex: p.A.Ifindex, Filter: "icmp or tcp", Hook: HookClsact})
		return err
	}); err != nil {
		t.Fatalf("attaching with clsact: %+v", err)
	}
	closed := false
	t.Cleanup(func() {
		if !closed {
			e.Close()
		}
	})
	if e.Hook() != HookClsact {
		t.Errorf("Hook() = %q, want clsact", e.Hook())
	}
	during := tcShow(t, p)
	if !strings.Contains(during, "qdisc clsact ffff:") || !strings.Contains(during, "direct-action") {
		t.Fatalf("no clsact qdisc or direct-action filter while attached:\n%s", during)
	}
	ourPref(t, during)
	// Nothing on tcx: the program went in through clsact only.
	if err := p.A.Do(func() error {
		res, err := link.QueryPrograms(link.QueryOptions{Target: p.A.Ifindex, Attach: ebpf.AttachTCXEgress})
		if err != nil {
			return err
		}
		if len(res.Programs) != 0 {
			return fmt.Errorf("%d tcx egress programs", len(res.Programs))
		}
		return nil
	}); err != nil {
		t.Error(err)
	}
	col := collect(t, e.Ring())

	const n = 5
	ping(t, p, &p.A, p.B.IP4, n) // A asks n times
	ping(t, p, &p.B, p.A.IP4, n) // A answers n times
	bSport, aPort := tcpConnect(t, p.B, p.A, false)

	isReq := func(r record) bool { return r.proto == 1 && r.icmpType == 8 }
	isRep := func(r record) bool { return r.proto == 1 && r.icmpType == 0 }
	isSynAck := func(r record) bool {
		return r.proto == 6 && r.tcpFlags&0x12 == 0x12 && r.sport == aPort && r.dport == bSport
	}
	recs := col.waitFor(t, func(rs []record) bool {
		return count(rs, isReq) >= n && count(rs, isRep) >= n && count(rs, isSynAck) >= 1
	})
	for _, r := range recs {
		if r.hook != hookTCEgress || !bytes.Equal(r.srcMAC, p.A.MAC) {
			t.Errorf("record hook %d from %s: not something A sent", r.hook, r.srcMAC)
		}
	}
	if got := count(recs, func(r record) bool { return isReq(r) && r.src.Equal(p.A.IP4) && r.dst.Equal(p.B.IP4) }); got != n {
		t.Errorf("%d echo requests A->B, want %d", got, n)
	}
	if got := count(recs, func(r record) bool { return isRep(r) && r.src.Equal(p.A.IP4) && r.dst.Equal(p.B.IP4) }); got != n {
		t.Errorf("%d echo replies A->B, want %d", got, n)
	}
	if got := count(recs, isSynAck); got != 1 {
		t.Errorf("%d SYN-ACKs from A, want 1", got)
	}
	if got := count(recs, func(r record) bool { return r.proto == 1 && !r.src.Equal(p.A.IP4) }); got != 0 {
		t.Errorf("%d ICMP records not from A", got)
	}
	// The connection's teardown may still be on its way: a packet is
	// counted as matched a moment before it is counted as captured.
	var seen, matched, lost, captured uint64
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var err error
		seen, matched, lost, captured, err = e.Stats()
		if err != nil {
			t.Fatal(err)
		}
		if matched == captured || time.Now().After(deadline) {
			break
		}
	}
	if lost != 0 || matched != captured || seen < matched || captured < uint64(2*n+1) {
		t.Errorf("stats seen %d matched %d lost %d captured %d", seen, matched, lost, captured)
	}

	closed = true
	if err := e.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if after := tcShow(t, p); after != before {
		t.Errorf("tc state after Close differs:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	// And the interface still sends.
	ping(t, p, &p.A, p.B.IP4, 2)
}

// A clsact qdisc with someone's bpf filter exists: ours goes after it (or
// before it, with First), it keeps counting while ours runs and after; a
// filter added behind ours while we run still sees every packet (our
// verdict lets packets go on) and survives our Close; and tc shows the
// same as before once the late filter is removed again.
func TestClsactExistingFilter(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	existing := pinCounter(t, p, "existing")
	late := pinCounter(t, p, "late")
	p.MustRun(&p.A, "tc", "qdisc", "add", "dev", p.A.Dev, "clsact")
	addTCFilter(t, p, "egress", "existing")
	before := tcShow(t, p)
	const n = 5
	for _, first := range []bool{false, true} {
		t.Run(fmt.Sprintf("first=%v", first), func(t *testing.T) {
			e0 := counterValue(t, existing)
			e := attachEgress(t, p.A, Config{Filter: "icmp", First: first, Hook: HookClsact})
			col := collect(t, e.Ring())
			during := tcShow(t, p)
			ours := ourPref(t, during)
			if first && ours >= 49152 || !first && ours <= 49152 {
				t.Errorf("our filter at pref %d, the existing one at 49152, first=%v", ours, first)
			}
			// A filter added behind ours while we run.
			latePref := 65535
			if first {
				latePref = 49153
			}
			addTCFilter(t, p, "egress", "late", "pref", strconv.Itoa(latePref))
			l0 := counterValue(t, late)

			ping(t, p, &p.A, p.B.IP4, n)
			recs := col.waitFor(t, func(rs []record) bool { return len(rs) >= n })
			if got := count(recs, func(r record) bool { return r.icmpType == 8 && r.src.Equal(p.A.IP4) }); got != n || len(recs) != n {
				t.Errorf("captured %d echo requests of %d records, want %d", got, len(recs), n)
			}
			e1, l1 := counterValue(t, existing), counterValue(t, late)
			if e1-e0 < n || l1-l0 < n {
				t.Errorf("while ours runs: existing filter counted %d, the one behind ours %d, for %d pings", e1-e0, l1-l0, n)
			}
			if err := e.Close(); err != nil {
				t.Fatal(err)
			}
			after := tcShow(t, p)
			if strings.Contains(after, "xdpdump_egress") {
				t.Errorf("our filter is still there:\n%s", after)
			}
			if !strings.Contains(after, fmt.Sprintf("pref %d bpf", latePref)) || !strings.Contains(after, "pref 49152 bpf") {
				t.Errorf("others' filters did not survive our Close:\n%s", after)
			}
			ping(t, p, &p.A, p.B.IP4, n)
			e2, l2 := counterValue(t, existing), counterValue(t, late)
			if e2-e1 < n || l2-l1 < n {
				t.Errorf("after ours left: existing filter counted %d, the late one %d, for %d pings", e2-e1, l2-l1, n)
			}
			p.MustRun(&p.A, "tc", "filter", "del", "dev", p.A.Dev, "egress", "pref", strconv.Itoa(latePref))
			if got := tcShow(t, p); got != before {
				t.Errorf("tc state differs:\nbefore:\n%s\nnow:\n%s", before, got)
			}
		})
	}
}

// We made the clsact qdisc, then someone put filters on it: Close takes
// only our filter away and leaves the qdisc with theirs.
func TestClsactQdiscStaysForOthers(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	for _, dir := range []string{"egress", "ingress"} {
		t.Run(dir, func(t *testing.T) {
			theirs := pinCounter(t, p, "theirs-"+dir)
			e := attachEgress(t, p.A, Config{Hook: HookClsact})
			if !e.link.(*clsactFilter).ownQdisc {
				t.Fatal("the qdisc we made is not marked ours")
			}
			addTCFilter(t, p, dir, "theirs-"+dir)
			if err := e.Close(); err != nil {
				t.Fatal(err)
			}
			after := tcShow(t, p)
			if !strings.Contains(after, "qdisc clsact ffff:") || strings.Contains(after, "xdpdump_egress") || !strings.Contains(after, "direct-action") {
				t.Fatalf("after Close, want the qdisc and their filter without ours:\n%s", after)
			}
			c0 := counterValue(t, theirs)
			if dir == "egress" {
				ping(t, p, &p.A, p.B.IP4, 3)
			} else {
				ping(t, p, &p.B, p.A.IP4, 3)
			}
			if c := counterValue(t, theirs) - c0; c < 3 {
				t.Errorf("their %s filter counted %d packets of 3 pings", dir, c)
			}
			p.MustRun(&p.A, "tc", "qdisc", "del", "dev", p.A.Dev, "clsact")
		})
	}
}

// An ingress qdisc sits where clsact would go: a clear error, nothing
// changed.
func TestClsactIngressQdiscInTheWay(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	p.MustRun(&p.A, "tc", "qdisc", "add", "dev", p.A.Dev, "ingress")
	before := tcShow(t, p)
	err := p.A.Do(func() error {
		e, err := Attach(Config{Ifindex: p.A.Ifindex, Hook: HookClsact})
		if err == nil {
			e.Close()
		}
		return err
	})
	if err == nil || !strings.Contains(err.Error(), `"ingress" qdisc`) {
		t.Errorf("attach next to an ingress qdisc: %v", err)
	}
	if after := tcShow(t, p); after != before {
		t.Errorf("tc state changed:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// HookAuto on a kernel without tcx (played by a tcx attach that says
// ErrNotSupported) falls back to clsact; HookTCX there is a clear error.
func TestAutoFallsBackToClsact(t *testing.T) {
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	real := attachTCX
	attachTCX = func(link.TCXOptions) (link.Link, error) {
		return nil, fmt.Errorf("tcx: %w", ebpf.ErrNotSupported)
	}
	t.Cleanup(func() { attachTCX = real })

	err := p.A.Do(func() error {
		_, err := Attach(Config{Ifindex: p.A.Ifindex, Hook: HookTCX})
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "no tcx") {
		t.Errorf("HookTCX without tcx: %v", err)
	}
	e := attachEgress(t, p.A, Config{Filter: "icmp"})
	if e.Hook() != HookClsact {
		t.Fatalf("HookAuto without tcx took %q", e.Hook())
	}
	col := collect(t, e.Ring())
	ping(t, p, &p.A, p.B.IP4, 3)
	recs := col.waitFor(t, func(rs []record) bool { return len(rs) >= 3 })
	if got := count(recs, func(r record) bool { return r.icmpType == 8 }); got != 3 {
		t.Errorf("%d echo requests captured, want 3", got)
	}
	attachTCX = real
	// With tcx there, Auto takes it.
	e2 := attachEgress(t, p.A, Config{})
	if e2.Hook() != HookTCX {
		t.Errorf("HookAuto with tcx took %q", e2.Hook())
	}
}

// The program's verdict is -1 for packets it takes and for those it
// does not: TCX_NEXT for tcx and TC_ACT_UNSPEC ("next filter") for
// clsact are both -1.
func TestVerdictLetsPacketsGoOn(t *testing.T) {
	testhost.Require(t)
	// TC_ACT_UNSPEC (linux/pkt_cls.h) and TCX_NEXT (linux/bpf.h): the same.
	const tcActUnspec = -1
	e, err := load(Config{Filter: "udp"})
	if err != nil {
		t.Fatalf("%+v", err)
	}
	defer e.st.Close()
	frame := func(proto byte) []byte {
		b := make([]byte, 64)
		copy(b[12:], []byte{0x08, 0x00, 0x45})
		b[16], b[17] = 0, 50
		b[22], b[23] = 64, proto
		copy(b[26:], []byte{10, 0, 0, 1, 10, 0, 0, 2})
		return b
	}
	for _, proto := range []byte{17, 6} {
		ret, err := e.Program().Run(&ebpf.RunOptions{Data: frame(proto)})
		if err != nil {
			t.Fatal(err)
		}
		if int32(ret) != tcActUnspec {
			t.Errorf("IP proto %d: verdict %d, want -1", proto, int32(ret))
		}
	}
	seen, matched, _, captured, err := e.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if seen != 2 || matched != 1 || captured != 1 {
		t.Errorf("seen %d matched %d captured %d, want 2 1 1 (the filter ran)", seen, matched, captured)
	}
}

func TestBadHook(t *testing.T) {
	testhost.Require(t)
	_, err := Attach(Config{Ifindex: 1, Hook: "tc"})
	if err == nil || !strings.Contains(err.Error(), "auto, tcx or clsact") {
		t.Errorf("hook \"tc\": %v", err)
	}
	for _, h := range []Hook{"auto", "AUTO", "Clsact", " tcx "} {
		if _, err := h.check(); err != nil {
			t.Errorf("hook %q: %v", h, err)
		}
	}
	_, err = Attach(Config{Ifindex: 1 << 30, Hook: HookClsact})
	if err == nil || !errors.Is(err, unix.ENODEV) {
		t.Errorf("clsact on a missing interface: %v", err)
	}
}

// Someone deletes the clsact qdisc (and our filter with it) while we run,
// or the interface goes away: Close has nothing left to do and says so
// without an error.
func TestClsactGoneBeforeClose(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	e := attachEgress(t, p.A, Config{Hook: HookClsact})
	p.MustRun(&p.A, "tc", "qdisc", "del", "dev", p.A.Dev, "clsact")
	if err := e.Close(); err != nil {
		t.Errorf("Close after the qdisc was deleted: %v", err)
	}
	e = attachEgress(t, p.A, Config{Hook: HookClsact})
	p.MustRun(&p.A, "ip", "link", "del", p.A.Dev)
	if err := e.Close(); err != nil {
		t.Errorf("Close after the interface was deleted: %v", err)
	}
}

// Two attachments, the one that made the qdisc closes first: the qdisc
// passes to the other, which removes it; a record of an attachment whose
// process is gone (played by rewriting its PID) is cleaned up by the next
// attachment: its filter and the qdisc it made go.
func TestClsactRecords(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	before := tcShow(t, p)
	e1 := attachEgress(t, p.A, Config{Hook: HookClsact})
	e2 := attachEgress(t, p.A, Config{Hook: HookClsact})
	f1, f2 := e1.link.(*clsactFilter), e2.link.(*clsactFilter)
	if !f1.ownQdisc || f2.ownQdisc || f1.book == nil || f2.book == nil {
		t.Fatalf("own qdisc %v/%v, records %v/%v", f1.ownQdisc, f2.ownQdisc, f1.book != nil, f2.book != nil)
	}
	if err := e1.Close(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tcShow(t, p), "qdisc clsact") {
		t.Fatal("the qdisc went while another xdpdump's filter was on it")
	}
	if err := f2.book.read(); err != nil || f2.book.rec.Qdisc != qdiscOurs {
		t.Fatalf("the qdisc did not pass to the other attachment: %v, %+v\n%s", err, f2.book.rec, tcShow(t, p))
	}
	if err := e2.Close(); err != nil {
		t.Fatal(err)
	}
	if after := tcShow(t, p); after != before {
		t.Fatalf("two attachments left:\n%s\nwant:\n%s", after, before)
	}

	// A "dead" attachment: its record names a process that is gone.
	e3 := attachEgress(t, p.A, Config{Hook: HookClsact})
	f3 := e3.link.(*clsactFilter)
	f3.book.rec.PID, f3.book.rec.Start = 0x7ffffffe, 1
	if err := f3.book.write(); err != nil {
		t.Fatal(err)
	}
	var logged []string
	Log = func(s string) { logged = append(logged, s) }
	defer func() { Log = nil }()
	e4 := attachEgress(t, p.A, Config{Hook: HookClsact})
	if show := tcShow(t, p); strings.Count(show, "name xdpdump_egress") != 1 || len(logged) != 2 {
		t.Fatalf("after the next attachment (said %q):\n%s", logged, show)
	}
	if err := e4.Close(); err != nil {
		t.Fatal(err)
	}
	f3.closed = true // its filter is gone: the recovery took it
	if after := tcShow(t, p); after != before {
		t.Fatalf("left after recovering a dead attachment:\n%s\nwant:\n%s", after, before)
	}
}
