package ontology

import "strings"

// AgentCode is a CAMEO agent (sector, role) code: the three letters after a country in
// an actor code such as COLGOV, or a generic international type such as IGO.
type AgentCode struct {
	Code        string // "GOV"
	Name        string // "Government"
	Description string
	// Kind is "primary role", "secondary role", "tertiary role", "international" (the
	// CAMEO manual's tables) or "plover" (used only by PLOVER's agents dictionary).
	Kind string
	// InPLOVER reports whether PLOVER's agents dictionary assigns the code.
	InPLOVER bool
}

var agentIndex = func() map[string]int {
	m := make(map[string]int, len(agentTable))
	for i, a := range agentTable {
		m[a.Code] = i
	}
	return m
}()

// Agent returns the agent code's entry ("GOV", "mil" and " MIL " all find MIL).
func Agent(code string) (AgentCode, bool) {
	i, ok := agentIndex[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return AgentCode{}, false
	}
	return agentTable[i], true
}

// Agents returns every agent code, sorted by code.
func Agents() []AgentCode {
	return append([]AgentCode(nil), agentTable...)
}

// SplitAgents splits a run of three-letter agent codes ("GOVMIL", "CVLOPPEDU") into
// its codes; ok is false when the run is not a whole number of known codes.
func SplitAgents(run string) (codes []string, ok bool) {
	run = strings.ToUpper(strings.TrimSpace(run))
	if run == "" || len(run)%3 != 0 {
		return nil, false
	}
	for i := 0; i < len(run); i += 3 {
		c := run[i : i+3]
		if _, known := agentIndex[c]; !known {
			return nil, false
		}
		codes = append(codes, c)
	}
	return codes, true
}
