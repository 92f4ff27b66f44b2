package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/printer"
	"github.com/xdpdump/xdpdump/internal/session"
)

// printFlags are tcpdump's output flags.
type printFlags struct {
	link, quiet, lineBuf, number, absSeq bool
	asdot, nfsRawFH                      bool // -b, -u
	hex, hexASCII, ascii, tstamp         int
	linkType                             printer.LinkType // of -r's file
}

func addPrintFlags(fs *pflag.FlagSet, pf *printFlags) {
	fs.BoolVarP(&pf.link, "link-header", "e", false, "print the link-level header on each line")
	fs.BoolVarP(&pf.quiet, "quiet", "q", false, "print less protocol information")
	fs.CountVarP(&pf.hex, "hex", "x", "print each packet in hex (-xx: with its link header)")
	fs.CountVarP(&pf.hexASCII, "hex-ascii", "X", "print each packet in hex and ASCII (-XX: with its link header)")
	fs.CountVarP(&pf.ascii, "ascii", "A", "print each packet in ASCII")
	fs.CountVarP(&pf.tstamp, "timestamp", "t", "-t: no time stamp; -tt: epoch seconds; -ttt: delta to previous; -tttt: date; -ttttt: delta to first")
	fs.BoolVarP(&pf.lineBuf, "line-buffered", "l", false, "flush standard output after each packet")
	fs.BoolVarP(&pf.number, "number", "#", false, "print a packet number at the start of each line")
	fs.BoolVarP(&pf.absSeq, "absolute-tcp-sequence-numbers", "S", false, "print absolute TCP sequence numbers")
	fs.BoolVarP(&pf.asdot, "bgp-asdot", "b", false, "print BGP AS numbers above 65535 in ASDOT notation")
	fs.BoolVarP(&pf.nfsRawFH, "nfs-handles", "u", false, "print NFS file handles undecoded, in hex")
}

func printerOptions(o *options) (printer.Options, error) {
	po := printer.Options{
		Time: o.pf.tstamp, Link: o.pf.link, Quiet: o.pf.quiet, Verbose: o.verbose,
		Hex: o.pf.hex, HexASCII: o.pf.hexASCII, ASCII: o.pf.ascii, Number: o.pf.number,
		AbsSeq: o.pf.absSeq, LineBuffered: o.pf.lineBuf, ASDot: o.pf.asdot, NFSRawFH: o.pf.nfsRawFH,
		LinkOptions: printer.LinkOptions{LinkType: o.pf.linkType, NoChecksums: o.cf.NoCksum, PacketType: o.cf.PacketType},
	}
	switch o.cf.Precision {
	case "micro":
	case "nano":
		po.Nano = true
	default:
		return po, usageError{fmt.Sprintf("unsupported time stamp precision %q: micro or nano", o.cf.Precision)}
	}
	if po.Time > printer.TimeSinceFirst {
		po.Time = printer.TimeSinceFirst
	}
	return po, nil
}

// printSink is what openOutput's sink becomes: nothing printed with
// --count, lines labelled as tcpdump -i any labels them when several
// interfaces or both directions are printed, and with --print the -w
// file's packets printed too.
func printSink(o *options, sink session.Sink, stdout io.Writer, labelled bool) session.Sink {
	if o.write != "" && !o.cf.Print {
		return sink
	}
	var ps session.Sink = sink
	if po, err := printerOptions(o); err == nil && (labelled || o.write != "") {
		p := printer.New(stdout, po)
		ps = session.PrintSink{P: p}
		if labelled {
			ps = &session.LabelSink{P: p}
		}
	}
	switch {
	case o.cf.CountOnly && o.write == "":
		return nopSink{}
	case o.cf.CountOnly:
		return sink
	case o.write != "":
		return &session.TeeSink{W: sink, P: ps}
	}
	return ps
}
