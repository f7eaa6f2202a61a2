# newsgraph developer entry points. `make demo` and `make test` are all a new user needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
STORE  := build/demo/store
SUBPACKAGES := loaders graph ontology queries

.PHONY: install demo test lint typecheck unit evaluate browser servers serve bench bench-scale wheel-check clean countries companies wordclasses currencies

## install: create .venv and install newsgraph (editable) with its test extras and the spaCy model (idempotent)
install: $(STAMP)

$(STAMP): pyproject.toml
	@echo "install: a virtual environment in $(VENV) ($(PYTHON) -m venv)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# -qq: errors still show and fail; it hides setuptools' notice that every editable install prints
	@echo "install: pip, then newsgraph (editable) with its test extras: spaCy 3.8 and en_core_web_sm, pyoxigraph,"
	@echo "         rdflib, networkx, trafilatura, Playwright, the Oxigraph server, ruff and mypy (about 2 minutes)"
	@$(BIN)/python -m pip install -qq --upgrade pip
	@$(BIN)/python -m pip install -qq --progress-bar off -e '.[test]'
	@echo "install: checking that the spaCy model loads"
	@$(BIN)/python -c "import newsgraph.loaders.nlp as n; n.load_model()"
	@touch $(STAMP)
	@echo "install: done; the commands are in $(BIN) (export PATH=\"\$$PWD/$(BIN):\$$PATH\")"

## demo: ingest the bundled sample articles, run named queries, write build/demo/graph.html
demo: export COLUMNS ?= 160
demo: install
	rm -rf build/demo
	$(BIN)/newsgraph ingest examples/articles --store $(STORE)
	$(BIN)/newsgraph stats --store $(STORE)
	$(BIN)/newsgraph query actors --store $(STORE)
	$(BIN)/newsgraph analyze disagreements --store $(STORE)
	$(BIN)/newsgraph analyze centrality --top 5 --store $(STORE)
	$(BIN)/newsgraph analyze figures "North Korean soldiers killed" --store $(STORE)
	$(BIN)/newsgraph export --format graphml --view actors --out build/demo/actors.graphml --store $(STORE)
	$(BIN)/newsgraph render --store $(STORE) --out build/demo/graph.html
	@echo "Open build/demo/graph.html in a browser. For the README's commands:"
	@echo '  export PATH="$$PWD/$(BIN):$$PATH" NEWSGRAPH_STORE=$(STORE)'

## countries: regenerate ontology/countries.ttl (every state, its names, demonym, capital, Wikidata ID and article) from countryinfo, pycountry and rigour
countries: install
	$(BIN)/python tools/generate_countries.py

## companies: regenerate ontology/companies.ttl (the companies of the large stock indices) from pytickersymbols and rigour
companies: install
	$(BIN)/python tools/generate_companies.py

## wordclasses: regenerate ontology/wordclasses.toml (the lexical class of each sense of English nouns and verbs) from Open English WordNet (--source DIR: a clone)
wordclasses: install
	$(BIN)/python tools/generate_wordclasses.py

## currencies: regenerate ontology/currencies.toml (every currency's code, English names and signs) from the Unicode CLDR data Babel ships
currencies: install
	$(BIN)/python tools/generate_currencies.py

## browser: Debian's Chromium for the page tests (needs root; skipped when it is already there)
browser:
	@if [ -x /usr/bin/chromium ]; then echo "chromium present"; \
	elif [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Install Debian's chromium (sudo apt-get install chromium) to run the page tests."; fi

## servers: Debian's Virtuoso for the tests that run over three stores (needs root; skipped when present).
## The Oxigraph server needs nothing here: PyPI's oxigraph comes with the test extras.
servers:
	@if command -v virtuoso-t >/dev/null; then echo "virtuoso present"; \
	elif [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null; \
	else echo "Install Debian's virtuoso-opensource (sudo apt-get install virtuoso-opensource) to run the Virtuoso tests."; fi

## serve: the demo store over HTTP at http://127.0.0.1:8000/ (make demo first)
serve: install
	$(BIN)/newsgraph serve --store $(STORE)

## bench: every speed and memory figure against its target, written to benchmarks/RESULTS.md (ARTICLES=10000), and
## what each rule is worth on the development sets, written to docs/ablation.md (when ../shared is there)
bench: install
	$(BIN)/python benchmarks/run.py --articles $(or $(ARTICLES),10000)
	$(BIN)/python tools/ablation_table.py

## bench-scale: a year of news (ARTICLES=20000, generated) ingested with two workers into $(SCALE_WORK) (kept there;
## remove it to build it again), then ingest time and memory, store size and each command's time at that size
## against its target, written to benchmarks/RESULTS.md (about an hour on 2 cores)
SCALE_WORK ?= /tmp/newsgraph-scale
bench-scale: install
	nice -n 5 $(BIN)/python benchmarks/scale.py --articles $(or $(ARTICLES),20000) --work $(SCALE_WORK)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy cannot follow setuptools' package-dir mapping, so it checks a tree of links shaped like the installed package.
typecheck: install
	rm -rf build/typecheck && mkdir -p build/typecheck/newsgraph
	for f in newsgraph/*.py newsgraph/py.typed; do ln -s "$$PWD/$$f" build/typecheck/newsgraph/; done
	ln -s "$$PWD/newsgraph/_cli" build/typecheck/newsgraph/_cli
	for d in $(SUBPACKAGES); do ln -s "$$PWD/$$d" build/typecheck/newsgraph/$$d; done
	cd build/typecheck && ../../$(BIN)/mypy -p newsgraph

# two pytest workers, each test file on one (its module fixtures built once): the tests wait on subprocesses,
# servers and Chromium much of the time, which the other worker fills
unit: install
	$(BIN)/python -m pytest -n 2 --dist loadfile

## evaluate: extraction figures on the bundled example's gold (docs/evaluation.md), then on the seeds (../shared)
evaluate: install
	$(BIN)/newsgraph evaluate examples/gold examples/articles
	@if [ -d ../shared/gold ]; then $(BIN)/newsgraph evaluate ../shared/gold ../shared/seeds; \
	else echo "../shared is absent: no seed figures (the bundled example's are above)"; fi

## test: lint, format check, type check, the whole test suite, then the seed figures
test: lint typecheck unit evaluate

clean:
	rm -rf build dist *.egg-info $(VENV) .pytest_cache .mypy_cache .ruff_cache
