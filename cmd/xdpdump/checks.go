// checks.go checks the numbers of the command line (-s, -c, -B) as
// tcpdump 4.99.3 parses them, with its words, and refuses an -i interface
// that is down, as tcpdump does ("That device is not up").
package main

import (
	"fmt"
	"net"
	"strings"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/cli"
	"github.com/xdpdump/xdpdump/internal/session"
)

// tcpdumpNumber is the value of -s, -c or -B: pflag only keeps the text,
// checkValues parses it as tcpdump's C code does (strtol, atoi), so that a
// bad value gets tcpdump's message rather than strconv's.
type tcpdumpNumber struct {
	text  string
	order int // the how-manieth number set, to report the first bad one
}

var numbersSet int

func (v *tcpdumpNumber) Set(s string) error {
	numbersSet++
	v.text, v.order = s, numbersSet
	return nil
}
func (v *tcpdumpNumber) String() string { return v.text }
func (v *tcpdumpNumber) Type() string   { return "int" }

// tcpdumpNumbers makes -s, -c and -B keep their text for checkValues.
func tcpdumpNumbers(fs *pflag.FlagSet) {
	for _, short := range []string{"s", "c", "B"} {
		if f := fs.ShorthandLookup(short); f != nil {
			f.Value = &tcpdumpNumber{text: f.DefValue}
		}
	}
}

// checkValues parses -s, -c and -B as tcpdump does and refuses what it
// refuses, and refuses a live capture on (or -d for) an interface that is
// down.
func checkValues(o *options, fs *pflag.FlagSet) error {
	var first error
	firstOrder := 0
	bad := func(v *tcpdumpNumber, err error) {
		if first == nil || v.order < firstOrder {
			first, firstOrder = err, v.order
		}
	}
	if v, ok := changed(fs, "s"); ok {
		// tcpdump: strtol(optarg, &end, 0), the whole text, 0..262144.
		n, ok := cStrtol(v.text)
		if !ok || n < 0 || n > filter.DefaultSnaplen {
			bad(v, usageError{fmt.Sprintf("invalid snaplen %s (must be >= 0 and <= %d)", v.text, filter.DefaultSnaplen)})
		} else {
			o.snaplen = int(n)
		}
	}
	if v, ok := changed(fs, "c"); ok {
		// tcpdump: cnt = atoi(optarg); cnt <= 0 is refused.
		if n := cAtoi(v.text); n <= 0 {
			bad(v, usageError{fmt.Sprintf("invalid packet count %s", v.text)})
		} else {
			o.count = int(n)
		}
	}
	if v, ok := changed(fs, "B"); ok {
		// tcpdump: bufsize = atoi(optarg)*1024 in an int; <= 0 is
		// refused (so is anything that wraps past 2^31-1).
		if b := cAtoi(v.text) * 1024; b <= 0 {
			bad(v, usageError{fmt.Sprintf("invalid packet buffer size %s", v.text)})
		} else {
			o.bufferKiB = int(b / 1024)
		}
	}
	if first != nil {
		return first
	}
	live := o.read == "" && !o.listIfaces && !o.recover
	if live {
		return checkInterfacesUp(o.ifaces)
	}
	return nil
}

func changed(fs *pflag.FlagSet, short string) (*tcpdumpNumber, bool) {
	f := fs.ShorthandLookup(short)
	if f == nil || !f.Changed {
		return nil, false
	}
	v, ok := f.Value.(*tcpdumpNumber)
	return v, ok
}

// checkInterfacesUp refuses an interface that is not up, as libpcap does
// when it activates a capture (tcpdump prints "That device is not up";
// an interface that is up without carrier is fine). Names that do not
// resolve are left to the capture's own lookup and its message.
func checkInterfacesUp(names []string) error {
	ifs, any, err := cli.Interfaces(names)
	if err != nil || any {
		return nil // -i any takes those that are up; lookups fail later, with their own line
	}
	for _, ifc := range ifs {
		ni, err := net.InterfaceByIndex(ifc.Index)
		if err == nil && ni.Flags&net.FlagUp == 0 {
			return fmt.Errorf("%s: That device is not up", ni.Name)
		}
	}
	return nil
}

// cAtoi is glibc's atoi: (int)strtol(s, NULL, 10), so leading blanks and
// a sign are skipped, the number ends at the first non-digit, an overflow
// clamps to the long range, and the result keeps the low 32 bits.
func cAtoi(s string) int32 {
	n, _, _ := strtol(s, 10)
	return int32(n)
}

// cStrtol is strtol(s, &end, 0) as tcpdump checks it for -s: the whole
// text must be the number (decimal, 0x hex or 0 octal), without overflow.
func cStrtol(s string) (int64, bool) {
	n, end, overflow := strtol(s, 0)
	return n, end > 0 && end == len(s) && !overflow
}

// strtol is C's strtol: it returns the value, the index just past the
// number (0 when there is none) and whether the value overflowed (then
// it is clamped to the int64 range, as glibc does on LP64).
func strtol(s string, base int) (int64, int, bool) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] >= '\t' && s[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	digit := func(c byte) int {
		switch {
		case c >= '0' && c <= '9':
			return int(c - '0')
		case c >= 'a' && c <= 'z':
			return int(c-'a') + 10
		case c >= 'A' && c <= 'Z':
			return int(c-'A') + 10
		}
		return 99
	}
	hexPrefix := i+1 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X')
	switch {
	case base == 0 && hexPrefix:
		base = 16
	case base == 0 && i < len(s) && s[i] == '0':
		base = 8
	case base == 0:
		base = 10
	}
	if base == 16 && hexPrefix && i+2 < len(s) && digit(s[i+2]) < 16 {
		i += 2 // "0x" counts only when a hex digit follows
	}
	start := i
	var u uint64
	overflow := false
	const limit = uint64(1) << 63
	for ; i < len(s); i++ {
		d := digit(s[i])
		if d >= base {
			break
		}
		if !overflow {
			if u > (limit-uint64(d))/uint64(base) {
				overflow = true
			} else {
				u = u*uint64(base) + uint64(d)
			}
		}
	}
	if i == start {
		return 0, 0, false
	}
	switch {
	case !neg && (overflow || u > limit-1):
		return 1<<63 - 1, i, true
	case neg && (overflow || u > limit):
		return -1 << 63, i, true
	case neg:
		return -int64(u), i, false
	}
	return int64(u), i, false
}

// compileFilters compiles the expression (and --bounce-filter) into the
// eBPF of every hook the capture uses, before anything is opened or
// attached, so that one too large for XDP, or using what the hook lacks,
// is refused with the interface, the bpffs and the output as they were.
func compileFilters(o *options) error {
	d := direction(o)
	check := func(expr, flag string, hooks ...filter.Hook) error {
		if strings.TrimSpace(expr) == "" || len(hooks) == 0 {
			return nil
		}
		// libpcap once (its optimizer is what takes time), eBPF per hook.
		prog, err := filter.CompileCBPFNetmask(expr, o.snaplen, filter.LiveNetmask)
		for _, h := range hooks {
			if err == nil {
				_, err = filter.ToEBPF(prog, h)
			}
		}
		if err != nil && flag != "" {
			return fmt.Errorf("%s: %w", flag, err)
		}
		return err
	}
	var hooks []filter.Hook
	if d&session.In != 0 {
		hooks = append(hooks, filter.XDP)
	}
	if d&session.Out != 0 {
		hooks = append(hooks, filter.TC)
	}
	if err := check(o.expr, "", hooks...); err != nil {
		return err
	}
	if o.bf.on {
		return check(o.bf.filter, "--bounce-filter", filter.XDP)
	}
	return nil
}
