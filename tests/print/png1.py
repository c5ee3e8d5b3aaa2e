"""Minimal PNG reading and writing with the Python standard library only (zlib, struct),
for the printing tests: enough of PNG for what SDL_image and the test printer write
(8-bit grey, palette, RGB and RGBA; every filter type; no interlace)."""
import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def write_grey(path, width, height, rows):
    """rows: list of bytes objects of width grey values (0 black .. 255 white)."""
    raw = b"".join(b"\x00" + bytes(r) for r in rows)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(SIGNATURE + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(raw, 9))
                + _chunk(b"IEND", b""))


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(data, width, height, bpp):
    stride = width * bpp
    out = []
    prev = bytes(stride)
    pos = 0
    for _ in range(height):
        ftype = data[pos]
        line = data[pos + 1:pos + 1 + stride]
        pos += 1 + stride
        if ftype == 0:
            out.append(bytes(line))  # the common case for palette images: no work
            prev = line
            continue
        line = bytearray(line)
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 0xFF
            elif ftype == 4:
                line[i] = (line[i] + _paeth(a, b, c)) & 0xFF
        out.append(bytes(line))
        prev = line
    return out


def read_luma(path):
    """Returns (width, height, rows) with rows as bytes of 0..255 luma values."""
    with open(path, "rb") as f:
        blob = f.read()
    if not blob.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a PNG")
    pos, idat, palette = 8, b"", None
    width = height = depth = ctype = 0
    while pos < len(blob):
        (n,) = struct.unpack(">I", blob[pos:pos + 4])
        kind, data = blob[pos + 4:pos + 8], blob[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", data)
            if depth != 8 or interlace:
                raise ValueError(f"{path}: only 8-bit, non-interlaced PNG is supported")
        elif kind == b"PLTE":
            palette = [tuple(data[i:i + 3]) for i in range(0, len(data), 3)]
        elif kind == b"IDAT":
            idat += data
    bpp = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    rows = _unfilter(zlib.decompress(idat), width, height, bpp)
    if ctype == 3:
        table = bytes((p[0] * 299 + p[1] * 587 + p[2] * 114) // 1000 for p in palette)
        table += bytes(256 - len(table))
        return width, height, [r.translate(table) for r in rows]
    if ctype in (0, 4):
        return width, height, [r[::bpp] for r in rows]
    return width, height, [bytes((r[i] * 299 + r[i + 1] * 587 + r[i + 2] * 114) // 1000
                                 for i in range(0, len(r), bpp)) for r in rows]


_TO_BIT = bytes(1 if v < 128 else 0 for v in range(256))


def read_bits(path):
    """A black-and-white PNG as (width, height, rows as bytes of 0/1 with 1 = black)."""
    w, h, rows = read_luma(path)
    return w, h, [r.translate(_TO_BIT) for r in rows]
