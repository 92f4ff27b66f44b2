package bpf

//go:generate go tool bpf2go -cc clang -cflags "-O2 -g -Wall -Werror -mcpu=v3 -I/usr/include/x86_64-linux-gnu" -target bpfel -type xdpdump_flow_key -type xdpdump_flow_val -type xdpdump_stats Flows flows.c
