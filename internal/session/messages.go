// messages.go keeps the session's failures to one line a user reads,
// with the cause last: a failure of our own loader comes out without the
// chain's account of where it was called from (the chain leaves the
// interface as it found it either way), and a ring buffer the kernel
// cannot allocate names -B's size.
package session

import (
	"errors"
	"fmt"
	"syscall"
)

// loaderError is a failure of the loader that chain.Attach calls: its
// message is whole without the chain's prefix ("loading the xdp.frags
// variant in front of ...").
type loaderError struct{ err error }

func (e *loaderError) Error() string { return e.err.Error() }
func (e *loaderError) Unwrap() error { return e.err }

// ourLoader marks a loader's failure as one the session explains itself.
func ourLoader(err error) error {
	if err == nil {
		return nil
	}
	return &loaderError{err}
}

// attachError is the one line for a failed chain.Attach on ifname.
func attachError(ifname string, err error) error {
	var le *loaderError
	if errors.As(err, &le) {
		return permission(ifname, le.err)
	}
	return permission(ifname+": attaching to the XDP hook", err)
}

// ringError explains why the ring buffer of size bytes could not be made.
func ringError(size int, err error) error {
	if errors.Is(err, syscall.ENOMEM) {
		return fmt.Errorf("the kernel could not allocate a ring buffer of %s (-B %d): cannot allocate memory", sizeName(size), size/1024)
	}
	return permission("creating the ring buffer", err)
}

func sizeName(n int) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}
