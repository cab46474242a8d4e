package places

// Word lists for toponym recognition: capitalised words that name places in GeoNames
// but in news text are usually something else, and the words around a place name
// that say it is one.

// notPlaces are keys of gazetteer names that are usually something else: first names
// and surnames, common words, landscape words. They are read as places only after a
// word that says place ("in Lincoln", "near Concord") or before a state ("Jackson,
// Miss.").
var notPlaces = setOf(
	"hope", "love", "mobile", "reading", "bath", "nice", "unity", "liberty", "independence",
	"progress", "victory", "justice", "freedom", "paradise", "eden", "providence", "concord",
	"park", "lake", "river", "beach", "island", "valley", "mountain", "north", "south", "east",
	"west", "central", "northern", "southern", "eastern", "western", "middle", "upper", "lower",
	"summit", "star", "sun", "moon", "mission", "temple", "fort", "camp", "bay", "harbor",
	"harbour", "port", "bridge", "gate", "gold", "silver", "post", "sale", "deal", "budget",
	"obama", "trump", "biden", "clinton", "bush", "putin", "kennedy", "lincoln", "jefferson",
	"johnson", "jackson", "franklin", "hamilton", "madison", "monroe", "romney", "warren",
	"sanders", "pence", "pelosi", "mccain", "cruz", "rubio", "kerry", "carter", "reagan",
	"david", "michael", "john", "james", "robert", "mary", "elizabeth", "paul", "peter",
	"george", "william", "charles", "thomas", "henry", "richard", "joseph", "daniel", "mark",
	"anna", "maria", "sarah", "laura", "grace", "faith", "joy", "rose", "donald", "hillary",
	"bernie", "barack", "joe", "mitt", "ted", "marco", "chris", "jeb", "kamala", "nancy",
	"chase", "wells", "morgan", "price", "young", "king", "bell", "hill", "hall", "wood",
	"ford", "scott", "moore", "clark", "taylor", "jones", "roberts", "lee", "miller", "wilson",
	"harris", "cortez", "walker", "nixon", "bolton", "graham", "floyd", "flynn", "smith",
	"wade", "collins", "hunter", "booker", "barr", "francis", "pompeo", "harvard", "yale",
	"stanford", "princeton", "cornell", "duke", "purdue",
)

// neverPlaces are never read as places, whatever the context ("in March", "on
// Sunday", "of Hamas").
var neverPlaces = setOf(
	"a", "an", "the", "of", "in", "on", "at", "to", "by", "for", "and", "or", "but", "if", "as",
	"he", "she", "it", "we", "they", "i", "you", "his", "her", "its", "our", "their", "this", "that",
	"these", "those", "there", "here", "when", "where", "what", "who", "why", "how", "all", "some",
	"many", "most", "more", "much", "no", "not", "yes", "so", "then", "than", "also", "only", "just",
	"after", "before", "during", "since", "until", "while", "about", "over", "under", "again",
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "last",
	"new", "old", "best", "good", "great", "little", "big", "long", "early", "late", "today",
	"police", "man", "men", "woman", "women", "people", "home", "house", "union", "republic",
	"democracy", "university", "college", "school", "hospital", "center", "centre", "city",
	"county", "state", "district", "department", "office", "court", "church", "media", "market",
	"energy", "power", "gas", "oil", "bank", "trade", "industry", "health", "education",
	"royal", "crown", "empire", "kingdom", "federal", "national", "general", "public", "social",
	"supreme", "white", "black", "green", "red", "blue", "brown", "golden", "army", "navy",
	"marine", "marines", "guard", "god", "christ", "jesus", "allah", "bible", "koran", "quran",
	"internet", "web", "online", "covid", "corona", "ebola", "zika", "aids", "hiv", "sars",
	"mers", "flu", "according", "senate", "congress", "parliament", "embassy", "ministry",
	"government", "council", "committee", "agency", "authority", "commission", "association",
	"foundation", "institute", "company", "group", "party", "christian", "muslim", "jewish",
	"catholic", "protestant", "democrat", "democrats", "republican", "republicans", "liberal",
	"conservative", "labour", "labor", "apple", "amazon", "google", "twitter", "facebook",
	"microsoft", "tesla", "fox", "cnn", "nbc", "abc", "cbs", "breitbart", "politico",
	"sens", "reps", "the hill", "english", "earth", "time", "same", "along", "commerce", "gallup",
	"quinnipiac",
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"sen", "is", "none", "still", "passover", "easter", "christmas", "ramadan", "hamas", "hezbollah",
	"arab", "white house", "street", "northeast", "northwest", "southeast", "southwest", "gulf",
	"mart", "can", "will", "did", "does", "was", "were", "are", "be", "been", "has", "had", "have",
	"pacific", "atlantic", "arctic", "indian", "antarctic", "says", "said", "mid", "re", "pm", "am", "st", "mt", "ft", "inc", "co", "corp", "ltd", "jr", "sr",
)

