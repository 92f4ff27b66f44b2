// Programs of libxdp (xdp-tools): they keep their own books on the hook.
package chain

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/btf"
)

// libxdpOwned reports why prog, attached to ifindex, belongs to libxdp
// (xdp-loader, xdp-filter and other programs built on it), or "". libxdp
// recognises its programs on the hook — its multi-program dispatcher
// `xdp_dispatcher`, pinned under <bpffs>/xdp/dispatch-<ifindex>-<prog id>,
// or a program carrying its run configuration (the `.xdp_run_config`
// section of its BTF, which libxdp loads directly where it cannot build a
// dispatcher, as on kernels that refuse freplace). While xdpdump stands in
// front, the hook runs xdpdump's program, so libxdp's tools consider
// theirs gone (and may remove their pins).
func libxdpOwned(ifindex int, prog *ebpf.Program) string {
	info, err := prog.Info()
	if err != nil {
		return ""
	}
	id, _ := info.ID()
	if info.Name == "xdp_dispatcher" {
		return "it is libxdp's dispatcher xdp_dispatcher"
	}
	pin := filepath.Join(BPFFS, "xdp", fmt.Sprintf("dispatch-%d-%d", ifindex, id))
	if _, err := os.Stat(pin); err == nil {
		return "libxdp pinned it under " + pin
	}
	h, err := prog.Handle()
	if err != nil {
		return ""
	}
	defer h.Close()
	spec, err := h.Spec(nil)
	if err != nil {
		return ""
	}
	var ds *btf.Datasec
	if spec.TypeByName(".xdp_run_config", &ds) == nil {
		return "it carries libxdp's run configuration (.xdp_run_config)"
	}
	return ""
}
