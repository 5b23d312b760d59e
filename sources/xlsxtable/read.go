package xlsxtable

import (
	"context"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// maxHeaderSearch is how many rows the header may be from the top.
const maxHeaderSearch = 200

// grid is a table as read from its sheet: the texts above the header, the
// header rows (merged ranges filled across) and the body rows up to the
// end marker, each with its 1-based sheet row number.
type grid struct {
	sheet     string
	above     []cellText // non-empty cells above the header
	headerRow int        // first header row
	header    [][]string
	bodyRows  int // body rows read
	lastRow   int // last row read
	merges    []string
	in        *interp // reads each body row as it streams by
}

type cellText struct {
	ref, text string
}

type sheetRow struct {
	n     int
	cells []string
}

func (r sheetRow) cell(col int) string {
	if col-1 < len(r.cells) {
		return strings.TrimSpace(r.cells[col-1])
	}
	return ""
}

// readGrid streams the sheet's rows once. It stops at the end marker, and
// fails when the header is not where the layout says or the body is longer
// than max_rows. excelize decodes rows on one goroutine while this one
// interprets them, so a large sheet uses two cores.
func readGrid(ctx context.Context, w *workbook, p *plan, sheet string, merges []string, in *interp) (*grid, error) {
	rows, err := w.f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("sheet %q: %w", sheet, err)
	}
	defer rows.Close()
	ctx, stop := context.WithCancel(ctx)
	batches := make(chan []sheetRow, 4)
	errc := make(chan error, 1)
	go func() {
		defer close(batches)
		errc <- decodeRows(ctx, rows, sheet, batches)
	}()
	defer func() {
		stop()
		for range batches { // let the decoder finish before rows.Close
		}
	}()
	g := &grid{sheet: sheet, merges: merges, in: in}
	for batch := range batches {
		for _, r := range batch {
			g.lastRow = r.n
			done, err := g.add(p, r.n, r.cells)
			if err != nil {
				return nil, err
			}
			if done {
				return g.finishHeader(p), nil
			}
		}
	}
	if err := <-errc; err != nil {
		return nil, err
	}
	return g.finishHeader(p), nil
}

// decodeRows sends the sheet's rows in batches until the sheet ends or ctx
// is done.
func decodeRows(ctx context.Context, rows *excelize.Rows, sheet string, out chan<- []sheetRow) error {
	const size = 256
	batch := make([]sheetRow, 0, size)
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("sheet %q row %d: %w", sheet, n, err)
		}
		if batch = append(batch, sheetRow{n: n, cells: cells}); len(batch) == size {
			select {
			case out <- batch:
			case <-ctx.Done():
				return ctx.Err()
			}
			batch = make([]sheetRow, 0, size)
		}
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("sheet %q: %w", sheet, err)
	}
	if len(batch) > 0 {
		select {
		case out <- batch:
		case <-ctx.Done():
		}
	}
	return ctx.Err()
}

// finishHeader hands over a header the sheet ended inside of.
func (g *grid) finishHeader(p *plan) *grid {
	if g.headerRow != 0 && len(g.header) < p.headerRows {
		g.startBody()
	}
	return g
}

// startBody fills the header's merged cells and hands it to the interpreter.
func (g *grid) startBody() {
	g.fillMerges(g.merges)
	g.in.header(g)
}

// add takes sheet row n; done is true at the end marker.
func (g *grid) add(p *plan, n int, cells []string) (done bool, err error) {
	r := sheetRow{n: n, cells: cells}
	switch {
	case g.headerRow == 0:
		if p.isHeader(r) {
			g.headerRow = n
			g.header = append(g.header, cells)
			if p.headerRows == 1 {
				g.startBody()
			}
			return false, nil
		}
		if n > maxHeaderSearch {
			return true, nil
		}
		for i, c := range cells {
			if c = strings.TrimSpace(c); c != "" {
				ref, _ := excelize.CoordinatesToCellName(i+1, n)
				g.above = append(g.above, cellText{ref, c})
			}
		}
	case len(g.header) < p.headerRows:
		if g.header = append(g.header, cells); len(g.header) == p.headerRows {
			g.startBody()
		}
	case p.isEnd(r.cell(p.labelCol)) || p.isFootLine(r):
		return true, nil
	case blank(cells):
	default:
		if g.bodyRows >= p.MaxRows {
			return true, fmt.Errorf("%w: more than %d rows after the header (row %d)", ErrLargeTable, p.MaxRows, n)
		}
		g.bodyRows++
		g.in.row(r)
	}
	return false, nil
}

func (p *plan) isHeader(r sheetRow) bool {
	if p.Header.Row > 0 {
		return r.n == p.Header.Row
	}
	return p.header.MatchString(foldLabel(r.cell(p.labelCol)))
}

func (p *plan) isEnd(label string) bool {
	f := fold(label)
	for _, e := range p.end {
		if f != "" && strings.HasPrefix(f, e) {
			return true
		}
	}
	return false
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// fillMerges copies the top-left value of every merged range across the
// part of the range that lies in the header rows.
func (g *grid) fillMerges(merges []string) {
	first, last := g.headerRow, g.headerRow+len(g.header)-1
	for _, ref := range merges {
		from, to, ok := strings.Cut(ref, ":")
		if !ok {
			continue
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil || r1 < first || r1 > last || c2-c1 > 16384 {
			continue
		}
		v := cellOf(g.header[r1-first], c1)
		for r := r1; r <= min(r2, last); r++ {
			for c := c1; c <= c2; c++ {
				row := &g.header[r-first]
				for len(*row) < c {
					*row = append(*row, "")
				}
				if strings.TrimSpace((*row)[c-1]) == "" {
					(*row)[c-1] = v
				}
			}
		}
	}
}

func cellOf(cells []string, col int) string {
	if col-1 < len(cells) {
		return strings.TrimSpace(cells[col-1])
	}
	return ""
}
