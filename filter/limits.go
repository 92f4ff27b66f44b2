// limits.go refuses filters whose eBPF cannot be spliced into a program:
// the check is made on the translated function before it is spliced, so
// an expression that is too large never reaches the kernel (whose
// answer would be a jump offset wrapped to a wrong target, or a verifier
// log).
package filter

import (
	"fmt"

	"github.com/cilium/ebpf/asm"
)

// MaxInstructions is the largest filter function, in eBPF instruction
// slots (a 64-bit load takes two), that Splice accepts. The function's
// jumps go forward to its last instruction (the exit), and an eBPF jump's
// offset is a signed 16-bit number of instructions: with at most 32768
// slots every jump reaches its target. The verifier's own limit on a
// program (one million instructions) is far above it.
const MaxInstructions = 32768

// TooLargeError is an expression whose eBPF is larger than MaxInstructions.
type TooLargeError struct {
	Expr    string
	Classic int // libpcap's classic instructions
	EBPF    int // the translated function's instruction slots
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the filter is too large for XDP: it compiles to %d eBPF instructions (from %d classic BPF instructions), and a filter can have at most %d (the reach of an eBPF jump)",
		e.EBPF, e.Classic, MaxInstructions)
}

// slots counts the instruction slots of insns (the units of jump offsets).
func slots(insns asm.Instructions) int {
	n := 0
	for _, in := range insns {
		n += int(in.Size() / asm.InstructionSize)
	}
	return n
}

// checkSize refuses a filter function larger than MaxInstructions.
func checkSize(prog *Program, insns asm.Instructions) error {
	if n := slots(insns); n > MaxInstructions {
		return &TooLargeError{Expr: prog.Expr, Classic: len(prog.Insns), EBPF: n}
	}
	return nil
}
