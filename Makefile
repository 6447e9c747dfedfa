# Quick start: `make run` and `make test`. Each installs what is missing first.
SWIFT ?= swift
APT_PACKAGES := libcsv-dev libsqlite3-dev libpq-dev
# What the tests need besides: headless Chromium prints report.html to PDF and PNG (BrowserReportTests);
# the PostgreSQL server runs the network tests' throw-away clusters (NetworkTests).
TEST_APT_PACKAGES := chromium postgresql
PIPELINE ?= Pipelines/nightly.toml

.PHONY: deps test-deps build run test sample release bench bench-fhir bench-network fuzz clean

# Debian packages installed with apt-get only when absent.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

# The packages the build links against.
deps:
	$(call apt_install,$(APT_PACKAGES))

# The build's packages and the tests' (Chromium).
test-deps:
	$(call apt_install,$(APT_PACKAGES) $(TEST_APT_PACKAGES))

build: deps
	$(SWIFT) build

# The nightly pipeline over SampleData/exports, then the quarterly one on the same database
# (Reports/quarterly/<last quarter>/: small cells suppressed, no row-level file, disclosure-checked).
QUARTERLY ?= Pipelines/quarterly.toml
run: build
	$(SWIFT) run outcomes run $(PIPELINE)
	$(SWIFT) run outcomes run $(QUARTERLY)

# The CLI tests run the built executable, so it is built first.
test: test-deps
	$(SWIFT) build
	$(SWIFT) test --disable-xctest

release: deps
	$(SWIFT) build -c release

# outcomes against DuckDB and pandas+lifelines on ~10 M generated score rows (about 15 min on
# 2 cores; installs the Python tools into Benchmarks/.venv). BENCH_PATIENTS=20000 for a quick run.
bench: deps
	Benchmarks/bench.sh

bench-fhir: deps
	Benchmarks/bench_fhir.sh

# The network report with 20 and 200 sites' contributions (docs/performance.md, issue 15).
bench-network: test-deps
	Benchmarks/bench_network.sh

# libFuzzer on the CSV reader, the row decoder and the timestamp parser, FUZZ_SECONDS each
# (docs/fuzzing.md). A separate package (Fuzz/), so `make test` never builds the sanitizer.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := FuzzCSVReader:csv-reader FuzzRowDecoder:row-decoder FuzzTimestamp:timestamp
fuzz: deps
	$(SWIFT) build --package-path Fuzz --scratch-path Fuzz/.build-fuzz -c release \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
	@for pair in $(FUZZ_TARGETS); do \
		target=$${pair%%:*}; corpus=$${pair##*:}; mkdir -p Fuzz/.corpus/$$corpus Fuzz/.artifacts; \
		echo "fuzz: $$target for $(FUZZ_SECONDS) s"; \
		Fuzz/.build-fuzz/release/$$target Fuzz/.corpus/$$corpus Fuzz/Corpus/$$corpus \
			-max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
			-artifact_prefix=Fuzz/.artifacts/$$target- -print_final_stats=1 || exit 1; \
	done

# Regenerates SampleData/exports (deterministic).
sample: build
	rm -rf SampleData/exports
	$(SWIFT) run outcomes sample --out SampleData/exports --patients 200 --seed 2026 --bad-rows --overlap

clean:
	rm -rf .build var
