package lexicon

import "strings"

// Predicates are written as lemmas; sentences have inflected words. Until the syntax
// stage supplies lemmas for every sentence, the matcher indexes the inflected forms of
// each verb and noun, made by the rules of English spelling and a table of irregular
// verbs. A wrong extra form ("visitted") costs nothing: it never occurs.

// irregularVerbs maps a lemma to its past tense and past participle forms.
var irregularVerbs = map[string][]string{
	"arise": {"arose", "arisen"}, "be": {"was", "were", "been", "is", "are", "am"},
	"bear": {"bore", "borne", "born"}, "beat": {"beat", "beaten"}, "become": {"became", "become"},
	"begin": {"began", "begun"}, "bid": {"bid"}, "bind": {"bound"}, "blow": {"blew", "blown"},
	"break": {"broke", "broken"}, "bring": {"brought"}, "broadcast": {"broadcast"},
	"build": {"built"}, "burn": {"burnt", "burned"}, "buy": {"bought"}, "catch": {"caught"},
	"choose": {"chose", "chosen"}, "come": {"came", "come"}, "cut": {"cut"}, "deal": {"dealt"},
	"dig": {"dug"}, "do": {"did", "done", "does"}, "draw": {"drew", "drawn"},
	"drive": {"drove", "driven"}, "fall": {"fell", "fallen"}, "feed": {"fed"}, "feel": {"felt"},
	"fight": {"fought"}, "find": {"found"}, "flee": {"fled"}, "fly": {"flew", "flown"},
	"forbid": {"forbade", "forbidden"}, "forecast": {"forecast"}, "foresee": {"foresaw", "foreseen"},
	"forgive": {"forgave", "forgiven"}, "freeze": {"froze", "frozen"}, "get": {"got", "gotten"},
	"give": {"gave", "given"}, "go": {"went", "gone", "goes"}, "grind": {"ground"},
	"hang": {"hung", "hanged"}, "have": {"had", "has"}, "hear": {"heard"}, "hide": {"hid", "hidden"},
	"hit": {"hit"}, "hold": {"held"}, "hurt": {"hurt"}, "keep": {"kept"}, "know": {"knew", "known"},
	"lay": {"laid"}, "lead": {"led"}, "leave": {"left"}, "lend": {"lent"}, "let": {"let"},
	"lie": {"lay", "lain", "lying"}, "light": {"lit", "lighted"}, "lose": {"lost"},
	"make": {"made"}, "mean": {"meant"}, "meet": {"met"}, "mislead": {"misled"},
	"overcome": {"overcame", "overcome"}, "override": {"overrode", "overridden"},
	"overrun": {"overran", "overrun"}, "oversee": {"oversaw", "overseen"},
	"overthrow": {"overthrew", "overthrown"}, "pay": {"paid"}, "put": {"put"}, "quit": {"quit"},
	"read": {"read"}, "rebuild": {"rebuilt"}, "repay": {"repaid"}, "retake": {"retook", "retaken"},
	"ride": {"rode", "ridden"}, "ring": {"rang", "rung"}, "rise": {"rose", "risen"},
	"run": {"ran", "run"}, "say": {"said"}, "see": {"saw", "seen"}, "seek": {"sought"},
	"sell": {"sold"}, "send": {"sent"}, "set": {"set"}, "shake": {"shook", "shaken"},
	"shed": {"shed"}, "shoot": {"shot"}, "show": {"showed", "shown"}, "shut": {"shut"},
	"sink": {"sank", "sunk"}, "sit": {"sat"}, "slay": {"slew", "slain"}, "slide": {"slid"},
	"speak": {"spoke", "spoken"}, "spend": {"spent"}, "split": {"split"}, "spread": {"spread"},
	"stand": {"stood"}, "steal": {"stole", "stolen"}, "stick": {"stuck"}, "strike": {"struck", "stricken"},
	"strive": {"strove", "striven"}, "swear": {"swore", "sworn"}, "sweep": {"swept"},
	"take": {"took", "taken"}, "teach": {"taught"}, "tear": {"tore", "torn"}, "tell": {"told"},
	"think": {"thought"}, "throw": {"threw", "thrown"}, "undergo": {"underwent", "undergone"},
	"undertake": {"undertook", "undertaken"}, "understand": {"understood"}, "uphold": {"upheld"},
	"upset": {"upset"}, "wage": {"waged"}, "wake": {"woke", "woken"}, "wear": {"wore", "worn"},
	"win": {"won"}, "withdraw": {"withdrew", "withdrawn"}, "withhold": {"withheld"},
	"withstand": {"withstood"}, "write": {"wrote", "written"}, "forsake": {"forsook", "forsaken"},
	"shrink": {"shrank", "shrunk"}, "sting": {"stung"}, "swing": {"swung"}, "weep": {"wept"},
	"wind": {"wound"}, "outbid": {"outbid"}, "reset": {"reset"}, "offset": {"offset"},
	"recast": {"recast"}, "rethink": {"rethought"}, "resell": {"resold"}, "mistake": {"mistook", "mistaken"},
	"bet": {"bet"}, "cast": {"cast"}, "cost": {"cost"}, "hurl": {"hurled"}, "sling": {"slung"},
}

