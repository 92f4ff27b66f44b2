// -i any: every interface of the namespace that is up, ingress and
// egress, each in its own interface block; interfaces that come up while
// the capture runs are added (rtnetlink link notifications, a new
// interface block in the middle of the file, as pcapng allows), and one
// that goes away ends its part of the capture, not the capture.

package session

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/rtnl"
)

// capturable says whether xdpdump captures on a link of this type: the
// frames an XDP program sees start with an Ethernet header (loopback's
// too, with zero addresses); other types (tunnels, PPP) would be
// mislabelled in an Ethernet capture.
func capturable(t uint16) bool { return t == unix.ARPHRD_ETHER || t == unix.ARPHRD_LOOPBACK }

// UpInterfaces lists the interfaces of the calling thread's namespace that
// -i any captures on at the start: those that are up, Ethernet or
// loopback. skipped names the others that are up.
func UpInterfaces() (ifs []Interface, skipped []string, err error) {
	nl, err := rtnl.Open()
	if err != nil {
		return nil, nil, err
	}
	defer nl.Close()
	links, err := nl.Links()
	if err != nil {
		return nil, nil, err
	}
	for _, l := range links {
		switch {
		case !l.Up():
		case !capturable(l.Type):
			skipped = append(skipped, l.Name)
		default:
			ifs = append(ifs, Interface{Name: l.Name, Index: l.Index})
		}
	}
	return ifs, skipped, nil
}

func (s *Session) addIface(ifc *iface) {
	s.ifsMu.Lock()
	defer s.ifsMu.Unlock()
	s.ifs = append(s.ifs, ifc)
	s.byIdx[uint32(ifc.Index)] = ifc
}

// ifaces is a copy of the session's interfaces (they grow with Any).
func (s *Session) ifaces() []*iface {
	s.ifsMu.Lock()
	defer s.ifsMu.Unlock()
	return append([]*iface(nil), s.ifs...)
}

// skip takes ifc, which could not be attached, out of an -i any capture
// with one line.
func (s *Session) skip(ifc *iface, err error) {
	if ifc == nil {
		return
	}
	s.cfg.Log(ifc.Name, "not captured: "+strings.TrimPrefix(oneLine(err), ifc.Name+": "))
	s.detachIface(ifc)
	s.ifsMu.Lock()
	defer s.ifsMu.Unlock()
	// Not tried again while it stays up (its link notifications, the
	// watcher's first listing): it would fail the same way. Once it goes
	// down or away, the watcher forgets this (forgetRefusal).
	if s.refused == nil {
		s.refused = map[uint32]bool{}
	}
	s.refused[uint32(ifc.Index)] = true
	for i, x := range s.ifs {
		if x == ifc {
			s.ifs = append(s.ifs[:i], s.ifs[i+1:]...)
			break
		}
	}
	if s.byIdx[uint32(ifc.Index)] == ifc {
		delete(s.byIdx, uint32(ifc.Index))
	}
}

// forgetRefusal lets the link watcher try ifindex again (skip left it out).
func (s *Session) forgetRefusal(ifindex uint32) {
	s.ifsMu.Lock()
	defer s.ifsMu.Unlock()
	delete(s.refused, ifindex)
}

func oneLine(err error) string {
	msg := err.Error()
	for i := 0; i < len(msg); i++ {
		if msg[i] == '\n' {
			return msg[:i]
		}
	}
	return msg
}

// loopbackTwice says whether egress would see loopback packets a second
// time: what a loopback interface sends it receives again, and libpcap
// skips the outgoing copy; so does xdpdump when it captures both ways.
func loopbackTwice(ic Interface, d Direction) bool {
	if d != InOut {
		return false
	}
	ni, err := net.InterfaceByIndex(ic.Index)
	return err == nil && ni.Flags&net.FlagLoopback != 0
}

// goneError is a hook's end that -i any survives: the interface went away
// (or left the namespace) while captured.
type goneError struct {
	ifc *iface
	err error
}

func (e *goneError) Error() string { return e.err.Error() }
func (e *goneError) Unwrap() error { return e.err }

// goneIsFine takes an interface that went away out of an -i any capture;
// false for any other error (which ends the capture).
func (s *Session) goneIsFine(err error) bool {
	var g *goneError
	if !s.cfg.Any || !errors.As(err, &g) {
		return false
	}
	g.ifc.gone = true
	s.detachIface(g.ifc)
	s.cfg.Log(g.ifc.Name, "gone; the capture goes on on the other interfaces")
	return true
}

// anyWatch follows the namespace's links for -i any.
type anyWatch struct {
	w    *rtnl.LinkWatcher
	stop chan struct{}
	done chan struct{}
}

// watchLinks sends, with Any, every capturable link that is (or comes) up
// and is not captured yet; nil without Any.
func (s *Session) watchLinks(ctx context.Context) <-chan rtnl.Link {
	if !s.cfg.Any {
		return nil
	}
	w, err := rtnl.WatchLinks()
	if err != nil {
		s.cfg.Log("any", "interfaces that come up will not be added: "+oneLine(err))
		return nil
	}
	aw := &anyWatch{w: w, stop: make(chan struct{}), done: make(chan struct{})}
	s.anyW = aw
	out := make(chan rtnl.Link, 16)
	go func() {
		defer close(aw.done)
		send := func(ls []rtnl.Link) bool {
			for _, l := range ls {
				if l.Deleted || !l.Up() {
					// Tried again when it comes (back) up: what refused
					// xdpdump may be gone by then.
					s.forgetRefusal(uint32(l.Index))
					continue
				}
				if !capturable(l.Type) {
					continue
				}
				select {
				case out <- l:
				case <-aw.stop:
					return false
				case <-ctx.Done():
					return false
				}
			}
			return true
		}
		relist := func() bool {
			nl, err := rtnl.Open()
			if err != nil {
				return true
			}
			ls, _ := nl.Links()
			nl.Close()
			return send(ls)
		}
		// Links that came up before the subscription.
		if !relist() {
			return
		}
		for {
			ls, err := w.Next(aw.stop)
			select {
			case <-aw.stop:
				return
			default:
			}
			if err != nil {
				return
			}
			if ls == nil { // notifications lost
				if !relist() {
					return
				}
				continue
			}
			if !send(ls) {
				return
			}
		}
	}()
	return out
}

// stopLinks ends watchLinks.
func (s *Session) stopLinks() {
	if aw := s.anyW; aw != nil {
		close(aw.stop)
		<-aw.done
		aw.w.Close()
		s.anyW = nil
	}
}

// addLink captures on l too, if it is not captured yet: its hooks, its
// interface block in sink, the watch of its hook. A link that cannot be
// attached is left out with one line; only the sink's failure is returned.
func (s *Session) addLink(l rtnl.Link, sink Sink, watch chan<- error) error {
	s.ifsMu.Lock()
	have, refused := s.byIdx[uint32(l.Index)], s.refused[uint32(l.Index)]
	s.ifsMu.Unlock()
	if have != nil && !have.gone || refused {
		return nil
	}
	var ifc *iface
	err := s.cfg.Privileged(func() error {
		var err error
		ifc, err = s.attach(Interface{Name: l.Name, Index: l.Index}, false)
		return err
	})
	if err != nil {
		s.skip(ifc, fmt.Errorf("came up, but: %w", err))
		return nil
	}
	if err := s.declare(ifc, sink); err != nil {
		return err
	}
	s.watchHook(ifc, watch)
	s.cfg.Log(ifc.Name, "came up: added to the capture")
	return nil
}
