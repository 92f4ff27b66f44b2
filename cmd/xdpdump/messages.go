// messages.go words the failures that leave cmd: one line a user reads,
// the cause last, without the call chain of the packages underneath or
// a library's own words where those say nothing to a tcpdump user.
package main

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

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

// permissionOr is err, or, when it is the kernel refusing an
// unprivileged user, the line that says what it takes.
func permissionOr(ifname string, err error) error {
	if isPermission(err) {
		return chainError(ifname, err)
	}
	return err
}

// writeFailure is a failed write to the output called name, one line:
// the system's reason when there is one, without the writer's layers.
func writeFailure(name string, err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return fmt.Errorf("%s: %v", name, errno)
	}
	return fmt.Errorf("writing %s: %v", name, err)
}
