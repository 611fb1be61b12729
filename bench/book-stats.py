#!/usr/bin/env python3
"""book-stats.py FOLDER [FOLDER...] — how "rough" a book of Markdown chapters is.

Prints one row of a Markdown table per folder (a book: the `*.md` files directly in it, not in
subfolders), with measures computed over the whole book:

  chapters         number of .md files
  KB/ch            mean file size, UTF-8 bytes / 1024
  formulas/KB      inline + display formulas per KB of the whole book
  formula len      mean length, in characters, of the TeX between the delimiters (outer
                   whitespace stripped, so `$$\\n x \\n$$` measures as 1)
  display %        share of display formulas among all formulas
  sections/ch      ATX headings (`#` .. `######` at line start) per chapter, outside code
  tables/ch        GFM tables (a header row followed by a delimiter row such as `|---|---|`)
                   per chapter, outside code
  Chinese %        CJK Unified Ideographs (U+3400–U+4DBF, U+4E00–U+9FFF, U+F900–U+FAFF) as a
                   share of all non-whitespace prose characters; prose is everything outside
                   fenced code blocks and formulas (markup characters such as `#`, `|`, `*`
                   and inline code spans count as prose)
  code blocks/ch   fenced code blocks per chapter

Formulas: display formulas are `$$ ... $$` and may span lines; inline formulas are `$...$` on
one line where the opening `$` is followed by a non-space and the closing `$` is preceded by a
non-space. A dollar escaped with a backslash (`\\$`) neither opens nor closes a formula.
Nothing inside fenced code blocks or inline code spans is counted, and a formula never spans
a code block.

With exactly two folders a last row "ratio A/B" divides each column of the first book by the
second's, to 2 decimals. `--chapters` also prints one row per chapter file, for checking.

Standard library only; Python 3.8+.
"""
import os
import re
import sys

# Opening/closing fence of a fenced code block: three or more backticks or tildes. Any leading
# indentation is accepted so that fences nested in list items are recognised too.
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
# ATX heading: up to three spaces, one to six `#`, then a space or the end of the line.
HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
# GFM table delimiter row: cells of dashes with optional alignment colons, separated by pipes.
DELIMITER_CELL = re.compile(r"^\s*:?-+:?\s*$")
# CJK Unified Ideographs, Extension A and Compatibility Ideographs.
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def is_cjk(char):
    code = ord(char)
    return any(low <= code <= high for low, high in CJK_RANGES)


def split_code_blocks(text):
    """Split a chapter into the lines outside fenced code blocks and a count of those blocks.

    Returns (segments, code_blocks) where segments is a list of lists of lines: the prose
    between consecutive code blocks. A fence left open runs to the end of the file, as in
    CommonMark."""
    segments, current = [], []
    code_blocks = 0
    fence = None  # (character, length) of the open fence, or None outside code
    for line in text.split("\n"):
        match = FENCE.match(line)
        if fence is None:
            # A backtick fence's info string may not contain backticks (CommonMark).
            if match and not (match.group(2)[0] == "`" and "`" in match.group(3)):
                fence = (match.group(2)[0], len(match.group(2)))
                code_blocks += 1
                segments.append(current)
                current = []
            else:
                current.append(line)
        elif (match and match.group(2)[0] == fence[0] and len(match.group(2)) >= fence[1]
              and not match.group(3).strip()):
            fence = None  # closing fence: same character, at least as long, nothing after it
    segments.append(current)
    return segments, code_blocks


def scan_math(text):
    """Find the formulas in a piece of prose (no fenced code in it).

    Returns (inline, display, prose) where inline and display are lists of the TeX sources
    and prose is the text with formulas removed (inline code spans kept)."""
    inline, display, prose = [], [], []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\":
            # An escape pair such as `\$` or `\\`: literal text, never a delimiter.
            prose.append(text[i:i + 2])
            i += 2
        elif char == "`":
            # Inline code span: a run of backticks closed by a run of exactly the same length,
            # within the same paragraph. Its content is prose, not math.
            run = len(text[i:]) - len(text[i:].lstrip("`"))
            ticks = text[i:i + run]
            close = find_backtick_run(text, i + run, run)
            if close is not None and "\n\n" not in text[i:close]:
                prose.append(text[i:close + run])
                i = close + run
            else:
                prose.append(ticks)
                i += run
        elif text.startswith("$$", i):
            close = find_dollars(text, i + 2, "$$", same_line=False)
            if close is None:
                prose.append("$$")  # unclosed: literal dollars
                i += 2
            else:
                display.append(text[i + 2:close])
                i = close + 2
        elif char == "$":
            close = find_dollars(text, i + 1, "$", same_line=True)
            body = text[i + 1:close] if close is not None else ""
            if close is not None and body and not body[0].isspace() and not body[-1].isspace():
                inline.append(body)
                i = close + 1
            else:
                prose.append("$")
                i += 1
        else:
            prose.append(char)
            i += 1
    return inline, display, "".join(prose)


