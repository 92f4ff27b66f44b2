package rotate

import (
	"strconv"
	"time"
)

var (
	shortDays   = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	longDays    = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	shortMonths = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	longMonths  = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// Strftime formats t as C's strftime(3) does in the C/POSIX locale for
// the conversions tcpdump users put into -w file names:
//
//	%Y %C %y %G %g  year, century, 2-digit year, ISO 8601 year
//	%m %b %h %B     month
//	%d %e %j        day of month (zero / space padded), day of year
//	%H %I %k %l %M %S %p %P  time of day
//	%a %A %u %w     weekday
//	%U %W %V        week number (Sunday, Monday, ISO 8601 based)
//	%s              seconds since the epoch
//	%z %Z           numeric offset, zone abbreviation
//	%F %T %D %R %r %c %x %X  composites
//	%n %t %%        newline, tab, percent
//
// glibc's flags between % and the letter (-, _, 0, ^, #) and field widths
// are not supported; an unknown conversion is copied as is, as glibc does.
func Strftime(pattern string, t time.Time) string {
	return string(appendStrftime(nil, pattern, t))
}

func appendStrftime(b []byte, pattern string, t time.Time) []byte {
	pad := func(b []byte, v, width int, fill byte) []byte {
		s := strconv.Itoa(v)
		for i := len(s); i < width; i++ {
			b = append(b, fill)
		}
		return append(b, s...)
	}
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		if c != '%' || i+1 == len(pattern) {
			b = append(b, c)
			continue
		}
		i++
		switch pattern[i] {
		case 'Y':
			b = strconv.AppendInt(b, int64(t.Year()), 10)
		case 'C':
			b = pad(b, t.Year()/100, 2, '0')
		case 'y':
			b = pad(b, t.Year()%100, 2, '0')
		case 'G':
			y, _ := t.ISOWeek()
			b = strconv.AppendInt(b, int64(y), 10)
		case 'g':
			y, _ := t.ISOWeek()
			b = pad(b, y%100, 2, '0')
		case 'm':
			b = pad(b, int(t.Month()), 2, '0')
		case 'b', 'h':
			b = append(b, shortMonths[t.Month()-1]...)
		case 'B':
			b = append(b, longMonths[t.Month()-1]...)
		case 'd':
			b = pad(b, t.Day(), 2, '0')
		case 'e':
			b = pad(b, t.Day(), 2, ' ')
		case 'j':
			b = pad(b, t.YearDay(), 3, '0')
		case 'H':
			b = pad(b, t.Hour(), 2, '0')
		case 'k':
			b = pad(b, t.Hour(), 2, ' ')
		case 'I':
			b = pad(b, hour12(t), 2, '0')
		case 'l':
			b = pad(b, hour12(t), 2, ' ')
		case 'M':
			b = pad(b, t.Minute(), 2, '0')
		case 'S':
			b = pad(b, t.Second(), 2, '0')
		case 'p':
			if t.Hour() < 12 {
				b = append(b, "AM"...)
			} else {
				b = append(b, "PM"...)
			}
		case 'P':
			if t.Hour() < 12 {
				b = append(b, "am"...)
			} else {
				b = append(b, "pm"...)
			}
		case 'a':
			b = append(b, shortDays[t.Weekday()]...)
		case 'A':
			b = append(b, longDays[t.Weekday()]...)
		case 'u':
			wd := int(t.Weekday())
			if wd == 0 {
				wd = 7
			}
			b = strconv.AppendInt(b, int64(wd), 10)
		case 'w':
			b = strconv.AppendInt(b, int64(t.Weekday()), 10)
		case 'U':
			b = pad(b, (t.YearDay()-1+7-int(t.Weekday()))/7, 2, '0')
		case 'W':
			b = pad(b, (t.YearDay()-1+7-(int(t.Weekday())+6)%7)/7, 2, '0')
		case 'V':
			_, w := t.ISOWeek()
			b = pad(b, w, 2, '0')
		case 's':
			b = strconv.AppendInt(b, t.Unix(), 10)
		case 'z':
			_, off := t.Zone()
			sign := byte('+')
			if off < 0 {
				sign, off = '-', -off
			}
			b = append(b, sign)
			b = pad(b, off/3600, 2, '0')
			b = pad(b, off%3600/60, 2, '0')
		case 'Z':
			name, _ := t.Zone()
			b = append(b, name...)
		case 'F':
			b = appendStrftime(b, "%Y-%m-%d", t)
		case 'T':
			b = appendStrftime(b, "%H:%M:%S", t)
		case 'D', 'x':
			b = appendStrftime(b, "%m/%d/%y", t)
		case 'R':
			b = appendStrftime(b, "%H:%M", t)
		case 'r':
			b = appendStrftime(b, "%I:%M:%S %p", t)
		case 'X':
			b = appendStrftime(b, "%H:%M:%S", t)
		case 'c':
			b = appendStrftime(b, "%a %b %e %H:%M:%S %Y", t)
		case 'n':
			b = append(b, '\n')
		case 't':
			b = append(b, '\t')
		case '%':
			b = append(b, '%')
		default:
			b = append(b, '%', pattern[i])
		}
	}
	return b
}

func hour12(t time.Time) int {
	h := t.Hour() % 12
	if h == 0 {
		h = 12
	}
	return h
}

// HasConversion reports whether pattern has a time conversion, i.e.
// whether -G rotation gives each file its own name.
func HasConversion(pattern string) bool {
	return Strftime(pattern, time.Unix(0, 0).UTC()) != Strftime(pattern, time.Unix(86400*400+3661, 0).UTC())
}
