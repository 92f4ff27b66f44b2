// The hook ABI of cloudflare/xdpcap, checked on an opened hook, and the
// kernel's record of which programs the hook serves.

package xdpcap

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/cilium/ebpf"
)

// Slots is the number of slots of an xdpcap hook: one per XDP action,
// XDP_ABORTED (0) to XDP_REDIRECT (4).
const Slots = 5

// MinSlots is the number of slots of the hooks that cloudflare/xdpcap's
// own Go package (xdpcap.NewHook), its README's map definition and the
// hook.h of its first releases create: XDP_ABORTED to XDP_TX, without a
// slot for XDP_REDIRECT. xdpcap itself takes any number of slots and
// fills as many as the hook has; xdpdump takes these two sizes.
const MinSlots = 4

// ErrABI is wrapped by the refusal of a map that is not an xdpcap hook.
var ErrABI = errors.New("not an xdpcap hook")

// CheckABI checks that m is what xdpcap's hook.h and xdpcap.NewHook
// declare: a prog array with 4-byte (int) keys and values and one slot
// per XDP action (5, or 4 without XDP_REDIRECT's).
func CheckABI(m *ebpf.Map) error {
	var bad []string
	if m.Type() != ebpf.ProgramArray {
		bad = append(bad, fmt.Sprintf("it is a %s map, not a prog array", m.Type()))
	}
	if m.KeySize() != 4 || m.ValueSize() != 4 {
		bad = append(bad, fmt.Sprintf("its keys and values are %d and %d bytes, not 4 and 4", m.KeySize(), m.ValueSize()))
	}
	if n := m.MaxEntries(); n != Slots && n != MinSlots {
		bad = append(bad, fmt.Sprintf("it has %d slots, not %d (one per XDP action) or %d (as xdpcap.NewHook makes it, none for XDP_REDIRECT)", n, Slots, MinSlots))
	}
	if len(bad) > 0 {
		return fmt.Errorf("%w: %s", ErrABI, strings.Join(bad, ", "))
	}
	return nil
}

// progTypeXDP is BPF_PROG_TYPE_XDP.
const progTypeXDP = 6

// owner reads the program type the kernel fixed for the prog array m
// (fdinfo's owner_prog_type): that of the first program put into it or
// loaded to tail-call through it. 0: no program has used it yet.
func owner(m *ebpf.Map) (uint32, error) {
	f, err := os.Open(fmt.Sprintf("/proc/self/fdinfo/%d", m.FD()))
	if err != nil {
		return 0, fmt.Errorf("reading the hook's fdinfo: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || k != "owner_prog_type" {
			continue
		}
		t, err := strconv.ParseUint(strings.TrimSpace(v), 10, 32)
		if err != nil {
			return 0, fmt.Errorf("the hook's fdinfo: owner_prog_type %q", v)
		}
		return uint32(t), nil
	}
	return 0, sc.Err()
}

// ActionName is the name of an XDP action as xdp-tools' xdpdump prints it
// (without brackets): ABORTED, DROP, PASS, TX, REDIRECT.
func ActionName(a uint32) string {
	switch a {
	case 0:
		return "ABORTED"
	case 1:
		return "DROP"
	case 2:
		return "PASS"
	case 3:
		return "TX"
	case 4:
		return "REDIRECT"
	}
	return "*unknown*"
}
