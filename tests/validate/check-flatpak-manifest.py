#!/usr/bin/env python3
# check-flatpak-manifest.py — the Flatpak manifest is sound and reproducible.
#
# SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# flatpak-builder needs the network and the GNOME SDK, so the manifest is
# never built here. This test (TAP) reads it instead and checks what a
# reviewer would: the app ID and command, a pinned stable GNOME runtime,
# every downloaded source pinned by checksum or commit, the sandbox
# permissions of STYLE §15 (and no direct keyring access: libsecret goes
# through the Secret portal), the cleanup, and the app built last from this
# checkout.
#
# Usage: check-flatpak-manifest.py MANIFEST APP_ID COMMAND

import json
import os
import re
import sys

import tap

SHA256 = re.compile(r'^[0-9a-f]{64}$')
SHA512 = re.compile(r'^[0-9a-f]{128}$')
COMMIT = re.compile(r'^[0-9a-f]{40}$')
REQUIRED_FINISH_ARGS = [
    '--share=network',
    '--share=ipc',
    '--socket=fallback-x11',
    '--socket=wayland',
    '--device=dri',
]
REQUIRED_CLEANUP = ['/include', '/lib/pkgconfig', '*.la', '*.a']
# Direct Secret Service access would bypass the portal and expose every
# secret of the user's keyring to the app.
FORBIDDEN_FINISH_ARGS = [
    '--talk-name=org.freedesktop.secrets',
    '--filesystem=host',
    '--filesystem=home',
    '--socket=session-bus',
]


def load_modules(modules, base_dir, problems):
    """Every module, nested ones and ones in separate files included."""
    found = []
    for module in modules:
        if isinstance(module, str):
            path = os.path.join(base_dir, module)
            try:
                with open(path, encoding='utf-8') as f:
                    module = json.load(f)
            except (OSError, ValueError) as e:
                problems.append(f'module file {module}: {e}')
                continue
        found.append(module)
        found += load_modules(module.get('modules', []), base_dir, problems)
    return found


def source_problem(module_name, source, is_app):
    """Why this source is not pinned, or None."""
    kind = source.get('type')
    where = f'{module_name}: {kind} source {source.get("url") or source.get("path")}'
    if kind in ('archive', 'file'):
        if 'url' not in source and 'path' in source:
            return None
        checksum = source.get('sha256') or source.get('sha512')
        if not checksum or not (SHA256.match(checksum) or SHA512.match(checksum)):
            return f'{where} has no sha256/sha512'
        if not source.get('url', '').startswith('https://'):
            return f'{where} is not fetched over https'
        return None
    if kind == 'git':
        if 'url' not in source:
            return None
        if COMMIT.match(source.get('commit', '')) or source.get('tag'):
            return None
        return f'{where} has no commit or tag'
    if kind == 'dir':
        return None if is_app else f'{where}: only the app itself may come from a directory'
    if kind in ('patch', 'script', 'shell', 'inline'):
        return None
    return f'{where}: source type {kind!r} is not checked; pin it and teach this test'


def main():
    if len(sys.argv) != 4:
        print('usage: check-flatpak-manifest.py MANIFEST APP_ID COMMAND', file=sys.stderr)
        return 2

    path, app_id, command = sys.argv[1:]
    checks = []

    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
        checks.append(('the manifest is valid JSON', []))
    except (OSError, ValueError) as e:
        print('1..1')
        print(f'not ok 1 - the manifest is valid JSON\n# {e}')
        return 1

    problems = []
    if manifest.get('id') != app_id:
        problems.append(f'id is {manifest.get("id")!r}, expected {app_id!r}')
    if 'app-id' in manifest:
        problems.append('app-id is deprecated: use id')
    if manifest.get('command') != command:
        problems.append(f'command is {manifest.get("command")!r}, expected {command!r}')
    checks.append(('id and command', problems))

    problems = []
    if manifest.get('runtime') != 'org.gnome.Platform':
        problems.append(f'runtime is {manifest.get("runtime")!r}, expected org.gnome.Platform')
    if manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append(f'sdk is {manifest.get("sdk")!r}, expected org.gnome.Sdk')
    version = str(manifest.get('runtime-version', ''))
    if not re.match(r'^[0-9]+$', version):
        problems.append(f'runtime-version {version!r} is not a stable GNOME release')
    checks.append(('a pinned, stable GNOME runtime and SDK', problems))

    finish_args = manifest.get('finish-args', [])
    problems = [f'{a} is missing' for a in REQUIRED_FINISH_ARGS if a not in finish_args]
    problems += [f'{a} is forbidden' for a in finish_args if a in FORBIDDEN_FINISH_ARGS]
    checks.append(('sandbox permissions (STYLE §15, Secret portal only)', problems))

    cleanup = manifest.get('cleanup', [])
    problems = [f'{c} is not cleaned up' for c in REQUIRED_CLEANUP if c not in cleanup]
    checks.append(('headers, pkg-config files and static libraries are cleaned up', problems))

    problems = []
    modules = load_modules(manifest.get('modules', []), os.path.dirname(path), problems)
    top = manifest.get('modules', [])
    app = top[-1] if top and isinstance(top[-1], dict) else None
    for module in modules:
        name = module.get('name', '?')
        sources = module.get('sources', [])
        if not sources:
            problems.append(f'{name}: no sources')
        for source in sources:
            if isinstance(source, str):
                problems.append(f'{name}: sources in a separate file ({source}) are not checked')
                continue
            problem = source_problem(name, source, module is app)
            if problem:
                problems.append(problem)
    checks.append(('every downloaded source is pinned', problems))

    problems = []
    if app is None:
        problems.append('there is no module')
    else:
        if app.get('buildsystem') != 'meson':
            problems.append(f'the last module builds with {app.get("buildsystem")!r}, not meson')
        app_sources = app.get('sources', [])
        if not any(s.get('type') == 'dir' and s.get('path') == '..' for s in app_sources
                   if isinstance(s, dict)):
            problems.append('the last module does not build this checkout (dir source "..")')
    names = [m.get('name') for m in modules]
    if 'libshumate' not in names:
        problems.append('libshumate is not bundled, and org.gnome.Platform does not have it')
    elif app is not None and names.index('libshumate') > names.index(app.get('name')):
        problems.append('libshumate is built after the app')
    checks.append(('libshumate is bundled and the app is built last, from this checkout', problems))

    return tap.report(checks)


if __name__ == '__main__':
    sys.exit(main())
