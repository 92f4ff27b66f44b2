# xdpdump — see README.md.
GO      ?= go
BIN     := bin/xdpdump
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
# Packages run in parallel; each test builds its own namespaces.
TESTFLAGS ?= -count=1 -timeout 45m
FUZZTIME  ?= 20s

.PHONY: all deps generate check-generated build test fuzz bench demo clean

all: build

deps:
	@./scripts/deps.sh

# Remake the bpf2go outputs (needs clang).
generate: deps
	$(GO) generate ./bpf/...

# CI: the committed bpf2go outputs must be what the sources make.
check-generated: generate
	@if [ -n "$$(git status --porcelain -- bpf)" ]; then \
		git status --short -- bpf; \
		echo "generated BPF files are stale: run 'make generate' and commit"; \
		exit 1; \
	fi

build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/xdpdump

# The short fuzz run comes first, so that the test suite's summary closes
# the output.
test: check-generated build
	$(GO) vet ./...
	$(MAKE) --no-print-directory fuzz
	XDPDUMP_BIN=$(CURDIR)/$(BIN) $(GO) test $(TESTFLAGS) ./...

fuzz: deps
	$(GO) test -run '^$$' -fuzz '^FuzzFilter$$' -fuzztime $(FUZZTIME) ./filter

bench: build
	XDPDUMP_BIN=$(CURDIR)/$(BIN) $(GO) test -run '^$$' -bench . -benchtime 1x -count=1 -timeout 60m ./...

demo: build
	@./scripts/demo.sh

clean:
	rm -rf bin demo.pcapng
