#!/usr/bin/env python3
# check-carto-api-refs.py — every `§N` or `§N.M` citation of the CARTO API
# contract names a section docs/carto-api.md has.
#
# SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Comments under src/, tests/ and tools/ cite the contract by section
# number; renumbering or dropping a section would leave them pointing at
# the wrong text, and nothing else notices. The rule, stated at the top of
# docs/carto-api.md: the first citation in a file reads
# `docs/carto-api.md §N`, later ones just `§N`; a § right after another
# document's name (STYLE §15, RFC 9110 §10.2.3) is that document's. This
# test (TAP) checks that:
#   1. docs/carto-api.md numbers its sections (`## N.`, `### N.M`) in
#      order, each once, each subsection inside its section;
#   2. every citation in src/, tests/ and tools/ names one of them;
#   3. in every file that cites the contract, the first citation names
#      docs/carto-api.md;
#   4. docs/carto-api.md's own cross-references name existing sections.
#
# Usage: check-carto-api-refs.py SOURCE_ROOT

import os
import re
import sys

import tap

CONTRACT = 'docs/carto-api.md'
SCANNED_DIRS = ('src', 'tests', 'tools')
# Written with escapes so this file holds no citation of its own.
SECTION_SIGN = '\u00a7'
HEADING = re.compile(r'^(#{2,3})\s+(\d+(?:\.\d+)?)\.?\s+\S', re.MULTILINE)
CITATION = re.compile(SECTION_SIGN + r'(\d+(?:\.\d+)*)')
# A § right after one of these names cites that document, not the contract.
OTHER_DOCUMENT = re.compile(r'(?:\bSTYLE|\bRFC\s+\d+)\s*$')
# What may stand between the file's name and its first citation:
# Markdown code quotes or a link target, then blanks, or a line break
# with the comment leader of the next line (` * `, `-- `, `# `, `// `).
NAMED = re.compile(re.escape(CONTRACT) + r'`?(?:\]\([^)]*\))?\s*$')
LINE_BREAK = re.compile(r'\s*\n\s*(?:\*|--|#|//)?\s*')


def read_sections(path):
    """The section numbers of the contract, and problems with them."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    sections = []
    problems = []
    last_major = 0
    last_minor = 0
    for match in HEADING.finditer(text):
        level, number = match.group(1), match.group(2)
        parts = [int(p) for p in number.split('.')]
        line = text.count('\n', 0, match.start()) + 1
        if number in sections:
            problems.append(f'{CONTRACT}:{line}: section {number} appears twice')
        if level == '##' and len(parts) == 1:
            if parts[0] != last_major + 1:
                problems.append(f'{CONTRACT}:{line}: section {number} follows {last_major}')
            last_major, last_minor = parts[0], 0
        elif level == '###' and len(parts) == 2:
            if parts[0] != last_major or parts[1] != last_minor + 1:
                problems.append(f'{CONTRACT}:{line}: section {number} follows '
                                f'{last_major}.{last_minor} under section {last_major}')
            last_minor = parts[1]
        else:
            problems.append(f'{CONTRACT}:{line}: "{match.group(0).strip()}": '
                            'sections are "## N." and subsections "### N.M"')
        sections.append(number)
    if not sections:
        problems.append(f'{CONTRACT} has no numbered sections')
    return set(sections), problems, text


def citations(text):
    """(line, number, named) for each contract citation in text, where
    named says whether the file's name stands right before it."""
    found = []
    for match in CITATION.finditer(text):
        before = LINE_BREAK.sub(' ', text[max(0, match.start() - 200):match.start()])
        if OTHER_DOCUMENT.search(before):
            continue
        line = text.count('\n', 0, match.start()) + 1
        found.append((line, match.group(1), NAMED.search(before) is not None))
    return found


def read_text(path):
    """A file's text, or None for binary files."""
    with open(path, 'rb') as f:
        data = f.read()
    if b'\0' in data:
        return None
    try:
        return data.decode('utf-8')
    except UnicodeDecodeError:
        return None


def scanned_files(root):
    this_file = os.path.realpath(__file__)
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                if os.path.realpath(path) == this_file:
                    continue
                yield path, os.path.relpath(path, root).replace(os.sep, '/')


def main():
    if len(sys.argv) != 2:
        print('usage: check-carto-api-refs.py SOURCE_ROOT', file=sys.stderr)
        return 2

    root = sys.argv[1]
    sections, heading_problems, contract_text = read_sections(os.path.join(root, CONTRACT))
    results = [(f'{CONTRACT} numbers its sections in order', heading_problems)]

    missing = []
    unnamed = []
    for path, relpath in scanned_files(root):
        text = read_text(path)
        if text is None:
            continue
        cited = citations(text)
        for line, number, _ in cited:
            if number not in sections:
                missing.append(f'{relpath}:{line}: {SECTION_SIGN}{number} is not a section of {CONTRACT}')
        if cited and not cited[0][2]:
            line, number = cited[0][0], cited[0][1]
            unnamed.append(f'{relpath}:{line}: the first citation in the file should read '
                           f'"{CONTRACT} {SECTION_SIGN}{number}"')
    results.append(('every citation names a section of the contract', missing))
    results.append(('each file names the contract at its first citation', unnamed))

    dangling = [f'{CONTRACT}:{line}: {SECTION_SIGN}{number} is not one of its sections'
                for line, number, _ in citations(contract_text) if number not in sections]
    results.append((f'{CONTRACT} cites only its own sections', dangling))

    return tap.report(results)


if __name__ == '__main__':
    sys.exit(main())
