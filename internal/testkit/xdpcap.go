package testkit

import (
	"testing"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/internal/testkit/progs"
)

// XdpcapFW loads the test firewall instrumented for cloudflare/xdpcap
// (progs/xdpcapfw.c) against hook, a prog array of slots entries, as
// xdpcap's users load theirs: its own hook map declared with the hook's
// size, the xdp (not frags) variant, with expected attach type at. The
// collection is closed when t ends.
func XdpcapFW(t testing.TB, hook *ebpf.Map, at ebpf.AttachType) *ebpf.Collection {
	t.Helper()
	spec, err := progs.LoadXdpcapfw()
	if err != nil {
		t.Fatal(err)
	}
	delete(spec.Programs, "xdpcap_fw_frags")
	spec.Maps["xdpcap_hook"].MaxEntries = hook.MaxEntries()
	spec.Programs["xdpcap_fw"].AttachType = at
	coll, err := ebpf.NewCollectionWithOptions(spec, ebpf.CollectionOptions{MapReplacements: map[string]*ebpf.Map{"xdpcap_hook": hook}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { coll.Close() })
	return coll
}
