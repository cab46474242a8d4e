package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"dyad/internal/event"
	"dyad/internal/output"
	"dyad/internal/store"
)

func init() {
	var (
		dbURL  string
		ff     filterFlags
		format string
		out    string
		limit  int
		quiet  bool
	)
	cmd := &cobra.Command{
		Use:   "export [--db URL] [filters] --format jsonl|csv|gdelt|plover [--out FILE]",
		Short: "Write the stored events that match filters as JSONL, CSV, GDELT or PLOVER",
		Long: `Write the stored events that match the filters (those of 'dyad query'), oldest
first, to standard output or --out FILE.

  jsonl   the event record (docs/event-record.md), one per line
  tsv     flat rows, the columns of 'dyad code --format tsv', with a header
  csv     the same columns as comma-separated values with a header
  gdelt   GDELT 2.0 Events rows: 61 tab-separated columns, no header
  plover  PLOVER JSON records, one per line (events PLOVER does not code are left out)

docs/export.md lists every column and field. With --out, the file is written under a
temporary name and renamed when complete, so a failed export leaves no half file.`,
		Example: "  dyad export --format gdelt --from 2020 --out events-2020.tsv\n  dyad export --format plover --either RUS --quad 4 > rus-conflict.jsonl",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := ff.filter()
			if err != nil {
				return err
			}
			if limit < 0 {
				return fmt.Errorf("--limit %d: want 0 (all) or more", limit)
			}
			if format == "" {
				return errors.New("--format is required: " + strings.Join(output.ExportFormats, ", "))
			}
			s, err := openExisting(cmd.Context(), dbURL)
			if err != nil {
				return err
			}
			defer s.Close()

			var dst io.Writer = cmd.OutOrStdout()
			var tmp *os.File
			if out != "" && out != "-" {
				tmp, err = os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
				if err != nil {
					return fmt.Errorf("--out: %w", err)
				}
				defer os.Remove(tmp.Name()) // after the rename, a no-op
				defer tmp.Close()
				dst = tmp
			}
			w, err := output.NewExport(format, dst)
			if err != nil {
				return err
			}
			n := 0
			_, err = eachEvent(cmd.Context(), s, f, limit, func(ev event.Event) error {
				n++
				return w.Write(ev)
			})
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			if tmp != nil && err == nil {
				// CreateTemp makes the file private; an export is an ordinary file.
				if err = tmp.Chmod(0o644); err == nil {
					err = tmp.Close()
				}
				if err == nil {
					err = os.Rename(tmp.Name(), out)
				}
			}
			if err != nil {
				if errors.Is(err, store.ErrBadFilter) {
					return fmt.Errorf("%w (dyad export --help lists the filters)", err)
				}
				return err
			}
			if !quiet {
				msg := fmt.Sprintf("dyad export: %d events as %s", n, format)
				if sk, ok := w.(interface{ Skipped() int }); ok && sk.Skipped() > 0 {
					msg += fmt.Sprintf(" (%d without a PLOVER type left out)", sk.Skipped())
				}
				if out != "" && out != "-" {
					msg += " to " + out
				}
				fmt.Fprintln(cmd.ErrOrStderr(), msg)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&dbURL, "db", "", "database: a SQLite path (default "+store.DefaultPath+"), sqlite:///path or postgres://…")
	ff.register(fl)
	fl.StringVar(&format, "format", "", "output format: "+strings.Join(output.ExportFormats, ", "))
	fl.StringVarP(&out, "out", "o", "", "write to this file instead of standard output")
	fl.IntVar(&limit, "limit", 0, "write at most this many events (0: all)")
	fl.BoolVarP(&quiet, "quiet", "q", false, "print no summary")
	root.AddCommand(cmd)
}
