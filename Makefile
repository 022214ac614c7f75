# Two commands for a newcomer on Debian 12 / Ubuntu 24.04 (they install whatever is missing first):
#   make run    open the window
#   make test   run every check and test, as CI does
# Other targets: make ui, make bindings, make lint, make windows-test (the Windows build under Wine,
# also run by make test), make bundle (.deb and .rpm, the desktop's and the server's), make install-test
# (the .deb on clean Debian 12 and 13 systems), make screenshots
# (every main screen in both languages and both colour schemes, into docs/screenshots), make bench
# (figures beside a bare Tauri app), make reliability (tries hard to lose data), make clean.

.PHONY: run test deps test-deps ui bindings lint windows-test bundle install-test screenshots bench reliability clean

run: deps ui
	cargo run

test: test-deps ui lint
	npm --prefix ui test
	scripts/test-session cargo test --workspace --all-targets
	scripts/windows-test

# The Windows build under Wine (part of `make test`): both programs cross-built with mingw-w64, the
# engine's tests and the Windows end-to-end tests (tests/windows.rs), in a private Wine prefix.
windows-test: test-deps ui
	scripts/windows-test

deps:
	scripts/install-deps

test-deps:
	scripts/install-deps --with-driver

ui:
	npm --prefix ui run build

# Regenerates what is written from the code: ui/src/bindings.ts from the Rust commands, the catalogs'
# examples, and the packages' manual pages, completions and changelog.gz (make test fails while any is
# stale).
bindings:
	UPDATE_BINDINGS=1 cargo test --bin factorial-connect-app bindings
	UPDATE_BINDINGS=1 cargo test -p connect-cli --lib i18n
	UPDATE_PACKAGED_DOCS=1 cargo test -p connect-cli --test packaged_manuals_and_completions -- \
	  the_packages_manual_pages_and_completions_are_current --exact
	npm --prefix ui run build

# The workflows (.github/workflows), which no machine here can run, are audited with zizmor offline.
# The command line's crate builds without any window crate: the compiler, not a test, holds that line.
# `npm run check` is tsc and Biome (lint and format) over the page; typos reads code, comments and docs
# (_typos.toml); shellcheck fails on warnings (its style notes are left as written). cargo-deny checks
# licences, bans and sources (deny.toml) from every crate's source, fetched first; not advisories, whose
# database is on GitHub, out of this project's machines' reach.
lint: test-deps
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	scripts/check-cli-is-windowless
	target/tools/typos/bin/typos
	cargo fetch --locked --quiet
	target/tools/cargo-deny/bin/cargo-deny --offline --locked check licenses bans sources
	shellcheck --severity=warning scripts/check-cli-is-windowless scripts/deb-xz scripts/install-deps \
	  scripts/install-system-deps scripts/install-test scripts/install-test-roots scripts/install-test-server scripts/lint-packages \
	  scripts/reliability scripts/rpm-rebuild scripts/server-package \
	  scripts/test-session scripts/windows-test .ci/run tests/sandbox/selftest.sh
	npm --prefix ui run check
	target/tools/zizmor/bin/zizmor --offline --quiet .github/workflows/

# The bundler names the packages from tauri.conf.json's version and the machine's architecture.
VERSION := $(shell sed -n 's/^  "version": "\(.*\)",$$/\1/p' tauri.conf.json)
ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
DEB_DIR := $(TARGET_DIR)/release/bundle/deb
OUR_DEB := $(DEB_DIR)/Factorial Connect_$(VERSION)_$(ARCH).deb
BARE_DEB := $(DEB_DIR)/Bare Tauri_0.1.0_$(ARCH).deb
RPM_DIR := $(TARGET_DIR)/release/bundle/rpm
BUNDLED_RPM := $(RPM_DIR)/Factorial Connect-$(VERSION)-1.$(shell uname -m).rpm
OUR_RPM := $(RPM_DIR)/factorial-connect-$(VERSION)-1.$(shell uname -m).rpm
SERVER_DIR := $(TARGET_DIR)/release/bundle/server
SERVER_DEB := $(SERVER_DIR)/factorial-connect-server_$(VERSION)_$(ARCH).deb
SERVER_RPM := $(SERVER_DIR)/factorial-connect-server-$(VERSION)-1.$(shell uname -m).rpm
# The Tauri 2 CLI, pinned exactly (the release workflow uses the same; npm's newest may be a 3.0 alpha).
TAURI := npm exec --yes --package=@tauri-apps/cli@2.12.6 -- tauri

# The .deb and .rpm, through the Tauri CLI (it reads tauri.conf.json at the root); the .deb is then
# recompressed with xz (scripts/deb-xz says why), the .rpm made again by rpmbuild with what the
# bundler leaves out (scripts/rpm-rebuild says what). Then lintian and rpmlint read them
# (scripts/lint-packages); the tools they need are installed there, on first use.
bundle: deps ui
	$(TAURI) build --bundles deb,rpm
	scripts/deb-xz "$(OUR_DEB)"
	scripts/lint-packages --install-tools
	scripts/rpm-rebuild "$(BUNDLED_RPM)"
	scripts/lint-packages "$(OUR_DEB)" "$(OUR_RPM)"
	scripts/server-package
	scripts/lint-packages "$(SERVER_DEB)" "$(SERVER_RPM)"

# The .deb installed, used, upgraded and removed on clean Debian 12 and 13 systems (debootstrap; root or
# sudo), then the server package on a clean Debian 12 system, its keeper keeping an account alive.
# Not part of `make test`: it needs release builds of this version and the previous one.
install-test: test-deps
	scripts/install-test
	scripts/install-test-server

# Factorial Connect beside a bare Tauri app with the same plugins (bench/), in one run: both built
# and packaged the same way, by the Tauri CLI with the same release profile (sharing the compiled
# dependencies) and scripts/deb-xz, then bench/measure.py in the test session.
bench: test-deps ui
	$(TAURI) build --bundles deb
	cd bench && CARGO_TARGET_DIR=$(TARGET_DIR) $(TAURI) build --bundles deb
	scripts/deb-xz "$(OUR_DEB)" "$(BARE_DEB)"
	BENCH_DEBS="$(OUR_DEB):$(BARE_DEB)" \
	  scripts/test-session python3 bench/measure.py

# Tries hard to lose data (scripts/reliability): the whole end-to-end suite under a secrets scan,
# kill rounds during refreshes, fifty `token` calls at once, damaged data, a keychain that goes
# away, then the fuzzers of every parser of outside input.
reliability: test-deps ui
	scripts/reliability

screenshots: test-deps ui
	scripts/test-session cargo test --test screenshots -- --ignored

clean:
	cargo clean
	rm -rf ui/public/js ui/node_modules
