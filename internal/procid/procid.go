// Package procid names a process in a way that outlives the reuse of its
// PID: the PID and the process's start time (field 22 of /proc/PID/stat,
// clock ticks after boot). xdpdump's pinned records (chain state, xdpcap
// hook slots, clsact and promiscuous-mode records) carry both, so that a
// later xdpdump can tell whether their owner still runs; their directories
// are named after the PID (NewName).
package procid

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Start returns the start time of pid (field 22 of /proc/PID/stat), or 0
// if there is no such process.
func Start(pid int) uint64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name (field 2) is in parentheses and may hold any byte.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	// f[0] is field 3 (state): field 22 is f[19].
	if len(f) < 20 {
		return 0
	}
	v, _ := strconv.ParseUint(f[19], 10, 64)
	return v
}

// Self returns this process's PID and start time.
func Self() (pid uint32, start uint64) {
	p := os.Getpid()
	return uint32(p), Start(p)
}

// Alive reports whether the process pid that started at start still runs:
// never for pid 0 or start 0 (nobody recorded).
func Alive(pid int, start uint64) bool {
	if pid <= 0 || start == 0 {
		return false
	}
	return Start(pid) == start
}

// NewName is a fresh name for a directory of this process's pins: its PID
// and 8 random hex digits, so that the pins of several instances in one
// process never collide, and the PID says whose they are.
func NewName() (string, error) {
	var r [4]byte
	if _, err := rand.Read(r[:]); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d-%s", os.Getpid(), hex.EncodeToString(r[:])), nil
}
