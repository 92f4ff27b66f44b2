package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/xdpdump/xdpdump/internal/chain"
	"github.com/xdpdump/xdpdump/internal/egress"
)

// hook is xdpdump's place on an interface's XDP hook.
type hook interface {
	// Describe says how xdpdump attached, for the start-up line.
	Describe() string
	// Wait blocks until the hook is lost under us (an error) or detached.
	Wait() error
	// Detach leaves the interface as it was found.
	Detach() error
}

// chainHook is xdpdump in front of whatever the interface ran (internal/chain).
type chainHook struct {
	name   string
	c      *chain.Chain
	cancel context.CancelFunc
	errs   <-chan error
}

func (h *chainHook) Describe() string { return h.c.Describe() }

func (h *chainHook) Wait() error {
	for err := range h.errs {
		switch {
		case err == nil:
		case errors.Is(err, chain.ErrGone):
			// One line: nothing of xdpdump runs any more, Detach removes
			// the pins.
			return fmt.Errorf("%s: %v while xdpdump ran; its pins are removed", h.name, err)
		case errors.Is(err, chain.ErrMoved):
			// Detach says what became of the original.
			return fmt.Errorf("%s: %v while xdpdump ran", h.name, err)
		default:
			return fmt.Errorf("our XDP program was replaced under us: %w", err)
		}
	}
	return nil
}

func (h *chainHook) Detach() error {
	h.cancel()
	return h.c.Detach()
}

// attach puts xdpdump on ifindex's XDP hook, in front of what runs there.
func attach(ifindex int, name string, load chain.Loader, layout chain.Options, stderr io.Writer) (hook, error) {
	layout.Log = func(s string) { fmt.Fprintf(stderr, "xdpdump: %s: %s\n", name, s) }
	// What killed xdpdumps left on the interface's clsact egress goes as
	// their XDP leftovers do (chain.Attach recovers those).
	if _, err := egress.RecoverClsact(ifindex, layout.Log); err != nil {
		return nil, privError(name+": removing what an earlier xdpdump left on clsact egress", err)
	}
	c, err := chain.Attach(ifindex, load, layout)
	if err != nil {
		if errors.Is(err, chain.ErrDevBound) {
			return nil, fmt.Errorf("%s: %w: xdpdump cannot stand in front of it, nothing was changed", name, err)
		}
		return nil, privError(name+": attaching to the XDP hook", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &chainHook{name: name, c: c, cancel: cancel, errs: c.Watch(ctx, time.Second)}, nil
}
