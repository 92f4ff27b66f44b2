package pcapout

import (
	"bufio"
	"os"
	"runtime"
	"strings"

	"golang.org/x/sys/unix"
)

// systemOS returns "Linux <release>" from uname, e.g. "Linux 6.18.44".
func systemOS() string {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return runtime.GOOS
	}
	return strings.TrimSpace(unix.ByteSliceToString(u.Sysname[:]) + " " + unix.ByteSliceToString(u.Release[:]))
}

// systemHardware returns the CPU model and machine, e.g.
// "AMD EPYC 7B13 (x86_64)", or just the machine when the model is unknown.
func systemHardware() string {
	machine := runtime.GOARCH
	var u unix.Utsname
	if err := unix.Uname(&u); err == nil {
		machine = unix.ByteSliceToString(u.Machine[:])
	}
	if model := cpuModel(); model != "" {
		return model + " (" + machine + ")"
	}
	return machine
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		k, v, ok := strings.Cut(s.Text(), ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "model name", "Model", "cpu model", "Hardware":
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
	}
	return ""
}
