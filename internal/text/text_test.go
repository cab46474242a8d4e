package text

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"dyad/internal/shareddata"
)

func tokenTexts(toks []Token) string {
	w := make([]string, len(toks))
	for i, t := range toks {
		w[i] = t.Text
	}
	return strings.Join(w, " | ")
}

func TestTokenizeFollowsUDConventions(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"clitic n't", "They don't know.", "They | do | n't | know | ."},
		{"can't and won't", "I can't, he won't", "I | ca | n't | , | he | wo | n't"},
		{"typographic apostrophe", "We don’t and they’re", "We | do | n’t | and | they | ’re"},
		{"clitics", "I'm sure we'll see what they've done; he'd go", "I | 'm | sure | we | 'll | see | what | they | 've | done | ; | he | 'd | go"},
		{"possessive", "Russia's embassy and Colombia’s decision", "Russia | 's | embassy | and | Colombia | ’s | decision"},
		{"possessive of an abbreviation", "the U.S.'s allies and the U.N.’s envoy", "the | U.S. | 's | allies | and | the | U.N. | ’s | envoy"},
		{"plural possessive", "the diplomats' cars", "the | diplomats | ' | cars"},
		{"cannot and gonna", "You cannot stop what's gonna happen", "You | can | not | stop | what | 's | gon | na | happen"},
		{"abbreviations keep the period", "Mr. Smith met Gen. Lee in the U.S. on Dec. 8.", "Mr. | Smith | met | Gen. | Lee | in | the | U.S. | on | Dec. | 8 | ."},
		{"abbreviation ends the sentence", "He works for Acme Inc.", "He | works | for | Acme | Inc."},
		{"sentence-final U.S.", "the consternation of the U.S.", "the | consternation | of | the | U.S."},
		{"initials", "J. R. R. Tolkien and George W. Bush", "J. | R. | R. | Tolkien | and | George | W. | Bush"},
		{"No. before a number only", "No. 10 Downing Street. He said no.", "No. | 10 | Downing | Street | . | He | said | no | ."},
		{"a.m. and e.g.", "at 9 a.m., e.g. today", "at | 9 | a.m. | , | e.g. | today"},
		{"numbers", "$5 rose 10% to 1,000.5 or 3.5 million", "$ | 5 | rose | 10 | % | to | 1,000.5 | or | 3.5 | million"},
		{"number and unit", "a 39K salary at 5pm", "a | 39 | K | salary | at | 5 | pm"},
		{"ordinals and decades stay", "the 2nd time in the 1990s", "the | 2nd | time | in | the | 1990s"},
		{"hyphen split", "a 15-year term for the U.S.-led coalition", "a | 15 | - | year | term | for | the | U.S. | - | led | coalition"},
		{"hyphen after prefix kept", "a non-violent co-founder sent e-mail", "a | non-violent | co-founder | sent | e-mail"},
		{"phone numbers and ranges", "call 713-853-3989 or 555-1234 for the 1990-1995 data", "call | 713-853-3989 | or | 555-1234 | for | the | 1990 | - | 1995 | data"},
		{"dates and fractions", "on 9/11 and 12/24/2020, 1/2 of them", "on | 9/11 | and | 12/24/2020 | , | 1/2 | of | them"},
		{"slash between words", "and/or Mozilla/Firefox w/ friends", "and | / | or | Mozilla | / | Firefox | w/ | friends"},
		{"url and e-mail", "See https://example.com/a?b=1. Mail me at jo.doe@mail.example.org, or @dyad.", "See | https://example.com/a?b=1 | . | Mail | me | at | jo.doe@mail.example.org | , | or | @dyad | ."},
		{"url in brackets", "(www.example.com/page_(x))", "( | www.example.com/page_(x) | )"},
		{"curly quotes", "“groundless” and ‘fine’", "“ | groundless | ” | and | ‘ | fine | ’"},
		{"straight quotes", `He said "no," then 'yes'.`, `He | said | " | no | , | " | then | ' | yes | ' | .`},
		{"quote with bracket", "that “[t]he national government", "that | “ | [ | t | ] | he | national | government"},
		{"em and en dashes", "Moscow—and Kyiv – agreed -- or not", "Moscow | — | and | Kyiv | – | agreed | -- | or | not"},
		{"ellipsis", "wait... what… no", "wait | ... | what | … | no"},
		{"parentheses", "(R-CO) said (again).", "( | R | - | CO | ) | said | ( | again | ) | ."},
		{"repeated punctuation", "What?! No!!! $$$", "What | ?! | No | !!! | $$$"},
		{"leading apostrophe kept", "the '90s and rock 'em", "the | '90s | and | rock | 'em"},
		{"emoticon", "great :) really", "great | :) | really"},
		{"hashtag and number sign", "#Brexit is #1", "#Brexit | is | # | 1"},
		{"no-break and zero-width spaces", "Mr.\u00a0Putin\u200bsaid", "Mr. | Putin | said"},
		{"invalid UTF-8 byte", "a\xffb \xfe", "a\xffb | \xfe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.in, 0)
			if got := tokenTexts(toks); got != tt.want {
				t.Errorf("Tokenize(%q)\n got  %s\n want %s", tt.in, got, tt.want)
			}
			checkTokens(t, tt.in, toks, 0)
		})
	}
}

