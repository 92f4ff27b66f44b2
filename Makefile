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

.PHONY: all deps generate check-generated build lint test fuzz bench demo clean

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
