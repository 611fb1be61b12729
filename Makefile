# The two commands of the README's quick start, and the setup they share.
#
#   make render   installs what is missing, then renders Chapters/ into Output/
#   make test     installs what is missing, checks the formatting, then runs every test
#
#   make pdf      renders Chapters/ into Output/ with the book as a PDF (Output/book.pdf)
#   make lint     only the formatting check (swift format, which ships with the toolchain)
#   make install  builds render in release mode and copies it to $(PREFIX)/bin

PREFIX ?= /usr/local
FORMATTED = Package.swift Sources Tests Plugins fuzz/*.swift

.PHONY: setup render pdf test lint install

setup:
	@scripts/setup.sh

render: setup
	swift run render Chapters

pdf: setup
	swift run render Chapters --pdf

lint:
	swift format lint --strict --recursive $(FORMATTED)

test: setup lint
	swift test

install:
	swift build -c release --product render
	install -d $(PREFIX)/bin
	install -m 755 "$$(swift build -c release --show-bin-path)/render" $(PREFIX)/bin/render
