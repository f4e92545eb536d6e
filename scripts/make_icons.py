"""Draw the home-screen icons (PNG) from static/favicon.svg, with the standard library.

The virtualenv has no SVG renderer (no Pillow, no cairosvg) and the icons are made
once, so this script reads the few shapes the favicon uses (a rounded ``rect``,
``circle`` and filled ``path`` of M/C/S/L/Z commands) and fills them scanline by
scanline, 4 x 4 samples a pixel. The output is deterministic: running it again on
an unchanged favicon writes the same bytes.

    .venv/bin/python scripts/make_icons.py

writes static/icons/:
- icon-192.png, icon-512.png: the favicon as it is (rounded corners, transparent);
- icon-maskable-512.png: full-bleed background with the figures inside the
  central safe zone (a circle of 40 % of the size), for launchers that crop;
- apple-touch-icon.png (180 px): the maskable layout, opaque (iOS rounds it).
"""

from __future__ import annotations

import math
import re
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
FAVICON = ROOT / "static" / "favicon.svg"
OUT = ROOT / "static" / "icons"
SAMPLES = 4  # per pixel side
CURVE_STEPS = 48
# The figures of the maskable icon are scaled down to sit in its safe zone.
MASKABLE_SCALE = 0.68

Span = tuple[float, float]
Colour = tuple[int, int, int]


@dataclass
class Shape:
    fill: Colour
    kind: str  # rect, circle, polygon
    params: tuple[float, ...] = ()
    polygons: tuple[tuple[tuple[float, float], ...], ...] = ()

    def spans(self, y: float) -> list[Span]:
        """The x intervals of the shape on the horizontal line at height y."""
        if self.kind == "rect":
            x, top, width, height, rx = self.params
            if not top <= y < top + height:
                return []
            inset = 0.0
            dy = max(top + rx - y, y - (top + height - rx), 0.0)
            if dy > 0:
                inset = rx - math.sqrt(max(rx * rx - dy * dy, 0.0))
            return [(x + inset, x + width - inset)]
        if self.kind == "circle":
            cx, cy, r = self.params
            dy = y - cy
            if abs(dy) >= r:
                return []
            half = math.sqrt(r * r - dy * dy)
            return [(cx - half, cx + half)]
        return nonzero_spans(self.polygons, y)


def nonzero_spans(
    polygons: tuple[tuple[tuple[float, float], ...], ...], y: float
) -> list[Span]:
    """Filled intervals of closed polygons at height y, SVG's nonzero rule."""
    crossings: list[tuple[float, int]] = []
    for points in polygons:
        for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
            if (y0 <= y < y1) or (y1 <= y < y0):
                x = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                crossings.append((x, 1 if y1 > y0 else -1))
    crossings.sort()
    spans: list[Span] = []
    winding = 0
    start = 0.0
    for x, direction in crossings:
        before = winding
        winding += direction
        if before == 0 and winding != 0:
            start = x
        elif before != 0 and winding == 0:
            spans.append((start, x))
    return spans


def colour(value: str) -> Colour:
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def cubic(
    p0: tuple[float, float],
    p1: tuple[float, float],
    p2: tuple[float, float],
    p3: tuple[float, float],
) -> list[tuple[float, float]]:
    points = []
    for step in range(1, CURVE_STEPS + 1):
        t = step / CURVE_STEPS
        u = 1 - t
        points.append(
            (
                u**3 * p0[0]
                + 3 * u * u * t * p1[0]
                + 3 * u * t * t * p2[0]
                + t**3 * p3[0],
                u**3 * p0[1]
                + 3 * u * u * t * p1[1]
                + 3 * u * t * t * p2[1]
                + t**3 * p3[1],
            )
        )
    return points


