#!/usr/bin/env python3
"""Draw the site's preview-card image, docs/assets/social-card.png (1200x630).

Every page's og:image / twitter:image points to this one file (see
overrides/main.html). Run it again after changing the text below:

    .venv/bin/python tools/make_social_card.py [--output PATH]

Only Pillow is needed; the font is the one Pillow ships (Aileron), so the
image comes out the same on any machine with the same Pillow. Material's
social plugin is not used: it downloads fonts from the network at build time.
"""
from __future__ import annotations

import argparse
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "docs" / "assets" / "social-card.png"

WIDTH, HEIGHT = 1200, 630
SCALE = 2  # drawn at twice the size, then scaled down: smooth curves and text

RED = (255, 75, 75)
INK = (38, 39, 48)
GREY = (95, 98, 112)
PAPER = (255, 255, 255)
BLUSH = (255, 236, 236)

TITLE = "Streamlit Rerun FAQ"
TAGLINE = "How do I stop my Streamlit app from rerunning?"
SUBLINE = "Short answers, with examples that run live in your browser."


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size * SCALE)


def s(value: float) -> int:
    return round(value * SCALE)


def wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=face) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def draw_badge(draw: ImageDraw.ImageDraw, left: float, top: float, size: float) -> None:
    """A red tile with a white circular "rerun" arrow around a "stop" square."""
    draw.rounded_rectangle(
        (s(left), s(top), s(left + size), s(top + size)), radius=s(size * 0.22), fill=RED
    )
    cx, cy = left + size / 2, top + size / 2
    r = size * 0.3  # outer radius of the ring
    stroke = size * 0.085
    start, end = -45, 235  # degrees, clockwise from 3 o'clock; the gap is at the top
    draw.arc(
        (s(cx - r), s(cy - r), s(cx + r), s(cy + r)),
        start=start, end=end, fill=PAPER, width=s(stroke),
    )
    # Arrowhead on the arc's end, pointing on clockwise into the gap.
    mid = r - stroke / 2  # the ring's centre line
    angle = math.radians(end)
    px, py = cx + mid * math.cos(angle), cy + mid * math.sin(angle)
    tx, ty = -math.sin(angle), math.cos(angle)  # direction of travel
    nx, ny = math.cos(angle), math.sin(angle)  # outwards
    head = size * 0.13
    draw.polygon(
        [
            (s(px + tx * head * 1.1), s(py + ty * head * 1.1)),
            (s(px + nx * head), s(py + ny * head)),
            (s(px - nx * head), s(py - ny * head)),
        ],
        fill=PAPER,
    )
    half = size * 0.09
    draw.rounded_rectangle(
        (s(cx - half), s(cy - half), s(cx + half), s(cy + half)), radius=s(half * 0.3), fill=PAPER
    )


def make_card() -> Image.Image:
    image = Image.new("RGB", (s(WIDTH), s(HEIGHT)), PAPER)
    draw = ImageDraw.Draw(image)

    # A soft band on the right and a red rule along the bottom.
    draw.rectangle((s(WIDTH - 330), 0, s(WIDTH), s(HEIGHT)), fill=BLUSH)
    draw.rectangle((0, s(HEIGHT - 18), s(WIDTH), s(HEIGHT)), fill=RED)
    draw_badge(draw, WIDTH - 290, 175, 250)

    left, text_width = 80, WIDTH - 330 - 80 - 50
    y = 92
    title = font(70)
    draw.text((s(left), s(y)), TITLE, font=title, fill=INK, stroke_width=s(1.4), stroke_fill=INK)
    y += 118

    tagline = font(46)
    for line in wrap(draw, TAGLINE, tagline, s(text_width)):
        draw.text((s(left), s(y)), line, font=tagline, fill=RED, stroke_width=s(0.8), stroke_fill=RED)
        y += 62
    y += 26

    subline = font(30)
    for line in wrap(draw, SUBLINE, subline, s(text_width)):
        draw.text((s(left), s(y)), line, font=subline, fill=GREY)
        y += 44

    return image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    make_card().save(args.output, format="PNG", optimize=True)
    print(f"wrote {args.output} ({WIDTH}x{HEIGHT})")


if __name__ == "__main__":
    main()
