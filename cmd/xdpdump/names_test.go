package main

// -n, -N, -f and the default (names) of the command line against the real
// tcpdump: both read the same savefile inside one private mount and
// network namespace whose /etc is an overlay with the test's hosts,
// ethers, services and nsswitch.conf, and a resolv.conf pointing at
// 127.0.0.1 (no interface is up there: no DNS query leaves).

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestNamesMatchTcpdump(t *testing.T) {
	if _, err := exec.LookPath("tcpdump"); err != nil {
		t.Skip("no tcpdump")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root for a private mount namespace")
	}
	files := optFiles(t)
	dir := t.TempDir()
	up, work := filepath.Join(dir, "up"), filepath.Join(dir, "work")
	os.Mkdir(up, 0o755)
	os.Mkdir(work, 0o755)
	services, err := os.ReadFile("/etc/services")
	if err != nil {
		services = []byte("http 80/tcp\ndomain 53/udp\nmdns 5353/udp\n")
	}
	for name, text := range map[string]string{
		"hosts":         "198.18.9.1 one.example.test one\n198.18.9.2 two\n2001:db8::2 six.sub.example.test\n",
		"resolv.conf":   "nameserver 127.0.0.1\n",
		"nsswitch.conf": "hosts: files dns\nservices: files\nethers: files\n",
		"ethers":        "02:00:00:00:00:01 mac-one.example.test\n",
		"services":      string(services) + "\nxdpdump-test 9999/udp\n",
	} {
		if err := os.WriteFile(filepath.Join(up, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ns := []string{"--mount", "--net", "--propagation", "private", "--", "sh", "-c",
		`mount -t overlay overlay -o "lowerdir=/etc,upperdir=$1,workdir=$2" /etc && shift 2 && exec "$@"`, "sh", up, work}
	if out, err := exec.Command("unshare", append(ns, "true")...).CombinedOutput(); err != nil {
		t.Skipf("no private mount namespace with an overlay on /etc: %v %s", err, out)
	}
	for _, args := range [][]string{{}, {"-N"}, {"-e"}, {"-v"}, {"-N", "-e", "-vv"}, {"-q"}, {"-n"}, {"-nN"}, {"-f"}, {"-t", "-N", "-X"}} {
		name := strings.Join(args, " ")
		t.Run(name, func(t *testing.T) {
			a := append(append([]string{}, args...), "-r", files["F"])
			ours := runOpt("unshare", append(append(ns, binPath), a...))
			theirs := runOpt("unshare", append(append(ns, "tcpdump"), a...))
			if ours != theirs {
				t.Errorf("xdpdump %s:\n%+v\ntcpdump:\n%+v", name, ours, theirs)
			}
			if theirs.code == 0 && !strings.HasPrefix(name, "-n") && !strings.Contains(theirs.stdout, ".http") {
				t.Errorf("tcpdump %s printed no port name: the namespace did not take:\n%s", name, theirs.stdout)
			}
			if len(args) == 0 && !strings.Contains(theirs.stdout, "one.example.test") {
				t.Errorf("tcpdump printed no host name:\n%s", theirs.stdout)
			}
		})
	}
}
