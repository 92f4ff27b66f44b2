// The scripts run by the shells themselves: bash completing command
// lines (COMP_WORDS as bash splits them), zsh parsing its script.

package completion

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/testkit"
)

func testCommand() Command {
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	fs.StringSliceP("interface", "i", nil, "capture on `IFACE`")
	fs.StringP("write", "w", "", "write to `FILE`")
	fs.CountP("verbose", "v", "more")
	fs.BoolP("number", "#", false, "number lines")
	fs.StringP("direction", "Q", "", "in, out [or] inout: it's `DIR`")
	fs.StringP("user", "Z", "", "become `USER`")
	fs.Int("count", 0, "a number")
	fs.Bool("secret", false, "hidden")
	fs.MarkHidden("secret")
	sub := pflag.NewFlagSet("t sub", pflag.ContinueOnError)
	sub.String("insert", "", "an object `FILE`")
	sub.BoolP("help", "h", false, "help")
	values := map[string]Value{
		"interface": {Kind: Interfaces, List: true},
		"write":     {Kind: Files},
		"direction": {Kind: Words, Words: []string{"in", "out", "inout"}},
		"user":      {Kind: Users},
		"insert":    {Kind: Files, Glob: "*.o"},
	}
	return Command{Name: "xdpdump", Flags: fs, Values: values, Subcommands: []Command{{Name: "sub", Flags: sub, Values: values}}}
}

// bashComplete sources the script and completes words in dir.
func bashComplete(t *testing.T, script, dir string, words ...string) []string {
	t.Helper()
	prog := testkit.BashCompletionSetup(words...) + `_xdpdump xdpdump "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"`
	c := exec.Command("bash", "--norc", "--noprofile", "-c", prog, "bash", script)
	c.Dir = dir
	var stderr bytes.Buffer
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("bash completing %q: %v\n%s", words, err, stderr.String())
	}
	var got []string
	for _, l := range strings.Split(string(out), "\n") {
		if l != "" {
			got = append(got, l)
		}
	}
	sort.Strings(got)
	return got
}

func TestBash(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "completion.bash")
	var b bytes.Buffer
	if err := Write(&b, "bash", testCommand()); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(script, b.Bytes(), 0o644)
	for _, f := range []string{"a.o", "b.c", "out.pcapng"} {
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	os.Mkdir(filepath.Join(dir, "objs"), 0o755)
	for _, c := range []struct {
		words []string
		want  string
	}{
		{[]string{"xdpdump", "--"}, "--count --direction --interface --number --user --verbose --write"},
		{[]string{"xdpdump", "-"}, "-# --count --direction --interface --number --user --verbose --write -Q -Z -i -v -w"},
		{[]string{"xdpdump", "-Q", "in"}, "in inout"},
		{[]string{"xdpdump", "--direction=o"}, "--direction=out"},
		{[]string{"xdpdump", "--direction", "=", "o"}, "out"},
		{[]string{"xdpdump", "-vw", "o"}, "objs out.pcapng"},
		{[]string{"xdpdump", "-Z", "roo"}, "root"},
		{[]string{"xdpdump", "--count", ""}, ""},
		{[]string{"xdpdump", "-i", "l"}, "lo"},
		{[]string{"xdpdump", "-i", "lo,l"}, "lo,lo"},
		{[]string{"xdpdump", "su"}, "sub"},
		{[]string{"xdpdump", "sub", "--"}, "--help --insert"},
		{[]string{"xdpdump", "sub", "--insert", ""}, "a.o objs"},
		{[]string{"xdpdump", "-i", "lo", "tc"}, "tcp"},
		{[]string{"xdpdump", "--sec"}, ""},
	} {
		if got := strings.Join(bashComplete(t, script, dir, c.words...), " "); got != c.want {
			t.Errorf("%q<TAB>: %q, want %q", c.words, got, c.want)
		}
	}
}

func TestZsh(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "zsh", testCommand()); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	file := filepath.Join(t.TempDir(), "_xdpdump")
	os.WriteFile(file, b.Bytes(), 0o644)
	if out, err := exec.Command("zsh", "-n", file).CombinedOutput(); err != nil {
		t.Fatalf("zsh -n: %v\n%s", err, out)
	}
	for _, want := range []string{
		"#compdef xdpdump\n",
		`'*-i+[capture on IFACE]:IFACE:_xdpdump_interfaces'`,
		`'(-Q --direction)--direction=[in, out (or) inout\: it'\''s DIR]:DIR:(in out inout)'`,
		`'*-v[more]'`,
		`'(-# --number)-#[number lines]'`,
		`'--insert=[an object FILE]:FILE:_files -g *.o'`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("no %s in:\n%s", want, s)
		}
	}
	if strings.Contains(s, "secret") {
		t.Error("a hidden flag is offered")
	}
	if err := Write(&b, "fish", testCommand()); err == nil {
		t.Error("fish: no error")
	}
}
