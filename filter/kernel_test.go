package filter

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	xbpf "github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

// The kernel side of the tests: the real capture program
// xdpdump_capture_frags with a filter spliced in, run with
// BPF_PROG_TEST_RUN. Its verdict is the per-CPU "matched" counter of the
// stats map, which the program bumps when the filter returns non-zero.

const captureProg = xbpf.CaptureProgXdpdumpCaptureFrags

// harness holds the capture spec and one set of maps that every program it
// loads shares (the scratch map alone is 128 KiB a CPU, the ring 16 MiB).
type harness struct {
	hook  Hook
	prog  string // program the filter is spliced into
	spec  *ebpf.CollectionSpec
	maps  map[string]*ebpf.Map
	stats *ebpf.Map
	last  uint64 // matched counter after the previous run
}

func newHarness(tb testing.TB) *harness {
	return newHookHarness(tb, XDP)
}

// newHookHarness: XDP runs the filter in xdpdump_capture_frags, TC in the
// egress program xdpdump_egress.
func newHookHarness(tb testing.TB, hook Hook) *harness {
	tb.Helper()
	testhost.Require(tb)
	load, prog, maps := xbpf.LoadCapture, captureProg, []string{xbpf.CaptureMapRing, xbpf.CaptureMapStats, xbpf.CaptureMapScratch, xbpf.CaptureMapChain}
	if hook == TC {
		load, prog, maps = xbpf.LoadEgress, xbpf.EgressProgXdpdumpEgress, []string{xbpf.EgressMapRing, xbpf.EgressMapStats, xbpf.EgressMapScratch}
	}
	spec := testkit.StageSpec(tb, load)
	h := &harness{hook: hook, prog: prog, spec: spec, maps: map[string]*ebpf.Map{}}
	for name := range spec.Maps {
		if strings.HasPrefix(name, ".") { // .rodata and friends: per program
			continue
		}
		maps = append(maps, name)
	}
	for _, name := range maps {
		if h.maps[name] != nil {
			continue
		}
		m, err := ebpf.NewMap(spec.Maps[name])
		if err != nil {
			tb.Fatalf("creating map %s: %v", name, err)
		}
		tb.Cleanup(func() { m.Close() })
		h.maps[name] = m
	}
	h.stats = h.maps["stats"]
	return h
}

// load splices expr into a copy of the capture program and loads it.
func (h *harness) load(expr string) (*ebpf.Program, *Program, error) {
	spec := h.spec.Copy()
	insns, prog, err := Compile(expr, DefaultSnaplen, h.hook)
	if err != nil {
		return nil, prog, err
	}
	if prog == nil { // the empty expression: the program runs without filter
		if prog, err = CompileCBPF(expr, DefaultSnaplen); err != nil {
			return nil, nil, err
		}
	}
	if insns != nil {
		if err := Splice(spec.Programs[h.prog], insns); err != nil {
			return nil, prog, err
		}
		if err := spec.Variables["filter_enabled"].Set(uint8(1)); err != nil {
			return nil, prog, err
		}
	}
	for name := range spec.Programs {
		if name != h.prog {
			delete(spec.Programs, name)
		}
	}
	coll, err := ebpf.NewCollectionWithOptions(spec, ebpf.CollectionOptions{MapReplacements: h.maps})
	if err == nil {
		defer coll.Close()
		return coll.DetachProgram(h.prog), prog, nil
	}
	{
		var ve *ebpf.VerifierError
		if errors.As(err, &ve) {
			return nil, prog, fmt.Errorf("loading %q: %+v", expr, ve)
		}
		return nil, prog, fmt.Errorf("loading %q: %w", expr, err)
	}
}

func (h *harness) matched() (uint64, error) {
	var vals []xbpf.CaptureXdpdumpStats
	if err := h.stats.Lookup(uint32(0), &vals); err != nil {
		return 0, fmt.Errorf("reading stats: %w", err)
	}
	var n uint64
	for _, v := range vals {
		n += v.Matched
	}
	return n, nil
}

// xdpMD is struct xdp_md, the context BPF_PROG_TEST_RUN takes for XDP.
type xdpMD struct {
	Data, DataEnd, DataMeta, IngressIfindex, RxQueueIndex, EgressIfindex uint32
}

// run runs frame through prog and says whether the filter matched it.
// linear > 0 makes BPF_PROG_TEST_RUN put only the first linear bytes in
// the linear area and the rest in page fragments (xdp_md.data_end; the
// kernel reports it back, which the run checks); 0 leaves the kernel's
// default: linear up to about 3.5 KiB.
func (h *harness) run(prog *ebpf.Program, frame []byte, linear int) (bool, error) {
	opts := &ebpf.RunOptions{Data: frame}
	var out xdpMD
	if linear > 0 && h.hook == XDP {
		opts.Context = xdpMD{DataEnd: uint32(linear)}
		opts.ContextOut = &out
	}
	if _, err := prog.Run(opts); err != nil {
		return false, err
	}
	if linear > 0 && h.hook == XDP && out.DataEnd != uint32(linear) {
		return false, fmt.Errorf("asked for %d linear bytes, the kernel made %d", linear, out.DataEnd)
	}
	n, err := h.matched()
	if err != nil {
		return false, err
	}
	d := n - h.last
	h.last = n
	if d > 1 {
		return false, fmt.Errorf("matched counter moved by %d for one run", d)
	}
	return d == 1, nil
}