def path_polygons(data: str) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Subpaths of an SVG path (M/m, L/l, C/c, S/s, Z/z) as closed polygons."""
    tokens = re.findall(r"[MmLlCcSsZz]|-?(?:\d+\.?\d*|\.\d+)", data)
    polygons: list[list[tuple[float, float]]] = []
    current = (0.0, 0.0)
    last_control: tuple[float, float] | None = None
    command = ""
    i = 0

    def numbers(count: int) -> list[float]:
        nonlocal i
        values = [float(v) for v in tokens[i : i + count]]
        if len(values) != count:
            raise ValueError(f"path {data!r}: {command} needs {count} numbers")
        i += count
        return values

    while i < len(tokens):
        if re.fullmatch(r"[A-Za-z]", tokens[i]):
            command = tokens[i]
            i += 1
        relative = command.islower()
        base = current if relative else (0.0, 0.0)

        def point(x: float, y: float) -> tuple[float, float]:
            return (base[0] + x, base[1] + y)  # noqa: B023 (read at once)

        upper = command.upper()
        if upper == "Z":
            last_control = None
            continue
        if upper == "M":
            current = point(*numbers(2))
            polygons.append([current])
            command = "l" if relative else "L"  # further pairs are lines
            last_control = None
        elif upper == "L":
            current = point(*numbers(2))
            polygons[-1].append(current)
            last_control = None
        elif upper in "CS":
            if upper == "C":
                values = numbers(6)
                c1 = point(values[0], values[1])
            else:
                values = [0.0, 0.0, *numbers(4)]
                c1 = (
                    current
                    if last_control is None
                    else (
                        2 * current[0] - last_control[0],
                        2 * current[1] - last_control[1],
                    )
                )
            c2 = point(values[2], values[3])
            end = point(values[4], values[5])
            polygons[-1].extend(cubic(current, c1, c2, end))
            current = end
            last_control = c2
        else:
            raise ValueError(f"path command {command!r} is not supported")
    return tuple(tuple(p) for p in polygons if len(p) > 2)


def favicon_shapes(svg: Path) -> tuple[float, list[Shape]]:
    """The favicon's view box side and its shapes, in painting order."""
    # Our own committed file, not untrusted input.
    tree = ElementTree.parse(svg)  # noqa: S314
    root = tree.getroot()
    _x, _y, width, height = (float(v) for v in root.attrib["viewBox"].split())
    if width != height:
        raise ValueError("the favicon must be square")
    shapes = []
    for element in root:
        tag = element.tag.rsplit("}", 1)[-1]
        attrib = element.attrib
        fill = colour(attrib.get("fill", "#000"))
        if tag == "rect":
            shapes.append(
                Shape(
                    fill,
                    "rect",
                    (
                        float(attrib.get("x", 0)),
                        float(attrib.get("y", 0)),
                        float(attrib["width"]),
                        float(attrib["height"]),
                        float(attrib.get("rx", 0)),
                    ),
                )
            )
        elif tag == "circle":
            shapes.append(
                Shape(
                    fill,
                    "circle",
                    (float(attrib["cx"]), float(attrib["cy"]), float(attrib["r"])),
                )
            )
        elif tag == "path":
            shapes.append(Shape(fill, "polygon", polygons=path_polygons(attrib["d"])))
        else:
            raise ValueError(f"<{tag}> is not supported")
    return width, shapes


def render(
    shapes: list[Shape], side: float, size: int, *, maskable: bool
) -> list[bytes]:
    """RGBA rows of the icon, size x size pixels."""
    figures = shapes[1:]
    if maskable:
        # Full-bleed background; the figures scaled about their centre.
        left, right, top, bottom = figures_box(figures, side)
        scale = MASKABLE_SCALE
        centre = ((left + right) / 2, (top + bottom) / 2)
    else:
        scale = 1.0
        centre = (side / 2, side / 2)
    palette = [shape.fill for shape in shapes]
    cells = size * SAMPLES
    unit = cells / side  # cells per view-box unit

    def to_cell(value: float, axis: int) -> float:
        return ((value - centre[axis]) * scale + side / 2) * unit

    def to_view(cell: float, axis: int) -> float:
        return (cell / unit - side / 2) / scale + centre[axis]

    rows = []
    for py in range(size):
        sub_rows = []
        for sy in range(SAMPLES):
            y = to_view(py * SAMPLES + sy + 0.5, 1)
            row = bytearray(cells)  # 0: nothing, n: shape n - 1
            if maskable:
                row[:] = b"\x01" * cells
            for index, shape in enumerate(shapes):
                if maskable and index == 0:
                    continue
                for x0, x1 in shape.spans(y):
                    start = max(0, math.ceil(to_cell(x0, 0) - 0.5))
                    end = min(cells, math.ceil(to_cell(x1, 0) - 0.5))
                    if end > start:
                        row[start:end] = bytes([index + 1]) * (end - start)
            sub_rows.append(bytes(row))
        rows.append(downsample(sub_rows, size, palette))
    return rows


def figures_box(figures: list[Shape], side: float) -> tuple[float, float, float, float]:
    """Left, right, top and bottom of the figures, sampled on fine lines."""
    xs: list[float] = []
    ys: list[float] = []
    steps = 400
    for step in range(steps + 1):
        y = side * step / steps
        for shape in figures:
            for x0, x1 in shape.spans(y):
                xs += [x0, x1]
                ys.append(y)
    return min(xs), max(xs), min(ys), max(ys)


def downsample(sub_rows: list[bytes], size: int, palette: list[Colour]) -> bytes:
    out = bytearray()
    area = SAMPLES * SAMPLES
    for px in range(size):
        counts = [0] * (len(palette) + 1)
        for row in sub_rows:
            for value in row[px * SAMPLES : (px + 1) * SAMPLES]:
                counts[value] += 1
        covered = area - counts[0]
        if covered == 0:
            out += b"\x00\x00\x00\x00"
            continue
        channels = [
            round(
                sum(counts[i + 1] * palette[i][c] for i in range(len(palette)))
                / covered
            )
            for c in range(3)
        ]
        out += bytes([*channels, round(255 * covered / area)])
    return bytes(out)


def png(rows: list[bytes], size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    raw = b"".join(b"\x00" + row for row in rows)  # filter: none
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


ICONS = (
    ("icon-192.png", 192, False),
    ("icon-512.png", 512, False),
    ("icon-maskable-512.png", 512, True),
    ("apple-touch-icon.png", 180, True),
)


def main() -> int:
    side, shapes = favicon_shapes(FAVICON)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size, maskable in ICONS:
        path = OUT / name
        path.write_bytes(png(render(shapes, side, size, maskable=maskable), size))
        print(f"wrote {path.relative_to(ROOT)} ({size} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
