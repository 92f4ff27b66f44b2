package filter

import (
	"errors"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/net/bpf"
)

// tcpdump runs the real tcpdump on an Ethernet link type (-y EN10MB) with
// the given dump flag and returns its stdout and stderr.
func tcpdump(t *testing.T, flag, expr string) (string, string, error) {
	t.Helper()
	path, err := exec.LookPath("tcpdump")
	if err != nil {
		t.Skip("tcpdump is not installed")
	}
	var out, errb strings.Builder
	c := exec.Command(path, "-y", "EN10MB", flag, "--", expr)
	c.Stdout, c.Stderr = &out, &errb
	err = c.Run()
	return out.String(), errb.String(), err
}

// TestDumpMatchesTcpdump: -d, -dd and -ddd print byte for byte what
// tcpdump prints for every expression of the differential test.
func TestDumpMatchesTcpdump(t *testing.T) {
	exprs := append([]string{"protochain 6", "ifindex 3", "inbound", "ether[-1] = 0"}, diffExprs...)
	for _, expr := range exprs {
		p, err := CompileCBPF(expr, DefaultSnaplen)
		if err != nil {
			t.Fatalf("%q: %v", expr, err)
		}
		for level, flag := range map[int]string{1: "-d", 2: "-dd", 3: "-ddd"} {
			want, stderr, err := tcpdump(t, flag, expr)
			if err != nil {
				t.Fatalf("tcpdump %s %q: %v: %s", flag, expr, err, stderr)
			}
			if got := Dump(p, level); got != want {
				t.Errorf("Dump(%q, %d):\n%s\ntcpdump %s:\n%s", expr, level, got, flag, want)
			}
		}
	}
	if Dump(nil, 1) != "" || Dump(&Program{}, 0) != "" {
		t.Error("Dump of nothing is not empty")
	}
	p, _ := CompileCBPF("ip", DefaultSnaplen)
	if Dump(p, 4) != Dump(p, 3) {
		t.Error("level 4 does not print as -ddd")
	}
}

// TestCompileErrorsMatchTcpdump: a bad expression gives libpcap's message,
// exactly what tcpdump prints after "tcpdump: ".
func TestCompileErrorsMatchTcpdump(t *testing.T) {
	for _, expr := range []string{
		"tcp port", "foo", "(", "tcp and", "less", "host 999.1.1.1", "port 99999",
		"ip[0:3]=1", "net 10.0.0.1/8", "ether host zz", "len / 0 = 1", "tcp[0] % 0 = 1",
		"ip[0] << 40 = 0", "gateway foo", "ifname eth0", "ip6 and tcp[tcpflags] & tcp-syn != 0",
		"vxlan", "type mgt", "portrange 10-", "src port 80 and dst",
	} {
		_, _, err := Compile(expr, DefaultSnaplen, XDP)
		var ce *CompileError
		if !errors.As(err, &ce) {
			t.Errorf("%q: got %v (%T), want a *CompileError", expr, err, err)
			continue
		}
		if ce.Expr != expr || ce.Msg == "" {
			t.Errorf("%q: CompileError %+v", expr, ce)
		}
		_, stderr, terr := tcpdump(t, "-d", expr)
		if terr == nil {
			t.Errorf("tcpdump accepted %q", expr)
			continue
		}
		if want := "tcpdump: " + err.Error() + "\n"; stderr != want {
			t.Errorf("%q: we say %q, tcpdump says %q", expr, want, stderr)
		}
	}
}

// TestBroadcastNeedsNetmask: without a netmask (xdpdump compiles with
// PCAP_NETMASK_UNKNOWN, as tcpdump does when it cannot look the interface
// up) "ip broadcast" is libpcap's error, not a wrong filter.
func TestBroadcastNeedsNetmask(t *testing.T) {
	_, _, err := Compile("ip broadcast", DefaultSnaplen, XDP)
	var ce *CompileError
	if !errors.As(err, &ce) || ce.Msg != "netmask not known, so 'ip broadcast' not supported" {
		t.Errorf("ip broadcast: %v", err)
	}
}

