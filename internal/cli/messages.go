// messages.go words -D's note for a hook it cannot read: an unprivileged
// user is told a program is attached, not the library's words (tcpdump
// -D lists the interfaces to anyone).
package cli

import (
	"errors"
	"os"
	"syscall"
)

// hookUnreadable is -D's note for an interface whose XDP hook could not
// be read.
func hookUnreadable(err error) string {
	if errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EACCES) {
		return "an XDP program is attached (only root can read which one)"
	}
	return "XDP hook not readable: " + firstLine(err)
}

// pathCause is the system's reason of a failed file operation, without
// the operation and the name (the message names them its own way).
func pathCause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