func TestTokenizeOffsetsAreShiftedByBase(t *testing.T) {
	article := "Intro. Russia expelled two diplomats."
	part := article[7:]
	for _, tok := range Tokenize(part, 7) {
		if article[tok.Start:tok.End] != tok.Text {
			t.Errorf("token %q at [%d,%d) slices %q", tok.Text, tok.Start, tok.End, article[tok.Start:tok.End])
		}
	}
}

func TestTokenSpaceAfter(t *testing.T) {
	toks := Tokenize("don't stop.", 0)
	want := []bool{false, true, false, false}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens: %s", len(toks), tokenTexts(toks))
	}
	for i, tok := range toks {
		if tok.SpaceAfter != want[i] {
			t.Errorf("token %d %q: SpaceAfter %v, want %v", i, tok.Text, tok.SpaceAfter, want[i])
		}
	}
}

// TestTokenClitic: a clitic split off its word is marked, so that CoNLL-U output can
// make the two one multiword token; punctuation after a word and the parts of a
// hyphenated compound are not clitics.
func TestTokenClitic(t *testing.T) {
	toks := Tokenize("I don't know; Russia’s gonna go. They'll see 15-year terms, cannot.", 0)
	var got []string
	for _, tok := range toks {
		if tok.Clitic {
			got = append(got, tok.Text)
		}
	}
	want := []string{"n't", "’s", "na", "'ll", "not"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("clitics %q, want %q (tokens %s)", got, want, tokenTexts(toks))
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"’s", "'s"},
		{"n’t", "n't"},
		{"O’Brien", "O'Brien"},
		{"“", `"`},
		{"”", `"`},
		{"«", `"`},
		{"``", `"`},
		{"''", `"`},
		{"…", "..."},
		{"—", "—"},
		{"Bogota\u0301", "Bogotá"},
		{"co\u00adoperate", "cooperate"},
		{"\u2212" + "5", "-5"},
		{"a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tok := range Tokenize("Colombia’s “groundless” move…", 0) {
		if tok.Norm != Normalize(tok.Text) {
			t.Errorf("token %q has Norm %q, want %q", tok.Text, tok.Norm, Normalize(tok.Text))
		}
	}
}

