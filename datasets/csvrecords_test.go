package datasets_test

import (
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
)

func TestEachCSVRecord(t *testing.T) {
	read := func(ctx context.Context, text string) ([]int, error) {
		var lines []int
		err := datasets.EachCSVRecord(ctx, csv.NewReader(strings.NewReader(text)), "synthetic.csv", func(rec []string, line int) error {
			lines = append(lines, line)
			return nil
		})
		return lines, err
	}
	lines, err := read(context.Background(), "a,b\n1,\"two\nlines\"\n3,4\n")
	if err != nil || len(lines) != 3 || lines[0] != 1 || lines[1] != 2 || lines[2] != 4 {
		t.Errorf("lines %v, err %v; want [1 2 4] (each record's first line)", lines, err)
	}
	_, err = read(context.Background(), "a,b\n1,2\n3,\"4\n")
	var le *datasets.LocatedError
	if !errors.As(err, &le) || le.At.File != "synthetic.csv" || le.At.Row != 3 || !strings.Contains(err.Error(), "character") {
		t.Errorf("an unterminated quote on line 3: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := read(ctx, "a,b\n"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	stop := errors.New("stop")
	err = datasets.EachCSVRecord(context.Background(), csv.NewReader(strings.NewReader("a\nb\n")), "f", func([]string, int) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("fn's error is returned: %v", err)
	}
}
