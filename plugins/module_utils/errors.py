# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one error type of the bitbucket.cloud collection (internal to the collection)."""


class BitbucketError(Exception):
    """A failed Bitbucket operation, turned into fail_json at one place (BitbucketModule.run).

    It never holds a credential: paths carry no secrets and request bodies are not kept.
    """

    def __init__(self, message, method=None, path=None, status=None, fields=None, detail=None,
                 hint=None, reply_lost=False, option=None):
        super(BitbucketError, self).__init__(message)
        self.message = message
        self.method = method
        self.path = path
        self.status = status
        self.fields = fields
        self.detail = detail
        self.hint = hint
        # True when a write may have been applied although no reply arrived (timeout, dropped connection, 502/504).
        self.reply_lost = reply_lost
        # The module option a validation error is about, so the message names it.
        self.option = option

    def __str__(self):
        text = self.message
        if self.method and self.path:
            status = 'HTTP %s' % self.status if self.status else 'no reply'
            text = '%s %s failed (%s): %s' % (self.method, self.path, status, self.message)
        if self.fields:
            parts = ['%s: %s' % (k, ' '.join(v) if isinstance(v, list) else v) for k, v in sorted(self.fields.items())]
            text += ' Fields: %s.' % '; '.join(parts)
        if self.detail and isinstance(self.detail, str) and self.detail not in text:
            text += ' Detail: %s' % self.detail
        if self.hint:
            text += ' %s' % self.hint
        return text

    def as_dict(self):
        """The error's parts, for the module result (key `error`)."""
        return dict(method=self.method, path=self.path, status=self.status, message=self.message,
                    fields=self.fields, detail=self.detail)


class InputError(BitbucketError):
    """Invalid module input, raised before any API call; the message names the option."""

    def __init__(self, option, message):
        super(InputError, self).__init__('%s: %s' % (option, message), option=option)