func sentenceTexts(article string, sents []Sentence) []string {
	out := make([]string, len(sents))
	for i, s := range sents {
		out[i] = s.Text(article)
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"abbreviations and initials",
			"Gen. Valery Gerasimov met Mr. J. R. Smith at 10 a.m. in Washington, D.C., on Dec. 8. The talks went well.",
			[]string{"Gen. Valery Gerasimov met Mr. J. R. Smith at 10 a.m. in Washington, D.C., on Dec. 8.", "The talks went well."}},
		{"abbreviation ending a sentence",
			"Troops left the U.S. The base closed. U.S. Army officials declined to comment.",
			[]string{"Troops left the U.S.", "The base closed.", "U.S. Army officials declined to comment."}},
		{"company and state",
			"Acme Corp. of Sacramento, Calif., said profits rose 3.5 percent. Shares of Acme Inc. fell.",
			[]string{"Acme Corp. of Sacramento, Calif., said profits rose 3.5 percent.", "Shares of Acme Inc. fell."}},
		{"quote spanning two sentences",
			"“We will respond. The move is groundless,” the ministry said. Talks ended.",
			[]string{"“We will respond.", "The move is groundless,” the ministry said.", "Talks ended."}},
		{"closing quote belongs to the sentence",
			"They “left the country on December 8.” Officials confirmed it.",
			[]string{"They “left the country on December 8.”", "Officials confirmed it."}},
		{"straight quotes",
			`He said "we are leaving." "Good," she replied.`,
			[]string{`He said "we are leaving."`, `"Good," she replied.`}},
		{"question in quotes before the speaker",
			"“Why now?” Lavrov asked reporters. “Because,” he said.",
			[]string{"“Why now?” Lavrov asked reporters.", "“Because,” he said."}},
		{"question mark then lower case",
			"“Is this war?” he asked. Nobody answered!",
			[]string{"“Is this war?” he asked.", "Nobody answered!"}},
		{"parenthesis after the period",
			"The vote failed. (It was close.) A second vote follows.",
			[]string{"The vote failed.", "(It was close.)", "A second vote follows."}},
		{"ellipsis inside and at the end",
			"He paused... and left. Then... Nothing happened.",
			[]string{"He paused... and left.", "Then...", "Nothing happened."}},
		{"headline without punctuation",
			"Russia expels Colombian diplomats\nRussia expelled two diplomats on Wednesday.",
			[]string{"Russia expels Colombian diplomats", "Russia expelled two diplomats on Wednesday."}},
		{"paragraphs",
			"First paragraph without a period\n\nsecond paragraph in lower case",
			[]string{"First paragraph without a period", "second paragraph in lower case"}},
		{"line wrapped in the middle of a sentence",
			"The ministry said the diplomats\nwould leave within a week.",
			[]string{"The ministry said the diplomats\nwould leave within a week."}},
		{"list of headlines",
			"Related stories\nTrump says tariffs on China will stay in place for now\nBiden visits Ohio factory as the strikes continue\nSenate passes the defense bill after a long debate\nMarkets fall",
			[]string{"Related stories", "Trump says tariffs on China will stay in place for now", "Biden visits Ohio factory as the strikes continue", "Senate passes the defense bill after a long debate", "Markets fall"}},
		{"bullet list",
			"Key points:\n• Sanctions were extended\n• Talks resume in May",
			[]string{"Key points:", "• Sanctions were extended", "• Talks resume in May"}},
		{"reference mark",
			"He entered Harrow in 1801. [6] He left in 1805.",
			[]string{"He entered Harrow in 1801. [6]", "He left in 1805."}},
		{"omission mark",
			"Surgery for all! [...] The rest is history.",
			[]string{"Surgery for all! [...]", "The rest is history."}},
		{"no space after the closing quote",
			`Concerns remain."What this means is dialogue," she said.`,
			[]string{`Concerns remain."`, `What this means is dialogue," she said.`}},
		{"reference marks without a space",
			"He reached into his vehicle.[11][12] Critics disputed this.[14] Shelby shot him.",
			[]string{"He reached into his vehicle.[11][12]", "Critics disputed this.[14]", "Shelby shot him."}},
		{"abbreviation after a hyphen",
			"They were called low-I.Q. criminals by him.",
			[]string{"They were called low-I.Q. criminals by him."}},
		{"decimal and number",
			"Inflation was 3.5 percent in 2020. In 2021 it rose.",
			[]string{"Inflation was 3.5 percent in 2020.", "In 2021 it rose."}},
		{"title never ends a sentence",
			"The meeting was at St. Petersburg with Dr. Ivanov present.",
			[]string{"The meeting was at St. Petersburg with Dr. Ivanov present."}},
		{"lower case after a question",
			"are you sure? we are.",
			[]string{"are you sure?", "we are."}},
		{"empty", "  \n\t ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := Split(tt.in)
			got := sentenceTexts(tt.in, sents)
			if strings.Join(got, "\n---\n") != strings.Join(tt.want, "\n---\n") {
				t.Errorf("Split(%q)\n got  %q\n want %q", tt.in, got, tt.want)
			}
			checkSentences(t, tt.in, sents)
		})
	}
}

