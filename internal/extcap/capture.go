// The capture: --capture --fifo PATH runs one session into the fifo
// Wireshark reads, until Wireshark signals or closes the fifo.

package extcap

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/internal/stage"
	"github.com/xdpdump/xdpdump/pcapout"
)

// readerPoll is how often the capture looks whether Wireshark still
// reads the fifo when no packet is written to find out.
const readerPoll = 200 * time.Millisecond

// errReported is an error runCapture has already written to stderr.
var errReported = errors.New("reported")

func runCapture(r *request, o Options) (err error) {
	if r.fifo == "" {
		return errors.New("--capture needs --fifo PATH")
	}
	name, err := ifname(r.iface)
	if err != nil {
		return err
	}
	// Everything that can be refused is refused before the fifo is
	// opened and before anything is attached; the message still reaches
	// Wireshark, which reads stderr once the extcap exits.
	cfgErr := r.cfg.check()
	var ifs []session.Interface
	var lookErr error
	if name == AnyName {
		// As xdpdump -i any: the interfaces up now, and the capture
		// follows those that come up.
		if ifs, _, lookErr = session.UpInterfaces(); lookErr != nil {
			lookErr = fmt.Errorf("listing the interfaces: %w", lookErr)
		}
	} else if ifc, err := net.InterfaceByName(name); err != nil {
		lookErr = fmt.Errorf("%s: No such device exists", name)
	} else {
		ifs = []session.Interface{{Name: ifc.Name, Index: ifc.Index}}
	}
	var filterErr error
	if r.hasFilter {
		if msg := checkFilter(r.filter, r.cfg.snaplen()); msg != "" {
			filterErr = errors.New(msg)
		}
	}
	fifo, err := openFifo(r.fifo)
	if err != nil {
		return err
	}
	defer func() {
		// The reason goes to stderr while the fifo is still open: once
		// dumpcap sees the fifo end, Wireshark tears the capture down,
		// and a line written after that may never be shown.
		if err != nil {
			fail(o.Stderr, err)
			err = errReported
		}
		fifo.Close()
	}()
	if err := errors.Join(cfgErr, lookErr, filterErr); err != nil {
		return err
	}
	if os.Geteuid() != 0 {
		return errors.New("you don't have permission to capture at XDP: loading BPF programs needs root (CAP_BPF, CAP_NET_ADMIN and CAP_PERFMON)")
	}

	// Wireshark stops a capture with SIGTERM, or its dumpcap with SIGPIPE
	// as it closes the fifo; either ends it as SIGINT ends xdpdump -i. A
	// caught SIGPIPE also makes a write to the closed fifo fail with EPIPE
	// instead of killing the process before it detaches.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGPIPE)
	defer signal.Stop(sigs)

	cfg := session.Config{
		Interfaces: ifs, Any: name == AnyName, NoPromisc: name == AnyName, // as tcpdump -i any
		Filter: r.filter, Snaplen: uint32(r.cfg.snaplen()), Netmask: filter.LiveNetmask,
		Direction: r.cfg.direction(), RingSize: ringSize(r.cfg.RingKiB), Exit: r.cfg.exit(),
		Immediate: true,
		// The chain's progress lines would read as errors in Wireshark.
		Log: func(string, string) {},
	}
	if r.cfg.Bounce {
		cfg.Bounce = &session.Bounce{Filter: r.cfg.BounceExpr, Rate: r.cfg.BounceRate}
	}
	sess, err := session.Open(cfg)
	if err != nil {
		return err
	}
	defer sess.Close()
	pw, err := pcapout.NewWriterOptions(fifo, pcapout.PcapNG, pcapout.Options{
		App: "xdpdump " + o.Version, PacketBuffered: true,
	})
	if err != nil {
		sess.Detach()
		return err
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for range sigs {
			cancel()
		}
	}()
	watchDone := make(chan struct{})
	go func() {
		defer close(watchDone)
		watchReader(ctx, fifo, cancel)
	}()
	runErr := sess.Run(ctx, pw, session.RunOptions{
		Stopped: func(err error) bool { return readerGone(err) },
	})
	cancel()
	<-watchDone // before the fifo's descriptor is closed and reused
	return withoutReaderGone(runErr)
}

// ringSize is the ring's size in bytes: KiB rounded up to a power of two
// of at least a page; 0 is the default.
func ringSize(kib int) int {
	if kib <= 0 {
		return stage.DefaultRingSize
	}
	p := os.Getpagesize()
	for p < kib*1024 {
		p <<= 1
	}
	return p
}

// openFifo opens the fifo Wireshark made for the capture, for writing. It
// must be a fifo of the user xdpdump runs as, reached without a symbolic
// link: root never writes a capture into a file someone else planted.
func openFifo(path string) (*os.File, error) {
	var st unix.Stat_t
	if err := unix.Lstat(path, &st); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if st.Mode&unix.S_IFMT != unix.S_IFIFO {
		return nil, fmt.Errorf("%s: not a fifo", path)
	}
	if int(st.Uid) != os.Geteuid() {
		return nil, fmt.Errorf("%s: the fifo belongs to uid %d, not to uid %d that captures", path, st.Uid, os.Geteuid())
	}
	// Blocks until Wireshark's dumpcap opens its end.
	fd, err := unix.Open(path, unix.O_WRONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var got unix.Stat_t
	if err := unix.Fstat(fd, &got); err != nil || got.Dev != st.Dev || got.Ino != st.Ino {
		unix.Close(fd)
		return nil, fmt.Errorf("%s: replaced while it was opened", path)
	}
	return os.NewFile(uintptr(fd), path), nil
}

// watchReader cancels the capture once nobody reads the fifo any more
// (the write end of a pipe reports POLLERR then), so that a capture on a
// quiet interface ends as soon as Wireshark lets go, not at the next
// packet.
func watchReader(ctx context.Context, fifo *os.File, cancel func()) {
	fds := []unix.PollFd{{Fd: int32(fifo.Fd())}}
	for ctx.Err() == nil {
		n, err := unix.Poll(fds, int(readerPoll/time.Millisecond))
		if err != nil && !errors.Is(err, unix.EINTR) {
			return
		}
		if n > 0 && fds[0].Revents&(unix.POLLERR|unix.POLLHUP) != 0 {
			cancel()
			return
		}
	}
}

// readerGone says whether err is a write to a fifo that nobody reads.
func readerGone(err error) bool {
	return errors.Is(err, syscall.EPIPE)
}

// withoutReaderGone drops the EPIPE failures from err: Wireshark closing
// the fifo is how a capture ends, not an error.
func withoutReaderGone(err error) error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var keep []error
		for _, e := range j.Unwrap() {
			if e = withoutReaderGone(e); e != nil {
				keep = append(keep, e)
			}
		}
		return errors.Join(keep...)
	}
	if readerGone(err) {
		return nil
	}
	return err
}