// TestUnsupported: constructs libpcap compiles but the kernel cannot run
// give an *UnsupportedError that names them.
func TestUnsupported(t *testing.T) {
	for _, c := range []struct{ expr, construct, mention string }{
		{"protochain 6", "protochain", "protochain"},
		{"ip6 protochain 17", "protochain", "protochain"},
		{"ip protochain 6", "protochain", "protochain"},
		{"tcp or protochain 17", "protochain", "backward jump"},
		{"ifindex 3", "ifindex", "SKF_AD_IFINDEX"},
		{"inbound", "inbound/outbound (the packet type)", "SKF_AD_PKTTYPE"},
		{"outbound and tcp", "inbound/outbound (the packet type)", "SKF_AD_PKTTYPE"},
		{"tcp or ifindex 1", "ifindex", "ifindex"},
	} {
		for _, hook := range []Hook{XDP, TC} {
			insns, p, err := Compile(c.expr, DefaultSnaplen, hook)
			var ue *UnsupportedError
			if !errors.As(err, &ue) {
				t.Errorf("%q: got %v (%T), want an *UnsupportedError", c.expr, err, err)
				continue
			}
			if insns != nil || p == nil {
				t.Errorf("%q: instructions with the error, or no classic program for -d", c.expr)
			}
			if ue.Construct != c.construct || !strings.Contains(err.Error(), c.mention) || !strings.Contains(err.Error(), c.expr) {
				t.Errorf("%q: %v (construct %q), want construct %q and a mention of %q", c.expr, err, ue.Construct, c.construct, c.mention)
			}
		}
	}
}

func TestEmptyExpression(t *testing.T) {
	for _, expr := range []string{"", " ", "\t\n"} {
		insns, p, err := Compile(expr, DefaultSnaplen, XDP)
		if insns != nil || p != nil || err != nil {
			t.Errorf("Compile(%q) = %v, %v, %v; want nothing: no filter", expr, insns, p, err)
		}
	}
	// -d of the empty expression is still tcpdump's "ret #262144".
	p, err := CompileCBPF("", DefaultSnaplen)
	if err != nil || Dump(p, 1) != "(000) ret      #262144\n" {
		t.Errorf("CompileCBPF(\"\"): %v %q", err, Dump(p, 1))
	}
	if got := DumpEBPF(nil); !strings.Contains(got, "no filter") {
		t.Errorf("DumpEBPF(nil) = %q", got)
	}
}

func TestBadInput(t *testing.T) {
	if _, err := ToEBPF(nil, XDP); err == nil {
		t.Error("ToEBPF(nil) succeeded")
	}
	p, _ := CompileCBPF("tcp", DefaultSnaplen)
	if _, err := ToEBPF(p, Hook(7)); err == nil {
		t.Error("ToEBPF with an unknown hook succeeded")
	}
	// An instruction x/net/bpf does not know.
	if _, err := ToEBPF(&Program{Expr: "raw", Insns: append(p.Insns[:0:0], p.Insns[0], p.Insns[0])}, XDP); err == nil {
		t.Error("a program that runs off its end compiled")
	}
	bad := &Program{Expr: "raw", Insns: []bpf.RawInstruction{{Op: 0xff}, {Op: opRetK}}}
	var ue *UnsupportedError
	if _, err := ToEBPF(bad, XDP); !errors.As(err, &ue) {
		t.Errorf("unknown opcode: %v", err)
	}
	if err := Splice(nil, nil); err == nil {
		t.Error("Splice of nothing succeeded")
	}
	// A snap length of 0 means the default, as in tcpdump.
	if p, err := CompileCBPF("ip", 0); err != nil || !strings.Contains(Dump(p, 1), "#262144") {
		t.Errorf("snaplen 0: %v", err)
	}
	if p, err := CompileCBPF("ip", 96); err != nil || !strings.Contains(Dump(p, 1), "ret      #96") {
		t.Errorf("snaplen 96: %v %s", err, Dump(p, 1))
	}
}

// TestDumpEBPF: the listing names the result label and the slow path.
func TestDumpEBPF(t *testing.T) {
	insns, _, err := Compile("tcp port 80 and len > 100", DefaultSnaplen, XDP)
	if err != nil {
		t.Fatal(err)
	}
	out := DumpEBPF(insns)
	for _, want := range []string{resultLabel, slowLabel, "FnXdpGetBuffLen", "FnXdpLoadBytes", "Exit"} {
		if !strings.Contains(out, want) {
			t.Errorf("DumpEBPF lacks %q:\n%s", want, out)
		}
	}
}
