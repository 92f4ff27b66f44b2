// `xdpdump chain` (show, --insert, --remove) and --recover: the XDP chain
// of an interface and what xdpdumps that died left on it, with the words
// of a refusal to an unprivileged user.

package cli

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/internal/chain"
	"github.com/xdpdump/xdpdump/internal/egress"
	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/internal/xdpcap"
)

// ChainOptions are those of `xdpdump chain`.
type ChainOptions struct {
	Interface string
	Insert    string // PROG.o[:SECTION]: put it into the chain
	Remove    uint32 // take the stage with this program ID out
}

// Chain makes the change o asks for (at most one), then lists the chain
// on w in the order packets run through it.
func Chain(w io.Writer, o ChainOptions) error {
	if o.Interface == "" {
		return errors.New("chain needs -i IFACE")
	}
	ni, err := net.InterfaceByName(o.Interface)
	if err != nil {
		return fmt.Errorf("%s: No such device exists", o.Interface)
	}
	switch {
	case o.Insert != "" && o.Remove != 0:
		return errors.New("--insert and --remove together: one at a time")
	case o.Insert != "":
		obj, sec := o.Insert, ""
		if i := strings.LastIndexByte(obj, ':'); i > 0 {
			obj, sec = obj[:i], obj[i+1:]
		}
		slot, err := chain.Insert(ni.Index, obj, sec)
		if err != nil {
			// A stage that would end the chain is refused like any other
			// bad input: one line, exit 1, nothing changed.
			return chainError(o.Interface, err)
		}
		fmt.Fprintf(w, "%s: %s inserted in slot %d\n", o.Interface, o.Insert, slot)
	case o.Remove != 0:
		if err := chain.Remove(ni.Index, ebpf.ProgramID(o.Remove)); err != nil {
			return chainError(o.Interface, err)
		}
		fmt.Fprintf(w, "%s: prog %d removed from the chain\n", o.Interface, o.Remove)
	}
	stages, err := chain.Show(ni.Index)
	if err != nil {
		return chainError(o.Interface, err)
	}
	if len(stages) == 0 {
		_, err = fmt.Fprintf(w, "%s: no XDP program attached\n", o.Interface)
		return err
	}
	fmt.Fprintf(w, "%s: XDP chain, in the order packets run through it:\n", o.Interface)
	for i, s := range stages {
		fmt.Fprintf(w, "%2d. %s\n", i+1, s)
	}
	return nil
}

// RecoverAll is --recover: the slots of xdpcap hooks that dead xdpdumps
// left filled, then what they left on each interface (Recover). What was
// done goes to stderr, "nothing to recover" to stdout; fail is told every
// failure (the other interfaces are still recovered).
func RecoverAll(names []string, stdout, stderr io.Writer, fail func(error)) {
	if _, err := xdpcap.Recover(func(s string) { fmt.Fprintf(stderr, "xdpdump: %s\n", s) }); err != nil {
		fail(chainError("xdpcap hooks", err))
		return
	}
	if len(names) == 0 {
		fail(errors.New("--recover needs -i IFACE"))
		return
	}
	for _, name := range names {
		done, err := Recover(name, func(s string) { fmt.Fprintf(stderr, "xdpdump: %s: %s\n", name, s) })
		if err != nil {
			if isPermission(err) {
				err = chainError(name, err)
			}
			fail(err)
		} else if !done {
			fmt.Fprintf(stdout, "%s: nothing to recover\n", name)
		}
	}
}

// Recover restores what xdpdumps that died left on interface name: the
// XDP chain, clsact egress filters, promiscuous mode; log receives what
// was done. It returns false when there was nothing to recover.
func Recover(name string, log func(string)) (bool, error) {
	ni, err := net.InterfaceByName(name)
	if err != nil {
		return false, fmt.Errorf("%s: No such device exists", name)
	}
	done, err := chain.Recover(ni.Index, log)
	if err != nil {
		return done, fmt.Errorf("%s: %w", name, err)
	}
	tcDone, err := egress.RecoverClsact(ni.Index, log)
	if err != nil {
		return done || tcDone, fmt.Errorf("%s: clsact egress: %w", name, err)
	}
	// Promiscuous mode: every interface of the namespace, the records of
	// interfaces that are gone too.
	names, err := session.RecoverPromisc()
	for _, n := range names {
		if n == name {
			log("promiscuous mode turned off: an xdpdump that is gone had turned it on")
		} else {
			log("promiscuous mode of " + n + " turned off: an xdpdump that is gone had turned it on")
		}
	}
	if err != nil {
		return true, fmt.Errorf("%s: promiscuous mode: %w", name, err)
	}
	return done || tcDone || len(names) > 0, nil
}

// isPermission says whether err is the kernel refusing an unprivileged
// caller.
func isPermission(err error) bool {
	return errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EACCES)
}

// chainError is a failure of the chain commands (chain, --recover) on
// ifname. The chain's own words stay as they are, except the refusal of
// an unprivileged user, which names what it takes.
func chainError(ifname string, err error) error {
	if isPermission(err) {
		return fmt.Errorf("%s: you don't have permission to read or change xdpdump's XDP chain: that needs root (CAP_BPF, CAP_NET_ADMIN and CAP_SYS_ADMIN)", ifname)
	}
	return fmt.Errorf("%s: %w", ifname, err)
}
