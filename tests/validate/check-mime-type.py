#!/usr/bin/env python3
# check-mime-type.py — map files are recognised as
# application/x-carto-viewer-map, and the desktop file opens them.
#
# SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A broken MIME package fails silently: update-mime-database skips what it
# cannot read, and files just show as JSON. This test (TAP), run inside
# run-isolated, installs the built (translated) MIME package into a
# throwaway XDG data directory and checks that:
#   1. update-mime-database compiles it without a word of complaint;
#   2. it declares the type as we ship it: a comment with its Spanish
#      translation, a JSON subclass, the *.cartomap glob, and the icons
#      data/icons installs;
#   3. GIO (`gio info`, as file managers see it) calls *.cartomap files
#      ours, files without the extension ours by their magic in each JSON
#      spelling, and other JSON files not ours;
#   4. the desktop file declares the type and takes files (%F), and GIO
#      lists the app for the type once update-desktop-database indexed it;
#   5. the metainfo provides the type.
#
# Usage: check-mime-type.py MIME_XML DESKTOP_FILE METAINFO_FILE BINARY APP_ID BASE_ID SOURCE_ROOT

import configparser
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import tap

MIME_TYPE = 'application/x-carto-viewer-map'
MIME_NS = '{http://www.freedesktop.org/standards/shared-mime-info}'
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
TIMEOUT = 60

# A map as json-glib pretty-prints it, as Python's json.dumps writes it,
# and compact; the magic must recognise each without the extension.
PRETTY_MAP = '{\n  "format" : "carto-viewer-map",\n  "version" : 1,\n  "layers" : [\n  ]\n}\n'
PYTHON_MAP = '{"format": "carto-viewer-map", "version": 1, "layers": []}\n'
COMPACT_MAP = '{"format":"carto-viewer-map","version":1,"layers":[]}'
# JSON that is not a map, even though it mentions one further on.
OTHER_JSON = '{"type": "FeatureCollection", "features": [], "note": "carto-viewer-map"}\n'


def run(argv, env):
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=TIMEOUT)


def content_type(path, env):
    """The content type GIO gives a local file, or an error text."""
    result = run(['gio', 'info', '--attributes=standard::content-type', path], env)
    if result.returncode != 0:
        return f'(gio info failed: {result.stderr.strip()})'
    for line in result.stdout.splitlines():
        line = line.strip()
        if line.startswith('standard::content-type:'):
            return line.split(':', 3)[-1].strip()
    return '(no content type)'


def read_ini(path, section):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(path, encoding='utf-8')
    return parser[section] if parser.has_section(section) else {}


def check_package(xml_path, app_id, base_id, source_root):
    problems = []
    try:
        root = ET.parse(xml_path).getroot()
    except ET.ParseError as e:
        return [f'{os.path.basename(xml_path)} is not well-formed XML: {e}']
    types = root.findall(f'{MIME_NS}mime-type')
    if [t.get('type') for t in types] != [MIME_TYPE]:
        return [f'the package declares {[t.get("type") for t in types]}, not [{MIME_TYPE!r}]']
    mime = types[0]

    comments = {c.get(XML_LANG): (c.text or '').strip() for c in mime.findall(f'{MIME_NS}comment')}
    if not comments.get(None):
        problems.append('no untranslated <comment>')
    if not comments.get('es'):
        problems.append('no Spanish <comment xml:lang="es">: is the msgid translated in po/es.po?')

    parents = [e.get('type') for e in mime.findall(f'{MIME_NS}sub-class-of')]
    if parents != ['application/json']:
        problems.append(f'sub-class-of {parents}, not application/json')
    globs = [e.get('pattern') for e in mime.findall(f'{MIME_NS}glob')]
    if globs != ['*.cartomap']:
        problems.append(f'globs {globs}, not *.cartomap')

    # data/icons/meson.build installs these sources under the app ID.
    icons = [e.get('name') for e in mime.findall(f'{MIME_NS}icon')]
    if icons != [app_id + '-map']:
        problems.append(f'icon {icons}, not {app_id}-map (the name data/icons installs)')
    icon_dir = os.path.join(source_root, 'data', 'icons', 'hicolor')
    for relpath in (os.path.join('scalable', 'mimetypes', base_id + '-map.svg'),
                    os.path.join('symbolic', 'apps', base_id + '-map-symbolic.svg')):
        if not os.path.isfile(os.path.join(icon_dir, relpath)):
            problems.append(f'data/icons/hicolor/{relpath} is missing')
    if not mime.findall(f'{MIME_NS}generic-icon'):
        problems.append('no <generic-icon> to fall back on')
    return problems


