package printer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// TestLinkComesUp captures what a real IPv6 link carries when it comes
// up (the kernel's MLDv2 reports behind a hop-by-hop Router Alert, its
// duplicate address detection and router solicitation) plus a router
// advertisement sent across the veth, and prints the capture as tcpdump
// does with and without -v/-vv.
func TestLinkComesUp(t *testing.T) {
	bin := needTcpdump(t)
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	file := filepath.Join(t.TempDir(), "link.pcap")
	var stderr bytes.Buffer
	cmd := p.B.Cmd(bin, "-n", "-U", "-i", p.B.Dev, "-w", file, "ip6")
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	stop := func() {
		if cmd.Process != nil {
			_ = cmd.Process.Signal(syscall.SIGINT)
		}
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}
	defer func() {
		if cmd.ProcessState == nil {
			stop()
		}
	}()
	// tcpdump writes the file header once it captures.
	for deadline := time.Now().Add(30 * time.Second); ; {
		if st, err := os.Stat(file); err == nil && st.Size() >= 24 {
			break
		}
		if time.Now().After(deadline) {
			stop()
			t.Fatalf("tcpdump did not start: %s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}

	// A comes up again: MLDv2 reports, DAD neighbor solicitations, a
	// router solicitation.
	p.MustRun(&p.A, "ip", "link", "set", p.A.Dev, "down")
	p.MustRun(&p.A, "ip", "link", "set", p.A.Dev, "up")
	// B answers as a router would.
	src := ip6LLB
	ra := raw6(src, ip6AllN, 58, 255, sum6(src, ip6AllN, 58, icmp6msg(134, 0, cat([]byte{64, 0xc0}, u16b(1800), u32b(0), u32b(0),
		ndopt(1, p.B.MAC), ndopt(5, cat(u16b(0), u32b(1500))),
		ndopt(3, cat([]byte{64, 0xc0}, u32b(86400), u32b(14400), u32b(0), ip6b16("fd77:1::"))),
		ndopt(25, cat(u16b(0), u32b(600), ip6b16("2001:db8::53"))),
		ndopt(31, cat(u16b(0), u32b(600), dname("lab.example."))))), 2))
	copy(ra[0:6], []byte{0x33, 0x33, 0, 0, 0, 1})
	copy(ra[6:12], p.B.MAC)
	send := func() {
		err := p.B.Do(func() error {
			fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, 0)
			if err != nil {
				return err
			}
			defer unix.Close(fd)
			return unix.Sendto(fd, ra, 0, &unix.SockaddrLinklayer{Ifindex: p.B.Ifindex, Halen: 6})
		})
		if err != nil {
			t.Fatalf("sending the router advertisement: %v", err)
		}
	}

	// Wait for the messages (DAD and MLD are delayed by up to a second or so).
	want := []string{"multicast listener report v2", "neighbor solicitation", "router solicitation", "router advertisement"}
	var text string
	for i, deadline := 0, time.Now().Add(60*time.Second); ; i++ {
		if i < 3 {
			send()
		}
		time.Sleep(500 * time.Millisecond)
		text = string(runTcpdump(t, bin, "-n", "-r", file))
		missing := ""
		for _, w := range want {
			if !strings.Contains(text, w) {
				missing = w
			}
		}
		if missing == "" && strings.Contains(text, "HBH") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %q seen on the link in time; tcpdump read:\n%s", missing, text)
		}
	}
	stop()
	if _, err := os.Stat(file); err != nil {
		t.Fatal(err)
	}
	recs := readRecords(t, file)
	t.Logf("%d packets from the link:\n%s", len(recs), text)
	for _, c := range []optCase{
		{[]string{}, Options{}, false},
		{[]string{"-v"}, Options{Verbose: 1}, false},
		{[]string{"-vv"}, Options{Verbose: 2}, false},
		{[]string{"-e", "-x"}, Options{Link: true, Hex: 1}, false},
	} {
		want := runTcpdump(t, bin, append(append([]string{"-n"}, c.args...), "-r", file)...)
		var got bytes.Buffer
		o := c.opt
		o.Location = time.UTC
		pr := New(&got, o)
		for _, r := range recs {
			if err := pr.Print(r.ts, r.data, r.origLen); err != nil {
				t.Fatal(err)
			}
		}
		if err := pr.Flush(); err != nil {
			t.Fatal(err)
		}
		if c.opt.Verbose == 2 && !bytes.Contains(got.Bytes(), []byte("HBH (rtalert: 0x0000) ")) {
			t.Errorf("-vv: no router alert option printed:\n%s", got.String())
		}
		n := compareLines(t, want, got.Bytes())
		t.Logf("%v: %d lines compared", c.args, n)
	}
}
