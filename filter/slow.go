package filter

import (
	"fmt"

	"github.com/cilium/ebpf/asm"
	"golang.org/x/net/bpf"
)

// The slow path: the classic program translated instruction by
// instruction, reading the packet with bpf_xdp_load_bytes (or
// bpf_skb_load_bytes at TC) instead of direct packet access.
//
// cbpfc's code reads only the linear part of the packet (data..data_end).
// A multi-buffer XDP frame (jumbo frames, xdp.frags) or a non-linear skb
// has more bytes than that, and libpcap's filter sees them all. Whenever
// cbpfc's code would answer "no match" because a read fell outside the
// linear part (its nomatch label: failed bounds checks, and division by
// zero), and the frame is not linear, the program runs this translation
// from the start instead; it sees the whole frame, so its verdict is
// libpcap's. Linear frames never reach it and pay nothing for it.

const (
	slowLabel  = "xdpdump_filter_slow"
	slowRet0   = "xdpdump_filter_slow_ret0"
	nomatchSym = "xdpdump_filter_nomatch" // cbpfc: LabelPrefix + "_nomatch"

	// Registers of the slow path (callee-saved: they survive helper calls).
	slowCtx = asm.R6
	slowA   = asm.R7
	slowX   = asm.R8
	slowTmp = asm.R9

	slowBuf = -72 // 8 bytes below cbpfc's scratch memory M[0..15]
)

func slowLbl(i int) string { return fmt.Sprintf("%s_%d", slowLabel, i) }

// memOff is the stack slot of M[n], where cbpfc keeps it too.
func memOff(n uint32) int16 { return -int16((n + 1) * 4) }

// reachable marks the classic instructions that some path runs.
func reachable(insns []bpf.RawInstruction) []bool {
	seen := make([]bool, len(insns))
	var walk func(i int)
	walk = func(i int) {
		for i >= 0 && i < len(insns) && !seen[i] {
			seen[i] = true
			in := insns[i]
			switch in.Op & 0x07 {
			case 0x06: // BPF_RET
				return
			case 0x05: // BPF_JMP
				if in.Op == opJa {
					i = i + 1 + int(int32(in.K))
					continue
				}
				walk(i + 1 + int(in.Jt))
				i = i + 1 + int(in.Jf)
				continue
			}
			i++
		}
	}
	walk(0)
	return seen
}

