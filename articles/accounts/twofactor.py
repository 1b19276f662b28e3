"""
Two-factor authentication with django-otp: an authenticator app (TOTP)
and ten single-use recovery codes (RecoveryCodes: stored as keyed hashes,
shown once when they are made).

Who must use it: superusers, Editors and Chief editors (they can publish),
and everyone when TWO_FACTOR_REQUIRED_FOR_ALL is on. Reporters may opt in;
whoever has a device must use it. With DEBUG on, the demo accounts made by
load_demo are exempt (TWO_FACTOR_DEMO_EXEMPT), never with DEBUG off.
"""

import secrets
from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles import roles

from .models import RecoveryCode, RecoveryCodes, recovery_code_digest

RECOVERY_CODES = 10
REQUIRED_ROLES = (roles.EDITOR, roles.CHIEF_EDITOR)


def required_for(user):
    if settings.DEBUG and user.get_username() in settings.TWO_FACTOR_DEMO_EXEMPT:
        return False
    if settings.TWO_FACTOR_REQUIRED_FOR_ALL or user.is_superuser:
        return True
    return user.groups.filter(name__in=REQUIRED_ROLES).exists()


def authenticator(user, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def is_enrolled(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_second_step(user):
    """Whether this signed-in user must pass (or set up) the second step before working."""
    return user.is_authenticated and not user.is_verified() and (is_enrolled(user) or required_for(user))


def pending_authenticator(user):
    """The authenticator being set up: made once, kept until confirmed, so a reload shows the same code."""
    device = authenticator(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def qr_code_svg(device):
    """The enrolment QR code as inline SVG markup (no inline style: CSP-safe)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff")


def secret_for_typing(device):
    """The secret in base32 groups of four, for apps without a camera."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_authenticator(device, token):
    """Confirm a pending authenticator with a code from the app; replace older ones. True on success."""
    if not device.verify_token(normalize(token)):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def random_recovery_code():
    """Ten base32 characters (50 random bits), shown as two groups of five."""
    code = b32encode(secrets.token_bytes(7)).decode().lower()[:10]
    return f"{code[:5]}-{code[5:]}"


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes with RECOVERY_CODES new ones and return them, the only time they exist in the clear."""
    RecoveryCodes.objects.filter(user=user).delete()
    device = RecoveryCodes.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [random_recovery_code() for _ in range(RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create([RecoveryCode(device=device, digest=recovery_code_digest(user.pk, normalize(code))) for code in codes])
    return codes


def recovery_codes_left(user):
    return RecoveryCode.objects.filter(device__user=user, device__confirmed=True).count()


def normalize(token):
    """A code as typed, without spaces or dashes, in lower case."""
    return "".join(str(token or "").replace("-", " ").split()).lower()[:16]


def check_code(user, token):
    """
    The device that accepts `token`: the authenticator for a six-digit
    code, else the recovery codes (each works once). None if it does not;
    each device throttles its own failures (django-otp doubles the wait
    after every wrong code).
    """
    token = normalize(token)
    if not token:
        return None
    # Six digits come from the app; anything else can only be a recovery
    # code. Asking one device only keeps a typo from throttling both.
    if len(token) == 6 and token.isdigit():
        device = authenticator(user)
    else:
        device = RecoveryCodes.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return None
    return verify_token(user, device.persistent_id, token)


@transaction.atomic
def remove_all(user):
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodes.objects.filter(user=user).delete()
