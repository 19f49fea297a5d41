#!/usr/bin/env python3
# check-translations.py — every translation covers every current string.
#
# SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A string added to the code without a translation shows in English to
# everyone. This test (TAP) extracts a fresh template from the files in
# po/POTFILES.in, with the keywords of meson's 'glib' gettext preset, into a
# temporary directory (never into po/), and runs msgcmp on each language in
# po/LINGUAS: a string that is missing, untranslated or fuzzy fails.
#
# To fix a failure, from the build directory:
#   meson compile carto-viewer-pot carto-viewer-update-po
# then translate what msgcmp names, and leave no "#, fuzzy" behind.
#
# Usage: check-translations.py SOURCE_ROOT XGETTEXT MSGCMP

import os
import subprocess
import sys
import tempfile

# The msgid keywords of meson's i18n 'glib' preset (mesonbuild/modules/i18n.py).
XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
]


def read_linguas(path):
    langs = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                langs += line.split()
    return langs


def main():
    if len(sys.argv) != 4:
        print('usage: check-translations.py SOURCE_ROOT XGETTEXT MSGCMP', file=sys.stderr)
        return 2

    root, xgettext, msgcmp = sys.argv[1:]
    po_dir = os.path.join(root, 'po')
    langs = read_linguas(os.path.join(po_dir, 'LINGUAS'))

    if not langs:
        print('1..0 # SKIP po/LINGUAS lists no language')
        return 0

    print(f'1..{len(langs) + 1}')

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'carto-viewer.pot')
        extract = subprocess.run(
            [xgettext] + XGETTEXT_ARGS + ['--directory', root,
                                          '--files-from', os.path.join(po_dir, 'POTFILES.in'),
                                          '--output', pot],
            capture_output=True, text=True)
        if extract.returncode != 0 or not os.path.exists(pot):
            print('not ok 1 - extract the strings of POTFILES.in')
            for line in (extract.stdout + extract.stderr).splitlines():
                print(f'# {line}')
            for number, lang in enumerate(langs, start=2):
                print(f'not ok {number} - {lang}.po translates every string # no template')
            return 1
        print('ok 1 - extract the strings of POTFILES.in')

        failed = 0
        for number, lang in enumerate(langs, start=2):
            po = os.path.join(po_dir, lang + '.po')
            # msgcmp treats untranslated and fuzzy entries as missing.
            compare = subprocess.run([msgcmp, po, pot], capture_output=True, text=True)
            if compare.returncode == 0:
                print(f'ok {number} - {lang}.po translates every string')
            else:
                failed += 1
                print(f'not ok {number} - {lang}.po translates every string')
                for line in (compare.stdout + compare.stderr).splitlines():
                    print(f'# {line}')

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
