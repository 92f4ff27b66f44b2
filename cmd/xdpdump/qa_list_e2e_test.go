// QA: -D and `chain -i` beside a program loaded without an expected attach
// type (iproute2 from `sec prog`, the case that once made -D fail as a
// whole): both list it with the attach type the probe found, before and
// while xdpdump stands in front of it.

package main

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

func TestQAListsAttachTypeNone(t *testing.T) {
	t.Parallel()
	p := testhost.New(t, testhost.Options{})
	o := viaIproute2("fwprog", "prog", "xdpgeneric")(t, p)
	id := strconv.Itoa(int(o.id))
	check := func(when string, front bool) {
		t.Helper()
		out, err := p.A.Run(binPath, "-D")
		if err != nil {
			t.Fatalf("%s: -D: %v\n%s", when, err, out)
		}
		var line string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "."+p.A.Dev+" ") {
				line = l
			}
		}
		want := "XDP prog " + id + ` "fw_prog"`
		if front {
			want = "xdpdump in front"
		}
		if !strings.Contains(line, want) || !strings.Contains(line, "attach type 0 (none)") {
			t.Fatalf("%s: -D lists %s as %q, want %q and attach type 0 (none)", when, p.A.Dev, line, want)
		}
		out, err = p.A.Run(binPath, "chain", "-i", p.A.Dev)
		if err != nil || !strings.Contains(out, "original prog "+id+" (fw_prog") || !strings.Contains(out, "attach type 0 (none)") {
			t.Fatalf("%s: chain -i: %v\n%s", when, err, out)
		}
	}
	check("before xdpdump", false)
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", os.DevNull)
	check("while xdpdump runs", true)
	if _, code := x.stop(t, 0); code != 0 {
		t.Fatalf("exit %d:\n%s", code, x.stderr.String())
	}
}
