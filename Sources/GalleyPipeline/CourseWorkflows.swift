/// The two GitHub workflows `render init` writes into a course repository.
///
/// Both run in Swift's Debian 12 image, install the Debian packages Galley builds with (the list
/// `scripts/setup.sh --no-browser` installs, `packages`), and keep two caches between runs:
/// SwiftPM's `.build/`, keyed on `Package.resolved` and the toolchain, so Galley is built once per
/// version; and Galley's `.galley-cache/` with the libraries chapters link against
/// (`~/.cache/galley`), which every run saves anew and restores from the latest. The entries inside it are keyed by content, so a pull request that edits one chapter
/// compiles and runs that chapter only.
public enum CourseWorkflows {
    /// The Debian packages Galley needs to build and render a book.
    public static let packages = [
        "libcmark-gfm-dev", "libcmark-gfm-extensions-dev", "libjs-katex", "fonts-katex",
        "libjavascriptcoregtk-4.1-dev", "python3-pip",
    ]

    /// What `render --pdf` needs besides: Chromium, and a font that covers Chinese.
    public static let printPackages = ["chromium", "fonts-noto-cjk"]

    /// `.github/pagefind-requirements.txt`: Pagefind's wheel, pinned by hash, which the Pages
    /// workflow (and Galley's own `scripts/setup.sh`) take the indexer of the site's search from.
    public static let pagefindRequirements = """
        # Pagefind (CloudCannon, MIT): the site's search index, split into chunks a query fetches as it
        # needs them; its extended build segments Chinese. render runs it over the site; scripts/setup.sh
        # and the Pages workflow take its executable out of this wheel into .build/tools/pagefind/.
        # Pinned by hash (Linux x86_64).
        pagefind-bin-extended==1.5.2 \\
            --hash=sha256:1762f4a8c2137ca07261b0fec1b441df1ba421a0f124a86e33c43c09ca2d1d6c

        """

    /// The container the jobs run in; its tag is part of the build cache's key.
    static let image = "swift:6.3-bookworm"

    /// The steps both workflows start with: the checkout, the packages and the two caches.
    static var setupSteps: String {
        """
              - uses: actions/checkout@v6
              - name: Install what Galley needs
                run: |
                  apt-get update -qq
                  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \\
                    \(packages.joined(separator: " "))
              - name: Keep SwiftPM's build of Galley
                uses: actions/cache@v5
                with:
                  path: .build
                  key: build-\(image)-${{ hashFiles('Package.swift', 'Package.resolved') }}
                  restore-keys: build-\(image)-
              - name: Keep Galley's caches of compiled chapters and libraries
                uses: actions/cache@v5
                with:
                  path: |
                    .galley-cache
                    ~/.cache/galley
                  key: galley-\(image)-${{ github.run_id }}
                  restore-keys: galley-\(image)-
        """
    }

    /// Pull requests: every chapter's code runs and every stated number is checked; problems are
    /// annotations on the changed lines.
    public static var check: String {
        """
        # On each pull request: every chapter's code is run and every number the prose states is checked
        # (render --check --strict). Problems appear as annotations on the changed lines of the diff.
        name: Check the course

        on:
          pull_request:

        permissions:
          contents: read

        jobs:
          check:
            runs-on: ubuntu-24.04
            container: \(image)
            steps:
        \(setupSteps)
              - name: Check every chapter
                run: swift run -c release render Chapters --check --strict --format github

        """
    }

    /// Pushes to `main`: the book is rendered (strictly), printed to PDF, and published to GitHub
    /// Pages.
    public static var pages: String {
        """
        # On main: render the course, print it as a PDF, and publish Output/ to GitHub Pages (Settings →
        # Pages → Source: GitHub Actions). A chapter with an error stops the publishing; the site stays as
        # it was.
        name: Publish the course

        on:
          push:
            branches: [main]
          workflow_dispatch:

        permissions:
          contents: read
          pages: write
          id-token: write

        concurrency:
          group: pages
          cancel-in-progress: false

        jobs:
          build:
            runs-on: ubuntu-24.04
            container: \(image)
            steps:
        \(setupSteps)
              - name: Install Pagefind, the indexer of the site's search (pinned by hash)
                run: |
                  wheel=$(mktemp -d)
                  python3 -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \\
                    -r .github/pagefind-requirements.txt -d "$wheel"
                  python3 -m zipfile -e "$wheel"/pagefind_bin_extended-*.whl "$wheel/x"
                  install -D -m 755 "$wheel/x/pagefind_bin_extended/pagefind_extended" \\
                    .build/tools/pagefind/pagefind_extended
              - name: Install Chromium and a font for Chinese, which print the book's PDF
                run: |
                  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \\
                    \(printPackages.joined(separator: " "))
              - name: Render the course, and print it as a PDF the front page links
                run: swift run -c release render Chapters --output Output --strict --pdf
              - uses: actions/upload-pages-artifact@v5
                with:
                  path: Output
          deploy:
            needs: build
            runs-on: ubuntu-24.04
            environment:
              name: github-pages
              url: ${{ steps.deployment.outputs.page_url }}
            steps:
              - id: deployment
                uses: actions/deploy-pages@v5

        """
    }
}
