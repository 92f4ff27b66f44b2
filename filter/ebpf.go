package filter

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/btf"
	"github.com/cloudflare/cbpfc"
	"golang.org/x/net/bpf"
)

// Placeholder is the name of the function that Splice replaces
// (bpf/include/filter.h).
const Placeholder = "xdpdump_filter"

// Hook says which context the spliced filter runs in, which decides how it
// finds the packet and the whole frame's length.
type Hook int

const (
	// XDP: struct xdp_md; len is bpf_xdp_get_buff_len (fragments included).
	XDP Hook = iota
	// TC: struct __sk_buff; len is skb->len.
	TC
)

// Register use of the spliced function. R1 holds the context on entry; the
// prelude loads the packet pointers, then cbpfc's code runs with these.
const (
	regStart = asm.R2
	regEnd   = asm.R3
	regLen   = asm.R8 // the whole frame's length, when the filter reads len
	regA     = asm.R4
	regX     = asm.R5
	regTmp   = asm.R6
	regInd   = asm.R7
)

const resultLabel = "xdpdump_filter_result"

// UnsupportedError names a construct that libpcap compiles but that cannot
// run as eBPF in the XDP (or TC) program.
type UnsupportedError struct {
	Expr      string
	Construct string // the tcpdump construct at fault, e.g. "protochain"; "" if unknown
	Reason    string
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("expression %q cannot run in the kernel: %s", e.Expr, e.Reason)
}

// Compile compiles expr (tcpdump syntax) into the body of the filter
// function for hook. An empty expression returns nil instructions: match
// everything, and the caller leaves the filter out altogether.
func Compile(expr string, snaplen int, hook Hook) (asm.Instructions, *Program, error) {
	return CompileNetmask(expr, snaplen, hook, NetmaskUnknown)
}

// CompileNetmask is Compile with a netmask (see LiveNetmask).
func CompileNetmask(expr string, snaplen int, hook Hook, netmask uint32) (asm.Instructions, *Program, error) {
	if strings.TrimSpace(expr) == "" {
		return nil, nil, nil
	}
	prog, err := CompileCBPFNetmask(expr, snaplen, netmask)
	if err != nil {
		return nil, nil, err
	}
	insns, err := ToEBPF(prog, hook)
	if err != nil {
		return nil, prog, err
	}
	return insns, prog, nil
}

