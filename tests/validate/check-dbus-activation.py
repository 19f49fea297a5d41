#!/usr/bin/env python3
# check-dbus-activation.py — the session bus can start the app, as the
# desktop file's DBusActivatable=true promises.
#
# SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# With DBusActivatable=true, GNOME Shell does not run Exec=: it calls
# org.freedesktop.Application.Activate on the app ID and the bus starts the
# program named in our D-Bus service file. If the service file is missing or
# wrong, the launcher icon silently does nothing. This test (TAP), run inside
# run-isolated (private session bus, Xvfb), installs the built service file
# into its throwaway XDG_DATA_HOME, pointing at the built binary, and checks
# that Activate starts the app, that it opens a window, and that app.quit
# ends it.
#
# Usage: check-dbus-activation.py DESKTOP_FILE SERVICE_FILE BINARY APP_ID

import configparser
import os
import subprocess
import sys
import time

import tap

TIMEOUT = 30


def gdbus(*args, timeout=TIMEOUT):
    return subprocess.run(['gdbus', 'call', '--session', '--timeout', str(timeout)] + list(args),
                          capture_output=True, text=True, timeout=timeout + 5)


def name_has_owner(name):
    owner = gdbus('--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus',
                  '--method', 'org.freedesktop.DBus.NameHasOwner', name)
    return owner.stdout.strip() == '(true,)'


def read_ini(path, section):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(path, encoding='utf-8')
    return parser[section] if parser.has_section(section) else {}


def main():
    if len(sys.argv) != 5:
        print('usage: check-dbus-activation.py DESKTOP_FILE SERVICE_FILE BINARY APP_ID',
              file=sys.stderr)
        return 2

    desktop_path, service_path, binary, app_id = sys.argv[1:]
    object_path = '/' + app_id.replace('.', '/').replace('-', '_')
    results = []

    def report(description, problems):
        results.append((description, problems))
        return not problems

    desktop = read_ini(desktop_path, 'Desktop Entry')
    service = read_ini(service_path, 'D-BUS Service')
    problems = []
    if desktop.get('DBusActivatable') != 'true':
        problems.append('the desktop file does not set DBusActivatable=true')
    if os.path.basename(desktop_path) != app_id + '.desktop':
        problems.append(f'the desktop file is not named {app_id}.desktop')
    if service.get('Name') != app_id:
        problems.append(f'the service file names {service.get("Name")!r}, not {app_id!r}')
    exec_line = service.get('Exec', '')
    if not exec_line.endswith('/carto-viewer --gapplication-service'):
        problems.append(f'the service file runs {exec_line!r}, not carto-viewer --gapplication-service')
    report('desktop file and service file agree', problems)

    # The private bus reads $XDG_DATA_HOME/dbus-1/services; the test's
    # copy runs the uninstalled binary with the installed file's arguments.
    services_dir = os.path.join(os.environ['XDG_DATA_HOME'], 'dbus-1', 'services')
    os.makedirs(services_dir, exist_ok=True)
    arguments = exec_line.split()[1:]
    with open(os.path.join(services_dir, app_id + '.service'), 'w', encoding='utf-8') as f:
        f.write('[D-BUS Service]\n')
        f.write(f'Name={app_id}\n')
        f.write('Exec=' + ' '.join([os.path.abspath(binary)] + arguments) + '\n')
    reload = gdbus('--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus',
                   '--method', 'org.freedesktop.DBus.ReloadConfig')
    problems = [] if reload.returncode == 0 else [reload.stderr.strip()]

    activate = gdbus('--dest', app_id, '--object-path', object_path,
                     '--method', 'org.freedesktop.Application.Activate', '{}')
    if activate.returncode != 0:
        problems.append(activate.stderr.strip())
    report('org.freedesktop.Application.Activate starts the app', problems)

    # GtkApplication exports each of its windows on the bus. Introspecting
    # a name nobody owns would start the app again, so check it first.
    problems = []
    deadline = time.monotonic() + TIMEOUT
    while True:
        if not name_has_owner(app_id):
            problems.append('the app exited after activation')
            break
        window = subprocess.run(['gdbus', 'introspect', '--session', '--dest', app_id,
                                 '--object-path', object_path + '/window/1'],
                                capture_output=True, text=True, timeout=TIMEOUT)
        if window.returncode == 0 and 'org.gtk.Actions' in window.stdout:
            break
        if time.monotonic() > deadline:
            problems.append('no window was exported at ' + object_path + '/window/1')
            break
        time.sleep(0.2)
    report('the activated app opens a window', problems)

    problems = []
    quit_call = gdbus('--dest', app_id, '--object-path', object_path,
                      '--method', 'org.freedesktop.Application.ActivateAction', 'quit', '[]', '{}')
    if quit_call.returncode != 0:
        problems.append(quit_call.stderr.strip())
    deadline = time.monotonic() + TIMEOUT
    while True:
        if not name_has_owner(app_id):
            break
        if time.monotonic() > deadline:
            problems.append(f'{app_id} still owns its name {TIMEOUT} s after app.quit')
            break
        time.sleep(0.2)
    report('app.quit ends the activated app', problems)

    return tap.report(results)


if __name__ == '__main__':
    sys.exit(main())
