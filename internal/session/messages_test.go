package session

import (
	"errors"
	"fmt"
	"syscall"
	"testing"
)

// TestAttachError: a failure of our own loader comes out of chain.Attach
// without the chain's prefixes; the chain's own failures keep theirs, and
// a refusal for want of privileges says what it takes.
func TestAttachError(t *testing.T) {
	ours := errors.New("the kernel's verifier refused xdpdump's program xdpdump_capture_frags: R2 invalid mem access 'scalar'")
	viaChain := fmt.Errorf("loading the xdp.frags variant in front of nothing attached: %w", ourLoader(ours))
	if got := attachError("va1", viaChain).Error(); got != "va1: "+ours.Error() {
		t.Errorf("loader failure: %q", got)
	}
	chainOwn := fmt.Errorf("swapping in front of prog 7: %w", syscall.EBUSY)
	if got := attachError("va1", chainOwn).Error(); got != "va1: attaching to the XDP hook: swapping in front of prog 7: device or resource busy" {
		t.Errorf("chain failure: %q", got)
	}
	denied := fmt.Errorf("loading the xdp variant: %w", ourLoader(fmt.Errorf("load program: %w", syscall.EPERM)))
	if got := attachError("va1", denied).Error(); got != "va1: permission denied: loading BPF programs needs root (CAP_BPF, CAP_NET_ADMIN)" {
		t.Errorf("permission: %q", got)
	}
	if got := ringError(1<<30, fmt.Errorf("map create: %w", syscall.ENOMEM)).Error(); got != "the kernel could not allocate a ring buffer of 1 GiB (-B 1048576): cannot allocate memory" {
		t.Errorf("ring: %q", got)
	}
}
