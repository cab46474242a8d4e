// Command gen regenerates the compiled-in tables of package ontology from the codebook
// files in ../shared/data/ontology. Run it through `go generate ./internal/ontology`.
// The output depends only on the input files: same files, same bytes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"dyad/internal/ontology/internal/build"
	"dyad/internal/shareddata"
)

func main() {
	shared := flag.String("shared", "", "the shared folder holding data/ (default: ../shared beside the repository, or $DYAD_SHARED)")
	out := flag.String("out", ".", "folder to write the generated files to")
	quiet := flag.Bool("q", false, "do not print warnings")
	flag.Parse()
	if *shared == "" {
		*shared = shareddata.Root()
	}
	if *shared == "" {
		fmt.Fprintln(os.Stderr, "gen: no shared folder: pass -shared DIR or set DYAD_SHARED")
		os.Exit(2)
	}
	res, err := build.Generate(*shared)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if !*quiet {
		for _, w := range res.Warnings {
			fmt.Fprintln(os.Stderr, "gen: note:", w)
		}
	}
	for _, f := range res.Files {
		p := filepath.Join(*out, f.Name)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
}
