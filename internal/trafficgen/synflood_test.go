package trafficgen

import (
	"encoding/binary"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

// tcpSum verifies a TCP segment's checksum over the IPv4 pseudo-header,
// independently of the generator's incremental sum.
func tcpSumOK(f []byte) bool {
	var s uint32
	add := func(b []byte) {
		for i := 0; i+1 < len(b); i += 2 {
			s += uint32(binary.BigEndian.Uint16(b[i:]))
		}
		if len(b)%2 == 1 {
			s += uint32(b[len(b)-1]) << 8
		}
	}
	ihl := int(f[14]&0xf) * 4
	seg := f[14+ihl : 14+int(binary.BigEndian.Uint16(f[16:]))]
	add(f[26:34])
	s += uint32(f[23]) + uint32(len(seg))
	add(seg)
	for s > 0xffff {
		s = s&0xffff + s>>16
	}
	return s == 0xffff
}

func TestSYNFrame(t *testing.T) {
	c := testConfig()
	c.Size, c.DstPort, c.SrcPorts = 0, 80, 1024
	ports := map[uint16]bool{}
	for n := uint64(0); n < 1024; n++ {
		f, err := SYNFrame(c, n)
		if err != nil {
			t.Fatal(err)
		}
		if len(f) != SYNSize || IPv4Checksum(f[14:34]) != 0 || !tcpSumOK(f) {
			t.Fatalf("frame %d: %d bytes, IP or TCP checksum wrong: % x", n, len(f), f)
		}
		if f[14+20+13] != 0x02 || binary.BigEndian.Uint16(f[36:]) != 80 {
			t.Fatalf("frame %d is not a SYN to port 80: % x", n, f)
		}
		if ts := binary.BigEndian.Uint32(f[SYNTSvalOff:]); ts != uint32(n) {
			t.Fatalf("frame %d carries TSval %d", n, ts)
		}
		sp := binary.BigEndian.Uint16(f[SYNSportOff:])
		if sp < 1024 || sp >= 2048 {
			t.Fatalf("frame %d: source port %d outside 1024..2047", n, sp)
		}
		ports[sp] = true
	}
	if len(ports) != 1024 {
		t.Errorf("1024 frames used %d source ports, want every one of 1024", len(ports))
	}
	for name, mod := range map[string]func(*Config){
		"no port":    func(c *Config) { c.DstPort = 0 },
		"size":       func(c *Config) { c.Size = 64 },
		"past 65535": func(c *Config) { c.SrcPortBase, c.SrcPorts = 40000, 32768 },
		"ports":      func(c *Config) { c.SrcPorts = 1000 },
	} {
		c := testConfig()
		c.Size, c.DstPort = 0, 80
		mod(&c)
		if _, err := NewSYNFlood(c); err == nil || !strings.HasPrefix(err.Error(), "trafficgen: ") {
			t.Errorf("%s: NewSYNFlood error = %v, want a trafficgen error", name, err)
		}
	}
}

// netstat reads one counter of /proc/net/snmp or /proc/net/netstat
// ("Tcp", "InCsumErrors") in the calling thread's namespace.
func netstat(t *testing.T, h testhost.Host, group, name string) uint64 {
	t.Helper()
	var v uint64
	found := false
	err := h.Do(func() error {
		for _, file := range []string{"/proc/thread-self/net/snmp", "/proc/thread-self/net/netstat"} {
			b, err := os.ReadFile(file)
			if err != nil {
				return err
			}
			lines := strings.Split(string(b), "\n")
			for i := 0; i+1 < len(lines); i += 2 {
				keys, vals := strings.Fields(lines[i]), strings.Fields(lines[i+1])
				if len(keys) == 0 || keys[0] != group+":" || len(keys) != len(vals) {
					continue
				}
				for j, k := range keys {
					if k == name {
						v, err = strconv.ParseUint(vals[j], 10, 64)
						found = true
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil || !found {
		t.Fatalf("counter %s %s in %s: found %v, %v", group, name, h.NS, found, err)
	}
	return v
}

// TestSYNFloodKernelAnswers sends 20,000 generated SYNs from B to a
// listening socket on A with SYN cookies always on: A's kernel verifies
// every checksum (none fails) and answers every SYN with a cookie.
func TestSYNFloodKernelAnswers(t *testing.T) {
	p := quietPair(t)
	p.MustRun(&p.A, "sysctl", "-qw", "net.ipv4.tcp_syncookies=2")
	testkit.Listen(t, p.A, "tcp4", ":8080")
	const n = 20_000
	c := pairConfig(p)
	c.Size, c.DstPort, c.Count, c.Rate = 0, 8080, n, 100_000
	g, err := NewSYNFlood(c)
	if err != nil {
		t.Fatalf("%+v", err)
	}
	defer g.Close()
	in0 := netstat(t, p.A, "Tcp", "InSegs")
	bad0 := netstat(t, p.A, "Tcp", "InCsumErrors")
	ck0 := netstat(t, p.A, "TcpExt", "SyncookiesSent")
	var res Result
	if err := p.B.Do(func() error {
		var err error
		res, err = g.Run(t.Context())
		return err
	}); err != nil {
		t.Fatalf("%+v", err)
	}
	if res.Sent != n {
		t.Fatalf("generator sent %d SYNs, want %d", res.Sent, n)
	}
	var ck uint64
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ck = netstat(t, p.A, "TcpExt", "SyncookiesSent") - ck0; ck >= n {
			break
		}
	}
	in := netstat(t, p.A, "Tcp", "InSegs") - in0
	bad := netstat(t, p.A, "Tcp", "InCsumErrors") - bad0
	t.Logf("sent %d SYNs at %.0f/s; A: %d segments in, %d checksum errors, %d cookies sent", res.Sent, res.Rate(), in, bad, ck)
	if bad != 0 {
		t.Errorf("A's kernel found %d bad TCP checksums", bad)
	}
	if ck != n {
		t.Errorf("A's kernel sent %d SYN cookies, want %d (one per SYN)", ck, n)
	}
}