func TestSplitHardWrappedText(t *testing.T) {
	// A story wrapped at a fixed width, paragraphs indented, as in Reuters-21578,
	// whose first line is short where the dateline was.
	in := "Oil ministers from the group\n" +
		"met in Vienna on Tuesday and agreed to keep output unchanged\n" +
		"until the end of the year, delegates said after the session\n" +
		"ended late in the evening, well after the planned time and in\n" +
		"the middle of the night.\n" +
		"    The decision was expected by most analysts, who had said\n" +
		"Saudi Arabia would resist any cut in its own production quota\n" +
		"    Prices rose slightly after the announcement was made.\n"
	got := sentenceTexts(in, Split(in))
	want := 3
	if len(got) != want {
		t.Fatalf("got %d sentences, want %d: %q", len(got), want, got)
	}
	if !strings.HasPrefix(got[1], "The decision") || !strings.HasSuffix(got[1], "quota") {
		t.Errorf("second sentence %q should run from 'The decision' to 'quota'", got[1])
	}
}

func TestSplitCutsVeryLongSentences(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 3*MaxSentenceTokens; i++ {
		b.WriteString("word ")
		if i%40 == 39 {
			b.WriteString(", ")
		}
	}
	in := b.String()
	sents := Split(in)
	if len(sents) < 3 {
		t.Fatalf("got %d sentences, want at least 3", len(sents))
	}
	for _, s := range sents {
		if len(s.Tokens) > MaxSentenceTokens {
			t.Errorf("sentence %d has %d tokens, more than %d", s.Index, len(s.Tokens), MaxSentenceTokens)
		}
	}
	if last := sents[0].Tokens[len(sents[0].Tokens)-1].Text; last != "," {
		t.Errorf("first piece ends with %q, want a cut after a comma", last)
	}
	checkSentences(t, in, sents)
}

func TestSplitTokensCannotOverwriteNextSentence(t *testing.T) {
	in := "One. Two."
	sents := Split(in)
	if len(sents) != 2 {
		t.Fatalf("got %d sentences", len(sents))
	}
	_ = append(sents[0].Tokens, Token{Text: "X"})
	if sents[1].Tokens[0].Text != "Two" {
		t.Errorf("appending to sentence 0 changed sentence 1: %q", sents[1].Tokens[0].Text)
	}
}

