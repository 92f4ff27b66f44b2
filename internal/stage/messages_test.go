package stage

import "testing"

// TestVerifierCause: the line of a verifier log that says why, without
// the statistics after it.
func TestVerifierCause(t *testing.T) {
	for _, c := range []struct {
		log  []string
		want string
	}{
		{[]string{"0: R1=ctx() R10=fp0", "; x @ capture.c:12", "invalid access to packet, off=16 size=2, R5(id=138,off=16,r=0)", "R5 offset is outside of the packet",
			"processed 1603 insns (limit 1000000) max_states_per_insn 1 total_states 64 peak_states 64 mark_read 0"}, "R5 offset is outside of the packet"},
		{[]string{"BPF program is too large. Processed 1000001 insn", "processed 1000001 insns (limit 1000000) max_states_per_insn 4 total_states 9000 peak_states 900 mark_read 0"},
			"the filter has too many paths for it (BPF program is too large. Processed 1000001 insn): make the expression simpler"},
		{nil, "no reason given"},
	} {
		if got := verifierCause(c.log); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
	e := &VerifierError{Program: "xdpdump_capture", Cause: "R5 offset is outside of the packet"}
	if e.Error() != "the kernel's verifier refused xdpdump's program xdpdump_capture: R5 offset is outside of the packet" {
		t.Error(e.Error())
	}
}
