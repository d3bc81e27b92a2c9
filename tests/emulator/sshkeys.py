"""OpenSSH public keys as deploy keys, SSH key pairs and known hosts carry them: parsing and fingerprints."""

import base64
import binascii
import hashlib
import struct

# The key types Bitbucket accepts for SSH keys (support.atlassian.com "Supported SSH key formats").
KEY_TYPES = (
    'ssh-rsa', 'ssh-dss', 'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521',
    'sk-ssh-ed25519@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com',
)


class InvalidKey(ValueError):
    """A public key that is not a valid OpenSSH public key (the message says why)."""


def _blob_type(blob):
    """The key type written at the start of the decoded key blob (a length-prefixed string)."""
    if len(blob) < 4:
        raise InvalidKey('The key data is too short.')
    (length,) = struct.unpack('>I', blob[:4])
    if length > len(blob) - 4:
        raise InvalidKey('The key data is truncated.')
    return blob[4:4 + length].decode('ascii', 'replace')


def decode(key_type, data):
    """The key blob of base64 data, checked against its declared type."""
    if key_type not in KEY_TYPES:
        raise InvalidKey('Unsupported key type %r; expected one of: %s.' % (key_type, ', '.join(KEY_TYPES)))
    try:
        blob = base64.b64decode(data.encode('ascii'), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise InvalidKey('The key data is not valid base64.') from None
    if _blob_type(blob) != key_type:
        raise InvalidKey('The key data is not a %s key.' % key_type)
    return blob


def parse(text):
    """(type, base64, comment) of 'type base64 [comment]'; raises InvalidKey when it is not a valid public key."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidKey('An SSH public key is required.')
    parts = text.strip().split(None, 2)
    if len(parts) < 2:
        raise InvalidKey('An SSH public key is "<type> <base64 data> [comment]".')
    decode(parts[0], parts[1])
    return parts[0], parts[1], parts[2] if len(parts) > 2 else ''


def fingerprints(data):
    """(md5, sha256) fingerprints of base64 key data, as ssh-keygen -l prints them."""
    blob = base64.b64decode(data)
    md5 = hashlib.md5(blob).hexdigest()  # noqa: S324 - a fingerprint, not security
    sha256 = base64.b64encode(hashlib.sha256(blob).digest()).decode('ascii').rstrip('=')
    return ':'.join(md5[index:index + 2] for index in range(0, len(md5), 2)), 'SHA256:%s' % sha256


def is_private_key(text):
    """True for a PEM or OpenSSH private key block ('-----BEGIN ... PRIVATE KEY-----' ... '-----END ...')."""
    if not isinstance(text, str):
        return False
    stripped = text.strip()
    return stripped.startswith('-----BEGIN ') and 'PRIVATE KEY-----' in stripped.splitlines()[0] and stripped.rstrip().endswith('-----')


def make_public_key(key_type='ssh-ed25519', seed='emulator', comment=''):
    """A syntactically valid public key line (for seeds and tests): type, base64 blob, optional comment."""
    type_bytes = key_type.encode('ascii')
    material = hashlib.sha256(seed.encode('utf-8')).digest()
    blob = struct.pack('>I', len(type_bytes)) + type_bytes + struct.pack('>I', len(material)) + material
    line = '%s %s' % (key_type, base64.b64encode(blob).decode('ascii'))
    return '%s %s' % (line, comment) if comment else line
