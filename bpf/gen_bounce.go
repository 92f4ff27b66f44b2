package bpf

// The bounce stage (--bounce): SYN-ACKs at XDP (internal/bounce).
//go:generate go tool bpf2go -cc clang -cflags "-O2 -g -Wall -Werror -mcpu=v3 -I/usr/include/x86_64-linux-gnu" -target bpfel -type bounce_stats Bounce bounce.c
