// The numbers of the command line (-s, -c, -B) as tcpdump 4.99.3 parses
// them (strtol, atoi), with its words for a bad one; -B's size of the
// ring; and the refusal of an -i interface that is down, as libpcap's
// ("That device is not up").

package cli

import (
	"fmt"
	"net"
	"os"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/filter"
)

// number is the value of -s, -c or -B: pflag only keeps the text,
// ParseNumbers parses it as tcpdump's C code does, so that a bad value
// gets tcpdump's message rather than strconv's.
type number struct {
	text  string
	order int  // the how-manieth number set, to report the first bad one
	set   *int // numbers set so far, shared by the flag set's numbers
}

func (v *number) Set(s string) error {
	*v.set++
	v.text, v.order = s, *v.set
	return nil
}
func (v *number) String() string { return v.text }
func (v *number) Type() string   { return "int" }

// TcpdumpNumbers makes -s, -c and -B of fs keep their text for
// ParseNumbers.
func TcpdumpNumbers(fs *pflag.FlagSet) {
	set := new(int)
	for _, short := range []string{"s", "c", "B"} {
		if f := fs.ShorthandLookup(short); f != nil {
			f.Value = &number{text: f.DefValue, set: set}
		}
	}
}

// ParseNumbers parses the -s, -c and -B given (see TcpdumpNumbers) into
// snaplen, count and bufferKiB as tcpdump does, and refuses what it
// refuses: the first bad one given, in tcpdump's words.
func ParseNumbers(fs *pflag.FlagSet, snaplen, count, bufferKiB *int) error {
	var first error
	firstOrder := 0
	bad := func(v *number, err error) {
		if first == nil || v.order < firstOrder {
			first, firstOrder = err, v.order
		}
	}
	if v, ok := changed(fs, "s"); ok {
		// tcpdump: strtol(optarg, &end, 0), the whole text, 0..262144.
		n, ok := cStrtol(v.text)
		if !ok || n < 0 || n > filter.DefaultSnaplen {
			bad(v, fmt.Errorf("invalid snaplen %s (must be >= 0 and <= %d)", v.text, filter.DefaultSnaplen))
		} else {
			*snaplen = int(n)
		}
	}
	if v, ok := changed(fs, "c"); ok {
		// tcpdump: cnt = atoi(optarg); cnt <= 0 is refused.
		if n := cAtoi(v.text); n <= 0 {
			bad(v, fmt.Errorf("invalid packet count %s", v.text))
		} else {
			*count = int(n)
		}
	}
	if v, ok := changed(fs, "B"); ok {
		// tcpdump: bufsize = atoi(optarg)*1024 in an int; <= 0 is
		// refused (so is anything that wraps past 2^31-1).
		if b := cAtoi(v.text) * 1024; b <= 0 {
			bad(v, fmt.Errorf("invalid packet buffer size %s", v.text))
		} else {
			*bufferKiB = int(b / 1024)
		}
	}
	return first
}

func changed(fs *pflag.FlagSet, short string) (*number, bool) {
	f := fs.ShorthandLookup(short)
	if f == nil || !f.Changed {
		return nil, false
	}
	v, ok := f.Value.(*number)
	return v, ok
}

// RingSize is the ring buffer of -B KiB: a power of two, at least a page.
func RingSize(kib int) int {
	p := os.Getpagesize()
	for p < kib*1024 {
		p <<= 1
	}
	return p
}

// InterfacesUp refuses an interface that is not up, as libpcap does
// when it activates a capture (tcpdump prints "That device is not up";
// an interface that is up without carrier is fine). Names that do not
// resolve are left to the capture's own lookup and its message.
func InterfacesUp(names []string) error {
	ifs, any, err := Interfaces(names)
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
