// prefetch_amd64.s: a cache line fetched ahead of its use (see
// prefetch_amd64.go).

#include "textflag.h"

// func prefetch(p *byte)
TEXT ·prefetch(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	PREFETCHT0 (AX)
	RET
