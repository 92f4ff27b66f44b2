package netns_test

import (
	"runtime"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/netns"
)

// A namespace keeps its cookie, and a new one, made after an older one is
// gone, never gets the older one's (its inode number can be reused).
func TestCookieNamesOneNamespace(t *testing.T) {
	if unix.Geteuid() != 0 {
		t.Skip("needs root to make network namespaces")
	}
	here, err := netns.Current()
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := netns.Current(); again != here {
		t.Fatalf("the same namespace gave %d, then %d", here, again)
	}
	seen := map[uint64]bool{here: true}
	for i := 0; i < 20; i++ {
		c := make(chan uint64)
		go func() {
			// The thread dies with its namespace: it is never unlocked.
			runtime.LockOSThread()
			if err := unix.Unshare(unix.CLONE_NEWNET); err != nil {
				t.Error(err)
				c <- 0
				return
			}
			v, err := netns.Current()
			if err != nil {
				t.Error(err)
			}
			c <- v
		}()
		v := <-c
		if v == 0 || seen[v] {
			t.Fatalf("namespace %d got cookie %d, already seen in %v", i, v, seen)
		}
		seen[v] = true
	}
}
