#!/usr/bin/env python3
"""Fits the rational tanh approximation used by GruKernel.tanh (needs numpy; not part of the build).

tanh(v) ~ v * P(v^2) / Q(v^2) on |v| <= 9 (beyond it tanh rounds to +-1 in float), P of degree 6, Q of degree 3
with Q(0) = 1. The fit minimises the relative error of tanh(v)/v by iterated linear least squares (each pass divides
by the previous denominator, so the linearised error approaches the true one), with Lawson reweighting in the later
passes to push toward an equal-ripple (minimax) error. It then rounds the coefficients to float and reports the
worst absolute error of the float evaluation against tanh in double precision.
"""
import numpy as np

CLAMP = 9.0


def fit(degree_p=6, degree_q=3, passes=40):
    n = 4000
    v = (CLAMP / 2) * (1 - np.cos(np.pi * (np.arange(n) + 0.5) / n))  # dense near both ends
    v = np.concatenate([v, np.linspace(1e-4, CLAMP, 2000)])
    target = np.tanh(v) / v
    t = v * v / CLAMP ** 2  # scaled variable keeps the least-squares system well conditioned
    previous_q = np.ones_like(t)
    weight = np.ones_like(t)
    for k in range(passes):
        powers_p = np.vstack([t ** i for i in range(degree_p + 1)]).T
        powers_q = np.vstack([t ** i for i in range(1, degree_q + 1)]).T
        system = np.hstack([powers_p, -target[:, None] * powers_q])
        scale = (weight / (target * previous_q))[:, None]
        solution, *_ = np.linalg.lstsq(system * scale, target * scale[:, 0], rcond=None)
        p = solution[:degree_p + 1]
        q = np.concatenate([[1.0], solution[degree_p + 1:]])
        previous_q = np.polyval(q[::-1], t)
        error = (np.polyval(p[::-1], t) / previous_q - target) / target
        if k > 10:
            weight = weight * np.abs(error) / np.mean(np.abs(error))
            weight = weight / np.max(weight) + 1e-6
    # back to powers of v^2
    return ([p[i] / CLAMP ** (2 * i) for i in range(degree_p + 1)],
            [q[i] / CLAMP ** (2 * i) for i in range(degree_q + 1)])


def evaluate_float(p, q, v):
    x = np.clip(v.astype(np.float32), np.float32(-CLAMP), np.float32(CLAMP))
    s = x * x
    num = np.float32(p[-1])
    for c in p[-2::-1]:
        num = num * s + np.float32(c)
    den = np.float32(q[-1])
    for c in q[-2::-1]:
        den = den * s + np.float32(c)
    return np.clip(x * num / den, np.float32(-1), np.float32(1))


if __name__ == "__main__":
    p, q = fit()
    print("P:", ", ".join(f"{np.float32(c):.8g}f" for c in p))
    print("Q:", ", ".join(f"{np.float32(c):.8g}f" for c in q))
    grid = np.linspace(-12, 12, 2_000_001).astype(np.float32)
    err = np.abs(evaluate_float(p, q, grid).astype(np.float64) - np.tanh(grid.astype(np.float64)))
    print("worst absolute error in float:", err.max())
