#!/usr/bin/python3
"""An independent kiosk envelope implementation, written from docs/envelope-format.md
alone (no C code read), with PyNaCl (Debian python3-nacl).

  kiosk_envelope.py open --key RECEIVER.KEY --known KNOWN_KIOSKS FILE...
      verify and open envelopes; print each report as one JSON line; exit 1 if any
      envelope is refused (the reason on stderr)
  kiosk_envelope.py seal --receiver-pub RECEIVER.PUB --signing-key SIGNING.KEY
                         [--plaintext-file F] < report.json
      seal a report as a kiosk would; print the envelope. The signing key file is
      libsodium's 64-byte secret key in base64 (a kiosk's signing.key), or a 32-byte seed.
      --plaintext-file seals F's bytes as they are (for forgery tests) but still takes
      kiosk_id and report_id from stdin's JSON.
  kiosk_envelope.py keypair
      print "SEED-BASE64 PUBLIC-BASE64": a new kiosk signing key.
"""
import base64
import binascii
import hashlib
import json
import re
import sys

import nacl.exceptions
import nacl.public
import nacl.signing

CONTEXT = b"kiosk-envelope/1"
BUCKETS = (1024, 4096, 16384)


class Refused(Exception):
    pass


def b64decode(text, length=None):
    if not isinstance(text, str) or not re.fullmatch(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?", text):
        raise Refused("bad base64")
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error as e:
        raise Refused(f"bad base64: {e}")
    if length is not None and len(raw) != length:
        raise Refused(f"base64 field is {len(raw)} bytes, expected {length}")
    return raw


def b64(raw):
    return base64.b64encode(raw).decode("ascii")


def strict_json(data):
    """Section 1's strict JSON: no repeated key, nothing after the document, no NUL."""
    if isinstance(data, bytes):
        if b"\0" in data:
            raise Refused("a NUL byte inside the JSON")
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused("not UTF-8")
    if "\0" in data:
        raise Refused("a NUL byte inside the JSON")

    def no_repeats(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise Refused("an object names the same key twice")
        return dict(pairs)

    try:
        # json.loads refuses "Extra data" after the document; surrounding whitespace is ok
        return json.loads(data, object_pairs_hook=no_repeats)
    except json.JSONDecodeError as e:
        raise Refused(f"not strict JSON: {e}")


def len32(raw):
    return len(raw).to_bytes(4, "big") + raw


def digest(kiosk_id, report_id, ciphertext):
    h = hashlib.blake2b(digest_size=64)
    for part in (CONTEXT, kiosk_id.encode("utf-8"), report_id.encode("utf-8"), ciphertext):
        h.update(len32(part))
    return h.digest()


def unpad(padded):
    body = padded.rstrip(b"\0")
    if not body or body[-1] != 0x80:
        raise Refused("bad padding")
    return body[:-1]


def pad(plain):
    for size in BUCKETS:
        if len(plain) + 1 <= size:
            return plain + b"\x80" + b"\0" * (size - len(plain) - 1)
    raise ValueError("report too large to seal")


def load_known(path):
    """known_kiosks: KIOSK-ID BASE64-KEY [from=DATE] [until=DATE], '#' comments."""
    known = []
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except FileNotFoundError:
        return known
    for line in lines:
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        entry = {"kiosk_id": words[0], "key": b64decode(words[1], 32), "from": "", "until": ""}
        for w in words[2:]:
            name, _, value = w.partition("=")
            entry[name] = value
        known.append(entry)
    return known


def key_valid(known, kiosk_id, key, created_at):
    day = created_at[:10]
    listed = [e for e in known if e["kiosk_id"] == kiosk_id]
    if not listed:
        raise Refused(f"kiosk {kiosk_id} is not registered")
    for e in listed:
        if e["key"] == key:
            if (not e["from"] or day >= e["from"]) and (not e["until"] or day <= e["until"]):
                return
            raise Refused(f"key of kiosk {kiosk_id} not valid on {day}")
    raise Refused(f"kiosk {kiosk_id} signed with a key not registered for it")


def open_envelope(data, box, known):
    env = strict_json(data)
    if not isinstance(env, dict) or env.get("format") != "kiosk-envelope":
        raise Refused("not a kiosk envelope")
    if env.get("version") != 1 or isinstance(env.get("version"), bool):
        raise Refused(f"unknown version {env.get('version')!r}")
    for field in ("kiosk_id", "report_id", "signing_key", "ciphertext", "signature"):
        if not isinstance(env.get(field), str):
            raise Refused(f"missing field {field}")
    key = b64decode(env["signing_key"], 32)
    ct = b64decode(env["ciphertext"])
    sig = b64decode(env["signature"], 64)
    try:
        nacl.signing.VerifyKey(key).verify(digest(env["kiosk_id"], env["report_id"], ct), sig)
    except nacl.exceptions.BadSignatureError:
        raise Refused("signature does not verify")
    try:
        padded = box.decrypt(ct)
    except nacl.exceptions.CryptoError:
        raise Refused("cannot decrypt: wrong receiver key or damaged")
    report = strict_json(unpad(padded))
    if not isinstance(report, dict) or report.get("schema") != "kiosk-report/1":
        raise Refused("not a kiosk-report/1 report")
    if report.get("id") != env["report_id"] or report.get("kiosk_id") != env["kiosk_id"]:
        raise Refused("inner-id rule: the report inside names another report or kiosk")
    key_valid(known, env["kiosk_id"], key, report.get("created_at", ""))
    return report


def cmd_open(args):
    key_path = args[args.index("--key") + 1]
    known = load_known(args[args.index("--known") + 1])
    files = [a for i, a in enumerate(args) if a not in ("--key", "--known") and args[i - 1] not in ("--key", "--known")]
    secret = b64decode(open(key_path).read().strip(), 32)
    box = nacl.public.SealedBox(nacl.public.PrivateKey(secret))
    refused = 0
    for path in files:
        try:
            report = open_envelope(open(path, "rb").read(), box, known)
            print(json.dumps(report, ensure_ascii=False, sort_keys=True))
        except Refused as e:
            print(f"kiosk_envelope.py: {path}: refused: {e}", file=sys.stderr)
            refused += 1
    return 1 if refused else 0


def signing_key_from_file(path):
    raw = b64decode(open(path).read().strip())
    if len(raw) not in (32, 64):
        raise SystemExit("signing key must be a 32-byte seed or a 64-byte libsodium secret key")
    return nacl.signing.SigningKey(raw[:32])


def cmd_seal(args):
    receiver = nacl.public.PublicKey(b64decode(open(args[args.index("--receiver-pub") + 1]).read().strip(), 32))
    signer = signing_key_from_file(args[args.index("--signing-key") + 1])
    text = sys.stdin.buffer.read()
    report = json.loads(text)
    plain = text.strip()
    if "--plaintext-file" in args:
        plain = open(args[args.index("--plaintext-file") + 1], "rb").read()
    ct = nacl.public.SealedBox(receiver).encrypt(pad(plain))
    sig = signer.sign(digest(report["kiosk_id"], report["id"], ct)).signature
    env = {"format": "kiosk-envelope", "version": 1, "kiosk_id": report["kiosk_id"],
           "report_id": report["id"], "signing_key": b64(bytes(signer.verify_key)),
           "ciphertext": b64(ct), "signature": b64(sig)}
    print(json.dumps(env, separators=(",", ":")))
    return 0


def cmd_keypair(_args):
    key = nacl.signing.SigningKey.generate()
    print(b64(bytes(key)), b64(bytes(key.verify_key)))
    return 0


if __name__ == "__main__":
    commands = {"open": cmd_open, "seal": cmd_seal, "keypair": cmd_keypair}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(commands[sys.argv[1]](sys.argv[2:]))
