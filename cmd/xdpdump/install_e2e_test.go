// make install, make uninstall and make deb, run for real: the files
// they put where, the man page rendered by man(1), the bash completion
// run by bash against the real flags and a test veth, and the Debian
// package installed and removed by dpkg on this machine.

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/completion"
	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

// repoRoot is the directory of the Makefile.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "Makefile")); err != nil {
		t.Fatal(err)
	}
	return root
}

// runMake runs make in the repository with vars. BIN always points into
// a temporary directory, so that the binary other tests run is never
// rebuilt under them.
func runMake(t *testing.T, target string, vars ...string) string {
	t.Helper()
	args := append([]string{"--no-print-directory", "-C", repoRoot(t), target, "BIN=" + filepath.Join(t.TempDir(), "xdpdump")}, vars...)
	c := exec.Command("make", args...)
	// Not the make that runs the tests: its flags and jobserver are not
	// this one's.
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); k != "MAKEFLAGS" && k != "MFLAGS" && k != "MAKELEVEL" {
			c.Env = append(c.Env, kv)
		}
	}
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("make %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// installedFiles are the files make install puts under PREFIX, and the
// extcap link, relative to DESTDIR.
func installedFiles(prefix, zshDir string) []string {
	return []string{
		prefix + "/bin/xdpdump",
		prefix + "/share/man/man8/xdpdump.8go",
		prefix + "/share/bash-completion/completions/xdpdump",
		prefix + "/share/zsh/" + zshDir + "/_xdpdump",
	}
}

func extcapLink() string {
	arch, err := exec.Command("gcc", "-print-multiarch").Output()
	if err != nil || len(bytes.TrimSpace(arch)) == 0 {
		arch = []byte("x86_64-linux-gnu")
	}
	return "/usr/lib/" + string(bytes.TrimSpace(arch)) + "/wireshark/extcap/xdpdump"
}

func TestMakeInstall(t *testing.T) {
	testhost.Require(t)
	dest := t.TempDir()
	runMake(t, "install", "DESTDIR="+dest)
	files := installedFiles("/usr/local", "site-functions")
	for _, f := range files {
		fi, err := os.Stat(filepath.Join(dest, f))
		if err != nil || fi.Size() == 0 {
			t.Fatalf("make install did not install %s: %v", f, err)
		}
	}
	if target, err := os.Readlink(filepath.Join(dest, extcapLink())); err != nil || target != "/usr/local/bin/xdpdump" {
		t.Fatalf("extcap link %s: %q %v", extcapLink(), target, err)
	}
	bin := filepath.Join(dest, "/usr/local/bin/xdpdump")
	if out, err := exec.Command(bin, "--version").Output(); err != nil || !strings.HasPrefix(string(out), "xdpdump version ") {
		t.Fatalf("installed --version: %v %q", err, out)
	}

	// man(1) renders the installed page, without a warning.
	man := exec.Command("man", "-l", filepath.Join(dest, files[1]))
	man.Env = append(os.Environ(), "MANWIDTH=100")
	var mout, merr bytes.Buffer
	man.Stdout, man.Stderr = &mout, &merr
	if err := man.Run(); err != nil || merr.Len() > 0 {
		t.Fatalf("man -l: %v\n%s", err, merr.String())
	}
	for _, want := range []string{"XDPDUMP(8)", "NAME", "xdpdump - capture packets at the XDP hook", "WIRESHARK", "--extcap-interfaces"} {
		if !strings.Contains(mout.String(), want) {
			t.Fatalf("the rendered man page has no %q:\n%.2000s", want, mout.String())
		}
	}

	// bash, sourcing the installed completion, offers every flag
	// xdpdump parses and the interfaces of its namespace.
	p := testhost.New(t, testhost.Options{})
	bashc := filepath.Join(dest, files[2])
	var want []string
	newFlags(&options{}).VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			want = append(want, "--"+f.Name)
		}
	})
	sort.Strings(want)
	got := bashComplete(t, &p.A, bashc, "xdpdump", "--")
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("xdpdump --<TAB>:\n got  %v\n want %v", got, want)
	}
	// A fresh namespace has lo and the veth; -i completes to exactly
	// those, in every form a flag's value takes.
	ifaces := p.A.Dev + " lo"
	if p.A.Dev > "lo" {
		ifaces = "lo " + p.A.Dev
	}
	for _, c := range []struct {
		words []string
		want  string
	}{
		{[]string{"xdpdump", "-i", ""}, ifaces},
		{[]string{"xdpdump", "-nvi", p.A.Dev[:4]}, p.A.Dev},
		{[]string{"xdpdump", "--interface", ""}, ifaces},
		{[]string{"xdpdump", "--interface", "=", ""}, ifaces}, // '=' breaks words in bash by default
		{[]string{"xdpdump", "--interface=" + p.A.Dev[:3]}, "--interface=" + p.A.Dev},
		{[]string{"xdpdump", "chain", "--ins"}, "--insert"},
		{[]string{"xdpdump", "-i", "lo", "--ins"}, ""}, // chain's flag, not xdpdump's
		{[]string{"xdpdump", "chain", "-i", ""}, ifaces},
	} {
		if got := bashComplete(t, &p.A, bashc, c.words...); strings.Join(got, " ") != c.want {
			t.Fatalf("%q<TAB> in %s: %v, want %s", c.words, p.A.NS, got, c.want)
		}
	}
	// A list: -i lo,<TAB> completes the second name after the comma.
	if got := bashComplete(t, &p.A, bashc, "xdpdump", "-i", "lo,"+p.A.Dev[:3]); strings.Join(got, " ") != "lo,"+p.A.Dev {
		t.Fatalf("-i lo,%s<TAB>: %v", p.A.Dev[:3], got)
	}
	if got := bashComplete(t, &p.A, bashc, "xdpdump", "-Q", ""); strings.Join(got, " ") != "in inout out" {
		t.Fatalf("-Q <TAB>: %v", got)
	}
	chainFS, _, _, _, _ := newChainFlags()
	var chainWant []string
	chainFS.VisitAll(func(f *pflag.Flag) { chainWant = append(chainWant, "--"+f.Name) })
	sort.Strings(chainWant)
	if got := bashComplete(t, &p.A, bashc, "xdpdump", "chain", "--"); strings.Join(got, " ") != strings.Join(chainWant, " ") {
		t.Fatalf("xdpdump chain --<TAB>: %v, want %v", got, chainWant)
	}
	if got := bashComplete(t, &p.A, bashc, "xdpdump", "ch"); strings.Join(got, " ") != "chain" {
		t.Fatalf("xdpdump ch<TAB>: %v", got)
	}

	// zsh, with the installed completion in its fpath, offers the same.
	zshc := filepath.Dir(filepath.Join(dest, files[3]))
	if got := zshComplete(t, &p.A, zshc, "xdpdump --"); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("zsh: xdpdump --<TAB>:\n got  %v\n want %v", got, want)
	}
	for line, want := range map[string]string{
		"xdpdump -i ":                  ifaces,
		"xdpdump -n -i " + p.A.Dev[:4]: p.A.Dev,
		"xdpdump -Q ":                  "in inout out",
		"xdpdump chain --":             strings.Join(chainWant, " "),
		"xdpdump chain -i ":            ifaces,
	} {
		if got := zshComplete(t, &p.A, zshc, line); strings.Join(got, " ") != want {
			t.Fatalf("zsh: %q<TAB>: %v, want %s", line, got, want)
		}
	}

	runMake(t, "uninstall", "DESTDIR="+dest)
	for _, f := range append(files, extcapLink()) {
		if _, err := os.Lstat(filepath.Join(dest, f)); err == nil {
			t.Fatalf("make uninstall left %s", f)
		}
	}
}

