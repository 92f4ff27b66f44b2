# xdpdump — see README.md.
GO      ?= go
BIN     := bin/xdpdump
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
# Packages run in parallel; each test builds its own namespaces.
TESTFLAGS ?= -count=1 -timeout 45m
FUZZTIME  ?= 20s

GOLANGCI_LINT_VERSION := v2.15.0
LINT := bin/golangci-lint

.PHONY: all deps generate check-generated build lint test fuzz bench demo clean install uninstall deb

all: build

deps:
	@./scripts/deps.sh

# The flags of every BPF object (bpf2go reads them from BPF2GO_CFLAGS).
MULTIARCH  := $(shell gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
BPF_CFLAGS := -O2 -g -Wall -Werror -mcpu=v3 -I/usr/include/$(MULTIARCH)
# Packages that hold BPF C sources and their bpf2go outputs.
BPF_PKGS   := ./bpf ./internal/testkit/progs ./internal/trafficgen

# Remake the bpf2go outputs (needs clang).
generate: deps
	BPF2GO_CC=clang BPF2GO_CFLAGS="$(BPF_CFLAGS)" $(GO) generate $(BPF_PKGS)

# CI: the committed bpf2go outputs must be what the sources make.
check-generated: generate
	@if [ -n "$$(git status --porcelain -- bpf internal/testkit/progs internal/trafficgen)" ]; then \
		git status --short -- bpf internal/testkit/progs internal/trafficgen; \
		echo "generated BPF files are stale: run 'make generate' and commit"; \
		exit 1; \
	fi

build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/xdpdump

# golangci-lint from the Go module proxy, like any Go tool (.golangci.yml).
$(LINT):
	GOBIN=$(CURDIR)/bin $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)

lint: deps $(LINT)
	$(LINT) run ./...

# The short fuzz run comes first, so that the test suite's summary closes
# the output.
test: check-generated build lint
	$(GO) vet ./...
	$(MAKE) --no-print-directory fuzz
	XDPDUMP_BIN=$(CURDIR)/$(BIN) $(GO) test $(TESTFLAGS) ./...

fuzz: deps
	$(GO) test -run '^$$' -fuzz '^FuzzFilter$$' -fuzztime $(FUZZTIME) ./filter

# One package at a time (-p 1): benchmarks of two packages at once would
# measure each other.
bench: build
	XDPDUMP_BIN=$(CURDIR)/$(BIN) $(GO) test -p 1 -run '^$$' -bench . -benchtime 1x -count=1 -timeout 60m ./...

demo: build
	@./scripts/demo.sh

clean:
	rm -rf bin demo.pcapng

# Installation (make install PREFIX=... DESTDIR=...). The binary goes to
# bin/, never sbin/: xdp-tools' own xdpdump is /usr/sbin/xdpdump, so the
# two coexist even with PREFIX=/usr; for the same reason the man page is
# xdpdump.8go (man 8go xdpdump), not xdp-tools' xdpdump.8. The extcap link
# goes where Wireshark looks for extcaps, whatever PREFIX is.
PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
MANDIR      ?= $(PREFIX)/share/man
MANEXT      ?= 8go
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
# Debian's zsh reads packages' completions from vendor-completions, local
# ones from site-functions.
ZSHCOMPDIR  ?= $(if $(filter /usr,$(PREFIX)),$(PREFIX)/share/zsh/vendor-completions,$(PREFIX)/share/zsh/site-functions)
EXTCAPDIR   ?= /usr/lib/$(MULTIARCH)/wireshark/extcap
INSTALLED   := $(BINDIR)/xdpdump $(MANDIR)/man8/xdpdump.$(MANEXT) $(BASHCOMPDIR)/xdpdump $(ZSHCOMPDIR)/_xdpdump

install: build
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(EXTCAPDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/xdpdump
	install -m 0644 docs/xdpdump.8 $(DESTDIR)$(MANDIR)/man8/xdpdump.$(MANEXT)
	$(BIN) --completion bash > $(DESTDIR)$(BASHCOMPDIR)/xdpdump
	$(BIN) --completion zsh > $(DESTDIR)$(ZSHCOMPDIR)/_xdpdump
	chmod 0644 $(DESTDIR)$(BASHCOMPDIR)/xdpdump $(DESTDIR)$(ZSHCOMPDIR)/_xdpdump
	ln -sfn $(BINDIR)/xdpdump $(DESTDIR)$(EXTCAPDIR)/xdpdump

# The extcap link goes only if it is ours.
uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	if [ "$$(readlink $(DESTDIR)$(EXTCAPDIR)/xdpdump)" = "$(BINDIR)/xdpdump" ]; then rm -f $(DESTDIR)$(EXTCAPDIR)/xdpdump; fi

# A Debian package of the same tree (make install PREFIX=/usr into a
# staging root, then dpkg-deb), written to DEBDIR.
DEBDIR      ?= bin
DEBARCH     := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
# A tag vX.Y.Z is X.Y.Z; an untagged commit is 0~gitDATE.REV.
DEBVERSION  ?= $(shell v=$$(git describe --tags --exact-match 2>/dev/null | sed 's/^v//'); \
	[ -n "$$v" ] || v=0~git$$(git log -1 --format=%cd --date=format:%Y%m%d%H%M%S 2>/dev/null).$$(git rev-parse --short=12 HEAD 2>/dev/null); \
	echo "$$v")
DEBROOT     := $(abspath $(DEBDIR))/xdpdump_$(DEBVERSION)_$(DEBARCH)
DEBFILE     := $(DEBROOT).deb

deb:
	rm -rf $(DEBROOT) $(DEBFILE)
	$(MAKE) --no-print-directory install DESTDIR=$(DEBROOT) PREFIX=/usr BIN=$(abspath $(BIN)) DEBDIR=$(DEBDIR)
	gzip -9n $(DEBROOT)/usr/share/man/man8/xdpdump.$(MANEXT)
	install -d $(DEBROOT)/usr/share/doc/xdpdump $(DEBROOT)/DEBIAN
	gzip -9nc README.md > $(DEBROOT)/usr/share/doc/xdpdump/README.md.gz
	printf '%s\n' \
		'Package: xdpdump' \
		'Version: $(DEBVERSION)' \
		'Architecture: $(DEBARCH)' \
		'Maintainer: xdpdump developers <xdpdump@localhost>' \
		'Depends: libc6, libpcap0.8 (>= 1.10)' \
		'Suggests: tshark | wireshark' \
		'Section: net' \
		'Priority: optional' \
		"Installed-Size: $$(du -sk --exclude=DEBIAN $(DEBROOT) | cut -f1)" \
		'Description: capture packets at the XDP hook with tcpdump'"'"'s filter language' \
		' xdpdump captures packets at the XDP hook, before the kernel'"'"'s stack,' \
		' with tcpdump'"'"'s filter language, in front of the XDP program already' \
		' attached; it writes pcapng or prints tcpdump'"'"'s lines, and appears in' \
		' Wireshark'"'"'s interface list as an extcap. It is /usr/bin/xdpdump with' \
		' the man page xdpdump(8go), beside xdp-tools'"'"' /usr/sbin/xdpdump.' \
		> $(DEBROOT)/DEBIAN/control
	cd $(DEBROOT) && find usr -type f -exec md5sum {} + > DEBIAN/md5sums
	dpkg-deb --root-owner-group --build $(DEBROOT) $(DEBFILE)
	@echo "deb: $(DEBFILE)"
