# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the system tests: real ansible-playbook processes against the emulator."""

import pytest

from playbook_runner import Playbook, collection_link


@pytest.fixture
def playbook(emu, tmp_path):
    collection_link()
    return Playbook(emu, tmp_path)