// streetWords after a name make it a street, not a place ("Memphis St.", "Georgia
// Avenue", "Wichita Drive").
var streetWords = setOf(
	"st", "street", "road", "rd", "ave", "avenue", "drive", "dr", "blvd", "boulevard", "lane",
	"ln", "way", "highway", "hwy", "parkway", "pkwy", "ct", "pl", "circle", "cir", "trail",
	"pike", "square", "sq", "terrace", "pass", "turnpike", "expressway", "freeway", "plaza",
)

// diseaseWords after a place name make it the name of a disease or its agent
// ("Marburg virus", "Reston ebolavirus", "Rift Valley fever").
var diseaseWords = setOf(
	"virus", "viruses", "ebolavirus", "fever", "disease", "flu", "influenza", "strain", "strains",
	"encephalitis", "syndrome", "variant", "agent",
)

// countryWords are words that point to one country's news: US local news names its
// sheriffs, townships and interstates more often than its country.
var countryWords = map[string]string{
	"sheriff": "US", "sheriff's": "US", "township": "US", "interstate": "US", "troopers": "US",
	"fbi": "US", "congressman": "US", "congresswoman": "US", "gop": "US", "democrats": "US",
	"republicans": "US", "aldermen": "US", "alderman": "US", "mph": "US", "parish": "US",
	"county": "US", "counties": "US", "statehouse": "US", "d-": "US",
}

// titlesBefore are words after which a capitalised name is a person ("Mr. Jordan",
// "Gov. Perry", "President Washington").
var titlesBefore = setOf(
	"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord", "dame", "prof", "professor",
	"president", "sen", "senator", "rep", "representative", "gov", "governor", "mayor",
	"judge", "justice", "minister", "secretary", "chancellor", "king", "queen", "prince",
	"princess", "pope", "father", "rev", "reverend", "bishop", "gen", "general", "col",
	"colonel", "capt", "captain", "lt", "sgt", "sergeant", "officer", "deputy", "sheriff",
	"chief", "coach", "detective", "det", "trooper", "agent", "attorney", "commissioner",
	"councilman", "councilwoman", "ambassador", "spokesman", "spokeswoman", "st", "saint",
	"sens", "reps", "gens", "govs",
)

// strongCues are words after which even a name that is usually something else is a
// place ("in Lincoln").
var strongCues = setOf(
	"in", "near", "outside", "inside", "into", "throughout", "across", "downtown", "rural",
	"suburban", "northern", "southern", "eastern", "western", "central",
)

