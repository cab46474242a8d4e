package build

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

const (
	fileActorCodebook = "cameo/chapter_3_actor_codebook.md"
	filePloverAgents  = "plover/PLOVER_agents.txt"
)

// roleNames names the role codes whose manual description has no "Name:" lead.
var roleNames = map[string]string{
	"COP": "Police",
	"SPY": "State intelligence",
	"UAF": "Unaligned armed forces",
	"CVL": "Civilians",
}

// ploverOnlyAgents describes the codes PLOVER's agents dictionary assigns that the
// CAMEO manual's tables do not define; the descriptions summarise the entries that
// carry each code in that file.
var ploverOnlyAgents = map[string][2]string{
	"REL": {"Religious", "clergy, believers and religious bodies"},
	"JRN": {"Journalists", "journalists, editors, bloggers and broadcasters"},
	"PTY": {"Political party", "political parties and candidates"},
	"PRM": {"Paramilitary", "private armies, self-defence forces and militias"},
	"SOC": {"Civil society", "civil society, environmental and watchdog groups"},
	"PRE": {"Partially recognised entity", "disputed regions, self-proclaimed and partially recognised states"},
	"UNK": {"Unknown", "generic persons and groups with no sector"},
	"JNK": {"Not an actor (event)", "natural disasters and other non-actors the dictionary discards"},
	"NON": {"Not an actor", "words the dictionary marks as not naming an actor (weekdays, abstractions)"},
}

type agent struct {
	Code, Name, Desc, Kind string
	InPlover               bool
}

type agentTables struct{ agents []*agent }

var ploverAgentCode = regexp.MustCompile(`\[~([A-Z]+)\]`)

func buildAgents(src *sources, warn func(string, ...any)) (*agentTables, error) {
	data, path, err := src.read(fileActorCodebook)
	if err != nil {
		return nil, err
	}
	byCode := map[string]*agent{}
	kind := ""
	err = eachLine(data, func(n int, line string) error {
		if !strings.HasPrefix(strings.TrimSpace(line), "|") {
			kind = ""
			return nil
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		for i := range cells {
			cells[i] = spaces(cells[i])
		}
		switch {
		case len(cells) == 2 && strings.HasSuffix(cells[0], "Role Codes"):
			kind = strings.ToLower(strings.TrimSuffix(cells[0], " Codes"))
			return nil
		case len(cells) == 4 && cells[0] == "Generic Code":
			kind = "international"
			return nil
		case kind == "" || strings.HasPrefix(cells[0], "---"):
			return nil
		}
		code := cells[0]
		if len(code) != 3 || strings.ToUpper(code) != code {
			return fmt.Errorf("%s:%d: bad agent code %q", path, n, code)
		}
		a := &agent{Code: code, Kind: kind, Desc: cells[1]}
		if name, rest, ok := strings.Cut(cells[1], ":"); ok && kind != "international" {
			a.Name, a.Desc = strings.TrimSpace(name), capitalise(strings.TrimSpace(rest))
		} else if kind == "international" {
			a.Name, a.Desc = cells[1], ""
			if len(cells) >= 3 {
				a.Desc = "e.g. " + cells[2]
			}
		} else if name, ok := roleNames[code]; ok {
			a.Name = name
		} else {
			return fmt.Errorf("%s:%d: no name for %s", path, n, code)
		}
		if byCode[code] != nil {
			return fmt.Errorf("%s:%d: duplicate agent code %s", path, n, code)
		}
		byCode[code] = a
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(byCode) < 20 {
		return nil, fmt.Errorf("%s: only %d agent codes found", path, len(byCode))
	}

	data, path, err = src.read(filePloverAgents)
	if err != nil {
		return nil, err
	}
	err = eachLine(data, func(n int, line string) error {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			return nil
		}
		for _, m := range ploverAgentCode.FindAllStringSubmatch(line, -1) {
			run := m[1]
			if len(run)%3 != 0 {
				return fmt.Errorf("%s:%d: agent run %q is not whole codes", path, n, run)
			}
			for i := 0; i < len(run); i += 3 {
				c := run[i : i+3]
				if a := byCode[c]; a != nil {
					a.InPlover = true
					continue
				}
				p, ok := ploverOnlyAgents[c]
				if !ok {
					return fmt.Errorf("%s:%d: agent code %s is neither in the manual nor described here", path, n, c)
				}
				byCode[c] = &agent{Code: c, Name: p[0], Desc: p[1], Kind: "plover", InPlover: true}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for c := range ploverOnlyAgents {
		if byCode[c] == nil {
			warn("%s: described agent %s does not occur", filePloverAgents, c)
		}
	}
	t := &agentTables{}
	for _, c := range sortedKeys(byCode) {
		t.agents = append(t.agents, byCode[c])
	}
	return t, nil
}

func (t *agentTables) render(b *bytes.Buffer) {
	header(b, "CAMEO agent (sector, role) codes and the sectors of PLOVER's agents dictionary.", []string{
		fileActorCodebook + " (CAMEO manual, Table 3.1 role codes and Table 3.2 international codes)",
		filePloverAgents + " (which codes PLOVER assigns; names of codes the manual lacks are ours)",
	}, []string{
		"CAMEO manual: free with attribution",
		"PLOVER agents dictionary (Open Event Data Alliance): MIT",
	})
	b.WriteString("var agentTable = []AgentCode{\n")
	for _, a := range t.agents {
		fmt.Fprintf(b, "{Code: %s, Name: %s, Kind: %s, InPLOVER: %t,\nDescription: %s},\n",
			lit(a.Code), lit(a.Name), lit(a.Kind), a.InPlover, lit(a.Desc))
	}
	b.WriteString("}\n")
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
