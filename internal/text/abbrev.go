package text

// abbrKind says how an abbreviation that keeps its final period behaves at a possible
// sentence end.
type abbrKind uint8

const (
	notAbbrev abbrKind = iota
	// abbrEnding can end a sentence ("Inc.", "etc.", "U.S.", "Calif."): the sentence
	// ends there only when a typical sentence opener follows.
	abbrEnding
	// abbrTitle stands before a name or number and never ends a sentence on its own
	// line ("Mr.", "Gen.", "e.g.", "vs.").
	abbrTitle
	// abbrNumber keeps its period only before a number ("No. 5", "Fig. 2", "pp. 3"),
	// because the bare word ("No.") ends sentences often.
	abbrNumber
)

// abbreviations are words that keep a final period as part of the token (UD writes
// "Mr." and "Inc." as one token). Keys are lower-case; the listed spelling decides
// which capitalisations count (see lookupAbbrev).
var abbreviations = map[string]abbrEntry{}

type abbrEntry struct {
	form string // spelling as listed, without the period
	kind abbrKind
}

func init() {
	add := func(kind abbrKind, forms ...string) {
		for _, f := range forms {
			abbreviations[lowerASCII(f)] = abbrEntry{form: f, kind: kind}
		}
	}
	add(abbrTitle,
		// personal and military titles
		"Mr", "Mrs", "Ms", "Messrs", "Mmes", "Mme", "Mlle", "Dr", "Drs", "Prof", "Profs",
		"Gen", "Gens", "Lt", "Col", "Maj", "Capt", "Cmdr", "Cdr", "Adm", "Sgt", "Cpl", "Pvt",
		"Brig", "Cmdt", "Lieut", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Pres", "Rev",
		"Hon", "Fr", "Supt", "Insp", "Det", "Amb", "Atty", "Secy", "Pfc", "Spc",
		"Mt", "Ft", "Msgr", "Sr", "Sra", "Srta",
		// function words that are always followed by more
		"vs", "v", "e.g", "i.e", "cf", "viz", "approx", "ca", "c", "esp", "incl",
		"al", "St")
	add(abbrNumber, "No", "Nos", "Fig", "Figs", "Vol", "Vols", "pp", "p", "Art", "Arts", "Ch",
		"Sec", "Para", "Ex", "Exh", "Op", "Nr", "Tel", "Ext")
	add(abbrEnding,
		// companies and the like
		"Inc", "Corp", "Co", "Cos", "Ltd", "Bros", "Jr", "Assn", "Dept", "Univ", "Govt", "Intl",
		"Mfg", "Ave", "Blvd", "Rd", "Hwy", "Sq", "Ct", "Pl",
		"etc",
		// months and days (May, June and July are never abbreviated)
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
		// US states in AP style
		"Ala", "Ariz", "Ark", "Calif", "Cal", "Colo", "Conn", "Del", "Fla", "Ga", "Ill",
		"Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo",
		"Mont", "Neb", "Nebr", "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn", "Tex", "Va", "Vt",
		"Wash", "Wis", "Wisc", "Wyo", "Ont", "Que", "Alta")
}

// lookupAbbrev reports the kind of word+"." (word without the period): listed words
// match as listed, in capitals (at least three letters, so that "NO." and "US." stay
// words), or capitalised when listed in lower case ("E.g.", "Etc.").
func lookupAbbrev(word string, digitFollows bool) abbrKind {
	if len(word) == 0 || len(word) > 8 {
		return notAbbrev
	}
	var buf [8]byte
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 0x80 {
			return notAbbrev
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	e, ok := abbreviations[string(buf[:len(word)])]
	if !ok {
		return notAbbrev
	}
	switch {
	case word == e.form:
	case len(word) >= 3 && isUpperASCII(word):
	case e.form[0] >= 'a' && e.form[0] <= 'z' && word[0] >= 'A' && word[0] <= 'Z' && word[1:] == e.form[1:]:
	default:
		return notAbbrev
	}
	if e.kind == abbrNumber && !digitFollows {
		return notAbbrev
	}
	return e.kind
}

// dottedAbbrev reports whether w (with its final period) is an initial ("W.") or a
// dotted abbreviation ("U.S.", "a.m.", "Ph.D.", "D.C."): letters in groups of at most
// three, at least one group a single letter.
func dottedAbbrev(w string) bool {
	if len(w) < 2 || w[len(w)-1] != '.' {
		return false
	}
	groups, short, n := 0, false, 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z'):
			n++
			if n > 3 {
				return false
			}
		case c == '.':
			if n == 0 {
				return false
			}
			groups++
			if n == 1 {
				short = true
			}
			n = 0
		default:
			return false
		}
	}
	if groups == 1 {
		// a single group: only an upper-case initial ("W."), not "a." or "the."
		return len(w) == 2 && 'A' <= w[0] && w[0] <= 'Z'
	}
	return short
}

// hyphenPrefixes keep their hyphen in UD English ("non-violent", "co-founder",
// "e-mail" stay one token); other hyphenated words are split ("year - old").
var hyphenPrefixes = map[string]bool{
	"non": true, "co": true, "pre": true, "anti": true, "re": true, "mid": true,
	"post": true, "pro": true, "multi": true, "ex": true, "sub": true, "cross": true,
	"counter": true, "semi": true, "mini": true, "inter": true, "pan": true, "e": true,
	"over": true, "intra": true, "trans": true, "neo": true, "quasi": true, "ultra": true,
	"micro": true, "macro": true, "bi": true, "tri": true, "un": true, "de": true,
	"socio": true, "geo": true, "meta": true, "auto": true, "extra": true, "hyper": true,
	"infra": true, "mega": true, "out": true, "para": true, "super": true, "vice": true,
}

// sentenceOpeners are capitalised words that typically begin a sentence; after an
// abbreviation that may end a sentence ("in the U.S. The ..."), one of them says it did.
var sentenceOpeners = map[string]bool{}

func init() {
	for _, w := range []string{
		"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its",
		"Their", "Our", "My", "Your", "This", "That", "These", "Those", "There", "Here",
		"But", "And", "Or", "So", "Yet", "In", "On", "At", "For", "From", "With", "By",
		"As", "If", "When", "While", "After", "Before", "Since", "Although", "Though",
		"Because", "However", "Meanwhile", "Still", "Also", "Then", "Now", "Some", "Many",
		"Most", "All", "Both", "Each", "Other", "Others", "Such", "No", "Not", "What",
		"Who", "Why", "How", "Where", "Which", "One", "Two", "Last", "Next", "Officials",
		"According", "Despite", "During", "Under", "Over", "About", "More", "Several",
		"Another", "Neither", "Nor", "Even", "Only", "Just", "Instead", "Earlier",
		"Later", "Today", "Yesterday", "Tomorrow", "Thus", "Indeed", "Moreover", "Please",
		"Thanks", "Thank", "Is", "Are", "Was", "Were", "Do", "Does", "Did", "Can", "Will",
		"Would", "Should", "Could", "May", "Let",
	} {
		sentenceOpeners[w] = true
	}
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z') && c != '.' && c != ' ' {
			return false
		}
	}
	return true
}