def main():
    if len(sys.argv) != 8:
        print('usage: check-mime-type.py MIME_XML DESKTOP_FILE METAINFO_FILE BINARY APP_ID '
              'BASE_ID SOURCE_ROOT', file=sys.stderr)
        return 2

    xml_path, desktop_path, metainfo_path, binary, app_id, base_id, source_root = sys.argv[1:]
    results = []
    data_dir = tempfile.mkdtemp(prefix='carto-mime-')
    try:
        # Only our package in the database GIO reads first; the system's
        # after it, so plain JSON still has its own type.
        system_dirs = os.environ.get('XDG_DATA_DIRS') or '/usr/local/share:/usr/share'
        env = dict(os.environ,
                   XDG_DATA_HOME=data_dir,
                   XDG_DATA_DIRS=data_dir + ':' + system_dirs,
                   GIO_USE_VFS='local',
                   LC_ALL='C.UTF-8',
                   PATH=os.path.dirname(os.path.abspath(binary)) + ':' + os.environ.get('PATH', ''))

        packages = os.path.join(data_dir, 'mime', 'packages')
        os.makedirs(packages)
        shutil.copy(xml_path, os.path.join(packages, os.path.basename(xml_path)))
        compiled = run(['update-mime-database', os.path.join(data_dir, 'mime')], env)
        problems = []
        if compiled.returncode != 0:
            problems.append(f'update-mime-database exited with {compiled.returncode}')
        problems += [f'update-mime-database: {line}'
                     for line in (compiled.stdout + compiled.stderr).splitlines() if line.strip()]
        if not os.path.isfile(os.path.join(data_dir, 'mime', 'application', 'x-carto-viewer-map.xml')):
            problems.append('update-mime-database did not register the type')
        results.append(('update-mime-database compiles the package cleanly', problems))

        results.append(('the package declares the type, its comment, parent, glob and icons',
                        check_package(xml_path, app_id, base_id, source_root)))

        samples = {
            'saved.cartomap': (PRETTY_MAP, True),
            'pretty-map': (PRETTY_MAP, True),
            'python-map': (PYTHON_MAP, True),
            'compact-map.backup': (COMPACT_MAP, True),
            'other.json': (OTHER_JSON, False),
            'other-json': (OTHER_JSON, False),
        }
        by_name = []
        by_magic = []
        not_ours = []
        for name, (text, ours) in samples.items():
            path = os.path.join(data_dir, name)
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)
            found = content_type(path, env)
            if ours and found != MIME_TYPE:
                (by_name if name.endswith('.cartomap') else by_magic).append(
                    f'{name}: {found}, not {MIME_TYPE}')
            elif not ours and found == MIME_TYPE:
                not_ours.append(f'{name}: {found}, though it is not a map')
        if content_type(os.path.join(data_dir, 'other.json'), env) != 'application/json':
            not_ours.append('other.json is not application/json: is shared-mime-info installed?')
        results.append(('GIO calls *.cartomap files ours', by_name))
        results.append(('GIO calls maps without the extension ours, by their magic', by_magic))
        results.append(('GIO does not call other JSON files ours', not_ours))

        desktop = read_ini(desktop_path, 'Desktop Entry')
        problems = []
        if MIME_TYPE not in desktop.get('MimeType', '').split(';'):
            problems.append(f'MimeType={desktop.get("MimeType", "")!r} lacks {MIME_TYPE}')
        if not any(code in desktop.get('Exec', '').split() for code in ('%F', '%f', '%U', '%u')):
            problems.append(f'Exec={desktop.get("Exec", "")!r} takes no files')
        applications = os.path.join(data_dir, 'applications')
        os.makedirs(applications)
        shutil.copy(desktop_path, os.path.join(applications, app_id + '.desktop'))
        # GIO reads MimeType= through mimeinfo.cache, which installing
        # builds (gnome.post_install's update_desktop_database).
        indexed = run(['update-desktop-database', applications], env)
        if indexed.returncode != 0:
            problems.append(f'update-desktop-database: {indexed.stderr.strip()}')
        listed = run(['gio', 'mime', MIME_TYPE], env)
        registered = []
        section = None
        for line in listed.stdout.splitlines():
            if not line.startswith('\t'):
                section = line.strip()
            elif section == 'Registered applications:':
                registered.append(line.strip())
        if app_id + '.desktop' not in registered:
            problems.append(f'gio mime {MIME_TYPE} does not list {app_id}.desktop: '
                            f'{(listed.stdout + listed.stderr).strip()!r}')
        results.append(('the desktop file opens the type', problems))

        provided = [e.text for e in ET.parse(metainfo_path).getroot().findall('./provides/mediatype')]
        results.append(('the metainfo provides the type',
                        [] if provided == [MIME_TYPE] else [f'<provides> lists {provided}']))
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)

    return tap.report(results)


if __name__ == '__main__':
    sys.exit(main())
