//go:build !unix

package petrarch

func processCPUSeconds() float64 { return 0 }
