package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/xdpdump/xdpdump/internal/printer"
)

// printFlags are tcpdump's output flags.
type printFlags struct {
	link, quiet, lineBuf, number, absSeq bool
	hex, hexASCII, ascii, tstamp         int
	precision                            string
}

var pf printFlags

func addPrintFlags(fs *pflag.FlagSet) {
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
		Time: pf.tstamp, Link: pf.link, Quiet: pf.quiet, Verbose: o.verbose,
		Hex: pf.hex, HexASCII: pf.hexASCII, ASCII: pf.ascii, Number: pf.number,
		AbsSeq: pf.absSeq, LineBuffered: pf.lineBuf,
	}
	switch pf.precision {
	case "micro":
	case "nano":
		po.Nano = true
	default:
		return po, usageError{fmt.Sprintf("unsupported time stamp precision %q: micro or nano", pf.precision)}
	}
	if po.Time > printer.TimeSinceFirst {
		po.Time = printer.TimeSinceFirst
	}
	return po, nil
}

func newLinePrinter(o *options, w io.Writer) (linePrinter, error) {
	po, err := printerOptions(o)
	if err != nil {
		return nil, err
	}
	return printer.New(w, po), nil
}
