// messages.go words the failures that leave cmd: one line a user reads,
// the cause last, without the call chain of the packages underneath or
// a library's own words where those say nothing to a tcpdump user.
package main

import (
	"errors"
	"fmt"
	"syscall"
)

// writeFailure is a failed write to the output called name, one line:
// the system's reason when there is one, without the writer's layers.
func writeFailure(name string, err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return fmt.Errorf("%s: %v", name, errno)
	}
	return fmt.Errorf("writing %s: %v", name, err)
}
