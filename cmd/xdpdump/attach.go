package main

import (
	"errors"
	"fmt"
	"syscall"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
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

// loader loads the front program against chain (nil: a private one) in
// the frags variant asked for.
type loader func(chain *ebpf.Map, frags bool) (*ebpf.Program, error)

// ownLink is xdpdump alone on the hook, through its own bpf_link: closing
// the link (or the process dying) leaves the interface as it was.
type ownLink struct {
	l    link.Link
	done chan struct{}
}

func (o *ownLink) Describe() string {
	return "XDP hook via bpf_link, nothing else was attached (packets are passed on to the stack)"
}
func (o *ownLink) Wait() error { <-o.done; return nil }
func (o *ownLink) Detach() error {
	err := o.l.Close()
	close(o.done)
	return err
}

// attach puts xdpdump on ifindex's XDP hook.
func attach(ifindex int, name string, load loader) (hook, error) {
	prog, err := load(nil, true)
	if err != nil {
		return nil, privError("loading the capture program", err)
	}
	l, err := link.AttachXDP(link.XDPOptions{Program: prog, Interface: ifindex})
	if err != nil {
		if errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.EEXIST) {
			return nil, fmt.Errorf("%s: an XDP program is already attached; xdpdump does not replace it", name)
		}
		return nil, privError(fmt.Sprintf("%s: attaching to the XDP hook", name), err)
	}
	return &ownLink{l: l, done: make(chan struct{})}, nil
}