def find_backtick_run(text, start, length):
    """Index of the next run of exactly `length` backticks at or after start, or None."""
    i = start
    while True:
        i = text.find("`" * length, i)
        if i < 0:
            return None
        end = i + length
        if (i == 0 or text[i - 1] != "`") and (end >= len(text) or text[end] != "`"):
            return i
        # Part of a longer run: skip the whole run.
        while end < len(text) and text[end] == "`":
            end += 1
        i = end


def find_dollars(text, start, delimiter, same_line):
    """Index of the closing delimiter (`$` or `$$`) at or after start, skipping escape pairs,
    or None. An inline `$` must close on the same line and is not the start of a `$$`."""
    i, n = start, len(text)
    while i < n:
        char = text[i]
        if char == "\\":
            i += 2
        elif char == "\n" and same_line:
            return None
        elif text.startswith(delimiter, i):
            return i
        else:
            i += 1
    return None


def split_cells(row):
    """Cells of a GFM table row: split on unescaped pipes, ignoring a leading/trailing pipe."""
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return re.split(r"(?<!\\)\|", row)


def count_tables(lines):
    """GFM tables among lines outside code: a row with a pipe followed by a delimiter row with
    a pipe and the same number of cells."""
    tables = 0
    for header, delimiter in zip(lines, lines[1:]):
        if "|" not in header or "|" not in delimiter or not header.strip():
            continue
        cells = split_cells(delimiter)
        if all(DELIMITER_CELL.match(cell) for cell in cells) and len(cells) == len(split_cells(header)):
            tables += 1
    return tables


def chapter_stats(path):
    """Raw counts for one chapter file."""
    with open(path, "rb") as file:
        data = file.read()
    text = data.decode("utf-8").replace("\r\n", "\n")
    segments, code_blocks = split_code_blocks(text)
    stats = {"bytes": len(data), "code_blocks": code_blocks, "inline": 0, "display": 0,
             "formula_chars": 0, "headings": 0, "tables": 0, "cjk": 0, "prose_chars": 0}
    for lines in segments:
        stats["headings"] += sum(1 for line in lines if HEADING.match(line))
        stats["tables"] += count_tables(lines)
        inline, display, prose = scan_math("\n".join(lines))
        stats["inline"] += len(inline)
        stats["display"] += len(display)
        stats["formula_chars"] += sum(len(tex.strip()) for tex in inline + display)
        visible = [char for char in prose if not char.isspace()]
        stats["prose_chars"] += len(visible)
        stats["cjk"] += sum(1 for char in visible if is_cjk(char))
    return stats


def summarise(name, chapters):
    """One row of measures from the raw counts of a book's chapters."""
    def total(key):
        return sum(chapter[key] for chapter in chapters)

    count = len(chapters)
    kb = total("bytes") / 1024
    formulas = total("inline") + total("display")
    return [name,
            count,
            kb / count if count else 0.0,
            formulas / kb if kb else 0.0,
            total("formula_chars") / formulas if formulas else 0.0,
            100 * total("display") / formulas if formulas else 0.0,
            total("headings") / count if count else 0.0,
            total("tables") / count if count else 0.0,
            100 * total("cjk") / total("prose_chars") if total("prose_chars") else 0.0,
            total("code_blocks") / count if count else 0.0]


COLUMNS = ["book", "chapters", "KB/ch", "formulas/KB", "formula len", "display %",
           "sections/ch", "tables/ch", "Chinese %", "code blocks/ch"]


def format_row(row, digits=1):
    cells = [str(row[0]), str(row[1])]
    cells += [f"{value:.{digits}f}" for value in row[2:]]
    return "| " + " | ".join(cells) + " |"


def main(argv):
    per_chapter = "--chapters" in argv
    folders = [arg for arg in argv if arg != "--chapters"]
    if not folders:
        sys.exit(__doc__.split("\n\n")[0])
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" + "---:|" * (len(COLUMNS) - 1))
    rows = []
    for folder in folders:
        names = sorted(name for name in os.listdir(folder)
                       if name.endswith(".md") and os.path.isfile(os.path.join(folder, name)))
        chapters = [chapter_stats(os.path.join(folder, name)) for name in names]
        if per_chapter:
            for name, chapter in zip(names, chapters):
                print(format_row(summarise(f"{folder}/{name}", [chapter])))
        row = summarise(folder, chapters)
        rows.append(row)
        print(format_row(row))
    if len(rows) == 2:
        a, b = rows
        ratio = ["ratio A/B"] + [f"{x / y:.2f}" if y else "n/a" for x, y in zip(a[1:], b[1:])]
        print("| " + " | ".join(ratio) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