// bashComplete runs the bash completion function as bash runs it for the
// command line words (the cursor at the end of the last) in h's
// namespace, and returns the sorted candidates.
func bashComplete(t *testing.T, h *testhost.Host, file string, words ...string) []string {
	t.Helper()
	script := testkit.BashCompletionSetup(words...) + `COMP_LINE="${COMP_WORDS[*]}"
COMP_POINT=${#COMP_LINE}
fn=$(complete -p xdpdump | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
[ -n "$fn" ] || { echo "no completion registered for xdpdump" >&2; exit 1; }
"$fn" xdpdump "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"`
	out, err := h.Run("bash", "--norc", "--noprofile", "-c", script, "bash", file)
	if err != nil {
		t.Fatalf("completing %v: %v", words, err)
	}
	var got []string
	for _, l := range strings.Split(out, "\n") {
		if l != "" {
			got = append(got, l)
		}
	}
	sort.Strings(got)
	return got
}

// zshDriver types a command line and a TAB into an interactive zsh (in a
// pty) whose compadd also prints what it is given, and writes those
// matches to $3. $1 is the directory of the completion, $2 the line.
const zshDriver = `zmodload zsh/zpty
out=$3
wait_for() { local i; for i in {1..400}; do grep -q -- "$1" $out.raw 2>/dev/null && return 0; sleep 0.05; done; return 1 }
zpty z zsh -f -i
zpty -w z "PS1=''; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D; exec 2>$out.raw"
zpty -w z 'compadd () { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi; typeset -a __hits; builtin compadd -A __hits "$@"; (( $#__hits )) || return 1; builtin compadd "$@"; print -l -- $__hits >&2 }'
zpty -w z 'zstyle ":completion:*" menu no; zstyle ":completion:*" list-prompt ""'
zpty -w z 'zle-line-init() { print -u2 READY }; zle -N zle-line-init'
zpty -w z 'print -u2 "<<<"'
# Type only once the line editor reads: typeahead before may be lost.
for i in {1..400}; do sed -n '/<<</,$p' $out.raw | grep -q READY && break; sleep 0.05; done
zpty -w -n z "$2"$'\t'
for i in {1..100}; do (( $(sed -n '/<<</,$p' $out.raw | wc -l) > 2 )) && break; sleep 0.05; done
sleep 0.5
zpty -w z $'\C-u print -u2 ">>>"'
wait_for '>>>' || exit 1
zpty -d z
sed -n '/<<</,/>>>/p' $out.raw | grep -v '<<<\|>>>\|^READY$' > $out
`

