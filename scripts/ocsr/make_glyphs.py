#!/usr/bin/python3
"""Rebuilds tools/Ocsr/Glyphs/glyphs.tsv, the glyph templates the OCSR label reader classifies against.

  /usr/bin/python3 scripts/ocsr/make_glyphs.py [OUT_TSV]

Every character that atom labels use is rendered with the fonts drawings come in (RDKit's Telex and FreeSans,
DejaVu Sans, bold variants) at several sizes, binarised, cropped to its ink and normalised exactly as
tools/Ocsr/Labels/GlyphFeatures.cs does: the longer side scaled to 16 px, centred in a 16x16 cell, one hex digit
(0-f) of ink per pixel. A row is: character, TAB, aspect (width/height), TAB, 256 hex digits.
Needs python3-pil and rdkit-data (./setup.sh --dev).
"""
import os
import sys

from PIL import Image, ImageDraw, ImageFilter, ImageFont

CELL = 16
CHARS = "ABCDEFGHIKLMNOPRSTXYZabcegilmnorstuxyz0123456789+-()'"
FONTS = [
    "/usr/share/RDKit/Data/Fonts/Telex-Regular.ttf",
    "/usr/lib/python3/dist-packages/rdkit/Chem/Draw/FreeSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
]
SIZES = (11, 16, 28)


def ink(ch, font_path, size, bold):
    font = ImageFont.truetype(font_path, size)
    img = Image.new("L", (size * 3, size * 3), 0)
    ImageDraw.Draw(img).text((size, size // 2), ch, fill=255, font=font)
    if bold:
        img = img.filter(ImageFilter.MaxFilter(3))
    img = img.point(lambda v: 255 if v >= 128 else 0)
    box = img.getbbox()
    return img.crop(box) if box else None


def features(glyph):
    """Aspect and the 16x16 cell, the same normalisation as GlyphFeatures.cs (area resampling, longer side 16)."""
    w, h = glyph.size
    scale = CELL / max(w, h)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    small = glyph.resize((nw, nh), Image.BOX)
    cell = Image.new("L", (CELL, CELL), 0)
    cell.paste(small, ((CELL - nw) // 2, (CELL - nh) // 2))
    return w / h, "".join("0123456789abcdef"[v >> 4] for v in cell.getdata())


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "../../tools/Ocsr/Glyphs/glyphs.tsv")
    rows = set()
    for font in FONTS:
        for size in SIZES:
            for bold in (False, True):
                for ch in CHARS:
                    g = ink(ch, font, size, bold)
                    if g is None:
                        continue
                    aspect, cell = features(g)
                    rows.add((ch, f"{aspect:.3f}", cell))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        for r in sorted(rows):
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} glyph templates -> {out}")


if __name__ == "__main__":
    main()
