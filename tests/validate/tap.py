# tap.py — how the validators in this folder report: TAP, one test point
# per check, each failure followed by its problems as comments.
#
# SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
# SPDX-License-Identifier: GPL-3.0-or-later


def report(results):
    """Print (description, problems) pairs as TAP; return the exit code.

    A problem of several lines becomes several comments, so TAP stays
    one line per statement."""
    print(f'1..{len(results)}')
    failed = 0
    for number, (description, problems) in enumerate(results, start=1):
        if problems:
            failed += 1
            print(f'not ok {number} - {description}')
            for problem in problems:
                for line in str(problem).splitlines():
                    print(f'# {line}')
        else:
            print(f'ok {number} - {description}')
    return 1 if failed else 0
