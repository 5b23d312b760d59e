# cubaexports — build, run, test.
# The two set-up commands: `make run` (a release from the embedded data,
# offline) and `make test`.

GO        ?= go
BIN       := bin/cubaexports
OUT       ?= out
VERSION   := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT    := $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
LDFLAGS   := -X main.version=$(VERSION) -X main.commit=$(COMMIT)
STATICCHECK_VERSION := v0.8.2
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck
FUZZTIME  ?= 30s
# Optional publishing drivers: gcs, azure or cloud_all (README, "Publishing
# to Google Cloud Storage or Azure"); the default build has s3 and file.
TAGS      ?=

.PHONY: build run test check bench bench-scale bench-claims fuzz duckdb clean

build:
	$(GO) build -trimpath -tags '$(TAGS)' -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/cubaexports

run: build
	$(BIN) run --offline --out $(OUT)
	$(BIN) verify --out $(OUT)

# -timeout 14m: under -race on a loaded 2-core machine pipeline/release
# has run past go test's default of 10 minutes (158 s when idle).
test:
	$(GO) test -race -shuffle=on -count=1 -timeout 14m ./...
	$(MAKE) duckdb

# An independent reader: DuckDB reads every Parquet and CSV file of a
# freshly built release and compares them (a separate module, so the
# project itself does not depend on DuckDB); DuckDB-Wasm (npm, pinned in
# testdata/duckdb/package-lock.json) reads a release's Parquet over HTTP
# from `cubaexports serve` in headless Chromium.
duckdb:
	cd testdata/duckdb && npm ci --no-audit --no-fund --silent
	cd testdata/duckdb && GOWORK=off $(GO) test -count=1 ./...

check: $(STATICCHECK)
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

$(STATICCHECK):
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# The scale benchmark (issue 7, item 9): SCALE_ROWS synthetic contract_rates
# rows through extraction, validation and the CSV + Parquet writers, the
# workbook on its own, and DuckDB converting the same CSV to Parquet
# (testdata/bench/duckdb_parquet.mjs, @duckdb/node-api from npm). Peak RSS
# from GNU time -v; CPU time too, since the machine may be shared. The scale
# program runs the collector at GOGC=50, as the cubaexports command does
# (cmd/cubaexports/gc.go); GOGC in the environment overrides it, and
# GOMEMLIMIT caps memory besides, trading CPU for peak memory. Not part of
# `make test`.
SCALE_ROWS ?= 1000000
SCALE_DIR  ?= $(or $(TMPDIR),/tmp)/cubaexports-scale
bench-scale:
	mkdir -p $(SCALE_DIR)
	$(GO) build -o $(SCALE_DIR)/scale ./testdata/bench/scale
	$(SCALE_DIR)/scale -gen $(SCALE_DIR)/in -rows $(SCALE_ROWS)
	cd testdata/bench && npm install --no-audit --no-fund --silent
	/usr/bin/time -v -o $(SCALE_DIR)/go.time $(SCALE_DIR)/scale -in $(SCALE_DIR)/in > $(SCALE_DIR)/go.out; \
	  s=$$?; cat $(SCALE_DIR)/go.out; exit $$s
	/usr/bin/time -v -o $(SCALE_DIR)/xlsx.time $(SCALE_DIR)/scale -in $(SCALE_DIR)/in -xlsx > $(SCALE_DIR)/xlsx.out; \
	  s=$$?; cat $(SCALE_DIR)/xlsx.out; exit $$s
	rm -f $(SCALE_DIR)/duckdb.parquet
	/usr/bin/time -v -o $(SCALE_DIR)/duckdb.time node testdata/bench/duckdb_parquet.mjs \
	  $(SCALE_DIR)/in/contract_rates.csv $(SCALE_DIR)/duckdb.parquet > $(SCALE_DIR)/duckdb.out; \
	  s=$$?; cat $(SCALE_DIR)/duckdb.out; exit $$s
	@cd $(SCALE_DIR) && for r in go xlsx duckdb; do \
	  printf '%-7s wall %8s  CPU user %7ss sys %6ss  peak RSS %6d MB\n' $$r \
	    "$$(sed -n 's/.*Elapsed (wall clock) time.*: //p' $$r.time)" \
	    "$$(sed -n 's/.*User time (seconds): //p' $$r.time)" \
	    "$$(sed -n 's/.*System time (seconds): //p' $$r.time)" \
	    "$$(( $$(sed -n 's/.*Maximum resident set size (kbytes): //p' $$r.time) / 1024 ))"; \
	done
	@echo "targets: go (validate + CSV + Parquet) wall <= 3x duckdb's, peak RSS < duckdb's"

# extract-claims on CLAIMS_MB MiB of "1234 " (issue 22's worst case: a
# figure every 5 bytes, no sentence end), its output counted and dropped;
# GNU time -v gives wall time, CPU time and peak RSS. Targets: under 60 s
# and 500 MB at 50 MiB. Not part of `make test`.
CLAIMS_MB  ?= 50
CLAIMS_DIR ?= $(or $(TMPDIR),/tmp)/cubaexports-claims
bench-claims: build
	mkdir -p $(CLAIMS_DIR)
	head -c $$(( $(CLAIMS_MB) * 1048576 )) /dev/zero | tr '\0' ' ' | sed 's/     /1234 /g' > $(CLAIMS_DIR)/numbers.txt
	/usr/bin/time -v -o $(CLAIMS_DIR)/claims.time $(BIN) extract-claims $(CLAIMS_DIR)/numbers.txt | wc -c > $(CLAIMS_DIR)/claims.bytes
	@printf 'extract-claims %s MiB: wall %s  CPU user %ss sys %ss  peak RSS %d MB  output %d bytes\n' $(CLAIMS_MB) \
	  "$$(sed -n 's/.*Elapsed (wall clock) time.*: //p' $(CLAIMS_DIR)/claims.time)" \
	  "$$(sed -n 's/.*User time (seconds): //p' $(CLAIMS_DIR)/claims.time)" \
	  "$$(sed -n 's/.*System time (seconds): //p' $(CLAIMS_DIR)/claims.time)" \
	  "$$(( $$(sed -n 's/.*Maximum resident set size (kbytes): //p' $(CLAIMS_DIR)/claims.time) / 1024 ))" \
	  "$$(cat $(CLAIMS_DIR)/claims.bytes)"

# Every fuzz target of every package, each for FUZZTIME (go test runs one
# target at a time: -fuzz must name exactly one). The list is printed
# first, so a run shows what it covered.
fuzz:
	@targets=$$(for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list='^Fuzz' $$pkg | grep '^Fuzz'); do echo "$$pkg:$$f"; done; done); \
	  echo "fuzz targets ($$(echo "$$targets" | wc -l), $(FUZZTIME) each):"; echo "$$targets"; \
	  for t in $$targets; do \
	    echo "fuzz $${t#*:} in $${t%%:*}"; \
	    $(GO) test -run='^$$' -fuzz="^$${t#*:}$$" -fuzztime=$(FUZZTIME) $${t%%:*} || exit 1; \
	  done

clean:
	rm -rf bin $(OUT)
