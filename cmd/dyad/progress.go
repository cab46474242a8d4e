package main

import (
	"fmt"
	"os"
	"time"
)

// isTerminal reports whether f is a character device, so that progress is shown on a
// terminal and not when output is piped or redirected.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressPrinter returns a callback that redraws one status line on standard error,
// at most a few times a second.
func progressPrinter(what string) func(done, total int) {
	var last time.Time
	return func(done, total int) {
		if now := time.Now(); done < total && now.Sub(last) < 200*time.Millisecond {
			return
		} else {
			last = now
		}
		if total > 0 {
			fmt.Fprintf(os.Stderr, "\r%s %d/%d (%.0f%%)", what, done, total, 100*float64(done)/float64(total))
		} else {
			fmt.Fprintf(os.Stderr, "\r%s %d", what, done)
		}
		if total > 0 && done >= total {
			fmt.Fprintln(os.Stderr)
		}
	}
}