// slowPath translates the prepared classic program. On entry R1 is the
// context; it ends by jumping to resultLabel with the verdict in R0.
func slowPath(insns []bpf.RawInstruction, hook Hook) (asm.Instructions, error) {
	var loadFn, lenFn asm.BuiltinFunc
	switch hook {
	case XDP:
		loadFn, lenFn = asm.FnXdpLoadBytes, asm.FnXdpGetBuffLen
	case TC:
		loadFn = asm.FnSkbLoadBytes
	default:
		return nil, fmt.Errorf("unknown hook %d", hook)
	}
	live := reachable(insns)
	usedRet0 := false
	ret0 := func() string { usedRet0 = true; return slowRet0 }

	out := asm.Instructions{
		asm.Mov.Reg(slowCtx, asm.R1).WithSymbol(slowLabel),
		asm.Mov.Imm32(slowA, 0),
		asm.Mov.Imm32(slowX, 0),
	}
	// load reads size bytes at the offset in R2 into dst (big endian).
	load := func(dst asm.Register, size int) asm.Instructions {
		sz := map[int]asm.Size{1: asm.Byte, 2: asm.Half, 4: asm.Word}[size]
		l := asm.Instructions{
			asm.Mov.Reg(asm.R1, slowCtx),
			asm.Mov.Reg(asm.R3, asm.RFP),
			asm.Add.Imm(asm.R3, slowBuf),
			asm.Mov.Imm(asm.R4, int32(size)),
			loadFn.Call(),
			asm.JNE.Imm(asm.R0, 0, ret0()), // out of bounds: libpcap returns 0
			asm.LoadMem(dst, asm.RFP, slowBuf, sz),
		}
		if size > 1 {
			l = append(l, asm.HostTo(asm.BE, dst, sz))
		}
		return l
	}
	frameLen := func(dst asm.Register) asm.Instructions {
		if hook == TC {
			return asm.Instructions{asm.LoadMem(dst, slowCtx, 0, asm.Word)} // __sk_buff->len
		}
		return asm.Instructions{
			asm.Mov.Reg(asm.R1, slowCtx),
			lenFn.Call(),
			asm.Mov.Reg32(dst, asm.R0),
		}
	}
	target := func(i int, skip uint32) string { return slowLbl(i + 1 + int(skip)) }
	aluOps := map[uint16]asm.ALUOp{0x00: asm.Add, 0x10: asm.Sub, 0x20: asm.Mul, 0x30: asm.Div,
		0x40: asm.Or, 0x50: asm.And, 0x60: asm.LSh, 0x70: asm.RSh, 0x90: asm.Mod, 0xa0: asm.Xor}
	jmpOps := map[uint16]asm.JumpOp{0x10: asm.JEq, 0x20: asm.JGT, 0x30: asm.JGE, 0x40: asm.JSet}

	for i, in := range insns {
		if !live[i] {
			continue
		}
		var code asm.Instructions
		k := in.K
		switch cls := in.Op & 0x07; cls {
		case 0x00, 0x01: // BPF_LD, BPF_LDX
			dst := slowA
			if cls == 0x01 {
				dst = slowX
			}
			size := map[uint16]int{0x00: 4, 0x08: 2, 0x10: 1}[in.Op&0x18]
			switch mode := in.Op & 0xe0; {
			case mode == 0x00: // BPF_IMM
				code = asm.Instructions{asm.Mov.Imm32(dst, int32(k))}
			case mode == 0x60 && k < 16: // BPF_MEM
				code = asm.Instructions{asm.LoadMem(dst, asm.RFP, memOff(k), asm.Word)}
			case mode == 0x80: // BPF_LEN
				code = frameLen(dst)
			case mode == 0x20 && cls == 0x00 && size > 0 && int32(k) >= 0: // BPF_ABS
				code = append(asm.Instructions{asm.Mov.Imm32(asm.R2, int32(k))}, load(slowA, size)...)
			case mode == 0x40 && cls == 0x00 && size > 0 && int32(k) >= 0: // BPF_IND
				// X + k must not pass 2^32 (bpf_filter: X > buflen - k).
				code = asm.Instructions{
					asm.Mov.Reg(asm.R2, slowX),
					asm.Add.Imm(asm.R2, int32(k)),
					asm.Mov.Reg(slowTmp, asm.R2),
					asm.RSh.Imm(slowTmp, 32),
					asm.JNE.Imm(slowTmp, 0, ret0()),
				}
				code = append(code, load(slowA, size)...)
			case in.Op == opLdxMsh && int32(k) >= 0:
				code = append(asm.Instructions{asm.Mov.Imm32(asm.R2, int32(k))}, load(slowTmp, 1)...)
				code = append(code, asm.And.Imm32(slowTmp, 0xf), asm.LSh.Imm32(slowTmp, 2), asm.Mov.Reg32(slowX, slowTmp))
			default:
				return nil, fmt.Errorf("classic BPF instruction %d (%#04x) is not supported", i, in.Op)
			}
		case 0x02, 0x03: // BPF_ST, BPF_STX
			if k >= 16 {
				return nil, fmt.Errorf("classic BPF instruction %d stores to M[%d]", i, k)
			}
			src := slowA
			if cls == 0x03 {
				src = slowX
			}
			code = asm.Instructions{asm.StoreMem(asm.RFP, memOff(k), src, asm.Word)}
		case 0x04: // BPF_ALU
			opc := in.Op & 0xf0
			if opc == 0x80 { // BPF_NEG
				code = asm.Instructions{asm.Neg.Imm32(slowA, 0)}
				break
			}
			op, ok := aluOps[opc]
			if !ok {
				return nil, fmt.Errorf("classic BPF instruction %d (%#04x) is not supported", i, in.Op)
			}
			if in.Op&0x08 == 0 { // BPF_K
				if (op == asm.Div || op == asm.Mod) && k == 0 {
					code = asm.Instructions{asm.Ja.Label(ret0())}
					break
				}
				if (op == asm.LSh || op == asm.RSh) && k >= 32 {
					code = asm.Instructions{asm.Mov.Imm32(slowA, 0)}
					break
				}
				code = asm.Instructions{op.Imm32(slowA, int32(k))}
				break
			}
			switch op {
			case asm.Div, asm.Mod:
				code = asm.Instructions{asm.JEq.Imm(slowX, 0, ret0()), op.Reg32(slowA, slowX)}
			case asm.LSh, asm.RSh:
				code = asm.Instructions{
					asm.Instruction{OpCode: asm.JGE.Op(asm.ImmSource), Dst: slowX, Constant: 32, Offset: 2},
					op.Reg32(slowA, slowX),
					asm.Instruction{OpCode: asm.Ja.Op(asm.ImmSource), Offset: 1},
					asm.Mov.Imm32(slowA, 0),
				}
			default:
				code = asm.Instructions{op.Reg32(slowA, slowX)}
			}
		case 0x05: // BPF_JMP
			if in.Op == opJa {
				code = asm.Instructions{asm.Ja.Label(target(i, k))}
				break
			}
			op, ok := jmpOps[in.Op&0xf0]
			if !ok {
				return nil, fmt.Errorf("classic BPF instruction %d (%#04x) is not supported", i, in.Op)
			}
			if in.Op&0x08 == 0 {
				code = asm.Instructions{op.Imm32(slowA, int32(k), target(i, uint32(in.Jt)))}
			} else {
				code = asm.Instructions{op.Reg32(slowA, slowX, target(i, uint32(in.Jt)))}
			}
			if in.Jf != 0 {
				code = append(code, asm.Ja.Label(target(i, uint32(in.Jf))))
			}
		case 0x06: // BPF_RET
			switch in.Op & 0x18 {
			case 0x00: // BPF_K
				code = asm.Instructions{asm.Mov.Imm32(asm.R0, int32(k))}
			case 0x10: // BPF_A
				code = asm.Instructions{asm.Mov.Reg32(asm.R0, slowA)}
			default:
				return nil, fmt.Errorf("classic BPF instruction %d (%#04x) is not supported", i, in.Op)
			}
			code = append(code, asm.Ja.Label(resultLabel))
		case 0x07: // BPF_MISC
			switch in.Op {
			case 0x07: // TAX
				code = asm.Instructions{asm.Mov.Reg32(slowX, slowA)}
			case 0x87: // TXA
				code = asm.Instructions{asm.Mov.Reg32(slowA, slowX)}
			default:
				return nil, fmt.Errorf("classic BPF instruction %d (%#04x) is not supported", i, in.Op)
			}
		}
		code[0] = code[0].WithSymbol(slowLbl(i))
		out = append(out, code...)
	}
	if usedRet0 {
		out = append(out, asm.Mov.Imm32(asm.R0, 0).WithSymbol(slowRet0), asm.Ja.Label(resultLabel))
	}
	return out, nil
}

