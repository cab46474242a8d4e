package gazetteer

// extraName adds names the GeoNames tables lack (or leave out as codes) to a place
// given by id or by admin1 code; place creates the row when the input has none
// (continents: GeoNames ids and points of the GeoNames continent features).
type extraName struct {
	id      uint32
	admin   string // "CC.A1" instead of id
	names   []string
	abbrevs []string // only read after a comma: "Gainesville, Ga."
	place   *Place
	// lat, lon replace the point of a country whose rounded centroid is far off.
	lat, lon float32
}

var extraNames = func() []extraName {
	e := []extraName{
		// The geographic centre of the contiguous states (Lebanon, Kansas), as GeoNames
		// has it; world-countries' 38,-97 lies 230 km away.
		{id: 6252001, names: []string{"U.S.", "U.S.A.", "US", "America", "United States of America"}, lat: 39.83, lon: -98.58},
		{id: 2635167, names: []string{"Britain", "Great Britain", "U.K.", "UK"}},
		{id: 4140963, names: []string{"Washington DC", "Washington D.C.", "D.C."}},
		{id: 6254930, names: []string{"Palestine", "Palestinian Territories", "West Bank and Gaza"}},
		{id: 203312, names: []string{"DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo", "Zaire", "Zaïre"}},
		{id: 2260494, names: []string{"Congo-Brazzaville", "Republic of Congo"}},
		{id: 2287781, names: []string{"Ivory Coast", "Côte d'Ivoire"}},
		{id: 1327865, names: []string{"Burma"}},
		{id: 290557, names: []string{"UAE", "U.A.E."}},
		{id: 1835841, names: []string{"South Korea"}},
		{id: 1873107, names: []string{"North Korea"}},
		{id: 2750405, names: []string{"Holland"}},
		{id: 3057568, names: []string{"Slovakia"}},
		{id: 3077311, names: []string{"Czech Republic", "Czechia"}},
		{id: 718075, names: []string{"Macedonia", "FYROM"}},
		{id: 934841, names: []string{"Swaziland"}},
		{id: 3374766, names: []string{"Cape Verde"}},
		{id: 1966436, names: []string{"East Timor"}},
		{id: 2017370, names: []string{"Russian Federation"}},
		{admin: "AU.02", names: []string{"NSW"}},
		{admin: "AU.04", names: []string{"Qld"}},
		{admin: "AU.01", names: []string{"ACT"}},
		{admin: "AU.07", abbrevs: []string{"Vic"}},
		{admin: "AU.08", abbrevs: []string{"WA"}},
		{admin: "AU.05", abbrevs: []string{"SA"}},
		{admin: "AU.06", abbrevs: []string{"Tas"}},
		{admin: "AU.03", abbrevs: []string{"NT"}},
	}
	// Continents.
	for _, c := range []struct {
		id       uint32
		name     string
		lat, lon float32
		pop      int64
	}{
		{6255146, "Africa", 7.19, 21.09, 1_000_000_000},
		{6255147, "Asia", 29.84, 89.30, 4_000_000_000},
		{6255148, "Europe", 48.69, 9.14, 740_000_000},
		{6255149, "North America", 46.07, -100.55, 580_000_000},
		{6255150, "South America", -14.60, -57.66, 420_000_000},
		{6255151, "Oceania", -18.31, 138.52, 40_000_000},
		{6255152, "Antarctica", -78.16, 16.41, 0},
	} {
		e = append(e, extraName{id: c.id, place: &Place{ID: c.id, Name: c.name, Feature: "CONT", Lat: c.lat, Lon: c.lon, Population: c.pop}})
	}
	// US states: the postal code (also GeoNames' admin1 code) and the AP style
	// abbreviation, both only after a comma.
	for code, ap := range map[string]string{
		"AL": "Ala.", "AK": "", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
		"DE": "Del.", "DC": "", "FL": "Fla.", "GA": "Ga.", "HI": "", "ID": "", "IL": "Ill.", "IN": "Ind.",
		"IA": "", "KS": "Kan.", "KY": "Ky.", "LA": "La.", "ME": "", "MD": "Md.", "MA": "Mass.",
		"MI": "Mich.", "MN": "Minn.", "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.",
		"NV": "Nev.", "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.",
		"ND": "N.D.", "OH": "", "OK": "Okla.", "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.",
		"SD": "S.D.", "TN": "Tenn.", "TX": "Tex.", "UT": "", "VT": "Vt.", "VA": "Va.", "WA": "Wash.",
		"WV": "W.Va.", "WI": "Wis.", "WY": "Wyo.",
	} {
		x := extraName{admin: "US." + code, abbrevs: []string{code}}
		if ap != "" {
			x.abbrevs = append(x.abbrevs, ap)
		}
		e = append(e, x)
	}
	// Canadian provinces by postal abbreviation.
	for code, abbr := range map[string]string{
		"01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON",
		"09": "PE", "10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU",
	} {
		e = append(e, extraName{admin: "CA." + code, abbrevs: []string{abbr}})
	}
	return e
}()
