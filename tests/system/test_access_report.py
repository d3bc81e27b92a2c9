# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/access_report.yml: its files and artifacts, and the HTML page rendered in headless Chromium.

The expected permissions are read from the emulator's API over HTTP, not from the playbook's own data.
"""

import json
import os
import re
from html.parser import HTMLParser

import requests

import chromium
from playbook_runner import ROOT, recap

BOB = '557058:b0b00000-0000-4000-8000-000000000002'
SPEC = os.path.join(ROOT, 'playbooks', 'examples', 'workspace.yml')
AUTH = ('alice@example.com', 'alice-api-token')


def api_values(url):
    """Every value of a paginated list."""
    values = []
    while url:
        response = requests.get(url, auth=AUTH, timeout=30)
        response.raise_for_status()
        page = response.json()
        values.extend(page['values'])
        url = page.get('next')
    return values


def grant(emu, path, permission):
    response = requests.put(emu.api_url + path, json=dict(permission=permission), auth=AUTH, timeout=30)
    assert response.status_code in (200, 201), response.text


def expected_grants(emu):
    """{(target, grantee): permission} of every explicit grant, and the targets, read from the API."""
    api = emu.api_url
    grants, targets = {}, []
    kinds = [('project', p['key'], '%s/workspaces/acme/projects/%s/permissions-config' % (api, p['key']))
             for p in api_values(api + '/workspaces/acme/projects')]
    kinds += [('repository', r['slug'], '%s/repositories/acme/%s/permissions-config' % (api, r['slug']))
              for r in api_values(api + '/repositories/acme')]
    for kind, name, base in kinds:
        target = '%s:%s' % (kind, name)
        targets.append(target)
        for record in api_values(base + '/users'):
            user = record['user']
            grants[(target, 'user:' + (user.get('account_id') or user['uuid']))] = record['permission']
        for record in api_values(base + '/groups'):
            grants[(target, 'group:' + record['group']['slug'])] = record['permission']
    return grants, targets


class Page(HTMLParser):
    """The matrix cells, row order, the unmanaged grants and every external reference of a page."""

    def __init__(self):
        HTMLParser.__init__(self)
        self.cells = {}
        self.unmanaged_cells = set()
        self.rows = []
        self.unmanaged_rows = set()
        self.external = []
        self.table = None
        self.unmanaged_row = None
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == 'table':
            self.table = attrs.get('id')
        for name in ('src', 'href'):
            if attrs.get(name) and not attrs[name].startswith('#'):
                self.external.append('%s %s=%s' % (tag, name, attrs[name]))
        if tag == 'link':
            self.external.append('link %s' % attrs)
        if tag == 'script':
            self.scripts += 1
        if self.table == 'matrix' and tag == 'tr' and 'data-target' in attrs:
            self.rows.append(attrs['data-target'])
        if self.table == 'matrix' and tag == 'td' and 'data-permission' in attrs:
            key = (attrs['data-target'], attrs['data-grantee'])
            assert key not in self.cells, 'two cells for %s' % (key,)
            self.cells[key] = (attrs['data-permission'], attrs['class'].split())
            if attrs.get('data-unmanaged') == 'true':
                self.unmanaged_cells.add(key)
        if self.table == 'unmanaged' and tag == 'tr' and 'data-target' in attrs:
            self.unmanaged_row = (attrs['data-target'], attrs['data-grantee'])
        if self.table == 'unmanaged' and tag == 'td' and 'perm' in attrs.get('class', '').split():
            self.unmanaged_rows.add(self.unmanaged_row + (attrs['class'].split()[1][len('perm-'):],))

    def handle_endtag(self, tag):
        if tag == 'table':
            self.table = None


def parse(html):
    page = Page()
    page.feed(html)
    return page


def test_access_report_html_matches_the_data(playbook, emu, tmp_path):
    # Grants the spec does not declare: Bob as admin of legacy-app (a declared repository: unmanaged),
    # and the admins group on acme-cli (not declared: reported, but not judged).
    grant(emu, '/repositories/acme/legacy-app/permissions-config/users/' + BOB, 'admin')
    grant(emu, '/repositories/acme/acme-cli/permissions-config/groups/admins', 'read')
    report_dir = tmp_path / 'reports'
    proc = playbook.run('bitbucket.cloud.access_report', args=['-e', '@' + SPEC, '-e', 'bitbucket_report_dir=%s' % report_dir])
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert recap(proc.stdout)['failed'] == 0
    html_path = report_dir / 'access-report.html'
    assert sorted(os.listdir(str(report_dir))) == ['access-report.csv', 'access-report.html', 'access-report.md']

    expected, targets = expected_grants(emu)
    assert (('repository:legacy-app', 'user:' + BOB)) in expected and len(expected) >= 5

    # The file itself: one page, nothing loaded from elsewhere.
    source = html_path.read_text()
    raw = parse(source)
    assert raw.external == []
    assert not re.search(r'url\(|@import|<link|<iframe|<img', source)
    assert raw.scripts == 1

    # Rendered by Chromium, after the page's script ran.
    page = parse(chromium.dump_dom(chromium.file_url(str(html_path))))
    grantees = sorted({g for dummy, g in expected})
    assert sorted({g for dummy, g in page.cells}) == grantees
    assert sorted(page.rows) == sorted(targets)
    kinds = [row.split(':')[0] for row in page.rows]
    assert kinds == sorted(kinds, key=['project', 'repository'].index)  # projects first, then repositories
    for target in targets:
        for grantee in grantees:
            permission, classes = page.cells[(target, grantee)]
            want = expected.get((target, grantee), 'none')
            assert permission == want, (target, grantee)
            assert 'perm-' + want in classes, (target, grantee, classes)
    assert page.unmanaged_cells == {('repository:legacy-app', 'user:' + BOB)}
    assert page.unmanaged_rows == {('repository:legacy-app', 'user:' + BOB, 'admin')}
    markdown = (report_dir / 'access-report.md').read_text()
    assert '| legacy-app | user `%s` | admin |' % BOB in markdown

    # Sorting by a grantee column (the script, through the URL fragment): highest permission first.
    column = 3 + grantees_in_page_order(source).index('group:developers')
    sorted_page = parse(chromium.dump_dom(chromium.file_url(str(html_path), 'sort=matrix:%d:desc' % column)))
    rank = {'none': 0, 'read': 1, 'write': 2, 'create-repo': 3, 'admin': 4}
    ranks = [rank[sorted_page.cells[(t, 'group:developers')][0]] for t in sorted_page.rows]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] > 0
    assert sorted(sorted_page.rows) == sorted(targets) and sorted_page.rows != page.rows

    shot = chromium.screenshot(chromium.file_url(str(html_path)), 'access-report.png')
    assert os.path.getsize(shot) > 20000

    # The same data as AWX artifacts (set_stats), and no other files in the current directory.
    assert not os.path.exists(os.path.join(ROOT, 'access-report'))


def grantees_in_page_order(source):
    return re.findall(r'<th class="sortable grantee"[^>]* data-grantee="([^"]+)"', source)


def test_access_report_publishes_set_stats(playbook, emu, tmp_path):
    report_dir = tmp_path / 'out'
    env_args = ['-e', 'bitbucket_workspace=acme', '-e', 'bitbucket_report_dir=%s' % report_dir,
                '-e', 'bitbucket_report_formats=csv']
    proc = playbook.run('bitbucket.cloud.access_report', args=env_args,
                        credentials=dict(BITBUCKET_USER='alice@example.com', BITBUCKET_API_TOKEN='alice-api-token',
                                         ANSIBLE_SHOW_CUSTOM_STATS='true'))
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    # The default callback prints the play's set_stats data as one JSON line: "\tRUN: {...}".
    run_lines = [line for line in proc.stdout.splitlines() if line.startswith('\tRUN: ')]
    assert len(run_lines) == 1, proc.stdout[-3000:]
    stats = json.loads(run_lines[0][len('\tRUN: '):])['bitbucket_access_report']
    assert stats['workspace'] == 'acme'
    assert stats['unmanaged'] == []
    expected, targets = expected_grants(emu)
    assert sorted(['project:' + p['key'] for p in stats['projects']]
                  + ['repository:' + r['slug'] for r in stats['repositories']]) == sorted(targets)
    for record in stats['repositories'] + stats['projects']:
        target = ('repository:' + record['slug']) if 'slug' in record else ('project:' + record['key'])
        got = dict(('group:' + g['slug'], g['permission']) for g in record['groups'])
        got.update(('user:' + (u.get('account_id') or u['uuid']), u['permission']) for u in record['users'])
        assert got == dict((g, p) for (t, g), p in expected.items() if t == target), target
    assert sorted(m['account_id'] for m in stats['members']) == sorted(
        m['user']['account_id'] for m in api_values(emu.api_url + '/workspaces/acme/members'))
    assert os.listdir(str(report_dir)) == ['access-report.csv']


def test_access_report_rejects_an_unknown_format(playbook, tmp_path):
    proc = playbook.run('bitbucket.cloud.access_report',
                        args=['-e', 'bitbucket_workspace=acme', '-e', 'bitbucket_report_dir=%s' % tmp_path,
                              '-e', 'bitbucket_report_formats=html,pdf'])
    assert proc.returncode != 0
    assert 'bitbucket_report_formats takes md, csv and html' in proc.stdout
