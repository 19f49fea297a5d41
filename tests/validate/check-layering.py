#!/usr/bin/env python3
# check-layering.py — widgets get what they need from their owner; the
# window is a shell.
#
# SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Panels and dialogs once called into ViewerWindow and fetched its context
# through their root, which made an include circle around the window, and
# the window installed map layers and picked features beside the map
# view. This test (TAP) keeps that from coming back:
#   1. only the window and the application include viewer-window.h or
#      call viewer_window_*;
#   2. the window installs no map layer and picks nothing: that is the
#      map view's;
#   3. no file fetches the context from a widget's root.
#
# Usage: check-layering.py SOURCE_ROOT

import os
import re
import sys

import tap

WINDOW_OWNERS = {'src/viewer-window.c', 'src/viewer-window.h', 'src/viewer-application.c'}
USES_WINDOW = re.compile(r'#include\s+"viewer-window\.h"|\bviewer_window_\w+\s*\(')
MAP_WORK = re.compile(r'\b(?:shumate_map_insert_layer\w*|shumate_map_add_layer|carto_layer_painter_pick\w*)\s*\(')
CONTEXT_FROM_ROOT = re.compile(r'g_object_get\s*\([^;]*root[^;]*"context"', re.DOTALL)


def sources(root):
    """src/ files (libcarto too), relative, in a stable order."""
    found = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, 'src')):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(('.c', '.h')):
                found.append(os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, '/'))
    return found


def matches(text, pattern):
    """'line N: the match' for each match of pattern in text."""
    return [f'line {text.count(chr(10), 0, m.start()) + 1}: {" ".join(m.group(0).split())}'
            for m in pattern.finditer(text)]


def main():
    if len(sys.argv) != 2:
        print('usage: check-layering.py SOURCE_ROOT', file=sys.stderr)
        return 2

    root = sys.argv[1]
    texts = {}
    for path in sources(root):
        with open(os.path.join(root, path), encoding='utf-8', errors='replace') as f:
            texts[path] = f.read()

    callers = [f'{path} {hit}' for path, text in texts.items() if path not in WINDOW_OWNERS
               for hit in matches(text, USES_WINDOW)]
    if callers:
        callers.append('give the widget a property (context, map) set by its owner, '
                       'or ask upward with an action (win.add-layer) or a signal')

    map_work = [f'src/viewer-window.c {hit}' for hit in matches(texts.get('src/viewer-window.c', ''), MAP_WORK)]
    if map_work:
        map_work.append('the map view owns the layer stack and the picking')

    root_walks = [f'{path} {hit}' for path, text in texts.items() for hit in matches(text, CONTEXT_FROM_ROOT)]

    results = [
        ('only the window and the application use viewer-window.h', callers),
        ('the window installs no map layer and picks no feature', map_work),
        ('no widget fetches the context from its root', root_walks),
    ]

    return tap.report(results)


if __name__ == '__main__':
    sys.exit(main())
