# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""OpenSSH public keys: strict parsing, identity and fingerprints (internal to the bitbucket.cloud collection).

A key is checked whole before any API call: one line "<type> <base64> [comment]", a type Bitbucket accepts,
strict base64, and a decoded blob that is exactly the fields of that type, starting with the same type name.
Messages never show the value: a private key pasted by mistake must not reach any output.
"""

import base64
import binascii
import hashlib
import re
import struct

from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError

# Bitbucket's supported SSH key formats, with the number of length-prefixed fields of each key blob
# (RFC 4253 6.6, RFC 5656 3.1, RFC 8709, OpenSSH PROTOCOL.u2f).
KEY_FIELDS = {
    'ssh-rsa': 3,                                # type, e, n
    'ssh-ed25519': 2,                            # type, 32-byte key
    'ecdsa-sha2-nistp256': 3,                    # type, curve, Q
    'ecdsa-sha2-nistp384': 3,
    'ecdsa-sha2-nistp521': 3,
    'sk-ssh-ed25519@openssh.com': 3,             # type, 32-byte key, application
    'sk-ecdsa-sha2-nistp256@openssh.com': 4,     # type, curve, Q, application
}
KEY_TYPES = tuple(KEY_FIELDS)
ED25519_LENGTH = 32
# The longest key line accepted (an RSA 16384-bit key is about 2.8 kB); more is not a public key.
MAX_LENGTH = 16384
# What starts a private key file: PEM blocks (RSA, EC, DSA, PKCS#8, OpenSSH) and PuTTY's .ppk.
PRIVATE_KEY = re.compile(r'-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|PuTTY-User-Key-File-')


def is_private_key(value):
    """True when the text holds a private key (anywhere in it)."""
    return isinstance(value, str) and PRIVATE_KEY.search(value) is not None


def _fields(blob):
    """The length-prefixed fields of a key blob; raises ValueError when it is not exactly such fields."""
    out = []
    offset = 0
    while offset < len(blob):
        if len(blob) - offset < 4:
            raise ValueError('truncated')
        (length,) = struct.unpack('>I', blob[offset:offset + 4])
        offset += 4
        if length > len(blob) - offset:
            raise ValueError('truncated')
        out.append(blob[offset:offset + length])
        offset += length
    return out


def _first_field(blob):
    """The key type written at the start of a key blob, '' when there is none."""
    if len(blob) < 4:
        return ''
    (length,) = struct.unpack('>I', blob[:4])
    if length > len(blob) - 4:
        return ''
    return blob[4:4 + length].decode('ascii', 'replace')


def parse_public_key(value, option='key'):
    """(type, base64, comment) of an OpenSSH public key line; raises InputError naming the option, never the value."""
    if is_private_key(value):
        raise InputError(option, 'holds a private key; give the public key (the .pub file, one line '
                                 '"<type> <base64> [comment]"). The value is not shown. Never share the private key: '
                                 'if it was stored or sent where it should not be, replace the key pair')
    if not isinstance(value, str) or not value.strip():
        raise InputError(option, 'must be an OpenSSH public key, one line "<type> <base64> [comment]"')
    if len(value) > MAX_LENGTH:
        raise InputError(option, 'must be at most %d characters long, got %d' % (MAX_LENGTH, len(value)))
    text = value.strip()
    if '\n' in text or '\r' in text:
        raise InputError(option, 'must be one OpenSSH public key on one line "<type> <base64> [comment]"; it has '
                                 'several lines')
    parts = text.split(None, 2)
    if parts[0] not in KEY_FIELDS:
        # The first word is not shown: without a type, it may be the key data of something secret.
        raise InputError(option, 'must start with a key type Bitbucket accepts: %s' % ', '.join(KEY_TYPES))
    key_type = parts[0]
    if len(parts) < 2:
        raise InputError(option, 'holds a key type (%s) but no base64 key data' % key_type)
    try:
        blob = base64.b64decode(parts[1].encode('ascii'), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise InputError(option, 'the key data of this %s key is not valid base64' % key_type)
    embedded = _first_field(blob)
    if embedded != key_type:
        shown = embedded if embedded in KEY_FIELDS else 'another type'
        raise InputError(option, 'says %s, but its key data is a key of %s' % (key_type, shown))
    try:
        fields = _fields(blob)
    except ValueError:
        raise InputError(option, 'the key data of this %s key is truncated or malformed' % key_type)
    if len(fields) != KEY_FIELDS[key_type] or any(not field for field in fields):
        raise InputError(option, 'the key data is not a well-formed %s key' % key_type)
    if key_type.startswith('ecdsa-sha2-') and fields[1] != key_type[len('ecdsa-sha2-'):].encode('ascii'):
        raise InputError(option, 'the key data of this %s key names another curve' % key_type)
    if key_type == 'sk-ecdsa-sha2-nistp256@openssh.com' and fields[1] != b'nistp256':
        raise InputError(option, 'the key data of this %s key names another curve' % key_type)
    if key_type in ('ssh-ed25519', 'sk-ssh-ed25519@openssh.com') and len(fields[1]) != ED25519_LENGTH:
        raise InputError(option, 'the key data of this %s key is not %d bytes long' % (key_type, ED25519_LENGTH))
    # The data as one canonical base64 text (so the same key always compares equal).
    return key_type, base64.b64encode(blob).decode('ascii'), parts[2].strip() if len(parts) > 2 else ''


def validate_no_private_key(value, option):
    """A text option that must not carry a private key (a label, say); the message never shows it."""
    if is_private_key(value):
        raise InputError(option, 'holds a private key; it is not sent, and the value is not shown')


def validate_public_key(value, option='key'):
    parse_public_key(value, option)


def key_identity(value):
    """'<type> <base64>' of a key line (no comment), or None when it is not one (a listed key is trusted to parse)."""
    if not isinstance(value, str):
        return None
    parts = value.split()
    if len(parts) < 2:
        return None
    try:
        data = base64.b64encode(base64.b64decode(parts[1].encode('ascii'), validate=True)).decode('ascii')
    except (binascii.Error, UnicodeEncodeError, ValueError):
        data = parts[1]
    return '%s %s' % (parts[0], data)


def fingerprint(value):
    """The SHA256 fingerprint of a key line, as ssh-keygen -l prints it, or None."""
    identity = key_identity(value)
    if identity is None:
        return None
    try:
        blob = base64.b64decode(identity.split()[1].encode('ascii'), validate=True)
    except (binascii.Error, ValueError):
        return None
    return 'SHA256:%s' % base64.b64encode(hashlib.sha256(blob).digest()).decode('ascii').rstrip('=')
