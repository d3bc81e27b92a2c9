# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The docs site built by `make docs`, opened in headless Chromium: the index and the module pages render
with their option tables, the role page with its argument spec, the guides with the README's text.

The expected options come from ansible-doc, not from the site.
"""

import json
import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest

import chromium

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SITE = os.path.join(ROOT, '.tmp', 'docs', 'html')
MODULE_PAGES = os.path.join(SITE, 'collections', 'bitbucket', 'cloud')


class Page(HTMLParser):
    """Title, visible text, links, and the option titles of every ansible-option-table."""

    def __init__(self):
        HTMLParser.__init__(self)
        self.title = ''
        self.text = []
        self.links = []
        self.tables = 0
        self.options = {}  # 'parameter' | 'return' | 'attribute' -> [names]
        self._in = []
        self._option_kind = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get('class') or '').split()
        self._in.append(tag)
        if tag in ('script', 'style'):
            self._skip += 1
        if tag == 'a' and attrs.get('href'):
            self.links.append(attrs['href'])
        if tag == 'table' and 'ansible-option-table' in classes:
            self.tables += 1
        if 'ansible-option-title' in classes:
            ident = attrs.get('id', '')
            for kind in ('parameter', 'return', 'attribute'):
                if '-%s-' % kind in ident:
                    self._option_kind = kind

    def handle_endtag(self, tag):
        if self._in:
            self._in.pop()
        if tag in ('script', 'style'):
            self._skip -= 1
        if tag in ('p', 'div') and self._option_kind:
            self._option_kind = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._in and self._in[-1] == 'title':
            self.title += data
        self.text.append(data)
        if self._option_kind and self._in and self._in[-1] == 'strong' and data.strip():
            self.options.setdefault(self._option_kind, []).append(data.strip())
            self._option_kind = None

    @property
    def all_text(self):
        return ' '.join(' '.join(self.text).split())


def rendered(path):
    assert os.path.exists(path), '%s is missing: run `make docs` first' % path
    page = Page()
    page.feed(chromium.dump_dom(chromium.file_url(path)))
    return page


def ansible_doc(name, plugin_type='module'):
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible-doc'), '-j', '-t', plugin_type, name]
    # The collection as `make` links it: .tmp/collections/ansible_collections/bitbucket/cloud -> this checkout.
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.tmp', 'collections'))
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120, env=env).stdout
    return json.loads(out)[name]


def nested_names(options):
    names = set()
    for name, spec in (options or {}).items():
        names.add(name)
        names.update(nested_names(spec.get('suboptions') or spec.get('options')))
        names.update(nested_names(spec.get('contains')))
    return names


def test_index_renders_with_the_guides_and_the_reference():
    page = rendered(os.path.join(SITE, 'index.html'))
    assert page.title.startswith('bitbucket.cloud: Bitbucket Cloud as code')
    for text in ('Install', 'Authentication', 'The workspace spec', 'Playbooks', 'AWX and Automation Platform',
                 'Safety', 'Collection Index', 'Index of all Modules', 'Index of all Roles'):
        assert text in page.all_text, text
    for link in ('guides/install.html', 'guides/authentication.html', 'guides/awx.html', 'collections/index.html'):
        assert link in page.links, link
    shot = chromium.screenshot(chromium.file_url(os.path.join(SITE, 'index.html')), 'docs-index.png')
    assert os.path.getsize(shot) > 20000


@pytest.mark.parametrize('module', ['bitbucket_repo', 'bitbucket_permission', 'bitbucket_workspace_plan'])
def test_module_page_has_every_option_and_return_value(module):
    doc = ansible_doc('bitbucket.cloud.' + module)
    page = rendered(os.path.join(MODULE_PAGES, module + '_module.html'))
    assert page.title.startswith('bitbucket.cloud.%s module' % module)
    assert page.tables == 3  # parameters, attributes, return values
    parameters = set(page.options['parameter'])
    assert set(doc['doc']['options']) <= parameters
    assert parameters <= nested_names(doc['doc']['options'])
    returns = set(page.options['return'])
    assert set(doc['return']) <= returns <= nested_names(doc['return'])
    assert {'check_mode', 'diff_mode', 'action_group'} <= set(page.options['attribute'])
    assert doc['doc']['short_description'] in page.all_text
    if module == 'bitbucket_repo':
        # Tall enough to show the top of the option table.
        url = chromium.file_url(os.path.join(MODULE_PAGES, module + '_module.html'))
        shot = chromium.screenshot(url, 'docs-module-bitbucket_repo.png', height=2600)
        assert os.path.getsize(shot) > 20000


def test_role_page_has_the_argument_spec():
    spec = ansible_doc('bitbucket.cloud.workspace_provision', plugin_type='role')
    page = rendered(os.path.join(MODULE_PAGES, 'workspace_provision_role.html'))
    options = spec['entry_points']['main']['options']
    assert set(options) <= set(page.options['parameter'])
    assert 'Entry point main' in page.all_text


def test_guides_are_the_readme_sections():
    with open(os.path.join(ROOT, 'README.md')) as handle:
        readme = handle.read()
    auth = rendered(os.path.join(SITE, 'guides', 'authentication.html'))
    assert 'App passwords are gone.' in readme and 'App passwords are gone.' in auth.all_text
    for variable in ('BITBUCKET_USER', 'BITBUCKET_API_TOKEN', 'BITBUCKET_CLIENT_SECRET'):
        assert variable in auth.all_text
    awx = rendered(os.path.join(SITE, 'guides', 'awx.html'))
    assert 'extensions/awx/credential_type.yml' in awx.all_text
    spec = rendered(os.path.join(SITE, 'guides', 'workspace_spec.html'))
    assert 'bitbucket_prune' in spec.all_text and 'infra-live' in spec.all_text
    migration = rendered(os.path.join(SITE, 'guides', 'migration.html'))
    for name in ('bitbucket_access_key', 'bitbucket_deploy_key', 'bitbucket_pipeline_known_host', 'value_update'):
        assert name in migration.all_text
