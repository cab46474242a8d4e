//go:build !unix

package syntax

func processCPUSeconds() float64 { return 0 }
