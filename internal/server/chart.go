package server

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"dyad/internal/gazetteer"
)

// The chart and the map are inline SVG built from numbers only: coordinates and
// labels made here, text escaped by html/template. Colours are presentation
// attributes, which the Content-Security-Policy (no inline styles) allows.

// chart is a line chart of mean Goldstein per bucket for the two directions of a dyad.
type chart struct {
	Width, Height            int
	Left, Right, Top, Bottom float64 // the plot area
	ZeroY                    float64
	Lines                    []chartLine
	YTicks, XTicks           []tick
	XLabel, YLabel           string
	Empty                    bool // no bucket has a mean: nothing to draw
	Buckets                  int
}

// chartLine is one series: its polyline segments (broken where a bucket has no
// events) and a dot per bucket with a value.
type chartLine struct {
	Label, Class, Color string
	Segments            []string // "x,y x,y …"
	Dots                []dot
}

type dot struct {
	X, Y  float64
	Title string
}

type tick struct {
	Pos   float64
	Label string
}

var lineColors = []string{"#b2182b", "#2166ac"}

// goldsteinChart draws the series of body (one or two directions) on a Goldstein
// scale from -10 (conflict) to +10 (cooperation).
func goldsteinChart(body seriesBody, labels ...string) chart {
	c := chart{Width: 760, Height: 320, Left: 56, Right: 744, Top: 16, Bottom: 272,
		XLabel: string(body.Interval) + " starting", YLabel: "mean Goldstein (−10 conflict … +10 cooperation)"}
	y := func(g float64) float64 {
		g = math.Max(-10, math.Min(10, g))
		return round1(c.Top + (10-g)/20*(c.Bottom-c.Top))
	}
	c.ZeroY = y(0)
	for _, g := range []float64{-10, -5, 0, 5, 10} {
		c.YTicks = append(c.YTicks, tick{Pos: y(g), Label: strconv.FormatFloat(g, 'f', 0, 64)})
	}
	n := 0
	for _, s := range body.Series {
		n = max(n, len(s.Points))
	}
	c.Buckets = n
	x := func(i int) float64 {
		if n <= 1 {
			return round1((c.Left + c.Right) / 2)
		}
		return round1(c.Left + float64(i)/float64(n-1)*(c.Right-c.Left))
	}
	if n > 0 {
		pts := body.Series[0].Points
		step := max(1, (n+6)/7) // at most about 8 date labels
		for i := 0; i < n; i += step {
			c.XTicks = append(c.XTicks, tick{Pos: x(i), Label: pts[i].Start})
		}
	}
	c.Empty = true
	for si, s := range body.Series {
		line := chartLine{Class: "series s" + strconv.Itoa(si), Color: lineColors[si%len(lineColors)]}
		if si < len(labels) {
			line.Label = labels[si]
		}
		var seg []string
		flush := func() {
			if len(seg) > 1 {
				line.Segments = append(line.Segments, strings.Join(seg, " "))
			}
			seg = nil
		}
		for i, p := range s.Points {
			if p.GoldsteinMean == nil {
				flush()
				continue
			}
			c.Empty = false
			px, py := x(i), y(*p.GoldsteinMean)
			seg = append(seg, fmt.Sprintf("%g,%g", px, py))
			line.Dots = append(line.Dots, dot{X: px, Y: py,
				Title: fmt.Sprintf("%s %s: mean Goldstein %.1f over %d events", line.Label, p.Start, *p.GoldsteinMean, p.Events)})
		}
		flush()
		c.Lines = append(c.Lines, line)
	}
	return c
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// worldMap is an equirectangular projection of the world: the land, a graticule and
// a circle per place. dyad ships no coastlines; the land is drawn from the embedded
// gazetteer instead, as the one-degree cells that hold a populated place.
type worldMap struct {
	Width, Height int
	Land          string    // an SVG path of the land cells, "" without a gazetteer
	Meridians     []float64 // x of every 30° of longitude
	Parallels     []float64 // y of every 30° of latitude
	Equator       float64
	Greenwich     float64
	Dots          []mapDot
}

type mapDot struct {
	X, Y, R float64
	Title   string
}

const mapScale = 2 // pixels per degree

func project(lat, lon float64) (x, y float64) {
	return round1((lon + 180) * mapScale), round1((90 - lat) * mapScale)
}

// drawMap draws places in the order given: sorted most events first, the big circles
// lie under the small ones.
func drawMap(places []place) worldMap {
	m := worldMap{Width: 360 * mapScale, Height: 180 * mapScale, Land: landPath()}
	for lon := -150.0; lon <= 150; lon += 30 {
		x, _ := project(0, lon)
		m.Meridians = append(m.Meridians, x)
	}
	for lat := -60.0; lat <= 60; lat += 30 {
		_, y := project(lat, 0)
		m.Parallels = append(m.Parallels, y)
	}
	m.Greenwich, m.Equator = project(0, 0)
	for _, p := range places {
		if p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
			continue
		}
		x, y := project(p.Lat, p.Lon)
		r := round1(math.Min(18, 2.5+1.5*math.Sqrt(float64(p.Events))))
		title := fmt.Sprintf("%s: %d events", p.Name, p.Events)
		if p.Country != "" {
			title = fmt.Sprintf("%s (%s): %d events", p.Name, p.Country, p.Events)
		}
		m.Dots = append(m.Dots, mapDot{X: x, Y: y, R: r, Title: title})
	}
	return m
}

var (
	landOnce sync.Once
	land     string
)

// landPath returns the land as an SVG path: every one-degree cell that holds a place
// of the embedded gazetteer, each row's runs of cells as one rectangle. It is built
// once, on first use; without the gazetteer it is "".
func landPath() string {
	landOnce.Do(func() {
		g, err := gazetteer.Default()
		if err != nil {
			return
		}
		var cells [180][360]bool
		for _, p := range g.Places {
			row, col := int(90-p.Lat), int(p.Lon+180)
			if row >= 0 && row < 180 && col >= 0 && col < 360 {
				cells[row][col] = true
			}
		}
		var b strings.Builder
		for row := range cells {
			for col := 0; col < 360; col++ {
				if !cells[row][col] {
					continue
				}
				end := col
				for end < 360 && cells[row][end] {
					end++
				}
				fmt.Fprintf(&b, "M%d %dh%dv%dh-%dz", col*mapScale, row*mapScale, (end-col)*mapScale, mapScale, (end-col)*mapScale)
				col = end
			}
		}
		land = b.String()
	})
	return land
}