// nomatchToSlow replaces cbpfc's nomatch block (R0 = 0, jump to the
// result) by: if the frame is linear, no match; otherwise run the slow
// path. R1 (the context), R2 (data) and R3 (data_end) still hold their
// prelude values there: cbpfc never writes them.
func nomatchToSlow(body asm.Instructions, hook Hook) (asm.Instructions, bool) {
	at := -1
	for i, in := range body {
		if in.Symbol() == nomatchSym {
			at = i
			break
		}
	}
	if at < 0 || at+1 >= len(body) {
		return body, false
	}
	check := asm.Instructions{
		asm.Mov.Reg(slowTmp, regEnd).WithSymbol(nomatchSym),
		asm.Sub.Reg(slowTmp, regStart), // linear length
		asm.Mov.Reg(slowCtx, asm.R1),
	}
	if hook == TC {
		check = append(check, asm.LoadMem(asm.R0, asm.R1, 0, asm.Word)) // skb->len
	} else {
		check = append(check, asm.FnXdpGetBuffLen.Call())
	}
	check = append(check,
		asm.Mov.Reg(asm.R1, slowCtx),
		asm.JNE.Reg(asm.R0, slowTmp, slowLabel),
		asm.Mov.Imm(asm.R0, 0),
		asm.Ja.Label(resultLabel),
	)
	out := make(asm.Instructions, 0, len(body)+len(check))
	out = append(out, body[:at]...)
	out = append(out, check...)
	out = append(out, body[at+2:]...)
	return out, true
}
