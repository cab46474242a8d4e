package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"dyad/internal/store"
)

func init() {
	var (
		dbURL  string
		asJSON bool
	)
	db := &cobra.Command{
		Use:   "db",
		Short: "Inspect the event database",
	}
	stats := &cobra.Command{
		Use:   "stats [--db URL]",
		Short: "Count the articles, events, mentions, links and actors in the database",
		Long: "Count what the database holds. --db is a SQLite path (default " + store.DefaultPath + "),\n" +
			"sqlite:///path, or a postgres:// URL.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Opening a SQLite file that is not there would create an empty
			// database; say so instead.
			if path := sqlitePath(dbURL); path != "" {
				if _, err := os.Stat(path); err != nil {
					return fmt.Errorf("no database at %s (give one with --db)", path)
				}
			}
			s, err := store.Open(cmd.Context(), dbURL)
			if err != nil {
				return err
			}
			defer s.Close()
			st, err := s.Stats(cmd.Context())
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(st)
			}
			w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			fmt.Fprintf(w, "backend\t%s (schema %d)\n", st.Backend, st.SchemaVersion)
			fmt.Fprintf(w, "articles\t%d\n", st.Articles)
			fmt.Fprintf(w, "events\t%d\n", st.Events)
			fmt.Fprintf(w, "mentions\t%d\n", st.Mentions)
			fmt.Fprintf(w, "links\t%d\n", st.Links)
			fmt.Fprintf(w, "actors\t%d\n", st.Actors)
			if st.FirstDate != "" {
				fmt.Fprintf(w, "dates\t%s … %s\n", st.FirstDate, st.LastDate)
			}
			return w.Flush()
		},
	}
	stats.Flags().StringVar(&dbURL, "db", "", "database: a SQLite path (default "+store.DefaultPath+"), sqlite:///path or postgres://…")
	stats.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	db.AddCommand(stats)
	root.AddCommand(db)
}

// sqlitePath is the file a --db value names, or "" for a server URL.
func sqlitePath(dbURL string) string {
	switch {
	case dbURL == "":
		return store.DefaultPath
	case strings.HasPrefix(dbURL, "sqlite://"):
		return strings.TrimPrefix(dbURL, "sqlite://")
	case strings.Contains(dbURL, "://"):
		return ""
	}
	return dbURL
}