// ToEBPF translates a classic program into the body of the filter function
// for hook: prelude, cbpfc's code, and the exit.
func ToEBPF(prog *Program, hook Hook) (asm.Instructions, error) {
	if prog == nil || len(prog.Insns) == 0 {
		return nil, errors.New("filter: empty classic program")
	}
	raw, err := prepare(prog)
	if err != nil {
		return nil, err
	}
	cinsns, err := (&Program{Expr: prog.Expr, Insns: raw}).Instructions()
	if err != nil {
		return nil, &UnsupportedError{Expr: prog.Expr, Reason: err.Error()}
	}
	usesLen := false
	for _, in := range cinsns {
		if ext, ok := in.(bpf.LoadExtension); ok && ext.Num == bpf.ExtLen {
			usesLen = true
		}
	}

	body, err := cbpfc.ToEBPF(cinsns, cbpfc.EBPFOpts{
		PacketStart: regStart,
		PacketEnd:   regEnd,
		Result:      asm.R0,
		ResultLabel: resultLabel,
		Working:     [4]asm.Register{regA, regX, regTmp, regInd},
		StackOffset: 0,
		LabelPrefix: "xdpdump_filter",
	})
	if err != nil {
		return nil, &UnsupportedError{Expr: prog.Expr, Reason: explain(prog.Expr, err)}
	}
	if usesLen {
		body = rewriteLen(body)
	}
	body = rewriteShifts(body)
	// Reads past the linear part of a frame fall back to the slow path.
	var slow asm.Instructions
	if b, ok := nomatchToSlow(body, hook); ok {
		if slow, err = slowPath(raw, hook); err != nil {
			return nil, &UnsupportedError{Expr: prog.Expr, Reason: err.Error()}
		}
		body = b
	}

	var pre asm.Instructions
	switch hook {
	case XDP:
		if usesLen {
			// R1 is still ctx; the helper clobbers R1-R5, so it runs first.
			pre = append(pre,
				asm.Mov.Reg(asm.R6, asm.R1),
				asm.FnXdpGetBuffLen.Call(),
				asm.Mov.Reg(regLen, asm.R0),
				asm.Mov.Reg(asm.R1, asm.R6),
			)
		}
		pre = append(pre,
			asm.LoadMem(regStart, asm.R1, 0, asm.Word), // xdp_md->data
			asm.LoadMem(regEnd, asm.R1, 4, asm.Word),   // xdp_md->data_end
		)
	case TC:
		if usesLen {
			pre = append(pre, asm.LoadMem(regLen, asm.R1, 0, asm.Word)) // __sk_buff->len
		}
		pre = append(pre,
			asm.LoadMem(regStart, asm.R1, 76, asm.Word), // __sk_buff->data
			asm.LoadMem(regEnd, asm.R1, 80, asm.Word),   // __sk_buff->data_end
		)
	default:
		return nil, fmt.Errorf("unknown hook %d", hook)
	}

	out := make(asm.Instructions, 0, len(pre)+len(body)+len(slow)+1)
	out = append(out, pre...)
	out = append(out, body...)
	out = append(out, slow...)
	out = append(out, asm.Return().WithSymbol(resultLabel))
	if err := checkSize(prog, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Classic BPF opcodes prepare looks at.
const (
	opLdAbsW  = 0x20 // BPF_LD|BPF_W|BPF_ABS
	opLdAbsH  = 0x28
	opLdAbsB  = 0x30
	opLdIndW  = 0x40 // BPF_LD|BPF_W|BPF_IND
	opLdIndH  = 0x48
	opLdIndB  = 0x50
	opLdxMsh  = 0xb1 // BPF_LDX|BPF_B|BPF_MSH
	opJa      = 0x05 // BPF_JMP|BPF_JA
	opRetK    = 0x06 // BPF_RET|BPF_K
	skfAdOff  = 0xfffff000
	skfAdLast = 0xfffff000 + 60 // SKF_AD_VLAN_TPID
)

// Linux socket filter extensions (SKF_AD_*) that libpcap emits for some
// constructs when it compiles for Linux, and the construct they come from.
var extensions = map[uint32][2]string{
	0:  {"SKF_AD_PROTOCOL", "the skb protocol"},
	4:  {"SKF_AD_PKTTYPE", "inbound/outbound (the packet type)"},
	8:  {"SKF_AD_IFINDEX", "ifindex"},
	12: {"SKF_AD_NLATTR", "a netlink attribute"},
	16: {"SKF_AD_NLATTR_NEST", "a netlink attribute"},
	20: {"SKF_AD_MARK", "the skb mark"},
	24: {"SKF_AD_QUEUE", "the queue mapping"},
	28: {"SKF_AD_HATYPE", "the device type"},
	32: {"SKF_AD_RXHASH", "the receive hash"},
	36: {"SKF_AD_CPU", "the CPU"},
	44: {"SKF_AD_VLAN_TAG", "vlan (the VLAN tag the kernel took out of the frame)"},
	48: {"SKF_AD_VLAN_TAG_PRESENT", "vlan (the VLAN tag the kernel took out of the frame)"},
	52: {"SKF_AD_PAY_OFFSET", "the payload offset"},
	56: {"SKF_AD_RANDOM", "a random number"},
	60: {"SKF_AD_VLAN_TPID", "vlan (the VLAN tag the kernel took out of the frame)"},
}

// prepare checks a classic program for what the eBPF translation cannot
// do and returns a copy in which loads that libpcap's interpreter always
// fails are replaced by "ret #0", which is what such a load does in
// bpf_filter (and in the kernel): cbpfc would otherwise read a negative
// offset as an extension or refuse it.
func prepare(prog *Program) ([]bpf.RawInstruction, error) {
	out := make([]bpf.RawInstruction, len(prog.Insns))
	copy(out, prog.Insns)
	for i, in := range out {
		switch in.Op {
		case opJa:
			if int32(in.K) < 0 || i+1+int(in.K) >= len(out) {
				if strings.Contains(prog.Expr, "protochain") {
					return nil, &UnsupportedError{Expr: prog.Expr, Construct: "protochain",
						Reason: "protochain is not supported: libpcap compiles it into a loop over the IPv6 extension headers (a backward jump), and eBPF spliced into XDP cannot loop"}
				}
				return nil, &UnsupportedError{Expr: prog.Expr,
					Reason: fmt.Sprintf("instruction %d jumps backwards (a loop), which eBPF spliced into XDP cannot do", i)}
			}
		case opLdAbsW, opLdAbsH, opLdAbsB:
			if in.K >= skfAdOff && in.K <= skfAdLast {
				if ext, ok := extensions[in.K-skfAdOff]; ok {
					return nil, &UnsupportedError{Expr: prog.Expr, Construct: ext[1],
						Reason: fmt.Sprintf("%s is not supported: libpcap reads it from the Linux socket filter extension %s, which does not exist at the XDP hook", ext[1], ext[0])}
				}
			}
			if int32(in.K) < 0 {
				out[i] = bpf.RawInstruction{Op: opRetK}
			}
		case opLdIndW, opLdIndH, opLdIndB, opLdxMsh:
			if int32(in.K) < 0 {
				out[i] = bpf.RawInstruction{Op: opRetK}
			}
		}
	}
	return out, nil
}

// rewriteLen replaces cbpfc's translation of `len` (data_end - data, the
// linear part only) by the whole frame's length held in regLen.
func rewriteLen(insns asm.Instructions) asm.Instructions {
	out := make(asm.Instructions, 0, len(insns))
	for i := 0; i < len(insns); i++ {
		in := insns[i]
		if i+1 < len(insns) &&
			in.OpCode == asm.Mov.Op(asm.RegSource) && in.Dst == regA && in.Src == regEnd &&
			insns[i+1].OpCode == asm.Sub.Op32(asm.RegSource) && insns[i+1].Dst == regA && insns[i+1].Src == regStart {
			repl := asm.Mov.Reg32(regA, regLen)
			repl.Metadata = in.Metadata // keeps a jump label on the first one
			out = append(out, repl)
			i++
			continue
		}
		out = append(out, in)
	}
	return out
}

// rewriteShifts gives shifts by X libpcap's meaning: bpf_filter makes
// A = 0 when X >= 32, where an eBPF shift uses X modulo 32.
func rewriteShifts(insns asm.Instructions) asm.Instructions {
	lsh, rsh := asm.LSh.Op32(asm.RegSource), asm.RSh.Op32(asm.RegSource)
	out := make(asm.Instructions, 0, len(insns))
	for _, in := range insns {
		if (in.OpCode != lsh && in.OpCode != rsh) || in.Dst != regA || in.Src != regX {
			out = append(out, in)
			continue
		}
		// if X >= 32 goto zero; A <<= X; goto next; zero: A = 0; next:
		check := asm.Instruction{OpCode: asm.OpCode(asm.JumpClass).SetJumpOp(asm.JGE).SetSource(asm.ImmSource),
			Dst: regX, Constant: 32, Offset: 2}
		check.Metadata = in.Metadata // a jump label on the shift moves to the check
		shift := in
		shift.Metadata = asm.Metadata{}
		skip := asm.Instruction{OpCode: asm.OpCode(asm.JumpClass).SetJumpOp(asm.Ja), Offset: 1}
		out = append(out, check, shift, skip, asm.Mov.Imm32(regA, 0))
	}
	return out
}

// explain turns cbpfc's error into words a tcpdump user can act on.
func explain(expr string, err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(expr, "protochain"):
		return "protochain walks headers with a backward jump, which eBPF filters cannot do (" + msg + ")"
	case strings.Contains(msg, "extension"):
		return "it uses a Linux socket filter extension that XDP does not have (" + msg + ")"
	}
	return msg
}

// Splice replaces the body of the placeholder function in spec with body.
// The first instruction keeps the placeholder's symbol, BTF function info
// and line info, as the verifier wants them.
func Splice(spec *ebpf.ProgramSpec, body asm.Instructions) error {
	if len(body) == 0 {
		return errors.New("splice: empty filter body")
	}
	start := -1
	for i, in := range spec.Instructions {
		if in.Symbol() == Placeholder {
			start = i
			break
		}
	}
	if start < 0 {
		return fmt.Errorf("splice: program %s has no function %s", spec.Name, Placeholder)
	}
	end := len(spec.Instructions)
	for i := start + 1; i < len(spec.Instructions); i++ {
		in := &spec.Instructions[i]
		if in.Symbol() != "" || btf.FuncMetadata(in) != nil {
			end = i
			break
		}
	}

	first := spec.Instructions[start]
	repl := make(asm.Instructions, len(body))
	copy(repl, body)
	sym := repl[0].Symbol()
	repl[0].Metadata = first.Metadata
	if sym != "" {
		// The body's own first label moves to an instruction of its own:
		// the placeholder's symbol has to stay on the first instruction.
		repl = append(asm.Instructions{repl[0]}, repl...)
		repl[0] = asm.Mov.Reg(asm.R1, asm.R1)
		repl[0].Metadata = first.Metadata
		repl[1] = body[0].WithSymbol(sym)
	}

	insns := make(asm.Instructions, 0, len(spec.Instructions)-(end-start)+len(repl))
	insns = append(insns, spec.Instructions[:start]...)
	insns = append(insns, repl...)
	insns = append(insns, spec.Instructions[end:]...)
	spec.Instructions = insns
	return nil
}

// DumpEBPF formats the eBPF that Compile made (the spliced function's
// body), one instruction a line with its labels, for --dump-ebpf. Nil
// instructions (the empty expression) print as a note that no filter runs.
func DumpEBPF(insns asm.Instructions) string {
	if len(insns) == 0 {
		return "; no filter: every packet matches\n"
	}
	return fmt.Sprintf("%v", insns)
}
