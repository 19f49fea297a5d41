#!/usr/bin/env python3
# check-potfiles.py — po/POTFILES.in lists every translatable source file.
#
# SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A string in a file missing from POTFILES.in never reaches translators, and
# nothing else notices. This test (TAP) checks that:
#   1. every listed file exists;
#   2. the list is sorted and has no duplicates (STYLE §14);
#   3. every file under src/ that calls _(), N_(), C_(), NC_() or the
#      g_d*gettext functions, every .ui file with translatable="yes", and
#      the desktop, metainfo, MIME and gschema sources under data/ are listed,
#      unless po/POTFILES.skip names them as deliberate exclusions.
#
# Usage: check-potfiles.py SOURCE_ROOT

import os
import re
import sys

import tap

GETTEXT_CALL = re.compile(r'(?<![A-Za-z0-9_])(?:N?C?_|g_dn?gettext|g_dpgettext2?|g_dcgettext)\s*\(')
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
DATA_SOURCE = re.compile(r'\.(?:desktop\.in(?:\.in)?|(?:metainfo|mime)\.xml\.in(?:\.in)?|gschema\.xml)$')


def read_list(path):
    """Non-empty, non-comment lines of a POTFILES-style file, in order."""
    entries = []
    if not os.path.exists(path):
        return entries
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


def needs_translation(root, relpath):
    path = os.path.join(root, relpath)
    if relpath.startswith('data/'):
        return DATA_SOURCE.search(relpath) is not None
    if relpath.endswith(('.c', '.h')):
        with open(path, encoding='utf-8', errors='replace') as f:
            return GETTEXT_CALL.search(f.read()) is not None
    if relpath.endswith('.ui'):
        with open(path, encoding='utf-8', errors='replace') as f:
            return UI_TRANSLATABLE.search(f.read()) is not None
    return False


def candidates(root):
    found = []
    for top in ('src', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                relpath = os.path.relpath(os.path.join(dirpath, name), root)
                relpath = relpath.replace(os.sep, '/')
                if needs_translation(root, relpath):
                    found.append(relpath)
    return found


def main():
    if len(sys.argv) != 2:
        print('usage: check-potfiles.py SOURCE_ROOT', file=sys.stderr)
        return 2

    root = sys.argv[1]
    listed = read_list(os.path.join(root, 'po', 'POTFILES.in'))
    skipped = set(read_list(os.path.join(root, 'po', 'POTFILES.skip')))

    results = []

    missing_files = [p for p in listed if not os.path.isfile(os.path.join(root, p))]
    results.append(('every file in POTFILES.in exists', missing_files))

    problems = []
    if listed != sorted(listed):
        for before, after in zip(listed, listed[1:]):
            if after < before:
                problems.append(f'{after} comes after {before}')
    duplicates = sorted({p for p in listed if listed.count(p) > 1})
    problems += [f'{p} is listed more than once' for p in duplicates]
    if problems:
        problems.append('sort it in byte order: LC_ALL=C sort -u -o po/POTFILES.in po/POTFILES.in')
    results.append(('POTFILES.in is sorted, without duplicates', problems))

    listed_set = set(listed)
    unlisted = [p for p in candidates(root) if p not in listed_set and p not in skipped]
    if unlisted:
        unlisted.append('add them to po/POTFILES.in (or, deliberately, to po/POTFILES.skip)')
    results.append(('every translatable source file is in POTFILES.in', unlisted))

    return tap.report(results)


if __name__ == '__main__':
    sys.exit(main())
