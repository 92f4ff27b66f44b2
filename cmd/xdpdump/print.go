// tcpdump's printing flags, and the glue that turns the command line
// into the printer's and the output's options.

package main

import (
	"io"
	"time"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/output"
	"github.com/xdpdump/xdpdump/internal/printer"
)

// printFlags are tcpdump's output flags.
type printFlags struct {
	link, quiet, lineBuf, number, absSeq bool
	asdot, nfsRawFH                      bool // -b, -u
	hex, hexASCII, ascii, tstamp         int
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

// printerOptions are how packets are printed (internal/printer).
func printerOptions(o *options) printer.Options {
	po := printer.Options{
		Time: o.pf.tstamp, Link: o.pf.link, Quiet: o.pf.quiet, Verbose: o.verbose,
		Hex: o.pf.hex, HexASCII: o.pf.hexASCII, ASCII: o.pf.ascii, Number: o.pf.number,
		AbsSeq: o.pf.absSeq, LineBuffered: o.pf.lineBuf, ASDot: o.pf.asdot, NFSRawFH: o.pf.nfsRawFH,
		LinkOptions: printer.LinkOptions{NoChecksums: o.cf.NoCksum, PacketType: o.cf.PacketType},
	}
	po.Nano = o.cf.Precision == "nano" // micro or nano: cli.Compat.Check
	po.Time = min(po.Time, printer.TimeSinceFirst)
	return po
}

// outputOptions are where the packets go (internal/output).
func outputOptions(o *options, stdout, stderr io.Writer) output.Options {
	return output.Options{
		Name: o.write, Format: o.format, App: "xdpdump " + version, PacketBuffered: o.unbuffered, User: o.ff.User,
		Rotate: output.Rotation{Size: o.ff.SizeBytes, Interval: time.Duration(o.ff.Seconds) * time.Second,
			Files: o.ff.Count, Post: o.ff.Post, Empty: o.ff.RotateEmpty},
		Printer: namedPrinterOptions(o, stderr), Print: o.cf.Print, CountOnly: o.cf.CountOnly, Stdout: stdout, Stderr: stderr,
	}
}
