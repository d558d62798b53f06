"""The geometry of a line chart drawn on the server as SVG: points, axis ticks and labels.

The template draws it; every number a reader needs is also in the table beside it, so the chart is
an image with a text alternative (readable without JavaScript, or without the picture).
"""
from dataclasses import dataclass

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40  # margins: the y labels left, the x labels below
# Series colours: distinct for the common colour-vision deficiencies (Okabe–Ito), each with a dash of its own.
STYLES = [("#0072b2", ""), ("#d55e00", "6 4"), ("#009e73", "2 3"), ("#cc79a7", "10 3 2 3")]


@dataclass
class Line:
    label: str
    colour: str
    dash: str
    points: list  # [(x, y, x value, y value)]

    @property
    def path(self):
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _label, _value in self.points)


def nice_ceiling(value):
    """The smallest of 1, 2, 2.5, 5 times a power of ten at or above `value` (at least 1)."""
    if value <= 1:
        return 1
    power = 1
    while power * 10 < value:
        power *= 10
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return int(step * power) if step * power == int(step * power) else step * power
    return 10 * power


def line_chart(x_values, series):
    """`series` is [(label, [y for each of x_values])]: the chart's lines, y ticks and x ticks."""
    top = nice_ceiling(max((y for _label, ys in series for y in ys), default=0))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(x_values) - 1, 1)

    def x_at(n):
        return LEFT + (n * step if len(x_values) > 1 else plot_width / 2)

    def y_at(value):
        return TOP + plot_height - value / top * plot_height

    lines = [
        Line(label, *STYLES[n % len(STYLES)], [(x_at(i), y_at(y), x_values[i], y) for i, y in enumerate(ys)])
        for n, (label, ys) in enumerate(series)
    ]
    y_ticks = [(y_at(top * k / 4), round(top * k / 4, 1) if top < 4 else int(top * k / 4)) for k in range(5)]
    every = max(1, -(-len(x_values) // 10))  # at most about ten x labels
    x_ticks = [(x_at(i), value) for i, value in enumerate(x_values) if i % every == 0 or i == len(x_values) - 1]
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP,
        "bottom": HEIGHT - BOTTOM, "lines": lines, "y_ticks": y_ticks, "x_ticks": x_ticks,
        "x_label_y": HEIGHT - BOTTOM + 18,
    }
