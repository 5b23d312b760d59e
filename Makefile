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

.PHONY: build run test check bench fuzz duckdb clean

build:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/cubaexports

run: build
	$(BIN) run --offline --out $(OUT)
	$(BIN) verify --out $(OUT)

test:
	$(GO) test -race -shuffle=on -count=1 ./...
	$(MAKE) duckdb

# An independent reader: DuckDB reads every Parquet and CSV file of a
# freshly built release and compares them (a separate module, so the
# project itself does not depend on DuckDB).
duckdb:
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

# Every fuzz target, each for FUZZTIME.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list='^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; \
	    $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

clean:
	rm -rf bin $(OUT)
