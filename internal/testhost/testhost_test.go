package testhost

import (
	"strings"
	"testing"
)

func TestPairPings(t *testing.T) {
	p := New(t, Options{})
	out := p.MustRun(&p.B, "ping", "-c", "2", "-i", "0.2", "-W", "2", p.A.IP4.String())
	if !strings.Contains(out, "2 received") {
		t.Fatalf("ping over the veth pair: %s", out)
	}
	out = p.MustRun(&p.B, "ping", "-6", "-c", "1", "-W", "2", p.A.IP6.String())
	if !strings.Contains(out, "1 received") {
		t.Fatalf("ping6 over the veth pair: %s", out)
	}
	if p.A.Ifindex == 0 || len(p.A.MAC) != 6 {
		t.Fatalf("host A not filled in: %+v", p.A)
	}
}
