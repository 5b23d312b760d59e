package sources

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// scheduleParser reads the catalog's cron specs: five fields (minute to
// day of week), or six with leading seconds, a descriptor such as
// "@monthly" or "@every 6h", each optionally prefixed by "CRON_TZ=Zone ".
var scheduleParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom |
	cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule parses a cron spec as the catalog and the scheduler read
// it: "@weekly", "0 6 * * 1", "CRON_TZ=America/Havana 0 6 1 * *", or with
// seconds "*/5 * * * * *".
func ParseSchedule(spec string) (cron.Schedule, error) {
	return scheduleParser.Parse(spec)
}

// ScheduleParser is the parser behind ParseSchedule, for a cron.Cron
// (cron.WithParser) that must accept the same specs.
func ScheduleParser() cron.ScheduleParser { return scheduleParser }

// ParsePeriod parses an update period: a whole number of days ("40d") or
// weeks ("6w"), or a Go duration ("720h", "90m", "5s"). It must be
// positive.
func ParsePeriod(s string) (time.Duration, error) {
	var d time.Duration
	var err error
	switch {
	case strings.HasSuffix(s, "d"), strings.HasSuffix(s, "w"):
		unit := 24 * time.Hour
		if strings.HasSuffix(s, "w") {
			unit *= 7
		}
		var n int64
		n, err = strconv.ParseInt(s[:len(s)-1], 10, 32)
		d = time.Duration(n) * unit
	default:
		d, err = time.ParseDuration(s)
	}
	if err != nil {
		return 0, fmt.Errorf("want a number of days (40d), weeks (6w) or a Go duration (720h)")
	}
	if d <= 0 {
		return 0, errors.New("must be positive")
	}
	return d, nil
}
