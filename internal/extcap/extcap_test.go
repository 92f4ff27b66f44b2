// The extcap protocol's answers, checked against the grammar of
// extcap(4), iproute2's interface list and tcpdump's filter messages.

package extcap

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func main_(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, Options{Version: "1.2.3", Stdout: &out, Stderr: &errb})
	return out.String(), errb.String(), code
}

func TestInvoked(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"--extcap-interfaces"}, true},
		{[]string{"--extcap-interfaces", "--extcap-version=4.0"}, true},
		{[]string{"--capture", "--extcap-interface", "xdp:lo", "--fifo", "/tmp/x"}, true},
		{[]string{"--extcap-capture-filter=tcp", "--extcap-interface=xdp:lo"}, true},
		{[]string{"-i", "eth0", "-w", "x.pcapng"}, false},
		{[]string{"--capture-at", "exit", "-i", "eth0"}, false},
		{[]string{"-i", "eth0", "tcp", "port", "80"}, false},
		{nil, false},
	} {
		if got := Invoked(c.args); got != c.want {
			t.Errorf("Invoked(%q) = %v", c.args, got)
		}
	}
}

// The interface list is every interface iproute2 lists, as xdp:NAME,
// then xdp:any.
func TestInterfacesAreIPLinks(t *testing.T) {
	out, _, code := main_(t, "--extcap-interfaces", "--extcap-version=4.0")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "extcap {version=1.2.3}" {
		t.Fatalf("first line %q", lines[0])
	}
	ipOut, err := exec.Command("ip", "-o", "link", "show").Output()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, l := range strings.Split(strings.TrimSpace(string(ipOut)), "\n") {
		f := strings.Fields(l)
		name, _, _ := strings.Cut(strings.TrimSuffix(f[1], ":"), "@")
		want = append(want, "interface {value=xdp:"+name+"}{display="+name+" (XDP)}")
	}
	// Then xdpdump -i any's entry.
	want = append(want, "interface {value=xdp:any}{display=any (XDP, every interface that is up)}")
	if got := strings.Join(lines[1:], "\n"); got != strings.Join(want, "\n") {
		t.Fatalf("--extcap-interfaces:\n%s\nip -o link:\n%s", got, strings.Join(want, "\n"))
	}
}

func TestDLTs(t *testing.T) {
	out, _, code := main_(t, "--extcap-dlts", "--extcap-interface", "xdp:lo")
	if code != 0 || out != "dlt {number=1}{name=EN10MB}{display=Ethernet at the XDP hook of lo}\n" {
		t.Fatalf("--extcap-dlts: %d %q", code, out)
	}
	_, errs, code := main_(t, "--extcap-dlts", "--extcap-interface", "lo")
	if code != 1 || !strings.Contains(errs, "not an xdpdump interface") {
		t.Fatalf("--extcap-dlts of a foreign value: %d %q", code, errs)
	}
}

// Every line of --extcap-config is extcap(4)'s grammar, the values
// belong to selector arguments, and the command line Wireshark makes of
// the defaults parses back to the defaults.
func TestConfigGrammarAndRoundTrip(t *testing.T) {
	out, _, code := main_(t, "--extcap-config", "--extcap-interface", "xdp:lo")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	argRE := regexp.MustCompile(`^arg (\{[a-z]+=[^{}]*\})+$`)
	valRE := regexp.MustCompile(`^value (\{[a-z]+=[^{}]*\})+$`)
	field := regexp.MustCompile(`\{([a-z]+)=([^{}]*)\}`)
	args := map[string]map[string]string{}
	var cmdline []string
	next := 0
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		fs := map[string]string{}
		for _, m := range field.FindAllStringSubmatch(l, -1) {
			fs[m[1]] = m[2]
		}
		switch {
		case argRE.MatchString(l):
			if fs["number"] != strconv.Itoa(next) {
				t.Fatalf("arg numbers not in order at %q", l)
			}
			next++
			for _, k := range []string{"call", "display", "type"} {
				if fs[k] == "" {
					t.Fatalf("arg without %s: %q", k, l)
				}
			}
			switch fs["type"] {
			case "selector", "integer", "unsigned", "string", "boolflag":
			default:
				t.Fatalf("type %q", fs["type"])
			}
			args[fs["number"]] = fs
			if d := fs["default"]; d != "" && fs["type"] != "boolflag" {
				cmdline = append(cmdline, fs["call"], d)
			}
		case valRE.MatchString(l):
			a := args[fs["arg"]]
			if a == nil || a["type"] != "selector" {
				t.Fatalf("value of no selector: %q", l)
			}
			if fs["default"] == "true" {
				cmdline = append(cmdline, a["call"], fs["value"])
			}
		default:
			t.Fatalf("not extcap's grammar: %q", l)
		}
	}
	r, err := parse(append([]string{"--capture", "--extcap-interface", "xdp:lo", "--fifo", "/x"}, cmdline...))
	if err != nil {
		t.Fatalf("parsing %q: %v", cmdline, err)
	}
	def, _ := parse(nil)
	if r.cfg != def.cfg {
		t.Fatalf("Wireshark's defaults %q parse to %+v, the flags' defaults are %+v", cmdline, r.cfg, def.cfg)
	}
	if err := r.cfg.check(); err != nil {
		t.Fatal(err)
	}
	// A Wireshark newer than this xdpdump may pass arguments it does not
	// know: they are ignored, not refused.
	if _, err := parse([]string{"--extcap-interfaces", "--extcap-new-thing=1"}); err != nil {
		t.Fatalf("an unknown argument: %v", err)
	}
}