// zshComplete runs zshDriver in h's namespace and returns the sorted,
// distinct matches.
func zshComplete(t *testing.T, h *testhost.Host, dir, line string) []string {
	t.Helper()
	tmp := t.TempDir()
	script, out := filepath.Join(tmp, "driver.zsh"), filepath.Join(tmp, "matches")
	if err := os.WriteFile(script, []byte(zshDriver), 0o644); err != nil {
		t.Fatal(err)
	}
	if o, err := h.Run("zsh", "-f", script, dir, line, out); err != nil {
		t.Fatalf("zsh completing %q: %v %s", line, err, o)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var got []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" && !seen[l] {
			seen[l] = true
			got = append(got, l)
		}
	}
	sort.Strings(got)
	return got
}

// TestCompletionValuesNameRealFlags: every flag completion.Xdpdump gives
// values for is a flag of xdpdump or of xdpdump chain, so the table
// cannot keep a flag that was renamed or removed.
func TestCompletionValuesNameRealFlags(t *testing.T) {
	fs := newFlags(&options{})
	chainFS, _, _, _, _ := newChainFlags()
	for name := range completion.Xdpdump {
		if fs.Lookup(name) == nil && chainFS.Lookup(name) == nil {
			t.Errorf("completion.Xdpdump names %q, which is no flag of xdpdump", name)
		}
	}
}

// dpkgLock serialises the tests that install the package (two test runs
// on one machine) with a flock(2) of dpkg's directory, which dpkg's own
// fcntl(2) locks ignore, and which leaves no file behind.
func dpkgLock(t *testing.T) {
	t.Helper()
	f, err := os.Open("/var/lib/dpkg")
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
}

