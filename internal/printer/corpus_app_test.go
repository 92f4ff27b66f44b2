package printer

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// appProtoCorpus returns the frames of the UDP and TCP application
// printers of tftp.go, bfd.go, bgp.go, ... (one corpus function each).
func appProtoCorpus() []frame {
	var fs []frame
	for _, c := range appProtoCorpora {
		fs = append(fs, c.frames()...)
	}
	return fs
}

// appProtoCorpora are the corpora by protocol, with the offset past which
// their mutations change bytes (the application payload).
var appProtoCorpora = []struct {
	name   string
	frames func() []frame
	minOff int
}{
	{"tftp", tftpCorpus, offIP4L4 + 8},
	{"syslog", syslogCorpus, offIP4L4 + 8},
	{"bfd", bfdCorpus, offIP4L4 + 8},
	{"radius", radiusCorpus, offIP4L4 + 8 + 20},
	{"dhcp6", dhcp6Corpus, offIP6L4 + 8},
	{"bgp", bgpCorpus, offIP4L4 + 20 + 19},
	{"openflow", openflowCorpus, offIP4L4 + 20},
	{"nfs", nfsCorpus, offIP4L4 + 8},
	{"snmp", snmpCorpus, offIP4L4 + 8},
	{"isakmp", isakmpCorpus, offIP4L4 + 8 + 28},
	{"rip", ripCorpus, offIP4L4 + 8},
	{"ripng", ripngCorpus, offIP6L4 + 8},
	{"l2tp", l2tpCorpus, offIP4L4 + 8},
	{"sflow", sflowCorpus, offIP4L4 + 8},
	{"babel", babelCorpus, offIP6L4 + 8},
}

// TestMatchesTcpdumpApps compares the application printers' corpora and
// mutations of them with tcpdump at default, -v, -vv, -vvv and -e, and
// reports per protocol.
func TestMatchesTcpdumpApps(t *testing.T) {
	bin := needTcpdump(t)
	var fs []frame
	for i, c := range appProtoCorpora {
		var base []frame
		for _, f := range c.frames() {
			if ok, _ := comparable(f.data); ok {
				base = append(base, f)
			}
		}
		fs = append(fs, base...)
		fs = append(fs, mutatedFrom(base, 6*len(base)+50, int64(100+i), c.minOff)...)
	}
	path := filepath.Join(t.TempDir(), "apps.pcap")
	writePcap(t, path, false, fs)
	recs := readRecords(t, path)
	rep := newProtoReport()
	for _, c := range []optCase{
		{[]string{}, Options{}, false},
		{[]string{"-v"}, Options{Verbose: 1}, false},
		{[]string{"-vv"}, Options{Verbose: 2}, false},
		{[]string{"-vvv"}, Options{Verbose: 3}, false},
		{[]string{"-e"}, Options{Link: true}, false},
		{[]string{"-v", "-b"}, Options{Verbose: 1, ASDot: true}, false},
	} {
		t.Run(strings.Join(append([]string{"opts"}, c.args...), " "), func(t *testing.T) {
			t.Logf("%d lines compared", compareRun(t, bin, path, recs, fs, c, rep))
		})
	}
	rep.log(t)
}

// TestWriteAppPcap writes the application corpora to $APP_PCAP (a
// development aid; skipped without it).
func TestWriteAppPcap(t *testing.T) {
	path := os.Getenv("APP_PCAP")
	if path == "" {
		t.Skip("APP_PCAP not set")
	}
	fs := appProtoCorpus()
	if only := os.Getenv("APP_ONLY"); only != "" {
		fs = nil
		for _, c := range appProtoCorpora {
			if c.name == only {
				fs = c.frames()
			}
		}
	}
	writePcap(t, path, false, fs)
	recs := readRecords(t, path)
	for v := 0; v <= 3; v++ {
		var b bytes.Buffer
		p := New(&b, Options{Verbose: v, Location: time.UTC})
		for _, r := range recs {
			if err := p.Print(r.ts, r.data, r.origLen); err != nil {
				t.Fatal(err)
			}
		}
		p.Flush()
		if err := os.WriteFile(fmt.Sprintf("%s.v%d.txt", path, v), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestNoAllocsApps checks the application printers allocate nothing per
// packet at every verbosity, with -e and with -b.
func TestNoAllocsApps(t *testing.T) {
	fs := appProtoCorpus()
	ts := time.Unix(1700000000, 0)
	for _, o := range []Options{{}, {Verbose: 1}, {Verbose: 2}, {Verbose: 3}, {Link: true}, {Verbose: 1, ASDot: true}} {
		p := New(&bytes.Buffer{}, o)
		for _, f := range fs {
			p.AppendPacket(nil, ts, f.data, f.origLen)
		}
		buf := make([]byte, 0, 1<<16)
		allocs := testing.AllocsPerRun(5, func() {
			for _, f := range fs {
				buf = p.AppendPacket(buf[:0], ts, f.data, f.origLen)
			}
		})
		if allocs != 0 {
			t.Errorf("%+v: %.1f allocations per pass over %d frames", o, allocs, len(fs))
		}
	}
}