// mediaAndTeams after a state's name make the whole the name of a newspaper, a team or
// a school ("Washington Post", "Texas Rangers", "Georgia Tech").
var mediaAndTeams = setOf(
	"post", "times", "examiner", "journal", "herald", "tribune", "globe", "news", "daily",
	"star", "gazette", "chronicle", "sun", "press", "observer", "review", "record", "register",
	"inquirer", "courier", "dispatch", "telegraph", "standard", "mirror", "independent",
	"magazine", "monthly", "weekly", "today", "free", "statesman", "democrat", "republic",
	"rangers", "tech", "nationals", "capitals", "wizards", "redskins", "mariners", "seahawks",
	"huskies", "cougars", "cardinals", "giants", "jets", "mets", "yankees", "knicks", "rams",
	"chargers", "dodgers", "angels", "lakers", "clippers", "kings", "warriors", "raiders",
	"bulldogs", "buckeyes", "wildcats", "tigers", "bears", "lions", "eagles", "panthers",
	"twins", "vikings", "stars", "mavericks", "cowboys", "texans", "astros", "rockets",
	"spurs", "heat", "marlins", "dolphins", "jaguars", "magic", "lightning", "bucs",
	"buccaneers", "avalanche", "rockies", "broncos", "nuggets", "pistons", "lions", "red",
	"wings", "hurricanes", "bulls", "cubs", "sox", "hawks", "falcons", "braves", "thrashers",
)

// cuesBefore are words after which a capitalised name is likely a place.
var cuesBefore = setOf(
	"in", "at", "near", "from", "to", "outside", "into", "across", "throughout", "toward",
	"towards", "around", "via", "inside", "between", "within", "visited", "visit", "entered",
	"northern", "southern", "eastern", "western", "central", "downtown",
	"rural", "north", "south", "east", "west", "neighboring", "neighbouring",
)

// prefixesOfPlace may precede a place name with a capital ("Northern Iraq",
// "Greater London", "Downtown Atlanta") without making one name with it.
var prefixesOfPlace = setOf(
	"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
	"greater", "downtown", "metro", "suburban", "rural", "northeast", "northwest", "southeast",
	"southwest", "northeastern", "northwestern", "southeastern", "southwestern", "upstate",
	"coastal", "inner", "outer",
)

// institutionNouns may follow a place name in the name of a local institution that
// still names the place ("Dublin City Council", "Gainesville Police Department").
var institutionNouns = setOf(
	"city", "county", "council", "mayor", "police", "sheriff", "fire", "community", "center",
	"centre", "historical", "society", "veterans", "highway", "patrol", "board", "school",
	"schools", "high", "middle", "elementary", "department", "recreation", "public", "library",
	"chamber", "hospital", "medical", "airport", "station", "township", "court", "municipal",
	"area", "region", "metro", "metropolitan", "park", "zoo", "museum", "town", "village",
	"regional", "district", "commission", "commissioners", "officials", "residents", "utilities",
	"water", "transit", "housing", "planning", "zoning", "parks", "convention", "visitors",
	"downtown", "branch", "campus", "state", "port", "harbor",
	"river", "lake", "creek", "valley", "forest", "mountain", "mountains", "bay", "island",
	"islands", "falls", "springs", "national", "wilderness", "health", "court", "crown",
)

// openers are words that start sentences and headlines; capitalised there, they are
// not part of the name after them ("In Moscow", "But Paris").
var openers = setOf(
	"a", "an", "the", "in", "at", "on", "to", "by", "for", "from", "with", "and", "or", "but",
	"if", "as", "when", "where", "while", "after", "before", "since", "until", "during", "though",
	"although", "because", "this", "that", "these", "those", "its", "his", "her", "their", "our",
	"my", "your", "all", "some", "many", "most", "both", "each", "every", "no", "not", "so",
	"then", "now", "today", "yesterday", "meanwhile", "also", "still", "yet", "even", "only",
	"like", "unlike", "across", "inside", "outside", "near", "over", "under", "about", "around",
	"why", "how", "what", "who", "here", "there", "says", "said", "new", "more", "why", "breaking",
)

// connectors may appear inside a multi-word place name in lower case.
var connectors = setOf(
	"of", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les",
	"el", "al", "the", "and", "upon", "on", "en", "sur", "am", "im", "an", "der", "den", "y", "e",
	"es", "as", "ad", "ash", "at", "ar", "ur", "ul", "bin", "ben", "van", "von", "op", "aan", "sous",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
