package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"dyad/internal/gazetteer"
)

func init() {
	gaz := &cobra.Command{
		Use:   "gazetteer",
		Short: "Build gazetteer files from GeoNames dumps",
	}
	var (
		out    string
		minPop int64
	)
	imp := &cobra.Command{
		Use:   "import FILE",
		Short: "Build a gazetteer file from a GeoNames dump (allCountries, cities500, …)",
		Long: `Build a gazetteer file from a GeoNames dump that you downloaded from
https://download.geonames.org/export/dump/ (allCountries.zip, cities500.zip,
cities1000.txt, … as .txt, .zip or .gz). Populated places of at least
--min-population are kept, with the dump's first- and second-level divisions and
country points; the countries, their codes, names and demonyms, and the divisions
the dump lacks come from the embedded gazetteer.

The file is what 'dyad places --gazetteer FILE' reads. GeoNames data is CC BY 4.0:
credit geonames.org when you publish results made with it.`,
		Example: "  dyad gazetteer import allCountries.zip --out geonames.gaz\n  dyad places --gazetteer geonames.gaz news.jsonl",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return errors.New("--out FILE is required")
			}
			base, err := gazetteer.Default()
			if err != nil {
				return err
			}
			b := gazetteer.NewBuilder(minPop)
			b.AddCountriesFrom(base)
			if err := readDump(args[0], b.ReadGeoNames); err != nil {
				return err
			}
			var buf bytes.Buffer
			source := fmt.Sprintf("made by `dyad gazetteer import` from %s (population >= %d) and dyad's embedded gazetteer; GeoNames data, CC BY 4.0, geonames.org", filepath.Base(args[0]), minPop)
			if err := b.Write(&buf, source); err != nil {
				return err
			}
			// Check that it loads before replacing anything.
			g, err := gazetteer.Load(bytes.NewReader(buf.Bytes()), out)
			if err != nil {
				return err
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "dyad: wrote %s: %d places, %.1f MB\n", out, len(g.Places), float64(buf.Len())/1e6)
			return nil
		},
	}
	imp.Flags().StringVarP(&out, "out", "o", "", "gazetteer file to write (required)")
	imp.Flags().Int64Var(&minPop, "min-population", 0, "smallest population of a populated place to keep")
	gaz.AddCommand(imp)
	root.AddCommand(gaz)
}

// readDump hands the GeoNames rows in path (.txt, .gz, or a .zip holding one .txt) to
// read.
func readDump(path string, read func(io.Reader, string) error) error {
	switch {
	case strings.HasSuffix(path, ".zip"):
		zr, err := zip.OpenReader(path)
		if err != nil {
			return fmt.Errorf("gazetteer import: %w", err)
		}
		defer zr.Close()
		for _, f := range zr.File {
			if !strings.HasSuffix(f.Name, ".txt") || strings.Contains(strings.ToLower(f.Name), "readme") {
				continue
			}
			r, err := f.Open()
			if err != nil {
				return fmt.Errorf("%s: %s: %w", path, f.Name, err)
			}
			defer r.Close()
			return read(r, path+":"+f.Name)
		}
		return fmt.Errorf("%s: no .txt file inside", path)
	case strings.HasSuffix(path, ".gz"):
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("gazetteer import: %w", err)
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return read(zr, path)
	default:
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("gazetteer import: %w", err)
		}
		defer f.Close()
		return read(f, path)
	}
}
