# Kortompedia. `make site` builds the example site into _site/; `make test` runs every test.
# Both install the Debian packages they need when they are missing (scripts/install-deps.sh).
SWIFT ?= swift

.PHONY: all site test build release clean bench fuzz

all: site

build:
	@scripts/install-deps.sh build
	$(SWIFT) build

release:
	@scripts/install-deps.sh build
	$(SWIFT) build -c release --product kortompedia

## The example site in this folder, both audiences, into _site/{members,public}.
site: release
	.build/release/kortompedia build --root . --output _site

## Every test: Swift Testing suites (unit, fixture sites, leak, browser, nginx) and the JavaScript tests.
test:
	@scripts/install-deps.sh test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	node --test Tests/JavaScript/

clean:
	rm -rf .build _site

-include bench/Makefile.inc
