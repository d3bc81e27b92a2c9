# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Writes each task's wall time and the play recap to the JSON file named by BENCH_TIMER_OUT (benchmarks only)."""

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = '''
name: bench_timer
type: aggregate
short_description: task wall times for the bitbucket.cloud benchmarks
description:
  - Records the wall time of every task and the play recap into the file named by E(BENCH_TIMER_OUT).
'''


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'bench_timer'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self.tasks = []
        self.current = None

    def _close(self):
        if self.current is not None:
            self.current['seconds'] = time.monotonic() - self.current.pop('started')
            self.tasks.append(self.current)
            self.current = None

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._close()
        self.current = dict(name=task.get_name(), started=time.monotonic())

    def v2_playbook_on_stats(self, stats):
        self._close()
        recap = dict((host, stats.summarize(host)) for host in stats.processed)
        with open(os.environ['BENCH_TIMER_OUT'], 'w') as handle:
            json.dump(dict(tasks=self.tasks, recap=recap), handle)