// tcpdumpMessage is what tcpdump says of expr after "tcpdump: ".
func tcpdumpMessage(t *testing.T, expr string) string {
	t.Helper()
	out, err := exec.Command("tcpdump", "-d", expr).CombinedOutput()
	if err == nil {
		return ""
	}
	for _, l := range strings.Split(string(out), "\n") {
		if m, ok := strings.CutPrefix(l, "tcpdump: "); ok {
			return m
		}
	}
	t.Fatalf("tcpdump -d %q: %v %q", expr, err, out)
	return ""
}

// Wireshark's filter check: nothing for an expression tcpdump takes,
// libpcap's message (tcpdump's, word for word) for one it refuses.
func TestFilterCheckIsTcpdumps(t *testing.T) {
	for _, expr := range []string{"tcp port 80", "tcp portt 80", "host", "ip and", "port 99999", "ether host 1:2:3", "vlan 100 and udp", "icmp6"} {
		out, errs, code := main_(t, "--extcap-capture-filter", expr, "--extcap-interface", "xdp:lo")
		if code != 0 || errs != "" {
			t.Fatalf("%q: exit %d %q", expr, code, errs)
		}
		want := tcpdumpMessage(t, expr)
		if want != "" {
			want += "\n"
		}
		if out != want {
			t.Errorf("%q: %q, tcpdump says %q", expr, out, want)
		}
	}
}

// A capture that is refused says why on stderr, after opening the fifo
// (so that Wireshark's reader is not left waiting), and refuses a fifo
// it could be tricked into: a symbolic link, a regular file, another
// user's.
func TestCaptureRefusals(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	read := func() chan []byte {
		ch := make(chan []byte, 1)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				ch <- nil
				return
			}
			defer f.Close()
			b, _ := readAll(f)
			ch <- b
		}()
		return ch
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--extcap-capture-filter", "tcp portt 80"}, "xdpdump: " + tcpdumpMessage(t, "tcp portt 80") + "\n"},
		{[]string{"--direction", "sideways"}, "xdpdump: unknown capture direction `sideways'\n"},
		{[]string{"--bounce", "--direction", "out"}, "xdpdump: --bounce answers at XDP, on ingress: it does not go with -Q out\n"},
		{[]string{"--bounce-rate", "5"}, "xdpdump: --bounce-filter and --bounce-rate go with --bounce\n"},
		{[]string{"--capture-at", "middle"}, "xdpdump: unknown capture point `middle': entry, exit or both\n"},
		{[]string{"--capture-at", "entry", "--xdpcap-hook", "/sys/fs/bpf/x"}, "xdpdump: --xdpcap-hook shows the verdicts at exit: it does not go with --capture-at entry\n"},
		{[]string{"--capture-at", "exit", "--direction", "out"}, "xdpdump: --capture-at exit is the exit of the XDP program: it does not go with -Q out\n"},
		{[]string{"--bounce", "--bounce-filter", "tcp portt 1"}, "xdpdump: --bounce-filter: " + tcpdumpMessage(t, "tcp portt 1") + "\n"},
	} {
		got := read()
		_, errs, code := main_(t, append([]string{"--capture", "--extcap-interface", "xdp:lo", "--fifo", fifo}, c.args...)...)
		if code != 1 || errs != c.want {
			t.Errorf("%q: exit %d %q, want %q", c.args, code, errs, c.want)
		}
		if b := <-got; b == nil || len(b) != 0 {
			t.Errorf("%q: the reader got %q", c.args, b)
		}
	}
	got := read()
	_, errs, code := main_(t, "--capture", "--extcap-interface", "xdp:no-such-dev0", "--fifo", fifo)
	<-got
	if code != 1 || errs != "xdpdump: no-such-dev0: No such device exists\n" {
		t.Errorf("no such device: %d %q", code, errs)
	}

	link := filepath.Join(dir, "link")
	os.Symlink(fifo, link)
	plain := filepath.Join(dir, "plain")
	os.WriteFile(plain, nil, 0o600)
	for path, want := range map[string]string{
		link:                     "not a fifo",
		plain:                    "not a fifo",
		filepath.Join(dir, "no"): "no such file",
	} {
		_, errs, code := main_(t, "--capture", "--extcap-interface", "xdp:lo", "--fifo", path)
		if code != 1 || !strings.Contains(errs, want) {
			t.Errorf("--fifo %s: %d %q, want %q", path, code, errs, want)
		}
	}
	if os.Geteuid() == 0 {
		other := filepath.Join(dir, "other")
		syscall.Mkfifo(other, 0o666)
		os.Chown(other, 65534, 65534)
		_, errs, code := main_(t, "--capture", "--extcap-interface", "xdp:lo", "--fifo", other)
		if code != 1 || !strings.Contains(errs, "belongs to uid 65534") {
			t.Errorf("another user's fifo: %d %q", code, errs)
		}
	}
	if b, _ := os.ReadFile(plain); len(b) != 0 {
		t.Fatalf("wrote into a regular file: %q", b)
	}
}

func readAll(f *os.File) ([]byte, error) {
	var b bytes.Buffer
	_, err := b.ReadFrom(f)
	return b.Bytes(), err
}

func TestWithoutReaderGone(t *testing.T) {
	epipe := &os.PathError{Op: "write", Path: "fifo", Err: syscall.EPIPE}
	other := os.ErrInvalid
	if err := withoutReaderGone(epipe); err != nil {
		t.Fatal(err)
	}
	if err := withoutReaderGone(joinErrs(epipe, nil, other)); err == nil || err.Error() != other.Error() {
		t.Fatalf("%v", err)
	}
}

func joinErrs(errs ...error) error { return errors.Join(errs...) }
