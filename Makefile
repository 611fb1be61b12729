# The two commands of the README's quick start, and the setup they share.
#
#   make render   installs what is missing, then renders Chapters/ into Output/
#   make test     installs what is missing, then runs every test

.PHONY: setup render test

setup:
	@scripts/setup.sh

render: setup
	swift run render Chapters

test: setup
	swift test
