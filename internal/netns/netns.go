// Package netns names the network namespace the calling thread is in, for
// the pins that record where an xdpdump stood (chain, clsact, promiscuous
// mode): by the namespace's cookie, which the kernel never gives to
// another namespace while it runs. The namespace's inode number, which
// names it in /proc, is reused by a new namespace once the old one is
// gone, and pins of a deleted namespace would then be taken for the new
// one's.
package netns

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// Current is the cookie of the calling thread's network namespace
// (SO_NETNS_COOKIE, Linux 5.14), or its inode number on older kernels.
func Current() (uint64, error) {
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return 0, fmt.Errorf("reading our network namespace: %w", err)
	}
	defer unix.Close(fd)
	if c, err := unix.GetsockoptUint64(fd, unix.SOL_SOCKET, unix.SO_NETNS_COOKIE); err == nil {
		return c, nil
	}
	var st unix.Stat_t
	if err := unix.Stat("/proc/thread-self/ns/net", &st); err != nil {
		return 0, fmt.Errorf("reading our network namespace: %w", err)
	}
	return st.Ino, nil
}