// verbForms returns a verb phrase with its head (first word) in every inflected form.
func verbForms(phrase string) []string {
	words := strings.Fields(phrase)
	if len(words) == 0 {
		return nil
	}
	// The verb is the first word that is not an adverb: "formally protest".
	h := 0
	for h < len(words)-1 && strings.HasSuffix(strings.ToLower(words[h]), "ly") {
		h++
	}
	pre := strings.Join(words[:h], " ")
	if pre != "" {
		pre += " "
	}
	rest := ""
	if h+1 < len(words) {
		rest = " " + strings.Join(words[h+1:], " ")
	}
	seen := map[string]bool{}
	var out []string
	for _, f := range inflectVerb(strings.ToLower(words[h])) {
		if !seen[f] {
			seen[f] = true
			out = append(out, pre+f+rest)
		}
	}
	return out
}

func inflectVerb(v string) []string {
	forms := []string{v, thirdPerson(v), ingForm(v)}
	if irr, ok := irregularVerbs[v]; ok {
		forms = append(forms, irr...)
	} else {
		forms = append(forms, pastForm(v))
	}
	if doublesFinal(v) {
		last := v[len(v)-1:]
		forms = append(forms, v+last+"ed", v+last+"ing")
	}
	return forms
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func thirdPerson(v string) string {
	switch {
	case strings.HasSuffix(v, "s"), strings.HasSuffix(v, "x"), strings.HasSuffix(v, "z"),
		strings.HasSuffix(v, "ch"), strings.HasSuffix(v, "sh"), strings.HasSuffix(v, "o") && !strings.HasSuffix(v, "oo"):
		return v + "es"
	case len(v) > 1 && v[len(v)-1] == 'y' && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

func pastForm(v string) string {
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case len(v) > 1 && v[len(v)-1] == 'y' && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ied"
	}
	return v + "ed"
}

func ingForm(v string) string {
	switch {
	case strings.HasSuffix(v, "ie"):
		return v[:len(v)-2] + "ying"
	case strings.HasSuffix(v, "e") && !strings.HasSuffix(v, "ee") && !strings.HasSuffix(v, "ye") && !strings.HasSuffix(v, "oe") && len(v) > 2:
		return v[:len(v)-1] + "ing"
	}
	return v + "ing"
}

// doublesFinal reports whether the verb may double its final consonant before -ed and
// -ing ("expel" -> "expelled", "ban" -> "banned"). Without stress information both
// spellings are indexed.
func doublesFinal(v string) bool {
	n := len(v)
	if n < 3 {
		return false
	}
	c, vow, before := v[n-1], v[n-2], v[n-3]
	return strings.IndexByte("bdgklmnprt", c) >= 0 && isVowel(vow) && !isVowel(before)
}

// pluralPhrase returns the plural of a noun phrase (its last word made plural), or
// nothing when the phrase already looks plural.
func pluralPhrase(phrase string) []string {
	words := strings.Fields(phrase)
	if len(words) == 0 {
		return nil
	}
	last := words[len(words)-1]
	lower := strings.ToLower(last)
	var p string
	switch {
	case isAcronym(last):
		return nil
	case strings.HasSuffix(lower, "man") && lower != "german" && lower != "roman" && lower != "human":
		p = last[:len(last)-3] + "men"
	case lower == "person":
		p = last[:len(last)-6] + "people"
	case lower == "child":
		p = last + "ren"
	case strings.HasSuffix(lower, "ss"), strings.HasSuffix(lower, "x"), strings.HasSuffix(lower, "ch"), strings.HasSuffix(lower, "sh"):
		p = last + "es"
	case strings.HasSuffix(lower, "s"):
		return nil
	case len(lower) > 1 && lower[len(lower)-1] == 'y' && !isVowel(lower[len(lower)-2]):
		p = last[:len(last)-1] + "ies"
	default:
		p = last + "s"
	}
	words[len(words)-1] = p
	return []string{strings.Join(words, " ")}
}

// notForms returns an entry's "not" phrases with those that begin with one of its own
// verbs in every inflected form: "strike down" also cancels "struck down the law".
func notForms(p *Predicate) []string {
	heads := map[string]bool{}
	for _, v := range p.Verbs {
		if f := strings.Fields(strings.ToLower(v)); len(f) > 0 {
			heads[f[0]] = true
		}
	}
	var out []string
	for _, n := range p.Not {
		f := strings.Fields(strings.ToLower(n))
		if len(f) > 1 && heads[f[0]] {
			out = append(out, verbForms(n)...)
			continue
		}
		out = append(out, n)
	}
	return out
}
