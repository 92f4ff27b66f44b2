// Counting the kernel's IRQ-work interrupts: a ring buffer wakes its reader
// from an irq_work, which on x86 is a self-IPI on the producing CPU
// (irq_vectors:irq_work_entry). The tests and benchmarks count them per
// producing thread with a perf counter on that tracepoint, an oracle
// outside xdpdump's code.
package capture_test

import (
	"encoding/binary"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// irqWork counts irq_vectors:irq_work_entry while one thread runs.
type irqWork struct{ fd int }

// tracepointID is the perf id of a tracepoint ("irq_vectors/irq_work_entry"),
// mounting tracefs at its usual place if nothing is mounted there.
func tracepointID(name string) (uint64, error) {
	dirs := []string{"/sys/kernel/tracing", "/sys/kernel/debug/tracing"}
	for try := 0; try < 2; try++ {
		for _, d := range dirs {
			b, err := os.ReadFile(d + "/events/" + name + "/id")
			if err == nil {
				return strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
			}
		}
		if try == 0 {
			_ = unix.Mount("tracefs", dirs[0], "tracefs", 0, "")
		}
	}
	return 0, fmt.Errorf("no tracefs with the %s tracepoint", name)
}

// countIRQWork counts the IRQ-work interrupts taken while thread tid runs
// (0: the calling thread, which should be locked to its goroutine).
func countIRQWork(tid int) (*irqWork, error) {
	id, err := tracepointID("irq_vectors/irq_work_entry")
	if err != nil {
		return nil, err
	}
	if tid == 0 {
		tid = unix.Gettid()
	}
	attr := unix.PerfEventAttr{Type: unix.PERF_TYPE_TRACEPOINT, Config: id}
	attr.Size = uint32(unsafe.Sizeof(attr))
	fd, err := unix.PerfEventOpen(&attr, tid, -1, -1, unix.PERF_FLAG_FD_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("perf_event_open(irq_work_entry): %w", err)
	}
	return &irqWork{fd: fd}, nil
}

// Count is how many IRQ-work interrupts the thread has taken so far.
func (c *irqWork) Count() uint64 {
	if c == nil {
		return 0
	}
	var b [8]byte
	if n, err := unix.Read(c.fd, b[:]); err != nil || n != 8 {
		return 0
	}
	return binary.LittleEndian.Uint64(b[:])
}

func (c *irqWork) Close() {
	if c != nil {
		unix.Close(c.fd)
	}
}

// pinThread locks the calling goroutine to its thread and the thread to
// cpu (when there is such a CPU); the returned function undoes both.
func pinThread(cpu int) func() {
	runtime.LockOSThread()
	var old, one unix.CPUSet
	if cpu >= runtime.NumCPU() || unix.SchedGetaffinity(0, &old) != nil {
		return runtime.UnlockOSThread
	}
	one.Set(cpu)
	if unix.SchedSetaffinity(0, &one) != nil {
		return runtime.UnlockOSThread
	}
	return func() {
		_ = unix.SchedSetaffinity(0, &old)
		runtime.UnlockOSThread()
	}
}