// TestSplitSeedArticle checks the acceptance article: ten paragraphs, two of which
// hold two sentences (one of them inside a quotation that spans both).
func TestSplitSeedArticle(t *testing.T) {
	path := shareddata.Path(t, "acceptance/seed/article.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	article := string(b)
	sents := Split(article)
	checkSentences(t, article, sents)
	want := []struct{ start, end string }{
		{"Russia expelled two Colombian diplomats", "Reuters reported."},
		{"The Colombian government ordered", "espionage activities."},
		{"The Colombian Foreign Ministry announced that “[t]he", "Venezuelan online news portal."},
		{"Alexanders Paristov and Belousov", "mineral information in Colombia."},
		{"The director of Migration Colombia", "“left the country on December 8.”"},
		{"The Kremlin decried the expulsions", "Tass reported Wednesday."},
		{"“The Russian Foreign Ministry summoned", "from the Russian embassy in Bogota."},
		{"The move runs counter", "a statement from the Foreign Ministry read."},
		{"“The ambassador was informed", "” it continued."},
		{"It remains unclear if Russia", "rather than senior diplomats."},
		{"Colombia has tense relations", "into poverty and starvation."},
		{"Russia has previously sought", "the U.S. and other nations in Latin America."},
	}
	got := sentenceTexts(article, sents)
	if len(got) != len(want) {
		t.Fatalf("got %d sentences, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w.start) || !strings.HasSuffix(got[i], w.end) {
			t.Errorf("sentence %d = %q\nwant it to start with %q and end with %q", i, got[i], w.start, w.end)
		}
		if strings.Contains(got[i], "\n") {
			t.Errorf("sentence %d crosses a paragraph: %q", i, got[i])
		}
	}
}

// TestSplitNewsCorpus runs the splitter over real articles and checks the invariants
// and that sentence lengths are plausible for news.
func TestSplitNewsCorpus(t *testing.T) {
	path := shareddata.Path(t, "data/news/allsides/allsides_articles.jsonl.gz")
	articles := readAllSides(t, path, 300)
	sentences, tokens := 0, 0
	for _, a := range articles {
		sents := Split(a)
		checkSentences(t, a, sents)
		sentences += len(sents)
		for _, s := range sents {
			tokens += len(s.Tokens)
		}
	}
	mean := float64(tokens) / float64(sentences)
	t.Logf("%d articles, %d sentences, %.1f tokens per sentence", len(articles), sentences, mean)
	if mean < 12 || mean > 35 {
		t.Errorf("mean sentence length %.1f tokens is implausible for news (12-35)", mean)
	}
}

// checkTokens asserts that tokens slice the text exactly, in order, without overlap.
func checkTokens(t testing.TB, text string, toks []Token, base int) {
	t.Helper()
	prevEnd := base
	for i, tok := range toks {
		if tok.Start < prevEnd || tok.End <= tok.Start || tok.End-base > len(text) {
			t.Fatalf("token %d %q has bad span [%d,%d) after %d", i, tok.Text, tok.Start, tok.End, prevEnd)
		}
		if text[tok.Start-base:tok.End-base] != tok.Text {
			t.Fatalf("token %d: text[%d:%d] = %q, Text = %q", i, tok.Start, tok.End, text[tok.Start-base:tok.End-base], tok.Text)
		}
		if !utf8.ValidString(tok.Norm) {
			t.Fatalf("token %d %q: Norm %q is not valid UTF-8", i, tok.Text, tok.Norm)
		}
		if tok.Norm == "" {
			t.Fatalf("token %d %q has an empty Norm", i, tok.Text)
		}
		prevEnd = tok.End
	}
}

// checkSentences asserts the sentence invariants: in order, not overlapping, indexed
// from 0, spans that cover their tokens exactly, tokens valid, and every non-space
// byte of the text inside some token.
func checkSentences(t testing.TB, text string, sents []Sentence) {
	t.Helper()
	prevEnd := 0
	var all []Token
	for i, s := range sents {
		if s.Index != i {
			t.Fatalf("sentence %d has Index %d", i, s.Index)
		}
		if len(s.Tokens) == 0 {
			t.Fatalf("sentence %d has no tokens", i)
		}
		if s.Start < prevEnd || s.End < s.Start || s.End > len(text) {
			t.Fatalf("sentence %d has bad span [%d,%d) after %d", i, s.Start, s.End, prevEnd)
		}
		if s.Start != s.Tokens[0].Start || s.End != s.Tokens[len(s.Tokens)-1].End {
			t.Fatalf("sentence %d span [%d,%d) does not match its tokens", i, s.Start, s.End)
		}
		all = append(all, s.Tokens...)
		prevEnd = s.End
	}
	checkTokens(t, text, all, 0)
	covered := 0
	for _, tok := range all {
		if gap := text[covered:tok.Start]; strings.TrimSpace(gap) != "" && !onlySpaces(gap) {
			t.Fatalf("text %q between tokens belongs to no token", gap)
		}
		covered = tok.End
	}
	if rest := text[covered:]; !onlySpaces(rest) {
		t.Fatalf("text %q at the end belongs to no token", rest)
	}
}

// onlySpaces reports whether s is all white space as the tokenizer sees it.
func onlySpaces(s string) bool {
	for i := 0; i < len(s); {
		w := spaceWidth(s, i)
		if w == 0 {
			return false
		}
		i += w
	}
	return true
}

// TestAbbreviationsInsideSentences checks that common news abbreviations stay one
// token and do not end the sentence before a name or number.
func TestAbbreviationsInsideSentences(t *testing.T) {
	for _, abbr := range []string{
		"Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt.", "Col.", "Sgt.",
		"Prof.", "Rev.", "St.", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
		"Inc.", "Corp.", "Ltd.", "Co.", "No.", "vs.", "v.", "etc.", "e.g.", "i.e.", "a.m.",
		"p.m.", "Calif.", "Fla.", "Mass.", "D.C.", "U.S.", "U.K.", "U.N.", "Jr.", "W.",
	} {
		t.Run(abbr, func(t *testing.T) {
			in := "He saw " + abbr + " 12 Smith there. It ended."
			sents := Split(in)
			if len(sents) != 2 {
				t.Fatalf("Split(%q) gave %d sentences: %q", in, len(sents), sentenceTexts(in, sents))
			}
			if got := sents[0].Tokens[2].Text; got != abbr {
				t.Errorf("third token %q, want %q", got, abbr)
			}
		})
	}
}
