#!/usr/bin/env bash
# make demo: two namespaces joined by a veth pair, real traffic, captured
# at XDP by xdpdump, read back by tcpdump and tshark; then a bounce.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${XDPDUMP_BIN:-bin/xdpdump}
A=xdpdemo-a B=xdpdemo-b VA=xdpdemo0 VB=xdpdemo1
IPA=198.18.99.1 IPB=198.18.99.2
in_a() { nsenter --net=/var/run/netns/$A "$@"; }
in_b() { nsenter --net=/var/run/netns/$B "$@"; }
cleanup() {
	[ -n "${XPID:-}" ] && kill "$XPID" 2>/dev/null || true
	[ -n "${LPID:-}" ] && kill "$LPID" 2>/dev/null || true
	ip netns delete $A 2>/dev/null || true
	ip netns delete $B 2>/dev/null || true
}
trap cleanup EXIT
cleanup
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "two hosts: $A ($IPA) and $B ($IPB), joined by a veth pair"
ip netns add $A
ip netns add $B
ip link add $VA netns $A type veth peer name $VB netns $B
in_a ip addr add $IPA/24 dev $VA
in_b ip addr add $IPB/24 dev $VB
in_a ip link set $VA up
in_b ip link set $VB up
in_a ip link set lo up
in_b ip link set lo up

step "xdpdump -i $VA -w demo.pcapng 'icmp or tcp port 8080 or udp port 9999'"
rm -f demo.pcapng
nsenter --net=/var/run/netns/$A "$BIN" -i $VA -w demo.pcapng 'icmp or tcp port 8080 or udp port 9999' &
XPID=$!
for _ in $(seq 100); do in_a ip link show $VA | grep -q "prog/xdp" && break; sleep 0.05; done

step "traffic from $B: ping, a TCP connection, UDP"
in_b ping -c 3 -i 0.2 $IPA
nsenter --net=/var/run/netns/$A nc -l -p 8080 >/dev/null &
LPID=$!
sleep 0.2
echo "hello over TCP" | in_b nc -q 1 $IPA 8080 || true
echo "hello over UDP" | in_b nc -u -w 1 $IPA 9999 || true
sleep 0.3
kill -INT $XPID
wait $XPID || true
XPID=

step "tcpdump -n -r demo.pcapng"
tcpdump -n -r demo.pcapng
step "tshark -r demo.pcapng (interface, queue, direction from the pcapng options)"
tshark -r demo.pcapng -T fields -e frame.number -e frame.interface_name -e frame.interface_queue \
	-e frame.packet_flags_direction -e _ws.col.Protocol -e _ws.col.Info 2>/dev/null

step "xdpdump -i $VA -c 3 icmp (tcpdump-style lines on the terminal)"
nsenter --net=/var/run/netns/$A "$BIN" -i $VA -c 3 icmp &
XPID=$!
sleep 0.5
in_b ping -c 3 -i 0.2 $IPA >/dev/null
wait $XPID || true
XPID=

step "xdpdump --bounce -i $VA -w bounce.pcapng tcp: every TCP port accepts, no socket listens"
# A veth hands XDP_TX frames only to a peer that runs NAPI (an XDP program):
# a second xdpdump on $B's side provides it, and shows the SYN-ACKs arrive.
nsenter --net=/var/run/netns/$B "$BIN" -i $VB -c 3 'tcp[tcpflags] & tcp-syn != 0 and tcp[tcpflags] & tcp-ack != 0' &
BPID=$!
nsenter --net=/var/run/netns/$A "$BIN" --bounce -i $VA -w bounce.pcapng tcp &
XPID=$!
sleep 0.5
for port in 22 443 31337; do
	if in_b nc -z -w 2 $IPA $port; then echo "port $port: connected"; else echo "port $port: refused"; fi
done
sleep 0.3
kill -INT $XPID 2>/dev/null || true
wait $XPID || true
XPID=
wait $BPID || true
step "tshark -r bounce.pcapng: SYN in, SYN-ACK out (verdict XDP_TX=3, checksum status 1=good; the client's segments show partial checksums: its kernel offloaded them)"
tshark -r bounce.pcapng -o tcp.check_checksum:TRUE -T fields -e frame.packet_flags_direction -e frame.verdict.ebpf_xdp \
	-e tcp.checksum.status -e _ws.col.Info 2>/dev/null
rm -f bounce.pcapng
step "done: demo.pcapng is yours to open in Wireshark"
