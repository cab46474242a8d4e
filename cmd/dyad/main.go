// Command dyad turns news articles into coded political events.
//
// Each subcommand lives in its own file and adds itself to the root command in an
// init function, so that the pipeline's stages can grow their commands independently.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// root is the dyad command; subcommands register themselves with root.AddCommand.
var root = &cobra.Command{
	Use:           "dyad",
	Short:         "dyad turns news into a database of political events",
	Long:          "dyad turns news into a database of political events: who did what to whom,\nwhen, where, and who says so, with the sentence that says it.",
	SilenceUsage:  true,
	SilenceErrors: true,
}

// errSkipped makes dyad exit with status 1 after a run that completed but skipped
// some input; the problems were already reported.
var errSkipped = errors.New("some input was skipped")

func main() {
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w (run '%s --help' for usage)", err, c.CommandPath())
	})
	if err := root.Execute(); err != nil {
		if !errors.Is(err, errSkipped) {
			fmt.Fprintln(os.Stderr, "dyad:", err)
		}
		os.Exit(1)
	}
}
