# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SSH private keys, as Bitbucket Pipelines takes them in a key pair (internal to the bitbucket.cloud collection).

A private key is checked before any API call: one PEM or OpenSSH block with well-formed base64, and no
passphrase (Pipelines cannot use one). When the optional `cryptography` library can be imported, the public
key derived from it is also compared with the declared public key. Messages never show the value, nor
any part of it, nor an error text of the library (which might quote it).
"""

import base64
import binascii
import re

try:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    HAS_CRYPTOGRAPHY = True
except ImportError:  # optional: without it, the pair is not checked for a match
    HAS_CRYPTOGRAPHY = False

from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError

# A private key file is a few kB (RSA 16384 is about 12 kB); more is not one key.
MAX_LENGTH = 65536
BLOCK = re.compile(r'-----BEGIN ((?:OPENSSH |RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY)-----\n(.*?)\n?-----END \1-----',
                   re.S)
OPENSSH_MAGIC = b'openssh-key-v1\x00'
NO_PASSPHRASE = ('has a passphrase; Bitbucket Pipelines can only use a key without one (remove it with '
                 'ssh-keygen -p, on a copy of the key)')


def _block(value, option):
    """(label, headers, DER or OpenSSH bytes) of the one private key block of the text."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(option, 'must be a private key in PEM or OpenSSH format (-----BEGIN ... PRIVATE KEY-----)')
    if len(value) > MAX_LENGTH:
        raise InputError(option, 'must be at most %d characters long, got %d' % (MAX_LENGTH, len(value)))
    text = value.replace('\r\n', '\n').strip()
    if text.startswith('PuTTY-User-Key-File-'):
        raise InputError(option, 'is a PuTTY key (.ppk); export it in OpenSSH format (puttygen key.ppk -O '
                                 'private-openssh) and give that')
    match = BLOCK.fullmatch(text)
    if match is None:
        raise InputError(option, 'must be one private key in PEM or OpenSSH format, from its -----BEGIN ... PRIVATE '
                                 'KEY----- line to its -----END ... PRIVATE KEY----- line (the value is not shown)')
    label, body = match.group(1), match.group(2)
    lines = [line.strip() for line in body.split('\n')]
    headers = [line for line in lines if ':' in line]
    data = ''.join(line for line in lines if line and ':' not in line)
    try:
        blob = base64.b64decode(data.encode('ascii'), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise InputError(option, 'the data of this private key is not valid base64 (the value is not shown)')
    if not blob:
        raise InputError(option, 'this private key block holds no key data')
    return label, headers, blob


def _openssh_cipher(blob):
    """The cipher name of an OpenSSH private key blob ('none' without a passphrase), or None when malformed."""
    if not blob.startswith(OPENSSH_MAGIC) or len(blob) < len(OPENSSH_MAGIC) + 4:
        return None
    start = len(OPENSSH_MAGIC)
    length = int.from_bytes(blob[start:start + 4], 'big')
    name = blob[start + 4:start + 4 + length]
    if len(name) != length:
        return None
    return name.decode('ascii', 'replace')


def validate_private_key(value, option='private_key'):
    """Raise InputError (naming the option, never showing the value) unless the value is one usable private key."""
    label, headers, blob = _block(value, option)
    if label == 'ENCRYPTED PRIVATE KEY' or any(h.replace(' ', '').upper() == 'PROC-TYPE:4,ENCRYPTED' for h in headers):
        raise InputError(option, NO_PASSPHRASE)
    if label == 'OPENSSH PRIVATE KEY':
        cipher = _openssh_cipher(blob)
        if cipher is None:
            raise InputError(option, 'is not a well-formed OpenSSH private key (the value is not shown)')
        if cipher != 'none':
            raise InputError(option, NO_PASSPHRASE)


def derived_public_key(value, option='private_key'):
    """'<type> <base64>' of the public half of a valid private key, or None when it cannot be told here.

    None without the `cryptography` library, and for key types it cannot load (security keys); raises
    InputError when the library reads the text and finds it is not a key.
    """
    if not HAS_CRYPTOGRAPHY:
        return None
    data = value.replace('\r\n', '\n').strip().encode('ascii')
    try:
        if b'OPENSSH PRIVATE KEY' in data.split(b'\n', 1)[0]:
            key = serialization.load_ssh_private_key(data, password=None)
        else:
            key = serialization.load_pem_private_key(data, password=None)
        public = key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    except (UnsupportedAlgorithm, TypeError):
        return None
    except ValueError:
        # The library's message is not shown: it might quote the key.
        raise InputError(option, 'could not be read as a private key (the value is not shown)') from None
    parts = public.decode('ascii').split()
    return '%s %s' % (parts[0], parts[1])
