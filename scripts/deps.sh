#!/usr/bin/env bash
# Installs what building and testing xdpdump needs, only when something is
# missing. Debian 12 packages; run as root.
set -euo pipefail

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have clang       || need+=(clang)
have llvm-strip  || need+=(llvm)
have tcpdump     || need+=(tcpdump)
have tshark      || need+=(tshark)
have tcpreplay   || need+=(tcpreplay)
have ip          || need+=(iproute2)
have ping        || need+=(iputils-ping)
have ethtool     || need+=(ethtool)
have nc          || need+=(netcat-openbsd)
have nsenter     || need+=(util-linux)
have bpftool     || need+=(bpftool)
have xdp-loader  || need+=(xdp-tools)
have groff       || need+=(groff-base)
have man         || need+=(man-db)
have zsh         || need+=(zsh)
have dpkg-deb    || need+=(dpkg)
have sysctl      || need+=(procps)
have pgrep       || need+=(procps)
have capinfos    || need+=(wireshark-common)
have gzip        || need+=(gzip)
have tmux        || need+=(tmux)
[ -e /usr/include/pcap/pcap.h ]     || need+=(libpcap-dev)
[ -e /usr/include/bpf/bpf_helpers.h ] || need+=(libbpf-dev)
[ -e /usr/include/x86_64-linux-gnu/asm/types.h ] || need+=(linux-libc-dev)

if [ ${#need[@]} -gt 0 ]; then
	echo "deps: installing ${need[*]}"
	export DEBIAN_FRONTEND=noninteractive
	# tshark asks whether non-root users may capture; answer no.
	echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
	apt-get update -qq
	apt-get install -y -qq "${need[@]}" >/dev/null
fi

# bpffs: xdpdump pins its chain there (it mounts it itself too).
if ! mount | grep -q ' /sys/fs/bpf type bpf'; then
	mount -t bpf bpf /sys/fs/bpf
fi
