package xlsxtable_test

import (
	"fmt"

	"github.com/cubaexports/cubaexports/sources/normalize"
	"github.com/cubaexports/cubaexports/sources/xlsxtable"
)

// A number written as text in an ONEI table: space thousands, comma
// decimals. Scale words and currencies are refused: the units line gives
// the scale.
func ExampleParseCellText() {
	v, err := xlsxtable.ParseCellText("4 882 234,5", normalize.LocaleONEI)
	fmt.Println(v, err)
	_, err = xlsxtable.ParseCellText("5 mil", normalize.LocaleONEI)
	fmt.Println(err != nil)
	// Output:
	// 4.8822345e+06 <nil>
	// true
}
