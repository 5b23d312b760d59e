// Package newtable holds one test and no code: a table added to the
// registry (schemas.Register) with no other edit reaches every stage that
// handles all tables (rows, obs_ids, validation, the release writers and
// their verification). Its test binary registers the extra table, so no
// other package's tests see it.
package newtable
