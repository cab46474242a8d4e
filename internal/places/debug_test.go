package places

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugFind(t *testing.T) {
	s := os.Getenv("DYAD_PLACES_TEXT")
	if s == "" {
		t.Skip()
	}
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range p.Find(s) {
		fmt.Printf("%q %d-%d %s %s %s %s %.3f\n", m.Text, m.Start, m.End, m.Name, m.Country, m.Feature, m.Admin1, m.Confidence)
	}
}
