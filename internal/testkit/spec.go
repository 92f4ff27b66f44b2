// Helpers for tests that load xdpdump's BPF objects themselves, read
// what a capture wrote, or drive the shell completion scripts.

package testkit

import (
	"os"
	"strings"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/gopacket/gopacket/pcapgo"
)

// StageSpec is the collection spec that load (a bpf2go loader:
// bpf.LoadCapture, bpf.LoadEgress, ...) returns, with its scratch map
// sized to the possible CPUs (one entry each, as internal/stage sizes it):
// what a stage's object needs before a test loads it by itself.
func StageSpec(t testing.TB, load func() (*ebpf.CollectionSpec, error)) *ebpf.CollectionSpec {
	t.Helper()
	spec, err := load()
	if err != nil {
		t.Fatal(err)
	}
	ncpu, err := ebpf.PossibleCPU()
	if err != nil {
		t.Fatal(err)
	}
	spec.Maps["scratch"].MaxEntries = uint32(ncpu)
	return spec
}

// PcapReader opens the pcap file path for reading; the file is closed
// when t ends.
func PcapReader(t testing.TB, path string) *pcapgo.Reader {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	r, err := pcapgo.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// BashCompletionSetup is the start of a bash script that completes words
// as bash would with the cursor at the end of the last: it sources the
// completion script named by its first argument and sets COMP_WORDS (each
// word quoted for the shell) and COMP_CWORD; the caller adds the rest
// (the completion function's call, printing COMPREPLY).
func BashCompletionSetup(words ...string) string {
	var q []string
	for _, w := range words {
		q = append(q, "'"+strings.ReplaceAll(w, "'", `'\''`)+"'")
	}
	return `source "$1" || exit 1
COMP_WORDS=(` + strings.Join(q, " ") + `)
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
`
}
