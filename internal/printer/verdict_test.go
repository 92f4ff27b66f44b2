// Exit lines against the real tcpdump: with -v or -e, each is tcpdump's
// line for the same packet with the verdict after the time stamp; without
// either, it is tcpdump's line byte for byte.

package printer

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPrintExitMatchesTcpdumpWithVerdict(t *testing.T) {
	bin := needTcpdump(t)
	fs := corpus()
	if len(fs) > 40 {
		fs = fs[:40]
	}
	file := filepath.Join(t.TempDir(), "exit.pcap")
	writePcap(t, file, false, fs)
	recs := readRecords(t, file)
	for _, c := range []struct {
		args   []string
		opt    Options
		tagged bool
	}{
		{[]string{}, Options{}, false},
		{[]string{"-q"}, Options{Quiet: true}, false},
		{[]string{"-v"}, Options{Verbose: 1}, true},
		{[]string{"-e"}, Options{Link: true}, true},
		{[]string{"-t", "-e", "-vv"}, Options{Time: TimeNone, Link: true, Verbose: 2}, true},
		{[]string{"-X", "-v"}, Options{HexASCII: 1, Verbose: 1}, true},
	} {
		t.Run(strings.Join(c.args, ""), func(t *testing.T) {
			want := runTcpdump(t, bin, append([]string{"-n", "-r", file}, c.args...)...)
			var got bytes.Buffer
			c.opt.Location = time.UTC
			p := New(&got, c.opt)
			for i, r := range recs {
				if err := p.PrintExit(r.ts, r.data, r.origLen, uint64(i%6)); err != nil {
					t.Fatal(err)
				}
			}
			if err := p.Flush(); err != nil {
				t.Fatal(err)
			}
			// Each packet starts on a line that does not begin with white
			// space; the verdict goes after its time stamp.
			var exp bytes.Buffer
			i := 0
			for _, l := range strings.SplitAfter(string(want), "\n") {
				if l == "" {
					continue
				}
				if c.tagged && l[0] != ' ' && l[0] != '\t' {
					tag := "@exit" + VerdictName(uint64(i%6)) + " "
					at := 0
					if c.opt.Time != TimeNone {
						at = strings.IndexByte(l, ' ') + 1
					}
					l = l[:at] + tag + l[at:]
					i++
				}
				exp.WriteString(l)
			}
			if c.tagged && i != len(recs) {
				t.Fatalf("%d packets in tcpdump's output, want %d", i, len(recs))
			}
			if got.String() != exp.String() {
				t.Fatalf("exit lines differ from tcpdump's with the verdict:\n--- got\n%s\n--- want\n%s", got.String(), exp.String())
			}
		})
	}
	if VerdictName(5) != "[*unknown*]" || VerdictName(1) != "[DROP]" {
		t.Fatalf("names: %s %s", VerdictName(5), VerdictName(1))
	}
}