// ethHLen is the shortest frame BPF_PROG_TEST_RUN runs for XDP (and the
// shortest an XDP program can ever see: the kernel keeps ETH_HLEN bytes
// through bpf_xdp_adjust_head/tail).
const ethHLen = 14

// TestDifferential runs every expression of diffExprs, spliced into the
// real capture program, on every test frame in the kernel and compares
// each verdict with libpcap's own interpreter on the same bytes.
func TestDifferential(t *testing.T) {
	h := newHarness(t)
	frames := testFrames()
	var verdicts, split, mismatches, refused, matches int
	never := 0
	for _, expr := range diffExprs {
		prog, p, err := h.load(expr)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		hits := 0
		for _, f := range frames {
			want := p.Match(f.data, len(f.data)) != 0
			if len(f.data) < ethHLen {
				// The kernel refuses to run these (EINVAL): check that it
				// does, and count them apart.
				if _, err := prog.Run(&ebpf.RunOptions{Data: f.data}); !errors.Is(err, unix.EINVAL) {
					t.Errorf("%q on %s (%d bytes): kernel accepted a frame shorter than ETH_HLEN (err %v)", expr, f.name, len(f.data), err)
				}
				refused++
				continue
			}
			// Each frame runs whole in the linear area (as far as it
			// fits), and again as a multi-buffer frame whose linear part
			// is only the Ethernet header (or a split inside the headers).
			for _, linear := range []int{0, ethHLen, 14 + len(f.data)%40} {
				if linear >= len(f.data) && linear != 0 {
					continue
				}
				got, err := h.run(prog, f.data, linear)
				if err != nil {
					t.Fatalf("%q on %s (linear %d): %v", expr, f.name, linear, err)
				}
				verdicts++
				if linear != 0 {
					split++
				} else if got {
					hits++
				}
				if got != want {
					mismatches++
					if mismatches <= 40 || os.Getenv("XDPDUMP_ALL_MISMATCHES") != "" {
						t.Errorf("%q on %s (%d bytes, linear %d): kernel says %v, libpcap says %v", expr, f.name, len(f.data), linear, got, want)
					}
				}
			}
		}
		if hits == 0 {
			never++
			t.Logf("%q matches none of the frames", expr)
		}
		matches += hits
		prog.Close()
	}
	msg := fmt.Sprintf("filter differential: %d expressions x %d frames = %d verdicts in the kernel (%d of them on frames split into linear part + fragments; %d matches on whole frames), %d mismatches; %d runs of frames shorter than %d bytes refused by the kernel (EINVAL), as expected",
		len(diffExprs), len(frames), verdicts, split, matches, mismatches, refused, ethHLen)
	t.Log(msg)
	fmt.Println(msg)
	if len(diffExprs) < 150 || len(frames) < 500 {
		t.Errorf("matrix too small: %d expressions, %d frames", len(diffExprs), len(frames))
	}
	if never > len(diffExprs)/10 {
		t.Errorf("%d expressions match no frame at all: the frames do not exercise them", never)
	}
}

// TestDifferentialTC does the same for the TC egress program
// (xdpdump_egress, __sk_buff context). BPF_PROG_TEST_RUN builds a linear
// skb of at most a page, so frames above that are left to the XDP test.
func TestDifferentialTC(t *testing.T) {
	h := newHookHarness(t, TC)
	var verdicts, mismatches, tooBig int
	// The skb test run refuses (EINVAL) frames whose IPv4/IPv6 header is
	// not whole; find them with the unfiltered program, and say how many.
	all, _, err := h.load("")
	if err != nil {
		t.Fatal(err)
	}
	var frames []frame
	refused := 0
	for _, f := range testFrames() {
		if len(f.data) < ethHLen || len(f.data) > 3000 {
			frames = append(frames, f)
			continue
		}
		if _, err := h.run(all, f.data, 0); err != nil {
			if !errors.Is(err, unix.EINVAL) {
				t.Fatalf("%s: %v", f.name, err)
			}
			refused++
			continue
		}
		frames = append(frames, f)
	}
	all.Close()
	t.Logf("the skb test run refuses %d frames (truncated IPv4/IPv6 headers); they run at XDP only", refused)
	for _, expr := range diffExprs {
		prog, p, err := h.load(expr)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		for _, f := range frames {
			if len(f.data) < ethHLen {
				continue // refused, as at XDP (checked there)
			}
			if len(f.data) > 3000 {
				tooBig++
				continue
			}
			want := p.Match(f.data, len(f.data)) != 0
			got, err := h.run(prog, f.data, 0)
			if err != nil {
				t.Fatalf("%q on %s: %v", expr, f.name, err)
			}
			verdicts++
			if got != want {
				mismatches++
				if mismatches <= 40 {
					t.Errorf("%q on %s (%d bytes): TC program says %v, libpcap says %v", expr, f.name, len(f.data), got, want)
				}
			}
		}
		prog.Close()
	}
	msg := fmt.Sprintf("filter differential (TC egress): %d expressions x %d frames: %d verdicts, %d mismatches (%d runs of frames over 3000 bytes left to the XDP test)",
		len(diffExprs), len(frames), verdicts, mismatches, tooBig)
	t.Log(msg)
	fmt.Println(msg)
}
