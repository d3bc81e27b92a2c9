"""Bitbucket's error bodies and the exception that carries them out of a view."""

SCOPE_DENIED_MESSAGE = 'Your credentials lack one or more required privilege scopes.'
BEARER_INVALID_MESSAGE = 'Token is invalid, expired, or not supported for this endpoint.'
RATE_LIMIT_TEXT = 'Rate limit for this resource has been exceeded'
GONE_BODY = {
    'type': 'error',
    'error': {
        'message': 'CHANGE-2770 - Functionality has been deprecated',
        'detail': 'Please read the changelog entry for more details.',
        'data': {'announcement_url': 'https://developer.atlassian.com/cloud/bitbucket/changelog#CHANGE-2770'},
    },
}


def error_body(message, fields=None, detail=None, data=None):
    """The standard {"type": "error", "error": {...}} document; optional parts only when given."""
    error = {'message': message}
    if fields:
        error['fields'] = fields
    if detail is not None:
        error['detail'] = detail
    if data is not None:
        error['data'] = data
    return {'type': 'error', 'error': error}


class ApiError(Exception):
    """An error answer: raised anywhere in a request, turned into a JSON response by the app."""

    def __init__(self, status, message, fields=None, detail=None, data=None, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields
        self.detail = detail
        self.data = data
        self.headers = headers or {}

    def body(self):
        """The JSON document of this error."""
        return error_body(self.message, self.fields, self.detail, self.data)


def bad_request(fields, message='Bad request'):
    """A 400 for invalid input, with per-field messages ({field: [message, ...]})."""
    return ApiError(400, message, fields=fields)