// runDpkg runs dpkg, waiting while another dpkg or apt holds dpkg's lock.
func runDpkg(args ...string) ([]byte, error) {
	for i := 0; ; i++ {
		out, err := exec.Command("dpkg", args...).CombinedOutput()
		if err == nil || i == 120 || !bytes.Contains(out, []byte("lock")) {
			return out, err
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func dpkgStatus(pkg string) string {
	out, _ := exec.Command("dpkg-query", "-W", "-f", "${db:Status-Abbrev}", pkg).Output()
	return strings.TrimSpace(string(out))
}

func TestMakeDeb(t *testing.T) {
	testhost.Require(t)
	dpkgLock(t)
	// The machine must be left as found: no xdpdump package, and none of
	// the package's files, before the test.
	if st := dpkgStatus("xdpdump"); st != "" && !strings.HasPrefix(st, "u") && !strings.HasPrefix(st, "p") {
		t.Fatalf("a package xdpdump is already installed (%s): the test would replace it", st)
	}
	files := append(installedFiles("/usr", "vendor-completions"), extcapLink())
	files[1] += ".gz"
	for _, f := range files {
		if _, err := os.Lstat(f); err == nil {
			t.Fatalf("%s exists already: the test would overwrite it", f)
		}
	}
	xdpTools := exec.Command("dpkg", "-V", "xdp-tools")

	dir := t.TempDir()
	runMake(t, "deb", "DEBDIR="+dir)
	debs, _ := filepath.Glob(filepath.Join(dir, "xdpdump_*.deb"))
	if len(debs) != 1 {
		t.Fatalf("make deb made %v", debs)
	}
	t.Cleanup(func() {
		// Whatever happened, the package goes.
		if st := dpkgStatus("xdpdump"); st != "" && !strings.HasPrefix(st, "u") {
			runDpkg("-P", "xdpdump")
		}
	})
	if out, err := runDpkg("-i", debs[0]); err != nil {
		t.Fatalf("dpkg -i: %v\n%s", err, out)
	}
	if st := dpkgStatus("xdpdump"); st != "ii" {
		t.Fatalf("dpkg says %q of xdpdump after dpkg -i", st)
	}
	listed, err := exec.Command("dpkg", "-L", "xdpdump").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if _, err := os.Lstat(f); err != nil || !strings.Contains(string(listed), f+"\n") {
			t.Fatalf("the package did not install %s: %v\n%s", f, err, listed)
		}
	}
	if target, _ := os.Readlink(extcapLink()); target != "/usr/bin/xdpdump" {
		t.Fatalf("the package's extcap link points at %q", target)
	}
	// Beside xdp-tools: its /usr/sbin/xdpdump and man page are untouched.
	if out, err := xdpTools.CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("dpkg -V xdp-tools after installing ours: %v %s", err, out)
	}
	if out, err := exec.Command("/usr/bin/xdpdump", "--version").Output(); err != nil || !strings.HasPrefix(string(out), "xdpdump version ") {
		t.Fatalf("/usr/bin/xdpdump --version: %v %q", err, out)
	}
	// Wireshark finds the package's extcap in its global folder (an
	// empty HOME: no personal one).
	p := testhost.New(t, testhost.Options{})
	home := t.TempDir()
	list, errs, err := runTshark(t, &p.A, append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home), "-D")
	if err != nil || !strings.Contains(list, ". xdp:"+p.A.Dev+" ("+p.A.Dev+" (XDP))\n") {
		t.Fatalf("tshark -D with the package installed: %v\n%s%s", err, list, errs)
	}
	if out, err := exec.Command("man", "-w", "8go", "xdpdump").Output(); err != nil || strings.TrimSpace(string(out)) != "/usr/share/man/man8/xdpdump.8go.gz" {
		t.Fatalf("man -w 8go xdpdump: %v %q", err, out)
	}

	if out, err := runDpkg("-r", "xdpdump"); err != nil {
		t.Fatalf("dpkg -r: %v\n%s", err, out)
	}
	if st := dpkgStatus("xdpdump"); st != "" && !strings.HasPrefix(st, "u") {
		t.Fatalf("dpkg says %q of xdpdump after dpkg -r", st)
	}
	for _, f := range files {
		if _, err := os.Lstat(f); err == nil {
			t.Fatalf("dpkg -r left %s", f)
		}
	}
}
