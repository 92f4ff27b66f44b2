// Promiscuous mode during a capture, as tcpdump sets it unless -p: on for
// each interface while it is captured, back to what it was when the
// capture ends (internal/promisc keeps the books, so that the next start
// puts back what a killed xdpdump changed).

package session

import (
	"fmt"

	"github.com/xdpdump/xdpdump/internal/promisc"
)

// wantsPromisc says whether the session puts its interfaces into
// promiscuous mode: when it captures, unless -p; never with --bounce,
// which would then answer SYNs meant for other hosts.
func (s *Session) wantsPromisc() bool {
	return !s.cfg.NoPromisc && !s.cfg.NoCapture && s.cfg.Bounce == nil
}

func (s *Session) promiscOn(ifc *iface) error {
	if !s.wantsPromisc() {
		return nil
	}
	h, err := promisc.Acquire(ifc.Index)
	if err != nil {
		return permission(ifc.Name+": promiscuous mode", err)
	}
	ifc.promisc = h
	return nil
}

func (s *Session) promiscOff(ifc *iface) error {
	if ifc.promisc == nil {
		return nil
	}
	err := s.cfg.Privileged(ifc.promisc.Release)
	ifc.promisc = nil
	if err != nil {
		return fmt.Errorf("%s: %w", ifc.Name, err)
	}
	return nil
}

// recoverPromisc turns promiscuous mode off where xdpdumps that are gone
// had turned it on, in this namespace.
func recoverPromisc(c Config) {
	names, err := promisc.Recover(0)
	for _, n := range names {
		c.Log(n, "promiscuous mode turned off: an xdpdump that is gone had turned it on")
	}
	if err != nil {
		c.Log("promisc", err.Error())
	}
}

// RecoverPromisc is recoverPromisc for --recover: every interface of the
// namespace (records of interfaces that are gone go too); it returns the
// names of the interfaces whose promiscuous mode it turned off.
func RecoverPromisc() ([]string, error) { return promisc.Recover(0) }
