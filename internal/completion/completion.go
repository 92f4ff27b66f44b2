// Package completion writes xdpdump's shell completions, bash and zsh,
// from the command's real pflag FlagSets (xdpdump --completion SHELL):
// every flag the command parses is offered, with nothing to keep in step
// by hand, and a flag added tomorrow is in tomorrow's completion.
//
// What a flag's value completes to (interfaces, files, fixed words) is
// the one thing a FlagSet does not say: Values maps long flag names to
// it, and a flag missing there completes to nothing.
package completion

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/printer"
)

// Kind is what a flag's value completes to.
type Kind int

const (
	// None: the value is free text (a number, an expression).
	None Kind = iota
	// Interfaces: the network interfaces of the shell's namespace,
	// comma-separated when List.
	Interfaces
	// Files: file names (matching Glob, if set).
	Files
	// Words: one of Words.
	Words
	// Users: user names.
	Users
	// Commands: command names.
	Commands
)

// Value says what one flag's value completes to.
type Value struct {
	Kind  Kind
	Words []string // Kind == Words
	Glob  string   // Kind == Files: e.g. "*.o"; "" = any file
	List  bool     // Kind == Interfaces: a,b,c
}

// Command is a command line to complete: its flags, the subcommands
// that may come first, and what flag values complete to.
type Command struct {
	Name        string
	Flags       *pflag.FlagSet
	Values      map[string]Value
	Subcommands []Command
}

// Xdpdump says what xdpdump's flag values complete to, by long name
// (xdpdump's tests check that each names a real flag).
var Xdpdump = map[string]Value{
	"interface":             {Kind: Interfaces, List: true},
	"write":                 {Kind: Files},
	"read":                  {Kind: Files},
	"filter-file":           {Kind: Files},
	"insert":                {Kind: Files, Glob: "*.o"},
	"format":                {Kind: Words, Words: []string{"pcapng", "pcap"}},
	"direction":             {Kind: Words, Words: []string{"in", "out", "inout"}},
	"time-stamp-precision":  {Kind: Words, Words: []string{"micro", "nano"}},
	"relinquish-privileges": {Kind: Users},
	"postrotate-command":    {Kind: Commands},
	"flows-order":           {Kind: Words, Words: []string{"bytes", "packets"}},
	"capture-at":            {Kind: Words, Words: []string{"entry", "exit", "both"}},
	"xdpcap-hook":           {Kind: Files},
	"file-list":             {Kind: Files},
	"linktype":              {Kind: Words, Words: []string{"EN10MB"}},
	"time-stamp-type":       {Kind: Words, Words: []string{"host"}},
	"packet-type":           {Kind: Words, Words: printer.DecodedPacketTypes()},
}

// filterWords are pcap-filter(7)'s primitives and operators, offered
// where the expression goes.
var filterWords = []string{
	"and", "or", "not", "host", "net", "port", "portrange", "src", "dst",
	"ether", "ip", "ip6", "arp", "rarp", "tcp", "udp", "icmp", "icmp6",
	"vlan", "mpls", "proto", "less", "greater", "broadcast", "multicast",
	"gateway", "mask", "len",
}

// flag is one flag as the scripts need it.
type flag struct {
	long, short string
	usage, arg  string
	takesValue  bool
	repeatable  bool // a count or a list: may be given more than once
	value       Value
}

func flagsOf(c Command) []flag {
	var out []flag
	c.Flags.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		arg, usage := pflag.UnquoteUsage(f)
		t := f.Value.Type()
		fl := flag{
			long: f.Name, short: f.Shorthand, usage: usage, arg: arg,
			takesValue: f.NoOptDefVal == "",
			repeatable: t == "count" || strings.HasSuffix(t, "Slice") || strings.HasSuffix(t, "Array"),
			value:      c.Values[f.Name],
		}
		if fl.arg == "" {
			fl.arg = "value"
		}
		out = append(out, fl)
	})
	return out
}

// words lists the flags as typed: --long and -s.
func words(fs []flag) []string {
	var w []string
	for _, f := range fs {
		w = append(w, "--"+f.long)
		if f.short != "" {
			w = append(w, "-"+f.short)
		}
	}
	sort.Strings(w)
	return w
}

// Write writes the completion for shell: "bash" or "zsh".
func Write(w io.Writer, shell string, c Command) error {
	switch shell {
	case "bash":
		return Bash(w, c)
	case "zsh":
		return Zsh(w, c)
	}
	return fmt.Errorf("no completion for shell %q: bash or zsh", shell)
}
