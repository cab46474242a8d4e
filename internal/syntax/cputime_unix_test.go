//go:build unix

package syntax

import "syscall"

// processCPUSeconds is the CPU time this process has used, so that benchmarks can
// report throughput per CPU-second, which a busy shared machine distorts less than
// wall-clock time.
func processCPUSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
