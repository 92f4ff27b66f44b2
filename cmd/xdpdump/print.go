package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/printer"
)

// printFlags are tcpdump's output flags.
type printFlags struct {
	link, quiet, lineBuf, number, absSeq bool
	hex, hexASCII, ascii, tstamp         int
	precision                            string
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
	fs.StringVar(&pf.precision, "time-stamp-precision", "micro", "time stamp precision when printing: micro or nano")
}

func printerOptions(o *options) (printer.Options, error) {
	po := printer.Options{
		Time: o.pf.tstamp, Link: o.pf.link, Quiet: o.pf.quiet, Verbose: o.verbose,
		Hex: o.pf.hex, HexASCII: o.pf.hexASCII, ASCII: o.pf.ascii, Number: o.pf.number,
		AbsSeq: o.pf.absSeq, LineBuffered: o.pf.lineBuf,
	}
	switch o.pf.precision {
	case "micro":
	case "nano":
		po.Nano = true
	default:
		return po, usageError{fmt.Sprintf("unsupported time stamp precision %q: micro or nano", o.pf.precision)}
	}
	if po.Time > printer.TimeSinceFirst {
		po.Time = printer.TimeSinceFirst
	}
	return po, nil
}
