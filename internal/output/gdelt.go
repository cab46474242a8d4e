package output

//go:generate go run ./gen/fips

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"io"
	"strconv"
	"strings"

	"dyad/internal/event"
	"dyad/internal/ontology"
)

// GDELTColumns are the 61 columns of a GDELT 2.0 Events row, in GDELT's order
// (GDELT 2.0 Event Database codebook, September 2016). docs/export.md says which of
// them dyad fills and from what.
var GDELTColumns = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// NewGDELT returns a writer of GDELT 2.0 Events-style rows: tab-separated, the 61
// columns of GDELTColumns, no header row (as GDELT's own files). Columns dyad does not
// know are empty.
func NewGDELT(w io.Writer) Writer {
	return &gdeltWriter{bw: bufio.NewWriterSize(w, 64<<10)}
}

type gdeltWriter struct {
	bw *bufio.Writer
}

func (w *gdeltWriter) Write(e event.Event) error {
	_, err := w.bw.WriteString(strings.Join(GDELTRow(e), "\t") + "\n")
	return err
}

func (w *gdeltWriter) Close() error { return w.bw.Flush() }

// GDELTEventID maps a dyad event id to a positive 63-bit integer, the same for the
// same id on every run. GDELT's ids are integers; dyad's are strings.
func GDELTEventID(id string) int64 {
	sum := sha256.Sum256([]byte(id))
	return int64(binary.BigEndian.Uint64(sum[:8]) >> 1)
}

// GDELTRow returns the 61 fields of e's GDELT row, in GDELTColumns order.
func GDELTRow(e event.Event) []string {
	row := make([]string, len(GDELTColumns))
	set := func(col int, v string) { row[col] = tsvField(v) }

	set(0, strconv.FormatInt(GDELTEventID(e.ID), 10))
	if y, m, d, ok := eventYMD(e); ok {
		set(1, y+m+d)
		set(2, y+m)
		set(3, y)
		year, _ := strconv.Atoi(y)
		month, _ := strconv.Atoi(m)
		day, _ := strconv.Atoi(d)
		// GDELT's approximation of the share of the year gone: ((month-1)*30 + day) / 365.
		set(4, strconv.FormatFloat(float64(year)+float64((month-1)*30+day)/365, 'f', 4, 64))
	}
	actor := func(base int, a *event.Actor) {
		if a == nil {
			return
		}
		set(base, a.Code)
		name := a.Name
		if name == "" {
			name = a.Text
		}
		set(base+1, strings.ToUpper(strings.Join(strings.Fields(name), " ")))
		set(base+2, a.Country)
		if a.Country == "" && len(a.Code) >= 6 {
			// International actors: IGO, NGO, IMG (militarised groups), MNC, then the
			// organisation's own code (IGOUNO → UNO).
			switch a.Code[:3] {
			case "IGO", "NGO", "IMG", "MNC":
				set(base+3, a.Code[3:6])
			}
		}
		for i, s := range a.Sectors {
			if i < 3 {
				set(base+7+i, s)
			}
		}
	}
	actor(5, e.Source)
	actor(15, e.Target)

	if e.Sentence < 2 {
		set(25, "1") // told in the lead, as GDELT's flag means
	} else {
		set(25, "0")
	}
	set(26, e.CAMEO)
	base := e.CAMEO
	if len(base) > 3 {
		base = base[:3]
	}
	set(27, base)
	set(28, ontology.Root(e.CAMEO))
	if e.QuadClass != 0 {
		set(29, strconv.Itoa(e.QuadClass))
	}
	if e.Goldstein != nil {
		set(30, strconv.FormatFloat(*e.Goldstein, 'f', -1, 64))
	}
	set(31, strconv.Itoa(max(1, len(e.Mentions))))
	set(32, "1")
	set(33, "1")
	// 34 AvgTone: dyad measures no tone. 35-50: actor places are not coded.
	if l := e.Location; l != nil {
		set(51, gdeltGeoType(l))
		set(52, l.Name)
		// GDELT gives places FIPS 10-4 country codes, not ISO ones. ADM1 and ADM2
		// codes (54, 55) are not known.
		set(53, fipsByISO3[l.Country])
		if l.Lat != nil && l.Lon != nil {
			set(56, strconv.FormatFloat(*l.Lat, 'f', 4, 64))
			set(57, strconv.FormatFloat(*l.Lon, 'f', 4, 64))
		}
		if l.GeonameID != 0 {
			set(58, strconv.Itoa(l.GeonameID))
		}
	}
	added := strings.ReplaceAll(e.Published, "-", "")
	if len(added) != 8 {
		added = row[1]
	}
	if added != "" {
		set(59, added+"000000")
	}
	set(60, e.URL)
	return row
}

// gdeltGeoType is GDELT's resolution code: 1 country, 2 US state, 3 US city, 4 world
// city, 5 world state (first-level division).
func gdeltGeoType(l *event.Location) string {
	us := l.Country == "USA"
	switch l.Precision {
	case "country":
		return "1"
	case "region":
		if us {
			return "2"
		}
		return "5"
	case "city":
		if us {
			return "3"
		}
		return "4"
	}
	return ""
}

// eventYMD returns the event's date as year, month and day strings: the date
// resolved from the text, else the publication date. A month or a year counts as its
// first day, as in the store.
func eventYMD(e event.Event) (y, m, d string, ok bool) {
	v := e.Published
	if e.Date != nil && e.Date.Value != "" {
		v = e.Date.Value
	}
	switch {
	case len(v) == 10 && v[4] == '-' && v[7] == '-':
		return v[:4], v[5:7], v[8:10], true
	case len(v) == 7 && v[4] == '-':
		return v[:4], v[5:7], "01", true
	case len(v) == 4:
		return v, "01", "01", true
	}
	return "", "", "", false
}
